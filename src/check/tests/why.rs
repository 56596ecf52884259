//! Test code: this module is declared `#[cfg(test)]` by its parent and built only for tests.
//!
//! The judge's reasons for silence (`explain --text`), on neutral databases: one test or more
//! per reason code, each on a sentence the judge stays silent on for that reason, and the
//! check that recording them never changes a verdict.

use super::{RIVER, TOWN, db_with, load};
use crate::check::{FactOutcome, check, judge_sentence, sentences};
use crate::db::Database;

/// What the judge made of `text`, sentence by sentence, for every claim whose frame matched:
/// `N:agrees`, `N:conflicts` or `N:CODE` per fact (1-based), `claim:CODE` per note.
/// Also asserts that the traced judge finds what `check` finds.
fn why(db: &Database, text: &str) -> String {
    let spans = sentences(db, text);
    let mut out = Vec::new();
    let mut found = Vec::new();
    for (k, (para, range)) in spans.iter().enumerate() {
        let prev = k
            .checked_sub(1)
            .map(|p| &spans[p])
            .filter(|(pp, _)| pp == para)
            .map(|(_, r)| r.clone());
        for ci in 0..db.claims.len() {
            let (f, trace) = judge_sentence(db, ci, text, range.clone(), prev.clone());
            found.extend(f);
            for (fi, o) in &trace.facts {
                out.push(match o {
                    FactOutcome::Agrees { .. } => format!("{}:agrees", fi + 1),
                    FactOutcome::Conflicts { .. } => format!("{}:conflicts", fi + 1),
                    FactOutcome::Silent(s) => format!("{}:{}", fi + 1, s.code()),
                });
            }
            out.extend(trace.notes.iter().map(|n| format!("claim:{}", n.code())));
        }
    }
    assert_eq!(
        found,
        check(db, text),
        "{text}: traced and plain judges differ"
    );
    out.join(" ")
}

/// A database of one claim: `about` groups, extra claim lines, and the facts' TOML.
fn claim(about: &str, extra: &str, facts: &str) -> Database {
    db_with(
        "",
        &[&format!(
            "[[claim]]\nid = \"c\"\nstatement = \"s\"\nabout = [{about}]\n{extra}\n{facts}\n"
        )],
    )
}

fn fact(toml: &str) -> String {
    format!("[[claim.fact]]\n{toml}\n")
}

const FESTIVAL: &str = r#"
[[claim]]
id = "lumen-festival-visitors"
statement = "The Lumen festival drew 5,000 visitors in 2020."
about = [["Lumen festival"]]
period = ["2020"]
period-required = false

[[claim.fact]]
kind = "count"
label = "visitors"
value = 5000
tolerance = "2%"
nouns = ["visitors", "people"]
"#;

#[test]
fn agreements_and_conflicts_are_recorded_too() {
    let db = load(&[FESTIVAL]);
    assert_eq!(
        why(&db, "The Lumen festival drew 5,000 visitors."),
        "1:agrees"
    );
    assert_eq!(
        why(&db, "The Lumen festival drew 9,000 visitors."),
        "1:conflicts"
    );
}

#[test]
fn figures_that_are_not_the_facts() {
    let db = load(&[FESTIVAL]);
    assert_eq!(why(&db, "The Lumen festival was a success."), "1:no-figure");
    assert_eq!(
        why(&db, "The Lumen festival sold 40% of its tickets online."),
        "1:other-kind"
    );
    assert_eq!(
        why(&db, "The Lumen festival drew 9,000 cars."),
        "1:other-noun"
    );
    assert_eq!(
        why(&db, "The Lumen festival drew 21.5 visitors."),
        "1:fractional"
    );
    assert_eq!(
        why(&db, "The Lumen festival could draw 9,000 visitors."),
        "1:hypothetical"
    );
}

#[test]
fn periods() {
    let db = load(&[FESTIVAL]);
    assert_eq!(
        why(&db, "In 2019 the Lumen festival drew 9,000 visitors."),
        "1:other-period"
    );
    let required = FESTIVAL.replace("period-required = false", "period-required = true");
    let db = load(&[&required]);
    assert_eq!(
        why(&db, "The Lumen festival drew 9,000 visitors."),
        "1:undated"
    );
}

#[test]
fn near_misses_loose_bounds_and_lookalikes() {
    let db = load(&[FESTIVAL]);
    assert_eq!(
        why(&db, "The Lumen festival drew 5,150 visitors."),
        "1:near-miss"
    );
    assert_eq!(
        why(&db, "The Lumen festival drew over 1,000 visitors."),
        "1:loose-bound"
    );
    let db = load(&[RIVER]);
    // A look-alike silences its own figure; with nothing else to withhold, no claim note.
    assert_eq!(why(&db, "The Alder is 530 km long."), "1:lookalike");
}

#[test]
fn conflict_requires_of_a_fact_and_of_a_claim() {
    let db = claim(
        "[\"Lumen festival\"]",
        "",
        &fact(
            "kind = \"count\"\nvalue = 5000\nnouns = [\"visitors\"]\nconflict-requires = [[\"ticketed\"]]",
        ),
    );
    assert_eq!(
        why(&db, "The Lumen festival drew 9,000 visitors."),
        "1:requires-missing"
    );
    assert_eq!(
        why(&db, "The Lumen festival drew 9,000 ticketed visitors."),
        "1:conflicts"
    );
    let db = claim(
        "[\"Lumen festival\"]",
        "conflict-requires = [[\"ticketed\"]]",
        &fact("kind = \"count\"\nvalue = 5000\nnouns = [\"visitors\"]"),
    );
    assert_eq!(
        why(&db, "The Lumen festival drew 9,000 visitors."),
        "1:conflicts claim:requires-missing"
    );
}

#[test]
fn a_carried_subject_only_agrees() {
    let db = load(&[TOWN]);
    assert_eq!(
        why(
            &db,
            "Lumen lies on the coast. Its population reached 80,000 residents."
        ),
        "1:conflicts claim:carried-subject"
    );
}

/// "The Amber river is 50 times longer than the Birch creek"; the Delta canal is another
/// waterway.
const AMBER: &str = r#"
[[claim]]
id = "amber-length"
statement = "The Amber river is 50 times longer than the Birch creek."
about = [["Amber river"], ["Birch creek"], ["longer"]]
excludes = ["Delta canal"]

[[claim.fact]]
kind = "multiplier"
label = "length against the Birch creek"
value = 50
than = ["Birch creek"]

[[claim.fact]]
kind = "date"
label = "measured"
date = "1990"
"#;

#[test]
fn comparisons_and_excluded_clauses() {
    let db = load(&[AMBER]);
    assert_eq!(
        why(
            &db,
            "The Delta canal is 3 times longer than the Amber river, which is itself 60 times longer than the Birch creek."
        ),
        "1:conflicts 2:excluded claim:excluded"
    );
    assert_eq!(
        why(
            &db,
            "The Amber river is longer than the Cedar brook, which is 40 times longer than the Birch creek."
        ),
        "1:other-comparison 2:no-figure"
    );
}

const REMOTE: &str = r#"
[[claim]]
id = "orbis-remote"
statement = "12% of Orbis employees work remotely."
about = [["Orbis"]]

[[claim.fact]]
kind = "share"
label = "remote workers"
value = 12
tolerance = 1
of = ["employees", "Orbis employees", "the Orbis employees", "staff"]
is = ["remote*"]
is-not = ["in the office", "on site"]
"#;

#[test]
fn shares_of_another_predicate_or_of_neither() {
    let db = load(&[REMOTE]);
    assert_eq!(
        why(
            &db,
            "About 40% of the Orbis employees who work remotely are managers."
        ),
        "1:other-predicate"
    );
    assert_eq!(
        why(&db, "About 40% of Orbis employees joined a union."),
        "1:no-polarity"
    );
}

const FERRY: &str = r#"
[[claim]]
id = "lumen-ferry-start"
statement = "The Lumen ferry began service on June 1, 1990."
about = [["Lumen ferry"]]
period = ["1990"]

[[claim.fact]]
kind = "date"
label = "first service"
date = "1990-06-01"
lookalikes = [{ date = "1989", note = "the trial runs" }]
"#;

#[test]
fn dates() {
    let db = load(&[FERRY]);
    assert_eq!(
        why(&db, "The Lumen ferry began service last year."),
        "1:relative-date"
    );
    assert_eq!(
        why(
            &db,
            "The Lumen ferry carried more people than any ferry since 1990."
        ),
        "1:compared-date"
    );
    assert_eq!(
        why(&db, "The Lumen ferry made its first trip in 2001."),
        "1:other-time claim:other-time"
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

[[claim.fact]]
kind = "assertion"
label = "completed"
is = ["completed"]
is-not = ["called off"]
"#;

#[test]
fn people_and_statements() {
    let db = load(&[MERGER]);
    assert_eq!(
        why(&db, "The Orbis merger was a surprise."),
        "1:no-person 2:no-assertion"
    );
    assert_eq!(
        why(
            &db,
            "The Orbis merger closed in June, spokesman Eli Moss said."
        ),
        "1:speaker 2:no-assertion"
    );
    assert_eq!(
        why(&db, "Chairman Eli Moss welcomed the Orbis merger."),
        "1:no-role 2:no-assertion"
    );
    assert_eq!(
        why(
            &db,
            "The Orbis merger was completed and then called off, Lee announced."
        ),
        "1:agrees 2:both-ways"
    );
}

/// A one-fact database of the new kinds, about `about`.
fn measure(about: &str, toml: &str) -> Database {
    claim(&format!("[\"{about}\"]"), "", &fact(toml))
}

#[test]
fn money() {
    let d = measure("budget", "kind = \"money\"\nvalue = \"$4.2 million\"");
    assert_eq!(
        why(&d, "The town budget is €6 million."),
        "1:other-currency"
    );
    let d = measure("water", "kind = \"money\"\nvalue = \"$3.10 a gallon\"");
    assert_eq!(
        why(&d, "Bottled water costs $5 a week."),
        "1:other-denominator"
    );
    let d = measure(
        "budget",
        "kind = \"money\"\nvalue = \"$4.2 million\"\nnouns = [\"spending\"]",
    );
    assert_eq!(why(&d, "The town budget is $6 million."), "1:no-noun");
}

#[test]
fn quantities() {
    let d = measure("dam", "kind = \"quantity\"\nvalue = \"2 GW\"");
    assert_eq!(
        why(&d, "The dam produces 2 TWh a year."),
        "1:other-dimension"
    );
    let d = measure(
        "river",
        "kind = \"quantity\"\nvalue = \"1.5 °C\"\ndifference = true",
    );
    assert_eq!(
        why(&d, "The river's temperature fell 1.5 °C since 1990."),
        "1:other-direction"
    );
}

#[test]
fn changes() {
    let d = measure(
        "Fares",
        "kind = \"change\"\nvalue = 4.5\nunit = \"%\"\nbase = \"year\"",
    );
    assert_eq!(why(&d, "Fares rose 4.5 percentage points."), "1:other-unit");
    assert_eq!(
        why(&d, "Fares rose 9% from the previous month."),
        "1:other-base"
    );
    let d = measure(
        "Fares",
        "kind = \"change\"\nvalue = 4.5\nunit = \"%\"\nbase = \"year\"\nbase-required = true",
    );
    assert_eq!(why(&d, "Fares rose 9%."), "1:no-base");
}

#[test]
fn levels_and_ranges() {
    let d = measure(
        "rate",
        "kind = \"level\"\nrange = [5.25, 5.5]\nnouns = [\"rate\"]",
    );
    assert_eq!(
        why(&d, "The rate stands at 5% to 5.4%."),
        "1:overlapping-range"
    );
    let src = "[[claim]]\nid = \"c\"\nstatement = \"s\"\nabout = [[\"referendum\"]]\n\
        [[claim.fact]]\nkind = \"level\"\nvalue = 58\nnouns = [\"Yes\"]\n\
        [[claim.fact]]\nkind = \"level\"\nvalue = 64\nnouns = [\"turnout\"]\n";
    let d = db_with("", &[src]);
    assert_eq!(
        why(&d, "In the referendum, Yes had a turnout of 64%."),
        "1:nearer-noun 2:agrees"
    );
}

#[test]
fn tallies() {
    let d = measure(
        "council",
        "kind = \"tally\"\nvalue = \"7-2\"\nlookalikes = [{ value = \"5-4\", note = \"first reading\" }]",
    );
    assert_eq!(why(&d, "The council approved the plan 5-4."), "1:lookalike");
    assert_eq!(
        why(&d, "The council approved the plan 58% to 42%."),
        "1:other-unit"
    );
}

#[test]
fn a_mixed_paragraph_judges_alike_with_and_without_a_trace() {
    // Every sentence above, judged with and without a trace, gives the same findings: `why`
    // asserts it. Here, a whole mixed paragraph on several claims at once.
    let db = load(&[FESTIVAL, TOWN, RIVER, AMBER, REMOTE, FERRY, MERGER]);
    let text = "Lumen lies on the coast. Its population reached 80,000 residents. The Alder is \
                530 km long, and the Lumen festival drew 5,150 visitors in 2019. The Orbis \
                merger was completed, Lee announced.";
    let w = why(&db, text);
    assert!(w.contains("claim:carried-subject"), "{w}");
    assert!(w.contains(":lookalike"), "{w}");
}
