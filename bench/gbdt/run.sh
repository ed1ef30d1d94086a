#!/usr/bin/env bash
# One command: build → export matrices → train XGBoost (200 trees) → score through the FinRec pipeline.
#   bench/gbdt/run.sh [FILE]        (from anywhere; FILE defaults to the full Santander additions file)
# Needs: apt-get install -y python3-xgboost python3-numpy  (developer-only reference, not a dependency)
# Env: GBDT_TREES (200), GBDT_NTHREAD (2), PYTHON (/usr/bin/python3, where Debian's xgboost lives),
#      GBDT_SKIP_BUILD=1 to reuse dist/, GBDT_KEEP=1 to keep the temp dir.
set -euo pipefail
cd "$(dirname "$0")/../.."
FILE="${1:-$(realpath ../shared/data/santander_may2016_additions/santander_additions_2016-05_train70.csv.gz)}"
PYTHON="${PYTHON:-/usr/bin/python3}"
DIR="$(mktemp -d -t finrec-gbdt.XXXXXX)"
if [ "${GBDT_KEEP:-0}" = 1 ]; then echo "keeping $DIR"; else trap 'rm -rf "$DIR"' EXIT; fi
[ "${GBDT_SKIP_BUILD:-0}" = 1 ] || npm run build --silent
node dist/bench/gbdt/export.js --file "$FILE" --dir "$DIR"
"$PYTHON" bench/gbdt/reference.py --dir "$DIR" --trees "${GBDT_TREES:-200}" --nthread "${GBDT_NTHREAD:-2}"
node dist/bench/gbdt/score.js --file "$FILE" --dir "$DIR"
