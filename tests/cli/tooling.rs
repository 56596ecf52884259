//! Database tooling: `db list`, `db test`, `explain CLAIM_ID` and `explain --text`.

use std::process::Output;

use serde_json::Value;

use crate::util::*;

const BLUE_LOTUS: &str = "blue-lotus-first-week-seizures";
const BLUE_LOTUS_CONFLICT: &str =
    "Operation Blue Lotus seized 300 pounds of fentanyl in its first week.";

/// Runs `claimcheck ARGS` with empty standard input.
fn tool(args: &[&str]) -> Output {
    claimcheck()
        .args(args)
        .write_stdin("")
        .output()
        .expect("claimcheck runs")
}

fn json_of(out: &Output) -> Value {
    serde_json::from_slice(&out.stdout)
        .unwrap_or_else(|e| panic!("stdout is not one JSON document ({e})\n{}", describe(out)))
}

/// The claim ids of the built-in `claims.toml`, read with the `toml` crate.
fn built_in_ids() -> Vec<String> {
    let src = std::fs::read_to_string(crate_dir().join("claims.toml")).unwrap();
    let doc: toml::Table = toml::from_str(&src).unwrap();
    doc["claim"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["id"].as_str().unwrap().to_string())
        .collect()
}

#[test]
fn db_list_lists_every_built_in_claim() {
    let ids = built_in_ids();
    assert!(!ids.is_empty());
    let out = tool(&["db", "list"]);
    assert_eq!(code(&out), 0, "{}", describe(&out));
    let listed: Vec<String> = stdout(&out)
        .lines()
        .map(|l| l.split_whitespace().next().unwrap_or("").to_string())
        .collect();
    assert_eq!(listed, ids, "{}", describe(&out));

    let out = tool(&["db", "list", "--format", "json"]);
    assert_eq!(code(&out), 0, "{}", describe(&out));
    let v = json_of(&out);
    let claims = v["claims"].as_array().unwrap();
    let json_ids: Vec<&str> = claims.iter().map(|c| c["id"].as_str().unwrap()).collect();
    assert_eq!(json_ids, ids);
    for c in claims {
        assert!(c["statement"].is_string() && c["facts"].is_array(), "{c}");
        assert!(c["sources"].as_u64().unwrap() >= 1, "{c}");
        assert!(
            c["origin"].is_string() && c["line"].as_u64().unwrap() >= 1,
            "{c}"
        );
    }
}

#[test]
fn db_list_reads_another_database() {
    let out = tool(&["db", "list", "--db", &fixture("db/riverside.toml")]);
    assert_eq!(code(&out), 0, "{}", describe(&out));
    assert!(
        stdout(&out).starts_with("riverside-bridge  The Riverside bridge opened in 1932"),
        "{}",
        describe(&out)
    );
}

#[test]
fn db_test_passes_on_the_built_in_database() {
    let out = tool(&["db", "test"]);
    assert_eq!(code(&out), 0, "{}", describe(&out));
    assert!(
        stdout(&out).contains(" examples, 0 failed"),
        "{}",
        describe(&out)
    );

    let out = tool(&["db", "test", "--format", "json"]);
    assert_eq!(code(&out), 0, "{}", describe(&out));
    let v = json_of(&out);
    assert!(v["examples"].as_u64().unwrap() > 0, "{v}");
    assert_eq!(v["failures"], serde_json::json!([]));
}

#[test]
fn db_test_reports_a_wrong_example() {
    let wrong = "The Riverside bridge has 9 arches.";
    let src = fixture_text("db/riverside.toml").replacen(
        "agrees = [",
        &format!("agrees = [\n  \"{wrong}\","),
        1,
    );
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("wrong.toml");
    std::fs::write(&path, src).unwrap();
    let path = path.to_str().unwrap();

    for args in [vec!["db", "test", path], vec!["db", "test", "--db", path]] {
        let out = tool(&args);
        assert_eq!(code(&out), 1, "{}", describe(&out));
        let text = stdout(&out);
        let line = text
            .lines()
            .find(|l| l.contains(wrong))
            .unwrap_or_else(|| panic!("the sentence is named:\n{}", describe(&out)));
        assert!(line.contains("riverside-bridge"), "{}", describe(&out));
        assert!(text.contains("expected: agrees"), "{}", describe(&out));
        assert!(text.contains("found:    conflicts"), "{}", describe(&out));
        assert!(text.contains("6 examples, 1 failed"), "{}", describe(&out));
    }

    let out = tool(&["db", "test", path, "--format", "json"]);
    assert_eq!(code(&out), 1, "{}", describe(&out));
    let v = json_of(&out);
    assert_eq!(v["examples"], 6);
    assert_eq!(
        v["failures"],
        serde_json::json!([{
            "claim_id": "riverside-bridge",
            "sentence": wrong,
            "expected": "agrees",
            "found": "conflicts",
        }])
    );
}

#[test]
fn db_test_refuses_a_broken_database() {
    let path = fixture("db/bad-syntax.toml");
    let out = tool(&["db", "test", &path]);
    assert_eq!(code(&out), 2, "{}", describe(&out));
    let err = stderr(&out);
    let positioned = err.lines().any(|l| {
        l.strip_prefix(&format!("{path}:")).is_some_and(|rest| {
            let mut parts = rest.splitn(3, ':');
            let line = parts.next().unwrap_or("");
            let col = parts.next().unwrap_or("");
            !line.is_empty()
                && !col.is_empty()
                && line.chars().all(|c| c.is_ascii_digit())
                && col.chars().all(|c| c.is_ascii_digit())
        })
    });
    assert!(positioned, "stderr names line:column:\n{}", describe(&out));
}

#[test]
fn explain_shows_a_claim() {
    let src = std::fs::read_to_string(crate_dir().join("claims.toml")).unwrap();
    let doc: toml::Table = toml::from_str(&src).unwrap();
    let claim = doc["claim"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["id"].as_str() == Some(BLUE_LOTUS))
        .unwrap();
    let statement = claim["statement"].as_str().unwrap();
    let url = claim["source"][0]["url"].as_str().unwrap();

    let out = tool(&["explain", BLUE_LOTUS]);
    assert_eq!(code(&out), 0, "{}", describe(&out));
    let text = stdout(&out);
    assert!(text.contains(&collapse(statement)), "{}", describe(&out));
    assert!(text.contains(url), "{}", describe(&out));
    assert!(text.contains("agrees: 900 lb"), "{}", describe(&out));

    let out = tool(&["explain", BLUE_LOTUS, "--format", "json"]);
    assert_eq!(code(&out), 0, "{}", describe(&out));
    let v = json_of(&out);
    assert_eq!(v["id"], BLUE_LOTUS);
    assert_eq!(v["statement"], statement);
    assert_eq!(v["sources"][0]["url"], url);
    assert_eq!(v["facts"][0]["kind"], "mass");
}

#[test]
fn explain_refuses_an_unknown_id() {
    let out = tool(&["explain", "no-such-claim"]);
    assert_eq!(code(&out), 2, "{}", describe(&out));
    assert_eq!(stdout(&out), "");
    assert!(
        stderr(&out)
            .contains("claimcheck: no claim with id \"no-such-claim\"; see claimcheck db list"),
        "{}",
        describe(&out)
    );
}

#[test]
fn explain_text_shows_how_a_sentence_is_read() {
    let out = tool(&["explain", "--text", BLUE_LOTUS_CONFLICT]);
    assert_eq!(code(&out), 0, "{}", describe(&out));
    let text = stdout(&out);
    let figure = text
        .lines()
        .find(|l| l.contains("\"300 pounds\""))
        .unwrap_or_else(|| panic!("the figure is listed:\n{}", describe(&out)));
    assert!(figure.contains("mass"), "{}", describe(&out));
    assert!(
        text.contains(&format!("{BLUE_LOTUS} (matched)")),
        "{}",
        describe(&out)
    );
    assert!(
        text.contains(&format!("conflicts [{BLUE_LOTUS}]")),
        "{}",
        describe(&out)
    );

    // The same from standard input, as JSON.
    let out = claimcheck()
        .args(["explain", "--text", "-", "--format", "json"])
        .write_stdin(BLUE_LOTUS_CONFLICT)
        .output()
        .unwrap();
    assert_eq!(code(&out), 0, "{}", describe(&out));
    let v = json_of(&out);
    let s = &v["sentences"][0];
    assert_eq!(s["text"], BLUE_LOTUS_CONFLICT);
    let fig = s["figures"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["text"] == "300 pounds")
        .unwrap_or_else(|| panic!("{v}"));
    assert_eq!(fig["kind"], "mass");
    assert_eq!(fig["byte_start"], 28);
    let frame = s["frames"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["claim_id"] == BLUE_LOTUS)
        .unwrap_or_else(|| panic!("{v}"));
    assert_eq!(frame["matched"], true);
    let finding = &s["findings"][0];
    assert_eq!(finding["claim_id"], BLUE_LOTUS);
    assert_eq!(finding["verdict"], "conflicts");
    assert_eq!(finding["stated"], "300 pounds");
}

#[test]
fn explain_text_shows_a_carried_subject_and_an_exclude() {
    let text = "DHS began Operation Blue Lotus on March 13, 2023. In its first week, the \
                operation seized 9,000 pounds of fentanyl.\n\nOperation Blue Lotus seized 5,000 \
                pounds of fentanyl in its first month, not its first week.";
    let out = tool(&["explain", "--text", text, "--format", "json"]);
    assert_eq!(code(&out), 0, "{}", describe(&out));
    let v = json_of(&out);
    let sentences = v["sentences"].as_array().unwrap();
    assert_eq!(sentences.len(), 3, "{v}");
    let frame = |s: &Value| {
        s["frames"]
            .as_array()
            .unwrap()
            .iter()
            .find(|f| f["claim_id"] == BLUE_LOTUS)
            .cloned()
            .unwrap_or_else(|| panic!("{v}"))
    };
    let second = frame(&sentences[1]);
    assert_eq!(second["matched"], true);
    assert_eq!(second["carried"], true);
    assert_eq!(second["anaphor"], "the operation");
    assert_eq!(second["groups"][0]["carried"], true);
    assert_eq!(sentences[1]["findings"][0]["verdict"], "conflicts");
    let third = frame(&sentences[2]);
    assert_eq!(third["matched"], false);
    assert_eq!(third["excluded_by"]["term"], "first month");
    assert_eq!(sentences[2]["paragraph"], 2);
}

/// `frame_report` and `check` decide the frame with the same code: every finding is on a
/// sentence whose frame matches its claim.
#[test]
fn frame_report_agrees_with_check() {
    use claimcheck::check::{check, frame_report, sentences};
    use claimcheck::db::Database;
    let db = Database::embedded().unwrap();
    let mut checked = 0;
    for claim in &db.claims {
        let ex = &claim.examples;
        for text in ex.agrees.iter().chain(&ex.conflicts).chain(&ex.silent) {
            let spans = sentences(&db, text);
            for f in check(&db, text) {
                let k = spans
                    .iter()
                    .position(|(_, r)| *r == f.sentence)
                    .unwrap_or_else(|| panic!("{text:?}: the finding's sentence is split alike"));
                let prev = k
                    .checked_sub(1)
                    .map(|p| spans[p].clone())
                    .filter(|(p, _)| *p == spans[k].0)
                    .map(|(_, r)| r);
                let r = frame_report(&db, &db.claims[f.claim], text, f.sentence.clone(), prev);
                assert!(r.matched, "{text:?} [{}]: {r:?}", db.claims[f.claim].id);
                assert_eq!(r.carried, f.with_previous, "{text:?}");
                checked += 1;
            }
        }
    }
    assert!(checked > 50, "{checked}");
}
