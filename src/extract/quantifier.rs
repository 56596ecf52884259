//! Quantifiers: shares stated in words ("most", "the majority", "the vast majority", "almost
//! all", "few", "a tiny fraction"), each an interval of percent.

use super::{Bound, Figure, Kind};
use crate::text::Words;

/// A majority: more than half.
const MAJORITY: (f64, f64) = (50.0, 100.0);
/// "the vast majority": three quarters or more.
const LARGE_MAJORITY_FLOOR: f64 = 75.0;
/// "a slim majority": at most six in ten.
const SLIM_MAJORITY_CEILING: f64 = 60.0;
/// "a minority": less than half.
const MINORITY: (f64, f64) = (0.0, 50.0);
/// "a tiny fraction", "a small share": a tenth at most.
const SMALL_SHARE: (f64, f64) = (0.0, 10.0);
/// "a fraction of": a quarter at most.
const FRACTION: (f64, f64) = (0.0, 25.0);
/// "almost all": nine in ten or more.
const NEAR_ALL: (f64, f64) = (90.0, 100.0);
/// "virtually none": one in twenty at most.
const NEAR_NONE: (f64, f64) = (0.0, 5.0);
/// "hardly any", "few": a tenth at most.
const FEW: (f64, f64) = (0.0, 10.0);

/// A quantifier at token `i`.
pub(super) fn quantifier_at(w: &Words, i: usize) -> Option<(Figure, usize)> {
    let q = &w.lex.quantifiers;
    let word = |k: usize| w.word(k);
    let prev = if i > 0 { word(i - 1) } else { "" };
    let share = |(lo, hi): (f64, f64), end: usize| {
        let f = Figure::quantity(w, Kind::Share, (lo, hi), Bound::Quantifier, i..end);
        Some((f, end))
    };
    let x = word(i);
    // "the most potent" and "at most" are not shares.
    if x == q.most && !q.not_most_before.contains(prev) {
        // "most potent", "most likely": an adverb before an adjective.
        let next = word(i + 1);
        if next.ends_with("ly") || q.adjectives_after_most.contains(next) {
            return None;
        }
        return share(MAJORITY, i + 1);
    }
    if q.majority_adverbs.contains(x) {
        return share(MAJORITY, i + 1);
    }
    if x == q.majority && !q.majority_not_after.contains(prev) {
        if q.slim_majority.contains(prev) {
            return share((MAJORITY.0, SLIM_MAJORITY_CEILING), i + 1);
        }
        return share(MAJORITY, i + 1);
    }
    if w.lex.numbers.articles.contains(x) || x == w.lex.dates.article {
        let mut k = i + 1;
        let (mut lo, mut hi) = MAJORITY;
        if q.large_majority.contains(word(k)) {
            lo = LARGE_MAJORITY_FLOOR;
            k += 1;
        } else if q.slim_majority.contains(word(k)) {
            hi = SLIM_MAJORITY_CEILING;
            k += 1;
        } else if q.plain_majority.contains(word(k)) {
            k += 1;
        }
        let next = word(k);
        if next == q.majority
            || (q.majority_nouns.contains(next) && word(k + 1) == w.lex.binding.of)
        {
            return share((lo, hi), k + 1);
        }
        if next == q.minority {
            return share(MINORITY, k + 1);
        }
        if q.small_share.contains(next) && q.share_nouns.contains(word(k + 1)) {
            return share(SMALL_SHARE, k + 2);
        }
        if next == q.fraction
            && word(k + 1) == w.lex.binding.of
            && x == q.indefinite_article
            && !q.fraction_not_after.contains(prev)
        {
            return share(FRACTION, k + 1);
        }
        return None;
    }
    if q.near_all.contains(x) && word(i + 1) == q.all {
        return share(NEAR_ALL, i + 2);
    }
    if q.near_none.contains(x) && word(i + 1) == q.none {
        return share(NEAR_NONE, i + 2);
    }
    if let Some(end) = w.is_phrase(i, &q.hardly_any) {
        return share(FEW, end);
    }
    if x == q.few && !q.not_few_before.contains(prev) {
        return share(FEW, i + 1);
    }
    None
}
