//! `--format sarif`: SARIF 2.1.0 for GitHub code scanning and other SARIF viewers.
//!
//! One run; `tool.driver.rules` holds one rule per claim that has a finding (id = claim id);
//! one result per finding, `error` for conflicts and `note` for agreements, with a
//! `partialFingerprints.primaryLocationLineHash` computed from the claim, the sentence and
//! the stated words (not the line number), so an alert survives edits above it. Columns
//! count Unicode code points (`columnKind: unicodeCodePoints`).

use std::io::{self, Write};

use serde_json::{Value, json};

use super::{InputError, Placed, Printer, Summary, collapse, message};
use crate::check::Verdict;
use crate::db::Database;

/// Collects results and writes one SARIF log at the end.
pub struct Sarif<W: Write> {
    out: W,
    /// Claim indices in order of first appearance (the rules).
    rules: Vec<usize>,
    results: Vec<Value>,
    rule_defs: Vec<Value>,
    notifications: Vec<Value>,
}

impl<W: Write> Sarif<W> {
    pub fn new(out: W) -> Self {
        Sarif {
            out,
            rules: Vec::new(),
            results: Vec::new(),
            rule_defs: Vec::new(),
            notifications: Vec::new(),
        }
    }
}

/// 64-bit FNV-1a: small, stable across versions and platforms (unlike `DefaultHasher`).
pub fn fingerprint(parts: &[&str]) -> String {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for p in parts {
        for b in p.bytes().chain(std::iter::once(0)) {
            h ^= u64::from(b);
            h = h.wrapping_mul(0x0100_0000_01b3);
        }
    }
    format!("{h:016x}")
}

/// A path as a repository-relative URI reference: forward slashes, no leading "./".
pub fn relative_uri(path: &str) -> String {
    let p = path.replace('\\', "/");
    let p = p.trim_start_matches("./");
    p.replace(' ', "%20")
}

fn rule(db: &Database, ci: usize) -> Value {
    let claim = &db.claims[ci];
    let sources: Vec<String> = claim
        .sources
        .iter()
        .map(|s| {
            format!(
                "{} ({}, {}): \"{}\" {}",
                s.title, s.publisher, s.date, s.quote, s.url
            )
        })
        .collect();
    let mut full = claim.statement.clone();
    if let Some(note) = &claim.note {
        full.push_str("\n\n");
        full.push_str(&collapse(note));
    }
    let mut r = json!({
        "id": claim.id,
        "shortDescription": {"text": claim.statement},
        "fullDescription": {"text": full},
        "help": {"text": format!("Sources:\n{}", sources.join("\n"))},
        "properties": {"tags": ["claimcheck", "fact-check"]},
    });
    if let Some(s) = claim.sources.first() {
        r["helpUri"] = json!(s.url);
    }
    r
}

impl<W: Write> Printer for Sarif<W> {
    fn file(&mut self, db: &Database, path: &str, found: &[Placed]) -> io::Result<()> {
        for p in found {
            let f = &p.finding;
            let rule_index = match self.rules.iter().position(|&c| c == f.claim) {
                Some(k) => k,
                None => {
                    self.rules.push(f.claim);
                    self.rule_defs.push(rule(db, f.claim));
                    self.rules.len() - 1
                }
            };
            let claim = &db.claims[f.claim];
            let fact = &claim.facts[f.fact];
            let (line, col) = (p.start.line, p.start.column);
            let (end_line, end_col) = (p.end.line, p.end.column);
            let sentence = collapse(&p.sentence);
            let hash = &p.fingerprint;
            self.results.push(json!({
                "ruleId": claim.id,
                "ruleIndex": rule_index,
                "level": match f.verdict { Verdict::Conflicts => "error", Verdict::Agrees => "note" },
                "kind": match f.verdict { Verdict::Conflicts => "fail", Verdict::Agrees => "pass" },
                "message": {"text": message(f, fact)},
                "locations": [{
                    "physicalLocation": {
                        "artifactLocation": {"uri": relative_uri(path)},
                        "region": {
                            "startLine": line,
                            "startColumn": col,
                            "endLine": end_line,
                            "endColumn": end_col,
                            "snippet": {"text": sentence},
                        },
                    },
                }],
                "partialFingerprints": {"primaryLocationLineHash": format!("{hash}:1")},
            }));
        }
        Ok(())
    }

    fn error(&mut self, err: &InputError) -> io::Result<()> {
        self.notifications.push(json!({
            "level": "error",
            "message": {"text": format!("{}: {}", err.path, err.message)},
            "locations": [{"physicalLocation": {"artifactLocation": {"uri": relative_uri(&err.path)}}}],
        }));
        Ok(())
    }

    fn finish(&mut self, _s: &Summary) -> io::Result<()> {
        let log = json!({
            "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
            "version": "2.1.0",
            "runs": [{
                "tool": {"driver": {
                    "name": "claimcheck",
                    "version": env!("CARGO_PKG_VERSION"),
                    "semanticVersion": env!("CARGO_PKG_VERSION"),
                    "informationUri": env!("CARGO_PKG_HOMEPAGE"),
                    "rules": std::mem::take(&mut self.rule_defs),
                }},
                "invocations": [{
                    "executionSuccessful": self.notifications.is_empty(),
                    "toolExecutionNotifications": std::mem::take(&mut self.notifications),
                }],
                "columnKind": "unicodeCodePoints",
                "results": std::mem::take(&mut self.results),
            }],
        });
        serde_json::to_writer_pretty(&mut self.out, &log).map_err(super::json_io)?;
        writeln!(self.out)?;
        self.out.flush()
    }
}
