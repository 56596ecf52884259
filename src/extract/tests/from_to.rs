//! Test code: this module is declared `#[cfg(test)]` by its parent and built only for tests.
//!
//! Unit tests of changes stated by two levels ("grew from 3,105 to 5,544").

use crate::extract::{Base, ChangeUnit, Figure, Kind, Measure, When, figures};
use crate::lexicon::Lexicon;
use crate::text::{Words, tokenize};

fn figs(s: &str) -> Vec<Figure> {
    let w = Words::new(s, tokenize(s, 0..s.len()), Lexicon::english());
    figures(s, &w)
}

/// The changes of `s`: interval, unit, base.
fn changes(s: &str) -> Vec<(f64, f64, ChangeUnit, Option<Base>)> {
    figs(s)
        .into_iter()
        .filter_map(|f| match f.measure()? {
            Measure::Change {
                lo, hi, unit, base, ..
            } => Some((lo, hi, unit, base)),
            _ => None,
        })
        .collect()
}

#[test]
fn counts_give_a_percent_change_known_to_their_rounding() {
    let c = changes("Cases grew from 3,105 to 5,544 last year.");
    assert_eq!(c.len(), 1, "{c:?}");
    let (lo, hi, unit, _) = c[0];
    assert_eq!(unit, ChangeUnit::Percent);
    // 5,544 / 3,105 - 1 = 78.55%; each level is known to half a unit.
    assert!(lo < 78.55 && 78.55 < hi && hi - lo < 0.1, "{lo}..{hi}");
}

#[test]
fn percentages_give_a_change_in_points_and_no_range() {
    let f = figs("The jobless rate rose from 3.5% to 3.7% in June.");
    assert!(
        !f.iter()
            .any(|f| f.kind() == Kind::Share && f.lo() < 3.6 && f.hi() > 3.6),
        "no range 3.5-3.7: {f:?}"
    );
    // The first level has no date of its own: it is not a June figure.
    assert!(!f.iter().any(|f| f.kind() == Kind::Share && f.lo() == 3.5));
    let c = changes("The jobless rate rose from 3.5% to 3.7% in June.");
    assert_eq!(c.len(), 1);
    assert_eq!(c[0].2, ChangeUnit::Points);
    assert!(c[0].0 < 0.2 && 0.2 < c[0].1 && c[0].1 < 0.31);
}

#[test]
fn a_fall_is_negative_and_money_gives_both_changes() {
    let c = changes("The fund fell from $1.50 billion to $1.20 billion.");
    assert_eq!(c.len(), 2, "{c:?}");
    assert_eq!(c[0].2, ChangeUnit::Percent);
    assert!(c[0].0 < -20.0 && -20.0 < c[0].1);
    assert!(matches!(c[1].2, ChangeUnit::Money(_)));
    assert!(c[1].0 < -3e8 && -3e8 < c[1].1);
}

#[test]
fn dated_levels_stay_and_date_the_base() {
    let s = "Enrolment grew from 3,105 in 2019 to 5,544 in 2023.";
    let f = figs(s);
    let counts: Vec<f64> = f
        .iter()
        .filter(|f| f.kind() == Kind::Count)
        .map(Figure::lo)
        .collect();
    assert_eq!(counts, vec![3105.0, 5544.0]);
    let c = changes(s);
    assert_eq!(c[0].3, Some(Base::Date(When::year(2019))));
}

#[test]
fn the_denominator_written_once_serves_both_prices() {
    let c = changes("Prices climbed from $2.50 to $3.10 a gallon.");
    assert_eq!(c.len(), 1, "{c:?}");
    assert!(c[0].0 < 24.0 && 24.0 < c[0].1);
}

#[test]
fn quantities_of_one_dimension_and_temperatures_as_differences() {
    let c = changes("Emissions fell from 40 million tonnes to 35 million tonnes.");
    assert_eq!(c.len(), 2, "{c:?}");
    let c = changes("The average rose from 14.1 °C to 14.9 °C.");
    assert!(c.iter().any(|c| matches!(
        c.2,
        ChangeUnit::Quantity(crate::lexicon::measures::Dimension::TemperatureDifference)
    ) && c.0 < 0.8
        && 0.8 < c.1));
}

#[test]
fn no_change_without_a_change_word_or_across_units() {
    // A range stays a range; no change word, no change.
    assert!(changes("Estimates ranged from 3,000 to 5,000.").is_empty());
    let f = figs("Estimates ranged from 3,000 to 5,000.");
    assert!(f.iter().any(|f| f.lo() == 3000.0 && f.hi() == 5000.0));
    // Levels of different units are not a change.
    assert!(changes("It rose from 40% to $5 billion.").is_empty());
    // A bounded level is not a level to compute from.
    assert!(changes("Deaths rose from 5,544 to more than 70,000.").is_empty());
    // Not a tally either.
    assert!(
        !figs("Seats rose from 40 million tonnes to 35 million tonnes.")
            .iter()
            .any(|f| matches!(f.measure(), Some(Measure::Tally { .. })))
    );
}

/// The relative step of the one figure of `s` that is not a date.
fn step(s: &str) -> f64 {
    let w = Words::new(s, tokenize(s, 0..s.len()), Lexicon::english());
    let f = figures(s, &w);
    let f = f.iter().find(|f| f.kind() != Kind::When).expect("a figure");
    crate::extract::precision::relative_step(s, &w, f).expect("a step")
}

#[test]
fn the_step_of_the_last_significant_digit() {
    let close = |a: f64, b: f64| (a - b).abs() < 1e-12;
    assert!(close(step("about 95.1% of pupils"), 0.1 / 95.1));
    assert!(close(step("about 47.4 million people"), 0.1 / 47.4));
    // Trailing zeros of a whole number are rounding.
    assert!(close(step("about 5,500 people"), 100.0 / 5500.0));
    assert!(close(step("about 70,000 people"), 10_000.0 / 70_000.0));
    assert!(close(step("7 people"), 1.0 / 7.0));
    // A round level is known only to its rounding: the change it implies is wide.
    let c = changes("Members grew from 3,100 to 5,500.");
    assert!(c[0].0 < 75.0 && c[0].1 > 80.0, "{c:?}");
}
