//! `claimcheck check`: finding the inputs, checking them in parallel, filtering the findings
//! (suppressions, changed lines, baseline) and handing them to the printer in a stable order.

use std::collections::{BTreeMap, HashMap};
use std::io::{self, Read};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
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
    /// Progress on stderr (`--progress`, or a terminal): files done and findings so far.
    pub progress: Option<&'a indicatif::ProgressBar>,
}

/// A piece of work: one chunk of one input (a whole file for Markdown and HTML).
struct Task<'a> {
    input: usize,
    /// The chunk's number within its input.
    seq: usize,
    /// This is the input's last chunk.
    last: bool,
    text: String,
    /// The file bytes of a text that was not valid UTF-8 (for byte offsets into the file).
    raw: Option<Vec<u8>>,
    origin: Origin,
    format: Format,
    file: std::sync::Arc<FileFilters<'a>>,
    /// What happened while reading (an error, a binary file): reported instead of checking.
    report: Reported,
}

/// What a worker hands over for one task.
#[derive(Default)]
struct Reported {
    found: Vec<Placed>,
    error: Option<InputError>,
    /// The first chunk of a file that is checked (it counts as a file).
    checked: bool,
    skipped: bool,
    lossy: bool,
    suppressed: usize,
    last: bool,
}

/// The changed-lines filter of one input.
struct FileFilters<'a> {
    changed: Option<&'a [std::ops::RangeInclusive<usize>]>,
    /// A diff is in force and does not touch this file: nothing is reported.
    unchanged: bool,
}

/// An input being read chunk by chunk.
struct Open<'a> {
    input: usize,
    seq: usize,
    reader: Box<dyn Read + Send + 'a>,
    buf: Vec<u8>,
    origin: Origin,
    format: Format,
    file: std::sync::Arc<FileFilters<'a>>,
}

/// Hands out tasks in input order; reading happens here, under the feed's lock, so chunks
/// come off each input in sequence while checking runs in parallel.
struct Feed<'a> {
    next_input: usize,
    open: Option<Open<'a>>,
}

impl<'a> Feed<'a> {
    fn next_task(&mut self, job: &Job<'a>, inputs: &'a [Input]) -> Option<Task<'a>> {
        loop {
            if let Some(open) = &mut self.open {
                let chunk = open_chunk(open);
                if chunk.last {
                    self.open = None;
                }
                return Some(chunk.task);
            }
            let input = self.next_input;
            let name = inputs.get(input)?.name();
            self.next_input += 1;
            let format = job.format.unwrap_or_else(|| Format::from_path(name));
            let file = std::sync::Arc::new(match job.changed {
                Some(changed) => match changed.lines(&absolute(name)) {
                    Some(lines) => FileFilters {
                        changed: Some(lines),
                        unchanged: false,
                    },
                    None => FileFilters {
                        changed: None,
                        unchanged: true,
                    },
                },
                None => FileFilters {
                    changed: None,
                    unchanged: false,
                },
            });
            let reader: io::Result<Box<dyn Read + Send + 'a>> = match &inputs[input] {
                Input::Stdin(_) => Ok(Box::new(io::stdin())),
                Input::File(path) => {
                    std::fs::File::open(path).map(|f| Box::new(f) as Box<dyn Read + Send + 'a>)
                }
            };
            match reader {
                Ok(reader) => {
                    self.open = Some(Open {
                        input,
                        seq: 0,
                        reader,
                        buf: Vec::new(),
                        origin: Origin::default(),
                        format,
                        file,
                    });
                }
                Err(e) => {
                    return Some(Task {
                        input,
                        seq: 0,
                        last: true,
                        text: String::new(),
                        raw: None,
                        origin: Origin::default(),
                        format,
                        file,
                        report: Reported {
                            error: Some(read_error(&inputs[input], &e)),
                            last: true,
                            ..Reported::default()
                        },
                    });
                }
            }
        }
    }
}

/// A task and whether it ends its input.
struct Chunk<'a> {
    task: Task<'a>,
    last: bool,
}

/// Reads the next chunk of an open input.
fn open_chunk<'a>(open: &mut Open<'a>) -> Chunk<'a> {
    let seq = open.seq;
    open.seq += 1;
    let mut task = Task {
        input: open.input,
        seq,
        last: false,
        text: String::new(),
        raw: None,
        origin: open.origin,
        format: open.format,
        file: open.file.clone(),
        report: Reported::default(),
    };
    // Markup is parsed whole; plain text streams.
    let limit = if open.format == Format::Text {
        CHUNK_BYTES
    } else {
        usize::MAX
    };
    let eof = match fill(&mut open.reader, &mut open.buf, limit) {
        Ok(eof) => eof,
        Err(e) => {
            task.report.error = Some(InputError {
                path: String::new(),
                message: format!("cannot read: {}", describe_io(&e)),
            });
            task.last = true;
            task.report.last = true;
            return Chunk { task, last: true };
        }
    };
    if seq == 0 {
        if open.buf.starts_with(b"\xEF\xBB\xBF") {
            open.buf.drain(..3);
            open.origin.offset = 3;
            task.origin = open.origin;
        }
        if open.buf[..open.buf.len().min(BINARY_PROBE)].contains(&0) {
            task.report.skipped = true;
            task.last = true;
            task.report.last = true;
            return Chunk { task, last: true };
        }
        task.report.checked = true;
    }
    let cut = if eof {
        open.buf.len()
    } else {
        chunk_cut(&open.buf)
    };
    let text = match std::str::from_utf8(&open.buf[..cut]) {
        Ok(s) => s.to_string(),
        Err(_) => {
            task.report.lossy = true;
            task.raw = Some(open.buf[..cut].to_vec());
            String::from_utf8_lossy(&open.buf[..cut]).into_owned()
        }
    };
    advance(&mut open.origin, &text, cut);
    open.buf.drain(..cut);
    task.text = text;
    task.last = eof;
    task.report.last = eof;
    Chunk { task, last: eof }
}

fn read_error(input: &Input, e: &io::Error) -> InputError {
    let message = match input {
        Input::Stdin(_) => format!("cannot read standard input: {}", describe_io(e)),
        Input::File(_) => format!("cannot read: {}", describe_io(e)),
    };
    InputError {
        path: input.name().to_string(),
        message,
    }
}

/// The end of a run.
pub struct Outcome {
    pub summary: Summary,
    pub had_error: bool,
    pub entries: Vec<Entry>,
}

/// Checks every input with `threads` workers — files in parallel, and the chunks of a large
/// plain-text file in parallel too — printing findings in input order, then position order.
pub fn check_all<'a>(
    job: &Job<'a>,
    inputs: &'a [Input],
    threads: usize,
    printer: &mut dyn Printer,
) -> io::Result<Outcome> {
    let mut outcome = Outcome {
        summary: Summary::default(),
        had_error: false,
        entries: Vec::new(),
    };
    let threads = threads.max(1);
    let feed = std::sync::Mutex::new(Feed {
        next_input: 0,
        open: None,
    });
    // Bounded, so readers cannot run far ahead of a slow printer.
    let (tx, rx) = mpsc::sync_channel::<((usize, usize), Reported)>(4 * threads);
    std::thread::scope(|scope| -> io::Result<()> {
        for _ in 0..threads {
            let tx = tx.clone();
            let feed = &feed;
            scope.spawn(move || {
                loop {
                    if job.cancel.load(Ordering::Relaxed) {
                        return;
                    }
                    let task = match feed.lock() {
                        Ok(mut f) => f.next_task(job, inputs),
                        Err(_) => return,
                    };
                    let Some(task) = task else { return };
                    let key = (task.input, task.seq);
                    if tx.send((key, run_task(job, task))).is_err() {
                        return;
                    }
                }
            });
        }
        drop(tx);
        // Results wait here until every earlier chunk has been printed.
        let mut waiting: BTreeMap<(usize, usize), Reported> = BTreeMap::new();
        let mut current = (0, 0);
        let mut baseline: Option<(usize, Remaining)> = None;
        let result = (|| -> io::Result<()> {
            for (key, reported) in &rx {
                waiting.insert(key, reported);
                while let Some(reported) = waiting.remove(&current) {
                    let last = reported.last;
                    hand_over(
                        job,
                        inputs,
                        current.0,
                        reported,
                        &mut baseline,
                        printer,
                        &mut outcome,
                    )?;
                    current = if last {
                        (current.0 + 1, 0)
                    } else {
                        (current.0, current.1 + 1)
                    };
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

/// Checks one task's text, off the feed's lock.
fn run_task(job: &Job, task: Task) -> Reported {
    let mut report = task.report;
    if report.error.is_none() && !report.skipped && !task.text.is_empty() {
        report.found = check_text(
            job,
            task.format,
            &task.text,
            task.raw.as_deref(),
            task.origin,
            &task.file,
            &mut report.suppressed,
        );
    }
    report
}

/// Prints one task's findings, in order, after the baseline has had its say.
fn hand_over(
    job: &Job,
    inputs: &[Input],
    input: usize,
    mut reported: Reported,
    baseline: &mut Option<(usize, Remaining)>,
    printer: &mut dyn Printer,
    outcome: &mut Outcome,
) -> io::Result<()> {
    let name = inputs.get(input).map_or("-", Input::name);
    if let Some(mut e) = reported.error.take() {
        if e.path.is_empty() {
            e.path = name.to_string();
        }
        super::report_error(&e);
        printer.error(&e)?;
        outcome.had_error = true;
    }
    if reported.skipped {
        super::warn(&format!("{name}: binary file skipped"));
    }
    if reported.lossy && reported.checked {
        super::warn(&format!(
            "warning: {name}: not valid UTF-8; invalid bytes were replaced"
        ));
    }
    let s = &mut outcome.summary;
    s.files += usize::from(reported.checked);
    s.skipped += usize::from(reported.skipped);
    s.suppressed += reported.suppressed;
    let mut found = std::mem::take(&mut reported.found);
    if job.record {
        for p in &found {
            let claim = &job.db.claims[p.finding.claim];
            outcome.entries.push(Entry {
                path: baseline::normalize(name),
                claim_id: claim.id.clone(),
                verdict: p.finding.verdict.as_str().to_string(),
                fingerprint: p.fingerprint.clone(),
                sentence: crate::report::collapse(&p.sentence),
            });
        }
    }
    if let Some(entries) = job.baseline {
        // The baseline is consumed in input order, so which of two identical findings it
        // absorbs never depends on the thread count.
        if baseline.as_ref().is_none_or(|(i, _)| *i != input) {
            let remaining = entries
                .get(&baseline::normalize(name))
                .cloned()
                .unwrap_or_default();
            *baseline = Some((input, remaining));
        }
        if let Some((_, remaining)) = baseline {
            let before = found.len();
            found.retain(|p| {
                let id = job.db.claims[p.finding.claim].id.as_str();
                !remaining.take(id, &p.fingerprint)
            });
            outcome.summary.baselined += before - found.len();
        }
    }
    if !found.is_empty() {
        outcome.summary.add(found.iter().map(|p| &p.finding));
        printer.file(job.db, name, &found)?;
    }
    if let Some(pb) = job.progress {
        super::progress::show_progress(pb, &outcome.summary);
    }
    Ok(())
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
    // The last line that is blank (white space only), found from the end.
    let mut newlines = memchr::memrchr_iter(b'\n', buf);
    let mut next = newlines.next();
    while let Some(end) = next {
        next = newlines.next();
        let start = next.map_or(0, |i| i + 1);
        if next.is_some() && buf[start..end].iter().all(u8::is_ascii_whitespace) {
            return end + 1;
        }
        // Only look back over a bounded stretch: a chunk with no paragraph break near its
        // end is cut at a sentence instead.
        if buf.len() - end > 1 << 20 {
            break;
        }
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

/// Checks one text (a whole file, or a chunk of plain text) and keeps the findings to report:
/// those not suppressed inline and, when a diff is in force, on changed lines.
fn check_text(
    job: &Job,
    format: Format,
    source: &str,
    raw: Option<&[u8]>,
    origin: Origin,
    filters: &FileFilters,
    suppressed: &mut usize,
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
    let locator = match raw {
        Some(bytes) => Locator::lossy(source, origin, bytes),
        None => Locator::new(source, origin),
    };
    let suppressions = Suppressions::parse(format, source, &locator);
    let mut out = Vec::with_capacity(findings.len());
    for f in findings {
        let placed = Placed::new(job.db, f, prose_ref, text, &locator);
        let id = job.db.claims[placed.finding.claim].id.as_str();
        if suppressions.covers(placed.start.line, id) {
            *suppressed += 1;
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
