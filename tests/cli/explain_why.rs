//! `explain --text` says why a claim stayed silent: per fact, the judge's reason (another
//! period, a look-alike, a loose bound, a missing conflict-requires term, another currency, a
//! speaker…) and, per claim, what withheld its findings; the people it read; and the claims
//! one term group short. Human and JSON output, on a neutral database written by the test.

use serde_json::Value;

use crate::util::{claimcheck, code, describe, stdout};

/// A festival's attendance, its ticket revenue and who opened it, in 2020.
const FESTIVAL: &str = r#"
[[claim]]
id = "lumen-festival-visitors"
statement = "The Lumen festival drew 5,000 visitors in 2020."
about = [["Lumen festival"], ["drew", "attracted", "visitors"], ["ticket*", "visitors", "crowd*"]]
period = ["2020"]
period-required = false

[[claim.fact]]
kind = "count"
label = "visitors"
value = 5000
tolerance = "2%"
nouns = ["visitors", "people"]
conflict-requires = [["ticketed", "paying"]]
lookalikes = [{ value = 7000, tolerance = "1%", note = "the 2021 edition" }]

[[claim.fact]]
kind = "money"
label = "ticket revenue"
value = "$120,000"
nouns = ["revenue", "ticket sales"]

[[claim.fact]]
kind = "person"
label = "opened by"
roles = ["open*"]
people = [{ name = "Ada Park", aliases = ["Park"] }]

[[claim.source]]
title = "Festival report"
publisher = "Lumen town council"
url = "https://example.org/report"
date = "2021"
quote = "The 2020 festival drew 5,000 visitors."
"#;

/// Runs `explain --db FESTIVAL --text TEXT` with `extra` arguments.
fn explain(text: &str, extra: &[&str]) -> std::process::Output {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("festival.toml");
    std::fs::write(&db, FESTIVAL).unwrap();
    claimcheck()
        .args(["explain", "--db"])
        .arg(&db)
        .args(["--text", text])
        .args(extra)
        .output()
        .unwrap()
}

/// The line of `out` that starts (after indentation) with `head`.
fn line<'a>(out: &'a str, head: &str) -> &'a str {
    out.lines()
        .map(str::trim_start)
        .find(|l| l.starts_with(head))
        .unwrap_or_else(|| panic!("no line starting {head:?} in:\n{out}"))
}

#[test]
fn each_fact_says_why_it_is_silent() {
    let out = explain(
        "The Lumen festival drew 9,000 visitors and €120,000 in ticket sales, spokesman Eli \
         Moss said.",
        &[],
    );
    assert_eq!(code(&out), 0, "{}", describe(&out));
    let s = stdout(&out);
    assert!(
        s.contains("lumen-festival-visitors (matched): silent"),
        "{s}"
    );
    let visitors = line(&s, "fact 1 (count, \"visitors\")");
    assert!(visitors.contains("[requires-missing]"), "{visitors}");
    assert!(visitors.contains("\"9,000\" would conflict"), "{visitors}");
    assert!(visitors.contains("\"ticketed\", \"paying\""), "{visitors}");
    let money = line(&s, "fact 2 (money, \"ticket revenue\")");
    assert!(money.contains("[other-currency]"), "{money}");
    assert!(money.contains("\"€120,000\""), "{money}");
    let person = line(&s, "fact 3 (person, \"opened by\")");
    assert!(person.contains("[speaker]"), "{person}");
    assert!(person.contains("\"Eli Moss\""), "{person}");
    // The people read, with the verb they are read with.
    let people = line(&s, "\"Eli Moss\"  attributed");
    assert!(people.contains("verb \"said\""), "{people}");
}

#[test]
fn another_period_a_loose_bound_and_another_time() {
    let out = explain(
        "In 2019 the Lumen festival drew 7,000 visitors. The Lumen festival drew over 1,000 \
         visitors.",
        &[],
    );
    assert_eq!(code(&out), 0, "{}", describe(&out));
    let s = stdout(&out);
    let period = line(&s, "fact 1 (count, \"visitors\"): silent [other-period]");
    assert!(
        period.contains("\"7,000\" is for 2019; the claim is for 2020"),
        "{period}"
    );
    let time = line(&s, "claim: silent [other-time]");
    assert!(time.contains("another time (2019)"), "{time}");
    let loose = line(&s, "fact 1 (count, \"visitors\"): silent [loose-bound]");
    assert!(loose.contains("\"over 1,000\" is true of 5,000"), "{loose}");
    assert!(loose.contains("bound reach 1.25"), "{loose}");
}

#[test]
fn a_lookalike_and_an_agreement() {
    let out = explain(
        "The Lumen festival drew 7,000 visitors. The Lumen festival drew 5,000 paying \
         visitors.",
        &[],
    );
    assert_eq!(code(&out), 0, "{}", describe(&out));
    let s = stdout(&out);
    let l = line(&s, "fact 1 (count, \"visitors\"): silent [lookalike]");
    assert!(
        l.contains("\"7,000\" is the look-alike 7,000 (\"the 2021 edition\")"),
        "{l}"
    );
    // A look-alike silences its own figure: with no conflict to withhold, no claim note.
    assert!(!s.contains("claim: silent [lookalike]"), "{s}");
    assert!(
        s.contains("lumen-festival-visitors (matched): agrees"),
        "{s}"
    );
    assert!(
        line(&s, "fact 1 (count, \"visitors\"): agrees").contains("\"5,000\""),
        "{s}"
    );
}

/// The frame of `claim_id` in the first sentence of a JSON explanation.
fn frame(v: &Value, sentence: usize) -> &Value {
    v["sentences"][sentence]["frames"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["claim_id"] == "lumen-festival-visitors")
        .unwrap_or_else(|| panic!("{v}"))
}

#[test]
fn json_carries_the_same_reasons_as_codes() {
    let out = explain(
        "The Lumen festival drew 9,000 visitors and €120,000 in ticket sales, spokesman Eli \
         Moss said. In 2019 the Lumen festival drew 7,000 visitors.",
        &["--format", "json"],
    );
    assert_eq!(code(&out), 0, "{}", describe(&out));
    let v: Value = serde_json::from_slice(&out.stdout).unwrap();
    let f = frame(&v, 0);
    assert_eq!(f["result"], "silent");
    assert_eq!(f["why_not"], Value::Null);
    let facts = f["facts"].as_array().unwrap();
    let codes: Vec<&str> = facts.iter().map(|x| x["code"].as_str().unwrap()).collect();
    assert_eq!(codes, ["requires-missing", "other-currency", "speaker"]);
    assert_eq!(facts[0]["fact"], 1);
    assert_eq!(facts[0]["label"], "visitors");
    assert_eq!(facts[0]["outcome"], "silent");
    assert_eq!(facts[0]["byte_start"], 24);
    assert_eq!(facts[0]["byte_end"], 29);
    // The speaker's reason points at the name.
    assert_eq!(facts[2]["byte_start"], 81);
    assert!(
        facts[1]["message"]
            .as_str()
            .unwrap()
            .contains("another currency"),
        "{v}"
    );
    let people = v["sentences"][0]["people"].as_array().unwrap();
    assert_eq!(people[0]["name"], "Eli Moss");
    assert_eq!(people[0]["verb"], "said");
    let f = frame(&v, 1);
    assert_eq!(f["facts"][0]["code"], "other-period");
    assert_eq!(f["facts"][2]["code"], "other-time");
    assert_eq!(f["notes"][0]["code"], "other-time");
}

#[test]
fn a_conflict_is_reported_as_such() {
    let out = explain(
        "The Lumen festival drew 9,000 paying visitors.",
        &["--format", "json"],
    );
    assert_eq!(code(&out), 0, "{}", describe(&out));
    let v: Value = serde_json::from_slice(&out.stdout).unwrap();
    let f = frame(&v, 0);
    assert_eq!(f["result"], "conflicts");
    assert_eq!(f["facts"][0]["outcome"], "conflicts");
    assert_eq!(f["facts"][0]["reported"], true);
    assert_eq!(f["facts"][0]["code"], Value::Null);
}

#[test]
fn claims_one_group_short_are_listed_and_all_lists_the_rest() {
    // Two of three groups: listed, with the group that is missing.
    let out = explain("The Lumen festival attracted fans.", &[]);
    let s = stdout(&out);
    assert!(
        s.contains("lumen-festival-visitors (not matched: no term of group 3"),
        "{s}"
    );
    let out = explain("The Lumen festival was fun.", &["--format", "json"]);
    let v: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["sentences"][0]["frames"], Value::Array(Vec::new()), "{v}");
    // One of three: only with --all.
    let out = explain(
        "The Lumen festival was fun.",
        &["--all", "--format", "json"],
    );
    assert_eq!(code(&out), 0, "{}", describe(&out));
    let v: Value = serde_json::from_slice(&out.stdout).unwrap();
    let f = frame(&v, 0);
    assert_eq!(f["matched"], false);
    assert_eq!(f["why_not"]["code"], "missing-group");
    assert!(
        f["why_not"]["message"]
            .as_str()
            .unwrap()
            .contains("no term of group 2 (\"drew\", \"attracted\", \"visitors\")"),
        "{v}"
    );
    assert_eq!(f["facts"], Value::Array(Vec::new()));
}

#[test]
fn all_needs_text() {
    let out = claimcheck()
        .args(["explain", "--all", "synthetic-opioid-deaths-2021"])
        .output()
        .unwrap();
    assert_eq!(code(&out), 2, "{}", describe(&out));
    assert!(
        String::from_utf8_lossy(&out.stderr).contains("--all"),
        "{}",
        describe(&out)
    );
}

/// The reasons come from the judge `check` runs: judging each sentence with a trace finds
/// exactly what `check` finds, on every example of the shipped and the example databases,
/// and every fact of a matched claim that `check` does not report has a reason.
#[test]
fn the_traced_judge_finds_what_check_finds() {
    use claimcheck::check::{FactOutcome, check, judge_sentence, sentences};
    use claimcheck::db::Database;
    let dir = crate::util::crate_dir();
    // Each database with its claims' examples and, for the example databases, their dev sets.
    let mut dbs = vec![(Database::embedded().unwrap(), Vec::new())];
    for name in ["climate-energy", "elections-courts"] {
        let path = dir.join(format!("examples/databases/{name}.toml"));
        let src = std::fs::read_to_string(&path).unwrap();
        let db = Database::from_sources(&[(name.to_string(), src)]).unwrap();
        let dev = std::fs::read_to_string(dir.join(format!("tests/data/{name}-dev.tsv"))).unwrap();
        let sentences: Vec<String> = dev
            .lines()
            .skip(1)
            .filter_map(|l| l.split('\t').nth(3).map(str::to_string))
            .collect();
        assert!(
            sentences.len() >= 60,
            "{name}: {} dev sentences",
            sentences.len()
        );
        dbs.push((db, sentences));
    }
    let (mut texts, mut silent_facts) = (0, 0);
    for (db, dev) in &dbs {
        let examples = db.claims.iter().flat_map(|c| {
            let ex = &c.examples;
            ex.agrees.iter().chain(&ex.conflicts).chain(&ex.silent)
        });
        for text in examples.chain(dev) {
            let spans = sentences(db, text);
            let mut found = Vec::new();
            for (k, (para, range)) in spans.iter().enumerate() {
                let prev = k
                    .checked_sub(1)
                    .map(|p| &spans[p])
                    .filter(|(p, _)| p == para)
                    .map(|(_, r)| r.clone());
                for ci in 0..db.claims.len() {
                    let (f, trace) = judge_sentence(db, ci, text, range.clone(), prev.clone());
                    silent_facts += trace
                        .facts
                        .iter()
                        .filter(|(_, o)| matches!(o, FactOutcome::Silent(_)))
                        .count();
                    found.extend(f);
                }
            }
            assert_eq!(found, check(db, text), "{text:?}");
            texts += 1;
        }
    }
    assert!(
        texts > 350 && silent_facts > 200,
        "{texts} texts, {silent_facts} silent facts"
    );
}
