//! The whole pipeline on arbitrary bytes: decode, check against the built-in database, place
//! the findings. No panic; spans inside the text on character boundaries; line and column
//! agree with the byte offsets; the same findings twice.
#![no_main]

use claimcheck::{check, input};
use libfuzzer_sys::fuzz_target;

#[path = "common.rs"]
mod common;

fuzz_target!(|data: &[u8]| {
    let decoded = input::decode(data.to_vec());
    let text = decoded.text.as_str();
    let db = common::embedded();
    let findings = check::check(db, text);
    // A chunk boundary somewhere in the text, as the CLI cuts large files.
    let cut = if text.is_empty() {
        0
    } else {
        data.len() * 7 % text.len()
    };
    common::assert_findings(text, &findings, cut);
    assert_eq!(
        findings,
        check::check(db, text),
        "checking is deterministic"
    );
});
