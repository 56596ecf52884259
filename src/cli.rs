//! The command line: arguments, reading inputs, choosing a printer, exit codes.
#![allow(clippy::print_stderr)] // the CLI edge is where warnings and errors are written

/// Writes a line to stderr, like `eprintln!`, but never panics: with stderr closed (a CI
/// runner gone, `2>&-`) the message is dropped and the run goes on.
macro_rules! say {
    ($($arg:tt)*) => {{
        use std::io::Write as _;
        let _ = writeln!(std::io::stderr(), $($arg)*);
    }};
}

use std::io::{self, IsTerminal, Write};
use std::process::ExitCode;
use std::sync::atomic::AtomicBool;

use clap::Parser;

use crate::baseline::{self, Baseline};
use crate::db::{self, Database};
use crate::input::read_limited;
use crate::markup;
use crate::report::{self, InputError, Printer};

mod args;
pub(crate) mod config;
mod feed;
mod man;
mod plan;
mod progress;
mod records;
mod report_cmd;
mod run;
pub(crate) mod tooling;
pub(crate) mod walk;

pub use args::*;
pub use config::Config;
pub use feed::{CHUNK_BYTES, Input, MAX_MARKUP_BYTES};

/// Runs the command line and returns the process exit code.
pub fn main() -> ExitCode {
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(e) => {
            let code = if e.use_stderr() { 2 } else { 0 };
            let _ = e.print();
            return ExitCode::from(code);
        }
    };
    match run(cli) {
        Ok(code) => ExitCode::from(code),
        Err(e) if e.kind() == io::ErrorKind::BrokenPipe => ExitCode::SUCCESS,
        Err(e) => {
            say!("claimcheck: error: {e}");
            ExitCode::from(2)
        }
    }
}

/// Runs a parsed command; `Ok` carries the exit code.
pub fn run(cli: Cli) -> io::Result<u8> {
    match cli.command {
        Command::Check(args) => run_check(*args),
        Command::Completions { shell } => {
            let mut cmd = <Cli as clap::CommandFactory>::command();
            let mut out = io::stdout().lock();
            clap_complete::generate(shell, &mut cmd, "claimcheck", &mut out);
            out.flush()?;
            Ok(0)
        }
        Command::Man => {
            let mut out = io::stdout().lock();
            man::render(&mut out)?;
            out.flush()?;
            Ok(0)
        }
        Command::Db {
            command: DbCommand::List(o),
        } => tooling::db_list(&o.dbs, o.format),
        Command::Db {
            command: DbCommand::Test(a),
        } => {
            let mut dbs = a.options.dbs;
            dbs.extend(a.paths);
            tooling::db_test(&dbs, a.options.format)
        }
        Command::Db {
            command: DbCommand::Lint(a),
        } => {
            let mut dbs = a.options.dbs;
            dbs.extend(a.paths);
            tooling::db_lint(&dbs, a.options.format)
        }
        Command::Db {
            command: DbCommand::Schema,
        } => {
            let mut out = io::stdout().lock();
            out.write_all(Database::json_schema().as_bytes())?;
            out.flush()?;
            Ok(0)
        }
        Command::Db {
            command: DbCommand::Export(a),
        } => {
            let mut dbs = a.dbs;
            dbs.extend(a.paths);
            tooling::db_export(&dbs, &a.author, &a.url_base)
        }
        Command::Db {
            command: DbCommand::New(a),
        } => tooling::db_new(&a),
        Command::Db {
            command: DbCommand::Import(a),
        } => tooling::db_import(&a.file, a.output.as_deref(), a.force),
        Command::Lsp => Ok(crate::lsp::run()),
        Command::Report(args) => report_cmd::run(&args),
        Command::Explain(a) => match (a.text, a.claim_id) {
            (Some(text), _) => {
                tooling::explain_text(&a.options.dbs, a.options.format, &text, a.all)
            }
            (None, Some(_)) if a.all => {
                say!("claimcheck: explain --all lists the claims of a text: use it with --text");
                Ok(2)
            }
            (None, Some(id)) => tooling::explain_claim(&a.options.dbs, a.options.format, &id),
            (None, None) => {
                say!("claimcheck: explain needs a CLAIM_ID or --text");
                Ok(2)
            }
        },
    }
}

pub(crate) fn load_databases(paths: &[String]) -> Result<Database, String> {
    if paths.is_empty() {
        return Database::embedded().map_err(|e| {
            format!("{e}\nclaimcheck: the built-in database is broken; this is a bug")
        });
    }
    let sources = read_sources(paths)?;
    Database::from_sources(&sources).map_err(|e| e.to_string())
}

/// Reads database files as (path, text); the built-in database when `paths` is empty. The
/// error names the file that cannot be read (and, for bad UTF-8, the line and column).
fn read_sources(paths: &[String]) -> Result<Vec<(String, String)>, String> {
    if paths.is_empty() {
        return Ok(vec![(
            db::EMBEDDED_NAME.to_string(),
            db::EMBEDDED.to_string(),
        )]);
    }
    let mut sources = Vec::new();
    for p in paths {
        // At most the limit plus one byte is read, whatever the file (`/dev/zero`, a pipe).
        match read_limited(std::path::Path::new(p), db::MAX_DB_BYTES) {
            Err(crate::input::ReadError::TooLarge(_)) => {
                return Err(format!(
                    "{p}:1:1: the database is larger than {} MiB; split it into several files",
                    db::MAX_DB_BYTES >> 20
                ));
            }
            Ok(bytes) => match String::from_utf8(bytes) {
                Ok(s) => sources.push((p.clone(), s)),
                Err(e) => {
                    let (line, col) = db::line_col(
                        &String::from_utf8_lossy(e.as_bytes()),
                        e.utf8_error().valid_up_to(),
                    );
                    return Err(format!("{p}:{line}:{col}: the database is not valid UTF-8"));
                }
            },
            Err(e) => {
                return Err(format!("{p}: cannot read the database: {e}"));
            }
        }
    }
    Ok(sources)
}

/// Writes a note or warning on stderr.
fn warn(message: &str) {
    say!("claimcheck: {message}");
}

/// Writes an input error on stderr.
fn report_error(e: &InputError) {
    say!("claimcheck: {}: {}", escape_controls(&e.path), e.message);
}

pub use report::escape_controls;

fn use_color(choice: ColorChoice) -> bool {
    match choice {
        ColorChoice::Always => true,
        ColorChoice::Never => false,
        ColorChoice::Auto => {
            std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty()) && io::stdout().is_terminal()
        }
    }
}

/// Exit code 2 with a message: the run cannot start.
fn fail(message: &str) -> io::Result<u8> {
    say!("claimcheck: {message}");
    Ok(2)
}

fn run_check(args: CheckArgs) -> io::Result<u8> {
    let color = use_color(args.color);
    let forced = args.input_format.map(markup::Format::from);
    // Records, web archives and --uncovered have their own runner; it reads the arguments
    // the plan consumes.
    let own = args.clone();
    // Refused before the plan reads the files those options name.
    if records::applies(&own, own.fail_on.unwrap_or(FailOn::Conflicts))
        && let Some(message) = records::file_only_option(&own)
    {
        return fail(&message);
    }
    let plan = match plan::plan(args) {
        Ok(plan) => plan,
        Err(refusal) => {
            if let Some(details) = refusal.details {
                say!("{details}");
            }
            return fail(&refusal.message);
        }
    };
    if records::applies(&own, plan.fail_on) {
        return records::run(&own, &plan.db, plan.format, plan.show, plan.fail_on);
    }
    if let Some(config) = &plan.config
        && plan.format == Format::Human
    {
        warn(&format!(
            "note: using the project file {}",
            escape_controls(&config.to_string_lossy())
        ));
    }
    let stdout = io::stdout();
    let out = io::BufWriter::new(stdout.lock());
    let mut printer = printer(&plan, out, color);
    let printer: &mut dyn Printer = if plan.show == Show::Conflicts
        && matches!(
            plan.format,
            Format::Human | Format::Github | Format::Rdjsonl
        ) {
        // Machine formats carry every finding; the others may leave agreements out.
        &mut ConflictsOnly(printer.as_mut())
    } else {
        printer.as_mut()
    };
    let mut closed = false;
    for e in &plan.errors {
        report_error(e);
        closed |= is_closed(printer.error(e))?;
    }
    let cancel = AtomicBool::new(closed);
    let progress = progress::progress_bar(&own, "files");
    let job = run::Job {
        db: &plan.db,
        format: forced,
        changed: plan.changed.as_ref(),
        baseline: plan.baseline.as_ref().map(|b| &b.entries),
        record: plan
            .write_baseline
            .as_ref()
            .map(|(_, folder)| folder.as_path()),
        cwd: &plan.cwd,
        cancel: &cancel,
        progress: progress.as_ref(),
    };
    let outcome = run::check_all(&job, &plan.inputs, plan.threads, printer)?;
    if let Some(pb) = &progress {
        pb.finish_and_clear();
    }
    closed |= outcome.closed;
    if !closed {
        closed |= is_closed(
            printer
                .finish(&outcome.summary)
                .and_then(|()| io::stdout().flush()),
        )?;
    }
    let had_error = !plan.errors.is_empty() || outcome.had_error;
    let summary = outcome.summary;
    let baseline_failed = finish_baselines(&plan, outcome, closed);
    Ok(exit_code(
        &summary,
        had_error || baseline_failed,
        closed,
        plan.fail_on,
    ))
}

/// After the run: warns when `--baseline` matched nothing, and writes `--write-baseline`.
/// `true` when the baseline could not be written.
fn finish_baselines(plan: &plan::Plan, outcome: run::Outcome, closed: bool) -> bool {
    if let Some(b) = &plan.baseline
        && b.len > 0
        && outcome.summary.baselined == 0
        && !closed
    {
        warn(&format!(
            "warning: the baseline {} matched no finding (its paths are relative to its own \
             folder; was it written for other files?)",
            escape_controls(&b.path)
        ));
    }
    let Some((path, _)) = &plan.write_baseline else {
        return false;
    };
    if closed {
        warn("the output was closed before the end; the baseline was not written");
        return true;
    }
    let mut b = Baseline {
        version: baseline::VERSION,
        findings: outcome.entries,
    };
    match b.write_atomic(path) {
        Ok(()) => false,
        Err(e) => {
            warn(&format!(
                "{}: cannot write the baseline: {}",
                escape_controls(&path.to_string_lossy()),
                crate::input::describe_io(&e)
            ));
            true
        }
    }
}

/// The exit code: 2 for an error, 1 for what `--fail-on` counts, else 0 — except that when the
/// output was closed early (`| head`) with nothing counted yet, 141 (as a SIGPIPE would end
/// it): the run stopped before it could know, so it never claims success.
fn exit_code(s: &report::Summary, had_error: bool, closed: bool, fail_on: FailOn) -> u8 {
    if had_error {
        return 2;
    }
    let failed = match fail_on {
        // Uncovered statistics are counted by the records runner; here only conflicts can be.
        FailOn::Conflicts | FailOn::Uncovered => s.conflicts > 0,
        FailOn::Any => s.findings > 0,
        FailOn::Never => false,
    };
    if failed {
        1
    } else if closed && fail_on != FailOn::Never {
        EXIT_CLOSED_OUTPUT
    } else {
        0
    }
}

/// The exit code of a run whose output closed before it could finish (128 + SIGPIPE).
const EXIT_CLOSED_OUTPUT: u8 = 141;

/// `true` when a write failed because the output was closed; other errors pass on.
fn is_closed(r: io::Result<()>) -> io::Result<bool> {
    match r {
        Ok(()) => Ok(false),
        Err(e) if e.kind() == io::ErrorKind::BrokenPipe => Ok(true),
        Err(e) => Err(e),
    }
}

/// The printer of the run's format, writing to `out`.
fn printer<'a, W: Write + 'a>(plan: &plan::Plan, out: W, color: bool) -> Box<dyn Printer + 'a> {
    match plan.format {
        Format::Human => Box::new(report::Human::new(out, color)),
        Format::Json => Box::new(
            report::Json::new(out).with_config(
                plan.config
                    .as_ref()
                    .map(|c| c.to_string_lossy().into_owned()),
            ),
        ),
        Format::Jsonl => Box::new(report::JsonLines::new(out)),
        Format::Sarif => Box::new(report::Sarif::new(out)),
        Format::Github => Box::new(report::Github::new(
            out,
            std::env::var_os("GITHUB_STEP_SUMMARY")
                .filter(|v| !v.is_empty())
                .map(std::path::PathBuf::from),
        )),
        Format::Rdjsonl => Box::new(report::Rdjsonl::new(out)),
    }
}

/// A printer that passes on only conflicts (`--show conflicts`); the summary stays complete.
struct ConflictsOnly<'a>(&'a mut dyn Printer);

impl Printer for ConflictsOnly<'_> {
    fn file(&mut self, db: &Database, path: &str, found: &[report::Placed]) -> io::Result<()> {
        let shown: Vec<report::Placed> = found
            .iter()
            .filter(|p| p.finding.verdict == crate::check::Verdict::Conflicts)
            .cloned()
            .collect();
        if shown.is_empty() {
            return Ok(());
        }
        self.0.file(db, path, &shown)
    }

    fn error(&mut self, err: &InputError) -> io::Result<()> {
        self.0.error(err)
    }

    fn finish(&mut self, summary: &report::Summary) -> io::Result<()> {
        self.0.finish(summary)
    }
}
