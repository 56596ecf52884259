//! Roles (issue 16): a date fact's `roles` name the event it dates, so another event's date in
//! the sentence is silence, never a conflict; a titled name read with a participle ("with
//! Justice X writing for the majority") is its actor. Includes the newcomer's repros 08 and
//! 09 (`tests/data/repro/`) as regression tests.

use std::path::Path;

use serde_json::Value;

use crate::util::{Verdict, brief, claimcheck, code, crate_dir, describe, parse_report, stdout};

/// A repro's database, with `roles` added to its date fact when `roles` is given (the TOML
/// line after the fact's `date`).
fn repro_db(dir: &Path, name: &str, roles: Option<&str>) -> std::path::PathBuf {
    let src = std::fs::read_to_string(crate_dir().join(format!("tests/data/repro/{name}.toml")))
        .unwrap_or_else(|e| panic!("cannot read repro {name}: {e}"));
    let src = match roles {
        Some(r) => {
            let at = src
                .find("date = \"2023-05-11\"\n")
                .expect("the repro's date fact");
            let end = at + "date = \"2023-05-11\"\n".len();
            format!("{}roles = {r}\n{}", &src[..end], &src[end..])
        }
        None => src,
    };
    let path = dir.join(format!("{name}.toml"));
    std::fs::write(&path, src).unwrap();
    path
}

fn repro_text(name: &str) -> String {
    std::fs::read_to_string(crate_dir().join(format!("tests/data/repro/{name}.txt")))
        .unwrap_or_else(|e| panic!("cannot read repro {name}: {e}"))
        .trim()
        .to_string()
}

/// `(verdict, stated)` of each finding of `check --format json --db DB` on `text`.
fn findings(db: &Path, text: &str) -> Vec<(Verdict, String)> {
    let out = claimcheck()
        .args(["check", "--format", "json", "--db"])
        .arg(db)
        .write_stdin(text.to_string())
        .output()
        .unwrap();
    let report = parse_report(&out);
    assert!(
        report.errors.is_empty() && code(&out) <= 1,
        "{}\n{}",
        describe(&out),
        brief(&report.findings)
    );
    report
        .findings
        .iter()
        .map(|f| (f.verdict, f.stated.clone()))
        .collect()
}

#[test]
fn repro_08_another_events_date_is_silent_with_roles() {
    let dir = tempfile::tempdir().unwrap();
    let db = repro_db(dir.path(), "08", Some(r#"["expire*"]"#));
    let text = repro_text("08");
    assert_eq!(
        findings(&db, &text),
        [(Verdict::Conflicts, "May 11, 2022".to_string())]
    );
    assert_eq!(
        findings(&db, &text.replace("2022", "2023")),
        [(Verdict::Agrees, "May 11, 2023".to_string())]
    );
    assert!(
        findings(
            &db,
            "The public health emergency was declared in January 2020."
        )
        .is_empty()
    );
}

#[test]
fn repro_08b_with_roles_the_declaration_date_is_no_lookalike_of_the_expiry() {
    let dir = tempfile::tempdir().unwrap();
    let db = repro_db(dir.path(), "08b", Some(r#"["expire*"]"#));
    assert_eq!(
        findings(&db, &repro_text("08b")),
        [(Verdict::Conflicts, "May 11, 2022".to_string())]
    );
    // A fronted date with the role after it.
    assert_eq!(
        findings(&db, "On May 11, 2022, the public health emergency expired."),
        [(Verdict::Conflicts, "May 11, 2022".to_string())]
    );
}

#[test]
fn repro_09_a_titled_name_with_a_participle_is_the_writer() {
    let db = crate_dir().join("tests/data/repro/09.toml");
    assert_eq!(
        findings(&db, &repro_text("09")),
        [(Verdict::Conflicts, "Anthony Kennedy".to_string())]
    );
    assert_eq!(
        findings(
            &db,
            "Justice Anthony Kennedy, writing for the majority, said the Supreme Court would not revisit it."
        ),
        [(Verdict::Conflicts, "Anthony Kennedy".to_string())]
    );
    assert_eq!(
        findings(
            &db,
            "The Supreme Court upheld the law 5-4, with Chief Justice John Roberts writing for the majority."
        ),
        [(Verdict::Agrees, "John Roberts".to_string())]
    );
    // Another role: a dissent is not the majority opinion.
    assert!(
        findings(
            &db,
            "The Supreme Court upheld the law 5-4, with Justice Anthony Kennedy dissenting."
        )
        .is_empty()
    );
}

/// A law's signing and its passage: two date facts of one claim, each with its event.
const ACT: &str = r#"
[[claim]]
id = "harbor-act"
statement = "The Harbor Act passed the House on March 21, 2010 and was signed on March 23, 2010."
about = [["Harbor Act"]]

[[claim.fact]]
kind = "date"
label = "signed"
date = "2010-03-23"
roles = ["signed", "signing"]

[[claim.fact]]
kind = "date"
label = "passed the House"
date = "2010-03-21"
roles = ["passed"]

[[claim.source]]
title = "The act"
publisher = "Example"
url = "https://example.org/act"
date = "2010"
quote = "Signed March 23, 2010."
"#;

#[test]
fn two_date_facts_each_take_their_own_events_date() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("act.toml");
    std::fs::write(&db, ACT).unwrap();
    assert_eq!(
        findings(
            &db,
            "The Harbor Act, passed on March 21, 2010, was signed into law on March 23, 2010."
        ),
        // One agreement per claim: the first fact's.
        [(Verdict::Agrees, "March 23, 2010".to_string())]
    );
    assert_eq!(
        findings(
            &db,
            "The Harbor Act, passed on March 21, 2010, was signed into law on March 25, 2010."
        ),
        [(Verdict::Conflicts, "March 25, 2010".to_string())]
    );
    assert_eq!(
        findings(
            &db,
            "The Harbor Act passed on March 19, 2010, and was signed on March 23, 2010."
        ),
        [(Verdict::Conflicts, "March 19, 2010".to_string())]
    );
}

#[test]
fn explain_says_a_date_without_its_role_dates_another_event() {
    let dir = tempfile::tempdir().unwrap();
    let db = repro_db(dir.path(), "08", Some(r#"["expire*"]"#));
    let out = claimcheck()
        .args(["explain", "--format", "json", "--db"])
        .arg(&db)
        .args([
            "--text",
            "The public health emergency was declared in January 2020.",
        ])
        .output()
        .unwrap();
    assert_eq!(code(&out), 0, "{}", describe(&out));
    let v: Value = serde_json::from_str(&stdout(&out)).expect("explain JSON");
    let fact = &v["sentences"][0]["frames"][0]["facts"][0];
    assert_eq!(fact["outcome"], "silent", "{fact}");
    assert_eq!(fact["code"], "no-role", "{fact}");
    let message = fact["message"].as_str().unwrap_or_default();
    assert!(
        message.contains("January 2020") && message.contains("expire*"),
        "{message}"
    );
    let human = claimcheck()
        .args(["explain", "--db"])
        .arg(&db)
        .args([
            "--text",
            "The public health emergency was declared in January 2020.",
        ])
        .output()
        .unwrap();
    assert!(
        stdout(&human).contains("silent [no-role]: \"January 2020\" dates another event"),
        "{}",
        describe(&human)
    );
}

#[test]
fn roles_are_checked_like_a_persons() {
    let dir = tempfile::tempdir().unwrap();
    let good = repro_db(dir.path(), "08", Some(r#"["expire*", "ended"]"#));
    let out = claimcheck()
        .args(["db", "lint", "--db"])
        .arg(&good)
        .output()
        .unwrap();
    assert_eq!(code(&out), 0, "{}", describe(&out));
    let bad = repro_db(dir.path(), "08", Some(r#"["*"]"#));
    let out = claimcheck()
        .args(["db", "lint", "--db"])
        .arg(&bad)
        .output()
        .unwrap();
    assert_eq!(code(&out), 1, "{}", describe(&out));
    assert!(
        stdout(&out).contains("`roles` term \"*\""),
        "{}",
        describe(&out)
    );
}

#[test]
fn the_newcomers_database_dates_each_event() {
    let db = crate_dir().join("examples/databases/health-education.toml");
    // The declaration date is not the expiry's.
    assert_eq!(
        findings(
            &db,
            "The federal COVID-19 public health emergency, declared in January 2020, expired on May 11, 2022, after more than three years."
        ),
        [(Verdict::Conflicts, "May 11, 2022".to_string())]
    );
    // The House's date is no signing date (nor its look-alike): the tally beside it is judged.
    assert_eq!(
        findings(
            &db,
            "The House voted 219 to 212 on March 21, 2010, to pass the Affordable Care Act, with no Republican support."
        ),
        [(Verdict::Agrees, "219 to 212".to_string())]
    );
}
