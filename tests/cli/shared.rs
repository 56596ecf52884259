//! Tests over /work/shared (seed articles and the labelled dev set). The directory sits
//! next to the crate in CI only; elsewhere these tests skip, with a line on the terminal
//! (not captured by the test harness) so that a run without it never looks like it checked
//! the dev set. `CLAIMCHECK_REQUIRE_SHARED=1` makes its absence a failure.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::process::Command as StdCommand;

use crate::util::*;

/// `../shared` next to the crate, or `None` (after saying so) when it is absent.
fn shared_dir() -> Option<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared");
    if dir.is_dir() {
        Some(dir)
    } else {
        skip("../shared not found (it exists only in CI)");
        None
    }
}

/// Says visibly that a test was skipped: straight to stderr, past the harness's capture
/// (which hides `println!` of passing tests). Fails instead when
/// `CLAIMCHECK_REQUIRE_SHARED` is set.
pub fn skip(why: &str) {
    use std::io::Write as _;
    assert!(
        std::env::var_os("CLAIMCHECK_REQUIRE_SHARED").is_none(),
        "CLAIMCHECK_REQUIRE_SHARED is set, but {why}"
    );
    let name = std::thread::current()
        .name()
        .unwrap_or("a test")
        .to_string();
    let _ = writeln!(std::io::stderr(), "SKIPPED {name}: {why}");
}

/// The seed articles, sorted.
fn seeds(shared: &Path) -> Vec<PathBuf> {
    let dir = shared.join("seeds");
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("cannot list {}: {e}", dir.display()))
        .map(|e| e.expect("a directory entry").path())
        .filter(|p| p.is_file())
        .collect();
    files.sort();
    assert!(!files.is_empty(), "no seed articles in {}", dir.display());
    files
}

/// Checks one seed file with `--format json`.
fn check_seed(path: &Path) -> (std::process::Output, Report) {
    let out = claimcheck()
        .args(["check", "--format", "json"])
        .arg(path)
        .output()
        .expect("claimcheck runs");
    let report = parse_report(&out);
    (out, report)
}

#[test]
fn seeds_check_without_conflicts() {
    let Some(shared) = shared_dir() else { return };
    let mut problems = Vec::new();
    for seed in seeds(&shared) {
        let (out, report) = check_seed(&seed);
        let bad = conflicts(&report.findings);
        if code(&out) != 0 || !bad.is_empty() {
            let bad: Vec<_> = bad.into_iter().cloned().collect();
            problems.push(format!(
                "{}: exit {:?}\n{}\n{}",
                seed.display(),
                out.status.code(),
                brief(&bad),
                stderr(&out)
            ));
        }
    }
    assert!(
        problems.is_empty(),
        "seed articles must check clean:\n{}",
        problems.join("\n")
    );
}

#[test]
fn seeds_agree_with_at_least_15_claims() {
    let Some(shared) = shared_dir() else { return };
    let mut agreed = BTreeSet::new();
    for seed in seeds(&shared) {
        let (_, report) = check_seed(&seed);
        for f in &report.findings {
            if f.verdict == Verdict::Agrees {
                agreed.insert(f.claim_id.clone());
            }
        }
    }
    println!(
        "claims agreed across the seeds ({}): {agreed:?}",
        agreed.len()
    );
    assert!(
        agreed.len() >= 15,
        "only {} distinct claims agree across the seeds: {agreed:?}",
        agreed.len()
    );
}

#[test]
fn dev_set_scores() {
    let Some(shared) = shared_dir() else { return };
    let python = StdCommand::new("python3").arg("--version").output();
    if !python.is_ok_and(|o| o.status.success()) {
        skip("python3 is not available");
        return;
    }
    let binary = assert_cmd::cargo::cargo_bin("claimcheck");
    let out = StdCommand::new("python3")
        .arg(shared.join("eval/score.py"))
        .arg(&binary)
        .arg(shared.join("eval/dev.tsv"))
        .args([
            "--min-accuracy",
            "0.95",
            "--max-false-conflicts",
            "0",
            "--max-trap-alarms",
            "0",
        ])
        .arg("--verbose")
        .output()
        .expect("score.py runs");
    let report = format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    println!("{report}");
    assert!(
        out.status.success(),
        "score.py failed ({:?}):\n{report}",
        out.status.code()
    );
}
