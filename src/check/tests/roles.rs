//! Test code: this module is declared `#[cfg(test)]` by its parent and built only for tests.
//!
//! Roles on neutral databases: a date fact's `roles` (the words of the event it dates) decide
//! which date of a sentence is the fact's; a titled name read with a participle ("with Judge X
//! writing for the panel", "Governor X, speaking at …, announced") is that participle's actor.

use super::{load, says};
use crate::check::{FactOutcome, judge_sentence, sentences};
use crate::db::Database;

/// A ferry service that ended on a known day; it was launched on another.
const FERRY_END: &str = r#"
[[claim]]
id = "ferry-end"
statement = "The Riverside ferry service ended on June 30, 2019."
about = [["Riverside ferry"]]

[[claim.fact]]
kind = "date"
label = "service ended"
date = "2019-06-30"
roles = ["end*", "withdrawn"]
"#;

/// The same claim without `roles`: every date of a sentence is compared, as before roles.
const FERRY_END_ANY_DATE: &str = r#"
[[claim]]
id = "ferry-end"
statement = "The Riverside ferry service ended on June 30, 2019."
about = [["Riverside ferry"]]

[[claim.fact]]
kind = "date"
label = "service ended"
date = "2019-06-30"
"#;

#[test]
fn a_date_with_the_role_agrees_or_conflicts() {
    let db = load(&[FERRY_END]);
    assert_eq!(
        says(&db, "The Riverside ferry ended service on June 30, 2019."),
        "agrees `June 30, 2019`"
    );
    assert_eq!(
        says(&db, "The Riverside ferry ended service on June 30, 2018."),
        "conflicts `June 30, 2018`"
    );
    // The role after a date that opens the sentence as a time phrase of its own.
    assert_eq!(
        says(&db, "On June 30, 2018, the Riverside ferry ended service."),
        "conflicts `June 30, 2018`"
    );
    assert_eq!(
        says(&db, "In 2019 the Riverside ferry was withdrawn."),
        "agrees `2019`"
    );
}

#[test]
fn another_events_date_is_silent() {
    let db = load(&[FERRY_END]);
    // The launch date is another event's: only the end is judged.
    assert_eq!(
        says(
            &db,
            "The Riverside ferry, launched in March 1990, ended service on June 30, 2018."
        ),
        "conflicts `June 30, 2018`"
    );
    assert_eq!(
        says(
            &db,
            "The Riverside ferry, launched in March 1990, ended service on June 30, 2019."
        ),
        "agrees `June 30, 2019`"
    );
    assert_eq!(
        says(&db, "The Riverside ferry was launched in March 1990."),
        "silent"
    );
    // A later date after the role belongs to the event between them.
    assert_eq!(
        says(
            &db,
            "The Riverside ferry ended service in 2019 and was sold in 2021."
        ),
        "agrees `2019`"
    );
    assert_eq!(
        says(
            &db,
            "The Riverside ferry was launched in 1990 and ended service in 2018."
        ),
        "conflicts `2018`"
    );
    // A participle between the role and the date names another event.
    assert_eq!(
        says(
            &db,
            "The town ended the Riverside ferry service launched in March 1990."
        ),
        "silent"
    );
    // A fronted date's role must follow it, not stand in an earlier clause.
    assert_eq!(
        says(
            &db,
            "The Riverside ferry ended service, and in 2021 it was sold."
        ),
        "silent"
    );
}

#[test]
fn without_roles_every_date_is_compared() {
    let db = load(&[FERRY_END_ANY_DATE]);
    assert_eq!(
        says(
            &db,
            "The Riverside ferry, launched in March 1990, ended service on June 30, 2018."
        ),
        "conflicts `March 1990`"
    );
    assert_eq!(
        says(&db, "The Riverside ferry was launched in March 1990."),
        "conflicts `March 1990`"
    );
}

/// The judge's reason codes per fact for each sentence of `text` ("1:no-role").
fn reasons(db: &Database, text: &str) -> Vec<String> {
    let mut out = Vec::new();
    for (_, range) in sentences(db, text) {
        for ci in 0..db.claims.len() {
            let (_, trace) = judge_sentence(db, ci, text, range.clone(), None);
            for (fi, o) in &trace.facts {
                out.push(match o {
                    FactOutcome::Agrees { .. } => format!("{}:agrees", fi + 1),
                    FactOutcome::Conflicts { .. } => format!("{}:conflicts", fi + 1),
                    FactOutcome::Silent(s) => format!("{}:{}", fi + 1, s.code()),
                });
            }
        }
    }
    out
}

#[test]
fn a_date_without_its_role_says_why() {
    let db = load(&[FERRY_END]);
    assert_eq!(
        reasons(&db, "The Riverside ferry was launched in March 1990."),
        ["1:no-role"]
    );
    assert_eq!(
        reasons(&db, "The Riverside ferry ended service on June 30, 2018."),
        ["1:conflicts"]
    );
}

// ---- Participles --------------------------------------------------------------------------

const RULING: &str = r#"
[[claim]]
id = "permit-ruling"
statement = "Judge Ann Lee wrote the ruling on the Riverside bridge permit."
about = [["Riverside bridge"]]

[[claim.fact]]
kind = "person"
label = "wrote the ruling"
people = [{ name = "Ann Lee", aliases = ["Lee"] }]
roles = ["wrote", "writing"]
"#;

#[test]
fn a_titled_name_with_a_participle_is_its_actor() {
    let db = load(&[RULING]);
    assert_eq!(
        says(
            &db,
            "The court upheld the Riverside bridge permit 2-1, with Judge Tom Hart writing for the panel."
        ),
        "conflicts `Tom Hart`"
    );
    assert_eq!(
        says(
            &db,
            "Judge Tom Hart, writing for the panel, said the Riverside bridge permit stands."
        ),
        "conflicts `Tom Hart`"
    );
    assert_eq!(
        says(
            &db,
            "The court upheld the Riverside bridge permit, with Judge Ann Lee writing for the panel."
        ),
        "agrees `Ann Lee`"
    );
    // A participle of another role: the judge did something else.
    assert_eq!(
        says(
            &db,
            "The court upheld the Riverside bridge permit, with Judge Tom Hart dissenting."
        ),
        "silent"
    );
}

const OPENING: &str = r#"
[[claim]]
id = "library-opening"
statement = "Mayor Ann Lee opened the Lumen library."
about = [["Lumen library"]]

[[claim.fact]]
kind = "person"
label = "opened the library"
people = [{ name = "Ann Lee", aliases = ["Lee"] }]
roles = ["opened"]
"#;

#[test]
fn a_companion_stays_a_companion() {
    let db = load(&[OPENING]);
    assert_eq!(
        says(
            &db,
            "Mayor Ann Lee, with Deputy Mayor Tom Hart, opened the Lumen library."
        ),
        "agrees `Ann Lee`"
    );
    assert_eq!(
        says(
            &db,
            "The Lumen library opened its doors, with Governor Tom Hart, visiting the town."
        ),
        "silent"
    );
    // "with X watching": X is the actor of watching, not of the opening.
    assert_eq!(
        says(
            &db,
            "The Lumen library was opened with Governor Tom Hart watching."
        ),
        "silent"
    );
}

const MERGER: &str = r#"
[[claim]]
id = "mill-merger"
statement = "Director Ann Lee announced the Northgate mill merger."
about = [["Northgate mill"], ["merger"]]

[[claim.fact]]
kind = "person"
label = "announced the merger"
people = [{ name = "Ann Lee", aliases = ["Lee"] }]
roles = ["announc*"]
"#;

#[test]
fn the_verb_after_a_participle_phrase_counts_too() {
    let db = load(&[MERGER]);
    assert_eq!(
        says(
            &db,
            "Director Tom Hart, speaking at the Northgate mill, announced the merger."
        ),
        "conflicts `Tom Hart`"
    );
    assert_eq!(
        says(
            &db,
            "Director Ann Lee, speaking at the Northgate mill, announced the merger."
        ),
        "agrees `Ann Lee`"
    );
    // Speaking about it is not announcing it.
    assert_eq!(
        says(
            &db,
            "Director Tom Hart, speaking at the Northgate mill, praised the merger."
        ),
        "silent"
    );
}

#[test]
fn a_titled_name_with_the_roles_verb_is_the_actor() {
    let db = load(&[RULING]);
    // No verb of saying: the title and the role's own verb make the judge the writer.
    assert_eq!(
        says(
            &db,
            "Judge Tom Hart wrote the ruling on the Riverside bridge permit."
        ),
        "conflicts `Tom Hart`"
    );
    assert_eq!(
        says(
            &db,
            "Judge Tom Hart praised the ruling on the Riverside bridge permit."
        ),
        "silent"
    );
}
