"""export csv, inspect, verify, history and rollback on a real published dataset."""
import gzip
import io
import json
import math
import pathlib
import shutil

import duckdb
import pandas as pd
import pyarrow.dataset as ds
import pytest

from normalize import to_cat_form

ROOT = pathlib.Path(__file__).resolve().parents[2]
PIPELINE = ROOT / "pipelines/arabic-news.yaml"

TRICKY = [
    {"title": 'عنوان, مع "اقتباس" وفاصلة', "content": "سطر أول، فيه \"اقتباس\"\nوسطر ثان, بفاصلة\r\nو=SUM(A1) في آخره",
     "source": "okaz", "date": "2015-08-02 10:00:00", "url": "http://example.com/a?x=1,2"},
    {"title": "=HYPERLINK(\"http://evil\")", "content": "+نص يبدأ بعلامة زائد ويكمل الحديث عن الأخبار المحلية في المدينة اليوم",
     "source": "sabq", "date": "2015-07-30"},
    {"title": "@mention", "content": "-نص يبدأ بشرطة ويتحدث عن الطقس في المنطقة الشرقية\n\nفقرة ثانية فيها تفاصيل أخرى عن الموضوع",
     "source": "sabq"},
]


@pytest.fixture(scope="module")
def dataset(tmp_path_factory, warraq):
    root = tmp_path_factory.mktemp("tools")
    inputs = root / "in"
    inputs.mkdir()
    shutil.copytree(ROOT / "samples/saudinewsnet", inputs / "saudinewsnet")
    with open(inputs / "tricky.jsonl", "w", encoding="utf-8") as f:
        for row in TRICKY:
            f.write(json.dumps(row, ensure_ascii=False) + "\n")
    out = root / "ds"
    warraq("run", PIPELINE, "--input", inputs, "--output", out, "--quiet")
    return out


def shard_rows(out):
    m = json.loads((out / "_manifest.json").read_text())
    files = [str(out / s["path"]) for s in m["shards"]]
    table = ds.dataset(files, format="parquet", partitioning="hive", partition_base_dir=str(out)).to_table()
    return m, table


def test_export_csv_reads_back_in_pandas_exactly(dataset, warraq, tmp_path):
    m, table = shard_rows(dataset)
    csv = tmp_path / "all.csv"
    warraq("export", "csv", dataset, "--out", csv)
    df = pd.read_csv(csv, keep_default_na=False, na_values=[""], dtype=str)
    assert list(df.columns) == [c["name"] for c in m["schema"]]
    expected = {}
    for row in table.to_pylist():
        expected[row["id"]] = row
    assert len(df) == len(expected) == m["counts"]["rows_written"]
    types = {c["name"]: c["type"] for c in m["schema"]}
    for record in df.to_dict("records"):
        want = expected[record["id"]]
        for name, text in record.items():
            value = want[name]
            if name in m["partition_by"] and value == "unknown":
                value = None  # the folder of missing values is date=unknown; the manifest and the export say null
            if value is None:
                assert isinstance(text, float) and math.isnan(text), (name, text)
            elif types[name] == "double":
                assert float(text) == value, name
            elif types[name] in ("int32", "int64"):
                assert int(text) == value, name
            elif types[name] == "timestamp":
                assert text == to_cat_form(value), name
            elif types[name] == "list<string>":
                assert json.loads(text) == value, name
            else:
                assert text == str(value), name
    tricky = df[df["input_path"].str.endswith("tricky.jsonl")]
    assert len(tricky) == 3 and any("\n" in t and '"' in t and "," in t for t in tricky["text"])


def test_filters_prune_and_match_duckdb(dataset, warraq, tmp_path):
    m, _ = shard_rows(dataset)
    files = [str(dataset / s["path"]) for s in m["shards"]]
    csv = tmp_path / "f.csv"
    result = warraq("export", "csv", dataset, "--out", csv, "--where", "source=3alyoum", "--where", "date>=2015-08-02",
                    "--where", "word_count>50", "--columns", "id,source,date,word_count")
    assert "pruned" in result.stderr
    df = pd.read_csv(csv, dtype=str)
    con = duckdb.connect()
    expected = con.execute(f"""SELECT count(*) FROM read_parquet({files!r}, hive_partitioning=true)
        WHERE source = '3alyoum' AND CAST(date AS VARCHAR) >= '2015-08-02' AND word_count > 50""").fetchone()[0]
    assert len(df) == expected > 0
    assert set(df["source"]) == {"3alyoum"} and all(d >= "2015-08-02" for d in df["date"])


def test_excel_and_gzip(dataset, warraq, tmp_path):
    out = tmp_path / "x.csv.gz"
    warraq("export", "csv", dataset, "--out", out, "--gzip", "--excel", "--where", "source=sabq", "--columns", "title,text,word_count")
    raw = gzip.decompress(out.read_bytes())
    assert raw.startswith(b"\xef\xbb\xbf")
    df = pd.read_csv(io.BytesIO(raw), encoding="utf-8-sig", dtype=str)
    assert set(df["title"]) == {"'=HYPERLINK(\"http://evil\")", "'@mention"}
    assert all(t.startswith("'") for t in df["text"])
    assert all(not w.startswith("'") for w in df["word_count"])  # numbers are never guarded


def test_inspect_dataset(dataset, warraq):
    j = json.loads(warraq("inspect", dataset, "--json").stdout)
    m = json.loads((dataset / "_manifest.json").read_text())
    assert int(j["rows"]) == m["counts"]["rows_written"]
    assert {p["partition"]["source"] for p in j["partitions"]} >= {"okaz", "sabq", "3alyoum"}
    assert int(j["columns"]["title"]["nulls"]) == sum(s["columns"]["title"]["nulls"] for s in m["shards"])
    assert "rows:" in warraq("inspect", dataset).stdout


def test_verify_finds_every_kind_of_damage(dataset, warraq, tmp_path):
    copy = tmp_path / "copy"
    shutil.copytree(dataset, copy)
    assert warraq("verify", copy).returncode == 0
    m = json.loads((copy / "_manifest.json").read_text())
    shards = [copy / s["path"] for s in m["shards"]]
    with open(shards[0], "ab") as f:
        f.write(b"x")
    shards[1].unlink()
    stray = copy / m["shards"][2]["path"].rsplit("/", 1)[0] / "part-99999.parquet"
    stray.write_bytes(b"not listed")
    result = warraq("verify", copy, check=False)
    assert result.returncode == 1
    assert f"{m['shards'][0]['path']}: " in result.stderr and "SHA-256" in result.stderr
    assert f"{m['shards'][1]['path']}: missing" in result.stderr
    assert "part-99999.parquet: in the partition folders but not in the current manifest" in result.stderr


def test_history_and_rollback(tmp_path, warraq):
    inputs = tmp_path / "in"
    inputs.mkdir()
    shutil.copy(ROOT / "samples/saudinewsnet/2015-08-01-sample.jsonl", inputs)
    out = tmp_path / "ds"
    warraq("run", PIPELINE, "--input", inputs, "--output", out, "--quiet")
    first = json.loads((out / "_manifest.json").read_text())
    shutil.copy(ROOT / "samples/saudinewsnet/2015-07-23-sample.json", inputs)
    warraq("run", PIPELINE, "--input", inputs, "--output", out, "--quiet")
    history = json.loads(warraq("history", out, "--json").stdout)
    assert [(h["version"], h["current"]) for h in history] == [(1, False), (2, True)]
    assert history[1]["rows"] > history[0]["rows"]
    second = json.loads((out / "_manifest.json").read_text())
    # Incremental: version 2 keeps version 1's shard as it is and adds the new input's.
    assert {s["path"] for s in first["shards"]} < {s["path"] for s in second["shards"]}
    assert warraq("verify", out).returncode == 0
    warraq("rollback", out, "--to", "1")
    now = json.loads((out / "_manifest.json").read_text())
    assert now["version"] == 3 and [s["sha256"] for s in now["shards"]] == [s["sha256"] for s in first["shards"]]
    assert warraq("verify", out).returncode == 0
    assert warraq("rollback", out, "--to", "9", check=False).returncode == 1
