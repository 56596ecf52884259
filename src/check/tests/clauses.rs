//! Test code: this module is declared `#[cfg(test)]` by its parent and built only for tests.
//!
//! The parts of a sentence (issue 13), on neutral databases: relative clauses, hypothetical
//! figures, a share's predicate, excluded terms in a clause of contrast, words that refer
//! back, people in their roles, events named by their participants, "since" dates,
//! attribution dates and several counts anchored by an exact one. With the thresholds of
//! [`Policy`] these rules add, at their edges.

use super::{load, says};
use crate::policy::Policy;

/// "The Amber river is 50 times longer than the Birch creek and 100 times longer than the
/// Cedar brook"; the Delta canal is another waterway.
const RIVER: &str = r#"
[[claim]]
id = "amber-length"
statement = "The Amber river is 50 times longer than the Birch creek and 100 times longer than the Cedar brook."
about = [["Amber river"], ["Birch creek", "Cedar brook"], ["longer"]]
excludes = ["Delta canal"]

[[claim.fact]]
kind = "multiplier"
label = "length against the Birch creek"
value = 50
than = ["Birch creek"]

[[claim.fact]]
kind = "multiplier"
label = "length against the Cedar brook"
value = 100
than = ["Cedar brook"]
"#;

#[test]
fn a_relative_clause_belongs_to_its_antecedent() {
    let db = load(&[RIVER]);
    // "twice" compares the creek with the brook, not the river.
    assert_eq!(
        says(
            &db,
            "The Amber river is 50 times longer than the Birch creek, which is twice as long as the Cedar brook."
        ),
        "agrees `50 times`"
    );
    // The clause is the river's: its figure is judged even after an excluded subject.
    assert_eq!(
        says(
            &db,
            "The Delta canal is 3 times longer than the Amber river, which is itself 60 times longer than the Birch creek."
        ),
        "conflicts `60 times`"
    );
    // "which makes it": the clause has a subject of its own, not the river.
    assert_eq!(
        says(
            &db,
            "It is 10 times longer than the Amber river, which makes it 500 times longer than the Birch creek."
        ),
        "silent"
    );
}

const TOWN: &str = r#"
[[claim]]
id = "lumen-population"
statement = "Lumen has 52,000 residents."
about = [["Lumen"], ["population", "residents", "inhabitants"]]

[[claim.fact]]
kind = "count"
label = "residents"
value = 52000
tolerance = "2%"
nouns = ["residents", "inhabitants", "people"]
"#;

#[test]
fn a_hypothetical_figure_is_no_count() {
    let db = load(&[TOWN]);
    assert_eq!(
        says(&db, "Lumen has enough water to supply 90,000 residents."),
        "silent"
    );
    assert_eq!(
        says(&db, "Lumen could soon count 90,000 residents."),
        "silent"
    );
    assert_eq!(
        says(&db, "Lumen counts 90,000 residents."),
        "conflicts `90,000`"
    );
}

#[test]
fn hypothetical_lookback_reaches_five_words() {
    assert_eq!(Policy::DEFAULT.hypothetical_lookback, 5);
    let db = load(&[TOWN]);
    // "could" four words before the figure: hypothetical.
    assert_eq!(
        says(&db, "Lumen could in coming years count 90,000 residents."),
        "silent"
    );
    // Six words before: the modal governs another verb of a longer clause.
    assert_eq!(
        says(
            &db,
            "Lumen could grow, and over the coming long decades now counts 90,000 residents."
        ),
        "conflicts `90,000`"
    );
}

#[test]
fn a_pronoun_subject_refers_back() {
    let db = load(&[TOWN]);
    assert_eq!(
        says(
            &db,
            "Lumen lies on the coast. It counted 80,000 residents in the census."
        ),
        "conflicts `80,000`"
    );
    // A possessive names a part of the subject: still only an agreement can be carried.
    assert_eq!(
        says(
            &db,
            "Lumen lies on the coast. Its population reached 80,000 residents."
        ),
        "silent"
    );
}

const REMOTE: &str = r#"
[[claim]]
id = "orbis-remote"
statement = "12% of Orbis employees work remotely."
about = [["Orbis"], ["employees", "staff"]]

[[claim.fact]]
kind = "share"
label = "remote workers"
value = 12
tolerance = 1
of = ["employees", "Orbis employees", "the Orbis employees", "staff"]
is = ["remote*"]
"#;

#[test]
fn a_share_with_another_predicate_is_another_measure() {
    let db = load(&[REMOTE]);
    assert_eq!(
        says(&db, "About 40% of Orbis employees work remotely."),
        "conflicts `About 40%`"
    );
    assert_eq!(
        says(&db, "About 40% of Orbis employees were working remotely."),
        "conflicts `About 40%`"
    );
    // The predicate is "are managers"; "remotely" only says which employees.
    assert_eq!(
        says(
            &db,
            "About 40% of the Orbis employees who work remotely are managers."
        ),
        "silent"
    );
}

/// A ribbon-cutting: two officials opened the bridge in May 1932.
const OPENING: &str = r#"
[[claim]]
id = "riverside-ribbon"
statement = "Mayor Ada Park and Governor Ben Ruiz opened the Riverside bridge in May 1932."
about = [["Riverside bridge"]]
period = ["1932-05"]
period-required = false

[[claim.fact]]
kind = "person"
label = "who opened it"
any-of = true
roles = ["open*", "inaugurat*"]
people = [
  { name = "Ada Park", aliases = ["Park"] },
  { name = "Ben Ruiz", aliases = ["Ruiz"] },
]

[[claim.fact]]
kind = "date"
label = "opening"
date = "1932-05"
"#;

#[test]
fn another_person_conflicts_only_in_the_role() {
    let db = load(&[OPENING]);
    assert_eq!(
        says(
            &db,
            "Mayor Carl Ode opened the Riverside bridge in May 1932."
        ),
        "conflicts `Carl Ode`"
    );
    // A companion, and someone who did something else, are not the openers.
    assert_eq!(
        says(
            &db,
            "Mayor Ada Park opened the Riverside bridge in May 1932 with Senator Carl Ode."
        ),
        "agrees `Ada Park`"
    );
    assert_eq!(
        says(
            &db,
            "Senator Carl Ode criticized the Riverside bridge in May 1932."
        ),
        "agrees `May 1932`"
    );
}

#[test]
fn participants_name_their_event_at_another_date() {
    assert_eq!(Policy::DEFAULT.event_participants, 2);
    let db = load(&[OPENING]);
    // One official in another year may be at another event.
    assert_eq!(
        says(&db, "Mayor Ada Park opened the Riverside bridge in 1935."),
        "silent"
    );
    // Two of them name this opening: 1935 is a wrong date of it.
    assert_eq!(
        says(
            &db,
            "Mayor Ada Park and Governor Ben Ruiz opened the Riverside bridge in 1935."
        ),
        "conflicts `1935`"
    );
    // Within the claim's year another month is a wrong date, not another event.
    assert_eq!(
        says(
            &db,
            "Mayor Ada Park opened the Riverside bridge in August 1932."
        ),
        "conflicts `August 1932`"
    );
}

const MERGER: &str = r#"
[[claim]]
id = "orbis-merger"
statement = "CEO Dana Lee announced the Orbis merger."
about = [["Orbis merger"]]

[[claim.fact]]
kind = "person"
label = "announced by"
roles = ["announc*"]
people = [{ name = "Dana Lee", aliases = ["Lee"] }]
"#;

#[test]
fn a_speaker_is_not_the_actor() {
    assert_eq!(Policy::DEFAULT.verb_lookahead, 10);
    let db = load(&[MERGER]);
    assert_eq!(
        says(
            &db,
            "The Orbis merger closed in June, spokesman Eli Moss said."
        ),
        "silent"
    );
    assert_eq!(
        says(
            &db,
            "Chairman Eli Moss has formally announced the Orbis merger."
        ),
        "conflicts `Eli Moss`"
    );
    assert_eq!(
        says(
            &db,
            "Chairman Eli Moss on Monday, June 3, 2024 announced the Orbis merger."
        ),
        "conflicts `Eli Moss`"
    );
    assert_eq!(
        says(
            &db,
            "The Orbis merger, announced on Monday by Chairman Eli Moss, closed in June."
        ),
        "conflicts `Eli Moss`"
    );
}

const FERRY: &str = r#"
[[claim]]
id = "lumen-ferry-start"
statement = "The Lumen ferry began service on June 1, 1990."
about = [["Lumen ferry"]]

[[claim.fact]]
kind = "date"
label = "first service"
date = "1990-06-01"
"#;

#[test]
fn since_states_a_start_and_than_a_comparison() {
    let db = load(&[FERRY]);
    assert_eq!(
        says(&db, "The Lumen ferry has run since 1990."),
        "agrees `since 1990`"
    );
    // Since 1995 it has run, but it did not start then.
    assert_eq!(
        says(&db, "The Lumen ferry has run since 1995."),
        "conflicts `since 1995`"
    );
    assert_eq!(
        says(
            &db,
            "The Lumen ferry has carried more passengers since 1990 than any ferry since 1975."
        ),
        "agrees `since 1990`"
    );
}

const TOWN_2021: &str = r#"
[[claim]]
id = "lumen-population-2021"
statement = "Lumen had 52,000 residents in 2021."
about = [["Lumen"], ["residents"]]
period = ["2021"]

[[claim.fact]]
kind = "count"
label = "residents"
value = 52000
tolerance = "1%"
nouns = ["residents"]
"#;

#[test]
fn an_attribution_date_is_no_period() {
    let db = load(&[TOWN_2021]);
    assert_eq!(
        says(&db, "Lumen had 60,000 residents in 2021."),
        "conflicts `60,000`"
    );
    // 2021 dates what the office said, not the count.
    assert_eq!(
        says(
            &db,
            "Lumen had 60,000 residents, the statistics office said in 2021."
        ),
        "silent"
    );
}

const CHARGES: &str = r#"
[[claim]]
id = "orbis-charges"
statement = "In 2020 prosecutors charged 8 Orbis suppliers and 12 of their managers."
about = [["Orbis"], ["charged"]]
conflict-requires = [["2020"]]

[[claim.fact]]
kind = "count"
label = "suppliers"
value = 8
nouns = ["suppliers"]

[[claim.fact]]
kind = "count"
label = "managers"
value = 12
nouns = ["managers"]
lookalikes = [{ value = 4, note = "one court's share" }]
"#;

#[test]
fn an_exact_count_anchors_the_others() {
    let db = load(&[CHARGES]);
    // No date: the exact 8 suppliers identify the case, and each figure is reported.
    assert_eq!(
        says(
            &db,
            "Prosecutors charged 8 Orbis suppliers and 30 of their managers."
        ),
        "agrees `8` | conflicts `30`"
    );
    // Without an exact anchor the case may be another.
    assert_eq!(
        says(
            &db,
            "Prosecutors charged 9 Orbis suppliers and 30 of their managers."
        ),
        "silent"
    );
    // A look-alike silences its own figure: another fact still agrees.
    assert_eq!(
        says(
            &db,
            "Prosecutors charged 8 Orbis suppliers and 4 of their managers."
        ),
        "agrees `8`"
    );
    // A fact whose figures include its look-alike says nothing (which measure the other
    // figure is of is unclear); the other facts are judged.
    assert_eq!(
        says(
            &db,
            "Prosecutors charged 8 Orbis suppliers, 4 of their managers and 30 managers in all."
        ),
        "agrees `8`"
    );
    // With the claim's year, a wrong count conflicts; beside another fact's look-alike the
    // sentence may be about that neighbouring case: the conflict is withheld.
    assert_eq!(
        says(&db, "In 2020 prosecutors charged 9 Orbis suppliers."),
        "conflicts `9`"
    );
    assert_eq!(
        says(
            &db,
            "In 2020 prosecutors charged 9 Orbis suppliers and 4 of their managers."
        ),
        "silent"
    );
}

#[test]
fn a_contrast_clause_does_not_exclude() {
    let db = load(&[&TOWN.replace(
        "about = [[\"Lumen\"]",
        "excludes = [\"tourists\"]\nabout = [[\"Lumen\"]",
    )]);
    assert_eq!(
        says(
            &db,
            "Lumen counts 90,000 residents, far more than tourists."
        ),
        "conflicts `90,000`"
    );
    assert_eq!(
        says(&db, "Lumen counts 90,000 residents and tourists."),
        "silent"
    );
}
