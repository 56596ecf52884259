//! The command line: arguments, reading inputs, choosing a printer, exit codes.
#![allow(clippy::print_stderr)] // the CLI edge is where warnings and errors are written

use std::io::{self, IsTerminal, Read, Write};
use std::path::Path;
use std::process::ExitCode;

use clap::{Parser, Subcommand, ValueEnum};

use crate::check;
use crate::db::{self, Database};
use crate::input::{self, LineIndex};
use crate::report::{self, Document, InputError, Printer, Summary};

mod tooling;

/// Checks prose against a curated database of sourced factual claims.
#[derive(Debug, Parser)]
#[command(name = "claimcheck", version, about, long_about = None)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Check files, directories or standard input against the claims database.
    ///
    /// Exit status: 0 when no conflict was found, 1 when at least one was, 2 on any error.
    Check(CheckArgs),
    /// Print a shell completion script (bash, zsh, fish, powershell, elvish).
    Completions {
        /// The shell to complete for.
        shell: clap_complete::Shell,
    },
    /// Print the manual page (roff), e.g. `claimcheck man > claimcheck.1`.
    Man,
    /// Database tooling: list the claims, run their examples.
    Db {
        #[command(subcommand)]
        command: DbCommand,
    },
    /// Explain a claim (`explain CLAIM_ID`) or how the checker reads a text (`--text`).
    ///
    /// Exit status: 0, or 2 for an unknown claim id or a database with errors.
    Explain(ExplainArgs),
}

/// `claimcheck db ...`.
#[derive(Debug, Subcommand)]
pub enum DbCommand {
    /// List the claims: one line per claim, `id  statement`.
    List(ToolOptions),
    /// Run every claim's examples through the checker.
    ///
    /// Exit status: 0 when every example passes, 1 when any fails, 2 when a database cannot
    /// be loaded.
    Test(DbTestArgs),
}

/// Output formats of the database tooling.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ToolFormat {
    /// Text for people to read.
    Human,
    /// One JSON document.
    Json,
}

/// Options shared by the database tooling commands.
#[derive(Debug, clap::Args)]
pub struct ToolOptions {
    /// A claims database to use instead of the built-in one (repeatable).
    #[arg(long = "db", value_name = "PATH")]
    pub dbs: Vec<String>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = ToolFormat::Human)]
    pub format: ToolFormat,
}

#[derive(Debug, clap::Args)]
pub struct DbTestArgs {
    /// Databases to test (like `--db`); none: the built-in database.
    #[arg(value_name = "PATH")]
    pub paths: Vec<String>,
    #[command(flatten)]
    pub options: ToolOptions,
}

#[derive(Debug, clap::Args)]
pub struct ExplainArgs {
    /// The claim to explain.
    #[arg(value_name = "CLAIM_ID", required_unless_present = "text")]
    pub claim_id: Option<String>,
    /// Show how the checker reads this text instead (`-`: standard input).
    #[arg(long, value_name = "SENTENCE", conflicts_with = "claim_id")]
    pub text: Option<String>,
    #[command(flatten)]
    pub options: ToolOptions,
}

/// Output formats of `check`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Format {
    /// Blocks for people to read, with a summary line.
    Human,
    /// One JSON document with every finding and a summary.
    Json,
    /// One JSON object per finding per line, written as each file is checked.
    Jsonl,
    /// SARIF 2.1.0, for GitHub code scanning and other SARIF viewers.
    Sarif,
    /// GitHub Actions annotations (and a job summary table when GITHUB_STEP_SUMMARY is set).
    Github,
    /// reviewdog diagnostics (rdjsonl), for pull-request comments.
    Rdjsonl,
}

/// Which findings the human, GitHub and rdjsonl outputs show.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Show {
    /// Only conflicts.
    Conflicts,
    /// Conflicts and agreements.
    All,
}

/// When to color human output.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ColorChoice {
    /// Color when stdout is a terminal and NO_COLOR is not set.
    Auto,
    Always,
    Never,
}

#[derive(Debug, clap::Args)]
pub struct CheckArgs {
    /// Files or directories to check; `-` or nothing reads standard input.
    pub paths: Vec<String>,
    /// A claims database to check against instead of the built-in one (repeatable).
    #[arg(long = "db", value_name = "PATH")]
    pub dbs: Vec<String>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Human)]
    pub format: Format,
    /// When to use color in human output.
    #[arg(long, value_enum, default_value_t = ColorChoice::Auto)]
    pub color: ColorChoice,
    /// Which findings the human, github and rdjsonl outputs show (json, jsonl and sarif always
    /// carry every finding).
    #[arg(long, value_enum, default_value_t = Show::All)]
    pub show: Show,
}

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
            eprintln!("claimcheck: error: {e}");
            ExitCode::from(2)
        }
    }
}

/// Runs a parsed command; `Ok` carries the exit code.
pub fn run(cli: Cli) -> io::Result<u8> {
    match cli.command {
        Command::Check(args) => run_check(args),
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
        Command::Explain(a) => match (a.text, a.claim_id) {
            (Some(text), _) => tooling::explain_text(&a.options.dbs, a.options.format, &text),
            (None, Some(id)) => tooling::explain_claim(&a.options.dbs, a.options.format, &id),
            (None, None) => {
                eprintln!("claimcheck: explain needs a CLAIM_ID or --text");
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
    let mut sources = Vec::new();
    for p in paths {
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
            Err(e) => return Err(format!("{p}: cannot read the database: {e}")),
        }
    }
    Database::from_sources(&sources).map_err(|e| e.to_string())
}

/// One input to check: a path, or standard input.
enum Input {
    Stdin,
    File(String),
}

/// Expands directories (recursively, honouring ignore files, sorted) into files.
fn expand(paths: &[String], errors: &mut Vec<InputError>) -> Vec<Input> {
    if paths.is_empty() {
        return vec![Input::Stdin];
    }
    let mut out = Vec::new();
    for p in paths {
        if p == "-" {
            out.push(Input::Stdin);
            continue;
        }
        let path = Path::new(p);
        if path.is_dir() {
            let walker = ignore::WalkBuilder::new(path)
                .sort_by_file_path(|a, b| a.cmp(b))
                .build();
            for entry in walker {
                match entry {
                    Ok(e) if e.file_type().is_some_and(|t| t.is_file()) => {
                        out.push(Input::File(e.path().to_string_lossy().into_owned()));
                    }
                    Ok(_) => {}
                    Err(e) => errors.push(InputError {
                        path: p.clone(),
                        message: e.to_string(),
                    }),
                }
            }
        } else {
            out.push(Input::File(p.clone()));
        }
    }
    out
}

fn read_input(input: &Input) -> Result<(String, Vec<u8>), InputError> {
    match input {
        Input::Stdin => {
            let mut buf = Vec::new();
            io::stdin()
                .lock()
                .read_to_end(&mut buf)
                .map_err(|e| InputError {
                    path: "-".into(),
                    message: format!("cannot read standard input: {e}"),
                })?;
            Ok(("-".into(), buf))
        }
        Input::File(p) => std::fs::read(p)
            .map(|b| (p.clone(), b))
            .map_err(|e| InputError {
                path: p.clone(),
                message: format!("cannot read: {}", describe_io(&e)),
            }),
    }
}

fn describe_io(e: &io::Error) -> String {
    match e.kind() {
        io::ErrorKind::NotFound => "no such file or directory".into(),
        io::ErrorKind::PermissionDenied => "permission denied".into(),
        _ => e.to_string(),
    }
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

fn run_check(args: CheckArgs) -> io::Result<u8> {
    let db = match load_databases(&args.dbs) {
        Ok(db) => db,
        Err(msg) => {
            eprintln!("{msg}");
            eprintln!("claimcheck: the database has errors; nothing was checked");
            return Ok(2);
        }
    };
    let stdout = io::stdout();
    let out = io::BufWriter::new(stdout.lock());
    let mut printer: Box<dyn Printer> = match args.format {
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
    let conflicts_only = args.show == Show::Conflicts
        && matches!(
            args.format,
            Format::Human | Format::Github | Format::Rdjsonl
        );
    let mut errors = Vec::new();
    let inputs = expand(&args.paths, &mut errors);
    for e in &errors {
        eprintln!("claimcheck: {}: {}", e.path, e.message);
        printer.error(e)?;
    }
    let mut had_error = !errors.is_empty();
    let mut summary = Summary::default();
    for input in &inputs {
        let (path, bytes) = match read_input(input) {
            Ok(x) => x,
            Err(e) => {
                eprintln!("claimcheck: {}: {}", e.path, e.message);
                printer.error(&e)?;
                had_error = true;
                continue;
            }
        };
        let decoded = input::decode(bytes);
        if decoded.lossy {
            eprintln!("claimcheck: warning: {path}: not valid UTF-8; invalid bytes were replaced");
        }
        let findings = check::check(&db, &decoded.text);
        let lines = LineIndex::new(&decoded.text);
        let doc = Document {
            path: &path,
            text: &decoded.text,
            lines: &lines,
        };
        summary.add(&findings);
        if conflicts_only {
            let shown: Vec<check::Finding> = findings
                .into_iter()
                .filter(|f| f.verdict == check::Verdict::Conflicts)
                .collect();
            printer.file(&db, &doc, &shown)?;
        } else {
            printer.file(&db, &doc, &findings)?;
        }
    }
    printer.finish(&summary)?;
    io::stdout().flush()?;
    Ok(if had_error {
        2
    } else if summary.conflicts > 0 {
        1
    } else {
        0
    })
}
