//! Records and web archives on arbitrary bytes: read as JSON Lines records and as a WARC
//! (plain, or gzip when the bytes start with its magic), every document checked with
//! uncovered statistics. No panic; uncovered spans lie inside their sentence's positions.
#![no_main]

use std::io::BufRead;

use claimcheck::records::output::check_document;
use claimcheck::records::{Item, JsonLines, warc};
use claimcheck::uncovered::Subjects;
use libfuzzer_sys::fuzz_target;

#[path = "common.rs"]
mod common;

fn drain(
    db: &claimcheck::db::Database,
    subjects: &Subjects,
    mut next: impl FnMut() -> Option<Item>,
) {
    // A bounded number of items: a fuzz input is small, so this only guards a loop bug.
    for _ in 0..10_000 {
        let Some(item) = next() else { return };
        if let Item::Doc(_, doc) = item {
            let checked = check_document(db, Some(subjects), &doc);
            for u in &checked.uncovered {
                assert!(
                    !u.figures.is_empty(),
                    "an uncovered sentence states a figure"
                );
                assert!(u.start.offset <= u.end.offset, "uncovered span in order");
                assert!(
                    u.end.offset <= doc.text.len(),
                    "uncovered span inside the text"
                );
            }
        }
    }
    panic!("a source yielded 10,000 items from a small input");
}

fuzz_target!(|data: &[u8]| {
    static SUBJECTS: std::sync::OnceLock<Subjects> = std::sync::OnceLock::new();
    let db = common::embedded();
    let subjects = SUBJECTS.get_or_init(|| Subjects::new(db));
    let mut lines = JsonLines::new(data, "fuzz.jsonl");
    drain(db, subjects, || lines.next_item());
    let reader: Box<dyn BufRead + Send> = Box::new(std::io::Cursor::new(data.to_vec()));
    if let Ok(mut archive) = warc::open(reader, "fuzz.warc") {
        drain(db, subjects, || archive.next_item());
    }
});
