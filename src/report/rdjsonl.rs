//! `--format rdjsonl`: reviewdog's JSON-lines diagnostics, one per finding, so teams using
//! reviewdog get comments on pull requests. Columns are 1-based UTF-8 byte counts, as
//! reviewdog's `Position` defines them.

use std::io::{self, Write};

use serde_json::json;

use super::{InputError, Placed, Printer, Summary, message};
use crate::check::Verdict;
use crate::db::Database;

/// One diagnostic per line.
pub struct Rdjsonl<W: Write> {
    out: W,
}

impl<W: Write> Rdjsonl<W> {
    pub fn new(out: W) -> Self {
        Rdjsonl { out }
    }
}

impl<W: Write> Printer for Rdjsonl<W> {
    fn file(&mut self, db: &Database, path: &str, found: &[Placed]) -> io::Result<()> {
        for p in found {
            let f = &p.finding;
            let claim = &db.claims[f.claim];
            let fact = &claim.facts[f.fact];
            let (line, column) = (p.start.line, p.start.byte_column);
            let (end_line, end_column) = (p.end.line, p.end.byte_column);
            let mut d = json!({
                "message": message(f, fact),
                "location": {
                    "path": path,
                    "range": {
                        "start": {"line": line, "column": column},
                        "end": {"line": end_line, "column": end_column},
                    },
                },
                "severity": match f.verdict { Verdict::Conflicts => "ERROR", Verdict::Agrees => "INFO" },
                "source": {"name": "claimcheck", "url": env!("CARGO_PKG_HOMEPAGE")},
                "code": {"value": claim.id},
            });
            if let Some(s) = claim.sources.first() {
                d["code"]["url"] = json!(s.url);
            }
            serde_json::to_writer(&mut self.out, &d).map_err(super::json_io)?;
            writeln!(self.out)?;
        }
        self.out.flush()
    }

    fn error(&mut self, _err: &InputError) -> io::Result<()> {
        Ok(()) // reported on stderr; a line here is a diagnostic about the text
    }

    fn finish(&mut self, _s: &Summary) -> io::Result<()> {
        self.out.flush()
    }
}
