//! `explain --text`: the judge's reasons ([`check::Trace`]) in the words a curator acts on.
//! The engine records indices and offsets as it decides; only this printer makes text of them.

use std::ops::Range;

use serde_json::{Value, json};

use crate::check::{ClaimNote, FactOutcome, Finding, FrameReport, PersonRead, Silence, Trace};
use crate::db::{Claim, Fact, FactKind, FactSpec, LookalikeValue, MeasureSpec, format_number};
use crate::extract::{Figure, When};
use crate::report;
use crate::terms::TermGroup;

/// What the printer needs of a sentence to word a reason.
pub(super) struct Seen<'a> {
    pub text: &'a str,
    pub figures: &'a [(Figure, Vec<When>)],
    pub people: &'a [PersonRead],
}

impl Seen<'_> {
    fn at(&self, r: Range<usize>) -> String {
        self.text.get(r).map_or_else(String::new, report::collapse)
    }

    fn figure(&self, k: usize) -> String {
        self.figures.get(k).map_or_else(
            || "a figure".to_string(),
            |(f, _)| quote(&self.at(f.span.clone())),
        )
    }

    fn person(&self, k: usize) -> String {
        self.people.get(k).map_or_else(
            || "someone".to_string(),
            |p| quote(&self.at(p.span.clone())),
        )
    }

    /// The dates the sentence states (not relative ones).
    fn dates(&self) -> String {
        let d: Vec<String> = self
            .figures
            .iter()
            .filter_map(|(f, _)| f.when())
            .filter(|w| w.precision != crate::extract::Precision::Relative)
            .map(|w| crate::db::format_when(&w))
            .collect();
        d.join(", ")
    }
}

fn quote(s: &str) -> String {
    format!("\"{s}\"")
}

/// A term group as the database writes it: `"a", "b"` (at most a few).
fn terms(g: &TermGroup) -> String {
    const SHOWN: usize = 4;
    let mut t: Vec<String> = g
        .terms
        .iter()
        .take(SHOWN)
        .map(|t| quote(t.source()))
        .collect();
    if g.terms.len() > SHOWN {
        t.push("…".to_string());
    }
    t.join(", ")
}

/// A fact as messages name it: `fact 2 (count, "residents")`.
pub(super) fn fact_name(fact: &Fact, k: usize) -> String {
    match &fact.label {
        Some(l) => format!("fact {} ({}, \"{l}\")", k + 1, fact.kind().name()),
        None => format!("fact {} ({})", k + 1, fact.kind().name()),
    }
}

/// The fact's words a figure must stand with, by kind: its nouns, its "of", its comparator.
fn fact_words(fact: &Fact) -> (&'static str, &TermGroup) {
    match &fact.spec {
        FactSpec::Share { of, .. } | FactSpec::Mass { of, .. } => ("of", of),
        FactSpec::Multiplier { than, .. } => ("than", than),
        _ => ("nouns", fact.group("nouns")),
    }
}

fn period(claim: &Claim) -> String {
    if claim.period_text.is_empty() {
        "none".to_string()
    } else {
        claim.period_text.join(", ")
    }
}

/// Why one fact said nothing, in words.
pub(super) fn silence_message(claim: &Claim, fact: &Fact, why: Silence, seen: &Seen) -> String {
    let fig = |k: usize| seen.figure(k);
    let expected = fact.expected();
    match why {
        Silence::NoFigure => match fact.kind() {
            FactKind::Date => "the sentence states no date".to_string(),
            k => format!("the sentence states no figure of kind {}", k.name()),
        },
        Silence::NoValue => "the fact states no value to compare with: give it a `value`".into(),
        Silence::OtherTime => format!(
            "not judged: the sentence is about another time ({}) than the claim's period ({})",
            seen.dates(),
            period(claim)
        ),
        Silence::Excluded => "not judged: an excluded term stands outside the clause about the \
                              claim's subject, and only that clause's comparisons are judged"
            .into(),
        Silence::OtherKind { figure } => format!(
            "the sentence states no figure of kind {} ({} is {})",
            fact.kind().name(),
            fig(figure),
            seen.figures
                .get(figure)
                .map_or("of another kind".to_string(), |(f, _)| match f.measure() {
                    Some(m) => format!("a {m}"),
                    None => format!("a {}", super::text::kind_name(f.kind())),
                })
        ),
        Silence::RelativeDate { figure } => {
            format!("{} is a relative date: never compared", fig(figure))
        }
        Silence::OtherPeriod { figure } => {
            let stated = seen
                .figures
                .get(figure)
                .map(|(_, p)| {
                    p.iter()
                        .map(crate::db::format_when)
                        .collect::<Vec<_>>()
                        .join(", ")
                })
                .filter(|p| !p.is_empty())
                .unwrap_or_else(|| seen.dates());
            format!(
                "{} is for {stated}; the claim is for {}: another period",
                fig(figure),
                period(claim)
            )
        }
        Silence::Undated { figure } => format!(
            "{} is stated for no period, and the claim requires its period ({})",
            fig(figure),
            period(claim)
        ),
        Silence::Fractional { figure } => format!(
            "{} is fractional: a count of whole things is not (a rate or an average?)",
            fig(figure)
        ),
        Silence::Hypothetical { figure } => format!(
            "{} is hypothetical (\"could\", \"enough to\"): not a statement of the figure",
            fig(figure)
        ),
        Silence::OutsideClause { figure } => format!(
            "{} stands outside the clause about the claim's subject (an excluded term is in \
             the sentence)",
            fig(figure)
        ),
        Silence::OtherNoun { figure } => {
            let (key, g) = fact_words(fact);
            format!(
                "{} is of something else: none of the fact's `{key}` ({}) is stated with it",
                fig(figure),
                terms(g)
            )
        }
        Silence::NoNoun { figure } => {
            let g = fact.group("nouns");
            if g.terms.is_empty() {
                format!(
                    "none of the claim's subject words stands near {} (give the fact `nouns`)",
                    fig(figure)
                )
            } else {
                format!(
                    "none of the fact's `nouns` ({}) stands near {}",
                    terms(g),
                    fig(figure)
                )
            }
        }
        Silence::NearerNoun { figure } => format!(
            "{} stands nearer another level fact's noun: it is that fact's figure",
            fig(figure)
        ),
        Silence::OtherComparison { figure } => format!(
            "{} compares another subject (a relative clause about a word that is not the \
             claim's subject)",
            fig(figure)
        ),
        Silence::OtherPredicate { figure } => format!(
            "{} is a share of something else: its predicate is neither the fact's `is` nor \
             its `is-not`",
            fig(figure)
        ),
        Silence::NoPolarity { figure } => format!(
            "{}: the sentence says neither the fact's `is` ({}) nor its `is-not` ({}) with it",
            fig(figure),
            terms(fact.group("is")),
            terms(fact.group("is-not"))
        ),
        Silence::ComparedDate { figure } => format!(
            "{} is the other side of a comparison (after \"than\"), not the fact's date",
            fig(figure)
        ),
        Silence::NoDateRole { figure } => format!(
            "{} dates another event: none of the fact's {} stands with it in its clause",
            fig(figure),
            role_words(claim, fact)
        ),
        Silence::Lookalike { figure, lookalike } => {
            let what = lookalike_name(fact, lookalike);
            format!(
                "{} is the look-alike {what}: this figure belongs to a neighbouring measure",
                fig(figure)
            )
        }
        Silence::NearMiss { figure } => format!(
            "{} is near {expected} but outside the agreeing band: a near miss neither agrees \
             nor conflicts",
            fig(figure)
        ),
        Silence::Forecast { figure } => format!(
            "{} would conflict with {expected}, but its clause states a forecast (\"expect\", \
             \"projected\"): a forecast is not a measured figure",
            fig(figure)
        ),
        Silence::AgreesElsewhere { figure, fact } => format!(
            "{} agrees with fact {}: it is that fact's figure, not a wrong one of this fact",
            fig(figure),
            fact + 1
        ),
        Silence::OtherSide { figure } => format!(
            "{} is the smaller side of {expected}: whether that side voted for is not known \
             from the pair",
            fig(figure)
        ),
        Silence::LooseBound { figure } => format!(
            "{} is true of {expected} but too loose to agree (bound reach {})",
            fig(figure),
            claim.policy.resolve().bound_reach
        ),
        Silence::OtherCurrency { figure } => format!(
            "{} is in another currency than the fact's ({expected}): no exchange rates",
            fig(figure)
        ),
        Silence::OtherDenominator { figure } => format!(
            "{} is per another unit than the fact's ({expected}), or per none",
            fig(figure)
        ),
        Silence::OtherDimension { figure } => format!(
            "{} is a quantity of another dimension than the fact's ({expected})",
            fig(figure)
        ),
        Silence::OtherUnit { figure } => format!(
            "{} is in another unit than the fact's ({expected}): percent and percentage \
             points, or a tally in percent and one in votes, are different measures",
            fig(figure)
        ),
        Silence::OtherBase { figure } => format!(
            "{} is a change against another base period than the fact's",
            fig(figure)
        ),
        Silence::NoBase { figure } => format!(
            "{} states no base period, and the fact requires one (`base-required`)",
            fig(figure)
        ),
        Silence::OtherDirection { figure } => {
            format!("{} is a fall; the fact is a rise", fig(figure))
        }
        Silence::OverlappingRange { figure } => format!(
            "{} overlaps the fact's range ({expected}) without matching it",
            fig(figure)
        ),
        Silence::NoPerson => format!(
            "the sentence names none of the fact's people ({expected}) and gives nobody else \
             the role"
        ),
        Silence::NoRole { mention } => format!(
            "{} is named without the fact's role ({})",
            seen.person(mention),
            role_words(claim, fact)
        ),
        Silence::Speaker { mention } => format!(
            "{} speaks about it: a speaker is not the one who did it ({})",
            seen.person(mention),
            role_words(claim, fact)
        ),
        Silence::NoAssertion => format!(
            "the sentence says neither {} nor the opposite ({})",
            terms(fact.group("is")),
            terms(fact.group("is-not"))
        ),
        Silence::BothWays => "the sentence says both the statement and its opposite".into(),
        Silence::RequiresMissing { group, start, end } => format!(
            "{} would conflict, but the sentence lacks the fact's conflict-requires term ({}): \
             the fact conflicts only when one of them is said",
            quote(&seen.at(start..end)),
            fact.conflict_requires
                .get(group)
                .map_or_else(String::new, terms)
        ),
    }
}

fn lookalike_name(fact: &Fact, k: usize) -> String {
    if let Some(MeasureSpec::Tally { lookalikes, .. }) = fact.measure() {
        return lookalikes.get(k).map_or_else(String::new, |(a, b)| {
            format!("tally {}-{}", format_number(*a), format_number(*b))
        });
    }
    match fact.lookalikes.get(k) {
        Some(l) => {
            let v = match l.value {
                LookalikeValue::Values { figure: (a, b), .. } if a == b => format_number(a),
                LookalikeValue::Values { figure: (a, b), .. } => {
                    format!("{}–{}", format_number(a), format_number(b))
                }
                LookalikeValue::Date(w) => crate::db::format_when(&w),
            };
            format!("{v} (\"{}\")", l.note)
        }
        None => String::new(),
    }
}

fn role_words(claim: &Claim, fact: &Fact) -> String {
    match &fact.spec {
        FactSpec::Person { roles, .. } | FactSpec::Date { roles, .. }
            if !roles.terms.is_empty() =>
        {
            format!("`roles`: {}", terms(roles))
        }
        _ => format!(
            "the claim's `about` words: {}",
            claim.about.iter().map(terms).collect::<Vec<_>>().join("; ")
        ),
    }
}

/// A claim-wide note, in words.
pub(super) fn note_message(claim: &Claim, note: ClaimNote, seen: &Seen) -> String {
    match note {
        ClaimNote::OtherTime => format!(
            "the sentence is about another time ({}) than the claim's period ({}): its date, \
             person and statement facts are not judged",
            seen.dates(),
            period(claim)
        ),
        ClaimNote::Excluded => "an excluded term stands outside the clause about the claim's \
                                subject: only that clause's comparisons are judged"
            .into(),
        ClaimNote::Lookalike { fact } => format!(
            "the look-alike of fact {} means the sentence may be about a neighbouring measure: \
             the conflict is withheld, and with it the agreements",
            fact + 1
        ),
        ClaimNote::CarriedSubject => "a fact would conflict, but the subject is carried from \
                                      the previous sentence without a referring word: such a \
                                      sentence may only agree, and the conflict withholds its \
                                      agreements too (add the writer's word for the subject \
                                      to `anaphora`)"
            .into(),
        ClaimNote::RequiresMissing { group } => format!(
            "a fact would conflict, but the sentence lacks the claim's conflict-requires term \
             ({}), and no exact figure of the sources identifies the case: the conflict \
             withholds its agreements too",
            claim
                .conflict_requires
                .get(group)
                .map_or_else(String::new, terms)
        ),
    }
}

/// Why a frame did not match, with its code; `None` when it matched.
pub(super) fn frame_why(claim: &Claim, r: &FrameReport) -> Option<(&'static str, String)> {
    if r.matched {
        return None;
    }
    if !r.all_groups {
        let missing: Vec<String> = r
            .groups
            .iter()
            .enumerate()
            .filter(|(_, g)| g.term.is_none())
            .map(|(k, _)| {
                format!(
                    "group {} ({})",
                    k + 1,
                    claim.about.get(k).map_or_else(String::new, terms)
                )
            })
            .collect();
        return Some((
            "missing-group",
            format!("no term of {}", missing.join(", no term of ")),
        ));
    }
    if let Some((t, prev)) = &r.excluded_by {
        let whence = if *prev {
            " in the previous sentence"
        } else {
            ""
        };
        return Some(("excluded", format!("excluded by \"{t}\"{whence}")));
    }
    Some((
        "no-anaphor",
        "the subject is carried from the previous sentence with no anaphor".to_string(),
    ))
}

/// One line of the judge's account: a fact's outcome, or a claim-wide note.
pub(super) struct Line {
    /// The fact (index), or `None` for a note about the claim.
    pub fact: Option<usize>,
    pub outcome: &'static str,
    pub code: Option<&'static str>,
    pub message: String,
    /// The words the line is about.
    pub span: Option<Range<usize>>,
    /// An agreement or conflict `check` reports (a claim reports one agreement, or its
    /// conflicts with the figures that agree beside them; a withheld conflict reports none).
    pub reported: bool,
}

impl Line {
    /// The outcome as the human output shows it: "would conflict" when it is not reported.
    pub fn shown(&self) -> &'static str {
        match (self.outcome, self.reported) {
            ("agrees", false) => "would agree (not reported)",
            ("conflicts", false) => "would conflict (withheld)",
            (o, _) => o,
        }
    }
}

/// The judge's account of a claim on a sentence, as lines (facts in order, then notes).
pub(super) fn lines(claim: &Claim, found: &[Finding], trace: &Trace, seen: &Seen) -> Vec<Line> {
    let mut out: Vec<Line> = trace
        .facts
        .iter()
        .filter_map(|&(fi, o)| {
            let fact = claim.facts.get(fi)?;
            Some(match o {
                FactOutcome::Agrees { start, end } | FactOutcome::Conflicts { start, end } => {
                    let agrees = matches!(o, FactOutcome::Agrees { .. });
                    Line {
                        fact: Some(fi),
                        outcome: if agrees { "agrees" } else { "conflicts" },
                        code: None,
                        message: format!(
                            "{} {} {}",
                            quote(&seen.at(start..end)),
                            if agrees {
                                "agrees with"
                            } else {
                                "conflicts with"
                            },
                            fact.expected()
                        ),
                        span: Some(start..end),
                        reported: found.iter().any(|f| f.fact == fi),
                    }
                }
                FactOutcome::Silent(why) => Line {
                    fact: Some(fi),
                    outcome: "silent",
                    code: Some(why.code()),
                    message: silence_message(claim, fact, why, seen),
                    span: match why {
                        Silence::RequiresMissing { start, end, .. } => Some(start..end),
                        Silence::NoRole { mention } | Silence::Speaker { mention } => {
                            seen.people.get(mention).map(|p| p.span.clone())
                        }
                        _ => why
                            .figure()
                            .and_then(|k| seen.figures.get(k))
                            .map(|(f, _)| f.span.clone()),
                    },
                    reported: false,
                },
            })
        })
        .collect();
    // A fact the judge did not reach (after a claim-wide look-alike).
    for (fi, _) in claim.facts.iter().enumerate() {
        if !trace.facts.iter().any(|(k, _)| *k == fi) {
            out.push(Line {
                fact: Some(fi),
                outcome: "not-judged",
                code: None,
                message: "not judged: an earlier fact's look-alike silenced the claim".into(),
                span: None,
                reported: false,
            });
        }
    }
    out.extend(trace.notes.iter().map(|&n| Line {
        fact: None,
        outcome: "silent",
        code: Some(n.code()),
        message: note_message(claim, n, seen),
        span: None,
        reported: false,
    }));
    out
}

/// The claim's result on the sentence: what `check` reports.
pub(super) fn result(findings: &[Finding]) -> &'static str {
    if findings
        .iter()
        .any(|f| f.verdict == crate::check::Verdict::Conflicts)
    {
        "conflicts"
    } else if findings.is_empty() {
        "silent"
    } else {
        "agrees"
    }
}

/// The JSON of the judge's account.
pub(super) fn lines_json(claim: &Claim, ls: &[Line]) -> Vec<Value> {
    ls.iter()
        .map(|l| {
            json!({
                "fact": l.fact.map(|k| k + 1),
                "label": l.fact.and_then(|k| claim.facts.get(k)).and_then(|f| f.label.clone()),
                "kind": l.fact.and_then(|k| claim.facts.get(k)).map(|f| f.kind().name()),
                "outcome": l.outcome,
                "reported": l.reported,
                "code": l.code,
                "message": l.message,
                "byte_start": l.span.as_ref().map(|s| s.start),
                "byte_end": l.span.as_ref().map(|s| s.end),
            })
        })
        .collect()
}

/// A person read, as `explain --text` lists them.
pub(super) fn person_line(seen: &Seen, p: &PersonRead) -> String {
    let mut parts = Vec::new();
    if p.titled {
        parts.push("titled".to_string());
    }
    if p.attributed {
        parts.push("attributed".to_string());
    }
    if let Some(v) = &p.verb {
        parts.push(format!("verb {}", quote(&seen.at(v.clone()))));
    }
    parts.push(format!("bytes {}..{}", p.span.start, p.span.end));
    format!("{}  {}", quote(&seen.at(p.span.clone())), parts.join(", "))
}

/// The JSON of a person read.
pub(super) fn person_json(seen: &Seen, p: &PersonRead) -> Value {
    json!({
        "name": seen.at(p.span.clone()),
        "titled": p.titled,
        "attributed": p.attributed,
        "verb": p.verb.as_ref().map(|v| seen.at(v.clone())),
        "byte_start": p.span.start,
        "byte_end": p.span.end,
    })
}
