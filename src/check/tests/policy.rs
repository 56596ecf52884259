//! Test code: this module is declared `#[cfg(test)]` by its parent and built only for tests.
//!
//! Each threshold of [`Policy`] at its edge: a sentence just inside it and one just outside,
//! on a neutral database, with why the line is drawn there. The values are asserted first, so
//! that changing one makes these tests say which sentences change with it.

use super::{DB_NAME, load, says, source};
use crate::db::Database;
use crate::policy::{ClaimPolicy, Policy};

/// A count claim "The Lumen festival drew N visitors" with no tolerance (exact).
fn visitors(value: &str) -> String {
    format!(
        r#"
[[claim]]
id = "lumen-festival-visitors"
statement = "The Lumen festival drew {value} visitors."
about = [["Lumen festival"]]

[[claim.fact]]
kind = "count"
label = "visitors"
value = {value}
nouns = ["visitors"]
"#
    )
}

#[test]
fn the_defaults_are_the_documented_ones() {
    let p = Policy::DEFAULT;
    assert_eq!(p, Policy::default());
    assert_eq!((p.hedge, p.below, p.fraction_band), (0.05, 0.10, 2.0));
    assert_eq!((p.bound_reach, p.lookalike_near), (1.25, 0.10));
    assert_eq!(
        (
            p.noun_window,
            p.of_window,
            p.than_window,
            p.comparator_window
        ),
        (4, 5, 6, 3)
    );
    assert_eq!((p.negation_lookback, p.rate_window), (3, 9));
    assert_eq!((p.plural_min_len, p.verb_min_len), (4, 4));
    assert_eq!((p.population_min, p.name_max_words), (1000.0, 4));
    assert_eq!((p.years, p.yearless_reach_years), ((1600, 2100), 2));
    assert_eq!(
        (
            p.hypothetical_lookback,
            p.verb_lookahead,
            p.event_participants
        ),
        (5, 10, 2)
    );
    assert!(p.is_year(1600) && p.is_year(2100));
    assert!(!p.is_year(1599) && !p.is_year(2101));
}

#[test]
fn hedge_covers_a_rounding_to_two_figures() {
    // 5,500 exactly. "About 5,300" is 3.6% short: a hedge of 5% covers it (5,300 × 1.05 =
    // 5,565). "About 5,200" is 5.5% short: it does not, and says something else.
    let db = load(&[&visitors("5500")]);
    assert_eq!(
        says(&db, "The Lumen festival drew about 5,300 visitors."),
        "agrees `about 5,300`"
    );
    assert_eq!(
        says(&db, "The Lumen festival drew about 5,200 visitors."),
        "conflicts `about 5,200`"
    );
    // Above the value the same: 5,700 × 0.95 = 5,415.
    assert_eq!(
        says(&db, "The Lumen festival drew about 5,700 visitors."),
        "agrees `about 5,700`"
    );
    assert_eq!(
        says(&db, "The Lumen festival drew about 5,800 visitors."),
        "conflicts `about 5,800`"
    );
}

#[test]
fn hedge_is_no_wider_than_ten_steps_of_the_last_digit() {
    // "About 5,250" is written to the tens: it rounds to them, and covers 5,150..5,350 only.
    let db = load(&[&visitors("5500")]);
    assert_eq!(Policy::DEFAULT.hedge_steps, 10.0);
    assert_eq!(
        says(&db, "The Lumen festival drew about 5,250 visitors."),
        "conflicts `about 5,250`"
    );
    assert_eq!(
        says(&db, "The Lumen festival drew about 5,460 visitors."),
        "agrees `about 5,460`"
    );
}

#[test]
fn below_is_a_tenth_under_the_stated_figure() {
    // 185 exactly. "Nearly 200" covers 180..200: 185 is 7.5% short, inside. "Nearly 210"
    // covers 189..210: 185 is 12% short, and nobody says "nearly 210" of 185.
    let db = load(&[&visitors("185")]);
    assert_eq!(
        says(&db, "The Lumen festival drew nearly 200 visitors."),
        "agrees `nearly 200`"
    );
    assert_eq!(
        says(&db, "The Lumen festival drew nearly 210 visitors."),
        "conflicts `nearly 210`"
    );
    // "Nearly" never reaches above its figure.
    assert_eq!(
        says(&db, "The Lumen festival drew nearly 180 visitors."),
        "conflicts `nearly 180`"
    );
}

/// A share claim "N% of Corvan's revenue comes from exports" with no tolerance.
fn exports(value: &str) -> String {
    format!(
        r#"
[[claim]]
id = "corvan-exports"
statement = "Exports are {value}% of Corvan's revenue."
about = [["Corvan"], ["revenue"]]

[[claim.fact]]
kind = "share"
label = "exports among revenue"
value = {value}
of = ["revenue"]
"#
    )
}

#[test]
fn fraction_band_makes_a_bare_fraction_a_round_share() {
    // "Half" said bare covers 48%..52%: a writer who says "half" of 48.1% rounds fairly, of
    // 47.9% not quite. A hedge of 5% would reach 47.5%; the band is narrower there.
    let inside = load(&[&exports("48.1")]);
    assert_eq!(
        says(&inside, "Half of Corvan's revenue comes from exports."),
        "agrees `Half`"
    );
    let outside = load(&[&exports("47.9")]);
    assert_eq!(
        says(&outside, "Half of Corvan's revenue comes from exports."),
        "conflicts `Half`"
    );
    // Said with a hedge, the hedge's width applies.
    assert_eq!(
        says(
            &outside,
            "About half of Corvan's revenue comes from exports."
        ),
        "agrees `About half`"
    );
}

#[test]
fn bound_reach_is_how_far_past_a_bound_the_figure_may_lie() {
    // 5,000 exactly. "More than 4,000" reaches 4,000 × 1.25 = 5,000: a writer rounding down
    // to a round figure. "More than 3,900" reaches 4,875: true of 5,000, but not a statement
    // of it.
    let db = load(&[&visitors("5000")]);
    assert_eq!(
        says(&db, "The Lumen festival drew more than 4,000 visitors."),
        "agrees `more than 4,000`"
    );
    assert_eq!(
        says(&db, "The Lumen festival drew more than 3,900 visitors."),
        "silent"
    );
    // From above: 5,000 × 1.25 = 6,250.
    assert_eq!(
        says(&db, "The Lumen festival drew fewer than 6,250 visitors."),
        "agrees `fewer than 6,250`"
    );
    assert_eq!(
        says(&db, "The Lumen festival drew fewer than 6,300 visitors."),
        "silent"
    );
}

/// The Alder river: 410 km, with a look-alike of 530 km (with its estuary).
fn river(policy: &str) -> String {
    format!(
        r#"
[[claim]]
id = "alder-length"
statement = "The Alder river is 410 km long."
about = [["Alder"], ["long", "length"]]
{policy}
[[claim.fact]]
kind = "count"
label = "length in km"
value = 410
nouns = ["km"]
lookalikes = [{{ value = 530, note = "with its estuary" }}]
"#
    )
}

#[test]
fn lookalike_near_is_how_close_a_bound_must_come_to_a_lookalike() {
    // "More than 480 km" ends 9.4% short of the 530 km with the estuary: that is how that
    // figure is rounded, so the sentence is about it. "More than 470 km" ends 11.3% short:
    // it is no rounding of 530, and it is false of 410.
    let db = load(&[&river("")]);
    assert_eq!(says(&db, "The Alder is more than 480 km long."), "silent");
    assert_eq!(
        says(&db, "The Alder is more than 470 km long."),
        "conflicts `more than 470`"
    );
    // A bound with its end far from the look-alike is not it, even when it holds of it.
    assert_eq!(
        says(&db, "The Alder is more than 200 km long."),
        "silent",
        "a loose bound, not a look-alike"
    );
}

#[test]
fn a_claim_policy_overrides_its_own_claim_only() {
    let generous = visitors("5000")
        .replace("lumen-festival-visitors", "generous")
        .replace("Lumen festival", "Lumen fair")
        .replace(
            "\n[[claim.fact]]",
            "\n[claim.policy]\nbound-reach = 10\n\n[[claim.fact]]",
        );
    let db = load(&[&generous, &visitors("5000")]);
    assert_eq!(db.claims[0].policy.bound_reach, Some(10.0));
    assert_eq!(db.claims[1].policy, ClaimPolicy::default());
    assert_eq!(db.claims[1].policy.resolve(), Policy::DEFAULT);
    assert_eq!(
        says(&db, "The Lumen fair drew over 1,000 visitors."),
        "agrees `over 1,000`"
    );
    assert_eq!(
        says(&db, "The Lumen festival drew over 1,000 visitors."),
        "silent"
    );

    // A look-alike read only when stated as such: "more than 480 km" is then false of 410.
    let strict = river("\n[claim.policy]\nlookalike-near = 0.0\n");
    let db2 = load(&[&strict]);
    assert_eq!(
        db2.claims[0].policy.resolve(),
        Policy {
            lookalike_near: 0.0,
            ..Policy::DEFAULT
        }
    );
    assert_eq!(
        says(&db2, "The Alder is more than 480 km long."),
        "conflicts `more than 480`"
    );
    assert_eq!(says(&db2, "The Alder is 530 km long."), "silent");
}

/// The error of a database that must not load.
fn refused(claims: &[&str]) -> String {
    match Database::from_sources(&[(DB_NAME.to_string(), source("", claims))]) {
        Ok(_) => panic!("the database loads"),
        Err(e) => e.to_string(),
    }
}

/// The `path:line:column` of the first `needle` in the test database's source, `skip` bytes
/// into it.
fn position_of(claims: &[&str], needle: &str, skip: usize) -> String {
    let src = source("", claims);
    let at = src.find(needle).expect("the needle is in the source") + skip;
    let line = src[..at].matches('\n').count() + 1;
    let column = at - src[..at].rfind('\n').map_or(0, |k| k + 1) + 1;
    format!("{DB_NAME}:{line}:{column}:")
}

#[test]
fn out_of_range_claim_policies_are_refused_with_their_position() {
    for (key, bad) in [
        ("bound-reach", "0.5"),
        ("bound-reach", "nan"),
        ("bound-reach", "inf"),
        ("lookalike-near", "1.0"),
        ("lookalike-near", "-0.1"),
    ] {
        let claim = river(&format!("\n[claim.policy]\n{key} = {bad}\n"));
        let e = refused(&[&claim]);
        // At the key, or at its value.
        let needle = format!("{key} = {bad}");
        let at = position_of(&[&claim], &needle, 0);
        let at_value = position_of(&[&claim], &needle, key.len() + 3);
        assert!(
            e.starts_with(&at) || e.starts_with(&at_value),
            "{key} = {bad}: expected at {at} or {at_value}, got {e}"
        );
        assert!(e.contains(key) && e.contains("out of range"), "{e}");
    }
    // An unknown key of the table is refused too.
    let claim = river("\n[claim.policy]\nnear-miss = 0.5\n");
    let e = refused(&[&claim]);
    assert!(e.contains("near-miss"), "{e}");
    // The edges themselves are valid.
    let db = load(&[&river(
        "\n[claim.policy]\nbound-reach = 1.0\nlookalike-near = 0.0\n",
    )]);
    assert_eq!(db.claims[0].policy.bound_reach, Some(1.0));
}

#[test]
fn noun_window_reaches_past_three_modifiers() {
    // "9,000 loyal local summer visitors": the noun is the fourth word, after three
    // modifiers, as noun phrases in news copy go. A fifth word is another phrase: "9,000
    // loyal local summer music fans' visitors" is not read as counting visitors.
    let db = load(&[&visitors("5000")]);
    assert_eq!(
        says(
            &db,
            "The Lumen festival drew 9,000 loyal local summer visitors."
        ),
        "conflicts `9,000`"
    );
    assert_eq!(
        says(
            &db,
            "The Lumen festival drew 9,000 loyal local summer music visitors."
        ),
        "silent"
    );
}

#[test]
fn of_window_reaches_through_a_possessive_and_two_modifiers() {
    // After "of", what the share is of may be the fifth word ("of the company's total annual
    // revenue"); a sixth is beyond what the "of" is read to govern.
    let db = load(&[&exports("70")]);
    assert_eq!(
        says(
            &db,
            "Exports made 40% of the company's total annual revenue at Corvan."
        ),
        "conflicts `40%`"
    );
    assert_eq!(
        says(
            &db,
            "Exports made 40% of the company's total annual overseas revenue at Corvan."
        ),
        "silent"
    );
}

fn longer_bridge() -> String {
    r#"
[[claim]]
id = "lumen-new-bridge"
statement = "The new Lumen bridge is three times as long as the old bridge."
about = [["new Lumen bridge"]]

[[claim.fact]]
kind = "multiplier"
label = "length compared with the old bridge"
value = 3
than = ["old bridge"]
"#
    .to_string()
}

#[test]
fn than_window_reaches_the_comparison_word() {
    // "five times longer in total span length than": "than" is the sixth word after the
    // multiplier, past an adjective and a short phrase. A seventh is another clause.
    let db = load(&[&longer_bridge()]);
    assert_eq!(
        says(
            &db,
            "The new Lumen bridge is five times longer in total span length than the old bridge."
        ),
        "conflicts `five times`"
    );
    assert_eq!(
        says(
            &db,
            "The new Lumen bridge is five times longer in its total span length than the old bridge."
        ),
        "silent"
    );
}

#[test]
fn comparator_window_reaches_past_a_determiner_and_a_possessive() {
    // "than the city's old bridge": the comparator starts at the third word after "than".
    // At the fourth it is likely part of a longer phrase about something else.
    let db = load(&[&longer_bridge()]);
    assert_eq!(
        says(
            &db,
            "The new Lumen bridge is five times longer than the city's old bridge."
        ),
        "conflicts `five times`"
    );
    assert_eq!(
        says(
            &db,
            "The new Lumen bridge is five times longer than the city's other old bridge."
        ),
        "silent"
    );
}

fn trains() -> String {
    r#"
[[claim]]
id = "riverside-trains"
statement = "The Riverside bridge carries trains."
about = [["Riverside bridge"]]

[[claim.fact]]
kind = "assertion"
label = "what the bridge carries"
is = ["trains"]
"#
    .to_string()
}

#[test]
fn negation_lookback_reaches_past_a_verb_and_a_determiner() {
    // "not carry any trains": the negator is the third word back. A fourth word back is
    // usually another clause: "not closed, carries trains" negates "closed".
    let db = load(&[&trains()]);
    assert_eq!(
        says(&db, "The Riverside bridge does not carry any trains."),
        "conflicts `trains`"
    );
    assert_eq!(
        says(&db, "The Riverside bridge, not closed, carries trains."),
        "agrees `trains`"
    );
}

fn ferry() -> String {
    r#"
[[claim]]
id = "lumen-ferry"
statement = "The Lumen ferry carries 1,200 passengers a day."
about = [["Lumen ferry"]]

[[claim.fact]]
kind = "rate"
label = "passengers a day"
value = 1200
per = "day"
nouns = ["passengers"]
"#
    .to_string()
}

#[test]
fn rate_window_reaches_the_end_of_a_clause() {
    // "1,500 passengers ride it across the wide grey river every day": the rate's first word
    // is the ninth after the count, still in the clause of the count. A tenth word is a long
    // way for a verb phrase; past it "every day" is likely about another verb.
    let db = load(&[&ferry()]);
    assert_eq!(
        says(
            &db,
            "On the Lumen ferry 1,500 passengers ride it across the wide grey river every day."
        ),
        "conflicts `1,500`"
    );
    assert_eq!(
        says(
            &db,
            "On the Lumen ferry 1,500 passengers ride it across the very wide grey river every day."
        ),
        "silent"
    );
}

fn opening() -> String {
    r#"
[[claim]]
id = "riverside-opening"
statement = "The Riverside bridge opened in 1932."
about = [["Riverside bridge"]]

[[claim.fact]]
kind = "date"
label = "opening"
date = "1932"
"#
    .to_string()
}

#[test]
fn plural_min_len_tells_a_count_from_a_year() {
    // "2000 cars": a plural noun of four letters makes the year-like number a count, so the
    // date claim has nothing to say. "1950 was": three letters ending in "s" are "was",
    // "has", "its", and the number stays a year.
    let db = load(&[&opening()]);
    assert_eq!(
        says(&db, "The Riverside bridge carried 1950 cars."),
        "silent"
    );
    assert_eq!(
        says(&db, "For the Riverside bridge, 1950 was the opening year."),
        "conflicts `1950`"
    );
}

#[test]
fn verb_min_len_tells_a_verb_from_a_short_word() {
    // After a count, "registered" (ending "-ed", four letters or more) is a verb: the count
    // is not bound to another noun, and is compared. "red" is an adjective of another noun.
    let db = load(&[&visitors("5000")]);
    assert_eq!(
        says(
            &db,
            "The Lumen festival had 9,000 registered before the gates opened."
        ),
        "conflicts `9,000`"
    );
    assert_eq!(
        says(&db, "The Lumen festival had 9,000 red balloons."),
        "silent"
    );
}

#[test]
fn population_min_is_the_smallest_rate_denominator() {
    // "per 1,000 residents" is a population rate (births per 1,000 people), not a count of
    // visitors. "per 10 residents" is a small group, and the count stands as a count.
    let db = load(&[&visitors("5000")]);
    assert_eq!(
        says(
            &db,
            "The Lumen festival drew 9,000 visitors per 1,000 residents."
        ),
        "silent"
    );
    assert_eq!(
        says(
            &db,
            "The Lumen festival drew 9,000 visitors per 10 residents."
        ),
        "conflicts `9,000`"
    );
}

fn closure() -> String {
    r#"
[[claim]]
id = "riverside-closure"
statement = "Ann Lee announced the closure of the Riverside bridge."
about = [["Riverside bridge"], ["closure"]]

[[claim.fact]]
kind = "person"
label = "who announced the closure"
people = [{ name = "Ann Lee" }]
"#
    .to_string()
}

#[test]
fn name_max_words_bounds_a_personal_name() {
    // A person's name runs to four words ("Maria Luisa Ortega Hart"); a longer capitalised
    // run before "announced" is an institution's name, not a speaker we can check.
    let db = load(&[&closure()]);
    assert_eq!(
        says(
            &db,
            "Maria Luisa Ortega Hart announced the closure of the Riverside bridge."
        ),
        "conflicts `Maria Luisa Ortega Hart`"
    );
    assert_eq!(
        says(
            &db,
            "Lumen River Bridge Maintenance Trust announced the closure of the Riverside bridge."
        ),
        "silent"
    );
}

#[test]
fn years_are_read_from_1600_to_2100() {
    // Early enough for history, late enough for forecasts. Past the ends a four-digit number
    // is a count: "2101 crossed" is not a year, and neither (a cost of the line) is 1599.
    let db = load(&[&opening()]);
    assert_eq!(
        says(&db, "The Riverside bridge opened in 1600."),
        "conflicts `1600`"
    );
    assert_eq!(says(&db, "The Riverside bridge opened in 1599."), "silent");
    assert_eq!(
        says(&db, "The Riverside bridge will stand until 2100."),
        "conflicts `2100`"
    );
    assert_eq!(
        says(&db, "On the Riverside bridge 2101 crossed on opening day."),
        "silent"
    );
}

#[test]
fn yearless_reach_spans_a_turn_of_the_year() {
    // A yearless date is tried in the years of the claim's span from its start: a winter
    // closure from November 2019 to February 2020 holds January 15 only in its second year.
    // Any reach of one year or more covers every month and day of a longer span, so the
    // reach bounds the work, not the reading.
    let db = load(&[r#"
[[claim]]
id = "riverside-winter-closure"
statement = "The Riverside bridge was closed from November 2019 to February 2020."
about = [["Riverside bridge"], ["closed"]]

[[claim.fact]]
kind = "date"
label = "closure"
date = "2019-11-01..2020-02-28"
"#]);
    assert_eq!(
        says(&db, "The Riverside bridge was closed on January 15."),
        "agrees `January 15`"
    );
    assert_eq!(
        says(&db, "The Riverside bridge was closed on March 15."),
        "conflicts `March 15`"
    );
}

#[test]
fn nearly_reaches_no_further_than_ten_steps_of_the_last_digit() {
    // 185 exactly. "Nearly 204" is written to the unit: it covers 194..204, not 183.6..204.
    let db = load(&[&visitors("185")]);
    assert_eq!(
        says(&db, "The Lumen festival drew nearly 204 visitors."),
        "conflicts `nearly 204`"
    );
    assert_eq!(
        says(&db, "The Lumen festival drew nearly 190 visitors."),
        "agrees `nearly 190`"
    );
}
