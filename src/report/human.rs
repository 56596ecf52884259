//! The default output: one block per finding, for people reading a terminal or a CI log.
//!
//! ```text
//! draft.md:3:25: conflicts [fentanyl-traffickers-us-citizens]
//!   | Sentencing data show that 68% of fentanyl trafficking offenders were U.S. citizens.
//!   |                           ^^^
//!   = the text says "68%", but the sources say 86.3% (±1 point)
//!   = source: Quick Facts: Fentanyl Trafficking Offenses, U.S. Sentencing Commission, https://…
//! ```

use std::io::{self, Write};

use anstyle::{AnsiColor, Style};

use super::{InputError, Placed, Printer, Summary, escape_controls, message};
use crate::check::Verdict;
use crate::db::Database;

/// Human-readable blocks with optional color.
pub struct Human<W: Write> {
    out: W,
    color: bool,
}

impl<W: Write> Human<W> {
    /// `color`: whether to write ANSI styles (the caller decides from --color, NO_COLOR and
    /// whether stdout is a terminal).
    pub fn new(out: W, color: bool) -> Self {
        Human { out, color }
    }

    fn paint(&self, style: Style, s: &str) -> String {
        if self.color {
            format!("{style}{s}{style:#}")
        } else {
            s.to_string()
        }
    }
}

fn verdict_style(v: Verdict) -> Style {
    let color = match v {
        Verdict::Agrees => AnsiColor::Green,
        Verdict::Conflicts => AnsiColor::Red,
    };
    Style::new().fg_color(Some(color.into())).bold()
}

/// The sentence on one line, and the character columns of the stated span within it.
fn one_line(
    text: &str,
    sentence: &std::ops::Range<usize>,
    span: &std::ops::Range<usize>,
) -> (String, usize, usize) {
    let mut out = String::new();
    let (mut a, mut b) = (0, 0);
    let mut cols = 0;
    let mut in_space = false;
    for (i, c) in text[sentence.clone()].char_indices() {
        let at = sentence.start + i;
        if at == span.start {
            a = cols;
        }
        if at == span.end {
            b = cols;
        }
        if c.is_whitespace() {
            if !in_space {
                out.push(' ');
                cols += 1;
            }
            in_space = true;
        } else if c.is_control() {
            // Shown escaped, never sent to the terminal.
            for e in c.escape_default() {
                out.push(e);
                cols += 1;
            }
            in_space = false;
        } else {
            out.push(c);
            cols += 1;
            in_space = false;
        }
    }
    if span.end >= sentence.end {
        b = cols;
    }
    (out, a, b.max(a + 1))
}

impl<W: Write> Printer for Human<W> {
    fn file(&mut self, db: &Database, path: &str, found: &[Placed]) -> io::Result<()> {
        let dim = Style::new().dimmed();
        for p in found {
            let f = &p.finding;
            let claim = &db.claims[f.claim];
            let fact = &claim.facts[f.fact];
            let (line, col) = (p.start.line, p.start.column);
            let vs = verdict_style(f.verdict);
            writeln!(
                self.out,
                "{}: {} {}",
                self.paint(
                    Style::new().bold(),
                    &format!("{}:{line}:{col}", escape_controls(path))
                ),
                self.paint(vs, f.verdict.as_str()),
                self.paint(dim, &format!("[{}]", claim.id)),
            )?;
            let (sentence, a, b) = one_line(&p.sentence, &(0..p.sentence.len()), &p.mark);
            let chars: Vec<char> = sentence.chars().collect();
            let before: String = chars[..a.min(chars.len())].iter().collect();
            let marked: String = chars[a.min(chars.len())..b.min(chars.len())]
                .iter()
                .collect();
            let after: String = chars[b.min(chars.len())..].iter().collect();
            let bar = self.paint(dim, "  |");
            writeln!(
                self.out,
                "{bar} {before}{}{after}",
                self.paint(vs.underline(), &marked)
            )?;
            writeln!(
                self.out,
                "{bar} {}{}",
                " ".repeat(a),
                self.paint(vs, &"^".repeat(b - a))
            )?;
            let eq = self.paint(dim, "  =");
            writeln!(self.out, "{eq} {}", escape_controls(&message(f, fact)))?;
            if f.verdict == Verdict::Conflicts {
                writeln!(self.out, "{eq} claim: {}", claim.statement)?;
            }
            if f.with_previous {
                writeln!(self.out, "{eq} recognised with the previous sentence")?;
            }
            if let Some(s) = claim.sources.first() {
                writeln!(
                    self.out,
                    "{eq} source: {}, {}, {}",
                    s.title, s.publisher, s.url
                )?;
            }
            writeln!(self.out)?;
        }
        Ok(())
    }

    fn error(&mut self, _err: &InputError) -> io::Result<()> {
        Ok(()) // already on stderr
    }

    fn finish(&mut self, s: &Summary) -> io::Result<()> {
        let conflicts = format!(
            "{} {}",
            s.conflicts,
            if s.conflicts == 1 {
                "conflict"
            } else {
                "conflicts"
            }
        );
        let conflicts = if s.conflicts > 0 {
            self.paint(verdict_style(Verdict::Conflicts), &conflicts)
        } else {
            conflicts
        };
        let plural =
            |n: usize, one: &str, many: &str| format!("{n} {}", if n == 1 { one } else { many });
        let mut also = String::new();
        if s.suppressed > 0 {
            also.push_str(&format!(", {} suppressed", s.suppressed));
        }
        if s.baselined > 0 {
            also.push_str(&format!(", {} in the baseline", s.baselined));
        }
        if s.skipped > 0 {
            also.push_str(&format!(
                ", {} skipped",
                plural(s.skipped, "binary file", "binary files")
            ));
        }
        if s.unchecked_sentences > 0 {
            also.push_str(&format!(
                ", {} too long to check",
                plural(s.unchecked_sentences, "sentence", "sentences")
            ));
        }
        writeln!(
            self.out,
            "{} checked: {}, {} agreeing, {conflicts}{also}",
            plural(s.files, "file", "files"),
            plural(s.findings, "finding", "findings"),
            s.agrees,
        )?;
        self.out.flush()
    }
}

#[cfg(test)]
mod tests {
    use super::one_line;

    #[test]
    fn sentence_on_one_line_keeps_the_mark() {
        let t = "x. Over\n  70,000 died.";
        let s = 3..t.len();
        let f = t.find("70,000").unwrap();
        let (line, a, b) = one_line(t, &s, &(f..f + 6));
        assert_eq!(line, "Over 70,000 died.");
        assert_eq!((a, b), (5, 11));
    }
}
