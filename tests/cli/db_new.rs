//! `claimcheck db new`: a draft claim scaffolded from a sourced sentence loads, passes its own
//! examples, is silent while it is a draft, and once confirmed agrees with its sentence and
//! conflicts with the sentence altered. And every way it can fail says so, exit 2.

use std::path::Path;

use crate::util::{claimcheck, code, describe, stderr, stdout};

const URL: &str = "https://example.org/releases/2024/figures";

/// One sentence of each kind, on subjects of every sort, written for these tests.
const SENTENCES: [(&str, &str); 12] = [
    (
        "money",
        "The federal deficit reached $1.7 trillion in fiscal year 2023, the Treasury said.",
    ),
    (
        "change",
        "Consumer prices rose 9.1% over the year in June 2022.",
    ),
    ("tally", "The House passed the bill 220-207 on Friday."),
    (
        "level",
        "The Federal Reserve held its policy rate in a range of 5.25% to 5.5% in September 2023.",
    ),
    (
        "record",
        "Initial unemployment claims fell to the lowest level since 1969.",
    ),
    (
        "quantity",
        "Global temperatures in 2023 were 1.1 °C above the pre-industrial average.",
    ),
    (
        "count",
        "The agency processed 1,204 asylum applications in March 2024.",
    ),
    (
        "share",
        "About 62% of registered voters cast a ballot in the 2022 midterm election.",
    ),
    (
        "date",
        "The Paris Agreement was adopted on December 12, 2015.",
    ),
    (
        "person",
        "Chief Justice John Roberts wrote the majority opinion in the case.",
    ),
    (
        "duration",
        "The old stadium lease ran for 49 years before the city ended it.",
    ),
    (
        "mass",
        "Officers seized 900 pounds of cocaine at the port in May 2023.",
    ),
];

/// Runs `db new` with `args`, the sentence as its argument.
fn db_new(sentence: &str, args: &[&str]) -> std::process::Output {
    claimcheck()
        .args(["db", "new", "--source", URL])
        .args(args)
        .arg(sentence)
        .output()
        .expect("claimcheck runs")
}

/// Runs claimcheck with `args` and `stdin`.
fn run(args: &[&str], stdin: &str) -> std::process::Output {
    claimcheck()
        .args(args)
        .write_stdin(stdin.to_string())
        .output()
        .expect("claimcheck runs")
}

/// The `conflicts = [...]` sentences of a scaffold.
fn conflicting_examples(toml_text: &str) -> Vec<String> {
    let v: toml::Value = toml::from_str(toml_text).expect("the scaffold is TOML");
    v["claim"][0]["examples"]
        .get("conflicts")
        .and_then(|c| c.as_array())
        .map(|a| {
            a.iter()
                .filter_map(|s| s.as_str().map(str::to_string))
                .collect()
        })
        .unwrap_or_default()
}

fn kinds(toml_text: &str) -> Vec<String> {
    let v: toml::Value = toml::from_str(toml_text).expect("the scaffold is TOML");
    v["claim"][0]["fact"]
        .as_array()
        .map(|a| {
            a.iter()
                .filter_map(|f| f["kind"].as_str().map(str::to_string))
                .collect()
        })
        .unwrap_or_default()
}

#[test]
fn every_kind_scaffolds_a_claim_that_loads_tests_and_is_silent_until_confirmed() {
    let dir = tempfile::tempdir().unwrap();
    for (kind, sentence) in SENTENCES {
        let out = db_new(sentence, &[]);
        assert_eq!(code(&out), 0, "{kind}: {}", describe(&out));
        let toml_text = stdout(&out);
        assert!(
            kinds(&toml_text).iter().any(|k| k == kind),
            "{kind}: no {kind} fact in\n{toml_text}"
        );
        let draft = dir.path().join(format!("{kind}.toml"));
        std::fs::write(&draft, &toml_text).unwrap();
        let draft = draft.to_str().unwrap();

        // (1) It loads: one warning, the draft, and no error.
        let lint = run(&["db", "lint", draft], "");
        assert_eq!(code(&lint), 0, "{kind}: {}", describe(&lint));
        let lint_out = stdout(&lint);
        assert!(
            lint_out.contains("warning[draft]") && lint_out.contains("0 errors, 1 warning"),
            "{kind}: {lint_out}"
        );
        // (2) Its own examples pass, the conflicting one included.
        let conflicts = conflicting_examples(&toml_text);
        assert!(
            !conflicts.is_empty(),
            "{kind}: no conflicting example in\n{toml_text}"
        );
        let test = run(&["db", "test", draft], "");
        assert_eq!(code(&test), 0, "{kind}: {}", describe(&test));
        // (3) While a draft, `check` says nothing, even on the conflicting sentence.
        for text in [sentence.to_string(), conflicts[0].clone()] {
            let check = run(&["check", "--db", draft, "--show", "all", "-"], &text);
            assert_eq!(code(&check), 0, "{kind}: {}", describe(&check));
            assert!(
                stdout(&check).contains("0 findings"),
                "{kind}: a draft judged \"{text}\": {}",
                stdout(&check)
            );
        }
        // (4) Confirmed: the sentence agrees and the altered one conflicts.
        let confirmed = dir.path().join(format!("{kind}-confirmed.toml"));
        std::fs::write(&confirmed, toml_text.replace("draft = true\n", "")).unwrap();
        let confirmed = confirmed.to_str().unwrap();
        let lint = run(&["db", "lint", confirmed], "");
        assert!(
            stdout(&lint).contains("0 errors, 0 warnings"),
            "{kind}: {}",
            describe(&lint)
        );
        let agrees = run(
            &["check", "--db", confirmed, "--show", "all", "-"],
            sentence,
        );
        assert_eq!(code(&agrees), 0, "{kind}: {}", describe(&agrees));
        assert!(
            stdout(&agrees).contains("1 agreeing, 0 conflicts"),
            "{kind}: {}",
            stdout(&agrees)
        );
        let slip = run(&["check", "--db", confirmed, "-"], &conflicts[0]);
        assert_eq!(code(&slip), 1, "{kind}: {}", describe(&slip));
    }
}

#[test]
fn the_scaffold_reads_the_figure_as_the_database_writes_it() {
    let cases: [(&str, &[&str]); 8] = [
        (
            SENTENCES[0].1,
            &["value = \"$1.7 trillion\"", "period = [\"FY2023\"]"],
        ),
        (
            SENTENCES[1].1,
            &[
                "value = 9.1",
                "unit = \"%\"",
                "base = \"year\"",
                "period = [\"2022-06\"]",
            ],
        ),
        (SENTENCES[2].1, &["value = \"220-207\""]),
        (SENTENCES[3].1, &["kind = \"level\"", "range = [5.25, 5.5]"]),
        (SENTENCES[4].1, &["rank = 1", "since = \"1969\""]),
        (SENTENCES[5].1, &["value = \"1.1 °C\"", "difference = true"]),
        (
            SENTENCES[6].1,
            &[
                "value = 1204",
                "nouns = [\"application*\"]",
                "period = [\"2024-03\"]",
            ],
        ),
        (
            SENTENCES[11].1,
            &["value = 900", "unit = \"lb\"", "of = [\"cocaine*\"]"],
        ),
    ];
    for (sentence, wanted) in cases {
        let out = db_new(sentence, &[]);
        let t = stdout(&out);
        for w in wanted {
            assert!(t.contains(w), "{sentence}: no `{w}` in\n{t}");
        }
        // The statement, the quote and the agreeing example are the sentence; the source is
        // the URL; the claim is a draft.
        assert!(t.contains(&format!("url = \"{URL}\"")), "{t}");
        assert!(t.contains("draft = true"), "{t}");
        assert_eq!(t.matches(&format!("\"{sentence}\"")).count(), 3, "{t}");
    }
}

#[test]
fn about_terms_are_few_content_words_in_the_term_syntax() {
    let out = db_new(SENTENCES[6].1, &[]);
    let v: toml::Value = toml::from_str(&stdout(&out)).unwrap();
    let about = v["claim"][0]["about"].as_array().unwrap();
    assert!((1..=3).contains(&about.len()), "{about:?}");
    let terms: Vec<&str> = about.iter().filter_map(|g| g[0].as_str()).collect();
    assert!(terms.contains(&"asylum*"), "{terms:?}");
    for t in &terms {
        assert!(!t.chars().any(|c| c.is_ascii_digit()), "{terms:?}");
        assert!(
            !["the", "in", "march*", "processed"].contains(t),
            "{terms:?}"
        );
    }
    // The speaker is not the subject.
    let out = db_new(SENTENCES[0].1, &[]);
    assert!(!stdout(&out).contains("[\"Treasury\"]"), "{}", stdout(&out));
}

#[test]
fn several_figures_make_several_facts() {
    let out = db_new(
        "The unemployment rate rose 0.3 percentage points to 3.9% in February 2024.",
        &[],
    );
    assert_eq!(code(&out), 0, "{}", describe(&out));
    let t = stdout(&out);
    assert_eq!(kinds(&t), ["change", "level"], "{t}");
    assert_eq!(conflicting_examples(&t).len(), 2, "{t}");
}

#[test]
fn a_figure_that_is_no_fact_is_a_comment_and_the_speaker_no_person() {
    let out = db_new(
        "Senator Maria Lopez said the plan would cost $3.50 a gallon.",
        &[],
    );
    let t = stdout(&out);
    assert_eq!(kinds(&t), ["money"], "{t}");
    assert!(
        t.contains("# Not proposed: \"Maria Lopez\": the speaker"),
        "{t}"
    );
    let out = db_new(SENTENCES[9].1, &[]);
    assert!(
        stdout(&out).contains("# Not proposed: \"the majority\": a quantifier"),
        "{}",
        stdout(&out)
    );
}

#[test]
fn a_paragraph_uses_the_sentence_that_states_figures_and_says_so() {
    let out = claimcheck()
        .args(["db", "new", "--source", URL, "-"])
        .write_stdin("Officials met on Monday. The agency processed 1,204 asylum applications in March 2024. It was busy.")
        .output()
        .unwrap();
    assert_eq!(code(&out), 0, "{}", describe(&out));
    assert!(
        stderr(&out).contains("used sentence 2 of 3"),
        "{}",
        stderr(&out)
    );
    assert!(stdout(&out).contains("value = 1204"), "{}", stdout(&out));
    // No argument reads standard input too.
    let out = claimcheck()
        .args(["db", "new", "--source", URL])
        .write_stdin(SENTENCES[2].1)
        .output()
        .unwrap();
    assert_eq!(code(&out), 0, "{}", describe(&out));
    assert!(stdout(&out).contains("220-207"));
}

#[test]
fn append_creates_the_file_adds_claims_and_refuses_a_taken_id() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("mine.toml");
    let db_s = db.to_str().unwrap();
    let out = db_new(SENTENCES[0].1, &["--append", db_s, "--id", "deficit-2023"]);
    assert_eq!(code(&out), 0, "{}", describe(&out));
    assert!(stdout(&out).is_empty());
    assert!(
        stderr(&out).contains("added draft claim `deficit-2023`"),
        "{}",
        stderr(&out)
    );
    let out = db_new(SENTENCES[2].1, &["--append", db_s]);
    assert_eq!(code(&out), 0, "{}", describe(&out));
    let lint = run(&["db", "lint", db_s], "");
    assert!(
        stdout(&lint).contains("(2 claims): 0 errors, 2 warnings"),
        "{}",
        describe(&lint)
    );
    // The same id again, in the file or with it as --db: refused, nothing written.
    let before = std::fs::read_to_string(&db).unwrap();
    for args in [
        vec!["--append", db_s, "--id", "deficit-2023"],
        vec!["--db", db_s, "--id", "deficit-2023"],
    ] {
        let out = db_new(SENTENCES[1].1, &args);
        assert_eq!(code(&out), 2, "{}", describe(&out));
        let e = stderr(&out);
        assert!(
            e.contains("claim id `deficit-2023` is already in")
                && e.contains("choose another with --id"),
            "{e}"
        );
    }
    assert_eq!(std::fs::read_to_string(&db).unwrap(), before);
    // A made-up id that is taken gets a number.
    let out = db_new(SENTENCES[0].1, &["--db", db_s]);
    assert_eq!(code(&out), 0, "{}", describe(&out));
    assert!(
        stdout(&out).contains("id = \"deficit-federal-2023\""),
        "{}",
        stdout(&out)
    );
    let out = db_new(SENTENCES[0].1, &["--append", db_s]);
    assert_eq!(code(&out), 0, "{}", describe(&out));
    let out = db_new(SENTENCES[0].1, &["--db", db_s]);
    assert!(
        stdout(&out).contains("id = \"deficit-federal-2023-2\""),
        "{}",
        stdout(&out)
    );
}

#[test]
fn an_id_of_the_built_in_database_is_taken() {
    let out = db_new(SENTENCES[0].1, &["--id", "blue-lotus-first-week-seizures"]);
    assert_eq!(code(&out), 2, "{}", describe(&out));
    assert!(
        stderr(&out).contains("<built-in claims.toml>"),
        "{}",
        stderr(&out)
    );
}

#[test]
fn failures_say_what_to_do_and_exit_2() {
    let dir = tempfile::tempdir().unwrap();
    let broken = dir.path().join("broken.toml");
    std::fs::write(&broken, "[[claim]]\nid = \"x\"\nbogus = 1\n").unwrap();
    let broken = broken.to_str().unwrap();
    let unwritable = dir.path().join("no-such-dir").join("claims.toml");
    let unwritable = unwritable.to_str().unwrap();
    let cases: Vec<(Vec<&str>, &str, &str)> = vec![
        (vec![], "The weather was pleasant.", "no figure in"),
        (vec![], "", "the text is empty"),
        (vec![], "   \n\n  ", "the text is empty"),
        (
            vec!["--id", "Bad_Id"],
            SENTENCES[0].1,
            "must be lowercase letters",
        ),
        (vec!["--db", broken], SENTENCES[0].1, "broken.toml:3:1"),
        (vec!["--append", broken], SENTENCES[0].1, "fix them"),
        (
            vec!["--db", "no-such-file.toml"],
            SENTENCES[0].1,
            "cannot read the database",
        ),
        (vec!["--append", unwritable], SENTENCES[0].1, "cannot write"),
        (
            vec![],
            "Solar output was three times higher than in 2015.",
            "no comparable figure",
        ),
    ];
    for (args, sentence, wanted) in cases {
        let out = db_new(sentence, &args);
        assert_eq!(code(&out), 2, "{args:?} {sentence}: {}", describe(&out));
        assert!(stdout(&out).is_empty(), "{}", stdout(&out));
        assert!(stderr(&out).contains(wanted), "{args:?}: {}", stderr(&out));
    }
    for url in [
        "ftp://example.org/x",
        "example.org",
        "https://",
        "javascript:alert(1)",
    ] {
        let out = claimcheck()
            .args(["db", "new", "--source", url, SENTENCES[0].1])
            .output()
            .unwrap();
        assert_eq!(code(&out), 2, "{url}: {}", describe(&out));
        assert!(
            stderr(&out).contains("is not an http or https URL"),
            "{}",
            stderr(&out)
        );
    }
    let out = claimcheck()
        .args(["db", "new", SENTENCES[0].1])
        .output()
        .unwrap();
    assert_eq!(code(&out), 2, "--source is required: {}", describe(&out));
}

/// The texts of the labelled sentence files in tests/data (the last column of each row).
fn dev_sentences() -> Vec<(String, String)> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data");
    let mut out = Vec::new();
    let mut files: Vec<_> = std::fs::read_dir(&dir)
        .unwrap()
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|x| x == "tsv"))
        .collect();
    files.sort();
    assert!(files.len() >= 2, "no dev sets in {}", dir.display());
    for f in files {
        let text = std::fs::read_to_string(&f).unwrap();
        for (k, line) in text.lines().enumerate() {
            if line.starts_with('#') || line.starts_with("id\t") || line.trim().is_empty() {
                continue;
            }
            let sentence = line.rsplit('\t').next().unwrap_or(line).to_string();
            out.push((format!("{}:{}", f.display(), k + 1), sentence));
        }
    }
    out
}

#[test]
fn any_dev_sentence_scaffolds_a_claim_that_loads_or_is_refused() {
    let sentences = dev_sentences();
    assert!(sentences.len() > 300, "{}", sentences.len());
    let (mut made, mut refused) = (0, 0);
    for (at, sentence) in &sentences {
        let req = claimcheck::scaffold::Request {
            text: sentence,
            url: URL,
            id: None,
            today: "2026-01-01",
            context: &[],
            taken: &[],
        };
        match claimcheck::scaffold::scaffold(&req) {
            Ok(s) => {
                made += 1;
                let sources = [("scaffold.toml".to_string(), s.toml.clone())];
                let problems = claimcheck::lint::lint(&sources);
                let errors: Vec<_> = problems
                    .iter()
                    .filter(|p| p.severity == claimcheck::lint::Severity::Error)
                    .collect();
                assert!(
                    errors.is_empty(),
                    "{at}: {sentence}\n{errors:#?}\n{}",
                    s.toml
                );
                let db = claimcheck::db::Database::from_sources(&sources).unwrap();
                assert!(
                    claimcheck::check::check(&db, sentence).is_empty(),
                    "{at}: a draft spoke"
                );
            }
            Err(e) => {
                refused += 1;
                assert!(!e.to_string().is_empty(), "{at}");
            }
        }
    }
    // Most published-style sentences state a figure the scaffold can propose.
    assert!(made > refused, "{made} scaffolded, {refused} refused");
    // The command line on a sample: exit 0 with a claim, or 2 with a message; never a panic.
    for (at, sentence) in sentences.iter().step_by(25) {
        let out = db_new(sentence, &[]);
        match code(&out) {
            0 => assert!(stdout(&out).contains("[[claim]]"), "{at}"),
            2 => assert!(
                stderr(&out).starts_with("claimcheck: "),
                "{at}: {}",
                describe(&out)
            ),
            _ => panic!("{at}: {}", describe(&out)),
        }
    }
}

/// The README's `db new` sample is the real output (but for the day it was scaffolded).
#[test]
fn the_readme_sample_is_the_real_output() {
    let readme = std::fs::read_to_string(crate::util::crate_dir().join("README.md")).unwrap();
    let block = readme
        .split("```toml\n")
        .filter_map(|b| b.split("```").next())
        .find(|b| b.contains("id = \"co2-emission-energy-2023\""))
        .expect("README has the db new sample");
    let out = claimcheck()
        .args([
            "db",
            "new",
            "--source",
            "https://www.iea.org/reports/co2-emissions-in-2023",
            "Global energy-related CO2 emissions grew 1.1% in 2023.",
        ])
        .output()
        .unwrap();
    let undated = |s: &str| -> Vec<String> {
        s.lines()
            .filter(|l| !l.starts_with("date = "))
            .map(str::to_string)
            .collect()
    };
    assert_eq!(
        undated(block),
        undated(&stdout(&out)),
        "README.md's db new sample is out of date"
    );
}

#[test]
fn explain_and_db_list_show_a_draft_for_what_it_is() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("draft.toml");
    let db_s = db.to_str().unwrap();
    let out = db_new(SENTENCES[1].1, &["--append", db_s, "--id", "cpi-2022"]);
    assert_eq!(code(&out), 0, "{}", describe(&out));
    let text = run(&["explain", "--db", db_s, "--text", SENTENCES[1].1], "");
    assert!(
        stdout(&text).contains("agrees [cpi-2022] (draft: `check` does not report it)"),
        "{}",
        stdout(&text)
    );
    let claim = run(&["explain", "--db", db_s, "cpi-2022"], "");
    assert!(
        stdout(&claim).contains("draft: `check` skips it"),
        "{}",
        stdout(&claim)
    );
    let list = run(&["db", "list", "--db", db_s, "--format", "json"], "");
    let v: serde_json::Value = serde_json::from_str(&stdout(&list)).unwrap();
    assert_eq!(v["claims"][0]["draft"], true, "{v}");
    // The warning names the line and column of the `draft` key.
    let lint = run(&["db", "lint", db_s, "--format", "json"], "");
    let v: serde_json::Value = serde_json::from_str(&stdout(&lint)).unwrap();
    let p = &v["problems"][0];
    assert_eq!(p["code"], "draft", "{v}");
    assert_eq!(p["severity"], "warning", "{v}");
    let src = std::fs::read_to_string(&db).unwrap();
    let line = src.lines().position(|l| l == "draft = true").unwrap() + 1;
    assert_eq!(p["line"].as_u64(), Some(line as u64), "{v}");
    assert_eq!(p["column"].as_u64(), Some(1), "{v}");
}
