//! Compiling the fact kinds of issue 16: money, change, level, tally, record, duration and
//! quantity. A value may be a number with `unit`/`currency`, or a string written as a source
//! writes it ("$115.9 billion", "1.48 °C", "53-47", "49 years"), read by the same extractor
//! that reads prose: a value the extractor cannot read is a load error, so a curator cannot
//! write a figure the checker would never recognise.

use std::ops::Range;

use super::compile::compile_group;
use super::compile_fact::tolerance_text;
use super::error::{DbErrorCode, Problems};
use super::measure_value::{
    RawValue, canonical, change_unit, hint, known_currency, number_in, parse_base, parse_tally,
    sign_of, with_number,
};
use super::model::{Band, Fact, FactKind, FactSpec, Lookalike};
use super::schema::RawFact;
use crate::extract::{Base, ChangeUnit, Measure, When};
mod bands;

use crate::lexicon::Lexicon;
use crate::lexicon::measures::{Currency, Dimension};
use crate::terms::TermGroup;
use bands::{bands, tolerance};

/// What a fact of the new kinds compares, beyond its value and bands.
#[derive(Debug, Clone, PartialEq)]
pub enum MeasureSpec {
    /// Money in `currency`, optionally per a unit (index of the `per` word); `written` is the
    /// value as the database writes it, for messages.
    Money {
        currency: Currency,
        per: Option<u16>,
        written: String,
    },
    /// A physical quantity of `dimension` (values in its canonical unit); `written` as above.
    Quantity {
        dimension: Dimension,
        written: String,
    },
    /// A change in `unit` (signed values), against `base` when given.
    Change {
        unit: ChangeUnit,
        base: Option<Base>,
        base_required: bool,
    },
    /// A level in percent (a rate, turnout, an approval rating).
    Level,
    /// A vote: the larger and smaller side, as counts or percentages; look-alike tallies.
    Tally {
        yes: f64,
        no: f64,
        percent: bool,
        /// Relative (`true`) or absolute slack on each side.
        tolerance: (f64, bool),
        lookalikes: Vec<(f64, f64)>,
    },
    /// A record: its rank, the date it counts since, its span in years.
    Record {
        rank: u32,
        since: Option<When>,
        span: Option<f64>,
    },
    /// A span of time in years.
    Duration,
}

impl FactKind {
    /// Whether the kind is one of issue 16's, compiled here.
    pub(super) fn is_measure(self) -> bool {
        matches!(
            self,
            FactKind::Money
                | FactKind::Change
                | FactKind::Level
                | FactKind::Tally
                | FactKind::Record
                | FactKind::Duration
                | FactKind::Quantity
        )
    }
}

/// Compiles a fact of one of the new kinds.
pub(super) fn compile(
    f: &RawFact,
    kind: FactKind,
    span: &Range<usize>,
    p: &mut Problems,
    conflict_requires: Vec<TermGroup>,
    lex: &Lexicon,
) -> Option<Fact> {
    let before = p.count;
    let k = kind.name();
    let misplaced: [(&str, bool); 7] = [
        ("of", !f.of.is_empty()),
        ("is", !f.is.is_empty() || !f.is_not.is_empty()),
        ("than", !f.than.is_empty()),
        ("date", f.date.is_some()),
        ("people", !f.people.is_empty()),
        ("any-of", f.any_of),
        ("difference", f.difference && kind != FactKind::Quantity),
    ];
    for (key, present) in misplaced {
        if present {
            bad(
                p,
                span,
                key,
                format!("`{key}` does not apply to a {k} fact"),
            );
        }
    }
    let tally_keys = f.yes.is_some() || f.no.is_some() || f.unanimous;
    if tally_keys && kind != FactKind::Tally {
        bad(
            p,
            span,
            "yes",
            format!("`yes`, `no` and `unanimous` do not apply to a {k} fact"),
        );
    }
    let record_keys = f.rank.is_some() || f.since.is_some() || f.span.is_some();
    if record_keys && kind != FactKind::Record {
        bad(
            p,
            span,
            "rank",
            format!("`rank`, `since` and `span` do not apply to a {k} fact"),
        );
    }
    if (f.base.is_some() || f.base_required) && kind != FactKind::Change {
        bad(
            p,
            span,
            "base",
            format!("`base` does not apply to a {k} fact"),
        );
    }
    if f.currency.is_some() && kind != FactKind::Money {
        bad(
            p,
            span,
            "currency",
            format!("`currency` does not apply to a {k} fact"),
        );
    }
    if let Some(c) = f.currency.as_deref()
        && known_currency(c).is_none()
    {
        bad(
            p,
            span,
            c,
            format!("unknown currency \"{c}\"; use an ISO 4217 code such as USD, EUR or GBP"),
        );
    }
    let nouns = compile_group(&f.nouns, span, "`nouns`", p);
    let mut fact = Partial {
        lex,
        value: None,
        agree: (f64::NAN, f64::NAN),
        near: (f64::NAN, f64::NAN),
        lookalikes: Vec::new(),
    };
    let measure = match kind {
        FactKind::Tally => compile_tally(f, span, p),
        FactKind::Record => compile_record(f, span, p),
        _ => compile_numeric(f, kind, span, p, &mut fact),
    };
    if p.count > before {
        return None;
    }
    let band = Band {
        value: fact.value,
        agree: fact.agree,
        near: fact.near,
        tolerance_text: f.tolerance.as_ref().map(tolerance_text),
        range: f.range,
    };
    Some(Fact {
        label: f.label.clone(),
        spec: FactSpec::Measure {
            kind,
            band,
            nouns,
            measure: measure?,
        },
        lookalikes: fact.lookalikes,
        conflict_requires,
    })
}

fn compile_tally(f: &RawFact, span: &Range<usize>, p: &mut Problems) -> Option<MeasureSpec> {
    let (yes, no, percent) = match (&f.value, f.yes, f.no) {
        (Some(v), None, None) => match parse_tally(&v.text()) {
            Some(t) => t,
            None => {
                bad(
                    p,
                    span,
                    "value",
                    format!(
                        "tally \"{}\" is not understood; write \"53-47\" (or `yes` and `no`)",
                        v.text()
                    ),
                );
                return None;
            }
        },
        (None, Some(y), Some(n)) => (y.max(n), y.min(n), false),
        (None, None, None) if f.unanimous => (0.0, 0.0, false),
        _ => {
            bad(
                p,
                span,
                "kind",
                "a tally fact needs `value = \"53-47\"`, or `yes` and `no`, or `unanimous = true`",
            );
            return None;
        }
    };
    let tolerance = match f.tolerance.as_ref().map(tolerance) {
        Some(Ok(t)) => t,
        Some(Err(e)) => {
            bad(p, span, "tolerance", e);
            (0.0, false)
        }
        None => (0.0, false),
    };
    let mut lookalikes = Vec::new();
    for l in &f.lookalikes {
        match l.value.as_ref().and_then(|v| parse_tally(&v.text())) {
            Some((a, b, _)) => lookalikes.push((a, b)),
            None => bad(
                p,
                span,
                "lookalikes",
                "a tally look-alike needs `value = \"51-48\"`",
            ),
        }
    }
    Some(MeasureSpec::Tally {
        yes,
        no,
        percent,
        tolerance,
        lookalikes,
    })
}

fn compile_record(f: &RawFact, span: &Range<usize>, p: &mut Problems) -> Option<MeasureSpec> {
    if f.value.is_some() {
        bad(
            p,
            span,
            "value",
            "a record fact has no `value`: use `rank`, `since` and `span`",
        );
    }
    let since = match f.since.as_deref() {
        Some(s) => match When::parse(s) {
            Some(w) => Some(w),
            None => {
                bad(
                    p,
                    span,
                    s,
                    format!("`since` \"{s}\" is not a date like \"1850\" or \"1981-11\""),
                );
                None
            }
        },
        None => None,
    };
    let rank = f.rank.unwrap_or(1);
    if rank == 0 {
        bad(
            p,
            span,
            "rank",
            "`rank` counts from 1 (1 is the record itself)",
        );
    }
    Some(MeasureSpec::Record {
        rank,
        since,
        span: f.span,
    })
}

/// Money, quantity, change, level and duration: a value, bands and look-alikes.
fn compile_numeric(
    f: &RawFact,
    kind: FactKind,
    span: &Range<usize>,
    p: &mut Problems,
    fact: &mut Partial<'_>,
) -> Option<MeasureSpec> {
    let k = kind.name();
    let Some(raw) = f.value.as_ref() else {
        if f.range.is_none() {
            bad(
                p,
                span,
                "kind",
                format!("a {k} fact needs `value` (or `range`)"),
            );
            return None;
        }
        return numeric_from_range(f, kind, span, p, fact);
    };
    // The text a value is read from, and how a number in the fact's unit converts.
    let template = match (raw, kind) {
        (RawValue::Number(n), FactKind::Money) => {
            format!("{} {n}", f.currency.as_deref().unwrap_or("USD"))
        }
        (RawValue::Number(n), FactKind::Level) => format!("{n}%"),
        (RawValue::Number(n), FactKind::Duration) => {
            format!("{n} {}", f.unit.as_deref().unwrap_or("years"))
        }
        (RawValue::Number(n), FactKind::Quantity) => match &f.unit {
            Some(u) => format!("{n} {u}"),
            None => {
                bad(
                    p,
                    span,
                    "kind",
                    "a quantity fact needs a unit: `value = \"510 GW\"`, or `unit`",
                );
                return None;
            }
        },
        (RawValue::Number(n), _) => format!("{n}"),
        (RawValue::Text(t), _) => t.clone(),
    };
    let (spec, conv): (MeasureSpec, Box<dyn Fn(f64) -> Option<f64>>) = match kind {
        FactKind::Change => {
            let Some((unit, factor)) = change_unit(fact.lex, f.unit.as_deref()) else {
                bad(
                    p,
                    span,
                    "unit",
                    "unknown unit of a change: use \"%\", \"pp\", \"bp\", a currency code or a physical unit",
                );
                return None;
            };
            let base = match f.base.as_deref() {
                Some(s) => match parse_base(s) {
                    Some(b) => Some(b),
                    None => {
                        bad(
                            p,
                            span,
                            s,
                            format!(
                                "`base` \"{s}\" is not understood; use \"year\", \"month\" or a date like \"2016\""
                            ),
                        );
                        None
                    }
                },
                None => None,
            };
            let spec = MeasureSpec::Change {
                unit,
                base,
                base_required: f.base_required,
            };
            (spec, Box::new(move |x| Some(x * factor)))
        }
        _ => {
            let Some((_, m)) = canonical(fact.lex, kind, &template, f.difference) else {
                bad(
                    p,
                    span,
                    "value",
                    format!(
                        "value \"{template}\" does not read as a {k}; {}",
                        hint(kind)
                    ),
                );
                return None;
            };
            let spec = match m {
                Measure::Money { currency, per, .. } => {
                    let per = match (&f.per, per) {
                        (Some(w), _) => {
                            let word = w.trim().to_lowercase();
                            let one_word = crate::text::tokenize(&word, 0..word.len()).len() == 1
                                && crate::text::normalize(&word) == word;
                            if !one_word {
                                bad(
                                    p,
                                    span,
                                    "per",
                                    format!(
                                        "`per = \"{w}\"` must be one word, as prose writes it after \"a\" or \"per\" (\"gallon\", \"dose\")"
                                    ),
                                );
                                return None;
                            }
                            fact.lex.per_index(&word)
                        }
                        (None, p) => p,
                    };
                    let currency = f
                        .currency
                        .as_deref()
                        .and_then(known_currency)
                        .unwrap_or(currency);
                    // Messages say what the amount is per: "$35 per month".
                    let written = match f.per.as_deref().map(str::trim) {
                        Some(word) if !template.to_lowercase().contains(&word.to_lowercase()) => {
                            format!("{template} per {word}")
                        }
                        _ => template.clone(),
                    };
                    MeasureSpec::Money {
                        currency,
                        per,
                        written,
                    }
                }
                Measure::Quantity { dimension, .. } if kind == FactKind::Quantity => {
                    MeasureSpec::Quantity {
                        dimension,
                        written: template.clone(),
                    }
                }
                Measure::Quantity { .. } if kind == FactKind::Level => MeasureSpec::Level,
                _ => MeasureSpec::Duration,
            };
            let template = template.clone();
            let difference = f.difference;
            let lex = fact.lex;
            (
                spec,
                Box::new(move |x| {
                    canonical(lex, kind, &with_number(&template, x), difference).map(|(v, _)| v)
                }),
            )
        }
    };
    let value = match raw {
        RawValue::Number(n) => *n,
        RawValue::Text(t) => number_in(t).unwrap_or(0.0) * sign_of(t),
    };
    let Some(cv) = conv(value) else {
        bad(
            p,
            span,
            "value",
            format!("value \"{template}\" is not understood"),
        );
        return None;
    };
    let value = Written {
        value,
        canonical: cv,
        conv: &*conv,
    };
    bands(f, kind, span, p, fact, &value);
    Some(spec)
}

/// A range-only fact: the range's middle is its value.
fn numeric_from_range(
    f: &RawFact,
    kind: FactKind,
    span: &Range<usize>,
    p: &mut Problems,
    fact: &mut Partial<'_>,
) -> Option<MeasureSpec> {
    if kind != FactKind::Level && kind != FactKind::Change {
        bad(
            p,
            span,
            "kind",
            format!(
                "a {} fact with only `range` needs `value` for its unit",
                kind.name()
            ),
        );
        return None;
    }
    let [a, b] = f.range?;
    let mid = (a + b) / 2.0;
    let value = Written {
        value: mid,
        canonical: mid,
        conv: &|x| Some(x),
    };
    bands(f, kind, span, p, fact, &value);
    if kind == FactKind::Level {
        return Some(MeasureSpec::Level);
    }
    let (unit, _) = change_unit(fact.lex, f.unit.as_deref())?;
    Some(MeasureSpec::Change {
        unit,
        base: f.base.as_deref().and_then(parse_base),
        base_required: f.base_required,
    })
}

/// A fact's value as written, in the canonical unit, and how any number written in the
/// fact's unit (a range end, a tolerance) converts.
struct Written<'a> {
    value: f64,
    canonical: f64,
    conv: &'a dyn Fn(f64) -> Option<f64>,
}

/// A fact's bands and look-alikes while it is compiled.
struct Partial<'a> {
    /// The lexicon values are read with: English and the databases' `[lexicon]` words.
    lex: &'a Lexicon,
    value: Option<f64>,
    agree: (f64, f64),
    near: (f64, f64),
    lookalikes: Vec<Lookalike>,
}

/// A problem of the value or keys of a fact (error code `invalid`).
fn bad(p: &mut Problems, span: &Range<usize>, needle: &str, message: impl Into<String>) {
    p.within(span, needle, DbErrorCode::Invalid, message);
}
