//! Issue 17, the engine's items: figures that are written in unusual ways are read right or
//! left alone, never misread into a conflict; terms are found through invisible characters;
//! a long term is refused at its line.

use crate::util::*;

/// A soft hyphen or a zero-width space inside the subject's word hid the claim. The finding's
/// positions still index the original text.
#[test]
fn invisible_characters_inside_a_word_do_not_hide_a_claim() {
    for invisible in ["\u{ad}", "\u{200b}", "\u{2060}"] {
        let text = format!("In 2021, Fen{invisible}tanyl killed about 7,000 Americans.\n");
        let (out, report) = run_json(&[], &text);
        assert_eq!(code(&out), 1, "{invisible:?}: {}", describe(&out));
        let found = conflicts(&report.findings);
        assert_eq!(found.len(), 1, "{}", describe(&out));
        assert_eq!(found[0].stated, "about 7,000");
        assert_positions(&text, found[0]);
    }
}

/// "70 601" with a plain, no-break, thin or narrow no-break space, and "70’601", were read
/// as "70" and conflicted.
#[test]
fn spaced_thousands_agree_instead_of_conflicting() {
    for sep in [" ", "\u{a0}", "\u{2009}", "\u{202f}", "’"] {
        let text = format!("Synthetic opioids killed about 70{sep}601 Americans in 2021.\n");
        let (out, report) = run_json(&[], &text);
        assert_eq!(code(&out), 0, "{sep:?}: {}", describe(&out));
        assert_eq!(report.findings.len(), 1, "{sep:?}: {}", describe(&out));
        assert_eq!(
            report.findings[0].stated,
            collapse(&format!("about 70{sep}601"))
        );
        assert_positions(&text, &report.findings[0]);
    }
}

/// "70.601" groups thousands in much of Europe and is a decimal in English: unsure, so
/// silent; a plain decimal count of people stays silent as before.
#[test]
fn a_dot_that_may_group_thousands_is_silence() {
    let (out, report) = run_json(
        &[],
        "Synthetic opioids killed about 70.601 Americans in 2021.\n",
    );
    assert_eq!(code(&out), 0, "{}", describe(&out));
    assert!(report.findings.is_empty(), "{}", describe(&out));
}

/// "10^400" was read as 10 and conflicted.
#[test]
fn powers_are_silence() {
    for text in [
        "Synthetic opioids killed 10^400 Americans in 2021.\n",
        "In 2021, fentanyl killed 2^16 people.\n",
    ] {
        let (out, report) = run_json(&[], text);
        assert_eq!(code(&out), 0, "{text}: {}", describe(&out));
        assert!(report.findings.is_empty(), "{text}: {}", describe(&out));
    }
}

/// A 40,000-byte repetitive term took about a minute to load (the automaton's construction
/// is quadratic in it) and hung `db lint`; it is refused at its line.
#[test]
fn a_very_long_term_is_refused_at_its_line() {
    let dir = tempfile::tempdir().unwrap();
    let db = fixture_text("db/riverside.toml").replacen(
        "about = [",
        &format!("about = [[\"{}\"], ", "a".repeat(40_000)),
        1,
    );
    let path = dir.path().join("long.toml");
    std::fs::write(&path, &db).unwrap();
    let out = run(&["--db", path.to_str().unwrap()], "Anything.\n");
    assert_eq!(code(&out), 2, "{}", describe(&out));
    let line = line_of(&db, "aaaa", false);
    assert!(
        stderr(&out).contains(&format!("long.toml:{line}:")),
        "{}",
        describe(&out)
    );
    assert!(
        stderr(&out).contains("at most 256 bytes"),
        "{}",
        describe(&out)
    );
    let out = claimcheck()
        .args(["db", "lint", path.to_str().unwrap()])
        .output()
        .unwrap();
    assert_eq!(code(&out), 1, "{}", describe(&out));
}
