//! Records and spans of time: "the warmest year on record", "the second-largest", "the
//! highest since November 1981", "the lowest in 54 years", "a 40-year high", "a 174-year
//! record", and durations ("for 22 years", "a 10-year plan", "nearly five decades"). An age
//! ("aged 65", "65 years old") is a subgroup, never a duration.

use super::bound::{bound_before, interval};
use super::measure::{Measure, plain_number_at};
use super::numeral::skip_joiners;
use super::{Bound, Figure};
use crate::lexicon::measures::Measures;
use crate::text::{TokKind, Words};

/// How many words after a superlative its "since …" or "in N years" may come ("the warmest
/// year for the globe since 1850").
const RECORD_REACH: usize = 6;
/// How many words may stand between a span and the word that makes it a record's ("a
/// 174-year climate record").
const SPAN_REACH: usize = 2;
/// Most tokens of a clause after a record's "since" before the date that ends it ("since the
/// test was first given in 1996").
const SINCE_CLAUSE_REACH: usize = 8;

/// A record at token `i`: a superlative, "record" or "all-time", with the rank written before
/// it and the "since …" or "in N years" after it.
pub(super) fn record_at(text: &str, w: &Words, i: usize) -> Option<(Figure, usize)> {
    let m = Measures::get();
    let word = w.word(i);
    // "the most since 1982", "the fewest in 20 years": a record only with "the" before it and
    // what bounds it after ("most people" is a share).
    let quantity = m.record_quantity.contains(word);
    if quantity
        && (i == 0
            || w.word(i - 1) != w.lex.dates.article
            || m.record_quantity_not_before.contains(w.word(i + 1)))
    {
        return None;
    }
    let superlative = quantity || m.superlatives.contains(word);
    let record_word = m.record_words.iter().find_map(|p| w.is_phrase(i, p));
    if !superlative && record_word.is_none() {
        return None;
    }
    // "second-warmest", "third largest".
    let mut start = i;
    let mut rank = 1;
    let before = if i > 0 && w.is_joiner(i - 1) {
        i.checked_sub(2)
    } else {
        i.checked_sub(1)
    };
    if let Some(b) = before
        && let Some(r) = m.record_rank.get(w.word(b))
    {
        rank = r;
        start = b;
    }
    let mut end = record_word.unwrap_or(i + 1);
    let mut since = None;
    let mut span = None;
    if superlative {
        let limit = (end + RECORD_REACH).min(w.toks.len());
        let mut k = end;
        while k < limit {
            if w.word(k) == w.lex.dates.since
                && let Some((when, e)) = since_date(text, w, k + 1)
            {
                since = Some(when);
                end = e;
                break;
            }
            if m.record_span_in.contains(w.word(k))
                && let Some((years, e)) = years_at(text, w, k + 1)
            {
                span = Some(years);
                end = e;
                break;
            }
            // Only words stand between a superlative and what bounds it.
            if w.toks[k].kind != TokKind::Word || m.superlatives.contains(w.word(k)) {
                break;
            }
            k += 1;
        }
    }
    if quantity && since.is_none() && span.is_none() {
        return None;
    }
    let r = Measure::Record { rank, since, span };
    Some((Figure::measured(w, r, Bound::Exact, start..end), end))
}

/// The date a record is counted since, after its "since" at token `k`: a date ("since
/// 1982"), or the date that ends a short clause ("since the test was first given in 1996",
/// "since records began in 1880"): the date and the token after it.
fn since_date(text: &str, w: &Words, k: usize) -> Option<(super::When, usize)> {
    let limit = (k + SINCE_CLAUSE_REACH + 1).min(w.toks.len());
    for j in k..limit {
        if let Some(decade) = decade_at(text, w, j) {
            return Some((decade, j + 1));
        }
        if let Some((f, e)) = super::date::when_at(text, w, j)
            && let Some(when) = f.when()
            && when.precision != super::Precision::Relative
            && !when.is_yearless()
        {
            return Some((when, e));
        }
        // A clause is words; a comma, a number or another "since" ends it.
        if w.toks[j].kind != TokKind::Word || (j > k && w.word(j) == w.lex.dates.since) {
            return None;
        }
    }
    None
}

/// A decade written "1970s" at token `j`: its ten years.
fn decade_at(text: &str, w: &Words, j: usize) -> Option<super::When> {
    let t = w.toks.get(j)?;
    if t.kind != TokKind::Number {
        return None;
    }
    let digits = t.text(text).strip_suffix('s')?;
    let year: u32 = digits.parse().ok()?;
    (digits.len() == 4 && year.is_multiple_of(10) && super::when::valid_year(year))
        .then(|| super::When::years(year, year + 9))
}

/// A span of time at token `k` ("54 years", "four decades", "a decade", "half a century",
/// "nearly two decades"): years and the end. A bound before the number ("nearly", "more
/// than") says how the writer rounded: the span is the number.
fn years_at(text: &str, w: &Words, k: usize) -> Option<(f64, usize)> {
    let m = Measures::get();
    let k = w
        .lex
        .bounds
        .before
        .iter()
        .find_map(|(phrase, _)| w.is_phrase(k, phrase))
        .unwrap_or(k);
    if let Some(found) = fraction_span_at(w, k) {
        return Some(found);
    }
    // "in a decade".
    if w.lex.numbers.articles.contains(w.word(k))
        && let Some(u) = m.duration_units.get(w.word(k + 1))
    {
        return Some((u, k + 2));
    }
    let n = plain_number_at(text, w, k)?;
    let unit_at = skip_joiners(w, n.end);
    let u = m.duration_units.get(w.word(unit_at))?;
    Some((n.value * u, unit_at + 1))
}

/// A span written as a fraction of a unit at token `k`: "half a century", "a quarter
/// century", "a quarter-century", "three quarters of a century", "half a decade". The span in
/// years and the token after it.
fn fraction_span_at(w: &Words, k: usize) -> Option<(f64, usize)> {
    let m = Measures::get();
    let numbers = &w.lex.numbers;
    let mut j = k;
    let mut num = 1.0;
    let mut counted = true;
    if numbers.articles.contains(w.word(j)) {
        j += 1;
    } else if let Some(v) = numbers.small.get(w.word(j))
        && numbers
            .fractions
            .get(w.word(skip_joiners(w, j + 1)))
            .is_some()
    {
        num = v;
        j = skip_joiners(w, j + 1);
    } else {
        counted = false;
    }
    let den = numbers.fractions.get(w.word(j))?;
    j = skip_joiners(w, j + 1);
    // A fraction word alone needs "of" or an article before its unit: "half a century", not
    // "the third year".
    let mut linked = false;
    if w.word(j) == w.lex.binding.of {
        j += 1;
        linked = true;
    }
    if numbers.articles.contains(w.word(j)) {
        j += 1;
        linked = true;
    }
    if !(counted || linked) {
        return None;
    }
    let unit = m.duration_units.get(w.word(j))?;
    Some((num / den * unit, j + 1))
}

/// An age at the number at token `i` ("aged 65", "ages 18 to 24", "18 and older", "65
/// years and over"): a subgroup, never a count or a duration. Its words are consumed so no
/// later stage reads them.
pub(super) fn age_at(text: &str, w: &Words, i: usize) -> Option<(Figure, usize)> {
    let m = Measures::get();
    let n = plain_number_at(text, w, i)?;
    // "Jackson, 51, was confirmed": a number set off by commas right after a name is the
    // person's age.
    if i >= 2
        && w.word(i - 1) == ","
        && w.word(n.end) == ","
        && w.toks[i - 2].kind == TokKind::Word
        && text[w.toks[i - 2].start..].starts_with(char::is_uppercase)
        && n.value.fract() == 0.0
        && (1.0..=120.0).contains(&n.value)
    {
        let a = Measure::Age { years: n.value };
        return Some((Figure::measured(w, a, Bound::Exact, i..n.end), n.end));
    }
    let after_prefix = i > 0 && m.age_before.contains(w.word(i - 1));
    let mut end = n.end;
    // "65 years", "65-year-olds".
    let k = skip_joiners(w, end);
    if m.duration_units.get(w.word(k)).is_some_and(|u| u == 1.0) {
        end = k + 1;
    }
    let suffix = m.age_after.iter().find_map(|p| w.is_phrase(end, p));
    if let Some(e) = suffix {
        end = e;
    } else if after_prefix {
        // "ages 18 to 24", "aged 18-29".
        let j = n.end;
        if w.lex.bounds.range_joiners.contains(w.word(j))
            && let Some(b) = plain_number_at(text, w, j + 1)
            && b.value > n.value
        {
            end = b.end;
        } else {
            end = n.end;
        }
    } else {
        return None;
    }
    let start = if after_prefix { i - 1 } else { i };
    let a = Measure::Age { years: n.value };
    Some((Figure::measured(w, a, Bound::Exact, start..end), end))
}

/// A duration at the number at token `i` ("22 years", "a 10-year plan", "four decades"), or
/// the span of a record ("a 40-year high").
pub(super) fn duration_at(text: &str, w: &Words, i: usize) -> Option<(Figure, usize)> {
    let m = Measures::get();
    // "half a century", "a quarter-century": a fraction of a unit.
    let (years, end) = if let Some(found) = fraction_span_at(w, i) {
        found
    } else {
        let n = plain_number_at(text, w, i)?;
        let unit_at = skip_joiners(w, n.end);
        let u = m.duration_units.get(w.word(unit_at))?;
        (n.value * u, unit_at + 1)
    };
    // "aged 65", "65 years old", "65 and older": an age, a subgroup.
    if i > 0 && m.age_before.contains(w.word(i - 1)) {
        return None;
    }
    if m.age_after.iter().any(|p| w.is_phrase(end, p).is_some()) {
        return None;
    }
    let (bound, start) = bound_before(w, i);
    // "a 40-year high", "its 174-year climate record".
    let mut k = end;
    while k < (end + SPAN_REACH + 1).min(w.toks.len()) && w.toks[k].kind == TokKind::Word {
        if m.record_after_span.contains(w.word(k)) {
            let r = Measure::Record {
                rank: 1,
                since: None,
                span: Some(years),
            };
            return Some((Figure::measured(w, r, Bound::Exact, start..k + 1), k + 1));
        }
        k += 1;
    }
    let (lo, hi) = interval(bound, years, f64::INFINITY);
    let d = Measure::Duration { lo, hi };
    Some((Figure::measured(w, d, bound, start..end), end))
}
