//! `--format sarif`: SARIF 2.1.0 for GitHub code scanning and other SARIF viewers.
//!
//! One run; `tool.driver.rules` holds one rule per claim that has a finding (id = claim id);
//! one result per finding, `error` for conflicts and `note` for agreements, with a
//! `partialFingerprints.primaryLocationLineHash` computed from the claim, the sentence and
//! the stated words (not the line number), so an alert survives edits above it. Columns
//! count Unicode code points (`columnKind: unicodeCodePoints`). A result's
//! `region.snippet` is the text of its region; the whole sentence is in
//! `properties.sentence`.
//!
//! Results are written as they come, one per line, so memory does not grow with their
//! number: the run's `results` come first and the `tool` (with the rules seen, which are
//! only known at the end) after them; JSON does not order an object's members.

use std::collections::HashMap;
use std::io::{self, Write};

use serde_json::{Value, json};

use super::{InputError, Placed, Printer, Summary, collapse, message};
use crate::check::Verdict;
use crate::db::Database;

/// Writes one SARIF log, results streamed.
pub struct Sarif<W: Write> {
    out: W,
    /// Rule index of each claim seen (claim index → position in `rule_defs`).
    rules: HashMap<usize, usize>,
    rule_defs: Vec<Value>,
    notifications: Vec<Value>,
    /// The log's opening has been written.
    started: bool,
    /// Results written so far.
    written: usize,
}

impl<W: Write> Sarif<W> {
    pub fn new(out: W) -> Self {
        Sarif {
            out,
            rules: HashMap::new(),
            rule_defs: Vec::new(),
            notifications: Vec::new(),
            started: false,
            written: 0,
        }
    }

    fn open(&mut self) -> io::Result<()> {
        if !self.started {
            self.started = true;
            write!(
                self.out,
                "{{\n  \"$schema\": \"https://json.schemastore.org/sarif-2.1.0.json\",\n  \"version\": \"2.1.0\",\n  \"runs\": [\n    {{\n      \"columnKind\": \"unicodeCodePoints\",\n      \"results\": ["
            )?;
        }
        Ok(())
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

/// A path as a repository-relative URI reference: the path as reported
/// ([`super::normalize_path`]), with the characters a URI cannot hold percent-encoded.
pub fn relative_uri(path: &str) -> String {
    let mut out = String::new();
    for b in super::normalize_path(path).bytes() {
        if b.is_ascii_alphanumeric() || b"-._~/!$&'()*+,;=:@".contains(&b) {
            out.push(char::from(b));
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
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
        self.open()?;
        let uri = relative_uri(path);
        for p in found {
            let f = &p.finding;
            let next = self.rule_defs.len();
            let rule_index = *self.rules.entry(f.claim).or_insert(next);
            if rule_index == next {
                self.rule_defs.push(rule(db, f.claim));
            }
            let claim = &db.claims[f.claim];
            let fact = &claim.facts[f.fact];
            let result = json!({
                "ruleId": claim.id,
                "ruleIndex": rule_index,
                "level": match f.verdict { Verdict::Conflicts => "error", Verdict::Agrees => "note" },
                "kind": match f.verdict { Verdict::Conflicts => "fail", Verdict::Agrees => "pass" },
                "message": {"text": message(f, fact)},
                "locations": [{
                    "physicalLocation": {
                        "artifactLocation": {"uri": uri},
                        "region": {
                            "startLine": p.start.line,
                            "startColumn": p.start.column,
                            "endLine": p.end.line,
                            "endColumn": p.end.column,
                            "snippet": {"text": p.region},
                        },
                    },
                }],
                "partialFingerprints": {"primaryLocationLineHash": format!("{}:1", p.fingerprint)},
                "properties": {"sentence": collapse(&p.sentence)},
            });
            let sep = if self.written == 0 { "" } else { "," };
            write!(self.out, "{sep}\n        ")?;
            serde_json::to_writer(&mut self.out, &result).map_err(super::json_io)?;
            self.written += 1;
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
        self.open()?;
        let tool = json!({"driver": {
            "name": "claimcheck",
            "version": env!("CARGO_PKG_VERSION"),
            "semanticVersion": env!("CARGO_PKG_VERSION"),
            "informationUri": env!("CARGO_PKG_HOMEPAGE"),
            "rules": std::mem::take(&mut self.rule_defs),
        }});
        let invocations = json!([{
            "executionSuccessful": self.notifications.is_empty(),
            "toolExecutionNotifications": std::mem::take(&mut self.notifications),
        }]);
        let close = if self.written == 0 { "" } else { "\n      " };
        write!(self.out, "{close}],\n      \"tool\": ")?;
        serde_json::to_writer(&mut self.out, &tool).map_err(super::json_io)?;
        write!(self.out, ",\n      \"invocations\": ")?;
        serde_json::to_writer(&mut self.out, &invocations).map_err(super::json_io)?;
        writeln!(self.out, "\n    }}\n  ]\n}}")?;
        self.out.flush()
    }
}
