//! The frame of a sentence for a claim: whether the sentence is about the claim at all
//! (every `about` group here or carried from the previous sentence, no `excludes` term, an
//! anaphor when the subject is carried).

use std::ops::Range;

use super::candidates::Sentence;
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
}

/// The first term of a group that occurs in a sentence.
fn first_term<'c>(g: &'c TermGroup, text: &str, s: &Sentence) -> Option<&'c Term> {
    g.terms.iter().find(|t| t.occurs(text, s.words(text)))
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
    if let Some(t) = first_term(&claim.excludes, text, s) {
        r.excluded_by = Some((t.source().to_string(), false));
        if !full {
            return r;
        }
    }
    if r.carried {
        r.anaphor = first_term(&claim.anaphora, text, s).map(|t| t.source().to_string());
        if r.excluded_by.is_none()
            && let Some(t) = prev.and_then(|p| first_term(&claim.excludes, text, p))
        {
            r.excluded_by = Some((t.source().to_string(), true));
        }
    }
    r.matched =
        r.all_groups && r.excluded_by.is_none() && (!r.carried || r.here || r.anaphor.is_some());
    r
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
