//! The search index: one Aho-Corasick automaton over the literal of every plain `about`
//! term, and for each literal the (claim, group) pairs it stands for.

use aho_corasick::{AhoCorasick, AhoCorasickBuilder, MatchKind};

use super::model::Claim;
use crate::terms::Term;

/// Most literals for which the automaton is built as a DFA (fastest to scan; 40,000 literals
/// of 10,000 claims take about 100 MB).
const MAX_DFA_LITERALS: usize = 100_000;

/// The prefilter of a database.
#[derive(Debug)]
pub(super) struct Prefilter {
    pub(super) automaton: Option<AhoCorasick>,
    /// For each pattern, the (claim, plain group) pairs whose terms start with it.
    pub(super) pattern_groups: Vec<Vec<(usize, usize)>>,
    /// For each claim, how many of its `about` groups are plain terms: a paragraph can be
    /// about the claim only if each of them has a hit.
    pub(super) plain_groups: Vec<usize>,
}

/// One automaton over the literal of every plain term of every `about` group.
pub(super) fn build_prefilter(claims: &[Claim]) -> Prefilter {
    let mut literals: Vec<String> = Vec::new();
    let mut owners: Vec<Vec<(usize, usize)>> = Vec::new();
    let mut plain = vec![0; claims.len()];
    let mut index: std::collections::HashMap<String, usize> = Default::default();
    for (ci, c) in claims.iter().enumerate() {
        for (gi, group) in c.about.iter().enumerate() {
            // A group is plain when every term has a literal the raw text must contain.
            let literal = |t: &Term| t.literal().and_then(prefilter_literal);
            if group.terms.is_empty() || !group.terms.iter().all(|t| literal(t).is_some()) {
                continue;
            }
            plain[ci] += 1;
            for t in &group.terms {
                let Some(lit) = literal(t) else { continue };
                let k = *index.entry(lit.clone()).or_insert_with(|| {
                    literals.push(lit);
                    owners.push(Vec::new());
                    literals.len() - 1
                });
                if owners[k].last() != Some(&(ci, gi)) {
                    owners[k].push((ci, gi));
                }
            }
        }
    }
    if literals.is_empty() {
        return Prefilter {
            automaton: None,
            pattern_groups: owners,
            plain_groups: plain,
        };
    }
    // A DFA scans fastest; past [`MAX_DFA_LITERALS`] its memory grows too much and the
    // builder's own choice (a contiguous NFA) is kept.
    let kind = (literals.len() <= MAX_DFA_LITERALS).then_some(aho_corasick::AhoCorasickKind::DFA);
    let ac = AhoCorasickBuilder::new()
        .ascii_case_insensitive(true)
        .match_kind(MatchKind::Standard)
        .kind(kind)
        .build(&literals)
        .ok();
    Prefilter {
        automaton: ac,
        pattern_groups: owners,
        plain_groups: plain,
    }
}

/// The part of a term's first word that raw text is sure to contain: its first run without
/// an apostrophe (curly or straight in the text). `None` for a word of apostrophes only: an
/// empty literal would match at every offset (a hang, found by fuzzing).
pub(super) fn prefilter_literal(word: &str) -> Option<String> {
    word.split('\'')
        .find(|part| !part.is_empty())
        .map(str::to_string)
}
