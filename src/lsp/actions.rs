//! Code actions on a finding: use the sourced figure (a quick fix that writes the sources'
//! figure in the text's own style), suppress the claim on this line (the comment the format
//! takes), and explain the claim (a command answering what `claimcheck explain` prints).

use std::ops::Range;

use super::position::{Encoding, LineIndex};
use super::prose::{Found, check_document};
use crate::check::{self, Verdict};
use crate::db::{Database, Fact, FactKind, format_number};
use crate::extract::{Bound, Kind};
use crate::markup::Format;

/// The command that explains a claim; its one argument is the claim id.
pub const EXPLAIN_COMMAND: &str = "claimcheck.explain";

/// How far the quick fix's check looks for the ends of a paragraph.
const PARAGRAPH_REACH: usize = 16 << 10;

/// Relative difference under which two numbers are the same (unit sizes, parsed values).
const SAME: f64 = 1e-9;

/// One edit: replace `range` (bytes of the document) with `text`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Edit {
    pub range: Range<usize>,
    pub text: String,
}

/// The quick fix for a conflict: the sources' figure written as the text writes its own
/// ("14%" → "86%", "9,000 pounds" → "900 pounds"). `None` unless the stated words are one
/// figure, exact or approximate, of the fact's kind and unit, and the new words agree.
pub fn sourced_figure(db: &Database, f: &Found, text: &str, format: Format) -> Option<Edit> {
    if f.verdict != Verdict::Conflicts {
        return None;
    }
    let fact = db.claims.get(f.claim)?.facts.get(f.fact)?;
    let band = fact.band()?;
    let value = band.value?;
    // The document's words must be the words the checker read (no markup inside them).
    let stated = text.get(f.span.clone())?;
    if stated != f.stated {
        return None;
    }
    let number = single_number(stated)?;
    let written: f64 = stated[number.clone()].replace(',', "").parse().ok()?;
    let scale = scale_after(&stated[number.end..]);
    let figure = one_figure(db, stated, fact)?;
    // The size of the text's unit in the fact's canonical unit: 1 for shares, counts and
    // multipliers; kilograms per unit for masses, which must be the fact's own unit.
    let unit = (figure.0 + figure.1) / 2.0 / (written * scale);
    // For a mass, the text's unit must be the fact's own (its size in kg is the fact's scale).
    let same_unit = close(unit, fact.scale());
    if !same_unit {
        return None;
    }
    let new = styled(value / unit / scale, &stated[number.clone()]);
    let replaced = format!("{}{new}{}", &stated[..number.start], &stated[number.end..]);
    // The fix must make the sentence agree: its figure within the agreeing values.
    let (lo, hi) = one_figure(db, &replaced, fact)?;
    let mid = (lo + hi) / 2.0;
    if !(band.agree.0 <= mid && mid <= band.agree.1) {
        return None;
    }
    let edit = Edit {
        range: f.span.start + number.start..f.span.start + number.end,
        text: new,
    };
    // And the paragraph, read again with the fix, must agree with the claim where the
    // figure was (a sentence may state the complement: "60% were not citizens"; the previous
    // sentence may be what names the claim).
    let para = paragraph(
        text,
        f.sentence.start.min(f.span.start)..f.sentence.end.max(f.span.end),
    );
    let fixed = format!(
        "{}{}{}",
        text.get(para.start..edit.range.start)?,
        edit.text,
        text.get(edit.range.end..para.end)?
    );
    let at = edit.range.start - para.start;
    let here = |g: &&Found| g.claim == f.claim && g.span.start <= at && at <= g.span.end;
    let again = check_document(db, format, &fixed);
    let agrees = again
        .iter()
        .filter(here)
        .any(|g| g.verdict == Verdict::Agrees);
    let conflicts = again
        .iter()
        .filter(here)
        .any(|g| g.verdict == Verdict::Conflicts);
    (agrees && !conflicts).then_some(edit)
}

/// The paragraph around a range: from after the blank line before it to the blank line after
/// it, at most [`PARAGRAPH_REACH`] bytes each way.
fn paragraph(text: &str, r: Range<usize>) -> Range<usize> {
    let floor = r.start.saturating_sub(PARAGRAPH_REACH);
    let ceil = text.len().min(r.end.saturating_add(PARAGRAPH_REACH));
    let before = text.get(floor..r.start).unwrap_or("");
    let start = [
        before.rfind("\n\n").map(|i| i + 2),
        before.rfind("\n\r\n").map(|i| i + 3),
    ]
    .into_iter()
    .flatten()
    .max()
    .map_or(floor, |i| floor + i);
    let after = text.get(r.end..ceil).unwrap_or("");
    let end = [after.find("\n\n"), after.find("\n\r\n")]
        .into_iter()
        .flatten()
        .min()
        .map_or(ceil, |i| r.end + i);
    let mut start = start.min(r.start);
    while !text.is_char_boundary(start) {
        start -= 1;
    }
    let mut end = end.max(r.end);
    while !text.is_char_boundary(end) {
        end += 1;
    }
    start..end
}

/// The interval of the one figure of `words`, when it is exact or approximate and of the
/// fact's kind.
fn one_figure(db: &Database, words: &str, fact: &Fact) -> Option<(f64, f64)> {
    let figures = check::sentence_figures(db, words, 0..words.len());
    let [(figure, _)] = figures.as_slice() else {
        return None;
    };
    let kind_fits = match fact.kind() {
        FactKind::Share => figure.kind() == Kind::Share,
        FactKind::Mass => figure.kind() == Kind::Mass,
        FactKind::Multiplier => figure.kind() == Kind::Multiplier,
        FactKind::Count => figure.kind() == Kind::Count && figure.per.is_none(),
        FactKind::Rate => {
            figure.kind() == Kind::Count && figure.per.is_some() && figure.per == fact.per()
        }
        // Quick fixes rewrite a number in the fact's unit: not offered for issue 16's kinds
        // (their values are strings as sources write them).
        _ => false,
    };
    let bound_fits = matches!(figure.bound, Bound::Exact | Bound::Approx);
    (kind_fits && bound_fits).then_some((figure.lo(), figure.hi()))
}

fn close(a: f64, b: f64) -> bool {
    (a - b).abs() <= SAME * a.abs().max(b.abs())
}

/// The byte range of the only number written in digits in `s` ("9,000", "86.3"); `None`
/// when there is none or more than one.
fn single_number(s: &str) -> Option<Range<usize>> {
    let b = s.as_bytes();
    let mut found: Option<Range<usize>> = None;
    let mut i = 0;
    while i < b.len() {
        if !b[i].is_ascii_digit() {
            i += 1;
            continue;
        }
        let start = i;
        while i < b.len()
            && (b[i].is_ascii_digit()
                || (matches!(b[i], b',' | b'.') && b.get(i + 1).is_some_and(u8::is_ascii_digit)))
        {
            i += 1;
        }
        if found.is_some() {
            return None;
        }
        found = Some(start..i);
    }
    found
}

/// The multiplier of a scale word right after the number ("1.2 million").
fn scale_after(rest: &str) -> f64 {
    let word = rest
        .trim_start()
        .split(|c: char| !c.is_alphabetic())
        .next()
        .unwrap_or("")
        .to_ascii_lowercase();
    match word.as_str() {
        "thousand" => 1e3,
        "million" => 1e6,
        "billion" => 1e9,
        "trillion" => 1e12,
        _ => 1.0,
    }
}

/// `v` written like `like`: thousands separators when `like` has them (or is too short to
/// tell), none when it has four or more digits without them.
fn styled(v: f64, like: &str) -> String {
    let s = format_number(v);
    let integer_digits = like.split('.').next().unwrap_or("").len();
    if !like.contains(',') && integer_digits >= 4 {
        s.replace(',', "")
    } else {
        s
    }
}

/// The edit that silences claim `id` on the line of byte offset `at`: in Markdown, a
/// `<!-- claimcheck-disable-next-line ID -->` line above it when the line starts a block
/// (a comment line inside a paragraph would split it), else a `claimcheck-disable-line`
/// comment at its end; in HTML, the comment line above; in text, `claimcheck: ignore ID` at
/// the line's end.
pub fn suppress(format: Format, id: &str, text: &str, lines: &LineIndex, at: usize) -> Edit {
    let line = lines.position(text, at, Encoding::Utf8).line as usize;
    let range = lines
        .line_range(text, line)
        .unwrap_or(text.len()..text.len());
    let content = &text[range.clone()];
    let indent = &content[..content.len() - content.trim_start().len()];
    let eol = if text.contains("\r\n") { "\r\n" } else { "\n" };
    let starts_block = line == 0
        || lines
            .line_range(text, line - 1)
            .is_none_or(|r| text[r].trim().is_empty());
    let above = || Edit {
        range: range.start..range.start,
        text: format!("{indent}<!-- claimcheck-disable-next-line {id} -->{eol}"),
    };
    let at_end = |comment: String| Edit {
        range: range.end..range.end,
        text: comment,
    };
    match format {
        Format::Html => above(),
        Format::Markdown if starts_block => above(),
        Format::Markdown => at_end(format!(" <!-- claimcheck-disable-line {id} -->")),
        Format::Text => at_end(format!(" claimcheck: ignore {id}")),
    }
}

/// What `claimcheck explain ID` prints.
pub fn explain(db: &Database, id: &str) -> Option<String> {
    let claim = db.claim(id)?;
    let mut out = Vec::new();
    crate::cli::tooling::write_claim(&mut out, claim).ok()?;
    Some(String::from_utf8_lossy(&out).into_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn apply(text: &str, e: &Edit) -> String {
        format!(
            "{}{}{}",
            &text[..e.range.start],
            e.text,
            &text[e.range.end..]
        )
    }

    #[test]
    fn the_readme_example_gets_its_fix() {
        let db = Database::embedded().unwrap();
        let text = "The Department of Homeland Security began Operation Blue Lotus on March 13, \
                    2023. In its first week, the operation seized 9,000 pounds of fentanyl.\n";
        let found = check_document(&db, Format::Markdown, text);
        let f = found
            .iter()
            .find(|f| f.verdict == Verdict::Conflicts)
            .unwrap();
        let e = sourced_figure(&db, f, text, Format::Markdown).unwrap();
        assert_eq!(
            apply(text, &e).rsplit(", ").next(),
            Some("the operation seized 900 pounds of fentanyl.\n")
        );
        assert_eq!(paragraph("a\n\nb c\n\nd", 3..4), 3..6);
        assert_eq!(paragraph("b c", 0..1), 0..3);
    }

    #[test]
    fn numbers_are_found_and_styled() {
        assert_eq!(single_number("9,000 pounds"), Some(0..5));
        assert_eq!(single_number("about 86.3%"), Some(6..10));
        assert_eq!(single_number("30 to 50 times"), None);
        assert_eq!(single_number("most"), None);
        assert_eq!(scale_after(" million people"), 1e6);
        assert_eq!(styled(900.0, "9,000"), "900");
        assert_eq!(styled(12500.0, "9,000"), "12,500");
        assert_eq!(styled(12500.0, "9000"), "12500");
        assert_eq!(styled(12500.0, "14"), "12,500");
        assert_eq!(styled(86.3, "14"), "86.3");
    }

    /// Every shipped claim's conflicting examples: where a quick fix is offered, applying it
    /// makes the sentence agree with that claim; a suppression silences it.
    #[test]
    fn fixes_make_conflicts_agree_and_suppressions_silence_them() {
        let db = Database::embedded().unwrap();
        let mut fixed = 0;
        for (ci, claim) in db.claims.iter().enumerate() {
            for sentence in &claim.examples.conflicts {
                let found = check_document(&db, Format::Text, sentence);
                let Some(f) = found.iter().find(|f| f.claim == ci) else {
                    continue;
                };
                if let Some(edit) = sourced_figure(&db, f, sentence, Format::Text) {
                    let after = apply(sentence, &edit);
                    let again = check_document(&db, Format::Text, &after);
                    assert!(
                        again
                            .iter()
                            .any(|g| g.claim == ci && g.verdict == Verdict::Agrees)
                            && !again
                                .iter()
                                .any(|g| g.claim == ci && g.verdict == Verdict::Conflicts),
                        "{} : {sentence:?} -> {after:?}",
                        claim.id
                    );
                    fixed += 1;
                }
                for format in [Format::Text, Format::Markdown] {
                    let lines = LineIndex::new(sentence);
                    let edit = suppress(format, &claim.id, sentence, &lines, f.span.start);
                    let after = apply(sentence, &edit);
                    let again = check_document(&db, format, &after);
                    assert!(!again.iter().any(|g| g.claim == ci), "{after:?}");
                }
            }
        }
        assert!(fixed > 0, "no conflicting example got a quick fix");
    }

    #[test]
    fn suppressions_fit_the_place() {
        let text = "Intro line\nsecond line 14%\n\n  - item 14%\n";
        let lines = LineIndex::new(text);
        let at = |s: &str| text.find(s).unwrap();
        let e = suppress(Format::Markdown, "c", text, &lines, at("second"));
        assert_eq!(e.text, " <!-- claimcheck-disable-line c -->");
        assert_eq!(e.range.start, at("second") + "second line 14%".len());
        let e = suppress(Format::Markdown, "c", text, &lines, at("item"));
        assert_eq!(e.text, "  <!-- claimcheck-disable-next-line c -->\n");
        assert_eq!(e.range, at("  - item")..at("  - item"));
        let e = suppress(Format::Html, "c", "a\r\nb", &LineIndex::new("a\r\nb"), 3);
        assert_eq!(e.text, "<!-- claimcheck-disable-next-line c -->\r\n");
        assert_eq!(e.range, 3..3);
        let e = suppress(Format::Text, "c", text, &lines, 0);
        assert_eq!(
            (e.range.start, e.text.as_str()),
            (10, " claimcheck: ignore c")
        );
    }

    #[test]
    fn explain_is_what_the_command_line_prints() {
        let db = Database::embedded().unwrap();
        let id = &db.claims[0].id;
        let text = explain(&db, id).unwrap();
        assert!(text.starts_with(id.as_str()), "{text}");
        assert!(explain(&db, "no-such-claim").is_none());
    }
}
