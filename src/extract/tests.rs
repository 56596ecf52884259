//! Test code: this module is declared `#[cfg(test)]` by its parent and built only for tests.
//!
//! Unit tests of the figure extractors, on English alone.

use super::*;
use crate::lexicon::{Lexicon, LexiconExtension};
use crate::text::tokenize;

fn figs_with(s: &str, lex: &Lexicon) -> Vec<Figure> {
    let w = Words::new(s, tokenize(s, 0..s.len()), lex);
    figures(s, &w)
}

fn figs(s: &str) -> Vec<Figure> {
    figs_with(s, Lexicon::english())
}

/// The one figure of `kind` in `s`: its interval and the text it spans.
fn one(s: &str, kind: Kind) -> (f64, f64, String) {
    let all: Vec<Figure> = figs(s).into_iter().filter(|f| f.kind() == kind).collect();
    assert_eq!(all.len(), 1, "{s}: {all:?}");
    let f = &all[0];
    (f.lo(), f.hi(), s[f.span.clone()].to_string())
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
    assert!(figs("one deaths").iter().all(|f| f.kind() != Kind::Count));
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
    // A superlative is no share: "most" before an adjective of the lexicon, English or
    // the database's own.
    assert!(
        figs("one of the most common causes")
            .iter()
            .all(|f| f.kind() != Kind::Share)
    );
    let ext = LexiconExtension {
        adjectives_after_most: vec!["potent".into()],
        ..LexiconExtension::default()
    };
    let lex = Lexicon::extended(&ext);
    assert!(
        figs_with("one of the most potent opioids", &lex)
            .iter()
            .all(|f| f.kind() != Kind::Share)
    );
    assert!(
        figs_with("the batch that is most potent", &lex)
            .iter()
            .all(|f| f.kind() != Kind::Share)
    );
    assert!(
        figs("the batch that is most potent")
            .iter()
            .any(|f| f.kind() == Kind::Share),
        "without the database's word, English alone reads a share"
    );
    assert!(
        figs("a 2 percentage point rise")
            .iter()
            .all(|f| f.kind() != Kind::Share)
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
            .map(|f| f.kind())
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
    let all: Vec<When> = figs(s).into_iter().filter_map(|f| f.when()).collect();
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
    assert!(figs("on 2/30/2023").iter().all(|f| f.when().is_none()));
    assert!(figs("on 13/13/2023").iter().all(|f| f.when().is_none()));
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
            .all(|f| f.kind() == Kind::When)
    );
    let f = figs("2000 deaths");
    assert_eq!(f[0].kind(), Kind::Count);
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

#[test]
fn spaced_and_apostrophe_thousands_read_as_one_number() {
    let (lo, hi, text) = one("about 70 601 deaths", Kind::Count);
    assert!(
        lo < 70601.0 && hi > 70601.0 && text == "about 70 601",
        "{lo}..{hi} {text}"
    );
    assert_eq!(count("exactly 70\u{a0}601 deaths"), 70601.0);
    assert_eq!(count("exactly 70\u{2009}601 deaths"), 70601.0);
    assert_eq!(count("exactly 70\u{202f}601 deaths"), 70601.0);
    assert_eq!(count("exactly 70’601 deaths"), 70601.0);
    assert_eq!(count("exactly 1 000 000 deaths"), 1e6);
}

#[test]
fn a_dot_that_may_group_thousands_is_no_count() {
    assert!(
        figs("about 70.601 deaths")
            .iter()
            .all(|f| f.kind() != Kind::Count)
    );
    // A decimal that cannot group thousands stays a number.
    assert_eq!(figs("22.7 per 100,000")[0].lo(), 22.7);
    assert_eq!(one("0.125% of them", Kind::Share).0, 0.125);
}

#[test]
fn powers_are_no_figures() {
    assert!(
        figs("10^400 deaths").is_empty(),
        "{:?}",
        figs("10^400 deaths")
    );
    assert!(figs("about 2^10 deaths").is_empty());
    // A caret apart from the number is only punctuation.
    assert_eq!(count("10 ^ deaths"), 10.0);
}

mod from_to;
mod measure;
mod newcomer;
