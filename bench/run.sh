#!/usr/bin/env bash
# Whole-process figures for issue 5 (see PERFORMANCE.md), printed as a table
# and written to bench/results-<date>.md.
#
#   bench/run.sh                    # 10k and 100k incidents
#   BENCH_SIZES="10000" bench/run.sh
#   BENCH_RUNS=10 BENCH_RUNS_BIG=5 BENCH_IDLE_SECONDS=10 bench/run.sh
#
# What it measures, each with hyperfine (median, min, max) unless said:
# Each desk is measured as generated (everything in one file: first frame and
# list only) and then after `incidesk archive` (settled incidents moved to
# archive files), the layout of a desk in use for years: all rows below.
#
# - time to first frame: `incidesk --exit-after-first-frame`; with stdout not
#   a terminal (as under hyperfine) incidesk draws that frame at 120x40 in
#   memory and prints it, so no pseudo-terminal is needed. The same under a
#   real pseudo-terminal (`script`, size set with stty) is measured too, with
#   `script` + `stty` alone as its baseline;
# - `incidesk list` (open incidents) and `incidesk list --all`;
# - a change made durable from the command line (`incidesk assign` on a copy:
#   load, apply, save with fsync, exit);
# - peak memory (maximum resident set, /usr/bin/time -v, 3 runs) of a change,
#   of list and of the first frame, and its ratio to the file size; and the
#   TUI's own peak (VmHWM) after it started and idled;
# - idle CPU of the TUI over BENCH_IDLE_SECONDS (10) with live countdowns: the
#   TUI runs in a detached tmux session at 120x40 on the system clock, and
#   utime+stime are read from /proc before and after;
# - side by side with Taskwarrior at 10k: every incident of the 10k desk is
#   imported as one pending task (the issue's reference figures were taken at
#   10k pending tasks) into a temporary TASKDATA, and `task next`, `task list`,
#   `incidesk list` and `incidesk list --all` run in one hyperfine run; the
#   ratios are printed.
#
# Installs what it needs from Debian's packages (hyperfine, time, tmux, jq,
# taskwarrior) when missing: it needs root for that. CI never runs it.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
TARGET=${CARGO_TARGET_DIR:-$ROOT/target}
BIN=$TARGET/release/incidesk
SIZES=${BENCH_SIZES:-"10000 100000"}
RUNS=${BENCH_RUNS:-10}
RUNS_BIG=${BENCH_RUNS_BIG:-5}
IDLE=${BENCH_IDLE_SECONDS:-10}
DATE=$(date -u +%Y-%m-%d)
NOW=$(date -u +%Y-%m-%dT%H:%M:%SZ)
WORK=$(mktemp -d /tmp/incidesk-bench.XXXXXX)
OUT=bench/results-$DATE.md
TMUX_SESSION=incidesk-bench-$$
LOAD=$(cut -d' ' -f1-3 /proc/loadavg)
trap 'tmux kill-session -t "$TMUX_SESSION" 2>/dev/null || true; rm -rf "$WORK"' EXIT

apt_updated=
need() { # need COMMAND PACKAGE
    command -v "$1" >/dev/null 2>&1 && return
    if [ -z "$apt_updated" ]; then apt-get update -qq; apt_updated=1; fi
    echo "installing $2 (Debian package)" >&2
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$2" >/dev/null
}
need hyperfine hyperfine
need jq jq
need tmux tmux
need task taskwarrior
[ -x /usr/bin/time ] || need /usr/bin/time time

echo "building release…" >&2
cargo build --release --quiet

ROWS=()
row() { ROWS+=("$1"); echo "$1"; }
header='| what | N | median | min | max | command |'
echo "$header"; echo '|---|---|---|---|---|---|'

# hf LABEL N RUNS COMMAND… — one hyperfine benchmark, one row (times in ms).
hf() {
    local label=$1 n=$2 runs=$3; shift 3
    local json=$WORK/hf.json
    hyperfine -N --warmup 1 --runs "$runs" --export-json "$json" "$@" >/dev/null 2>&1
    local m
    m=$(jq -r '.results[0] | [.median, .min, .max] | map(. * 1000 * 100 | round / 100) | map(tostring) | join(" ")' "$json")
    read -r med min max <<<"$m"
    row "| $label | $n | $med ms | $min ms | $max ms | \`$*\` |"
}

# peak LABEL N FILE COMMAND… — maximum resident set over 3 runs, and its ratio to FILE's size.
peak() {
    local label=$1 n=$2 file=$3; shift 3
    local kb=()
    for _ in 1 2 3; do
        kb+=("$(/usr/bin/time -v "$@" 2>&1 >/dev/null | awk -F': ' '/Maximum resident set size/ {print $2}')")
    done
    local sorted size
    mapfile -t sorted < <(printf '%s\n' "${kb[@]}" | sort -n)
    size=$(stat -c %s "$file")
    local ratio
    ratio=$(awk -v k="${sorted[1]}" -v s="$size" 'BEGIN { printf "%.2f", k * 1024 / s }')
    row "| $label | $n | ${sorted[1]} KiB (${ratio}× file) | ${sorted[0]} KiB | ${sorted[2]} KiB | \`/usr/bin/time -v $*\` |"
}

# idle N FILE — CPU of the TUI over IDLE seconds, countdowns live.
idle() {
    local n=$1 file=$2
    tmux kill-session -t "$TMUX_SESSION" 2>/dev/null || true
    tmux new-session -d -s "$TMUX_SESSION" -x 120 -y 40 "exec $BIN --data $file"
    local pid
    pid=$(tmux list-panes -t "$TMUX_SESSION" -F '#{pane_pid}')
    for _ in $(seq 1 240); do
        tmux capture-pane -p -t "$TMUX_SESSION" | grep -q 'Queue ·' && break
        sleep 0.25
    done
    sleep 2
    local tck a b
    tck=$(getconf CLK_TCK)
    a=$(awk '{print $14 + $15}' "/proc/$pid/stat")
    sleep "$IDLE"
    b=$(awk '{print $14 + $15}' "/proc/$pid/stat")
    local hwm size
    hwm=$(awk '/^VmHWM/ {print $2}' "/proc/$pid/status")
    size=$(stat -c %s "$file")
    tmux kill-session -t "$TMUX_SESSION"
    row "| peak memory: the TUI, started and idle | $n | $hwm KiB ($(awk -v k="$hwm" -v s="$size" 'BEGIN { printf "%.2f", k * 1024 / s }')× file) | | | \`VmHWM of incidesk --data desk-$n.json\` |"
    local pct
    pct=$(awk -v d=$((b - a)) -v t="$tck" -v s="$IDLE" 'BEGIN { printf "%.2f", d / t / s * 100 }')
    row "| idle CPU of the TUI over ${IDLE}s, countdowns live | $n | ${pct} % | | | \`tmux: incidesk --data desk-$n.json\` ($((b - a)) ticks of 1/${tck} s) |"
}

for n in $SIZES; do
    file=$WORK/desk-$n.json
    "$BIN" --now "$NOW" generate --incidents "$n" --seed 1 --out "$file" >&2
    runs=$RUNS
    [ "$n" -ge 100000 ] && runs=$RUNS_BIG
    size=$(stat -c %s "$file")
    row "| data file, everything in it | $n | $((size / 1024)) KiB | | | \`incidesk generate --incidents $n --seed 1\` |"
    hf "first frame, everything in one file (headless)" "$n" "$runs" \
        "$BIN --data $file --now $NOW --exit-after-first-frame"
    hf "incidesk list, everything in one file" "$n" "$runs" "$BIN --data $file --now $NOW list"
    # The layout of a desk in use for years: settled incidents archived.
    "$BIN" --data "$file" --now "$NOW" archive >&2
    rm -f "$file.bak"
    size=$(stat -c %s "$file")
    asize=$(du -sb "$file.archive" | cut -f1)
    row "| data file after \`incidesk archive\` (+ archive files) | $n | $((size / 1024)) KiB (+ $((asize / 1024)) KiB) | | | \`incidesk archive\` |"
    hf "first frame (headless 120x40)" "$n" "$runs" "$BIN --data $file --now $NOW --exit-after-first-frame"
    hf "first frame (pty via script, 120x40)" "$n" "$runs" \
        "script -qec 'stty cols 120 rows 40; exec $BIN --data $file --now $NOW --exit-after-first-frame' /dev/null"
    hf "baseline: script + stty alone" "$n" "$runs" "script -qec 'stty cols 120 rows 40' /dev/null"
    hf "incidesk list" "$n" "$runs" "$BIN --data $file --now $NOW list"
    hf "incidesk list --all" "$n" "$runs" "$BIN --data $file --now $NOW list --all"
    copy=$WORK/copy-$n.json
    cp "$file" "$copy"
    cp -r "$file.archive" "$copy.archive"
    open=$("$BIN" --data "$copy" --now "$NOW" --json list | jq -r '.[0].id')
    hf "change durable (assign, whole process)" "$n" "$runs" \
        "$BIN --data $copy --now $NOW --engineer bench assign $open --to Bench"
    peak "peak memory: change (assign)" "$n" "$copy" "$BIN" --data "$copy" --now "$NOW" --engineer bench \
        assign "$open" --to Bench
    peak "peak memory: list" "$n" "$file" "$BIN" --data "$file" --now "$NOW" list
    peak "peak memory: first frame" "$n" "$file" "$BIN" --data "$file" --now "$NOW" --exit-after-first-frame
    idle "$n" "$file"
done

# Taskwarrior side by side at 10k.
N=${BENCH_TASK_N:-10000}
file=$WORK/desk-$N.json
if [ ! -f "$file" ]; then
    "$BIN" --now "$NOW" generate --incidents "$N" --seed 1 --out "$file" >&2
    "$BIN" --data "$file" --now "$NOW" archive >&2
fi
export TASKDATA=$WORK/task TASKRC=$WORK/taskrc
mkdir -p "$TASKDATA"
cat >"$TASKRC" <<EOF
data.location=$TASKDATA
confirmation=off
hooks=off
gc=off
color=off
detection=off
verbose=nothing
recurrence=off
EOF
"$BIN" --data "$file" --now "$NOW" --json list --all | jq -c '
    map({
        status: "pending",
        description: (.id + " " + .title),
        project: (.customer_name // "none" | gsub("[^A-Za-z0-9]"; "")),
        priority: ({"A": "H", "B": "M", "C": "L"}[.severity]),
        due: (.due | gsub("[-:]"; "")),
        tags: [.coverage | gsub("[^A-Za-z0-9]"; "")]
    })' >"$WORK/tasks.json"
echo "importing $(jq length "$WORK/tasks.json") tasks into Taskwarrior…" >&2
task import "$WORK/tasks.json" >/dev/null 2>&1
pending=$(task status:pending count 2>/dev/null)
json=$WORK/side.json
hyperfine -N --warmup 2 --runs "$RUNS" --export-json "$json" \
    "task next" "task list" \
    "$BIN --data $file --now $NOW list" \
    "$BIN --data $file --now $NOW list --all" >/dev/null 2>&1
med() { jq -r ".results[$1].median" "$json"; }
for i in 0 1 2 3; do
    m=$(jq -r ".results[$i] | [.median, .min, .max] | map(. * 1000 * 100 | round / 100) | map(tostring) | join(\" \")" "$json")
    read -r a b c <<<"$m"
    row "| side by side ($pending pending tasks) | $N | $a ms | $b ms | $c ms | \`$(jq -r ".results[$i].command" "$json")\` |"
done
ratio() { awk -v a="$(med "$1")" -v b="$(med "$2")" 'BEGIN { printf "%.1f", a / b }'; }
RATIOS=(
    "- \`task list\` / \`incidesk list\`: $(ratio 1 2)× (target ≥ 10×)"
    "- \`task next\` / \`incidesk list\`: $(ratio 0 2)× (target ≥ 5×)"
    "- \`task list\` / \`incidesk list --all\` (same row count): $(ratio 1 3)×"
    "- \`task next\` / \`incidesk list --all\`: $(ratio 0 3)×"
)
printf '%s\n' "${RATIOS[@]}"

{
    echo "# incidesk whole-process figures, $DATE"
    echo
    echo "Made by \`bench/run.sh\` at $NOW on $(nproc) cores ($(awk -F': ' '/model name/ {print $2; exit}' /proc/cpuinfo)),"
    echo "load average before the run: $LOAD; incidesk $(git rev-parse --short HEAD),"
    echo "$(hyperfine --version), $(task --version 2>/dev/null | head -1 | sed 's/^/task /')."
    echo
    echo "$header"
    echo '|---|---|---|---|---|---|'
    printf '%s\n' "${ROWS[@]}" | sed "s|$WORK/||g; s|$BIN|incidesk|g"
    echo
    echo "Ratios (medians):"
    echo
    printf '%s\n' "${RATIOS[@]}"
} >"$OUT"
echo "written to $OUT" >&2
