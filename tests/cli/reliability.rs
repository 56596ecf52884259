//! Reliability under bad input (issue 8): no panic and no hang on any bytes, valid positions,
//! the same output twice, bounded databases, partial failure, closed pipes, SIGINT, and never
//! writing to the files checked. Big inputs are made here at run time, never committed.
//!
//! Time is never asserted: a test that completes shows the input is handled; the only
//! deadlines are generous ones that turn a hang into a failure instead of a stuck suite.

use std::fs;
use std::io::Write;
use std::os::fd::{FromRawFd, OwnedFd};
use std::os::unix::fs::PermissionsExt;
use std::os::unix::process::ExitStatusExt;
use std::path::Path;
use std::process::{Child, Command as StdCommand, ExitStatus, Output, Stdio};
use std::time::{Duration, Instant, SystemTime};

use crate::util::*;

/// Longer than any of these runs takes on a loaded machine; only a hang reaches it.
const DEADLINE: Duration = Duration::from_secs(300);

/// Runs `check ARGS` with `stdin` (bytes), failing instead of hanging past the deadline.
fn run_bytes(args: &[&str], stdin: Vec<u8>) -> Output {
    let mut cmd = claimcheck();
    cmd.arg("check")
        .args(args)
        .write_stdin(stdin)
        .timeout(DEADLINE);
    cmd.output().expect("claimcheck runs")
}

/// Runs `check --format json ARGS` on `stdin` twice: the report, which must be the same both
/// times, byte for byte.
fn json_twice(args: &[&str], stdin: &[u8]) -> (Output, Report) {
    let mut all = vec!["--format", "json"];
    all.extend_from_slice(args);
    let out = run_bytes(&all, stdin.to_vec());
    let again = run_bytes(&all, stdin.to_vec());
    assert!(
        out.stdout == again.stdout && out.status.code() == again.status.code(),
        "two runs differ:\n{}\n---- second run ----\n{}",
        describe(&out),
        describe(&again)
    );
    let report = parse_report(&out);
    (out, report)
}

/// The run ended by itself with 0 (nothing conflicts) or 1 (a conflict), not by a panic
/// (101), an error (2) or a signal.
fn assert_clean_exit(out: &Output, what: &str) {
    let code = out.status.code();
    assert!(
        matches!(code, Some(0 | 1)),
        "{what}: exit {code:?} (signal {:?})\n{}",
        out.status.signal(),
        describe(out)
    );
    assert!(
        !stderr(out).contains("panicked"),
        "{what}: a panic\n{}",
        describe(out)
    );
}

/// Waits for a child, killing it (and failing) if it outlives `deadline`.
fn wait_within(child: &mut Child, deadline: Duration, what: &str) -> ExitStatus {
    let start = Instant::now();
    loop {
        if let Some(status) = child.try_wait().expect("wait on claimcheck") {
            return status;
        }
        if start.elapsed() > deadline {
            let _ = child.kill();
            let _ = child.wait();
            panic!("{what}: claimcheck did not end within {deadline:?}");
        }
        std::thread::sleep(Duration::from_millis(20));
    }
}

/// The write end of a pipe whose read end is already closed: every write to it fails with
/// EPIPE, as when `| head` has exited.
fn closed_pipe() -> Stdio {
    let mut fds = [0; 2];
    // SAFETY: `pipe` fills both descriptors on success; each is then owned exactly once.
    unsafe {
        assert_eq!(libc::pipe(fds.as_mut_ptr()), 0, "pipe()");
        drop(OwnedFd::from_raw_fd(fds[0]));
        Stdio::from(OwnedFd::from_raw_fd(fds[1]))
    }
}

fn bin() -> StdCommand {
    let mut cmd = StdCommand::new(env!("CARGO_BIN_EXE_claimcheck"));
    cmd.current_dir(crate_dir());
    cmd
}

/// Text that conflicts with the built-in database at every copy, one paragraph each.
fn many_conflicts(n: usize) -> String {
    format!("{CONFLICTING}\n\n").repeat(n)
}

// ---------------------------------------------------------------------------------------
// Bad input bytes

/// Each bad input of the issue, read from standard input (as text, or as Markdown or HTML
/// by its `--stdin-filename`): a clean exit, one JSON document, every finding placed on the
/// characters it states, and the same output twice.
#[test]
fn bad_inputs_neither_crash_nor_hang_and_place_findings_exactly() {
    let deep_quotes: String = (0..5_000).map(|i| "> ".repeat(i % 200) + "- x\n").collect();
    let deep_lists: String = (0..1_500)
        .map(|i| format!("{}- item {i}\n", "  ".repeat(i)))
        .collect();
    let mut nul_late = "x".repeat(10_000).into_bytes();
    nul_late.extend_from_slice(b"\0\n\n");
    nul_late.extend_from_slice(CONFLICTING.as_bytes());
    let cases: Vec<(&str, Vec<u8>, Option<&str>)> = vec![
        ("empty input", vec![], None),
        ("a lone byte-order mark", b"\xEF\xBB\xBF".to_vec(), None),
        (
            "a byte-order mark before a claim",
            format!("\u{feff}{CONFLICTING}").into_bytes(),
            None,
        ),
        ("a NUL after 8 KiB (not taken for binary)", nul_late, None),
        (
            "invalid UTF-8 after the figures",
            [CONFLICTING.as_bytes(), b"\xff\xfe\xc3(\n\n\xed\xa0\x80 \xf8\x88\x80\x80\x80"].concat(),
            None,
        ),
        (
            "numbers that overflow, lists and stray dots",
            "In 2021, 1e308 people died of synthetic opioid overdoses.\n\n\
             In 2021, 99999999999999999999999 people died of synthetic opioid overdoses.\n\n\
             In 2021, 1,2,3,4 people died of synthetic opioid overdoses.\n\n\
             In 2021, ..5 people died of synthetic opioid overdoses.\n\n\
             In 2021, 0.0.0 people died of synthetic opioid overdoses.\n\n\
             In 2021, 1e999999999 trillion trillion people died of synthetic opioid overdoses.\n"
                .as_bytes()
                .to_vec(),
            None,
        ),
        (
            "impossible dates",
            "Operation Blue Lotus began on 2/30/2023 and seized 900 pounds of fentanyl in its first week.\n\n\
             Operation Blue Lotus began on 13/13/2023 and seized 900 pounds of fentanyl in its first week.\n\n\
             Operation Blue Lotus began on 2023-02-29 and seized 300 pounds of fentanyl in its first week.\n"
                .as_bytes()
                .to_vec(),
            None,
        ),
        (
            "deeply nested Markdown lists and block quotes",
            format!("{deep_quotes}\n{}\n\n{deep_lists}\n{CONFLICTING}\n", "> ".repeat(20_000))
                .into_bytes(),
            Some("deep.md"),
        ),
        (
            "unclosed HTML tags, attributes, comments and scripts",
            format!(
                "{}<p>{CONFLICTING}<li><b><i>{AGREEING}<a href=\"never closed <!-- nor this <script>var x = 1",
                "<div><span>".repeat(20_000)
            )
            .into_bytes(),
            Some("page.html"),
        ),
    ];
    for (what, bytes, name) in cases {
        let args: Vec<&str> = name.map_or(vec![], |n| vec!["--stdin-filename", n]);
        let (out, report) = json_twice(&args, &bytes);
        assert_clean_exit(&out, what);
        assert!(report.errors.is_empty(), "{what}: {:?}", report.errors);
        let text = String::from_utf8_lossy(&bytes);
        for f in &report.findings {
            assert_positions(&text, f);
        }
        assert_summary_matches(&report);
    }
}

#[test]
fn nul_bytes_mark_a_binary_file_that_is_skipped() {
    let mut bytes = b"\0\0\0".to_vec();
    bytes.extend_from_slice(CONFLICTING.as_bytes());
    let (out, report) = json_twice(&[], &bytes);
    assert_eq!(code(&out), 0, "{}", describe(&out));
    assert_eq!((report.summary.files, report.summary.skipped), (0, 1));
    assert!(report.findings.is_empty());
}

/// Ten million digits: one "number" far beyond any float, between two claims.
#[test]
fn ten_million_digits_are_read_without_trouble() {
    let input = format!(
        "{CONFLICTING}\n\n{}\n\n{CONFLICTING}\n",
        "7".repeat(10_000_000)
    );
    let (out, report) = json_twice(&[], input.as_bytes());
    assert_clean_exit(&out, "ten million digits");
    assert_eq!(report.findings.len(), 2, "{}", brief(&report.findings));
    for f in &report.findings {
        assert_positions(&input, f);
    }
    assert_eq!(report.findings[1].line, 5);
}

/// 100 MB on one line, piped from memory: read in chunks, and the claim at its very end is
/// still found, on line 1 at its exact column and byte offset.
#[test]
fn a_hundred_megabytes_without_a_newline() {
    let filler =
        "The county fair drew a large crowd and the pie contest ran late into the evening. ";
    let mut input = String::with_capacity(100_001_000);
    input.push_str(CONFLICTING);
    input.push(' ');
    while input.len() < 100_000_000 {
        input.push_str(filler);
    }
    input.push_str(CONFLICTING);
    assert!(!input.contains('\n'));
    let out = run_bytes(&["--format", "json"], input.clone().into_bytes());
    assert_clean_exit(&out, "100 MB on one line");
    let report = parse_report(&out);
    assert_eq!(report.findings.len(), 2, "{}", brief(&report.findings));
    let last = &report.findings[1];
    assert_eq!(last.line, 1);
    assert_eq!(
        last.byte_start,
        input.len() - CONFLICTING.len() + "Only ".len()
    );
    assert_positions(&input, last);
}

/// A run reads the same input the same way whatever the thread count.
#[test]
fn the_same_input_gives_the_same_output_with_one_thread_and_two() {
    let dir = tempfile::tempdir().unwrap();
    for k in 0..20 {
        fs::write(
            dir.path().join(format!("f{k:02}.txt")),
            many_conflicts(k % 4),
        )
        .unwrap();
    }
    let path = dir.path().to_string_lossy().into_owned();
    let one = run_bytes(&["--format", "json", "-j", "1", &path], vec![]);
    let two = run_bytes(&["--format", "json", "-j", "2", &path], vec![]);
    assert_eq!(one.stdout, two.stdout, "{}", describe(&two));
}

// ---------------------------------------------------------------------------------------
// Hostile or careless databases

/// Runs `check --db PATH…` on a conflicting sentence: exit 2, nothing checked, and stderr
/// names `path:line:column:` with `message` at the expected line.
fn assert_db_refused(dbs: &[&Path], line: usize, message: &str) {
    let mut args = Vec::new();
    for p in dbs {
        args.push("--db".to_string());
        args.push(p.to_string_lossy().into_owned());
    }
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    let out = run_bytes(&args, CONFLICTING.as_bytes().to_vec());
    assert_eq!(code(&out), 2, "{}", describe(&out));
    assert!(
        out.stdout.is_empty(),
        "nothing is checked: {}",
        describe(&out)
    );
    let err = stderr(&out);
    let located = err
        .lines()
        .find(|l| l.contains(message))
        .unwrap_or_else(|| {
            panic!("stderr does not say {message:?}:\n{}", describe(&out));
        });
    let (file, rest) = located.split_at(located.find(".toml:").map(|i| i + 5).unwrap());
    assert!(
        dbs.iter().any(|p| p.to_string_lossy() == file),
        "{located:?} names no database"
    );
    let mut parts = rest.trim_start_matches(':').splitn(3, ':');
    let got_line: usize = parts.next().and_then(|n| n.parse().ok()).unwrap();
    let column: usize = parts.next().and_then(|n| n.parse().ok()).unwrap();
    assert_eq!(got_line, line, "{located:?}");
    assert!(column >= 1, "{located:?}");
    assert!(err.contains("nothing was checked"), "{}", describe(&out));
}

/// A complete, valid claim with id `claim-K`; `extra` replaces the second `about` group.
fn claim(k: usize, extra: &str) -> String {
    format!(
        "[[claim]]\nid = \"claim-{k}\"\nstatement = \"Eight companies were charged.\"\n\
         about = [[\"companies\"], [{extra}]]\n\n[[claim.fact]]\nkind = \"count\"\nvalue = 8\n\
         nouns = [\"companies\"]\n\n[[claim.source]]\ntitle = \"T\"\npublisher = \"P\"\n\
         url = \"https://example.org/\"\ndate = \"2023-10-03\"\nquote = \"eight companies\"\n\n"
    )
}

fn line_of_nth(src: &str, needle: &str, nth: usize) -> usize {
    let at = src.match_indices(needle).nth(nth).map(|(i, _)| i).unwrap();
    src[..at].matches('\n').count() + 1
}

#[test]
fn too_many_claims_across_databases_are_refused_at_the_first_one_over() {
    let dir = tempfile::tempdir().unwrap();
    // Minimal claims (they have other errors too; the limit is reported first in b.toml).
    let tiny =
        |k: usize| format!("[[claim]]\nid = \"c{k}\"\nstatement = \"s\"\nabout = [[\"x\"]]\n");
    let a: String = (0..60_000).map(tiny).collect();
    let b: String = (60_000..100_005).map(tiny).collect();
    let (pa, pb) = (dir.path().join("a.toml"), dir.path().join("b.toml"));
    fs::write(&pa, &a).unwrap();
    fs::write(&pb, &b).unwrap();
    assert_db_refused(
        &[&pa, &pb],
        line_of_nth(&b, "[[claim]]", 40_000),
        "more than 100000 claims in all",
    );
}

#[test]
fn a_claim_with_too_many_terms_is_refused_even_through_sets() {
    let dir = tempfile::tempdir().unwrap();
    let set: Vec<String> = (0..500).map(|k| format!("\"w{k}\"")).collect();
    let refs = ["\"@big\""; 5].join(", ");
    let src = format!(
        "[sets]\nbig = [{}]\n\n{}{}",
        set.join(", "),
        claim(0, "\"charged\""),
        claim(1, &refs)
    );
    let p = dir.path().join("sets.toml");
    fs::write(&p, &src).unwrap();
    assert_db_refused(&[&p], line_of_nth(&src, "about", 1), "more than 2000 terms");
}

#[test]
fn oversized_and_overnested_patterns_are_refused() {
    let dir = tempfile::tempdir().unwrap();
    let big = dir.path().join("big-regex.toml");
    let src = format!(
        "{}{}",
        claim(0, "\"charged\""),
        claim(1, "\"/\\\\w{500}/\"")
    );
    fs::write(&big, &src).unwrap();
    assert_db_refused(&[&big], line_of_nth(&src, "\\w{500}", 0), "size limit");
    let nested = dir.path().join("nested-regex.toml");
    let deep = format!("\"/{}a{}/\"", "(".repeat(100), ")".repeat(100));
    let src = format!("{}{}", claim(0, "\"charged\""), claim(1, &deep));
    fs::write(&nested, &src).unwrap();
    assert_db_refused(&[&nested], line_of_nth(&src, "((((", 0), "nest");
}

#[test]
fn too_many_patterns_in_all_are_refused() {
    let dir = tempfile::tempdir().unwrap();
    let src: String = (0..300)
        .map(|k| claim(k, "\"charged\", \"/indict[a-z]+/\""))
        .collect();
    let p = dir.path().join("patterns.toml");
    fs::write(&p, &src).unwrap();
    assert_db_refused(
        &[&p],
        line_of_nth(&src, "about", 256),
        "more than 256 /pattern/ terms",
    );
}

#[test]
fn a_database_over_64_mib_is_refused_unread() {
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path().join("huge.toml");
    let mut f = fs::File::create(&p).unwrap();
    let line = format!("# {}\n", "x".repeat(1021));
    for _ in 0..(65 << 10) {
        f.write_all(line.as_bytes()).unwrap();
    }
    drop(f);
    assert_db_refused(&[&p], 1, "larger than 64 MiB");
}

#[test]
fn deeply_nested_toml_is_refused_with_its_position() {
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path().join("deep.toml");
    fs::write(
        &p,
        format!("x = {}{}\n", "[".repeat(100_000), "]".repeat(100_000)),
    )
    .unwrap();
    assert_db_refused(&[&p], 1, "recurs");
}

// ---------------------------------------------------------------------------------------
// Partial failure

/// Paths that cannot be read, even by root, among good ones: a missing file, a file given as
/// a directory (`file/`), a dangling symlink named on the command line; and, in a walked
/// directory, a dangling symlink and a FIFO (skipped, never opened: opening a FIFO waits for
/// a writer). Each bad path is named on stderr and in the JSON `errors`; the rest is checked;
/// the exit code is 2; stdout is one JSON document.
#[test]
fn unreadable_paths_among_good_ones_are_reported_and_the_rest_checked() {
    let dir = tempfile::tempdir().unwrap();
    let site = dir.path().join("site");
    fs::create_dir_all(site.join("sub")).unwrap();
    fs::write(site.join("good.txt"), format!("{CONFLICTING}\n")).unwrap();
    fs::write(site.join("sub/also.md"), format!("{AGREEING}\n")).unwrap();
    std::os::unix::fs::symlink(dir.path().join("nowhere"), site.join("dangling.txt")).unwrap();
    let fifo = site.join("pipe.txt");
    let c_fifo = std::ffi::CString::new(fifo.to_string_lossy().as_bytes()).unwrap();
    // SAFETY: a valid NUL-terminated path.
    assert_eq!(unsafe { libc::mkfifo(c_fifo.as_ptr(), 0o644) }, 0, "mkfifo");
    let s = |p: &Path| p.to_string_lossy().into_owned();
    let missing = s(&dir.path().join("missing.txt"));
    let not_dir = format!("{}/", s(&site.join("good.txt")));
    let dangling = s(&site.join("dangling.txt"));
    let (out, report) = json_twice(&[&s(&site), &missing, &not_dir, &dangling], b"");
    assert_eq!(code(&out), 2, "{}", describe(&out));
    let err = stderr(&out);
    let errors: Vec<&str> = report.errors.iter().map(|e| e.path.as_str()).collect();
    for bad in [&missing, &not_dir, &dangling] {
        assert!(
            err.contains(bad.as_str()),
            "stderr does not name {bad}:\n{err}"
        );
        assert!(
            errors.contains(&bad.as_str()),
            "errors {errors:?} lack {bad}"
        );
    }
    assert_eq!(report.errors.len(), 3, "{:?}", report.errors);
    assert_eq!(
        report.summary.files, 2,
        "good.txt and sub/also.md are checked"
    );
    for good in ["good.txt", "also.md"] {
        assert!(
            report.findings.iter().any(|f| f.path.ends_with(good)),
            "no finding in {good}:\n{}",
            brief(&report.findings)
        );
    }
}

/// A file and a directory without read permission among others. Root reads them anyway, so
/// the assertions that they are reported hold only for other users; as root the test checks
/// that the run still completes and checks everything.
#[test]
fn unreadable_file_and_directory_are_reported_unless_running_as_root() {
    let dir = tempfile::tempdir().unwrap();
    let good = dir.path().join("good.txt");
    let locked = dir.path().join("locked.txt");
    let walked = dir.path().join("walked");
    let locked_dir = walked.join("locked-dir");
    fs::create_dir_all(&locked_dir).unwrap();
    fs::write(&good, format!("{CONFLICTING}\n")).unwrap();
    fs::write(&locked, format!("{CONFLICTING}\n")).unwrap();
    fs::write(walked.join("fine.txt"), format!("{CONFLICTING}\n")).unwrap();
    fs::write(locked_dir.join("inside.txt"), format!("{CONFLICTING}\n")).unwrap();
    fs::set_permissions(&locked, fs::Permissions::from_mode(0o000)).unwrap();
    fs::set_permissions(&locked_dir, fs::Permissions::from_mode(0o000)).unwrap();
    let as_root = fs::File::open(&locked).is_ok();
    let s = |p: &Path| p.to_string_lossy().into_owned();
    let (out, report) = json_twice(&[&s(&good), &s(&locked), &s(&walked)], b"");
    fs::set_permissions(&locked, fs::Permissions::from_mode(0o644)).unwrap();
    fs::set_permissions(&locked_dir, fs::Permissions::from_mode(0o755)).unwrap();
    if as_root {
        eprintln!(
            "note: running as root, where chmod 000 does not stop reading: skipping the assertions that the locked file and directory are reported"
        );
        assert_eq!(code(&out), 1, "{}", describe(&out));
        assert_eq!(report.summary.files, 4);
        return;
    }
    assert_eq!(code(&out), 2, "{}", describe(&out));
    let err = stderr(&out);
    for bad in [s(&locked), s(&locked_dir)] {
        assert!(err.contains(&bad), "stderr does not name {bad}:\n{err}");
    }
    assert_eq!(report.errors.len(), 2, "{:?}", report.errors);
    assert_eq!(
        report.summary.files, 2,
        "good.txt and walked/fine.txt are checked"
    );
}

/// JSON byte offsets count the file's bytes, as the README says, even after invalid UTF-8
/// (each invalid byte is one byte in the file but three, U+FFFD, in the decoded text).
#[test]
fn byte_offsets_count_the_file_after_invalid_utf8() {
    let bytes = [b"\xff\n".as_slice(), CONFLICTING.as_bytes()].concat();
    let (out, report) = json_twice(&[], &bytes);
    assert_eq!(code(&out), 1, "{}", describe(&out));
    let f = &report.findings[0];
    assert_eq!((f.line, f.column), (2, 6));
    assert_eq!(f.byte_start, 2 + "Only ".len(), "{f:?}");
}

// ---------------------------------------------------------------------------------------
// Closed pipes and signals

/// `claimcheck check … | head` where head has gone: every output format ends quietly, with
/// no panic and no error message.
#[test]
fn output_to_a_closed_pipe_ends_quietly() {
    let input = many_conflicts(300);
    for format in ["human", "json", "jsonl", "sarif", "github", "rdjsonl"] {
        let mut child = bin()
            .args(["check", "--format", format])
            .env_remove("GITHUB_STEP_SUMMARY")
            .stdin(Stdio::piped())
            .stdout(closed_pipe())
            .stderr(Stdio::piped())
            .spawn()
            .expect("claimcheck starts");
        let mut stdin = child.stdin.take().unwrap();
        let feed = input.clone();
        // The child may stop reading early: a failed write here is expected.
        let writer = std::thread::spawn(move || {
            let _ = stdin.write_all(feed.as_bytes());
        });
        let status = wait_within(&mut child, DEADLINE, format);
        writer.join().unwrap();
        let err = std::io::read_to_string(child.stderr.take().unwrap()).unwrap();
        assert!(
            status.code().is_some_and(|c| c == 0 || c == 1),
            "{format}: {status:?}, stderr: {err}"
        );
        assert!(err.is_empty(), "{format}: stderr is not quiet: {err}");
    }
}

/// Warnings and errors written to a closed stderr (`2>&1 | head` after head exits) must not
/// turn into a panic: the run still ends with its own exit code.
#[test]
fn warnings_to_a_closed_stderr_do_not_panic() {
    let mut child = bin()
        .args(["check", "-", "no-such-file.txt"])
        .stdin(Stdio::piped())
        .stdout(Stdio::null())
        .stderr(closed_pipe())
        .spawn()
        .expect("claimcheck starts");
    let mut stdin = child.stdin.take().unwrap();
    let _ = stdin.write_all(b"caf\xe9\n");
    drop(stdin);
    let status = wait_within(&mut child, DEADLINE, "closed stderr");
    assert_eq!(status.code(), Some(2), "{status:?}");
}

/// SIGINT while claimcheck waits on a standard input that never ends: it stops promptly.
#[test]
fn sigint_ends_a_run_promptly() {
    let mut child = bin()
        .args(["check", "--format", "json"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("claimcheck starts");
    // Keep standard input open (never closed) with a paragraph read but no end in sight.
    let mut stdin = child.stdin.take().unwrap();
    stdin.write_all(many_conflicts(50).as_bytes()).unwrap();
    std::thread::sleep(Duration::from_millis(500));
    let pid = i32::try_from(child.id()).unwrap();
    // SAFETY: sending a signal to our own child process.
    assert_eq!(unsafe { libc::kill(pid, libc::SIGINT) }, 0, "kill -INT");
    let status = wait_within(&mut child, Duration::from_secs(10), "SIGINT");
    drop(stdin);
    assert!(
        status.signal() == Some(libc::SIGINT) || status.code() == Some(130),
        "SIGINT ended claimcheck with {status:?}"
    );
}

// ---------------------------------------------------------------------------------------
// Never writing to the files checked

#[test]
fn checking_never_writes_to_the_files_checked() {
    let dir = tempfile::tempdir().unwrap();
    let files = [
        ("notes.txt", format!("{CONFLICTING}\n\n{AGREEING}\n")),
        ("page.md", format!("# Notes\n\n- {CONFLICTING}\n")),
        ("page.html", format!("<p>{CONFLICTING}</p>")),
        (
            "latin1.txt",
            String::from_utf8_lossy(b"caf\xe9 ").into_owned() + CONFLICTING,
        ),
    ];
    let old = SystemTime::UNIX_EPOCH + Duration::from_secs(1_000_000_000);
    for (name, text) in &files {
        let p = dir.path().join(name);
        fs::write(&p, text).unwrap();
        let f = fs::File::options().write(true).open(&p).unwrap();
        f.set_modified(old).unwrap();
        drop(f);
        fs::set_permissions(&p, fs::Permissions::from_mode(0o444)).unwrap();
    }
    let snapshot = || {
        let mut entries: Vec<_> = fs::read_dir(dir.path())
            .unwrap()
            .map(|e| {
                let p = e.unwrap().path();
                let m = fs::metadata(&p).unwrap();
                (
                    p.clone(),
                    fs::read(&p).unwrap(),
                    m.modified().unwrap(),
                    m.permissions().mode(),
                )
            })
            .collect();
        entries.sort();
        entries
    };
    let before = snapshot();
    let path = dir.path().to_string_lossy().into_owned();
    let baseline = tempfile::NamedTempFile::new().unwrap();
    let baseline = baseline.path().to_string_lossy().into_owned();
    for format in ["human", "json", "jsonl", "sarif", "github", "rdjsonl"] {
        let out = run_bytes(&["--format", format, "--fail-on", "any", &path], vec![]);
        assert_eq!(code(&out), 1, "{format}: {}", describe(&out));
    }
    let out = run_bytes(&["--write-baseline", &baseline, &path], vec![]);
    assert_eq!(code(&out), 1, "{}", describe(&out));
    let out = run_bytes(&["--baseline", &baseline, &path], vec![]);
    assert_eq!(code(&out), 0, "{}", describe(&out));
    assert_eq!(
        before,
        snapshot(),
        "a file checked was changed, or a file was added"
    );
}
