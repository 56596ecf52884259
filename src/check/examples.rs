//! A database's example sentences run through the checker, for `db test`, `db lint` and the
//! test suite.

use super::check;
use crate::db::Database;

/// An example sentence whose verdict is not the one the database expects.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ExampleFailure {
    pub claim_id: String,
    pub sentence: String,
    /// `agrees`, `conflicts` or `silent`.
    pub expected: &'static str,
    /// What the checker said about this claim: `agrees`, `conflicts`, `silent` (or both).
    pub found: String,
}

/// Runs every claim's example sentences through the checker, each sentence on its own.
pub fn run_examples(db: &Database) -> Vec<ExampleFailure> {
    let mut failures = Vec::new();
    for (ci, claim) in db.claims.iter().enumerate() {
        let groups: [(&'static str, &Vec<String>); 3] = [
            ("agrees", &claim.examples.agrees),
            ("conflicts", &claim.examples.conflicts),
            ("silent", &claim.examples.silent),
        ];
        for (expected, sentences) in groups {
            for sentence in sentences {
                let mut verdicts: Vec<&str> = check(db, sentence)
                    .into_iter()
                    .filter(|f| f.claim == ci)
                    .map(|f| f.verdict.as_str())
                    .collect();
                verdicts.sort_unstable();
                verdicts.dedup();
                let found = if verdicts.is_empty() {
                    "silent".to_string()
                } else {
                    verdicts.join(",")
                };
                if found != expected {
                    failures.push(ExampleFailure {
                        claim_id: claim.id.clone(),
                        sentence: sentence.clone(),
                        expected,
                        found,
                    });
                }
            }
        }
    }
    failures
}
