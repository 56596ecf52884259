//! The command line's arguments: clap types for every subcommand and its options.

use clap::{Parser, Subcommand, ValueEnum};
use serde::Deserialize;

use crate::markup;

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
    /// `--fail-on` names), 2 on any error, 141 when the output was closed before any
    /// conflict was seen.
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
    /// Run the language server (Language Server Protocol over stdio) for editors.
    ///
    /// Exit status: 0 after `shutdown` and `exit`, 1 when the client exits or goes away
    /// without `shutdown`.
    Lsp,
    /// Aggregate findings (JSON Lines from `check --format jsonl`): per claim, the pages that
    /// agree and conflict; the uncovered figures most often stated, the curators' worklist.
    ///
    /// Exit status: 0, or 2 when an input cannot be read or is not findings.
    Report(super::report_cmd::ReportArgs),
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
    /// Scaffold a draft claim from a sourced sentence: facts, `about` terms and examples read
    /// from it, for a curator to check against the source.
    ///
    /// Prints the claim as TOML, or appends it to a database with --append. The claim has
    /// `draft = true`: `check` skips it until a curator confirms its figures and deletes that
    /// line. Exit status: 0, or 2 when the sentence states no figure, the URL is not http(s),
    /// the id is taken, or a database cannot be read or written.
    New(NewArgs),
    /// Read ClaimReview JSON-LD and write TOML claim stubs for a curator to complete.
    ///
    /// Exit status: 0, or 2 when the input cannot be read or the output exists (without
    /// --force).
    Import(ImportArgs),
}

/// `claimcheck db new`.
#[derive(Debug, clap::Args)]
pub struct NewArgs {
    /// The sourced sentence (a paragraph: the sentence stating figures is used); `-` or
    /// nothing: standard input.
    #[arg(value_name = "SENTENCE")]
    pub sentence: Option<String>,
    /// The URL of the source that publishes the sentence (http or https).
    #[arg(long, value_name = "URL")]
    pub source: String,
    /// The claim's id [default: made from its `about` words and period].
    #[arg(long, value_name = "ID")]
    pub id: Option<String>,
    /// Databases the claim joins: their ids are taken, their `[lexicon]` reads the sentence
    /// (repeatable; default: the built-in database's ids).
    #[arg(long = "db", value_name = "PATH")]
    pub dbs: Vec<String>,
    /// Append the claim to this database file (created if missing) instead of printing it.
    #[arg(long, value_name = "FILE")]
    pub append: Option<String>,
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
    /// With `--text`: list every claim the sentence mentions a term group of, not only those
    /// it matches or falls one group short of.
    #[arg(long, requires = "text")]
    pub all: bool,
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

#[derive(Debug, Clone, clap::Args)]
pub struct CheckArgs {
    /// Files or directories to check; `-` or nothing reads standard input.
    pub paths: Vec<std::path::PathBuf>,
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
    pub files_from: Option<std::path::PathBuf>,
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
    /// Worker threads [default, and at most: the number of CPUs].
    #[arg(short = 'j', long, value_name = "N")]
    pub threads: Option<usize>,
    /// Report only findings that are not in this baseline file.
    #[arg(long, value_name = "FILE")]
    pub baseline: Option<String>,
    /// Record this run's findings in a baseline file (by claim, path and sentence hash),
    /// written atomically; never onto a file being checked.
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
