"""`make bench` (issue 16): near-duplicates. For the SaudiNewsNet sample (the three zips) and for replicas of its
articles that differ slightly (31k articles, the size of the whole SaudiNewsNet; and 300k), warraq's run with
`dedup.near.enabled: false` and `true` (interleaved, the faster of each), its peak RSS, the rows it links, and their
precision and recall against exact Jaccard (near_dup_eval.py, over the shards). Beside it, datatrove's MinHash
(default MinhashConfig) on the same texts, where the bench environment has it (`make bench-venv`). Prints figures;
asserts nothing."""
import json
import os
import pathlib
import shutil
import subprocess
import sys
import tempfile

sys.path.insert(0, str(pathlib.Path(__file__).parent))
from corpus import CORPUS, DATA, near_replicas_jsonl  # noqa: E402
from measure import run_measured  # noqa: E402
from near_dup_eval import evaluate, jaccard, load, shingles  # noqa: E402

ROOT = pathlib.Path(__file__).resolve().parents[1]
WARRAQ = os.environ.get("WARRAQ", str(ROOT / ".build/release/warraq"))
PIPELINE = ROOT / "pipelines/arabic-news.yaml"
BENCH_PYTHON = ROOT / ".venv-bench/bin/python"


def pipeline(enabled):
    """The default pipeline with dedup.near on or off."""
    text = PIPELINE.read_text()
    if not enabled:
        text = text.replace("  near:\n    enabled: true", "  near:\n    enabled: false")
        assert "enabled: false" in text, "pipelines/arabic-news.yaml has no dedup.near.enabled: true"
    path = DATA / f"near-{'on' if enabled else 'off'}.yaml"
    path.write_text(text)
    return path


def run(inputs, out, enabled):
    shutil.rmtree(out, ignore_errors=True)
    args = [WARRAQ, "run", pipeline(enabled), "--output", out, "--quiet"]
    for i in inputs:
        args += ["--input", i]
    return run_measured(args, cpu=True)


def datatrove(dataset, label):
    """datatrove's four stages over the dataset's text_normalized; its count, seconds, and how many of the rows it
    removes truly have another row at Jaccard >= 0.7."""
    if not BENCH_PYTHON.exists():
        print("  datatrove:     skipped (no .venv-bench: `make bench-venv` installs it)")
        return
    _, rows = load(dataset)
    articles = DATA / f"datatrove-{label}.jsonl"
    with open(articles, "w", encoding="utf-8") as f:
        for r in rows:
            f.write(json.dumps({"id": r["id"], "text": r["text_normalized"]}, ensure_ascii=False) + "\n")
    with tempfile.TemporaryDirectory() as work:
        out = subprocess.run([BENCH_PYTHON, ROOT / "bench/datatrove_minhash.py", articles, work],
                             capture_output=True, text=True)
    if out.returncode != 0:
        print(f"  datatrove:     failed: {out.stderr.strip().splitlines()[-1:]}")
        return
    result = json.loads(out.stdout)
    sets = {r["id"]: shingles(r["text_normalized"] or "", 5) for r in rows}
    # A removed row is right when some other row is at least 0.7 similar (checked against the rows it shares a
    # 5-gram with).
    holders = {}
    for i, s in sets.items():
        for g in s:
            holders.setdefault(g, set()).add(i)
    right = 0
    for i in result["ids"]:
        others = set().union(*(holders[g] for g in sets[i])) - {i} if sets[i] else set()
        right += any(jaccard(sets[i], sets[o]) >= 0.7 for o in others)
    removed = result["removed"]
    print(f"  datatrove:     {removed} rows removed as near-duplicates in {result['seconds']:.1f} s "
          f"(4 stages); {right / removed if removed else 1:.3f} of them have a row at Jaccard >= 0.7")


def bench(label, inputs, rounds=2, evaluate_links=True, compare=True):
    on_out, off_out = DATA / f"near-{label}-on", DATA / f"near-{label}-off"
    on, off = [], []
    for _ in range(rounds):
        off.append(run(inputs, off_out, False))
        on.append(run(inputs, on_out, True))
    t_on, t_off = min(r[0] for r in on), min(r[0] for r in off)
    rss_on, rss_off = max(r[1] for r in on), max(r[1] for r in off)
    cpu_on, cpu_off = min(r[3] for r in on), min(r[3] for r in off)
    manifest = json.loads((on_out / "_manifest.json").read_text())
    index = manifest["near_index"]
    index_bytes = sum(s["bytes"] for s in index["segments"])
    shard_bytes = sum(s["bytes"] for s in manifest["shards"])
    print(f"[near-duplicates, {label}] {manifest['counts']['rows_written']} rows")
    print(f"  warraq run:    near off {t_off:.2f} s (RSS {rss_off:.0f} MB), near on {t_on:.2f} s (RSS {rss_on:.0f} MB): "
          f"{100 * (t_on / t_off - 1):+.1f} % (target <= +15 %); CPU {cpu_off:.1f} s vs {cpu_on:.1f} s, "
          f"{100 * (cpu_on / cpu_off - 1):+.1f} %")
    print(f"  index:         {sum(s['rows'] for s in index['segments'])} rows, {index_bytes / 1e6:.1f} MB on disk "
          f"({index_bytes / shard_bytes:.2f} x the shards)")
    if evaluate_links:
        r = evaluate(on_out)
        print(f"  links:         {r['near_duplicates']} near-duplicates, {r['exact_duplicates']} exact; "
              f"{r['truth_rows']} rows have an earlier twin at Jaccard >= 0.8")
        print(f"  quality:       recall {r['recall']:.4f} (target >= 0.95), precision {r['precision_07']:.4f} "
              f"(links truly >= 0.7; target >= 0.98), {r['precision_08']:.4f} (>= 0.8)")
    if compare:
        datatrove(on_out, label)


def main():
    zips = sorted(str(p) for p in CORPUS.glob("*.zip"))
    bench("sample", zips, rounds=3)
    bench("31k", [near_replicas_jsonl(31_000)], rounds=3)
    bench("300k", [near_replicas_jsonl(300_000)], rounds=1, evaluate_links=False, compare=False)


if __name__ == "__main__":
    main()
