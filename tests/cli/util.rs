//! Helpers shared by the test modules: running the binary, the JSON wire format as strict
//! structs, and position checks.

use std::path::{Path, PathBuf};
use std::process::Output;

use assert_cmd::Command;
use serde::Deserialize;

/// A sentence that conflicts with the built-in claim `fentanyl-traffickers-us-citizens`.
pub const CONFLICTING: &str =
    "Only 41% of fentanyl trafficking offenders sentenced in fiscal year 2021 were U.S. citizens.";
/// A sentence that agrees with the built-in claim `fentanyl-traffickers-us-citizens`.
pub const AGREEING: &str = "Some 86 percent of the fentanyl trafficking offenders sentenced in fiscal year 2021 were U.S. citizens.";
/// The claim both sentences above are about.
pub const CITIZENS_CLAIM: &str = "fentanyl-traffickers-us-citizens";
/// Text that is about none of the built-in claims.
pub const UNRELATED: &str =
    "The county fair drew 12,000 visitors in 2021, and the pie contest ran late.";

/// The crate root: tests run the binary from here so that fixture paths are given relative.
pub fn crate_dir() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

/// A fixture's path as given on the command line (relative to the crate root).
pub fn fixture(name: &str) -> String {
    format!("tests/fixtures/{name}")
}

/// A fixture's absolute path.
pub fn fixture_path(name: &str) -> PathBuf {
    crate_dir().join("tests/fixtures").join(name)
}

/// A fixture's text (lossy: some fixtures are deliberately not UTF-8).
pub fn fixture_text(name: &str) -> String {
    let bytes = std::fs::read(fixture_path(name))
        .unwrap_or_else(|e| panic!("cannot read fixture {name}: {e}"));
    String::from_utf8_lossy(&bytes).into_owned()
}

/// The binary, run from the crate root, with a color-neutral environment.
pub fn claimcheck() -> Command {
    let mut cmd = Command::cargo_bin("claimcheck").expect("the claimcheck binary is built");
    cmd.current_dir(crate_dir())
        .env_remove("NO_COLOR")
        .env_remove("CLICOLOR_FORCE")
        .env_remove("CLICOLOR");
    cmd
}

/// Runs `claimcheck check ARGS` with `stdin`, returning the raw output.
pub fn run(args: &[&str], stdin: &str) -> Output {
    let mut cmd = claimcheck();
    cmd.arg("check").args(args).write_stdin(stdin.to_string());
    cmd.output().expect("claimcheck runs")
}

pub fn code(out: &Output) -> i32 {
    out.status
        .code()
        .expect("claimcheck exited normally (not by a signal)")
}

pub fn stdout(out: &Output) -> String {
    String::from_utf8(out.stdout.clone()).expect("stdout is UTF-8")
}

pub fn stderr(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

/// A one-line description of a run, for assertion messages.
pub fn describe(out: &Output) -> String {
    format!(
        "exit {:?}\n--- stdout ---\n{}\n--- stderr ---\n{}",
        out.status.code(),
        String::from_utf8_lossy(&out.stdout),
        stderr(out)
    )
}

// ---------------------------------------------------------------------------------------
// The JSON wire format, strictly: an unknown or missing field fails to parse.

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Verdict {
    Agrees,
    Conflicts,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Report {
    pub version: u32,
    pub findings: Vec<Finding>,
    pub errors: Vec<InputErrorJson>,
    /// The project file in use.
    pub config: Option<String>,
    pub summary: Summary,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Summary {
    pub files: usize,
    pub findings: usize,
    pub agrees: usize,
    pub conflicts: usize,
    pub suppressed: usize,
    pub baselined: usize,
    pub skipped: usize,
    pub unchecked_sentences: usize,
}

#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct InputErrorJson {
    pub path: String,
    pub message: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Finding {
    pub path: String,
    pub line: usize,
    pub column: usize,
    pub end_line: usize,
    pub end_column: usize,
    pub byte_start: usize,
    pub byte_end: usize,
    pub claim_id: String,
    pub verdict: Verdict,
    pub text: String,
    pub stated: String,
    pub expected: String,
    pub message: String,
    pub statement: String,
    pub with_previous: bool,
    pub sources: Vec<SourceJson>,
}

#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SourceJson {
    pub title: String,
    pub publisher: String,
    pub url: String,
    pub date: String,
    pub quote: String,
}

/// Parses stdout as exactly one JSON document (trailing non-space text is an error).
pub fn parse_report(out: &Output) -> Report {
    serde_json::from_slice(&out.stdout)
        .unwrap_or_else(|e| panic!("stdout is not one JSON report ({e})\n{}", describe(out)))
}

/// Runs `check --format json ARGS` with `stdin` and parses the report.
pub fn run_json(args: &[&str], stdin: &str) -> (Output, Report) {
    let mut all = vec!["--format", "json"];
    all.extend_from_slice(args);
    let out = run(&all, stdin);
    let report = parse_report(&out);
    (out, report)
}

/// The findings of one claim.
pub fn of_claim<'a>(findings: &'a [Finding], claim: &str) -> Vec<&'a Finding> {
    findings.iter().filter(|f| f.claim_id == claim).collect()
}

pub fn conflicts(findings: &[Finding]) -> Vec<&Finding> {
    findings
        .iter()
        .filter(|f| f.verdict == Verdict::Conflicts)
        .collect()
}

/// Findings in a short form for assertion messages.
pub fn brief(findings: &[Finding]) -> String {
    findings
        .iter()
        .map(|f| {
            format!(
                "  {}:{}:{} {:?} [{}] stated {:?} in {:?}",
                f.path, f.line, f.column, f.verdict, f.claim_id, f.stated, f.text
            )
        })
        .collect::<Vec<_>>()
        .join("\n")
}

/// Checks that the summary counts what the findings say.
pub fn assert_summary_matches(report: &Report) {
    let agrees = report
        .findings
        .iter()
        .filter(|f| f.verdict == Verdict::Agrees)
        .count();
    let conflicts = report.findings.len() - agrees;
    assert_eq!(
        (
            report.summary.findings,
            report.summary.agrees,
            report.summary.conflicts
        ),
        (report.findings.len(), agrees, conflicts),
        "summary {:?} does not count the findings:\n{}",
        report.summary,
        brief(&report.findings)
    );
}

/// Text on one line: runs of white space become one space.
pub fn collapse(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Byte offset of a 1-based line and 1-based character column in `text`.
pub fn offset_of(text: &str, line: usize, column: usize) -> Option<usize> {
    assert!(line >= 1 && column >= 1, "lines and columns are 1-based");
    let mut start = 0;
    for _ in 1..line {
        start += text[start..].find('\n')? + 1;
    }
    let rest = &text[start..];
    let line_end = rest.find('\n').unwrap_or(rest.len());
    let mut chars = rest[..line_end].char_indices();
    let mut at = line_end;
    for k in 0..column {
        match chars.next() {
            Some((i, _)) if k == column - 1 => {
                at = i;
                break;
            }
            Some(_) => {}
            // One past the last character is a valid (end) position.
            None if k == column - 1 => break,
            None => return None,
        }
    }
    Some(start + at)
}

/// The text the tool checks: the input decoded lossily, without a byte-order mark.
pub fn decoded(input: &str) -> &str {
    input.strip_prefix('\u{feff}').unwrap_or(input)
}

/// Checks that a finding's positions point at what it says the text states, in `input`
/// (the checked text, already decoded).
pub fn assert_positions(input: &str, f: &Finding) {
    let text = decoded(input);
    let ctx = || format!("finding {f:#?}");
    assert!(
        f.line >= 1 && f.column >= 1,
        "positions are 1-based: {}",
        ctx()
    );
    assert!(
        (f.end_line, f.end_column) > (f.line, f.column),
        "the end comes after the start: {}",
        ctx()
    );
    assert!(!f.stated.is_empty(), "`stated` is empty: {}", ctx());
    let start = offset_of(text, f.line, f.column)
        .unwrap_or_else(|| panic!("line/column is outside the input: {}", ctx()));
    let end = offset_of(text, f.end_line, f.end_column)
        .unwrap_or_else(|| panic!("end_line/end_column is outside the input: {}", ctx()));
    let at = &text[start..];
    assert!(
        collapse(at).starts_with(&f.stated),
        "the input at {}:{} reads {:?}, which does not start with stated {:?}: {}",
        f.line,
        f.column,
        at.chars().take(40).collect::<String>(),
        f.stated,
        ctx()
    );
    assert_eq!(
        collapse(&text[start..end]),
        f.stated,
        "line/column .. end_line/end_column do not span `stated`: {}",
        ctx()
    );
    // Byte offsets count the file's bytes, a byte-order mark included.
    let bom = input.len() - text.len();
    assert_eq!(
        (f.byte_start, f.byte_end),
        (start + bom, end + bom),
        "byte_start/byte_end disagree with line/column: {}",
        ctx()
    );
    assert!(
        f.text.contains(&f.stated),
        "the sentence does not contain what it states: {}",
        ctx()
    );
}

/// [`assert_positions`] for input that is not valid UTF-8: lines and columns are checked on
/// the decoded text, byte offsets on the bytes themselves.
pub fn assert_positions_lossy(bytes: &[u8], f: &Finding) {
    let decoded = String::from_utf8_lossy(bytes);
    let start = offset_of(&decoded, f.line, f.column).expect("line/column inside the input");
    assert!(collapse(&decoded[start..]).starts_with(&f.stated), "{f:#?}");
    let raw = bytes
        .get(f.byte_start..f.byte_end)
        .expect("byte offsets inside the input");
    assert_eq!(
        collapse(&String::from_utf8_lossy(raw)),
        f.stated,
        "byte offsets do not span `stated` in the file's bytes: {f:#?}"
    );
}

/// Checks the fields of a finding that do not depend on the input.
pub fn assert_well_formed(f: &Finding) {
    let ctx = || format!("finding {f:#?}");
    assert!(!f.claim_id.is_empty(), "empty claim_id: {}", ctx());
    assert!(!f.text.is_empty(), "empty text: {}", ctx());
    assert!(!f.expected.is_empty(), "empty expected: {}", ctx());
    assert!(!f.message.is_empty(), "empty message: {}", ctx());
    assert!(!f.statement.is_empty(), "empty statement: {}", ctx());
    assert!(!f.sources.is_empty(), "no sources: {}", ctx());
    for s in &f.sources {
        assert!(
            !s.title.trim().is_empty(),
            "a source without title: {}",
            ctx()
        );
        assert!(
            s.url.starts_with("https://") || s.url.starts_with("http://"),
            "a source url is not a URL: {}",
            ctx()
        );
    }
}

/// 1-based line and character column of a byte offset in `src`.
pub fn line_col(src: &str, offset: usize) -> (usize, usize) {
    let before = &src[..offset];
    let line = before.matches('\n').count() + 1;
    let col = before.rsplit('\n').next().unwrap_or("").chars().count() + 1;
    (line, col)
}

/// 1-based line of the first (or, with `last`, the last) occurrence of `needle` in `src`.
pub fn line_of(src: &str, needle: &str, last: bool) -> usize {
    let at = if last {
        src.rfind(needle)
    } else {
        src.find(needle)
    };
    let at = at.unwrap_or_else(|| panic!("{needle:?} is not in the fixture"));
    line_col(src, at).0
}

/// The (claim id, verdict) pairs the checker reports for one sentence, sorted.
pub fn findings_of(sentence: &str) -> Vec<(String, &'static str)> {
    let (_, report) = run_json(&[], &format!("{sentence}\n"));
    let mut got: Vec<(String, &'static str)> = report
        .findings
        .iter()
        .map(|f| {
            let v = match f.verdict {
                Verdict::Agrees => "agrees",
                Verdict::Conflicts => "conflicts",
            };
            (f.claim_id.clone(), v)
        })
        .collect();
    got.sort();
    got
}

/// Tests that each text gets exactly the (claim id, verdict) pairs listed.
macro_rules! expect_findings {
    ($($(#[$doc:meta])* $name:ident: $sentence:literal => [$(($id:literal, $v:literal)),* $(,)?];)*) => {
        $(
            $(#[$doc])*
            #[test]
            fn $name() {
                let mut want: Vec<(String, &'static str)> = vec![$(($id.to_string(), $v)),*];
                want.sort();
                assert_eq!($crate::util::findings_of($sentence), want, "{}", $sentence);
            }
        )*
    };
}
pub(crate) use expect_findings;
