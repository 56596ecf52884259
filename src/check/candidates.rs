//! Candidate sentences: the prefilter's hits grouped by paragraph, the claims each
//! paragraph may be about, and the sentences of those paragraphs, each analysed once and only
//! when a claim's frame needs it.

use std::cell::OnceCell;
use std::ops::Range;

use super::Finding;
use super::judge::judge;
use super::periods::{assign_periods, drop_attribution_dates, pair_span_endpoints};
use crate::db::Database;
use crate::extract::{self, Figure, When};
use crate::lexicon::Lexicon;
use crate::terms::TermGroup;
use crate::text::{self, MAX_SENTENCE_BYTES, Words};

/// A sentence and what has been worked out about it so far.
pub(super) struct Sentence<'l> {
    pub(super) range: Range<usize>,
    lex: &'l Lexicon,
    /// Tokenized on first use: most sentences of a candidate paragraph are ruled out by the
    /// prefilter's hits before any term is matched.
    words: OnceCell<Words<'l>>,
    analysis: OnceCell<Analysis>,
}

/// The figures of a sentence and the periods each one is stated for.
pub(super) struct Analysis {
    pub(super) figures: Vec<Figure>,
    /// For each figure, the periods that apply to it (its own, or the sentence's).
    pub(super) periods: Vec<Vec<When>>,
}

impl<'l> Sentence<'l> {
    pub(super) fn new(range: Range<usize>, lex: &'l Lexicon) -> Sentence<'l> {
        Sentence {
            range,
            lex,
            words: OnceCell::new(),
            analysis: OnceCell::new(),
        }
    }

    pub(super) fn words(&self, text: &str) -> &Words<'l> {
        self.words
            .get_or_init(|| Words::new(text, text::tokenize(text, self.range.clone()), self.lex))
    }

    pub(super) fn analysis(&self, text: &str) -> &Analysis {
        self.analysis.get_or_init(|| {
            let figures = extract::figures(text, self.words(text));
            let mut periods = assign_periods(&figures);
            pair_span_endpoints(self.words(text), &figures, &mut periods);
            drop_attribution_dates(self.words(text), &figures, &mut periods);
            Analysis { figures, periods }
        })
    }

    pub(super) fn has(&self, text: &str, g: &TermGroup) -> bool {
        g.occurs(text, self.words(text))
    }
}

/// Checks a whole text against the database: the prefilter's hits, paragraph by paragraph.
pub(super) fn check(db: &Database, text: &str) -> Vec<Finding> {
    let mut hits: Vec<(usize, &[(usize, usize)])> = if has_invisible(text) {
        visible_hits(db, text)
    } else {
        db.hits(text).collect()
    };
    hits.sort_by_key(|h| h.0);
    let mut out = Vec::new();
    let mut k = 0;
    let mut groups: Vec<(usize, usize)> = Vec::new();
    let mut claims: Vec<usize> = Vec::new();
    while k < hits.len() {
        let para = text::paragraph_bounds(text, hits[k].0);
        // Every pass takes at least this hit, even one the paragraph does not hold (at the end
        // of the text or on a blank line), so the loop always ends.
        let taken = para.end.max(hits[k].0 + 1);
        groups.clear();
        let first_hit = k;
        while k < hits.len() && hits[k].0 < taken {
            groups.extend_from_slice(hits[k].1);
            k += 1;
        }
        groups.sort_unstable();
        groups.dedup();
        // A claim is a candidate only if every plain group of it has a hit in the paragraph.
        claims.clear();
        for run in groups.chunk_by(|a, b| a.0 == b.0) {
            if run.len() == db.plain_groups(run[0].0) {
                claims.push(run[0].0);
            }
        }
        if !claims.is_empty() {
            check_paragraph(db, text, para, &claims, &hits[first_hit..k], &mut out);
        }
    }
    out
}

/// The invisible characters that may stand inside a word (see [`text::is_invisible`]), as
/// they are written in UTF-8.
const INVISIBLE: [&str; 6] = [
    "\u{ad}", "\u{200b}", "\u{200c}", "\u{200d}", "\u{2060}", "\u{feff}",
];

/// Whether the text holds a character that is invisible inside a word ("Fen\u{ad}tanyl"):
/// one fast pass, since the prefilter reads raw bytes and would miss such a word.
fn has_invisible(text: &str) -> bool {
    // Each of them ends in one of these bytes, which English text never holds: two fast
    // scans, and a look back at each candidate.
    let b = text.as_bytes();
    let ends_here = |i: usize| {
        INVISIBLE.iter().any(|p| {
            let p = p.as_bytes();
            i + 1 >= p.len() && b.get(i + 1 - p.len()..=i) == Some(p)
        })
    };
    memchr::memchr3_iter(0xAD, 0x8B, 0x8C, b)
        .chain(memchr::memchr3_iter(0x8D, 0xA0, 0xBF, b))
        .any(ends_here)
}

/// The prefilter's hits in a text with invisible characters: found in a copy without them,
/// and mapped back to offsets of the text.
fn visible_hits<'d>(db: &'d Database, text: &str) -> Vec<(usize, &'d [(usize, usize)])> {
    let mut visible = String::with_capacity(text.len());
    // (offset in `visible`, bytes removed before it) at each removal.
    let mut shifts: Vec<(usize, usize)> = Vec::new();
    let mut removed = 0;
    for c in text.chars() {
        if text::is_invisible(c) {
            removed += c.len_utf8();
            shifts.push((visible.len(), removed));
        } else {
            visible.push(c);
        }
    }
    let original = |at: usize| {
        let k = shifts.partition_point(|&(v, _)| v <= at);
        at + k.checked_sub(1).map_or(0, |k| shifts[k].1)
    };
    db.hits(&visible)
        .map(|(at, groups)| (original(at), groups))
        .collect()
}

fn check_paragraph(
    db: &Database,
    text: &str,
    para: Range<usize>,
    claims: &[usize],
    hits: &[(usize, &[(usize, usize)])],
    out: &mut Vec<Finding>,
) {
    // Prose sentences are far shorter; a "sentence" of many kilobytes is a table, a dump or
    // a file with no punctuation, and frame matching on it would cost tokens × terms.
    let sentences: Vec<Sentence> = text::split_sentences(text, para, &db.lexicon)
        .into_iter()
        .filter(|r| r.len() <= MAX_SENTENCE_BYTES)
        .map(|r| Sentence::new(r, &db.lexicon))
        .collect();
    // The (claim, group) hits of the prefilter in each sentence: a plain group can only match
    // a sentence holding one of its literals, so most (claim, sentence) pairs are ruled out
    // here without matching a single term.
    let mut in_sentence: Vec<Vec<(usize, usize)>> = Vec::with_capacity(sentences.len());
    let mut h = 0;
    for s in &sentences {
        while h < hits.len() && hits[h].0 < s.range.start {
            h += 1;
        }
        let mut found: Vec<(usize, usize)> = Vec::new();
        let mut j = h;
        while j < hits.len() && hits[j].0 < s.range.end {
            found.extend_from_slice(hits[j].1);
            j += 1;
        }
        found.sort_unstable();
        found.dedup();
        in_sentence.push(found);
    }
    let mut near: Vec<(usize, usize)> = Vec::new();
    for (si, s) in sentences.iter().enumerate() {
        let prev = si.checked_sub(1).map(|p| &sentences[p]);
        near.clear();
        near.extend_from_slice(&in_sentence[si]);
        if let Some(p) = si.checked_sub(1) {
            near.extend_from_slice(&in_sentence[p]);
            near.sort_unstable();
            near.dedup();
        }
        for &ci in claims {
            let lo = near.partition_point(|&(c, _)| c < ci);
            let hi = near.partition_point(|&(c, _)| c <= ci);
            if hi - lo < db.plain_groups(ci) {
                continue;
            }
            out.extend(judge(&db.claims[ci], ci, text, s, prev));
        }
    }
}
