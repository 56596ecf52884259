#!/bin/sh
# Runs claimcheck against an example database, for ../shared/eval/score.py, which calls its
# binary as `BINARY check --format json FILE`.
#
#   CLAIMCHECK_DB=examples/databases/climate-energy.toml \
#     python3 ../shared/eval/score.py tests/data/with-db.sh tests/data/climate-energy-dev.tsv
#
# CLAIMCHECK_BIN names the binary (default: target/release/claimcheck of this repository).
set -eu
here=$(cd "$(dirname "$0")/../.." && pwd)
bin=${CLAIMCHECK_BIN:-$here/target/release/claimcheck}
: "${CLAIMCHECK_DB:?set CLAIMCHECK_DB to the database to check against}"
sub=$1
shift
exec "$bin" "$sub" --db "$CLAIMCHECK_DB" "$@"
