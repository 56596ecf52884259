//! Whole sites: walks, ignore files, globs, suppressions, baselines, changed lines, the project
//! file, `--fail-on`, `--files-from` and parallel checking in a stable order.

use std::path::Path;
use std::process::Command as Process;

use crate::markup::{dir_with, json_in};
use crate::util::*;

fn human_in(dir: &Path, args: &[&str]) -> std::process::Output {
    claimcheck()
        .current_dir(dir)
        .args(["check", "--color", "never"])
        .args(args)
        .output()
        .expect("claimcheck runs")
}

#[test]
fn suppressed_conflict_exits_0_and_is_counted() {
    let c = CONFLICTING;
    let cases = [
        format!("<!-- claimcheck-disable-next-line -->\n{c}\n"),
        format!("{c} <!-- claimcheck-disable-line -->\n"),
        format!(
            "<!-- claimcheck-disable {CITIZENS_CLAIM} -->\n\n{c}\n\n<!-- claimcheck-enable -->\n"
        ),
        format!("Intro.\n\n<!-- claimcheck-disable-file -->\n\n{c}\n"),
    ];
    for src in &cases {
        let dir = dir_with(&[("a.md", src.as_bytes())]);
        let (out, report) = json_in(dir.path(), &["a.md"]);
        assert_eq!(code(&out), 0, "{src}: {}", describe(&out));
        assert!(report.findings.is_empty(), "{src}");
        assert_eq!(report.summary.suppressed, 1, "{src}");
        let out = human_in(dir.path(), &["--no-config", "a.md"]);
        assert!(stdout(&out).contains("1 suppressed"), "{}", describe(&out));
    }
    // Limited to another claim, or closed before the sentence: still reported.
    for src in [
        format!("<!-- claimcheck-disable-next-line another-claim -->\n{c}\n"),
        format!("<!-- claimcheck-disable -->\nx\n<!-- claimcheck-enable -->\n\n{c}\n"),
    ] {
        let dir = dir_with(&[("a.md", src.as_bytes())]);
        let (out, report) = json_in(dir.path(), &["a.md"]);
        assert_eq!(code(&out), 1, "{src}: {}", describe(&out));
        assert_eq!(report.summary.suppressed, 0);
    }
    // Plain text: a line containing `claimcheck: ignore`.
    let dir = dir_with(&[("a.txt", format!("{c} (claimcheck: ignore)\n").as_bytes())]);
    let (out, report) = json_in(dir.path(), &["a.txt"]);
    assert_eq!(code(&out), 0, "{}", describe(&out));
    assert_eq!(report.summary.suppressed, 1);
}

#[test]
fn ignored_and_hidden_files_are_not_checked_and_globs_select() {
    let c = CONFLICTING.as_bytes();
    let dir = dir_with(&[
        (".gitignore", b"build/\nsecret.md\n"),
        ("build/out.md", c),
        ("secret.md", c),
        (".hidden/x.md", c),
        ("content/a.md", c),
        ("content/b.txt", c),
        ("content/drafts/c.md", c),
    ]);
    let paths = |args: &[&str]| -> Vec<String> {
        let (out, report) = json_in(dir.path(), args);
        assert!(code(&out) < 2, "{}", describe(&out));
        report.findings.iter().map(|f| f.path.clone()).collect()
    };
    assert_eq!(
        paths(&["."]),
        ["./content/a.md", "./content/b.txt", "./content/drafts/c.md"]
    );
    assert_eq!(
        paths(&["-g", "*.md", "--exclude", "drafts", "."]),
        ["./content/a.md"]
    );
    assert!(paths(&["--hidden", "."]).contains(&"./.hidden/x.md".to_string()));
    assert!(paths(&["--no-ignore", "."]).contains(&"./secret.md".to_string()));
    // Named explicitly, an ignored file is checked (as in ripgrep).
    assert_eq!(paths(&["secret.md"]), ["secret.md"]);
}

#[test]
fn baseline_survives_edits_above_and_reports_only_new_findings() {
    let dir = dir_with(&[("a.md", format!("# Title\n\n{CONFLICTING}\n").as_bytes())]);
    let (out, _) = json_in(dir.path(), &["--write-baseline", "baseline.json", "a.md"]);
    assert_eq!(code(&out), 1, "{}", describe(&out));
    let written = std::fs::read_to_string(dir.path().join("baseline.json")).unwrap();
    assert!(
        written.contains(CITIZENS_CLAIM) && written.contains("\"a.md\""),
        "{written}"
    );
    // Edit above the finding: it moves down three lines and still matches.
    std::fs::write(
        dir.path().join("a.md"),
        format!("# Title\n\nA new paragraph.\n\nAnd another.\n\n{CONFLICTING}\n"),
    )
    .unwrap();
    let (out, report) = json_in(dir.path(), &["--baseline", "baseline.json", "a.md"]);
    assert_eq!(code(&out), 0, "{}", describe(&out));
    assert!(report.findings.is_empty());
    assert_eq!(report.summary.baselined, 1);
    // A new conflict is reported; the known one is not.
    let new = "Only 60% of fentanyl trafficking offenders sentenced in fiscal year 2021 were U.S. citizens.";
    std::fs::write(
        dir.path().join("a.md"),
        format!("# Title\n\n{new}\n\n{CONFLICTING}\n"),
    )
    .unwrap();
    let (out, report) = json_in(dir.path(), &["--baseline", "baseline.json", "a.md"]);
    assert_eq!(code(&out), 1, "{}", describe(&out));
    assert_eq!(report.findings.len(), 1);
    assert_eq!(report.findings[0].stated, "60%");
    // A broken baseline is an error that names it.
    std::fs::write(
        dir.path().join("bad.json"),
        "{\"version\": 1,\n \"findings\": 3}",
    )
    .unwrap();
    let out = human_in(
        dir.path(),
        &["--no-config", "--baseline", "bad.json", "a.md"],
    );
    assert_eq!(code(&out), 2);
    assert!(
        stderr(&out).contains("bad.json: cannot use the baseline: 2:"),
        "{}",
        describe(&out)
    );
}

fn git(dir: &Path, args: &[&str]) {
    let out = Process::new("git")
        .current_dir(dir)
        .args(["-c", "user.name=t", "-c", "user.email=t@example.com"])
        .args(args)
        .output()
        .expect("git runs");
    assert!(
        out.status.success(),
        "git {args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
}

#[test]
fn diff_base_reports_only_findings_on_changed_lines() {
    let old = "Only 50% of fentanyl trafficking offenders sentenced in fiscal year 2021 were U.S. citizens.";
    let dir = dir_with(&[("docs/a.md", format!("# A\n\n{old}\n").as_bytes())]);
    git(dir.path(), &["init", "-q"]);
    git(dir.path(), &["add", "."]);
    git(dir.path(), &["commit", "-qm", "first"]);
    std::fs::write(
        dir.path().join("docs/a.md"),
        format!("# A\n\n{old}\n\n{CONFLICTING}\n"),
    )
    .unwrap();
    std::fs::write(dir.path().join("docs/new.md"), format!("{AGREEING}\n")).unwrap();
    let (out, report) = json_in(dir.path(), &["--diff-base", "HEAD", "docs"]);
    assert_eq!(code(&out), 1, "{}", describe(&out));
    let stated: Vec<(&str, &str)> = report
        .findings
        .iter()
        .map(|f| (f.path.as_str(), f.stated.as_str()))
        .collect();
    assert_eq!(
        stated,
        [("docs/a.md", "41%"), ("docs/new.md", "Some 86 percent")],
        "only the added sentence and the untracked file"
    );
    // From a subdirectory, the diff's paths still match.
    let (out, report) = json_in(&dir.path().join("docs"), &["--diff-base", "HEAD", "a.md"]);
    assert_eq!(code(&out), 1, "{}", describe(&out));
    assert_eq!(report.findings.len(), 1);
    // Without changes, nothing is reported.
    git(dir.path(), &["add", "."]);
    git(dir.path(), &["commit", "-qm", "second"]);
    let (out, report) = json_in(dir.path(), &["--diff-base", "HEAD", "docs"]);
    assert_eq!(code(&out), 0, "{}", describe(&out));
    assert!(report.findings.is_empty());
    let out = human_in(
        dir.path(),
        &["--no-config", "--diff-base", "no-such-rev", "docs"],
    );
    assert_eq!(code(&out), 2);
    assert!(stderr(&out).contains("no-such-rev"), "{}", describe(&out));
}

#[test]
fn diff_file_limits_findings_to_added_lines() {
    let src = format!("{CONFLICTING}\n\nIntro.\n\n{CONFLICTING}\n");
    let diff = "--- a/a.txt\n+++ b/a.txt\n@@ -4,0 +5,1 @@\n+x\n";
    let dir = dir_with(&[("a.txt", src.as_bytes()), ("change.diff", diff.as_bytes())]);
    let (out, report) = json_in(dir.path(), &["--diff", "change.diff", "a.txt"]);
    assert_eq!(code(&out), 1, "{}", describe(&out));
    let lines: Vec<usize> = report.findings.iter().map(|f| f.line).collect();
    assert_eq!(lines, [5]);
}

#[test]
fn project_file_sets_defaults_and_flags_override_it() {
    let db = "[[claim]]\nid = \"bridge-length\"\nstatement = \"The bridge is 1,200 m long.\"\nabout = [[\"bridge\"]]\n[[claim.fact]]\nkind = \"count\"\nvalue = 1200\nnouns = [\"metres\", \"m\"]\n[[claim.source]]\ntitle = \"Survey\"\npublisher = \"City\"\nurl = \"https://example.org/bridge\"\ndate = \"2020\"\nquote = \"The bridge is 1,200 m long.\"\n";
    let dir = dir_with(&[
        (
            "claimcheck.toml",
            b"db = [\"claims/bridge.toml\"]\nformat = \"json\"\nfail-on = \"never\"\nexclude = [\"skip\"]\n",
        ),
        ("claims/bridge.toml", db.as_bytes()),
        ("site/a.txt", b"The bridge is 900 metres long.\n"),
        ("site/skip/b.txt", b"The bridge is 800 metres long.\n"),
    ]);
    // Found from a subdirectory; its database path is relative to the project file.
    let out = claimcheck()
        .current_dir(dir.path().join("site"))
        .args(["check", "."])
        .output()
        .unwrap();
    assert_eq!(code(&out), 0, "fail-on never: {}", describe(&out));
    let report = parse_report(&out);
    assert_eq!(report.findings.len(), 1, "{}", describe(&out));
    assert_eq!(report.findings[0].claim_id, "bridge-length");
    // Flags override it.
    let out = claimcheck()
        .current_dir(dir.path().join("site"))
        .args(["check", "--fail-on", "conflicts", "--format", "human", "."])
        .output()
        .unwrap();
    assert_eq!(code(&out), 1, "{}", describe(&out));
    assert!(stdout(&out).contains("conflicts [bridge-length]"));
    // Unknown keys are errors with file, line and column.
    std::fs::write(
        dir.path().join("claimcheck.toml"),
        "format = \"json\"\nfail_on = \"never\"\n",
    )
    .unwrap();
    let out = claimcheck()
        .current_dir(dir.path())
        .args(["check", "site"])
        .output()
        .unwrap();
    assert_eq!(code(&out), 2, "{}", describe(&out));
    assert!(
        stderr(&out).contains("claimcheck.toml:2:1: unknown field `fail_on`"),
        "{}",
        describe(&out)
    );
}

#[test]
fn fail_on_chooses_what_exits_1() {
    for (fail_on, input, expected) in [
        ("conflicts", AGREEING, 0),
        ("any", AGREEING, 1),
        ("any", UNRELATED, 0),
        ("never", CONFLICTING, 0),
        ("conflicts", CONFLICTING, 1),
    ] {
        let out = run(
            &["--no-config", "--fail-on", fail_on],
            &format!("{input}\n"),
        );
        assert_eq!(
            code(&out),
            expected,
            "{fail_on} {input}: {}",
            describe(&out)
        );
    }
}

#[test]
fn files_from_reads_the_list_of_paths() {
    let dir = dir_with(&[
        ("a.txt", CONFLICTING.as_bytes()),
        ("b.md", AGREEING.as_bytes()),
        ("list.txt", b"b.md\n\na.txt\n"),
    ]);
    let (out, report) = json_in(dir.path(), &["--files-from", "list.txt"]);
    assert_eq!(code(&out), 1, "{}", describe(&out));
    let paths: Vec<&str> = report.findings.iter().map(|f| f.path.as_str()).collect();
    assert_eq!(paths, ["b.md", "a.txt"]);
    let out = claimcheck()
        .current_dir(dir.path())
        .args([
            "check",
            "--no-config",
            "--format",
            "json",
            "--files-from",
            "-",
        ])
        .write_stdin("a.txt\n")
        .output()
        .unwrap();
    assert_eq!(code(&out), 1, "{}", describe(&out));
    let out = human_in(dir.path(), &["--no-config", "--files-from", "missing.txt"]);
    assert_eq!(code(&out), 2);
    assert!(stderr(&out).contains("missing.txt"), "{}", describe(&out));
}

#[test]
fn a_thousand_files_give_the_same_output_with_one_thread_and_two() {
    let sentences = [CONFLICTING, AGREEING, UNRELATED];
    let mut files = Vec::new();
    for i in 0..1000 {
        let body = format!(
            "# Page {i}\n\n{}\n\nMore text on page {i}.\n\n{}\n",
            sentences[i % 3],
            sentences[(i / 3) % 3]
        );
        files.push((format!("pages/{:02}/p{i}.md", i % 37), body));
    }
    let refs: Vec<(&str, &[u8])> = files
        .iter()
        .map(|(n, b)| (n.as_str(), b.as_bytes()))
        .collect();
    let dir = dir_with(&refs);
    let one = claimcheck()
        .current_dir(dir.path())
        .args([
            "check",
            "--no-config",
            "--format",
            "jsonl",
            "-j",
            "1",
            "pages",
        ])
        .output()
        .unwrap();
    let two = claimcheck()
        .current_dir(dir.path())
        .args([
            "check",
            "--no-config",
            "--format",
            "jsonl",
            "-j",
            "2",
            "pages",
        ])
        .output()
        .unwrap();
    assert_eq!(code(&one), 1);
    assert_eq!(one.stdout, two.stdout, "output differs between -j1 and -j2");
    let lines = String::from_utf8_lossy(&one.stdout).lines().count();
    assert!(lines > 1000, "{lines} findings");
    // Sorted by path, then position.
    let paths: Vec<String> = String::from_utf8_lossy(&one.stdout)
        .lines()
        .map(|l| serde_json::from_str::<serde_json::Value>(l).unwrap()["path"].to_string())
        .collect();
    let mut sorted = paths.clone();
    sorted.sort();
    assert_eq!(paths, sorted);
}
