//! Precision and recall of `--uncovered` on labelled sentences (tests/data/uncovered*.tsv):
//! each sentence is one record; a sentence counts as flagged when it has an `uncovered`
//! finding.

use super::util::{code, run};

struct Score {
    tp: usize,
    fp: usize,
    fn_: usize,
    misses: Vec<String>,
}

impl Score {
    fn precision(&self) -> f64 {
        self.tp as f64 / (self.tp + self.fp).max(1) as f64
    }
    fn recall(&self) -> f64 {
        self.tp as f64 / (self.tp + self.fn_).max(1) as f64
    }
}

fn score(file: &str) -> Score {
    let path = super::util::crate_dir().join("tests/data").join(file);
    let text = std::fs::read_to_string(&path).expect("the labelled sentences are committed");
    let rows: Vec<(bool, &str)> = text
        .lines()
        .filter(|l| !l.trim().is_empty() && !l.starts_with('#'))
        .map(|l| {
            let (label, sentence) = l.split_once('\t').expect("label<TAB>sentence");
            assert!(matches!(label, "stat" | "none"), "bad label {label:?}");
            (label == "stat", sentence)
        })
        .collect();
    assert!(rows.len() >= 60, "{file}: too few sentences");
    let input: String = rows
        .iter()
        .enumerate()
        .map(|(i, (_, s))| format!("{}\n", serde_json::json!({"id": i.to_string(), "text": s})))
        .collect();
    let out = run(&["--records", "--uncovered", "--format", "jsonl"], &input);
    assert_ne!(code(&out), 2, "{}", String::from_utf8_lossy(&out.stderr));
    let mut flagged = vec![false; rows.len()];
    for line in String::from_utf8_lossy(&out.stdout).lines() {
        let v: serde_json::Value = serde_json::from_str(line).expect("a JSON line");
        if v["verdict"] == "uncovered" {
            let i: usize = v["id"]
                .as_str()
                .and_then(|s| s.parse().ok())
                .expect("an id");
            flagged[i] = true;
        }
    }
    let mut s = Score {
        tp: 0,
        fp: 0,
        fn_: 0,
        misses: Vec::new(),
    };
    for ((label, sentence), flag) in rows.iter().zip(flagged) {
        match (label, flag) {
            (true, true) => s.tp += 1,
            (false, true) => {
                s.fp += 1;
                s.misses.push(format!("false positive: {sentence}"));
            }
            (true, false) => {
                s.fn_ += 1;
                s.misses.push(format!("missed: {sentence}"));
            }
            (false, false) => {}
        }
    }
    println!(
        "{file}: {} sentences, precision {:.3}, recall {:.3}",
        rows.len(),
        s.precision(),
        s.recall()
    );
    s
}

#[test]
fn uncovered_meets_its_precision_and_recall_targets() {
    for file in ["uncovered.tsv", "uncovered-heldout.tsv"] {
        let s = score(file);
        assert!(
            s.precision() >= 0.9 && s.recall() >= 0.8,
            "{file}: precision {:.3}, recall {:.3}\n{}",
            s.precision(),
            s.recall(),
            s.misses.join("\n")
        );
    }
}
