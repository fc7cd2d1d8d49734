"""Sharded runs without Slurm: the task and commit path with N = 1, 4, 16 and 64 local tasks (processes, two at a
time on this machine, one worker thread each) over the near-replicated corpus, against a single run.

Prints, for each N: the tasks' wall time (run two at a time), their CPU seconds in all, the commit's wall time and
peak RSS, the dedup state a task leaves for the commit (dedup.jsonl, its near-duplicate segment and the signatures
kept aside, bytes per task and per row), how many shards the commit patched and rows it relinked, and whether the
committed dataset equals the single run value for value (pyarrow, partition by partition). `make bench` runs it;
`make bench-tasks` alone. WARRAQ_TASKS_ROWS sets the corpus size (default 31,000 articles, ~95 MB of JSON lines)."""
import concurrent.futures
import os
import pathlib
import shutil
import sys

import pyarrow as pa
import pyarrow.parquet as pq

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parent))
import corpus  # noqa: E402
from measure import run_measured  # noqa: E402

WARRAQ = os.environ.get("WARRAQ", str(corpus.ROOT / ".build/release/warraq"))
PIPELINE = corpus.ROOT / "pipelines/arabic-news.yaml"
ROWS = int(os.environ.get("WARRAQ_TASKS_ROWS", "31000"))
CORES = os.cpu_count() or 2


def partitions(dataset):
    """The dataset's rows, partition by partition, in the manifest's shard order."""
    import json
    m = json.load(open(dataset / "_manifest.json"))
    parts = {}
    for s in m["shards"]:
        parts.setdefault(os.path.dirname(s["path"]), []).append(pq.read_table(dataset / s["path"]))
    return {k: pa.concat_tables(v) for k, v in parts.items()}, m


def same(a, b):
    pa_, ma = partitions(a)
    pb, mb = partitions(b)
    return set(pa_) == set(pb) and all(pa_[k].equals(pb[k]) for k in pa_) and ma["counts"] == mb["counts"]


def main():
    source = corpus.near_replicas_jsonl(ROWS)
    work = corpus.DATA / "tasks"
    shutil.rmtree(work, ignore_errors=True)
    work.mkdir(parents=True)
    single = work / "single"
    seconds, rss, _, cpu = run_measured(
        [WARRAQ, "run", PIPELINE, "--input", source, "--output", single, "--quiet", "--workers", CORES], cpu=True)
    rows = sum(s["rows"] for s in __import__("json").load(open(single / "_manifest.json"))["shards"])
    print(f"sharded runs: {ROWS:,} near-replicated articles ({source.stat().st_size / 1e6:.0f} MB of JSON lines), "
          f"{CORES} cores; tasks run {CORES} at a time, 1 worker thread each")
    print(f"single run: {seconds:.2f} s wall, {cpu:.1f} CPU s, {rss:.0f} MB peak RSS, {rows:,} rows")
    print()
    header = ("tasks", "tasks wall s", "tasks CPU s", "commit s", "commit MB", "state/task KB", "state B/row",
              "patched", "relinked", "total/single", "equal")
    print(" | ".join(header))
    print(" | ".join("---" for _ in header))
    for n in (1, 4, 16, 64):
        out = work / f"sharded-{n}"

        def task(i):
            return run_measured([WARRAQ, "run", PIPELINE, "--input", source, "--output", out, "--tasks", n,
                                 "--task", i, "--run", f"bench-{n}", "--workers", 1, "--quiet"], cpu=True)

        import time
        start = time.perf_counter()
        with concurrent.futures.ThreadPoolExecutor(CORES) as pool:
            results = list(pool.map(task, range(n)))
        tasks_wall = time.perf_counter() - start
        tasks_cpu = sum(r[3] for r in results)
        folder = out / "_tasks" / f"bench-{n}"
        state = sum(f.stat().st_size for i in range(n) for f in (folder / str(i)).iterdir()
                    if f.name in ("dedup.jsonl", "near.idx", "signatures.idx"))
        commit_s, commit_rss, text, commit_cpu = run_measured([WARRAQ, "commit", out, "--run", f"bench-{n}"], cpu=True)
        # "…; 97 shards, 67 rewritten for links across tasks (5011 rows relinked); …"
        patched = text.split(" rewritten")[0].rsplit(", ", 1)[-1]
        relinked = text.split("(")[-1].split(" rows")[0]
        total = tasks_wall + commit_s
        print(" | ".join([str(n), f"{tasks_wall:.2f}", f"{tasks_cpu:.1f}", f"{commit_s:.2f}", f"{commit_rss:.0f}",
                          f"{state / n / 1024:.0f}", f"{state / max(rows, 1):.0f}", patched, relinked,
                          f"{total / seconds:.2f}", "yes" if same(single, out) else "NO"]))
        shutil.rmtree(out)
    print()
    print("tasks wall: the N tasks, two at a time; total/single: (tasks wall + commit) / the single run's wall, on the "
          "same 2 cores (a cluster runs the tasks at once: its wall is one task's plus the commit).")


if __name__ == "__main__":
    main()
