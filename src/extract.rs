//! Figures: the numbers, shares, multipliers, masses, rates and dates a sentence states.
//!
//! Every figure is an interval of values (so "more than 70,000", "about half" and "30 to 50
//! times" compare the same way as "70,601"), with the byte span of its words in the text.

use std::ops::Range;

use crate::terms::Words;
use crate::text::TokKind;

/// What a figure measures.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// A plain number of things ("70,000 deaths"), possibly per time span (see `per`).
    Count,
    /// A percentage, a fraction or a quantifier ("86%", "one in 5,000", "most").
    Share,
    /// A mass, in kilograms.
    Mass,
    /// "N times", "N-fold".
    Multiplier,
    /// Money, in dollars (recognised so it is never taken for a count).
    Money,
    /// A date or period (see `when`).
    When,
    /// A change ("rose 50%", "an increase of 79%", "5,000 more"): never a level or a share.
    Change,
}

/// The time span a rate is stated per.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Per {
    Day,
    Week,
    Month,
    Year,
    /// "per 100,000": a population rate, never a count.
    Capita,
}

impl Per {
    /// Parses the database spelling.
    pub fn parse(s: &str) -> Option<Per> {
        Some(match s {
            "day" => Per::Day,
            "week" => Per::Week,
            "month" => Per::Month,
            "year" => Per::Year,
            _ => return None,
        })
    }

    /// The spelling used in messages.
    pub fn name(self) -> &'static str {
        match self {
            Per::Day => "day",
            Per::Week => "week",
            Per::Month => "month",
            Per::Year => "year",
            Per::Capita => "100,000 people",
        }
    }
}

/// How precisely a date or period is stated.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Precision {
    Day,
    Month,
    Year,
    /// A fiscal year (U.S. federal: October to September).
    Fiscal,
    /// A span of years or dates ("2017–2021").
    Span,
    /// "since 2018": from then on.
    Since,
    /// A month with no year ("a February hearing"): `lo`/`hi` hold month and day in 0000.
    MonthOnly,
    /// A month and day with no year ("March 13").
    MonthDay,
    /// "last year", "last month": a period that is stated but cannot be resolved.
    Relative,
}

/// A date or period as an inclusive interval of days, each written `yyyymmdd`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct When {
    pub lo: u32,
    pub hi: u32,
    pub precision: Precision,
}

/// The open end of "since 2018".
pub const OPEN_END: u32 = 99_991_231;

impl When {
    /// A period that is stated but cannot be resolved ("last year").
    pub const RELATIVE: When = When {
        lo: 0,
        hi: 0,
        precision: Precision::Relative,
    };

    /// The calendar years `a` to `b`.
    fn years(a: u32, b: u32) -> When {
        When {
            lo: a * 10000 + 101,
            hi: b * 10000 + 1231,
            precision: Precision::Span,
        }
    }

    fn year(y: u32) -> When {
        When {
            lo: y * 10000 + 101,
            hi: y * 10000 + 1231,
            precision: Precision::Year,
        }
    }

    fn fiscal(y: u32) -> When {
        When {
            lo: (y - 1) * 10000 + 1001,
            hi: y * 10000 + 930,
            precision: Precision::Fiscal,
        }
    }

    fn month(y: u32, m: u32) -> When {
        When {
            lo: y * 10000 + m * 100 + 1,
            hi: y * 10000 + m * 100 + days_in_month(y, m),
            precision: Precision::Month,
        }
    }

    fn day(y: u32, m: u32, d: u32) -> When {
        let v = y * 10000 + m * 100 + d;
        When {
            lo: v,
            hi: v,
            precision: Precision::Day,
        }
    }

    /// Parses the database spelling: `2021`, `FY2021`, `2017..2021`, `since 2018`, `2023-10`,
    /// `2023-10-03`, `2023-10-07..2023-10-10`.
    pub fn parse(s: &str) -> Option<When> {
        let s = s.trim();
        if let Some(rest) = s.strip_prefix("since ") {
            let w = When::parse(rest)?;
            return Some(When {
                lo: w.lo,
                hi: OPEN_END,
                precision: Precision::Since,
            });
        }
        if let Some((a, b)) = s.split_once("..") {
            let (a, b) = (When::parse(a)?, When::parse(b)?);
            if a.lo > b.hi {
                return None;
            }
            return Some(When {
                lo: a.lo,
                hi: b.hi,
                precision: Precision::Span,
            });
        }
        if let Some(y) = s.strip_prefix("FY") {
            let y: u32 = y.trim().parse().ok()?;
            return valid_year(y).then(|| When::fiscal(y));
        }
        let parts: Vec<&str> = s.split('-').collect();
        let num = |p: &str| -> Option<u32> {
            if p.is_empty() || !p.bytes().all(|b| b.is_ascii_digit()) || p.len() > 4 {
                return None;
            }
            p.parse().ok()
        };
        match parts.as_slice() {
            [y] => {
                let y = num(y)?;
                valid_year(y).then(|| When::year(y))
            }
            [y, m] => {
                let (y, m) = (num(y)?, num(m)?);
                (valid_year(y) && (1..=12).contains(&m)).then(|| When::month(y, m))
            }
            [y, m, d] => {
                let (y, m, d) = (num(y)?, num(m)?, num(d)?);
                valid_date(y, m, d).then(|| When::day(y, m, d))
            }
            _ => None,
        }
    }

    /// Whether two stated periods overlap.
    pub fn overlaps(&self, other: &When) -> bool {
        match (self.precision, other.precision) {
            (Precision::Relative, _) | (_, Precision::Relative) => false,
            (Precision::MonthOnly | Precision::MonthDay, _) => month_day_overlap(self, other),
            (_, Precision::MonthOnly | Precision::MonthDay) => month_day_overlap(other, self),
            _ => self.lo <= other.hi && other.lo <= self.hi,
        }
    }

    /// The same period (used for claims whose figures cover a period).
    pub fn same_period(&self, other: &When) -> bool {
        self.lo == other.lo && self.hi == other.hi && self.precision != Precision::Relative
    }

    /// Whether the period names a year only in part (no year given).
    pub fn is_yearless(&self) -> bool {
        matches!(self.precision, Precision::MonthOnly | Precision::MonthDay)
    }
}

/// A yearless month (and day) against a dated interval: compares month and day only.
fn month_day_overlap(partial: &When, full: &When) -> bool {
    if full.is_yearless() {
        return partial.lo % 10000 / 100 == full.lo % 10000 / 100;
    }
    let m = partial.lo % 10000 / 100;
    let d = partial.lo % 100;
    let (lo, hi) = (full.lo, full.hi.min(full.lo + 20000)); // at most a couple of years
    let mut y = lo / 10000;
    while y <= hi / 10000 {
        let (a, b) = if partial.precision == Precision::MonthDay {
            (y * 10000 + m * 100 + d, y * 10000 + m * 100 + d)
        } else {
            (y * 10000 + m * 100 + 1, y * 10000 + m * 100 + 31)
        };
        if a <= full.hi && full.lo <= b {
            return true;
        }
        y += 1;
    }
    false
}

/// Years we read in text and in the database: early enough for history, late enough for
/// forecasts, narrow enough that "2500 were arrested" is a count.
fn valid_year(y: u32) -> bool {
    (1600..=2100).contains(&y)
}

fn days_in_month(y: u32, m: u32) -> u32 {
    match m {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        _ if (y.is_multiple_of(4) && !y.is_multiple_of(100)) || y.is_multiple_of(400) => 29,
        _ => 28,
    }
}

fn valid_date(y: u32, m: u32, d: u32) -> bool {
    valid_year(y) && (1..=12).contains(&m) && d >= 1 && d <= days_in_month(y, m)
}

/// How the sentence bounds a figure.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Bound {
    Exact,
    /// "about", "roughly", "some".
    Approx,
    /// "nearly", "almost": a little below.
    Below,
    /// "more than", "over", "at least".
    AtLeast,
    /// "fewer than", "less than", "under", "up to".
    AtMost,
    /// "30 to 50", "between 60,000 and 80,000".
    Range,
    /// A quantifier: "most", "the vast majority", "few".
    Quantifier,
}

/// One figure stated in a sentence.
#[derive(Debug, Clone, PartialEq)]
pub struct Figure {
    pub kind: Kind,
    /// The stated values as an interval in the kind's unit (percent, kg, count, times).
    pub lo: f64,
    pub hi: f64,
    pub bound: Bound,
    /// Byte span of the figure's words, bound words included ("more than 70,000").
    pub span: Range<usize>,
    /// Token index range of the figure's words.
    pub toks: Range<usize>,
    /// Token index just after the number and its unit (where "of …", a noun, "than …" follow).
    pub after: usize,
    /// For counts stated per time span or per population.
    pub per: Option<Per>,
    /// For dates and periods.
    pub when: Option<When>,
}

/// Relative width of a hedge ("about 5,500" means 5,225–5,775).
const HEDGE: f64 = 0.05;
/// "nearly 200": from 90% of the value up to it.
const BELOW: f64 = 0.10;

/// Extracts every figure of a sentence, in order.
pub fn figures(text: &str, w: &Words) -> Vec<Figure> {
    let mut out = Vec::new();
    let n = w.toks.len();
    let mut i = 0;
    while i < n {
        if let Some((f, next)) = when_at(text, w, i) {
            out.push(f);
            i = next.max(i + 1);
            continue;
        }
        if let Some((f, next)) = quantifier_at(w, i) {
            out.push(f);
            i = next.max(i + 1);
            continue;
        }
        if let Some((f, next)) = number_figure_at(text, w, i) {
            out.push(f);
            i = next.max(i + 1);
            continue;
        }
        i += 1;
    }
    out
}

// ---------------------------------------------------------------------------------------
// Numbers

/// A number as written, before we know what it measures.
#[derive(Debug, Clone, Copy)]
struct Numeral {
    value: f64,
    end: usize,
    /// Written in digits, four of them, no separator, 1000–2999: it may be a year.
    year_like: bool,
    /// A bare fraction word ("half", "a third"): a share unless scaled.
    fraction: bool,
    /// The numeral had a "k"/"x"/ordinal suffix.
    suffix: Suffix,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Suffix {
    None,
    Times,
    Ordinal,
}

fn small_word(w: &str) -> Option<f64> {
    Some(match w {
        "zero" => 0.0,
        "one" => 1.0,
        "two" => 2.0,
        "three" => 3.0,
        "four" => 4.0,
        "five" => 5.0,
        "six" => 6.0,
        "seven" => 7.0,
        "eight" => 8.0,
        "nine" => 9.0,
        "ten" => 10.0,
        "eleven" => 11.0,
        "twelve" => 12.0,
        "thirteen" => 13.0,
        "fourteen" => 14.0,
        "fifteen" => 15.0,
        "sixteen" => 16.0,
        "seventeen" => 17.0,
        "eighteen" => 18.0,
        "nineteen" => 19.0,
        _ => return None,
    })
}

fn tens_word(w: &str) -> Option<f64> {
    Some(match w {
        "twenty" => 20.0,
        "thirty" => 30.0,
        "forty" => 40.0,
        "fifty" => 50.0,
        "sixty" => 60.0,
        "seventy" => 70.0,
        "eighty" => 80.0,
        "ninety" => 90.0,
        _ => return None,
    })
}

fn scale_word(w: &str) -> Option<f64> {
    Some(match w {
        "thousand" => 1e3,
        "million" => 1e6,
        "billion" => 1e9,
        "trillion" => 1e12,
        _ => return None,
    })
}

/// Denominators of fraction words: "half" 2, "third" 3, "quarter" 4 …
fn denominator(w: &str) -> Option<f64> {
    Some(match w {
        "half" | "halves" => 2.0,
        "third" | "thirds" => 3.0,
        "quarter" | "quarters" | "fourth" | "fourths" => 4.0,
        "fifth" | "fifths" => 5.0,
        "sixth" | "sixths" => 6.0,
        "seventh" | "sevenths" => 7.0,
        "eighth" | "eighths" => 8.0,
        "ninth" | "ninths" => 9.0,
        "tenth" | "tenths" => 10.0,
        _ => return None,
    })
}

/// Skips joiners ("-") from token `i`.
fn skip_joiners(w: &Words, mut i: usize) -> usize {
    while i < w.toks.len() && w.is_joiner(i) {
        i += 1;
    }
    i
}

/// Parses digits ("14,104", "0.02", "70k", "1.2 million") at token `i`.
fn digits_at(text: &str, w: &Words, i: usize) -> Option<Numeral> {
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
    let has_sep = num.contains(',');
    let clean: String = num.chars().filter(|c| *c != ',').collect();
    if clean.matches('.').count() > 1 {
        return None;
    }
    let mut value: f64 = clean.parse().ok()?;
    if !value.is_finite() {
        return None;
    }
    let mut sfx = Suffix::None;
    match suffix.to_lowercase().as_str() {
        "" => {}
        "k" => value *= 1e3,
        "m" | "mn" | "mil" => value *= 1e6,
        "b" | "bn" => value *= 1e9,
        "x" => sfx = Suffix::Times,
        "th" | "st" | "nd" | "rd" => sfx = Suffix::Ordinal,
        _ => return None,
    }
    let year_like = suffix.is_empty()
        && !has_sep
        && !clean.contains('.')
        && clean.len() == 4
        && valid_year(value as u32);
    let mut end = i + 1;
    if sfx == Suffix::None
        && let Some(s) = w.norm.get(end).and_then(|x| scale_word(x))
    {
        value *= s;
        end += 1;
        return Some(Numeral {
            value,
            end,
            year_like: false,
            fraction: false,
            suffix: sfx,
        });
    }
    Some(Numeral {
        value,
        end,
        year_like,
        fraction: false,
        suffix: sfx,
    })
}

/// Parses number words ("eighty-six", "nine hundred", "a quarter of a million", "half") at
/// token `i`.
fn words_at(w: &Words, i: usize) -> Option<Numeral> {
    let n = w.toks.len();
    let word = |k: usize| w.norm.get(k).map(String::as_str).unwrap_or("");
    // Fractions: [a|one|two…] half/third/quarter [of a] [million]
    let (num, den_at) = match word(i) {
        "a" | "an" | "one" => (1.0, skip_joiners(w, i + 1)),
        x if small_word(x).is_some() && denominator(word(skip_joiners(w, i + 1))).is_some() => {
            (small_word(x).unwrap_or(1.0), skip_joiners(w, i + 1))
        }
        _ => (1.0, i),
    };
    if let Some(den) = denominator(word(den_at)) {
        // "half" alone, "a half", "one half", "two-thirds"; not "first half" style ordinals.
        let frac = num / den;
        let mut end = den_at + 1;
        // "… of a million", "a million", "million"
        let mut k = end;
        if word(k) == "of" {
            k += 1;
        }
        if matches!(word(k), "a" | "an") {
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
            });
        }
        // "quarter" alone is too ambiguous (a calendar quarter); "half"/"a third" are shares.
        if den == 4.0 && den_at == i {
            return None;
        }
        return Some(Numeral {
            value: frac,
            end,
            year_like: false,
            fraction: true,
            suffix: Suffix::None,
        });
    }
    // "half a million"
    if word(i) == "half"
        && matches!(word(i + 1), "a" | "an")
        && let Some(s) = scale_word(word(i + 2))
    {
        return Some(Numeral {
            value: 0.5 * s,
            end: i + 3,
            year_like: false,
            fraction: false,
            suffix: Suffix::None,
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
        } else if x == "hundred" && (any || matches!(word(k.wrapping_sub(1)), "a" | "an")) {
            current = current.max(1.0) * 100.0;
            any = true;
            last_scale = true;
            k += 1;
        } else if let Some(s) = scale_word(x) {
            if !any && !matches!(word(k.wrapping_sub(1)), "a" | "an") {
                break;
            }
            total += current.max(1.0) * s;
            current = 0.0;
            any = true;
            last_scale = true;
            k += 1;
        } else if x == "dozen" && (any || matches!(word(k.wrapping_sub(1)), "a" | "an")) {
            current = current.max(1.0) * 12.0;
            any = true;
            last_scale = true;
            k += 1;
        } else if matches!(x, "a" | "an") && !any && k == i {
            // "a hundred", "a thousand", "a dozen"
            match word(k + 1) {
                "hundred" | "thousand" | "million" | "billion" | "dozen" => k += 1,
                _ => break,
            }
        } else if x == "and"
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
    Some(Numeral {
        value: total + current,
        end: k,
        year_like: false,
        fraction: false,
        suffix: Suffix::None,
    })
}

/// "twelvefold", "tenfold": a multiplier in one word.
fn fold_word(word: &str) -> Option<f64> {
    let stem = word.strip_suffix("fold")?;
    small_word(stem).or_else(|| tens_word(stem)).or(match stem {
        "hundred" => Some(100.0),
        "thousand" => Some(1000.0),
        _ => None,
    })
}

fn numeral_at(text: &str, w: &Words, i: usize) -> Option<Numeral> {
    match w.toks.get(i)?.kind {
        TokKind::Number => digits_at(text, w, i),
        TokKind::Word => words_at(w, i),
        TokKind::Punct => None,
    }
}

/// Bound phrases before a figure, longest first.
const BOUNDS_BEFORE: &[(&str, Bound)] = &[
    ("no fewer than", Bound::AtLeast),
    ("no less than", Bound::AtLeast),
    ("no more than", Bound::AtMost),
    ("not more than", Bound::AtMost),
    ("in excess of", Bound::AtLeast),
    ("more or less", Bound::Approx),
    ("an estimated", Bound::Approx),
    ("as many as", Bound::AtMost),
    ("as much as", Bound::AtMost),
    ("as high as", Bound::AtMost),
    ("more than", Bound::AtLeast),
    ("greater than", Bound::AtLeast),
    ("higher than", Bound::AtLeast),
    ("at least", Bound::AtLeast),
    ("upwards of", Bound::AtLeast),
    ("upward of", Bound::AtLeast),
    ("north of", Bound::AtLeast),
    ("well over", Bound::AtLeast),
    ("well above", Bound::AtLeast),
    ("just over", Bound::AtLeast),
    ("just above", Bound::AtLeast),
    ("fewer than", Bound::AtMost),
    ("less than", Bound::AtMost),
    ("lower than", Bound::AtMost),
    ("at most", Bound::AtMost),
    ("up to", Bound::AtMost),
    ("just under", Bound::Below),
    ("just below", Bound::Below),
    ("shy of", Bound::Below),
    ("close to", Bound::Below),
    ("nearly", Bound::Below),
    ("almost", Bound::Below),
    ("approaching", Bound::Below),
    ("over", Bound::AtLeast),
    ("above", Bound::AtLeast),
    ("exceeding", Bound::AtLeast),
    ("exceeded", Bound::AtLeast),
    ("exceeds", Bound::AtLeast),
    ("topped", Bound::AtLeast),
    ("surpassed", Bound::AtLeast),
    ("under", Bound::AtMost),
    ("below", Bound::AtMost),
    ("about", Bound::Approx),
    ("around", Bound::Approx),
    ("roughly", Bound::Approx),
    ("approximately", Bound::Approx),
    ("approx", Bound::Approx),
    ("some", Bound::Approx),
    ("estimated", Bound::Approx),
    ("circa", Bound::Approx),
    ("~", Bound::Approx),
];

/// Words that may stand between a bound and its number without changing it.
fn is_filler(word: &str) -> bool {
    matches!(word, "only" | "just" | "a" | "mere" | "fully" | "still")
}

/// The bound stated before token `start`, and where its words begin.
fn bound_before(w: &Words, start: usize) -> (Bound, usize) {
    // "only 0.02%", "just 5,544": skip fillers, but only if a bound precedes them.
    let mut s = start;
    while s > 0 && is_filler(&w.norm[s - 1]) && w.norm[s - 1] != "a" {
        s -= 1;
    }
    for &(phrase, bound) in BOUNDS_BEFORE {
        let len = phrase.split(' ').count();
        for cand in [start, s] {
            if cand >= len
                && let Some(end) = w.is_phrase(cand - len, phrase)
                && end == cand
            {
                // "at least" vs "least": the phrase table is longest first.
                return (bound, cand - len);
            }
        }
    }
    (Bound::Exact, start)
}

/// Bounds written after the figure: "or more", "or so", "-plus".
fn bound_after(w: &Words, after: usize) -> Option<(Bound, usize)> {
    let word = |k: usize| w.norm.get(k).map(String::as_str).unwrap_or("");
    match (word(after), word(after + 1)) {
        ("or", "more") | ("or", "higher") => Some((Bound::AtLeast, after + 2)),
        ("or", "fewer") | ("or", "less") => Some((Bound::AtMost, after + 2)),
        ("or", "so") => Some((Bound::Approx, after + 2)),
        ("plus", _) => Some((Bound::AtLeast, after + 1)),
        ("-", "plus") => Some((Bound::AtLeast, after + 2)),
        _ => None,
    }
}

/// Applies a bound to a stated value: the interval of values the words allow.
fn interval(bound: Bound, v: f64, max: f64) -> (f64, f64) {
    match bound {
        Bound::Exact | Bound::Range | Bound::Quantifier => (v, v),
        Bound::Approx => (v * (1.0 - HEDGE), (v * (1.0 + HEDGE)).min(max)),
        Bound::Below => (v * (1.0 - BELOW), v),
        Bound::AtLeast => (v, max),
        Bound::AtMost => (0.0, v),
    }
}

/// The values a figure states: its range as written, or its value under its bound.
fn stated(ranged: bool, lo: f64, hi: f64, bound: Bound, max: f64) -> (f64, f64) {
    if ranged {
        (lo, hi)
    } else {
        interval(bound, lo, max)
    }
}

/// Mass units and their size in kilograms; multi-word units first.
const MASS_UNITS: &[(&str, f64)] = &[
    ("metric tons", 1000.0),
    ("metric ton", 1000.0),
    ("metric tonnes", 1000.0),
    ("short tons", 907.184_74),
    ("short ton", 907.184_74),
    ("tonnes", 1000.0),
    ("tonne", 1000.0),
    ("tons", 907.184_74),
    ("ton", 907.184_74),
    ("pounds", 0.453_592_37),
    ("pound", 0.453_592_37),
    ("lbs", 0.453_592_37),
    ("lb", 0.453_592_37),
    ("kilograms", 1.0),
    ("kilogram", 1.0),
    ("kilos", 1.0),
    ("kilo", 1.0),
    ("kg", 1.0),
    ("kgs", 1.0),
    ("grams", 0.001),
    ("gram", 0.001),
    ("milligrams", 0.000_001),
    ("milligram", 0.000_001),
    ("mg", 0.000_001),
    ("ounces", 0.028_349_523),
    ("ounce", 0.028_349_523),
    ("oz", 0.028_349_523),
];

/// Converts a mass in `unit` (database spelling) to kilograms.
pub fn unit_to_kg(unit: &str) -> Option<f64> {
    Some(match unit {
        "lb" => 0.453_592_37,
        "kg" => 1.0,
        "g" => 0.001,
        "mg" => 0.000_001,
        "oz" => 0.028_349_523,
        "t" => 1000.0,
        "ton" => 907.184_74,
        _ => return None,
    })
}

fn mass_unit_at(w: &Words, i: usize) -> Option<(f64, usize)> {
    let i = skip_joiners(w, i);
    for &(unit, kg) in MASS_UNITS {
        if let Some(end) = w.is_phrase(i, unit) {
            // "lb." keeps its dot as a separate token.
            let end = if w.is(end, ".") && unit == "lb" {
                end + 1
            } else {
                end
            };
            return Some((kg, end));
        }
    }
    None
}

/// "a day", "per year", "daily", "per 100,000" within a few words after a count.
fn per_after(text: &str, w: &Words, from: usize) -> Option<Per> {
    let word = |k: usize| w.norm.get(k).map(String::as_str).unwrap_or("");
    let mut k = from;
    // "200 people die from synthetic opioid overdoses every day": within the clause.
    let limit = (from + 9).min(w.toks.len());
    while k < limit {
        let x = word(k);
        if w.toks[k].kind == TokKind::Punct && !w.is_joiner(k) {
            return None;
        }
        if w.toks[k].kind == TokKind::Number && k > from {
            return None;
        }
        let span = |s: &str| match s {
            "day" => Some(Per::Day),
            "week" => Some(Per::Week),
            "month" => Some(Per::Month),
            "year" => Some(Per::Year),
            _ => None,
        };
        match x {
            "daily" => return Some(Per::Day),
            "weekly" => return Some(Per::Week),
            "monthly" => return Some(Per::Month),
            "annually" | "yearly" | "annual" => return Some(Per::Year),
            "a" | "an" | "per" | "each" | "every" => {
                let mut j = k + 1;
                if word(j) == "single" {
                    j += 1;
                }
                if let Some(p) = span(word(j)) {
                    // "a year earlier" is a time, not a rate.
                    if !matches!(
                        word(j + 1),
                        "earlier" | "ago" | "before" | "later" | "after"
                    ) {
                        return Some(p);
                    }
                }
                if matches!(x, "per" | "every")
                    && let Some(n) = digits_at(text, w, j)
                    && n.value >= 1000.0
                {
                    return Some(Per::Capita);
                }
                if x == "per" && word(j) == "capita" {
                    return Some(Per::Capita);
                }
            }
            "for"
                if word(k + 1) == "every"
                    && digits_at(text, w, k + 2).is_some_and(|n| n.value >= 1000.0) =>
            {
                return Some(Per::Capita);
            }
            _ => {}
        }
        k += 1;
    }
    None
}

/// Words after a number that show it measures something other than a count.
fn percent_after(w: &Words, i: usize) -> Option<usize> {
    let j = skip_joiners(w, i);
    if w.is(j, "%") || w.is(j, "percent") || w.is(j, "pct") {
        if w.is(j + 1, "point") || w.is(j + 1, "points") {
            return None; // a change, not a share
        }
        return Some(j + 1);
    }
    if w.is(j, "per") && w.is(j + 1, "cent") {
        return Some(j + 2);
    }
    None
}

/// "times", "-fold", "x": the multiplier words after a number.
fn times_after(w: &Words, i: usize) -> Option<usize> {
    let j = skip_joiners(w, i);
    if w.is(j, "times") || w.is(j, "fold") || w.is(j, "×") {
        return Some(j + 1);
    }
    if w.is(j, "x") && w.toks.get(j).is_some_and(|t| t.start == w.toks[i - 1].end) {
        return Some(j + 1);
    }
    None
}

/// A number and what it measures, starting at token `i`.
fn number_figure_at(text: &str, w: &Words, i: usize) -> Option<(Figure, usize)> {
    let word = |k: usize| w.norm.get(k).map(String::as_str).unwrap_or("");
    // One-word multipliers: "twelvefold".
    if let Some(v) = fold_word(word(i)) {
        return Some((
            make(w, Kind::Multiplier, v, v, Bound::Exact, i, i + 1, None),
            i + 1,
        ));
    }
    if word(i) == "twice" && matches!(word(i + 1), "as" | "more") {
        return Some((
            make(w, Kind::Multiplier, 2.0, 2.0, Bound::Exact, i, i + 1, None),
            i + 1,
        ));
    }
    let a = numeral_at(text, w, i)?;
    if a.suffix == Suffix::Ordinal {
        return None;
    }
    // Lone "one"/"a" words are articles and pronouns far more often than counts ("zero" is
    // a count: "zero deaths").
    if w.toks[i].kind == TokKind::Word && !a.fraction && a.value == 1.0 && a.end == i + 1 {
        // …except in "one in 5,000".
        ratio_after(text, w, &a)?;
    }
    let money = i > 0 && w.is(i - 1, "$");
    // Ranges: "30 to 50", "50-100", "between 60,000 and 80,000".
    let (mut lo, mut hi, mut end, mut ranged) = (a.value, a.value, a.end, false);
    let between = i > 0 && w.is(i - 1, "between");
    if !a.year_like {
        let sep = word(a.end);
        let ok_sep = matches!(sep, "to" | "-" | "–" | "—") || (between && sep == "and");
        if ok_sep
            && let Some(b) = numeral_at(text, w, a.end + 1)
            && !b.year_like
            && b.value > a.value
            && b.suffix != Suffix::Ordinal
        {
            // "30 to 50 percent" shares the unit; "30% to 50%" is handled by looking past b.
            let b_after_percent = percent_after(w, b.end);
            let a_after_percent = percent_after(w, a.end);
            let a_bare = a_after_percent.is_none() || b_after_percent.is_some();
            if a_bare {
                lo = a.value;
                hi = b.value;
                end = b.end;
                ranged = true;
            }
        }
    }
    let (mut bound, mut start) = if ranged {
        (Bound::Range, if between { i - 1 } else { i })
    } else {
        bound_before(w, i)
    };
    if is_change(w, start, end) {
        let after = percent_after(w, end)
            .or_else(|| times_after(w, end))
            .or_else(|| mass_unit_at(w, end).map(|(_, e)| e))
            .unwrap_or(end);
        let mut f = make(w, Kind::Change, lo, hi, bound, start, after, None);
        f.after = after;
        return Some((f, after));
    }
    if money {
        start = start.min(i - 1);
        let (l, h) = stated(ranged, lo, hi, bound, f64::INFINITY);
        return Some((make(w, Kind::Money, l, h, bound, start, end, None), end));
    }
    // Percent: "86%", "86 percent", "86 per cent".
    if let Some(after) = percent_after(w, end) {
        let after_b = bound_after(w, after);
        if let Some((b, _)) = after_b
            && bound == Bound::Exact
        {
            bound = b;
        }
        let (l, h) = stated(ranged, lo, hi, bound, 100.0);
        let stop = after_b.map_or(after, |(_, e)| e);
        let mut f = make(w, Kind::Share, l, h, bound, start, stop, None);
        f.after = after;
        return Some((f, stop));
    }
    // Ratios: "one in 5,000", "four out of five".
    if !ranged && let Some((m, stop)) = ratio_after(text, w, &a) {
        let v = a.value / m * 100.0;
        let (l, h) = interval(bound, v, 100.0);
        return Some((make(w, Kind::Share, l, h, bound, start, stop, None), stop));
    }
    // Multipliers: "50 times", "50x", "50-fold".
    let times_end = if a.suffix == Suffix::Times {
        Some(end)
    } else {
        times_after(w, end)
    };
    if let Some(after) = times_end {
        let (l, h) = stated(ranged, lo, hi, bound, f64::INFINITY);
        return Some((
            make(w, Kind::Multiplier, l, h, bound, start, after, None),
            after,
        ));
    }
    // Masses: "900 pounds", "6.4 metric tons", "900-pound".
    if let Some((kg, after)) = mass_unit_at(w, end) {
        let after_b = bound_after(w, after);
        if let Some((b, _)) = after_b
            && bound == Bound::Exact
        {
            bound = b;
        }
        let (l, h) = if ranged {
            (lo * kg, hi * kg)
        } else {
            interval(bound, lo * kg, f64::INFINITY)
        };
        return Some((make(w, Kind::Mass, l, h, bound, start, after, None), after));
    }
    if a.fraction {
        // "half of respondents", "more than a third": a share.
        let v = lo * 100.0;
        let (l, h) = interval(
            if bound == Bound::Exact {
                Bound::Approx
            } else {
                bound
            },
            v,
            100.0,
        );
        let l = if bound == Bound::Exact {
            v.min(l.max(v - 2.0))
        } else {
            l
        };
        let h = if bound == Bound::Exact {
            v.max(h.min(v + 2.0))
        } else {
            h
        };
        return Some((make(w, Kind::Share, l, h, bound, start, end, None), end));
    }
    if a.year_like && !ranged {
        // A year is handled by `when_at`; reaching here means a plural noun follows
        // ("2000 deaths") or it is not a date at all.
        if !plural_noun_follows(w, end) {
            return None;
        }
    }
    let after_b = bound_after(w, end);
    if let Some((b, _)) = after_b
        && bound == Bound::Exact
    {
        bound = b;
    }
    let stop = after_b.map_or(end, |(_, e)| e);
    let per = per_after(text, w, stop);
    let (l, h) = stated(ranged, lo, hi, bound, f64::INFINITY);
    let mut f = make(w, Kind::Count, l, h, bound, start, stop, None);
    f.per = per;
    f.after = end;
    Some((f, stop))
}

/// Verbs of change: a figure right after them (or after them and "by") is a change.
fn is_change_verb(w: &str) -> bool {
    matches!(
        w,
        "rose"
            | "rise"
            | "rises"
            | "risen"
            | "rising"
            | "increased"
            | "increase"
            | "increases"
            | "increasing"
            | "grew"
            | "grow"
            | "grows"
            | "grown"
            | "jumped"
            | "jump"
            | "jumps"
            | "climbed"
            | "climb"
            | "climbs"
            | "fell"
            | "fall"
            | "falls"
            | "fallen"
            | "dropped"
            | "drop"
            | "drops"
            | "declined"
            | "decline"
            | "declines"
            | "decreased"
            | "decrease"
            | "decreases"
            | "surged"
            | "surge"
            | "surges"
            | "spiked"
            | "soared"
            | "plunged"
            | "plummeted"
            | "tumbled"
            | "slid"
            | "gained"
            | "lost"
            | "cut"
            | "reduced"
            | "up"
            | "down"
            | "swelled"
            | "ballooned"
            | "shrank"
            | "dipped"
    )
}

/// Nouns and comparatives after a figure that make it a change: "a 79% increase", "5,000
/// more".
fn is_change_word_after(w: &str) -> bool {
    matches!(
        w,
        "increase"
            | "increases"
            | "rise"
            | "rises"
            | "drop"
            | "drops"
            | "decline"
            | "declines"
            | "decrease"
            | "jump"
            | "reduction"
            | "growth"
            | "surge"
            | "spike"
            | "gain"
            | "higher"
            | "lower"
            | "more"
            | "fewer"
            | "less"
            | "greater"
            | "hike"
            | "uptick"
            | "fall"
            | "increment"
            | "change"
    )
}

/// Whether the figure at tokens `start..end` is a change rather than a level: "rose 50%",
/// "increased by 25 percent", "an increase of 79%", "a 23% jump", "5,000 more deaths".
fn is_change(w: &Words, start: usize, end: usize) -> bool {
    let word = |k: usize| w.norm.get(k).map(String::as_str).unwrap_or("");
    if start > 0 {
        let prev = word(start - 1);
        // "made up 14%" states a share.
        let makes_up = prev == "up"
            && start > 1
            && matches!(word(start - 2), "made" | "make" | "makes" | "making");
        if is_change_verb(prev) && !makes_up {
            return true;
        }
        if prev == "by" && start > 1 && is_change_verb(word(start - 2)) {
            return true;
        }
        if prev == "of" && start > 1 && is_change_word_after(word(start - 2)) {
            return true;
        }
    }
    // Past the unit: "50% increase", "5,000 more deaths", "50 percent higher".
    let mut k = end;
    let mut times = false;
    for unit in ["%", "percent", "per", "cent", "pct", "times", "-", "fold"] {
        if word(k) == unit {
            times |= unit == "times" || unit == "fold";
            k += 1;
        }
    }
    let next = word(k);
    let comparative = matches!(
        next,
        "more" | "less" | "fewer" | "higher" | "lower" | "greater"
    );
    // "50 times more potent than heroin" is a multiplier; "5,000 more than" is a bound's word.
    if comparative && (times || word(k + 1) == "than") {
        return false;
    }
    is_change_word_after(next)
}

fn plural_noun_follows(w: &Words, i: usize) -> bool {
    w.norm.get(i).is_some_and(|x| {
        w.toks[i].kind == TokKind::Word && x.len() > 3 && x.ends_with('s') && !x.ends_with("ss")
    })
}

/// "in 5,000", "out of five", "in every 5,000" after a numeral: the denominator and the end.
fn ratio_after(text: &str, w: &Words, a: &Numeral) -> Option<(f64, usize)> {
    let mut k = skip_joiners(w, a.end);
    if w.is(k, "in") {
        k += 1;
    } else if w.is(k, "out") && w.is(k + 1, "of") {
        k += 2;
    } else {
        return None;
    }
    k = skip_joiners(w, k);
    if w.is(k, "every") {
        k += 1;
    }
    let m = numeral_at(text, w, k)?;
    if m.year_like || m.fraction || m.suffix != Suffix::None || m.value <= a.value || a.value <= 0.0
    {
        return None;
    }
    Some((m.value, m.end))
}

#[allow(clippy::too_many_arguments)]
fn make(
    w: &Words,
    kind: Kind,
    lo: f64,
    hi: f64,
    bound: Bound,
    start: usize,
    end: usize,
    when: Option<When>,
) -> Figure {
    let end = end.max(start + 1).min(w.toks.len());
    Figure {
        kind,
        lo,
        hi,
        bound,
        span: w.toks[start].start..w.toks[end - 1].end,
        toks: start..end,
        after: end,
        per: None,
        when,
    }
}

// ---------------------------------------------------------------------------------------
// Quantifiers

/// "most", "the majority", "the vast majority", "almost all", "few", "a tiny fraction".
fn quantifier_at(w: &Words, i: usize) -> Option<(Figure, usize)> {
    let word = |k: usize| w.norm.get(k).map(String::as_str).unwrap_or("");
    let prev = if i > 0 { word(i - 1) } else { "" };
    let q = |lo: f64, hi: f64, end: usize| {
        Some((
            make(w, Kind::Share, lo, hi, Bound::Quantifier, i, end, None),
            end,
        ))
    };
    match word(i) {
        // "the most potent" and "at most" are not shares.
        "most" if !matches!(prev, "the" | "at" | "almost") => {
            // "most potent", "most likely": an adverb before an adjective.
            if word(i + 1).ends_with("ly") || is_adjective_after_most(word(i + 1)) {
                return None;
            }
            q(50.0, 100.0, i + 1)
        }
        "mostly" | "predominantly" | "overwhelmingly" => q(50.0, 100.0, i + 1),
        "majority" if prev != "vast" && prev != "overwhelming" => {
            if matches!(prev, "slim" | "narrow" | "bare") {
                return q(50.0, 60.0, i + 1);
            }
            q(50.0, 100.0, i + 1)
        }
        "the" | "a" | "an" => {
            let mut k = i + 1;
            let mut lo = 50.0;
            let mut hi = 100.0;
            match word(k) {
                "vast" | "overwhelming" | "great" | "large" => {
                    lo = 75.0;
                    k += 1;
                }
                "slim" | "narrow" | "bare" => {
                    hi = 60.0;
                    k += 1;
                }
                "clear" | "solid" => k += 1,
                _ => {}
            }
            match word(k) {
                "majority" => q(lo, hi, k + 1),
                "minority" => q(0.0, 50.0, k + 1),
                "tiny" | "small" | "minuscule"
                    if word(k + 1) == "fraction" || word(k + 1) == "share" =>
                {
                    q(0.0, 10.0, k + 2)
                }
                "fraction" if word(k + 1) == "of" && word(i) == "a" && prev != "than" => {
                    q(0.0, 25.0, k + 1)
                }
                _ => None,
            }
        }
        "almost" | "nearly" | "virtually" | "practically" if word(i + 1) == "all" => {
            q(90.0, 100.0, i + 2)
        }
        "almost" | "virtually" if word(i + 1) == "none" => q(0.0, 5.0, i + 2),
        "hardly" if word(i + 1) == "any" => q(0.0, 10.0, i + 2),
        "few" if !matches!(prev, "a" | "the" | "quite") => q(0.0, 10.0, i + 1),
        _ => None,
    }
}

fn is_adjective_after_most(word: &str) -> bool {
    matches!(
        word,
        "potent"
            | "powerful"
            | "deadly"
            | "dangerous"
            | "common"
            | "important"
            | "recent"
            | "popular"
            | "significant"
            | "effective"
            | "lethal"
            | "serious"
            | "prevalent"
            | "notable"
            | "urgent"
            | "pressing"
            | "severe"
            | "frequent"
            | "widely"
    )
}

// ---------------------------------------------------------------------------------------
// Dates and periods

fn month_number(word: &str) -> Option<u32> {
    Some(match word {
        "january" | "jan" => 1,
        "february" | "feb" => 2,
        "march" | "mar" => 3,
        "april" | "apr" => 4,
        "may" => 5,
        "june" | "jun" => 6,
        "july" | "jul" => 7,
        "august" | "aug" => 8,
        "september" | "sep" | "sept" => 9,
        "october" | "oct" => 10,
        "november" | "nov" => 11,
        "december" | "dec" => 12,
        _ => return None,
    })
}

/// A month name at token `i`, capitalized as a name; abbreviations need their dot.
fn month_at(text: &str, w: &Words, i: usize) -> Option<(u32, usize)> {
    let t = w.toks.get(i)?;
    if t.kind != TokKind::Word {
        return None;
    }
    let raw = t.text(text);
    if !raw.chars().next().is_some_and(char::is_uppercase) {
        return None;
    }
    let norm = &w.norm[i];
    let m = month_number(norm)?;
    let full = norm.len() > 3 || norm == "may";
    if full {
        return Some((m, i + 1));
    }
    if w.is(i + 1, ".") {
        return Some((m, i + 2));
    }
    // "Sept 2023", "Oct 10": an abbreviation without its dot, before a number.
    if w.toks.get(i + 1).is_some_and(|n| n.kind == TokKind::Number) {
        return Some((m, i + 1));
    }
    None
}

/// A day of the month: "13", "13th".
fn day_at(text: &str, w: &Words, i: usize) -> Option<(u32, usize)> {
    let t = w.toks.get(i)?;
    if t.kind != TokKind::Number {
        return None;
    }
    let raw = t.text(text);
    let digits: String = raw.chars().take_while(char::is_ascii_digit).collect();
    let rest = &raw[digits.len()..];
    if !(rest.is_empty() || matches!(rest.to_lowercase().as_str(), "th" | "st" | "nd" | "rd")) {
        return None;
    }
    if digits.is_empty() || digits.len() > 2 {
        return None;
    }
    let d: u32 = digits.parse().ok()?;
    (1..=31).contains(&d).then_some((d, i + 1))
}

/// A four-digit year at token `i`.
fn year_at(text: &str, w: &Words, i: usize) -> Option<(u32, usize)> {
    let t = w.toks.get(i)?;
    if t.kind != TokKind::Number {
        return None;
    }
    let raw = t.text(text);
    if raw.len() != 4 || !raw.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let y: u32 = raw.parse().ok()?;
    valid_year(y).then_some((y, i + 1))
}

fn small_int(text: &str, w: &Words, i: usize, max_len: usize) -> Option<u32> {
    let t = w.toks.get(i)?;
    let raw = t.text(text);
    if t.kind != TokKind::Number || raw.len() > max_len || !raw.bytes().all(|b| b.is_ascii_digit())
    {
        return None;
    }
    raw.parse().ok()
}

/// A date or period at token `i`, with the bound-like words that introduce it ("since").
fn when_at(text: &str, w: &Words, i: usize) -> Option<(Figure, usize)> {
    let word = |k: usize| w.norm.get(k).map(String::as_str).unwrap_or("");
    let fig = |when: When, start: usize, end: usize| {
        Some((
            make(
                w,
                Kind::When,
                0.0,
                0.0,
                Bound::Exact,
                start,
                end,
                Some(when),
            ),
            end,
        ))
    };
    // Relative periods.
    match (word(i), word(i + 1)) {
        ("last" | "this" | "next" | "past" | "previous", "year" | "month" | "week" | "decade") => {
            return fig(When::RELATIVE, i, i + 2);
        }
        ("yesterday" | "today", _) => {
            return fig(When::RELATIVE, i, i + 1);
        }
        _ => {}
    }
    // "since 2018", "since March 2023"
    if word(i) == "since"
        && let Some((inner, end)) = when_at(text, w, i + 1)
        && let Some(wh) = inner.when
        && wh.precision != Precision::Relative
        && !wh.is_yearless()
    {
        let when = When {
            lo: wh.lo,
            hi: OPEN_END,
            precision: Precision::Since,
        };
        return fig(when, i, end);
    }
    // "between 2017 and 2021", "from 2017 to 2021", "from 2017 through 2021"
    if matches!(word(i), "between" | "from")
        && let Some((a, ae)) = year_at(text, w, i + 1)
        && matches!(word(ae), "and" | "to" | "through" | "until" | "-" | "–")
        && let Some((b, be)) = year_at(text, w, ae + 1)
        && b > a
    {
        return fig(When::years(a, b), i, be);
    }
    // "FY2022", "FY 2022", "fiscal year 2022", "fiscal 2022", "FY22"
    let fy_start = i;
    let fy_year = if let Some(rest) = word(i).strip_prefix("fy")
        && !rest.is_empty()
        && rest.bytes().all(|b| b.is_ascii_digit())
    {
        let y: u32 = rest.parse().ok()?;
        let y = if rest.len() == 2 { 2000 + y } else { y };
        Some((y, i + 1))
    } else if word(i) == "fy" {
        year_at(text, w, i + 1)
    } else if word(i) == "fiscal" && word(i + 1) == "year" {
        year_at(text, w, i + 2)
    } else if word(i) == "fiscal" {
        year_at(text, w, i + 1)
    } else {
        None
    };
    if let Some((y, end)) = fy_year
        && valid_year(y)
    {
        return fig(When::fiscal(y), fy_start, end);
    }
    // ISO: 2023-03-13
    if let Some((y, _)) = year_at(text, w, i)
        && w.is(i + 1, "-")
        && let Some(m) = small_int(text, w, i + 2, 2)
        && w.is(i + 3, "-")
        && let Some(d) = small_int(text, w, i + 4, 2)
        && w.toks[i + 4].start == w.toks[i + 3].end
    {
        if valid_date(y, m, d) {
            return fig(When::day(y, m, d), i, i + 5);
        }
        return None;
    }
    // US numeric: 3/13/2023 (or 13/3/2023 when the first part cannot be a month)
    if let Some(a) = small_int(text, w, i, 2)
        && w.is(i + 1, "/")
        && let Some(b) = small_int(text, w, i + 2, 2)
        && w.is(i + 3, "/")
        && let Some((y, end)) = year_at(text, w, i + 4)
    {
        let (m, d) = if a > 12 { (b, a) } else { (a, b) };
        if valid_date(y, m, d) {
            return fig(When::day(y, m, d), i, end);
        }
        // An impossible date (2/30/2023) is no figure at all.
        return Some((
            make(w, Kind::When, 0.0, 0.0, Bound::Exact, i, end, None),
            end,
        ));
    }
    // "the 10th of October 2023", "13 March 2023"
    let (dstart, dk) = if word(i) == "the" { (i, i + 1) } else { (i, i) };
    if let Some((d, de)) = day_at(text, w, dk) {
        let mk = if word(de) == "of" { de + 1 } else { de };
        if let Some((m, me)) = month_at(text, w, mk) {
            let ye = if w.is(me, ",") { me + 1 } else { me };
            if let Some((y, end)) = year_at(text, w, ye) {
                if valid_date(y, m, d) {
                    return fig(When::day(y, m, d), dstart, end);
                }
                return None;
            }
            if d <= 31 {
                let when = When {
                    lo: m * 100 + d,
                    hi: m * 100 + d,
                    precision: Precision::MonthDay,
                };
                return fig(when, dstart, me);
            }
        }
    }
    // "March 13, 2023", "March 13th 2023", "March 2023", "March 13", "mid-March 2023"
    let (mstart, mk) = if word(i) == "mid" && w.is(i + 1, "-") {
        (i, i + 2)
    } else if matches!(word(i), "early" | "late" | "mid") {
        (i, i + 1)
    } else {
        (i, i)
    };
    if let Some((m, me)) = month_at(text, w, mk) {
        if let Some((d, de)) = day_at(text, w, me) {
            let ye = if w.is(de, ",") { de + 1 } else { de };
            if let Some((y, end)) = year_at(text, w, ye) {
                if valid_date(y, m, d) {
                    return fig(When::day(y, m, d), mstart, end);
                }
                return None;
            }
            // "March 13" with no year; a bare number after a month that is a year-ish count
            // is not a day.
            let when = When {
                lo: m * 100 + d,
                hi: m * 100 + d,
                precision: Precision::MonthDay,
            };
            return fig(when, mstart, de);
        }
        let ye = if w.is(me, ",") { me + 1 } else { me };
        if let Some((y, end)) = year_at(text, w, ye) {
            return fig(When::month(y, m), mstart, end);
        }
        // A month alone counts only where it is clearly a date: "in February", "a February
        // hearing", "last March"; "May" and "March" are also ordinary words.
        let prev = if mstart > 0 { word(mstart - 1) } else { "" };
        let introduced = matches!(
            prev,
            "in" | "a"
                | "last"
                | "this"
                | "since"
                | "during"
                | "until"
                | "early"
                | "late"
                | "mid"
                | "by"
                | "through"
        ) || mstart != mk;
        // "May" and "March" alone need "a" before them ("a March hearing").
        if introduced && (prev == "a" || !matches!(w.norm[mk].as_str(), "may" | "march")) {
            let when = When {
                lo: m * 100,
                hi: m * 100 + 31,
                precision: Precision::MonthOnly,
            };
            return fig(when, mstart, me);
        }
        return None;
    }
    // Years and year spans: "2017–2021", "2017-21", "2017 to 2021", "in 2021"
    if let Some((a, ae)) = year_at(text, w, i) {
        if plural_noun_follows(w, ae)
            || percent_after(w, ae).is_some()
            || mass_unit_at(w, ae).is_some()
        {
            return None;
        }
        if matches!(word(ae), "-" | "–" | "—" | "to" | "through") {
            if let Some((b, be)) = year_at(text, w, ae + 1)
                && b > a
            {
                return fig(When::years(a, b), i, be);
            }
            // "2017-21"
            if let Some(b2) = small_int(text, w, ae + 1, 2)
                && matches!(word(ae), "-" | "–")
            {
                let b = a / 100 * 100 + b2;
                if b > a {
                    return fig(When::years(a, b), i, ae + 2);
                }
            }
        }
        return fig(When::year(a), i, ae);
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::tokenize;

    fn figs(s: &str) -> Vec<Figure> {
        let w = Words::new(s, tokenize(s, 0..s.len()));
        figures(s, &w)
    }

    /// The one figure of `kind` in `s`: its interval and the text it spans.
    fn one(s: &str, kind: Kind) -> (f64, f64, String) {
        let all: Vec<Figure> = figs(s).into_iter().filter(|f| f.kind == kind).collect();
        assert_eq!(all.len(), 1, "{s}: {all:?}");
        let f = &all[0];
        (f.lo, f.hi, s[f.span.clone()].to_string())
    }

    fn close(a: f64, b: f64) -> bool {
        (a - b).abs() < 1e-6 * b.abs().max(1.0)
    }

    fn count(s: &str) -> f64 {
        let (lo, hi, _) = one(s, Kind::Count);
        assert!(close(lo, hi), "{s}: {lo}..{hi}");
        lo
    }

    #[test]
    fn digits() {
        assert_eq!(count("14,104 pounds of it? no: 14,104 deaths"), 14104.0);
        assert_eq!(count("there were 5544 deaths"), 5544.0);
        assert_eq!(count("more like 70k deaths").round(), 70000.0);
        assert_eq!(count("1.2 million people").round(), 1_200_000.0);
        assert_eq!(count("14.1 thousand cases").round(), 14100.0);
    }

    #[test]
    fn number_words() {
        assert_eq!(count("eighty-six deaths"), 86.0);
        assert_eq!(count("nine hundred deaths"), 900.0);
        assert_eq!(count("seventy thousand deaths"), 70000.0);
        assert_eq!(count("a quarter of a million deaths"), 250000.0);
        assert_eq!(count("half a million deaths"), 500000.0);
        assert_eq!(count("one hundred and twenty deaths"), 120.0);
        assert_eq!(count("twelve executives"), 12.0);
        assert_eq!(count("a dozen agents"), 12.0);
        assert_eq!(count("two million deaths"), 2e6);
    }

    #[test]
    fn zero_in_words_is_a_count_and_a_lone_one_is_not() {
        // Regression (property test: words and digits read the same): "zero deaths" was
        // dropped with the article-like "one".
        assert_eq!(count("zero deaths"), 0.0);
        assert!(figs("one deaths").iter().all(|f| f.kind != Kind::Count));
    }

    #[test]
    fn spans_cover_the_words() {
        let (_, _, text) = one("Over 70,000 overdose deaths", Kind::Count);
        assert_eq!(text, "Over 70,000");
        let (_, _, text) = one("only 0.02% were", Kind::Share);
        assert_eq!(text, "0.02%");
        let (_, _, text) = one("a quarter of a million people", Kind::Count);
        assert_eq!(text, "a quarter of a million");
    }

    #[test]
    fn shares() {
        assert_eq!(one("86% of them", Kind::Share).0, 86.0);
        assert_eq!(one("86 percent of them", Kind::Share).0, 86.0);
        assert_eq!(one("eighty-six per cent of them", Kind::Share).0, 86.0);
        assert!(close(one("one in 5,000 migrants", Kind::Share).0, 0.02));
        assert!(close(one("four in five offenders", Kind::Share).0, 80.0));
        assert!(close(
            one("four out of five offenders", Kind::Share).0,
            80.0
        ));
        let (lo, hi, _) = one("half of respondents", Kind::Share);
        assert!(lo < 50.0 && hi > 50.0);
        let (lo, hi, _) = one("fewer than a third of them", Kind::Share);
        assert!(lo == 0.0 && close(hi, 100.0 / 3.0));
        let (lo, hi, _) = one("less than half of them", Kind::Share);
        assert!(lo == 0.0 && close(hi, 50.0));
        assert_eq!(one("most were citizens", Kind::Share).0, 50.0);
        assert_eq!(one("the majority of drugs", Kind::Share).0, 50.0);
        assert_eq!(one("the vast majority of drugs", Kind::Share).0, 75.0);
        assert_eq!(one("a tiny fraction of them", Kind::Share).1, 10.0);
        assert!(
            figs("one of the most potent opioids")
                .iter()
                .all(|f| f.kind != Kind::Share)
        );
        assert!(
            figs("a 2 percentage point rise")
                .iter()
                .all(|f| f.kind != Kind::Share)
        );
    }

    #[test]
    fn bounds_and_hedges() {
        let (lo, hi, _) = one("more than four in five", Kind::Share);
        assert!(close(lo, 80.0) && hi == 100.0);
        let (lo, hi, _) = one("about 71,000 deaths", Kind::Count);
        assert!(lo < 71000.0 && hi > 71000.0);
        let (lo, hi, _) = one("at least 900 deaths", Kind::Count);
        assert!(lo == 900.0 && hi.is_infinite());
        let (lo, hi, _) = one("nearly 200 deaths", Kind::Count);
        assert!(lo < 200.0 && hi == 200.0);
        let (lo, hi, _) = one("some 5% of migrants", Kind::Share);
        assert!(lo < 5.0 && hi > 5.0);
        let (lo, hi, _) = one("roughly 14,000 pounds", Kind::Mass);
        assert!(lo < 14000.0 * 0.4536 && hi > 14000.0 * 0.4536);
        let (lo, hi, _) = one("70,000-plus deaths", Kind::Count);
        assert!(lo == 70000.0 && hi.is_infinite());
        let (lo, _, _) = one("only 0.02% were", Kind::Share);
        assert!(close(lo, 0.02));
    }

    #[test]
    fn changes_are_not_levels() {
        for s in [
            "seizures rose 50% in 2022",
            "seizures increased by 25 percent",
            "an increase of 79%",
            "a 23% jump in deaths",
            "deaths fell 3% last year",
            "5,000 more deaths than in 2020",
            "up 12 percent from 2021",
        ] {
            let kinds: Vec<Kind> = figs(s)
                .iter()
                .map(|f| f.kind)
                .filter(|k| *k != Kind::When)
                .collect();
            assert_eq!(kinds, [Kind::Change], "{s}");
        }
        assert_eq!(one("deaths rose to 70,000", Kind::Count).0, 70000.0);
        assert_eq!(one("86% of them", Kind::Share).0, 86.0);
        assert_eq!(one("they made up 60% of them", Kind::Share).0, 60.0);
        assert_eq!(one("more than 70,000 deaths", Kind::Count).0, 70000.0);
    }

    #[test]
    fn multipliers() {
        let (lo, _, _) = one("50 times more powerful than heroin", Kind::Multiplier);
        assert_eq!(lo, 50.0);
        assert_eq!(
            one("fifty times as potent as heroin", Kind::Multiplier).0,
            50.0
        );
        assert_eq!(one("a twelvefold rise", Kind::Multiplier).0, 12.0);
        assert_eq!(one("it is 50-fold more potent", Kind::Multiplier).0, 50.0);
        assert_eq!(one("a 50-fold rise", Kind::Change).0, 50.0);
        assert_eq!(one("it is 50x stronger", Kind::Multiplier).0, 50.0);
        let (lo, hi, _) = one("30 to 50 times more potent", Kind::Multiplier);
        assert!(lo == 30.0 && hi == 50.0);
    }

    #[test]
    fn masses_convert_to_kilograms() {
        let kg = |s: &str| one(s, Kind::Mass).0;
        assert!(close(kg("14,104 pounds"), 14104.0 * 0.453_592_37));
        assert!(close(kg("900 lbs"), 900.0 * 0.453_592_37));
        assert!(close(kg("900 lb. of it"), 900.0 * 0.453_592_37));
        assert!(close(kg("6,400 kilograms"), 6400.0));
        assert!(close(kg("6.4 metric tons"), 6400.0));
        assert!(close(kg("7 tons"), 7.0 * 907.184_74));
        assert!(close(kg("a 900-pound haul"), 900.0 * 0.453_592_37));
    }

    #[test]
    fn rates() {
        let f = figs("around 200 people a day");
        assert_eq!(f[0].per, Some(Per::Day));
        assert_eq!(figs("200 deaths per day")[0].per, Some(Per::Day));
        assert_eq!(figs("200 daily deaths")[0].per, Some(Per::Day));
        assert_eq!(figs("22.7 per 100,000")[0].per, Some(Per::Capita));
        assert_eq!(figs("70,000 deaths a year earlier")[0].per, None);
        assert_eq!(figs("200 people at the town hall")[0].per, None);
    }

    fn when(s: &str) -> When {
        let all: Vec<When> = figs(s).into_iter().filter_map(|f| f.when).collect();
        assert_eq!(all.len(), 1, "{s}: {all:?}");
        all[0]
    }

    #[test]
    fn dates() {
        let d = When::parse("2023-03-13").unwrap();
        assert_eq!(when("on March 13, 2023,"), d);
        assert_eq!(when("on 13 March 2023"), d);
        assert_eq!(when("on 3/13/2023"), d);
        assert_eq!(when("on 2023-03-13"), d);
        assert_eq!(when("on March 13th, 2023"), d);
        assert_eq!(when("on the 13th of March 2023"), d);
        assert_eq!(when("Oct. 10, 2023"), When::parse("2023-10-10").unwrap());
        assert_eq!(when("in March 2023"), When::parse("2023-03").unwrap());
        assert_eq!(when("in 2021"), When::parse("2021").unwrap());
        assert_eq!(when("a February hearing").precision, Precision::MonthOnly);
        assert!(figs("they march on").is_empty());
        assert!(figs("it may rise").is_empty());
        assert!(figs("on 2/30/2023").iter().all(|f| f.when.is_none()));
        assert!(figs("on 13/13/2023").iter().all(|f| f.when.is_none()));
    }

    #[test]
    fn periods() {
        let span = When::parse("2017..2021").unwrap();
        assert_eq!(when("in 2017–2021"), span);
        assert_eq!(when("in 2017-2021"), span);
        assert_eq!(when("from 2017 to 2021"), span);
        assert_eq!(when("between 2017 and 2021"), span);
        assert_eq!(when("in 2017-21"), span);
        assert_eq!(when("since 2018"), When::parse("since 2018").unwrap());
        assert_eq!(when("in FY2022"), When::parse("FY2022").unwrap());
        assert_eq!(when("in fiscal year 2022"), When::parse("FY2022").unwrap());
        assert_eq!(when("last year").precision, Precision::Relative);
        assert!(
            !When::parse("2022")
                .unwrap()
                .same_period(&When::parse("FY2022").unwrap())
        );
    }

    #[test]
    fn years_are_not_counts() {
        assert!(
            figs("In 2021, it rose")
                .iter()
                .all(|f| f.kind == Kind::When)
        );
        let f = figs("2000 deaths");
        assert_eq!(f[0].kind, Kind::Count);
    }

    #[test]
    fn hostile_numbers_do_not_panic() {
        for s in [
            "1e308",
            "99999999999999999999999",
            "1,2,3,4",
            "..5",
            "0.0.0",
            "$",
            "%",
            "- -",
            "one in",
            "between 5 and",
            "the 99th of",
            "FY",
            "since",
            "a quarter of a",
        ] {
            let _ = figs(s);
        }
        let big = "9".repeat(10_000);
        let _ = figs(&big);
    }
}
