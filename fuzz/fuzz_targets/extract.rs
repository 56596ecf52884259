//! Tokens, sentences and figures of arbitrary text: no panic, every span valid, the same
//! answer twice.
#![no_main]

use claimcheck::check;
use claimcheck::extract;
use claimcheck::lexicon::Lexicon;
use claimcheck::text::{self, Words};
use libfuzzer_sys::fuzz_target;

#[path = "common.rs"]
mod common;

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let text: &str = &text;

    let toks = text::tokenize(text, 0..text.len());
    let mut prev_end = 0;
    for t in &toks {
        common::assert_span(text, &(t.start..t.end), "token");
        assert!(
            t.start >= prev_end && t.end > t.start,
            "tokens are ordered and non-empty"
        );
        prev_end = t.end;
    }
    let words = Words::new(text, toks, Lexicon::english());
    let figures = extract::figures(text, &words);
    for f in &figures {
        common::assert_span(text, &f.span, "figure");
        assert!(f.toks.start < f.toks.end && f.toks.end <= words.toks.len());
        assert_eq!(
            f.span,
            words.toks[f.toks.start].start..words.toks[f.toks.end - 1].end,
            "a figure spans its tokens"
        );
        assert!(
            !f.lo().is_nan() && !f.hi().is_nan(),
            "figure values are numbers: {f:?}"
        );
    }
    assert_eq!(
        figures,
        extract::figures(text, &words),
        "extraction is deterministic"
    );

    // Paragraphs and sentences as the checker splits them, and each one's figures.
    let sentences = text::sentences(text, Lexicon::english());
    for (_, s) in &sentences {
        common::assert_span(text, s, "sentence");
        for (f, _) in check::sentence_figures(common::embedded(), text, s.clone()) {
            common::assert_span(text, &f.span, "sentence figure");
            assert!(s.start <= f.span.start && f.span.end <= s.end);
        }
    }
    if !text.is_empty() {
        let at = data.len() % text.len();
        let at = (0..=at)
            .rev()
            .find(|&k| text.is_char_boundary(k))
            .unwrap_or(0);
        let para = text::paragraph_bounds(text, at);
        common::assert_span(text, &para, "paragraph");
        for s in text::split_sentences(text, para.clone(), Lexicon::english()) {
            common::assert_span(text, &s, "split sentence");
            assert!(para.start <= s.start && s.end <= para.end);
        }
    }
    // Database dates and periods parse without panicking.
    let _ = extract::When::parse(text);
});
