//! Prints the literal terms of a database's `about` groups, one per line, for comparing with
//! `rg -F -f TERMS` (stems lose their `*`; `/regex/` terms are left out).
//!
//! `cargo run --release --example db_terms -- [claims.toml] > terms.txt`

use std::collections::BTreeSet;

fn main() -> std::process::ExitCode {
    let sources = match std::env::args().nth(1) {
        Some(path) => match std::fs::read_to_string(&path) {
            Ok(text) => vec![(path, text)],
            Err(e) => {
                eprintln!("{path}: {e}");
                return std::process::ExitCode::from(2);
            }
        },
        None => Vec::new(),
    };
    let db = if sources.is_empty() {
        claimcheck::db::Database::embedded()
    } else {
        claimcheck::db::Database::from_sources(&sources)
    };
    let db = match db {
        Ok(db) => db,
        Err(e) => {
            eprintln!("{e}");
            return std::process::ExitCode::from(2);
        }
    };
    let mut terms = BTreeSet::new();
    for claim in &db.claims {
        for group in &claim.about {
            for term in &group.terms {
                if term.literal().is_some() {
                    terms.insert(term.source().trim_end_matches('*').to_lowercase());
                }
            }
        }
    }
    for t in terms {
        println!("{t}");
    }
    std::process::ExitCode::SUCCESS
}
