//! Prose documents (Markdown, HTML, plain text): checked as `check` checks a file — the prose
//! of the markup, inline suppressions honoured — with findings placed in the document.

use std::ops::Range;

use lsp_types::{CodeDescription, Diagnostic, NumberOrString, Uri as LspUri};

use super::position::{Encoding, LineIndex};
use super::settings::Settings;
use crate::check::{self, Verdict};
use crate::db::Database;
use crate::input::{Locator, Origin};
use crate::markup::{Format, Prose};
use crate::report::{self, Placed};
use crate::suppress::Suppressions;

/// The `source` of every diagnostic.
pub const SOURCE: &str = "claimcheck";

/// The byte-order mark, kept in the text when a client sends it (it is a character of the
/// client's first line).
const BOM: char = '\u{feff}';

/// One finding, placed in the document.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Found {
    /// Index of the claim in the database the document was checked with.
    pub claim: usize,
    /// Index of the deciding fact.
    pub fact: usize,
    pub verdict: Verdict,
    /// Byte range in the document of what the sentence states.
    pub span: Range<usize>,
    /// What the sentence states, as the checker read it.
    pub stated: String,
    /// Byte range in the document of the whole sentence.
    pub sentence: Range<usize>,
    /// What the text states and what the sources say.
    pub message: String,
}

/// The format of a document, from the client's language id or else its path.
pub fn format_of(language_id: &str, path: &str) -> Format {
    match language_id {
        "markdown" | "mdx" | "markdown.mdx" => Format::Markdown,
        "html" | "xhtml" => Format::Html,
        "plaintext" | "text" => Format::Text,
        _ => Format::from_path(path),
    }
}

/// Checks a document's text. Suppressed findings are left out, as in `check`.
pub fn check_document(db: &Database, format: Format, text: &str) -> Vec<Found> {
    let (body, skipped) = match text.strip_prefix(BOM) {
        Some(body) => (body, BOM.len_utf8()),
        None => (text, 0),
    };
    let prose = if format == Format::Text {
        Prose::identity()
    } else {
        Prose::read(format, body)
    };
    let checked = if format == Format::Text {
        body
    } else {
        prose.text.as_str()
    };
    let findings = check::check(db, checked);
    if findings.is_empty() {
        return Vec::new();
    }
    let origin = Origin {
        offset: skipped,
        ..Origin::default()
    };
    let locator = Locator::new(body, origin);
    let suppressions = Suppressions::parse(format, body, &locator);
    findings
        .into_iter()
        .filter_map(|f| {
            let placed = Placed::new(db, f, &prose, checked, &locator);
            let claim = db.claims.get(placed.finding.claim)?;
            if suppressions.covers(placed.start.line, &claim.id) {
                return None;
            }
            let fact = claim.facts.get(placed.finding.fact)?;
            let sentence = prose.source_range(&placed.finding.sentence);
            Some(Found {
                sentence: sentence.start + skipped..sentence.end + skipped,
                claim: placed.finding.claim,
                fact: placed.finding.fact,
                verdict: placed.finding.verdict,
                span: placed.start.offset..placed.end.offset,
                message: report::message(&placed.finding, fact),
                stated: placed.finding.stated,
            })
        })
        .collect()
}

/// The diagnostics of a document's findings under the settings in force.
pub fn diagnostics(
    db: &Database,
    found: &[Found],
    text: &str,
    lines: &LineIndex,
    enc: Encoding,
    settings: &Settings,
) -> Vec<Diagnostic> {
    found
        .iter()
        .filter_map(|f| {
            let severity = match f.verdict {
                Verdict::Conflicts => settings.conflict,
                Verdict::Agrees => settings.agreement?,
            };
            let claim = db.claims.get(f.claim)?;
            let href = claim
                .sources
                .first()
                .and_then(|s| s.url.parse::<LspUri>().ok());
            Some(Diagnostic {
                range: lines.range(text, &f.span, enc),
                severity: Some(severity),
                code: Some(NumberOrString::String(claim.id.clone())),
                code_description: href.map(|href| CodeDescription { href }),
                source: Some(SOURCE.to_string()),
                message: f.message.clone(),
                data: Some(serde_json::json!({ "verdict": f.verdict.as_str() })),
                ..Diagnostic::default()
            })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn db() -> Database {
        Database::embedded().unwrap()
    }

    #[test]
    fn spans_are_document_offsets_with_a_bom_and_markup() {
        let db = db();
        let claim = &db.claims[0];
        let Some(sentence) = claim.examples.conflicts.first() else {
            return;
        };
        let plain = check_document(&db, Format::Markdown, sentence);
        assert!(!plain.is_empty(), "{sentence}");
        let text = format!("{BOM}# Title 🙂\r\n\r\n{sentence}\r\n");
        let found = check_document(&db, Format::Markdown, &text);
        assert_eq!(found.len(), plain.len());
        let f = &found[0];
        assert_eq!(&text[f.span.clone()], &sentence[plain[0].span.clone()]);
        assert!(f.message.contains("the sources say"), "{}", f.message);
    }

    #[test]
    fn suppressed_findings_are_left_out() {
        let db = db();
        let claim = &db.claims[0];
        let Some(sentence) = claim.examples.conflicts.first() else {
            return;
        };
        let md = format!(
            "<!-- claimcheck-disable-next-line {} -->\n{sentence}\n",
            claim.id
        );
        assert!(check_document(&db, Format::Markdown, &md).is_empty());
        let txt = format!("{sentence} claimcheck: ignore {}\n", claim.id);
        assert!(check_document(&db, Format::Text, &txt).is_empty());
    }

    #[test]
    fn formats_come_from_language_ids_then_paths() {
        assert_eq!(format_of("markdown", "a.txt"), Format::Markdown);
        assert_eq!(format_of("plaintext", "a.md"), Format::Text);
        assert_eq!(format_of("", "a.htm"), Format::Html);
        assert_eq!(format_of("asciidoc", "a.adoc"), Format::Text);
    }
}
