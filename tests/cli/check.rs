//! `claimcheck check`: standard input, files and directories, exit codes, odd input.

use predicates::prelude::*;

use crate::util::*;

// ---------------------------------------------------------------------------------------
// Standard input

#[test]
fn stdin_agreeing_sentence_exits_0() {
    let out = run(&["--format", "json"], &format!("{AGREEING}\n"));
    assert_eq!(code(&out), 0, "{}", describe(&out));
    let report = parse_report(&out);
    let found = of_claim(&report.findings, CITIZENS_CLAIM);
    assert!(
        found.len() == 1 && found[0].verdict == Verdict::Agrees,
        "expected one `agrees` for {CITIZENS_CLAIM}, got:\n{}",
        brief(&report.findings)
    );
    assert!(
        conflicts(&report.findings).is_empty(),
        "{}",
        brief(&report.findings)
    );
}

#[test]
fn stdin_agreeing_sentence_human_output_exits_0() {
    claimcheck()
        .args(["check"])
        .write_stdin(format!("{AGREEING}\n"))
        .assert()
        .code(0)
        .stdout(predicate::str::contains("agrees"))
        .stdout(predicate::str::contains(format!("[{CITIZENS_CLAIM}]")));
}

#[test]
fn stdin_conflicting_sentence_exits_1() {
    claimcheck()
        .args(["check"])
        .write_stdin(format!("{CONFLICTING}\n"))
        .assert()
        .code(1)
        .stdout(predicate::str::contains("conflicts"))
        .stdout(predicate::str::contains(format!("[{CITIZENS_CLAIM}]")));
}

#[test]
fn stdin_conflicting_sentence_is_reported_at_the_figure() {
    let (out, report) = run_json(&[], &format!("{CONFLICTING}\n"));
    assert_eq!(code(&out), 1, "{}", describe(&out));
    let found = of_claim(&report.findings, CITIZENS_CLAIM);
    assert_eq!(found.len(), 1, "{}", brief(&report.findings));
    let f = found[0];
    assert_eq!(f.verdict, Verdict::Conflicts);
    assert_eq!(f.path, "-");
    assert_eq!((f.line, f.column), (1, 6), "41% starts at column 6");
    assert_eq!(f.stated, "41%");
    assert_positions(CONFLICTING, f);
}

#[test]
fn stdin_unrelated_text_has_no_findings() {
    let (out, report) = run_json(&[], &format!("{UNRELATED}\n"));
    assert_eq!(code(&out), 0, "{}", describe(&out));
    assert!(report.findings.is_empty(), "{}", brief(&report.findings));
    assert_eq!(
        report.summary,
        Summary {
            files: 1,
            findings: 0,
            agrees: 0,
            conflicts: 0,
            suppressed: 0,
            baselined: 0,
            skipped: 0,
            unchecked_sentences: 0,
        }
    );
    claimcheck()
        .arg("check")
        .write_stdin(format!("{UNRELATED}\n"))
        .assert()
        .code(0)
        .stdout(predicate::str::contains("0 findings"))
        .stdout(predicate::str::contains("agrees").not())
        .stdout(predicate::str::contains("conflicts]").not());
}

#[test]
fn dash_path_reads_stdin() {
    let (out, report) = run_json(&["-"], &format!("{CONFLICTING}\n"));
    assert_eq!(code(&out), 1, "{}", describe(&out));
    assert_eq!(report.summary.files, 1);
    let found = of_claim(&report.findings, CITIZENS_CLAIM);
    assert_eq!(found.len(), 1, "{}", brief(&report.findings));
    assert_eq!(found[0].path, "-");
    assert_eq!(found[0].verdict, Verdict::Conflicts);
}

#[test]
fn dash_among_files_reads_stdin_as_one_input() {
    let unrelated = fixture("unrelated.txt");
    let (out, report) = run_json(&[&unrelated, "-"], &format!("{CONFLICTING}\n"));
    assert_eq!(code(&out), 1, "{}", describe(&out));
    assert_eq!(report.summary.files, 2);
    assert!(
        report
            .findings
            .iter()
            .any(|f| f.path == "-" && f.claim_id == CITIZENS_CLAIM),
        "{}",
        brief(&report.findings)
    );
}

#[test]
fn empty_stdin_exits_0() {
    let (out, report) = run_json(&[], "");
    assert_eq!(code(&out), 0, "{}", describe(&out));
    assert!(report.findings.is_empty());
    assert!(report.errors.is_empty());
    claimcheck()
        .arg("check")
        .write_stdin("")
        .assert()
        .code(0)
        .stdout(predicate::str::contains("1 file checked"));
}

// ---------------------------------------------------------------------------------------
// Files and directories

#[test]
fn several_files_are_all_checked() {
    let article = fixture("article.md");
    let one = fixture("tree/one.txt");
    let unrelated = fixture("unrelated.txt");
    let (out, report) = run_json(&[&article, &one, &unrelated], "");
    assert_eq!(code(&out), 1, "{}", describe(&out));
    assert_eq!(report.summary.files, 3);
    assert!(report.errors.is_empty(), "{:?}", report.errors);
    for path in [&article, &one] {
        assert!(
            report.findings.iter().any(|f| &f.path == path),
            "no finding for {path}:\n{}",
            brief(&report.findings)
        );
    }
    assert!(
        !report.findings.iter().any(|f| f.path == unrelated),
        "{}",
        brief(&report.findings)
    );
    // Files are reported in the order given.
    let first_one = report.findings.iter().position(|f| f.path == one);
    let last_article = report.findings.iter().rposition(|f| f.path == article);
    assert!(last_article < first_one, "{}", brief(&report.findings));
}

#[test]
fn directory_argument_is_walked() {
    let tree = fixture("tree");
    let (out, report) = run_json(&[&tree], "");
    assert_eq!(code(&out), 1, "{}", describe(&out));
    assert_eq!(report.summary.files, 2, "tree/ holds two files");
    let one = fixture("tree/one.txt");
    let two = fixture("tree/nested/two.md");
    let f1 = report.findings.iter().find(|f| f.path == one);
    let f2 = report.findings.iter().find(|f| f.path == two);
    assert!(
        f1.is_some_and(
            |f| f.claim_id == "blue-lotus-launch-date" && f.verdict == Verdict::Conflicts
        ),
        "expected a blue-lotus-launch-date conflict in {one}:\n{}",
        brief(&report.findings)
    );
    assert!(
        f2.is_some_and(
            |f| f.claim_id == "fentanyl-deaths-since-2018" && f.verdict == Verdict::Agrees
        ),
        "expected a fentanyl-deaths-since-2018 agreement in {two} (a nested directory):\n{}",
        brief(&report.findings)
    );
}

#[test]
fn missing_file_among_others_is_reported_and_the_others_still_checked() {
    let article = fixture("article.md");
    let missing = fixture("no-such-file.txt");
    let one = fixture("tree/one.txt");
    let (out, report) = run_json(&[&article, &missing, &one], "");
    assert_eq!(code(&out), 2, "{}", describe(&out));
    assert!(
        stderr(&out).contains(&missing),
        "stderr does not name {missing}:\n{}",
        describe(&out)
    );
    for path in [&article, &one] {
        assert!(
            report.findings.iter().any(|f| &f.path == path),
            "no finding for {path}:\n{}",
            brief(&report.findings)
        );
    }
    assert_eq!(
        report
            .errors
            .iter()
            .map(|e| e.path.as_str())
            .collect::<Vec<_>>(),
        vec![missing.as_str()],
        "the JSON `errors` list names the missing file"
    );
    assert_eq!(report.summary.files, 2, "two files were checked");
}

#[test]
fn missing_file_among_others_human_output() {
    let article = fixture("article.md");
    let missing = fixture("no-such-file.txt");
    let one = fixture("tree/one.txt");
    claimcheck()
        .args(["check", &article, &missing, &one])
        .write_stdin("")
        .assert()
        .code(2)
        .stderr(predicate::str::contains(missing.as_str()))
        .stdout(predicate::str::contains(format!("{article}:")))
        .stdout(predicate::str::contains(format!("{one}:")))
        .stdout(predicate::str::contains("2 files checked"));
}

#[test]
fn only_a_missing_file_exits_2() {
    let missing = fixture("no-such-file.txt");
    claimcheck()
        .args(["check", &missing])
        .write_stdin("")
        .assert()
        .code(2)
        .stderr(predicate::str::contains(missing.as_str()));
}

// ---------------------------------------------------------------------------------------
// Exit codes and command-line errors

#[test]
fn unknown_flag_exits_2() {
    claimcheck()
        .args(["check", "--no-such-flag"])
        .write_stdin(format!("{AGREEING}\n"))
        .assert()
        .code(2)
        .stdout(predicate::str::is_empty())
        .stderr(predicate::str::contains("--no-such-flag"));
}

#[test]
fn unknown_format_exits_2() {
    claimcheck()
        .args(["check", "--format", "xml"])
        .write_stdin(format!("{AGREEING}\n"))
        .assert()
        .code(2)
        .stdout(predicate::str::is_empty())
        .stderr(predicate::str::contains("xml"));
}

#[test]
fn help_exits_0() {
    claimcheck()
        .args(["check", "--help"])
        .assert()
        .code(0)
        .stdout(predicate::str::contains("--format"))
        .stdout(predicate::str::contains("--db"));
}

// ---------------------------------------------------------------------------------------
// Input that is not valid UTF-8

#[test]
fn non_utf8_input_warns_and_still_reports() {
    let name = "latin1.txt";
    let bytes = std::fs::read(fixture_path(name)).unwrap();
    assert!(
        bytes.contains(&0xE9) && std::str::from_utf8(&bytes).is_err(),
        "the fixture must hold a bare 0xE9 byte"
    );
    let path = fixture(name);
    let (out, report) = run_json(&[&path], "");
    assert_eq!(code(&out), 1, "{}", describe(&out));
    let err = stderr(&out);
    assert!(!err.contains("panicked"), "{}", describe(&out));
    assert!(
        err.contains("warning") && err.contains(&path),
        "expected a warning naming {path} on stderr:\n{}",
        describe(&out)
    );
    let found = of_claim(&report.findings, CITIZENS_CLAIM);
    assert!(
        found.len() == 1 && found[0].verdict == Verdict::Conflicts,
        "expected the conflict next to the bad byte:\n{}",
        brief(&report.findings)
    );
    // Lines and columns count characters of the decoded text (the bad byte is one
    // character); byte offsets count the file's bytes.
    assert_positions_lossy(&bytes, found[0]);
}

#[test]
fn non_utf8_stdin_warns_and_still_reports() {
    let mut input = b"Our caf\xE9 owner kept a flyer. ".to_vec();
    input.extend_from_slice(CONFLICTING.as_bytes());
    input.push(b'\n');
    let out = claimcheck()
        .args(["check", "--format", "jsonl"])
        .write_stdin(input.clone())
        .output()
        .unwrap();
    assert_eq!(code(&out), 1, "{}", describe(&out));
    assert!(stderr(&out).contains("warning"), "{}", describe(&out));
    assert!(!stderr(&out).contains("panicked"), "{}", describe(&out));
    let f: Finding = serde_json::from_str(stdout(&out).lines().next().unwrap_or("")).unwrap();
    assert_eq!(f.path, "-");
    assert_eq!(f.claim_id, CITIZENS_CLAIM);
    assert_positions_lossy(&input, &f);
}

#[test]
fn byte_order_mark_is_not_counted() {
    let input = format!("\u{feff}{CONFLICTING}\n");
    let (out, report) = run_json(&[], &input);
    assert_eq!(code(&out), 1, "{}", describe(&out));
    let found = of_claim(&report.findings, CITIZENS_CLAIM);
    assert_eq!(found.len(), 1, "{}", brief(&report.findings));
    assert_eq!((found[0].line, found[0].column), (1, 6));
    assert_positions(&input, found[0]);
    assert!(!stderr(&out).contains("warning"), "{}", describe(&out));
}
