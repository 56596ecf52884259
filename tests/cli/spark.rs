//! The Spark example (examples/spark/claimcheck_job.py) in local mode, `local[2]`, on a
//! generated archive of 300 documents, as JSON Lines records and as web archives: its
//! findings must equal those of one `claimcheck` run over the same inputs. Skips, saying so,
//! when java or pyspark (spark-submit) is missing; .ci/run installs both.

use std::collections::BTreeMap;
use std::path::Path;
use std::process::Command;

use super::archive::{documents, to_jsonl, to_warc};
use super::util::{code, crate_dir, run};

fn available(cmd: &str, arg: &str) -> bool {
    Command::new(cmd)
        .arg(arg)
        .output()
        .is_ok_and(|o| o.status.success())
}

/// Findings as a multiset of canonical JSON texts, without the fields that name where a
/// record sat in its input (`path`, `record`): Spark splits inputs differently.
fn canonical(jsonl: &str) -> BTreeMap<String, usize> {
    let mut out = BTreeMap::new();
    for line in jsonl.lines().filter(|l| !l.trim().is_empty()) {
        let mut v: serde_json::Value = serde_json::from_str(line).expect("a JSON line");
        if let Some(o) = v.as_object_mut() {
            o.remove("path");
            o.remove("record");
        }
        *out.entry(v.to_string()).or_insert(0) += 1;
    }
    out
}

fn read_parts(dir: &Path) -> String {
    let mut names: Vec<_> = std::fs::read_dir(dir)
        .expect("the job wrote its findings")
        .map(|e| e.expect("a directory entry").path())
        .filter(|p| {
            p.file_name()
                .is_some_and(|n| n.to_string_lossy().starts_with("part-"))
        })
        .collect();
    names.sort();
    names
        .iter()
        .map(|p| std::fs::read_to_string(p).expect("a part file"))
        .collect()
}

#[test]
fn the_spark_job_finds_what_one_claimcheck_run_finds() {
    if !available("java", "-version") || !available("spark-submit", "--version") {
        println!("skipping: java or spark-submit (pip install pyspark) is not available");
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let docs = documents(300);
    let (first, second) = docs.split_at(150);
    let mut inputs = Vec::new();
    for (i, half) in [first, second].into_iter().enumerate() {
        let jsonl = d.join(format!("records-{i}.jsonl"));
        std::fs::write(&jsonl, to_jsonl(half)).unwrap();
        let warc = d.join(format!("crawl-{i}.warc.gz"));
        std::fs::write(&warc, to_warc(half, true)).unwrap();
        inputs.push((
            jsonl.to_string_lossy().into_owned(),
            warc.to_string_lossy().into_owned(),
        ));
    }
    let (records, archives): (Vec<String>, Vec<String>) = inputs.into_iter().unzip();
    let mut args = vec!["--records", "--uncovered", "--format", "jsonl"];
    args.extend(records.iter().map(String::as_str));
    let single_records = run(&args, "");
    let mut args = vec!["--uncovered", "--format", "jsonl"];
    args.extend(archives.iter().map(String::as_str));
    let single_archives = run(&args, "");
    assert_eq!(code(&single_records), 1);
    assert_eq!(code(&single_archives), 1);
    let mut single = String::from_utf8_lossy(&single_records.stdout).into_owned();
    single.push_str(&String::from_utf8_lossy(&single_archives.stdout));

    let out = d.join("out");
    let report = d.join("report");
    let status = Command::new("spark-submit")
        .args([
            "--master",
            "local[2]",
            "--files",
            env!("CARGO_BIN_EXE_claimcheck"),
        ])
        .arg(crate_dir().join("examples/spark/claimcheck_job.py"))
        .args(["--uncovered", "--partitions", "4", "--output"])
        .arg(&out)
        .arg("--report-dir")
        .arg(&report)
        .args(&records)
        .args(&archives)
        .env("SPARK_LOCAL_IP", "127.0.0.1")
        .output()
        .expect("spark-submit runs");
    assert!(
        status.status.success(),
        "the Spark job failed:\n{}",
        String::from_utf8_lossy(&status.stderr)
    );
    let spark = read_parts(&out.join("findings.jsonl"));
    let (want, got) = (canonical(&single), canonical(&spark));
    assert!(
        want.values().sum::<usize>() > 600,
        "too few findings to compare"
    );
    assert_eq!(got, want, "Spark's findings differ from one claimcheck run");
    assert!(out.join("findings.parquet/_SUCCESS").exists());
    let text = std::fs::read_to_string(report.join("report.txt")).unwrap();
    assert!(
        text.contains("fentanyl-traffickers-us-citizens: 200 agree, 120 conflict"),
        "{text}"
    );
    assert!(report.join("report.html").exists() && report.join("stubs.toml").exists());
}
