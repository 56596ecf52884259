//! Binding: how a figure relates to the words a fact expects around it (a count's noun, a
//! share's "of …", a multiplier's comparator), and a share's polarity (its predicate, its
//! opposite, or a negation).

use crate::extract::{Bound, Figure, Kind};
use crate::policy::Policy;
use crate::terms::TermGroup;
use crate::text::{TokKind, Words};

/// How a figure relates to the words a fact expects around it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Binding {
    /// The expected noun, substance or comparator is stated with the figure.
    Matches,
    /// Something else is: "12 executives" for a count of companies.
    Other,
    /// Nothing is said right at the figure ("5,544 in 2014").
    Unbound,
}

/// Where the first word after a figure leaves it: `Unbound` for punctuation, function words and
/// verbs; `Other` for anything else (a noun we do not expect).
fn first_word_binding(w: &Words, at: usize) -> Binding {
    match w.toks.get(at) {
        None => Binding::Unbound,
        Some(t) if t.kind != TokKind::Word => Binding::Unbound,
        Some(_) => {
            let x = &w.norm[at];
            let binding = &w.lex.binding;
            let verb_like = x.len() >= Policy::DEFAULT.verb_min_len
                && x.ends_with(binding.verb_suffix.as_str());
            // "19 percent said …": a verb of saying names no noun.
            let saying = w.lex.people.attribution_verbs.contains(x);
            if binding.function_words.contains(x) || verb_like || saying {
                Binding::Unbound
            } else {
                Binding::Other
            }
        }
    }
}

/// Whether a term of `group` starts at a token in `from..to`, without crossing punctuation or
/// another number.
fn group_in_window(text: &str, w: &Words, group: &TermGroup, from: usize, to: usize) -> bool {
    let to = to.min(w.toks.len());
    let mut stop = to;
    for k in from..to {
        let t = w.toks[k];
        if (t.kind == TokKind::Punct && !w.is_joiner(k)) || (t.kind == TokKind::Number && k > from)
        {
            stop = k;
            break;
        }
    }
    group
        .find_all(text, w)
        .iter()
        .any(|&(a, _)| a >= from && a < stop)
}

/// A count's noun: "70,000 overdose deaths", "eight Chinese companies".
pub(super) fn noun_binding(text: &str, w: &Words, f: &Figure, nouns: &TermGroup) -> Binding {
    if nouns.terms.is_empty() {
        return Binding::Unbound;
    }
    if group_in_window(
        text,
        w,
        nouns,
        f.after,
        f.after + Policy::DEFAULT.noun_window,
    ) {
        return Binding::Matches;
    }
    // "200 a day": look past the rate words.
    first_word_binding(w, f.after)
}

/// A share's or mass's "of …": "86% of fentanyl trafficking offenders", "900 pounds of
/// fentanyl", "most drugs".
pub(super) fn of_binding(text: &str, w: &Words, f: &Figure, of: &TermGroup) -> Binding {
    // "mostly", "predominantly": adverbs; what follows is a verb, not what they are a share of.
    if of.terms.is_empty() || (f.bound == Bound::Quantifier && w.norm[f.toks.start].ends_with("ly"))
    {
        return Binding::Unbound;
    }
    let mut k = f.after;
    let had_of = w.is(k, &w.lex.binding.of);
    if had_of {
        k += 1;
    }
    if group_in_window(text, w, of, k, k + Policy::DEFAULT.of_window) {
        return Binding::Matches;
    }
    if had_of {
        return Binding::Other;
    }
    first_word_binding(w, k)
}

/// A multiplier's comparator: "50 times more powerful than heroin", "as potent as heroin".
pub(super) fn than_binding(text: &str, w: &Words, f: &Figure, than: &TermGroup) -> Binding {
    let policy = Policy::DEFAULT;
    let binding = &w.lex.binding;
    let end = (f.after + policy.than_window).min(w.toks.len());
    for k in f.after..end {
        if w.is(k, &binding.than) || (w.is(k, &binding.as_) && k > f.after) || w.is(k, &binding.of)
        {
            return if group_in_window(text, w, than, k + 1, k + 1 + policy.comparator_window) {
                Binding::Matches
            } else {
                Binding::Other
            };
        }
        if w.toks[k].kind == TokKind::Punct && !w.is_joiner(k) {
            break;
        }
    }
    Binding::Unbound
}

/// Negation just before token `at`: "not", "n't", "never", "rather than", "instead of".
pub(super) fn negated_before(w: &Words, at: usize) -> bool {
    let binding = &w.lex.binding;
    let from = at.saturating_sub(Policy::DEFAULT.negation_lookback);
    (from..at).any(|k| {
        let x = w.norm[k].as_str();
        binding.negators.contains(x) || x.ends_with(binding.negator_suffix.as_str())
    })
}

/// Whether a share is stated of the claim's predicate (`Some(false)`), of its opposite or
/// negated (`Some(true)`: the complement), or of neither (`None`).
pub(super) fn share_polarity(
    text: &str,
    w: &Words,
    figs: &[Figure],
    fi: usize,
    is: &TermGroup,
    is_not: &TermGroup,
) -> Option<bool> {
    let f = &figs[fi];
    let next_share = figs[fi + 1..]
        .iter()
        .find(|g| g.kind() == Kind::Share)
        .map_or(w.toks.len(), |g| g.toks.start);
    let prev_share = figs[..fi]
        .iter()
        .rev()
        .find(|g| g.kind() == Kind::Share)
        .map_or(0, |g| g.toks.end);
    let mut marks: Vec<(usize, bool)> = is
        .find_all(text, w)
        .into_iter()
        .map(|(a, _)| (a, false))
        .chain(is_not.find_all(text, w).into_iter().map(|(a, _)| (a, true)))
        .collect();
    marks.sort();
    let pick = marks
        .iter()
        .find(|(a, _)| *a >= f.after && *a < next_share)
        .or_else(|| {
            marks
                .iter()
                .rev()
                .find(|(a, _)| *a < f.toks.start && *a >= prev_share)
        });
    pick.map(|&(a, opposite)| opposite != negated_before(w, a))
}
