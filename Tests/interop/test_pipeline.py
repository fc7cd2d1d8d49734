"""The published dataset read by DuckDB and pyarrow.dataset (hive partitioning) agrees with its manifest,
and the run's command line keeps its promises (exit codes, annotate output, counts)."""
import json
import pathlib
import shutil
import subprocess

import duckdb
import pyarrow.dataset as ds
import pytest

ROOT = pathlib.Path(__file__).resolve().parents[2]
SAMPLES = ROOT / "samples"
PIPELINE = ROOT / "pipelines/arabic-news.yaml"
TYPE_NAMES = {"string": "VARCHAR", "int32": "INTEGER", "int64": "BIGINT", "double": "DOUBLE", "timestamp": "TIMESTAMP WITH TIME ZONE",
              "list<string>": "VARCHAR[]"}


@pytest.fixture(scope="module")
def dataset(tmp_path_factory, warraq):
    out = tmp_path_factory.mktemp("ds") / "arabic-news"
    result = warraq("run", PIPELINE, "--input", SAMPLES, "--output", out, "--workers", "2")
    assert "rows written" in result.stdout
    return out, json.loads((out / "_manifest.json").read_text())


def test_manifest_counts_add_up(dataset):
    _, m = dataset
    assert m["format"] == "warraq-manifest/2"
    c = m["counts"]
    assert c["records_in"] == c["rows_written"] + sum(c["dropped"].values()) + sum(c["rejected"].values())
    assert c["rows_written"] == sum(s["rows"] for s in m["shards"]) > 20
    assert {i["path"].split("/")[-1] for i in m["inputs"]} >= {"000_e92e0c86928e1aaa.txt", "2015-08-01-more.zip"}
    assert m["run"]["counts"] == c


def test_duckdb_reads_the_manifest_shards_with_hive_partitioning(dataset):
    out, m = dataset
    files = [str(out / s["path"]) for s in m["shards"]]
    con = duckdb.connect()
    con.execute("SET TimeZone = 'UTC'")
    rel = f"read_parquet({files!r}, hive_partitioning=true, filename=true)"
    described = dict((r[0], r[1]) for r in con.execute(f"DESCRIBE SELECT * FROM {rel}").fetchall())
    for col in m["schema"]:
        if col.get("partition"):
            assert col["name"] in described
        else:
            assert described[col["name"]] == TYPE_NAMES[col["type"]], col
    for shard in m["shards"]:
        path = str(out / shard["path"])
        rows = con.execute(f"SELECT count(*) FROM {rel} WHERE filename = ?", [path]).fetchone()[0]
        assert rows == shard["rows"], shard["path"]
        values = con.execute(f"SELECT DISTINCT source, CAST(date AS VARCHAR) FROM {rel} WHERE filename = ?", [path]).fetchall()
        # A missing value's folder is date=unknown (see PartitionPath.nullValue); the manifest says null.
        assert values == [(shard["partition"]["source"], shard["partition"]["date"] or "unknown")], shard["path"]
    # Column statistics in the manifest match the data.
    for shard in m["shards"]:
        path = str(out / shard["path"])
        nulls, lo, hi = con.execute(f"SELECT count(*) - count(title), min(word_count), max(word_count) FROM {rel} WHERE filename = ?", [path]).fetchone()
        assert shard["columns"]["title"]["nulls"] == nulls
        assert (shard["columns"]["word_count"]["min"], shard["columns"]["word_count"]["max"]) == (lo, hi)


def test_pyarrow_dataset_agrees(dataset):
    out, m = dataset
    files = [str(out / s["path"]) for s in m["shards"]]
    data = ds.dataset(files, format="parquet", partitioning="hive", partition_base_dir=str(out))
    table = data.to_table()
    assert table.num_rows == m["counts"]["rows_written"]
    names = [c["name"] for c in m["schema"]]
    assert sorted(table.schema.names) == sorted(names)
    per_source = {}
    for s in m["shards"]:
        per_source[s["partition"]["source"]] = per_source.get(s["partition"]["source"], 0) + s["rows"]
    counted = {}
    for v in table.column("source").to_pylist():
        counted[v] = counted.get(v, 0) + 1
    assert counted == per_source


def test_the_seeds_in_the_dataset(dataset):
    out, m = dataset
    files = [str(out / s["path"]) for s in m["shards"]]
    con = duckdb.connect()
    rows = con.execute(f"SELECT title, kicker, text, language FROM read_parquet({files!r}) WHERE input_path LIKE '%003_c3cf551cb5915d9e.txt'").fetchall()
    assert len(rows) == 1
    title, kicker, text, language = rows[0]
    assert kicker == "العلاقات الأمريكية - الروسية.."
    assert title.startswith("الكرملين: وجهتا نظر")
    assert "[ad_" not in text and language == "ar"


def test_workers_do_not_change_a_byte(tmp_path, warraq):
    for workers in (1, 4):
        warraq("run", PIPELINE, "--input", SAMPLES, "--output", tmp_path / f"w{workers}", "--workers", workers, "--quiet")
    m1 = json.loads((tmp_path / "w1/_manifest.json").read_text())
    m4 = json.loads((tmp_path / "w4/_manifest.json").read_text())
    assert [(s["path"], s["sha256"]) for s in m1["shards"]] == [(s["path"], s["sha256"]) for s in m4["shards"]]


def test_exit_codes(tmp_path, warraq):
    bad = tmp_path / "bad.yaml"
    bad.write_text("partition_by: [nowhere]\n")
    result = warraq("run", bad, "--input", SAMPLES, "--output", tmp_path / "o", check=False)
    assert result.returncode == 2 and "bad.yaml" in result.stderr
    assert warraq("run", PIPELINE, "--bogus", check=False).returncode == 2
    readonly = tmp_path / "ro"
    readonly.mkdir()
    readonly.chmod(0o500)
    try:
        result = warraq("run", PIPELINE, "--input", SAMPLES, "--output", readonly / "ds", check=False)
        if result.returncode != 0:  # root can write anywhere; elsewhere the run must fail cleanly
            assert result.returncode == 1 and "warraq: error:" in result.stderr
    finally:
        readonly.chmod(0o700)


def test_annotate_prints_every_column_and_reasons(tmp_path, warraq):
    bad = tmp_path / "x.jsonl"
    bad.write_text('{"content": ""}\n{nope\n', encoding="utf-8")
    lines = [json.loads(l) for l in warraq("annotate", SAMPLES / "000_e92e0c86928e1aaa.txt", bad).stdout.splitlines()]
    assert lines[0]["title"] == "الكرملين: الظرف غير مناسب لتطبيع العلاقات مع أميركا"
    assert set(lines[0]) >= {"id", "text", "text_normalized", "language", "content_hash", "duplicate_of", "input_record"}
    assert lines[1]["drop_reason"] == "empty_text"
    assert lines[2]["reject_reason"] == "invalid_json" and lines[2]["input_record"] == 2


def test_normalize_makes_search_terms_that_match_text_normalized(dataset, warraq):
    out, m = dataset
    files = [str(out / s["path"]) for s in m["shards"]]
    con = duckdb.connect()
    text, normalized = con.execute(
        f"SELECT text, text_normalized FROM read_parquet({files!r}) WHERE input_path LIKE '%000_e92e0c86928e1aaa.txt'").fetchone()
    term = "الأوساط السياسية"
    assert term in text and term not in normalized
    result = subprocess.run([str(pathlib.Path(warraq("--version").args[0])), "normalize"], input=term + "\n",
                            capture_output=True, text=True, check=True)
    assert result.stdout.strip() in normalized
    exact = subprocess.run([str(pathlib.Path(warraq("--version").args[0])), "normalize", "--function", "normalize_alef_ar"],
                           input="أإآٱ\n", capture_output=True, text=True, check=True)
    assert exact.stdout == "اااا\n"
