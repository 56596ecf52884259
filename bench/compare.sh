#!/usr/bin/env bash
# Times claimcheck against ripgrep on one generated corpus, for the shipped database and for
# synthetic databases of 1,000 and 10,000 claims, and prints MB/s, the ratio to ripgrep and
# the peak memory. See BENCHMARKS.md.
#
#   bench/compare.sh [--mb 200] [--density 0.05] [--threads N] [--gb]   (--gb: also a 1 GB file)
set -euo pipefail
cd "$(dirname "$0")/.."

mb=200 density=0.05 threads="" gb=0
while [ $# -gt 0 ]; do
  case "$1" in
    --mb) mb="$2"; shift 2 ;;
    --density) density="$2"; shift 2 ;;
    --threads) threads="$2"; shift 2 ;;
    --gb) gb=1; shift ;;
    *) echo "usage: bench/compare.sh [--mb N] [--density D] [--threads N] [--gb]" >&2; exit 2 ;;
  esac
done

need() { # command, Debian package
  command -v "$1" >/dev/null 2>&1 && return 0
  if command -v apt-get >/dev/null 2>&1 && [ "$(id -u)" = 0 ]; then
    apt-get install -y -qq "$2" >/dev/null || { apt-get update -qq && apt-get install -y -qq "$2" >/dev/null; }
  fi
  command -v "$1" >/dev/null 2>&1 || { echo "compare.sh: needs $1 (Debian package $2)" >&2; exit 2; }
}
need rg ripgrep
[ -x /usr/bin/time ] || need /usr/bin/time time

cargo build --release --quiet --bin claimcheck --example gen_corpus --example gen_db --example db_terms
bin=target/release/claimcheck
ex=target/release/examples
work="${BENCH_DIR:-target/bench}"
mkdir -p "$work"

corpus="$work/corpus-${mb}mb-${density}.txt"
[ -s "$corpus" ] || "$ex/gen_corpus" --mb "$mb" --density "$density" --seed 1 > "$corpus"
[ -s "$work/claims-1000.toml" ] || "$ex/gen_db" --claims 1000 > "$work/claims-1000.toml"
[ -s "$work/claims-10000.toml" ] || "$ex/gen_db" --claims 10000 > "$work/claims-10000.toml"
"$ex/db_terms" > "$work/terms-shipped.txt"
"$ex/db_terms" "$work/claims-1000.toml" > "$work/terms-1000.txt"
"$ex/db_terms" "$work/claims-10000.toml" > "$work/terms-10000.txt"

size_mb=$(( $(stat -c %s "$corpus") / 1000000 ))
jobs=${threads:+-j $threads}

# Best of three wall times (the machine may be busy); prints "seconds max_rss_kb".
measure() {
  local best="" rss=0
  for _ in 1 2 3; do
    /usr/bin/time -f "%e %M" -o "$work/time.txt" "$@" > /dev/null || [ $? -le 1 ]
    read -r t m < <(tail -n 1 "$work/time.txt")
    if [ -z "$best" ] || awk "BEGIN{exit !($t < $best)}"; then best=$t; fi
    [ "$m" -gt "$rss" ] && rss=$m
  done
  echo "$best $rss"
}

echo "corpus: $corpus ($size_mb MB, claim-paragraph density $density); $(nproc) cores"
printf "%-9s %7s %9s %9s %9s %8s %10s %9s\n" database terms cc_s cc_MB/s rg_s rg_MB/s cc/rg cc_rss_MB
base=""
for db in shipped 1000 10000; do
  args=(check --format json $jobs)
  [ "$db" = shipped ] || args+=(--db "$work/claims-$db.toml")
  read -r ct cm < <(measure "$bin" "${args[@]}" "$corpus")
  read -r rt _ < <(measure rg -c -i -F -f "$work/terms-$db.txt" "$corpus")
  terms=$(wc -l < "$work/terms-$db.txt")
  [ -n "$base" ] || base=$ct
  awk -v db="$db" -v n="$terms" -v ct="$ct" -v rt="$rt" -v mb="$size_mb" -v cm="$cm" 'BEGIN {
    printf "%-9s %7d %9.2f %9.1f %9.2f %8.1f %10.2f %9.1f\n", db, n, ct, mb/ct, rt, mb/rt, ct/rt, cm/1024 }'
  [ "$db" = 10000 ] && awk -v a="$ct" -v b="$base" 'BEGIN { printf "10,000 claims / shipped: %.2fx\n", a/b }'
done

if [ "$gb" = 1 ]; then
  big="$work/corpus-1gb.txt"
  [ -s "$big" ] || "$ex/gen_corpus" --mb 1000 --density "$density" --seed 2 > "$big"
  read -r ct cm < <(measure "$bin" check --format json $jobs "$big")
  awk -v ct="$ct" -v cm="$cm" 'BEGIN { printf "1 GB file: %.2f s, %.1f MB/s, max RSS %.1f MB\n", ct, 1000/ct, cm/1024 }'
fi
