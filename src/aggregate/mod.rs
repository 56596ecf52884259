//! Aggregating findings (JSON Lines from `check --format jsonl`, with or without `--records`
//! and `--uncovered`) into what a desk acts on: per claim, the pages that agree and that
//! conflict, by month; and the uncovered figures most often stated, grouped by figure and
//! subject, each with example sentences and their pages: the curators' worklist.
//!
//! Reading is one line at a time; what is kept grows with the number of claims and distinct
//! uncovered figures, and the examples kept per claim and per figure are capped.

pub mod html;
pub mod stubs;

use std::collections::{BTreeMap, HashMap};
use std::io::BufRead;

use serde::{Deserialize, Serialize};

/// Pages kept per claim and verdict (all are counted).
pub const MAX_PAGES_PER_CLAIM: usize = 200;
/// Example sentences kept per uncovered figure.
pub const MAX_EXAMPLES: usize = 3;

/// A findings line as the report reads it (fields it does not use are ignored).
#[derive(Debug, Deserialize)]
struct Line {
    verdict: String,
    #[serde(default)]
    claim_id: Option<String>,
    #[serde(default)]
    statement: Option<String>,
    #[serde(default)]
    expected: Option<String>,
    #[serde(default)]
    text: String,
    #[serde(default)]
    stated: String,
    #[serde(default)]
    path: Option<String>,
    #[serde(default)]
    id: Option<String>,
    #[serde(default)]
    url: Option<String>,
    #[serde(default)]
    date: Option<String>,
    #[serde(default)]
    line: usize,
    #[serde(default)]
    figures: Vec<LineFigure>,
    #[serde(default)]
    terms: Vec<String>,
}

#[derive(Debug, Deserialize)]
struct LineFigure {
    kind: String,
    stated: String,
}

/// A sentence on a page.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct PageRef {
    /// The page: its url, else the record id, else the file path.
    pub page: String,
    /// Whether `page` is a link.
    pub linked: bool,
    pub sentence: String,
    pub stated: String,
    pub date: Option<String>,
}

/// One claim's findings.
#[derive(Debug, Clone, Serialize)]
pub struct ClaimSummary {
    pub id: String,
    pub statement: String,
    pub expected: String,
    pub agrees: usize,
    pub conflicts: usize,
    /// Up to [`MAX_PAGES_PER_CLAIM`] agreeing sentences.
    pub agreeing: Vec<PageRef>,
    /// Up to [`MAX_PAGES_PER_CLAIM`] conflicting sentences.
    pub conflicting: Vec<PageRef>,
    /// Findings per month (`YYYY-MM`) of the page's date: (agrees, conflicts).
    pub timeline: BTreeMap<String, (usize, usize)>,
    /// Findings whose page has no date.
    pub undated: usize,
}

/// One uncovered figure, as stated on many pages.
#[derive(Debug, Clone, Serialize)]
pub struct UncoveredGroup {
    /// The figure's words, lowercased ("2 milligrams").
    pub figure: String,
    /// Its kind (`count`, `share`, `money`, `mass`, `multiplier`, `change`, `date`).
    pub kind: String,
    /// The subject terms of the sentences stating it.
    pub terms: Vec<String>,
    /// Sentences stating it.
    pub sentences: usize,
    /// Distinct pages stating it.
    pub pages: usize,
    pub examples: Vec<PageRef>,
    #[serde(skip)]
    seen: std::collections::HashSet<String>,
}

/// The aggregate of one or more findings files.
#[derive(Debug, Clone, Default, Serialize)]
pub struct Report {
    /// Claims with findings, most conflicts first.
    pub claims: Vec<ClaimSummary>,
    /// Uncovered figures, most pages first.
    pub uncovered: Vec<UncoveredGroup>,
    /// Findings lines read.
    pub findings: usize,
    /// Distinct pages with at least one finding.
    pub pages: usize,
}

/// A problem with a findings file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReadError {
    pub path: String,
    pub line: usize,
    pub message: String,
}

impl std::fmt::Display for ReadError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}:{}: {}", self.path, self.line, self.message)
    }
}

/// Builds a [`Report`] line by line.
#[derive(Debug, Default)]
pub struct Aggregator {
    claims: HashMap<String, ClaimSummary>,
    groups: HashMap<(String, Vec<String>), UncoveredGroup>,
    pages: std::collections::HashSet<String>,
    findings: usize,
}

/// The month of a date written `YYYY-MM...` (ISO 8601, as WARC-Date is).
fn month(date: Option<&str>) -> Option<String> {
    let d = date?;
    let b = d.as_bytes();
    let ok = b.len() >= 7
        && b[..4].iter().all(u8::is_ascii_digit)
        && b[4] == b'-'
        && b[5..7].iter().all(u8::is_ascii_digit);
    ok.then(|| d[..7].to_string())
}

impl Aggregator {
    /// Reads every line of a findings file; malformed lines are errors (the first stops it).
    pub fn read(&mut self, reader: impl BufRead, path: &str) -> Result<(), ReadError> {
        for (i, line) in reader.lines().enumerate() {
            let err = |message: String| ReadError {
                path: path.to_string(),
                line: i + 1,
                message,
            };
            let line = line.map_err(|e| err(format!("cannot read: {e}")))?;
            if line.trim().is_empty() {
                continue;
            }
            let parsed: Line = serde_json::from_str(&line).map_err(|e| {
                err(format!(
                    "not a findings line ({e}); give the output of `check --format jsonl`"
                ))
            })?;
            self.add(parsed).map_err(err)?;
        }
        Ok(())
    }

    fn add(&mut self, l: Line) -> Result<(), String> {
        self.findings += 1;
        let (page, linked) = match (&l.url, &l.id, &l.path) {
            (Some(u), _, _) => (u.clone(), true),
            (None, Some(id), _) => (id.clone(), false),
            (None, None, Some(p)) => (p.clone(), false),
            _ => ("-".to_string(), false),
        };
        let page_key = if linked || l.id.is_some() {
            page.clone()
        } else {
            format!("{page}:{}", l.line)
        };
        self.pages.insert(page.clone());
        let pref = |stated: &str| PageRef {
            page: page.clone(),
            linked,
            sentence: l.text.clone(),
            stated: stated.to_string(),
            date: l.date.clone(),
        };
        match l.verdict.as_str() {
            v @ ("agrees" | "conflicts") => {
                let id = l.claim_id.clone().ok_or("a finding without `claim_id`")?;
                let c = self
                    .claims
                    .entry(id.clone())
                    .or_insert_with(|| ClaimSummary {
                        id,
                        statement: l.statement.clone().unwrap_or_default(),
                        expected: l.expected.clone().unwrap_or_default(),
                        agrees: 0,
                        conflicts: 0,
                        agreeing: Vec::new(),
                        conflicting: Vec::new(),
                        timeline: BTreeMap::new(),
                        undated: 0,
                    });
                let conflict = v == "conflicts";
                let (count, list) = if conflict {
                    (&mut c.conflicts, &mut c.conflicting)
                } else {
                    (&mut c.agrees, &mut c.agreeing)
                };
                *count += 1;
                if list.len() < MAX_PAGES_PER_CLAIM {
                    list.push(pref(&l.stated));
                }
                match month(l.date.as_deref()) {
                    Some(m) => {
                        let slot = c.timeline.entry(m).or_default();
                        if conflict {
                            slot.1 += 1;
                        } else {
                            slot.0 += 1;
                        }
                    }
                    None => c.undated += 1,
                }
            }
            "uncovered" => {
                let mut terms = l.terms.clone();
                terms.sort();
                terms.dedup();
                for f in &l.figures {
                    let figure = crate::report::collapse(&f.stated).to_lowercase();
                    let g = self
                        .groups
                        .entry((figure.clone(), terms.clone()))
                        .or_insert_with(|| UncoveredGroup {
                            figure,
                            kind: f.kind.clone(),
                            terms: terms.clone(),
                            sentences: 0,
                            pages: 0,
                            examples: Vec::new(),
                            seen: Default::default(),
                        });
                    g.sentences += 1;
                    if g.seen.insert(page_key.clone()) {
                        g.pages += 1;
                        if g.examples.len() < MAX_EXAMPLES {
                            g.examples.push(pref(&f.stated));
                        }
                    }
                }
            }
            other => return Err(format!("unknown verdict \"{other}\"")),
        }
        Ok(())
    }

    /// The report: claims with most conflicts first, uncovered figures on most pages first.
    pub fn finish(self) -> Report {
        let mut claims: Vec<ClaimSummary> = self.claims.into_values().collect();
        claims.sort_by(|a, b| {
            (b.conflicts, b.agrees)
                .cmp(&(a.conflicts, a.agrees))
                .then(a.id.cmp(&b.id))
        });
        let mut uncovered: Vec<UncoveredGroup> = self.groups.into_values().collect();
        uncovered.sort_by(|a, b| {
            (b.pages, b.sentences)
                .cmp(&(a.pages, a.sentences))
                .then(a.figure.cmp(&b.figure))
                .then(a.terms.cmp(&b.terms))
        });
        Report {
            claims,
            uncovered,
            findings: self.findings,
            pages: self.pages.len(),
        }
    }
}

/// The report's first line: "124 findings on 88 pages: 1 claim stated, 21 uncovered figures."
pub fn summary_line(r: &Report) -> String {
    let n = |k: usize, one: &str, many: &str| format!("{k} {}", if k == 1 { one } else { many });
    format!(
        "{} on {}: {} stated, {}.",
        n(r.findings, "finding", "findings"),
        n(r.pages, "page", "pages"),
        n(r.claims.len(), "claim", "claims"),
        n(r.uncovered.len(), "uncovered figure", "uncovered figures"),
    )
}

/// The report as text for a terminal: `top` uncovered figures at most.
pub fn to_text(r: &Report, top: usize) -> String {
    use std::fmt::Write as _;
    let mut s = String::new();
    let _ = writeln!(s, "{}", summary_line(r));
    for c in &r.claims {
        let _ = writeln!(
            s,
            "\n{}: {} agree, {} conflict\n  claim: {}",
            c.id, c.agrees, c.conflicts, c.statement
        );
        for p in c.conflicting.iter().take(MAX_EXAMPLES) {
            let _ = writeln!(s, "  conflicts: {} \"{}\"", p.page, p.sentence);
        }
        for p in c.agreeing.iter().take(1) {
            let _ = writeln!(s, "  agrees:    {} \"{}\"", p.page, p.sentence);
        }
    }
    if !r.uncovered.is_empty() {
        let _ = writeln!(s, "\nUncovered figures, most often stated:");
    }
    for (i, g) in r.uncovered.iter().take(top).enumerate() {
        let _ = writeln!(
            s,
            "{:>3}. \"{}\" ({}) on {}: {} sentences on {} pages",
            i + 1,
            g.figure,
            g.kind,
            g.terms.join(", "),
            g.sentences,
            g.pages
        );
        for p in &g.examples {
            let _ = writeln!(s, "       {} \"{}\"", p.page, p.sentence);
        }
    }
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    const LINES: &str = r#"{"verdict":"conflicts","claim_id":"c1","statement":"S","text":"A.","stated":"5","url":"https://a","date":"2024-03-02T00:00:00Z"}
{"verdict":"agrees","claim_id":"c1","statement":"S","text":"B.","stated":"7","id":"r2"}
{"verdict":"uncovered","text":"C.","stated":"2 mg","figures":[{"kind":"mass","stated":"2 mg"}],"terms":["x"],"url":"https://a"}
{"verdict":"uncovered","text":"D.","stated":"2 MG","figures":[{"kind":"mass","stated":"2  MG"}],"terms":["x"],"url":"https://b"}
{"verdict":"uncovered","text":"E.","stated":"9","figures":[{"kind":"count","stated":"9"}],"terms":["x"],"url":"https://b"}
"#;

    #[test]
    fn claims_and_uncovered_figures_are_grouped() {
        let mut a = Aggregator::default();
        a.read(LINES.as_bytes(), "f.jsonl").unwrap();
        let r = a.finish();
        assert_eq!((r.findings, r.pages), (5, 3));
        let c = &r.claims[0];
        assert_eq!((c.agrees, c.conflicts, c.undated), (1, 1, 1));
        assert_eq!(c.timeline["2024-03"], (0, 1));
        assert_eq!(r.uncovered[0].figure, "2 mg");
        assert_eq!((r.uncovered[0].pages, r.uncovered[0].sentences), (2, 2));
        assert_eq!(r.uncovered[1].figure, "9");
    }

    #[test]
    fn bad_lines_name_file_and_line() {
        let mut a = Aggregator::default();
        let e = a
            .read("\n{\"verdict\":\"x\"}\n".as_bytes(), "f.jsonl")
            .unwrap_err();
        assert_eq!((e.line, e.message.as_str()), (2, "unknown verdict \"x\""));
        let e = a.read("nope\n".as_bytes(), "f.jsonl").unwrap_err();
        assert!(
            e.to_string().starts_with("f.jsonl:1: not a findings line"),
            "{e}"
        );
    }
}
