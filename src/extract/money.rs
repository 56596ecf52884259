//! Money: "$369 billion", "US$52.7bn", "$1.2tn", "€40 million", "£3bn", "369 billion
//! dollars", "nearly $370 billion", "$10,000 per borrower", "$5.02 a gallon". The currency
//! is part of the figure: amounts in different currencies are never compared.

use super::bound::{bound_before, interval};
use super::measure::Measure;
use super::numeral::{Suffix, digits_at};
use super::{Bound, Figure};
use crate::lexicon::measures::{Currency, Measures};
use crate::text::{TokKind, Words};

/// An amount of money starting at token `i` (a sign, a code, or a number followed by a
/// currency word).
pub(super) fn money_at(text: &str, w: &Words, i: usize) -> Option<(Figure, usize)> {
    let m = Measures::get();
    let tok = w.toks.get(i)?;
    // "US$", "A$": letters written against the sign.
    let touching = |a: usize, b: usize| {
        w.toks
            .get(a)
            .zip(w.toks.get(b))
            .is_some_and(|(x, y)| x.end == y.start)
    };
    let (currency, num_at) = if tok.kind == TokKind::Word
        && let Some(c) = m.dollar_prefixes.get(w.word(i))
        && w.word(i + 1) == "$"
        && touching(i, i + 1)
    {
        (c, i + 2)
    } else if let Some(c) = m.currency_signs.get(w.word(i)) {
        (c, i + 1)
    } else if tok.kind == TokKind::Word
        && let Some(c) = m.currency_codes.get(w.word(i))
        && w.toks.get(i + 1).is_some_and(|t| t.kind == TokKind::Number)
    {
        (c, i + 1)
    } else if tok.kind == TokKind::Number {
        return amount_then_word(text, w, i);
    } else {
        return None;
    };
    let (v, end) = amount_at(text, w, num_at)?;
    if let Some(found) = range_at(text, w, i, num_at, v, end, currency) {
        return Some(found);
    }
    let (bound, start) = bound_before(w, i);
    Some(finish(
        w,
        interval(bound, v, f64::INFINITY),
        currency,
        bound,
        start,
        end,
    ))
}

/// "$60 to $120 a dose", "between $60 and $120 per dose", "$1 to $2 billion": one ranged
/// amount from the first amount (its sign at token `i`, its number at `num_at`, its value `a`,
/// its end `end`), its `per` read after the second. Not after a change word ("rose $1.20 to
/// $5.02": a change and a level, "cut by $20 to $100").
fn range_at(
    text: &str,
    w: &Words,
    i: usize,
    num_at: usize,
    a: f64,
    end: usize,
    currency: Currency,
) -> Option<(Figure, usize)> {
    let m = Measures::get();
    let bounds = &w.lex.bounds;
    let between = i > 0 && w.is(i - 1, &bounds.range_opener);
    let sep = w.word(end);
    if !(bounds.range_joiners.contains(sep) || (between && sep == w.lex.numbers.conjunction)) {
        return None;
    }
    let mut before = i;
    if before > 0 && w.word(before - 1) == w.lex.people.by {
        before -= 1;
    }
    let changed = |k: usize| {
        let x = w.word(k);
        m.change_up.contains(x)
            || m.change_down.contains(x)
            || w.lex.changes.verbs.contains(x)
            || super::from_to::after_change_from(w, k + 1)
    };
    if before < i || (i > 0 && changed(i - 1)) {
        return None;
    }
    // The second amount: its own sign (the same currency) or a bare number.
    let mut k = end + 1;
    if let Some(c) = m.currency_signs.get(w.word(k)) {
        if c != currency {
            return None;
        }
        k += 1;
    }
    let (b, stop) = amount_at(text, w, k)?;
    // "$1 to $2 billion": a scale written once, after the second amount, is the first's too.
    let scale = b / written_digits(text, w, k)?;
    let first_bare = end == num_at + 1 && written_digits(text, w, num_at) == Some(a);
    let lo = if first_bare && scale > 1.0 && a * scale < b {
        a * scale
    } else {
        a
    };
    if lo.partial_cmp(&b) != Some(std::cmp::Ordering::Less) {
        return None;
    }
    let start = if between { i - 1 } else { i };
    Some(finish(w, (lo, b), currency, Bound::Range, start, stop))
}

/// The number written in the digits of token `k`, without any scale ("2" of "2bn").
fn written_digits(text: &str, w: &Words, k: usize) -> Option<f64> {
    let t = w.toks.get(k)?;
    if t.kind != TokKind::Number {
        return None;
    }
    let digits: String = t
        .text(text)
        .chars()
        .take_while(|c| c.is_ascii_digit() || *c == '.' || *c == ',')
        .filter(|c| *c != ',')
        .collect();
    digits
        .parse()
        .ok()
        .filter(|v: &f64| v.is_finite() && *v > 0.0)
}

/// "369 billion dollars", "40 million euros".
fn amount_then_word(text: &str, w: &Words, i: usize) -> Option<(Figure, usize)> {
    let m = Measures::get();
    let (v, end) = amount_at(text, w, i)?;
    let (currency, end) = if let Some(c) = m.currency_words.get(w.word(end)) {
        (c, end + 1)
    } else if w.is_phrase(end, "pounds sterling").is_some() {
        (Currency(*b"GBP"), end + 2)
    } else {
        return None;
    };
    let (bound, start) = bound_before(w, i);
    Some(finish(
        w,
        interval(bound, v, f64::INFINITY),
        currency,
        bound,
        start,
        end,
    ))
}

/// The amount at token `i`: digits with a scale ("115.9bn", "1.2 billion", "1.2tn").
fn amount_at(text: &str, w: &Words, i: usize) -> Option<(f64, usize)> {
    // Money is no year: "$1600", "2000 dollars".
    if let Some(n) = digits_at(text, w, i)
        && n.suffix == Suffix::None
        && !n.fraction
    {
        return Some((n.value, n.end));
    }
    // Scales the English lexicon does not know as digit letters ("tn").
    let t = w.toks.get(i)?;
    if t.kind != TokKind::Number {
        return None;
    }
    let raw = t.text(text);
    let split = raw.find(|c: char| c.is_alphabetic())?;
    let (num, letters) = raw.split_at(split);
    let scale = Measures::get().money_scales.get(&letters.to_lowercase())?;
    let clean: String = num.chars().filter(|c| *c != ',').collect();
    let v: f64 = clean.parse().ok().filter(|v: &f64| v.is_finite())?;
    Some((v * scale, i + 1))
}

/// The money figure of values `(lo, hi)` over tokens `start..end`, with the `per` written
/// after it.
fn finish(
    w: &Words,
    (lo, hi): (f64, f64),
    currency: Currency,
    bound: Bound,
    start: usize,
    end: usize,
) -> (Figure, usize) {
    let m = Measures::get();
    // "$5.02 a gallon", "$10,000 per borrower".
    let (per, end) = if m.per_introducers.contains(w.word(end))
        && let Some(p) = w.lex.per_index(w.word(end + 1))
    {
        (Some(p), end + 2)
    } else {
        (None, end)
    };
    let f = Figure::measured(
        w,
        Measure::Money {
            lo,
            hi,
            currency,
            per,
        },
        bound,
        start..end,
    );
    (f, end)
}
