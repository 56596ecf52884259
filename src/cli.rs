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

use std::io::{self, IsTerminal, Read, Write};
use std::path::Path;
use std::process::ExitCode;
use std::sync::atomic::AtomicBool;

use clap::{Parser, Subcommand, ValueEnum};
use serde::Deserialize;

use crate::baseline::Baseline;
use crate::db::{self, Database};
use crate::diff::ChangedLines;
use crate::markup;
use crate::report::{self, InputError, Printer};

mod config;
mod progress;
mod records;
mod report_cmd;
mod run;
mod tooling;

pub use config::Config;
pub use run::{CHUNK_BYTES, Input};

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
    /// Exit status: 0 when no conflict was found, 1 when at least one was (or what
    /// `--fail-on` names), 2 on any error.
    Check(Box<CheckArgs>),
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
    /// Aggregate findings (JSON Lines from `check --format jsonl`): per claim, the pages that
    /// agree and conflict; the uncovered figures most often stated, the curators' worklist.
    ///
    /// Exit status: 0, or 2 when an input cannot be read or is not findings.
    Report(report_cmd::ReportArgs),
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
    /// Report every problem of a database, each with file, line and column.
    ///
    /// Schema errors, duplicate ids, claims without sources, sources without URL or quote,
    /// patterns matching the empty string, examples the checker does not judge as written,
    /// claims that fire on each other's examples. Exit status: 0 clean (warnings allowed),
    /// 1 when there is an error, 2 when a file cannot be read.
    Lint(DbTestArgs),
    /// Print the JSON Schema of the database format (committed as `claims.schema.json`).
    Schema,
    /// Export claims as schema.org ClaimReview JSON-LD, the format fact-checkers publish.
    Export(ExportArgs),
    /// Read ClaimReview JSON-LD and write TOML claim stubs for a curator to complete.
    ///
    /// Exit status: 0, or 2 when the input cannot be read or the output exists (without
    /// --force).
    Import(ImportArgs),
}

/// Export formats.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ExportFormat {
    /// schema.org ClaimReview objects in one JSON-LD array.
    Claimreview,
}

#[derive(Debug, clap::Args)]
pub struct ExportArgs {
    /// Databases to export (like `--db`); none: the built-in database.
    #[arg(value_name = "PATH")]
    pub paths: Vec<String>,
    /// A claims database to use (repeatable).
    #[arg(long = "db", value_name = "PATH")]
    pub dbs: Vec<String>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = ExportFormat::Claimreview)]
    pub format: ExportFormat,
    /// The organisation publishing the reviews.
    #[arg(long, default_value = "claimcheck")]
    pub author: String,
    /// The base URL of the reviews: each review's `url` is this plus `#` and the claim id.
    #[arg(
        long,
        default_value = "https://github.com/claimcheck/claimcheck/blob/main/claims.toml"
    )]
    pub url_base: String,
}

#[derive(Debug, clap::Args)]
pub struct ImportArgs {
    /// A ClaimReview JSON-LD file (one object, an array, or a page's `@graph`); `-`: stdin.
    #[arg(value_name = "FILE")]
    pub file: String,
    /// Write the stubs to this file instead of standard output.
    #[arg(short, long, value_name = "OUT")]
    pub output: Option<String>,
    /// Overwrite OUT if it exists.
    #[arg(long)]
    pub force: bool,
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
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum, Deserialize)]
#[serde(rename_all = "lowercase")]
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
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Show {
    /// Only conflicts.
    Conflicts,
    /// Conflicts and agreements.
    All,
}

/// What makes the exit code 1.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum FailOn {
    /// Any conflict.
    Conflicts,
    /// Any finding, agreements included.
    Any,
    /// Nothing: the exit code is 0 unless there is an error.
    Never,
    /// Any conflict or uncovered statistic (implies `--uncovered`).
    Uncovered,
}

/// How inputs are read.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum InputFormat {
    /// Every character is prose.
    Text,
    /// CommonMark: only prose (no code, front matter, HTML comments or URLs).
    Markdown,
    /// HTML: only text content (no tags, attributes, scripts, styles, code).
    Html,
    /// JSON Lines records, one document per line (the same as `--records`).
    JsonlRecords,
}

impl From<InputFormat> for markup::Format {
    fn from(f: InputFormat) -> markup::Format {
        match f {
            InputFormat::Text => markup::Format::Text,
            InputFormat::Markdown => markup::Format::Markdown,
            InputFormat::Html => markup::Format::Html,
            // Records carry their own format and never reach the file runner.
            InputFormat::JsonlRecords => markup::Format::Text,
        }
    }
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
    /// Output format [default: human, or the project file's `format`].
    #[arg(long, value_enum)]
    pub format: Option<Format>,
    /// When to use color in human output.
    #[arg(long, value_enum, default_value_t = ColorChoice::Auto)]
    pub color: ColorChoice,
    /// Which findings the human, github and rdjsonl outputs show (json, jsonl and sarif always
    /// carry every finding) [default: all].
    #[arg(long, value_enum)]
    pub show: Option<Show>,
    /// What makes the exit code 1 [default: conflicts].
    #[arg(long, value_enum)]
    pub fail_on: Option<FailOn>,
    /// Read every input as this format instead of choosing by extension (.md, .markdown,
    /// .mdx: markdown; .html, .htm: html; others: text).
    #[arg(long, value_enum, value_name = "FORMAT")]
    pub input_format: Option<InputFormat>,
    /// The name of standard input in reports; its extension picks its format.
    #[arg(long, value_name = "PATH")]
    pub stdin_filename: Option<String>,
    /// Read the paths to check from FILE, one per line (`-`: standard input).
    #[arg(long, value_name = "FILE")]
    pub files_from: Option<String>,
    /// Only check files matching this glob in directory walks; `!GLOB` excludes (repeatable).
    #[arg(short = 'g', long = "glob", value_name = "GLOB")]
    pub globs: Vec<String>,
    /// Skip files and directories matching this glob in directory walks (repeatable).
    #[arg(long = "exclude", value_name = "GLOB")]
    pub excludes: Vec<String>,
    /// Also walk hidden files and directories.
    #[arg(long)]
    pub hidden: bool,
    /// Do not honour .gitignore, .ignore and similar files.
    #[arg(long)]
    pub no_ignore: bool,
    /// Worker threads [default: the number of CPUs].
    #[arg(short = 'j', long, value_name = "N")]
    pub threads: Option<usize>,
    /// Report only findings that are not in this baseline file.
    #[arg(long, value_name = "FILE")]
    pub baseline: Option<String>,
    /// Record this run's findings in a baseline file (by claim, path and sentence hash).
    #[arg(long, value_name = "FILE")]
    pub write_baseline: Option<String>,
    /// Report only findings in sentences on lines added or changed since this git revision.
    #[arg(long, value_name = "REV", conflicts_with = "diff")]
    pub diff_base: Option<String>,
    /// Report only findings in sentences on lines this unified diff adds (`-`: stdin).
    #[arg(long, value_name = "FILE")]
    pub diff: Option<String>,
    /// Use this project file instead of looking for claimcheck.toml.
    #[arg(long, value_name = "FILE", conflicts_with = "no_config")]
    pub config: Option<String>,
    /// Ignore claimcheck.toml and .claimcheck.toml.
    #[arg(long)]
    pub no_config: bool,
    /// Read JSON Lines records, one document per line: {"id", "text", "format", "url",
    /// "date"} (format, url and date optional). Findings carry the record's id and url.
    #[arg(long)]
    pub records: bool,
    /// Also report `uncovered` findings: sentences on the database's subjects stating a
    /// figure no claim covers. They change the exit code only with `--fail-on uncovered`.
    #[arg(long)]
    pub uncovered: bool,
    /// Show progress on stderr [default: when stderr is a terminal and CI is not set].
    #[arg(long, overrides_with = "no_progress")]
    pub progress: bool,
    /// Never show progress.
    #[arg(long, overrides_with = "progress")]
    pub no_progress: bool,
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
            say!("claimcheck: error: {e}");
            ExitCode::from(2)
        }
    }
}

/// Runs a parsed command; `Ok` carries the exit code.
pub fn run(cli: Cli) -> io::Result<u8> {
    match cli.command {
        Command::Check(args) => run_check(*args),
        Command::Report(args) => report_cmd::run(&args),
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

/// How directories are walked.
struct WalkOptions<'a> {
    globs: &'a [String],
    excludes: &'a [String],
    hidden: bool,
    no_ignore: bool,
}

/// Expands directories (recursively, honouring ignore files, sorted) into files.
fn expand(
    paths: &[String],
    stdin_name: &str,
    walk: &WalkOptions,
    errors: &mut Vec<InputError>,
) -> Vec<Input> {
    if paths.is_empty() {
        return vec![Input::Stdin(stdin_name.to_string())];
    }
    let mut out = Vec::new();
    for p in paths {
        if p == "-" {
            out.push(Input::Stdin(stdin_name.to_string()));
            continue;
        }
        let path = Path::new(p);
        if !path.is_dir() {
            out.push(Input::File(p.clone()));
            continue;
        }
        let mut builder = ignore::WalkBuilder::new(path);
        builder
            .sort_by_file_path(|a, b| a.cmp(b))
            .hidden(!walk.hidden)
            .git_ignore(!walk.no_ignore)
            .git_global(!walk.no_ignore)
            .git_exclude(!walk.no_ignore)
            .ignore(!walk.no_ignore)
            .parents(!walk.no_ignore)
            // .gitignore files count even outside a git repository, as in ripgrep.
            .require_git(false);
        let filter = match GlobFilter::new(walk.globs, walk.excludes) {
            Ok(f) => std::sync::Arc::new(f),
            Err(message) => {
                errors.push(InputError {
                    path: p.clone(),
                    message,
                });
                continue;
            }
        };
        let root = path.to_path_buf();
        {
            let (filter, root) = (filter.clone(), root.clone());
            builder.filter_entry(move |e| !filter.excludes(&root, e.path()));
        }
        for entry in builder.build() {
            match entry {
                Ok(e) if e.file_type().is_some_and(|t| t.is_file()) => {
                    if filter.includes(&root, e.path()) {
                        out.push(Input::File(e.path().to_string_lossy().into_owned()));
                    }
                }
                Ok(_) => {}
                Err(e) => errors.push(InputError {
                    path: p.clone(),
                    message: e.to_string(),
                }),
            }
        }
    }
    out
}

/// `--glob` / `--exclude` (and the project file's `include` / `exclude`), applied after the
/// ignore files, so an ignored file stays ignored. A glob without `/` matches a name at any
/// depth; one with `/` matches the path relative to the directory walked.
struct GlobFilter {
    include: Option<(globset::GlobSet, globset::GlobSet)>,
    exclude: (globset::GlobSet, globset::GlobSet),
}

impl GlobFilter {
    fn new(globs: &[String], excludes: &[String]) -> Result<GlobFilter, String> {
        let mut include = Vec::new();
        let mut exclude: Vec<&str> = excludes.iter().map(String::as_str).collect();
        for g in globs {
            match g.strip_prefix('!') {
                Some(negated) => exclude.push(negated),
                None => include.push(g.as_str()),
            }
        }
        let sets = |globs: &[&str]| -> Result<(globset::GlobSet, globset::GlobSet), String> {
            let mut names = globset::GlobSetBuilder::new();
            let mut paths = globset::GlobSetBuilder::new();
            for g in globs {
                let glob = globset::GlobBuilder::new(g.trim_start_matches('/'))
                    .literal_separator(true)
                    .build()
                    .map_err(|e| format!("not a valid glob: {e}"))?;
                if g.contains('/') {
                    paths.add(glob);
                } else {
                    names.add(glob);
                }
            }
            let build = |b: globset::GlobSetBuilder| b.build().map_err(|e| e.to_string());
            Ok((build(names)?, build(paths)?))
        };
        Ok(GlobFilter {
            include: if include.is_empty() {
                None
            } else {
                Some(sets(&include)?)
            },
            exclude: sets(&exclude)?,
        })
    }

    fn matches(set: &(globset::GlobSet, globset::GlobSet), root: &Path, path: &Path) -> bool {
        let relative = path.strip_prefix(root).unwrap_or(path);
        path.file_name().is_some_and(|n| set.0.is_match(n)) || set.1.is_match(relative)
    }

    fn excludes(&self, root: &Path, path: &Path) -> bool {
        path != root && GlobFilter::matches(&self.exclude, root, path)
    }

    fn includes(&self, root: &Path, path: &Path) -> bool {
        self.include
            .as_ref()
            .is_none_or(|set| GlobFilter::matches(set, root, path))
    }
}

/// Reads `--files-from`: one path per line, blank lines skipped.
fn read_path_list(from: &str) -> Result<Vec<String>, String> {
    let text = if from == "-" {
        let mut s = String::new();
        io::stdin()
            .lock()
            .read_to_string(&mut s)
            .map_err(|e| format!("cannot read the list of paths from standard input: {e}"))?;
        s
    } else {
        std::fs::read_to_string(from).map_err(|e| {
            format!(
                "{from}: cannot read the list of paths: {}",
                run::describe_io(&e)
            )
        })?
    };
    Ok(text
        .lines()
        .map(|l| l.trim_end_matches('\r'))
        .filter(|l| !l.trim().is_empty())
        .map(str::to_string)
        .collect())
}

/// The changed lines of `--diff-base REV` (git) or `--diff FILE`, keyed by absolute path.
fn changed_lines(args: &CheckArgs) -> Result<Option<ChangedLines>, String> {
    if let Some(rev) = &args.diff_base {
        let git = |args: &[&str]| -> Result<String, String> {
            let out = std::process::Command::new("git")
                .args(args)
                .output()
                .map_err(|e| format!("--diff-base needs git: {e}"))?;
            if !out.status.success() {
                return Err(format!(
                    "git {} failed: {}",
                    args.join(" "),
                    String::from_utf8_lossy(&out.stderr).trim()
                ));
            }
            Ok(String::from_utf8_lossy(&out.stdout).into_owned())
        };
        let root = git(&["rev-parse", "--show-toplevel"])?;
        let root = Path::new(root.trim_end_matches(['\n', '\r']));
        let diff = git(&[
            "diff",
            "--no-color",
            "--no-ext-diff",
            "--relative=",
            "--src-prefix=a/",
            "--dst-prefix=b/",
            "--unified=0",
            rev,
            "--",
        ])?;
        let mut changed = ChangedLines::parse(&diff).map_err(|e| format!("git diff: {e}"))?;
        // Files not yet added to git are new in their entirety.
        let untracked = git(&["ls-files", "--others", "--exclude-standard", "--full-name"])?;
        for f in untracked.lines().filter(|l| !l.is_empty()) {
            changed.add_whole_file(f);
        }
        let changed = changed.rekey(|p| Some(run::absolute(&root.join(p).to_string_lossy())));
        return Ok(Some(changed));
    }
    if let Some(file) = &args.diff {
        let text = if file == "-" {
            let mut s = String::new();
            io::stdin()
                .lock()
                .read_to_string(&mut s)
                .map_err(|e| format!("cannot read the diff from standard input: {e}"))?;
            s
        } else {
            std::fs::read_to_string(file)
                .map_err(|e| format!("{file}: cannot read the diff: {}", run::describe_io(&e)))?
        };
        let changed = ChangedLines::parse(&text).map_err(|e| format!("{file}: {e}"))?;
        return Ok(Some(changed.rekey(|p| Some(run::absolute(p)))));
    }
    Ok(None)
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
    if records::applies(&args, fail_on) {
        return records::run(&args, &db, format, show, fail_on);
    }
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
    let progress = progress::progress_bar(&args, "files");
    let job = run::Job {
        db: &db,
        format: args.input_format.map(markup::Format::from),
        changed: changed.as_ref(),
        baseline: baseline.as_ref(),
        record: args.write_baseline.is_some(),
        cancel: &cancel,
        progress: progress.as_ref(),
    };
    let threads = args.threads.unwrap_or_else(|| {
        std::thread::available_parallelism().map_or(1, std::num::NonZeroUsize::get)
    });
    let outcome = run::check_all(&job, &inputs, threads, printer)?;
    if let Some(pb) = &progress {
        pb.finish_and_clear();
    }
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
