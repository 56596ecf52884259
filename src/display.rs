//! How facts read in messages: numbers with separators, dates as people write them, and what
//! the sources say of a fact. Printers and `explain` share these; the engine never formats.

use crate::db::{Band, Fact, FactKind, FactSpec};
use crate::extract::{Per, Precision, When};

/// A number with thousands separators and at most three decimals ("70,601", "0.02").
pub fn format_number(v: f64) -> String {
    if !v.is_finite() {
        return "∞".into();
    }
    let neg = v < 0.0;
    let v = v.abs();
    // Thousandths counted in an integer below 10^15 (exact in u64); beyond, whole numbers
    // with every digit ("1e25 deaths" must not print u64's saturated maximum).
    let (digits, thousandths) = if v < 1e15 {
        let millis = (v * 1000.0).round() as u64;
        ((millis / 1000).to_string(), millis % 1000)
    } else {
        (format!("{:.0}", v.round()), 0)
    };
    let mut out = String::new();
    for (k, ch) in digits.chars().enumerate() {
        if k > 0 && (digits.len() - k).is_multiple_of(3) {
            out.push(',');
        }
        out.push(ch);
    }
    if thousandths > 0 {
        out.push('.');
        out.push_str(format!("{thousandths:03}").trim_end_matches('0'));
    }
    if neg && out != "0" {
        format!("-{out}")
    } else {
        out
    }
}

const MONTHS: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

/// A date or period as people write it: "March 13, 2023", "October 7–10, 2023", "FY2022".
pub fn format_when(w: &When) -> String {
    let (y, m, d) = (w.lo / 10000, (w.lo / 100 % 100) as usize, w.lo % 100);
    let month = |m: usize| MONTHS.get(m.wrapping_sub(1)).copied().unwrap_or("?");
    match w.precision {
        Precision::Day => format!("{} {d}, {y}", month(m)),
        Precision::Month => format!("{} {y}", month(m)),
        Precision::Year => format!("{y}"),
        Precision::Fiscal => format!("FY{}", w.hi / 10000),
        Precision::Since => format!("since {y}"),
        Precision::MonthOnly => month(m).to_string(),
        Precision::MonthDay => format!("{} {d}", month(m)),
        Precision::Relative => "a relative date".to_string(),
        Precision::Span => {
            let (y2, m2, d2) = (w.hi / 10000, (w.hi / 100 % 100) as usize, w.hi % 100);
            if m == 1 && d == 1 && m2 == 12 && d2 == 31 {
                format!("{y}–{y2}")
            } else if y == y2 && m == m2 {
                format!("{} {d}–{d2}, {y}", month(m))
            } else {
                format!("{} {d}, {y} – {} {d2}, {y2}", month(m), month(m2))
            }
        }
    }
}

impl Fact {
    /// What the sources say, for messages: "86.3% (±1 point)", "14,104 lb", "March 13, 2023".
    pub fn expected(&self) -> String {
        match &self.spec {
            FactSpec::Date { date, .. } => format_when(date),
            FactSpec::Person { people, any_of, .. } => {
                let names: Vec<&str> = people.iter().map(|p| p.name.as_str()).collect();
                if *any_of {
                    format!("one of {}", names.join(", "))
                } else {
                    names.join(" or ")
                }
            }
            FactSpec::Assertion { is, .. } => is
                .terms
                .first()
                .map_or_else(String::new, |t| t.source().to_string()),
            FactSpec::Measure { .. } => crate::db::measure_expected(self),
            _ => match self.band() {
                Some(band) => expected_band(self, band),
                None => String::new(),
            },
        }
    }

    /// The unit a numeric fact's values are written in, as messages show it: "%", " lb", "×",
    /// " a day", or nothing for a count.
    pub fn unit_label(&self) -> String {
        match &self.spec {
            FactSpec::Share { .. } => "%".to_string(),
            FactSpec::Mass { unit, .. } => format!(" {}", unit.name),
            FactSpec::Multiplier { .. } => "×".to_string(),
            FactSpec::Rate { per, .. } => format!(" a {}", per.name()),
            _ => String::new(),
        }
    }
}

/// A numeric fact's value, range and tolerance as written.
fn expected_band(fact: &Fact, band: &Band) -> String {
    let unit = fact.unit_label();
    let mut s = match band.value {
        Some(v) => format!("{}{unit}", format_number(v / fact.scale())),
        None => String::new(),
    };
    if let Some([a, b]) = band.range {
        let r = format!("{}–{}{unit}", format_number(a), format_number(b));
        s = if s.is_empty() {
            r
        } else {
            format!("{s} ({r} agree)")
        };
    } else if let Some(t) = &band.tolerance_text
        && t != "0"
        && t != "0%"
    {
        let t = if fact.kind() == FactKind::Share && !t.ends_with('%') {
            let unit = if t == "1" { "point" } else { "points" };
            format!("{t} {unit}")
        } else {
            t.clone()
        };
        s = format!("{s} (±{t})");
    }
    s
}

/// The spelling of a rate's span in messages (see [`Per::name`]).
pub fn per_name(per: Per) -> &'static str {
    per.name()
}
