//! The claims database as a document: `db lint`'s problems as diagnostics at their
//! positions, the claims' examples run on save, and hover on a claim id.

use std::path::Path;

use lsp_types::{Diagnostic, DiagnosticSeverity, NumberOrString};

use super::position::{Encoding, LineIndex};
use super::prose::SOURCE;
use super::settings::Settings;
use crate::db::Database;
use crate::lint::{self, Problem, Severity};

/// The `#:schema` line that marks a claims database (the shipped one's first line).
const SCHEMA_MARK: &str = "claims.schema.json";

/// The problem codes that come from running the claims' examples (on save only: running
/// every example of a large database on each keystroke would be too slow).
const EXAMPLE_CODES: [&str; 2] = ["example-mismatch", "overlap"];

/// Whether a document is a claims database: one the configuration names, or a file whose
/// first line is a `#:schema` line pointing at claims.schema.json.
pub fn is_database(path: Option<&Path>, text: &str, settings: &Settings) -> bool {
    let first = text
        .trim_start_matches('\u{feff}')
        .lines()
        .next()
        .unwrap_or("");
    let marked = first.starts_with("#:schema") && first.contains(SCHEMA_MARK);
    marked
        || path.is_some_and(|p| {
            settings
                .db_paths
                .iter()
                .any(|d| super::settings::same_file(d, p))
        })
}

/// The problems of a database document: what the loader refuses, and when `examples` is
/// set the examples the checker does not judge as written and claims firing on each other's.
pub fn problems(name: &str, text: &str, examples: bool) -> Vec<Problem> {
    let sources = [(name.to_string(), text.to_string())];
    let mut all = if examples {
        lint::lint(&sources)
    } else {
        lint::loader_problems(&sources)
    };
    all.retain(|p| p.path == name && (examples || !EXAMPLE_CODES.contains(&p.code)));
    all
}

/// The diagnostics of a database document's problems.
pub fn diagnostics(
    problems: &[Problem],
    text: &str,
    lines: &LineIndex,
    enc: Encoding,
) -> Vec<Diagnostic> {
    problems
        .iter()
        .map(|p| {
            let at = offset_of(text, p.line, p.column);
            // The problem's place to the end of its line: enough to underline what is named.
            let line = lines.position(text, at, Encoding::Utf8).line as usize;
            let end = lines.line_range(text, line).map_or(at, |r| r.end.max(at));
            let mut range = lines.range(text, &(at..end), enc);
            if range.start == range.end {
                range = lines.range(text, &(at..text.len().min(at + 1)), enc);
            }
            Diagnostic {
                range,
                severity: Some(match p.severity {
                    Severity::Error => DiagnosticSeverity::ERROR,
                    Severity::Warning => DiagnosticSeverity::WARNING,
                }),
                code: Some(NumberOrString::String(p.code.to_string())),
                source: Some(SOURCE.to_string()),
                message: p.message.clone(),
                ..Diagnostic::default()
            }
        })
        .collect()
}

/// The byte offset of a 1-based line and character column as the loader counts them (lines
/// split at `\n`).
fn offset_of(text: &str, line: usize, column: usize) -> usize {
    let mut start = 0;
    for _ in 1..line {
        match text[start..].find('\n') {
            Some(i) => start += i + 1,
            None => return text.len(),
        }
    }
    let rest = &text[start..];
    let line_end = rest.find('\n').unwrap_or(rest.len());
    let col = rest[..line_end]
        .char_indices()
        .nth(column.saturating_sub(1))
        .map_or(line_end, |(i, _)| i);
    start + col
}

/// The hover of the claim id under byte offset `at`, read from the document itself.
pub fn hover(name: &str, text: &str, at: usize) -> Option<String> {
    let is_id = |c: char| c.is_alphanumeric() || matches!(c, '-' | '_' | '.' | ':');
    let mut at = at.min(text.len());
    while !text.is_char_boundary(at) {
        at -= 1;
    }
    let start = text[..at]
        .char_indices()
        .rev()
        .find(|&(_, c)| !is_id(c))
        .map_or(0, |(i, c)| i + c.len_utf8());
    let end = text[at..]
        .find(|c: char| !is_id(c))
        .map_or(text.len(), |i| at + i);
    let word = text.get(start..end).filter(|w| !w.is_empty())?;
    let (db, _) = Database::from_sources_lenient(&[(name.to_string(), text.to_string())]);
    db.claim(word).map(super::hover::claim)
}

#[cfg(test)]
mod tests {
    use super::*;

    const BAD: &str =
        "#:schema ./claims.schema.json\n\n[[claim]]\nid = \"x\"\nstatment = \"typo\"\n";

    #[test]
    fn a_bad_field_is_a_diagnostic_on_its_line() {
        let problems = problems("claims.toml", BAD, false);
        assert!(!problems.is_empty());
        let lines = LineIndex::new(BAD);
        let d = diagnostics(&problems, BAD, &lines, Encoding::Utf16);
        assert!(d.iter().any(|d| d.range.start.line == 4), "{d:?}");
        assert!(
            d.iter()
                .all(|d| d.severity == Some(DiagnosticSeverity::ERROR))
        );
    }

    #[test]
    fn offsets_count_characters() {
        let t = "a\n🙂b = 1\n";
        assert_eq!(offset_of(t, 2, 2), t.find('b').unwrap());
        assert_eq!(offset_of(t, 9, 1), t.len());
        assert_eq!(offset_of(t, 1, 99), 1);
    }

    #[test]
    fn the_shipped_database_is_recognised_and_its_ids_hover() {
        let text = crate::db::EMBEDDED;
        let settings = super::super::settings::Settings::load(
            None,
            &super::super::settings::Options::default(),
            &mut Vec::new(),
        )
        .settings;
        assert!(is_database(None, text, &settings));
        assert!(!is_database(None, "[package]\nname = \"x\"\n", &settings));
        let db = Database::embedded().unwrap();
        let id = &db.claims[0].id;
        let at = text.find(&format!("\"{id}\"")).unwrap() + 2;
        let md = hover("claims.toml", text, at).unwrap();
        assert!(
            md.contains(id.as_str()) && md.contains("**Sources**"),
            "{md}"
        );
    }
}
