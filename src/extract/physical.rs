//! Physical quantities: "1.48 °C", "2.12 degrees Fahrenheit", "1.5C", "424 ppm", "510 GW",
//! "37.4Gt", "between 0.95 and 1.20 °C". Values are converted to the canonical unit of their
//! dimension; a temperature stated as a rise or anomaly ("1.48 °C warmer than", "a rise of
//! 1.5 °C") is a temperature difference, converted by the factor alone (2.7 °F is 1.5 °C).

use super::bound::{bound_before, interval};
use super::measure::{Measure, UnitHit, glued_at, phrase_ends_at, plain_number_at};
use super::{Bound, Figure};
use crate::lexicon::measures::{Dimension, Measures};
use crate::text::Words;

/// A table unit (not a mass of the English lexicon: those stay masses) at token `k`: the
/// longest spelling that matches ("km / h" before "km").
fn table_unit_at(w: &Words, k: usize) -> Option<UnitHit> {
    let m = Measures::get();
    m.units_starting(w.word(k))
        .chain(w.lex.subject_units_starting(w.word(k)))
        .filter_map(|u| {
            let end = w.is_phrase(k, &u.spelling)?;
            Some(UnitHit {
                dimension: u.dimension,
                factor: u.factor,
                offset: u.offset,
                end,
            })
        })
        .max_by_key(|u| u.end)
}

/// A number with its unit at token `i`: the value as written, the unit (with the token after
/// it), and the unit's first token.
fn number_with_unit(text: &str, w: &Words, i: usize) -> Option<(f64, UnitHit, usize)> {
    if let Some((v, u)) = glued_at(text, w, i) {
        return Some((v, u, i));
    }
    let n = plain_number_at(text, w, i)?;
    let u = table_unit_at(w, super::numeral::skip_joiners(w, n.end))?;
    Some((n.value, u, n.end))
}

/// A physical quantity starting at the number at token `i`.
pub(super) fn quantity_at(text: &str, w: &Words, i: usize) -> Option<(Figure, usize)> {
    let bounds = &w.lex.bounds;
    // "0.95 to 1.20 °C", "between 0.95 and 1.20°C": the unit is written once, after the
    // second number.
    let first = plain_number_at(text, w, i);
    let between = i > 0 && w.is(i - 1, &bounds.range_opener);
    let ranged = first.and_then(|a| {
        let sep = w.word(a.end);
        let joins =
            bounds.range_joiners.contains(sep) || (between && sep == w.lex.numbers.conjunction);
        if !joins {
            return None;
        }
        let (b, u, at) = number_with_unit(text, w, a.end + 1)?;
        (b > a.value).then_some((a.value, b, u, at))
    });
    let (lo, hi, unit, unit_at, bound, start) = if let Some((a, b, u, at)) = ranged {
        let start = if between { i - 1 } else { i };
        (a, b, u, at, Bound::Range, start)
    } else {
        let (v, u, at) = number_with_unit(text, w, i)?;
        // "-5°C", "minus 4 degrees": only a temperature is written below zero.
        let sign = negative_sign_at(w, i).filter(|_| u.dimension == Dimension::Temperature);
        let v = if sign.is_some() { -v } else { v };
        let (bound, start) = bound_before(w, sign.unwrap_or(i));
        let (a, b) = interval(bound, v, f64::INFINITY);
        (a.min(b), a.max(b), u, at, bound, start)
    };
    let dimension = if unit.dimension == Dimension::Temperature && is_difference(w, start, unit.end)
    {
        Dimension::TemperatureDifference
    } else {
        unit.dimension
    };
    let m = Measure::Quantity {
        lo: unit.canonical(lo, dimension),
        hi: unit.canonical(hi, dimension),
        dimension,
        written: (lo, hi),
    };
    let mut f = Figure::measured(w, m, bound, start..unit.end);
    // The unit is what a count of it would name ("900 metres" for a count of metres).
    f.after = unit_at;
    Some((f, unit.end))
}

/// Whether a temperature over tokens `start..end` is stated as a rise or an anomaly.
fn is_difference(w: &Words, start: usize, end: usize) -> bool {
    let m = Measures::get();
    if m.difference_after.contains(w.word(end)) {
        return true;
    }
    m.difference_before
        .iter()
        .any(|p| phrase_ends_at(w, p, start))
}

/// The token of a minus sign before the number at token `i`: "minus", or a minus or hyphen
/// written against the digits that joins nothing before it ("-5°C", not "10-5°C").
fn negative_sign_at(w: &Words, i: usize) -> Option<usize> {
    let k = i.checked_sub(1)?;
    let m = Measures::get();
    let sign = w.word(k);
    if !m.negative_signs.contains(sign) {
        return None;
    }
    if sign.chars().all(char::is_alphabetic) {
        return Some(k);
    }
    let touches = |a: usize, b: usize| w.toks[a].end == w.toks[b].start;
    (touches(k, i) && (k == 0 || !touches(k - 1, k))).then_some(k)
}
