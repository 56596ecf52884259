//! Reading Markdown and HTML: no panic on any bytes, every prose span maps back inside the
//! source on character boundaries, and the findings on the prose place inside the source.
#![no_main]

use claimcheck::check;
use claimcheck::input::{self, Locator, Origin};
use claimcheck::markup::{Format, Prose};
use claimcheck::suppress::Suppressions;
use libfuzzer_sys::fuzz_target;

#[path = "common.rs"]
mod common;

fuzz_target!(|data: &[u8]| {
    let Some((&selector, rest)) = data.split_first() else {
        return;
    };
    let format = if selector & 1 == 0 {
        Format::Markdown
    } else {
        Format::Html
    };
    let source = input::decode(rest.to_vec()).text;
    let prose = Prose::read(format, &source);
    let text = prose.text.as_str();
    for at in (0..=text.len()).filter(|&k| text.is_char_boundary(k)) {
        let r = prose.source_range(&(at..at));
        common::assert_span(&source, &r, "mapped offset");
    }
    let findings = check::check(common::embedded(), text);
    common::assert_findings(text, &findings, 0);
    let locator = Locator::new(&source, Origin::default());
    let suppressions = Suppressions::parse(format, &source, &locator);
    for f in &findings {
        let r = prose.source_range(&f.span);
        common::assert_span(&source, &r, "finding in the source");
        let p = locator.position(r.start);
        let _ = suppressions.covers(p.line, "any-claim");
    }
});
