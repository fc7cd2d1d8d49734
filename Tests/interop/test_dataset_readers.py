"""The folder is the current version: every reader that reads a folder of Parquet gets exactly the manifest's rows,
after each step of a sequence of runs (first run, changed input, new input, --full-refresh, rollback, compact)."""
import json
import shutil

import duckdb
import pandas as pd
import polars as pl
import pyarrow.dataset as ds
import pyarrow.parquet as pq
import pytest

from conftest import ROOT

PIPELINE = ROOT / "pipelines/arabic-news.yaml"
SAMPLE = ROOT / "samples/saudinewsnet/2015-07-23-sample.json"


def articles(n):
    """`n` distinct articles made from the sample (ids differ, so that no two are one row)."""
    base = json.loads(SAMPLE.read_text(encoding="utf-8"))
    out = []
    for i in range(n):
        a = dict(base[i % len(base)])
        a["url"] = f"{a.get('url', '')}#{i}"
        a["content"] = f"{a.get('content', '')} ({i})"
        out.append(a)
    return out


def write(path, items):
    path.write_text("".join(json.dumps(a, ensure_ascii=False) + "\n" for a in items), encoding="utf-8")


def manifest_ids(out):
    m = json.loads((out / "_manifest.json").read_text())
    ids = []
    for s in m["shards"]:
        ids += pq.read_table(out / s["path"], columns=["id"]).column("id").to_pylist()
    return sorted(ids)


def reader_ids(out):
    """The ids each reader sees in the folder, by reader."""
    glob = f"{out}/**/*.parquet"
    return {
        "pandas.read_parquet(DIR)": sorted(pd.read_parquet(out, columns=["id"])["id"]),
        "pyarrow.dataset(DIR, hive)": sorted(ds.dataset(out, partitioning="hive").to_table(columns=["id"]).column("id").to_pylist()),
        "pyarrow.parquet.read_table(DIR)": sorted(pq.read_table(out, columns=["id"]).column("id").to_pylist()),
        "polars.scan_parquet(DIR/**/*.parquet)": sorted(pl.scan_parquet(glob, hive_partitioning=True).select("id").collect()["id"].to_list()),
        "duckdb read_parquet(DIR/**/*.parquet)": sorted(r[0] for r in duckdb.sql(
            f"SELECT id FROM read_parquet('{glob}', hive_partitioning=true)").fetchall()),
    }


def check(out, step):
    expected = manifest_ids(out)
    assert expected, step
    for reader, ids in reader_ids(out).items():
        assert len(ids) == len(expected) and ids == expected, f"{step}: {reader} read {len(ids)} rows, the manifest has {len(expected)}"
    return len(expected)


@pytest.fixture(scope="module")
def sequence(tmp_path_factory, warraq):
    """Runs the sequence, checking every reader after each step; returns the dataset folder."""
    tmp = tmp_path_factory.mktemp("readers")
    inputs = tmp / "in" / "okaz"
    inputs.mkdir(parents=True)
    out = tmp / "ds"

    def run(*extra):
        warraq("run", PIPELINE, "--input", tmp / "in", "--output", out, "--quiet", *extra)

    write(inputs / "a.jsonl", articles(300))
    run()
    first = check(out, "first run")
    write(inputs / "a.jsonl", articles(250))  # the same input, changed
    run()
    assert check(out, "changed input") == first - 50
    write(inputs / "b.jsonl", articles(310)[300:])  # a new input
    run()
    check(out, "new input")
    run("--full-refresh")
    check(out, "full refresh")
    warraq("rollback", out, "--to", "1")
    assert check(out, "rollback") == first
    for night in range(10):  # small incremental runs, then compaction
        write(inputs / f"night{night}.jsonl", articles(400 + night * 3)[400 + night * 2:])
        run()
    before = check(out, "ten small runs")
    result = warraq("compact", out, "--max-files", "2")
    assert "compacted" in result.stdout, result.stdout
    assert check(out, "compact") == before
    assert warraq("verify", out).returncode == 0
    assert warraq("verify", out, "--quick").returncode == 0
    return out


def test_every_reader_reads_exactly_the_current_rows_after_each_step(sequence):
    m = json.loads((sequence / "_manifest.json").read_text())
    assert m["format"] == "warraq-manifest/2" and m["compacted_from"] == m["version"] - 1
    # Only the current version's shards are in the partition folders; kept ones are out of the readers' way.
    live = sorted(str(p.relative_to(sequence)) for p in sequence.rglob("*.parquet") if not str(p.relative_to(sequence)).startswith("_"))
    assert live == sorted(s["path"] for s in m["shards"])
    assert list((sequence / "_kept").rglob("*.parquet.kept"))
    assert not [p for p in sequence.rglob("*.parquet") if str(p.relative_to(sequence)).startswith("_")]


def test_spark_reads_exactly_the_current_rows(sequence):
    assert shutil.which("java"), "Spark needs java: `make venv` installs openjdk-17-jre-headless"
    from pyspark.sql import SparkSession

    spark = (SparkSession.builder.master("local[2]").appName("warraq-interop")
             .config("spark.ui.enabled", "false").config("spark.sql.session.timeZone", "UTC").getOrCreate())
    try:
        df = spark.read.parquet(str(sequence))
        ids = sorted(r["id"] for r in df.select("id").collect())
        assert ids == manifest_ids(sequence)
        assert {"source", "date"} <= set(df.columns)
    finally:
        spark.stop()


def test_pandas_reads_the_default_pipeline_output(tmp_path, warraq):
    out = tmp_path / "arabic-news"
    warraq("run", PIPELINE, "--input", ROOT / "samples", "--output", out, "--quiet")
    df = pd.read_parquet(out)
    m = json.loads((out / "_manifest.json").read_text())
    assert len(df) == m["counts"]["rows_written"] == sum(s["rows"] for s in m["shards"])
