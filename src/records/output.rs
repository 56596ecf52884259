//! Checking one document and writing what was found: JSON Lines (one object per finding,
//! with the record's id, url and date) and human blocks (uncovered statistics dimmed).
//!
//! A JSON line is a `check --format jsonl` finding (every field of it, `path` being the input
//! the record came from) plus `record` (its 1-based number in that input), `id`, `url` and
//! `date` (null when the record has none); `--format json` puts the same objects in its
//! `findings` array. `verdict` is `agrees`, `conflicts` or
//! `uncovered`; an uncovered line has no claim: it carries `figures` (`kind`, `stated`) and
//! `terms` (the subject terms of the sentence) instead of `claim_id`, `expected` and
//! `sources`. Positions are within the record's text.

use std::io::{self, Write};

use anstyle::Style;
use serde::Serialize;

use super::{Document, Place};
use crate::check;
use crate::db::Database;
use crate::input::{Locator, Origin, Position};
use crate::markup::{Format, Prose};
use crate::report::{self, Placed, Printer, collapse};
use crate::uncovered::{self, Subjects};

/// An uncovered statistic placed in its document.
#[derive(Debug, Clone, PartialEq)]
pub struct PlacedUncovered {
    /// The sentence as the checker read it, on one line.
    pub sentence: String,
    pub start: Position,
    pub end: Position,
    /// Each uncovered figure: its kind's name and its words.
    pub figures: Vec<(&'static str, String)>,
    pub terms: Vec<String>,
}

/// What checking one document found.
#[derive(Debug, Clone, Default)]
pub struct Checked {
    pub found: Vec<Placed>,
    pub uncovered: Vec<PlacedUncovered>,
}

/// Checks one document; `subjects` when uncovered statistics are wanted.
pub fn check_document(db: &Database, subjects: Option<&Subjects>, doc: &Document) -> Checked {
    let prose = match doc.format {
        Format::Text => Prose::identity(),
        f => Prose::read(f, &doc.text),
    };
    let text = if doc.format == Format::Text {
        doc.text.as_str()
    } else {
        prose.text.as_str()
    };
    let findings = check::check(db, text);
    let locator = Locator::new(&doc.text, Origin::default());
    let uncovered = match subjects {
        Some(s) => uncovered::uncovered(s, text, &findings)
            .into_iter()
            .map(|u| {
                let first = u
                    .figures
                    .first()
                    .map_or(u.sentence.clone(), |f| f.span.clone());
                let last = u
                    .figures
                    .last()
                    .map_or(u.sentence.clone(), |f| f.span.clone());
                PlacedUncovered {
                    sentence: collapse(text.get(u.sentence.clone()).unwrap_or("")),
                    start: locator.position(prose.source_start(first.start)),
                    end: locator.position(prose.source_end(last.end)),
                    figures: u
                        .figures
                        .into_iter()
                        .map(|f| (uncovered::kind_name(f.kind), collapse(&f.words)))
                        .collect(),
                    terms: u.terms,
                }
            })
            .collect(),
        None => Vec::new(),
    };
    let found = findings
        .into_iter()
        .map(|f| Placed::new(db, f, &prose, text, &locator))
        .collect();
    Checked { found, uncovered }
}

/// The record fields every JSON line carries.
#[derive(Debug, Serialize)]
struct RecordFields<'a> {
    record: usize,
    id: &'a str,
    url: Option<&'a str>,
    date: Option<&'a str>,
}

#[derive(Debug, Serialize)]
struct FindingLine<'a> {
    #[serde(flatten)]
    finding: report::JsonFinding<'a>,
    #[serde(flatten)]
    record: RecordFields<'a>,
}

#[derive(Debug, Serialize)]
struct Figure<'a> {
    kind: &'static str,
    stated: &'a str,
}

#[derive(Debug, Serialize)]
struct UncoveredLine<'a> {
    path: &'a str,
    line: usize,
    column: usize,
    end_line: usize,
    end_column: usize,
    byte_start: usize,
    byte_end: usize,
    verdict: &'static str,
    text: &'a str,
    stated: &'a str,
    message: String,
    figures: Vec<Figure<'a>>,
    terms: &'a [String],
    #[serde(flatten)]
    record: RecordFields<'a>,
}

/// The message of an uncovered statistic.
pub fn uncovered_message(u: &PlacedUncovered) -> String {
    let list: Vec<String> = u.figures.iter().map(|(_, w)| format!("\"{w}\"")).collect();
    let what = if list.len() == 1 {
        "a figure"
    } else {
        "figures"
    };
    format!(
        "states {what} no claim covers: {} (on {})",
        list.join(", "),
        u.terms.join(", ")
    )
}

/// How JSON findings are framed: one per line (`jsonl`), or as the elements of one array
/// (`json`; `first` is whether none has been written yet).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Framing {
    Lines,
    Array { first: bool },
}

impl Framing {
    fn item(&mut self, out: &mut impl Write, value: &impl Serialize) -> io::Result<()> {
        if let Framing::Array { first } = self {
            if !*first {
                out.write_all(b",")?;
            }
            *first = false;
        }
        serde_json::to_writer(&mut *out, value).map_err(report::json_io)?;
        if *self == Framing::Lines {
            out.write_all(b"\n")?;
        }
        Ok(())
    }
}

/// Writes the JSON lines of one document and flushes them (a streaming filter's reader
/// sees every record's findings as soon as it is checked).
pub fn write_jsonl(
    out: &mut impl Write,
    db: &Database,
    place: &Place,
    doc: &Document,
    checked: &Checked,
) -> io::Result<()> {
    write_json(out, db, place, doc, checked, &mut Framing::Lines)?;
    out.flush()
}

/// Writes the JSON findings of one document, framed as `framing` says.
pub fn write_json(
    out: &mut impl Write,
    db: &Database,
    place: &Place,
    doc: &Document,
    checked: &Checked,
    framing: &mut Framing,
) -> io::Result<()> {
    let fields = || RecordFields {
        record: place.record,
        id: &doc.id,
        url: doc.url.as_deref(),
        date: doc.date.as_deref(),
    };
    for p in &checked.found {
        let line = FindingLine {
            finding: report::to_json(db, &place.source, p),
            record: fields(),
        };
        framing.item(out, &line)?;
    }
    for u in &checked.uncovered {
        framing.item(out, &uncovered_line(&place.source, u, fields()))?;
    }
    Ok(())
}

fn uncovered_line<'a>(
    path: &'a str,
    u: &'a PlacedUncovered,
    record: RecordFields<'a>,
) -> UncoveredLine<'a> {
    UncoveredLine {
        path,
        line: u.start.line,
        column: u.start.column,
        end_line: u.end.line,
        end_column: u.end.column,
        byte_start: u.start.offset,
        byte_end: u.end.offset,
        verdict: "uncovered",
        text: &u.sentence,
        stated: u.figures.first().map_or("", |(_, w)| w.as_str()),
        message: uncovered_message(u),
        figures: u
            .figures
            .iter()
            .map(|(kind, stated)| Figure { kind, stated })
            .collect(),
        terms: &u.terms,
        record,
    }
}

/// Writes the human blocks of one document: the findings as `check` prints them, under the
/// document's url (or id), then its uncovered statistics, dimmed.
pub fn write_human(
    out: &mut impl Write,
    db: &Database,
    doc: &Document,
    checked: &Checked,
    color: bool,
) -> io::Result<()> {
    let name = doc.url.as_deref().unwrap_or(&doc.id);
    if !checked.found.is_empty() {
        report::Human::new(&mut *out, color).file(db, name, &checked.found)?;
    }
    let dim = |s: &str| {
        if color {
            let d = Style::new().dimmed();
            format!("{d}{s}{d:#}")
        } else {
            s.to_string()
        }
    };
    for u in &checked.uncovered {
        let at = format!("{name}:{}:{}", u.start.line, u.start.column);
        writeln!(out, "{}", dim(&format!("{at}: uncovered")))?;
        writeln!(out, "{}", dim(&format!("  | {}", u.sentence)))?;
        writeln!(out, "{}", dim(&format!("  = {}", uncovered_message(u))))?;
        writeln!(out)?;
    }
    Ok(())
}
