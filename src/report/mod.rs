//! Printers: every output format is a printer over the same findings.
//!
//! The engine hands over findings with byte spans; printers turn spans into lines and columns
//! and decide how things read.

mod github;
mod human;
mod json;
mod rdjsonl;
mod sarif;

pub use github::{Github, escape_data, escape_property};
pub use human::Human;
pub use json::{Json, JsonLines};
pub use rdjsonl::Rdjsonl;
pub use sarif::{Sarif, fingerprint, relative_uri};

use std::io;

use crate::check::{Finding, Verdict};
use crate::db::{Database, Fact};
use crate::input::LineIndex;

/// A checked input: its name as given (`-` for standard input) and its text.
pub struct Document<'a> {
    pub path: &'a str,
    pub text: &'a str,
    pub lines: &'a LineIndex,
}

/// A problem with one input (unreadable, not a file) that did not stop the run.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct InputError {
    pub path: String,
    pub message: String,
}

/// Totals for the summary line.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Summary {
    pub files: usize,
    pub findings: usize,
    pub agrees: usize,
    pub conflicts: usize,
}

impl Summary {
    /// Counts a file's findings.
    pub fn add(&mut self, findings: &[Finding]) {
        self.files += 1;
        self.findings += findings.len();
        for f in findings {
            match f.verdict {
                Verdict::Agrees => self.agrees += 1,
                Verdict::Conflicts => self.conflicts += 1,
            }
        }
    }
}

/// An output format.
pub trait Printer {
    /// One checked file and its findings, in order.
    fn file(&mut self, db: &Database, doc: &Document, findings: &[Finding]) -> io::Result<()>;
    /// An input that could not be checked (also reported on stderr by the caller).
    fn error(&mut self, err: &InputError) -> io::Result<()>;
    /// The end of the run.
    fn finish(&mut self, summary: &Summary) -> io::Result<()>;
}

/// The human message of a finding: what the text states and what the sources say.
pub fn message(f: &Finding, fact: &Fact) -> String {
    let stated = collapse(&f.stated);
    let expected = fact.expected();
    let about = fact
        .label
        .as_deref()
        .map_or_else(String::new, |l| format!(" for {l}"));
    match f.verdict {
        Verdict::Agrees => format!("\"{stated}\" agrees with the sources{about}: {expected}"),
        Verdict::Conflicts => {
            format!("the text says \"{stated}\"{about}, but the sources say {expected}")
        }
    }
}

/// A JSON writing error as an I/O error of the same kind, so a closed pipe stays a closed pipe
/// (and ends the run quietly).
pub(crate) fn json_io(e: serde_json::Error) -> io::Error {
    io::Error::new(e.io_error_kind().unwrap_or(io::ErrorKind::Other), e)
}

/// Text on one line: runs of white space become one space.
pub fn collapse(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}
