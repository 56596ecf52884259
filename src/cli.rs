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

use crate::baseline::Baseline;
use crate::db::{self, Database};
use crate::markup;
use crate::report::{self, InputError, Printer};

mod args;
mod config;
mod run;
mod tooling;
mod walk;

pub use args::*;
pub use config::Config;
pub use run::{CHUNK_BYTES, Input};
use walk::{WalkOptions, changed_lines, expand, read_path_list};

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
            let cmd = <Cli as clap::CommandFactory>::command();
            let mut out = io::stdout().lock();
            clap_mangen::Man::new(cmd).render(&mut out)?;
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
            command: DbCommand::Import(a),
        } => tooling::db_import(&a.file, a.output.as_deref(), a.force),
        Command::Explain(a) => match (a.text, a.claim_id) {
            (Some(text), _) => tooling::explain_text(&a.options.dbs, a.options.format, &text),
            (None, Some(id)) => tooling::explain_claim(&a.options.dbs, a.options.format, &id),
            (None, None) => {
                say!("claimcheck: explain needs a CLAIM_ID or --text");
                Ok(2)
            }
        },
    }
}

fn load_databases(paths: &[String]) -> Result<Database, String> {
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
        // Refused before reading: a database file larger than the loader accepts.
        if let Ok(meta) = std::fs::metadata(p)
            && meta.len() > db::MAX_DB_BYTES as u64
        {
            return Err(format!(
                "{p}:1:1: the database is larger than {} MiB; split it into several files",
                db::MAX_DB_BYTES >> 20
            ));
        }
        match std::fs::read(p) {
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
                return Err(format!(
                    "{p}: cannot read the database: {}",
                    run::describe_io(&e)
                ));
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
    say!("claimcheck: {}: {}", e.path, e.message);
}

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

fn run_check(mut args: CheckArgs) -> io::Result<u8> {
    let config = if args.no_config {
        None
    } else {
        let path = match &args.config {
            Some(p) => Some(std::path::PathBuf::from(p)),
            None => std::env::current_dir().ok().and_then(|d| Config::find(&d)),
        };
        match path.map(|p| Config::load(&p)).transpose() {
            Ok(c) => c,
            Err(msg) => {
                say!("{msg}");
                return fail("the project file has errors; nothing was checked");
            }
        }
    };
    let config = config.unwrap_or_default();
    let dbs = if args.dbs.is_empty() {
        config.db_paths()
    } else {
        std::mem::take(&mut args.dbs)
    };
    let format = args.format.or(config.format).unwrap_or(Format::Human);
    let show = args.show.or(config.show).unwrap_or(Show::All);
    let fail_on = args.fail_on.or(config.fail_on).unwrap_or(FailOn::Conflicts);
    let globs: Vec<String> = config.include.iter().chain(&args.globs).cloned().collect();
    let excludes: Vec<String> = config
        .exclude
        .iter()
        .chain(&args.excludes)
        .cloned()
        .collect();

    let db = match load_databases(&dbs) {
        Ok(db) => db,
        Err(msg) => {
            say!("{msg}");
            return fail("the database has errors; nothing was checked");
        }
    };
    let stdin_uses = usize::from(args.files_from.as_deref() == Some("-"))
        + usize::from(args.diff.as_deref() == Some("-"))
        + usize::from(args.paths.iter().any(|p| p == "-"));
    if stdin_uses > 1 {
        return fail("standard input can be read only once (--files-from -, --diff -, or `-`)");
    }
    let mut paths = std::mem::take(&mut args.paths);
    if let Some(from) = &args.files_from {
        match read_path_list(from) {
            Ok(list) => paths.extend(list),
            Err(msg) => return fail(&msg),
        }
        if paths.is_empty() {
            return fail(&format!(
                "{from}: the list of paths is empty; nothing to check"
            ));
        }
    }
    let changed = match changed_lines(&args) {
        Ok(c) => c,
        Err(msg) => return fail(&msg),
    };
    let baseline = match &args.baseline {
        Some(path) => match std::fs::read_to_string(path)
            .map_err(|e| run::describe_io(&e))
            .and_then(|t| Baseline::parse(&t))
        {
            Ok(b) => Some(b.by_path()),
            Err(msg) => {
                return fail(&format!(
                    "{path}: cannot use the baseline: {msg} (write one with --write-baseline)"
                ));
            }
        },
        None => None,
    };

    let stdout = io::stdout();
    let out = io::BufWriter::new(stdout.lock());
    let mut printer: Box<dyn Printer> = match format {
        Format::Human => Box::new(report::Human::new(out, use_color(args.color))),
        Format::Json => Box::new(report::Json::new(out)),
        Format::Jsonl => Box::new(report::JsonLines::new(out)),
        Format::Sarif => Box::new(report::Sarif::new(out)),
        Format::Github => Box::new(report::Github::new(
            out,
            std::env::var_os("GITHUB_STEP_SUMMARY")
                .filter(|v| !v.is_empty())
                .map(std::path::PathBuf::from),
        )),
        Format::Rdjsonl => Box::new(report::Rdjsonl::new(out)),
    };
    // Machine formats carry every finding; the others may leave agreements out.
    let conflicts_only = show == Show::Conflicts
        && matches!(format, Format::Human | Format::Github | Format::Rdjsonl);
    let printer: &mut dyn Printer = if conflicts_only {
        &mut ConflictsOnly(printer.as_mut())
    } else {
        printer.as_mut()
    };

    let mut errors = Vec::new();
    let walk = WalkOptions {
        globs: &globs,
        excludes: &excludes,
        hidden: args.hidden,
        no_ignore: args.no_ignore,
    };
    let stdin_name = args.stdin_filename.as_deref().unwrap_or("-");
    let inputs = expand(&paths, stdin_name, &walk, &mut errors);
    for e in &errors {
        report_error(e);
        printer.error(e)?;
    }
    let cancel = AtomicBool::new(false);
    let job = run::Job {
        db: &db,
        format: args.input_format.map(markup::Format::from),
        changed: changed.as_ref(),
        baseline: baseline.as_ref(),
        record: args.write_baseline.is_some(),
        cancel: &cancel,
    };
    let threads = args.threads.unwrap_or_else(|| {
        std::thread::available_parallelism().map_or(1, std::num::NonZeroUsize::get)
    });
    let outcome = run::check_all(&job, &inputs, threads, printer)?;
    printer.finish(&outcome.summary)?;
    io::stdout().flush()?;
    let mut had_error = !errors.is_empty() || outcome.had_error;
    if let Some(path) = &args.write_baseline
        && let Err(msg) = run::write_baseline(path, outcome.entries)
    {
        warn(&msg);
        had_error = true;
    }
    let s = &outcome.summary;
    Ok(if had_error {
        2
    } else {
        match fail_on {
            FailOn::Conflicts if s.conflicts > 0 => 1,
            FailOn::Any if s.findings > 0 => 1,
            _ => 0,
        }
    })
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
