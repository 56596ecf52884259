//! What the checker sees in a text, for `explain --text`: its sentences and their figures,
//! computed by the same code `check` uses.

use std::ops::Range;

use super::candidates::Sentence;
use crate::db::Database;
use crate::extract::{Figure, When};
use crate::lexicon::Lexicon;

/// The figures the checker extracts from a sentence, each with the periods it is taken to be
/// stated for (its own or the sentence's).
pub fn sentence_figures(
    db: &Database,
    text: &str,
    sentence: Range<usize>,
) -> Vec<(Figure, Vec<When>)> {
    figures_read_with(&db.lexicon, text, sentence)
}

/// [`sentence_figures`] with a lexicon instead of a database's.
pub fn figures_read_with(
    lex: &Lexicon,
    text: &str,
    sentence: Range<usize>,
) -> Vec<(Figure, Vec<When>)> {
    let s = Sentence::new(sentence, lex);
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
