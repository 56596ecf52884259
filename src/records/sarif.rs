//! `--format sarif` for documents: the claim findings go through the SARIF printer of
//! `check` (each document's url, or its id, as the artifact), and uncovered statistics are
//! added to the same run as `note` results of the rule `uncovered` (kind `review`). The
//! printer's log is completed rather than copied, so both stay one format.

use std::io::{self, Write};

use serde_json::{Value, json};

use super::Document;
use super::output::{Checked, uncovered_message};
use crate::db::Database;
use crate::report::{self, InputError, Printer, Summary};

/// The rule id of uncovered statistics.
pub const UNCOVERED_RULE: &str = "uncovered";

/// A buffer the SARIF printer writes its log into, read back when it is done.
#[derive(Debug, Clone, Default)]
struct Buffer(std::rc::Rc<std::cell::RefCell<Vec<u8>>>);

impl Write for Buffer {
    fn write(&mut self, b: &[u8]) -> io::Result<usize> {
        self.0.borrow_mut().extend_from_slice(b);
        Ok(b.len())
    }
    fn flush(&mut self) -> io::Result<()> {
        Ok(())
    }
}

/// Collects one SARIF log over documents.
pub struct DocSarif {
    buffer: Buffer,
    inner: report::Sarif<Buffer>,
    uncovered: Vec<Value>,
}

impl Default for DocSarif {
    fn default() -> Self {
        let buffer = Buffer::default();
        DocSarif {
            inner: report::Sarif::new(buffer.clone()),
            buffer,
            uncovered: Vec::new(),
        }
    }
}

impl DocSarif {
    /// Adds one document's findings.
    pub fn document(&mut self, db: &Database, doc: &Document, checked: &Checked) -> io::Result<()> {
        let uri = doc.url.as_deref().unwrap_or(&doc.id);
        if !checked.found.is_empty() {
            self.inner.file(db, uri, &checked.found)?;
        }
        for u in &checked.uncovered {
            let hash = report::fingerprint(&[UNCOVERED_RULE, &u.sentence]);
            self.uncovered.push(json!({
                "ruleId": UNCOVERED_RULE,
                "level": "note",
                "kind": "review",
                "message": {"text": uncovered_message(u)},
                "locations": [{"physicalLocation": {
                    "artifactLocation": {"uri": report::relative_uri(uri)},
                    "region": {
                        "startLine": u.start.line,
                        "startColumn": u.start.column,
                        "endLine": u.end.line,
                        "endColumn": u.end.column,
                        "snippet": {"text": u.sentence},
                    },
                }}],
                "partialFingerprints": {"primaryLocationLineHash": format!("{hash}:1")},
            }));
        }
        Ok(())
    }

    /// Records an input error as a tool notification.
    pub fn error(&mut self, e: &InputError) -> io::Result<()> {
        self.inner.error(e)
    }

    /// Writes the whole log.
    pub fn finish(mut self, out: &mut impl Write, summary: &Summary) -> io::Result<()> {
        self.inner.finish(summary)?;
        let bytes = std::mem::take(&mut *self.buffer.0.borrow_mut());
        let mut log: Value = serde_json::from_slice(&bytes).map_err(report::json_io)?;
        if !self.uncovered.is_empty()
            && let Some(run) = log.pointer_mut("/runs/0")
        {
            let rules = run
                .pointer_mut("/tool/driver/rules")
                .and_then(Value::as_array_mut);
            let index = rules.map(|r| {
                r.push(json!({
                    "id": UNCOVERED_RULE,
                    "shortDescription": {"text": "A statistic on the database's subjects that no claim covers"},
                    "fullDescription": {"text": "The sentence contains a subject term of the claims database and states a figure (count, share, money, mass, multiplier, rate, change or dated event) that no claim checked: a candidate for a new claim."},
                    "properties": {"tags": ["claimcheck", "uncovered"]},
                }));
                r.len() - 1
            });
            for mut u in std::mem::take(&mut self.uncovered) {
                if let Some(i) = index {
                    u["ruleIndex"] = json!(i);
                }
                if let Some(results) = run.get_mut("results").and_then(Value::as_array_mut) {
                    results.push(u);
                }
            }
        }
        serde_json::to_writer_pretty(&mut *out, &log).map_err(report::json_io)?;
        writeln!(out)?;
        out.flush()
    }
}
