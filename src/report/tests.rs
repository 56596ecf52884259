//! Test code: this module is declared `#[cfg(test)]` by its parent and built only for tests.
//!
//! Every printer on the same fixed findings (built by hand, not by the checker), so a
//! printer's output is pinned independently of the engine.

use super::*;
use crate::check::{Finding, Verdict};
use crate::db::Database;

const SENTENCE: &str = "Only 41% of fentanyl trafficking offenders were U.S. citizens.";

fn db() -> Database {
    Database::embedded().expect("the built-in database loads")
}

/// A conflict at "41%" on line 3, and an agreement on line 5 (columns past a wide character).
fn found(db: &Database) -> Vec<Placed> {
    let claim = db
        .claims
        .iter()
        .position(|c| c.id == "fentanyl-traffickers-us-citizens")
        .expect("the claim exists");
    let at = SENTENCE.find("41%").unwrap();
    let placed = |verdict, line, column, offset| Placed {
        finding: Finding {
            claim,
            fact: 0,
            verdict,
            sentence: 0..SENTENCE.len(),
            span: at..at + 3,
            stated: "41%".into(),
            with_previous: false,
        },
        sentence: SENTENCE.into(),
        mark: at..at + 3,
        region: "41%".into(),
        start: Position {
            line,
            column,
            byte_column: column + 1,
            offset,
        },
        end: Position {
            line,
            column: column + 3,
            byte_column: column + 4,
            offset: offset + 3,
        },
        fingerprint: "00112233aabbccdd".into(),
    };
    vec![
        placed(Verdict::Conflicts, 3, 6, 20),
        placed(Verdict::Agrees, 5, 6, 90),
    ]
}

fn summary() -> Summary {
    Summary {
        files: 1,
        findings: 2,
        agrees: 1,
        conflicts: 1,
        ..Summary::default()
    }
}

fn print(printer: &mut dyn Printer, db: &Database, path: &str) {
    printer.file(db, path, &found(db)).unwrap();
    printer
        .error(&InputError {
            path: "gone.md".into(),
            message: "cannot read: no such file or directory".into(),
        })
        .unwrap();
    printer.finish(&summary()).unwrap();
}

#[test]
fn json_is_one_document_with_findings_errors_config_and_summary() {
    let db = db();
    let mut out = Vec::new();
    print(
        &mut Json::new(&mut out).with_config(Some("claimcheck.toml".into())),
        &db,
        "a.md",
    );
    let doc: serde_json::Value = serde_json::from_slice(&out).unwrap();
    assert_eq!(doc["version"], 1);
    assert_eq!(doc["config"], "claimcheck.toml");
    let f = &doc["findings"][0];
    assert_eq!(
        (f["line"].as_u64(), f["column"].as_u64()),
        (Some(3), Some(6))
    );
    assert_eq!(
        (f["byte_start"].as_u64(), f["byte_end"].as_u64()),
        (Some(20), Some(23))
    );
    assert_eq!(f["verdict"], "conflicts");
    assert_eq!(f["stated"], "41%");
    assert_eq!(f["text"], SENTENCE);
    assert_eq!(doc["findings"][1]["verdict"], "agrees");
    assert_eq!(doc["errors"][0]["path"], "gone.md");
    assert_eq!(doc["summary"]["conflicts"], 1);
}

#[test]
fn jsonl_is_one_finding_per_line() {
    let db = db();
    let mut out = Vec::new();
    print(&mut JsonLines::new(&mut out), &db, "a.md");
    let text = String::from_utf8(out).unwrap();
    let lines: Vec<serde_json::Value> = text
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(
        lines.len(),
        2,
        "errors and the summary are not lines: {text}"
    );
    assert_eq!(lines[1]["line"], 5);
}

#[test]
fn sarif_streams_results_then_the_rules_seen() {
    let db = db();
    let mut out = Vec::new();
    print(&mut Sarif::new(&mut out), &db, "./docs/my file.md");
    let text = String::from_utf8(out).unwrap();
    assert!(
        text.find("\"results\"").unwrap() < text.find("\"rules\"").unwrap(),
        "results come first"
    );
    let log: serde_json::Value = serde_json::from_str(&text).unwrap();
    let run = &log["runs"][0];
    let rules = run["tool"]["driver"]["rules"].as_array().unwrap();
    assert_eq!(rules.len(), 1, "one rule per claim seen");
    let r = &run["results"][0];
    assert_eq!(r["ruleIndex"], 0);
    assert_eq!(r["level"], "error");
    assert_eq!(run["results"][1]["level"], "note");
    let loc = &r["locations"][0]["physicalLocation"];
    assert_eq!(loc["artifactLocation"]["uri"], "docs/my%20file.md");
    assert_eq!(loc["region"]["snippet"]["text"], "41%");
    assert_eq!(loc["region"]["endColumn"], 9);
    assert_eq!(r["properties"]["sentence"], SENTENCE);
    assert_eq!(
        r["partialFingerprints"]["primaryLocationLineHash"],
        "00112233aabbccdd:1"
    );
    assert_eq!(run["invocations"][0]["executionSuccessful"], false);
    // No finding at all: still one valid log.
    let mut out = Vec::new();
    Sarif::new(&mut out).finish(&Summary::default()).unwrap();
    let log: serde_json::Value = serde_json::from_slice(&out).unwrap();
    assert_eq!(log["runs"][0]["results"].as_array().unwrap().len(), 0);
}

#[test]
fn rdjsonl_counts_columns_in_bytes() {
    let db = db();
    let mut out = Vec::new();
    print(&mut Rdjsonl::new(&mut out), &db, "a.md");
    let first: serde_json::Value =
        serde_json::from_str(String::from_utf8(out).unwrap().lines().next().unwrap()).unwrap();
    assert_eq!(first["severity"], "ERROR");
    assert_eq!(first["location"]["range"]["start"]["column"], 7);
    assert_eq!(first["location"]["range"]["end"]["column"], 10);
    assert_eq!(first["code"]["value"], "fentanyl-traffickers-us-citizens");
}

#[test]
fn github_commands_are_escaped() {
    let db = db();
    let mut out = Vec::new();
    print(&mut Github::new(&mut out, None), &db, "a,b:c.md");
    let text = String::from_utf8(out).unwrap();
    let lines: Vec<&str> = text.lines().collect();
    assert!(
        lines[0].starts_with("::error file=a%2Cb%3Ac.md,line=3,col=6,endLine=3,endColumn=9,"),
        "{text}"
    );
    assert!(lines[1].starts_with("::notice file="), "{text}");
    assert!(lines[2].starts_with("::error file=gone.md,title=claimcheck::cannot read"));
}

#[test]
fn human_blocks_mark_the_span_and_escape_control_characters() {
    let db = db();
    let mut out = Vec::new();
    print(&mut Human::new(&mut out, false), &db, "a\u{1b}.md");
    let text = String::from_utf8(out).unwrap();
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(
        lines[0],
        "a\\u{1b}.md:3:6: conflicts [fentanyl-traffickers-us-citizens]"
    );
    assert_eq!(lines[1], format!("  | {SENTENCE}"));
    assert_eq!(lines[2], "  |      ^^^");
    assert!(lines[3].starts_with("  = the text says \"41%\""), "{text}");
    assert_eq!(
        lines.last().unwrap(),
        &"1 file checked: 2 findings, 1 agreeing, 1 conflict"
    );
    assert!(!text.contains('\u{1b}'));
}
