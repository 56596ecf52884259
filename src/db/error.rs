//! Problems in a database, each with its kind ([`DbErrorCode`]), set where it is raised, and
//! its file, line and column.

use std::ops::Range;

use super::limits::MAX_ERRORS_PER_FILE;
use crate::text::LineIndex;

/// The kind of a database problem: what `db lint` reports as its code.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum DbErrorCode {
    /// The TOML does not parse, or a key is unknown, missing or of the wrong type.
    Schema,
    /// Two claims share an id.
    DuplicateId,
    /// A claim has no source.
    MissingSource,
    /// A source has no (or no valid) url.
    SourceWithoutUrl,
    /// A source has no quote.
    SourceWithoutQuote,
    /// A `/pattern/` matches the empty string.
    EmptyMatch,
    /// Any other invalid value, and the limits.
    Invalid,
}

impl DbErrorCode {
    /// The code as `db lint` prints it.
    pub fn as_str(self) -> &'static str {
        match self {
            DbErrorCode::Schema => "schema",
            DbErrorCode::DuplicateId => "duplicate-id",
            DbErrorCode::MissingSource => "missing-source",
            DbErrorCode::SourceWithoutUrl => "source-without-url",
            DbErrorCode::SourceWithoutQuote => "source-without-quote",
            DbErrorCode::EmptyMatch => "empty-match",
            DbErrorCode::Invalid => "invalid",
        }
    }
}

/// One problem in a database, with its position.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{path}:{line}:{column}: {message}")]
pub struct DbError {
    pub code: DbErrorCode,
    pub path: String,
    pub line: usize,
    pub column: usize,
    pub message: String,
}

/// Every problem found while loading databases.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DbErrors(pub Vec<DbError>);

impl std::fmt::Display for DbErrors {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        for (k, e) in self.0.iter().enumerate() {
            if k > 0 {
                writeln!(f)?;
            }
            write!(f, "{e}")?;
        }
        Ok(())
    }
}

impl std::error::Error for DbErrors {}

/// Collects positioned problems for one source file.
pub(super) struct Problems<'a> {
    path: &'a str,
    src: &'a str,
    /// Line starts: positions are found by binary search, not by counting from the top of a
    /// file of up to 64 MiB for each of up to 100,000 claims.
    lines: LineIndex,
    list: Vec<DbError>,
    /// Problems found, listed or not (see [`MAX_ERRORS_PER_FILE`]).
    pub(super) count: usize,
}

impl<'a> Problems<'a> {
    pub(super) fn new(path: &'a str, src: &'a str) -> Problems<'a> {
        Problems {
            path,
            src,
            lines: LineIndex::new(src),
            list: Vec::new(),
            count: 0,
        }
    }

    /// 1-based line of a byte offset.
    pub(super) fn line(&self, offset: usize) -> usize {
        self.lines.line_of(offset)
    }

    /// A problem at a byte offset of the file.
    pub(super) fn at(&mut self, offset: usize, code: DbErrorCode, message: impl Into<String>) {
        self.count += 1;
        if self.list.len() >= MAX_ERRORS_PER_FILE {
            return;
        }
        let (line, column) = self.lines.line_col(self.src, offset);
        self.list.push(DbError {
            code,
            path: self.path.to_string(),
            line,
            column,
            message: message.into(),
        });
    }

    /// The listed problems, and a last one counting those not listed.
    pub(super) fn finish(mut self) -> Vec<DbError> {
        if self.count > self.list.len() {
            let more = self.count - self.list.len();
            self.list.push(DbError {
                code: DbErrorCode::Invalid,
                path: self.path.to_string(),
                line: 1,
                column: 1,
                message: format!("… and {more} more problems in this file"),
            });
        }
        self.list
    }

    /// Points at `needle` inside the claim's span (the first occurrence as a TOML string, or
    /// a key), or at the claim itself.
    pub(super) fn within(
        &mut self,
        span: &Range<usize>,
        needle: &str,
        code: DbErrorCode,
        message: impl Into<String>,
    ) {
        let end = span.end.min(self.src.len());
        let start = span.start.min(end);
        let hay = self.src.get(start..end).unwrap_or("");
        let quoted = format!("\"{needle}\"");
        // As a basic string spells it: "/\\w+/" for the term /\w+/.
        let escaped = format!("\"{}\"", needle.replace('\\', "\\\\").replace('"', "\\\""));
        let at = hay
            .find(&quoted)
            .or_else(|| hay.find(&escaped))
            .or_else(|| hay.find(&format!("{needle} =")))
            .or_else(|| hay.find(needle).filter(|_| !needle.is_empty()))
            .map_or(start, |k| start + k);
        self.at(at, code, message);
    }
}
