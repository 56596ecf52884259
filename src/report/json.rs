//! `--format json` (one document) and `--format jsonl` (one finding per line, as found).
//!
//! The JSON document is
//! `{"version": 1, "findings": [...], "errors": [...], "config": PATH | null, "summary":
//! {"files", "findings", "agrees", "conflicts", "suppressed", "baselined", "skipped",
//! "unchecked_sentences"}}`; `config` is the project file in use. Each finding has `path`, `line`, `column`, `end_line`,
//! `end_column` (1-based; columns count characters; the span of what the text states, or of the
//! sentence), `byte_start`, `byte_end` (0-based byte offsets into the file),
//! `claim_id`, `verdict` (`agrees` | `conflicts`), `text` (the sentence), `stated`,
//! `expected`, `message`, `statement`, `with_previous` (the previous sentence helped recognise
//! the claim), and `sources` (`title`, `publisher`, `url`, `date`, `quote`). Fields may be
//! added in later versions; none will be removed or change meaning while `version` is 1.

use std::io::{self, Write};

use serde::Serialize;

use super::{InputError, Placed, Printer, Summary, collapse, message};
use crate::db::Database;

/// One finding on the wire.
#[derive(Debug, Serialize)]
pub struct JsonFinding<'a> {
    pub path: &'a str,
    pub line: usize,
    pub column: usize,
    pub end_line: usize,
    pub end_column: usize,
    pub byte_start: usize,
    pub byte_end: usize,
    pub claim_id: &'a str,
    pub verdict: &'static str,
    pub text: String,
    pub stated: String,
    pub expected: String,
    pub message: String,
    pub statement: &'a str,
    pub with_previous: bool,
    pub sources: Vec<JsonSource<'a>>,
}

/// A source on the wire.
#[derive(Debug, Serialize)]
pub struct JsonSource<'a> {
    pub title: &'a str,
    pub publisher: &'a str,
    pub url: &'a str,
    pub date: &'a str,
    pub quote: &'a str,
}

/// An input error on the wire.
#[derive(Debug, Serialize)]
struct JsonError<'a> {
    path: &'a str,
    message: &'a str,
}

/// Builds the wire form of a finding.
pub fn to_json<'a>(db: &'a Database, path: &'a str, p: &Placed) -> JsonFinding<'a> {
    let f = &p.finding;
    let claim = &db.claims[f.claim];
    let fact = &claim.facts[f.fact];
    JsonFinding {
        path,
        line: p.start.line,
        column: p.start.column,
        end_line: p.end.line,
        end_column: p.end.column,
        byte_start: p.start.offset,
        byte_end: p.end.offset,
        claim_id: &claim.id,
        verdict: f.verdict.as_str(),
        text: collapse(&p.sentence),
        stated: collapse(&f.stated),
        expected: fact.expected(),
        message: message(f, fact),
        statement: &claim.statement,
        with_previous: f.with_previous,
        sources: claim
            .sources
            .iter()
            .map(|s| JsonSource {
                title: &s.title,
                publisher: &s.publisher,
                url: &s.url,
                date: &s.date,
                quote: &s.quote,
            })
            .collect(),
    }
}

/// Writes one JSON document: findings as they come (so memory does not grow with the number
/// of findings), then the input errors and the summary at the end.
pub struct Json<W: Write> {
    out: W,
    /// The document's opening has been written.
    started: bool,
    /// Findings written so far (a comma goes before every one but the first).
    written: usize,
    errors: Vec<serde_json::Value>,
    /// The project file in use, if any.
    config: Option<String>,
}

impl<W: Write> Json<W> {
    pub fn new(out: W) -> Self {
        Json {
            out,
            started: false,
            written: 0,
            errors: Vec::new(),
            config: None,
        }
    }

    /// Names the project file in use (`config` in the document).
    pub fn with_config(mut self, config: Option<String>) -> Self {
        self.config = config;
        self
    }

    fn open(&mut self) -> io::Result<()> {
        if !self.started {
            self.started = true;
            write!(self.out, "{{\"version\":1,\"findings\":[")?;
        }
        Ok(())
    }
}

impl<W: Write> Printer for Json<W> {
    fn file(&mut self, db: &Database, path: &str, found: &[Placed]) -> io::Result<()> {
        for p in found {
            self.open()?;
            if self.written > 0 {
                self.out.write_all(b",")?;
            }
            serde_json::to_writer(&mut self.out, &to_json(db, path, p)).map_err(super::json_io)?;
            self.written += 1;
        }
        Ok(())
    }

    fn error(&mut self, err: &InputError) -> io::Result<()> {
        let e = JsonError {
            path: &err.path,
            message: &err.message,
        };
        self.errors
            .push(serde_json::to_value(e).map_err(super::json_io)?);
        Ok(())
    }

    fn finish(&mut self, s: &Summary) -> io::Result<()> {
        self.open()?;
        let summary = serde_json::json!({
            "files": s.files,
            "findings": s.findings,
            "agrees": s.agrees,
            "conflicts": s.conflicts,
            "suppressed": s.suppressed,
            "baselined": s.baselined,
            "skipped": s.skipped,
            "unchecked_sentences": s.unchecked_sentences,
        });
        write!(self.out, "],\"errors\":")?;
        serde_json::to_writer(&mut self.out, &self.errors).map_err(super::json_io)?;
        write!(self.out, ",\"config\":")?;
        serde_json::to_writer(&mut self.out, &self.config).map_err(super::json_io)?;
        write!(self.out, ",\"summary\":")?;
        serde_json::to_writer(&mut self.out, &summary).map_err(super::json_io)?;
        writeln!(self.out, "}}")?;
        self.out.flush()
    }
}

/// Writes each finding as one JSON line as soon as its file is checked.
pub struct JsonLines<W: Write> {
    out: W,
}

impl<W: Write> JsonLines<W> {
    pub fn new(out: W) -> Self {
        JsonLines { out }
    }
}

impl<W: Write> Printer for JsonLines<W> {
    fn file(&mut self, db: &Database, path: &str, found: &[Placed]) -> io::Result<()> {
        for p in found {
            serde_json::to_writer(&mut self.out, &to_json(db, path, p)).map_err(super::json_io)?;
            writeln!(self.out)?;
        }
        self.out.flush()
    }

    fn error(&mut self, _err: &InputError) -> io::Result<()> {
        Ok(()) // reported on stderr; a JSON line is a finding
    }

    fn finish(&mut self, _s: &Summary) -> io::Result<()> {
        self.out.flush()
    }
}
