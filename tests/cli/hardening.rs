//! Reliability and security, round 2 (issue 17): what an attacker and a careless user found.
//! Each test failed before its fix. Runs that could exhaust the machine if a bound broke run
//! under a memory limit (RLIMIT_AS), so a regression fails the test instead of the machine.

use std::fs;
use std::io::{Read, Write};
use std::os::unix::process::CommandExt;
use std::path::Path;
use std::process::{Command as StdCommand, Output, Stdio};
use std::time::{Duration, Instant};

use crate::markup::{dir_with, json_in};
use crate::util::*;

/// Longer than any of these runs takes on a loaded machine; only a hang reaches it.
const DEADLINE: Duration = Duration::from_secs(300);

/// The memory (address space) a bounded run may use: far above what it needs, far below
/// what an unbounded read or an unbounded number of threads would take.
const MEMORY_LIMIT: u64 = 1 << 30;

fn bin() -> StdCommand {
    let mut cmd = StdCommand::new(env!("CARGO_BIN_EXE_claimcheck"));
    cmd.current_dir(crate_dir()).env_remove("NO_COLOR");
    cmd
}

/// Limits the child's address space to `bytes`.
fn limit_memory(cmd: &mut StdCommand, bytes: u64) {
    // SAFETY: setrlimit is async-signal-safe; the closure touches nothing else.
    unsafe {
        cmd.pre_exec(move || {
            let lim = libc::rlimit {
                rlim_cur: bytes,
                rlim_max: bytes,
            };
            if libc::setrlimit(libc::RLIMIT_AS, &lim) != 0 {
                return Err(std::io::Error::last_os_error());
            }
            Ok(())
        });
    }
}

/// Runs `cmd` to its end (stdin from `stdin`), failing past the deadline.
fn finish(mut cmd: StdCommand, stdin: Stdio) -> Output {
    let mut child = cmd
        .stdin(stdin)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("claimcheck starts");
    let mut out = child.stdout.take().unwrap();
    let mut err = child.stderr.take().unwrap();
    let reader = std::thread::spawn(move || {
        let mut v = Vec::new();
        let _ = out.read_to_end(&mut v);
        v
    });
    let err_reader = std::thread::spawn(move || {
        let mut v = Vec::new();
        let _ = err.read_to_end(&mut v);
        v
    });
    let start = Instant::now();
    let status = loop {
        if let Some(s) = child.try_wait().unwrap() {
            break s;
        }
        if start.elapsed() > DEADLINE {
            let _ = child.kill();
            let _ = child.wait();
            panic!("claimcheck did not end within {DEADLINE:?}");
        }
        std::thread::sleep(Duration::from_millis(20));
    };
    Output {
        status,
        stdout: reader.join().unwrap(),
        stderr: err_reader.join().unwrap(),
    }
}

/// Runs `claimcheck check --no-config ARGS` in `dir` (for runs refused before any output).
fn refused_in(dir: &Path, args: &[&str]) -> Output {
    claimcheck()
        .current_dir(dir)
        .args(["check", "--no-config"])
        .args(args)
        .output()
        .expect("claimcheck runs")
}

fn git(dir: &Path, args: &[&str]) {
    let out = StdCommand::new("git")
        .current_dir(dir)
        .args(["-c", "user.name=t", "-c", "user.email=t@example.com"])
        .args(args)
        .output()
        .expect("git runs");
    assert!(
        out.status.success(),
        "git {args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
}

// ---------------------------------------------------------------------------------------
// 1, 21: SARIF streams its results; a snippet is its region's text

/// Results appear on stdout while the input is still being read: nothing is kept back for
/// the end (the rules come after the results).
#[test]
fn sarif_streams_results_before_the_input_ends() {
    let mut child = bin()
        .args(["check", "--format", "sarif", "-j", "1"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .expect("claimcheck starts");
    let mut stdin = child.stdin.take().unwrap();
    // More than one chunk of plain text, so the first chunk is checked before the end.
    let chunk = format!("{CONFLICTING}\n\n").repeat((5 << 20) / (CONFLICTING.len() + 2));
    let (done, wait) = std::sync::mpsc::channel::<()>();
    // Standard input stays open until the test is over: a result seen has been written
    // before the input ended.
    let writer = std::thread::spawn(move || {
        let _ = stdin.write_all(chunk.as_bytes());
        let _ = wait.recv();
        drop(stdin);
    });
    let mut stdout = child.stdout.take().unwrap();
    let (seen_tx, seen) = std::sync::mpsc::channel::<()>();
    std::thread::spawn(move || {
        let mut text = Vec::new();
        let mut buf = [0u8; 1 << 16];
        while let Ok(n) = stdout.read(&mut buf) {
            if n == 0 {
                return;
            }
            text.extend_from_slice(&buf[..n]);
            if String::from_utf8_lossy(&text).contains("\"ruleId\"") {
                let _ = seen_tx.send(());
                return;
            }
        }
    });
    let streamed = seen.recv_timeout(DEADLINE).is_ok();
    let _ = child.kill();
    let _ = child.wait();
    let _ = done.send(());
    writer.join().unwrap();
    assert!(streamed, "no SARIF result before the input ended");
}

/// The SARIF of many findings stays within a memory limit that the old printer (12 KB per
/// finding, kept to the end) broke; and the log is still one valid document.
#[test]
fn sarif_memory_does_not_grow_with_the_findings() {
    let input = format!("{CONFLICTING}\n").repeat((6 << 20) / (CONFLICTING.len() + 1));
    let dir = dir_with(&[("many.txt", input.as_bytes())]);
    let mut cmd = bin();
    cmd.args(["check", "--format", "sarif", "-j", "1"])
        .arg(dir.path().join("many.txt"));
    // The old printer peaked at 958 MB here; this one keeps about 160 MB.
    limit_memory(&mut cmd, MEMORY_LIMIT / 2);
    let out = finish(cmd, Stdio::null());
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    let log: serde_json::Value = serde_json::from_slice(&out.stdout).expect("one JSON document");
    let results = log["runs"][0]["results"].as_array().unwrap();
    assert!(results.len() > 60_000, "{}", results.len());
    assert_eq!(
        log["runs"][0]["tool"]["driver"]["rules"]
            .as_array()
            .unwrap()
            .len(),
        1
    );
}

#[test]
fn sarif_snippet_is_the_region_and_the_sentence_a_property() {
    let out = run(
        &["--format", "sarif", "--stdin-filename", "a.md"],
        "Only **41%** of fentanyl trafficking offenders sentenced in fiscal year 2021 were U.S. citizens.\n",
    );
    let log: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let r = &log["runs"][0]["results"][0];
    assert_eq!(
        r["locations"][0]["physicalLocation"]["region"]["snippet"]["text"],
        "41%"
    );
    assert_eq!(
        r["properties"]["sentence"],
        "Only 41% of fentanyl trafficking offenders sentenced in fiscal year 2021 were U.S. citizens."
    );
}

// ---------------------------------------------------------------------------------------
// 2: --write-baseline never destroys a checked file; it is written atomically

#[test]
fn write_baseline_onto_a_checked_file_is_refused() {
    let dir = dir_with(&[
        ("a.txt", CONFLICTING.as_bytes()),
        ("docs/b.txt", CONFLICTING.as_bytes()),
    ]);
    for args in [
        vec!["a.txt", "--write-baseline", "a.txt"],
        vec!["a.txt", "--write-baseline", "./a.txt"],
        vec!["docs", "--write-baseline", "docs/b.txt"],
        vec!["docs", "--write-baseline", "docs/new.json"],
    ] {
        let out = refused_in(dir.path(), &args);
        assert_eq!(code(&out), 2, "{args:?}: {}", describe(&out));
        assert!(
            stderr(&out).contains("--write-baseline"),
            "{}",
            describe(&out)
        );
        assert_eq!(
            fs::read_to_string(dir.path().join("a.txt")).unwrap(),
            CONFLICTING
        );
        assert_eq!(
            fs::read_to_string(dir.path().join("docs/b.txt")).unwrap(),
            CONFLICTING
        );
        assert!(!dir.path().join("docs/new.json").exists());
    }
    // A hidden name in the walked tree is never walked: allowed.
    let (out, _) = json_in(
        dir.path(),
        &["docs", "--write-baseline", "docs/.claimcheck-baseline.json"],
    );
    assert_eq!(code(&out), 1, "{}", describe(&out));
}

/// The baseline is replaced by a rename (a new file), never rewritten in place, and no
/// temporary file is left beside it.
#[test]
fn baselines_are_written_atomically() {
    use std::os::unix::fs::MetadataExt;
    let dir = dir_with(&[("a.txt", CONFLICTING.as_bytes())]);
    let (out, _) = json_in(dir.path(), &["a.txt", "--write-baseline", "base.json"]);
    assert_eq!(code(&out), 1, "{}", describe(&out));
    let first = fs::metadata(dir.path().join("base.json")).unwrap();
    assert_eq!(first.mode() & 0o777, 0o644);
    let (out, _) = json_in(dir.path(), &["a.txt", "--write-baseline", "base.json"]);
    assert_eq!(code(&out), 1, "{}", describe(&out));
    let second = fs::metadata(dir.path().join("base.json")).unwrap();
    assert_ne!(
        first.ino(),
        second.ino(),
        "rewritten in place, not replaced"
    );
    let names: Vec<_> = fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    assert_eq!(names.len(), 2, "{names:?}");
}

// ---------------------------------------------------------------------------------------
// 3: side inputs are read with a bound, whatever their size says

#[test]
fn side_inputs_from_devices_are_refused_at_their_limit() {
    let dir = dir_with(&[
        ("a.txt", CONFLICTING.as_bytes()),
        ("claimcheck.toml", b"db = [\"/dev/zero\"]\n"),
    ]);
    let cases: [(&[&str], &str); 6] = [
        (&["--no-config", "--db", "/dev/zero"], "larger than 64 MiB"),
        (
            &["--no-config", "--files-from", "/dev/zero"],
            "list of paths",
        ),
        (
            &["--no-config", "--baseline", "/dev/zero"],
            "cannot use the baseline",
        ),
        (&["--config", "/dev/zero"], "project file"),
        (
            &["--no-config", "--diff", "/dev/zero"],
            "cannot read the diff",
        ),
        (&[], "larger than 64 MiB"),
    ];
    for (args, says) in cases {
        let mut cmd = bin();
        cmd.current_dir(dir.path())
            .arg("check")
            .args(args)
            .arg("a.txt");
        limit_memory(&mut cmd, MEMORY_LIMIT);
        let out = finish(cmd, Stdio::null());
        assert_eq!(out.status.code(), Some(2), "{args:?}: {}", stderr(&out));
        assert!(stderr(&out).contains(says), "{args:?}: {}", stderr(&out));
    }
}

/// Markdown read from a device or standard input is bounded as a file is.
#[test]
fn markdown_from_an_endless_stdin_is_refused_at_its_limit() {
    let mut cmd = bin();
    cmd.args(["check", "--stdin-filename", "x.md"]);
    limit_memory(&mut cmd, MEMORY_LIMIT);
    let out = finish(cmd, Stdio::from(fs::File::open("/dev/zero").unwrap()));
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    assert!(
        stderr(&out).contains("x.md: markdown is larger than 64 MiB"),
        "{}",
        stderr(&out)
    );
}

// ---------------------------------------------------------------------------------------
// 4, 5: --diff-base is a revision, never an option; changed files with any name are seen

fn repo_with(name: &str, text: &str) -> tempfile::TempDir {
    let dir = dir_with(&[(name, text.as_bytes())]);
    git(dir.path(), &["init", "-q"]);
    git(dir.path(), &["add", "."]);
    git(dir.path(), &["commit", "-q", "-m", "one"]);
    dir
}

#[test]
fn diff_base_is_never_taken_for_an_option() {
    let dir = repo_with("a.md", &format!("{UNRELATED}\n"));
    fs::write(
        dir.path().join("a.md"),
        format!("{UNRELATED}\n\n{CONFLICTING}\n"),
    )
    .unwrap();
    for rev in ["--output=x.out", "--no-index", "-p"] {
        let out = refused_in(dir.path(), &[&format!("--diff-base={rev}"), "a.md"]);
        assert_eq!(code(&out), 2, "{rev}: {}", describe(&out));
        assert!(stderr(&out).contains("not a commit"), "{}", describe(&out));
        assert!(!dir.path().join("x.out").exists(), "git obeyed {rev}");
    }
    let (out, report) = json_in(dir.path(), &["--diff-base", "HEAD", "a.md"]);
    assert_eq!(code(&out), 1, "{}", describe(&out));
    assert_eq!(report.findings.len(), 1);
}

#[test]
fn diff_base_sees_changed_files_with_non_ascii_and_quoted_names() {
    for name in ["café.md", "quote\"d.md", "tab\tname.md"] {
        let dir = repo_with(name, &format!("{UNRELATED}\n"));
        fs::write(
            dir.path().join(name),
            format!("{UNRELATED}\n\n{CONFLICTING}\n"),
        )
        .unwrap();
        let (out, report) = json_in(dir.path(), &["--diff-base", "HEAD", "."]);
        assert_eq!(code(&out), 1, "{name}: {}", describe(&out));
        assert_eq!(report.findings.len(), 1, "{name}");
        assert_eq!(report.findings[0].line, 3);
    }
}

// ---------------------------------------------------------------------------------------
// 7, 18: columns on one long line; lone CR line ends

/// Minified, one-line Markdown full of claims: linear, not quadratic (the old column count
/// from the line start for each finding took minutes here).
#[test]
fn one_long_line_of_findings_is_placed_in_linear_time() {
    let sentence = format!("{CONFLICTING} ");
    let line = sentence.repeat((2 << 20) / sentence.len());
    let dir = dir_with(&[("one.md", line.as_bytes())]);
    let mut cmd = bin();
    cmd.args(["check", "--format", "json"])
        .arg(dir.path().join("one.md"));
    let out = finish(cmd, Stdio::null());
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    let report = parse_report(&out);
    let last = report.findings.last().unwrap();
    assert_eq!(last.line, 1);
    assert_eq!(
        last.column,
        line.rfind("41%").unwrap() + 1,
        "ASCII: columns count bytes"
    );
}

#[test]
fn a_lone_cr_ends_a_line() {
    let input = format!("Title\rSub\r\r{CONFLICTING}\r");
    let (out, report) = run_json(&[], &input);
    assert_eq!(code(&out), 1, "{}", describe(&out));
    let f = &report.findings[0];
    assert_eq!((f.line, f.column), (4, 6), "{f:?}");
    assert_eq!(f.byte_start, input.find("41%").unwrap());
}

// ---------------------------------------------------------------------------------------
// 8: sentences too long to check are counted and named

#[test]
fn a_sentence_too_long_to_check_is_reported() {
    let long = format!(
        "{}, and only 41% of fentanyl trafficking offenders sentenced in fiscal year 2021 were U.S. citizens",
        "the county fair drew visitors and the pie contest ran late".repeat(80)
    );
    let (out, report) = run_json(&[], &format!("{UNRELATED}\n\n{long}.\n"));
    assert_eq!(report.summary.unchecked_sentences, 1, "{}", describe(&out));
    assert!(
        stderr(&out).contains("-:3:1: 1 sentence longer than 4096 bytes"),
        "{}",
        describe(&out)
    );
    let out = run(&["--color", "never"], &format!("{long}.\n"));
    assert!(
        stdout(&out).contains("1 sentence too long to check"),
        "{}",
        describe(&out)
    );
    // Ordinary long prose without a claim's words says nothing.
    let (out, report) = run_json(&[], &format!("{}.\n", "word ".repeat(2000)));
    assert_eq!(report.summary.unchecked_sentences, 0);
    assert!(stderr(&out).is_empty(), "{}", describe(&out));
}

// ---------------------------------------------------------------------------------------
// 9: -j is capped and never panics

#[test]
fn huge_thread_counts_are_capped_and_never_panic() {
    for j in ["3000", "100000"] {
        let mut cmd = bin();
        cmd.args(["check", "--format", "json", "-j", j]);
        limit_memory(&mut cmd, MEMORY_LIMIT);
        let mut child = cmd
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        child
            .stdin
            .take()
            .unwrap()
            .write_all(CONFLICTING.as_bytes())
            .unwrap();
        let out = child.wait_with_output().unwrap();
        assert_eq!(out.status.code(), Some(1), "-j {j}: {}", stderr(&out));
        assert_eq!(parse_report(&out).findings.len(), 1);
    }
}

// ---------------------------------------------------------------------------------------
// 10: the project file search stops at the repository root, and the file in use is named

#[test]
fn a_project_file_above_the_repository_is_not_used() {
    let dir = dir_with(&[
        ("claimcheck.toml", b"fail-on = \"never\"\n"),
        ("repo/docs/a.txt", CONFLICTING.as_bytes()),
    ]);
    git(&dir.path().join("repo"), &["init", "-q"]);
    let docs = dir.path().join("repo/docs");
    let out = claimcheck()
        .current_dir(&docs)
        .args(["check", "--format", "json", "a.txt"])
        .output()
        .unwrap();
    assert_eq!(
        code(&out),
        1,
        "the parent's fail-on = never was used: {}",
        describe(&out)
    );
    assert_eq!(parse_report(&out).config, None);
    // Inside the repository it is found, and named: in JSON, and on stderr for people.
    fs::write(
        dir.path().join("repo/claimcheck.toml"),
        "fail-on = \"never\"\n",
    )
    .unwrap();
    let out = claimcheck()
        .current_dir(&docs)
        .args(["check", "--format", "json", "a.txt"])
        .output()
        .unwrap();
    assert_eq!(code(&out), 0, "{}", describe(&out));
    let config = parse_report(&out)
        .config
        .expect("the project file is named");
    assert!(config.ends_with("repo/claimcheck.toml"), "{config}");
    let out = claimcheck()
        .current_dir(&docs)
        .args(["check", "a.txt"])
        .output()
        .unwrap();
    assert!(
        stderr(&out).contains("note: using the project file")
            && stderr(&out).contains("repo/claimcheck.toml"),
        "{}",
        describe(&out)
    );
}

// ---------------------------------------------------------------------------------------
// 11: a closed pipe never reports success

#[test]
fn a_closed_pipe_after_a_conflict_exits_1_and_before_any_141() {
    let conflicts = format!("{CONFLICTING}\n\n").repeat(300);
    for format in ["human", "jsonl", "sarif", "github", "rdjsonl", "json"] {
        let mut child = bin()
            .args(["check", "--format", format])
            .env_remove("GITHUB_STEP_SUMMARY")
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        drop(child.stdout.take()); // `| head` has gone
        let mut stdin = child.stdin.take().unwrap();
        let feed = conflicts.clone();
        let writer = std::thread::spawn(move || {
            let _ = stdin.write_all(feed.as_bytes());
        });
        let out = child.wait_with_output().unwrap();
        writer.join().unwrap();
        assert_eq!(out.status.code(), Some(1), "{format}: {}", stderr(&out));
    }
    let mut child = bin()
        .args(["check"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    drop(child.stdout.take());
    child
        .stdin
        .take()
        .unwrap()
        .write_all(UNRELATED.as_bytes())
        .unwrap();
    let out = child.wait_with_output().unwrap();
    assert_eq!(out.status.code(), Some(141), "{}", stderr(&out));
}

// ---------------------------------------------------------------------------------------
// 13, 14, 17: UTF-16, file names that are not UTF-8, control characters in names

#[test]
fn utf16_files_with_a_byte_order_mark_are_checked() {
    let text = format!("Title\n\n{CONFLICTING}\n");
    let le: Vec<u8> = [0xFF, 0xFE]
        .into_iter()
        .chain(text.encode_utf16().flat_map(u16::to_le_bytes))
        .collect();
    let be: Vec<u8> = [0xFE, 0xFF]
        .into_iter()
        .chain(text.encode_utf16().flat_map(u16::to_be_bytes))
        .collect();
    let dir = dir_with(&[("le.txt", &le), ("be.md", &be)]);
    let (out, report) = json_in(dir.path(), &["le.txt", "be.md"]);
    assert_eq!(code(&out), 1, "{}", describe(&out));
    assert_eq!(report.summary.files, 2);
    assert_eq!(report.summary.skipped, 0);
    assert_eq!(report.findings.len(), 2, "{}", brief(&report.findings));
    for f in &report.findings {
        assert_eq!((f.line, f.column, f.stated.as_str()), (3, 6, "41%"));
        // Offsets count the file's bytes: the mark, then two bytes a character.
        assert_eq!(f.byte_start, 2 + 2 * text.find("41%").unwrap(), "{f:?}");
    }
    // UTF-16 without a mark is not recognised: skipped as binary, counted, noted.
    let bare: Vec<u8> = text.encode_utf16().flat_map(u16::to_le_bytes).collect();
    let dir = dir_with(&[("bare.txt", &bare)]);
    let (out, report) = json_in(dir.path(), &["bare.txt"]);
    assert_eq!(report.summary.skipped, 1);
    assert!(
        stderr(&out).contains("binary file skipped"),
        "{}",
        describe(&out)
    );
}

#[test]
fn file_names_that_are_not_utf8_are_opened_and_shown_lossily() {
    use std::os::unix::ffi::OsStrExt;
    let dir = tempfile::tempdir().unwrap();
    let name = std::ffi::OsStr::from_bytes(b"caf\xe9.txt");
    fs::write(dir.path().join(name), CONFLICTING).unwrap();
    let (out, report) = json_in(dir.path(), &["."]);
    assert_eq!(code(&out), 1, "{}", describe(&out));
    assert_eq!(report.findings.len(), 1);
    assert_eq!(report.findings[0].path, "./caf\u{FFFD}.txt");
    // Named on the command line too, and in a --files-from list.
    let out = claimcheck()
        .current_dir(dir.path())
        .args(["check", "--format", "json"])
        .arg(name)
        .output()
        .unwrap();
    assert_eq!(code(&out), 1, "{}", describe(&out));
    let out = claimcheck()
        .current_dir(dir.path())
        .args(["check", "--format", "json", "--files-from", "-"])
        .write_stdin(b"caf\xe9.txt\n".to_vec())
        .output()
        .unwrap();
    assert_eq!(code(&out), 1, "{}", describe(&out));
}

#[test]
fn control_characters_in_names_are_escaped_in_human_output() {
    let name = "evil\u{1b}[31m\nname.txt";
    let dir = dir_with(&[(name, CONFLICTING.as_bytes())]);
    let out = claimcheck()
        .current_dir(dir.path())
        .args(["check", "--color", "never", "."])
        .output()
        .unwrap();
    assert_eq!(code(&out), 1, "{}", describe(&out));
    let text = stdout(&out);
    assert!(!text.contains('\u{1b}'), "{text}");
    assert!(
        text.contains("./evil\\u{1b}[31m\\nname.txt:1:6: conflicts"),
        "{text}"
    );
    let out = claimcheck()
        .current_dir(dir.path())
        .args(["check", "no\u{1b}such"])
        .output()
        .unwrap();
    assert!(!stderr(&out).contains('\u{1b}'), "{}", describe(&out));
}

// ---------------------------------------------------------------------------------------
// 15: the manual covers every subcommand

#[test]
fn the_manual_page_covers_every_subcommand_and_the_exit_status() {
    let out = claimcheck().arg("man").output().unwrap();
    assert_eq!(code(&out), 0);
    let page = stdout(&out);
    for section in [
        ".SH \"CLAIMCHECK CHECK\"",
        ".SH \"CLAIMCHECK DB LINT\"",
        ".SH \"CLAIMCHECK EXPLAIN\"",
        ".SH \"EXIT STATUS\"",
    ] {
        assert!(page.contains(section), "no {section}");
    }
    for option in [
        "diff\\-base",
        "write\\-baseline",
        "files\\-from",
        "url\\-base",
    ] {
        assert!(page.contains(option), "no {option}");
    }
}

// ---------------------------------------------------------------------------------------
// Newcomer notes: baselines work from any directory; one that matches nothing says so

#[test]
fn a_baseline_matches_from_any_directory_and_warns_when_it_matches_nothing() {
    let dir = dir_with(&[("site/a.md", CONFLICTING.as_bytes())]);
    let site = dir.path().join("site");
    let (out, _) = json_in(&site, &["a.md", "--write-baseline", "../base.json"]);
    assert_eq!(code(&out), 1, "{}", describe(&out));
    let written = fs::read_to_string(dir.path().join("base.json")).unwrap();
    assert!(written.contains("\"site/a.md\""), "{written}");
    // From the parent, by an absolute path, through `./`: all match.
    let abs = site.join("a.md").to_string_lossy().into_owned();
    for (cwd, file) in [
        (dir.path(), "site/a.md"),
        (dir.path(), abs.as_str()),
        (site.as_path(), "./a.md"),
    ] {
        let base = dir.path().join("base.json").to_string_lossy().into_owned();
        let (out, report) = json_in(cwd, &["--baseline", &base, file]);
        assert_eq!(code(&out), 0, "{file}: {}", describe(&out));
        assert_eq!(report.summary.baselined, 1);
        assert!(!stderr(&out).contains("matched no finding"));
    }
    fs::write(site.join("a.md"), AGREEING).unwrap();
    let (out, _) = json_in(dir.path(), &["--baseline", "base.json", "site/a.md"]);
    assert!(
        stderr(&out).contains("warning: the baseline base.json matched no finding"),
        "{}",
        describe(&out)
    );
}

/// Invalid bytes are noted once per file, whichever chunk holds them (before: only when the
/// first 4 MiB did), and named by the file's encoding.
#[test]
fn invalid_bytes_anywhere_are_noted_once() {
    let mut late = format!("{UNRELATED}\n\n").repeat((5 << 20) / (UNRELATED.len() + 2));
    late.push_str("caf");
    let mut bytes = late.into_bytes();
    bytes.extend_from_slice(b"\xe9\n\n\xff\n");
    let utf16: Vec<u8> = [0xFF, 0xFE, 0x00, 0xDC]
        .into_iter()
        .chain(UNRELATED.encode_utf16().flat_map(u16::to_le_bytes))
        .collect();
    let dir = dir_with(&[("late.txt", &bytes), ("bad16.txt", &utf16)]);
    let (out, report) = json_in(dir.path(), &["late.txt", "bad16.txt"]);
    assert_eq!(report.summary.files, 2, "{}", describe(&out));
    let err = stderr(&out);
    assert_eq!(err.matches("late.txt: not valid UTF-8").count(), 1, "{err}");
    assert_eq!(
        err.matches("bad16.txt: not valid UTF-16").count(),
        1,
        "{err}"
    );
}
