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
use std::ops::Range;

use crate::check::{Finding, Verdict};
use crate::db::{Database, Fact};
use crate::input::{Locator, Position};
use crate::markup::Prose;

/// A finding placed in its file: everything a printer needs.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Placed {
    /// The engine's finding; its spans are offsets into the prose that was checked.
    pub finding: Finding,
    /// The sentence as the checker read it (markup removed, entities decoded).
    pub sentence: String,
    /// Byte range of what the sentence states, within `sentence`.
    pub mark: Range<usize>,
    /// The source text of what the sentence states (markup included, as in the file).
    pub region: String,
    /// Where what the sentence states starts in the source file.
    pub start: Position,
    /// Where it ends.
    pub end: Position,
    /// A hash of the claim id, the sentence and what it states: stable under edits elsewhere
    /// in the file (SARIF fingerprints, baselines).
    pub fingerprint: String,
}

impl Placed {
    /// Places `finding`, found in `prose`, in the source that `locator` indexes.
    pub fn new(
        db: &Database,
        finding: Finding,
        prose: &Prose,
        text: &str,
        locator: &Locator,
    ) -> Placed {
        let span = prose.source_range(&finding.span);
        let sentence = text.get(finding.sentence.clone()).unwrap_or("").to_string();
        let mark_start = finding
            .span
            .start
            .saturating_sub(finding.sentence.start)
            .min(sentence.len());
        let mark_end = finding
            .span
            .end
            .saturating_sub(finding.sentence.start)
            .clamp(mark_start, sentence.len());
        let id = db.claims.get(finding.claim).map_or("", |c| c.id.as_str());
        let fingerprint = fingerprint(&[id, &collapse(&sentence), &collapse(&finding.stated)]);
        Placed {
            region: locator.slice(span.clone()).to_string(),
            start: locator.position(span.start),
            end: locator.position(span.end),
            mark: mark_start..mark_end,
            sentence,
            finding,
            fingerprint,
        }
    }
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
    /// Files checked.
    pub files: usize,
    /// Findings reported.
    pub findings: usize,
    /// Reported findings that agree.
    pub agrees: usize,
    /// Reported findings that conflict.
    pub conflicts: usize,
    /// Findings silenced by an inline `claimcheck-disable` comment (not reported).
    pub suppressed: usize,
    /// Findings already recorded in the baseline (not reported).
    pub baselined: usize,
    /// Binary files skipped.
    pub skipped: usize,
    /// Sentences too long for the checker (holding a claim's words) that were not checked.
    pub unchecked_sentences: usize,
}

impl Summary {
    /// Counts reported findings.
    pub fn add<'a>(&mut self, findings: impl IntoIterator<Item = &'a Finding>) {
        for f in findings {
            self.findings += 1;
            match f.verdict {
                Verdict::Agrees => self.agrees += 1,
                Verdict::Conflicts => self.conflicts += 1,
            }
        }
    }
}

/// An output format.
pub trait Printer {
    /// Findings of the file `path`, in order. A large file may arrive in several calls.
    fn file(&mut self, db: &Database, path: &str, found: &[Placed]) -> io::Result<()>;
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

/// A path as recorded in reports and baselines: forward slashes, no leading `./`. The one
/// place paths are normalised.
pub fn normalize_path(path: &str) -> String {
    let p = path.replace('\\', "/");
    let mut p = p.as_str();
    while let Some(rest) = p.strip_prefix("./") {
        p = rest;
    }
    p.to_string()
}

/// Text for a terminal: control characters (an escape sequence, a newline in a file name)
/// are shown escaped (`\u{1b}`, `\n`) instead of reaching the terminal.
pub fn escape_controls(s: &str) -> std::borrow::Cow<'_, str> {
    if !s.chars().any(char::is_control) {
        return std::borrow::Cow::Borrowed(s);
    }
    std::borrow::Cow::Owned(
        s.chars()
            .map(|c| {
                if c.is_control() {
                    c.escape_default().to_string()
                } else {
                    c.to_string()
                }
            })
            .collect(),
    )
}

/// Text on one line: runs of white space become one space.
pub fn collapse(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[cfg(test)]
mod tests;
