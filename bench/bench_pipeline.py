"""`make bench` (issue 3): the full pipeline on the SaudiNewsNet sample (the three zips as they are, and the articles
replicated to >= 100 MB of JSON lines), beside DuckDB's bare conversion of the same articles (read_json -> COPY ...
(FORMAT parquet, COMPRESSION gzip), 2 threads). Prints figures; asserts nothing."""
import json
import os
import pathlib
import shutil
import sys
import tempfile
import time
import zipfile

import duckdb

sys.path.insert(0, str(pathlib.Path(__file__).parent))
from corpus import CORPUS, DATA, replicated_jsonl  # noqa: E402
from measure import parquet_bytes, run_measured, run_pipeline  # noqa: E402

ROOT = pathlib.Path(__file__).resolve().parents[1]
WARRAQ = os.environ.get("WARRAQ", str(ROOT / ".build/release/warraq"))
PIPELINE = ROOT / "pipelines/arabic-news.yaml"


def duckdb_seconds(json_files, out):
    con = duckdb.connect()
    con.execute("SET threads = 2")
    files = [str(f) for f in json_files]
    start = time.perf_counter()
    con.execute(f"COPY (SELECT * FROM read_json({files!r})) TO '{out}' (FORMAT parquet, COMPRESSION gzip)")
    return time.perf_counter() - start


def warraq_run(label, inputs):
    """The default pipeline over `inputs`: (seconds, peak RSS MB, manifest, output folder)."""
    out = DATA / f"pipeline-{label}"
    seconds, peak = run_pipeline(WARRAQ, PIPELINE, inputs, out)
    return seconds, peak, json.loads((out / "_manifest.json").read_text()), out


def bench(label, inputs, duck_inputs, in_bytes):
    seconds, peak, manifest, out = warraq_run(label, inputs)
    docs = manifest["counts"]["records_in"]
    duck_out = DATA / f"duckdb-{label}.parquet"
    duck = duckdb_seconds(duck_inputs, duck_out)
    mb = in_bytes / 1e6
    print(f"[{label}] {mb:.1f} MB in, {docs} documents, {manifest['counts']['rows_written']} rows, {len(manifest['shards'])} shards")
    print(f"  warraq run:    {seconds:.2f} s, {mb / seconds:.1f} MB/s, {docs / seconds:.0f} docs/s, peak RSS {peak:.0f} MB, "
          f"output {parquet_bytes(out) / 1e6:.2f} MB")
    print(f"  duckdb COPY:   {duck:.2f} s, {mb / duck:.1f} MB/s, output {duck_out.stat().st_size / 1e6:.2f} MB (no cleaning, no annotation)")
    print(f"  ratio warraq/duckdb: {seconds / duck:.2f} (target <= 1.00)")
    return peak


def stages_speed(zips):
    """Clean + annotate alone, on one core (issue 13's goal: at least 60 MB/s per core; issue 4's was 30)."""
    _, _, out = run_measured([WARRAQ, "annotate", "--summary", "--pipeline", PIPELINE, *zips])
    print(f"[clean+annotate] {out.strip()} (goal >= 60 MB/s per core)")


def main():
    zips = sorted(CORPUS.glob("*.zip"))
    stages_speed(zips)
    extracted = pathlib.Path(tempfile.mkdtemp(prefix="warraq-bench-"))
    try:
        jsons = []
        for z in zips:
            with zipfile.ZipFile(z) as archive:
                for name in archive.namelist():
                    if name.endswith(".json"):
                        target = extracted / pathlib.Path(name).name
                        target.write_bytes(archive.read(name))
                        jsons.append(target)
        peaks = {"3 days (3,879 articles)": bench("three-zips", zips, jsons, sum(j.stat().st_size for j in jsons))}
        big = replicated_jsonl()
        peaks["115 MB replicated (34,911 articles: the size of the whole SaudiNewsNet corpus, 31,030)"] = bench(
            "replicated", [big], [big], big.stat().st_size)
        huge = replicated_jsonl(1024 * 1024 * 1024)
        seconds, peak, manifest, out = warraq_run("replicated-1gb", [huge])
        shutil.rmtree(out, ignore_errors=True)
        peaks[f"1 GB replicated ({manifest['counts']['records_in']:,} articles, {seconds:.0f} s)"] = peak
        print("[memory] peak RSS of the default pipeline (goal <= 300 MB whatever the input size):")
        for label, peak in peaks.items():
            print(f"  {label}: {peak:.0f} MB")
    finally:
        shutil.rmtree(extracted, ignore_errors=True)


if __name__ == "__main__":
    main()
