//! The claims database: `--db` (custom, combined, broken), and the built-in database's own
//! examples and sources (through the library).

use predicates::prelude::*;

use claimcheck::check::run_examples;
use claimcheck::db::Database;

use crate::util::*;

const RIVERSIDE: &str = "riverside-bridge";
const LIGHTHOUSE: &str = "marlow-point-lighthouse-lit";

/// Runs `check --db FIXTURE` on a sentence that the built-in database would flag, and
/// checks that the database is refused: exit 2, nothing on stdout, and stderr has
/// `PATH:LINE:` (and `:COL:` when given) followed by a message containing every word of
/// `names`.
fn assert_refused(fixture_name: &str, line: usize, column: Option<usize>, names: &[&str]) {
    let path = fixture(&format!("db/{fixture_name}"));
    let out = run(
        &["--db", &path],
        &format!("{CONFLICTING}\nThe Riverside bridge opened in 1950.\n"),
    );
    assert_eq!(code(&out), 2, "{}", describe(&out));
    assert_eq!(stdout(&out), "", "nothing is checked:\n{}", describe(&out));
    let err = stderr(&out);
    let head = match column {
        Some(c) => format!("{path}:{line}:{c}:"),
        None => format!("{path}:{line}:"),
    };
    let msg_line = err
        .lines()
        .find(|l| l.starts_with(&head))
        .unwrap_or_else(|| {
            panic!(
                "stderr has no line starting with {head:?}:\n{}",
                describe(&out)
            )
        });
    // The message may run on over the following lines (a regex error does).
    let msg = &err[err.find(msg_line).unwrap()..];
    for name in names {
        assert!(
            msg.to_lowercase().contains(&name.to_lowercase()),
            "the message does not name {name:?}:\n{}",
            describe(&out)
        );
    }
    assert!(!err.contains("panicked"), "{}", describe(&out));
}

fn db_text(name: &str) -> String {
    fixture_text(&format!("db/{name}"))
}

// ---------------------------------------------------------------------------------------
// Broken databases

#[test]
fn db_with_bad_toml_reports_line_and_column() {
    let src = db_text("bad-syntax.toml");
    let (line, col) = line_col(&src, src.find("\"stray\"").unwrap());
    assert_refused("bad-syntax.toml", line, Some(col), &[]);
}

#[test]
fn db_with_unknown_key_is_refused() {
    let src = db_text("unknown-key.toml");
    let line = line_of(&src, "colour = ", false);
    assert_refused("unknown-key.toml", line, None, &["colour", "unknown"]);
}

#[test]
fn db_with_duplicate_id_is_refused() {
    let src = db_text("duplicate-id.toml");
    let line = line_of(&src, "id = \"riverside-bridge\"", true);
    assert_refused("duplicate-id.toml", line, None, &["duplicate", RIVERSIDE]);
}

#[test]
fn db_with_regex_that_does_not_compile_is_refused() {
    let src = db_text("bad-regex.toml");
    let line = line_of(&src, "[\"/(/\"]", false);
    assert_refused("bad-regex.toml", line, None, &["/(/", "compile"]);
}

#[test]
fn db_with_unknown_unit_is_refused() {
    let src = db_text("bad-unit.toml");
    let line = line_of(&src, "unit = \"stone\"", false);
    assert_refused("bad-unit.toml", line, None, &["stone", "unit"]);
}

#[test]
fn db_that_does_not_exist_exits_2() {
    let path = fixture("db/no-such-database.toml");
    claimcheck()
        .args(["check", "--db", &path])
        .write_stdin(format!("{CONFLICTING}\n"))
        .assert()
        .code(2)
        .stdout(predicate::str::is_empty())
        .stderr(predicate::str::contains(path.as_str()));
}

#[test]
fn a_broken_db_next_to_a_good_one_is_still_refused() {
    let good = fixture("db/riverside.toml");
    let bad = fixture("db/bad-unit.toml");
    claimcheck()
        .args(["check", "--db", &good, "--db", &bad])
        .write_stdin("The Riverside bridge opened in 1950.\n")
        .assert()
        .code(2)
        .stdout(predicate::str::is_empty())
        .stderr(predicate::str::contains(bad.as_str()));
}

// ---------------------------------------------------------------------------------------
// Custom databases

#[test]
fn custom_db_replaces_the_built_in_one() {
    let db = fixture("db/riverside.toml");
    let input = format!(
        "{CONFLICTING}\n\
         The Riverside bridge opened in 1950.\n\
         The Riverside bridge has 9 arches.\n\
         \n\
         Built in 1932, the Riverside bridge was long admired.\n"
    );
    let (out, report) = run_json(&["--db", &db], &input);
    assert_eq!(code(&out), 1, "{}", describe(&out));
    assert!(
        report.findings.iter().all(|f| f.claim_id == RIVERSIDE),
        "only the custom claim may be reported:\n{}",
        brief(&report.findings)
    );
    let got: Vec<(usize, Verdict, &str)> = report
        .findings
        .iter()
        .map(|f| (f.line, f.verdict, f.stated.as_str()))
        .collect();
    assert_eq!(
        got,
        [
            (2, Verdict::Conflicts, "1950"),
            (3, Verdict::Conflicts, "9"),
            (5, Verdict::Agrees, "1932"),
        ],
        "\n{}",
        brief(&report.findings)
    );
    for f in &report.findings {
        assert_positions(&input, f);
        assert_eq!(f.sources[0].url, "https://example.org/riverside-bridge");
        assert_eq!(
            f.statement,
            "The Riverside bridge opened in 1932 and has seven arches."
        );
    }
}

#[test]
fn custom_db_agreement_exits_0() {
    let db = fixture("db/riverside.toml");
    claimcheck()
        .args(["check", "--color", "never", "--db", &db])
        .write_stdin("The Riverside bridge, opened in 1932, rests on seven arches.\n")
        .assert()
        .code(0)
        .stdout(predicate::str::contains("agrees [riverside-bridge]"));
}

#[test]
fn two_dbs_give_claims_from_both() {
    let a = fixture("db/riverside.toml");
    let b = fixture("db/lighthouse.toml");
    let input = "The Riverside bridge opened in 1932.\n\n\
                 The Marlow Point lighthouse was first lit in 1951.\n\n\
                 Only 41% of fentanyl trafficking offenders sentenced in fiscal year 2021 were U.S. citizens.\n";
    let (out, report) = run_json(&["--db", &a, "--db", &b], input);
    assert_eq!(code(&out), 1, "{}", describe(&out));
    let got: Vec<(&str, Verdict)> = report
        .findings
        .iter()
        .map(|f| (f.claim_id.as_str(), f.verdict))
        .collect();
    assert_eq!(
        got,
        [
            (RIVERSIDE, Verdict::Agrees),
            (LIGHTHOUSE, Verdict::Conflicts)
        ],
        "\n{}",
        brief(&report.findings)
    );
}

/// The database accepts any year as a date fact; a sentence stating that year must be
/// judged against it, however old the year.
#[test]
fn custom_db_date_fact_before_1900_is_checked() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("old-lighthouse.toml");
    let src = fixture_text("db/lighthouse.toml")
        .replace("1934", "1884")
        .replace("1951", "1901");
    std::fs::write(&path, src).unwrap();
    let path = path.to_str().unwrap();
    let input = "The Marlow Point lighthouse was first lit in 1884.\n\n\
                 The Marlow Point lighthouse was first lit in 1901.\n";
    let (out, report) = run_json(&["--db", path], input);
    let got: Vec<(usize, Verdict)> = report
        .findings
        .iter()
        .map(|f| (f.line, f.verdict))
        .collect();
    assert_eq!(
        got,
        [(1, Verdict::Agrees), (3, Verdict::Conflicts)],
        "a date fact of 1884 is accepted by the database, so 1884 must agree and 1901 conflict:\n{}",
        describe(&out)
    );
    assert_eq!(code(&out), 1);
}

#[test]
fn fixture_databases_load_and_their_examples_pass() {
    let mut sources = Vec::new();
    for name in ["riverside.toml", "lighthouse.toml"] {
        sources.push((name.to_string(), db_text(name)));
    }
    let db = Database::from_sources(&sources)
        .unwrap_or_else(|e| panic!("fixture databases do not load:\n{e}"));
    assert_eq!(db.claims.len(), 2);
    let failures = run_examples(&db);
    assert!(failures.is_empty(), "{failures:#?}");
}

// ---------------------------------------------------------------------------------------
// The built-in database

fn embedded() -> Database {
    Database::embedded().unwrap_or_else(|e| panic!("the built-in database does not load:\n{e}"))
}

#[test]
fn embedded_claim_examples_all_pass() {
    let db = embedded();
    let failures = run_examples(&db);
    let listing: Vec<String> = failures
        .iter()
        .map(|f| {
            format!(
                "  [{}] expected {}, found {}: {:?}",
                f.claim_id, f.expected, f.found, f.sentence
            )
        })
        .collect();
    assert!(
        failures.is_empty(),
        "{} claim example(s) fail:\n{}",
        failures.len(),
        listing.join("\n")
    );
}

#[test]
fn embedded_claims_have_an_https_source_and_an_agrees_example() {
    let db = embedded();
    assert!(!db.claims.is_empty(), "the built-in database has no claims");
    let mut problems = Vec::new();
    for c in &db.claims {
        if !c.sources.iter().any(|s| s.url.starts_with("https://")) {
            problems.push(format!("  [{}] has no source with an https:// URL", c.id));
        }
        if c.examples.agrees.is_empty() {
            problems.push(format!("  [{}] has no `agrees` example", c.id));
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

#[test]
fn embedded_claim_ids_are_unique_and_well_formed() {
    let db = embedded();
    let mut seen = std::collections::HashSet::new();
    for c in &db.claims {
        assert!(seen.insert(c.id.as_str()), "duplicate id {}", c.id);
        assert!(
            !c.id.is_empty()
                && c.id
                    .chars()
                    .all(|ch| ch.is_ascii_lowercase() || ch.is_ascii_digit() || ch == '-'),
            "malformed id {:?}",
            c.id
        );
    }
}

/// The README's example claim is a working database whose examples pass: the documentation
/// cannot drift from the schema.
#[test]
fn readme_example_claim_loads_and_its_examples_pass() {
    let readme =
        std::fs::read_to_string(std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("README.md"))
            .expect("README.md is readable");
    let block = readme
        .split("```toml\n")
        .skip(1)
        .filter_map(|b| b.split("```").next())
        .find(|b| b.contains("[[claim]]") && b.contains("[[claim.source]]"))
        .expect("README has a complete example claim");
    let db = Database::from_sources(&[("README.md".into(), block.to_string())])
        .unwrap_or_else(|e| panic!("the README example does not load:\n{e}"));
    let failures = run_examples(&db);
    assert!(
        failures.is_empty(),
        "README example failures: {failures:#?}"
    );
    assert!(db.claims[0].examples.agrees.len() + db.claims[0].examples.conflicts.len() >= 2);
}
