//! Reading the values of issue 16's fact kinds: a number, or a figure as a source writes it
//! ("$115.9 billion", "1.48 °C", "53-47"), read by the same extractor that reads prose; and
//! how those facts read in messages.

use serde::Deserialize;

use super::measure::MeasureSpec;
use super::model::{Fact, FactKind};
use crate::extract::{self, Base, ChangeUnit, Kind, Measure, When};
use crate::lexicon::Lexicon;
use crate::lexicon::measures::{Currency, Dimension};

/// A value as the database writes it: a number, or a figure as a source writes it.
#[derive(Debug, Clone, Deserialize, schemars::JsonSchema)]
#[serde(untagged)]
pub(super) enum RawValue {
    Number(f64),
    Text(String),
}

impl RawValue {
    /// The number, if the value is one.
    pub(super) fn number(&self) -> Option<f64> {
        match self {
            RawValue::Number(n) => Some(*n),
            RawValue::Text(_) => None,
        }
    }

    pub(super) fn text(&self) -> String {
        match self {
            RawValue::Number(n) => format!("{n}"),
            RawValue::Text(s) => s.clone(),
        }
    }
}

/// A figure read from a value string: the measure (or a mass, a share) it states.
pub(super) fn read(lex: &Lexicon, text: &str) -> Option<extract::Figure> {
    let toks = crate::text::tokenize(text, 0..text.len());
    let w = crate::text::Words::new(text, toks, lex);
    extract::figures(text, &w)
        .into_iter()
        .find(|f| f.kind() != Kind::When)
}

/// The canonical value a value string states for a fact of `kind`, and the measure.
pub(super) fn canonical(
    lex: &Lexicon,
    kind: FactKind,
    text: &str,
    difference: bool,
) -> Option<(f64, Measure)> {
    // A temperature difference is read as one: "2.12 °F" above something.
    let cued = if difference {
        format!("{text} above")
    } else {
        text.to_string()
    };
    let f = read(lex, &cued)?;
    if kind == FactKind::Quantity && f.kind() == Kind::Mass {
        let m = Measure::Quantity {
            lo: f.lo(),
            hi: f.hi(),
            dimension: Dimension::Mass,
            written: (f.lo(), f.hi()),
        };
        return Some((f.lo(), m));
    }
    if kind == FactKind::Level && f.kind() == Kind::Share {
        let m = Measure::Quantity {
            lo: f.lo(),
            hi: f.hi(),
            dimension: Dimension::Concentration,
            written: (f.lo(), f.hi()),
        };
        return Some((f.lo(), m));
    }
    let m = f.measure()?;
    let v = match (kind, m) {
        (FactKind::Money, Measure::Money { lo, .. }) => lo,
        (FactKind::Quantity, Measure::Quantity { lo, .. }) => lo,
        (FactKind::Duration, Measure::Duration { lo, .. }) => lo,
        _ => return None,
    };
    Some((v, m))
}

/// The value string with its number replaced by `x` (the number is the first run of digits).
pub(super) fn with_number(template: &str, x: f64) -> String {
    let start = template.find(|c: char| c.is_ascii_digit()).unwrap_or(0);
    let len = template[start..]
        .find(|c: char| !(c.is_ascii_digit() || c == '.' || c == ','))
        .unwrap_or(template.len() - start);
    format!("{}{}{}", &template[..start], x, &template[start + len..])
}

/// Parses a tally written "53-47", "51.9%-48.1%" or "17,410,742-16,141,241".
pub(super) fn parse_tally(s: &str) -> Option<(f64, f64, bool)> {
    let s: String = s
        .chars()
        .filter(|c| !c.is_whitespace() && *c != ',')
        .collect();
    let (a, b) = s.split_once(['-', '–', '—'])?;
    let percent = a.ends_with('%');
    if percent != b.ends_with('%') {
        return None;
    }
    let a: f64 = a.trim_end_matches('%').parse().ok()?;
    let b: f64 = b.trim_end_matches('%').parse().ok()?;
    (a.is_finite() && b.is_finite() && a >= 0.0 && b >= 0.0).then(|| (a.max(b), a.min(b), percent))
}

/// The unit of a change fact: "%", "pp" (or "points"), "bp", a currency code, or a physical
/// unit; with the factor that brings its values to the canonical unit.
pub(super) fn change_unit(lex: &Lexicon, unit: Option<&str>) -> Option<(ChangeUnit, f64)> {
    let u = unit.unwrap_or("%").trim();
    match u {
        "%" | "percent" => return Some((ChangeUnit::Percent, 1.0)),
        "pp" | "points" | "percentage points" => return Some((ChangeUnit::Points, 1.0)),
        "bp" | "basis points" => return Some((ChangeUnit::Points, 0.01)),
        _ => {}
    }
    if let Some(c) = known_currency(u) {
        return Some((ChangeUnit::Money(c), 1.0));
    }
    if let Some(found) = years_change_unit(u) {
        return Some(found);
    }
    let (_, m) = canonical(lex, FactKind::Quantity, &format!("1 {u}"), true)?;
    match m {
        Measure::Quantity { lo, dimension, .. } => Some((ChangeUnit::Quantity(dimension), lo)),
        _ => None,
    }
}

/// A currency code the measures lexicon knows ("USD", "eur"): three letters alone could be
/// a unit ("ppm").
pub(super) fn known_currency(code: &str) -> Option<Currency> {
    crate::lexicon::measures::Measures::get()
        .currency_codes
        .get(&code.trim().to_lowercase())
}

pub(super) fn parse_base(s: &str) -> Option<Base> {
    match s.trim() {
        "year" => Some(Base::Year),
        "month" => Some(Base::Month),
        other => When::parse(other).map(Base::Date),
    }
}

/// The first number written in a value string ("$115.9 billion" → 115.9).
pub(super) fn number_in(t: &str) -> Option<f64> {
    let start = t.find(|c: char| c.is_ascii_digit())?;
    let len = t[start..]
        .find(|c: char| !(c.is_ascii_digit() || c == '.' || c == ','))
        .unwrap_or(t.len() - start);
    t[start..start + len].replace(',', "").parse().ok()
}

pub(super) fn sign_of(t: &str) -> f64 {
    if t.trim_start().starts_with(['-', '−']) {
        -1.0
    } else {
        1.0
    }
}

/// How to write a value of `kind`.
pub(super) fn hint(kind: FactKind) -> &'static str {
    match kind {
        FactKind::Money => "write \"$115.9 billion\", \"€40 million\" or a number with `currency`",
        FactKind::Quantity => "write \"1.48 °C\", \"510 GW\", \"424 ppm\" or a number with `unit`",
        FactKind::Level => "write a percentage: 66.8 or \"66.8%\"",
        FactKind::Duration => "write \"49 years\" or a number with `unit`",
        FactKind::Change => {
            "write a signed number with `unit` (\"%\", \"pp\", \"bp\", \"years\" or a unit)"
        }
        FactKind::Tally => "write \"53-47\"",
        _ => "see README, \"Claims for your own subject\"",
    }
}

/// How a fact of the new kinds reads in messages.
pub fn expected(fact: &Fact) -> String {
    let num = crate::display::format_number;
    let (range, value) = fact.band().map_or((None, None), |b| (b.range, b.value));
    let band = |unit: &str| match (range, value) {
        (Some([a, b]), _) => format!("{}–{}{unit}", num(a), num(b)),
        (None, Some(v)) => format!("{}{unit}", num(v)),
        _ => String::new(),
    };
    match fact.measure() {
        // As the database writes it ("510 GW", "$115.9 billion"), with the agreeing range.
        Some(MeasureSpec::Money { written, .. } | MeasureSpec::Quantity { written, .. }) => {
            match range {
                Some([a, b]) => format!("{written} ({}–{} agree)", num(a), num(b)),
                None => written.clone(),
            }
        }
        Some(MeasureSpec::Level) => band("%"),
        Some(MeasureSpec::Duration) => band(" years"),
        Some(MeasureSpec::Change { unit, .. }) => {
            let u = match unit {
                ChangeUnit::Percent => "%".to_string(),
                ChangeUnit::Points => " points".to_string(),
                ChangeUnit::Quantity(d) => format!(" {}", d.canonical()),
                ChangeUnit::Money(c) => format!(" {}", c.code()),
                ChangeUnit::Years => " years".to_string(),
            };
            let s = band(&u);
            if value.is_some_and(|v| v > 0.0) {
                format!("+{s}")
            } else {
                s
            }
        }
        Some(MeasureSpec::Tally {
            yes, no, percent, ..
        }) => {
            if *yes == 0.0 && *no == 0.0 {
                "unanimous".into()
            } else if *percent {
                format!("{}%–{}%", num(*yes), num(*no))
            } else {
                format!("{}–{}", num(*yes), num(*no))
            }
        }
        Some(MeasureSpec::Record { rank, since, span }) => {
            let mut s = if *rank == 1 {
                "a record".to_string()
            } else {
                format!("rank {rank}")
            };
            if let Some(w) = since {
                s.push_str(&format!(" since {}", crate::display::format_when(w)));
            }
            if let Some(y) = span {
                s.push_str(&format!(" in {} years", num(*y)));
            }
            s
        }
        None => String::new(),
    }
}

/// A change of a span of time: "years", "year", "yr", "months", "decades" (any duration unit
/// of the measures lexicon), measured in years.
fn years_change_unit(unit: &str) -> Option<(ChangeUnit, f64)> {
    let u = crate::text::normalize(unit);
    crate::lexicon::measures::Measures::get()
        .duration_units
        .get(&u)
        .map(|factor| (ChangeUnit::Years, factor))
}
