//! The database loader on arbitrary TOML: no panic, errors positioned inside the file, and
//! a database that loads can check text (its own source) without panicking.
#![no_main]

use claimcheck::check;
use claimcheck::db::Database;
use libfuzzer_sys::fuzz_target;

#[path = "common.rs"]
mod common;

fuzz_target!(|data: &[u8]| {
    let Ok(src) = std::str::from_utf8(data) else {
        return; // the CLI refuses a database that is not UTF-8 before loading it
    };
    let sources = [("fuzz.toml".to_string(), src.to_string())];
    match Database::from_sources(&sources) {
        Ok(db) => {
            let findings = check::check(&db, src);
            common::assert_findings(src, &findings, 0);
            let _ = check::run_examples(&db);
        }
        Err(errors) => {
            assert!(!errors.0.is_empty(), "a refused database says why");
            // A line ends at \n, \r\n or a lone \r, as editors count.
            let lines = claimcheck::text::LineIndex::new(src).lines();
            for e in &errors.0 {
                assert_eq!(e.path, "fuzz.toml");
                assert!(e.line >= 1 && e.line <= lines && e.column >= 1, "{e}");
                assert!(!e.message.is_empty());
            }
        }
    }
});
