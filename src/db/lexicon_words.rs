//! The words a database adds to the lexicon: each `[lexicon]` entry must be written as the
//! engine compares it, and a money fact's denominator is a word of its database.

use super::error::DbErrorCode;
use super::error::Problems;
use super::{measure_value, schema};
use crate::lexicon::LexiconExtension;

/// The denominator a money fact names: its `per`, or the word after "per" (or "a") that ends
/// its value ("$110 per seat").
pub(super) fn fact_per_word(f: &schema::RawFact) -> Option<&str> {
    if let Some(per) = f.per.as_deref() {
        return Some(per);
    }
    let measure_value::RawValue::Text(t) = f.value.as_ref()? else {
        return None;
    };
    let mut words = t.split_whitespace().rev();
    let last = words.next()?;
    let before = words.next()?;
    let introducers = &crate::lexicon::measures::Measures::get().per_introducers;
    (introducers.contains(&before.to_lowercase()) && last.chars().all(char::is_alphabetic))
        .then_some(last)
}

/// Every word of a `[lexicon]` table must be written as the engine compares it: one token
/// (titles: tokens separated by spaces), lowercase and normalised (openers: as written, one
/// token). A word written otherwise would silently never match.
pub(super) fn check_lexicon(ext: &LexiconExtension, src: &str, p: &mut Problems) {
    use crate::text::{normalize, tokenize};
    for (list, word) in ext.entries() {
        let toks = tokenize(word, 0..word.len());
        let texts: Vec<&str> = toks.iter().map(|t| t.text(word)).collect();
        let ok = match list {
            "openers" => texts == [word],
            "titles" => {
                !texts.is_empty()
                    && texts.iter().all(|t| normalize(t) == *t)
                    && texts.join(" ") == word
            }
            _ => texts.len() == 1 && normalize(word) == word,
        };
        if !ok {
            let how = match list {
                "openers" => "one word, capitalized as it starts a sentence",
                "titles" => "lowercase words separated by single spaces",
                _ => "one lowercase word",
            };
            let suggestion: Vec<String> = texts.iter().map(|t| normalize(t)).collect();
            let message = format!(
                "`{list}`: \"{word}\" can never match: write it as {how} (e.g. \"{}\")",
                suggestion.join(" ")
            );
            p.within(&(0..src.len()), word, DbErrorCode::Invalid, message);
        }
    }
    for u in &ext.units {
        let toks = tokenize(&u.spelling, 0..u.spelling.len());
        let words: Vec<String> = toks
            .iter()
            .map(|t| normalize(t.text(&u.spelling)))
            .collect();
        if words.is_empty() || words.join(" ") != u.spelling {
            let message = format!(
                "`units`: spelling \"{}\" can never match: write it as lowercase words separated by single spaces (e.g. \"{}\")",
                u.spelling,
                words.join(" ")
            );
            p.within(&(0..src.len()), &u.spelling, DbErrorCode::Invalid, message);
        }
        if !(u.factor.is_finite() && u.factor > 0.0 && u.offset.is_finite()) {
            let message = format!(
                "`units`: \"{}\" needs a positive, finite `factor` (its size in {}) and a finite `offset`",
                u.spelling,
                u.dimension.canonical()
            );
            p.within(&(0..src.len()), &u.spelling, DbErrorCode::Invalid, message);
        }
    }
}
