//! Writes a reproducible benchmark corpus to stdout.
//!
//! `cargo run --release --example gen_corpus -- --mb 200 --density 0.05 --seed 1 > corpus.txt`
//!
//! `--density` is the share of paragraphs that carry a sentence about a claim (agreeing,
//! conflicting or deliberately silent examples of the database given with `--db`, default
//! the shipped `claims.toml`); the rest is unrelated news prose with numbers and dates.

#[path = "../bench/gen.rs"]
mod generator;

use std::io::Write;

fn main() -> std::process::ExitCode {
    let mut mb = 10.0_f64;
    let mut density = 0.05_f64;
    let mut seed = 1_u64;
    let mut db = String::from(claimcheck::db::EMBEDDED);
    let mut args = std::env::args().skip(1);
    while let Some(a) = args.next() {
        let value = args.next().unwrap_or_default();
        let ok = match a.as_str() {
            "--mb" => value.parse().map(|v| mb = v).is_ok(),
            "--density" => value.parse().map(|v| density = v).is_ok(),
            "--seed" => value.parse().map(|v| seed = v).is_ok(),
            "--db" => std::fs::read_to_string(&value).map(|t| db = t).is_ok(),
            _ => false,
        };
        if !ok {
            eprintln!("usage: gen_corpus [--mb N] [--density 0..1] [--seed N] [--db claims.toml]");
            return std::process::ExitCode::from(2);
        }
    }
    let sentences = generator::example_sentences(&db);
    let text = generator::corpus((mb * 1_000_000.0) as usize, density, seed, &sentences);
    let mut out = std::io::stdout().lock();
    if out.write_all(text.as_bytes()).is_err() {
        return std::process::ExitCode::from(2);
    }
    std::process::ExitCode::SUCCESS
}
