//! Bounds: the words that make a stated value an interval ("more than", "about", "nearly",
//! "or more"), and the interval they make.

use super::Bound;
use crate::lexicon::BoundWord;
use crate::policy::Policy;
use crate::text::Words;

impl From<BoundWord> for Bound {
    fn from(w: BoundWord) -> Bound {
        match w {
            BoundWord::AtLeast => Bound::AtLeast,
            BoundWord::AtMost => Bound::AtMost,
            BoundWord::Approx => Bound::Approx,
            BoundWord::Below => Bound::Below,
        }
    }
}

/// The bound stated before token `start`, and where its words begin.
pub(super) fn bound_before(w: &Words, start: usize) -> (Bound, usize) {
    // "only 0.02%", "just 5,544": skip fillers, but only if a bound precedes them.
    let mut s = start;
    let bounds = &w.lex.bounds;
    while s > 0 && bounds.fillers.contains(&w.norm[s - 1]) {
        s -= 1;
    }
    for (phrase, word) in bounds.before.iter() {
        let bound = Bound::from(word);
        let len = phrase.split(' ').count();
        for cand in [start, s] {
            if cand >= len
                && let Some(end) = w.is_phrase(cand - len, phrase)
                && end == cand
            {
                // "at least" vs "least": the phrase table is longest first.
                return (bound, cand - len);
            }
        }
    }
    (Bound::Exact, start)
}

/// Bounds written after the figure: "or more", "or so", "-plus".
pub(super) fn bound_after(w: &Words, after: usize) -> Option<(Bound, usize)> {
    w.lex
        .bounds
        .after
        .iter()
        .find_map(|(phrase, word)| Some((Bound::from(word), w.is_phrase(after, phrase)?)))
}

/// Applies a bound to a stated value: the interval of values the words allow.
pub(super) fn interval(bound: Bound, v: f64, max: f64) -> (f64, f64) {
    let p = Policy::DEFAULT;
    match bound {
        Bound::Exact | Bound::Range | Bound::Quantifier => (v, v),
        Bound::Approx => (v * (1.0 - p.hedge), (v * (1.0 + p.hedge)).min(max)),
        Bound::Below => (v * (1.0 - p.below), v),
        Bound::AtLeast => (v, max),
        Bound::AtMost => (0.0, v),
    }
}

/// The values a figure states: its range as written, or its value under its bound.
pub(super) fn stated(ranged: bool, lo: f64, hi: f64, bound: Bound, max: f64) -> (f64, f64) {
    if ranged {
        (lo, hi)
    } else {
        interval(bound, lo, max)
    }
}
