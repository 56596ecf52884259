//! The HTML report in a real browser: headless Chromium loads the page made from a generated
//! archive's findings; the test reads the DOM's text and keeps a screenshot for people to look
//! at (`target/report-screenshot.png`). Skips, saying so, when Chromium is not installed
//! (.ci/run installs it).

use std::process::Command;

use super::records::findings_file;
use super::util::{CITIZENS_CLAIM, claimcheck, code};

fn chromium() -> Option<&'static str> {
    ["chromium", "chromium-browser", "google-chrome"]
        .into_iter()
        .find(|b| {
            Command::new(b)
                .arg("--version")
                .output()
                .is_ok_and(|o| o.status.success())
        })
}

fn headless(browser: &str, profile: &std::path::Path, extra: &[&str], page: &str) -> Vec<u8> {
    let out = Command::new("timeout")
        .arg("120")
        .arg(browser)
        .args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--no-first-run",
        ])
        .arg(format!("--user-data-dir={}", profile.display()))
        .args(extra)
        .arg(page)
        .output()
        .expect("chromium runs");
    assert!(
        out.status.success(),
        "chromium failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    out.stdout
}

#[test]
fn the_html_report_renders_in_headless_chromium() {
    let Some(browser) = chromium() else {
        println!("skipping: chromium is not installed (apt-get install chromium)");
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    let findings = findings_file(dir.path(), 120);
    let page = dir.path().join("report.html");
    let out = claimcheck()
        .args(["report", "--format", "html", "-o"])
        .arg(&page)
        .arg(&findings)
        .output()
        .unwrap();
    assert_eq!(code(&out), 0, "{}", String::from_utf8_lossy(&out.stderr));
    let html = std::fs::read_to_string(&page).unwrap();
    // Self-contained: nothing to fetch.
    for needle in ["<script", "<link", " src=", "@import", "url("] {
        assert!(
            !html.contains(needle),
            "the page fetches something: {needle}"
        );
    }
    let url = format!("file://{}", page.display());
    let dom = headless(browser, &dir.path().join("profile"), &["--dump-dom"], &url);
    let dom = String::from_utf8_lossy(&dom);
    assert!(dom.contains("<h1>claimcheck report</h1>"), "{dom}");
    assert!(dom.contains(&format!("<h3>{CITIZENS_CLAIM}</h3>")));
    // 120 documents: every third agrees (40), every fifth conflicts (24), every second states
    // an uncovered figure (60).
    assert!(dom.contains("40 agree"), "{dom}");
    assert!(dom.contains("24 conflict"), "{dom}");
    assert!(dom.contains("Conflicting pages (24)"));
    assert!(dom.contains("https://news.example/0000"));
    assert!(dom.contains("Uncovered figures: the worklist"));
    assert!(dom.contains("<svg id=\"chart\""));
    let shot = super::util::crate_dir().join("target/report-screenshot.png");
    let arg = format!("--screenshot={}", shot.display());
    headless(
        browser,
        &dir.path().join("profile2"),
        &[&arg, "--window-size=1200,1400", "--hide-scrollbars"],
        &url,
    );
    let png = std::fs::read(&shot).expect("a screenshot was written");
    assert!(
        png.starts_with(b"\x89PNG") && png.len() > 10_000,
        "a blank screenshot"
    );
}
