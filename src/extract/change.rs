//! Changes: "rose 9.1%", "fell by about 2.3%", "up 0.5 percentage points", "a 25-basis-point
//! increase", "a quarter-point hike", "an increase of 3.0 ppm", "up by half", "doubled", each
//! with its direction and, when stated, its base ("from a year earlier", "over May 2022",
//! "from 2016"). Percent and percentage points are different units; basis points are
//! converted to points.

use super::bound::{bound_before, interval};
use super::measure::{Base, ChangeUnit, Measure, glued_at, plain_number_at};
use super::numeral::{digits_at, skip_joiners};
use super::{Bound, Figure, When};
use crate::lexicon::measures::{Dimension, Measures};
use crate::text::{TokKind, Words};

/// Most words between a change verb and its number (a bound: "by nearly", "about").
const VERB_REACH: usize = 4;
/// Most words of an object between a change verb and its "by" ("raised the policy rate by",
/// "cut the list price of its insulin by").
const OBJECT_REACH: usize = 8;
/// Most nouns between a change's amount and its noun in a noun phrase ("a 40 percent price
/// cut", "a 3% wage increase", "a 25-basis-point interest rate hike").
const MODIFIER_REACH: usize = 2;
/// How far after a number the noun of a change may stand ("a 25-basis-point interest rate
/// cut").
const NOUN_REACH: usize = 9;

/// The direction a word gives a change: `Some(true)` up, `Some(false)` down.
pub(super) fn direction(m: &Measures, word: &str, nouns: bool) -> Option<bool> {
    let (up, down) = if nouns {
        (&m.change_nouns_up, &m.change_nouns_down)
    } else {
        (&m.change_up, &m.change_down)
    };
    if up.contains(word) {
        Some(true)
    } else if down.contains(word) {
        Some(false)
    } else {
        None
    }
}

/// A change introduced by a word at token `i`: a verb ("rose 9.1%"), a noun and "of" ("an
/// increase of 3 ppm"), or a verb of multiples ("doubled").
pub(super) fn change_at(text: &str, w: &Words, i: usize) -> Option<(Figure, usize)> {
    let m = Measures::get();
    let word = w.word(i);
    if let Some(v) = m.change_multiples.get(word) {
        let (base, end) = base_after(text, w, i + 1);
        let c = Measure::Change {
            lo: v,
            hi: v,
            unit: ChangeUnit::Percent,
            signed: true,
            base,
        };
        return Some((Figure::measured(w, c, Bound::Exact, i..end), end));
    }
    // "made up 14%" states a share.
    let makes_up = i > 0 && w.lex.changes.make_up_verbs.contains(w.word(i - 1));
    // A noun and "of" first: "a decline of 0.6 year" ("decline" is a verb too).
    let (up, first) = if let Some(up) = direction(m, word, true)
        && w.word(i + 1) == w.lex.binding.of
    {
        (up, i + 2)
    } else if let Some(up) = direction(m, word, false).filter(|_| !makes_up) {
        let k = if w.word(i + 1) == w.lex.people.by {
            i + 2
        } else {
            i + 1
        };
        (up, k)
    } else {
        return None;
    };
    // The number may follow a bound ("by nearly 50%"); nothing else may stand between. An
    // amount of money starts at its sign ("rose $8 billion").
    let is_number = |j: usize| {
        Measures::get().currency_signs.get(w.word(j)).is_some()
            || plain_number_at(text, w, j).is_some()
            || glued_at(text, w, j).is_some()
            || a_span_at(w, j).is_some()
    };
    // "raised the rate by 25 basis points": the object, then "by" and the amount.
    let by = w.lex.people.by.as_str();
    let first = if is_number(first) {
        first
    } else {
        // The object is words, and no other change ("cut the question of whether prices
        // rose by 5%" is not a cut of 5%).
        (first..(first + OBJECT_REACH).min(w.toks.len()))
            .take_while(|&k| {
                w.toks[k].kind == TokKind::Word
                    && direction(m, w.word(k), false).is_none()
                    && direction(m, w.word(k), true).is_none()
            })
            .find(|&k| w.word(k) == by)
            .map_or(first, |k| k + 1)
    };
    let j = if Measures::get().currency_signs.get(w.word(first)).is_some() {
        first
    } else {
        (first..(first + VERB_REACH).min(w.toks.len())).find(|&j| is_number(j))?
    };
    let (bound, bstart) = bound_before(w, j);
    if j != first && bstart != first {
        return None;
    }
    let (lo, hi, unit, end) = amount(text, w, j, bound, true)?;
    let (lo, hi) = if up { (lo, hi) } else { (-hi, -lo) };
    let (base, end) = base_after(text, w, end);
    let c = Measure::Change {
        lo,
        hi,
        unit,
        signed: true,
        base,
    };
    Some((Figure::measured(w, c, bound, i..end), end))
}

/// A change whose number comes first: "a 9.1% increase", "a 25-basis-point rise", "a
/// quarter-point hike", "a 1.1% change".
pub(super) fn change_after_number(text: &str, w: &Words, i: usize) -> Option<(Figure, usize)> {
    let m = Measures::get();
    // Cheap test first: a change noun must follow the number and its unit.
    if !(i + 1..(i + NOUN_REACH).min(w.toks.len())).any(|k| direction(m, w.word(k), true).is_some())
    {
        return None;
    }
    let (bound, start) = bound_before(w, i);
    let (lo, hi, unit, end) = amount(text, w, i, bound, false)?;
    // "a 10% year-over-year increase": the base before the noun.
    let mut k = skip_joiners(w, end);
    let mut base_before = None;
    if let Some(e) = m.base_year.iter().find_map(|p| w.is_phrase(k, p)) {
        base_before = Some(Base::Year);
        k = skip_joiners(w, e);
    } else if let Some(e) = m.base_month.iter().find_map(|p| w.is_phrase(k, p)) {
        base_before = Some(Base::Month);
        k = skip_joiners(w, e);
    }
    let k = noun_after_modifiers(text, w, start, k)?;
    let up = direction(m, w.word(k), true)?;
    let (lo, hi) = if up { (lo, hi) } else { (-hi, -lo) };
    let (base, stop) = base_after(text, w, k + 1);
    let base = base.or(base_before);
    let c = Measure::Change {
        lo,
        hi,
        unit,
        signed: true,
        base,
    };
    Some((Figure::measured(w, c, bound, start..stop), stop))
}

/// The change noun at or after token `k`: right there ("a 9.1% increase"), or after a few
/// nouns when a determiner opens the phrase at `start` ("the 40 percent price cut", "a 3%
/// wage increase", "Lilly's 70% price cut"). Without a determiner the words between are
/// another phrase ("40% of workers saw a cut").
fn noun_after_modifiers(text: &str, w: &Words, start: usize, k: usize) -> Option<usize> {
    let m = Measures::get();
    if direction(m, w.word(k), true).is_some() {
        return Some(k);
    }
    let determined = start > 0 && {
        let raw = w.toks[start - 1].text(text);
        m.noun_phrase_openers.contains(w.word(start - 1))
            || raw.ends_with("'s")
            || raw.ends_with("’s")
    };
    if !determined {
        return None;
    }
    let mut j = k;
    for _ in 0..MODIFIER_REACH {
        let x = w.word(j);
        if w.toks.get(j)?.kind != TokKind::Word
            || m.noun_phrase_openers.contains(x)
            || m.phrase_breakers.contains(x)
            || w.lex.clauses.copulas.contains(x)
            || w.lex.clauses.auxiliaries.contains(x)
            || w.lex.clauses.pronouns.contains(x)
        {
            return None;
        }
        j = skip_joiners(w, j + 1);
        if direction(m, w.word(j), true).is_some() {
            return Some(j);
        }
    }
    None
}

/// A change written as an amount, a comparative and its base: "4.4% lower than a year
/// earlier", "2 points higher from the previous month". Without a stated base the comparative
/// says nothing of a change ("20% more potent").
pub(super) fn change_comparative(text: &str, w: &Words, i: usize) -> Option<(Figure, usize)> {
    let m = Measures::get();
    let (bound, start) = bound_before(w, i);
    let (lo, hi, unit, end) = amount(text, w, i, bound, false)?;
    if !matches!(unit, ChangeUnit::Percent | ChangeUnit::Points) {
        return None;
    }
    let word = w.word(end);
    let up = if m.comparative_up.contains(word) {
        true
    } else if m.comparative_down.contains(word) {
        false
    } else {
        return None;
    };
    let (base, stop) = base_after(text, w, end + 1);
    let base = base?;
    let (lo, hi) = if up { (lo, hi) } else { (-hi, -lo) };
    let c = Measure::Change {
        lo,
        hi,
        unit,
        signed: true,
        base: Some(base),
    };
    Some((Figure::measured(w, c, bound, start..stop), stop))
}

/// The amount of a change at token `j` under `bound`: its interval, unit and end. After a
/// verb (`verb`), a span of time is an amount of years ("fell by 0.6 year"); before a noun it
/// is how long the change took ("a 10-year decline"), so no amount.
fn amount(
    text: &str,
    w: &Words,
    j: usize,
    bound: Bound,
    verb: bool,
) -> Option<(f64, f64, ChangeUnit, usize)> {
    let m = Measures::get();
    if let Some((f, end)) = super::money::money_at(text, w, j)
        && let Some(Measure::Money {
            lo, hi, currency, ..
        }) = f.measure()
    {
        return Some((lo, hi, ChangeUnit::Money(currency), end));
    }
    if let Some((v, u)) = glued_at(text, w, j) {
        let dim = difference_of(u.dimension);
        let (lo, hi) = interval(bound, v, f64::INFINITY);
        return Some((
            u.canonical(lo, dim),
            u.canonical(hi, dim),
            ChangeUnit::Quantity(dim),
            u.end,
        ));
    }
    // "rose by a year", "fell by nearly a decade".
    if verb && let Some((years, e)) = a_span_at(w, j) {
        let (lo, hi) = interval(bound, years, f64::INFINITY);
        return Some((lo, hi, ChangeUnit::Years, e));
    }
    let n = plain_number_at(text, w, j)?;
    let mut after = skip_joiners(w, n.end);
    // "half a percentage point", "a quarter of a point": a fraction of a unit.
    if n.fraction {
        if w.word(after) == w.lex.binding.of {
            after += 1;
        }
        if w.lex.numbers.articles.contains(w.word(after)) {
            after += 1;
        }
    }
    let (lo, hi) = interval(bound, n.value, f64::INFINITY);
    if w.is(n.end, "%") || super::unit::percent_after(w, n.end).is_some() {
        // "5 percentage points" is read below; "5%" and "5 percent" here.
        if let Some(e) = super::unit::percent_after(w, n.end) {
            return Some((lo, hi, ChangeUnit::Percent, e));
        }
    }
    if let Some(e) = m.points.iter().find_map(|p| w.is_phrase(after, p)) {
        return Some((lo, hi, ChangeUnit::Points, e));
    }
    if let Some(e) = m.basis_points.iter().find_map(|p| w.is_phrase(after, p)) {
        return Some((lo / 100.0, hi / 100.0, ChangeUnit::Points, e));
    }
    if let Some(u) = super::measure::unit_at(w, n.end) {
        let dim = difference_of(u.dimension);
        return Some((
            u.canonical(lo, dim),
            u.canonical(hi, dim),
            ChangeUnit::Quantity(dim),
            u.end,
        ));
    }
    if verb && let Some(e) = years_after(w, after) {
        let u = m.duration_units.get(w.word(after)).unwrap_or(1.0);
        return Some((lo * u, hi * u, ChangeUnit::Years, e));
    }
    if n.fraction && m.duration_units.get(w.word(after)).is_none() {
        // "up by half", "cut by a third": a relative change ("a half-century decline" is
        // how long it took).
        return Some((lo * 100.0, hi * 100.0, ChangeUnit::Percent, n.end));
    }
    None
}

/// The end of a span-of-time unit at token `k` that is the amount of a change ("by 0.6
/// year"), not a time ("10 years ago") nor how long a change lasted ("3 years in a row").
fn years_after(w: &Words, k: usize) -> Option<usize> {
    let m = Measures::get();
    m.duration_units.get(w.word(k))?;
    let next = k + 1;
    if w.lex.rates.time_not_rate.contains(w.word(next))
        || m.consecutive.iter().any(|p| w.is_phrase(next, p).is_some())
    {
        return None;
    }
    Some(next)
}

/// "a year", "a decade" at token `k`, as the amount of a change: the years and the end.
fn a_span_at(w: &Words, k: usize) -> Option<(f64, usize)> {
    if !w.lex.numbers.articles.contains(w.word(k)) {
        return None;
    }
    let years = Measures::get().duration_units.get(w.word(k + 1))?;
    Some((years, years_after(w, k + 1)?))
}

/// A change of temperature is a difference.
fn difference_of(d: Dimension) -> Dimension {
    if d == Dimension::Temperature {
        Dimension::TemperatureDifference
    } else {
        d
    }
}

/// What a change is measured against, right after it: a phrase ("from a year earlier") or an
/// introducer and a date ("from 2016", "over May 2022").
fn base_after(text: &str, w: &Words, k: usize) -> (Option<Base>, usize) {
    let m = Measures::get();
    if let Some(e) = m.base_year.iter().find_map(|p| w.is_phrase(k, p)) {
        return (Some(Base::Year), e);
    }
    if let Some(e) = m.base_month.iter().find_map(|p| w.is_phrase(k, p)) {
        return (Some(Base::Month), e);
    }
    let after = if m.base_introducers.contains(w.word(k)) {
        k + 1
    } else if let Some(e) = m
        .base_introducer_phrases
        .iter()
        .find_map(|p| w.is_phrase(k, p))
    {
        e
    } else {
        return (None, k);
    };
    // A bare year: "from 2016 to 67%" must not read as the span 2016-2067.
    if let Some(n) = digits_at(text, w, after)
        && n.year_like
    {
        return (Some(Base::Date(When::year(n.value as u32))), after + 1);
    }
    if let Some((f, e)) = super::date::when_at(text, w, after)
        && let Some(when) = f.when()
        && when.precision != super::Precision::Relative
    {
        return (Some(Base::Date(when)), e);
    }
    (None, k)
}
