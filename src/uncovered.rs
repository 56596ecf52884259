//! Uncovered statistics: sentences on the database's subjects that state a figure no claim
//! checked. They are the curators' worklist: what is being said about the subjects that the
//! database cannot yet confirm or contradict.
//!
//! A sentence is on a subject when it contains a term of some claim's first `about` group
//! (the claim's subject, by the database's convention). A figure is a statistic when it is a
//! count, share, money, mass, multiplier, rate or change, or the date of an event stated to
//! the month or day; a bare year ("in 2021") frames other figures and is not one, nor is a
//! quantifier ("most", "few"). A figure is covered when a finding's span overlaps it, or when
//! a finding judged the whole sentence (names, dates).

use std::ops::Range;

use crate::check::{self, Finding};
use crate::db::Database;
use crate::extract::{Bound, Figure, Kind, Precision};
use crate::lexicon::Lexicon;
use crate::terms::Term;
use crate::text::Words;
use crate::text::{self, TokKind};

/// One uncovered figure.
#[derive(Debug, Clone, PartialEq)]
pub struct Stated {
    /// What the figure measures.
    pub kind: Kind,
    /// Byte span of the figure's words in the checked text.
    pub span: Range<usize>,
    /// The figure's words.
    pub words: String,
}

/// A sentence stating figures that no claim covered.
#[derive(Debug, Clone, PartialEq)]
pub struct Uncovered {
    /// Byte span of the sentence in the checked text.
    pub sentence: Range<usize>,
    /// The uncovered figures, in order (at least one).
    pub figures: Vec<Stated>,
    /// The subject terms the sentence contains, lowercased, in order of appearance.
    pub terms: Vec<String>,
}

/// The subject terms of a database: every distinct term of every claim's first `about` group.
#[derive(Debug, Clone)]
pub struct Subjects {
    terms: Vec<Term>,
    /// Finds the first word of every term in the whole text at once, so that only sentences
    /// with a hit are tokenized; `None` when some term has no plain ASCII first word (a
    /// pattern, an apostrophe the tokenizer straightens, a letter ASCII case folding misses).
    prefilter: Option<aho_corasick::AhoCorasick>,
    /// The database's lexicon, to read sentences as the checker does.
    lex: Lexicon,
}

impl Subjects {
    /// Collects the subject terms of `db`.
    pub fn new(db: &Database) -> Subjects {
        let mut terms: Vec<Term> = Vec::new();
        for claim in &db.claims {
            let Some(first) = claim.about.first() else {
                continue;
            };
            for t in &first.terms {
                if !terms.iter().any(|k| k.source() == t.source()) {
                    terms.push(t.clone());
                }
            }
        }
        let literals: Option<Vec<&str>> = terms
            .iter()
            .map(|t| t.literal().filter(|l| l.is_ascii() && !l.contains('\'')))
            .collect();
        let prefilter = literals.and_then(|l| {
            aho_corasick::AhoCorasick::builder()
                .ascii_case_insensitive(true)
                .build(l)
                .ok()
        });
        Subjects {
            terms,
            prefilter,
            lex: db.lexicon.clone(),
        }
    }

    /// Byte offsets where some term may start, or `None` when every sentence must be looked at.
    fn hits(&self, text: &str) -> Option<Vec<usize>> {
        let ac = self.prefilter.as_ref()?;
        Some(ac.find_iter(text).map(|m| m.start()).collect())
    }

    /// The subject terms occurring in a sentence (its words), as written, lowercased.
    fn found(&self, text: &str, words: &Words) -> Vec<String> {
        let mut hits: Vec<(usize, String)> = Vec::new();
        for t in &self.terms {
            for (a, b) in t.find_all(text, words) {
                let (Some(first), Some(last)) = (words.toks.get(a), words.toks.get(b.max(1) - 1))
                else {
                    continue;
                };
                let said = text[first.start..last.end].to_lowercase();
                if !hits.iter().any(|(_, s)| *s == said) {
                    hits.push((first.start, said));
                }
            }
        }
        hits.sort();
        hits.into_iter().map(|(_, s)| s).collect()
    }
}

/// Whether a figure is a statistic (see the module documentation).
pub fn is_statistic(f: &Figure) -> bool {
    match f.kind() {
        Kind::When => f
            .when()
            .is_some_and(|w| matches!(w.precision, Precision::Day | Precision::Month)),
        Kind::Share => f.bound != Bound::Quantifier,
        Kind::Count | Kind::Money | Kind::Mass | Kind::Multiplier | Kind::Change => true,
        // Money, quantities, changes, tallies and durations are statistics; an age names a
        // subgroup, "unanimously" and a record's rank say how, not how much.
        Kind::Measure => matches!(
            f.value(),
            crate::extract::FigureValue::Measure(
                crate::extract::Measure::Money { .. }
                    | crate::extract::Measure::Quantity { .. }
                    | crate::extract::Measure::Change { .. }
                    | crate::extract::Measure::Tally { .. }
                    | crate::extract::Measure::Duration { .. }
            )
        ),
    }
}

/// Words after a number that make it an age or a time of day, not a statistic.
const AGE_OR_TIME: &[&[&str]] = &[
    &["year", "old"],
    &["years", "old"],
    &["month", "old"],
    &["months", "old"],
    &["a.m"],
    &["p.m"],
    &["am"],
    &["pm"],
    &["o'clock"],
];

/// Whether a count is a number that names or dates something rather than counting it: an
/// age or a time of day ("a 17-year-old", "2 a.m."), a label after a capitalised word or a
/// hyphen ("Interstate 5", "Title 21", "COVID-19"), or a year written as a bare four-digit
/// number ("the 2022 figures"; news style writes counts of thousands with a separator).
pub fn is_name_or_label(text: &str, words: &Words, f: &Figure) -> bool {
    if f.kind() != Kind::Count || f.bound != Bound::Exact {
        return false;
    }
    let norm = |i: usize| words.norm.get(i).map(String::as_str);
    // Joiners ("-") between the number and "year-old" are skipped.
    let mut after = f.after;
    while after < words.toks.len() && words.is_joiner(after) {
        after += 1;
    }
    let follows = |seq: &[&str]| {
        let mut i = after;
        seq.iter().all(|w| {
            while i < words.toks.len() && words.is_joiner(i) {
                i += 1;
            }
            let ok = norm(i) == Some(w);
            i += 1;
            ok
        })
    };
    if AGE_OR_TIME.iter().any(|seq| follows(seq)) {
        return true;
    }
    let words_text = text.get(f.span.clone()).unwrap_or("");
    if words_text.len() == 4
        && words_text.bytes().all(|b| b.is_ascii_digit())
        && (1900..=2099).contains(&(f.lo() as i64))
    {
        return true;
    }
    let Some(prev) = f.toks.start.checked_sub(1) else {
        return false;
    };
    let Some(tok) = words.toks.get(prev) else {
        return false;
    };
    let digits_first = words_text.starts_with(|c: char| c.is_ascii_digit());
    if words.is_joiner(prev) {
        return digits_first
            && prev > 0
            && words.toks[prev - 1].kind == TokKind::Word
            && words.toks[prev - 1].end == tok.start;
    }
    // A capitalised word right before the number, not the sentence's first word.
    digits_first
        && prev > 0
        && tok.kind == TokKind::Word
        && tok.text(text).starts_with(|c: char| c.is_uppercase())
}

/// The uncovered statistics of `text` (the prose that was checked), given the findings the
/// checker reported for it.
pub fn uncovered(subjects: &Subjects, text: &str, findings: &[Finding]) -> Vec<Uncovered> {
    let mut out = Vec::new();
    let hits = subjects.hits(text);
    if hits.as_ref().is_some_and(Vec::is_empty) {
        return out;
    }
    let mut next_hit = 0;
    for (_, sentence) in crate::text::sentences(text, &subjects.lex) {
        if let Some(hits) = &hits {
            while next_hit < hits.len() && hits[next_hit] < sentence.start {
                next_hit += 1;
            }
            if hits.get(next_hit).is_none_or(|&h| h >= sentence.end) {
                continue;
            }
        }
        let words = Words::new(text, text::tokenize(text, sentence.clone()), &subjects.lex);
        let terms = subjects.found(text, &words);
        if terms.is_empty() {
            continue;
        }
        let judged: Vec<&Finding> = findings
            .iter()
            .filter(|f| f.sentence.start < sentence.end && sentence.start < f.sentence.end)
            .collect();
        // A finding on the whole sentence (a name, a date) covers everything in it.
        if judged.iter().any(|f| f.span == f.sentence) {
            continue;
        }
        let figures: Vec<Stated> = check::figures_read_with(&subjects.lex, text, sentence.clone())
            .into_iter()
            .map(|(f, _)| f)
            .filter(|f| is_statistic(f) && !is_name_or_label(text, &words, f))
            .filter(|f| {
                // A judged sentence's dates are the period its claim was judged for.
                (f.kind() != Kind::When || judged.is_empty())
                    && !judged
                        .iter()
                        .any(|j| j.span.start < f.span.end && f.span.start < j.span.end)
            })
            .map(|f| Stated {
                kind: f.kind(),
                words: text.get(f.span.clone()).unwrap_or("").to_string(),
                span: f.span,
            })
            .collect();
        if !figures.is_empty() {
            out.push(Uncovered {
                sentence,
                figures,
                terms,
            });
        }
    }
    out
}

/// The wire name of a figure's kind.
pub fn kind_name(k: Kind) -> &'static str {
    match k {
        Kind::Count => "count",
        Kind::Share => "share",
        Kind::Mass => "mass",
        Kind::Multiplier => "multiplier",
        Kind::Money => "money",
        Kind::When => "date",
        Kind::Change => "change",
        Kind::Measure => "measure",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn db() -> Database {
        let src = std::fs::read_to_string(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/tests/fixtures/db/lighthouse.toml"
        ))
        .unwrap();
        Database::from_sources(&[("l.toml".into(), src)]).unwrap()
    }

    fn run(text: &str) -> Vec<Uncovered> {
        let db = db();
        let findings = check::check(&db, text);
        uncovered(&Subjects::new(&db), text, &findings)
    }

    #[test]
    fn subject_sentences_with_unchecked_figures_are_uncovered() {
        let first = db().claims[0].about[0].terms[0].source().to_string();
        let text = format!("The {first} cost $4 million to repair in 2019.");
        let got = run(&text);
        assert_eq!(got.len(), 1, "{got:?}");
        assert_eq!(got[0].figures[0].words, "$4 million");
        assert_eq!(got[0].terms, [first.to_lowercase()]);
    }

    #[test]
    fn the_prefilter_changes_nothing() {
        let db = Database::embedded().unwrap();
        let tsv = include_str!("../tests/data/uncovered.tsv");
        // Labelled sentences as paragraphs of three, upper-cased every fourth paragraph.
        let mut text = String::new();
        for (i, l) in tsv.lines().filter(|l| !l.starts_with('#')).enumerate() {
            let s = l.split_once('\t').map_or(l, |(_, s)| s);
            let s = if i % 12 < 3 {
                s.to_uppercase()
            } else {
                s.to_string()
            };
            text.push_str(&s);
            text.push_str(if i % 3 == 2 { "\n\n" } else { " " });
        }
        let findings = check::check(&db, &text);
        let with = Subjects::new(&db);
        assert!(with.prefilter.is_some());
        let without = Subjects {
            prefilter: None,
            ..with.clone()
        };
        let a = uncovered(&with, &text, &findings);
        assert!(a.len() > 80, "{}", a.len());
        assert_eq!(a, uncovered(&without, &text, &findings));
    }

    #[test]
    fn off_subject_and_figureless_sentences_are_not() {
        let first = db().claims[0].about[0].terms[0].source().to_string();
        assert!(run("The bakery sold 400 loaves in 2019.").is_empty());
        assert!(run(&format!("The {first} stood in 2019.")).is_empty());
        assert!(run(&format!("Most people like the {first}.")).is_empty());
    }
}
