#!/usr/bin/env bash
# Runs every fuzz harness for SECONDS each from the committed seed corpus, two at a time (this machine has 2 cores).
# A finding (crash, sanitizer report, timeout, out-of-memory) fails the run and is left in .build-fuzz/artifacts/:
# add it to Fuzz/corpus/<harness>/findings/ with a unit test once fixed.
# usage: Fuzz/run.sh SECONDS [HARNESS...]
set -uo pipefail
cd "$(dirname "$0")/.."
seconds=$1
shift
harnesses=("$@")
[ ${#harnesses[@]} -eq 0 ] && harnesses=(record json ingest parquet dates yaml nearindex)
bin=.build-fuzz/release/warraq-fuzz
mkdir -p .build-fuzz/artifacts .build-fuzz/logs
run_one() {
    local h=$1
    local work=.build-fuzz/corpus/$h
    mkdir -p "$work"
    WARRAQ_FUZZ_HARNESS=$h "$bin" "$work" Fuzz/corpus/"$h" -max_total_time="$seconds" -max_len=262144 -timeout=30 \
        -rss_limit_mb=2560 -malloc_limit_mb=1024 -print_final_stats=1 -artifact_prefix=.build-fuzz/artifacts/"$h"- \
        >.build-fuzz/logs/"$h".log 2>&1
    local status=$?
    local runs
    runs=$(grep -o 'stat::number_of_executed_units: *[0-9]*' .build-fuzz/logs/"$h".log | grep -o '[0-9]*$')
    if [ $status -eq 0 ]; then
        echo "fuzz $h: ${runs:-?} executions in ${seconds} s, no finding"
    else
        echo "fuzz $h: FINDING after ${runs:-?} executions (exit $status); see .build-fuzz/logs/$h.log and .build-fuzz/artifacts/"
        tail -40 .build-fuzz/logs/"$h".log
    fi
    return $status
}
failed=0
for ((i = 0; i < ${#harnesses[@]}; i += 2)); do
    run_one "${harnesses[i]}" &
    first=$!
    second=""
    if [ $((i + 1)) -lt ${#harnesses[@]} ]; then run_one "${harnesses[i + 1]}" & second=$!; fi
    wait $first || failed=1
    [ -n "$second" ] && { wait "$second" || failed=1; }
done
exit $failed
