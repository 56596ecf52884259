//! What the checker sees in a text, for `explain --text`: its sentences and their figures,
//! computed by the same code `check` uses.

use std::ops::Range;

use super::Finding;
use super::candidates::Sentence;
use super::why::Trace;
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

/// A person the checker reads in a sentence (see [`crate::people`]), for `explain --text`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PersonRead {
    /// Byte span of the name.
    pub span: Range<usize>,
    /// Named after a title or in a titled list: surely a person.
    pub titled: bool,
    /// Said or did the thing ("by X", "X said").
    pub attributed: bool,
    /// Byte span of the verb the name is the subject of, if one: the role it is read in.
    pub verb: Option<Range<usize>>,
}

/// The people of a sentence, in the order the judge indexes them (`Silence::NoRole`).
pub fn sentence_people(db: &Database, text: &str, sentence: Range<usize>) -> Vec<PersonRead> {
    let s = Sentence::new(sentence, &db.lexicon);
    let w = s.words(text);
    crate::people::mentions(text, w)
        .into_iter()
        .map(|m| PersonRead {
            verb: m.verbs.first().map(|&k| w.toks[k].start..w.toks[k].end),
            span: m.span,
            titled: m.titled,
            attributed: m.attributed,
        })
        .collect()
}

/// Judges one sentence against claim `ci` as `check` does, with the judge's account of
/// each fact and of the claim (empty when the frame does not match). `prev`: the previous
/// sentence of the same paragraph.
pub fn judge_sentence(
    db: &Database,
    ci: usize,
    text: &str,
    sentence: Range<usize>,
    prev: Option<Range<usize>>,
) -> (Vec<Finding>, Trace) {
    let s = Sentence::new(sentence, &db.lexicon);
    let p = prev.map(|r| Sentence::new(r, &db.lexicon));
    let mut trace = Trace::default();
    let Some(claim) = db.claims.get(ci) else {
        return (Vec::new(), trace);
    };
    let found = super::judge::judge_traced(claim, ci, text, &s, p.as_ref(), &mut trace);
    (found, trace)
}
