//! Figures: the numbers, shares, multipliers, masses, rates and dates a sentence states.
//!
//! Every figure is an interval of values (so "more than 70,000", "about half" and "30 to 50
//! times" compare the same way as "70,601"), with the byte span of its words in the text.
//! Stages, each in its own file: [`numeral`] (digits and number words) → [`bound`] (words
//! that bound a value) → [`unit`] (percent, times, mass, rates) → [`quantity`] (what a number
//! measures) and [`quantifier`] ("most", "the vast majority"); [`date`] reads dates and
//! periods into [`When`]. Every word they read comes from the [`crate::lexicon::Lexicon`].

mod bound;
mod change;
mod date;
mod from_to;
mod measure;
mod money;
mod numeral;
mod physical;
pub mod precision;
mod quantifier;
mod quantity;
mod record;
mod tally;
mod unit;
mod when;

use std::ops::Range;

use crate::text::{TokKind, Words};

pub use measure::{Base, ChangeUnit, Measure};
pub use unit::unit_to_kg;
pub use when::{OPEN_END, Precision, When};

/// What a figure measures.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// A plain number of things ("70,000 deaths"), possibly per time span (see `per`).
    Count,
    /// A percentage, a fraction or a quantifier ("86%", "one in 5,000", "most").
    Share,
    /// A mass, in kilograms.
    Mass,
    /// "N times", "N-fold".
    Multiplier,
    /// Money, in dollars (recognised so it is never taken for a count).
    Money,
    /// A date or period (see `when`).
    When,
    /// A change ("rose 50%", "an increase of 79%", "5,000 more"): never a level or a share.
    Change,
    /// Money, a physical quantity, a change with its unit, a tally, a record or a duration
    /// (see [`Measure`]).
    Measure,
}

/// The time span a rate is stated per.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Per {
    Day,
    Week,
    Month,
    Year,
    /// "per 100,000": a population rate, never a count.
    Capita,
}

impl Per {
    /// Parses the database spelling.
    pub fn parse(s: &str) -> Option<Per> {
        Some(match s {
            "day" => Per::Day,
            "week" => Per::Week,
            "month" => Per::Month,
            "year" => Per::Year,
            _ => return None,
        })
    }

    /// The spelling used in messages.
    pub fn name(self) -> &'static str {
        match self {
            Per::Day => "day",
            Per::Week => "week",
            Per::Month => "month",
            Per::Year => "year",
            Per::Capita => "100,000 people",
        }
    }
}

/// How the sentence bounds a figure.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Bound {
    Exact,
    /// "about", "roughly", "some".
    Approx,
    /// "nearly", "almost": a little below.
    Below,
    /// "more than", "over", "at least".
    AtLeast,
    /// "fewer than", "less than", "under", "up to".
    AtMost,
    /// "30 to 50", "between 60,000 and 80,000".
    Range,
    /// A quantifier: "most", "the vast majority", "few".
    Quantifier,
}

/// What a figure states: an interval of values, or a date.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum FigureValue {
    /// The stated values as an interval in the kind's unit (percent, kg, count, times).
    Quantity { lo: f64, hi: f64 },
    /// A date or period.
    Date(When),
    /// Written as a date but impossible ("2/30/2023"): no figure to compare.
    BadDate,
    /// A measure of issue 16's kinds (money, quantities, changes, tallies, records,
    /// durations).
    Measure(Measure),
}

/// One figure stated in a sentence.
#[derive(Debug, Clone, PartialEq)]
pub struct Figure {
    kind: Kind,
    value: FigureValue,
    pub bound: Bound,
    /// Byte span of the figure's words, bound words included ("more than 70,000").
    pub span: Range<usize>,
    /// Token index range of the figure's words.
    pub toks: Range<usize>,
    /// Token index just after the number and its unit (where "of …", a noun, "than …" follow).
    pub after: usize,
    /// For counts stated per time span or per population.
    pub per: Option<Per>,
}

impl Figure {
    /// A quantity of `kind` stated by tokens `toks` (at least one token, clamped to the
    /// sentence).
    fn quantity(
        w: &Words,
        kind: Kind,
        (lo, hi): (f64, f64),
        bound: Bound,
        toks: Range<usize>,
    ) -> Figure {
        debug_assert!(kind != Kind::When, "a date is built by Figure::date");
        Figure::build(w, kind, FigureValue::Quantity { lo, hi }, bound, toks)
    }

    /// A date or period (or, with `None`, an impossible one) stated by tokens `toks`.
    fn date(w: &Words, when: Option<When>, toks: Range<usize>) -> Figure {
        let value = when.map_or(FigureValue::BadDate, FigureValue::Date);
        Figure::build(w, Kind::When, value, Bound::Exact, toks)
    }

    fn build(
        w: &Words,
        kind: Kind,
        value: FigureValue,
        bound: Bound,
        toks: Range<usize>,
    ) -> Figure {
        let start = toks.start;
        let end = toks.end.max(start + 1).min(w.toks.len());
        Figure {
            kind,
            value,
            bound,
            span: w.toks[start].start..w.toks[end - 1].end,
            toks: start..end,
            after: end,
            per: None,
        }
    }

    /// What the figure measures.
    pub fn kind(&self) -> Kind {
        self.kind
    }

    /// What the figure states.
    pub fn value(&self) -> FigureValue {
        self.value
    }

    /// The low end of a quantity's interval (0 for a date).
    pub fn lo(&self) -> f64 {
        match self.value {
            FigureValue::Quantity { lo, .. } => lo,
            _ => 0.0,
        }
    }

    /// The high end of a quantity's interval (0 for a date).
    pub fn hi(&self) -> f64 {
        match self.value {
            FigureValue::Quantity { hi, .. } => hi,
            _ => 0.0,
        }
    }

    /// The date or period a date figure states.
    pub fn when(&self) -> Option<When> {
        match self.value {
            FigureValue::Date(w) => Some(w),
            _ => None,
        }
    }
}

/// Extracts every figure of a sentence, in order.
pub fn figures(text: &str, w: &Words) -> Vec<Figure> {
    let mut out = Vec::new();
    let n = w.toks.len();
    let mut i = 0;
    while i < n {
        // Measures first: they have their own cheap gate, and a currency sign ("$") is
        // punctuation that starts one.
        let measured = measure::measure_at(text, w, i);
        // Only numbers and the lexicon's figure words can start a figure.
        let starts = measured.is_some()
            || match w.toks[i].kind {
                TokKind::Number => true,
                TokKind::Word => w.lex.may_start_figure(&w.norm[i]),
                TokKind::Punct => false,
            };
        if !starts {
            i += 1;
            continue;
        }
        let found = measured
            .or_else(|| date::when_at(text, w, i))
            .or_else(|| quantifier::quantifier_at(w, i))
            .or_else(|| quantity::number_figure_at(text, w, i));
        match found {
            Some((f, next)) => {
                out.push(f);
                i = next.max(i + 1);
            }
            None => i += 1,
        }
    }
    from_to::add_from_to_changes(text, w, &mut out);
    out
}

#[cfg(test)]
mod tests;
