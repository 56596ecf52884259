//! Test code: this module is declared `#[cfg(test)]` by its parent and built only for tests.
//!
//! Unit tests of the engine on small made-up databases about neutral subjects (a river, a
//! town, a company, a bridge, a ferry): one test or more per phenomenon the checker handles.
//! The databases are written as TOML, as a user would write them, and judged with
//! [`check`]; every assertion names the verdict and the words the finding points at.
//! [`policy`] shows each threshold of [`crate::policy::Policy`] at its edge.

mod clauses;
mod policy;
mod roles;
mod why;

use super::{Finding, check};
use crate::db::Database;

/// Every claim needs a source; the tests are not about sources.
const SOURCE: &str = r#"
[[claim.source]]
role = "primary"
title = "A made-up source"
publisher = "Test"
url = "https://example.org/source"
date = "2020"
quote = "The figure."
"#;

/// The name the test databases load under, as errors show it.
pub(super) const DB_NAME: &str = "test.toml";

/// The TOML of a database: `head` (sets, `[lexicon]`), then each claim with a source.
pub(super) fn source(head: &str, claims: &[&str]) -> String {
    let mut src = head.to_string();
    for c in claims {
        src.push_str(c);
        src.push_str(SOURCE);
    }
    src
}

/// A database of `claims` after `head`; a database that does not load fails the test.
pub(super) fn db_with(head: &str, claims: &[&str]) -> Database {
    match Database::from_sources(&[(DB_NAME.to_string(), source(head, claims))]) {
        Ok(db) => db,
        Err(e) => panic!("the test database does not load:\n{e}"),
    }
}

pub(super) fn load(claims: &[&str]) -> Database {
    db_with("", claims)
}

fn describe(db: &Database, f: &Finding, with_id: bool) -> String {
    let id = if with_id {
        format!("{}: ", db.claims[f.claim].id)
    } else {
        String::new()
    };
    format!("{id}{} `{}`", f.verdict.as_str(), f.stated)
}

/// What the checker says of `text`: "agrees `52,000`", "conflicts `1950`", findings joined by
/// " | ", or "silent".
pub(super) fn says(db: &Database, text: &str) -> String {
    let found: Vec<String> = check(db, text)
        .iter()
        .map(|f| describe(db, f, false))
        .collect();
    if found.is_empty() {
        "silent".to_string()
    } else {
        found.join(" | ")
    }
}

/// Like [`says`], each finding prefixed with its claim's id.
pub(super) fn says_by_id(db: &Database, text: &str) -> String {
    let found: Vec<String> = check(db, text)
        .iter()
        .map(|f| describe(db, f, true))
        .collect();
    if found.is_empty() {
        "silent".to_string()
    } else {
        found.join(" | ")
    }
}

/// The one finding on `text`.
fn only(db: &Database, text: &str) -> Finding {
    let mut all = check(db, text);
    assert_eq!(all.len(), 1, "{text}: {all:?}");
    all.remove(0)
}

const TOWN: &str = r#"
[[claim]]
id = "lumen-population"
statement = "Lumen has 52,000 residents."
about = [["Lumen"], ["population", "residents", "inhabitants"]]
anaphora = ["the town"]
excludes = ["county", "metropolitan area"]

[[claim.fact]]
kind = "count"
label = "residents"
value = 52000
tolerance = "2%"
nouns = ["residents", "inhabitants", "people"]
"#;

// ---- Carried subject and anaphora ---------------------------------------------------------

#[test]
fn a_carried_subject_without_an_anaphor_only_agrees() {
    let db = load(&[TOWN]);
    // "Lumen" is named in the sentence before; "its" is no anaphor of the claim.
    let text = "Lumen lies on the coast. Its population reached 52,000 residents.";
    let f = only(&db, text);
    assert!(f.with_previous);
    assert_eq!(
        &text[f.sentence.clone()],
        "Its population reached 52,000 residents."
    );
    assert_eq!(says(&db, text), "agrees `52,000`");
    // The same figure off by half: the subject is a guess, so no conflict is reported.
    assert_eq!(
        says(
            &db,
            "Lumen lies on the coast. Its population reached 80,000 residents."
        ),
        "silent"
    );
}

#[test]
fn a_carried_subject_with_an_anaphor_can_conflict() {
    let db = load(&[TOWN]);
    let text = "Lumen lies on the coast. The town has a population of 80,000 residents.";
    let f = only(&db, text);
    assert!(f.with_previous);
    assert_eq!(says(&db, text), "conflicts `80,000`");
}

#[test]
fn a_subject_is_carried_from_the_previous_sentence_only() {
    let db = load(&[TOWN]);
    // Two sentences back, or in another paragraph, is too far.
    assert_eq!(
        says(
            &db,
            "Lumen lies on the coast. It is windy. The town has 80,000 residents."
        ),
        "silent"
    );
    assert_eq!(
        says(
            &db,
            "Lumen lies on the coast.\n\nThe town has 80,000 residents."
        ),
        "silent"
    );
}

// ---- Excludes -------------------------------------------------------------------------------

#[test]
fn an_excludes_term_silences_the_claim() {
    let db = load(&[TOWN]);
    assert_eq!(
        says(&db, "Lumen has 90,000 residents."),
        "conflicts `90,000`"
    );
    assert_eq!(
        says(&db, "The Lumen metropolitan area has 90,000 residents."),
        "silent"
    );
    // Also when it stands in the sentence the subject is carried from.
    assert_eq!(
        says(
            &db,
            "Lumen county grew quickly. The town has 90,000 residents."
        ),
        "silent"
    );
    assert_eq!(
        says(&db, "Lumen grew quickly. The town has 90,000 residents."),
        "conflicts `90,000`"
    );
}

// ---- Look-alikes, bounds --------------------------------------------------------------------

const RIVER: &str = r#"
[[claim]]
id = "alder-length"
statement = "The Alder river is 410 km long."
about = [["Alder"], ["long", "length", "km", "kilometres"]]

[[claim.fact]]
kind = "count"
label = "length in km"
value = 410
tolerance = "1%"
nouns = ["km", "kilometres", "kilometers"]
lookalikes = [{ value = 530, tolerance = "2%", note = "with its estuary" }]
"#;

#[test]
fn a_curated_lookalike_stays_silent() {
    let db = load(&[RIVER]);
    assert_eq!(says(&db, "The Alder is 410 km long."), "agrees `410`");
    // 530 km is the length with the estuary: another measure, not an error.
    assert_eq!(says(&db, "The Alder is 530 km long."), "silent");
    assert_eq!(says(&db, "The Alder is 300 km long."), "conflicts `300`");
    // A bound near the look-alike reads as it too.
    assert_eq!(says(&db, "The Alder is more than 500 km long."), "silent");
}

const FESTIVAL: &str = r#"
[[claim]]
id = "lumen-festival-visitors"
statement = "The Lumen festival drew 5,000 visitors."
about = [["Lumen festival"]]

[[claim.fact]]
kind = "count"
label = "visitors"
value = 5000
tolerance = "2%"
nouns = ["visitors", "people"]
"#;

#[test]
fn a_loose_bound_does_not_state_the_figure() {
    let db = load(&[FESTIVAL]);
    // True, but "over 1,000" is not how anyone states 5,000.
    assert_eq!(
        says(&db, "The Lumen festival drew over 1,000 visitors."),
        "silent"
    );
    assert_eq!(
        says(&db, "The Lumen festival drew over 4,500 visitors."),
        "agrees `over 4,500`"
    );
    assert_eq!(
        says(&db, "The Lumen festival drew up to 5,500 visitors."),
        "agrees `up to 5,500`"
    );
}

#[test]
fn a_failing_bound_conflicts() {
    let db = load(&[FESTIVAL]);
    assert_eq!(
        says(&db, "The Lumen festival drew fewer than 1,000 visitors."),
        "conflicts `fewer than 1,000`"
    );
    assert_eq!(
        says(&db, "The Lumen festival drew more than 9,000 visitors."),
        "conflicts `more than 9,000`"
    );
    assert_eq!(
        says(&db, "The Lumen festival drew 9,000 or more visitors."),
        "conflicts `9,000 or more`"
    );
}

#[test]
fn a_near_miss_is_silent() {
    let db = load(&[FESTIVAL]);
    // Agreeing: within 2% (4,900..5,100). Near miss: the next 2% (4,800..5,200), silence.
    assert_eq!(
        says(&db, "The Lumen festival drew 5,090 visitors."),
        "agrees `5,090`"
    );
    assert_eq!(
        says(&db, "The Lumen festival drew 5,150 visitors."),
        "silent"
    );
    assert_eq!(
        says(&db, "The Lumen festival drew 4,850 visitors."),
        "silent"
    );
    assert_eq!(
        says(&db, "The Lumen festival drew 5,250 visitors."),
        "conflicts `5,250`"
    );
}

#[test]
fn a_margin_widens_the_silence() {
    let db = load(&[&FESTIVAL.replace("tolerance = \"2%\"", "tolerance = \"2%\"\nmargin = 500")]);
    assert_eq!(
        says(&db, "The Lumen festival drew 5,550 visitors."),
        "silent"
    );
    assert_eq!(
        says(&db, "The Lumen festival drew 5,650 visitors."),
        "conflicts `5,650`"
    );
}

#[test]
fn a_count_of_something_else_is_not_compared() {
    let db = load(&[FESTIVAL]);
    assert_eq!(says(&db, "The Lumen festival hired 90 stewards."), "silent");
    // Unbound: a function word after the figure, and the noun in the sentence before it.
    assert_eq!(
        says(
            &db,
            "Visitors to the Lumen festival numbered 9,000 in total."
        ),
        "conflicts `9,000`"
    );
}

// ---- Periods --------------------------------------------------------------------------------

const TOWN_2021: &str = r#"
[[claim]]
id = "lumen-population-2021"
statement = "Lumen had 52,000 residents in 2021."
about = [["Lumen"], ["population", "residents"]]
period = ["2021"]

[[claim.fact]]
kind = "count"
label = "residents"
value = 52000
tolerance = "1%"
nouns = ["residents"]
"#;

#[test]
fn each_date_goes_to_its_nearest_figure() {
    let db = load(&[TOWN_2021]);
    assert_eq!(
        says(
            &db,
            "Lumen's population was 40,000 in 2011 and 52,000 in 2021."
        ),
        "agrees `52,000`"
    );
    // 52,000 is stated for 2011 here: another measure; 60,000 is the 2021 figure.
    assert_eq!(
        says(
            &db,
            "Lumen's population was 52,000 in 2011 and 60,000 in 2021."
        ),
        "conflicts `60,000`"
    );
    // A figure stated for another period only is never compared.
    assert_eq!(says(&db, "Lumen had 60,000 residents in 2011."), "silent");
    // The period is required by default: no period, no comparison.
    assert_eq!(says(&db, "Lumen has 60,000 residents."), "silent");
}

#[test]
fn a_span_gives_its_ends_to_from_and_to() {
    let db = load(&[TOWN_2021]);
    // "from" takes the first year of the span, "to" the last.
    assert_eq!(
        says(
            &db,
            "Between 2014 and 2021, Lumen's population rose from 40,000 to about 52,000."
        ),
        "agrees `about 52,000`"
    );
    assert_eq!(
        says(
            &db,
            "Between 2014 and 2021, Lumen's population rose from 40,000 to more than 50,000 residents."
        ),
        "agrees `more than 50,000`"
    );
    // 52,000 is the 2014 figure here: not compared.
    assert_eq!(
        says(
            &db,
            "Between 2014 and 2021, Lumen's population rose from 52,000 to more than 70,000 residents."
        ),
        "conflicts `more than 70,000`"
    );
}

// ---- Shares and negation --------------------------------------------------------------------

const EXPORTS: &str = r#"
[[claim]]
id = "corvan-exports"
statement = "Exports are 70% of Corvan's revenue."
about = [["Corvan"], ["revenue"]]

[[claim.fact]]
kind = "share"
label = "exports among revenue"
value = 70
tolerance = 1
of = ["revenue"]
is = ["exports", "sold abroad"]
is-not = ["domestic sales", "sold at home"]
"#;

#[test]
fn a_share_of_the_opposite_is_the_complement() {
    let db = load(&[EXPORTS]);
    assert_eq!(
        says(&db, "Exports are 70% of Corvan's revenue."),
        "agrees `70%`"
    );
    assert_eq!(
        says(&db, "Domestic sales are 30% of Corvan's revenue."),
        "agrees `30%`"
    );
    assert_eq!(
        says(&db, "Domestic sales are 70% of Corvan's revenue."),
        "conflicts `70%`"
    );
}

#[test]
fn a_negated_predicate_flips_the_share() {
    let db = load(&[EXPORTS]);
    assert_eq!(
        says(
            &db,
            "Some 30% of Corvan's revenue does not come from exports."
        ),
        "agrees `Some 30%`"
    );
    assert_eq!(
        says(
            &db,
            "Some 70% of Corvan's revenue does not come from exports."
        ),
        "conflicts `Some 70%`"
    );
}

#[test]
fn a_share_of_neither_is_not_compared_when_there_is_an_opposite() {
    let db = load(&[EXPORTS]);
    assert_eq!(says(&db, "Licensing is 10% of Corvan's revenue."), "silent");
}

// ---- Units ----------------------------------------------------------------------------------

const GRAIN: &str = r#"
[[claim]]
id = "lumen-grain"
statement = "The port of Lumen shipped 900 lb of grain on its first day."
about = [["port of Lumen"], ["first day"]]

[[claim.fact]]
kind = "mass"
label = "grain shipped"
value = 900
unit = "lb"
range = [900, 1000]
of = ["grain"]
"#;

#[test]
fn masses_are_converted() {
    let db = load(&[GRAIN]);
    // 410 kg is 904 lb.
    assert_eq!(
        says(
            &db,
            "The port of Lumen shipped 410 kilograms of grain on its first day."
        ),
        "agrees `410 kilograms`"
    );
    assert_eq!(
        says(
            &db,
            "The port of Lumen shipped 900 pounds of grain on its first day."
        ),
        "agrees `900 pounds`"
    );
    // 300 kg is 661 lb.
    assert_eq!(
        says(
            &db,
            "The port of Lumen shipped 300 kg of grain on its first day."
        ),
        "conflicts `300 kg`"
    );
    // Another substance: not this fact's.
    assert_eq!(
        says(
            &db,
            "The port of Lumen shipped 300 kg of timber on its first day."
        ),
        "silent"
    );
}

// ---- Rates ----------------------------------------------------------------------------------

const FERRY: &str = r#"
[[claim]]
id = "lumen-ferry"
statement = "The Lumen ferry carries 1,200 passengers a day."
about = [["Lumen ferry"]]

[[claim.fact]]
kind = "rate"
label = "passengers a day"
value = 1200
per = "day"
tolerance = "2%"
nouns = ["passengers", "people"]
"#;

#[test]
fn a_rate_is_compared_per_its_span_only() {
    let db = load(&[FERRY]);
    assert_eq!(
        says(&db, "The Lumen ferry carries 1,200 passengers a day."),
        "agrees `1,200`"
    );
    assert_eq!(
        says(&db, "The Lumen ferry carries 1,500 passengers daily."),
        "conflicts `1,500`"
    );
    // Per year, or with no span at all: another measure.
    assert_eq!(
        says(&db, "The Lumen ferry carries 1,500 passengers a year."),
        "silent"
    );
    assert_eq!(
        says(&db, "The Lumen ferry carried 1,500 passengers."),
        "silent"
    );
    // "a year earlier" is a time, not a rate.
    assert_eq!(
        says(
            &db,
            "The Lumen ferry carried 1,500 passengers a year earlier."
        ),
        "silent"
    );
}

// ---- Multipliers ----------------------------------------------------------------------------

const BRIDGE_LENGTH: &str = r#"
[[claim]]
id = "lumen-new-bridge"
statement = "The new Lumen bridge is three times as long as the old bridge."
about = [["new Lumen bridge", "new bridge"]]

[[claim.fact]]
kind = "multiplier"
label = "length compared with the old bridge"
value = 3
than = ["old bridge", "old one"]
"#;

#[test]
fn a_multiplier_needs_its_comparator() {
    let db = load(&[BRIDGE_LENGTH]);
    assert_eq!(
        says(
            &db,
            "The new Lumen bridge is three times longer than the old bridge."
        ),
        "agrees `three times`"
    );
    assert_eq!(
        says(
            &db,
            "The new Lumen bridge is five times as long as the old one."
        ),
        "conflicts `five times`"
    );
    // No comparator, or another: not compared.
    assert_eq!(
        says(&db, "The new Lumen bridge is five times longer."),
        "silent"
    );
    assert_eq!(
        says(
            &db,
            "The new Lumen bridge is five times longer than the tunnel."
        ),
        "silent"
    );
}

// ---- Dates, conflict-requires ---------------------------------------------------------------

const BRIDGE_OPENING: &str = r#"
[[claim]]
id = "riverside-opening"
statement = "The Riverside bridge opened in 1932."
about = [["Riverside bridge"]]
conflict-requires = [["opened", "opening", "inaugurated"]]

[[claim.fact]]
kind = "date"
label = "opening"
date = "1932-05"
lookalikes = [{ date = "1930", note = "construction began" }]
"#;

#[test]
fn dates_agree_when_consistent_and_conflict_when_disjoint() {
    let db = load(&[BRIDGE_OPENING]);
    assert_eq!(
        says(&db, "The Riverside bridge opened in 1932."),
        "agrees `1932`"
    );
    assert_eq!(
        says(&db, "The Riverside bridge opened on May 20, 1932."),
        "agrees `May 20, 1932`"
    );
    assert_eq!(
        says(&db, "The Riverside bridge opened in June 1932."),
        "conflicts `June 1932`"
    );
    assert_eq!(
        says(&db, "The Riverside bridge opened in 1950."),
        "conflicts `1950`"
    );
    // The year work began is a curated look-alike.
    assert_eq!(says(&db, "The Riverside bridge opened in 1930."), "silent");
}

#[test]
fn a_conflict_needs_the_conflict_requires_terms() {
    let db = load(&[BRIDGE_OPENING]);
    // Without "opened", 1950 may well be another event of the bridge.
    assert_eq!(
        says(&db, "The Riverside bridge was repainted in 1950."),
        "silent"
    );
    // Agreement needs no such term.
    assert_eq!(
        says(&db, "The Riverside bridge was finished in 1932."),
        "agrees `1932`"
    );
}

#[test]
fn an_anaphor_carries_the_conflict_requires_terms_too() {
    let claim = BRIDGE_OPENING.replace(
        "conflict-requires",
        "anaphora = [\"the bridge\"]\nconflict-requires",
    );
    let db = load(&[&claim]);
    // "opened" stands in the sentence the subject is carried from.
    assert_eq!(
        says(
            &db,
            "The Riverside bridge opened after years of work. The bridge was finished in 1950."
        ),
        "conflicts `1950`"
    );
    // A pronoun subject refers back as well (issue 13: "It found …").
    assert_eq!(
        says(
            &db,
            "The Riverside bridge opened after years of work. It was finished in 1950."
        ),
        "conflicts `1950`"
    );
    // Without any word referring back the sentence is not about the bridge at all.
    assert_eq!(
        says(
            &db,
            "The Riverside bridge opened after years of work. Work was finished in 1950."
        ),
        "silent"
    );
}

// ---- People ---------------------------------------------------------------------------------

const DELEGATION: &str = r#"
[[claim]]
id = "riverside-delegation"
statement = "Senators Ann Lee and Tom Hart inspected the Riverside bridge."
about = [["Riverside bridge"], ["inspected", "inspection"]]

[[claim.fact]]
kind = "person"
label = "the inspecting senators"
any-of = true
people = [{ name = "Ann Lee", aliases = ["Lee"] }, { name = "Tom Hart", aliases = ["Hart"] }]
"#;

#[test]
fn every_titled_name_of_a_list_must_be_one_of_the_people() {
    let db = load(&[DELEGATION]);
    assert_eq!(
        says(
            &db,
            "Senators Ann Lee and Tom Hart inspected the Riverside bridge."
        ),
        "agrees `Ann Lee`"
    );
    assert_eq!(
        says(
            &db,
            "Senators Ann Lee, Tom Hart and Bea Moss inspected the Riverside bridge."
        ),
        "conflicts `Bea Moss`"
    );
    // An untitled name is not surely a person: "Hart Street" is a place.
    assert_eq!(
        says(
            &db,
            "Senator Lee inspected the Riverside bridge from Hart Street."
        ),
        "agrees `Lee`"
    );
}

const ANNOUNCEMENT: &str = r#"
[[claim]]
id = "riverside-closure"
statement = "Mayor Ann Lee announced the closure of the Riverside bridge."
about = [["Riverside bridge"], ["closure", "closed", "close"]]

[[claim.fact]]
kind = "person"
label = "who announced the closure"
people = [{ name = "Ann Lee", aliases = ["Lee"] }]
"#;

#[test]
fn the_attributed_person_must_be_the_one() {
    let db = load(&[ANNOUNCEMENT]);
    assert_eq!(
        says(
            &db,
            "The closure of the Riverside bridge was announced by Mayor Ann Lee."
        ),
        "agrees `Ann Lee`"
    );
    assert_eq!(
        says(
            &db,
            "Mayor Tom Hart announced the closure of the Riverside bridge."
        ),
        "conflicts `Tom Hart`"
    );
    // An untitled speaker of two words or more is a person too.
    assert_eq!(
        says(
            &db,
            "Tom Hart said the Riverside bridge would close in May."
        ),
        "conflicts `Tom Hart`"
    );
    // Another person named, not as the one who announced it: nothing to say.
    assert_eq!(
        says(
            &db,
            "The closure of the Riverside bridge upset Mayor Tom Hart's voters."
        ),
        "silent"
    );
}

// ---- Assertions -----------------------------------------------------------------------------

const TRAINS: &str = r#"
[[claim]]
id = "riverside-trains"
statement = "The Riverside bridge carries trains."
about = [["Riverside bridge"]]

[[claim.fact]]
kind = "assertion"
label = "what the bridge carries"
is = ["trains", "railway"]
is-not = ["only cars", "road traffic only"]
"#;

#[test]
fn an_assertion_conflicts_with_its_opposite_or_its_negation() {
    let db = load(&[TRAINS]);
    assert_eq!(
        says(&db, "The Riverside bridge carries trains."),
        "agrees `trains`"
    );
    assert_eq!(
        says(&db, "The Riverside bridge carries only cars."),
        "conflicts `only cars`"
    );
    assert_eq!(
        says(&db, "The Riverside bridge never carried trains."),
        "conflicts `trains`"
    );
    // A negated opposite is the claim.
    assert_eq!(
        says(&db, "The Riverside bridge carries trains, not only cars."),
        "agrees `trains`"
    );
    // Both said: not sure which is meant.
    assert_eq!(
        says(
            &db,
            "Some say the Riverside bridge carries trains, others that it carries only cars."
        ),
        "silent"
    );
}

// ---- Several claims -------------------------------------------------------------------------

#[test]
fn each_claim_is_judged_on_its_own() {
    let db = load(&[TOWN, FESTIVAL]);
    assert_eq!(
        says_by_id(
            &db,
            "Lumen has 52,000 residents. The Lumen festival drew 9,000 visitors."
        ),
        "lumen-population: agrees `52,000` | lumen-festival-visitors: conflicts `9,000`"
    );
    // The finding's spans point into the text.
    let text = "Intro.\n\nThe Lumen festival drew 9,000 visitors.";
    let f = only(&db, text);
    assert_eq!(&text[f.span.clone()], "9,000");
    assert_eq!(
        &text[f.sentence.clone()],
        "The Lumen festival drew 9,000 visitors."
    );
}

mod measure;
