//! Invariants the fuzz targets check on every input (shared with `#[path]`; not a target).
#![allow(dead_code)] // each target uses a part

use std::ops::Range;
use std::sync::OnceLock;

use claimcheck::check::Finding;
use claimcheck::db::Database;
use claimcheck::input::{Locator, Origin};

/// The built-in database, loaded once per fuzzing process.
pub fn embedded() -> &'static Database {
    static DB: OnceLock<Database> = OnceLock::new();
    DB.get_or_init(|| Database::embedded().expect("the built-in database loads"))
}

/// A span lies inside `text`, in order, on character boundaries.
pub fn assert_span(text: &str, r: &Range<usize>, what: &str) {
    assert!(
        r.start <= r.end && r.end <= text.len(),
        "{what} {r:?} is outside the text (0..{})",
        text.len()
    );
    assert!(
        text.is_char_boundary(r.start) && text.is_char_boundary(r.end),
        "{what} {r:?} is not on character boundaries"
    );
}

/// 1-based line and character column of byte offset `at`, counted the slow, obvious way.
pub fn naive_line_col(text: &str, at: usize) -> (usize, usize) {
    // Lines end at `\n`, `\r\n` or a lone `\r`: read every ending as `\n`.
    let before = text[..at].replace("\r\n", "\n").replace('\r', "\n");
    let line = before.matches('\n').count() + 1;
    let col = before.rsplit('\n').next().unwrap_or("").chars().count() + 1;
    (line, col)
}

/// The start of the line holding byte offset `at` (after `\n`, or a `\r` not before `\n`).
fn naive_line_start(text: &str, at: usize) -> usize {
    let b = text.as_bytes();
    (0..at)
        .rev()
        .find(|&i| b[i] == b'\n' || (b[i] == b'\r' && b.get(i + 1) != Some(&b'\n')))
        .map_or(0, |i| i + 1)
}

/// The file position of `at` agrees with counting, in the whole text and in a chunk of it
/// that starts at `cut` (as the CLI reads large files).
pub fn assert_position(text: &str, at: usize, cut: usize) {
    let p = Locator::new(text, Origin::default()).position(at);
    let (line, column) = naive_line_col(text, at);
    assert_eq!(
        (p.line, p.column, p.offset),
        (line, column, at),
        "position of {at}"
    );
    let line_start = naive_line_start(text, at);
    assert_eq!(p.byte_column, at - line_start + 1, "byte column of {at}");
    // The CLI never cuts a chunk inside a `\r\n`.
    let inside_crlf = cut > 0
        && text.as_bytes().get(cut - 1) == Some(&b'\r')
        && text.as_bytes().get(cut) == Some(&b'\n');
    if cut <= at && text.is_char_boundary(cut) && !inside_crlf {
        let last_line = naive_line_start(text, cut);
        let origin = Origin {
            offset: cut,
            lines: naive_line_col(text, cut).0 - 1,
            chars: text[last_line..cut].chars().count(),
            bytes: cut - last_line,
        };
        let q = Locator::new(&text[cut..], origin).position(at - cut);
        assert_eq!(p, q, "position of {at} read in a chunk from {cut}");
    }
}

/// Every finding's spans are valid, its sentence holds what it states, and its position
/// agrees with its byte offsets.
pub fn assert_findings(text: &str, findings: &[Finding], cut: usize) {
    for f in findings {
        assert_span(text, &f.sentence, "sentence");
        assert_span(text, &f.span, "span");
        assert!(
            f.sentence.start <= f.span.start && f.span.end <= f.sentence.end,
            "span {:?} is outside its sentence {:?}",
            f.span,
            f.sentence
        );
        assert_eq!(f.stated, text[f.span.clone()], "stated is the text at span");
        assert_position(text, f.span.start, cut);
        assert_position(text, f.span.end, cut);
    }
}
