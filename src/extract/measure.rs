//! Measures (issue 16): money, physical quantities, changes, tallies, records and durations.
//!
//! Each form has its own file ([`super::money`], [`super::physical`], [`super::change`],
//! [`super::tally`], [`super::record`]); this one holds the figure value they produce and
//! tries them in order at a token. They run before the older forms, so the numbers they read
//! ("the 6 of a 6-3 ruling", "25 basis points", "a quarter point") are never taken for counts
//! or shares.

use super::numeral::{Numeral, digits_at, numeral_at};
use super::{Bound, Figure, FigureValue, Kind, When};
use crate::lexicon::measures::{Currency, Dimension, Measures};
use crate::text::{TokKind, Words};

/// What a change is measured in: percent and percentage points are different measures, and
/// an absolute change carries its unit.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ChangeUnit {
    /// A relative change: "rose 9.1%".
    Percent,
    /// Percentage points ("up 0.5 percentage points"; basis points are converted: 25 bp is
    /// 0.25 points).
    Points,
    /// An absolute change of a physical quantity ("an increase of 3 ppm"), canonical unit.
    Quantity(Dimension),
    /// An absolute change of money ("up $8 billion").
    Money(Currency),
    /// A change of a span of time, in years ("life expectancy fell by 0.6 year", "raised
    /// the retirement age by two years"): never a duration of its own.
    Years,
}

/// What a change is measured against.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Base {
    /// The same time a year earlier ("from a year earlier", "year on year").
    Year,
    /// The previous month ("from the previous month").
    Month,
    /// A stated date or period ("from 2016", "over May 2022").
    Date(When),
}

/// A measure a sentence states. Values are intervals in the canonical unit of their kind
/// (the currency's unit, the dimension's unit, percent or points, years).
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Measure {
    /// An amount of money in `currency`, optionally per a unit ("a gallon"): the index of the
    /// `per` word in the measures lexicon.
    Money {
        lo: f64,
        hi: f64,
        currency: Currency,
        per: Option<u16>,
    },
    /// A physical quantity in the canonical unit of its dimension, and the values as written
    /// (before conversion).
    Quantity {
        lo: f64,
        hi: f64,
        dimension: Dimension,
        written: (f64, f64),
    },
    /// A change: `signed` when the words give a direction (then a fall is negative).
    Change {
        lo: f64,
        hi: f64,
        unit: ChangeUnit,
        signed: bool,
        base: Option<Base>,
    },
    /// A vote or ruling: the larger and the smaller side ("53-47"), or percentages of the
    /// vote ("51.9% to 48.1%").
    Tally { yes: f64, no: f64, percent: bool },
    /// "unanimously": no vote against.
    Unanimous,
    /// One side of a vote: the votes for ("63 votes in favour", "passed with 68 votes").
    TallyFor { yes: f64 },
    /// A record: its rank (1 for "highest", 2 for "second-highest"), the date it is counted
    /// since, and the span of years it covers ("a 40-year high").
    Record {
        rank: u32,
        since: Option<When>,
        span: Option<f64>,
    },
    /// A span of time, in years.
    Duration { lo: f64, hi: f64 },
    /// An age that names a subgroup ("18 and older", "aged 65"): compared with nothing.
    Age { years: f64 },
}

impl Measure {
    /// A short name of the form, for `explain`.
    pub fn name(&self) -> &'static str {
        match self {
            Measure::Money { .. } => "money",
            Measure::Quantity { .. } => "quantity",
            Measure::Change { .. } => "change",
            Measure::Tally { .. } | Measure::Unanimous | Measure::TallyFor { .. } => "tally",
            Measure::Record { .. } => "record",
            Measure::Duration { .. } => "duration",
            Measure::Age { .. } => "subgroup",
        }
    }
}

impl std::fmt::Display for Measure {
    /// How `explain` shows a measure: "temperature difference 1.58 °C", "tally 53-47".
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let span = |f: &mut std::fmt::Formatter<'_>, lo: f64, hi: f64, unit: &str| {
            if lo == hi {
                write!(f, "{lo}{unit}")
            } else {
                write!(f, "{lo}..{hi}{unit}")
            }
        };
        match *self {
            Measure::Money {
                lo,
                hi,
                currency,
                per,
            } => {
                write!(f, "money ")?;
                span(f, lo, hi, &format!(" {}", currency.code()))?;
                if let Some(p) = per.and_then(|p| Measures::get().per_words.get(usize::from(p))) {
                    write!(f, " per {p}")?;
                }
                Ok(())
            }
            Measure::Quantity {
                lo, hi, dimension, ..
            } => {
                write!(f, "{} ", dimension.name())?;
                span(f, lo, hi, &format!(" {}", dimension.canonical()))
            }
            Measure::Change {
                lo, hi, unit, base, ..
            } => {
                write!(f, "change ")?;
                let u = match unit {
                    ChangeUnit::Percent => "%".to_string(),
                    ChangeUnit::Points => " points".to_string(),
                    ChangeUnit::Quantity(d) => format!(" {}", d.canonical()),
                    ChangeUnit::Money(c) => format!(" {}", c.code()),
                    ChangeUnit::Years => " years".to_string(),
                };
                span(f, lo, hi, &u)?;
                match base {
                    Some(Base::Year) => write!(f, " on a year earlier"),
                    Some(Base::Month) => write!(f, " on a month earlier"),
                    Some(Base::Date(d)) => write!(f, " since {}..{}", d.lo, d.hi),
                    None => Ok(()),
                }
            }
            Measure::Tally { yes, no, percent } => {
                let p = if percent { "%" } else { "" };
                write!(f, "tally {yes}{p}-{no}{p}")
            }
            Measure::Unanimous => write!(f, "tally unanimous"),
            Measure::TallyFor { yes } => write!(f, "tally {yes} for"),
            Measure::Record { rank, since, span } => {
                write!(f, "record rank {rank}")?;
                if let Some(s) = since {
                    write!(f, " since {}", s.lo / 10_000)?;
                }
                if let Some(y) = span {
                    write!(f, " over {y} years")?;
                }
                Ok(())
            }
            Measure::Duration { lo, hi } => {
                write!(f, "duration ")?;
                span(f, lo, hi, " years")
            }
            Measure::Age { years } => write!(f, "subgroup {years} years"),
        }
    }
}

impl Figure {
    /// A measure stated by tokens `toks`.
    pub(super) fn measured(
        w: &Words,
        m: Measure,
        bound: Bound,
        toks: std::ops::Range<usize>,
    ) -> Figure {
        // Money keeps the kind the older stages know (a quantity that owns a period, never a
        // count), so adding its reading changes no period of another figure.
        // Likewise a change keeps the kind the older stages give changes.
        let kind = match m {
            Measure::Money { .. } => Kind::Money,
            Measure::Change { .. } => Kind::Change,
            _ => Kind::Measure,
        };
        Figure::build(w, kind, FigureValue::Measure(m), bound, toks)
    }

    /// A physical quantity's values as written ("900 metres": 900), for a database that
    /// counts its unit as a noun.
    pub fn written_quantity(&self) -> Option<(f64, f64)> {
        match self.value() {
            FigureValue::Measure(Measure::Quantity { written, .. }) => Some(written),
            _ => None,
        }
    }

    /// The measure a figure states, if it is one.
    pub fn measure(&self) -> Option<Measure> {
        match self.value() {
            FigureValue::Measure(m) => Some(m),
            _ => None,
        }
    }
}

/// How many tokens after a number the words of a measure may start ("306 electoral votes to
/// 232": "to" is the third).
const FOLLOWER_REACH: usize = 3;

/// A measure starting at token `i`, and the token after it.
pub(super) fn measure_at(text: &str, w: &Words, i: usize) -> Option<(Figure, usize)> {
    let tok = w.toks.get(i)?;
    if tok.kind == TokKind::Number {
        // Cheap tests first: every number of every candidate sentence comes here. A year, or
        // a number followed by nothing a measure needs, starts no measure.
        let m = Measures::get();
        let plain = digits_at(text, w, i);
        if plain.is_some_and(|n| n.year_like) {
            return None;
        }
        let next = plain.map_or(i + 1, |n| n.end);
        let glued = plain.is_none();
        let aged = i > 0 && (m.age_before.contains(w.word(i - 1)) || w.word(i - 1) == ",");
        let followed = (next..(next + FOLLOWER_REACH).min(w.toks.len()))
            .any(|k| w.is_joiner(k) || w.lex.follows_number(w.word(k)));
        if !(glued || aged || followed) {
            return None;
        }
        super::tally::tally_at(text, w, i)
            .or_else(|| super::tally::votes_for_at(text, w, i))
            .or_else(|| super::record::age_at(text, w, i))
            .or_else(|| super::change::change_after_number(text, w, i))
            .or_else(|| super::change::change_comparative(text, w, i))
            .or_else(|| super::money::money_at(text, w, i))
            .or_else(|| super::physical::quantity_at(text, w, i))
            .or_else(|| super::record::duration_at(text, w, i))
    } else {
        if !Measures::get().word_starts_measure(w.word(i)) {
            return None;
        }
        super::money::money_at(text, w, i)
            .or_else(|| super::change::change_at(text, w, i))
            .or_else(|| super::record::record_at(text, w, i))
            .or_else(|| super::tally::unanimous_at(w, i))
            .or_else(|| {
                // Numbers in words ("a quarter-point hike", "four decades") only: most words
                // start no number, and these readers are tried at every word.
                let numbers = &w.lex.numbers;
                let x = w.word(i);
                let numeral_word = numbers.small.get(x).is_some()
                    || numbers.tens.get(x).is_some()
                    || numbers.articles.contains(x)
                    || numbers.fractions.get(x).is_some();
                if !numeral_word {
                    return None;
                }
                super::change::change_after_number(text, w, i)
                    .or_else(|| super::record::duration_at(text, w, i))
            })
    }
}

/// A unit found after a number: its dimension, conversion and the token after it.
#[derive(Debug, Clone, Copy)]
pub(super) struct UnitHit {
    pub(super) dimension: Dimension,
    pub(super) factor: f64,
    pub(super) offset: f64,
    pub(super) end: usize,
}

impl UnitHit {
    /// `v` in the canonical unit of `dimension` (the offset of absolute temperatures does not
    /// apply to a difference).
    pub(super) fn canonical(&self, v: f64, dimension: Dimension) -> f64 {
        if dimension == Dimension::TemperatureDifference {
            v * self.factor
        } else {
            v * self.factor + self.offset
        }
    }
}

/// The physical unit spelled at token `k` (a table unit, or a mass unit of the English
/// lexicon).
pub(super) fn unit_at(w: &Words, k: usize) -> Option<UnitHit> {
    let m = Measures::get();
    let longest = m
        .units_starting(w.word(k))
        .chain(w.lex.subject_units_starting(w.word(k)))
        .filter_map(|u| {
            let end = w.is_phrase(k, &u.spelling)?;
            Some(UnitHit {
                dimension: u.dimension,
                factor: u.factor,
                offset: u.offset,
                end,
            })
        })
        .max_by_key(|u| u.end);
    if longest.is_some() {
        return longest;
    }
    let (kg, end) = super::unit::mass_unit_at(w, k)?;
    Some(UnitHit {
        dimension: Dimension::Mass,
        factor: kg,
        offset: 0.0,
        end,
    })
}

/// A number at token `i` with the unit written against its digits ("1.5C", "37.4Gt"): its
/// value, the token after it, and the unit.
pub(super) fn glued_at(text: &str, w: &Words, i: usize) -> Option<(f64, UnitHit)> {
    let t = w.toks.get(i)?;
    if t.kind != TokKind::Number {
        return None;
    }
    let raw = t.text(text);
    let split = raw.find(|c: char| c.is_alphabetic())?;
    let (num, letters) = raw.split_at(split);
    let letters = letters.to_lowercase();
    let m = Measures::get();
    let spelling = m
        .glued
        .iter()
        .find(|(l, _)| *l == letters)
        .map(|(_, u)| u)?;
    let u = m.unit(spelling)?;
    let clean: String = num.chars().filter(|c| *c != ',').collect();
    let v: f64 = clean.parse().ok().filter(|v: &f64| v.is_finite())?;
    Some((
        v,
        UnitHit {
            dimension: u.dimension,
            factor: u.factor,
            offset: u.offset,
            end: i + 1,
        },
    ))
}

/// A plain number (digits or words) at token `i` that can carry a unit: not a year, not an
/// ordinal.
pub(super) fn plain_number_at(text: &str, w: &Words, i: usize) -> Option<Numeral> {
    let n = numeral_at(text, w, i)?;
    if n.year_like || n.suffix != super::numeral::Suffix::None {
        return None;
    }
    Some(n)
}

/// Digits only (tallies are written in digits).
pub(super) fn digits_only_at(text: &str, w: &Words, i: usize) -> Option<Numeral> {
    let n = digits_at(text, w, i)?;
    if n.year_like || n.suffix != super::numeral::Suffix::None || n.fraction {
        return None;
    }
    Some(n)
}

/// Whether the phrase `phrase` ends exactly at token `end`.
pub(super) fn phrase_ends_at(w: &Words, phrase: &str, end: usize) -> bool {
    let len = phrase.split(' ').count();
    end >= len && w.is_phrase(end - len, phrase) == Some(end)
}
