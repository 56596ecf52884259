//! `check --records`, web archives and `--uncovered`: inputs read as documents (JSON Lines
//! records, WARC response records, or whole files), checked in parallel, written in input
//! order, one document's findings at a time.
//!
//! Memory stays flat: items are read one at a time under the feed's lock, and no worker takes
//! a new item more than [`WINDOW_PER_THREAD`] items per thread ahead of the printer, so a slow
//! document holds back the readers instead of letting results pile up.

use std::collections::BTreeMap;
use std::io::{self, BufRead, Write};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Condvar, Mutex, mpsc};
use std::time::Duration;

use super::{CheckArgs, FailOn, Format, InputFormat, Show};
use crate::check::Verdict;
use crate::db::Database;
use crate::markup;
use crate::records::output::{self, Checked, Framing};
use crate::records::sarif::DocSarif;
use crate::records::warc::{self, WarcRecords};
use crate::records::{Document, Item, JsonLines, Place};
use crate::report::InputError;
use crate::uncovered::Subjects;

/// How many items may be in flight (read, not yet printed) per worker thread.
const WINDOW_PER_THREAD: usize = 16;

/// Whether `check` runs over documents instead of files: `--records`, `--input-format
/// jsonl-records`, `--uncovered` (or `--fail-on uncovered`), or only web archives as inputs.
pub fn applies(args: &CheckArgs, fail_on: FailOn) -> bool {
    args.records
        || args.input_format == Some(InputFormat::JsonlRecords)
        || args.uncovered
        || fail_on == FailOn::Uncovered
        || (!args.paths.is_empty()
            && args
                .paths
                .iter()
                .all(|p| warc::is_warc_path(&p.to_string_lossy())))
}

/// One source of items.
enum Source {
    Records(JsonLines<Box<dyn BufRead + Send>>),
    Warc(WarcRecords<Box<dyn BufRead + Send>>),
    /// A whole file, one document; taken on the first call.
    File(Option<(Place, Document)>),
}

impl Source {
    fn next_item(&mut self) -> Option<Item> {
        match self {
            Source::Records(r) => r.next_item(),
            Source::Warc(w) => w.next_item(),
            Source::File(doc) => doc.take().map(|(p, d)| Item::Doc(p, d)),
        }
    }
}

/// Hands out items in input order.
struct Feed {
    inputs: Vec<String>,
    next_input: usize,
    open: Option<Source>,
    records: bool,
    forced: Option<markup::Format>,
    /// Items handed out so far, and items printed so far (for the window).
    taken: usize,
    printed: usize,
}

impl Feed {
    fn open(&self, name: &str) -> Result<Source, String> {
        let reader: Box<dyn BufRead + Send> = if name == "-" {
            Box::new(io::BufReader::new(io::stdin()))
        } else {
            let f = std::fs::File::open(name)
                .map_err(|e| format!("{name}: cannot read: {}", crate::input::describe_io(&e)))?;
            Box::new(io::BufReader::with_capacity(1 << 20, f))
        };
        if warc::is_warc_path(name) {
            let w = warc::open(reader, name).map_err(|e| format!("{name}: cannot read: {e}"))?;
            return Ok(Source::Warc(w));
        }
        if self.records {
            return Ok(Source::Records(JsonLines::new(reader, name)));
        }
        let mut bytes = Vec::new();
        let mut reader = reader;
        std::io::Read::read_to_end(&mut reader, &mut bytes)
            .map_err(|e| format!("{name}: cannot read: {}", crate::input::describe_io(&e)))?;
        let place = Place {
            source: name.to_string(),
            record: 1,
            line: 1,
        };
        let doc = Document {
            id: name.to_string(),
            url: None,
            date: None,
            format: self
                .forced
                .unwrap_or_else(|| markup::Format::from_path(name)),
            text: crate::input::decode(bytes).text,
        };
        Ok(Source::File(Some((place, doc))))
    }

    /// The next item and its sequence number.
    fn next(&mut self) -> Option<(usize, Item)> {
        loop {
            if let Some(src) = &mut self.open {
                if let Some(item) = src.next_item() {
                    let failed = matches!(item, Item::Failed(_));
                    if failed {
                        self.open = None;
                    }
                    self.taken += 1;
                    return Some((self.taken - 1, item));
                }
                self.open = None;
            }
            let name = self.inputs.get(self.next_input)?.clone();
            self.next_input += 1;
            match self.open(&name) {
                Ok(src) => self.open = Some(src),
                Err(msg) => {
                    self.taken += 1;
                    return Some((self.taken - 1, Item::Failed(msg)));
                }
            }
        }
    }
}

/// What a worker hands over.
enum Done {
    Doc(Box<(Place, Document, Checked)>),
    Bad(Place, String),
    Skipped,
    Failed(String),
}

/// Totals of a run.
#[derive(Debug, Default)]
struct Totals {
    docs: usize,
    bytes: usize,
    agrees: usize,
    conflicts: usize,
    uncovered: usize,
    skipped: usize,
    bad: usize,
}

/// The refusal of an option that applies to files only, when the run reads documents.
pub fn file_only_option(args: &CheckArgs) -> Option<String> {
    let unsupported = [
        (args.baseline.is_some(), "--baseline"),
        (args.write_baseline.is_some(), "--write-baseline"),
        (args.diff.is_some(), "--diff"),
        (args.diff_base.is_some(), "--diff-base"),
    ];
    let (_, name) = unsupported.iter().find(|(on, _)| *on)?;
    Some(format!(
        "{name} applies to files; it cannot be combined with records, web archives or \
         --uncovered"
    ))
}

/// Runs `check` over documents; returns the exit code.
pub fn run(
    args: &CheckArgs,
    db: &Database,
    format: Format,
    show: Show,
    fail_on: FailOn,
) -> io::Result<u8> {
    let mut sink = match format {
        Format::Jsonl => Sink::Lines,
        Format::Json => Sink::Json {
            framing: Framing::Array { first: true },
            errors: Vec::new(),
        },
        Format::Sarif => Sink::Sarif(Box::default()),
        Format::Human => Sink::Human,
        Format::Github | Format::Rdjsonl => {
            return super::fail(
                "records, web archives and --uncovered are written as --format jsonl, json, \
                 sarif or human",
            );
        }
    };
    if let Some(message) = file_only_option(args) {
        return super::fail(&message);
    }
    let records = args.records || args.input_format == Some(InputFormat::JsonlRecords);
    let mut paths = args.paths.clone();
    if let Some(from) = &args.files_from {
        match super::walk::read_path_list(from) {
            Ok(list) => paths.extend(list),
            Err(msg) => return super::fail(&msg),
        }
    }
    let walk = super::walk::WalkOptions {
        globs: &args.globs,
        excludes: &args.excludes,
        hidden: args.hidden,
        no_ignore: args.no_ignore,
    };
    let mut errors = Vec::new();
    let inputs: Vec<String> = super::walk::expand(&paths, "-", &walk, &mut errors)
        .iter()
        .map(|i| i.name().to_string())
        .collect();
    for e in &errors {
        super::report_error(e);
    }
    let forced = args
        .input_format
        .filter(|f| *f != InputFormat::JsonlRecords)
        .map(markup::Format::from);
    let subjects = (args.uncovered || fail_on == FailOn::Uncovered).then(|| Subjects::new(db));
    let threads = args
        .threads
        .unwrap_or_else(|| std::thread::available_parallelism().map_or(1, |n| n.get()))
        .max(1);
    let window = threads * WINDOW_PER_THREAD;
    let feed = (
        Mutex::new(Feed {
            inputs,
            next_input: 0,
            open: None,
            records,
            forced,
            taken: 0,
            printed: 0,
        }),
        Condvar::new(),
    );
    let cancel = AtomicBool::new(false);
    let color = super::use_color(args.color);
    let conflicts_only = show == Show::Conflicts && format == Format::Human;
    let shown = Shown {
        color,
        conflicts_only,
    };
    let progress = super::progress::progress_bar(args, "documents");
    let mut totals = Totals::default();
    let stdout = io::stdout();
    let mut out = io::BufWriter::new(stdout.lock());
    if let Sink::Json { .. } = sink {
        out.write_all(b"{\"version\":1,\"findings\":[")?;
    }
    let (tx, rx) = mpsc::sync_channel::<(usize, Done)>(window);
    let result = std::thread::scope(|scope| -> io::Result<()> {
        for _ in 0..threads {
            let (tx, feed, cancel, subjects) = (tx.clone(), &feed, &cancel, subjects.as_ref());
            scope.spawn(move || {
                loop {
                    let next = {
                        let Ok(mut f) = feed.0.lock() else { return };
                        while f.taken >= f.printed + window && !cancel.load(Ordering::Relaxed) {
                            f = match feed.1.wait_timeout(f, Duration::from_millis(50)) {
                                Ok((f, _)) => f,
                                Err(_) => return,
                            };
                        }
                        if cancel.load(Ordering::Relaxed) {
                            return;
                        }
                        f.next()
                    };
                    let Some((seq, item)) = next else { return };
                    let done = match item {
                        Item::Doc(place, doc) => {
                            let checked = output::check_document(db, subjects, &doc);
                            Done::Doc(Box::new((place, doc, checked)))
                        }
                        Item::Bad(place, msg) => Done::Bad(place, msg),
                        Item::Skipped => Done::Skipped,
                        Item::Failed(msg) => Done::Failed(msg),
                    };
                    if tx.send((seq, done)).is_err() {
                        return;
                    }
                }
            });
        }
        drop(tx);
        let mut waiting: BTreeMap<usize, Done> = BTreeMap::new();
        let mut next = 0;
        let printed = (|| -> io::Result<()> {
            for (seq, done) in &rx {
                waiting.insert(seq, done);
                while let Some(done) = waiting.remove(&next) {
                    next += 1;
                    emit(&mut out, db, done, &mut sink, shown, &mut totals)?;
                    if let Some(pb) = &progress {
                        pb.set_position(totals.docs as u64);
                        pb.set_message(format!(
                            "{} MB, {} conflicts, {} agree, {} uncovered",
                            totals.bytes >> 20,
                            totals.conflicts,
                            totals.agrees,
                            totals.uncovered
                        ));
                    }
                    if let Ok(mut f) = feed.0.lock() {
                        f.printed = next;
                    }
                    feed.1.notify_all();
                }
            }
            Ok(())
        })();
        if printed.is_err() {
            cancel.store(true, Ordering::Relaxed);
            feed.1.notify_all();
        }
        drop(rx);
        printed
    });
    if let Some(pb) = &progress {
        pb.finish_and_clear();
    }
    result?;
    finish(&mut out, sink, &totals, color)?;
    out.flush()?;
    if totals.skipped > 0 && format != Format::Human {
        super::warn(&format!(
            "{} archive records skipped (not HTML responses)",
            totals.skipped
        ));
    }
    Ok(if !errors.is_empty() || totals.bad > 0 {
        2
    } else {
        match fail_on {
            FailOn::Conflicts if totals.conflicts > 0 => 1,
            FailOn::Any if totals.conflicts + totals.agrees > 0 => 1,
            FailOn::Uncovered if totals.conflicts + totals.uncovered > 0 => 1,
            _ => 0,
        }
    })
}

/// Where findings go.
enum Sink {
    Lines,
    Json {
        framing: Framing,
        errors: Vec<serde_json::Value>,
    },
    Sarif(Box<DocSarif>),
    Human,
}

/// What human output shows.
#[derive(Debug, Clone, Copy)]
struct Shown {
    color: bool,
    conflicts_only: bool,
}

/// Ends the output: the JSON document's errors and summary, the SARIF log, the human line.
fn finish(out: &mut impl Write, sink: Sink, t: &Totals, color: bool) -> io::Result<()> {
    match sink {
        Sink::Lines => Ok(()),
        Sink::Human => summary(out, t, color),
        Sink::Json { errors, .. } => {
            let summary = serde_json::json!({
                "documents": t.docs,
                "findings": t.agrees + t.conflicts + t.uncovered,
                "agrees": t.agrees,
                "conflicts": t.conflicts,
                "uncovered": t.uncovered,
                "skipped": t.skipped,
                "unreadable": t.bad,
            });
            out.write_all(b"],\"errors\":")?;
            serde_json::to_writer(&mut *out, &errors).map_err(io::Error::other)?;
            out.write_all(b",\"summary\":")?;
            serde_json::to_writer(&mut *out, &summary).map_err(io::Error::other)?;
            out.write_all(b"}\n")
        }
        Sink::Sarif(sarif) => {
            let s = crate::report::Summary {
                files: t.docs,
                findings: t.agrees + t.conflicts,
                agrees: t.agrees,
                conflicts: t.conflicts,
                ..Default::default()
            };
            sarif.finish(out, &s)
        }
    }
}

/// Writes one item's output and counts it.
fn emit(
    out: &mut impl Write,
    db: &Database,
    done: Done,
    sink: &mut Sink,
    shown: Shown,
    totals: &mut Totals,
) -> io::Result<()> {
    match done {
        Done::Doc(boxed) => {
            let (place, doc, mut checked) = *boxed;
            totals.docs += 1;
            totals.bytes += doc.text.len();
            for p in &checked.found {
                match p.finding.verdict {
                    Verdict::Agrees => totals.agrees += 1,
                    Verdict::Conflicts => totals.conflicts += 1,
                }
            }
            totals.uncovered += checked.uncovered.len();
            match sink {
                Sink::Human => {
                    if shown.conflicts_only {
                        checked
                            .found
                            .retain(|p| p.finding.verdict == Verdict::Conflicts);
                    }
                    output::write_human(out, db, &doc, &checked, shown.color)
                }
                Sink::Lines => output::write_jsonl(out, db, &place, &doc, &checked),
                Sink::Json { framing, .. } => {
                    output::write_json(out, db, &place, &doc, &checked, framing)
                }
                Sink::Sarif(sarif) => sarif.document(db, &doc, &checked),
            }
        }
        Done::Bad(place, msg) => {
            totals.bad += 1;
            let e = InputError {
                path: place.to_string(),
                message: format!("{msg}; skipped"),
            };
            super::report_error(&e);
            record_error(sink, &e)
        }
        Done::Skipped => {
            totals.skipped += 1;
            Ok(())
        }
        Done::Failed(msg) => {
            totals.bad += 1;
            super::warn(&msg);
            let (path, message) = msg.split_once(": ").unwrap_or(("-", &msg));
            let e = InputError {
                path: path.to_string(),
                message: message.to_string(),
            };
            record_error(sink, &e)
        }
    }
}

/// Keeps an input error for the JSON document or the SARIF log (stderr has it already).
fn record_error(sink: &mut Sink, e: &InputError) -> io::Result<()> {
    match sink {
        Sink::Json { errors, .. } => {
            errors.push(serde_json::json!({"path": e.path, "message": e.message}));
            Ok(())
        }
        Sink::Sarif(sarif) => sarif.error(e),
        Sink::Lines | Sink::Human => Ok(()),
    }
}

/// The human summary line.
fn summary(out: &mut impl Write, t: &Totals, color: bool) -> io::Result<()> {
    let plural =
        |n: usize, one: &str, many: &str| format!("{n} {}", if n == 1 { one } else { many });
    let mut line = format!(
        "{} checked: {} agreeing, {}",
        plural(t.docs, "document", "documents"),
        t.agrees,
        plural(t.conflicts, "conflict", "conflicts"),
    );
    if t.uncovered > 0 {
        let u = plural(t.uncovered, "uncovered statistic", "uncovered statistics");
        line.push_str(&if color {
            let d = anstyle::Style::new().dimmed();
            format!(", {d}{u}{d:#}")
        } else {
            format!(", {u}")
        });
    }
    if t.skipped > 0 {
        line.push_str(&format!(
            ", {} skipped",
            plural(t.skipped, "archive record", "archive records")
        ));
    }
    if t.bad > 0 {
        line.push_str(&format!(
            ", {} not readable",
            plural(t.bad, "record", "records")
        ));
    }
    writeln!(out, "{line}")
}
