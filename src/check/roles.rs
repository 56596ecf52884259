//! People in their roles: a person fact conflicts only when the sentence gives the claim's
//! role (testified, travelled, announced…) to someone else. A chair, a host met, a
//! companion ("with Secretary Blinken") or a speaker quoted about the event is not the actor.

use std::ops::Range;

use super::candidates::Sentence;
use super::judge::Outcome;
use super::why::Silence;
use crate::db::{Claim, Person};
use crate::people::{self, Mention};
use crate::terms::TermGroup;
use crate::text::{TokKind, Words};

pub(super) fn judge_person(
    claim: &Claim,
    people: &[Person],
    any_of: bool,
    roles: &TermGroup,
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
            .find(|m| m.titled && !named(&m.toks) && in_role(claim, roles, text, w, m))
        {
            return Outcome::Conflict(m.span.clone());
        }
    } else if first_named.is_none()
        && let Some(m) = mentions
            .iter()
            // A titled person doing what the fact's `roles` name ("Council Member X cast the
            // lone vote") acts as surely as one with a verb of saying.
            .find(|m| {
                (m.attributed || (m.titled && !roles.terms.is_empty()))
                    && !named(&m.toks)
                    && acts(roles, text, w, m)
            })
    {
        return Outcome::Conflict(m.span.clone());
    }
    match first_named {
        Some(span) => Outcome::Agree(span, false),
        None => Outcome::Silent(silence(w, &mentions)),
    }
}

/// Why nobody named is judged: the first person named speaks about it ("…, spokesman X
/// said"), is given another role, or nobody is named.
fn silence(w: &Words, mentions: &[Mention]) -> Silence {
    match mentions.first() {
        None => Silence::NoPerson,
        Some(m)
            if m.verbs
                .first()
                .is_some_and(|&v| w.lex.people.attribution_verbs.contains(&w.norm[v])) =>
        {
            Silence::Speaker { mention: 0 }
        }
        Some(_) => Silence::NoRole { mention: 0 },
    }
}

/// Whether a person of a list is given the role of the claim's participants: the verb of the
/// name (past the rest of a list of names, auxiliaries, adverbs and a time phrase) is one of
/// the claim's `about` terms ("testified", "traveled") or a verb of joining ("joined the
/// delegation"); a name after "with" or "met" is a companion or a host, never the actor.
fn in_role(claim: &Claim, roles: &TermGroup, text: &str, w: &Words, m: &Mention) -> bool {
    let cl = &w.lex.clauses;
    let k = before_title(text, w, m);
    // "with Justice X writing for the majority": the participle makes X its actor.
    if k > 0
        && cl.companion_words.contains(&w.norm[k - 1])
        && !people::is_participle(text, w, m.toks.end, false)
    {
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
    let verbs: Vec<usize> = people::verb_after(w, v)
        .into_iter()
        .chain(m.verbs.iter().copied())
        .collect();
    let about_at = |k: usize| {
        if roles.terms.is_empty() {
            claim
                .about
                .iter()
                .any(|g| g.find_all(text, w).iter().any(|&(a, _)| a == k))
        } else {
            roles.find_all(text, w).iter().any(|&(a, _)| a == k)
        }
    };
    verbs.iter().any(|&v| {
        cl.participation_verbs.contains(&w.norm[v])
            || about_at(v)
            || (cl.copulas.contains(&w.norm[v]) && about_at(v + 1))
    })
}

/// Whether an attributed person is the one who did what the fact's `roles` name: the verb of
/// the name is a role ("Kerry has announced"), or the name follows "by" after a role
/// ("announced on June 26 by Secretary …"). A speaker ("…, spokesperson Tammy Bruce said") is
/// not. Without roles, every attributed person acts.
fn acts(roles: &TermGroup, text: &str, w: &Words, m: &Mention) -> bool {
    if roles.terms.is_empty() {
        return true;
    }
    let starts: Vec<usize> = roles
        .find_all(text, w)
        .into_iter()
        .map(|(a, _)| a)
        .collect();
    if m.verbs.iter().any(|v| starts.contains(v)) {
        return true;
    }
    let k = before_title(text, w, m);
    k > 0 && w.is(k - 1, &w.lex.people.by) && starts.iter().any(|&a| a < k)
}

/// The token just before a mention's title ("with" in "with Secretary Blinken").
fn before_title(text: &str, w: &Words, m: &Mention) -> usize {
    let mut k = m.toks.start;
    // "Secretary of State": "of" between capitalized words is part of the title.
    while k > 0
        && (w.is(k - 1, ".")
            || capitalized(text, w, k - 1)
            || (k > 1 && w.is(k - 1, &w.lex.binding.of) && capitalized(text, w, k - 2)))
    {
        k -= 1;
    }
    k
}

fn capitalized(text: &str, w: &Words, k: usize) -> bool {
    w.toks[k].kind == TokKind::Word
        && w.toks[k]
            .text(text)
            .chars()
            .next()
            .is_some_and(char::is_uppercase)
}
