//! Terms: the phrases and patterns by which a sentence is recognised as being about a claim.
//!
//! A term is matched on word tokens, not raw text, so line breaks, double spaces, hyphens and
//! slashes between words, curly apostrophes and possessives do not defeat it.

use regex::Regex;

use crate::text::{TokKind, Words, is_joiner, normalize};

/// One word of a phrase term (normalized; `stem` for a trailing `*`).
#[derive(Debug, Clone)]
pub struct TermWord {
    text: String,
    /// `word*`: any token that starts with `text`.
    stem: bool,
}

/// A compiled term.
#[derive(Debug, Clone)]
pub enum Term {
    /// Words matched in sequence (joiners skipped).
    Phrase {
        source: String,
        words: Vec<TermWord>,
    },
    /// A case-insensitive regular expression tried on the sentence text.
    Pattern { source: String, re: Regex },
}

/// Why a term could not be compiled.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum TermError {
    Empty,
    BadPattern(String),
    /// The pattern matches the empty string, so it would match every sentence.
    MatchesEmpty,
}

impl std::fmt::Display for TermError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            TermError::Empty => write!(f, "the term has no words"),
            TermError::BadPattern(e) => write!(f, "the pattern does not compile: {e}"),
            TermError::MatchesEmpty => write!(
                f,
                "the pattern does not compile: it matches the empty string, so it would match every sentence"
            ),
        }
    }
}

/// regex's messages draw the pattern over several lines; an error line names its position once.
fn one_line_regex_error(e: &regex::Error) -> String {
    let text = e.to_string();
    text.lines()
        .rev()
        .find_map(|l| l.trim().strip_prefix("error:").map(str::trim))
        .map_or_else(
            || text.split_whitespace().collect::<Vec<_>>().join(" "),
            str::to_string,
        )
}

/// Largest compiled size of a term's regular expression, and of its search cache (a
/// careless pattern must not exhaust memory).
pub const PATTERN_SIZE_LIMIT: usize = 1 << 20;
/// Deepest nesting of groups and repetitions in a term's regular expression.
pub const PATTERN_NEST_LIMIT: u32 = 64;

impl Term {
    /// Compiles a term: `/regex/` or a phrase with optional `*` stems.
    pub fn compile(source: &str) -> Result<Term, TermError> {
        let trimmed = source.trim();
        if trimmed.len() >= 2 && trimmed.starts_with('/') && trimmed.ends_with('/') {
            let body = &trimmed[1..trimmed.len() - 1];
            if body.is_empty() {
                return Err(TermError::Empty);
            }
            let re = regex::RegexBuilder::new(body)
                .case_insensitive(true)
                .size_limit(PATTERN_SIZE_LIMIT)
                .dfa_size_limit(PATTERN_SIZE_LIMIT)
                .nest_limit(PATTERN_NEST_LIMIT)
                .build()
                .map_err(|e| TermError::BadPattern(one_line_regex_error(&e)))?;
            if re.is_match("") {
                return Err(TermError::MatchesEmpty);
            }
            return Ok(Term::Pattern {
                source: source.to_string(),
                re,
            });
        }
        let toks = crate::text::tokenize(trimmed, 0..trimmed.len());
        let mut words = Vec::new();
        let mut k = 0;
        while k < toks.len() {
            let t = toks[k];
            let raw = t.text(trimmed);
            let n = normalize(raw);
            if t.kind == TokKind::Punct && is_joiner(&n) {
                k += 1;
                continue;
            }
            if n == "*" {
                // "word*": the star attaches to the previous word.
                if let Some(last) = words.last_mut() {
                    let last: &mut TermWord = last;
                    last.stem = true;
                }
                k += 1;
                continue;
            }
            words.push(TermWord {
                text: n,
                stem: false,
            });
            k += 1;
        }
        if words.is_empty() || words.iter().all(|w| w.text.is_empty()) {
            return Err(TermError::Empty);
        }
        Ok(Term::Phrase {
            source: source.to_string(),
            words,
        })
    }

    /// The term as written in the database.
    pub fn source(&self) -> &str {
        match self {
            Term::Phrase { source, .. } | Term::Pattern { source, .. } => source,
        }
    }

    /// A literal that every match of the term contains (lowercase), for the prefilter; `None`
    /// for patterns.
    pub fn literal(&self) -> Option<&str> {
        match self {
            Term::Phrase { words, .. } => words.first().map(|w| w.text.as_str()),
            Term::Pattern { .. } => None,
        }
    }

    /// Every match in the sentence, as token index ranges `[start, end)`.
    pub fn find_all(&self, text: &str, words: &Words) -> Vec<(usize, usize)> {
        let mut out = Vec::new();
        match self {
            Term::Phrase { words: tw, .. } => {
                let Some(first) = tw.first() else { return out };
                let mut starts: Vec<usize> = words.starts_of(&first.text, first.stem).collect();
                starts.sort_unstable();
                for i in starts {
                    if let Some(end) = match_at(words, i, tw) {
                        out.push((i, end));
                    }
                }
            }
            Term::Pattern { re, .. } => {
                let (Some(first), Some(last)) = (words.toks.first(), words.toks.last()) else {
                    return out;
                };
                let hay = &text[first.start..last.end];
                for m in re.find_iter(hay) {
                    let (s, e) = (first.start + m.start(), first.start + m.end());
                    let a = words.toks.iter().position(|t| t.end > s);
                    let b = words.toks.iter().rposition(|t| t.start < e);
                    if let (Some(a), Some(b)) = (a, b) {
                        out.push((a, b + 1));
                    }
                }
            }
        }
        out
    }

    /// Whether the term occurs in the sentence.
    pub fn occurs(&self, text: &str, words: &Words) -> bool {
        match self {
            Term::Phrase { words: tw, .. } => tw.first().is_some_and(|first| {
                words
                    .starts_of(&first.text, first.stem)
                    .any(|i| match_at(words, i, tw).is_some())
            }),
            Term::Pattern { .. } => !self.find_all(text, words).is_empty(),
        }
    }
}

fn match_at(words: &Words, start: usize, tw: &[TermWord]) -> Option<usize> {
    let mut i = start;
    for (k, w) in tw.iter().enumerate() {
        if k > 0 {
            while i < words.toks.len() && words.is_joiner(i) {
                i += 1;
            }
        }
        let n = words.norm.get(i)?;
        let ok = if w.stem {
            n.starts_with(&w.text)
        } else {
            *n == w.text
        };
        if !ok {
            return None;
        }
        i += 1;
    }
    Some(i)
}

/// A group of alternative terms; the group is present when any of them is.
#[derive(Debug, Clone)]
pub struct TermGroup {
    pub terms: Vec<Term>,
}

impl TermGroup {
    /// Whether any term of the group occurs in the sentence.
    pub fn occurs(&self, text: &str, words: &Words) -> bool {
        self.terms.iter().any(|t| t.occurs(text, words))
    }

    /// Every match of any term, leftmost first and, at one start, longest first.
    pub fn find_all(&self, text: &str, words: &Words) -> Vec<(usize, usize)> {
        let mut all: Vec<(usize, usize)> = self
            .terms
            .iter()
            .flat_map(|t| t.find_all(text, words))
            .collect();
        all.sort_by(|a, b| a.0.cmp(&b.0).then(b.1.cmp(&a.1)));
        all.dedup();
        all
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lexicon::Lexicon;
    use crate::text::tokenize;

    fn words(s: &str) -> Words<'static> {
        Words::new(s, tokenize(s, 0..s.len()), Lexicon::english())
    }

    fn occurs(term: &str, s: &str) -> bool {
        Term::compile(term).unwrap().occurs(s, &words(s))
    }

    #[test]
    fn phrases_ignore_case_space_and_joiners() {
        assert!(occurs("synthetic opioids", "Synthetic\n  opioids killed"));
        assert!(occurs("synthetic opioids", "synthetic-opioids"));
        assert!(occurs("U.S.-Mexico border", "the U.S. Mexico border"));
        assert!(occurs("NPR/Ipsos", "an NPR / Ipsos poll"));
        assert!(!occurs("opioids", "opioid"));
    }

    #[test]
    fn stems_and_possessives() {
        assert!(occurs("traffick*", "fentanyl traffickers"));
        assert!(occurs("Mayorkas", "Mayorkas’s remark"));
        assert!(!occurs("traffick*", "traffic"));
    }

    #[test]
    fn patterns_are_case_insensitive_and_guarded() {
        assert!(occurs("/blue\\s+lotus/", "Operation BLUE  Lotus"));
        assert!(matches!(
            Term::compile("/(/"),
            Err(TermError::BadPattern(_))
        ));
        assert_eq!(Term::compile("/a*/").unwrap_err(), TermError::MatchesEmpty);
        assert_eq!(Term::compile("  ").unwrap_err(), TermError::Empty);
    }

    #[test]
    fn group_matches_are_ordered_longest_first() {
        let g = TermGroup {
            terms: vec![
                Term::compile("ports of entry").unwrap(),
                Term::compile("between ports of entry").unwrap(),
            ],
        };
        let s = "carried between ports of entry";
        assert_eq!(g.find_all(s, &words(s)), [(1, 5), (2, 5)]);
    }
}
