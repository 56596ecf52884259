//! `claimcheck lsp` driven over stdio as an editor drives it: the real binary, real JSON-RPC.

mod client;
mod neovim;

use std::path::{Path, PathBuf};

use client::{Client, apply_edits, file_uri};
use serde_json::{Value, json};

/// The built-in claim both sentences below are about.
const CLAIM: &str = "fentanyl-traffickers-us-citizens";
/// Conflicts with [`CLAIM`] (the sources say 86.3%).
const CONFLICTING: &str =
    "In fiscal year 2021, 14% of fentanyl trafficking offenders sentenced were U.S. citizens.";
/// Agrees with the built-in `synthetic-opioid-deaths-2021`.
const AGREEING: &str =
    "In 2021, 70,601 overdose deaths involved synthetic opioids other than methadone.";

fn bin() -> PathBuf {
    PathBuf::from(env!("CARGO_BIN_EXE_claimcheck"))
}

/// A document with a BOM, CJK, emoji and CRLF line ends: both sentences follow an emoji
/// on the same line.
fn document() -> String {
    format!("\u{feff}# 笔记 🙂\r\n\r\n🙂 中文 {AGREEING} {CONFLICTING}\r\n")
}

/// Line and column of the first `needle`, in UTF-16 units or UTF-8 bytes, counted here
/// independently of the server.
fn position(text: &str, needle: &str, utf8: bool) -> (u64, u64) {
    let at = text.find(needle).expect("needle in text");
    let line_start = text[..at].rfind('\n').map_or(0, |i| i + 1);
    let line = text[..at].matches('\n').count() as u64;
    let before = &text[line_start..at];
    let col = if utf8 {
        before.len()
    } else {
        before.encode_utf16().count()
    };
    (line, col as u64)
}

fn start_of(d: &Value) -> (u64, u64) {
    let s = &d["range"]["start"];
    (
        s["line"].as_u64().unwrap(),
        s["character"].as_u64().unwrap(),
    )
}

fn end_of(d: &Value) -> (u64, u64) {
    let s = &d["range"]["end"];
    (
        s["line"].as_u64().unwrap(),
        s["character"].as_u64().unwrap(),
    )
}

fn with_code<'a>(diags: &'a [Value], code: &str) -> Option<&'a Value> {
    diags.iter().find(|d| d["code"] == code)
}

fn utf8_capabilities() -> Value {
    json!({"general": {"positionEncodings": ["utf-8", "utf-16"]}})
}

/// Opens the document, checks the ranges, hovers, takes the quick fix, fixes the figure by
/// an edit, and shuts down — in the encoding negotiated.
fn session(utf8: bool) {
    let dir = tempfile::tempdir().unwrap();
    let mut c = Client::start(&bin(), dir.path());
    let caps = if utf8 { utf8_capabilities() } else { json!({}) };
    let init = c.initialize(dir.path(), caps, json!({"debounceMs": 0}));
    let expected = if utf8 { "utf-8" } else { "utf-16" };
    assert_eq!(
        init["capabilities"]["positionEncoding"], expected,
        "{init:#}"
    );

    let uri = file_uri(&dir.path().join("notes.md"));
    let text = document();
    c.open(&uri, "markdown", 1, &text);
    let diags = c.diagnostics(&uri, 1);
    let conflict = with_code(&diags, CLAIM).unwrap_or_else(|| panic!("{diags:#?}"));
    assert_eq!(conflict["severity"], 1, "{conflict:#}");
    assert_eq!(conflict["source"], "claimcheck");
    assert_eq!(start_of(conflict), position(&text, "14%", utf8));
    assert_eq!(end_of(conflict), {
        let (l, c) = position(&text, "14%", utf8);
        (l, c + 3)
    });
    let message = conflict["message"].as_str().unwrap();
    assert!(
        message.contains("14%") && message.contains("86.3%"),
        "{message}"
    );
    assert!(
        conflict["codeDescription"]["href"]
            .as_str()
            .is_some_and(|h| h.starts_with("https://"))
    );
    let agree = with_code(&diags, "synthetic-opioid-deaths-2021").expect("the agreement");
    assert_eq!(agree["severity"], 3, "{agree:#}");
    assert_eq!(start_of(agree), position(&text, "70,601", utf8));

    // Hover on the conflicting figure: the claim, both figures, the sources.
    let (line, col) = position(&text, "14%", utf8);
    let hover = c.request(
        "textDocument/hover",
        json!({"textDocument": {"uri": uri}, "position": {"line": line, "character": col + 1}}),
    );
    let md = hover["result"]["contents"]["value"].as_str().unwrap_or("");
    assert!(
        md.contains(CLAIM) && md.contains("**Sources**"),
        "{hover:#}"
    );
    assert!(md.contains("https://www.ussc.gov/"), "{md}");

    // Code actions: the quick fix and the suppression; the fix writes the sourced figure.
    let actions = c.request(
        "textDocument/codeAction",
        json!({"textDocument": {"uri": uri}, "range": conflict["range"],
               "context": {"diagnostics": [conflict]}}),
    );
    let actions = actions["result"].as_array().cloned().unwrap_or_default();
    let titles: Vec<&str> = actions.iter().filter_map(|a| a["title"].as_str()).collect();
    assert!(
        titles
            .iter()
            .any(|t| t.starts_with("Use the sourced figure")),
        "{titles:?}"
    );
    assert!(
        titles.iter().any(|t| t.starts_with("Suppress")),
        "{titles:?}"
    );
    assert!(
        titles.iter().any(|t| t.starts_with("Explain")),
        "{titles:?}"
    );
    let fix = actions
        .iter()
        .find(|a| a["title"].as_str().is_some_and(|t| t.starts_with("Use")))
        .unwrap();
    let edits = fix["edit"]["changes"][&uri].as_array().unwrap();
    let fixed = apply_edits(&text, edits, utf8);
    assert!(fixed.contains("2021, 86.3% of fentanyl"), "{fixed}");
    let suppress = actions
        .iter()
        .find(|a| {
            a["title"]
                .as_str()
                .is_some_and(|t| t.starts_with("Suppress"))
        })
        .unwrap();
    let silenced = apply_edits(
        &text,
        suppress["edit"]["changes"][&uri].as_array().unwrap(),
        utf8,
    );
    assert!(
        silenced.contains(&format!("claimcheck-disable-line {CLAIM} -->"))
            || silenced.contains(&format!("claimcheck-disable-next-line {CLAIM} -->")),
        "{silenced}"
    );

    // The explain command answers what `claimcheck explain` prints.
    let explained = c.request(
        "workspace/executeCommand",
        json!({"command": "claimcheck.explain", "arguments": [CLAIM]}),
    );
    assert!(
        explained["result"]
            .as_str()
            .is_some_and(|s| s.starts_with(CLAIM)),
        "{explained:#}"
    );

    // An incremental change that fixes the figure clears the conflict.
    let (line, col) = position(&text, "14%", utf8);
    c.notify(
        "textDocument/didChange",
        json!({"textDocument": {"uri": uri, "version": 2}, "contentChanges": [{
            "range": {"start": {"line": line, "character": col}, "end": {"line": line, "character": col + 2}},
            "text": "86.3"}]}),
    );
    let diags = c.diagnostics(&uri, 2);
    assert!(diags.iter().all(|d| d["severity"] != 1), "{diags:#?}");
    assert!(
        with_code(&diags, CLAIM).is_some_and(|d| d["severity"] == 3),
        "{diags:#?}"
    );

    let r = c.request("shutdown", Value::Null);
    assert_eq!(r["result"], Value::Null, "{r:#}");
    c.notify("exit", Value::Null);
    assert_eq!(c.exit_code(false), 0);
}

#[test]
fn a_session_in_utf16() {
    session(false);
}

#[test]
fn a_session_in_utf8() {
    session(true);
}

#[test]
fn a_database_opened_as_a_document_shows_its_problems_at_their_lines() {
    let dir = tempfile::tempdir().unwrap();
    let mut c = Client::start(&bin(), dir.path());
    c.initialize(dir.path(), json!({}), json!({"debounceMs": 0}));
    let text = "#:schema ./claims.schema.json\n\n[[claim]]\nid = \"x\"\nstatment = \"a typo\"\n";
    let uri = file_uri(&dir.path().join("claims.toml"));
    c.open(&uri, "toml", 1, text);
    let diags = c.diagnostics(&uri, 1);
    let d = diags
        .iter()
        .find(|d| d["code"] == "schema")
        .unwrap_or_else(|| panic!("{diags:#?}"));
    assert_eq!(start_of(d).0, 4, "{d:#}");
    assert!(d["message"].as_str().unwrap().contains("statment"), "{d:#}");

    // A claim whose example is wrong: the examples run on open and on save, not on change.
    let fixture = std::fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/db/lighthouse.toml"),
    )
    .unwrap();
    let wrong = "#:schema ./claims.schema.json\n".to_string()
        + &fixture.replacen(
            "agrees = [\"The Marlow Point lighthouse was first lit in 1934.\"]",
            "agrees = [\"The Marlow Point lighthouse was first lit in 1951.\"]",
            1,
        );
    assert!(!wrong.contains("lit in 1934.\"]"));
    let db_path = dir.path().join("lighthouse.toml");
    std::fs::write(&db_path, &wrong).unwrap();
    let uri = file_uri(&db_path);
    let example_line = position(&wrong, "agrees = [\"The Marlow", false).0;
    c.open(&uri, "toml", 1, &wrong);
    let diags = c.diagnostics(&uri, 1);
    let d = with_code(&diags, "example-mismatch").unwrap_or_else(|| panic!("{diags:#?}"));
    assert_eq!(start_of(d).0, example_line, "{d:#}");
    c.notify(
        "textDocument/didChange",
        json!({"textDocument": {"uri": uri, "version": 2}, "contentChanges": [{"text": format!("# edited\n{wrong}")}]}),
    );
    let diags = c.diagnostics(&uri, 2);
    assert!(
        with_code(&diags, "example-mismatch").is_none(),
        "{diags:#?}"
    );
    c.notify(
        "textDocument/didSave",
        json!({"textDocument": {"uri": uri}}),
    );
    let saved = c.wait_for("the examples' diagnostics after saving", |m| {
        m["method"] == "textDocument/publishDiagnostics"
            && m["params"]["uri"] == uri
            && m["params"]["diagnostics"]
                .as_array()
                .is_some_and(|d| with_code(d, "example-mismatch").is_some())
    });
    let diags = saved["params"]["diagnostics"].as_array().unwrap();
    assert_eq!(
        start_of(with_code(diags, "example-mismatch").unwrap()).0,
        example_line + 1
    );

    // A TOML file that is not a database gets nothing.
    let other = file_uri(&dir.path().join("Cargo.toml"));
    c.open(&other, "toml", 1, "[package]\nname = \"x\"\n");
    assert!(c.diagnostics(&other, 1).is_empty());

    // The shipped database: clean, and its claim ids hover.
    let shipped =
        std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("claims.toml")).unwrap();
    let uri = file_uri(&dir.path().join("shipped.toml"));
    c.open(&uri, "toml", 1, &shipped);
    let diags = c.diagnostics(&uri, 1);
    assert!(diags.iter().all(|d| d["severity"] != 1), "{diags:#?}");
    let (line, col) = position(&shipped, CLAIM, false);
    let hover = c.request(
        "textDocument/hover",
        json!({"textDocument": {"uri": uri}, "position": {"line": line, "character": col + 3}}),
    );
    let md = hover["result"]["contents"]["value"].as_str().unwrap_or("");
    assert!(md.contains("**Sources**"), "{hover:#}");
}

#[test]
fn the_project_file_and_its_database_are_used_and_reloaded() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    let db = |year: &str| {
        format!(
            "[[claim]]\nid = \"lamp\"\nstatement = \"The Marlow Point lighthouse was first lit in {year}.\"\n\
             about = [[\"Marlow Point lighthouse\"], [\"lit\"]]\n\n[[claim.fact]]\nkind = \"date\"\ndate = \"{year}\"\n\n\
             [[claim.source]]\ntitle = \"T\"\npublisher = \"P\"\nurl = \"https://example.org/\"\ndate = \"1998\"\nquote = \"q\"\n"
        )
    };
    std::fs::write(
        root.join("claimcheck.toml"),
        "db = [\"local.toml\"]\nshow = \"conflicts\"\n",
    )
    .unwrap();
    std::fs::write(root.join("local.toml"), db("1934")).unwrap();
    let mut c = Client::start(&bin(), root);
    let watching = json!({"workspace": {"didChangeWatchedFiles": {"dynamicRegistration": true}}});
    c.initialize(root, watching, json!({"debounceMs": 0}));
    // The server asks to be told when the project file or its database change on disk.
    let register = c.wait_for("the watchers", |m| {
        m["method"] == "client/registerCapability"
    });
    let watchers =
        register["params"]["registrations"][0]["registerOptions"]["watchers"].to_string();
    assert!(
        watchers.contains("local.toml") && watchers.contains("claimcheck.toml"),
        "{watchers}"
    );
    let uri = file_uri(&root.join("a.md"));
    c.open(&uri, "markdown", 1, "The Marlow Point lighthouse was first lit in 1951.\n\nThe Marlow Point lighthouse was first lit in 1934.\n");
    let diags = c.diagnostics(&uri, 1);
    // `show = "conflicts"`: the agreement is not shown.
    assert_eq!(diags.len(), 1, "{diags:#?}");
    assert_eq!(diags[0]["code"], "lamp");
    assert_eq!(start_of(&diags[0]).0, 0);

    // The database changes on disk: everything open is checked again with it.
    std::fs::write(root.join("local.toml"), db("1951")).unwrap();
    c.notify(
        "workspace/didChangeWatchedFiles",
        json!({"changes": [{"uri": file_uri(&root.join("local.toml")), "type": 2}]}),
    );
    let m = c.wait_for("diagnostics after the reload", |m| {
        m["method"] == "textDocument/publishDiagnostics"
            && m["params"]["diagnostics"]
                .as_array()
                .is_some_and(|d| d.len() == 1 && start_of(&d[0]).0 == 2)
    });
    assert_eq!(m["params"]["version"], 1);

    // A broken database is reported, and the previous one stays in use.
    std::fs::write(root.join("local.toml"), "[[claim]]\nid = 3\n").unwrap();
    c.notify(
        "textDocument/didSave",
        json!({"textDocument": {"uri": file_uri(&root.join("local.toml"))}}),
    );
    let shown = c.wait_for("the database error", |m| {
        m["method"] == "window/showMessage"
    });
    let text = shown["params"]["message"].as_str().unwrap();
    assert!(
        text.contains("local.toml:2:") && text.contains("previous database"),
        "{text}"
    );

    // Settings from the client override the project file: agreements shown, as hints.
    c.backlog.clear();
    c.notify(
        "workspace/didChangeConfiguration",
        json!({"settings": {"claimcheck": {"show": "all", "agreements": "hint", "debounceMs": 0}}}),
    );
    let m = c.wait_for("diagnostics with the agreement", |m| {
        m["method"] == "textDocument/publishDiagnostics"
            && m["params"]["diagnostics"]
                .as_array()
                .is_some_and(|d| d.len() == 2)
    });
    let diags = m["params"]["diagnostics"].as_array().unwrap();
    assert!(diags.iter().any(|d| d["severity"] == 4), "{diags:#?}");
    // A reload renews the watchers.
    c.wait_for("the watchers renewed", |m| {
        m["method"] == "client/unregisterCapability"
    });
}

#[test]
fn stale_results_are_never_published() {
    let dir = tempfile::tempdir().unwrap();
    let mut c = Client::start(&bin(), dir.path());
    c.initialize(dir.path(), json!({}), json!({"debounceMs": 0}));
    let uri = file_uri(&dir.path().join("big.md"));
    // Large enough that a check takes a while, so changes arrive while one runs.
    let filler =
        "The county fair drew visitors in 2021, and the pie contest ran late.\n\n".repeat(3000);
    let text = |figure: &str| {
        format!(
            "{filler}In fiscal year 2021, {figure} of fentanyl trafficking offenders sentenced were U.S. citizens.\n"
        )
    };
    c.open(&uri, "markdown", 1, &text("14%"));
    let line = filler.matches('\n').count();
    for version in 2..=8 {
        let figure = if version % 2 == 0 { "86.3" } else { "14" };
        c.notify(
            "textDocument/didChange",
            json!({"textDocument": {"uri": uri, "version": version}, "contentChanges": [{
                "range": {"start": {"line": line, "character": 21},
                          "end": {"line": line, "character": 21 + if version % 2 == 0 { 2 } else { 4 }}},
                "text": figure}]}),
        );
    }
    // Version 8 fixes the figure: its diagnostics have no conflict.
    let last = c.diagnostics(&uri, 8);
    assert!(last.iter().all(|d| d["severity"] != 1), "{last:#?}");
    let mut seen = Vec::new();
    for m in &c.backlog {
        if m["method"] == "textDocument/publishDiagnostics" {
            let v = m["params"]["version"].as_i64().unwrap();
            let conflict = m["params"]["diagnostics"]
                .as_array()
                .unwrap()
                .iter()
                .any(|d| d["severity"] == 1);
            // Each published result matches its own version's text.
            assert_eq!(conflict, v % 2 == 1, "version {v}");
            seen.push(v);
        }
    }
    assert!(
        seen.windows(2).all(|w| w[0] < w[1]),
        "published out of order: {seen:?}"
    );
}

#[test]
fn bad_input_is_answered_and_survived() {
    let dir = tempfile::tempdir().unwrap();
    let mut c = Client::start(&bin(), dir.path());
    // Before initialize: refused.
    let r = c.request("textDocument/hover", json!({}));
    assert_eq!(r["error"]["code"], -32002, "{r:#}");
    c.initialize(
        dir.path(),
        json!({}),
        json!({"debounceMs": 0, "unknownKey": 1}),
    );
    let shown = c.wait_for("the options error", |m| m["method"] == "window/showMessage");
    assert!(
        shown["params"]["message"]
            .as_str()
            .unwrap()
            .contains("unknownKey"),
        "{shown:#}"
    );

    // Malformed JSON: a Parse error with a null id, then business as usual.
    c.raw(b"Content-Length: 9\r\n\r\n{not json");
    let e = c.wait_for("the parse error", |m| m["error"]["code"] == -32700);
    assert_eq!(e["id"], Value::Null);
    c.raw(b"Content-Type: nothing\r\n\r\n");
    c.wait_for("the missing-length error", |m| {
        m["error"]["message"]
            .as_str()
            .is_some_and(|s| s.contains("Content-Length"))
    });
    let r = c.request("textDocument/semanticTokens/full", json!({}));
    assert_eq!(r["error"]["code"], -32601, "{r:#}");
    let r = c.request("textDocument/hover", json!({"textDocument": 3}));
    assert_eq!(r["error"]["code"], -32602, "{r:#}");
    let r = c.request(
        "textDocument/hover",
        json!({"textDocument": {"uri": "file:///never/opened.md"}, "position": {"line": 0, "character": 0}}),
    );
    assert_eq!(r["result"], Value::Null, "{r:#}");
    let r = c.request(
        "textDocument/codeAction",
        json!({"textDocument": {"uri": "file:///never/opened.md"},
               "range": {"start": {"line": 0, "character": 0}, "end": {"line": 0, "character": 0}},
               "context": {"diagnostics": []}}),
    );
    assert_eq!(r["result"], json!([]), "{r:#}");
    let r = c.request(
        "workspace/executeCommand",
        json!({"command": "claimcheck.explain", "arguments": ["nope"]}),
    );
    assert!(
        r["error"]["message"].as_str().unwrap().contains("nope"),
        "{r:#}"
    );

    // A document of 1 MB, with a conflict at its end.
    let uri = file_uri(&dir.path().join("large.txt"));
    let mut big = "Nothing to see in this line of filler text, 2021.\n".repeat((1 << 20) / 50);
    big.push_str(CONFLICTING);
    assert!(big.len() >= 1 << 20);
    c.open(&uri, "plaintext", 1, &big);
    let diags = c.diagnostics(&uri, 1);
    assert!(with_code(&diags, CLAIM).is_some(), "{diags:#?}");

    // Positions past the end are clamped, not fatal.
    let r = c.request(
        "textDocument/hover",
        json!({"textDocument": {"uri": uri}, "position": {"line": 1_000_000, "character": 9}}),
    );
    assert!(r.get("result").is_some(), "{r:#}");

    // After shutdown, requests are refused; exit then ends with 0.
    c.request("shutdown", Value::Null);
    let r = c.request("textDocument/hover", json!({}));
    assert_eq!(r["error"]["code"], -32600, "{r:#}");
    c.notify("exit", Value::Null);
    assert_eq!(c.exit_code(false), 0);
}

#[test]
fn exit_without_shutdown_is_code_1() {
    let dir = tempfile::tempdir().unwrap();
    let mut c = Client::start(&bin(), dir.path());
    c.initialize(dir.path(), json!({}), Value::Null);
    c.notify("exit", Value::Null);
    assert_eq!(c.exit_code(false), 1);
}

#[test]
fn a_vanished_client_ends_the_server_with_code_1() {
    let dir = tempfile::tempdir().unwrap();
    let mut c = Client::start(&bin(), dir.path());
    c.initialize(dir.path(), json!({}), Value::Null);
    // Half a message, then nothing.
    c.raw(b"Content-Length: 100\r\n\r\n{\"jsonrpc\"");
    assert_eq!(c.exit_code(true), 1);
    assert!(c.stderr().contains("before shutdown"), "{}", c.stderr());
}
