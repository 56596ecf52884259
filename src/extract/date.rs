//! Dates and periods in text: one small function per form ("March 13, 2023", "13 March
//! 2023", "3/13/2023", "2023-03-13", "FY2022", "2017–2021", "since 2018", "last year"),
//! tried in the order of [`FORMS`].

use super::when::{valid_date, valid_year};
use super::{Figure, Precision, When};
use crate::text::{TokKind, Words};

/// What a date form makes of the words at a token: `None`, not this form (try the next);
/// `Some(None)`, this form, but no date (an impossible or partial one: stop); `Some(found)`.
type Read = Option<Option<(Figure, usize)>>;

/// The date forms, in the order they are tried: longer and more specific forms first.
const FORMS: &[fn(&str, &Words, usize) -> Read] = &[
    relative,
    since,
    opened_year_span,
    fiscal_year,
    iso_date,
    numeric_date,
    day_first,
    month_first,
    years,
];

/// A date or period at token `i`, with the words that introduce it ("since").
pub(super) fn when_at(text: &str, w: &Words, i: usize) -> Option<(Figure, usize)> {
    FORMS.iter().find_map(|form| form(text, w, i)).flatten()
}

/// A date figure over tokens `start..end`.
fn found(w: &Words, when: When, start: usize, end: usize) -> Read {
    Some(Some((Figure::date(w, Some(when), start..end), end)))
}

/// "last year", "this month", "yesterday": stated, but relative.
fn relative(_: &str, w: &Words, i: usize) -> Read {
    let d = &w.lex.dates;
    if d.relative_openers.contains(w.word(i)) && d.relative_units.contains(w.word(i + 1)) {
        return found(w, When::RELATIVE, i, i + 2);
    }
    if d.relative_days.contains(w.word(i)) {
        return found(w, When::RELATIVE, i, i + 1);
    }
    None
}

/// "since 2018", "since March 2023".
fn since(text: &str, w: &Words, i: usize) -> Read {
    if w.word(i) != w.lex.dates.since {
        return None;
    }
    let (inner, end) = when_at(text, w, i + 1)?;
    let from = inner.when()?;
    if from.precision == Precision::Relative || from.is_yearless() {
        return None;
    }
    found(w, When::since(&from), i, end)
}

/// "between 2017 and 2021", "from 2017 to 2021", "from 2017 through 2021".
fn opened_year_span(text: &str, w: &Words, i: usize) -> Read {
    let d = &w.lex.dates;
    if !d.span_openers.contains(w.word(i)) {
        return None;
    }
    let (a, ae) = year_at(text, w, i + 1)?;
    if !d.span_joiners.contains(w.word(ae)) {
        return None;
    }
    let (b, be) = year_at(text, w, ae + 1)?;
    (b > a)
        .then(|| found(w, When::years(a, b), i, be))
        .flatten()
}

/// "FY2022", "FY 2022", "fiscal year 2022", "fiscal 2022", "FY22".
fn fiscal_year(text: &str, w: &Words, i: usize) -> Read {
    let d = &w.lex.dates;
    let word = w.word(i);
    let (y, end) = if let Some(rest) = word.strip_prefix(d.fiscal_prefix.as_str())
        && !rest.is_empty()
        && rest.bytes().all(|b| b.is_ascii_digit())
    {
        // An unparsable year ends the reading, as an impossible date does.
        let Ok(y) = rest.parse::<u32>() else {
            return Some(None);
        };
        // "FY22": a two-digit fiscal year is this century's.
        (if rest.len() == 2 { 2000 + y } else { y }, i + 1)
    } else if word == d.fiscal_prefix {
        year_at(text, w, i + 1)?
    } else if word == d.fiscal && w.word(i + 1) == d.year {
        year_at(text, w, i + 2)?
    } else if word == d.fiscal {
        year_at(text, w, i + 1)?
    } else {
        return None;
    };
    valid_year(y)
        .then(|| found(w, When::fiscal(y), i, end))
        .flatten()
}

/// ISO: 2023-03-13.
fn iso_date(text: &str, w: &Words, i: usize) -> Read {
    let (y, _) = year_at(text, w, i)?;
    if !w.is(i + 1, "-") || !w.is(i + 3, "-") {
        return None;
    }
    let m = small_int(text, w, i + 2, 2)?;
    let d = small_int(text, w, i + 4, 2)?;
    if w.toks[i + 4].start != w.toks[i + 3].end {
        return None;
    }
    if valid_date(y, m, d) {
        return found(w, When::day(y, m, d), i, i + 5);
    }
    Some(None)
}

/// US numeric: 3/13/2023 (or 13/3/2023 when the first part cannot be a month).
fn numeric_date(text: &str, w: &Words, i: usize) -> Read {
    let a = small_int(text, w, i, 2)?;
    if !w.is(i + 1, "/") || !w.is(i + 3, "/") {
        return None;
    }
    let b = small_int(text, w, i + 2, 2)?;
    let (y, end) = year_at(text, w, i + 4)?;
    let (m, d) = if a > 12 { (b, a) } else { (a, b) };
    if valid_date(y, m, d) {
        return found(w, When::day(y, m, d), i, end);
    }
    // An impossible date (2/30/2023) is no figure at all, but it is read as one.
    Some(Some((Figure::date(w, None, i..end), end)))
}

/// "the 10th of October 2023", "13 March 2023", "13 March".
fn day_first(text: &str, w: &Words, i: usize) -> Read {
    let d = &w.lex.dates;
    let dk = if w.word(i) == d.article { i + 1 } else { i };
    let (day, de) = day_at(text, w, dk)?;
    let mk = if w.word(de) == d.of { de + 1 } else { de };
    let (m, me) = month_at(text, w, mk)?;
    let ye = if w.is(me, ",") { me + 1 } else { me };
    if let Some((y, end)) = year_at(text, w, ye) {
        if valid_date(y, m, day) {
            return found(w, When::day(y, m, day), i, end);
        }
        return Some(None);
    }
    found(w, When::yearless(m, Some(day)), i, me)
}

/// "March 13, 2023", "March 13th 2023", "March 2023", "March 13", "mid-March 2023", and a
/// month alone where it is clearly a date ("in February", "a February hearing").
fn month_first(text: &str, w: &Words, i: usize) -> Read {
    let d = &w.lex.dates;
    let mk = if w.word(i) == d.hyphenated_part && w.is(i + 1, "-") {
        i + 2
    } else if d.parts_of_month.contains(w.word(i)) {
        i + 1
    } else {
        i
    };
    let (m, me) = month_at(text, w, mk)?;
    if let Some((day, de)) = day_at(text, w, me) {
        let ye = if w.is(de, ",") { de + 1 } else { de };
        if let Some((y, end)) = year_at(text, w, ye) {
            if valid_date(y, m, day) {
                return found(w, When::day(y, m, day), i, end);
            }
            return Some(None);
        }
        return found(w, When::yearless(m, Some(day)), i, de);
    }
    let ye = if w.is(me, ",") { me + 1 } else { me };
    if let Some((y, end)) = year_at(text, w, ye) {
        return found(w, When::month(y, m), i, end);
    }
    // A month alone counts only where it is clearly a date: "in February", "a February
    // hearing", "last March"; some month names are also ordinary words ("may", "march") and
    // need "a" before them ("a March hearing").
    let prev = if i > 0 { w.word(i - 1) } else { "" };
    let introduced = d.month_introducers.contains(prev) || i != mk;
    let article = prev == w.lex.quantifiers.indefinite_article;
    if introduced && (article || !d.ambiguous_months.contains(&w.norm[mk])) {
        return found(w, When::yearless(m, None), i, me);
    }
    Some(None)
}

/// Years and year spans: "2017–2021", "2017-21", "2017 to 2021", "in 2021".
fn years(text: &str, w: &Words, i: usize) -> Read {
    let (a, ae) = year_at(text, w, i)?;
    if super::quantity::plural_noun_follows(w, ae)
        || super::unit::percent_after(w, ae).is_some()
        || super::unit::mass_unit_at(w, ae).is_some()
    {
        return Some(None);
    }
    let d = &w.lex.dates;
    if d.year_span_joiners.contains(w.word(ae)) {
        if let Some((b, be)) = year_at(text, w, ae + 1)
            && b > a
        {
            return found(w, When::years(a, b), i, be);
        }
        // "2017-21"
        if let Some(b2) = small_int(text, w, ae + 1, 2)
            && d.short_span_joiners.contains(w.word(ae))
        {
            let b = a / 100 * 100 + b2;
            if b > a {
                return found(w, When::years(a, b), i, ae + 2);
            }
        }
    }
    found(w, When::year(a), i, ae)
}

/// A month name at token `i`, capitalized as a name; abbreviations need their dot.
fn month_at(text: &str, w: &Words, i: usize) -> Option<(u32, usize)> {
    let t = w.toks.get(i)?;
    if t.kind != TokKind::Word {
        return None;
    }
    let raw = t.text(text);
    if !raw.chars().next().is_some_and(char::is_uppercase) {
        return None;
    }
    let norm = &w.norm[i];
    let m = w.lex.dates.months.get(norm)?;
    // A full name is no abbreviation ("May" is both; "Sept" is an abbreviation of four
    // letters).
    let full = !w.lex.sentences.abbreviations.contains(norm);
    if full {
        return Some((m, i + 1));
    }
    if w.is(i + 1, ".") {
        return Some((m, i + 2));
    }
    // "Sept 2023", "Oct 10": an abbreviation without its dot, before a number.
    if w.toks.get(i + 1).is_some_and(|n| n.kind == TokKind::Number) {
        return Some((m, i + 1));
    }
    None
}

/// A day of the month: "13", "13th".
fn day_at(text: &str, w: &Words, i: usize) -> Option<(u32, usize)> {
    let t = w.toks.get(i)?;
    if t.kind != TokKind::Number {
        return None;
    }
    let raw = t.text(text);
    let digits: String = raw.chars().take_while(char::is_ascii_digit).collect();
    let rest = &raw[digits.len()..];
    if !(rest.is_empty() || matches!(rest.to_lowercase().as_str(), "th" | "st" | "nd" | "rd")) {
        return None;
    }
    if digits.is_empty() || digits.len() > 2 {
        return None;
    }
    let d: u32 = digits.parse().ok()?;
    (1..=31).contains(&d).then_some((d, i + 1))
}

/// A four-digit year at token `i`.
fn year_at(text: &str, w: &Words, i: usize) -> Option<(u32, usize)> {
    let t = w.toks.get(i)?;
    if t.kind != TokKind::Number {
        return None;
    }
    let raw = t.text(text);
    if raw.len() != 4 || !raw.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let y: u32 = raw.parse().ok()?;
    valid_year(y).then_some((y, i + 1))
}

fn small_int(text: &str, w: &Words, i: usize, max_len: usize) -> Option<u32> {
    let t = w.toks.get(i)?;
    let raw = t.text(text);
    if t.kind != TokKind::Number || raw.len() > max_len || !raw.bytes().all(|b| b.is_ascii_digit())
    {
        return None;
    }
    raw.parse().ok()
}
