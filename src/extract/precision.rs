//! How precisely a figure is written: the step of its last significant digit ("95.1%": 0.1;
//! "47.4 million": 0.1 million; "5,500": 100). A hedge is read no wider than a few such steps
//! ("about 95.1%" is not 92%), and a value computed from written figures is known only to
//! half a step of each.

use super::{Bound, Figure};
use crate::text::{TokKind, Words};

/// The step of the last significant digit of the first number written in `f`, relative to
/// that number ("95.1%": 0.1 / 95.1). `None` for a number in words or zero.
pub fn relative_step(text: &str, w: &Words, f: &Figure) -> Option<f64> {
    let t = f
        .toks
        .clone()
        .find(|&t| w.toks.get(t).is_some_and(|t| t.kind == TokKind::Number))?;
    let raw = w.toks[t].text(text);
    let digits: String = raw
        .chars()
        .take_while(|c| c.is_ascii_digit() || *c == ',' || *c == '.')
        .filter(|c| *c != ',')
        .collect();
    let literal: f64 = digits
        .parse()
        .ok()
        .filter(|v: &f64| v.is_finite() && *v > 0.0)?;
    let step = match digits.split_once('.') {
        Some((_, decimals)) if !decimals.is_empty() => {
            10f64.powi(-i32::try_from(decimals.len()).ok()?)
        }
        _ => {
            // Trailing zeros of a whole number are rounding ("70,000"), not precision.
            let whole = digits.trim_end_matches('.');
            let zeros = whole.len() - whole.trim_end_matches('0').len();
            10f64.powi(i32::try_from(zeros.min(whole.len().saturating_sub(1))).ok()?)
        }
    };
    Some(step / literal)
}

/// An interval read under a hedge ("about", "nearly"), narrowed to at most `steps` steps of
/// the last written digit: "about 95.1%" is 94.1% to 96.1%, not 90.3% to 99.9%; "nearly
/// $437,000" is $427,000 to $437,000, not $393,300 to $437,000. Other bounds are returned as
/// they are.
pub fn hedged(text: &str, w: &Words, f: &Figure, (lo, hi): (f64, f64), steps: f64) -> (f64, f64) {
    if !matches!(f.bound, Bound::Approx | Bound::Below) {
        return (lo, hi);
    }
    let Some(rel) = relative_step(text, w, f) else {
        return (lo, hi);
    };
    if f.bound == Bound::Below {
        // "nearly" reaches down from the stated figure, its high end.
        let reach = (hi - lo).min(steps * rel * hi.abs());
        return (hi - reach, hi);
    }
    let centre = (lo + hi) / 2.0;
    let half = ((hi - lo) / 2.0).min(steps * rel * centre.abs());
    (centre - half, centre + half)
}
