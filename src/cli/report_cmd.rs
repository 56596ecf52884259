//! `claimcheck report FINDINGS.jsonl...`: the aggregate of findings files as text, JSON or
//! one self-contained HTML page, and claim stubs for the uncovered figures.

use std::io::{self, Write};

use clap::ValueEnum;

use crate::aggregate::{self, Aggregator};

/// Output formats of `report`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ReportFormat {
    /// Text for a terminal.
    Text,
    /// One JSON document (claims, uncovered groups, totals).
    Json,
    /// One self-contained HTML page (no network, works offline).
    Html,
}

#[derive(Debug, clap::Args)]
pub struct ReportArgs {
    /// Findings files (JSON Lines from `check --format jsonl`); `-` or nothing: stdin.
    #[arg(value_name = "FINDINGS")]
    pub files: Vec<String>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = ReportFormat::Text)]
    pub format: ReportFormat,
    /// Write the report to this file instead of standard output.
    #[arg(short, long, value_name = "FILE")]
    pub output: Option<String>,
    /// How many uncovered figures to list (and to stub).
    #[arg(long, value_name = "N", default_value_t = 25)]
    pub top: usize,
    /// Also write claims.toml stubs for the top uncovered figures to FILE.
    #[arg(long, value_name = "FILE")]
    pub write_stubs: Option<String>,
}

/// Runs `report`; returns the exit code.
pub fn run(args: &ReportArgs) -> io::Result<u8> {
    let mut agg = Aggregator::default();
    let files = if args.files.is_empty() {
        vec!["-".to_string()]
    } else {
        args.files.clone()
    };
    for f in &files {
        let result = if f == "-" {
            agg.read(io::stdin().lock(), "-")
        } else {
            match std::fs::File::open(f) {
                Ok(file) => agg.read(io::BufReader::new(file), f),
                Err(e) => {
                    return super::fail(&format!(
                        "{f}: cannot read: {}",
                        crate::input::describe_io(&e)
                    ));
                }
            }
        };
        if let Err(e) = result {
            return super::fail(&e.to_string());
        }
    }
    let report = agg.finish();
    let body = match args.format {
        ReportFormat::Text => aggregate::to_text(&report, args.top),
        ReportFormat::Html => aggregate::html::render(&report, args.top),
        ReportFormat::Json => {
            let mut s = serde_json::to_string_pretty(&report).map_err(io::Error::other)?;
            s.push('\n');
            s
        }
    };
    if let Some(path) = &args.write_stubs {
        let stubs = aggregate::stubs::render(&report.uncovered, args.top);
        if let Err(e) = std::fs::write(path, stubs) {
            return super::fail(&format!(
                "{path}: cannot write the stubs: {}",
                crate::input::describe_io(&e)
            ));
        }
    }
    match &args.output {
        Some(path) => {
            if let Err(e) = std::fs::write(path, body) {
                return super::fail(&format!(
                    "{path}: cannot write the report: {}",
                    crate::input::describe_io(&e)
                ));
            }
        }
        None => {
            let mut out = io::stdout().lock();
            out.write_all(body.as_bytes())?;
            out.flush()?;
        }
    }
    Ok(0)
}
