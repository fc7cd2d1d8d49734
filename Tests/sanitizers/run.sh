#!/usr/bin/env bash
# Runs a sanitizer build of warraq over ../shared/corpus/ (when it is there) and a hostile corpus made from it, and
# fails on any sanitizer report, a non-zero exit, or counts that do not add up.
# usage: Tests/sanitizers/run.sh address|thread BINARY
set -euo pipefail
cd "$(dirname "$0")/../.."
kind=$1
bin=$2
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
python3 Tests/sanitizers/make_hostile_corpus.py "$work/hostile" --articles "${HOSTILE_ARTICLES:-12}" >/dev/null
args=(--input "$work/hostile")
if [ -d ../shared/corpus/saudinewsnet ]; then
    args+=(--input ../shared/corpus/saudinewsnet)
else
    echo "sanitizers: ../shared/corpus/saudinewsnet is not here; the hostile corpus (from samples/) alone"
fi
# Any report ends the run with exit code 99; leaks are not memory-safety findings and are not checked here.
export ASAN_OPTIONS=detect_leaks=0:halt_on_error=1:exitcode=99
export TSAN_OPTIONS=halt_on_error=1:exitcode=99
workers=2
[ "$kind" = thread ] && workers=4
start=$(date +%s)
status=0
"$bin" run pipelines/arabic-news.yaml "${args[@]}" --output "$work/out" --workers "$workers" --quiet \
    >"$work/stdout" 2>"$work/stderr" || status=$?
if [ "$status" -ne 0 ] || grep -q "Sanitizer" "$work/stderr"; then
    cat "$work/stderr" >&2
    echo "sanitizers: $kind run failed (exit $status)" >&2
    exit 1
fi
python3 - "$work/out" "$kind" "$(( $(date +%s) - start ))" <<'PY'
import json, pathlib, sys
out, kind, seconds = pathlib.Path(sys.argv[1]), sys.argv[2], sys.argv[3]
manifest = next(p for p in [out / "_manifest.json", out / "manifest.json"] if p.exists())
c = json.loads(manifest.read_text())["counts"]
accounted = c["rows_written"] + sum(c["dropped"].values()) + sum(c["rejected"].values())
assert c["records_in"] == accounted, f"counts do not add up: {c}"
assert c["rows_written"] > 0, c
print(f"sanitizers: {kind}: exit 0, no report, {c['records_in']} records = {c['rows_written']} rows + "
      f"{sum(c['dropped'].values())} dropped + {sum(c['rejected'].values())} rejected ({seconds} s)")
PY
