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
use crate::db::{Band, Claim, Fact, FactKind, FactSpec, LookalikeValue, Person};
use crate::extract::{self, Bound, Figure, Kind, When};
use crate::people;
use crate::policy::Policy;
use crate::terms::TermGroup;

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
            fact.kind(),
            FactKind::Date | FactKind::Person | FactKind::Assertion
        );
        if dated && other_time {
            continue;
        }
        match judge_fact(claim, fact, text, s) {
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

fn judge_fact(claim: &Claim, fact: &Fact, text: &str, s: &Sentence) -> Outcome {
    match &fact.spec {
        FactSpec::Date { date, .. } => judge_date(fact, *date, text, s),
        FactSpec::Person { people, any_of } => judge_person(people, *any_of, text, s),
        FactSpec::Assertion { is, is_not } => judge_assertion(is, is_not, text, s),
        FactSpec::Measure { .. } => {
            match super::judge_measure::judge_measure(claim, fact, text, s) {
                super::judge_measure::Judged::Agree(span) => Outcome::Agree(span),
                super::judge_measure::Judged::Conflict(span) => Outcome::Conflict(span),
                super::judge_measure::Judged::Silent => Outcome::Silent,
            }
        }
        _ => judge_quantity(claim, fact, text, s),
    }
}

/// Intervals meet (with a little slack for unit conversions).
fn meets(lo: f64, hi: f64, a: (f64, f64)) -> bool {
    let eps = 1e-9 * a.0.abs().max(a.1.abs()).max(1.0);
    lo <= a.1 + eps && a.0 <= hi + eps
}

/// Whether a figure is of the kind a numeric fact states, and how it binds to the words the
/// fact expects around it.
fn fit(fact: &FactSpec, text: &str, s: &Sentence, f: &Figure) -> Option<Binding> {
    let w = s.words(text);
    let binding = match fact {
        FactSpec::Count { nouns, .. } if f.kind() == Kind::Count && f.per.is_none() => {
            noun_binding(text, w, f, nouns)
        }
        // "900 metres" for a count of metres: a quantity counted by its unit, named.
        FactSpec::Count { nouns, .. }
            if f.written_quantity().is_some() && !nouns.terms.is_empty() =>
        {
            match noun_binding(text, w, f, nouns) {
                Binding::Matches => Binding::Matches,
                _ => Binding::Other,
            }
        }
        FactSpec::Rate { per, nouns, .. } if f.kind() == Kind::Count && f.per == Some(*per) => {
            noun_binding(text, w, f, nouns)
        }
        FactSpec::Share { of, .. } if f.kind() == Kind::Share => of_binding(text, w, f, of),
        FactSpec::Mass { of, .. } if f.kind() == Kind::Mass => of_binding(text, w, f, of),
        FactSpec::Multiplier { than, .. } if f.kind() == Kind::Multiplier => {
            match than_binding(text, w, f, than) {
                Binding::Unbound => Binding::Other, // a comparator must be stated
                b => b,
            }
        }
        _ => return None,
    };
    Some(binding)
}

fn judge_quantity(claim: &Claim, fact: &Fact, text: &str, s: &Sentence) -> Outcome {
    let Some(band) = fact.band() else {
        return Outcome::Silent;
    };
    let an = s.analysis(text);
    let w = s.words(text);
    let policy = claim.policy.resolve();
    let mut agree: Option<Range<usize>> = None;
    let mut conflict: Option<Range<usize>> = None;
    let mut lookalike = false;
    for (fi, f) in an.figures.iter().enumerate() {
        // People and things are counted in whole numbers: an unscaled "21.8" is a rate or an
        // average, never such a count ("1.2 million" and "70.6k" are whole).
        let fractional = f.bound == Bound::Exact && f.lo() == f.hi() && f.lo().fract() != 0.0;
        if !period_fits(claim, &an.periods[fi]) || (fact.kind() == FactKind::Count && fractional) {
            continue;
        }
        match fit(&fact.spec, text, s, f) {
            None | Some(Binding::Other) => continue,
            Some(_) => {}
        }
        let (mut lo, mut hi) = f.written_quantity().unwrap_or((f.lo(), f.hi()));
        if let FactSpec::Share { is, is_not, .. } = &fact.spec
            && !(is.terms.is_empty() && is_not.terms.is_empty())
        {
            match share_polarity(text, w, &an.figures, fi, is, is_not) {
                Some(true) => (lo, hi) = (100.0 - hi, 100.0 - lo),
                Some(false) => {}
                // With an opposite to tell apart, a share of neither is a share of something
                // else; without one, `is` only serves to catch negation.
                None if !is_not.terms.is_empty() => continue,
                None => {}
            }
        }
        // A known neighbouring figure decides first: even a loosely agreeing bound ("more
        // than 12,000 pounds" at ports of entry) is then about the other measure.
        let fits_known = fact.lookalikes.iter().any(|l| match l.value {
            LookalikeValue::Values { lo: llo, hi: lhi } => {
                fits_lookalike(policy, f, lo, hi, (llo, lhi))
            }
            LookalikeValue::Date(_) => false,
        });
        if fits_known && !meets(lo, hi, band.exact()) {
            lookalike = true;
        } else if meets(lo, hi, band.agree) {
            if !loose_bound(policy, f, fact.kind(), band) {
                agree.get_or_insert(stated_span(w, f));
            }
        } else if meets(lo, hi, band.near) {
            // A near miss: say nothing.
        } else {
            conflict.get_or_insert(stated_span(w, f));
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

/// A bound that holds but is too loose to be about the claim's figure (see
/// [`Policy::bound_reach`]; never for shares: "fewer than one in five were non-citizens"
/// fairly states 13.7%).
fn loose_bound(policy: Policy, f: &Figure, kind: FactKind, band: &Band) -> bool {
    if kind == FactKind::Share {
        return false;
    }
    match f.bound {
        Bound::AtLeast => band.agree.0 > f.lo() * policy.bound_reach,
        Bound::AtMost => band.agree.1 * policy.bound_reach < f.hi(),
        _ => false,
    }
}

/// Whether a stated interval reads as a known neighbouring figure. A one-sided statement
/// ("more than 100,000", "fewer than a third", "most") fits only when its bound lies near the
/// look-alike (see [`Policy::lookalike_near`]): "more than 100,000" reads as 106,699, "fewer
/// than a third" does not read as 8.5%.
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

fn judge_date(fact: &Fact, truth: When, text: &str, s: &Sentence) -> Outcome {
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
        if fact.lookalikes.iter().any(|l| match l.value {
            LookalikeValue::Date(lw) => lw.overlaps(&w),
            LookalikeValue::Values { .. } => false,
        }) {
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

fn judge_person(people: &[Person], any_of: bool, text: &str, s: &Sentence) -> Outcome {
    let w = s.words(text);
    let named = |range: &Range<usize>| {
        people.iter().any(|p| {
            p.names
                .find_all(text, w)
                .iter()
                .any(|&(a, b)| a >= range.start && b <= range.end)
        })
    };
    let first_named = people
        .iter()
        .flat_map(|p| p.names.find_all(text, w))
        .min()
        .map(|(a, b)| w.toks[a].start..w.toks[b - 1].end);
    let mentions = people::mentions(text, w);
    if any_of {
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

fn judge_assertion(is: &TermGroup, is_not: &TermGroup, text: &str, s: &Sentence) -> Outcome {
    let w = s.words(text);
    let mut agree = None;
    let mut conflict = None;
    for (group, opposite) in [(is, false), (is_not, true)] {
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

/// The words a numeric figure states: a quantity counted by its unit ("410 km" for a count of
/// km) is reported by its number, as a count is.
fn stated_span(w: &crate::text::Words, f: &Figure) -> Range<usize> {
    if f.written_quantity().is_some() && f.after > f.toks.start {
        w.toks[f.toks.start].start..w.toks[f.after - 1].end
    } else {
        f.span.clone()
    }
}
