//! Judging the older numeric kinds (count, rate, share, mass, multiplier): which of a
//! sentence's figures state the fact's measure, and whether they agree with the sources.

use std::ops::Range;

use super::bind::{Binding, noun_binding, of_binding, share_polarity, than_binding};
use super::candidates::Sentence;
use super::clause;
use super::judge::{Context, Outcome};
use super::periods::period_fits;
use super::why::Silence;
use crate::db::{Band, Claim, Fact, FactKind, FactSpec, LookalikeValue};
use crate::extract::{self, Bound, Figure, Kind};
use crate::policy::Policy;
use crate::terms::TermGroup;
use crate::text::Words;

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

pub(super) fn judge_quantity(cx: &Context, fact: &Fact, text: &str, s: &Sentence) -> Outcome {
    let Some(band) = fact.band() else {
        return Outcome::Silent(Silence::NoValue);
    };
    let claim = cx.claim;
    let an = s.analysis(text);
    let w = s.words(text);
    let policy = claim.policy.resolve();
    let mut agree: Option<(Range<usize>, bool)> = None;
    let mut conflict: Option<Range<usize>> = None;
    let mut lookalike = None;
    let mut why = Silence::NoFigure;
    for (fi, f) in an.figures.iter().enumerate() {
        // A figure stopped before its kind is known is of another kind unless it has the kind
        // of the fact's figures.
        let early = |reason: Silence| {
            if figure_kind(fact.kind()) == Some(f.kind()) {
                reason
            } else {
                Silence::OtherKind { figure: fi }
            }
        };
        // People and things are counted in whole numbers: an unscaled "21.8" is a rate or an
        // average, never such a count ("1.2 million" and "70.6k" are whole).
        let fractional = f.bound == Bound::Exact && f.lo() == f.hi() && f.lo().fract() != 0.0;
        let own = &an.periods[fi];
        let periods = if own
            .iter()
            .all(|p| p.precision == extract::Precision::Relative)
            && !cx.inherited.is_empty()
        {
            &cx.inherited
        } else {
            own
        };
        let stop = if !period_fits(claim, periods) {
            Some(if periods.is_empty() {
                Silence::Undated { figure: fi }
            } else {
                Silence::OtherPeriod { figure: fi }
            })
        } else if fact.kind() == FactKind::Count && fractional {
            Some(Silence::Fractional { figure: fi })
        } else if clause::hypothetical(w, f.toks.start) {
            Some(Silence::Hypothetical { figure: fi })
        } else if cx
            .only_clause
            .as_ref()
            .is_some_and(|c| !c.contains(&f.toks.start))
        {
            Some(Silence::OutsideClause { figure: fi })
        } else {
            None
        };
        if let Some(reason) = stop {
            why.keep(early(reason));
            continue;
        }
        let binding = match fit(&fact.spec, text, s, f) {
            None => {
                why.keep(Silence::OtherKind { figure: fi });
                continue;
            }
            Some(Binding::Other) => {
                why.keep(Silence::OtherNoun { figure: fi });
                continue;
            }
            Some(b) => b,
        };
        // "1,282 cases in 31 states": a figure with another fact's noun is that fact's, even
        // when nothing at it names this fact's noun.
        if binding == Binding::Unbound
            && claim.facts.iter().any(|o| {
                !std::ptr::eq(o, fact) && matches!(fit(&o.spec, text, s, f), Some(Binding::Matches))
            })
        {
            why.keep(Silence::OtherNoun { figure: fi });
            continue;
        }
        if let FactSpec::Multiplier { than, .. } = &fact.spec
            && !compares_the_subject(claim, than, text, w, f)
        {
            why.keep(Silence::OtherComparison { figure: fi });
            continue;
        }
        let (mut lo, mut hi) = extract::precision::hedged(
            text,
            w,
            f,
            f.written_quantity().unwrap_or((f.lo(), f.hi())),
            Policy::DEFAULT.hedge_steps,
        );
        if let FactSpec::Share { is, is_not, .. } = &fact.spec
            && !(is.terms.is_empty() && is_not.terms.is_empty())
        {
            // "93% of arrests have been OF U.S. CITIZENS": a predicate stated after the
            // share that is neither the fact's nor its opposite makes it another measure.
            if let Some(p) = clause::predicate(w, f.after)
                && !is
                    .find_all(text, w)
                    .iter()
                    .chain(is_not.find_all(text, w).iter())
                    .any(|&(a, _)| p.contains(&a))
            {
                why.keep(Silence::OtherPredicate { figure: fi });
                continue;
            }
            match share_polarity(text, w, &an.figures, fi, is, is_not) {
                Some(true) => (lo, hi) = (100.0 - hi, 100.0 - lo),
                Some(false) => {}
                // With an opposite to tell apart, a share of neither is a share of something
                // else; without one, `is` only serves to catch negation.
                None if !is_not.terms.is_empty() => {
                    why.keep(Silence::NoPolarity { figure: fi });
                    continue;
                }
                None => {}
            }
        }
        // A known neighbouring figure decides first: even a loosely agreeing bound ("more
        // than 12,000 pounds" at ports of entry) is then about the other measure.
        let fits_known = fact.lookalikes.iter().position(|l| match l.value {
            LookalikeValue::Values {
                lo: llo,
                hi: lhi,
                figure,
            } => fits_lookalike(policy, f, lo, hi, (llo, lhi), figure),
            LookalikeValue::Date(_) => false,
        });
        if let Some(li) = fits_known
            && !meets(lo, hi, band.exact())
        {
            let l = Silence::Lookalike {
                figure: fi,
                lookalike: li,
            };
            lookalike.get_or_insert(l);
            why.keep(l);
        } else if meets(lo, hi, band.agree) {
            if loose_bound(policy, f, fact.kind(), band) {
                why.keep(Silence::LooseBound { figure: fi });
            } else {
                let exact = f.bound == Bound::Exact
                    && binding == Binding::Matches
                    && band.value.is_some_and(|v| lo == v && hi == v);
                let span = stated_span(w, f);
                match &mut agree {
                    Some((_, e)) if exact && !*e => agree = Some((span, true)),
                    Some(_) => {}
                    None => agree = Some((span, exact)),
                }
            }
        } else if meets(lo, hi, band.near) {
            // A near miss: say nothing.
            why.keep(Silence::NearMiss { figure: fi });
        } else if clause::forecast(w, f.toks.start) {
            why.keep(Silence::Forecast { figure: fi });
        } else {
            conflict.get_or_insert(stated_span(w, f));
        }
    }
    if let Some(l) = lookalike
        && agree.is_none()
    {
        return Outcome::Lookalike(l);
    }
    match (agree, conflict) {
        (Some((a, exact)), _) => Outcome::Agree(a, exact),
        (None, Some(c)) => Outcome::Conflict(c),
        (None, None) => Outcome::Silent(why),
    }
}

/// Whether a comparison is the claim's subject's: a multiplier in a relative clause belongs
/// to the clause's antecedent ("heroin, which is twice as strong as morphine" compares heroin),
/// which must be a term of the claim's subject and not its comparator; with a pronoun subject
/// of its own ("…, which makes it 5,000 times stronger") the clause is not the antecedent's.
fn compares_the_subject(
    claim: &Claim,
    than: &TermGroup,
    text: &str,
    w: &Words,
    f: &Figure,
) -> bool {
    match clause::relative_owner(w, f.toks.start) {
        clause::RelativeOwner::Main => true,
        clause::RelativeOwner::Pronoun => false,
        clause::RelativeOwner::Antecedent(k) => {
            let covers = |g: &TermGroup| g.find_all(text, w).iter().any(|&(a, b)| a <= k && k < b);
            let comparator = claim.facts.iter().any(|fact| match &fact.spec {
                FactSpec::Multiplier { than, .. } => covers(than),
                _ => false,
            });
            !comparator && !covers(than) && claim.about.iter().any(covers)
        }
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
fn fits_lookalike(
    policy: Policy,
    f: &Figure,
    lo: f64,
    hi: f64,
    l: (f64, f64),
    figure: (f64, f64),
) -> bool {
    if !matches!(f.bound, Bound::AtLeast | Bound::AtMost | Bound::Quantifier) {
        return meets(lo, hi, l);
    }
    // A bound the look-alike's figure fails ("fewer than 9,000" of 9,173) does not state it,
    // however near its tolerance reaches.
    if matches!(f.bound, Bound::AtLeast | Bound::AtMost) && !meets(lo, hi, figure) {
        return false;
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

/// The words a numeric figure states: a quantity counted by its unit ("410 km" for a count of
/// km) is reported by its number, as a count is.
fn stated_span(w: &crate::text::Words, f: &Figure) -> Range<usize> {
    if f.written_quantity().is_some() && f.after > f.toks.start {
        w.toks[f.toks.start].start..w.toks[f.after - 1].end
    } else {
        f.span.clone()
    }
}

/// The kind of figure a fact of the older kinds compares, for naming a silence: a figure
/// stopped early (another period, hypothetical) is reported as such only when it has this
/// kind, and as a figure of another kind otherwise.
fn figure_kind(k: FactKind) -> Option<Kind> {
    match k {
        FactKind::Count | FactKind::Rate => Some(Kind::Count),
        FactKind::Share => Some(Kind::Share),
        FactKind::Mass => Some(Kind::Mass),
        FactKind::Multiplier => Some(Kind::Multiplier),
        _ => None,
    }
}
