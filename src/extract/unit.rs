//! Units after a number: percent, multiplier words, masses (converted to kilograms) and the
//! rate words of a count ("a day", "per 100,000").

use super::Per;
use super::numeral::{digits_at, skip_joiners};
use crate::lexicon::SpanWord;
use crate::policy::Policy;
use crate::text::{TokKind, Words};

impl From<SpanWord> for Per {
    fn from(s: SpanWord) -> Per {
        match s {
            SpanWord::Day => Per::Day,
            SpanWord::Week => Per::Week,
            SpanWord::Month => Per::Month,
            SpanWord::Year => Per::Year,
        }
    }
}

/// Converts a mass in `unit` (database spelling) to kilograms.
pub fn unit_to_kg(unit: &str) -> Option<f64> {
    Some(match unit {
        "lb" => 0.453_592_37,
        "kg" => 1.0,
        "g" => 0.001,
        "mg" => 0.000_001,
        "oz" => 0.028_349_523,
        "t" => 1000.0,
        "ton" => 907.184_74,
        _ => return None,
    })
}

pub(super) fn mass_unit_at(w: &Words, i: usize) -> Option<(f64, usize)> {
    let i = skip_joiners(w, i);
    for (unit, kg) in w.lex.units.mass.iter() {
        if let Some(end) = w.is_phrase(i, unit) {
            // "lb." keeps its dot as a separate token.
            let end = if w.is(end, ".") && w.lex.units.dotted_mass.contains(unit) {
                end + 1
            } else {
                end
            };
            return Some((kg, end));
        }
    }
    None
}

/// "a day", "per year", "daily", "per 100,000" within a few words after a count.
pub(super) fn per_after(text: &str, w: &Words, from: usize) -> Option<Per> {
    let rates = &w.lex.rates;
    let policy = Policy::DEFAULT;
    let population =
        |k: usize| digits_at(text, w, k).is_some_and(|n| n.value >= policy.population_min);
    let mut k = from;
    // "200 people die from overdoses every day": within the clause.
    let limit = (from + policy.rate_window).min(w.toks.len());
    while k < limit {
        let x = w.word(k);
        if w.toks[k].kind == TokKind::Punct && !w.is_joiner(k) {
            return None;
        }
        if w.toks[k].kind == TokKind::Number && k > from {
            return None;
        }
        if let Some(span) = rates.adverbs.get(x) {
            return Some(Per::from(span));
        }
        if rates.introducers.contains(x) {
            let mut j = k + 1;
            if w.word(j) == rates.single {
                j += 1;
            }
            // "a year earlier" is a time, not a rate.
            if let Some(span) = rates.spans.get(w.word(j))
                && !rates.time_not_rate.contains(w.word(j + 1))
            {
                return Some(Per::from(span));
            }
            if rates.population_introducers.contains(x) && population(j) {
                return Some(Per::Capita);
            }
            if w.is_phrase(k, &rates.capita).is_some() {
                return Some(Per::Capita);
            }
        }
        if let Some(j) = w.is_phrase(k, &rates.population_phrase)
            && population(j)
        {
            return Some(Per::Capita);
        }
        k += 1;
    }
    None
}

/// Words after a number that show it measures something other than a count.
pub(super) fn percent_after(w: &Words, i: usize) -> Option<usize> {
    let j = skip_joiners(w, i);
    let units = &w.lex.units;
    if units.percent.contains(w.word(j)) {
        if units.points.contains(w.word(j + 1)) {
            return None; // a change, not a share
        }
        return Some(j + 1);
    }
    units
        .percent_phrases
        .iter()
        .find_map(|phrase| w.is_phrase(j, phrase))
}

/// "times", "-fold", "x": the multiplier words after a number.
pub(super) fn times_after(w: &Words, i: usize) -> Option<usize> {
    let j = skip_joiners(w, i);
    if w.lex.units.times.contains(w.word(j)) {
        return Some(j + 1);
    }
    // "50 x": the letter counts only written against the number ("50x" reads as one token).
    if w.lex.numbers.digit_times.contains(w.word(j))
        && w.toks.get(j).is_some_and(|t| t.start == w.toks[i - 1].end)
    {
        return Some(j + 1);
    }
    None
}
