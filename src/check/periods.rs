//! Periods: which of a sentence's dates each figure is stated for, and whether they allow
//! comparing it with a claim.

use crate::db::Claim;
use crate::extract::{Figure, Kind, When};
use crate::text::Words;

pub(super) fn is_quantity(k: Kind) -> bool {
    matches!(
        k,
        Kind::Count | Kind::Share | Kind::Mass | Kind::Multiplier | Kind::Money
    )
}

/// Gives each period to the nearest quantity (ties go to the quantity before it: "5,544 in
/// 2014"); a quantity that owns none is stated for every period of the sentence.
pub(super) fn assign_periods(figs: &[Figure]) -> Vec<Vec<When>> {
    let gap = |q: &Figure, f: &Figure| {
        if q.toks.end <= f.toks.start {
            (f.toks.start - q.toks.end, 0)
        } else if f.toks.end <= q.toks.start {
            (q.toks.start - f.toks.end, 1)
        } else {
            (0, 0)
        }
    };
    // Each period goes to its nearest quantity; a quantity keeps only its nearest periods
    // ("risen every year since 2018, reaching about 70,000 in 2021": 70,000 is for 2021).
    let mut own: Vec<Vec<(usize, When)>> = vec![Vec::new(); figs.len()];
    let all: Vec<When> = figs.iter().filter_map(|f| f.when()).collect();
    for f in figs {
        let Some(w) = f.when() else { continue };
        if let Some((qi, q)) = figs
            .iter()
            .enumerate()
            .filter(|(_, q)| is_quantity(q.kind()))
            .min_by_key(|(_, q)| gap(q, f))
        {
            own[qi].push((gap(q, f).0, w));
        }
    }
    figs.iter()
        .zip(own)
        .map(|(f, o)| {
            if !is_quantity(f.kind()) {
                Vec::new()
            } else if o.is_empty() {
                all.clone()
            } else {
                let nearest = o.iter().map(|(d, _)| *d).min().unwrap_or(0);
                o.into_iter()
                    .filter(|(d, _)| *d == nearest)
                    .map(|(_, w)| w)
                    .collect()
            }
        })
        .collect()
}

/// "Between 2014 and 2021, deaths rose from 5,544 to more than 70,000": the span's first year
/// belongs to the figure after "from", its last year to the figure after "to".
pub(super) fn pair_span_endpoints(w: &Words, figs: &[Figure], periods: &mut [Vec<When>]) {
    let Some(span) = figs
        .iter()
        .filter_map(Figure::when)
        .find(When::is_whole_years)
    else {
        return;
    };
    let quantities: Vec<usize> = (0..figs.len())
        .filter(|&i| is_quantity(figs[i].kind()))
        .collect();
    for pair in quantities.windows(2) {
        let (a, b) = (pair[0], pair[1]);
        let after =
            |i: usize, word: &str| figs[i].toks.start > 0 && w.is(figs[i].toks.start - 1, word);
        let only_span = |i: usize| periods[i].iter().all(|p| *p == span);
        let dates = &w.lex.dates;
        if figs[a].kind() == figs[b].kind()
            && after(a, &dates.change_from)
            && after(b, &dates.change_to)
            && only_span(a)
            && only_span(b)
        {
            let (first, last) = span.year_range();
            periods[a] = vec![When::year(first)];
            periods[b] = vec![When::year(last)];
        }
    }
}

/// "…, the agency said on July 13, 2022": a date in a clause of its own with a verb of
/// saying dates the statement, not the figures; it is no figure's period.
pub(super) fn drop_attribution_dates(w: &Words, figs: &[Figure], periods: &mut [Vec<When>]) {
    let said: Vec<When> = figs
        .iter()
        .filter_map(|f| {
            let when = f.when()?;
            let c = super::clause::clause_of(w, f.toks.start);
            let saying = c
                .clone()
                .any(|k| w.lex.people.attribution_verbs.contains(&w.norm[k]));
            let quantity = figs
                .iter()
                .any(|q| is_quantity(q.kind()) && c.contains(&q.toks.start));
            (saying && !quantity && c.start > 0).then_some(when)
        })
        .collect();
    if said.is_empty() {
        return;
    }
    for p in periods.iter_mut() {
        p.retain(|w| !said.contains(w));
    }
}

/// Whether a figure's periods allow comparing it with the claim.
pub(super) fn period_fits(claim: &Claim, periods: &[When]) -> bool {
    if claim.period.is_empty() {
        return true;
    }
    if periods.is_empty() {
        return !claim.period_required;
    }
    periods
        .iter()
        .any(|w| claim.period.iter().any(|p| p.same_period(w)))
}
