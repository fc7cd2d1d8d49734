#!/bin/bash
# The sharded run on a real Slurm cluster (single node, loopback): a 4-task job array and its commit equal a single
# run value for value; a task killed with SIGKILL (WARRAQ_CRASH_AT=task-1) fails the array, the commit never runs,
# `warraq slurm status` names the task, and `warraq slurm resubmit --wait` completes the run to the same result.
# Runs where slurmctld, slurmd and munge are installed (make test-slurm installs them), and says so when not.
set -euo pipefail
cd "$(dirname "$0")/../.."
W=$PWD/.build/release/warraq
PY=${PY:-.venv/bin/python}
for p in slurmctld slurmd sbatch munged; do
    command -v $p >/dev/null || { echo "test-slurm: SKIPPED: $p is not installed and could not be installed here"; exit 0; }
done
[ "$(id -u)" = 0 ] || { echo "test-slurm: SKIPPED: the test cluster's slurmd must run as root"; exit 0; }
OUT=$PWD/out/slurm
rm -rf "$OUT"; mkdir -p "$OUT"
CLUSTER=$OUT/cluster
trap 'Tests/slurm/cluster.sh stop "$CLUSTER"' EXIT
eval "export $(Tests/slurm/cluster.sh start "$CLUSTER")"
CORPUS=${WARRAQ_CORPUS:-../shared/corpus/saudinewsnet}
INPUTS=(--input "$OUT/input")
mkdir -p "$OUT/input"
if [ -d "$CORPUS" ]; then cp "$CORPUS"/*.zip "$OUT/input/"; else cp -r samples/saudinewsnet "$OUT/input/"; fi
$PY Tests/slurm/make_input.py "$OUT/input/zz-copies.jsonl"
P=pipelines/arabic-news.yaml

echo "== a single run"
$W run $P "${INPUTS[@]}" --output "$OUT/single" --quiet >/dev/null
echo "== a 4-task job array and its commit"
$W slurm submit $P --tasks 4 --max-parallel 4 "${INPUTS[@]}" --output "$OUT/sharded" --wait
$PY Tests/slurm/compare.py "$OUT/single" "$OUT/sharded"
$PY - "$OUT/sharded" <<'PYEOF'
import json, sys
m = json.load(open(sys.argv[1] + "/_manifest.json"))
r = m["run"]
assert r["tasks"] == 4 and len(r["task_runs"]) == 4, r
assert all(t["slurm_job_id"] for t in r["task_runs"]), r["task_runs"]
assert sum(t["counts"]["records_in"] for t in r["task_runs"]) == m["counts"]["records_in"]
print("manifest: 4 tasks, each with its Slurm job id and counts")
PYEOF
echo "== nothing new: no array, nothing published"
$W slurm submit $P --tasks 4 "${INPUTS[@]}" --output "$OUT/sharded" | tee "$OUT/nothing.txt"
grep -q "nothing new" "$OUT/nothing.txt"

echo "== task 1 killed (SIGKILL), then resubmit"
set +e
WARRAQ_CRASH_AT=task-1 $W slurm submit $P --tasks 4 "${INPUTS[@]}" --output "$OUT/killed" --wait
status=$?
set -e
[ $status = 1 ] || { echo "FAIL: the submit with a killed task exited $status, not 1"; exit 1; }
[ ! -f "$OUT/killed/_manifest.json" ] || { echo "FAIL: a run with a killed task published"; exit 1; }
$W slurm status "$OUT/killed" | tee "$OUT/status.txt"
grep -Eq "^task 1 +missing" "$OUT/status.txt" || { echo "FAIL: status does not name task 1 as missing"; exit 1; }
[ "$(grep -c ' done' "$OUT/status.txt")" = 3 ] || { echo "FAIL: status does not show 3 tasks done"; exit 1; }
$W slurm resubmit "$OUT/killed" --wait
$PY Tests/slurm/compare.py "$OUT/single" "$OUT/killed"
$W commit "$OUT/killed" --run "$(ls "$OUT/killed/_tasks")" | grep -q "committed before" || { echo "FAIL: a second commit did not say it was done"; exit 1; }
echo "test-slurm: passed"
