//! The verdicts of the new kinds: a stated interval against a fact's bands, a tally against
//! a tally, one side of a vote, a record against a record.

use super::Skip;
use crate::db::{Band, MeasureSpec};
use crate::extract::When;

/// Intervals meet (with a little slack for unit conversions).
pub(super) fn meets(lo: f64, hi: f64, a: (f64, f64)) -> bool {
    let eps = 1e-9 * a.0.abs().max(a.1.abs()).max(1.0);
    lo <= a.1 + eps && a.0 <= hi + eps
}

/// A stated interval against the fact's bands: agree, near miss (None), conflict. A stated
/// range against a range fact agrees only when its ends match; one that only overlaps says
/// nothing.
pub(super) fn interval_verdict(band: &Band, lo: f64, hi: f64, ranged: bool) -> Result<bool, Skip> {
    let (alo, ahi) = band.agree;
    let (nlo, nhi) = band.near;
    if band.range.is_some() && ranged {
        let slack_lo = (alo - nlo).abs().max(1e-9);
        let slack_hi = (nhi - ahi).abs().max(1e-9);
        if (lo - alo).abs() <= slack_lo && (hi - ahi).abs() <= slack_hi {
            return Ok(true);
        }
        return if meets(lo, hi, (nlo, nhi)) {
            Err(Skip::OverlappingRange)
        } else {
            Ok(false)
        };
    }
    if meets(lo, hi, (alo, ahi)) {
        Ok(true)
    } else if meets(lo, hi, (nlo, nhi)) {
        Err(Skip::NearMiss)
    } else {
        Ok(false)
    }
}

/// Whether a stated vote count `a` is the sources' `b` within a tally's tolerance (an amount,
/// or a share of `b` when relative).
fn within(a: f64, b: f64, (amount, relative): (f64, bool)) -> bool {
    let d = if relative { b.abs() * amount } else { amount };
    (a - b).abs() <= d + 1e-9
}

pub(super) fn pair_verdict(spec: &MeasureSpec, yes: f64, no: f64) -> Result<bool, Skip> {
    let MeasureSpec::Tally {
        yes: fy,
        no: fn_,
        tolerance,
        lookalikes,
        ..
    } = spec
    else {
        return Err(Skip::OtherKind);
    };
    let close = |a: f64, b: f64| within(a, b, *tolerance);
    if close(yes, *fy) && close(no, *fn_) {
        return Ok(true);
    }
    if let Some(li) = lookalikes
        .iter()
        .position(|&(a, b)| close(yes, a) && close(no, b))
    {
        return Err(Skip::Lookalike(li));
    }
    Ok(false)
}

/// One side of a vote against a tally: the larger side (the votes for, of a vote that
/// passed) agrees; the smaller side says nothing (a motion may have failed); any other count
/// conflicts, unless it is a side of a look-alike vote.
pub(super) fn votes_for_verdict(spec: &MeasureSpec, yes: f64) -> Result<bool, Skip> {
    let MeasureSpec::Tally {
        yes: fy,
        no: fn_,
        tolerance,
        lookalikes,
        ..
    } = spec
    else {
        return Err(Skip::OtherKind);
    };
    let close = |a: f64, b: f64| within(a, b, *tolerance);
    if close(yes, fy.max(*fn_)) {
        return Ok(true);
    }
    if close(yes, fy.min(*fn_)) {
        return Err(Skip::OtherSide);
    }
    if let Some(li) = lookalikes
        .iter()
        .position(|&(a, b)| close(yes, a) || close(yes, b))
    {
        return Err(Skip::Lookalike(li));
    }
    Ok(false)
}

pub(super) fn record_verdict(
    spec: &MeasureSpec,
    rank: u32,
    since: Option<When>,
    span: Option<f64>,
) -> Result<bool, Skip> {
    let MeasureSpec::Record {
        rank: fr,
        since: fs,
        span: fsp,
    } = spec
    else {
        return Err(Skip::OtherKind);
    };
    if rank != *fr {
        return Ok(false);
    }
    if let (Some(a), Some(b)) = (since, fs)
        && !a.overlaps(b)
    {
        return Ok(false);
    }
    // Writers count spans differently ("a 40-year high"): within a year agrees.
    if let (Some(a), Some(b)) = (span, fsp)
        && (a - b).abs() > 1.0
    {
        return Ok(false);
    }
    Ok(true)
}
