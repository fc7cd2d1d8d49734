"""The recall/cost curve of the LSH parameters (for choosing `dedup.near`'s defaults): warraq over the SaudiNewsNet
sample and its 31k near-replicas with several `bands` x `rows`, each evaluated by near_dup_eval.py. Every link is
checked exactly, so precision is 1 by construction; what the parameters change is recall (pairs never made
candidates) and time. Prints one line per setting.

Usage: near_dup_sweep.py [BANDSxROWS ...]   (default: 20x5 14x8 10x10 25x4 9x13 5x20)"""
import pathlib
import sys

sys.path.insert(0, str(pathlib.Path(__file__).parent))
from bench_near_dup import PIPELINE, WARRAQ  # noqa: E402
from corpus import CORPUS, DATA, near_replicas_jsonl  # noqa: E402
from measure import run_measured  # noqa: E402
from near_dup_eval import evaluate  # noqa: E402


def main(settings):
    corpora = {"sample": sorted(str(p) for p in CORPUS.glob("*.zip")), "31k": [near_replicas_jsonl(31_000)]}
    for setting in settings:
        bands, rows = map(int, setting.split("x"))
        text = PIPELINE.read_text().replace("    bands: 20\n    rows: 5\n", f"    bands: {bands}\n    rows: {rows}\n")
        pipeline = DATA / f"near-{bands}x{rows}.yaml"
        pipeline.write_text(text)
        p08 = 1 - (1 - 0.8 ** rows) ** bands
        for label, inputs in corpora.items():
            out = DATA / f"near-sweep-{label}"
            args = [WARRAQ, "run", pipeline, "--output", out, "--quiet", "--full-refresh"]
            for i in inputs:
                args += ["--input", i]
            seconds, peak, _, cpu = run_measured(args, cpu=True)
            r = evaluate(out)
            print(f"{bands:>3} x {rows:<3} P(candidate | 0.8) {p08:.4f}  {label:>6}: recall {r['recall']:.4f} "
                  f"({r['truth_rows']} rows), precision {r['precision_07']:.4f}, {r['near_duplicates']} links, "
                  f"{seconds:.1f} s, CPU {cpu:.1f} s, RSS {peak:.0f} MB", flush=True)


if __name__ == "__main__":
    main(sys.argv[1:] or ["20x5", "14x8", "10x10", "25x4", "9x13", "5x20"])
