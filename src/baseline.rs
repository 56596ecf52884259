//! Baselines: findings recorded once (`--write-baseline`) and not reported again
//! (`--baseline`), so an archive with known issues can adopt the checker and fail only on
//! new ones.
//!
//! A finding is recorded by its path, claim id and a hash of the sentence and what it states,
//! never by line number, so edits elsewhere in the file do not break the match. A baseline
//! entry absorbs one finding: a second identical sentence in the same file is new.

use std::collections::HashMap;

use serde::{Deserialize, Serialize};

/// The baseline file, as JSON.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Baseline {
    /// Format version: 1.
    pub version: u32,
    /// The recorded findings.
    pub findings: Vec<Entry>,
}

/// One recorded finding.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Entry {
    /// The path as reported (forward slashes, no leading `./`).
    pub path: String,
    /// The claim the finding is about.
    pub claim_id: String,
    /// `agrees` or `conflicts`.
    pub verdict: String,
    /// Hash of the claim id, the sentence and what it states.
    pub fingerprint: String,
    /// The sentence, for people reading the file; not used for matching.
    #[serde(default)]
    pub sentence: String,
}

/// The unmatched entries of a baseline, for one file: each absorbs one finding.
#[derive(Debug, Clone, Default)]
pub struct Remaining {
    counts: HashMap<(String, String), usize>,
}

impl Remaining {
    /// Whether a finding with this claim id and fingerprint is in the baseline; if so, it uses
    /// up one entry.
    pub fn take(&mut self, claim_id: &str, fingerprint: &str) -> bool {
        match self
            .counts
            .get_mut(&(claim_id.to_string(), fingerprint.to_string()))
        {
            Some(n) if *n > 0 => {
                *n -= 1;
                true
            }
            _ => false,
        }
    }
}

impl Baseline {
    /// Reads a baseline; the error says what is wrong, with line and column.
    pub fn parse(text: &str) -> Result<Baseline, String> {
        let b: Baseline =
            serde_json::from_str(text).map_err(|e| format!("{}:{}: {e}", e.line(), e.column()))?;
        if b.version != 1 {
            return Err(format!(
                "baseline version {} is not supported (this claimcheck writes version 1)",
                b.version
            ));
        }
        Ok(b)
    }

    /// The entries per path.
    pub fn by_path(&self) -> HashMap<String, Remaining> {
        let mut out: HashMap<String, Remaining> = HashMap::new();
        for e in &self.findings {
            *out.entry(normalize(&e.path))
                .or_default()
                .counts
                .entry((e.claim_id.clone(), e.fingerprint.clone()))
                .or_default() += 1;
        }
        out
    }

    /// The baseline as pretty JSON, entries sorted so the file diffs well.
    pub fn to_json(&mut self) -> String {
        self.findings.sort();
        let mut s = serde_json::to_string_pretty(self).unwrap_or_default();
        s.push('\n');
        s
    }
}

/// A path as recorded: forward slashes, no leading `./`.
pub fn normalize(path: &str) -> String {
    let p = path.replace('\\', "/");
    p.trim_start_matches("./").to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn entries_are_used_once() {
        let mut b = Baseline {
            version: 1,
            findings: vec![Entry {
                path: "./a.md".into(),
                claim_id: "c".into(),
                verdict: "conflicts".into(),
                fingerprint: "f".into(),
                sentence: String::new(),
            }],
        };
        let json = b.to_json();
        let back = Baseline::parse(&json).unwrap();
        let mut by = back.by_path();
        let r = by.get_mut("a.md").unwrap();
        assert!(r.take("c", "f"));
        assert!(!r.take("c", "f"));
    }

    #[test]
    fn bad_baselines_say_where() {
        let e = Baseline::parse("{\"version\": 1,\n \"findings\": [{\"path\": 3}]}").unwrap_err();
        assert!(e.starts_with("2:"), "{e}");
        let e = Baseline::parse("{\"version\": 2, \"findings\": []}").unwrap_err();
        assert!(e.contains("version 2"), "{e}");
    }
}
