//! The bands of a fact of the new kinds: its agreeing and near-miss intervals from its value,
//! `range`, `tolerance` and `margin`, and its look-alikes, in canonical units.

use std::ops::Range;

use super::super::error::Problems;
use super::super::measure_value::{RawValue, canonical, hint};
use super::super::model::{FactKind, Lookalike, LookalikeValue, Tolerance};
use super::super::schema::{RawFact, RawTolerance};
use super::{Partial, Written, bad};

/// The share of a short span its default tolerance may not exceed (a year on 49 years, about
/// half a year on 3.5).
const SHORT_SPAN_TOLERANCE: f64 = 0.15;

/// The default tolerance of a kind, in the fact's unit as written (relative when `true`).
fn default_tolerance(f: &RawFact, kind: FactKind) -> (f64, bool) {
    let unit = f.unit.as_deref().map(str::trim);
    match kind {
        // Percent and points: a tenth of a point; basis points: five; an absolute change
        // (tonnes, dollars) is rounded like its level.
        FactKind::Change => match unit {
            None | Some("%" | "percent" | "pp" | "points" | "percentage points") => (0.1, false),
            Some("bp" | "basis points") => (5.0, false),
            Some(_) => (0.03, true),
        },
        FactKind::Level => (0.1, false),
        FactKind::Duration => (1.0, false),
        FactKind::Quantity if f.difference => (0.02, false),
        _ => (0.02, true),
    }
}

/// The agreeing and near-miss bands and the look-alikes, in canonical units.
pub(super) fn bands(
    f: &RawFact,
    kind: FactKind,
    span: &Range<usize>,
    p: &mut Problems,
    fact: &mut Partial<'_>,
    written: &Written,
) {
    let (value, cv, conv) = (written.value, written.canonical, written.conv);
    let tol = match f.tolerance.as_ref().map(tolerance) {
        Some(Ok(t)) => t,
        Some(Err(e)) => {
            bad(p, span, "tolerance", e);
            (0.0, false)
        }
        // A span of a few years is written to the half year ("three and a half years"): a
        // year either way would take in a plainly other span.
        None if kind == FactKind::Duration => {
            let (t, rel) = default_tolerance(f, kind);
            (t.min(SHORT_SPAN_TOLERANCE * value.abs()), rel)
        }
        None => default_tolerance(f, kind),
    };
    let to_c = |x: f64| conv(x).unwrap_or(f64::NAN);
    let (lo, hi) = match f.range {
        // A money range written in currency units ([18.8e9, 19e9] beside "£18.9 billion")
        // rather than in the value's written ones ([18.8, 19.0]): read in the unit it is
        // nearer to.
        Some([a, b]) if a <= b && kind == FactKind::Money && value > 0.0 && cv > value => {
            let scale = cv / value;
            let mid = (a + b) / 2.0;
            if mid > 0.0 && (mid / cv).ln().abs() < (mid / value).ln().abs() {
                (a / scale, b / scale)
            } else {
                (a, b)
            }
        }
        Some([a, b]) if a <= b => (a, b),
        Some([a, b]) => {
            bad(
                p,
                span,
                "range",
                format!("`range` [{a}, {b}] must be [low, high]"),
            );
            (a, b)
        }
        None => widen(value, value, value, tol),
    };
    let margin = match f.margin.as_ref().map(tolerance) {
        Some(Ok(m)) => m,
        Some(Err(e)) => {
            bad(p, span, "margin", e);
            (0.0, false)
        }
        None if f.range.is_some() => ((hi - lo) / 20.0, false),
        None => tol,
    };
    let (nlo, nhi) = widen(lo, hi, value, margin);
    // Conversions are increasing (factor > 0), so the ends map to the ends.
    fact.value = Some(cv);
    fact.agree = (to_c(lo), to_c(hi));
    fact.near = (to_c(nlo), to_c(nhi));
    for l in &f.lookalikes {
        let note = l.note.clone().unwrap_or_default();
        let v = match (&l.value, l.range) {
            (_, Some([a, b])) if a <= b => Some((to_c(a), to_c(b))),
            (Some(RawValue::Number(n)), None) => {
                let t = l
                    .tolerance
                    .as_ref()
                    .and_then(|t| tolerance(t).ok())
                    .unwrap_or((0.0, false));
                let (a, b) = widen(*n, *n, *n, t);
                Some((to_c(a), to_c(b)))
            }
            (Some(RawValue::Text(t)), None) => {
                let c = canonical(fact.lex, kind, t, f.difference).map(|(v, _)| v);
                let tl = l
                    .tolerance
                    .as_ref()
                    .and_then(|t| tolerance(t).ok())
                    .unwrap_or((0.0, false));
                c.map(|c| {
                    let d = if tl.1 { c.abs() * tl.0 } else { tl.0 };
                    (c - d, c + d)
                })
            }
            _ => None,
        };
        match v {
            Some((lo, hi)) if lo.is_finite() && hi.is_finite() => fact.lookalikes.push(Lookalike {
                value: LookalikeValue::Values {
                    lo,
                    hi,
                    figure: (lo, hi),
                },
                note,
            }),
            _ => bad(
                p,
                span,
                "lookalikes",
                format!(
                    "a {} look-alike needs a `value` of the fact's kind (e.g. {})",
                    kind.name(),
                    hint(kind)
                ),
            ),
        }
    }
}

/// A tolerance as (amount, relative).
pub(super) fn tolerance(t: &RawTolerance) -> Result<(f64, bool), String> {
    super::super::compile_fact::parse_tolerance(t).map(|t| match t {
        Tolerance::Absolute(d) => (d, false),
        Tolerance::Relative(r) => (r, true),
    })
}

/// Widens `[lo, hi]` by a tolerance around `value`.
pub(super) fn widen(lo: f64, hi: f64, value: f64, tol: (f64, bool)) -> (f64, f64) {
    let t = if tol.1 {
        Tolerance::Relative(tol.0)
    } else {
        Tolerance::Absolute(tol.0)
    };
    t.widen(lo, hi, value)
}
