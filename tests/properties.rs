//! Property tests of the library: reading arbitrary text never panics, every span it returns
//! lies inside the text on character boundaries, positions agree with spans, the answer is
//! the same twice, and a number written in words reads as the same number in digits.
//!
//! `PROPTEST_CASES=10000 cargo test --test properties` runs more cases than the default.

use std::ops::Range;
use std::sync::OnceLock;

use claimcheck::check::{self, Finding};
use claimcheck::db::{self, Database};
use claimcheck::extract::{self, Figure, Kind};
use claimcheck::input::{self, Locator, Origin};
use claimcheck::lexicon::Lexicon;
use claimcheck::text::{self, Words};
use proptest::prelude::*;

fn embedded() -> &'static Database {
    static DB: OnceLock<Database> = OnceLock::new();
    DB.get_or_init(|| Database::embedded().expect("the built-in database loads"))
}

fn assert_span(text: &str, r: &Range<usize>, what: &str) {
    assert!(
        r.start <= r.end && r.end <= text.len(),
        "{what} {r:?} is outside the text (0..{}): {text:?}",
        text.len()
    );
    assert!(
        text.is_char_boundary(r.start) && text.is_char_boundary(r.end),
        "{what} {r:?} is not on character boundaries: {text:?}"
    );
}

/// 1-based line and character column of byte offset `at`, counted the obvious way.
fn naive_line_col(text: &str, at: usize) -> (usize, usize) {
    // Lines end at `\n`, `\r\n` or a lone `\r`: read every ending as `\n`.
    let before = text[..at].replace("\r\n", "\n").replace('\r', "\n");
    let line = before.matches('\n').count() + 1;
    let col = before.rsplit('\n').next().unwrap_or("").chars().count() + 1;
    (line, col)
}

/// The start of the line holding byte offset `at` (after `\n`, or a `\r` not before `\n`).
fn naive_line_start(text: &str, at: usize) -> usize {
    let b = text.as_bytes();
    (0..at)
        .rev()
        .find(|&i| b[i] == b'\n' || (b[i] == b'\r' && b.get(i + 1) != Some(&b'\n')))
        .map_or(0, |i| i + 1)
}

/// Where a chunk starting at `cut` begins in its file, as the CLI tracks it.
fn origin_of(text: &str, cut: usize) -> Origin {
    let last_line = naive_line_start(text, cut);
    Origin {
        offset: cut,
        lines: naive_line_col(text, cut).0 - 1,
        chars: text[last_line..cut].chars().count(),
        bytes: cut - last_line,
    }
}

/// `k`, moved off the middle of a `\r\n` (no finding starts or ends there, and the CLI never
/// cuts a chunk there).
fn outside_crlf(text: &str, k: usize) -> usize {
    let b = text.as_bytes();
    if k > 0 && b[k - 1] == b'\r' && b.get(k) == Some(&b'\n') {
        k - 1
    } else {
        k
    }
}

fn figures_of(s: &str) -> Vec<Figure> {
    let w = Words::new(s, text::tokenize(s, 0..s.len()), Lexicon::english());
    extract::figures(s, &w)
}

fn assert_findings(text: &str, findings: &[Finding]) {
    let locator = Locator::new(text, Origin::default());
    for f in findings {
        assert_span(text, &f.sentence, "sentence");
        assert_span(text, &f.span, "span");
        assert!(
            f.sentence.start <= f.span.start && f.span.end <= f.sentence.end,
            "span {:?} outside sentence {:?} in {text:?}",
            f.span,
            f.sentence
        );
        assert_eq!(f.stated, text[f.span.clone()]);
        for at in [f.span.start, f.span.end] {
            let p = locator.position(at);
            assert_eq!((p.line, p.column), naive_line_col(text, at));
            assert_eq!(p.offset, at);
        }
    }
}

// ---------------------------------------------------------------------------------------
// Inputs

/// Words prose about the built-in claims is made of, and figures of every kind.
const VOCAB: &[&str] = &[
    "fentanyl",
    "synthetic",
    "opioid",
    "opioids",
    "overdose",
    "deaths",
    "died",
    "killed",
    "people",
    "trafficking",
    "offenders",
    "sentenced",
    "fiscal",
    "year",
    "were",
    "U.S.",
    "citizens",
    "immigrants",
    "not",
    "Operation",
    "Blue",
    "Lotus",
    "first",
    "week",
    "seized",
    "pounds",
    "kilograms",
    "of",
    "in",
    "the",
    "a",
    "an",
    "and",
    "to",
    "from",
    "between",
    "since",
    "about",
    "more",
    "than",
    "nearly",
    "over",
    "fewer",
    "at",
    "least",
    "most",
    "majority",
    "half",
    "third",
    "times",
    "potent",
    "heroin",
    "percent",
    "per",
    "cent",
    "day",
    "every",
    "Senator",
    "Senators",
    "said",
    "Rahul",
    "Gupta",
    "March",
    "May",
    "Oct.",
    "FY2022",
    "2021",
    "2023",
    "2017-21",
    "2017–2021",
    "70,601",
    "86%",
    "41%",
    "900",
    "14,104",
    "0.02",
    "70k",
    "1.2",
    "million",
    "thousand",
    "hundred",
    "eighty-six",
    "one",
    "zero",
    "5,000",
    "3/13/2023",
    "2/30/2023",
    "13/13/2023",
    "2023-03-13",
    "1e308",
    "99999999999999999999999",
    "1,2,3,4",
    "..5",
    "0.0.0",
    "13th",
    "10th",
    "50x",
    "-",
    "—",
    "/",
    ".",
    ",",
    ";",
    "!",
    "?",
    "\"",
    "“",
    "”",
    "’s",
    "(",
    ")",
    "•",
    "*",
    "#",
    ">",
    "<p>",
    "&amp;",
    "🙂",
    "é",
    "\u{feff}",
    "\u{fffd}",
    "\u{0}",
    // Whole sentences the built-in claims recognise, so that findings are frequent.
    "Only 41% of fentanyl trafficking offenders sentenced in fiscal year 2021 were U.S. citizens.",
    "Operation Blue Lotus seized 9,000 pounds of fentanyl in its first week.",
    "In 2021, 70,601 people died of synthetic opioid overdoses.",
];

/// Text made of `VOCAB` words with varied separators: line breaks, blank lines, no space.
fn prose() -> impl Strategy<Value = String> {
    let sep = prop_oneof![
        6 => Just(" "),
        1 => Just(""),
        1 => Just("\n"),
        1 => Just("\n\n"),
        1 => Just("\r\n"),
        1 => Just("\r"),
        1 => Just(". "),
        1 => Just("  \t"),
    ];
    prop::collection::vec((prop::sample::select(VOCAB), sep), 0..80).prop_map(|parts| {
        parts
            .into_iter()
            .flat_map(|(w, s)| [w, s])
            .collect::<String>()
    })
}

/// Any string, or prose.
fn any_text() -> impl Strategy<Value = String> {
    prop_oneof![any::<String>(), prose(), "[0-9,./ -]{0,40}"]
}

// ---------------------------------------------------------------------------------------
// Number words

const SMALL: [&str; 20] = [
    "zero",
    "one",
    "two",
    "three",
    "four",
    "five",
    "six",
    "seven",
    "eight",
    "nine",
    "ten",
    "eleven",
    "twelve",
    "thirteen",
    "fourteen",
    "fifteen",
    "sixteen",
    "seventeen",
    "eighteen",
    "nineteen",
];
const TENS: [&str; 10] = [
    "", "", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety",
];

/// Where a spelled number has "and".
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum And {
    /// "four hundred five thousand six".
    Never,
    /// Before the last part below a hundred: "four hundred five thousand and six".
    Last,
    /// Also after every "hundred", as in British English: "four hundred and five thousand".
    British,
}

/// How a number is spelled: where "and" goes, and "forty-two" or "forty two".
#[derive(Debug, Clone, Copy)]
struct Spelling {
    and: And,
    hyphen: bool,
}

fn below_hundred(n: u64, s: Spelling, out: &mut Vec<String>) {
    let n = n as usize;
    if n < 20 {
        out.push(SMALL[n].into());
    } else if n.is_multiple_of(10) {
        out.push(TENS[n / 10].into());
    } else if s.hyphen {
        out.push(format!("{}-{}", TENS[n / 10], SMALL[n % 10]));
    } else {
        out.push(TENS[n / 10].into());
        out.push(SMALL[n % 10].into());
    }
}

fn below_thousand(n: u64, s: Spelling, out: &mut Vec<String>) {
    let (h, r) = (n / 100, n % 100);
    if h > 0 {
        out.push(SMALL[h as usize].into());
        out.push("hundred".into());
        if r > 0 && s.and == And::British {
            out.push("and".into());
        }
    }
    if r > 0 {
        below_hundred(r, s, out);
    }
}

/// A number below a billion in English words: "three hundred twelve million four hundred
/// five thousand and six".
fn english(n: u64, s: Spelling) -> String {
    if n == 0 {
        return "zero".into();
    }
    let mut out = Vec::new();
    let (millions, thousands, rest) = (n / 1_000_000, n / 1000 % 1000, n % 1000);
    if millions > 0 {
        below_thousand(millions, s, &mut out);
        out.push("million".into());
    }
    if thousands > 0 {
        below_thousand(thousands, s, &mut out);
        out.push("thousand".into());
    }
    if rest > 0 {
        if n >= 1000 && rest < 100 && s.and != And::Never {
            out.push("and".into());
        }
        below_thousand(rest, s, &mut out);
    }
    out.join(" ")
}

/// A number with thousands separators: "312,405,006".
fn with_commas(n: u64) -> String {
    let digits = n.to_string();
    let mut out = String::new();
    for (k, ch) in digits.chars().enumerate() {
        if k > 0 && (digits.len() - k).is_multiple_of(3) {
            out.push(',');
        }
        out.push(ch);
    }
    out
}

/// The value of the one count in "`number` deaths".
fn count_of(number: &str) -> Option<f64> {
    let s = format!("{number} deaths");
    let counts: Vec<Figure> = figures_of(&s)
        .into_iter()
        .filter(|f| f.kind() == Kind::Count)
        .collect();
    match counts.as_slice() {
        [f] => {
            assert_eq!(f.lo(), f.hi(), "an exact count in {s:?}: {f:?}");
            assert_eq!(
                &s[f.span.clone()],
                number,
                "the count spans the number in {s:?}"
            );
            Some(f.lo())
        }
        [] => None,
        more => panic!("{s:?} has several counts: {more:?}"),
    }
}

/// Digits and words read as the same number. A lone "one" is the exception, on purpose: it is
/// an article or a pronoun far more often than a count ("one of the…").
fn assert_words_match_digits(n: u64, s: Spelling) {
    let words = english(n, s);
    let want = if n == 1 { None } else { Some(n as f64) };
    assert_eq!(count_of(&n.to_string()), Some(n as f64), "digits {n}");
    assert_eq!(
        count_of(&with_commas(n)),
        Some(n as f64),
        "digits {}",
        with_commas(n)
    );
    assert_eq!(count_of(&words), want, "words {words:?} for {n}");
}

#[test]
fn english_helper_spells_numbers() {
    let s = Spelling {
        and: And::Last,
        hyphen: false,
    };
    assert_eq!(
        english(312_405_006, s),
        "three hundred twelve million four hundred five thousand and six"
    );
    let s = Spelling {
        and: And::British,
        hyphen: true,
    };
    assert_eq!(
        english(120_042, s),
        "one hundred and twenty thousand and forty-two"
    );
    assert_eq!(english(86, s), "eighty-six");
    assert_eq!(english(1_000_000, s), "one million");
    assert_eq!(english(0, s), "zero");
}

#[test]
fn every_number_below_ten_thousand_reads_the_same_in_words_and_digits() {
    for n in 0..10_000 {
        let s = Spelling {
            and: [And::Never, And::Last, And::British][n as usize % 3],
            hyphen: n % 2 == 0,
        };
        assert_words_match_digits(n, s);
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 2000, ..ProptestConfig::default() })]

    #[test]
    fn numbers_read_the_same_in_words_and_digits(
        n in prop_oneof![0u64..=999_999_999, 0u64..=1_000_000],
        and in prop::sample::select(vec![And::Never, And::Last, And::British]),
        hyphen in any::<bool>(),
    ) {
        assert_words_match_digits(n, Spelling { and, hyphen });
    }
}

// ---------------------------------------------------------------------------------------
// Arbitrary text

proptest! {
    #[test]
    fn tokens_sentences_and_figures_stay_inside_the_text(s in any_text()) {
        let toks = text::tokenize(&s, 0..s.len());
        let mut prev = 0;
        for t in &toks {
            assert_span(&s, &(t.start..t.end), "token");
            prop_assert!(t.start >= prev && t.end > t.start, "tokens in order: {:?}", s);
            prev = t.end;
        }
        let w = Words::new(&s, toks, Lexicon::english());
        let figs = extract::figures(&s, &w);
        for f in &figs {
            assert_span(&s, &f.span, "figure");
            prop_assert!(f.toks.start < f.toks.end && f.toks.end <= w.toks.len());
            prop_assert!(!f.lo().is_nan() && !f.hi().is_nan(), "{:?}", f);
        }
        prop_assert_eq!(&figs, &extract::figures(&s, &w), "extraction is deterministic");
        for (_, r) in text::sentences(&s, Lexicon::english()) {
            assert_span(&s, &r, "sentence");
            for (f, _) in check::sentence_figures(embedded(), &s, r.clone()) {
                assert_span(&s, &f.span, "sentence figure");
                prop_assert!(r.start <= f.span.start && f.span.end <= r.end);
            }
        }
    }

    #[test]
    fn paragraphs_and_sentences_are_inside_the_text(s in any_text(), at in any::<usize>()) {
        let mut at = at % (s.len() + 1);
        while !s.is_char_boundary(at) {
            at -= 1;
        }
        let para = text::paragraph_bounds(&s, at);
        assert_span(&s, &para, "paragraph");
        for r in text::split_sentences(&s, para.clone(), Lexicon::english()) {
            assert_span(&s, &r, "sentence");
            prop_assert!(para.start <= r.start && r.end <= para.end);
        }
    }

    #[test]
    fn findings_are_valid_and_the_same_twice(s in any_text()) {
        let db = embedded();
        let findings = check::check(db, &s);
        assert_findings(&s, &findings);
        prop_assert_eq!(findings, check::check(db, &s));
    }

    #[test]
    fn any_bytes_decode_to_checkable_text(bytes in prop::collection::vec(any::<u8>(), 0..300)) {
        let d = input::decode(bytes.clone());
        let body = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(&bytes);
        prop_assert_eq!(d.lossy, std::str::from_utf8(body).is_err());
        if !d.lossy {
            prop_assert_eq!(d.text.as_bytes(), body);
        }
        assert_findings(&d.text, &check::check(embedded(), &d.text));
    }

    #[test]
    fn positions_agree_with_counting_in_a_file_and_in_a_chunk(
        s in any_text(),
        at in any::<usize>(),
        cut in any::<usize>(),
    ) {
        let boundary = |k: usize| {
            let mut k = k % (s.len() + 1);
            while !s.is_char_boundary(k) {
                k -= 1;
            }
            k
        };
        let (mut at, mut cut) = (outside_crlf(&s, boundary(at)), outside_crlf(&s, boundary(cut)));
        if cut > at {
            std::mem::swap(&mut at, &mut cut);
        }
        let p = Locator::new(&s, Origin::default()).position(at);
        prop_assert_eq!((p.line, p.column, p.offset), {
            let (l, c) = naive_line_col(&s, at);
            (l, c, at)
        });
        let line_start = naive_line_start(&s, at);
        prop_assert_eq!(p.byte_column, at - line_start + 1);
        // The same place read in a chunk that starts at `cut`, as large files are read.
        let q = Locator::new(&s[cut..], origin_of(&s, cut)).position(at - cut);
        prop_assert_eq!(p, q);
    }

    #[test]
    fn database_dates_parse_without_panicking(s in "[0-9FYsince .-]{0,24}") {
        if let Some(w) = extract::When::parse(&s) {
            prop_assert!(w.lo <= w.hi, "{:?} parsed as {:?}", s, w);
        }
    }

    #[test]
    fn numbers_format_and_read_back(v in prop_oneof![
        0.0f64..1e6,
        0.0f64..1e15,
        any::<f64>(),
    ]) {
        let shown = db::format_number(v);
        prop_assert!(!shown.is_empty());
        if v.is_finite() && v.abs() < 1e15 {
            let back: f64 = shown.replace(',', "").parse().map_err(|e| {
                TestCaseError::fail(format!("{v} shows as {shown:?}: {e}"))
            })?;
            prop_assert!((back - v).abs() <= 0.0005 + v.abs() * 1e-12, "{} shows as {:?}", v, shown);
        }
    }
}
