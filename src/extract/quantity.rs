//! Quantities: what a number measures. A numeral is read ([`super::numeral`]), widened to a
//! range ("30 to 50") or bounded ([`super::bound`]), then classified by what follows it: a
//! change, money, a percent, a ratio, a multiplier, a mass, a fraction, or a count.

use super::bound::{bound_after, bound_before, interval, stated};
use super::numeral::{Numeral, Suffix, fold_word, numeral_at, skip_joiners};
use super::unit::{mass_unit_at, per_after, percent_after, times_after};
use super::{Bound, Figure, Kind};
use crate::policy::Policy;
use crate::text::{TokKind, Words};

/// A number as stated, before we know what it measures: its values, the words it spans and
/// the bound before it.
struct Stated {
    numeral: Numeral,
    lo: f64,
    hi: f64,
    /// Token just past the number (past the second number of a range).
    end: usize,
    /// "30 to 50": both values are stated; no bound applies.
    ranged: bool,
    bound: Bound,
    /// The first token of the figure's words, bound words included.
    start: usize,
}

impl Stated {
    /// The interval of the stated values under the bound, capped at `max`.
    fn interval(&self, max: f64) -> (f64, f64) {
        stated(self.ranged, self.lo, self.hi, self.bound, max)
    }

    /// Takes a bound written after the figure ("or more") when none was written before;
    /// returns where the figure's words end.
    fn bound_after(&mut self, w: &Words, after: usize) -> usize {
        let found = bound_after(w, after);
        if let Some((b, _)) = found
            && self.bound == Bound::Exact
        {
            self.bound = b;
        }
        found.map_or(after, |(_, e)| e)
    }
}

/// A number and what it measures, starting at token `i`.
pub(super) fn number_figure_at(text: &str, w: &Words, i: usize) -> Option<(Figure, usize)> {
    if let Some(found) = one_word_multiplier(w, i) {
        return Some(found);
    }
    let a = numeral_at(text, w, i)?;
    if a.suffix == Suffix::Ordinal {
        return None;
    }
    // Lone "one"/"a" words are articles and pronouns far more often than counts ("zero" is
    // a count: "zero deaths")…except in "one in 5,000".
    if w.toks[i].kind == TokKind::Word && !a.fraction && a.value == 1.0 && a.end == i + 1 {
        ratio_after(text, w, &a)?;
    }
    let mut s = read_range(text, w, i, a);
    if is_change(w, s.start, s.end) {
        return Some(change(w, &s));
    }
    if i > 0 && w.lex.units.currency_signs.contains(w.word(i - 1)) {
        s.start = s.start.min(i - 1);
        let f = Figure::quantity(
            w,
            Kind::Money,
            s.interval(f64::INFINITY),
            s.bound,
            s.start..s.end,
        );
        return Some((f, s.end));
    }
    if let Some(after) = percent_after(w, s.end) {
        let stop = s.bound_after(w, after);
        let mut f = Figure::quantity(w, Kind::Share, s.interval(100.0), s.bound, s.start..stop);
        f.after = after;
        return Some((f, stop));
    }
    if !s.ranged
        && let Some((denominator, stop)) = ratio_after(text, w, &s.numeral)
    {
        let v = s.numeral.value / denominator * 100.0;
        let f = Figure::quantity(
            w,
            Kind::Share,
            interval(s.bound, v, 100.0),
            s.bound,
            s.start..stop,
        );
        return Some((f, stop));
    }
    let times_end = if s.numeral.suffix == Suffix::Times {
        Some(s.end)
    } else {
        times_after(w, s.end)
    };
    if let Some(after) = times_end {
        let f = Figure::quantity(
            w,
            Kind::Multiplier,
            s.interval(f64::INFINITY),
            s.bound,
            s.start..after,
        );
        return Some((f, after));
    }
    if let Some((kg, after)) = mass_unit_at(w, s.end) {
        s.bound_after(w, after);
        let values = if s.ranged {
            (s.lo * kg, s.hi * kg)
        } else {
            interval(s.bound, s.lo * kg, f64::INFINITY)
        };
        let f = Figure::quantity(w, Kind::Mass, values, s.bound, s.start..after);
        return Some((f, after));
    }
    if s.numeral.fraction {
        return Some(fraction(w, &s));
    }
    // A year is handled by `when_at`; reaching here means a plural noun follows ("2000
    // deaths") or it is not a date at all.
    if s.numeral.year_like && !s.ranged && !plural_noun_follows(w, s.end) {
        return None;
    }
    // "70.601 deaths": a thousands dot or a decimal point; a misread must never conflict.
    if s.numeral.dot_may_group && !s.ranged {
        return None;
    }
    let end = s.end;
    let stop = s.bound_after(w, end);
    let mut f = Figure::quantity(
        w,
        Kind::Count,
        s.interval(f64::INFINITY),
        s.bound,
        s.start..stop,
    );
    f.per = per_after(text, w, stop);
    f.after = end;
    Some((f, stop))
}

/// "twelvefold", "twice as": a multiplier in one word.
fn one_word_multiplier(w: &Words, i: usize) -> Option<(Figure, usize)> {
    let units = &w.lex.units;
    let v = fold_word(w, w.word(i)).or_else(|| {
        (w.word(i) == units.twice && units.twice_before.contains(w.word(i + 1))).then_some(2.0)
    })?;
    let f = Figure::quantity(w, Kind::Multiplier, (v, v), Bound::Exact, i..i + 1);
    Some((f, i + 1))
}

/// The numeral `a` at token `i`, widened to a range ("30 to 50", "50-100", "between 60,000
/// and 80,000") or with the bound written before it.
fn read_range(text: &str, w: &Words, i: usize, a: Numeral) -> Stated {
    let bounds = &w.lex.bounds;
    let (mut lo, mut hi, mut end, mut ranged) = (a.value, a.value, a.end, false);
    let between = i > 0 && w.is(i - 1, &bounds.range_opener);
    if !a.year_like {
        let sep = w.word(a.end);
        let ok_sep =
            bounds.range_joiners.contains(sep) || (between && sep == w.lex.numbers.conjunction);
        // "rose from 3,105 to 5,544": two levels of a change, never a range.
        if ok_sep
            && !super::from_to::after_change_from(w, bound_before(w, i).1)
            && let Some(b) = numeral_at(text, w, a.end + 1)
            && !b.year_like
            && b.value > a.value
            && b.suffix != Suffix::Ordinal
        {
            // "30 to 50 percent" shares the unit; "30% to 50%" is handled by looking past b.
            let a_bare = percent_after(w, a.end).is_none() || percent_after(w, b.end).is_some();
            if a_bare {
                lo = a.value;
                hi = b.value;
                end = b.end;
                ranged = true;
            }
        }
    }
    let (bound, start) = if ranged {
        (Bound::Range, if between { i - 1 } else { i })
    } else {
        bound_before(w, i)
    };
    Stated {
        numeral: a,
        lo,
        hi,
        end,
        ranged,
        bound,
        start,
    }
}

/// A change ("rose 50%", "a 23% jump"): its unit words belong to it.
fn change(w: &Words, s: &Stated) -> (Figure, usize) {
    let after = percent_after(w, s.end)
        .or_else(|| times_after(w, s.end))
        .or_else(|| mass_unit_at(w, s.end).map(|(_, e)| e))
        .unwrap_or(s.end);
    let f = Figure::quantity(w, Kind::Change, (s.lo, s.hi), s.bound, s.start..after);
    (f, after)
}

/// A bare fraction word ("half of respondents", "more than a third"): a share. Said without
/// a bound it is a round figure: a band of [`Policy::fraction_band`] points, never wider than
/// a hedge.
fn fraction(w: &Words, s: &Stated) -> (Figure, usize) {
    let band = Policy::DEFAULT.fraction_band;
    let v = s.lo * 100.0;
    let exact = s.bound == Bound::Exact;
    let (l, h) = interval(if exact { Bound::Approx } else { s.bound }, v, 100.0);
    let (l, h) = if exact {
        (v.min(l.max(v - band)), v.max(h.min(v + band)))
    } else {
        (l, h)
    };
    let f = Figure::quantity(w, Kind::Share, (l, h), s.bound, s.start..s.end);
    (f, s.end)
}

/// Whether the figure at tokens `start..end` is a change rather than a level: "rose 50%",
/// "increased by 25 percent", "an increase of 79%", "a 23% jump", "5,000 more deaths".
fn is_change(w: &Words, start: usize, end: usize) -> bool {
    let changes = &w.lex.changes;
    let of = w.lex.binding.of.as_str();
    let by = w.lex.people.by.as_str();
    if start > 0 {
        let prev = w.word(start - 1);
        // "made up 14%" states a share.
        let makes_up = prev == changes.make_up_particle
            && start > 1
            && changes.make_up_verbs.contains(w.word(start - 2));
        if changes.verbs.contains(prev) && !makes_up {
            return true;
        }
        if prev == by && start > 1 && changes.verbs.contains(w.word(start - 2)) {
            return true;
        }
        if prev == of && start > 1 && changes.nouns.contains(w.word(start - 2)) {
            return true;
        }
    }
    // Past the unit: "50% increase", "5,000 more deaths", "50 percent higher".
    let mut k = end;
    let mut times = false;
    for unit_word in &changes.unit_words {
        if w.word(k) == unit_word {
            times |= w.lex.units.times.contains(unit_word);
            k += 1;
        }
    }
    let next = w.word(k);
    // "50 times more potent than" is a multiplier; "5,000 more than" is a bound's word.
    if changes.comparatives.contains(next) && (times || w.word(k + 1) == w.lex.binding.than) {
        return false;
    }
    changes.nouns.contains(next)
}

/// Whether a plural noun follows at token `i` ("2000 deaths").
pub(super) fn plural_noun_follows(w: &Words, i: usize) -> bool {
    let min = Policy::DEFAULT.plural_min_len;
    w.norm.get(i).is_some_and(|x| {
        w.toks[i].kind == TokKind::Word && x.len() >= min && x.ends_with('s') && !x.ends_with("ss")
    })
}

/// "in 5,000", "out of five", "in every 5,000" after a numeral: the denominator and the end.
fn ratio_after(text: &str, w: &Words, a: &Numeral) -> Option<(f64, usize)> {
    let units = &w.lex.units;
    let k = skip_joiners(w, a.end);
    let mut k = units.ratio_phrases.iter().find_map(|p| w.is_phrase(k, p))?;
    k = skip_joiners(w, k);
    if w.is(k, &units.ratio_every) {
        k += 1;
    }
    let m = numeral_at(text, w, k)?;
    if m.year_like || m.fraction || m.suffix != Suffix::None || m.value <= a.value || a.value <= 0.0
    {
        return None;
    }
    Some((m.value, m.end))
}
