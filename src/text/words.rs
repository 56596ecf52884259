//! The sentence view every stage reads: a sentence's tokens, their normalised forms, and the
//! lexicon to read them with.

use super::tokens::{TokKind, Token};
use crate::lexicon::Lexicon;

/// A sentence's tokens in the normalized form terms are compared with.
#[derive(Debug, Clone)]
pub struct Words<'l> {
    pub toks: Vec<Token>,
    /// Lowercased token text, curly apostrophes straightened, possessive `'s` and an
    /// abbreviation's final dot removed.
    pub norm: Vec<String>,
    /// Token indices sorted by `norm`: a term's first word is looked up by binary search
    /// instead of being compared with every token (frames test many terms per sentence).
    sorted: Vec<u32>,
    /// A bit for the first two bytes of every token: most terms are ruled out by one lookup.
    starts: [u64; 4],
    /// The lexicon every stage reads the sentence with.
    pub lex: &'l Lexicon,
}

/// The bit of a word's first two bytes in [`Words::starts`].
fn start_bit(w: &[u8]) -> usize {
    let a = usize::from(w.first().copied().unwrap_or(0));
    let b = usize::from(w.get(1).copied().unwrap_or(0));
    (a.wrapping_mul(31) ^ b.wrapping_mul(7)) & 255
}

impl<'l> Words<'l> {
    /// Normalizes the tokens of one sentence.
    pub fn new(text: &str, toks: Vec<Token>, lex: &'l Lexicon) -> Words<'l> {
        let norm: Vec<String> = toks.iter().map(|t| normalize(t.text(text))).collect();
        let mut sorted: Vec<u32> = (0..norm.len() as u32).collect();
        sorted.sort_by(|&a, &b| norm[a as usize].cmp(&norm[b as usize]));
        let mut starts = [0u64; 4];
        for n in &norm {
            let bit = start_bit(n.as_bytes());
            starts[bit / 64] |= 1 << (bit % 64);
        }
        Words {
            toks,
            norm,
            sorted,
            starts,
            lex,
        }
    }

    /// Whether some token may start with `word`'s first two bytes (no false negatives).
    fn may_start(&self, word: &str, stem: bool) -> bool {
        let t = word.as_bytes();
        // A one-byte stem matches tokens with any second byte.
        if stem && t.len() < 2 {
            return true;
        }
        let bit = start_bit(t);
        self.starts[bit / 64] & (1 << (bit % 64)) != 0
    }

    /// The tokens that are `word` (or, for a `stem`, start with it), in no particular order.
    pub fn starts_of<'a>(&'a self, word: &'a str, stem: bool) -> impl Iterator<Item = usize> + 'a {
        let key = |i: &u32| self.norm[*i as usize].as_str();
        let sorted: &[u32] = if self.may_start(word, stem) {
            &self.sorted
        } else {
            &[]
        };
        let lo = sorted.partition_point(|i| key(i) < word);
        let rest = &sorted[lo..];
        // Words starting with a prefix sort together, right after the prefix itself.
        let len = if stem {
            rest.partition_point(|i| key(i).starts_with(word))
        } else {
            rest.partition_point(|i| key(i) == word)
        };
        rest[..len].iter().map(|&i| i as usize)
    }

    /// Whether token `i` joins words without separating them (hyphens, dashes, slashes).
    pub fn is_joiner(&self, i: usize) -> bool {
        self.toks[i].kind == TokKind::Punct && is_joiner(&self.norm[i])
    }

    /// Whether token `i` is the word `w` (already normalized).
    pub fn is(&self, i: usize, w: &str) -> bool {
        self.norm.get(i).is_some_and(|n| n == w)
    }

    /// Whether the tokens from `i` spell `phrase` (space-separated normalized words).
    pub fn is_phrase(&self, i: usize, phrase: &str) -> Option<usize> {
        let mut j = i;
        for w in phrase.split(' ') {
            if !self.is(j, w) {
                return None;
            }
            j += 1;
        }
        Some(j)
    }

    /// The normalised word at token `k`, or "" past the end.
    pub fn word(&self, k: usize) -> &str {
        self.norm.get(k).map_or("", String::as_str)
    }
}

/// Whether a punctuation token joins words without separating them.
pub fn is_joiner(s: &str) -> bool {
    matches!(s, "-" | "–" | "—" | "/" | "‐" | "‑")
}

/// The normal form of a word: lowercase, straight apostrophes, no possessive, no final
/// abbreviation dot ("U.S." and "U.S" both become "u.s").
pub fn normalize(word: &str) -> String {
    let mut s: String = word
        .chars()
        .filter(|c| !super::tokens::is_invisible(*c))
        .map(|c| if c == '’' || c == '‘' { '\'' } else { c })
        .flat_map(char::to_lowercase)
        .collect();
    if s.len() > 2 && s.ends_with("'s") {
        s.truncate(s.len() - 2);
    } else if s.len() > 1 && s.ends_with('\'') {
        s.truncate(s.len() - 1);
    }
    if s.len() > 1 && s.ends_with('.') && s[..s.len() - 1].contains('.') {
        s.truncate(s.len() - 1);
    }
    s
}
