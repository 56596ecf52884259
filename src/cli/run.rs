//! `claimcheck check`: checking the inputs in parallel, filtering the findings (suppressions,
//! changed lines, baseline) and handing them to the printer in a stable order.

use std::collections::{BTreeMap, HashMap};
use std::io;
use std::ops::Range;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Condvar, Mutex, mpsc};

use super::feed::{Feed, Input, ReadOutcome, Task};
use crate::baseline::{self, Entry, Remaining};
use crate::check;
use crate::db::Database;
use crate::diff::{ChangedLines, DiffScope};
use crate::input::{Encoding, Locator};
use crate::markup::{Format, Prose};
use crate::report::{Placed, Printer, Summary};
use crate::suppress::Suppressions;

/// Tasks (chunks) read ahead of the printer, per worker thread: enough to keep every worker
/// busy, few enough that memory does not grow with the input (each holds a chunk of text and
/// its findings).
const TASKS_AHEAD_PER_THREAD: usize = 2;

/// What every file's check needs to know.
pub struct Job<'a> {
    pub db: &'a Database,
    /// Forced input format; `None`: by extension.
    pub format: Option<Format>,
    /// Only findings on these lines are reported (keys: absolute paths).
    pub changed: Option<&'a ChangedLines>,
    /// Findings recorded here are not reported (keys: absolute paths).
    pub baseline: Option<&'a HashMap<PathBuf, Remaining>>,
    /// Where `--write-baseline` writes: entries record paths relative to this folder.
    pub record: Option<&'a Path>,
    /// The current directory, for making paths absolute.
    pub cwd: &'a Path,
    /// Set when the run is being abandoned (the output was closed).
    pub cancel: &'a AtomicBool,
}

/// What a worker hands over for one task.
#[derive(Default)]
struct Reported {
    read: ReadOutcome,
    found: Vec<Placed>,
    suppressed: usize,
    /// Sentences too long for the checker that hold a claim's terms: how many, and the
    /// position (line, column) of the first.
    long: Option<(usize, (usize, usize))>,
    last: bool,
}

/// The end of a run.
pub struct Outcome {
    pub summary: Summary,
    pub had_error: bool,
    /// The output was closed before the end (`| head`): the run stopped early.
    pub closed: bool,
    pub entries: Vec<Entry>,
}

/// The feed, with a signal for workers waiting on its bound.
struct Shared<'a> {
    feed: Mutex<Feed<'a>>,
    room: Condvar,
    /// The most tasks out at once.
    ahead: usize,
}

impl<'a> Shared<'a> {
    /// The next task, waiting while too many are out; `None` at the end or when cancelled.
    fn take(&self, job: &Job<'a>, inputs: &'a [Input]) -> Option<Task<'a>> {
        let mut feed = self.feed.lock().ok()?;
        while feed.outstanding >= self.ahead {
            if job.cancel.load(Ordering::Relaxed) {
                return None;
            }
            feed = self.room.wait(feed).ok()?;
        }
        if job.cancel.load(Ordering::Relaxed) {
            return None;
        }
        feed.next_task(inputs, job.format, |input| {
            DiffScope::of(
                job.changed,
                &absolute(input.key_path(), job.cwd).to_string_lossy(),
            )
        })
    }

    /// A task has been printed: room for another.
    fn done(&self) {
        if let Ok(mut feed) = self.feed.lock() {
            feed.outstanding = feed.outstanding.saturating_sub(1);
        }
        self.room.notify_one();
    }
}

/// Checks every input with up to `threads` workers — files in parallel, and the chunks of a
/// large plain-text file in parallel too — printing findings in input order, then position
/// order. When a thread cannot be started, the run goes on with those that could (on this
/// thread alone if none could).
pub fn check_all<'a>(
    job: &Job<'a>,
    inputs: &'a [Input],
    threads: usize,
    printer: &mut dyn Printer,
) -> io::Result<Outcome> {
    let mut outcome = Outcome {
        summary: Summary::default(),
        had_error: false,
        closed: false,
        entries: Vec::new(),
    };
    let threads = threads.max(1);
    let shared = Shared {
        feed: Mutex::new(Feed::new()),
        room: Condvar::new(),
        ahead: TASKS_AHEAD_PER_THREAD * threads,
    };
    let mut printing = Printing {
        job,
        inputs,
        input: 0,
        baseline: None,
        lossy_noted: None,
        printer,
        outcome: &mut outcome,
    };
    // The channel never blocks a worker: the feed's bound already limits what is out.
    let (tx, rx) = mpsc::channel::<((usize, usize), Reported)>();
    let result = std::thread::scope(|scope| -> io::Result<()> {
        let mut started = 0;
        for _ in 0..threads {
            let tx = tx.clone();
            let shared = &shared;
            let worker = move || {
                while let Some(task) = shared.take(job, inputs) {
                    let key = (task.input, task.seq);
                    if tx.send((key, run_task(job, task))).is_err() {
                        return;
                    }
                }
            };
            match std::thread::Builder::new().spawn_scoped(scope, worker) {
                Ok(_) => started += 1,
                Err(_) => break, // a process or memory limit: go on with fewer
            }
        }
        drop(tx);
        if started == 0 {
            // Not one thread: check here, in order.
            while let Some(task) = shared.take(job, inputs) {
                let reported = run_task(job, task);
                let r = printing.hand_over(reported);
                shared.done();
                if let Err(e) = r {
                    job.cancel.store(true, Ordering::Relaxed);
                    return Err(e);
                }
            }
            return Ok(());
        }
        // Results wait here until every earlier chunk has been printed.
        let mut waiting: BTreeMap<(usize, usize), Reported> = BTreeMap::new();
        let mut current = (0, 0);
        let mut result = Ok(());
        'receive: for (key, reported) in &rx {
            waiting.insert(key, reported);
            while let Some(reported) = waiting.remove(&current) {
                let last = reported.last;
                result = printing.hand_over(reported);
                shared.done();
                if result.is_err() {
                    break 'receive;
                }
                current = if last {
                    (current.0 + 1, 0)
                } else {
                    (current.0, current.1 + 1)
                };
            }
        }
        if result.is_err() {
            job.cancel.store(true, Ordering::Relaxed);
            shared.room.notify_all();
        }
        drop(rx);
        result
    });
    match result {
        Ok(()) => Ok(outcome),
        Err(e) if e.kind() == io::ErrorKind::BrokenPipe => {
            outcome.closed = true;
            Ok(outcome)
        }
        Err(e) => Err(e),
    }
}

/// Checks one task's text, off the feed's lock.
fn run_task(job: &Job, task: Task) -> Reported {
    let mut report = Reported {
        last: task.last,
        ..Reported::default()
    };
    if task.outcome.error.is_none() && !task.outcome.skipped && !task.text.is_empty() {
        let checked = check_text(job, &task);
        report.found = checked.found;
        report.suppressed = checked.suppressed;
        report.long = checked.long;
    }
    report.read = task.outcome;
    report
}

/// The printing side: the baseline, the summary and the printer.
struct Printing<'p, 'a> {
    job: &'p Job<'a>,
    inputs: &'a [Input],
    /// The input whose chunks are being printed.
    input: usize,
    /// The current input's baseline entries.
    baseline: Option<(usize, Remaining)>,
    /// The last input whose invalid bytes were noted.
    lossy_noted: Option<usize>,
    printer: &'p mut dyn Printer,
    outcome: &'p mut Outcome,
}

impl Printing<'_, '_> {
    /// Prints one task's findings, in order, after the baseline has had its say.
    fn hand_over(&mut self, mut reported: Reported) -> io::Result<()> {
        let (job, outcome) = (self.job, &mut *self.outcome);
        let input = self.input;
        if reported.last {
            self.input += 1;
        }
        let Some(entry) = self.inputs.get(input) else {
            return Ok(());
        };
        let name = entry.name();
        if let Some(mut e) = reported.read.error.take() {
            if e.path.is_empty() {
                e.path = name.to_string();
            }
            super::report_error(&e);
            self.printer.error(&e)?;
            outcome.had_error = true;
        }
        if reported.read.skipped {
            super::warn(&format!(
                "{}: binary file skipped",
                super::escape_controls(name)
            ));
        }
        // Once per input, whichever chunk held the invalid bytes.
        if reported.read.lossy && self.lossy_noted != Some(input) {
            self.lossy_noted = Some(input);
            super::warn(&format!(
                "warning: {}: not valid {}; invalid bytes were replaced",
                super::escape_controls(name),
                match reported.read.encoding {
                    Encoding::Utf8 => "UTF-8",
                    Encoding::Utf16Le | Encoding::Utf16Be => "UTF-16",
                }
            ));
        }
        if let Some((n, (line, column))) = reported.long {
            super::warn(&format!(
                "warning: {}:{line}:{column}: {n} {} longer than {} bytes, with a claim's \
                 words, not checked (split {})",
                super::escape_controls(name),
                if n == 1 { "sentence" } else { "sentences" },
                check::MAX_SENTENCE_BYTES,
                if n == 1 { "it" } else { "them" },
            ));
            outcome.summary.unchecked_sentences += n;
        }
        let s = &mut outcome.summary;
        s.files += usize::from(reported.read.checked);
        s.skipped += usize::from(reported.read.skipped);
        s.suppressed += reported.suppressed;
        let mut found = std::mem::take(&mut reported.found);
        let key = || absolute(entry.key_path(), job.cwd);
        if let Some(folder) = job.record {
            let path = baseline::relative(folder, &key());
            for p in &found {
                let claim = &job.db.claims[p.finding.claim];
                outcome.entries.push(Entry {
                    path: path.clone(),
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
            if self.baseline.as_ref().is_none_or(|(i, _)| *i != input) {
                let remaining = entries.get(&key()).cloned().unwrap_or_default();
                self.baseline = Some((input, remaining));
            }
            if let Some((_, remaining)) = &mut self.baseline {
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
            self.printer.file(job.db, name, &found)?;
        }
        Ok(())
    }
}

/// What checking one text gives.
struct Checked {
    found: Vec<Placed>,
    suppressed: usize,
    long: Option<(usize, (usize, usize))>,
}

/// Checks one text (a whole file, or a chunk of plain text) and keeps the findings to report:
/// those not suppressed inline and inside the input's diff scope.
fn check_text(job: &Job, task: &Task) -> Checked {
    let source = task.text.as_str();
    let prose;
    let (prose_ref, text): (&Prose, &str) = if task.format == Format::Text {
        prose = Prose::identity();
        (&prose, source)
    } else {
        prose = Prose::read(task.format, source);
        (&prose, prose.text.as_str())
    };
    let findings = check::check(job.db, text);
    let long = long_sentences(job.db, text);
    let mut checked = Checked {
        found: Vec::new(),
        suppressed: 0,
        long: None,
    };
    if findings.is_empty() && long.is_empty() {
        return checked;
    }
    let locator = match (&task.raw, task.encoding) {
        (Some(bytes), _) => Locator::lossy(source, task.origin, bytes),
        (None, Encoding::Utf8) => Locator::new(source, task.origin),
        (None, Encoding::Utf16Le | Encoding::Utf16Be) => Locator::utf16(source, task.origin),
    };
    if let Some(first) = long.first() {
        let p = locator.position(prose_ref.source_start(first.start));
        checked.long = Some((long.len(), (p.line, p.column)));
    }
    let suppressions = Suppressions::parse(task.format, source, &locator);
    checked.found.reserve(findings.len());
    for f in findings {
        let placed = Placed::new(job.db, f, prose_ref, text, &locator);
        let id = job.db.claims[placed.finding.claim].id.as_str();
        if suppressions.covers(placed.start.line, id) {
            checked.suppressed += 1;
            continue;
        }
        let reported = match &*task.scope {
            DiffScope::All => true,
            DiffScope::Untouched => false,
            scope => {
                let sentence = prose_ref.source_range(&placed.finding.sentence);
                let first = locator.position(sentence.start).line;
                let last = locator.position(sentence.end).line;
                scope.reports(first, last)
            }
        };
        if reported {
            checked.found.push(placed);
        }
    }
    checked
}

/// The sentences the checker skips for their length ([`check::MAX_SENTENCE_BYTES`]) that hold
/// some claim's words, so that a skipped claim is never silent. Only paragraphs longer than
/// the limit are split, so ordinary prose costs one scan for blank lines.
fn long_sentences(db: &Database, text: &str) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    if text.len() <= check::MAX_SENTENCE_BYTES {
        return out;
    }
    let long = crate::text::paragraphs(text).filter(|p| p.len() > check::MAX_SENTENCE_BYTES);
    for para in long {
        for s in crate::text::split_sentences(text, para, &db.lexicon) {
            if s.len() > check::MAX_SENTENCE_BYTES && db.hits(&text[s.clone()]).next().is_some() {
                out.push(s);
            }
        }
    }
    out
}

/// An input's path as an absolute key, for matching diffs and baselines.
pub fn absolute(path: &Path, cwd: &Path) -> PathBuf {
    baseline::absolute(path, cwd)
}
