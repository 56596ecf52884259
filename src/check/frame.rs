//! The frame of a sentence for a claim: whether the sentence is about the claim at all
//! (every `about` group here or carried from the previous sentence, no `excludes` term, an
//! anaphor when the subject is carried).

use std::ops::Range;

use super::candidates::Sentence;
use super::clause;
use crate::db::{Claim, Database};
use crate::terms::{Term, TermGroup};

/// How one `about` group of a claim matched a sentence (see [`frame_report`]).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GroupMatch {
    /// The group's terms as written in the database.
    pub terms: Vec<String>,
    /// The first of the group's terms found: in the sentence, or (when `carried`) in the
    /// previous sentence of the paragraph. `None`: the group is missing.
    pub term: Option<String>,
    /// The group was found only in the previous sentence.
    pub carried: bool,
}

/// How a sentence's frame matches a claim: what decides whether the checker goes on to judge
/// the claim's facts on it. Only [`frame_report`] fills `groups`.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct FrameReport {
    /// Each `about` group, in database order.
    pub groups: Vec<GroupMatch>,
    /// Every `about` group was found, in the sentence or in the previous one.
    pub all_groups: bool,
    /// Some group was found only in the previous sentence.
    pub carried: bool,
    /// Some group was found in the sentence itself.
    pub here: bool,
    /// The anaphor found in the sentence (looked for only when a group is carried).
    pub anaphor: Option<String>,
    /// The `excludes` term that fired, and whether it was in the previous sentence.
    pub excluded_by: Option<(String, bool)>,
    /// The sentence is about the claim: its facts are judged.
    pub matched: bool,
    /// An excluded term stands outside a relative clause about the claim's subject ("Carfentanil
    /// is …, fentanyl, which is itself 50 times stronger"): only that clause's comparisons are
    /// judged (token range).
    pub only_clause: Option<Range<usize>>,
}

/// The first term of a group that occurs in a sentence.
fn first_term<'c>(g: &'c TermGroup, text: &str, s: &Sentence) -> Option<&'c Term> {
    g.terms.iter().find(|t| t.occurs(text, s.words(text)))
}

/// The first excluded term of a sentence that qualifies what it states: a term in a clause
/// of contrast that states no figure ("…, far more than illegal immigrants") names the other
/// side of a comparison, not the measure.
fn first_exclude<'c>(g: &'c TermGroup, text: &str, s: &Sentence) -> Option<(&'c Term, usize)> {
    let w = s.words(text);
    // Most terms do not occur at all: ask that first, without collecting matches.
    g.terms.iter().filter(|t| t.occurs(text, w)).find_map(|t| {
        t.find_all(text, w)
            .into_iter()
            .find(|&(a, _)| !clause::contrasted(w, a))
            .map(|(a, _)| (t, a))
    })
}

/// A relative clause about the claim's subject that holds no excluded term: "…, fentanyl,
/// which is itself 50 times stronger than heroin" after an excluded analogue.
fn subject_clause(claim: &Claim, text: &str, s: &Sentence) -> Option<Range<usize>> {
    let w = s.words(text);
    let excluded: Vec<usize> = claim
        .excludes
        .find_all(text, w)
        .into_iter()
        .map(|(a, _)| a)
        .collect();
    (1..w.toks.len()).find_map(|k| {
        if !w.lex.clauses.relative_pronouns.contains(&w.norm[k]) || !w.is(k - 1, ",") {
            return None;
        }
        let c = clause::clause_of(w, k);
        let antecedent = (k - 1).checked_sub(1)?;
        let about = claim.about.iter().any(|g| {
            g.find_all(text, w)
                .iter()
                .any(|&(a, b)| a <= antecedent && antecedent < b)
        });
        (about && !excluded.iter().any(|e| c.contains(e))).then_some(c)
    })
}

/// The frame of a sentence for a claim: every `about` group here, or in the previous sentence
/// of the paragraph; no `excludes` term; and, when the subject is carried, a term of the claim
/// or an anaphor here and no `excludes` term in the previous sentence. With `full`, every part
/// is worked out and described; without, the work stops as soon as the answer is known.
pub(super) fn frame(
    claim: &Claim,
    text: &str,
    s: &Sentence,
    prev: Option<&Sentence>,
    full: bool,
) -> FrameReport {
    let mut r = FrameReport {
        all_groups: true,
        ..FrameReport::default()
    };
    for g in &claim.about {
        let (term, carried) = match first_term(g, text, s) {
            Some(t) => {
                r.here = true;
                (Some(t), false)
            }
            None => match prev.and_then(|p| first_term(g, text, p)) {
                Some(t) => {
                    r.carried = true;
                    (Some(t), true)
                }
                None => (None, false),
            },
        };
        if term.is_none() {
            r.all_groups = false;
            if !full {
                return r;
            }
        }
        if full {
            r.groups.push(GroupMatch {
                terms: g.terms.iter().map(|t| t.source().to_string()).collect(),
                term: term.map(|t| t.source().to_string()),
                carried,
            });
        }
    }
    if let Some((t, _)) = first_exclude(&claim.excludes, text, s) {
        match subject_clause(claim, text, s) {
            Some(c) => r.only_clause = Some(c),
            None => {
                r.excluded_by = Some((t.source().to_string(), false));
                if !full {
                    return r;
                }
            }
        }
    }
    // A sentence that refers back takes its subject from the sentence before, and with it
    // that sentence's excluded terms ("Ohio tracks overdoses. It recorded 4,000 …").
    let refers = prev.is_some() && (r.carried || clause::pronoun_subject(s.words(text)));
    if refers {
        r.anaphor = first_term(&claim.anaphora, text, s)
            .map(|t| t.source().to_string())
            .or_else(|| referring_word(claim, text, s));
        if r.excluded_by.is_none()
            && let Some((t, _)) = prev.and_then(|p| first_exclude(&claim.excludes, text, p))
        {
            r.excluded_by = Some((t.source().to_string(), true));
        }
    }
    r.matched =
        r.all_groups && r.excluded_by.is_none() && (!r.carried || r.here || r.anaphor.is_some());
    r
}

/// A word by which the sentence refers back to the one before: a pronoun subject ("It
/// found"), or a definite noun phrase whose noun is one of the claim's `about` terms ("the
/// offenders").
fn referring_word(claim: &Claim, text: &str, s: &Sentence) -> Option<String> {
    let w = s.words(text);
    let starts: Vec<usize> = claim
        .about
        .iter()
        .flat_map(|g| g.find_all(text, w))
        .map(|(a, _)| a)
        .collect();
    clause::refers_back(w, |k| starts.contains(&k)).map(|k| w.toks[k].text(text).to_string())
}

/// How the checker reads a sentence's frame for one claim: which `about` groups matched (and
/// which were carried from `prev`, the previous sentence of the same paragraph), the anaphor,
/// and the `excludes` term that fired. Side-effect free; `check` decides with the same code.
pub fn frame_report(
    db: &Database,
    claim: &Claim,
    text: &str,
    sentence: Range<usize>,
    prev: Option<Range<usize>>,
) -> FrameReport {
    let s = Sentence::new(sentence, &db.lexicon);
    let p = prev.map(|r| Sentence::new(r, &db.lexicon));
    frame(claim, text, &s, p.as_ref(), true)
}
