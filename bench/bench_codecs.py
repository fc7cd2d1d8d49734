"""`make bench` (issue 13): the three codecs side by side on the SaudiNewsNet articles replicated to >= 100 MB of JSON
lines: the full warraq pipeline with gzip (level 6), zstd (level 3) and snappy; DuckDB's partitioned conversion of the
same articles with the same three codecs (read_json -> COPY ... (FORMAT parquet, COMPRESSION c, PARTITION_BY (source,
date)), 2 threads: no cleaning, no annotation, no dedup); and pyarrow's write_table of exactly the tables warraq wrote
(shard by shard, the same codec and level, row groups and dictionary as pyarrow chooses), which says how good warraq's
files are. Then the floor for gzip: warraq's run with `codec: none`, and libdeflate alone (bench/deflate_floor.c)
gzipping those uncompressed shards in 1 MiB pieces, at level 6 on 2 threads, as warraq's writer does. Prints wall
time, MB/s, peak RSS, bytes and the ratios against the goals; asserts nothing."""
import json
import os
import pathlib
import shutil
import subprocess
import sys
import time

import duckdb
import pyarrow.parquet as pq

sys.path.insert(0, str(pathlib.Path(__file__).parent))
from corpus import DATA, replicated_jsonl  # noqa: E402
from measure import parquet_bytes, run_pipeline  # noqa: E402

ROOT = pathlib.Path(__file__).resolve().parents[1]
WARRAQ = os.environ.get("WARRAQ", str(ROOT / ".build/release/warraq"))
PIPELINE = ROOT / "pipelines/arabic-news.yaml"
CODECS = [("gzip", 6), ("zstd", 3), ("snappy", None)]
# The goals of issue 13: warraq's run against DuckDB's conversion, and its files against pyarrow's.
GOALS = {"gzip": 0.5, "zstd": 2.5, "snappy": None}


def warraq(codec, src):
    text = PIPELINE.read_text(encoding="utf-8")
    assert "  codec: gzip " in text
    pipeline = DATA / f"codec-{codec}.yaml"
    pipeline.write_text(text.replace("  codec: gzip ", f"  codec: {codec} "), encoding="utf-8")
    out = DATA / f"codec-{codec}"
    seconds, peak = run_pipeline(WARRAQ, pipeline, [src], out)
    return out, seconds, peak


def duckdb_partitioned(codec, src):
    out = DATA / f"duckdb-{codec}"
    shutil.rmtree(out, ignore_errors=True)
    con = duckdb.connect()
    con.execute("SET threads = 2")
    start = time.perf_counter()
    con.execute(f"COPY (SELECT *, CAST(TRY_CAST(date_extracted AS TIMESTAMP) AS DATE) AS date FROM read_json('{src}')) "
                f"TO '{out}' (FORMAT parquet, COMPRESSION {codec}, PARTITION_BY (source, date))")
    return out, time.perf_counter() - start


def pyarrow_rewrite(codec, level, folder):
    """pyarrow's write_table of each of warraq's shards, with the same codec and level: its bytes and seconds."""
    out = DATA / f"pyarrow-{codec}"
    shutil.rmtree(out, ignore_errors=True)
    total, seconds = 0, 0.0
    for shard in sorted(pathlib.Path(folder).glob("**/part-*.parquet")):
        table = pq.read_table(shard)
        target = out / shard.relative_to(folder)
        target.parent.mkdir(parents=True, exist_ok=True)
        start = time.perf_counter()
        pq.write_table(table, target, compression=codec, compression_level=level)
        seconds += time.perf_counter() - start
        total += target.stat().st_size
    return total, seconds


def gzip_floor(src, mb, gzip_seconds):
    """warraq's run without compression, and libdeflate-6 alone on the bytes of its shards, beside its gzip run."""
    out, seconds, peak = warraq("none", src)
    floor = DATA / "deflate_floor"
    compiler = shutil.which("cc") or shutil.which("clang")  # the Swift toolchain brings clang
    subprocess.run([compiler, "-O2", "-o", floor, ROOT / "bench/deflate_floor.c", "-ldeflate", "-lpthread"], check=True)
    shards = sorted(str(p) for p in out.rglob("part-*.parquet"))
    result = subprocess.run([floor, "6", "2", *shards], check=True, capture_output=True, text=True).stdout.split()
    floor_seconds, raw, packed = float(result[0]), int(result[1]), int(result[2])
    print()
    print(f"gzip floor: warraq with codec none {seconds:.1f} s ({mb / seconds:.1f} MB/s, peak RSS {peak:.0f} MB, "
          f"{raw / 1e6:.1f} MB of shards); libdeflate-6 alone on those bytes in 1 MiB pieces, 2 threads: "
          f"{floor_seconds:.2f} s, {packed / 1e6:.1f} MB. warraq's gzip-6 run took {gzip_seconds:.1f} s: compression "
          f"costs it {gzip_seconds - seconds:.1f} s, {(gzip_seconds - seconds) / floor_seconds:.2f} x the floor.")
    shutil.rmtree(out, ignore_errors=True)


def main():
    src = replicated_jsonl()
    mb = src.stat().st_size / 1e6
    print(f"codecs: {src.name}, {mb:.0f} MB of JSON lines, {os.cpu_count()} cores")
    print()
    print("| codec | warraq run | MB/s | peak RSS | shards | DuckDB partitioned | its files | warraq / DuckDB (goal) "
          "| pyarrow's files | warraq / pyarrow (goal <= 1.05) |")
    print("| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |")
    times = {}
    for codec, level in CODECS:
        out, seconds, peak = warraq(codec, src)
        times[codec] = seconds
        ours = parquet_bytes(out)
        duck_out, duck = duckdb_partitioned(codec, src)
        theirs, _ = pyarrow_rewrite(codec, level, out)
        goal = GOALS[codec]
        rows = json.loads((out / "_manifest.json").read_text())["counts"]["rows_written"]
        print(f"| {codec}{f'-{level}' if level else ''} | {seconds:.1f} s | {mb / seconds:.1f} | {peak:.0f} MB "
              f"| {ours / 1e6:.1f} MB ({rows} rows) | {duck:.1f} s | {parquet_bytes(duck_out) / 1e6:.1f} MB "
              f"| {seconds / duck:.2f} ({f'<= {goal}' if goal else 'none'}) | {theirs / 1e6:.1f} MB | {ours / theirs:.3f} |")
        shutil.rmtree(duck_out, ignore_errors=True)
        shutil.rmtree(DATA / f"pyarrow-{codec}", ignore_errors=True)
    gzip_floor(src, mb, times["gzip"])
    print()
    print("DuckDB only parses the JSON and writes it partitioned; warraq also cleans, annotates (language, dates,")
    print("entities, keywords, near-duplicate signatures), deduplicates and writes text_normalized beside text.")


if __name__ == "__main__":
    main()
