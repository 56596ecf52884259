//! The proposed `about` groups: the sentence's content words nearest its figures. A word is
//! a function word, a number word, a date word or a word of the figure's own form when the
//! English lexicon lists it; no list of subjects is consulted.

use std::ops::Range;

use crate::text::{TokKind, Words};

/// At most this many groups are proposed: each one more makes the claim more silent.
pub const MAX_GROUPS: usize = 3;

/// At most this many groups come from common (lowercase) words.
const MAX_COMMON: usize = 2;

/// The ending of a gerund or present participle ("making", "running").
const GERUND: &str = "ing";

/// Words shorter than this say little of a subject ("new", "its" are too short to be sure).
const MIN_WORD_CHARS: usize = 3;

/// Whether token `k` is a word the lexicon knows as English grammar or as part of a
/// figure's form: never a subject.
pub(super) fn is_function(w: &Words, k: usize) -> bool {
    let x = w.norm[k].as_str();
    let l = w.lex;
    let sets = [
        &l.binding.function_words,
        &l.binding.negators,
        &l.clauses.pronouns,
        &l.clauses.relative_pronouns,
        &l.clauses.definite_determiners,
        &l.clauses.copulas,
        &l.clauses.auxiliaries,
        &l.clauses.time_words,
        &l.clauses.hypothetical,
        &l.clauses.contrast,
        &l.clauses.time_openers,
        &l.numbers.articles,
        &l.bounds.fillers,
        &l.people.attribution_verbs,
        &l.changes.verbs,
        &l.changes.nouns,
        &l.changes.comparatives,
        &l.units.percent,
        &l.units.points,
        &l.units.times,
        &l.dates.relative_openers,
        &l.dates.relative_units,
        &l.dates.relative_days,
        &l.quantifiers.near_all,
    ];
    let m = crate::lexicon::measures::Measures::get();
    let measure_sets = [
        &m.difference_after,
        &m.change_up,
        &m.change_down,
        &m.change_nouns_up,
        &m.change_nouns_down,
        &m.superlatives,
        &m.per_introducers,
        &m.base_introducers,
        &m.record_after_span,
        &m.tally_unanimous,
        &m.age_before,
    ];
    sets.iter()
        .chain(measure_sets.iter())
        .any(|s| s.contains(x))
        || l.bounds
            .before
            .iter()
            .chain(l.bounds.after.iter())
            .any(|(p, _)| p == x)
        || l.dates.months.get(x).is_some()
        || l.numbers.small.get(x).is_some()
        || l.numbers.tens.get(x).is_some()
        || l.numbers.scales.get(x).is_some()
        || l.rates.spans.get(x).is_some()
        || l.rates.adverbs.get(x).is_some()
        || [
            &l.binding.of,
            &l.binding.than,
            &l.binding.as_,
            &l.dates.since,
        ]
        .iter()
        .any(|s| s.as_str() == x)
}

/// A word as a term: a plural's stem or a longer word with a wildcard ending, so
/// "applications" and "application" both match; a verb in the past as written.
pub(super) fn stem_term(word: &str) -> String {
    let n = word.chars().count();
    if !word.chars().all(char::is_alphabetic) || n < MIN_WORD_CHARS {
        return word.to_string();
    }
    if let Some(stem) = word.strip_suffix("ies").filter(|s| s.chars().count() >= 3) {
        return format!("{stem}*");
    }
    if let Some(stem) = word
        .strip_suffix('s')
        .filter(|s| !s.ends_with('s') && s.chars().count() >= 3)
    {
        return format!("{stem}*");
    }
    format!("{word}*")
}

/// One candidate group: its term, its distance to the nearest figure, whether it is a proper
/// name (a run of capitalised words not at the sentence's start), whether it reads as a verb.
struct Candidate {
    term: String,
    distance: usize,
    proper: bool,
    verb: bool,
    at: usize,
}

/// The proposed groups, one term each, for a sentence whose figures (and people) lie at the
/// token ranges `taken`.
pub(super) fn propose(
    text: &str,
    w: &Words,
    taken: &[Range<usize>],
    anchors: &[usize],
) -> Vec<String> {
    let n = w.toks.len();
    let inside = |k: usize| taken.iter().any(|r| r.contains(&k));
    let capital = |k: usize| {
        w.toks[k].kind == TokKind::Word
            && w.toks[k]
                .text(text)
                .chars()
                .next()
                .is_some_and(char::is_uppercase)
    };
    let distance = |k: usize| anchors.iter().map(|a| a.abs_diff(k)).min().unwrap_or(k);
    let mut out: Vec<Candidate> = Vec::new();
    let mut k = 0;
    while k < n {
        let word = w.toks[k].kind == TokKind::Word;
        if !word || inside(k) || is_function(w, k) || w.norm[k].chars().count() < MIN_WORD_CHARS {
            k += 1;
            continue;
        }
        // A run of capitalised words ("Federal Reserve"); the first word of the sentence only
        // when another capitalised word follows it.
        let mut end = k + 1;
        if capital(k) {
            while end < n && capital(end) && !inside(end) && !is_function(w, end) {
                end += 1;
            }
        }
        let proper = capital(k) && (k > 0 || end - k > 1);
        // The speaker ("the Treasury said", "according to the agency") is not the subject.
        let people = &w.lex.people;
        let according = people.according.len();
        let speaker = (end < n && people.attribution_verbs.contains(&w.norm[end]))
            || (k >= according
                && (0..according).all(|j| w.is(k - according + j, &people.according[j])))
            || (k > according
                && (0..according).all(|j| w.is(k - 1 - according + j, &people.according[j])));
        if speaker {
            k = end;
            continue;
        }
        let term = if proper {
            // A possessive names the same thing: "NOAA's" is about NOAA.
            let phrase = &text[w.toks[k].start..w.toks[end - 1].end];
            phrase
                .strip_suffix("'s")
                .or_else(|| phrase.strip_suffix("’s"))
                .unwrap_or(phrase)
                .to_string()
        } else {
            end = k + 1;
            stem_term(&w.norm[k])
        };
        let suffix = w.lex.binding.verb_suffix.as_str();
        // A past ("reached") or a gerund ("making") reads as a verb: a poor subject.
        // So does a word that a determiner or a number follows ("hit a record", "put 2023").
        let next_opens_object = end < n
            && (w.toks[end].kind == TokKind::Number
                || w.lex.numbers.articles.contains(&w.norm[end])
                || w.lex.clauses.definite_determiners.contains(&w.norm[end])
                || w.lex.clauses.pronouns.contains(&w.norm[end]));
        let verb = !proper
            && (w.norm[k].ends_with(suffix) || w.norm[k].ends_with(GERUND) || next_opens_object);
        let term = if verb { w.norm[k].clone() } else { term };
        if !out.iter().any(|c| c.term.eq_ignore_ascii_case(&term)) {
            out.push(Candidate {
                term,
                distance: (k..end).map(distance).min().unwrap_or(usize::MAX),
                proper,
                verb,
                at: k,
            });
        }
        k = end;
    }
    // Nouns before verbs, nearest first.
    out.sort_by_key(|c| (c.verb, c.distance, c.at));
    let proper = out.iter().find(|c| c.proper).map(|c| c.term.clone());
    let common = out
        .iter()
        .filter(|c| !c.proper && !c.verb)
        .take(MAX_COMMON)
        .map(|c| c.term.clone());
    let mut groups: Vec<String> = proper.into_iter().chain(common).collect();
    if groups.len() < 2 {
        // Too few words of one sort: take the nearest of any.
        for c in &out {
            if groups.len() >= 2 {
                break;
            }
            if !groups.contains(&c.term) {
                groups.push(c.term.clone());
            }
        }
    }
    groups.truncate(MAX_GROUPS);
    groups
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plurals_and_stems_get_a_wildcard() {
        assert_eq!(stem_term("applications"), "application*");
        assert_eq!(stem_term("companies"), "compan*");
        assert_eq!(stem_term("deficit"), "deficit*");
        assert_eq!(stem_term("class"), "class*");
        assert_eq!(stem_term("u.s."), "u.s.");
    }
}
