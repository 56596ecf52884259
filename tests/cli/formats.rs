//! Output formats: `--format json`, `--format jsonl`, the human format and its colors.

use predicates::prelude::*;

use crate::util::*;

/// What the article fixture should produce (claim, verdict, line, stated), in order.
const ARTICLE_FINDINGS: &[(&str, Verdict, usize, &str)] = &[
    (
        "fentanyl-traffickers-us-citizens",
        Verdict::Conflicts,
        7,
        "41%",
    ),
    (
        "fentanyl-seized-southern-border-fy2022",
        Verdict::Agrees,
        9,
        "roughly 14,000 pounds",
    ),
    (
        "synthetic-opioid-deaths-2021",
        Verdict::Conflicts,
        11,
        "some 45,000",
    ),
    (
        "blue-lotus-launch-date",
        Verdict::Agrees,
        13,
        "March 13, 2023",
    ),
];

// ---------------------------------------------------------------------------------------
// --format json

#[test]
fn json_is_one_document_with_the_documented_top_level() {
    let article = fixture("article.md");
    let out = run(&["--format", "json", &article], "");
    assert_eq!(code(&out), 1, "{}", describe(&out));
    // Exactly one JSON value on stdout, nothing after it.
    let mut values =
        serde_json::Deserializer::from_slice(&out.stdout).into_iter::<serde_json::Value>();
    let doc = values
        .next()
        .expect("a JSON document on stdout")
        .unwrap_or_else(|e| panic!("stdout is not JSON ({e})\n{}", describe(&out)));
    assert!(
        values.next().is_none(),
        "more than one JSON document:\n{}",
        describe(&out)
    );
    let obj = doc.as_object().expect("the document is an object");
    let mut keys: Vec<&str> = obj.keys().map(String::as_str).collect();
    keys.sort_unstable();
    assert_eq!(keys, ["config", "errors", "findings", "summary", "version"]);
    assert_eq!(doc["version"], 1);
    let mut skeys: Vec<&str> = doc["summary"]
        .as_object()
        .expect("summary is an object")
        .keys()
        .map(String::as_str)
        .collect();
    skeys.sort_unstable();
    assert_eq!(
        skeys,
        [
            "agrees",
            "baselined",
            "conflicts",
            "files",
            "findings",
            "skipped",
            "suppressed",
            "unchecked_sentences"
        ]
    );
    // And the strict parse (unknown fields in findings or sources fail).
    let report = parse_report(&out);
    assert_eq!(report.version, 1);
    assert!(report.errors.is_empty());
}

#[test]
fn json_findings_have_every_field_and_point_at_the_figure() {
    let article = fixture("article.md");
    let (out, report) = run_json(&[&article], "");
    assert_eq!(code(&out), 1, "{}", describe(&out));
    let text = fixture_text("article.md");
    let got: Vec<(&str, Verdict, usize, &str)> = report
        .findings
        .iter()
        .map(|f| (f.claim_id.as_str(), f.verdict, f.line, f.stated.as_str()))
        .collect();
    assert_eq!(got, ARTICLE_FINDINGS, "\n{}", brief(&report.findings));
    for f in &report.findings {
        assert_eq!(f.path, article, "the path as given on the command line");
        assert_well_formed(f);
        assert_positions(&text, f);
        assert!(
            !f.with_previous,
            "every sentence names its own subject: {f:#?}"
        );
    }
    // The line-wrapped sentence is reported on the line of the figure.
    let c = &report.findings[0];
    assert_eq!((c.line, c.column), (7, 6));
    assert_eq!(
        c.text,
        "According to the sentencing data, only 41% of fentanyl trafficking offenders \
         sentenced in fiscal year 2021 were U.S. citizens.",
        "`text` is the whole sentence on one line"
    );
    // Columns count characters, not bytes: "Résumé" precedes the figure.
    let r = &report.findings[2];
    let line11 = text.lines().nth(10).unwrap();
    assert_eq!(
        r.column,
        line11[..line11.find("some 45,000").unwrap()]
            .chars()
            .count()
            + 1
    );
    assert_ne!(r.column, line11.find("some 45,000").unwrap() + 1);
}

#[test]
fn json_conflict_message_names_both_figures() {
    let (out, report) = run_json(&[], &format!("{CONFLICTING}\n"));
    assert_eq!(code(&out), 1, "{}", describe(&out));
    let f = &report.findings[0];
    assert_eq!(f.verdict, Verdict::Conflicts);
    assert!(f.message.contains("41%"), "{}", f.message);
    assert!(f.message.contains("86.3"), "{}", f.message);
    assert!(f.expected.contains("86.3"), "{}", f.expected);
    assert_eq!(f.text, CONFLICTING);
}

#[test]
fn json_stdin_path_is_dash() {
    let (out, report) = run_json(&[], &format!("{UNRELATED}\n\n{AGREEING}\n"));
    assert_eq!(code(&out), 0, "{}", describe(&out));
    assert!(!report.findings.is_empty());
    for f in &report.findings {
        assert_eq!(f.path, "-");
        assert_eq!(f.line, 3);
    }
}

#[test]
fn json_summary_counts_equal_the_findings() {
    let article = fixture("article.md");
    let tree = fixture("tree");
    let unrelated = fixture("unrelated.txt");
    let (out, report) = run_json(&[&article, &tree, &unrelated], "");
    assert_eq!(code(&out), 1, "{}", describe(&out));
    assert_eq!(report.summary.files, 4);
    assert_summary_matches(&report);
    assert!(report.summary.agrees > 0 && report.summary.conflicts > 0);
}

#[test]
fn json_with_no_findings_is_still_a_document() {
    let (out, report) = run_json(&[], "");
    assert_eq!(code(&out), 0, "{}", describe(&out));
    assert_eq!(report.version, 1);
    assert_summary_matches(&report);
    assert_eq!(report.summary.files, 1);
}

// ---------------------------------------------------------------------------------------
// --format jsonl

#[test]
fn jsonl_is_one_finding_per_line_without_a_summary() {
    let article = fixture("article.md");
    let one = fixture("tree/one.txt");
    let out = run(&["--format", "jsonl", &article, &one], "");
    assert_eq!(code(&out), 1, "{}", describe(&out));
    let text = stdout(&out);
    assert!(text.ends_with('\n'), "every line ends with a newline");
    let lines: Vec<&str> = text.lines().collect();
    let mut findings = Vec::new();
    for line in &lines {
        let f: Finding = serde_json::from_str(line)
            .unwrap_or_else(|e| panic!("not a finding ({e}): {line}\n{}", describe(&out)));
        assert_well_formed(&f);
        let input = if f.path == article {
            fixture_text("article.md")
        } else {
            fixture_text("tree/one.txt")
        };
        assert_positions(&input, &f);
        findings.push(f);
    }
    // The same findings as the JSON document, in the same order.
    let (_, report) = run_json(&[&article, &one], "");
    assert_eq!(
        lines.len(),
        report.findings.len(),
        "one line per finding, no summary line"
    );
    assert_eq!(findings, report.findings);
}

#[test]
fn jsonl_with_no_findings_prints_nothing() {
    let out = run(&["--format", "jsonl"], &format!("{UNRELATED}\n"));
    assert_eq!(code(&out), 0, "{}", describe(&out));
    assert_eq!(stdout(&out), "", "no findings, no summary: no lines");
}

#[test]
fn jsonl_stdin_finding_has_dash_path() {
    let out = run(&["--format", "jsonl", "-"], &format!("{CONFLICTING}\n"));
    assert_eq!(code(&out), 1, "{}", describe(&out));
    let lines: Vec<&str> = out
        .stdout
        .split(|&b| b == b'\n')
        .filter(|l| !l.is_empty())
        .map(|l| std::str::from_utf8(l).unwrap())
        .collect();
    assert_eq!(lines.len(), 1, "{}", describe(&out));
    let f: Finding = serde_json::from_str(lines[0]).unwrap();
    assert_eq!(f.path, "-");
    assert_eq!(f.verdict, Verdict::Conflicts);
    assert_positions(CONFLICTING, &f);
}

// ---------------------------------------------------------------------------------------
// Human output

#[test]
fn human_output_names_position_verdict_claim_and_sources() {
    let article = fixture("article.md");
    let out = run(&["--color", "never", &article], "");
    assert_eq!(code(&out), 1, "{}", describe(&out));
    let text = stdout(&out);
    let (_, report) = run_json(&[&article], "");
    assert!(!report.findings.is_empty());
    for f in &report.findings {
        let head = format!("{}:{}:{}", f.path, f.line, f.column);
        let line = text
            .lines()
            .find(|l| l.starts_with(&head))
            .unwrap_or_else(|| panic!("no line starts with {head}:\n{text}"));
        let verdict = match f.verdict {
            Verdict::Agrees => "agrees",
            Verdict::Conflicts => "conflicts",
        };
        assert!(line.contains(verdict), "{line}");
        assert!(line.contains(&format!("[{}]", f.claim_id)), "{line}");
    }
    assert!(text.contains("the sources say"), "{text}");
    assert!(
        text.contains(&format!(
            "{article}:7:6: conflicts [fentanyl-traffickers-us-citizens]"
        )),
        "{text}"
    );
    let last = text.lines().last().unwrap_or("");
    assert!(
        predicate::str::is_match(r"^1 file checked: 4 findings, 2 agreeing, 2 conflicts$")
            .unwrap()
            .eval(last),
        "summary line: {last:?}"
    );
}

#[test]
fn human_summary_line_counts_files() {
    let article = fixture("article.md");
    let unrelated = fixture("unrelated.txt");
    claimcheck()
        .args(["check", "--color", "never", &article, &unrelated])
        .assert()
        .code(1)
        .stdout(predicate::str::is_match(r"(?m)^2 files checked: \d+ findings?, ").unwrap());
}

#[test]
fn human_color_never_has_no_escape() {
    let out = run(&["--color", "never", &fixture("article.md")], "");
    assert_eq!(code(&out), 1, "{}", describe(&out));
    assert_no_escape(&out);
}

#[test]
fn human_no_color_env_with_auto_has_no_escape() {
    let out = claimcheck()
        .env("NO_COLOR", "1")
        .args(["check", "--color", "auto", &fixture("article.md")])
        .output()
        .unwrap();
    assert_eq!(code(&out), 1, "{}", describe(&out));
    assert_no_escape(&out);
}

#[test]
fn human_auto_to_a_pipe_has_no_escape() {
    // stdout is a pipe under the test harness: `auto` (the default) means no color.
    let out = run(&[&fixture("article.md")], "");
    assert_eq!(code(&out), 1, "{}", describe(&out));
    assert_no_escape(&out);
}

#[test]
fn human_color_always_has_escape() {
    let out = run(&["--color", "always", &fixture("article.md")], "");
    assert_eq!(code(&out), 1, "{}", describe(&out));
    assert!(
        out.stdout.contains(&0x1b),
        "no ESC in output:\n{}",
        describe(&out)
    );
    // Color does not hide the text.
    assert!(stdout(&out).contains("fentanyl-traffickers-us-citizens"));
}

#[test]
fn json_is_never_colored() {
    let out = run(
        &[
            "--color",
            "always",
            "--format",
            "json",
            &fixture("article.md"),
        ],
        "",
    );
    assert!(
        !out.stdout.contains(&0x1b),
        "ESC in JSON:\n{}",
        describe(&out)
    );
    parse_report(&out);
}

/// Human output without color: no ESC byte anywhere on stdout.
fn assert_no_escape(out: &std::process::Output) {
    assert!(
        !out.stdout.contains(&0x1b),
        "ESC in output:\n{}",
        describe(out)
    );
}
