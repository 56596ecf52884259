//! Judging: what each fact of a claim makes of a sentence whose frame matched, and the one
//! finding (or silence) of the claim.

use std::ops::Range;

use super::Finding;
use super::Verdict;
use super::bind::negated_before;
use super::candidates::Sentence;
use super::clause;
use super::frame::frame;
use super::why::{ClaimNote, FactOutcome, Silence, Trace};
use crate::db::{Claim, Fact, FactKind, FactSpec, LookalikeValue};
use crate::extract::{self, Figure, When};
use crate::policy::Policy;
use crate::terms::TermGroup;

/// What one fact makes of a sentence.
#[derive(Debug, Clone)]
pub(super) enum Outcome {
    /// The span that agrees, and whether it is an exact statement of the sources' figure with
    /// the fact's own noun ("eight China-based companies"): such a figure identifies the
    /// claim's case as surely as its date would.
    Agree(Range<usize>, bool),
    Conflict(Range<usize>),
    Silent(Silence),
    /// The sentence states a known figure of a neighbouring measure: it is about something
    /// else, and the whole claim stays silent.
    Lookalike(Silence),
}

/// What judging a fact needs to know about the sentence beyond its words.
pub(super) struct Context<'a> {
    /// Periods of the previous sentence, for figures of a sentence that refers back to it
    /// and states none of its own ("It was involved in 60,000 deaths that year").
    pub(super) inherited: Vec<When>,
    /// The relative clause the claim's comparisons are limited to, when an excluded term
    /// stands outside it ("Carfentanil is …, fentanyl, which is itself 50 times …").
    pub(super) only_clause: Option<Range<usize>>,
    pub(super) claim: &'a Claim,
}

pub(super) fn judge(
    claim: &Claim,
    ci: usize,
    text: &str,
    s: &Sentence,
    prev: Option<&Sentence>,
) -> Vec<Finding> {
    decide(claim, ci, text, s, prev, None)
}

/// [`judge`], recording in `trace` what each fact made of the sentence and why the claim
/// said less than its facts found (for `explain --text`).
pub(super) fn judge_traced(
    claim: &Claim,
    ci: usize,
    text: &str,
    s: &Sentence,
    prev: Option<&Sentence>,
    trace: &mut Trace,
) -> Vec<Finding> {
    decide(claim, ci, text, s, prev, Some(trace))
}

/// What a fact's outcome is, for a trace.
fn fact_outcome(o: &Outcome) -> FactOutcome {
    match o {
        Outcome::Agree(r, _) => FactOutcome::Agrees {
            start: r.start,
            end: r.end,
        },
        Outcome::Conflict(r) => FactOutcome::Conflicts {
            start: r.start,
            end: r.end,
        },
        Outcome::Silent(why) | Outcome::Lookalike(why) => FactOutcome::Silent(*why),
    }
}

/// The one judgement of [`judge`] and [`judge_traced`]: `trace` only records, it never
/// changes what is decided.
fn decide(
    claim: &Claim,
    ci: usize,
    text: &str,
    s: &Sentence,
    prev: Option<&Sentence>,
    mut trace: Option<&mut Trace>,
) -> Vec<Finding> {
    let frame = frame(claim, text, s, prev, false);
    if !frame.matched {
        return Vec::new();
    }
    let carried = frame.carried;
    let anaphor = frame.anaphor.is_some();
    // The first of the claim's conflict-requires groups the sentence lacks.
    let requires_missing = claim
        .conflict_requires
        .iter()
        .position(|g| !(s.has(text, g) || (anaphor && prev.is_some_and(|p| p.has(text, g)))));
    let requires_met = requires_missing.is_none();
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
    if let Some(t) = trace.as_deref_mut()
        && cx.only_clause.is_some()
    {
        t.notes.push(ClaimNote::Excluded);
    }
    let mut outcomes: Vec<(usize, Outcome)> = Vec::new();
    // The first fact whose figure is a known figure of a neighbouring measure.
    let mut lookalike_fact: Option<usize> = None;
    let skip_of = |fact: &Fact| {
        if dated_kind(fact.kind()) && other_time {
            Some(Silence::OtherTime)
        } else if cx.only_clause.is_some() && fact.kind() != FactKind::Multiplier {
            Some(Silence::Excluded)
        } else {
            None
        }
    };
    let mut judged: Vec<Option<Outcome>> = claim
        .facts
        .iter()
        .map(|fact| {
            skip_of(fact)
                .is_none()
                .then(|| judge_fact(&cx, fact, text, s))
        })
        .collect();
    figures_agreeing_elsewhere(&mut judged, text, s);
    for (fi, fact) in claim.facts.iter().enumerate() {
        let skipped = skip_of(fact);
        if let Some(why) = skipped {
            if let Some(t) = trace.as_deref_mut() {
                if why == Silence::OtherTime && !t.notes.contains(&ClaimNote::OtherTime) {
                    t.notes.push(ClaimNote::OtherTime);
                }
                t.facts.push((fi, FactOutcome::Silent(why)));
            }
            continue;
        }
        let Some(mut o) = judged[fi].take() else {
            continue;
        };
        // A fact's own conflict-requires terms gate its conflicts only.
        if let Outcome::Conflict(span) = &o
            && let Some(group) = fact.conflict_requires.iter().position(|g| !s.has(text, g))
        {
            o = Outcome::Silent(Silence::RequiresMissing {
                group,
                start: span.start,
                end: span.end,
            });
        }
        if let Some(t) = trace.as_deref_mut() {
            t.facts.push((fi, fact_outcome(&o)));
        }
        match o {
            // A look-alike silences its own figure; another fact may still agree ("…, declared
            // in January 2020 [a look-alike], passed 219-212"). The sentence may be about the
            // neighbouring measure, though: its conflicts are withheld (below).
            Outcome::Lookalike(_) => {
                lookalike_fact.get_or_insert(fi);
            }
            Outcome::Silent(_) => {}
            o => outcomes.push((fi, o)),
        }
    }
    // A date look-alike is another event: what the claim says of its event (who, what, when)
    // is not judged on it, as for a sentence dated to another time; figures keep their own
    // periods.
    if lookalike_fact.is_some_and(|l| claim.facts[l].kind() == FactKind::Date) {
        outcomes.retain(|(fi, _)| !dated_kind(claim.facts[*fi].kind()));
    }
    let anchored = outcomes
        .iter()
        .any(|(_, o)| matches!(o, Outcome::Agree(_, true)));
    // Without an anaphor, a subject carried from the previous sentence is a guess: agree
    // only. Likewise when the claim's conflict-requires terms are absent, unless a figure
    // states the sources' own exact figure, which identifies the case.
    let can_conflict =
        (!carried || anaphor) && (requires_met || anchored || event) && lookalike_fact.is_none();
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
            if let Some(t) = trace {
                t.notes.push(if let Some(fact) = lookalike_fact {
                    ClaimNote::Lookalike { fact }
                } else if carried && !anaphor {
                    ClaimNote::CarriedSubject
                } else {
                    ClaimNote::RequiresMissing {
                        group: requires_missing.unwrap_or(0),
                    }
                });
            }
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

/// A figure that agrees with one fact of a claim is that fact's: another fact of the claim
/// that would conflict on it says nothing ("€49 a month" agrees with the price; it is no
/// wrong figure of the yearly subsidy).
fn figures_agreeing_elsewhere(judged: &mut [Option<Outcome>], text: &str, s: &Sentence) {
    let agreed: Vec<(usize, Range<usize>)> = judged
        .iter()
        .enumerate()
        .filter_map(|(fi, o)| match o {
            Some(Outcome::Agree(span, _)) => Some((fi, span.clone())),
            _ => None,
        })
        .collect();
    if agreed.is_empty() {
        return;
    }
    let overlaps = |a: &Range<usize>, b: &Range<usize>| a.start < b.end && b.start < a.end;
    for (fi, o) in judged.iter_mut().enumerate() {
        let Some(Outcome::Conflict(span)) = o else {
            continue;
        };
        let Some((fact, _)) = agreed
            .iter()
            .find(|(other, a)| *other != fi && overlaps(a, span))
        else {
            continue;
        };
        let figure = s
            .analysis(text)
            .figures
            .iter()
            .position(|f| overlaps(&f.span, span))
            .unwrap_or(0);
        *o = Some(Outcome::Silent(Silence::AgreesElsewhere {
            figure,
            fact: *fact,
        }));
    }
}

/// The kinds of fact that say what happened at the claim's event (not figures with periods of
/// their own).
fn dated_kind(kind: FactKind) -> bool {
    matches!(
        kind,
        FactKind::Date | FactKind::Person | FactKind::Assertion
    )
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
        FactSpec::Date { date, roles, .. } => judge_date(fact, *date, roles, text, s),
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
                // A look-alike of the new kinds silences its own figure, and like any look-alike
                // withholds the claim's conflicts.
                super::judge_measure::Judged::Silent(why @ Silence::Lookalike { .. }) => {
                    Outcome::Lookalike(why)
                }
                super::judge_measure::Judged::Silent(why) => Outcome::Silent(why),
            }
        }
        _ => super::judge_quantity::judge_quantity(cx, fact, text, s),
    }
}

fn judge_date(fact: &Fact, truth: When, roles: &TermGroup, text: &str, s: &Sentence) -> Outcome {
    let an = s.analysis(text);
    let mut conflict = None;
    let mut lookalike = None;
    let mut why = Silence::NoFigure;
    let words = s.words(text);
    let role = DateRoles::new(roles, text, s);
    for (fi, f) in an.figures.iter().enumerate() {
        let Some(w) = f.when() else { continue };
        // "…than any operation since 2019": the other side of a comparison is no date of
        // the fact.
        if w.precision == extract::Precision::Relative {
            why.keep(Silence::RelativeDate { figure: fi });
            continue;
        }
        if clause::compared(words, f.toks.start) {
            why.keep(Silence::ComparedDate { figure: fi });
            continue;
        }
        // "declared in January 2020" for a fact of the expiry: another event's date.
        if !role.dates(text, words, &f.toks) {
            why.keep(Silence::NoDateRole { figure: fi });
            continue;
        }
        // "since 2022" states when something began: its start, not every day after it.
        let w = since_start(w);
        if w.overlaps(&truth) {
            return Outcome::Agree(f.span.clone(), false);
        }
        // A day without a year ("on Oct. 21") is not in a look-alike's year more than in
        // any other: only a look-alike of days or months can claim it.
        if let Some(li) = fact.lookalikes.iter().position(|l| match l.value {
            LookalikeValue::Date(lw) => lw.overlaps(&w) && !(w.is_yearless() && whole_years(&lw)),
            LookalikeValue::Values { .. } => false,
        }) {
            lookalike.get_or_insert(Silence::Lookalike {
                figure: fi,
                lookalike: li,
            });
            continue;
        }
        conflict.get_or_insert(f.span.clone());
    }
    if let Some(l) = lookalike {
        return Outcome::Lookalike(l);
    }
    conflict.map_or(Outcome::Silent(why), Outcome::Conflict)
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
        // Both or neither: not sure.
        (Some(_), Some(_)) => Outcome::Silent(Silence::BothWays),
        (None, None) => Outcome::Silent(Silence::NoAssertion),
    }
}

/// Where a date fact's `roles` (the words of the event it dates) stand in a sentence, and
/// where its dates start: a date is the fact's only when a role stands with it.
struct DateRoles {
    /// Token ranges of the role words; `None` when the fact has no `roles` (any date is its).
    roles: Option<Vec<(usize, usize)>>,
    /// The first token of each date the sentence states.
    dates: Vec<usize>,
}

impl DateRoles {
    fn new(roles: &TermGroup, text: &str, s: &Sentence) -> DateRoles {
        if roles.terms.is_empty() {
            return DateRoles {
                roles: None,
                dates: Vec::new(),
            };
        }
        let dates = s
            .analysis(text)
            .figures
            .iter()
            .filter(|f| f.when().is_some())
            .map(|f| f.toks.start)
            .collect();
        DateRoles {
            roles: Some(roles.find_all(text, s.words(text))),
            dates,
        }
    }

    /// Whether the date at tokens `date` dates the fact's event: a role word stands before it
    /// in its clause ("expired on May 11", "signed into law on August 16"), or, when the date
    /// is a time phrase of its own ("On May 11, 2023, the emergency expired", "In May 2023
    /// the emergency expired"), after it in its clause or in the clause that follows. No
    /// other date may stand between the role and the date ("signed in 2010 and amended in
    /// 2014": 2014 is not the signing's), nor, before the date, a participle of another event
    /// ("ended the emergency declared in January 2020").
    fn dates(&self, text: &str, w: &crate::text::Words, date: &Range<usize>) -> bool {
        let Some(roles) = &self.roles else {
            return true;
        };
        let between = |a: usize, b: usize| {
            self.dates
                .iter()
                .any(|&d| d != date.start && a <= d && d < b)
        };
        let c = clause::clause_of(w, date.start);
        let other_event =
            |b: usize| (b..date.start).any(|k| crate::people::is_participle(text, w, k, true));
        if roles.iter().any(|&(a, b)| {
            a >= c.start && b <= date.start && !between(b, date.start) && !other_event(b)
        }) {
            return true;
        }
        let fronted = (c.start..date.start).all(|k| {
            w.lex.clauses.time_openers.contains(&w.norm[k])
                || w.lex.dates.month_introducers.contains(&w.norm[k])
        });
        if !fronted || date.end >= w.toks.len() {
            return false;
        }
        // The clause after the date: its own, or the next one when the date ends its clause.
        let rest = clause::clause_of(w, date.end);
        let end = if rest.end == date.end && date.end + 1 < w.toks.len() {
            clause::clause_of(w, date.end + 1).end
        } else {
            rest.end
        };
        roles
            .iter()
            .any(|&(a, _)| a >= date.end && a < end && !between(date.end, a))
    }
}
