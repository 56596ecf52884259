//! `claimcheck db lint`: every problem, each at its line and column.

use crate::util::*;

fn lint(args: &[&str]) -> std::process::Output {
    claimcheck()
        .args(["db", "lint"])
        .args(args)
        .output()
        .expect("claimcheck runs")
}

/// The 1-based line and column of the first occurrence of `needle` at or after line `from`.
fn find(src: &str, needle: &str, from: usize) -> (usize, usize) {
    let start: usize = src.lines().take(from - 1).map(|l| l.len() + 1).sum();
    let at = src[start..].find(needle).expect("needle in fixture") + start;
    line_col(src, at)
}

#[test]
fn every_problem_is_reported_with_its_position() {
    let path = fixture("lint-problems.toml");
    let src = fixture_text("lint-problems.toml");
    let out = lint(&["--format", "json", &path]);
    assert_eq!(code(&out), 1, "{}", describe(&out));
    let doc: serde_json::Value = serde_json::from_slice(&out.stdout).expect("JSON");
    let problems = doc["problems"].as_array().expect("problems");
    let got: Vec<(String, usize, usize)> = problems
        .iter()
        .map(|p| {
            (
                p["code"].as_str().unwrap_or("").to_string(),
                p["line"].as_u64().unwrap_or(0) as usize,
                p["column"].as_u64().unwrap_or(0) as usize,
            )
        })
        .collect();
    let second_claim = find(&src, "id = \"bridge-length\"", 10).0;
    let no_source = find(&src, "id = \"no-source\"", 1).0;
    let expected = [
        (
            "overlap",
            find(&src, "\"The Harbor Bridge is 1,200 metres long.\"", 1),
        ),
        (
            "duplicate-id",
            find(&src, "\"bridge-length\"", second_claim),
        ),
        (
            "source-without-quote",
            find(&src, "quote = \"\"", second_claim),
        ),
        ("missing-source", find(&src, "\"no-source\"", no_source)),
        ("empty-match", find(&src, "\"/x*/\"", 1)),
        ("source-without-url", find(&src, "url = \"\"", 1)),
        (
            "example-mismatch",
            find(&src, "\"The city has 95,000 residents.\"", 1),
        ),
    ];
    for (code, (line, column)) in expected {
        assert!(
            got.iter().any(|g| g == &(code.to_string(), line, column)),
            "{code} at {line}:{column} not in {got:?}"
        );
    }
    assert_eq!(doc["errors"], problems.len());
    for p in problems {
        assert_eq!(p["path"], path.as_str());
        assert!(p["message"].as_str().is_some_and(|m| !m.is_empty()));
    }
    // The human form: one `path:line:col: error[code]: message` line per problem.
    let out = lint(&[&path]);
    assert_eq!(code(&out), 1);
    let text = stdout(&out);
    let (line, column) = find(&src, "\"/x*/\"", 1);
    assert!(
        text.contains(&format!("{path}:{line}:{column}: error[empty-match]:")),
        "{text}"
    );
    assert!(text.contains("6 claims): 8 errors, 0 warnings"), "{text}");
}

#[test]
fn the_shipped_database_is_clean_and_unreadable_files_exit_2() {
    let out = lint(&[]);
    assert_eq!(code(&out), 0, "{}", describe(&out));
    assert!(stdout(&out).contains(": 0 errors"), "{}", describe(&out));
    let out = lint(&["claims.toml"]);
    assert_eq!(code(&out), 0, "{}", describe(&out));
    let out = lint(&["no/such/claims.toml"]);
    assert_eq!(code(&out), 2);
    assert!(
        stderr(&out).contains("no/such/claims.toml: cannot read"),
        "{}",
        describe(&out)
    );
    // A TOML syntax error is a problem at its position (exit 1), not an unreadable file.
    let dir = tempfile::tempdir().unwrap();
    let bad = dir.path().join("bad.toml");
    std::fs::write(&bad, "[[claim]]\nid = \"x\"\nstatement = oops\n").unwrap();
    let out = lint(&[bad.to_str().unwrap()]);
    assert_eq!(code(&out), 1, "{}", describe(&out));
    assert!(
        stdout(&out).contains("bad.toml:3:13: error[schema]"),
        "{}",
        describe(&out)
    );
}
