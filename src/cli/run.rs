//! `claimcheck check`: finding the inputs, checking them in parallel, filtering the findings
//! (suppressions, changed lines, baseline) and handing them to the printer in a stable order.

use std::collections::{BTreeMap, HashMap};
use std::io::{self, Read};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::mpsc;

use crate::baseline::{self, Baseline, Entry, Remaining};
use crate::check;
use crate::db::Database;
use crate::diff::{self, ChangedLines};
use crate::input::{Locator, Origin};
use crate::markup::{Format, Prose};
use crate::report::{InputError, Placed, Printer, Summary};
use crate::suppress::Suppressions;

/// Plain text is read in chunks of about this size, cut at paragraph breaks, so memory stays
/// flat however large the file.
pub const CHUNK_BYTES: usize = 4 << 20;

/// How many leading bytes are looked at for a NUL, the sign of a binary file (as ripgrep).
const BINARY_PROBE: usize = 8 << 10;

/// One input to check.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Input {
    /// Standard input, reported under this name.
    Stdin(String),
    /// A file, reported under the path as given or found.
    File(String),
}

impl Input {
    /// The name findings are reported under.
    pub fn name(&self) -> &str {
        match self {
            Input::Stdin(n) | Input::File(n) => n,
        }
    }
}

/// What every file's check needs to know.
pub struct Job<'a> {
    pub db: &'a Database,
    /// Forced input format; `None`: by extension.
    pub format: Option<Format>,
    /// Only findings on these lines are reported (keys: absolute paths).
    pub changed: Option<&'a ChangedLines>,
    /// Findings recorded here are not reported (keys: normalized paths).
    pub baseline: Option<&'a HashMap<String, Remaining>>,
    /// Collect baseline entries for `--write-baseline`.
    pub record: bool,
    /// Set when the run is being abandoned (the output was closed).
    pub cancel: &'a AtomicBool,
}

/// What a worker reports about one input, in order.
enum Event {
    Found(Vec<Placed>),
    Warning(String),
    Error(InputError),
    Done(Tally),
}

/// Counts of one input.
#[derive(Default)]
struct Tally {
    checked: bool,
    skipped: bool,
    suppressed: usize,
    baselined: usize,
    entries: Vec<Entry>,
}

/// The end of a run.
pub struct Outcome {
    pub summary: Summary,
    pub had_error: bool,
    pub entries: Vec<Entry>,
}

/// Checks every input with `threads` workers, printing each input's findings in input order.
pub fn check_all(
    job: &Job,
    inputs: &[Input],
    threads: usize,
    printer: &mut dyn Printer,
) -> io::Result<Outcome> {
    let mut outcome = Outcome {
        summary: Summary::default(),
        had_error: false,
        entries: Vec::new(),
    };
    let threads = threads.clamp(1, inputs.len().max(1));
    let next_input = AtomicUsize::new(0);
    let (tx, rx) = mpsc::sync_channel::<(usize, Event)>(256);
    std::thread::scope(|scope| -> io::Result<()> {
        for _ in 0..threads {
            let tx = tx.clone();
            let next_input = &next_input;
            scope.spawn(move || {
                loop {
                    if job.cancel.load(Ordering::Relaxed) {
                        return;
                    }
                    let i = next_input.fetch_add(1, Ordering::Relaxed);
                    let Some(input) = inputs.get(i) else { return };
                    let mut emit = |e: Event| tx.send((i, e)).is_ok();
                    check_input(job, input, &mut emit);
                }
            });
        }
        drop(tx);
        // Events of later inputs wait here until every earlier input is done.
        let mut waiting: BTreeMap<usize, Vec<Event>> = BTreeMap::new();
        let mut current = 0;
        let result = (|| -> io::Result<()> {
            for (i, event) in &rx {
                if i != current {
                    waiting.entry(i).or_default().push(event);
                    continue;
                }
                let mut done = handle(job, inputs, i, event, printer, &mut outcome)?;
                while done {
                    current += 1;
                    done = false;
                    for event in waiting.remove(&current).unwrap_or_default() {
                        done = handle(job, inputs, current, event, printer, &mut outcome)?;
                    }
                }
            }
            Ok(())
        })();
        if result.is_err() {
            job.cancel.store(true, Ordering::Relaxed);
        }
        drop(rx);
        result
    })?;
    Ok(outcome)
}

/// Prints or counts one event; `true` when the input is done.
fn handle(
    job: &Job,
    inputs: &[Input],
    i: usize,
    event: Event,
    printer: &mut dyn Printer,
    outcome: &mut Outcome,
) -> io::Result<bool> {
    let name = inputs.get(i).map_or("-", Input::name);
    match event {
        Event::Found(found) => {
            outcome.summary.add(found.iter().map(|p| &p.finding));
            printer.file(job.db, name, &found)?;
        }
        Event::Warning(w) => super::warn(&w),
        Event::Error(e) => {
            super::report_error(&e);
            printer.error(&e)?;
            outcome.had_error = true;
        }
        Event::Done(t) => {
            let s = &mut outcome.summary;
            s.files += usize::from(t.checked);
            s.skipped += usize::from(t.skipped);
            s.suppressed += t.suppressed;
            s.baselined += t.baselined;
            outcome.entries.extend(t.entries);
            return Ok(true);
        }
    }
    Ok(false)
}

/// Checks one input, reporting through `emit` (which returns `false` once nobody listens).
fn check_input(job: &Job, input: &Input, emit: &mut dyn FnMut(Event) -> bool) {
    let name = input.name();
    let format = job.format.unwrap_or_else(|| Format::from_path(name));
    let mut tally = Tally::default();
    let result = match input {
        Input::Stdin(_) => read_and_check(job, name, format, io::stdin().lock(), &mut tally, emit),
        Input::File(path) => match std::fs::File::open(path) {
            Ok(file) => read_and_check(job, name, format, file, &mut tally, emit),
            Err(e) => Err(e),
        },
    };
    if let Err(e) = result {
        let message = if matches!(input, Input::Stdin(_)) {
            format!("cannot read standard input: {}", describe_io(&e))
        } else {
            format!("cannot read: {}", describe_io(&e))
        };
        emit(Event::Error(InputError {
            path: name.to_string(),
            message,
        }));
    }
    emit(Event::Done(tally));
}

/// A human description of an I/O error.
pub fn describe_io(e: &io::Error) -> String {
    match e.kind() {
        io::ErrorKind::NotFound => "no such file or directory".into(),
        io::ErrorKind::PermissionDenied => "permission denied".into(),
        io::ErrorKind::IsADirectory => "is a directory".into(),
        _ => e.to_string(),
    }
}

/// Per-input state for filtering findings.
struct Filters<'a> {
    name: &'a str,
    changed: Option<&'a [std::ops::RangeInclusive<usize>]>,
    /// A diff is in force and does not touch this file: nothing is reported.
    unchanged: bool,
    baseline: Option<Remaining>,
}

fn read_and_check(
    job: &Job,
    name: &str,
    format: Format,
    mut reader: impl Read,
    tally: &mut Tally,
    emit: &mut dyn FnMut(Event) -> bool,
) -> io::Result<()> {
    let mut filters = Filters {
        name,
        changed: None,
        unchanged: false,
        baseline: job.baseline.map(|b| {
            b.get(&baseline::normalize(name))
                .cloned()
                .unwrap_or_default()
        }),
    };
    if let Some(changed) = job.changed {
        match changed.lines(&absolute(name)) {
            Some(lines) => filters.changed = Some(lines),
            None => filters.unchanged = true,
        }
    }
    let mut buf: Vec<u8> = Vec::with_capacity(CHUNK_BYTES.min(1 << 16));
    let mut origin = Origin::default();
    let mut first = true;
    let mut lossy_warned = false;
    loop {
        if job.cancel.load(Ordering::Relaxed) {
            return Ok(());
        }
        // Markup is parsed whole; plain text streams.
        let limit = if format == Format::Text {
            CHUNK_BYTES
        } else {
            usize::MAX
        };
        let eof = fill(&mut reader, &mut buf, limit)?;
        if first {
            first = false;
            if buf.starts_with(b"\xEF\xBB\xBF") {
                buf.drain(..3);
                origin.offset = 3;
            }
            if buf[..buf.len().min(BINARY_PROBE)].contains(&0) {
                emit(Event::Warning(format!("{name}: binary file skipped")));
                tally.skipped = true;
                return Ok(());
            }
            tally.checked = true;
        }
        let cut = if eof { buf.len() } else { chunk_cut(&buf) };
        let decoded = String::from_utf8_lossy(&buf[..cut]);
        if matches!(decoded, std::borrow::Cow::Owned(_)) && !lossy_warned {
            lossy_warned = true;
            emit(Event::Warning(format!(
                "warning: {name}: not valid UTF-8; invalid bytes were replaced"
            )));
        }
        let found = check_text(job, format, &decoded, origin, &mut filters, tally);
        if !found.is_empty() && !emit(Event::Found(found)) {
            return Ok(());
        }
        advance(&mut origin, &decoded, cut);
        buf.drain(..cut);
        if eof {
            return Ok(());
        }
    }
}

/// Reads until `buf` holds `limit` bytes or the input ends; `true` at the end.
fn fill(reader: &mut impl Read, buf: &mut Vec<u8>, limit: usize) -> io::Result<bool> {
    let mut block = [0u8; 64 << 10];
    while buf.len() < limit {
        let n = match reader.read(&mut block) {
            Ok(n) => n,
            Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
            Err(e) => return Err(e),
        };
        if n == 0 {
            return Ok(true);
        }
        buf.extend_from_slice(&block[..n]);
    }
    Ok(false)
}

/// Where to end a chunk of plain text: after the last blank line (a paragraph break, so the
/// checker sees every paragraph whole); failing that after the last sentence end, line or
/// space; at worst at a character boundary.
fn chunk_cut(buf: &[u8]) -> usize {
    let last_blank = buf
        .windows(2)
        .rposition(|w| w == b"\n\n")
        .map(|i| i + 2)
        .into_iter()
        .chain(buf.windows(3).rposition(|w| w == b"\n\r\n").map(|i| i + 3))
        .max();
    if let Some(cut) = last_blank {
        return cut;
    }
    // A paragraph of megabytes: cut where a sentence ends, so no sentence is split.
    let sentence_end = |w: &[u8]| {
        matches!(w[0], b'.' | b'!' | b'?' | b'"' | b'\'' | b')') && matches!(w[1], b' ' | b'\n')
    };
    if let Some(i) = buf.windows(2).rposition(sentence_end) {
        return i + 2;
    }
    if let Some(i) = buf.iter().rposition(|&b| b == b'\n') {
        return i + 1;
    }
    if let Some(i) = buf.iter().rposition(|&b| b == b' ') {
        return i + 1;
    }
    let mut cut = buf.len();
    while cut > 0 && buf[cut - 1] & 0xC0 == 0x80 {
        cut -= 1;
    }
    // `cut - 1` now starts a character that may be incomplete: leave it for the next chunk.
    if cut > 0 && buf[cut - 1] >= 0xC0 {
        cut -= 1;
    }
    if cut == 0 { buf.len() } else { cut }
}

/// Moves `origin` past a chunk of `bytes` file bytes whose text is `text`.
fn advance(origin: &mut Origin, text: &str, bytes: usize) {
    origin.offset += bytes;
    match text.rfind('\n') {
        Some(i) => {
            origin.lines += text.matches('\n').count();
            origin.chars = text[i + 1..].chars().count();
            origin.bytes = text.len() - i - 1;
        }
        None => {
            origin.chars += text.chars().count();
            origin.bytes += text.len();
        }
    }
}

/// Checks one text (a whole file, or a chunk of plain text) and keeps the findings to report.
fn check_text(
    job: &Job,
    format: Format,
    source: &str,
    origin: Origin,
    filters: &mut Filters,
    tally: &mut Tally,
) -> Vec<Placed> {
    let prose;
    let (prose_ref, text): (&Prose, &str) = if format == Format::Text {
        prose = Prose::identity();
        (&prose, source)
    } else {
        prose = Prose::read(format, source);
        (&prose, prose.text.as_str())
    };
    let findings = check::check(job.db, text);
    if findings.is_empty() {
        return Vec::new();
    }
    let locator = Locator::new(source, origin);
    let suppressions = Suppressions::parse(format, source, &locator);
    let mut out = Vec::with_capacity(findings.len());
    for f in findings {
        let placed = Placed::new(job.db, f, prose_ref, text, &locator);
        let id = job.db.claims[placed.finding.claim].id.as_str();
        if suppressions.covers(placed.start.line, id) {
            tally.suppressed += 1;
            continue;
        }
        if filters.unchanged {
            continue;
        }
        if let Some(changed) = filters.changed {
            let sentence = prose_ref.source_range(&placed.finding.sentence);
            let first = locator.position(sentence.start).line;
            let last = locator.position(sentence.end).line;
            if !diff::touches(changed, first, last) {
                continue;
            }
        }
        if job.record {
            tally.entries.push(Entry {
                path: baseline::normalize(filters.name),
                claim_id: id.to_string(),
                verdict: placed.finding.verdict.as_str().to_string(),
                fingerprint: placed.fingerprint.clone(),
                sentence: crate::report::collapse(&placed.sentence),
            });
        }
        if let Some(remaining) = &mut filters.baseline
            && remaining.take(id, &placed.fingerprint)
        {
            tally.baselined += 1;
            continue;
        }
        out.push(placed);
    }
    out
}

/// An input name as an absolute, canonical path when it exists (for matching diffs).
pub fn absolute(name: &str) -> String {
    let p = Path::new(name);
    std::fs::canonicalize(p)
        .or_else(|_| std::env::current_dir().map(|d| d.join(p)))
        .unwrap_or_else(|_| PathBuf::from(p))
        .to_string_lossy()
        .into_owned()
}

/// Writes a baseline of `entries` to `path`.
pub fn write_baseline(path: &str, entries: Vec<Entry>) -> Result<(), String> {
    let mut b = Baseline {
        version: 1,
        findings: entries,
    };
    std::fs::write(path, b.to_json())
        .map_err(|e| format!("{path}: cannot write the baseline: {}", describe_io(&e)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn chunks_end_at_paragraph_breaks() {
        assert_eq!(chunk_cut(b"a\n\nb\n\nc"), 6);
        assert_eq!(chunk_cut(b"a\r\n\r\nb"), 5);
        assert_eq!(chunk_cut(b"a\nb"), 2);
        assert_eq!(chunk_cut(b"Done.\nA long\nsentence"), 6);
        assert_eq!(chunk_cut(b"One. Two"), 5);
        assert_eq!(chunk_cut(b"ab cd"), 3);
        assert_eq!(chunk_cut("x\u{e9}".as_bytes()), 1);
        assert_eq!(chunk_cut(b"abc"), 3);
    }

    #[test]
    fn origins_follow_lines_and_columns() {
        let mut o = Origin::default();
        advance(&mut o, "ab\ncd", 5);
        assert_eq!(
            o,
            Origin {
                offset: 5,
                lines: 1,
                chars: 2,
                bytes: 2
            }
        );
        advance(&mut o, "\u{e9}f", 3);
        assert_eq!(
            o,
            Origin {
                offset: 8,
                lines: 1,
                chars: 4,
                bytes: 5
            }
        );
    }
}
