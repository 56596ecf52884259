//! Tallies: "53-47", "a 6-3 ruling", "5–4", "by a vote of 53 to 47", "306 electoral votes to
//! Trump's 232", "17.4 million votes to 16.1 million", "51.9% to 48.1%", "unanimously". The
//! numbers of a tally are never counts or shares on their own.

use super::measure::{Measure, digits_only_at};
use super::unit::percent_after;
use super::{Bound, Figure, Kind};
use crate::lexicon::measures::Measures;
use crate::text::{TokKind, Words};

/// Most words between a tally's first number and "to" ("electoral votes").
const NOUN_REACH: usize = 2;
/// How far before the first number a word of voting makes "53 to 47" a tally.
const CONTEXT_REACH: usize = 4;
/// Tallies joined by a dash need no context when both sides are below this (votes of a
/// chamber or a court); larger dashed pairs are more often ranges or codes.
const DASHED_MAX: f64 = 1000.0;
/// Slack for percentages of a vote that are rounded ("51.9% to 48.1%" sums to 100).
const PERCENT_SUM_MAX: f64 = 100.5;

/// A tally starting at the number at token `i`.
pub(super) fn tally_at(text: &str, w: &Words, i: usize) -> Option<(Figure, usize)> {
    let m = Measures::get();
    // "rose from 3.5% to 3.7%", "fell from 40 million tonnes to 35 million": two levels.
    if super::from_to::after_change_from(w, i) {
        return None;
    }
    let a = digits_only_at(text, w, i)?;
    let mut k = a.end;
    let a_pct = percent_after(w, k);
    if let Some(e) = a_pct {
        k = e;
    }
    // "306 electoral votes to 232": a few words before "to".
    let mut skipped = 0;
    let skip_start = k;
    while skipped < NOUN_REACH
        && w.toks.get(k).is_some_and(|t| t.kind == TokKind::Word)
        && w.word(k) != "to"
    {
        k += 1;
        skipped += 1;
    }
    let dashed = k < w.toks.len() && w.is_joiner(k);
    if !(dashed || w.word(k) == "to") || (dashed && skipped > 0) {
        return None;
    }
    k += 1;
    // "to Trump's 232", "to Remain's 16,141,241": a possessive name before the second number.
    if let Some(t) = w.toks.get(k)
        && t.kind == TokKind::Word
    {
        let raw = t.text(text);
        if raw.ends_with("'s") || raw.ends_with("’s") {
            k += 1;
        }
    }
    let b = digits_only_at(text, w, k)?;
    let mut end = b.end;
    let b_pct = percent_after(w, end);
    if let Some(e) = b_pct {
        end = e;
    }
    let percent = a_pct.is_some();
    // "0 to 1" is a tally only smaller side first (after a word of voting, below).
    if percent != b_pct.is_some() || (percent && a.value <= 0.0) || a.value.max(b.value) <= 0.0 {
        return None;
    }
    // "5.25% to 5.5%": one range of percentages, never two shares.
    if percent && a.value < b.value {
        let f = Figure::quantity(w, Kind::Share, (a.value, b.value), Bound::Range, i..end);
        return Some((f, end));
    }
    // "voted 212 to 219", "by a vote of 4 to 5", "a 4-5 vote": either order is a tally right
    // by a word of voting (elsewhere "212 to 219" is a range).
    let (a, b) = if a.value < b.value {
        // "the vote of 18 to 29 year olds" is an age range.
        let unit = super::numeral::skip_joiners(w, end);
        // "a 4-5 vote": a noun phrase (not "ages 18 to 24 voted").
        let vote_after = i > 0
            && m.noun_phrase_openers.contains(w.word(i - 1))
            && m.tally_vote_words.contains(w.word(end));
        if !(vote_word_before(w, i) || vote_after)
            || m.duration_units.get(w.word(unit)).is_some()
            || m.age_after.iter().any(|p| w.is_phrase(end, p).is_some())
        {
            return None;
        }
        (b, a)
    } else {
        (a, b)
    };
    if percent && a.value + b.value > PERCENT_SUM_MAX {
        return None;
    }
    let whole = |v: f64| v.fract() == 0.0 || v >= 1e5;
    if !(percent || whole(a.value) && whole(b.value)) {
        return None;
    }
    let context = (i.saturating_sub(CONTEXT_REACH)..i)
        .chain(end..(end + 2).min(w.toks.len()))
        .any(|j| m.tally_context.contains(w.word(j)));
    let small = a.value < DASHED_MAX && b.value < DASHED_MAX;
    let tally = if dashed {
        (small || context) && !(end < w.toks.len() && w.is_joiner(end))
    } else {
        // "306 electoral votes to 232": the skipped words say it is a vote, not a unit.
        (skipped > 0
            && (skip_start..skip_start + skipped).any(|j| m.tally_context.contains(w.word(j))))
            || context
            || percent
    };
    if !tally {
        return None;
    }
    let t = Measure::Tally {
        yes: a.value,
        no: b.value,
        percent,
    };
    Some((Figure::measured(w, t, Bound::Exact, i..end), end))
}

/// "unanimous", "unanimously": a vote with no one against.
pub(super) fn unanimous_at(w: &Words, i: usize) -> Option<(Figure, usize)> {
    Measures::get()
        .tally_unanimous
        .contains(w.word(i))
        .then(|| {
            (
                Figure::measured(w, Measure::Unanimous, Bound::Exact, i..i + 1),
                i + 1,
            )
        })
}

/// Whether a word of voting stands right before the number at token `i` ("voted 212 to
/// 219"), or before its "of" ("a vote of 4 to 5").
fn vote_word_before(w: &Words, i: usize) -> bool {
    let votes = &Measures::get().tally_vote_words;
    match i {
        0 => false,
        1 => votes.contains(w.word(0)),
        _ => {
            votes.contains(w.word(i - 1))
                || (w.word(i - 1) == w.lex.binding.of && votes.contains(w.word(i - 2)))
        }
    }
}

/// One side of a vote: "63 votes in favour", "68 in favor", "passed with 68 votes". Votes of
/// a chamber or a court only (below [`DASHED_MAX`]): "won with 81 million votes" is a count
/// of voters, not a side of a tally.
pub(super) fn votes_for_at(text: &str, w: &Words, i: usize) -> Option<(Figure, usize)> {
    let m = Measures::get();
    let n = digits_only_at(text, w, i)?;
    if n.value <= 0.0 || n.value >= DASHED_MAX || n.value.fract() != 0.0 {
        return None;
    }
    let yes = Measure::TallyFor { yes: n.value };
    if let Some(end) = m.tally_for.iter().find_map(|p| w.is_phrase(n.end, p)) {
        return Some((Figure::measured(w, yes, Bound::Exact, i..end), end));
    }
    // "passed with 68 votes": "with" after a word of voting or passing.
    let with = i.checked_sub(1)?;
    if w.word(with) != m.tally_with || !m.tally_vote_words.contains(w.word(n.end)) {
        return None;
    }
    let context =
        (with.saturating_sub(CONTEXT_REACH)..with).any(|j| m.tally_context.contains(w.word(j)));
    context.then(|| {
        let end = n.end + 1;
        (Figure::measured(w, yes, Bound::Exact, with..end), end)
    })
}
