//! `db list`, `db lint`, `db test`, `db export` and `db import`.
#![allow(clippy::print_stderr)] // the CLI edge is where errors are written

use std::io::{self, Write};

use serde_json::{Value, json};

use crate::check;
use crate::report;

use super::{load_or_report, write_json};
use crate::cli::{ToolFormat, read_sources};
use crate::input::read_limited;

/// Largest ClaimReview file `db import` reads (as large as a database may be).
const MAX_IMPORT_BYTES: usize = crate::db::MAX_DB_BYTES;

/// `claimcheck db list`.
pub fn db_list(dbs: &[String], format: ToolFormat) -> io::Result<u8> {
    let Some(db) = load_or_report(dbs) else {
        return Ok(2);
    };
    let mut out = io::BufWriter::new(io::stdout().lock());
    match format {
        ToolFormat::Human => {
            let width = db.claims.iter().map(|c| c.id.len()).max().unwrap_or(0);
            for c in &db.claims {
                let draft = if c.draft { "(draft) " } else { "" };
                writeln!(
                    out,
                    "{:width$}  {draft}{}",
                    c.id,
                    report::collapse(&c.statement)
                )?;
            }
        }
        ToolFormat::Json => {
            let claims: Vec<Value> = db
                .claims
                .iter()
                .map(|c| {
                    json!({
                        "id": c.id,
                        "statement": c.statement,
                        "facts": c.facts.iter().map(|f| f.kind().name()).collect::<Vec<_>>(),
                        "sources": c.sources.len(),
                        "origin": c.origin,
                        "line": c.line,
                        "draft": c.draft,
                    })
                })
                .collect();
            write_json(&mut out, &json!({ "claims": claims }))?;
        }
    }
    out.flush()?;
    Ok(0)
}

// db test

/// `claimcheck db test`: every claim's examples through the checker.
/// `db lint`: every problem with its position; 0 clean, 1 errors, 2 unreadable.
pub fn db_lint(dbs: &[String], format: ToolFormat) -> io::Result<u8> {
    let sources = match read_sources(dbs) {
        Ok(s) => s,
        Err(msg) => {
            say!("claimcheck: {msg}");
            return Ok(2);
        }
    };
    let problems = crate::lint::lint(&sources);
    let errors = problems
        .iter()
        .filter(|p| p.severity == crate::lint::Severity::Error)
        .count();
    let warnings = problems.len() - errors;
    let mut out = io::BufWriter::new(io::stdout().lock());
    match format {
        ToolFormat::Human => {
            for p in &problems {
                let severity = match p.severity {
                    crate::lint::Severity::Error => "error",
                    crate::lint::Severity::Warning => "warning",
                };
                writeln!(
                    out,
                    "{}:{}:{}: {severity}[{}]: {}",
                    p.path, p.line, p.column, p.code, p.message
                )?;
            }
            let claims: usize = sources
                .iter()
                .map(|(_, s)| s.lines().filter(|l| l.trim() == "[[claim]]").count())
                .sum();
            writeln!(
                out,
                "{} checked ({claims} claims): {errors} {}, {warnings} {}",
                if sources.len() == 1 {
                    sources[0].0.clone()
                } else {
                    format!("{} files", sources.len())
                },
                if errors == 1 { "error" } else { "errors" },
                if warnings == 1 { "warning" } else { "warnings" },
            )?;
        }
        ToolFormat::Json => write_json(
            &mut out,
            &json!({ "problems": problems, "errors": errors, "warnings": warnings }),
        )?,
    }
    out.flush()?;
    Ok(u8::from(errors > 0))
}

/// `db export --format claimreview`: every claim as a ClaimReview, one JSON-LD array.
pub fn db_export(dbs: &[String], author: &str, url_base: &str) -> io::Result<u8> {
    let Some(db) = load_or_report(dbs) else {
        return Ok(2);
    };
    let publisher = crate::claimreview::Publisher {
        name: author,
        url_base,
    };
    let mut out = io::BufWriter::new(io::stdout().lock());
    write_json(&mut out, &crate::claimreview::export(&db, &publisher))?;
    out.flush()?;
    Ok(0)
}

/// `db import FILE`: ClaimReview JSON-LD to TOML claim stubs; never overwrites without
/// `force`.
pub fn db_import(file: &str, output: Option<&str>, force: bool) -> io::Result<u8> {
    let name = if file == "-" { "standard input" } else { file };
    let text = match read_limited(std::path::Path::new(file), MAX_IMPORT_BYTES) {
        Ok(bytes) => crate::input::decode(bytes).text,
        Err(e) => {
            say!("claimcheck: {name}: cannot read: {e}");
            return Ok(2);
        }
    };
    let doc: Value = match serde_json::from_str(&text) {
        Ok(v) => v,
        Err(e) => {
            say!(
                "claimcheck: {file}:{}:{}: not JSON-LD: {e}",
                e.line(),
                e.column()
            );
            return Ok(2);
        }
    };
    let (stubs, n) = crate::claimreview::import(&doc);
    if n == 0 {
        say!("claimcheck: {file}: no ClaimReview found (looked in objects, arrays and @graph)");
        return Ok(2);
    }
    match output {
        None => {
            let mut out = io::stdout().lock();
            out.write_all(stubs.as_bytes())?;
            out.flush()?;
        }
        Some(path) => {
            if !force && std::path::Path::new(path).exists() {
                say!("claimcheck: {path} exists; not overwritten (use --force to replace it)");
                return Ok(2);
            }
            if let Err(e) = std::fs::write(path, stubs) {
                say!("claimcheck: {path}: cannot write: {e}");
                return Ok(2);
            }
            say!("claimcheck: wrote {n} claim stubs to {path}");
        }
    }
    Ok(0)
}

/// `db test`: every example through the checker.
pub fn db_test(dbs: &[String], format: ToolFormat) -> io::Result<u8> {
    let Some(db) = load_or_report(dbs) else {
        return Ok(2);
    };
    let examples: usize = db
        .claims
        .iter()
        .map(|c| c.examples.agrees.len() + c.examples.conflicts.len() + c.examples.silent.len())
        .sum();
    let failures = check::run_examples(&db);
    let mut out = io::BufWriter::new(io::stdout().lock());
    match format {
        ToolFormat::Human => {
            for f in &failures {
                writeln!(
                    out,
                    "FAIL [{}] {}",
                    f.claim_id,
                    report::collapse(&f.sentence)
                )?;
                writeln!(out, "  expected: {}", f.expected)?;
                writeln!(out, "  found:    {}", f.found)?;
                if let Some(h) = &f.hint {
                    writeln!(out, "  hint:     {h}")?;
                }
            }
            writeln!(out, "{examples} examples, {} failed", failures.len())?;
        }
        ToolFormat::Json => {
            let list: Vec<Value> = failures
                .iter()
                .map(|f| {
                    json!({
                        "claim_id": f.claim_id,
                        "sentence": f.sentence,
                        "expected": f.expected,
                        "found": f.found,
                    })
                })
                .collect();
            write_json(&mut out, &json!({ "examples": examples, "failures": list }))?;
        }
    }
    out.flush()?;
    Ok(if failures.is_empty() { 0 } else { 1 })
}
