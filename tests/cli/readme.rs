//! The README's examples are real: its sample output is what the command prints today, and
//! its plain-text suppression rule holds (both comment forms work in plain text).

use crate::util::*;

/// The first ```text block of the README: `$ claimcheck ARGS`, then the output.
fn sample() -> (Vec<String>, String) {
    let readme = std::fs::read_to_string(crate_dir().join("README.md")).expect("README.md");
    let start = readme
        .find("```text\n$ claimcheck ")
        .expect("a sample in the README")
        + 8;
    let end = start + readme[start..].find("```\n").expect("the sample ends");
    let block = &readme[start..end];
    let (command, output) = block.split_once('\n').expect("a command line");
    let args = command
        .trim_start_matches("$ claimcheck ")
        .split_whitespace()
        .map(str::to_string)
        .collect();
    (args, output.to_string())
}

#[test]
fn the_readme_sample_is_the_real_output() {
    let (args, expected) = sample();
    let out = claimcheck()
        .args(&args)
        .args(["--color", "never"])
        .output()
        .expect("claimcheck runs");
    assert_eq!(
        code(&out),
        1,
        "the example has one conflict: {}",
        describe(&out)
    );
    assert_eq!(
        stdout(&out),
        expected,
        "README.md's sample is out of date: paste the output of `claimcheck {}`",
        args.join(" ")
    );
}

/// Plain text honours both `claimcheck: ignore` lines and the comment directives, as the
/// README says.
#[test]
fn plain_text_honours_comments_and_ignore_lines() {
    let readme = std::fs::read_to_string(crate_dir().join("README.md")).unwrap();
    assert!(readme.contains("the comments above work in plain text too"));
    for text in [
        format!("{CONFLICTING} claimcheck: ignore\n"),
        format!("<!-- claimcheck-disable-next-line -->\n{CONFLICTING}\n"),
        format!("<!-- claimcheck-disable -->\n{CONFLICTING}\n<!-- claimcheck-enable -->\n"),
        format!("{CONFLICTING} <!-- claimcheck-disable-line {CITIZENS_CLAIM} -->\n"),
    ] {
        let (out, report) = run_json(&["--stdin-filename", "notes.txt"], &text);
        assert_eq!(code(&out), 0, "{text}: {}", describe(&out));
        assert_eq!(report.summary.suppressed, 1, "{text}");
    }
    // A directive for another claim suppresses nothing.
    let (out, _) = run_json(
        &["--stdin-filename", "notes.txt"],
        &format!("{CONFLICTING} <!-- claimcheck-disable-line other-claim -->\n"),
    );
    assert_eq!(code(&out), 1, "{}", describe(&out));
}
