//! What the checker sees in a text, for `explain --text`: its sentences and their figures,
//! computed by the same code `check` uses.

use std::ops::Range;

use super::candidates::Sentence;
use crate::db::Database;
use crate::extract::{Figure, When};

/// The figures the checker extracts from a sentence, each with the periods it is taken to be
/// stated for (its own or the sentence's).
pub fn sentence_figures(
    db: &Database,
    text: &str,
    sentence: Range<usize>,
) -> Vec<(Figure, Vec<When>)> {
    let s = Sentence::new(sentence, &db.lexicon);
    let an = s.analysis(text);
    an.figures
        .iter()
        .cloned()
        .zip(an.periods.iter().cloned())
        .collect()
}

/// Every sentence of a text as the checker splits it, with its paragraph's index (see
/// [`crate::text::sentences`]).
pub fn sentences(db: &Database, text: &str) -> Vec<(usize, Range<usize>)> {
    crate::text::sentences(text, &db.lexicon)
}
