//! Property tests of the measure readers (issue 16): money reads the same amount whatever
//! the spelling of its scale, a rise and a fall read opposite signs, a tally reads the same
//! pair however it is joined and in either order after a word of voting, a temperature in °F
//! and its °C conversion read the same canonical value, a change reaches past an object of
//! any length up to its reach, a money range keeps both ends; and no reader panics or leaves
//! the text on strings built from the words measures are made of, checked against the example
//! databases.
//!
//! `PROPTEST_CASES=10000 cargo test --test properties_measures` runs more cases.

use std::sync::OnceLock;

use claimcheck::check;
use claimcheck::db::Database;
use claimcheck::extract::{self, ChangeUnit, Figure, Measure};
use claimcheck::lexicon::Lexicon;
use claimcheck::lexicon::measures::Dimension;
use claimcheck::text::{self, Words};
use proptest::prelude::*;

fn figures_of(s: &str) -> Vec<Figure> {
    let w = Words::new(s, text::tokenize(s, 0..s.len()), Lexicon::english());
    extract::figures(s, &w)
}

/// The measures of `s`.
fn measures_of(s: &str) -> Vec<Measure> {
    figures_of(s).iter().filter_map(Figure::measure).collect()
}

/// Whether `a` and `b` agree to a relative `eps`.
fn close(a: f64, b: f64, eps: f64) -> bool {
    (a - b).abs() <= eps * a.abs().max(b.abs()).max(1.0)
}

/// The example databases, each loaded once.
fn examples() -> &'static [Database] {
    static DBS: OnceLock<Vec<Database>> = OnceLock::new();
    DBS.get_or_init(|| {
        [
            (
                "climate-energy.toml",
                include_str!("../examples/databases/climate-energy.toml"),
            ),
            (
                "elections-courts.toml",
                include_str!("../examples/databases/elections-courts.toml"),
            ),
            (
                "health-education.toml",
                include_str!("../examples/databases/health-education.toml"),
            ),
        ]
        .into_iter()
        .map(|(name, src)| {
            Database::from_sources(&[(name.to_string(), src.to_string())])
                .unwrap_or_else(|e| panic!("{name} loads: {e}"))
        })
        .collect()
    })
}

// ---------------------------------------------------------------------------------------
// Inputs

/// An amount as written with one decimal at most ("52.7", "369").
fn amount() -> impl Strategy<Value = (f64, String)> {
    (1u32..10_000).prop_map(|n| {
        let v = f64::from(n) / 10.0;
        (v, format!("{v}"))
    })
}

/// The ways a writer spells an amount `x` of dollars at a scale: (scale, spellings).
fn money_spellings(x: &str, scale: u8) -> (f64, Vec<String>) {
    match scale {
        0 => (
            1e6,
            vec![
                format!("${x} million"),
                format!("${x}m"),
                format!("${x}mn"),
                format!("US${x} million"),
                format!("{x} million dollars"),
            ],
        ),
        1 => (
            1e9,
            vec![
                format!("${x} billion"),
                format!("${x}bn"),
                format!("US${x}bn"),
                format!("US${x} billion"),
                format!("{x} billion dollars"),
            ],
        ),
        _ => (
            1e12,
            vec![
                format!("${x} trillion"),
                format!("${x}tn"),
                format!("${x}trn"),
                format!("US${x}tn"),
                format!("{x} trillion dollars"),
            ],
        ),
    }
}

/// Neutral frames around a figure, on several subjects.
const FRAMES: &[(&str, &str)] = &[
    ("The agency spent ", " last year."),
    ("Lawmakers approved ", " for schools in 2023."),
    ("The company reported revenue of ", ", analysts said."),
    ("A plan worth ", " was announced on Monday."),
];

/// Rise and fall verbs in pairs.
const VERBS: &[(&str, &str)] = &[
    ("rose", "fell"),
    ("increased", "decreased"),
    ("climbed", "declined"),
    ("jumped", "dropped"),
    ("grew", "shrank"),
    ("rising", "falling"),
];

/// Subjects of a change.
const SUBJECTS: &[&str] = &[
    "Enrollment",
    "Rents in the city",
    "The price of wheat",
    "Turnout among young voters",
];

/// Words of an object between a change verb and its "by".
const OBJECT_WORDS: &[&str] = &[
    "the", "list", "price", "of", "its", "monthly", "fee", "for", "new", "members",
];

/// The words and figures measures are made of, and punctuation, for the no-panic property.
const MEASURE_WORDS: &[&str] = &[
    "$",
    "US$",
    "€",
    "£",
    "bn",
    "tn",
    "m",
    "billion",
    "million",
    "dollars",
    "rose",
    "fell",
    "declining",
    "cut",
    "by",
    "to",
    "from",
    "between",
    "and",
    "a",
    "an",
    "the",
    "per",
    "dose",
    "gallon",
    "month",
    "most",
    "fewest",
    "least",
    "since",
    "in",
    "half",
    "quarter",
    "third",
    "eighth",
    "-",
    "–",
    "century",
    "decade",
    "decades",
    "year",
    "years",
    "ago",
    "row",
    "voted",
    "vote",
    "of",
    "unanimously",
    "%",
    "percent",
    "points",
    "basis",
    "point",
    "°",
    "F",
    "C",
    "°F",
    "°C",
    "ppm",
    "GW",
    "record",
    "highest",
    "lowest",
    "largest",
    "second",
    "grade",
    "price",
    "increase",
    "drop",
    "hike",
    "its",
    "aged",
    "older",
    "was",
    "first",
    "given",
    "nearly",
    "about",
    "more",
    "than",
    "up",
    "down",
    ",",
    ".",
    ";",
    "(",
    ")",
    "'s",
    "nine",
];

/// A string of measure words and numbers, joined by spaces or glued together.
fn measure_text() -> impl Strategy<Value = String> {
    let number = prop_oneof![
        (0u64..100_000).prop_map(|n| n.to_string()),
        (0u64..10_000, 0u64..100).prop_map(|(a, b)| format!("{a}.{b}")),
        (1u64..999, 0u64..1000).prop_map(|(a, b)| format!("{a},{b:03}")),
        (1900u64..2100).prop_map(|y| y.to_string()),
        Just("1e308".to_string()),
        Just("99999999999999999999999".to_string()),
    ];
    let token = prop_oneof![
        3 => prop::sample::select(MEASURE_WORDS).prop_map(str::to_string),
        2 => number,
    ];
    prop::collection::vec((token, prop::bool::weighted(0.8)), 0..40).prop_map(|parts| {
        let mut s = String::new();
        for (t, spaced) in parts {
            if spaced && !s.is_empty() {
                s.push(' ');
            }
            s.push_str(&t);
        }
        s
    })
}

// ---------------------------------------------------------------------------------------
// Properties

proptest! {
    #[test]
    fn money_reads_the_same_amount_in_every_spelling_of_its_scale(
        (v, x) in amount(),
        scale in 0u8..3,
        frame in prop::sample::select(FRAMES),
    ) {
        let (factor, spellings) = money_spellings(&x, scale);
        for m in spellings {
            let s = format!("{}{m}{}", frame.0, frame.1);
            let found: Vec<(f64, f64)> = measures_of(&s)
                .into_iter()
                .filter_map(|m| match m {
                    Measure::Money { lo, hi, .. } => Some((lo, hi)),
                    _ => None,
                })
                .collect();
            prop_assert_eq!(found.len(), 1, "{}: {:?}", s, figures_of(&s));
            let (lo, hi) = found[0];
            prop_assert!(
                close(lo, v * factor, 1e-9) && close(hi, v * factor, 1e-9),
                "{}: {}..{}, want {}", s, lo, hi, v * factor
            );
        }
    }

    #[test]
    fn a_rise_and_a_fall_read_opposite_signs(
        (v, x) in amount(),
        verbs in prop::sample::select(VERBS),
        subject in prop::sample::select(SUBJECTS),
        by in any::<bool>(),
        unit in prop::sample::select(&["%", " percent", " percentage points", " points"][..]),
    ) {
        let by = if by { "by " } else { "" };
        let read = |verb: &str| {
            let s = format!("{subject} {verb} {by}{x}{unit} in 2023.");
            let changes: Vec<(f64, f64, ChangeUnit)> = measures_of(&s)
                .into_iter()
                .filter_map(|m| match m {
                    Measure::Change { lo, hi, unit, .. } => Some((lo, hi, unit)),
                    _ => None,
                })
                .collect();
            assert_eq!(changes.len(), 1, "{s}: {:?}", figures_of(&s));
            changes[0]
        };
        let (up_lo, up_hi, up_unit) = read(verbs.0);
        let (down_lo, down_hi, down_unit) = read(verbs.1);
        prop_assert_eq!(up_unit, down_unit);
        prop_assert!(close(up_lo, v, 1e-9) && close(up_hi, v, 1e-9), "{} {}..{}", verbs.0, up_lo, up_hi);
        prop_assert!(close(down_lo, -v, 1e-9) && close(down_hi, -v, 1e-9), "{} {}..{}", verbs.1, down_lo, down_hi);
    }

    #[test]
    fn a_tally_reads_the_same_pair_however_it_is_joined(
        a in 1u32..1000,
        b in 0u32..1000,
        body in prop::sample::select(&["The Senate", "The board", "The court", "Members"][..]),
    ) {
        let (big, small) = (a.max(b), a.min(b));
        let mut forms = vec![
            format!("{body} voted {big}-{small} to approve it."),
            format!("{body} voted {big} to {small} to approve it."),
            format!("{body} voted {big}–{small} to approve it."),
            format!("{body} approved it by a vote of {big} to {small}."),
        ];
        if big != small {
            // Smaller side first: the same pair after a word of voting.
            forms.push(format!("{body} voted {small} to {big} to approve it."));
            forms.push(format!("{body} approved it by a vote of {small} to {big}."));
        }
        for s in forms {
            let tallies: Vec<(f64, f64)> = measures_of(&s)
                .into_iter()
                .filter_map(|m| match m {
                    Measure::Tally { yes, no, percent: false } => Some((yes, no)),
                    _ => None,
                })
                .collect();
            prop_assert_eq!(
                tallies,
                vec![(f64::from(big), f64::from(small))],
                "{}: {:?}", s, figures_of(&s)
            );
        }
    }

    #[test]
    fn fahrenheit_and_celsius_read_the_same_temperature(
        tenths in -400i32..600,
        difference in any::<bool>(),
        glued in any::<bool>(),
        minus in prop::sample::select(&["-", "−", "minus "][..]),
    ) {
        // A difference is written as a rise, so not below zero.
        let tenths = if difference { tenths.abs() } else { tenths };
        let c = f64::from(tenths) / 10.0;
        let (f, tail, dimension) = if difference {
            (c * 1.8, " warmer than the average", Dimension::TemperatureDifference)
        } else {
            (c * 1.8 + 32.0, "", Dimension::Temperature)
        };
        let space = if glued { "" } else { " " };
        let signed = |v: f64, digits: usize| {
            let s = format!("{:.*}", digits, v.abs());
            if v < 0.0 { format!("{minus}{s}") } else { s }
        };
        let read = |s: String| {
            let qs: Vec<(f64, Dimension)> = measures_of(&s)
                .into_iter()
                .filter_map(|m| match m {
                    Measure::Quantity { lo, hi, dimension, .. } => {
                        assert_eq!(lo, hi, "{s}");
                        Some((lo, dimension))
                    }
                    _ => None,
                })
                .collect();
            assert_eq!(qs.len(), 1, "{s}: {:?}", figures_of(&s));
            qs[0]
        };
        let (fc, fd) = read(format!("The day was {}{space}°F{tail}.", signed(f, 4)));
        let (cc, cd) = read(format!("The day was {}{space}°C{tail}.", signed(c, 1)));
        prop_assert_eq!(fd, dimension);
        prop_assert_eq!(cd, dimension);
        prop_assert!((cc - c).abs() < 1e-9, "{} °C read as {}", c, cc);
        prop_assert!((fc - cc).abs() < 1e-3, "{} °F read as {} °C, {} °C as {}", f, fc, c, cc);
    }

    #[test]
    fn a_change_verb_reaches_past_its_object_to_by(
        words in prop::collection::vec(prop::sample::select(OBJECT_WORDS), 0..7),
        (v, x) in amount(),
        up in any::<bool>(),
    ) {
        let verb = if up { "raised" } else { "cut" };
        let object = words.join(" ");
        let s = format!("The company {verb} {object} by {x}% this year.");
        let changes: Vec<(f64, f64)> = measures_of(&s)
            .into_iter()
            .filter_map(|m| match m {
                Measure::Change { lo, hi, unit: ChangeUnit::Percent, .. } => Some((lo, hi)),
                _ => None,
            })
            .collect();
        let want = if up { v } else { -v };
        prop_assert_eq!(changes.len(), 1, "{}: {:?}", s, figures_of(&s));
        prop_assert!(close(changes[0].0, want, 1e-9) && close(changes[0].1, want, 1e-9), "{}: {:?}", s, changes);
    }

    #[test]
    fn a_money_range_keeps_both_ends(
        a in 1u32..5000,
        d in 1u32..5000,
        between in any::<bool>(),
        per in prop::sample::select(&["", " a dose", " per night", " a month"][..]),
    ) {
        let b = a + d;
        let s = if between {
            format!("Prices were between ${a} and ${b}{per} last year.")
        } else {
            format!("Prices were ${a} to ${b}{per} last year.")
        };
        let money: Vec<(f64, f64, bool)> = measures_of(&s)
            .into_iter()
            .filter_map(|m| match m {
                Measure::Money { lo, hi, per, .. } => Some((lo, hi, per.is_some())),
                _ => None,
            })
            .collect();
        prop_assert_eq!(money, vec![(f64::from(a), f64::from(b), !per.is_empty())], "{}", s);
    }

    #[test]
    fn measure_words_never_panic_and_stay_inside_the_text(s in measure_text()) {
        let figures = figures_of(&s);
        for f in &figures {
            prop_assert!(f.span.start <= f.span.end && f.span.end <= s.len(), "{:?} in {:?}", f, s);
            prop_assert!(s.is_char_boundary(f.span.start) && s.is_char_boundary(f.span.end));
            prop_assert!(!f.lo().is_nan() && !f.hi().is_nan(), "{:?}", f);
            if let Some(Measure::Money { lo, hi, .. } | Measure::Change { lo, hi, .. }) = f.measure() {
                prop_assert!(!lo.is_nan() && !hi.is_nan() && lo <= hi, "{:?} in {:?}", f, s);
            }
        }
        for db in examples() {
            let findings = check::check(db, &s);
            for f in &findings {
                prop_assert!(f.span.end <= s.len() && s.is_char_boundary(f.span.start));
            }
            prop_assert_eq!(findings, check::check(db, &s));
        }
    }
}
