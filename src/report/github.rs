//! `--format github`: GitHub Actions workflow commands, one per finding:
//! `::error file=…,line=…,col=…,endLine=…,endColumn=…,title=claimcheck CLAIM_ID::MESSAGE` for
//! conflicts and `::notice …` for agreements. Messages are escaped as GitHub requires, so text
//! quoted from an article can never start a workflow command of its own. GitHub shows only
//! the first 10 error annotations of a step, so when `GITHUB_STEP_SUMMARY` names a file, a
//! Markdown table of every conflict is appended to it.

use std::io::{self, Write};
use std::path::PathBuf;

use super::{InputError, Placed, Printer, Summary, collapse, message};
use crate::check::Verdict;
use crate::db::Database;

/// Escapes a workflow command's message.
pub fn escape_data(s: &str) -> String {
    s.replace('%', "%25")
        .replace('\r', "%0D")
        .replace('\n', "%0A")
}

/// Escapes a workflow command's property value.
pub fn escape_property(s: &str) -> String {
    escape_data(s).replace(':', "%3A").replace(',', "%2C")
}

/// Escapes a Markdown table cell.
fn cell(s: &str) -> String {
    collapse(s)
        .replace('\\', "\\\\")
        .replace('|', "\\|")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
}

/// Workflow commands on stdout, plus the step summary table.
pub struct Github<W: Write> {
    out: W,
    summary_path: Option<PathBuf>,
    rows: Vec<String>,
}

impl<W: Write> Github<W> {
    /// `summary_path`: the file named by `GITHUB_STEP_SUMMARY`, if any.
    pub fn new(out: W, summary_path: Option<PathBuf>) -> Self {
        Github {
            out,
            summary_path,
            rows: Vec::new(),
        }
    }
}

impl<W: Write> Printer for Github<W> {
    fn file(&mut self, db: &Database, path: &str, found: &[Placed]) -> io::Result<()> {
        for p in found {
            let f = &p.finding;
            let claim = &db.claims[f.claim];
            let fact = &claim.facts[f.fact];
            let (line, col) = (p.start.line, p.start.column);
            let (end_line, end_col) = (p.end.line, p.end.column);
            let command = match f.verdict {
                Verdict::Conflicts => "error",
                Verdict::Agrees => "notice",
            };
            writeln!(
                self.out,
                "::{command} file={},line={line},col={col},endLine={end_line},endColumn={end_col},title={}::{}",
                escape_property(path),
                escape_property(&format!("claimcheck {}", claim.id)),
                escape_data(&message(f, fact)),
            )?;
            if f.verdict == Verdict::Conflicts {
                let source = claim
                    .sources
                    .first()
                    .map_or_else(String::new, |s| format!("[{}]({})", cell(&s.title), s.url));
                self.rows.push(format!(
                    "| {} | {line} | {} | {} | {source} |",
                    cell(path),
                    cell(&format!("\"{}\"", f.stated)),
                    cell(&fact.expected()),
                ));
            }
        }
        Ok(())
    }

    fn error(&mut self, err: &InputError) -> io::Result<()> {
        writeln!(
            self.out,
            "::error file={},title=claimcheck::{}",
            escape_property(&err.path),
            escape_data(&err.message)
        )
    }

    fn finish(&mut self, s: &Summary) -> io::Result<()> {
        self.out.flush()?;
        let Some(path) = &self.summary_path else {
            return Ok(());
        };
        let mut md = String::new();
        if self.rows.is_empty() {
            md.push_str(&format!(
                "### claimcheck: no conflicts\n\n{} files checked, {} findings agree with the sources.\n\n",
                s.files, s.agrees
            ));
        } else {
            md.push_str(&format!(
                "### claimcheck: {} conflicts\n\n| File | Line | The text says | The sources say | Source |\n|---|---|---|---|---|\n",
                s.conflicts
            ));
            for r in &self.rows {
                md.push_str(r);
                md.push('\n');
            }
            md.push('\n');
        }
        let mut f = std::fs::OpenOptions::new()
            .create(true)
            .append(true)
            .open(path)
            .map_err(|e| {
                io::Error::new(
                    e.kind(),
                    format!("GITHUB_STEP_SUMMARY {}: {e}", path.display()),
                )
            })?;
        f.write_all(md.as_bytes())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escaping() {
        assert_eq!(escape_data("50% a\r\nb"), "50%25 a%0D%0Ab");
        assert_eq!(escape_property("a:b,c%"), "a%3Ab%2Cc%25");
        assert_eq!(cell("a | b\n c"), "a \\| b c");
    }
}
