//! Test code: this module is declared `#[cfg(test)]` by its parent and built only for tests.
//!
//! Unit tests of the measure extractors (issue 16): one or more per form, each with the span
//! the figure covers.

use crate::extract::{Base, Bound, ChangeUnit, Figure, Kind, Measure, When, figures};
use crate::lexicon::Lexicon;
use crate::lexicon::measures::{Currency, Dimension};
use crate::text::Words;
use crate::text::tokenize;

pub(super) fn figs(s: &str) -> Vec<Figure> {
    let w = Words::new(s, tokenize(s, 0..s.len()), Lexicon::english());
    figures(s, &w)
}

/// The measures of `s`, with the text each spans.
pub(super) fn measures(s: &str) -> Vec<(Measure, String)> {
    figs(s)
        .into_iter()
        .filter_map(|f| Some((f.measure()?, s[f.span.clone()].to_string())))
        .collect()
}

/// The one measure of `s`.
pub(super) fn one(s: &str) -> (Measure, String) {
    let all = measures(s);
    assert_eq!(all.len(), 1, "{s}: {all:?}");
    all.into_iter().next().unwrap_or_else(|| unreachable!())
}

pub(super) fn close(a: f64, b: f64) -> bool {
    (a - b).abs() <= 1e-6 * b.abs().max(1.0)
}

pub(super) fn money(s: &str) -> (f64, f64, Currency, Option<u16>, String) {
    match measures(s)
        .into_iter()
        .find(|(m, _)| matches!(m, Measure::Money { .. }))
    {
        Some((
            Measure::Money {
                lo,
                hi,
                currency,
                per,
            },
            t,
        )) => (lo, hi, currency, per, t),
        other => panic!("{s}: {other:?}"),
    }
}

fn quantity(s: &str) -> (f64, f64, Dimension, String) {
    match one(s) {
        (
            Measure::Quantity {
                lo, hi, dimension, ..
            },
            t,
        ) => (lo, hi, dimension, t),
        other => panic!("{s}: {other:?}"),
    }
}

pub(super) fn change(s: &str) -> (f64, f64, ChangeUnit, Option<Base>, String) {
    match one(s) {
        (
            Measure::Change {
                lo, hi, unit, base, ..
            },
            t,
        ) => (lo, hi, unit, base, t),
        other => panic!("{s}: {other:?}"),
    }
}

pub(super) fn tally(s: &str) -> (f64, f64, bool, String) {
    match one(s) {
        (Measure::Tally { yes, no, percent }, t) => (yes, no, percent, t),
        other => panic!("{s}: {other:?}"),
    }
}

#[test]
fn money_forms_and_scales() {
    let usd = Currency::USD;
    let cases: [(&str, f64, &str); 7] = [
        (
            "a cost of $369 billion over ten years",
            369e9,
            "$369 billion",
        ),
        ("a debt of $31.4 trillion", 31.4e12, "$31.4 trillion"),
        ("raised US$52.7bn last year", 52.7e9, "US$52.7bn"),
        ("a $1.2tn package", 1.2e12, "$1.2tn"),
        ("it cost 369 billion dollars", 369e9, "369 billion dollars"),
        ("a $400 billion plan", 400e9, "$400 billion"),
        ("provided $115.9 billion in 2022", 115.9e9, "$115.9 billion"),
    ];
    for (s, v, text) in cases {
        let (lo, hi, c, per, t) = money(s);
        assert!(close(lo, v) && close(hi, v), "{s}: {lo}..{hi}");
        assert_eq!((c, per, t.as_str()), (usd, None, text), "{s}");
    }
}

#[test]
fn money_currencies_are_kept() {
    assert_eq!(money("a €40 million grant").2.code(), "EUR");
    assert_eq!(money("a £3bn fund").2.code(), "GBP");
    assert_eq!(money("EUR 40 million").2.code(), "EUR");
    assert_eq!(money("an A$5 million grant").2.code(), "AUD");
    // "a $400 billion plan": the article is not the Australian dollar's "A$".
    assert_eq!(money("a $400 billion plan").2, Currency::USD);
}

#[test]
fn money_hedges_and_denominators() {
    let (lo, hi, _, _, t) = money("nearly $370 billion was spent");
    assert!(lo < 370e9 && close(hi, 370e9), "{lo}..{hi}");
    assert_eq!(t, "nearly $370 billion");
    let (_, _, _, per, t) = money("gas cost $5.02 a gallon in June");
    let m = crate::lexicon::measures::Measures::get();
    assert_eq!(per, m.per_index("gallon"));
    assert_eq!(t, "$5.02 a gallon");
    let (_, _, _, per, _) = money("up to $10,000 per borrower");
    assert_eq!(per, m.per_index("borrower"));
}

#[test]
fn temperatures_readings_and_differences() {
    let (lo, _, d, t) = quantity("it averaged 58.96°F in 2023");
    assert_eq!((d, t.as_str()), (Dimension::Temperature, "58.96°F"));
    assert!(close(lo, (58.96 - 32.0) / 1.8));
    // A rise of 2.7 °F is 1.5 °C, not (2.7 - 32) / 1.8.
    let (lo, _, d, _) = quantity("the world was 2.7°F warmer than before");
    assert_eq!(d, Dimension::TemperatureDifference);
    assert!(close(lo, 1.5), "{lo}");
    let (lo, _, d, t) = quantity("2023 was 1.48C warmer than the pre-industrial level");
    assert_eq!((d, t.as_str()), (Dimension::TemperatureDifference, "1.48C"));
    assert!(close(lo, 1.48));
    // "a rise of 1.5 degrees Celsius" is a change of a temperature difference (the judge
    // compares a rise with a difference fact); "a rise of 3 ppm" is no level of 3 ppm.
    let (lo, _, u, _, _) = change("a rise of 1.5 degrees Celsius");
    assert_eq!(u, ChangeUnit::Quantity(Dimension::TemperatureDifference));
    assert!(close(lo, 1.5));
    let (lo, _, u, _, _) = change("a decline of 0.5 °C");
    assert_eq!(u, ChangeUnit::Quantity(Dimension::TemperatureDifference));
    assert!(close(lo, -0.5), "a decline is negative: {lo}");
    assert_eq!(
        change("a rise of 3 ppm").2,
        ChangeUnit::Quantity(Dimension::Concentration)
    );
    let (_, _, d, _) = quantity("beat 2016 by 0.15 °C");
    assert_eq!(d, Dimension::TemperatureDifference);
}

#[test]
fn quantities_convert_to_canonical_units() {
    let cases: [(&str, f64, Dimension); 7] = [
        (
            "CO2 reached 424 parts per million",
            424.0,
            Dimension::Concentration,
        ),
        (
            "CO2 reached 424.0 ppm in May",
            424.0,
            Dimension::Concentration,
        ),
        ("capacity grew to 510 GW", 510e9, Dimension::Power),
        ("nearly 0.51 terawatts", 0.51e12, Dimension::Power),
        ("emissions of 37.4Gt last year", 37.4e12, Dimension::Mass),
        (
            "about 5 barrels",
            5.0 * 0.158_987_294_928,
            Dimension::Volume,
        ),
        ("used 3 MWh", 3.0 * 3.6e9, Dimension::Energy),
    ];
    for (s, v, dim) in cases {
        let (lo, hi, d, _) = quantity(s);
        assert_eq!(d, dim, "{s}");
        assert!(
            lo <= v * (1.0 + 1e-9) && hi >= v * (1.0 - 1e-9),
            "{s}: {lo}..{hi}"
        );
    }
}

#[test]
fn quantity_ranges_share_their_unit() {
    let (lo, hi, d, t) = quantity("warming of between 0.95 and 1.20°C compared with 1850");
    assert_eq!(d, Dimension::TemperatureDifference);
    assert!(close(lo, 0.95) && close(hi, 1.20));
    assert_eq!(t, "between 0.95 and 1.20°C");
}

#[test]
fn masses_of_the_english_lexicon_stay_masses() {
    // "900 pounds" and "37.4 billion tonnes" are read by the mass stage, as before.
    let f = figs("900 pounds of fentanyl");
    assert_eq!(f.len(), 1);
    assert_eq!(f[0].kind(), Kind::Mass);
    assert!(f[0].measure().is_none());
}

#[test]
fn changes_in_percent_with_direction() {
    let (lo, hi, u, base, t) = change("prices rose 9.1% over the year");
    assert_eq!((u, base), (ChangeUnit::Percent, Some(Base::Year)));
    assert!(close(lo, 9.1) && close(hi, 9.1));
    assert_eq!(t, "rose 9.1% over the year");
    let (lo, _, _, _, _) = change("output fell 2.3%");
    assert!(close(lo, -2.3), "a fall is negative: {lo}");
    let (lo, _, _, base, _) = change("up 9.1% from a year earlier");
    assert!(close(lo, 9.1));
    assert_eq!(base, Some(Base::Year));
    let (lo, _, u, _, t) = change("a 9.1% increase");
    assert_eq!((u, t.as_str()), (ChangeUnit::Percent, "9.1% increase"));
    assert!(close(lo, 9.1));
}

#[test]
fn bases_of_a_change() {
    for s in [
        "prices rose 9.1% over the last 12 months",
        "prices rose 9.1% from the same month a year earlier",
        "prices were up 9.1% year on year",
    ] {
        assert_eq!(change(s).3, Some(Base::Year), "{s}");
    }
    assert_eq!(
        change("prices rose 1.3% from the previous month").3,
        Some(Base::Month)
    );
    assert_eq!(change("prices rose 9.1% in June").3, None);
}

#[test]
fn changes_by_multiples_and_fractions() {
    assert!(close(change("sales doubled").0, 100.0));
    assert!(close(change("sales tripled").0, 200.0));
    assert!(close(change("the deficit halved").0, -50.0));
    assert!(close(change("spending was cut by a third").0, -100.0 / 3.0));
    assert!(close(change("additions were up by half from 2022").0, 50.0));
}

#[test]
fn points_and_basis_points_are_not_percent() {
    let (lo, _, u, base, _) = change("turnout rose 5 percentage points from 2016");
    assert_eq!(u, ChangeUnit::Points);
    assert!(close(lo, 5.0));
    assert_eq!(base, Some(Base::Date(When::year(2016))));
    let (lo, _, u, _, t) = change("a 25-basis-point increase");
    assert_eq!(u, ChangeUnit::Points);
    assert!(close(lo, 0.25), "25 bp is 0.25 points: {lo}");
    assert_eq!(t, "25-basis-point increase");
    let (lo, _, u, _, _) = change("a quarter-point hike");
    assert_eq!(u, ChangeUnit::Points);
    assert!(close(lo, 0.25), "a quarter point, never 25%: {lo}");
    let (lo, _, u, _, _) = change("up 0.5 percentage points");
    assert_eq!(u, ChangeUnit::Points);
    assert!(close(lo, 0.5));
    let (lo, _, u, _, _) = change("the Fed raised rates by half a percentage point");
    assert_eq!(u, ChangeUnit::Points);
    assert!(close(lo, 0.5), "{lo}");
    let (lo, _, u, _, _) = change("rates rose by a quarter of a percentage point");
    assert_eq!(u, ChangeUnit::Points);
    assert!(close(lo, 0.25), "{lo}");
    // "a quarter point" is no share.
    assert!(
        figs("a quarter-point hike")
            .iter()
            .all(|f| f.kind() != Kind::Share)
    );
}

#[test]
fn absolute_changes_carry_their_unit() {
    let (lo, _, u, base, _) = change("an increase of 3.0 ppm over May 2022");
    assert_eq!(u, ChangeUnit::Quantity(Dimension::Concentration));
    assert!(close(lo, 3.0));
    assert_eq!(base, Some(Base::Date(When::month(2022, 5))));
    let (lo, _, u, _, _) = change("emissions fell by around 410 million tonnes");
    assert_eq!(u, ChangeUnit::Quantity(Dimension::Mass));
    assert!(lo < -400e9 * 0.9 && lo > -410e9 * 1.2, "{lo}");
    let (lo, _, u, _, _) = change("temperatures rose 1.1°C");
    assert_eq!(u, ChangeUnit::Quantity(Dimension::TemperatureDifference));
    assert!(close(lo, 1.1));
    let (_, _, u, _, _) = change("spending rose $8 billion");
    assert_eq!(u, ChangeUnit::Money(Currency::USD));
}

#[test]
fn rose_to_is_a_level_not_a_change() {
    assert!(measures("the rate rose to 3.4%").is_empty());
    // "made up 14%" states a share.
    assert!(measures("women made up 14% of offenders").is_empty());
}

#[test]
fn tallies() {
    let cases: [(&str, f64, f64, bool, &str); 9] = [
        ("the Senate voted 51-50", 51.0, 50.0, false, "51-50"),
        (
            "passed 51 to 50 in the Senate after a vote",
            51.0,
            50.0,
            false,
            "51 to 50",
        ),
        ("a 6-3 ruling", 6.0, 3.0, false, "6-3"),
        ("a 5–4 decision", 5.0, 4.0, false, "5–4"),
        ("by a vote of 314-117", 314.0, 117.0, false, "314-117"),
        (
            "Biden won 306 electoral votes to Trump's 232",
            306.0,
            232.0,
            false,
            "306 electoral votes to Trump's 232",
        ),
        (
            "Leave won by 17.4 million votes to 16.1 million",
            17.4e6,
            16.1e6,
            false,
            "17.4 million votes to 16.1 million",
        ),
        (
            "the UK voted by 51.9% to 48.1%",
            51.9,
            48.1,
            true,
            "51.9% to 48.1%",
        ),
        ("the committee split 11-11", 11.0, 11.0, false, "11-11"),
    ];
    for (s, a, b, pct, text) in cases {
        let (y, n, p, t) = tally(s);
        assert!(close(y, a) && close(n, b), "{s}: {y}-{n}");
        assert_eq!((p, t.as_str()), (pct, text), "{s}");
    }
    assert_eq!(one("the bill passed unanimously").0, Measure::Unanimous);
}

#[test]
fn tally_numbers_are_never_counts() {
    // The "6" of a 6-3 ruling is not six of anything; "51-50" is not two counts.
    for s in ["a 6-3 ruling", "the Senate voted 51-50", "5.25% to 5.5%"] {
        assert!(
            figs(s).iter().all(|f| f.kind() != Kind::Count),
            "{s}: {:?}",
            figs(s)
        );
    }
}

#[test]
fn ascending_pairs_stay_ranges_and_dates() {
    // "5.25% to 5.5%" is one range of shares; "30 to 50" a range; "2017-21" years.
    let f = figs("rates at 5.25% to 5.5%");
    assert_eq!(f.len(), 1, "{f:?}");
    assert_eq!((f[0].kind(), f[0].bound), (Kind::Share, Bound::Range));
    assert!(measures("between 30 to 50 people").is_empty());
    assert!(measures("deaths in 2017-21").is_empty());
    assert!(measures("on 13/3/2023").is_empty());
}

#[test]
fn records_rank_since_and_span() {
    // The first record of the sentence ("warmest ... on record" states two).
    let r = |s: &str| match measures(s).first().map(|m| m.0) {
        Some(Measure::Record { rank, since, span }) => (rank, since, span),
        other => panic!("{s}: {other:?}"),
    };
    assert_eq!(r("the warmest year on record"), (1, None, None));
    assert_eq!(r("the second-largest bank failure"), (2, None, None));
    assert_eq!(r("the third warmest"), (3, None, None));
    assert_eq!(
        r("the highest since November 1981").1,
        Some(When::month(1981, 11))
    );
    assert_eq!(r("the lowest in 54 years").2, Some(54.0));
    assert_eq!(r("the largest increase in four decades").2, Some(40.0));
    assert_eq!(r("a 40-year high").2, Some(40.0));
    assert_eq!(r("its 174-year climate record").2, Some(174.0));
    // "a record 37.4 Gt": the record and the quantity are both read.
    assert_eq!(measures("a record 37.4 Gt").len(), 2);
}

#[test]
fn durations_and_ages() {
    let d = |s: &str| match one(s) {
        (Measure::Duration { lo, hi }, t) => (lo, hi, t),
        other => panic!("{s}: {other:?}"),
    };
    let (lo, _, t) = d("he served for 22 years");
    assert!(close(lo, 22.0));
    assert_eq!(t, "22 years");
    assert!(close(d("a 10-year plan").0, 10.0));
    assert!(close(d("four decades of growth").0, 40.0));
    let (lo, hi, _) = d("nearly five decades of protection");
    assert!(lo < 50.0 && close(hi, 50.0));
    assert!(close(d("six months later").0, 0.5));
    for s in [
        "people aged 65 and over",
        "citizens 18 and older",
        "voters ages 18 to 24",
    ] {
        assert!(
            matches!(one(s).0, Measure::Age { .. }),
            "{s}: an age is a subgroup"
        );
    }
}

#[test]
fn one_side_of_a_vote() {
    for s in [
        "The bill passed with 63 votes in favour.",
        "It was approved with 63 votes in favor and 35 against.",
        "The measure passed the council with 63 votes.",
    ] {
        let all = measures(s);
        assert!(
            all.iter()
                .any(|(m, _)| *m == Measure::TallyFor { yes: 63.0 }),
            "{s}: {all:?}"
        );
    }
    // Not a side of a vote: a count of voters, or "with" and votes of no vote.
    for s in [
        "She won with 81 million votes.",
        "The city has 63 votes in reserve.",
        "He arrived with 63 votes of confidence letters.",
    ] {
        assert!(
            !measures(s)
                .iter()
                .any(|(m, _)| matches!(m, Measure::TallyFor { .. })),
            "{s}"
        );
    }
}

#[test]
fn cooling_is_a_fall_and_warming_a_rise() {
    let (lo, _, _, _, _) = change("The river cooled by 1.5 °C since 1990.");
    assert!(lo < 0.0, "{lo}");
    let (lo, _, _, _, _) = change("The lake warmed by 1.5 °C over the century.");
    assert!(lo > 0.0, "{lo}");
}
