//! `check --records`, web archives, `--uncovered`, `report` and progress.

use serde_json::Value;

use super::archive::{documents, to_jsonl, to_warc};
use super::util::{AGREEING, CITIZENS_CLAIM, CONFLICTING, claimcheck, code, run};

fn lines(out: &std::process::Output) -> Vec<Value> {
    String::from_utf8_lossy(&out.stdout)
        .lines()
        .map(|l| serde_json::from_str(l).unwrap_or_else(|e| panic!("{e}: {l}")))
        .collect()
}

fn stderr(out: &std::process::Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

fn record(id: &str, text: &str) -> String {
    serde_json::json!({"id": id, "text": text, "url": format!("https://e.org/{id}")}).to_string()
}

#[test]
fn records_carry_their_id_url_and_positions_within_the_text() {
    let input = format!(
        "{}\n{}\n",
        record("a", &format!("Intro.\n{CONFLICTING}")),
        record("b", AGREEING)
    );
    let out = run(&["--records", "--format", "jsonl"], &input);
    assert_eq!(code(&out), 1, "{}", stderr(&out));
    let got = lines(&out);
    assert_eq!(got.len(), 2);
    assert_eq!(got[0]["id"], "a");
    assert_eq!(got[0]["url"], "https://e.org/a");
    assert_eq!(got[0]["record"], 1);
    assert_eq!(got[0]["verdict"], "conflicts");
    assert_eq!(got[0]["claim_id"], CITIZENS_CLAIM);
    assert_eq!(got[0]["line"], 2);
    assert_eq!(got[1]["id"], "b");
    assert_eq!(got[1]["verdict"], "agrees");
    // --input-format jsonl-records is the same thing.
    let again = run(
        &["--input-format", "jsonl-records", "--format", "jsonl"],
        &input,
    );
    assert_eq!(again.stdout, out.stdout);
}

#[test]
fn malformed_records_are_reported_skipped_and_make_the_exit_code_2() {
    let input = format!(
        "{}\n{{\"id\": \"x\"}}\nnot json\n\n{}\n",
        record("a", CONFLICTING),
        record("d", CONFLICTING)
    );
    let out = run(&["--records", "--format", "jsonl"], &input);
    assert_eq!(code(&out), 2);
    let err = stderr(&out);
    assert!(err.contains("-:2: record 2: missing field `text`"), "{err}");
    assert!(err.contains("-:3: record 3:"), "{err}");
    let ids: Vec<Value> = lines(&out).iter().map(|l| l["id"].clone()).collect();
    assert_eq!(ids, ["a", "d"]);
    // Line 5 is the fourth record: blank lines are not records.
    assert_eq!(lines(&out)[1]["record"], 4);
}

#[test]
fn output_keeps_input_order_whatever_the_thread_count() {
    let input = to_jsonl(&documents(240));
    let one = run(&["--records", "--format", "jsonl", "-j", "1"], &input);
    let four = run(&["--records", "--format", "jsonl", "-j", "4"], &input);
    assert_eq!(code(&one), 1);
    assert_eq!(one.stdout, four.stdout);
    let ids: Vec<String> = lines(&one)
        .iter()
        .map(|l| l["id"].as_str().unwrap_or("").to_string())
        .collect();
    let mut sorted = ids.clone();
    sorted.sort();
    assert_eq!(ids, sorted);
    // Documents 0, 3, 6, ... agree; 0, 5, 10, ... conflict.
    let agrees = lines(&one)
        .iter()
        .filter(|l| l["verdict"] == "agrees")
        .count();
    let conflicts = lines(&one)
        .iter()
        .filter(|l| l["verdict"] == "conflicts")
        .count();
    assert_eq!((agrees, conflicts), (80, 48));
}

#[test]
fn files_named_as_records_are_read_and_unreadable_ones_reported() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("in.jsonl");
    std::fs::write(&path, format!("{}\n", record("a", CONFLICTING))).unwrap();
    let p = path.to_string_lossy().to_string();
    let out = run(&["--records", "--format", "jsonl", &p, "missing.jsonl"], "");
    assert_eq!(code(&out), 2);
    assert!(
        stderr(&out).contains("missing.jsonl: cannot read"),
        "{}",
        stderr(&out)
    );
    assert_eq!(lines(&out)[0]["path"], p.as_str());
}

#[test]
fn web_archives_are_read_plain_and_gzipped() {
    let docs = documents(30);
    let dir = tempfile::tempdir().unwrap();
    let plain = dir.path().join("a.warc");
    let gz = dir.path().join("a.warc.gz");
    std::fs::write(&plain, to_warc(&docs, false)).unwrap();
    std::fs::write(&gz, to_warc(&docs, true)).unwrap();
    let records = run(&["--records", "--format", "jsonl"], &to_jsonl(&docs));
    let strip = |v: &Vec<Value>| -> Vec<(String, String, String)> {
        v.iter()
            .map(|l| {
                let s = |k: &str| l[k].as_str().unwrap_or("").to_string();
                (s("url"), s("verdict"), s("text"))
            })
            .collect()
    };
    for path in [&plain, &gz] {
        let out = run(&["--format", "jsonl", &path.to_string_lossy()], "");
        assert_eq!(code(&out), 1, "{}", stderr(&out));
        let got = lines(&out);
        assert_eq!(strip(&got), strip(&lines(&records)));
        assert_eq!(got[0]["id"], "<urn:uuid:doc-0000>");
        assert_eq!(got[0]["date"], "2024-01-01T08:00:00Z");
        // The requests and the image are skipped and counted.
        assert!(
            stderr(&out).contains("31 archive records skipped"),
            "{}",
            stderr(&out)
        );
    }
}

#[test]
fn a_truncated_archive_is_reported_after_its_good_records() {
    let docs = documents(3);
    let mut warc = to_warc(&docs, false);
    warc.truncate(warc.len() - 40);
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("cut.warc");
    std::fs::write(&path, warc).unwrap();
    let out = run(&["--format", "jsonl", &path.to_string_lossy()], "");
    assert_eq!(code(&out), 2);
    assert!(
        stderr(&out).contains("record 7: truncated"),
        "{}",
        stderr(&out)
    );
    assert!(!lines(&out).is_empty());
}

#[test]
fn uncovered_statistics_change_the_exit_code_only_when_asked() {
    let text = "Police seized 4,000 fentanyl pills in the raid.";
    let out = run(&["--uncovered", "--format", "jsonl"], text);
    assert_eq!(code(&out), 0);
    let got = lines(&out);
    assert_eq!(got.len(), 1);
    assert_eq!(got[0]["verdict"], "uncovered");
    assert_eq!(got[0]["stated"], "4,000");
    assert_eq!(got[0]["figures"][0]["kind"], "count");
    assert_eq!(got[0]["terms"][0], "fentanyl");
    assert_eq!(code(&run(&["--fail-on", "uncovered"], text)), 1);
    assert_eq!(code(&run(&["--uncovered", "--fail-on", "any"], text)), 0);
    // Without --uncovered, nothing.
    assert!(run(&["--format", "jsonl"], text).stdout.is_empty());
    // Human output shows it dimmed, and counts it.
    let human = run(&["--uncovered", "--color", "always"], text);
    let s = String::from_utf8_lossy(&human.stdout);
    assert!(s.contains("\u{1b}[2m-:1:15: uncovered"), "{s}");
    assert!(s.contains("1 uncovered statistic"), "{s}");
}

#[test]
fn document_mode_refuses_what_only_files_support() {
    let out = run(&["--records", "--format", "github"], "");
    assert_eq!(code(&out), 2);
    let err = stderr(&out);
    assert!(
        err.contains("--format jsonl, json, sarif or human"),
        "{err}"
    );
    let out = run(&["--records", "--baseline", "b.json"], "");
    assert_eq!(code(&out), 2);
    assert!(stderr(&out).contains("--baseline applies to files"));
}

#[test]
fn progress_is_drawn_only_when_forced_or_on_a_terminal() {
    let input = to_jsonl(&documents(20));
    let quiet = run(&["--records", "--format", "jsonl"], &input);
    assert!(stderr(&quiet).is_empty(), "{}", stderr(&quiet));
    let forced = run(&["--records", "--format", "jsonl", "--progress"], &input);
    assert!(stderr(&forced).contains("documents"), "{}", stderr(&forced));
    let off = run(
        &[
            "--records",
            "--format",
            "jsonl",
            "--progress",
            "--no-progress",
        ],
        &input,
    );
    assert!(stderr(&off).is_empty());
    // Files too.
    let files = run(&["--progress", "tests/fixtures/tree"], "");
    assert!(stderr(&files).contains("2 files"), "{}", stderr(&files));
    assert!(stderr(&run(&["tests/fixtures/tree"], "")).is_empty());
}

/// Findings of a generated archive, with uncovered statistics, in a temporary file.
pub fn findings_file(dir: &std::path::Path, n: usize) -> std::path::PathBuf {
    let out = run(
        &["--records", "--uncovered", "--format", "jsonl"],
        &to_jsonl(&documents(n)),
    );
    assert_eq!(code(&out), 1, "{}", stderr(&out));
    let path = dir.join("findings.jsonl");
    std::fs::write(&path, &out.stdout).unwrap();
    path
}

#[test]
fn report_aggregates_claims_and_the_uncovered_worklist() {
    let dir = tempfile::tempdir().unwrap();
    let findings = findings_file(dir.path(), 60);
    let out = claimcheck()
        .args(["report", "--format", "json"])
        .arg(&findings)
        .output()
        .unwrap();
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    let r: Value = serde_json::from_slice(&out.stdout).unwrap();
    let claim = &r["claims"][0];
    assert_eq!(claim["id"], CITIZENS_CLAIM);
    assert_eq!(
        (claim["agrees"].clone(), claim["conflicts"].clone()),
        (20.into(), 12.into())
    );
    assert_eq!(claim["conflicting"][0]["page"], "https://news.example/0000");
    // 30 documents state one of three uncovered sentences with one of seven numbers.
    let groups = r["uncovered"].as_array().unwrap();
    let total: u64 = groups.iter().map(|g| g["pages"].as_u64().unwrap()).sum();
    assert_eq!(total, 30);
    assert!(groups[0]["pages"].as_u64().unwrap() >= groups[1]["pages"].as_u64().unwrap());
    assert!(
        groups[0]["examples"][0]["sentence"]
            .as_str()
            .unwrap()
            .contains(" 10")
    );

    let text = claimcheck().arg("report").arg(&findings).output().unwrap();
    let t = String::from_utf8_lossy(&text.stdout);
    assert!(
        t.contains(&format!("{CITIZENS_CLAIM}: 20 agree, 12 conflict")),
        "{t}"
    );
    assert!(t.contains("Uncovered figures, most often stated:"), "{t}");
}

#[test]
fn report_refuses_what_is_not_findings() {
    let dir = tempfile::tempdir().unwrap();
    let bad = dir.path().join("bad.jsonl");
    std::fs::write(&bad, "{\"verdict\":\"agrees\"}\n").unwrap();
    let out = claimcheck().arg("report").arg(&bad).output().unwrap();
    assert_eq!(code(&out), 2);
    assert!(
        stderr(&out).contains("bad.jsonl:1: a finding without `claim_id`"),
        "{}",
        stderr(&out)
    );
    let out = claimcheck()
        .args(["report", "nope.jsonl"])
        .output()
        .unwrap();
    assert_eq!(code(&out), 2);
}

#[test]
fn stubs_load_once_a_source_is_added() {
    let dir = tempfile::tempdir().unwrap();
    let findings = findings_file(dir.path(), 60);
    let stubs = dir.path().join("stubs.toml");
    let out = claimcheck()
        .args(["report", "--top", "5", "--write-stubs"])
        .arg(&stubs)
        .arg(&findings)
        .output()
        .unwrap();
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    let text = std::fs::read_to_string(&stubs).unwrap();
    assert_eq!(text.matches("[[claim]]").count(), 5, "{text}");
    assert!(text.contains("kind = \"count\""), "{text}");
    let lint = claimcheck()
        .args(["db", "lint"])
        .arg(&stubs)
        .output()
        .unwrap();
    assert!(
        String::from_utf8_lossy(&lint.stdout).contains("missing-source"),
        "{}",
        String::from_utf8_lossy(&lint.stdout)
    );
    let source = "\n[[claim.source]]\ntitle = \"T\"\npublisher = \"P\"\n\
                  url = \"https://example.org/s\"\ndate = \"2024\"\nquote = \"Q\"\n";
    let completed = text.replace("\n[[claim.fact]]", &format!("{source}\n[[claim.fact]]"));
    std::fs::write(&stubs, completed).unwrap();
    let check = claimcheck()
        .args(["check", "--format", "jsonl", "--db"])
        .arg(&stubs)
        .write_stdin("Police seized 106 fentanyl pills during the raid.")
        .output()
        .unwrap();
    assert_ne!(code(&check), 2, "{}", stderr(&check));
    let found = String::from_utf8_lossy(&check.stdout);
    assert!(
        found.contains("\"claim_id\":\"uncovered-fentanyl-100-pills\""),
        "{found}"
    );
}

#[test]
fn json_and_sarif_carry_uncovered_statistics() {
    let input = format!(
        "{}\n{}\nnot json\n",
        record("a", CONFLICTING),
        record("b", "Police seized 4,000 fentanyl pills in the raid.")
    );
    let out = run(&["--records", "--uncovered", "--format", "json"], &input);
    assert_eq!(code(&out), 2);
    let doc: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(doc["findings"][0]["verdict"], "conflicts");
    assert_eq!(doc["findings"][1]["verdict"], "uncovered");
    assert_eq!(doc["findings"][1]["id"], "b");
    assert_eq!(doc["summary"]["uncovered"], 1);
    assert_eq!(doc["summary"]["unreadable"], 1);
    assert!(
        doc["errors"][0]["path"]
            .as_str()
            .unwrap()
            .contains("record 3")
    );

    let out = run(&["--records", "--uncovered", "--format", "sarif"], &input);
    let log: Value = serde_json::from_slice(&out.stdout).unwrap();
    let run0 = &log["runs"][0];
    let results = run0["results"].as_array().unwrap();
    assert_eq!(results.len(), 2);
    assert_eq!(results[0]["level"], "error");
    assert_eq!(results[1]["ruleId"], "uncovered");
    assert_eq!(results[1]["level"], "note");
    let rules = run0["tool"]["driver"]["rules"].as_array().unwrap();
    let k = results[1]["ruleIndex"].as_u64().unwrap() as usize;
    assert_eq!(rules[k]["id"], "uncovered");
    assert_eq!(
        results[1]["locations"][0]["physicalLocation"]["artifactLocation"]["uri"],
        "https://e.org/b"
    );
    assert_eq!(run0["invocations"][0]["executionSuccessful"], false);
}

#[test]
fn files_that_are_not_web_archives_are_refused() {
    let dir = tempfile::tempdir().unwrap();
    let html = dir.path().join("page.warc");
    std::fs::write(&html, "<html><p>Not an archive.</p></html>").unwrap();
    let corrupt = dir.path().join("bad.warc.gz");
    std::fs::write(&corrupt, b"\x1f\x8b\x08\x00garbage").unwrap();
    for path in [&html, &corrupt] {
        let out = run(&["--format", "jsonl", &path.to_string_lossy()], "");
        assert_eq!(code(&out), 2, "{}", path.display());
        assert!(stderr(&out).contains("cannot read"), "{}", stderr(&out));
    }
    let err = stderr(&run(&["--format", "jsonl", &html.to_string_lossy()], ""));
    assert!(err.contains("not a web archive"), "{err}");
}
