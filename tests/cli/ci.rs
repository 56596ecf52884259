//! CI outputs: SARIF (validated against the official 2.1.0 schema), GitHub workflow commands
//! and step summary, reviewdog rdjsonl, `--show`, completions, the man page, closed pipes.

use std::io::Read;
use std::process::Stdio;

use crate::util::*;

/// An article with two agreements and two conflicts (our own text).
const ARTICLE: &str = "Synthetic opioids killed more than 70,000 Americans in 2021.\n\n\
Only 41% of fentanyl trafficking offenders sentenced in fiscal year 2021 were U.S. citizens.\n\n\
Fentanyl is about 50 times more potent than heroin.\n\n\
Operation Blue Lotus launched on March 13, 2021.\n";

fn run_format(format: &str, extra: &[&str], stdin: &str) -> std::process::Output {
    let mut args = vec!["--format", format];
    args.extend_from_slice(extra);
    run(&args, stdin)
}

fn json_of(out: &std::process::Output) -> serde_json::Value {
    serde_json::from_slice(&out.stdout)
        .unwrap_or_else(|e| panic!("not JSON ({e}):\n{}", describe(out)))
}

#[test]
fn sarif_validates_against_the_2_1_0_schema() {
    let schema_path = crate_dir().join("../shared/schemas/sarif-schema-2.1.0.json");
    let Ok(schema_text) = std::fs::read_to_string(&schema_path) else {
        crate::shared::skip("../shared/schemas not found (it exists only in CI)");
        return;
    };
    let schema: serde_json::Value = serde_json::from_str(&schema_text).unwrap();
    let validator = jsonschema::validator_for(&schema).expect("the SARIF schema compiles");
    // The validator really validates: a log with the wrong version is refused.
    assert!(!validator.is_valid(&serde_json::json!({"version": "2.0.0", "runs": []})));
    let out = run_format("sarif", &[], ARTICLE);
    assert_eq!(code(&out), 1, "{}", describe(&out));
    let log = json_of(&out);
    let errors: Vec<String> = validator
        .iter_errors(&log)
        .map(|e| format!("{e} at {}", e.instance_path()))
        .collect();
    assert!(
        errors.is_empty(),
        "SARIF does not validate:\n{}",
        errors.join("\n")
    );
}

#[test]
fn sarif_has_rules_results_levels_and_regions() {
    let out = run_format("sarif", &[], ARTICLE);
    let log = json_of(&out);
    assert_eq!(log["version"], "2.1.0");
    assert!(log["$schema"].as_str().is_some_and(|s| s.contains("sarif")));
    let run = &log["runs"][0];
    let driver = &run["tool"]["driver"];
    assert_eq!(driver["name"], "claimcheck");
    assert!(
        driver["informationUri"]
            .as_str()
            .is_some_and(|u| u.starts_with("https://"))
    );
    let rules = driver["rules"].as_array().unwrap();
    let results = run["results"].as_array().unwrap();
    assert_eq!(results.len(), 4, "{log:#}");
    // One rule per claim that appears, each with the statement, sources and a help URI.
    assert_eq!(rules.len(), 4);
    for r in rules {
        assert!(
            r["shortDescription"]["text"]
                .as_str()
                .is_some_and(|t| !t.is_empty())
        );
        assert!(
            r["fullDescription"]["text"]
                .as_str()
                .is_some_and(|t| !t.is_empty())
        );
        assert!(
            r["help"]["text"]
                .as_str()
                .is_some_and(|t| t.contains("https://"))
        );
        assert!(r["helpUri"].as_str().is_some_and(|u| u.starts_with("http")));
    }
    let levels: Vec<&str> = results
        .iter()
        .map(|r| r["level"].as_str().unwrap())
        .collect();
    assert_eq!(levels.iter().filter(|l| **l == "error").count(), 2);
    assert_eq!(levels.iter().filter(|l| **l == "note").count(), 2);
    for r in results {
        let rule = &rules[r["ruleIndex"].as_u64().unwrap() as usize];
        assert_eq!(rule["id"], r["ruleId"]);
        let loc = &r["locations"][0]["physicalLocation"];
        assert_eq!(loc["artifactLocation"]["uri"], "-");
        let region = &loc["region"];
        for k in ["startLine", "startColumn", "endLine", "endColumn"] {
            assert!(
                region[k].as_u64().is_some_and(|v| v >= 1),
                "{k} in {region}"
            );
        }
        assert!(
            r["partialFingerprints"]["primaryLocationLineHash"]
                .as_str()
                .is_some()
        );
    }
    // The 41% conflict: line 3, columns of "41%".
    let c = results
        .iter()
        .find(|r| r["ruleId"] == "fentanyl-traffickers-us-citizens")
        .unwrap();
    let region = &c["locations"][0]["physicalLocation"]["region"];
    assert_eq!(
        (region["startLine"].as_u64(), region["startColumn"].as_u64()),
        (Some(3), Some(6))
    );
    assert_eq!(region["endColumn"].as_u64(), Some(9));
}

#[test]
fn sarif_fingerprints_are_stable_across_runs_and_edits_above() {
    let prints = |input: &str| -> Vec<String> {
        let log = json_of(&run_format("sarif", &[], input));
        log["runs"][0]["results"]
            .as_array()
            .unwrap()
            .iter()
            .map(|r| {
                r["partialFingerprints"]["primaryLocationLineHash"]
                    .as_str()
                    .unwrap()
                    .to_string()
            })
            .collect()
    };
    let first = prints(ARTICLE);
    assert_eq!(first, prints(ARTICLE));
    let moved = prints(&format!(
        "A new paragraph above.\n\nAnd another.\n\n{ARTICLE}"
    ));
    assert_eq!(first, moved, "fingerprints must not depend on line numbers");
    let mut unique = first.clone();
    unique.sort();
    unique.dedup();
    assert_eq!(
        unique.len(),
        first.len(),
        "each finding has its own fingerprint"
    );
}

#[test]
fn sarif_uri_is_repository_relative() {
    let out = claimcheck()
        .current_dir(crate_dir())
        .args(["check", "--format", "sarif", "./examples/draft.txt"])
        .output()
        .unwrap();
    let log = json_of(&out);
    let uri = &log["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["artifactLocation"]
        ["uri"];
    assert_eq!(uri, "examples/draft.txt");
}

/// A custom database whose fact label holds every character GitHub needs escaped.
const HOSTILE_DB: &str = r#"
[[claim]]
id = "bridge-opened"
statement = "The Riverside bridge opened in 1932."
about = [["Riverside bridge"], ["opened"]]

[[claim.fact]]
kind = "date"
label = "opening: 100% sure, per the city\n::warning::injected"
date = "1932"

[[claim.source]]
title = "City records"
publisher = "City"
url = "https://example.org/bridge"
date = "1932"
quote = "opened in 1932"
"#;

#[test]
fn github_annotations_escape_messages_and_properties() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("db.toml");
    std::fs::write(&db, HOSTILE_DB).unwrap();
    let input = dir.path().join("a,b:c%.txt");
    std::fs::write(&input, "The Riverside bridge opened in 1931.\n").unwrap();
    let out = claimcheck()
        .env_remove("GITHUB_STEP_SUMMARY")
        .args([
            "check",
            "--format",
            "github",
            "--db",
            db.to_str().unwrap(),
            input.to_str().unwrap(),
        ])
        .output()
        .unwrap();
    assert_eq!(code(&out), 1, "{}", describe(&out));
    let text = stdout(&out);
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(
        lines.len(),
        1,
        "one command per finding, on one line:\n{text}"
    );
    let line = lines[0];
    assert!(line.starts_with("::error file="), "{line}");
    assert!(
        line.contains("a%2Cb%3Ac%25.txt,line=1,col=32,endLine=1,endColumn=36,"),
        "{line}"
    );
    assert!(line.contains(",title=claimcheck bridge-opened::"), "{line}");
    let message = line.split_once("::").unwrap().1.split_once("::").unwrap().1;
    assert!(
        message.contains("100%25 sure, per the city%0A::warning::injected"),
        "{message}"
    );
    assert!(!message.contains('\n'));
}

#[test]
fn github_notices_for_agreements_and_show_conflicts() {
    let out = claimcheck()
        .env_remove("GITHUB_STEP_SUMMARY")
        .args(["check", "--format", "github"])
        .write_stdin(ARTICLE)
        .output()
        .unwrap();
    let text = stdout(&out);
    assert_eq!(
        text.lines().filter(|l| l.starts_with("::error ")).count(),
        2,
        "{text}"
    );
    assert_eq!(
        text.lines().filter(|l| l.starts_with("::notice ")).count(),
        2,
        "{text}"
    );
    let out = claimcheck()
        .env_remove("GITHUB_STEP_SUMMARY")
        .args(["check", "--format", "github", "--show", "conflicts"])
        .write_stdin(ARTICLE)
        .output()
        .unwrap();
    let text = stdout(&out);
    assert_eq!(text.lines().count(), 2, "{text}");
    assert!(text.lines().all(|l| l.starts_with("::error ")));
    assert_eq!(code(&out), 1);
}

#[test]
fn github_step_summary_gets_a_table_of_every_conflict() {
    let dir = tempfile::tempdir().unwrap();
    let summary = dir.path().join("summary.md");
    std::fs::write(&summary, "earlier step\n").unwrap();
    let out = claimcheck()
        .env("GITHUB_STEP_SUMMARY", &summary)
        .args(["check", "--format", "github"])
        .write_stdin(ARTICLE)
        .output()
        .unwrap();
    assert_eq!(code(&out), 1, "{}", describe(&out));
    let md = std::fs::read_to_string(&summary).unwrap();
    assert!(
        md.starts_with("earlier step\n"),
        "appended, not overwritten:\n{md}"
    );
    assert!(
        md.contains("| File | Line | The text says | The sources say | Source |"),
        "{md}"
    );
    let rows: Vec<&str> = md.lines().filter(|l| l.starts_with("| -")).collect();
    assert_eq!(rows.len(), 2, "{md}");
    assert!(md.contains("\"41%\""), "{md}");
    assert!(md.contains("](https://"), "a source link:\n{md}");
}

#[test]
fn rdjsonl_lines_parse_and_carry_byte_ranges() {
    let input = "Résumé: only 41% of fentanyl trafficking offenders sentenced in fiscal year 2021 were U.S. citizens.\n";
    let out = run_format("rdjsonl", &[], input);
    assert_eq!(code(&out), 1, "{}", describe(&out));
    let text = stdout(&out);
    let diags: Vec<serde_json::Value> = text
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(diags.len(), 1, "{text}");
    let d = &diags[0];
    assert_eq!(d["severity"], "ERROR");
    assert_eq!(d["location"]["path"], "-");
    assert_eq!(d["code"]["value"], "fentanyl-traffickers-us-citizens");
    let start = &d["location"]["range"]["start"];
    let end = &d["location"]["range"]["end"];
    // "41%" starts at byte 14 ("Résumé" has two 2-byte letters): 1-based byte column 15.
    let at = input.find("41%").unwrap();
    assert_eq!(
        (start["line"].as_u64(), start["column"].as_u64()),
        (Some(1), Some(at as u64 + 1))
    );
    assert_eq!(end["column"].as_u64(), Some(at as u64 + 4));
    assert!(d["message"].as_str().is_some_and(|m| m.contains("41%")));
    // --show conflicts keeps conflicts only; all shows agreements as INFO.
    let all = stdout(&run_format("rdjsonl", &[], ARTICLE));
    assert!(all.lines().any(|l| l.contains("\"INFO\"")));
    let only = stdout(&run_format("rdjsonl", &["--show", "conflicts"], ARTICLE));
    assert!(
        only.lines().all(|l| l.contains("\"ERROR\"")) && only.lines().count() == 2,
        "{only}"
    );
}

#[test]
fn show_conflicts_does_not_thin_machine_formats() {
    let (_, report) = run_json(&["--show", "conflicts"], ARTICLE);
    assert_eq!(report.findings.len(), 4);
    let human = stdout(&run(&["--show", "conflicts", "--color", "never"], ARTICLE));
    assert!(!human.contains(" agrees ["), "{human}");
    assert!(human.contains(" conflicts ["), "{human}");
    assert!(
        human.lines().last().unwrap_or("").contains("4 findings"),
        "the summary counts all:\n{human}"
    );
}

#[test]
fn bash_completions_are_loadable() {
    let out = claimcheck().args(["completions", "bash"]).output().unwrap();
    assert_eq!(code(&out), 0);
    let dir = tempfile::tempdir().unwrap();
    let script = dir.path().join("claimcheck.bash");
    std::fs::write(&script, &out.stdout).unwrap();
    let status = std::process::Command::new("bash")
        .arg("-n")
        .arg(&script)
        .status();
    match status {
        Ok(s) => assert!(s.success(), "bash -n rejects the completion script"),
        Err(_) => println!("skipping the bash -n check: bash is not installed"),
    }
    assert!(stdout(&out).contains("claimcheck"));
    for shell in ["zsh", "fish", "powershell"] {
        let out = claimcheck().args(["completions", shell]).output().unwrap();
        assert_eq!(code(&out), 0, "{shell}");
        assert!(!out.stdout.is_empty(), "{shell}");
    }
}

#[test]
fn man_page_renders() {
    let out = claimcheck().arg("man").output().unwrap();
    assert_eq!(code(&out), 0);
    let page = stdout(&out);
    assert!(page.contains(".TH claimcheck 1"), "{page}");
    assert!(page.contains("check"));
}

#[test]
fn closed_pipe_ends_quietly() {
    // Enough findings that the output outlives the reader.
    let dir = tempfile::tempdir().unwrap();
    for k in 0..40 {
        std::fs::write(dir.path().join(format!("{k:02}.txt")), ARTICLE.repeat(50)).unwrap();
    }
    for format in ["human", "jsonl", "github"] {
        let mut child = std::process::Command::new(assert_cmd::cargo::cargo_bin("claimcheck"))
            .args(["check", "--format", format, dir.path().to_str().unwrap()])
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        let mut first = [0u8; 64];
        child
            .stdout
            .as_mut()
            .unwrap()
            .read_exact(&mut first)
            .unwrap();
        drop(child.stdout.take()); // like `| head -c 64`
        let mut err = String::new();
        child
            .stderr
            .take()
            .unwrap()
            .read_to_string(&mut err)
            .unwrap();
        let status = child.wait().unwrap();
        assert!(
            err.is_empty(),
            "{format}: no error text on a closed pipe, got {err:?}"
        );
        assert!(
            matches!(status.code(), Some(0) | Some(1)),
            "{format}: {status:?}"
        );
    }
}
