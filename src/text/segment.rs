//! Paragraphs and sentences, as byte spans into the text: the one segmenter that the checker,
//! `explain` and every other reader of sentences share.
//!
//! The splitter is our own because general-purpose sentence rules break after "Dr.", "U.S."
//! and "Oct." (common in news copy) and know nothing of figures like "0.02" or "3/13/2023".
//! Abbreviations and sentence openers come from the [`Lexicon`].

use std::ops::Range;

use super::tokens::{TokKind, Token, tokenize};
use crate::lexicon::Lexicon;

/// Longest sentence the checker reads.
pub const MAX_SENTENCE_BYTES: usize = 4096;

/// A paragraph: a run of non-blank lines.
pub fn paragraph_bounds(text: &str, pos: usize) -> Range<usize> {
    let b = text.as_bytes();
    // Walk back line by line until a blank line.
    let mut start = line_start(b, pos.min(b.len()));
    while start > 0 {
        let prev_start = line_start(b, start - 1);
        if is_blank(&b[prev_start..start]) {
            break;
        }
        start = prev_start;
    }
    let mut end = line_end(b, pos.min(b.len()));
    while end < b.len() {
        let next_end = line_end(b, end + 1);
        if is_blank(&b[end..next_end]) {
            break;
        }
        end = next_end;
    }
    start..end
}

fn line_start(b: &[u8], pos: usize) -> usize {
    memchr::memrchr(b'\n', &b[..pos]).map_or(0, |i| i + 1)
}

fn line_end(b: &[u8], pos: usize) -> usize {
    let pos = pos.min(b.len());
    memchr::memchr(b'\n', &b[pos..]).map_or(b.len(), |i| pos + i)
}

fn is_blank(line: &[u8]) -> bool {
    line.iter().all(|c| c.is_ascii_whitespace())
}

/// Splits a paragraph into sentence spans (from a sentence's first token to its last).
pub fn split_sentences(text: &str, para: Range<usize>, lex: &Lexicon) -> Vec<Range<usize>> {
    let toks = tokenize(text, para);
    let mut out = Vec::new();
    let mut start: Option<usize> = None;
    let mut last_end = 0;
    let mut k = 0;
    while k < toks.len() {
        let t = toks[k];
        // A line that starts with a list marker starts a sentence.
        if start.is_some()
            && starts_line(text, t.start)
            && is_list_marker(text, &toks, k)
            && let Some(s) = start.take()
        {
            out.push(s..last_end);
        }
        start.get_or_insert(t.start);
        last_end = t.end;
        let boundary = match t.kind {
            TokKind::Punct => ends_sentence(text, &toks, k, lex),
            // "U.S." keeps its dot; it ends a sentence only before a typical opener.
            TokKind::Word => {
                let w = t.text(text);
                if w.len() > 2 && w.ends_with('.') {
                    // "…in the U.S.” The poll…": a closing quote after the dot ends it.
                    let mut n = k + 1;
                    while n < toks.len()
                        && is_closer(toks[n].text(text))
                        && toks[n].start == toks[n - 1].end
                    {
                        n += 1;
                    }
                    toks.get(n).is_some_and(|next| {
                        let starts_upper = next
                            .text(text)
                            .chars()
                            .next()
                            .is_some_and(char::is_uppercase);
                        (n > k + 1 && starts_upper)
                            || lex.sentences.openers.contains(next.text(text))
                    })
                } else {
                    false
                }
            }
            TokKind::Number => false,
        };
        if boundary {
            // Closing quotes and brackets belong to the sentence they close.
            while k + 1 < toks.len()
                && is_closer(toks[k + 1].text(text))
                && toks[k + 1].start == toks[k].end
            {
                k += 1;
                last_end = toks[k].end;
            }
            if let Some(s) = start.take() {
                out.push(s..last_end);
            }
        }
        k += 1;
    }
    if let Some(s) = start {
        out.push(s..last_end);
    }
    out.retain(|r| text[r.clone()].chars().any(char::is_alphanumeric));
    out
}

fn is_closer(s: &str) -> bool {
    matches!(s, "\"" | "”" | "’" | "'" | ")" | "]")
}

/// Whether only white space stands between the previous line break and `pos`.
fn starts_line(text: &str, pos: usize) -> bool {
    for &b in text.as_bytes()[..pos].iter().rev() {
        match b {
            b'\n' => return true,
            b' ' | b'\t' | b'\r' => {}
            _ => return false,
        }
    }
    false
}

fn is_list_marker(text: &str, toks: &[Token], k: usize) -> bool {
    let t = toks[k].text(text);
    matches!(t, "•" | "*" | "-" | "–" | "·" | "‣" | "◦")
        || (toks[k].kind == TokKind::Number
            && toks
                .get(k + 1)
                .is_some_and(|n| matches!(n.text(text), "." | ")")))
}

fn ends_sentence(text: &str, toks: &[Token], k: usize, lex: &Lexicon) -> bool {
    let p = toks[k].text(text);
    if !matches!(p, "." | "!" | "?" | "…") {
        return false;
    }
    let mut n = k + 1;
    while n < toks.len() && is_closer(toks[n].text(text)) && toks[n].start == toks[n - 1].end {
        n += 1;
    }
    let Some(next) = toks.get(n) else {
        return true;
    };
    if next.start == toks[n - 1].end {
        return false; // no space after: "3.5", ".com", "?!"
    }
    let first = next.text(text).chars().next().unwrap_or(' ');
    let opens = first.is_uppercase()
        || first.is_ascii_digit()
        || matches!(first, '"' | '“' | '‘' | '\'' | '(' | '[' | '•' | '*' | '-');
    if !opens {
        return false;
    }
    if p != "." || k == 0 {
        return true;
    }
    let prev = toks[k - 1];
    if prev.end != toks[k].start || prev.kind != TokKind::Word {
        return true;
    }
    let word = prev.text(text);
    let lower = word.to_lowercase();
    // "Dr. Gupta", "Oct. 10", and initials such as "J. Smith".
    !(lex.sentences.abbreviations.contains(&lower)
        || (word.chars().count() == 1 && word.chars().all(char::is_uppercase)))
}

/// The paragraphs of a text (runs of non-blank lines), in order, each from the start of its
/// first line to the end of its last (without the line break).
pub fn paragraphs(text: &str) -> impl Iterator<Item = Range<usize>> + '_ {
    let b = text.as_bytes();
    let mut pos = 0;
    std::iter::from_fn(move || {
        loop {
            if pos >= b.len() {
                return None;
            }
            let end = line_end(b, pos);
            if !is_blank(&b[pos..end]) {
                break;
            }
            pos = end + 1;
        }
        let para = paragraph_bounds(text, pos);
        pos = para.end + 1;
        Some(para)
    })
}

/// Every sentence of a text as the checker splits it: paragraphs split into sentences,
/// without those longer than [`MAX_SENTENCE_BYTES`], which the checker skips. Each sentence
/// comes with its paragraph's index.
pub fn sentences(text: &str, lex: &Lexicon) -> Vec<(usize, Range<usize>)> {
    let mut out = Vec::new();
    for (paragraph, para) in paragraphs(text).enumerate() {
        for r in split_sentences(text, para, lex) {
            if r.len() <= MAX_SENTENCE_BYTES {
                out.push((paragraph, r));
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn split(s: &str) -> Vec<&str> {
        split_sentences(s, 0..s.len(), Lexicon::english())
            .into_iter()
            .map(|r| &s[r])
            .collect()
    }

    #[test]
    fn sentences_respect_abbreviations_and_decimals() {
        let s = "Dr. Rahul Gupta spoke in Oct. 2023 about 0.02 percent. The U.S. Senate listened. Next one!";
        assert_eq!(
            split(s),
            [
                "Dr. Rahul Gupta spoke in Oct. 2023 about 0.02 percent.",
                "The U.S. Senate listened.",
                "Next one!"
            ]
        );
    }

    #[test]
    fn us_ends_a_sentence_before_a_typical_opener() {
        let s = "Fentanyl floods the U.S. The poll found 49%.";
        assert_eq!(
            split(s),
            ["Fentanyl floods the U.S.", "The poll found 49%."]
        );
    }

    #[test]
    fn a_quote_closed_after_an_abbreviation_ends_the_sentence() {
        let s = "overdoses in the U.S.” The poll also found 49%.";
        assert_eq!(
            split(s),
            ["overdoses in the U.S.”", "The poll also found 49%."]
        );
    }

    #[test]
    fn quotes_close_with_their_sentence() {
        let s = "He called it the “single greatest challenge.” Then he left.";
        assert_eq!(
            split(s),
            [
                "He called it the “single greatest challenge.”",
                "Then he left."
            ]
        );
    }

    #[test]
    fn paragraphs_end_at_blank_lines() {
        let s = "one\ntwo\n\nthree\n  \nfour";
        assert_eq!(&s[paragraph_bounds(s, 5)], "one\ntwo");
        assert_eq!(&s[paragraph_bounds(s, 10)], "three");
        assert_eq!(&s[paragraph_bounds(s, s.len() - 1)], "four");
    }

    #[test]
    fn list_items_are_sentences() {
        let s = "Intro line\n  • Home\n  • News";
        assert_eq!(split(s), ["Intro line", "• Home", "• News"]);
    }
}
