//! A change stated by its two levels: "grew from 3,105 to 5,544", "the rate rose from 3.5% to
//! 3.7% in June", "an increase from $1.2 billion in 2021 to $1.5 billion". The levels stay
//! figures of their own when each has its own date ("from 3,105 in 2019"); the change they
//! imply is added as a figure of its own, known only as well as the levels are written
//! (3,105 is 3,104.5 to 3,105.5), so a source's rounded change agrees and a slip conflicts.

use super::measure::{Base, ChangeUnit, Measure};
use super::{Bound, Figure, FigureValue, Kind, When};
use crate::lexicon::measures::Dimension;
use crate::text::{TokKind, Words};

/// Most tokens between the first level and the "to" of the second that are neither a date
/// nor a preposition before a date ("from 3,105 in fiscal 2019 to …").
const GAP_MAX: usize = 6;

/// Whether the number at token `i` (its bound words included) is the first level of "<change
/// word> from A to B": "from" right before it and a change verb or noun before that, an
/// adverb allowed between ("rose sharply from"). Such a pair is two levels, never a range
/// or a tally.
pub(super) fn after_change_from(w: &Words, i: usize) -> bool {
    if i < 2 || w.word(i - 1) != w.lex.dates.change_from {
        return false;
    }
    let m = crate::lexicon::measures::Measures::get();
    let is_change = |k: usize| {
        let word = w.word(k);
        super::change::direction(m, word, false).is_some()
            || super::change::direction(m, word, true).is_some()
            || w.lex.changes.verbs.contains(word)
    };
    is_change(i - 2) || (i >= 3 && w.word(i - 2).ends_with("ly") && is_change(i - 3))
}

/// Adds the change implied by each "from A to B" after a change word to `figures` (in
/// order), and drops a first level that has no date of its own: "rose from 3.5% to 3.7% in
/// June" does not state 3.5% for June.
pub(super) fn add_from_to_changes(text: &str, w: &Words, figures: &mut Vec<Figure>) {
    let mut k = 0;
    while k < figures.len() {
        let Some((a, dated, base)) = first_level(text, w, figures, k) else {
            k += 1;
            continue;
        };
        let b = k;
        let derived = derived_changes(text, w, &figures[a], &figures[b], base);
        if derived.is_empty() {
            k += 1;
            continue;
        }
        let n = derived.len();
        for (j, f) in derived.into_iter().enumerate() {
            figures.insert(b + 1 + j, f);
        }
        if !dated {
            figures.remove(a);
            k += n;
        } else {
            k += n + 1;
        }
    }
}

/// For the figure at `b` written after "to", the index of the first level ("from A"), whether
/// that level has its own date, and that date as the change's base.
fn first_level(
    text: &str,
    w: &Words,
    figures: &[Figure],
    b: usize,
) -> Option<(usize, bool, Option<Base>)> {
    let fb = &figures[b];
    let start = fb.toks.start;
    if start == 0 || w.word(start - 1) != w.lex.dates.change_to || !is_level(text, fb) {
        return None;
    }
    let mut dates: Vec<When> = Vec::new();
    let mut a = b;
    while a > 0 {
        a -= 1;
        match figures[a].kind() {
            Kind::When => {
                if let Some(d) = figures[a].when() {
                    dates.push(d);
                }
            }
            _ => break,
        }
    }
    let fa = &figures[a];
    if a == b || fa.kind() == Kind::When || !after_change_from(w, fa.toks.start) {
        return None;
    }
    // Between the levels: dates and the short words that introduce them only.
    let between = fa.toks.end..start - 1;
    let covered = |t: usize| figures[a + 1..b].iter().any(|d| d.toks.contains(&t));
    let loose = between
        .clone()
        .filter(|&t| !covered(t))
        .filter(|&t| w.toks[t].kind != TokKind::Punct)
        .count();
    let filler_ok = between.clone().filter(|&t| !covered(t)).all(|t| {
        w.toks[t].kind == TokKind::Punct || w.lex.binding.function_words.contains(w.word(t))
    });
    if loose > GAP_MAX || !filler_ok {
        return None;
    }
    // A first level without a date of its own is dated by a span of years the sentence gives
    // ("Between 2014 and 2021, deaths rose from 5,544 to 70,000": see check/periods.rs);
    // otherwise it has no period and is no level to judge.
    let dated = !dates.is_empty()
        || figures
            .iter()
            .filter_map(Figure::when)
            .any(|d| d.is_whole_years() && d.year_range().0 != d.year_range().1);
    let base = dates.last().map(|d| Base::Date(*d));
    Some((a, dated, base))
}

/// Whether a figure can be a level of a from-to change: a count, a percentage, money or a
/// physical quantity, stated exactly or about.
fn is_level(text: &str, f: &Figure) -> bool {
    if !matches!(f.bound, Bound::Exact | Bound::Approx) {
        return false;
    }
    match (f.kind(), f.measure()) {
        (Kind::Count | Kind::Mass, _) => f.per.is_none(),
        (Kind::Share, _) => text
            .get(f.span.clone())
            .is_some_and(|t| t.bytes().any(|b| b.is_ascii_digit())),
        (_, Some(Measure::Money { .. } | Measure::Quantity { .. })) => true,
        _ => false,
    }
}

/// A level's interval widened by half a step of its last significant digit ("3.5%" is 3.45
/// to 3.55; "3,100" is 3,050 to 3,150: its zeros may be rounding), in the figure's own unit.
fn written_interval(text: &str, w: &Words, f: &Figure, lo: f64, hi: f64) -> (f64, f64) {
    match super::precision::relative_step(text, w, f) {
        Some(rel) => (lo - 0.5 * rel * lo.abs(), hi + 0.5 * rel * hi.abs()),
        None => (lo, hi),
    }
}

/// The value interval of a level in a common unit, and what a change between two such levels
/// is measured in.
fn level_value(f: &Figure) -> Option<(f64, f64, LevelUnit)> {
    match (f.kind(), f.value()) {
        (Kind::Count, FigureValue::Quantity { lo, hi }) => Some((lo, hi, LevelUnit::Count)),
        (Kind::Mass, FigureValue::Quantity { lo, hi }) => {
            Some((lo, hi, LevelUnit::Quantity(Dimension::Mass)))
        }
        (Kind::Share, FigureValue::Quantity { lo, hi }) => Some((lo, hi, LevelUnit::Percent)),
        (
            _,
            FigureValue::Measure(Measure::Money {
                lo,
                hi,
                currency,
                per,
            }),
        ) => Some((lo, hi, LevelUnit::Money(currency, per))),
        (
            _,
            FigureValue::Measure(Measure::Quantity {
                lo, hi, dimension, ..
            }),
        ) => Some((lo, hi, LevelUnit::Quantity(dimension))),
        _ => None,
    }
}

/// What a level is measured in, for telling whether two levels can be compared.
#[derive(Debug, Clone, Copy, PartialEq)]
enum LevelUnit {
    Count,
    Percent,
    Money(crate::lexicon::measures::Currency, Option<u16>),
    Quantity(Dimension),
}

/// The changes two levels imply: relative (percent) for counts, money and quantities, in
/// percentage points for percentages, and the absolute difference for money and quantities.
fn derived_changes(
    text: &str,
    w: &Words,
    a: &Figure,
    b: &Figure,
    base: Option<Base>,
) -> Vec<Figure> {
    let (Some((alo, ahi, ua)), Some((blo, bhi, ub))) = (level_value(a), level_value(b)) else {
        return Vec::new();
    };
    // "from $2.50 to $3.10 a gallon": the denominator written once serves both levels.
    let (ua, ub) = match (ua, ub) {
        (LevelUnit::Money(c, None), LevelUnit::Money(d, Some(p))) if c == d => {
            (LevelUnit::Money(c, Some(p)), ub)
        }
        pair => pair,
    };
    if ua != ub {
        return Vec::new();
    }
    let (alo, ahi) = written_interval(text, w, a, alo, ahi);
    let (blo, bhi) = written_interval(text, w, b, blo, bhi);
    let toks = change_start(w, a.toks.start)..b.toks.end;
    let change = |lo: f64, hi: f64, unit: ChangeUnit| {
        let c = Measure::Change {
            lo,
            hi,
            unit,
            signed: true,
            base,
        };
        Figure::measured(w, c, Bound::Exact, toks.clone())
    };
    let difference = (blo - ahi, bhi - alo);
    let mut out = Vec::new();
    if ua == LevelUnit::Percent {
        out.push(change(difference.0, difference.1, ChangeUnit::Points));
        return out;
    }
    if alo > 0.0 {
        out.push(change(
            (blo / ahi - 1.0) * 100.0,
            (bhi / alo - 1.0) * 100.0,
            ChangeUnit::Percent,
        ));
    }
    match ua {
        LevelUnit::Money(c, None) => {
            out.push(change(difference.0, difference.1, ChangeUnit::Money(c)))
        }
        LevelUnit::Quantity(d) => {
            let d = if d == Dimension::Temperature {
                Dimension::TemperatureDifference
            } else {
                d
            };
            out.push(change(difference.0, difference.1, ChangeUnit::Quantity(d)));
        }
        _ => {}
    }
    out
}

/// The token where a from-to change starts: its change word ("grew" of "grew from").
fn change_start(w: &Words, first_level: usize) -> usize {
    let from = first_level.saturating_sub(1);
    let verb = from.saturating_sub(1);
    if verb > 0 && w.word(verb).ends_with("ly") {
        verb - 1
    } else {
        verb
    }
}
