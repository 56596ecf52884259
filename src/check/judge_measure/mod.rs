//! Judging the fact kinds of issue 16 (money, quantity, change, level, tally, record,
//! duration): which stated figures are the fact's measure, and whether they agree.
//!
//! Another measure is silence, never a conflict: another currency or denominator, another
//! dimension, percent against percentage points, another base period, a temperature reading
//! against a temperature difference. A look-alike silences its own figure only.

mod verdicts;

use std::ops::Range;

use verdicts::{interval_verdict, meets, pair_verdict, record_verdict, votes_for_verdict};

use super::candidates::Sentence;
use super::periods::period_fits;
use super::why::Silence;
use crate::db::{Band, Claim, Fact, FactKind, LookalikeValue, MeasureSpec};
use crate::extract::{Base, Bound, ChangeUnit, Figure, Kind, Measure, Precision, When};
use crate::lexicon::measures::Dimension;
use crate::terms::TermGroup;
use crate::text::Words;

/// How far (in tokens) a level's or duration's noun may stand from its figure.
const NOUN_REACH: usize = 8;
/// How far (in tokens) a claim's subject word may stand from a figure of a fact that names
/// no nouns: a clause's length ("Consumer prices in June rose 9.1% from a year earlier").
const SUBJECT_REACH: usize = 12;

/// What one fact of the new kinds makes of a sentence.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) enum Judged {
    Agree(Range<usize>),
    Conflict(Range<usize>),
    Silent(Silence),
}

/// What a figure states, as the fact compares it.
enum Stated {
    /// An interval in the fact's canonical unit; `ranged` when the text gives both ends.
    Interval {
        lo: f64,
        hi: f64,
        ranged: bool,
    },
    /// A tally (larger side first).
    Pair {
        yes: f64,
        no: f64,
    },
    Unanimous,
    /// One side of a vote: the votes for.
    VotesFor(f64),
    Record {
        rank: u32,
        since: Option<When>,
        span: Option<f64>,
    },
}

/// Judges a fact of the new kinds against a sentence.
pub(super) fn judge_measure(claim: &Claim, fact: &Fact, text: &str, s: &Sentence) -> Judged {
    let (Some(spec), Some(band)) = (fact.measure(), fact.band()) else {
        return Judged::Silent(Silence::NoValue);
    };
    let an = s.analysis(text);
    let w = s.words(text);
    let policy = claim.policy.resolve();
    // Figures the period stage does not date (quantities, changes, tallies, records) take the
    // sentence's dates; when one of them is the claim's period, that one ("1.58 °C above the
    // 1850-1900 average in 2023": 1850-1900 is a comparison base, not the period).
    let mut sentence_dates: Vec<When> = an
        .figures
        .iter()
        .filter_map(Figure::when)
        .filter(|d| d.precision != Precision::Relative)
        .collect();
    if sentence_dates
        .iter()
        .any(|d| claim.period.iter().any(|p| p.overlaps(d)))
    {
        sentence_dates.retain(|d| claim.period.iter().any(|p| p.overlaps(d)));
    }
    let mut agree = None;
    let mut conflict = None;
    let mut why = Silence::NoFigure;
    for (fi, f) in an.figures.iter().enumerate() {
        let periods = if an.periods[fi].is_empty() {
            &sentence_dates
        } else {
            &an.periods[fi]
        };
        if !period_fits(claim, periods) {
            why.keep(if !fact_kind_of(fact.kind(), f) {
                Silence::OtherKind { figure: fi }
            } else if periods.is_empty() {
                Silence::Undated { figure: fi }
            } else {
                Silence::OtherPeriod { figure: fi }
            });
            continue;
        }
        let stated = match stated(claim, fact, spec, f, text, w) {
            Ok(st) => st,
            Err(reason) => {
                why.keep(reason.at(fi));
                continue;
            }
        };
        let verdict = match stated {
            Stated::Interval { lo, hi, ranged } => {
                if let Some(li) = fact
                    .lookalikes
                    .iter()
                    .position(|l| matches!(l.value, LookalikeValue::Values { lo: a, hi: b, .. } if meets(lo, hi, (a, b))))
                    && !band.value.is_some_and(|v| meets(lo, hi, (v, v)))
                {
                    // A look-alike: this figure is another measure.
                    why.keep(Silence::Lookalike { figure: fi, lookalike: li });
                    continue;
                }
                if loose(f, (lo, hi), band, policy.bound_reach) {
                    why.keep(Silence::LooseBound { figure: fi });
                    continue;
                }
                interval_verdict(band, lo, hi, ranged)
            }
            Stated::Pair { yes, no } => pair_verdict(spec, yes, no),
            Stated::VotesFor(yes) => votes_for_verdict(spec, yes),
            Stated::Unanimous => match spec {
                MeasureSpec::Tally { no, .. } => Ok(*no == 0.0),
                _ => Err(Skip::OtherKind),
            },
            Stated::Record { rank, since, span } => record_verdict(spec, rank, since, span),
        };
        match verdict {
            Ok(true) => {
                agree.get_or_insert(f.span.clone());
            }
            Ok(false) if super::clause::forecast(w, f.toks.start) => {
                why.keep(Silence::Forecast { figure: fi });
            }
            Ok(false) => {
                conflict.get_or_insert(f.span.clone());
            }
            Err(reason) => why.keep(reason.at(fi)),
        }
    }
    match (agree, conflict) {
        (_, Some(c)) => Judged::Conflict(c),
        (Some(a), None) => Judged::Agree(a),
        (None, None) => Judged::Silent(why),
    }
}

/// A bound that holds but is too loose to be about the fact's figure ("more than 1 °C" for
/// 1.48 °C), as for counts.
fn loose(f: &Figure, (slo, shi): (f64, f64), band: &Band, reach: f64) -> bool {
    let (lo, hi) = band.agree;
    if lo < 0.0 || !matches!(f.bound, Bound::AtLeast | Bound::AtMost) {
        return false;
    }
    if !matches!(
        f.measure(),
        Some(Measure::Quantity { .. } | Measure::Money { .. } | Measure::Duration { .. })
    ) {
        return false;
    }
    // The end the words state: "more than 1 °C" states its low end, "as much as $230" its
    // high end (the interval's other end is the scale's).
    match f.bound {
        Bound::AtLeast => lo > slo * reach,
        _ => hi * reach < shi,
    }
}

/// What figure `f` states for `fact`, if it is the fact's measure; if not, why.
fn stated(
    claim: &Claim,
    fact: &Fact,
    spec: &MeasureSpec,
    f: &Figure,
    text: &str,
    w: &Words,
) -> Result<Stated, Skip> {
    let m = f.measure();
    let ranged = f.bound == Bound::Range;
    let interval = |lo: f64, hi: f64| {
        let (lo, hi) = crate::extract::precision::hedged(
            text,
            w,
            f,
            (lo, hi),
            crate::policy::Policy::DEFAULT.hedge_steps,
        );
        Ok(Stated::Interval { lo, hi, ranged })
    };
    // A figure is the fact's when one of its nouns stands near it; without nouns, when one of
    // the claim's subject words does ("wages rose 5.1%" in a sentence about consumer prices
    // is another measure).
    let bound_noun = |nouns: &TermGroup| {
        if nouns.terms.is_empty() {
            subject_near(claim, text, w, f)
        } else {
            noun_near(text, w, f, nouns).is_some()
        }
    };
    let nouns = || fact.group("nouns");
    match (spec, m) {
        (
            MeasureSpec::Money { currency, per, .. },
            Some(Measure::Money {
                lo,
                hi,
                currency: c,
                per: p,
            }),
        ) => {
            if c != *currency {
                Err(Skip::OtherCurrency)
            } else if !bound_noun(nouns()) {
                Err(Skip::NoNoun)
            } else {
                match per_scale(w, p, *per) {
                    Some(scale) => interval(lo * scale, hi * scale),
                    None => Err(Skip::OtherDenominator),
                }
            }
        }
        (
            MeasureSpec::Quantity { dimension, .. },
            Some(Measure::Quantity {
                lo,
                hi,
                dimension: d,
                ..
            }),
        ) => {
            if d != *dimension {
                Err(Skip::OtherDimension)
            } else if !bound_noun(nouns()) {
                Err(Skip::NoNoun)
            } else {
                interval(lo, hi)
            }
        }
        // "37.4 billion tonnes": a mass of the older stages.
        (
            MeasureSpec::Quantity {
                dimension: Dimension::Mass,
                ..
            },
            None,
        ) if f.kind() == Kind::Mass => {
            if bound_noun(nouns()) {
                interval(f.lo(), f.hi())
            } else {
                Err(Skip::NoNoun)
            }
        }
        // "temperatures rose 1.1 °C": a rise is a temperature difference.
        (
            MeasureSpec::Quantity {
                dimension: Dimension::TemperatureDifference,
                ..
            },
            Some(Measure::Change {
                lo,
                hi,
                unit: ChangeUnit::Quantity(Dimension::TemperatureDifference),
                ..
            }),
        ) => {
            if lo >= 0.0 {
                interval(lo, hi)
            } else {
                Err(Skip::OtherDirection)
            }
        }
        (
            MeasureSpec::Change {
                unit,
                base,
                base_required,
            },
            Some(Measure::Change {
                lo,
                hi,
                unit: u,
                base: b,
                ..
            }),
        ) => {
            if u != *unit {
                return Err(Skip::OtherUnit);
            }
            let fits = match (base, b) {
                (Some(fb), Some(sb)) => base_matches(claim, *fb, sb)
                    .then_some(())
                    .ok_or(Skip::OtherBase),
                (Some(_), None) if *base_required => Err(Skip::NoBase),
                _ => Ok(()),
            };
            fits?;
            if bound_noun(nouns()) {
                interval(lo, hi)
            } else {
                Err(Skip::NoNoun)
            }
        }
        (MeasureSpec::Level, None) if is_percent_level(text, f) => {
            level_binds(claim, fact, text, w, f)?;
            interval(f.lo(), f.hi())
        }
        (MeasureSpec::Duration, Some(Measure::Duration { lo, hi })) => {
            if bound_noun(nouns()) {
                interval(lo, hi)
            } else {
                Err(Skip::NoNoun)
            }
        }
        (
            MeasureSpec::Tally { percent, .. },
            Some(Measure::Tally {
                yes,
                no,
                percent: p,
            }),
        ) => {
            if p == *percent {
                Ok(Stated::Pair { yes, no })
            } else {
                Err(Skip::OtherUnit)
            }
        }
        (MeasureSpec::Tally { .. }, Some(Measure::Unanimous)) => Ok(Stated::Unanimous),
        (MeasureSpec::Tally { percent: false, .. }, Some(Measure::TallyFor { yes })) => {
            Ok(Stated::VotesFor(yes))
        }
        // A record's `nouns` say what it is a record of ("the highest gas prices since 2008"
        // is not the inflation record).
        // Measured from the superlative, not from the "since ..." it carries.
        (MeasureSpec::Record { .. }, Some(Measure::Record { rank, since, span })) => {
            if nouns().terms.is_empty()
                || noun_near_toks(text, w, f.toks.start..f.toks.start + 1, nouns()).is_some()
            {
                Ok(Stated::Record { rank, since, span })
            } else {
                Err(Skip::NoNoun)
            }
        }
        _ => Err(Skip::OtherKind),
    }
}

/// What a price per `stated` is worth per `fact`'s denominator: 1 for the same one, the
/// ratio of sizes for two of one dimension ("$1.33 a litre" is $5.03 a gallon, "$35 a week"
/// $152 a month); `None` for another measure (a bare amount against a price, a gallon
/// against a month).
fn per_scale(w: &Words, stated: Option<u16>, fact: Option<u16>) -> Option<f64> {
    match (stated, fact) {
        (a, b) if a == b => Some(1.0),
        (Some(a), Some(b)) => {
            let (da, sa) = w.lex.per_size(a)?;
            let (db, sb) = w.lex.per_size(b)?;
            (da == db && sa > 0.0).then(|| sb / sa)
        }
        _ => None,
    }
}

/// A share figure written as a percentage ("72.2%"), not a fraction word or a quantifier.
fn is_percent_level(text: &str, f: &Figure) -> bool {
    f.kind() == Kind::Share
        && f.bound != Bound::Quantifier
        && text
            .get(f.span.clone())
            .is_some_and(|t| t.bytes().any(|b| b.is_ascii_digit()))
}

/// The distance in tokens from a figure to the nearest term of `nouns`, within
/// [`NOUN_REACH`].
fn noun_near(text: &str, w: &Words, f: &Figure, nouns: &TermGroup) -> Option<usize> {
    noun_near_toks(text, w, f.toks.clone(), nouns)
}

/// As [`noun_near`], from tokens `toks`.
fn noun_near_toks(text: &str, w: &Words, toks: Range<usize>, nouns: &TermGroup) -> Option<usize> {
    let f = Tokens { toks };
    nouns
        .find_all(text, w)
        .into_iter()
        .map(|(a, b)| {
            if b <= f.toks.start {
                f.toks.start - b
            } else {
                a.saturating_sub(f.toks.end)
            }
        })
        .filter(|&d| d <= NOUN_REACH)
        .min()
}

/// Whether a term of one of the claim's `about` groups stands within [`SUBJECT_REACH`] tokens
/// of the figure.
fn subject_near(claim: &Claim, text: &str, w: &Words, f: &Figure) -> bool {
    claim.about.iter().any(|g| {
        g.find_all(text, w).into_iter().any(|(a, b)| {
            let d = if b <= f.toks.start {
                f.toks.start - b
            } else {
                a.saturating_sub(f.toks.end)
            };
            d <= SUBJECT_REACH
        })
    })
}

/// A token range, standing in for a figure's in [`noun_near_toks`].
struct Tokens {
    toks: Range<usize>,
}

/// A level belongs to the level fact whose noun stands nearest ("Leave won 51.9% on a turnout
/// of 72.2%": 51.9 is Leave's, 72.2 the turnout's).
fn level_binds(claim: &Claim, fact: &Fact, text: &str, w: &Words, f: &Figure) -> Result<(), Skip> {
    // Without nouns, a level needs one of the claim's subject words near it: a minimal claim
    // errs towards silence on the other percentages of a sentence.
    if fact.group("nouns").terms.is_empty() {
        return subject_near(claim, text, w, f)
            .then_some(())
            .ok_or(Skip::NoNoun);
    }
    let Some(own) = noun_near(text, w, f, fact.group("nouns")) else {
        return Err(Skip::NoNoun);
    };
    claim
        .facts
        .iter()
        .filter(|o| o.kind() == FactKind::Level && !std::ptr::eq(*o, fact))
        .filter_map(|o| noun_near(text, w, f, o.group("nouns")))
        .all(|d| own <= d)
        .then_some(())
        .ok_or(Skip::NearerNoun)
}

/// Whether a stated base is the fact's: the same kind, or a date that is the claim's period a
/// year (or a month) earlier.
fn base_matches(claim: &Claim, fact: Base, stated: Base) -> bool {
    let year = |d: When| d.lo / 10_000;
    match (fact, stated) {
        (Base::Year, Base::Year) | (Base::Month, Base::Month) => true,
        (Base::Date(a), Base::Date(b)) => a.overlaps(&b),
        (Base::Year, Base::Date(d)) | (Base::Date(d), Base::Year) => {
            claim.period.iter().any(|p| year(*p) == year(d) + 1)
        }
        _ => false,
    }
}

/// Why a figure is not compared with a fact, before the figure's index is known.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Skip {
    OtherKind,
    OtherCurrency,
    OtherDenominator,
    OtherDimension,
    OtherUnit,
    OtherBase,
    NoBase,
    NoNoun,
    NearerNoun,
    OtherDirection,
    OverlappingRange,
    NearMiss,
    OtherSide,
    /// Index of the tally's look-alike pair.
    Lookalike(usize),
}

impl Skip {
    /// The reason for figure `figure`.
    fn at(self, figure: usize) -> Silence {
        match self {
            Skip::OtherKind => Silence::OtherKind { figure },
            Skip::OtherCurrency => Silence::OtherCurrency { figure },
            Skip::OtherDenominator => Silence::OtherDenominator { figure },
            Skip::OtherDimension => Silence::OtherDimension { figure },
            Skip::OtherUnit => Silence::OtherUnit { figure },
            Skip::OtherBase => Silence::OtherBase { figure },
            Skip::NoBase => Silence::NoBase { figure },
            Skip::NoNoun => Silence::NoNoun { figure },
            Skip::NearerNoun => Silence::NearerNoun { figure },
            Skip::OtherDirection => Silence::OtherDirection { figure },
            Skip::OverlappingRange => Silence::OverlappingRange { figure },
            Skip::NearMiss => Silence::NearMiss { figure },
            Skip::OtherSide => Silence::OtherSide { figure },
            Skip::Lookalike(lookalike) => Silence::Lookalike { figure, lookalike },
        }
    }
}

/// Whether a figure has the form of a fact's kind (a money amount for money, a percentage for
/// a level), for naming a silence: a figure of another period is reported as such only when
/// it has the fact's form, and as a figure of another kind otherwise.
fn fact_kind_of(kind: FactKind, f: &Figure) -> bool {
    match (kind, f.measure()) {
        (FactKind::Money, Some(Measure::Money { .. }))
        | (FactKind::Duration, Some(Measure::Duration { .. }))
        | (FactKind::Change, Some(Measure::Change { .. }))
        | (
            FactKind::Tally,
            Some(Measure::Tally { .. } | Measure::Unanimous | Measure::TallyFor { .. }),
        )
        | (FactKind::Record, Some(Measure::Record { .. })) => true,
        (FactKind::Quantity, Some(Measure::Quantity { .. } | Measure::Change { .. })) => true,
        (FactKind::Quantity, None) => f.kind() == Kind::Mass,
        (FactKind::Level, None) => f.kind() == Kind::Share,
        _ => false,
    }
}
