//! Markdown and HTML: only prose is checked, and positions point into the source file.

use std::path::Path;

use crate::util::*;

/// Writes `files` (name, bytes) into a fresh directory.
pub fn dir_with(files: &[(&str, &[u8])]) -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("a temporary directory");
    for (name, bytes) in files {
        let path = dir.path().join(name);
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent).expect("create parent directories");
        }
        std::fs::write(path, bytes).expect("write a test file");
    }
    dir
}

/// Runs `claimcheck check --format json ARGS` in `dir`.
pub fn json_in(dir: &Path, args: &[&str]) -> (std::process::Output, Report) {
    let out = claimcheck()
        .current_dir(dir)
        .args(["check", "--format", "json", "--no-config"])
        .args(args)
        .output()
        .expect("claimcheck runs");
    let report = parse_report(&out);
    (out, report)
}

/// The 1-based line and character column of the `nth` occurrence of `needle` in `src`.
fn position_of(src: &str, needle: &str, nth: usize) -> (usize, usize) {
    let at = src
        .match_indices(needle)
        .nth(nth)
        .map(|(i, _)| i)
        .expect("needle in source");
    line_col(src, at)
}

#[test]
fn markdown_code_front_matter_comments_and_urls_are_not_prose() {
    let c = CONFLICTING;
    let url = c.replace(' ', "-");
    let src = format!(
        "---\nsummary: {c}\n---\n\n# A page\n\n```text\n{c}\n```\n\n~~~\n{c}\n~~~\n\n    {c}\n\nInline `{c}` code.\n\n<!-- {c} -->\n\nA [link](https://example.com/{url}) and ![an image](/{url}.png).\n\n<!--\n{c}\n-->\n"
    );
    let dir = dir_with(&[("page.md", src.as_bytes())]);
    let (out, report) = json_in(dir.path(), &["page.md"]);
    assert_eq!(code(&out), 0, "{}", describe(&out));
    assert!(report.findings.is_empty(), "{}", brief(&report.findings));
    assert_eq!(report.summary.files, 1);
    // The same sentence as prose is reported.
    let dir = dir_with(&[("page.md", format!("{src}\n{c}\n").as_bytes())]);
    let (out, report) = json_in(dir.path(), &["page.md"]);
    assert_eq!(code(&out), 1, "{}", describe(&out));
    assert_eq!(conflicts(&report.findings).len(), 1);
}

#[test]
fn markdown_emphasis_links_lists_tables_and_headings_are_prose() {
    let src = "# Only 41% of fentanyl trafficking offenders sentenced in fiscal year 2021 were U.S. citizens\n\n\
- Only **41%** of [fentanyl trafficking](https://example.com) offenders sentenced in fiscal year 2021 were U.S. citizens.\n\n\
| Note |\n|---|\n| Only 41% of fentanyl trafficking offenders sentenced in fiscal year 2021 were U.S. citizens. |\n\n\
> Only _41%_ of fentanyl trafficking offenders sentenced in fiscal year 2021 were U.S. citizens.\n";
    let dir = dir_with(&[("p.md", src.as_bytes())]);
    let (out, report) = json_in(dir.path(), &["p.md"]);
    assert_eq!(code(&out), 1, "{}", describe(&out));
    let lines: Vec<usize> = report.findings.iter().map(|f| f.line).collect();
    assert_eq!(lines, [1, 3, 7, 9], "{}", brief(&report.findings));
    for f in &report.findings {
        assert_eq!(f.stated, "41%");
        let (line, col) = position_of(src, "41%", lines.iter().position(|&l| l == f.line).unwrap());
        assert_eq!((f.line, f.column), (line, col), "{f:?}");
        assert_eq!(&src[f.byte_start..f.byte_end], "41%");
        // The sentence is reported as read: no markup.
        assert!(
            !f.text.contains("**") && !f.text.contains("https"),
            "{}",
            f.text
        );
    }
}

#[test]
fn figure_after_an_emoji_on_a_crlf_line_lands_on_its_column() {
    let src = "---\r\ntitle: \"Fentanyl 🙂\"\r\n---\r\n\r\nIntro line.\r\n\r\n🙂 Only **41%** of fentanyl trafficking offenders sentenced in fiscal year 2021 were U.S. citizens.\r\n";
    for bom in [false, true] {
        let bytes: Vec<u8> = if bom {
            [b"\xEF\xBB\xBF".as_slice(), src.as_bytes()].concat()
        } else {
            src.as_bytes().to_vec()
        };
        let dir = dir_with(&[("crlf.md", &bytes)]);
        let (out, report) = json_in(dir.path(), &["crlf.md"]);
        assert_eq!(code(&out), 1, "{}", describe(&out));
        let f = &report.findings[0];
        // 🙂 is one character: "🙂 Only **" puts 41% at column 10 of line 7.
        assert_eq!(
            (f.line, f.column, f.end_line, f.end_column),
            (7, 10, 7, 13),
            "{f:?}"
        );
        let bom_len = if bom { 3 } else { 0 };
        assert_eq!(
            &bytes[f.byte_start..f.byte_end],
            b"41%",
            "byte offsets index the file itself (BOM {bom})"
        );
        assert_eq!(f.byte_start, src.find("41%").unwrap() + bom_len);
    }
}

#[test]
fn html_conflict_is_reported_at_its_place_in_the_html_source() {
    let src = "<!DOCTYPE html>\n<html>\n<head><title>Page</title>\n<style>p { content: \"Only 41% of fentanyl trafficking offenders sentenced in fiscal year 2021 were U.S. citizens.\" }</style>\n</head>\n<body>\n<script>const s = \"Only 41% of fentanyl trafficking offenders sentenced in fiscal year 2021 were U.S. citizens.\";</script>\n<pre>Only 41% of fentanyl trafficking offenders sentenced in fiscal year 2021 were U.S. citizens.</pre>\n<p data-x=\"Only 41% of fentanyl trafficking offenders sentenced in fiscal year 2021 were U.S. citizens.\">Intro.</p>\n<p>We checked.   Only <b>41&#37;</b> of <a href=\"/x\">fentanyl trafficking</a> offenders sentenced in fiscal year 2021 were U.S.&nbsp;citizens.</p>\n</body></html>\n";
    let dir = dir_with(&[("page.html", src.as_bytes())]);
    let (out, report) = json_in(dir.path(), &["page.html"]);
    assert_eq!(code(&out), 1, "{}", describe(&out));
    assert_eq!(report.findings.len(), 1, "{}", brief(&report.findings));
    let f = &report.findings[0];
    assert_eq!(f.stated, "41%");
    let (line, col) = position_of(src, "41&#37;", 0);
    assert_eq!((f.line, f.column), (line, col));
    assert_eq!((f.end_line, f.end_column), (line, col + "41&#37;".len()));
    assert_eq!(&src[f.byte_start..f.byte_end], "41&#37;");
    assert!(
        f.text.starts_with("Only 41% of fentanyl trafficking"),
        "{}",
        f.text
    );
    assert!(f.text.ends_with("were U.S. citizens."), "{}", f.text);
}

#[test]
fn input_format_and_stdin_filename_choose_the_reader() {
    let src = format!("```\n{CONFLICTING}\n```\n");
    // As text, the fenced sentence is prose.
    let (out, _) = run_json(&[], &src);
    assert_eq!(code(&out), 1, "{}", describe(&out));
    for args in [
        vec!["--stdin-filename", "draft.md"],
        vec!["--input-format", "markdown"],
    ] {
        let (out, report) = run_json(&args, &src);
        assert_eq!(code(&out), 0, "{args:?}: {}", describe(&out));
        assert!(report.findings.is_empty());
    }
    let (out, report) = run_json(
        &["--stdin-filename", "drafts/today.md"],
        &format!("{CONFLICTING}\n"),
    );
    assert_eq!(code(&out), 1);
    assert_eq!(report.findings[0].path, "drafts/today.md");
    // A .txt file forced to HTML loses its tags.
    let dir = dir_with(&[("a.txt", b"<code>Only 41% of fentanyl trafficking offenders sentenced in fiscal year 2021 were U.S. citizens.</code>")]);
    let (out, _) = json_in(dir.path(), &["a.txt"]);
    assert_eq!(code(&out), 1);
    let (out, _) = json_in(dir.path(), &["--input-format", "html", "a.txt"]);
    assert_eq!(code(&out), 0, "{}", describe(&out));
}

#[test]
fn binary_files_are_skipped_with_a_note() {
    let mut bin = b"\x7fELF\x00\x00".to_vec();
    bin.extend_from_slice(CONFLICTING.as_bytes());
    let dir = dir_with(&[("a.bin", &bin), ("b.txt", AGREEING.as_bytes())]);
    let (out, report) = json_in(dir.path(), &["."]);
    assert_eq!(code(&out), 0, "{}", describe(&out));
    assert!(
        stderr(&out).contains("a.bin: binary file skipped"),
        "{}",
        describe(&out)
    );
    assert_eq!(report.summary.skipped, 1);
    assert_eq!(report.summary.files, 1);
    assert_eq!(report.findings.len(), 1);
    assert!(report.findings[0].path.ends_with("b.txt"));
}

#[test]
fn a_long_paragraph_is_streamed_without_splitting_a_sentence() {
    // 5 MB of hard-wrapped prose with no blank line: the checker reads it in chunks and must
    // still find the conflicting sentence that straddles the 4 MiB mark, once, on its line.
    let filler = "The county fair drew a large crowd this year, and the pie\ncontest ran late into the evening. ";
    let mut src = String::new();
    while src.len() < (4 << 20) - 40 {
        src.push_str(filler);
    }
    let line = src.matches('\n').count() + 1;
    src.push_str("Only 41% of fentanyl trafficking offenders\nsentenced in fiscal year 2021 were U.S. citizens. ");
    while src.len() < 5 << 20 {
        src.push_str(filler);
    }
    src.push_str("\n\nSome 86 percent of the fentanyl trafficking offenders sentenced in fiscal year 2021 were U.S. citizens.\n");
    let (out, report) = run_json(&[], &src);
    assert_eq!(code(&out), 1, "{}", describe(&out));
    assert_eq!(report.findings.len(), 2, "{}", brief(&report.findings));
    let f = &report.findings[0];
    assert_eq!((f.verdict, f.line), (Verdict::Conflicts, line));
    assert_eq!(&src[f.byte_start..f.byte_end], "41%");
    let g = &report.findings[1];
    assert_eq!(g.line, src.matches('\n').count());
    assert_eq!(g.column, 1);
    assert_eq!(&src[g.byte_start..g.byte_end], g.stated);
}
