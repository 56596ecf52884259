//! Prose structure: paragraphs, sentences and word tokens, all as byte spans into the text.
//!
//! The splitter is our own because general-purpose sentence rules break after "Dr.", "U.S."
//! and "Oct." (common in news copy) and know nothing of figures like "0.02" or "3/13/2023".

use std::ops::Range;

/// What a token is; numbers keep attached letters ("70k", "10th", "50x", "FY" is a word).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TokKind {
    /// Letters (with internal apostrophes, and dots inside abbreviations like "U.S.").
    Word,
    /// Digits with thousands separators and a decimal part, plus any attached letters.
    Number,
    /// Any other single character that is not white space.
    Punct,
}

/// One token: its kind and byte span in the text it was read from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Token {
    pub kind: TokKind,
    pub start: usize,
    pub end: usize,
}

impl Token {
    /// The token's text.
    pub fn text<'t>(&self, text: &'t str) -> &'t str {
        &text[self.start..self.end]
    }
}

/// Splits `text[range]` into tokens with absolute byte offsets.
pub fn tokenize(text: &str, range: Range<usize>) -> Vec<Token> {
    let mut out = Vec::new();
    let s = &text[range.clone()];
    let base = range.start;
    let mut it = s.char_indices().peekable();
    while let Some((i, c)) = it.next() {
        if c.is_whitespace() {
            continue;
        }
        if c.is_ascii_digit() {
            let mut end = i + c.len_utf8();
            while let Some(&(j, d)) = it.peek() {
                if d.is_ascii_digit() {
                    it.next();
                    end = j + 1;
                } else if (d == ',' || d == '.') && next_is_digit(s, j + 1) {
                    // "14,104" and "0.02"; "2023." at a sentence end stays a number and a dot.
                    if d == ',' && !comma_group(s, j + 1) {
                        break;
                    }
                    it.next();
                    end = j + 1;
                } else if d.is_alphabetic() {
                    // attached suffix: 70k, 10th, 50x, 1990s
                    it.next();
                    end = j + d.len_utf8();
                } else {
                    break;
                }
            }
            out.push(Token {
                kind: TokKind::Number,
                start: base + i,
                end: base + end,
            });
        } else if c.is_alphabetic() {
            let mut end = i + c.len_utf8();
            while let Some(&(j, d)) = it.peek() {
                // Letters, and apostrophes inside words ("don't", "Mayorkas’s").
                if d.is_alphanumeric()
                    || ((d == '\'' || d == '’') && next_is_alpha(s, j + d.len_utf8()))
                {
                    it.next();
                    end = j + d.len_utf8();
                } else if d == '.' && is_abbrev_dot(s, i, j) {
                    it.next();
                    end = j + 1;
                } else {
                    break;
                }
            }
            out.push(Token {
                kind: TokKind::Word,
                start: base + i,
                end: base + end,
            });
        } else {
            out.push(Token {
                kind: TokKind::Punct,
                start: base + i,
                end: base + i + c.len_utf8(),
            });
        }
    }
    out
}

fn next_is_digit(s: &str, at: usize) -> bool {
    s.as_bytes().get(at).is_some_and(|b| b.is_ascii_digit())
}

fn next_is_alpha(s: &str, at: usize) -> bool {
    s.get(at..)
        .and_then(|r| r.chars().next())
        .is_some_and(char::is_alphabetic)
}

/// A comma is a thousands separator only before exactly three digits ("1,2,3" is a list).
fn comma_group(s: &str, at: usize) -> bool {
    let b = s.as_bytes();
    (0..3).all(|k| b.get(at + k).is_some_and(u8::is_ascii_digit))
        && !b.get(at + 3).is_some_and(u8::is_ascii_digit)
}

/// A dot belongs to the word for single-letter abbreviations: "U.S.", "U.K.", "a.m.", "D.C.".
fn is_abbrev_dot(s: &str, word_start: usize, dot: usize) -> bool {
    let word = &s[word_start..dot];
    let last_seg = word.rsplit('.').next().unwrap_or(word);
    if last_seg.chars().count() != 1 {
        return false;
    }
    // "U.S" needs its final dot too; "U" alone needs a following letter-dot pair.
    let after = &s[dot + 1..];
    let mut ch = after.chars();
    match (ch.next(), ch.next()) {
        (Some(a), Some('.')) if a.is_alphabetic() => true,
        _ => word.contains('.'),
    }
}

/// Words that end with a dot without ending a sentence.
const ABBREVIATIONS: &[&str] = &[
    "dr", "mr", "mrs", "ms", "sen", "sens", "rep", "reps", "gov", "gen", "lt", "col", "sgt",
    "capt", "st", "jr", "sr", "inc", "co", "corp", "ltd", "no", "nos", "vs", "v", "jan", "feb",
    "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec", "ave", "mt", "ft",
    "prof", "rev", "hon", "pres", "approx", "est", "dept", "univ", "fig", "ch", "pp", "e.g", "i.e",
    "etc", "al",
];

/// Words that start a new sentence even after "U.S." (otherwise "U.S." never ends one).
const SENTENCE_STARTERS: &[&str] = &[
    "The",
    "This",
    "That",
    "These",
    "Those",
    "It",
    "In",
    "A",
    "An",
    "But",
    "And",
    "However",
    "Yet",
    "Last",
    "According",
    "He",
    "She",
    "They",
    "We",
    "Its",
    "Their",
    "Since",
    "From",
    "On",
    "At",
    "By",
    "For",
    "Of",
    "Among",
    "Data",
    "There",
    "Fentanyl",
    "Most",
    "Many",
    "Some",
];

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
pub fn split_sentences(text: &str, para: Range<usize>) -> Vec<Range<usize>> {
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
            TokKind::Punct => ends_sentence(text, &toks, k),
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
                        (n > k + 1 && starts_upper) || SENTENCE_STARTERS.contains(&next.text(text))
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

fn ends_sentence(text: &str, toks: &[Token], k: usize) -> bool {
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
    !(ABBREVIATIONS.contains(&lower.as_str())
        || (word.chars().count() == 1 && word.chars().all(char::is_uppercase)))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(s: &str) -> Vec<&str> {
        tokenize(s, 0..s.len()).iter().map(|t| t.text(s)).collect()
    }

    fn split(s: &str) -> Vec<&str> {
        split_sentences(s, 0..s.len())
            .into_iter()
            .map(|r| &s[r])
            .collect()
    }

    #[test]
    fn tokens_keep_figures_whole() {
        assert_eq!(words("14,104 pounds"), ["14,104", "pounds"]);
        assert_eq!(words("only 0.02% were"), ["only", "0.02", "%", "were"]);
        assert_eq!(words("70k deaths, 10th"), ["70k", "deaths", ",", "10th"]);
        assert_eq!(words("1,2,3"), ["1", ",", "2", ",", "3"]);
        assert_eq!(words("in 2023."), ["in", "2023", "."]);
        assert_eq!(
            words("the U.S.-Mexico border"),
            ["the", "U.S.", "-", "Mexico", "border"]
        );
        assert_eq!(words("eighty-six"), ["eighty", "-", "six"]);
        assert_eq!(words("Mayorkas’s view"), ["Mayorkas’s", "view"]);
        assert_eq!(words("3/13/2023"), ["3", "/", "13", "/", "2023"]);
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
