//! Numerals: a number as written, in digits ("14,104", "0.02", "70k", "1.2 million") or in
//! words ("eighty-six", "nine hundred", "a quarter of a million", "half").

use super::when::valid_year;
use crate::text::{TokKind, Words, is_group_space};

/// A number as written, before we know what it measures.
#[derive(Debug, Clone, Copy)]
pub(super) struct Numeral {
    pub(super) value: f64,
    pub(super) end: usize,
    /// Written in digits, four of them, no separator, 1000–2999: it may be a year.
    pub(super) year_like: bool,
    /// A bare fraction word ("half", "a third"): a share unless scaled.
    pub(super) fraction: bool,
    /// The numeral had a "k"/"x"/ordinal suffix.
    pub(super) suffix: Suffix,
    /// Written "70.601": the dot may group thousands or be a decimal point.
    pub(super) dot_may_group: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Suffix {
    None,
    Times,
    Ordinal,
}

/// Skips joiners ("-") from token `i`.
pub(super) fn skip_joiners(w: &Words, mut i: usize) -> usize {
    while i < w.toks.len() && w.is_joiner(i) {
        i += 1;
    }
    i
}

/// Parses digits ("14,104", "0.02", "70k", "1.2 million") at token `i`.
pub(super) fn digits_at(text: &str, w: &Words, i: usize) -> Option<Numeral> {
    let t = w.toks.get(i)?;
    if t.kind != TokKind::Number {
        return None;
    }
    let raw = t.text(text);
    let split = raw
        .char_indices()
        .find(|(_, c)| c.is_alphabetic())
        .map_or(raw.len(), |(k, _)| k);
    let (num, suffix) = raw.split_at(split);
    let is_sep = |c: char| c == ',' || is_group_space(c);
    let has_sep = num.contains(is_sep);
    let clean: String = num.chars().filter(|c| !is_sep(*c)).collect();
    if clean.matches('.').count() > 1 || exponent_around(w, i) {
        return None;
    }
    // "70.601" is 70,601 where a dot groups thousands and 70.6 where it is a decimal point:
    // unsure, so never a count.
    let dot_may_group = !has_sep
        && suffix.is_empty()
        && clean
            .split_once('.')
            .is_some_and(|(int, frac)| (1..=3).contains(&int.len()) && frac.len() == 3);
    let mut value: f64 = clean.parse().ok()?;
    if !value.is_finite() {
        return None;
    }
    let mut sfx = Suffix::None;
    let numbers = &w.lex.numbers;
    let suffix_lower = suffix.to_lowercase();
    if let Some(scale) = numbers.digit_scales.get(&suffix_lower) {
        value *= scale;
    } else if numbers.digit_times.contains(&suffix_lower) {
        sfx = Suffix::Times;
    } else if numbers.ordinal_suffixes.contains(&suffix_lower) {
        sfx = Suffix::Ordinal;
    } else if !suffix.is_empty() {
        return None;
    }
    let year_like = suffix.is_empty()
        && !has_sep
        && !clean.contains('.')
        && clean.len() == 4
        && valid_year(value as u32);
    let mut end = i + 1;
    if sfx == Suffix::None
        && let Some(s) = numbers.scales.get(w.word(end))
    {
        value *= s;
        end += 1;
        return Some(Numeral {
            value,
            end,
            year_like: false,
            fraction: false,
            suffix: sfx,
            dot_may_group: false,
        });
    }
    Some(Numeral {
        value,
        end,
        year_like,
        fraction: false,
        suffix: sfx,
        dot_may_group,
    })
}

/// Parses number words ("eighty-six", "nine hundred", "a quarter of a million", "half") at
/// token `i`.
fn words_at(w: &Words, i: usize) -> Option<Numeral> {
    let n = w.toks.len();
    let word = |k: usize| w.word(k);
    let numbers = &w.lex.numbers;
    let small_word = |x: &str| numbers.small.get(x);
    let tens_word = |x: &str| numbers.tens.get(x);
    let scale_word = |x: &str| numbers.scales.get(x);
    let denominator = |x: &str| numbers.fractions.get(x);
    let article = |x: &str| numbers.articles.contains(x);
    // Fractions: [a|one|two…] half/third/quarter [of a] [million]
    let (num, den_at) = match word(i) {
        x if article(x) || small_word(x) == Some(1.0) => (1.0, skip_joiners(w, i + 1)),
        x if small_word(x).is_some() && denominator(word(skip_joiners(w, i + 1))).is_some() => {
            (small_word(x).unwrap_or(1.0), skip_joiners(w, i + 1))
        }
        _ => (1.0, i),
    };
    if let Some(den) = denominator(word(den_at)) {
        // "half" alone, "a half", "one half", "two-thirds"; not "first half" style ordinals.
        let frac = num / den;
        let mut end = den_at + 1;
        // "eighth-grade", "third-party", "half-time": an ordinal or a fraction joined to a
        // noun modifies it; no number. Joined to a scale or a unit it is one ("a
        // half-million", "a quarter-point").
        if end < n
            && w.is_joiner(end)
            && w.toks.get(end + 1).is_some_and(|t| t.kind == TokKind::Word)
            && scale_word(word(end + 1)).is_none()
            && !w.lex.follows_number(word(end + 1))
        {
            return None;
        }
        // "… of a million", "a million", "million", "-million"
        let mut k = skip_joiners(w, end);
        if word(k) == w.lex.dates.of {
            k += 1;
        }
        if article(word(k)) {
            k += 1;
        }
        if let Some(s) = scale_word(word(k)) {
            end = k + 1;
            return Some(Numeral {
                value: frac * s,
                end,
                year_like: false,
                fraction: false,
                suffix: Suffix::None,
                dot_may_group: false,
            });
        }
        // "quarter" alone is too ambiguous (a calendar quarter); "half"/"a third" are shares.
        if numbers.ambiguous_fractions.contains(word(den_at)) && den_at == i {
            return None;
        }
        return Some(Numeral {
            value: frac,
            end,
            year_like: false,
            fraction: true,
            suffix: Suffix::None,
            dot_may_group: false,
        });
    }
    // "half a million"
    if let Some(den) = denominator(word(i))
        && article(word(i + 1))
        && let Some(s) = scale_word(word(i + 2))
    {
        return Some(Numeral {
            value: s / den,
            end: i + 3,
            year_like: false,
            fraction: false,
            suffix: Suffix::None,
            dot_may_group: false,
        });
    }
    // Cardinals: standard total/current accumulation.
    let mut total = 0.0;
    let mut current = 0.0;
    let mut k = i;
    let mut any = false;
    let mut last_scale = false;
    while k < n {
        let x = word(k);
        if let Some(v) = small_word(x) {
            current += v;
            any = true;
            last_scale = false;
            k += 1;
        } else if let Some(v) = tens_word(x) {
            current += v;
            any = true;
            last_scale = false;
            k += 1;
            // "eighty-six"
            let j = skip_joiners(w, k);
            if j > k
                && let Some(u) = small_word(word(j))
                && u < 10.0
            {
                current += u;
                k = j + 1;
            }
        } else if let Some(g) = numbers.groups.get(x)
            && (any || article(word(k.wrapping_sub(1))))
        {
            // "nine hundred", "a dozen"
            current = current.max(1.0) * g;
            any = true;
            last_scale = true;
            k += 1;
        } else if let Some(s) = scale_word(x) {
            if !any && !article(word(k.wrapping_sub(1))) {
                break;
            }
            total += current.max(1.0) * s;
            current = 0.0;
            any = true;
            last_scale = true;
            k += 1;
        } else if article(x) && !any && k == i {
            // "a hundred", "a thousand", "a dozen"
            let next = word(k + 1);
            if numbers.groups.get(next).is_some() || scale_word(next).is_some() {
                k += 1;
            } else {
                break;
            }
        } else if x == numbers.conjunction
            && last_scale
            && (small_word(word(k + 1)).is_some() || tens_word(word(k + 1)).is_some())
        {
            k += 1;
        } else {
            break;
        }
    }
    if !any {
        return None;
    }
    // "three and a half", "two and a quarter": a whole number and a fraction of one.
    let mut part = 0.0;
    if word(k) == numbers.conjunction
        && article(word(k + 1))
        && let Some(d) = numbers.fractions.get(word(k + 2))
        && d > 0.0
    {
        part = 1.0 / d;
        k += 3;
    }
    let mut value = total + current + part;
    // "two and a quarter million"
    if part > 0.0
        && let Some(scale) = scale_word(word(k))
    {
        value *= scale;
        k += 1;
    }
    Some(Numeral {
        value,
        end: k,
        year_like: false,
        fraction: false,
        suffix: Suffix::None,
        dot_may_group: false,
    })
}

/// "10^400", "2^10": a power, written against its base or exponent, is no figure we read.
fn exponent_around(w: &Words, i: usize) -> bool {
    let touching = |a: usize, b: usize| matches!((w.toks.get(a), w.toks.get(b)), (Some(x), Some(y)) if x.end == y.start);
    (w.is(i + 1, "^") && touching(i, i + 1)) || (i > 0 && w.is(i - 1, "^") && touching(i - 1, i))
}

/// "twelvefold", "tenfold": a multiplier in one word.
pub(super) fn fold_word(w: &Words, word: &str) -> Option<f64> {
    let numbers = &w.lex.numbers;
    let stem = word.strip_suffix(crate::lexicon::FOLD_SUFFIX)?;
    numbers
        .small
        .get(stem)
        .or_else(|| numbers.tens.get(stem))
        .or_else(|| numbers.fold_stems.get(stem))
}

pub(super) fn numeral_at(text: &str, w: &Words, i: usize) -> Option<Numeral> {
    match w.toks.get(i)?.kind {
        TokKind::Number => digits_at(text, w, i),
        TokKind::Word => words_at(w, i),
        TokKind::Punct => None,
    }
}
