"""Datasets written with each codec (`writer.codec`: gzip, zstd, snappy) read by pyarrow, DuckDB, Polars, pandas and
Spark: every reader gets the same table from the zstd and snappy shards as from the gzip ones, value for value."""
import shutil

import duckdb
import pandas as pd
import polars as pl
import pyarrow.dataset as ds
import pyarrow.parquet as pq
import pytest

from conftest import ROOT

PIPELINE = ROOT / "pipelines/arabic-news.yaml"
CODECS = ["gzip", "zstd", "snappy"]


@pytest.fixture(scope="module")
def datasets(tmp_path_factory, warraq):
    """The default pipeline over samples/, once per codec: {codec: dataset folder}."""
    tmp = tmp_path_factory.mktemp("codecs")
    text = PIPELINE.read_text(encoding="utf-8")
    assert "  codec: gzip " in text
    out = {}
    for codec in CODECS:
        pipeline = tmp / f"{codec}.yaml"
        pipeline.write_text(text.replace("  codec: gzip ", f"  codec: {codec} "), encoding="utf-8")
        out[codec] = tmp / codec
        warraq("run", pipeline, "--input", ROOT / "samples", "--output", out[codec], "--quiet")
    return out


def test_shards_use_the_codec(datasets):
    for codec, folder in datasets.items():
        shards = sorted(folder.glob("**/part-*.parquet"))
        assert shards, codec
        for shard in shards:
            meta = pq.ParquetFile(shard).metadata
            used = {meta.row_group(g).column(c).compression
                    for g in range(meta.num_row_groups) for c in range(meta.num_columns)}
            assert used == {codec.upper()}, (shard, used)


def read_all(folder):
    """The dataset as each reader sees it, sorted by id."""
    glob = f"{folder}/**/*.parquet"
    return {
        "pyarrow.dataset": ds.dataset(folder, partitioning="hive").to_table().sort_by("id"),
        "pyarrow.parquet": pq.read_table(folder).sort_by("id"),
        "duckdb": duckdb.connect().sql(
            f"SELECT * FROM read_parquet('{glob}', hive_partitioning=true) ORDER BY id").to_arrow_table(),
        "polars": pl.scan_parquet(glob, hive_partitioning=True).collect().sort("id"),
        "pandas": pd.read_parquet(folder).sort_values("id").reset_index(drop=True),
    }


def test_every_reader_reads_the_same_values_from_every_codec(datasets):
    expected = read_all(datasets["gzip"])
    assert len(expected["pyarrow.parquet"]) > 0
    for codec in ("zstd", "snappy"):
        for reader, table in read_all(datasets[codec]).items():
            assert table.equals(expected[reader]), f"{reader} reads the {codec} dataset differently from the gzip one"


def test_spark_reads_the_same_values_from_every_codec(datasets):
    assert shutil.which("java"), "Spark needs java: `make venv` installs openjdk-17-jre-headless"
    from pyspark.sql import SparkSession

    spark = (SparkSession.builder.master("local[2]").appName("warraq-codecs")
             .config("spark.ui.enabled", "false").config("spark.sql.session.timeZone", "UTC").getOrCreate())
    try:
        rows = {codec: spark.read.parquet(str(folder)).orderBy("id").collect() for codec, folder in datasets.items()}
        assert rows["gzip"]
        assert rows["zstd"] == rows["gzip"] and rows["snappy"] == rows["gzip"]
    finally:
        spark.stop()
