//! Judging: what each fact of a claim makes of a sentence whose frame matched, and the one
//! finding (or silence) of the claim.

use std::ops::Range;

use super::Finding;
use super::Verdict;
use super::bind::{
    Binding, negated_before, noun_binding, of_binding, share_polarity, than_binding,
};
use super::candidates::Sentence;
use super::clause;
use super::frame::frame;
use super::periods::period_fits;
use crate::db::{Band, Claim, Fact, FactKind, FactSpec, LookalikeValue};
use crate::extract::{self, Bound, Figure, Kind, When};
use crate::policy::Policy;
use crate::terms::TermGroup;
use crate::text::Words;

/// What one fact makes of a sentence.
#[derive(Debug, Clone)]
pub(super) enum Outcome {
    /// The span that agrees, and whether it is an exact statement of the sources' figure with
    /// the fact's own noun ("eight China-based companies"): such a figure identifies the
    /// claim's case as surely as its date would.
    Agree(Range<usize>, bool),
    Conflict(Range<usize>),
    Silent,
    /// The sentence states a known figure of a neighbouring measure: it is about something
    /// else, and the whole claim stays silent.
    Lookalike,
}

/// What judging a fact needs to know about the sentence beyond its words.
pub(super) struct Context<'a> {
    /// Periods of the previous sentence, for figures of a sentence that refers back to it
    /// and states none of its own ("It was involved in 60,000 deaths that year").
    inherited: Vec<When>,
    /// The relative clause the claim's comparisons are limited to, when an excluded term
    /// stands outside it ("Carfentanil is …, fentanyl, which is itself 50 times …").
    only_clause: Option<Range<usize>>,
    claim: &'a Claim,
}

pub(super) fn judge(
    claim: &Claim,
    ci: usize,
    text: &str,
    s: &Sentence,
    prev: Option<&Sentence>,
) -> Vec<Finding> {
    let frame = frame(claim, text, s, prev, false);
    if !frame.matched {
        return Vec::new();
    }
    let carried = frame.carried;
    let anaphor = frame.anaphor.is_some();
    let requires_met = claim
        .conflict_requires
        .iter()
        .all(|g| s.has(text, g) || (anaphor && prev.is_some_and(|p| p.has(text, g))));
    let inherited = match prev {
        Some(p) if anaphor => p
            .analysis(text)
            .figures
            .iter()
            .filter_map(Figure::when)
            .filter(|w| w.precision != extract::Precision::Relative && !w.is_yearless())
            .collect(),
        _ => Vec::new(),
    };
    let cx = Context {
        inherited,
        only_clause: frame.only_clause.clone(),
        claim,
    };
    let event = names_event(claim, text, s);
    let other_time = other_time(claim, text, s) && !event;
    let mut outcomes: Vec<(usize, Outcome)> = Vec::new();
    for (fi, fact) in claim.facts.iter().enumerate() {
        let dated = matches!(
            fact.kind(),
            FactKind::Date | FactKind::Person | FactKind::Assertion
        );
        if (dated && other_time)
            || (cx.only_clause.is_some() && fact.kind() != FactKind::Multiplier)
        {
            continue;
        }
        match judge_fact(&cx, fact, text, s) {
            // A look-alike of an older kind keeps the whole claim silent (main's rule, tested in
            // check/tests/clauses.rs); the kinds of issue 16 skip a look-alike figure inside
            // their own fact (check/judge_measure.rs), so another fact is still judged.
            Outcome::Lookalike => return Vec::new(),
            Outcome::Silent => {}
            // A fact's own conflict-requires terms gate its conflicts only.
            Outcome::Conflict(_) if !fact.conflict_requires.iter().all(|g| s.has(text, g)) => {}
            o => outcomes.push((fi, o)),
        }
    }
    let anchored = outcomes
        .iter()
        .any(|(_, o)| matches!(o, Outcome::Agree(_, true)));
    // Without an anaphor, a subject carried from the previous sentence is a guess: agree
    // only. Likewise when the claim's conflict-requires terms are absent, unless a figure
    // states the sources' own exact figure, which identifies the case.
    let can_conflict = (!carried || anaphor) && (requires_met || anchored || event);
    let conflicting = outcomes
        .iter()
        .any(|(_, o)| matches!(o, Outcome::Conflict(_)));
    let finding = |fact: usize, verdict: Verdict, span: &Range<usize>| Finding {
        claim: ci,
        fact,
        verdict,
        sentence: s.range.clone(),
        stated: text[span.clone()].to_string(),
        span: span.clone(),
        with_previous: carried,
    };
    if conflicting {
        if !can_conflict {
            // A conflict we may not report makes any agreement doubtful too.
            return Vec::new();
        }
        // Each fact that conflicts, and each that agrees beside it: an editor sees which
        // figure of the sentence is wrong.
        return outcomes
            .iter()
            .filter_map(|(fi, o)| match o {
                Outcome::Conflict(span) => Some(finding(*fi, Verdict::Conflicts, span)),
                Outcome::Agree(span, _) if claim.facts[*fi].kind().is_numeric() => {
                    Some(finding(*fi, Verdict::Agrees, span))
                }
                _ => None,
            })
            .collect();
    }
    outcomes
        .iter()
        .find_map(|(fi, o)| match o {
            Outcome::Agree(span, _) => Some(finding(*fi, Verdict::Agrees, span)),
            _ => None,
        })
        .into_iter()
        .collect()
}

/// A sentence dated to another time is about another event: the claim's period gates its
/// date, person and assertion facts (quantities are matched to periods figure by figure).
/// For an event with a list of participants (an `any-of` person fact: a delegation, a
/// hearing's witnesses), which happens once, only another year is another event: within the
/// claim's year another day is a wrong date of it ("met Xi on Oct. 19, 2023" for October 9),
/// and a date without a year says nothing of the year. One person may say or do a thing
/// again: for other claims any date outside the period is another occasion.
fn other_time(claim: &Claim, text: &str, s: &Sentence) -> bool {
    if claim.period.is_empty() {
        return false;
    }
    let event = claim
        .facts
        .iter()
        .any(|f| matches!(f.spec, FactSpec::Person { any_of: true, .. }));
    let stated: Vec<When> = s
        .analysis(text)
        .figures
        .iter()
        .filter_map(Figure::when)
        .filter(|w| w.precision != extract::Precision::Relative && !(event && w.is_yearless()))
        .collect();
    let same_occasion = |w: &When| {
        claim.period.iter().any(|p| {
            if !event {
                return p.overlaps(w);
            }
            let (a, b) = w.year_range();
            let (pa, pb) = p.year_range();
            // "since 2018" reaches no further than its first years.
            a <= pb && pa <= b.min(a + 1)
        })
    };
    !stated.is_empty() && !stated.iter().any(same_occasion)
}

/// Whether the sentence names the claim's event by its participants: enough people of an
/// any-of person fact (a delegation, a witness panel, see [`Policy::event_participants`])
/// that another date is a wrong date of that event, not another event.
fn names_event(claim: &Claim, text: &str, s: &Sentence) -> bool {
    let w = s.words(text);
    claim.facts.iter().any(|f| match &f.spec {
        FactSpec::Person {
            people,
            any_of: true,
            ..
        } => {
            people.iter().filter(|p| p.names.occurs(text, w)).count()
                >= Policy::DEFAULT.event_participants
        }
        _ => false,
    }) && claim.facts.iter().any(|f| f.kind() == FactKind::Date)
}

fn judge_fact(cx: &Context, fact: &Fact, text: &str, s: &Sentence) -> Outcome {
    match &fact.spec {
        FactSpec::Date { date, .. } => judge_date(fact, *date, text, s),
        FactSpec::Person {
            people,
            any_of,
            roles,
        } => super::roles::judge_person(cx.claim, people, *any_of, roles, text, s),
        FactSpec::Assertion { is, is_not } => judge_assertion(is, is_not, text, s),
        FactSpec::Measure { .. } => {
            match super::judge_measure::judge_measure(cx.claim, fact, text, s) {
                super::judge_measure::Judged::Agree(span) => Outcome::Agree(span, false),
                super::judge_measure::Judged::Conflict(span) => Outcome::Conflict(span),
                super::judge_measure::Judged::Silent => Outcome::Silent,
            }
        }
        _ => judge_quantity(cx, fact, text, s),
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

fn judge_quantity(cx: &Context, fact: &Fact, text: &str, s: &Sentence) -> Outcome {
    let Some(band) = fact.band() else {
        return Outcome::Silent;
    };
    let claim = cx.claim;
    let an = s.analysis(text);
    let w = s.words(text);
    let policy = claim.policy.resolve();
    let mut agree: Option<(Range<usize>, bool)> = None;
    let mut conflict: Option<Range<usize>> = None;
    let mut lookalike = false;
    for (fi, f) in an.figures.iter().enumerate() {
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
        if !period_fits(claim, periods)
            || (fact.kind() == FactKind::Count && fractional)
            || clause::hypothetical(w, f.toks.start)
            || cx
                .only_clause
                .as_ref()
                .is_some_and(|c| !c.contains(&f.toks.start))
        {
            continue;
        }
        let binding = match fit(&fact.spec, text, s, f) {
            None | Some(Binding::Other) => continue,
            Some(b) => b,
        };
        // "1,282 cases in 31 states": a figure with another fact's noun is that fact's, even
        // when nothing at it names this fact's noun.
        if binding == Binding::Unbound
            && claim.facts.iter().any(|o| {
                !std::ptr::eq(o, fact) && matches!(fit(&o.spec, text, s, f), Some(Binding::Matches))
            })
        {
            continue;
        }
        if let FactSpec::Multiplier { than, .. } = &fact.spec
            && !compares_the_subject(claim, than, text, w, f)
        {
            continue;
        }
        let (mut lo, mut hi) = f.written_quantity().unwrap_or((f.lo(), f.hi()));
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
                continue;
            }
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
            LookalikeValue::Values {
                lo: llo,
                hi: lhi,
                figure,
            } => fits_lookalike(policy, f, lo, hi, (llo, lhi), figure),
            LookalikeValue::Date(_) => false,
        });
        if fits_known && !meets(lo, hi, band.exact()) {
            lookalike = true;
        } else if meets(lo, hi, band.agree) {
            if !loose_bound(policy, f, fact.kind(), band) {
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
        } else {
            conflict.get_or_insert(stated_span(w, f));
        }
    }
    if lookalike && agree.is_none() {
        return Outcome::Lookalike;
    }
    match (agree, conflict) {
        (Some((a, exact)), _) => Outcome::Agree(a, exact),
        (None, Some(c)) => Outcome::Conflict(c),
        (None, None) => Outcome::Silent,
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

fn judge_date(fact: &Fact, truth: When, text: &str, s: &Sentence) -> Outcome {
    let an = s.analysis(text);
    let mut conflict = None;
    let mut lookalike = false;
    let words = s.words(text);
    for f in &an.figures {
        let Some(w) = f.when() else { continue };
        // "…than any operation since 2019": the other side of a comparison is no date of
        // the fact.
        if w.precision == extract::Precision::Relative || clause::compared(words, f.toks.start) {
            continue;
        }
        // "since 2022" states when something began: its start, not every day after it.
        let w = since_start(w);
        if w.overlaps(&truth) {
            return Outcome::Agree(f.span.clone(), false);
        }
        // A day without a year ("on Oct. 21") is not in a look-alike's year more than in
        // any other: only a look-alike of days or months can claim it.
        if fact.lookalikes.iter().any(|l| match l.value {
            LookalikeValue::Date(lw) => lw.overlaps(&w) && !(w.is_yearless() && whole_years(&lw)),
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

/// Whether a period is made of whole years ("2019", "2017..2021", a fiscal year).
fn whole_years(w: &When) -> bool {
    matches!(
        w.precision,
        extract::Precision::Year | extract::Precision::Fiscal
    ) || w.is_whole_years()
}

/// The start of a "since X" period as the period X itself (its year, month or day);
/// other periods unchanged.
fn since_start(w: When) -> When {
    if w.precision != extract::Precision::Since {
        return w;
    }
    let (y, md) = (w.lo / 10000, w.lo % 10000);
    match md {
        101 => When::year(y),
        _ if md % 100 == 1 => When::parse(&format!("{y}-{:02}", md / 100)).unwrap_or(w),
        _ => When {
            hi: w.lo,
            precision: extract::Precision::Day,
            ..w
        },
    }
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
        (Some(a), None) => Outcome::Agree(a, false),
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
