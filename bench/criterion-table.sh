#!/usr/bin/env bash
# Prints the last `cargo bench --bench desk` run as a markdown table: per
# benchmark and size, the median, min and max of the per-iteration time of
# criterion's samples (read from $CARGO_TARGET_DIR/criterion/*/*/*/new/, or
# $CRITERION_DIR).
set -euo pipefail
cd "$(dirname "$0")/.."
DIR=${CRITERION_DIR:-${CARGO_TARGET_DIR:-target}/criterion}
command -v jq >/dev/null || { echo "needs jq" >&2; exit 1; }
fmt() { awk -v s="$1" 'BEGIN {
    if (s >= 1) printf "%.3f s", s; else if (s >= 1e-3) printf "%.2f ms", s * 1e3; else printf "%.1f µs", s * 1e6 }'; }
echo '| benchmark | N | median | min | max | samples |'
echo '|---|---|---|---|---|---|'
for bench in "$DIR"/*/*/*/new/benchmark.json; do
    d=$(dirname "$bench")
    id=$(jq -r '.full_id' "$bench")
    read -r med min max n < <(jq -r '[.iters, .times] | transpose | map(.[1] / .[0] / 1e9) | sort
        | [ (if length % 2 == 1 then .[length / 2 | floor] else (.[length / 2 - 1] + .[length / 2]) / 2 end),
            .[0], .[-1], length ] | map(tostring) | join(" ")' "$d/sample.json")
    name=${id%/*}
    size=${id##*/}
    printf '%s\t%s\t| %s | %s | %s | %s | %s | %s |\n' "$name" "$size" "$name" "$size" "$(fmt "$med")" "$(fmt "$min")" "$(fmt "$max")" "$n"
done | sort -t$'\t' -k1,1 -k2,2n | cut -f3
