//! Word tokens as byte spans into the text: words, numbers (with their separators and
//! attached letters) and single punctuation characters.

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
            // Digits since the last separator, and whether a decimal point was read: a group
            // separator follows at most three digits of the integer part.
            let mut run = 1;
            let mut decimal = false;
            while let Some(&(j, d)) = it.peek() {
                if d.is_ascii_digit() {
                    it.next();
                    end = j + 1;
                    run += 1;
                } else if (d == ',' || d == '.') && next_is_digit(s, j + 1) {
                    // "14,104" and "0.02"; "2023." at a sentence end stays a number and a dot.
                    if d == ',' && !comma_group(s, j + 1) {
                        break;
                    }
                    it.next();
                    end = j + 1;
                    decimal |= d == '.';
                    run = 0;
                } else if is_group_space(d)
                    && !decimal
                    && run <= 3
                    && comma_group(s, j + d.len_utf8())
                {
                    // "70 601", "70 601" (no-break or thin space), "70’601": one number.
                    it.next();
                    end = j + d.len_utf8();
                    run = 0;
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
                // Letters, apostrophes inside words ("don't", "Mayorkas’s"), and invisible
                // characters inside words (a soft hyphen in "Fen\u{ad}tanyl").
                if d.is_alphanumeric()
                    || ((d == '\'' || d == '’' || is_invisible(d))
                        && next_is_alpha(s, j + d.len_utf8()))
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

/// Characters that separate groups of three digits: a plain, no-break, thin or narrow
/// no-break space, or an apostrophe ("70 601", "70’601").
pub fn is_group_space(c: char) -> bool {
    matches!(c, ' ' | '\u{a0}' | '\u{2009}' | '\u{202f}' | '\'' | '’')
}

/// Characters that are invisible inside a word: soft hyphen, zero-width space and joiners,
/// word joiner, and a byte-order mark. Words are matched without them.
pub fn is_invisible(c: char) -> bool {
    matches!(
        c,
        '\u{ad}' | '\u{200b}' | '\u{200c}' | '\u{200d}' | '\u{2060}' | '\u{feff}'
    )
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

#[cfg(test)]
mod tests {
    use super::*;

    fn words(s: &str) -> Vec<&str> {
        tokenize(s, 0..s.len()).iter().map(|t| t.text(s)).collect()
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
    fn spaced_thousands_are_one_number() {
        assert_eq!(words("about 70 601 deaths"), ["about", "70 601", "deaths"]);
        assert_eq!(words("about 70\u{a0}601"), ["about", "70\u{a0}601"]);
        assert_eq!(words("about 70\u{2009}601"), ["about", "70\u{2009}601"]);
        assert_eq!(
            words("70’601 and 1 000 000"),
            ["70’601", "and", "1 000 000"]
        );
        // Not a group: four digits before, two after, a year after a day, a decimal part.
        assert_eq!(words("in 2021 150 died"), ["in", "2021", "150", "died"]);
        assert_eq!(words("ages 15 24"), ["ages", "15", "24"]);
        assert_eq!(words("March 13 2023"), ["March", "13", "2023"]);
        assert_eq!(words("0.5 100"), ["0.5", "100"]);
    }

    #[test]
    fn invisible_characters_stay_inside_words() {
        assert_eq!(words("Fen\u{ad}tanyl kills"), ["Fen\u{ad}tanyl", "kills"]);
        assert_eq!(words("Fen\u{200b}tanyl"), ["Fen\u{200b}tanyl"]);
        assert_eq!(words("end\u{ad} next"), ["end", "\u{ad}", "next"]);
    }
}
