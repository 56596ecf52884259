//! People in their roles: a person fact conflicts only when the sentence gives the claim's
//! role (testified, travelled, announced…) to someone else. A chair, a host met, a
//! companion ("with Secretary Blinken") or a speaker quoted about the event is not the actor.

use std::ops::Range;

use super::candidates::Sentence;
use super::judge::Outcome;
use crate::db::{Claim, Person};
use crate::people::{self, Mention};
use crate::text::{TokKind, Words};

pub(super) fn judge_person(
    claim: &Claim,
    people: &[Person],
    any_of: bool,
    text: &str,
    s: &Sentence,
) -> Outcome {
    let w = s.words(text);
    let named = |range: &Range<usize>| {
        people.iter().any(|p| {
            p.names
                .find_all(text, w)
                .iter()
                .any(|&(a, b)| a >= range.start && b <= range.end)
        })
    };
    let first_named = people
        .iter()
        .flat_map(|p| p.names.find_all(text, w))
        .min()
        .map(|(a, b)| w.toks[a].start..w.toks[b - 1].end);
    let mentions = people::mentions(text, w);
    if any_of {
        if let Some(m) = mentions
            .iter()
            .find(|m| m.titled && !named(&m.toks) && in_role(claim, text, w, m))
        {
            return Outcome::Conflict(m.span.clone());
        }
    } else if first_named.is_none()
        && let Some(m) = mentions.iter().find(|m| m.attributed && !named(&m.toks))
    {
        return Outcome::Conflict(m.span.clone());
    }
    first_named.map_or(Outcome::Silent, |span| Outcome::Agree(span, false))
}

/// Whether a person of a list is given the role of the claim's participants: the verb of the
/// name (past the rest of a list of names, auxiliaries, adverbs and a time phrase) is one of
/// the claim's `about` terms ("testified", "traveled") or a verb of joining ("joined the
/// delegation"); a name after "with" or "met" is a companion or a host, never the actor.
fn in_role(claim: &Claim, text: &str, w: &Words, m: &Mention) -> bool {
    let cl = &w.lex.clauses;
    // Back over the title to the word before it.
    let mut k = m.toks.start;
    while k > 0 && (w.is(k - 1, ".") || capitalized(text, w, k - 1)) {
        k -= 1;
    }
    if k > 0 && cl.companion_words.contains(&w.norm[k - 1]) {
        return false;
    }
    // Forward past the rest of a list of names ("A, B and C testified").
    let mut v = m.toks.end;
    while v < w.toks.len()
        && (capitalized(text, w, v)
            || w.is(v, ",")
            || w.is(v, ".")
            || w.is(v, &w.lex.numbers.conjunction))
    {
        v += 1;
    }
    let Some(v) = people::verb_after(w, v) else {
        return false;
    };
    let about_at = |k: usize| {
        claim
            .about
            .iter()
            .any(|g| g.find_all(text, w).iter().any(|&(a, _)| a == k))
    };
    cl.participation_verbs.contains(&w.norm[v])
        || about_at(v)
        || (cl.copulas.contains(&w.norm[v]) && about_at(v + 1))
}

fn capitalized(text: &str, w: &Words, k: usize) -> bool {
    w.toks[k].kind == TokKind::Word
        && w.toks[k]
            .text(text)
            .chars()
            .next()
            .is_some_and(char::is_uppercase)
}
