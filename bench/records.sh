#!/usr/bin/env bash
# Times `claimcheck check --records` on one machine and the Spark example (local mode) on the
# same JSON Lines records, and prints records/s and MB/s. See BENCHMARKS.md, "Auditing an
# archive".
#
#   bench/records.sh [--mb 1024] [--spark-master 'local[2]'] [--no-spark]
#
# The records are the benchmark corpus (bench/compare.sh's generator, seed 3) cut into
# documents of about 4 KB (whole paragraphs), one JSON object per line with an id, a url and
# a date. Needs python3; the Spark run needs java and spark-submit (pip install pyspark).
set -euo pipefail
cd "$(dirname "$0")/.."

mb=1024 master='local[2]' spark=1
while [ $# -gt 0 ]; do
  case "$1" in
    --mb) mb="$2"; shift 2 ;;
    --spark-master) master="$2"; shift 2 ;;
    --no-spark) spark=0; shift ;;
    *) echo "usage: bench/records.sh [--mb N] [--spark-master M] [--no-spark]" >&2; exit 2 ;;
  esac
done

cargo build --release --quiet --bin claimcheck --example gen_corpus
bin=target/release/claimcheck
work="${BENCH_DIR:-target/bench}"
mkdir -p "$work"
records="$work/records-${mb}mb.jsonl"
if [ ! -s "$records" ]; then
  target/release/examples/gen_corpus --mb "$mb" --density 0.05 --seed 3 | python3 -c '
import json, sys
doc, size, n = [], 0, 0
def flush():
    global doc, size, n
    if doc:
        print(json.dumps({"id": f"d{n}", "url": f"https://news.example/{n}",
                          "date": f"2024-{n % 12 + 1:02d}-01", "text": "".join(doc)}))
        n += 1
    doc, size = [], 0
for para in sys.stdin:
    doc.append(para)
    size += len(para)
    if size >= 4096 and para.strip() == "":
        flush()
flush()
' > "$records"
fi
bytes=$(stat -c %s "$records")
count=$(wc -l < "$records")
echo "input: $records, $count records, $((bytes >> 20)) MiB"

rate() { # label seconds
  python3 -c "import sys; s=float(sys.argv[2]); print(f'{sys.argv[1]}: {s:.1f} s, {int(sys.argv[3])/s:,.0f} records/s, {int(sys.argv[4])/s/1e6:,.1f} MB/s')" "$1" "$2" "$count" "$bytes"
}
timed() { # label command...
  local label="$1"; shift
  local start end
  start=$(date +%s.%N)
  "$@"
  end=$(date +%s.%N)
  rate "$label" "$(python3 -c "print($end - $start)")"
}

timed "claimcheck --records" sh -c "$bin check --records --format jsonl --no-progress '$records' > '$work/findings.jsonl'; [ \$? -le 1 ]"
timed "claimcheck --records --uncovered" sh -c "$bin check --records --uncovered --format jsonl --no-progress '$records' > '$work/findings-uncovered.jsonl'; [ \$? -le 1 ]"
echo "findings: $(wc -l < "$work/findings.jsonl") ($(wc -l < "$work/findings-uncovered.jsonl") with --uncovered)"

if [ "$spark" = 1 ]; then
  rm -rf "$work/spark-out" "$work/spark-report"
  # Spark's own log goes to a file; the timing line to the terminal.
  timed "spark-submit --master $master (job, --uncovered)" sh -c "spark-submit \
    --master '$master' --driver-memory 2g --files '$bin' examples/spark/claimcheck_job.py \
    --uncovered --output '$work/spark-out' --report-dir '$work/spark-report' '$records' \
    > '$work/spark.log' 2>&1"
fi
