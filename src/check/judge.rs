//! Judging: what each fact of a claim makes of a sentence whose frame matched, and the one
//! finding (or silence) of the claim.

use std::ops::Range;

use super::Finding;
use super::Verdict;
use super::bind::{
    Binding, negated_before, noun_binding, of_binding, share_polarity, than_binding,
};
use super::candidates::Sentence;
use super::frame::frame;
use super::periods::period_fits;
use crate::db::{Claim, Fact, FactKind};
use crate::extract::{self, Bound, Figure, Kind, When};
use crate::people;
use crate::policy::Policy;

/// What one fact makes of a sentence.
#[derive(Debug, Clone)]
enum Outcome {
    Agree(Range<usize>),
    Conflict(Range<usize>),
    Silent,
    /// The sentence states a known figure of a neighbouring measure: it is about something
    /// else, and the whole claim stays silent.
    Lookalike,
}

pub(super) fn judge(
    claim: &Claim,
    ci: usize,
    text: &str,
    s: &Sentence,
    prev: Option<&Sentence>,
) -> Option<Finding> {
    let frame = frame(claim, text, s, prev, false);
    if !frame.matched {
        return None;
    }
    let carried = frame.carried;
    let anaphor = frame.anaphor.is_some();
    // Without an anaphor, a subject carried from the previous sentence is a guess: agree
    // only. Likewise when the claim's conflict-requires terms are absent.
    let can_conflict = (!carried || anaphor)
        && claim
            .conflict_requires
            .iter()
            .all(|g| s.has(text, g) || (anaphor && prev.is_some_and(|p| p.has(text, g))));
    // A sentence dated to another time is about another event: the claim's period gates its
    // date, person and assertion facts (quantities are matched to periods figure by figure).
    let other_time = !claim.period.is_empty() && {
        let stated: Vec<When> = s
            .analysis(text)
            .figures
            .iter()
            .filter_map(Figure::when)
            .filter(|w| w.precision != extract::Precision::Relative)
            .collect();
        !stated.is_empty()
            && !stated
                .iter()
                .any(|w| claim.period.iter().any(|p| p.overlaps(w)))
    };
    let mut first_agree: Option<(usize, Range<usize>)> = None;
    let mut first_conflict: Option<(usize, Range<usize>)> = None;
    for (fi, fact) in claim.facts.iter().enumerate() {
        let dated = matches!(
            fact.kind,
            FactKind::Date | FactKind::Person | FactKind::Assertion
        );
        if dated && other_time {
            continue;
        }
        match judge_fact(claim, fact, text, s, prev) {
            Outcome::Agree(span) => {
                first_agree.get_or_insert((fi, span));
            }
            // A fact's own conflict-requires terms gate its conflicts only.
            Outcome::Conflict(span) if fact.conflict_requires.iter().all(|g| s.has(text, g)) => {
                first_conflict.get_or_insert((fi, span));
            }
            Outcome::Conflict(_) | Outcome::Silent => {}
            // A look-alike silences its own fact only: another fact of the same sentence is
            // still judged.
            Outcome::Lookalike => {}
        }
    }
    let (verdict, (fact, span)) = match (first_conflict, first_agree) {
        (Some(c), _) if can_conflict => (Verdict::Conflicts, c),
        // A conflict we may not report makes any agreement doubtful too.
        (Some(_), _) => return None,
        (None, Some(a)) => (Verdict::Agrees, a),
        (None, None) => return None,
    };
    Some(Finding {
        claim: ci,
        fact,
        verdict,
        sentence: s.range.clone(),
        stated: text[span.clone()].to_string(),
        span,
        with_previous: carried,
    })
}

fn judge_fact(
    claim: &Claim,
    fact: &Fact,
    text: &str,
    s: &Sentence,
    prev: Option<&Sentence>,
) -> Outcome {
    match fact.kind {
        FactKind::Count
        | FactKind::Rate
        | FactKind::Share
        | FactKind::Mass
        | FactKind::Multiplier => judge_quantity(claim, fact, text, s, prev),
        FactKind::Date => judge_date(fact, text, s),
        FactKind::Person => judge_person(fact, text, s),
        FactKind::Assertion => judge_assertion(fact, text, s),
        _ => match super::judge_measure::judge_measure(claim, fact, text, s) {
            super::judge_measure::Judged::Agree(span) => Outcome::Agree(span),
            super::judge_measure::Judged::Conflict(span) => Outcome::Conflict(span),
            super::judge_measure::Judged::Silent => Outcome::Silent,
        },
    }
}

/// Intervals meet (with a little slack for unit conversions).
fn meets(lo: f64, hi: f64, a: (f64, f64)) -> bool {
    let eps = 1e-9 * a.0.abs().max(a.1.abs()).max(1.0);
    lo <= a.1 + eps && a.0 <= hi + eps
}

fn judge_quantity(
    claim: &Claim,
    fact: &Fact,
    text: &str,
    s: &Sentence,
    prev: Option<&Sentence>,
) -> Outcome {
    let an = s.analysis(text);
    let w = s.words(text);
    let policy = claim.policy.resolve();
    let mut agree: Option<Range<usize>> = None;
    let mut conflict: Option<Range<usize>> = None;
    let mut lookalike = false;
    for (fi, f) in an.figures.iter().enumerate() {
        let fits = match fact.kind {
            // "900 metres" for a count of metres: a quantity counted by its unit.
            FactKind::Count => {
                (f.kind() == Kind::Count
                    || (f.written_quantity().is_some() && !fact.nouns.terms.is_empty()))
                    && f.per.is_none()
            }
            FactKind::Rate => f.kind() == Kind::Count && f.per.is_some() && f.per == fact.per,
            FactKind::Share => f.kind() == Kind::Share,
            FactKind::Mass => f.kind() == Kind::Mass,
            FactKind::Multiplier => f.kind() == Kind::Multiplier,
            _ => false,
        };
        // People and things are counted in whole numbers: an unscaled "21.8" is a rate or an
        // average, never such a count ("1.2 million" and "70.6k" are whole).
        let fractional = f.bound == Bound::Exact && f.lo() == f.hi() && f.lo().fract() != 0.0;
        if !fits
            || !period_fits(claim, &an.periods[fi])
            || (fact.kind == FactKind::Count && fractional)
        {
            continue;
        }
        let binding = match fact.kind {
            FactKind::Count | FactKind::Rate => noun_binding(text, w, f, &fact.nouns),
            FactKind::Share | FactKind::Mass => of_binding(text, w, f, &fact.of),
            FactKind::Multiplier => match than_binding(text, w, f, &fact.than) {
                Binding::Unbound => Binding::Other, // a comparator must be stated
                b => b,
            },
            _ => Binding::Unbound,
        };
        if binding == Binding::Other
            || (f.written_quantity().is_some() && binding != Binding::Matches)
        {
            continue;
        }
        // A bare number is a count only when the sentence (or the one it continues) names
        // what it counts ("deaths reached 70,000"): "Jackson, 51, was confirmed" states no
        // count of Republicans.
        if binding == Binding::Unbound
            && matches!(fact.kind, FactKind::Count | FactKind::Rate)
            && !fact.nouns.terms.is_empty()
            && !s.has(text, &fact.nouns)
            && !prev.is_some_and(|p| p.has(text, &fact.nouns))
        {
            continue;
        }
        let (mut lo, mut hi) = f.written_quantity().unwrap_or((f.lo(), f.hi()));
        if fact.kind == FactKind::Share
            && !(fact.is.terms.is_empty() && fact.is_not.terms.is_empty())
        {
            match share_polarity(text, w, &an.figures, fi, fact) {
                Some(true) => (lo, hi) = (100.0 - hi, 100.0 - lo),
                Some(false) => {}
                // With an opposite to tell apart, a share of neither is a share of something
                // else; without one, `is` only serves to catch negation.
                None if !fact.is_not.terms.is_empty() => continue,
                None => {}
            }
        }
        // A known neighbouring figure decides first: even a loosely agreeing bound ("more
        // than 12,000 pounds" at ports of entry) is then about the other measure.
        if fact
            .lookalikes
            .iter()
            .any(|l| l.when.is_none() && fits_lookalike(policy, f, lo, hi, (l.lo, l.hi)))
            && !meets(lo, hi, exact_value(fact))
        {
            lookalike = true;
        } else if meets(lo, hi, fact.agree) {
            if !loose_bound(policy, f, fact) {
                agree.get_or_insert(f.span.clone());
            }
        } else if meets(lo, hi, fact.near) {
            // A near miss: say nothing.
        } else {
            conflict.get_or_insert(f.span.clone());
        }
    }
    if lookalike && agree.is_none() {
        return Outcome::Lookalike;
    }
    match (agree, conflict) {
        (Some(a), _) => Outcome::Agree(a),
        (None, Some(c)) => Outcome::Conflict(c),
        (None, None) => Outcome::Silent,
    }
}

/// A bound that holds but is too loose (see [`Policy::bound_reach`]) to be about the claim's figure (never for shares:
/// "fewer than one in five were non-citizens" fairly states 13.7%).
fn loose_bound(policy: Policy, f: &Figure, fact: &Fact) -> bool {
    if fact.kind == FactKind::Share {
        return false;
    }
    match f.bound {
        Bound::AtLeast => fact.agree.0 > f.lo() * policy.bound_reach,
        Bound::AtMost => fact.agree.1 * policy.bound_reach < f.hi(),
        _ => false,
    }
}

/// The sources' own figure as an interval (or the agreeing range when there is no value):
/// a figure that states it exactly is never taken for a look-alike.
fn exact_value(fact: &Fact) -> (f64, f64) {
    fact.value.map_or(fact.agree, |v| (v, v))
}

/// Whether a stated interval reads as a known neighbouring figure. A one-sided statement
/// ("more than 100,000", "fewer than a third", "most") fits only when its bound lies near the
/// look-alike: "more than 100,000" reads as the 106,699 all-drug deaths, "fewer than a third"
/// does not read as 8.5%.
fn fits_lookalike(policy: Policy, f: &Figure, lo: f64, hi: f64, l: (f64, f64)) -> bool {
    if !matches!(f.bound, Bound::AtLeast | Bound::AtMost | Bound::Quantifier) {
        return meets(lo, hi, l);
    }
    let near = policy.lookalike_near;
    let max = if f.kind() == Kind::Share {
        100.0
    } else {
        f64::INFINITY
    };
    // The ends that the words state (not the ends of the scale).
    [(lo, lo > 0.0), (hi, hi < max)]
        .into_iter()
        .any(|(e, stated)| stated && e >= l.0 * (1.0 - near) && e <= l.1 * (1.0 + near))
}

fn judge_date(fact: &Fact, text: &str, s: &Sentence) -> Outcome {
    let Some(truth) = fact.date else {
        return Outcome::Silent;
    };
    let an = s.analysis(text);
    let mut conflict = None;
    let mut lookalike = false;
    for f in &an.figures {
        let Some(w) = f.when() else { continue };
        if w.precision == extract::Precision::Relative {
            continue;
        }
        if w.overlaps(&truth) {
            return Outcome::Agree(f.span.clone());
        }
        if fact
            .lookalikes
            .iter()
            .any(|l| l.when.is_some_and(|lw| lw.overlaps(&w)))
        {
            lookalike = true;
            continue;
        }
        conflict.get_or_insert(f.span.clone());
    }
    if lookalike {
        return Outcome::Lookalike;
    }
    conflict.map_or(Outcome::Silent, Outcome::Conflict)
}

fn judge_person(fact: &Fact, text: &str, s: &Sentence) -> Outcome {
    let w = s.words(text);
    let named = |range: &Range<usize>| {
        fact.people.iter().any(|p| {
            p.names
                .find_all(text, w)
                .iter()
                .any(|&(a, b)| a >= range.start && b <= range.end)
        })
    };
    let first_named = fact
        .people
        .iter()
        .flat_map(|p| p.names.find_all(text, w))
        .min()
        .map(|(a, b)| w.toks[a].start..w.toks[b - 1].end);
    let mentions = people::mentions(text, w);
    if fact.any_of {
        if let Some(m) = mentions.iter().find(|m| m.titled && !named(&m.toks)) {
            return Outcome::Conflict(m.span.clone());
        }
    } else if first_named.is_none()
        && let Some(m) = mentions.iter().find(|m| m.attributed && !named(&m.toks))
    {
        return Outcome::Conflict(m.span.clone());
    }
    first_named.map_or(Outcome::Silent, Outcome::Agree)
}

fn judge_assertion(fact: &Fact, text: &str, s: &Sentence) -> Outcome {
    let w = s.words(text);
    let mut agree = None;
    let mut conflict = None;
    for (group, opposite) in [(&fact.is, false), (&fact.is_not, true)] {
        for (a, b) in group.find_all(text, w) {
            let span = w.toks[a].start..w.toks[b - 1].end;
            if opposite != negated_before(w, a) {
                conflict.get_or_insert(span);
            } else {
                agree.get_or_insert(span);
            }
        }
    }
    match (agree, conflict) {
        (Some(a), None) => Outcome::Agree(a),
        (None, Some(c)) => Outcome::Conflict(c),
        _ => Outcome::Silent, // both or neither: not sure
    }
}
