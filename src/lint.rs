//! `db lint`: every problem of a claims database, each with its file, line and column — what
//! the loader refuses (schema errors, duplicate ids, claims without sources, sources without
//! URL or quote, patterns that match the empty string), examples the checker does not judge as
//! written, and claims that fire on each other's examples.

use serde::Serialize;

use crate::check::{self, Verdict};
use crate::db::{self, Database, DbError};

/// How serious a problem is: errors fail `db lint` (exit 1), warnings are reported only.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Error,
    Warning,
}

/// One problem, positioned.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Problem {
    pub path: String,
    pub line: usize,
    pub column: usize,
    /// The claim the problem is in, when there is one.
    pub claim_id: Option<String>,
    /// A stable name for the kind of problem: `schema`, `duplicate-id`, `missing-source`,
    /// `source-without-url`, `source-without-quote`, `empty-match`, `invalid`,
    /// `example-mismatch`, `overlap`, `draft`.
    pub code: &'static str,
    pub severity: Severity,
    pub message: String,
}

/// Lints databases given as (name, contents).
pub fn lint(sources: &[(String, String)]) -> Vec<Problem> {
    let (db, errors) = Database::from_sources_lenient(sources);
    let mut problems: Vec<Problem> = errors.iter().map(|e| loader_problem(&db, e)).collect();
    // A file that did not parse has no claims to run; the rest still do.
    for failure in check::run_examples(&db) {
        let (path, line, column) =
            locate_example(&db, sources, &failure.claim_id, &failure.sentence);
        problems.push(Problem {
            path,
            line,
            column,
            claim_id: Some(failure.claim_id.clone()),
            code: "example-mismatch",
            severity: Severity::Error,
            message: match &failure.hint {
                Some(h) => format!(
                    "example expected to {} but the checker {}: \"{}\"; {h}",
                    expected_words(failure.expected),
                    found_words(&failure.found),
                    failure.sentence
                ),
                None => format!(
                    "example expected to {} but the checker {}: \"{}\"",
                    expected_words(failure.expected),
                    found_words(&failure.found),
                    failure.sentence
                ),
            },
        });
    }
    problems.extend(overlaps(&db, sources));
    problems.extend(drafts(&db, sources));
    problems.sort_by(|a, b| (&a.path, a.line, a.column).cmp(&(&b.path, b.line, b.column)));
    problems
}

fn expected_words(expected: &str) -> &'static str {
    match expected {
        "agrees" => "agree",
        "conflicts" => "conflict",
        _ => "stay silent",
    }
}

fn found_words(found: &str) -> String {
    match found {
        "agrees" => "says it agrees".into(),
        "conflicts" => "says it conflicts".into(),
        "silent" => "says nothing".into(),
        other => format!("says {other}"),
    }
}

fn loader_problem(db: &Database, e: &DbError) -> Problem {
    // The claim whose region holds the error: the last claim of that file starting at or
    // before the error's line.
    let claim_id = db
        .claims
        .iter()
        .filter(|c| c.origin == e.path && c.line <= e.line)
        .max_by_key(|c| c.line)
        .map(|c| c.id.clone());
    Problem {
        path: e.path.clone(),
        line: e.line,
        column: e.column,
        claim_id,
        code: e.code.as_str(),
        severity: Severity::Error,
        message: e.message.clone(),
    }
}

/// The position of an example sentence in its claim's file (the claim's header if the
/// sentence is written with escapes and cannot be found verbatim).
fn locate_example(
    db: &Database,
    sources: &[(String, String)],
    claim_id: &str,
    sentence: &str,
) -> (String, usize, usize) {
    let Some(claim) = db.claims.iter().find(|c| c.id == claim_id) else {
        return (String::new(), 1, 1);
    };
    let Some((_, src)) = sources.iter().find(|(p, _)| *p == claim.origin) else {
        return (claim.origin.clone(), claim.line, 1);
    };
    let from = crate::text::LineIndex::new(src).line_start(claim.line, src);
    let found = src
        .get(from..)
        .and_then(|rest| rest.find(&format!("\"{sentence}\"")))
        .map(|k| from + k);
    match found {
        Some(at) => {
            let (line, column) = db::line_col(src, at);
            (claim.origin.clone(), line, column)
        }
        None => (claim.origin.clone(), claim.line, 1),
    }
}

/// Claims that fire on another claim's agreeing or conflicting examples: both would judge
/// the same sentence. Opposite verdicts on one sentence are an error (a reader would get
/// "agrees" and "conflicts" at once); the same verdict is a warning worth a look.
fn overlaps(db: &Database, sources: &[(String, String)]) -> Vec<Problem> {
    let mut out = Vec::new();
    let mut seen = std::collections::HashSet::new();
    for (ci, claim) in db.claims.iter().enumerate() {
        let examples = claim
            .examples
            .agrees
            .iter()
            .map(|s| (s, Verdict::Agrees))
            .chain(
                claim
                    .examples
                    .conflicts
                    .iter()
                    .map(|s| (s, Verdict::Conflicts)),
            );
        for (sentence, own) in examples {
            for f in check::check_with_drafts(db, sentence) {
                if f.claim == ci || !seen.insert((ci, f.claim)) {
                    continue;
                }
                let other = &db.claims[f.claim];
                let (path, line, column) = locate_example(db, sources, &claim.id, sentence);
                let severity = if f.verdict == own {
                    Severity::Warning
                } else {
                    Severity::Error
                };
                out.push(Problem {
                    path,
                    line,
                    column,
                    claim_id: Some(claim.id.clone()),
                    code: "overlap",
                    severity,
                    message: format!(
                        "claim `{}` also judges this example of `{}` ({} here, {} there): \"{sentence}\"; narrow one of them with `about` or `excludes`",
                        other.id,
                        claim.id,
                        f.verdict.as_str(),
                        own.as_str()
                    ),
                });
            }
        }
    }
    out
}

/// The loader's problems alone (schema errors, duplicate ids, missing sources, ...), without
/// running any example: cheap enough to run on every edit of a database (the language server
/// does, and runs [`lint`] on save).
pub fn loader_problems(sources: &[(String, String)]) -> Vec<Problem> {
    let (db, errors) = Database::from_sources_lenient(sources);
    let mut problems: Vec<Problem> = errors.iter().map(|e| loader_problem(&db, e)).collect();
    problems.extend(drafts(&db, sources));
    problems
}

/// A warning for each draft claim (`draft = true`), at its `draft` key: the claim says nothing
/// on users' text until a curator has checked its figure against the source.
fn drafts(db: &Database, sources: &[(String, String)]) -> Vec<Problem> {
    db.claims
        .iter()
        .filter(|c| c.draft)
        .map(|c| {
            let (line, column) = sources
                .iter()
                .find(|(p, _)| *p == c.origin)
                .and_then(|(_, src)| {
                    let from = crate::text::LineIndex::new(src).line_start(c.line, src);
                    draft_key(src, from).map(|at| db::line_col(src, at))
                })
                .unwrap_or((c.line, 1));
            Problem {
                path: c.origin.clone(),
                line,
                column,
                claim_id: Some(c.id.clone()),
                code: "draft",
                severity: Severity::Warning,
                message: format!(
                    "claim `{}` is a draft: check the figure against the source, then delete `draft = true`",
                    c.id
                ),
            }
        })
        .collect()
}

/// The byte offset of the first `draft` key at the start of a line from `from` on.
fn draft_key(src: &str, from: usize) -> Option<usize> {
    let rest = src.get(from..)?;
    let mut at = from;
    for line in rest.split_inclusive('\n') {
        let indent = line.len() - line.trim_start().len();
        let key = line.trim_start();
        // The next claim's header: this claim's `draft` was written inline or not found.
        if at > from && key.starts_with("[[claim]]") {
            return None;
        }
        if key.starts_with("draft") && key[5..].trim_start().starts_with('=') {
            return Some(at + indent);
        }
        at += line.len();
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_shipped_database_has_no_errors() {
        let problems = lint(&[(db::EMBEDDED_NAME.to_string(), db::EMBEDDED.to_string())]);
        let errors: Vec<&Problem> = problems
            .iter()
            .filter(|p| p.severity == Severity::Error)
            .collect();
        assert!(errors.is_empty(), "{errors:#?}");
    }

    #[test]
    fn lines_start_where_expected() {
        let line_offset = |src: &str, line| crate::text::LineIndex::new(src).line_start(line, src);
        assert_eq!(line_offset("a\nb\nc", 1), 0);
        assert_eq!(line_offset("a\nb\nc", 3), 4);
        assert_eq!(line_offset("a", 9), 1);
    }
}
