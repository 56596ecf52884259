//! The kinds of fact of issue 16 through the binary: the two example databases (lint, their
//! own examples, and their labelled dev sets scored like `../shared/eval/score.py`), `explain`
//! on measures, and load errors for values of the wrong kind.

use std::collections::{BTreeMap, BTreeSet};

use crate::util::*;

/// The wire spelling of a finding's verdict.
fn verdict(f: &Finding) -> &'static str {
    match f.verdict {
        Verdict::Agrees => "agrees",
        Verdict::Conflicts => "conflicts",
    }
}

/// The example databases, their dev sets, and the accuracy each must reach: 0.95 for the two
/// written with the engine (issue 16); for the two written by newcomers from the README alone
/// (docs/newcomer-*.md) the accuracy measured when they landed, as a floor that may only rise.
const EXAMPLES: [(&str, &str, f64); 4] = [
    (
        "examples/databases/climate-energy.toml",
        "tests/data/climate-energy-dev.tsv",
        0.95,
    ),
    (
        "examples/databases/elections-courts.toml",
        "tests/data/elections-courts-dev.tsv",
        0.95,
    ),
    (
        "examples/databases/health-education.toml",
        "tests/data/health-education-dev.tsv",
        0.95,
    ),
    (
        "examples/databases/housing-transport.toml",
        "tests/data/housing-transport-dev.tsv",
        0.92,
    ),
];

/// One labelled sentence: its id and the verdict sets that are acceptable.
struct Case {
    id: String,
    text: String,
    accept: Vec<BTreeSet<String>>,
}

fn cases(path: &str) -> Vec<Case> {
    let src = std::fs::read_to_string(crate_dir().join(path))
        .unwrap_or_else(|e| panic!("cannot read {path}: {e}"));
    src.lines()
        .skip(1)
        .filter(|l| !l.trim().is_empty())
        .map(|l| {
            let cols: Vec<&str> = l.split('\t').collect();
            assert_eq!(cols.len(), 4, "{path}: {l}");
            let accept = cols[2]
                .split('|')
                .map(|alt| match alt.trim() {
                    "none" => BTreeSet::new(),
                    alt => alt.split(',').map(|v| v.trim().to_string()).collect(),
                })
                .collect();
            Case {
                id: cols[0].to_string(),
                text: cols[3].to_string(),
                accept,
            }
        })
        .collect()
}

#[test]
fn example_dev_sets_reach_their_accuracy_with_no_false_conflict() {
    for (db, dev, min_accuracy) in EXAMPLES {
        let cases = cases(dev);
        assert!(cases.len() >= 60, "{dev}: {} cases", cases.len());
        // As score.py does: one case a paragraph, findings mapped back by line.
        let text: String = cases.iter().map(|c| format!("{}\n\n", c.text)).collect();
        let (out, report) = run_json(&["--db", db, "-"], &text);
        assert!(matches!(code(&out), 0 | 1), "{}", describe(&out));
        let mut found: BTreeMap<usize, BTreeSet<String>> = BTreeMap::new();
        for f in &report.findings {
            found
                .entry((f.line - 1) / 2)
                .or_default()
                .insert(verdict(f).to_string());
        }
        let mut ok = 0;
        let mut false_conflicts = Vec::new();
        let mut wrong = Vec::new();
        for (i, c) in cases.iter().enumerate() {
            let got = found.remove(&i).unwrap_or_default();
            if c.accept.contains(&got) {
                ok += 1;
            } else {
                wrong.push(format!("{} got {got:?}: {}", c.id, c.text));
            }
            if got.contains("conflicts") && !c.accept.iter().any(|a| a.contains("conflicts")) {
                false_conflicts.push(c.id.clone());
            }
        }
        let accuracy = ok as f64 / cases.len() as f64;
        println!(
            "{dev}: accuracy {accuracy:.3} ({ok}/{}), false conflicts {false_conflicts:?}",
            cases.len()
        );
        assert!(
            accuracy >= min_accuracy,
            "{dev}: accuracy {accuracy:.3}\n{}",
            wrong.join("\n")
        );
        assert!(
            false_conflicts.is_empty(),
            "{dev}: false conflicts {false_conflicts:?}"
        );
    }
}

#[test]
fn example_databases_pass_lint_and_their_own_examples() {
    for (db, _, _) in EXAMPLES {
        let out = claimcheck()
            .args(["db", "lint", db])
            .output()
            .expect("runs");
        assert_eq!(code(&out), 0, "{}", describe(&out));
        let out = claimcheck()
            .args(["db", "test", "--db", db])
            .output()
            .expect("runs");
        assert_eq!(code(&out), 0, "{}", describe(&out));
        assert!(stdout(&out).contains(" 0 failed"), "{}", describe(&out));
    }
}

#[test]
fn explain_shows_what_a_measure_states() {
    let out = claimcheck()
        .args(["explain", "--db", EXAMPLES[0].0, "--text"])
        .arg("Copernicus said 2023 was 2.66°F warmer than pre-industrial times, with CO2 emissions up 1.1% from a year earlier.")
        .output()
        .expect("runs");
    assert_eq!(code(&out), 0, "{}", describe(&out));
    let s = stdout(&out);
    assert!(s.contains("temperature difference 1.47"), "{s}");
    assert!(s.contains("change 1.1% on a year earlier"), "{s}");
    let out = claimcheck()
        .args(["explain", "--db", EXAMPLES[1].0, "--text"])
        .arg("The Senate confirmed Jackson 53-47; voters aged 18 to 24 were fewer.")
        .output()
        .expect("runs");
    let s = stdout(&out);
    assert!(s.contains("tally 53-47"), "{s}");
    assert!(s.contains("subgroup 18 years"), "{s}");
}

/// A database of one claim whose fact is `fact` (TOML lines).
fn one_fact_db(dir: &tempfile::TempDir, fact: &str) -> String {
    let path = dir.path().join("db.toml");
    let src = format!(
        "[[claim]]\nid = \"c\"\nstatement = \"s\"\nabout = [[\"dam\"]]\n\n[[claim.fact]]\n{fact}\n\n\
         [[claim.source]]\ntitle = \"t\"\npublisher = \"p\"\nurl = \"https://example.org\"\ndate = \"2024\"\nquote = \"q\"\n"
    );
    std::fs::write(&path, src).expect("writes the database");
    path.to_string_lossy().into_owned()
}

#[test]
fn a_value_of_the_wrong_kind_is_a_load_error_naming_the_kind() {
    let dir = tempfile::tempdir().expect("a temporary directory");
    let cases = [
        (
            "kind = \"money\"\nvalue = \"510 GW\"",
            "does not read as a money",
        ),
        (
            "kind = \"quantity\"\nvalue = \"$5 billion\"",
            "does not read as a quantity",
        ),
        (
            "kind = \"tally\"\nvalue = \"about half\"",
            "tally \"about half\" is not understood",
        ),
        (
            "kind = \"money\"\nvalue = 5\ncurrency = \"XYZ\"",
            "unknown currency \"XYZ\"",
        ),
        (
            "kind = \"change\"\nvalue = 2\nunit = \"furlongs\"",
            "unknown unit of a change",
        ),
        (
            "kind = \"count\"\nvalue = \"12 deaths\"\nnouns = [\"deaths\"]",
            "is a number",
        ),
        (
            "kind = \"count\"\nvalue = 3\nrank = 2",
            "`rank` does not apply to a count fact",
        ),
        ("kind = \"record\"\nrank = 0", "`rank` counts from 1"),
    ];
    for (fact, message) in cases {
        let db = one_fact_db(&dir, fact);
        let out = claimcheck()
            .args(["check", "--db", &db, "-"])
            .write_stdin("The dam.")
            .output()
            .expect("runs");
        assert_eq!(code(&out), 2, "{fact}: {}", describe(&out));
        let e = stderr(&out);
        assert!(e.contains(message), "{fact}: {e}");
        assert!(e.contains("db.toml:"), "the error names the file: {e}");
    }
}

#[test]
fn a_minimal_claim_of_a_new_kind_works_from_a_value_string() {
    let dir = tempfile::tempdir().expect("a temporary directory");
    let db = one_fact_db(&dir, "kind = \"quantity\"\nvalue = \"2 GW\"");
    let (out, report) = run_json(
        &["--db", &db, "-"],
        "The dam produces 2,000 megawatts.\n\nThe dam produces 3 GW.\n\nThe dam produces 2 TWh a year.\n",
    );
    assert_eq!(code(&out), 1, "{}", describe(&out));
    let got: Vec<(usize, String)> = report
        .findings
        .iter()
        .map(|f| (f.line, verdict(f).to_string()))
        .collect();
    assert_eq!(
        got,
        vec![(1, "agrees".to_string()), (3, "conflicts".to_string())]
    );
    // The sources' figure reads as the database writes it.
    assert_eq!(report.findings[1].expected, "2 GW");
}

#[test]
fn an_example_of_another_kind_names_the_kind_to_use() {
    let dir = tempfile::tempdir().expect("a temporary directory");
    let db = one_fact_db(
        &dir,
        "kind = \"count\"\nvalue = 5\nnouns = [\"turbines\"]\n\n[claim.examples]\nagrees = [\"The dam cost $5 billion.\"]",
    );
    // The examples table must follow the source: rebuild the file in that order.
    let src = std::fs::read_to_string(&db).expect("reads the database");
    let (head, examples) = src
        .split_once("\n[claim.examples]")
        .expect("the fixture has examples");
    let (examples, source) = examples
        .split_once("\n\n[[claim.source]]")
        .expect("the fixture has a source");
    std::fs::write(
        &db,
        format!("{head}\n[[claim.source]]{source}\n[claim.examples]{examples}\n"),
    )
    .expect("writes the database");
    let out = claimcheck()
        .args(["db", "test", &db])
        .output()
        .expect("runs");
    assert_eq!(code(&out), 1, "{}", describe(&out));
    let s = stdout(&out);
    assert!(
        s.contains("hint:     the example states a money amount (\"$5 billion\") but the claim's facts are count: add a fact with kind = \"money\""),
        "{s}"
    );
    let out = claimcheck()
        .args(["db", "lint", &db])
        .output()
        .expect("runs");
    assert!(
        stdout(&out).contains("add a fact with kind = \"money\""),
        "{}",
        describe(&out)
    );
}

#[test]
fn explain_of_an_unknown_id_hints_at_db_only_for_the_built_in_database() {
    let out = claimcheck()
        .args(["explain", "dobbs-ruling"])
        .output()
        .expect("runs");
    assert_eq!(code(&out), 2, "{}", describe(&out));
    assert!(
        stderr(&out).contains("pass it with --db PATH"),
        "{}",
        describe(&out)
    );
    let out = claimcheck()
        .args(["explain", "dobbs-ruling", "--db", EXAMPLES[1].0])
        .output()
        .expect("runs");
    assert_eq!(code(&out), 0, "{}", describe(&out));
    assert!(stdout(&out).contains("6–3"), "{}", describe(&out));
}

/// The README tutorial's minimal claim behaves as the README says.
#[test]
fn readme_tutorial_claim_behaves_as_documented() {
    let readme =
        std::fs::read_to_string(crate_dir().join("README.md")).expect("README.md is readable");
    let block = readme
        .split("```toml\n")
        .skip(1)
        .filter_map(|b| b.split("```").next())
        .find(|b| b.contains("id = \"renewable-additions-2023\""))
        .expect("README has the tutorial's claim");
    // The block is indented under a list item.
    let src: String = block
        .lines()
        .map(|l| l.strip_prefix("   ").unwrap_or(l))
        .map(|l| format!("{l}\n"))
        .collect();
    assert!(
        src.lines().count() <= 17,
        "a minimal claim fits in about 15 lines:\n{src}"
    );
    let dir = tempfile::tempdir().expect("a temporary directory");
    let db = dir.path().join("tutorial.toml");
    std::fs::write(&db, src).expect("writes the database");
    let db = db.to_string_lossy().into_owned();
    let text = "The world added 0.51 TW of renewable capacity in 2023.\n\n\
                The world added 350 GW of renewable capacity in 2023.\n\n\
                The world added 510 GWh of renewable capacity in 2023.\n\n\
                Renewable capacity grew 50% in 2023.\n\n\
                The world added 350 GW of renewable capacity in 2022.\n";
    let (out, report) = run_json(&["--db", &db, "-"], text);
    assert_eq!(code(&out), 1, "{}", describe(&out));
    let got: Vec<(usize, &str)> = report
        .findings
        .iter()
        .map(|f| (f.line, verdict(f)))
        .collect();
    assert_eq!(
        got,
        vec![(1, "agrees"), (3, "conflicts")],
        "{}",
        describe(&out)
    );
}
