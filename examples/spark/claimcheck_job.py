"""Audit an archive with claimcheck on Spark: the map stage of a distributed run.

Inputs are JSON Lines record files (one document per line: {"id", "text", "format", "url",
"date"}) and web archives (.warc, .warc.gz), given as local paths, file:// URIs or any
Hadoop filesystem URI (hdfs://, s3a://). Record files are split into partitions by Spark;
each partition is piped through `claimcheck check --records --format jsonl`. Each web
archive is one task: its bytes are written to the executor's scratch space and checked as
a file. The claimcheck binary (and a claims database, if any) are shipped to the executors
with spark-submit --files and found there with SparkFiles.

Output, under --output:
  findings.jsonl/   the findings as JSON Lines (part files), exactly as claimcheck wrote them
  findings.parquet/ the same findings as Parquet
and, on the driver, --report-dir (default: claimcheck-report/):
  findings.jsonl, report.txt, report.html, stubs.toml (the aggregated report)

Run it with spark-submit; see README.md, section "Auditing an archive".
"""

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import threading

from pyspark import SparkFiles
from pyspark.sql import SparkSession

WARC_SUFFIXES = (".warc", ".warc.gz")


def parse_args(argv):
    p = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    p.add_argument("inputs", nargs="+", help="record files and web archives (paths or URIs)")
    p.add_argument("--output", required=True, help="output directory (any Hadoop filesystem)")
    p.add_argument("--report-dir", default="claimcheck-report",
                   help="local directory on the driver for the aggregated report")
    p.add_argument("--binary", default="claimcheck",
                   help="name of the claimcheck binary shipped with --files")
    p.add_argument("--db", default=None,
                   help="name of a claims database shipped with --files (default: built-in)")
    p.add_argument("--uncovered", action="store_true", help="also report uncovered statistics")
    p.add_argument("--partitions", type=int, default=0,
                   help="partitions for record files (default: Spark's choice)")
    p.add_argument("--top", type=int, default=25, help="uncovered figures in the report")
    return p.parse_args(argv)


def shipped(name):
    """The path of a file shipped with --files, on this executor (or the driver)."""
    if name is None:
        return None
    path = SparkFiles.get(os.path.basename(name))
    if not os.path.exists(path) and os.path.exists(name):
        path = name  # not shipped: a path every node can read (local mode)
    if not os.access(path, os.X_OK) and os.access(path, os.W_OK):
        os.chmod(path, 0o755)  # --files does not always keep the executable bit
    return path


def command(binary, db, uncovered, records):
    cmd = [shipped(binary), "check", "--format", "jsonl", "--no-progress", "--no-config",
           "-j", "1"]
    if records:
        cmd.append("--records")
    if db:
        cmd += ["--db", shipped(db)]
    if uncovered:
        cmd.append("--uncovered")
    return cmd


def run_claimcheck(cmd, feed):
    """Runs claimcheck, feeding stdin from `feed` (lines) in a thread, yielding stdout lines.
    Exit codes 0 and 1 are findings; 2 (a bad record) is reported on stderr and the run goes
    on, as claimcheck itself does."""
    proc = subprocess.Popen(cmd, stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                            stderr=sys.stderr, text=True, encoding="utf-8")

    def write():
        try:
            for line in feed:
                proc.stdin.write(line if line.endswith("\n") else line + "\n")
        finally:
            proc.stdin.close()

    writer = threading.Thread(target=write, daemon=True)
    writer.start()
    for line in proc.stdout:
        yield line.rstrip("\n")
    writer.join()
    code = proc.wait()
    if code not in (0, 1, 2):
        raise RuntimeError(f"claimcheck failed with exit code {code}: {' '.join(cmd)}")


def check_records(binary, db, uncovered):
    def per_partition(lines):
        yield from run_claimcheck(command(binary, db, uncovered, True), lines)
    return per_partition


def check_archives(binary, db, uncovered):
    def per_partition(files):
        for path, data in files:
            scratch = tempfile.mkdtemp(prefix="claimcheck-")
            try:
                local = os.path.join(scratch, os.path.basename(path.rstrip("/")))
                with open(local, "wb") as f:
                    f.write(data)
                cmd = command(binary, db, uncovered, False) + [local]
                for line in run_claimcheck(cmd, iter(())):
                    yield line
            finally:
                shutil.rmtree(scratch, ignore_errors=True)
    return per_partition


def main(argv):
    args = parse_args(argv)
    spark = SparkSession.builder.appName("claimcheck audit").getOrCreate()
    sc = spark.sparkContext
    archives = [p for p in args.inputs if p.lower().endswith(WARC_SUFFIXES)]
    records = [p for p in args.inputs if not p.lower().endswith(WARC_SUFFIXES)]
    parts = []
    if records:
        lines = sc.textFile(",".join(records), minPartitions=args.partitions or None)
        parts.append(lines.mapPartitions(check_records(args.binary, args.db, args.uncovered)))
    if archives:
        files = sc.binaryFiles(",".join(archives), minPartitions=len(archives))
        parts.append(files.mapPartitions(check_archives(args.binary, args.db, args.uncovered)))
    findings = parts[0] if len(parts) == 1 else sc.union(parts)
    findings = findings.filter(lambda l: l.strip() != "").cache()

    out = args.output.rstrip("/")
    findings.saveAsTextFile(out + "/findings.jsonl")
    if not findings.isEmpty():
        spark.read.json(findings).write.mode("overwrite").parquet(out + "/findings.parquet")

    # The aggregate is small: the driver gathers the findings once and runs `report`.
    os.makedirs(args.report_dir, exist_ok=True)
    local = os.path.join(args.report_dir, "findings.jsonl")
    with open(local, "w", encoding="utf-8") as f:
        for line in findings.toLocalIterator():
            f.write(line + "\n")
    binary = shipped(args.binary)
    report = [binary, "report", "--top", str(args.top), local]
    subprocess.run(report + ["-o", os.path.join(args.report_dir, "report.txt"),
                             "--write-stubs", os.path.join(args.report_dir, "stubs.toml")],
                   check=True)
    subprocess.run(report + ["--format", "html",
                             "-o", os.path.join(args.report_dir, "report.html")], check=True)
    spark.stop()


if __name__ == "__main__":
    main(sys.argv[1:])
