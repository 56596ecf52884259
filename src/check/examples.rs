//! A database's example sentences run through the checker, for `db test`, `db lint` and the
//! test suite.

use super::check_with_drafts as check;
use crate::db::{Claim, Database, FactKind};
use crate::extract::{Kind, Measure};

/// An example sentence whose verdict is not the one the database expects.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ExampleFailure {
    pub claim_id: String,
    pub sentence: String,
    /// `agrees`, `conflicts` or `silent`.
    pub expected: &'static str,
    /// What the checker said about this claim: `agrees`, `conflicts`, `silent` (or both).
    pub found: String,
    /// When the example states a figure of a kind no fact of the claim has: which kind to use
    /// ("the example states a money amount ("$5 billion"); the claim has no money fact").
    pub hint: Option<String>,
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
                // A sentence conflicts when any of its figures does; the agreements of its
                // other figures are reported beside the conflict.
                let ok = found == expected
                    || (expected == "conflicts" && verdicts.contains(&"conflicts"));
                if !ok {
                    let hint = (found == "silent")
                        .then(|| kind_hint(db, claim, sentence))
                        .flatten();
                    failures.push(ExampleFailure {
                        claim_id: claim.id.clone(),
                        sentence: sentence.clone(),
                        expected,
                        found,
                        hint,
                    });
                }
            }
        }
    }
    failures
}

/// The fact kind a figure would be compared by, and how to name what it states.
fn figure_kind(f: &crate::extract::Figure) -> Option<(FactKind, &'static str)> {
    Some(match (f.kind(), f.measure()) {
        (_, Some(Measure::Money { .. })) => (FactKind::Money, "a money amount"),
        (_, Some(Measure::Quantity { .. })) => (FactKind::Quantity, "a physical quantity"),
        (_, Some(Measure::Change { .. })) => (FactKind::Change, "a change"),
        (_, Some(Measure::Tally { .. } | Measure::Unanimous | Measure::TallyFor { .. })) => {
            (FactKind::Tally, "a tally")
        }
        (_, Some(Measure::Record { .. })) => (FactKind::Record, "a record"),
        (_, Some(Measure::Duration { .. })) => (FactKind::Duration, "a duration"),
        (Kind::Mass, _) => (FactKind::Mass, "a mass"),
        (Kind::Multiplier, _) => (FactKind::Multiplier, "a multiplier"),
        (Kind::When, _) => (FactKind::Date, "a date"),
        _ => return None,
    })
}

/// Names the kind an example states when no fact of the claim can compare it.
fn kind_hint(db: &Database, claim: &Claim, sentence: &str) -> Option<String> {
    let has = |k: FactKind| {
        claim
            .facts
            .iter()
            .any(|f| f.kind() == k || (k == FactKind::Mass && f.kind() == FactKind::Quantity))
    };
    let figures = super::sentence_figures(db, sentence, 0..sentence.len());
    figures.iter().find_map(|(f, _)| {
        let (kind, what) = figure_kind(f)?;
        if has(kind) {
            return None;
        }
        let kinds: Vec<&str> = claim.facts.iter().map(|f| f.kind().name()).collect();
        Some(format!(
            "the example states {what} (\"{}\") but the claim's facts are {}: add a fact with kind = \"{}\"",
            &sentence[f.span.clone()],
            kinds.join(", "),
            kind.name()
        ))
    })
}
