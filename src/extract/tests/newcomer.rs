//! Test code: this module is declared `#[cfg(test)]` by its parent and built only for tests.
//!
//! Forms a newcomer's database met (issue 16, `tests/data/repro/`): changes of a span of
//! time, money ranges with a denominator, records of "the most since", records counted since
//! a clause or over "half a century", changes with an object or nouns before their noun,
//! gerunds of change verbs, ordinals joined to a noun, and tallies written smaller side
//! first. Each with sentences that must keep their old reading.

use super::measure::{change, close, figs, measures, money, one, tally};
use crate::extract::{Bound, ChangeUnit, Kind, Measure, When};
use crate::lexicon::measures::Measures;

/// The record of `s` (its first measure): rank, since, span.
fn record(s: &str) -> (u32, Option<When>, Option<f64>) {
    match measures(s).first().map(|m| m.0) {
        Some(Measure::Record { rank, since, span }) => (rank, since, span),
        other => panic!("{s}: {other:?}"),
    }
}

/// The kinds of the figures of `s`.
fn kinds(s: &str) -> Vec<Kind> {
    figs(s).iter().map(|f| f.kind()).collect()
}

#[test]
fn a_change_in_a_unit_of_time_is_a_change_of_years_not_a_duration() {
    let cases: [(&str, f64); 7] = [
        ("Life expectancy fell by 0.6 year in 2021", -0.6),
        ("The retirement age was raised by two years", 2.0),
        ("Average tenure rose 1.5 years from 2010", 1.5),
        ("The wait for a hearing dropped by six months", -0.5),
        ("A decline of 0.6 year was recorded", -0.6),
        (
            "Median age at first marriage climbed by nearly a decade",
            10.0,
        ),
        (
            "The team cut the average delivery time by half a year",
            -0.5,
        ),
    ];
    for (s, v) in cases {
        let (lo, hi, u, _, _) = change(s);
        assert_eq!(u, ChangeUnit::Years, "{s}");
        assert!(
            lo <= v + 1e-9 && hi >= v - 1e-9 && (lo < 0.0) == (v < 0.0),
            "{s}: {lo}..{hi}"
        );
    }
    // The level after it stays a duration: "fell by 0.6 year in 2021, to 76.4 years".
    let all = measures("Life expectancy fell by 0.6 year in 2021, to 76.4 years.");
    assert!(
        matches!(
            all[0].0,
            Measure::Change {
                unit: ChangeUnit::Years,
                ..
            }
        ),
        "{all:?}"
    );
    assert!(
        matches!(all[1].0, Measure::Duration { lo, .. } if close(lo, 76.4)),
        "{all:?}"
    );
    // No change: a time ago, how long a change lasted, how long it took, a plain span.
    for s in [
        "Sales rose 10 years ago",
        "Enrollment fell 3 years in a row",
        "Exports grew two years straight",
    ] {
        assert!(
            measures(s)
                .iter()
                .all(|(m, _)| !matches!(m, Measure::Change { .. })),
            "{s}: {:?}",
            measures(s)
        );
    }
    assert!(matches!(
        one("a 10-year decline in ridership").0,
        Measure::Duration { .. }
    ));
    assert!(matches!(
        one("he served for 22 years").0,
        Measure::Duration { .. }
    ));
}

#[test]
fn a_money_range_keeps_both_ends_and_its_denominator() {
    let m = Measures::get();
    let cases: [(&str, f64, f64, &str); 5] = [
        (
            "Analysts expected a price between $60 and $120 a dose",
            60.0,
            120.0,
            "between $60 and $120 a dose",
        ),
        (
            "Tickets will cost $60 to $120 per night",
            60.0,
            120.0,
            "$60 to $120 per night",
        ),
        (
            "Repairs will cost $1 to $2 billion",
            1e9,
            2e9,
            "$1 to $2 billion",
        ),
        (
            "The fund holds between $500 million and $1.2 billion",
            500e6,
            1.2e9,
            "between $500 million and $1.2 billion",
        ),
        (
            "Rents ranged from €800 to €1,100 a month",
            800.0,
            1100.0,
            "€800 to €1,100 a month",
        ),
    ];
    for (s, a, b, text) in cases {
        let (lo, hi, _, _, t) = money(s);
        assert!(close(lo, a) && close(hi, b), "{s}: {lo}..{hi}");
        assert_eq!(t, text, "{s}");
        let f = figs(s);
        assert_eq!(
            f.iter().filter(|f| f.kind() == Kind::Money).count(),
            1,
            "{s}: one figure, {f:?}"
        );
    }
    let (_, _, _, per, _) = money("priced between $60 and $120 a dose");
    assert_eq!(per, m.per_index("dose"));
    // Not ranges: a change and a level, two currencies, a descending pair.
    let all = measures("Gas rose $1.20 to $5.02 a gallon");
    assert!(matches!(all[0].0, Measure::Change { .. }), "{all:?}");
    assert!(
        matches!(all[1].0, Measure::Money { lo, .. } if close(lo, 5.02)),
        "{all:?}"
    );
    let all = measures("Fares were cut by $20 to $100");
    assert!(matches!(all[0].0, Measure::Change { .. }), "{all:?}");
    assert_eq!(money("a swap of $60 to €120").0, 60.0);
    assert_eq!(money("from $120 to $60 a dose").1, 120.0);
}

#[test]
fn the_most_since_a_date_is_a_record_and_most_alone_a_share() {
    assert_eq!(
        record("1,282 cases in 2019, the most since 1992"),
        (1, Some(When::year(1992)), None)
    );
    assert_eq!(
        record("the fewest wildfires since 1987").1,
        Some(When::year(1987))
    );
    assert_eq!(record("the least rain in 40 years").2, Some(40.0));
    assert_eq!(record("the most in a decade").2, Some(10.0));
    assert_eq!(
        record("Prices fell for the first time since 2001").1,
        Some(When::year(2001))
    );
    assert_eq!(record("the first annual decline in 15 years").2, Some(15.0));
    for s in [
        "in the first quarter of 2023",
        "the first 100 days since the election",
    ] {
        assert!(
            measures(s)
                .iter()
                .all(|(m, _)| !matches!(m, Measure::Record { .. })),
            "{s}: {:?}",
            measures(s)
        );
    }
    // A share, a bound, a superlative of an adjective without a date: no record.
    assert_eq!(kinds("most people voted"), [Kind::Share]);
    assert!(measures("at least 40 people").is_empty());
    assert!(measures("the most popular film of the year").is_empty());
    assert!(measures("the least expensive option").is_empty());
    assert!(measures("the most recent data since 2020 show a rise").is_empty());
}

#[test]
fn a_record_counted_since_a_clause_takes_the_clause_date() {
    assert_eq!(
        record("the largest drop since the test was first given in 1996"),
        (1, Some(When::year(1996)), None)
    );
    assert_eq!(
        record("the warmest spring since records began in 1880").1,
        Some(When::year(1880))
    );
    assert_eq!(
        record("the highest rate since the agency started counting in March 2001").1,
        Some(When::month(2001, 3))
    );
    assert_eq!(
        record("the highest since the 1970s").1,
        Some(When::years(1970, 1979))
    );
    // The date is the record's, not a date of its own.
    let f = figs("the largest drop since the test was first given in 1996");
    assert!(f.iter().all(|f| f.kind() != Kind::When), "{f:?}");
    // A clause that ends at a comma, or too long a clause: no since-date.
    assert_eq!(
        record("the largest drop since the change, which came in 1996").1,
        None
    );
    assert_eq!(
        record(
            "the lowest since the old survey that many scholars once trusted was redesigned in 1990"
        )
        .1,
        None
    );
}

#[test]
fn span_words_give_a_records_span() {
    let cases: [(&str, f64); 6] = [
        ("its lowest level in half a century", 50.0),
        ("the highest in a quarter century", 25.0),
        ("the highest in a quarter-century", 25.0),
        ("the worst in nearly two decades", 20.0),
        ("the largest in more than a decade", 10.0),
        ("the smallest in three quarters of a century", 75.0),
    ];
    for (s, v) in cases {
        assert_eq!(record(s).2, Some(v), "{s}");
        // "half" is no 50% share here.
        assert!(!kinds(s).contains(&Kind::Share), "{s}: {:?}", figs(s));
    }
    assert_eq!(record("a half-century high").2, Some(50.0));
    match one("the program ran for half a century").0 {
        Measure::Duration { lo, .. } => assert!(close(lo, 50.0)),
        other => panic!("{other:?}"),
    }
    // Still a share; an ordinal before a unit is no span.
    assert_eq!(kinds("half of respondents agreed"), [Kind::Share]);
    assert!(measures("Scores rose for the third year in a row").is_empty());
    assert!(measures("in the fifth decade of the program").is_empty());
}

#[test]
fn a_change_verb_reaches_past_its_object_to_by() {
    let cases: [(&str, f64); 4] = [
        (
            "The company said it would cut the list price of its insulin by 40%",
            -40.0,
        ),
        (
            "The city raised the fare for a single bus ride by 25%",
            25.0,
        ),
        (
            "The board lowered the cap on annual tuition fees by 2%",
            -2.0,
        ),
        (
            "Regulators reduced the limit on daily withdrawals by half",
            -50.0,
        ),
    ];
    for (s, v) in cases {
        let (lo, hi, u, _, _) = change(s);
        assert_eq!(u, ChangeUnit::Percent, "{s}");
        assert!(close(lo, v) && close(hi, v), "{s}: {lo}..{hi}");
    }
    // No measure: a number of things after the verb (the older stages' change of a count),
    // "by" with a date, a share elsewhere.
    assert!(measures("The plant cut 3 jobs").is_empty());
    assert!(
        !kinds("The firm cut prices for customers who signed up by 2020").contains(&Kind::Change)
    );
    assert_eq!(
        kinds("About 40% of the budget went to schools"),
        [Kind::Share]
    );
    // The object holds no other change.
    let (lo, _, _, _, t) = change("He cut short a debate on whether rents rose by 5%");
    assert!(close(lo, 5.0), "{lo}");
    assert_eq!(t, "rose by 5%");
}

#[test]
fn nouns_between_a_percent_and_its_change_noun() {
    let cases: [(&str, f64); 6] = [
        ("The 40 percent price cut takes effect in October", -40.0),
        ("Workers won a 3% wage increase", 3.0),
        ("The utility's 12% rate hike was approved", 12.0),
        ("a 25-basis-point interest rate cut", -0.25),
        ("its 5% fare reduction", -5.0),
        ("Workers got a 4% raise", 4.0),
    ];
    for (s, v) in cases {
        let (lo, hi, _, _, _) = change(s);
        assert!(close(lo, v) && close(hi, v), "{s}: {lo}..{hi}");
    }
    let (lo, _, _, base, t) = change("a 10% year-over-year increase in rents");
    assert!(close(lo, 10.0), "{lo}");
    assert_eq!(
        (base, t.as_str()),
        (
            Some(crate::extract::Base::Year),
            "10% year-over-year increase"
        )
    );
    // Another phrase between: a share, and no change.
    for s in [
        "40% of workers saw a pay cut",
        "the 3% who saw a drop",
        "40% said a price cut would help",
    ] {
        assert!(!kinds(s).contains(&Kind::Change), "{s}: {:?}", figs(s));
    }
}

#[test]
fn gerunds_of_change_verbs_and_ordinals_joined_to_nouns() {
    let (lo, _, u, _, t) = change("eighth-grade math scores declining by 3 points");
    assert_eq!(
        (u, t.as_str()),
        (ChangeUnit::Points, "declining by 3 points")
    );
    assert!(close(lo, -3.0));
    assert!(close(change("wages rising 4% a year").0, 4.0));
    assert!(close(change("output shrinking by 2.5%").0, -2.5));
    // An ordinal joined to a noun, or alone, is no fraction; with an article or a number it
    // is one.
    for s in [
        "eighth-grade students",
        "a third-party candidate",
        "in the fifth grade",
        "the third time",
        "an eighth-grade class",
    ] {
        assert!(figs(s).is_empty(), "{s}: {:?}", figs(s));
    }
    for (s, v) in [
        ("a third of voters", 33.0),
        ("one eighth of the land", 12.5),
        ("two-thirds of members", 66.0),
    ] {
        let f = figs(s);
        assert_eq!(f.len(), 1, "{s}: {f:?}");
        assert_eq!(f[0].kind(), Kind::Share, "{s}");
        assert!(f[0].lo() <= v + 1.0 && f[0].hi() >= v, "{s}: {f:?}");
    }
    // "cutting 3 jobs" is no measure; "a half-million" is a number.
    assert!(measures("the mill is cutting 3 jobs").is_empty());
    let f = figs("a half-million residents");
    assert_eq!(f.len(), 1, "{f:?}");
    assert!(close(f[0].lo(), 500_000.0), "{f:?}");
}

#[test]
fn a_pair_after_a_vote_word_is_a_tally_in_either_order() {
    for (s, text) in [
        ("The House voted 212 to 219 to pass the act", "212 to 219"),
        ("The House voted 219 to 212 to pass the act", "219 to 212"),
        ("the council approved it by a vote of 4 to 5", "4 to 5"),
        ("the board voted 3-4 against the plan", "3-4"),
        ("the plan failed in a 4-5 vote", "4-5"),
    ] {
        let (yes, no, pct, t) = tally(s);
        assert!(yes >= no, "{s}: the larger side first, {yes}-{no}");
        assert!(!pct, "{s}");
        assert_eq!(t, text, "{s}");
    }
    // Ranges stay ranges.
    assert!(matches!(one("voters ages 18 to 24").0, Measure::Age { .. }));
    let f = figs("between 30 to 50 people");
    assert_eq!(f.len(), 1, "{f:?}");
    assert_eq!((f[0].kind(), f[0].bound), (Kind::Count, Bound::Range));
    let f = figs("The group voted in 3 to 5 states");
    assert!(f.iter().all(|f| f.measure().is_none()), "{f:?}");
    for s in [
        "51.4% of citizens ages 18 to 24 voted",
        "the vote of 18 to 29 year olds",
        "the vote of 18 to 29-year-olds",
    ] {
        assert!(
            measures(s)
                .iter()
                .all(|(m, _)| !matches!(m, Measure::Tally { .. })),
            "{s}: {:?}",
            measures(s)
        );
    }
}

#[test]
fn a_change_fact_in_years_is_compared_with_a_change_of_years_only() {
    use crate::check::{Verdict, check};
    use crate::db::Database;
    // The unit a curator writes for a change of a span of time.
    for unit in ["years", "year", "yr", "months"] {
        let value = if unit == "months" { "-7.2" } else { "-0.6" };
        let src = format!(
            "[[claim]]\nid = \"c\"\nstatement = \"s\"\nabout = [[\"tenure\"]]\n\n\
             [[claim.fact]]\nkind = \"change\"\nvalue = {value}\nunit = \"{unit}\"\n\n\
             [[claim.source]]\ntitle = \"t\"\npublisher = \"p\"\nurl = \"https://example.org\"\n\
             date = \"2024\"\nquote = \"q\"\n"
        );
        let d = Database::from_sources(&[("fixture.toml".into(), src)])
            .unwrap_or_else(|e| panic!("unit {unit}: {e}"));
        let verdicts = |text: &str| -> Vec<Verdict> {
            check(&d, text).into_iter().map(|f| f.verdict).collect()
        };
        assert_eq!(
            verdicts("Average tenure fell by 0.6 year in 2021."),
            [Verdict::Agrees],
            "{unit}"
        );
        assert_eq!(
            verdicts("Average tenure fell by 1.6 years in 2021."),
            [Verdict::Conflicts],
            "{unit}"
        );
        // A level of years, a change in percent: another measure.
        assert!(
            verdicts("Average tenure was 6.2 years in 2021.").is_empty(),
            "{unit}"
        );
        assert!(
            verdicts("Average tenure fell by 0.6% in 2021.").is_empty(),
            "{unit}"
        );
    }
}

#[test]
fn temperatures_below_zero_keep_their_sign() {
    use crate::lexicon::measures::Dimension;
    for (s, v) in [
        ("The low was -5°C on Monday", -5.0),
        ("It fell to −12 °F overnight", (-12.0 - 32.0) / 1.8),
        ("Temperatures hit minus 4 degrees Celsius", -4.0),
        ("an anomaly of -0.3 °C", -0.3),
    ] {
        match one(s).0 {
            Measure::Quantity { lo, hi, .. } => {
                assert!(close(lo, v) && close(hi, v), "{s}: {lo}..{hi}");
            }
            other => panic!("{s}: {other:?}"),
        }
    }
    // A hyphen that joins a number or a word before it is no minus.
    match one("highs of 10-15°C").0 {
        Measure::Quantity {
            lo, hi, dimension, ..
        } => {
            assert_eq!(dimension, Dimension::Temperature);
            assert!(close(lo, 10.0) && close(hi, 15.0), "{lo}..{hi}");
        }
        other => panic!("{other:?}"),
    }
    match one("a mid-30°C heat").0 {
        Measure::Quantity { lo, .. } => assert!(close(lo, 30.0), "{lo}"),
        other => panic!("{other:?}"),
    }
    // Only temperatures are written below zero.
    assert!(close(quantity_lo("a drop of -5 ppm"), 5.0));
}

/// The low end of the one quantity of `s`.
fn quantity_lo(s: &str) -> f64 {
    match one(s).0 {
        Measure::Quantity { lo, .. } => lo,
        other => panic!("{s}: {other:?}"),
    }
}

#[test]
fn a_whole_number_and_a_fraction_in_words() {
    let f = figs("The line opened three and a half years late.");
    assert!(
        f.iter()
            .any(|f| matches!(f.measure(), Some(Measure::Duration { lo, .. }) if lo == 3.5)),
        "{f:?}"
    );
    let f = figs("Two and a quarter million people voted.");
    assert!(f.iter().any(|f| f.lo() == 2_250_000.0), "{f:?}");
    // "and a half" after no number is nothing of the kind.
    assert!(figs("Rain and a half-hearted sun.").is_empty());
}

#[test]
fn a_number_joined_to_a_singular_unit_is_a_quantity() {
    for (s, metres) in [
        ("The 235-mile route opened.", 235.0 * 1609.344),
        ("A 12-kilometre tunnel.", 12_000.0),
        ("A 3-foot rise.", 0.9144),
    ] {
        let f = figs(s);
        assert!(
            f.iter().any(
                |f| matches!(f.measure(), Some(Measure::Quantity { lo, .. }) if close(lo, metres))
            ),
            "{s}: {f:?}"
        );
    }
}

#[test]
fn an_amount_with_a_comparative_and_a_base_is_a_change() {
    let c = change("Housing starts were 4.4% lower than a year earlier.");
    assert!(close(c.0, -4.4) && c.2 == ChangeUnit::Percent, "{c:?}");
    let c = change("The rate was 2 points higher than a year before.");
    assert!(close(c.0, 2.0) && c.2 == ChangeUnit::Points, "{c:?}");
    // No base: a comparison, not a change over time.
    assert!(
        !figs("It is 20% more potent than heroin.")
            .iter()
            .any(|f| matches!(f.measure(), Some(Measure::Change { base: Some(_), .. })))
    );
}

#[test]
fn a_four_letter_month_abbreviation_with_its_dot() {
    let f = figs("The governor signed it on Sept. 16, 2021.");
    assert!(
        f.iter().any(|f| f.when() == Some(When::day(2021, 9, 16))),
        "{f:?}"
    );
}
