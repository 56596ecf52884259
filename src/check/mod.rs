//! The engine: finds the sentences that are about a claim and judges what they state.
//!
//! One prefilter pass over the text finds paragraphs that mention any claim's terms; only
//! those are split into sentences ([`candidates`]), and only sentences whose frame matches a
//! claim ([`frame`]) have their figures extracted, given their periods ([`periods`]), bound
//! to the words around them ([`bind`]) and judged ([`judge`]). The engine returns findings
//! with byte spans and never formats text. Thresholds live in [`crate::policy`].

mod bind;
mod candidates;
mod clause;
mod examples;
mod explain;
mod frame;
mod judge;
mod judge_measure;
mod judge_quantity;
mod periods;
mod roles;
mod why;

use std::ops::Range;

use crate::db::Database;

pub use crate::text::MAX_SENTENCE_BYTES;
pub use examples::{ExampleFailure, run_examples};
pub use explain::{
    PersonRead, figures_read_with, judge_sentence, sentence_figures, sentence_people, sentences,
};
pub use frame::{FrameReport, GroupMatch, frame_report};
pub use why::{ClaimNote, FactOutcome, Silence, Trace};

/// The checker's judgement of a sentence against a claim.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Verdict {
    /// What the sentence states is consistent with the sources.
    Agrees,
    /// The sentence states something else for the same measure.
    Conflicts,
}

impl Verdict {
    /// The wire spelling: `agrees` or `conflicts`.
    pub fn as_str(self) -> &'static str {
        match self {
            Verdict::Agrees => "agrees",
            Verdict::Conflicts => "conflicts",
        }
    }
}

/// One sentence judged against one claim.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Finding {
    /// Index of the claim in `Database::claims`.
    pub claim: usize,
    /// Index of the deciding fact in the claim's facts.
    pub fact: usize,
    pub verdict: Verdict,
    /// Byte span of the sentence.
    pub sentence: Range<usize>,
    /// Byte span of what the sentence states (the figure, date or name), or of the sentence.
    pub span: Range<usize>,
    /// The words at `span`: what the text states.
    pub stated: String,
    /// The claim was recognised with help from the previous sentence.
    pub with_previous: bool,
}

/// Checks a whole text against the database. Draft claims (`draft = true`) say nothing: their
/// figure has not been checked against the source yet.
pub fn check(db: &Database, text: &str) -> Vec<Finding> {
    let mut findings = candidates::check(db, text);
    findings.retain(|f| !db.claims[f.claim].draft);
    findings
}

/// [`check`] with draft claims judged too: how `db test` and `db lint` run examples, so a
/// scaffold's examples are tested before a curator confirms it.
pub fn check_with_drafts(db: &Database, text: &str) -> Vec<Finding> {
    candidates::check(db, text)
}

#[cfg(test)]
mod tests;
