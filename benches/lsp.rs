//! The language server, end to end: re-checking a 10,000-word Markdown document after a
//! one-character change, from the `didChange` the client writes to the
//! `publishDiagnostics` it reads, through the real `claimcheck lsp` over pipes, with the
//! shipped database. `cargo bench --bench lsp`.
//!
//! The server's debounce is set to 0 so the figure is the server's own work (applying the
//! edit, checking, placing and publishing); editors add the debounce (150 ms by default) on
//! purpose, to wait for the typist to pause.

#[path = "../tests/lsp/client.rs"]
mod client;
#[path = "../bench/gen.rs"]
mod generator;

use serde_json::json;

/// Words in the benchmark document.
const WORDS: usize = 10_000;

fn main() {
    divan::main();
}

/// About 10,000 words of generated prose, 5% of its paragraphs about a claim, cut at a
/// paragraph break.
fn document() -> String {
    let sentences = generator::example_sentences(claimcheck::db::EMBEDDED);
    let text = generator::corpus(WORDS * 8, 0.05, 1, &sentences);
    let mut words = 0;
    let mut end = 0;
    for (i, para) in text.split_inclusive("\n\n").enumerate() {
        words += para.split_whitespace().count();
        end += para.len();
        if words >= WORDS || i > 100_000 {
            break;
        }
    }
    text[..end].to_string()
}

#[divan::bench(sample_count = 50)]
fn recheck_10k_words_after_one_char(bencher: divan::Bencher) {
    let dir = tempfile::tempdir().expect("temporary directory");
    let bin = std::path::PathBuf::from(env!("CARGO_BIN_EXE_claimcheck"));
    let mut c = client::Client::start(&bin, dir.path());
    c.initialize(dir.path(), json!({}), json!({"debounceMs": 0}));
    let uri = client::file_uri(&dir.path().join("doc.md"));
    let text = document();
    assert!(
        text.split_whitespace().count() >= WORDS,
        "the document has {WORDS} words"
    );
    let findings = {
        c.open(&uri, "markdown", 1, &text);
        c.diagnostics(&uri, 1).len()
    };
    assert!(findings > 0, "the document has findings to place");
    eprintln!(
        "document: {} words, {} bytes, {findings} diagnostics",
        text.split_whitespace().count(),
        text.len()
    );
    // The change: a character typed at the middle line, then deleted, alternately.
    let line = text[..text.len() / 2].matches('\n').count();
    let mut version = 1;
    bencher.bench_local(|| {
        version += 1;
        let (end, typed) = if version % 2 == 0 { (0, "x") } else { (1, "") };
        c.notify(
            "textDocument/didChange",
            json!({"textDocument": {"uri": uri, "version": version}, "contentChanges": [{
                "range": {"start": {"line": line, "character": 0}, "end": {"line": line, "character": end}},
                "text": typed}]}),
        );
        let d = c.diagnostics(&uri, version);
        c.backlog.clear();
        d.len()
    });
}
