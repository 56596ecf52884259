//! Clauses: which part of a sentence a figure or a term belongs to. Commas, semicolons,
//! dashes and parentheses cut a sentence into clauses; a clause opened by a relative pronoun
//! ("…, which is twice as strong") is about the word before its comma; a clause opened by a
//! contrast ("…, far more than illegal immigrants") is the other side of a comparison; a
//! figure after "enough to" or "could" is hypothetical. Every word comes from the lexicon's
//! `[clauses]` table.

use std::ops::Range;

use crate::policy::Policy;
use crate::text::{TokKind, Words};

/// Whether token `k` ends a clause: punctuation that is not a joiner inside a phrase
/// ("U.S.-Mexico").
fn is_break(w: &Words, k: usize) -> bool {
    w.toks[k].kind == TokKind::Punct && !w.is_joiner(k) && !w.is(k, ".") && !w.is(k, "'")
}

/// The token range of the clause holding token `at`.
pub(super) fn clause_of(w: &Words, at: usize) -> Range<usize> {
    let n = w.toks.len();
    let at = at.min(n.saturating_sub(1));
    let mut start = at;
    while start > 0 && !is_break(w, start - 1) {
        start -= 1;
    }
    let mut end = at;
    while end < n && !is_break(w, end) {
        end += 1;
    }
    start..end
}

/// A figure inside a relative clause ("…, which is itself 50 times stronger"): the token
/// of the antecedent before the comma, or `None` when the clause has a pronoun subject of its
/// own before the figure ("…, which makes it 5,000 times stronger": "it" is not the
/// antecedent).
pub(super) enum RelativeOwner {
    /// The figure is not in a relative clause.
    Main,
    /// The word before the clause's comma.
    Antecedent(usize),
    /// A pronoun inside the clause stands between the relative pronoun and the figure.
    Pronoun,
}

pub(super) fn relative_owner(w: &Words, at: usize) -> RelativeOwner {
    let c = clause_of(w, at);
    let cl = &w.lex.clauses;
    // The relative pronoun opens the clause ("which"), perhaps after "and".
    let Some(rel) =
        (c.start..at.min(c.start + 2)).find(|&k| cl.relative_pronouns.contains(&w.norm[k]))
    else {
        return RelativeOwner::Main;
    };
    if c.start == 0 {
        return RelativeOwner::Main;
    }
    if (rel + 1..at).any(|k| cl.pronouns.contains(&w.norm[k]) && w.norm[k] != "that") {
        return RelativeOwner::Pronoun;
    }
    // The comma is at c.start - 1; the antecedent is the word before it.
    match (c.start - 1).checked_sub(1) {
        Some(k) if w.toks[k].kind == TokKind::Word => RelativeOwner::Antecedent(k),
        _ => RelativeOwner::Main,
    }
}

/// Whether a figure starting at token `at` is hypothetical: "enough to kill 1.1 billion",
/// "could kill 150,000", "potentially lethal doses".
pub(super) fn hypothetical(w: &Words, at: usize) -> bool {
    let c = clause_of(w, at);
    let from = at
        .saturating_sub(Policy::DEFAULT.hypothetical_lookback)
        .max(c.start);
    (from..at).any(|k| w.lex.clauses.hypothetical.contains(&w.norm[k]))
}

/// Whether a figure starting at token `at` is a forecast: a word of expecting, projecting or
/// planning stands earlier in its clause ("Economists expect the rate to climb to 6.5%").
pub(super) fn forecast(w: &Words, at: usize) -> bool {
    let c = clause_of(w, at);
    (c.start..at).any(|k| w.lex.clauses.forecast.contains(&w.norm[k]))
}

/// Whether the term at token `at` stands in a clause that contrasts it with something else
/// and states no figure: "…, far more than illegal immigrants", "…, not migrants".
pub(super) fn contrasted(w: &Words, at: usize) -> bool {
    let c = clause_of(w, at);
    let contrast = (c.start..at).any(|k| w.lex.clauses.contrast.contains(&w.norm[k]));
    let figure = c.clone().any(|k| w.toks[k].kind == TokKind::Number);
    contrast && !figure && c.start > 0
}

/// Whether token `at` stands after "than" in its clause: the other side of a comparison
/// ("more … than any operation since 2019").
pub(super) fn compared(w: &Words, at: usize) -> bool {
    let c = clause_of(w, at);
    // "more than 4,000": a bound before a number, not a comparison.
    let bound = |k: usize| {
        k + 1 < w.toks.len()
            && (w.toks[k + 1].kind == TokKind::Number
                || w.lex.numbers.small.get(&w.norm[k + 1]).is_some()
                || w.lex.numbers.tens.get(&w.norm[k + 1]).is_some())
    };
    (c.start..at).any(|k| w.is(k, &w.lex.binding.than) && !bound(k))
}

/// The predicate of a share stated at tokens before `after`: the first copula after it in
/// its clause ("… WERE U.S. citizens"), up to the clause's end.
pub(super) fn predicate(w: &Words, after: usize) -> Option<Range<usize>> {
    if after >= w.toks.len() {
        return None;
    }
    let c = clause_of(w, after);
    (after..c.end)
        .find(|&k| w.lex.clauses.copulas.contains(&w.norm[k]))
        .map(|k| k..c.end)
}

/// Whether the sentence refers back to the one before: a pronoun as its first word or set
/// off by commas ("It found", "…, it found, …"), or a definite noun phrase whose noun is
/// `is_term` ("the offenders").
pub(super) fn refers_back(w: &Words, is_term: impl Fn(usize) -> bool) -> Option<usize> {
    let cl = &w.lex.clauses;
    let n = w.toks.len();
    (0..n).find(|&k| {
        let definite = cl.definite_determiners.contains(&w.norm[k]) && k + 1 < n && is_term(k + 1);
        pronoun_subject_at(w, k) || definite
    })
}

/// Whether the sentence's subject is a pronoun: its first word, or one set off by commas
/// ("Fewer than half, it found, were …").
pub(super) fn pronoun_subject(w: &Words) -> bool {
    (0..w.toks.len()).any(|k| pronoun_subject_at(w, k))
}

fn pronoun_subject_at(w: &Words, k: usize) -> bool {
    let n = w.toks.len();
    w.lex.clauses.pronouns.contains(&w.norm[k])
        && (k == 0 || (is_break(w, k - 1) && k + 1 < n && w.toks[k + 1].kind == TokKind::Word))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lexicon::Lexicon;
    use crate::text::tokenize;

    fn with<T>(s: &str, f: impl FnOnce(&Words) -> T) -> T {
        let lex = Lexicon::english();
        let w = Words::new(s, tokenize(s, 0..s.len()), lex);
        f(&w)
    }

    fn tok(w: &Words, word: &str) -> usize {
        (0..w.toks.len())
            .find(|&k| w.norm[k] == word)
            .expect("word in sentence")
    }

    #[test]
    fn relative_clause_owner_is_the_word_before_the_comma() {
        with(
            "The river is 50 times longer than the creek, which is twice as long as the brook.",
            |w| {
                let at = tok(w, "twice");
                match relative_owner(w, at) {
                    RelativeOwner::Antecedent(k) => assert_eq!(w.norm[k], "creek"),
                    _ => panic!("an antecedent"),
                }
                assert!(matches!(
                    relative_owner(w, tok(w, "50")),
                    RelativeOwner::Main
                ));
            },
        );
        with(
            "It is 100 times as long as the creek, which makes it 5,000 times longer than the brook.",
            |w| {
                assert!(matches!(
                    relative_owner(w, tok(w, "5,000")),
                    RelativeOwner::Pronoun
                ));
            },
        );
    }

    #[test]
    fn hypothetical_figures() {
        with(
            "The dam holds 4,800 tons of water, enough to flood 1,000 homes.",
            |w| {
                assert!(hypothetical(w, tok(w, "1,000")));
                assert!(!hypothetical(w, tok(w, "4,800")));
            },
        );
        with("The storm could destroy 200 homes.", |w| {
            assert!(hypothetical(w, tok(w, "200")))
        });
    }

    #[test]
    fn contrast_clauses() {
        with(
            "In 2021, 61 percent of the members were women, far more than retirees.",
            |w| {
                assert!(contrasted(w, tok(w, "retirees")));
            },
        );
        with("Fewer than 8 percent of the members were retirees.", |w| {
            assert!(!contrasted(w, tok(w, "retirees")));
        });
    }

    #[test]
    fn predicates_start_at_a_copula() {
        with(
            "Roughly 93% of the town's arrests have been of visitors, not residents.",
            |w| {
                let p = predicate(w, tok(w, "of")).expect("a predicate");
                assert_eq!(w.norm[p.start], "been");
                assert!(!p.contains(&tok(w, "residents")));
            },
        );
    }

    #[test]
    fn references_back() {
        with("It found that 40% of the members were women.", |w| {
            assert!(refers_back(w, |_| false).is_some())
        });
        with(
            "Fewer than half of the members, it found, were women.",
            |w| assert!(refers_back(w, |_| false).is_some()),
        );
        with("Only 40% of members were women.", |w| {
            assert!(refers_back(w, |_| false).is_none())
        });
        with("Only 40% of the members were women.", |w| {
            let m = tok(w, "members");
            assert!(refers_back(w, |k| k == m).is_some())
        });
    }
}
