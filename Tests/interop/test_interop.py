"""Files written by `warraq convert` read by real clients (pyarrow, DuckDB, Polars, pandas), and files
written by pyarrow read back by `warraq cat`: the values, types and statistics must agree exactly."""
import datetime
import json
import math
import random

import duckdb
import pandas as pd
import polars as pl
import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from normalize import rows_from_pyarrow, to_cat_form
from tables import all_types_schema, random_rows, write_case

ARROW_TYPES = {
    "string": pa.string(), "int32": pa.int32(), "int64": pa.int64(), "double": pa.float64(), "bool": pa.bool_(),
    "date": pa.date32(), "timestamp": pa.timestamp("us", tz="UTC"), "list<string>": pa.list_(pa.string()),
}
DUCKDB_TYPES = {
    "string": "VARCHAR", "int32": "INTEGER", "int64": "BIGINT", "double": "DOUBLE", "bool": "BOOLEAN",
    "date": "DATE", "timestamp": "TIMESTAMP WITH TIME ZONE", "list<string>": "VARCHAR[]",
}
POLARS_TYPES = {
    "string": pl.String, "int32": pl.Int32, "int64": pl.Int64, "double": pl.Float64, "bool": pl.Boolean,
    "date": pl.Date, "timestamp": pl.Datetime("us", "UTC"), "list<string>": pl.List(pl.String),
}


def expected_rows(schema, rows):
    """The input rows in cat form (doubles normalized the same way as what the clients give)."""
    out = []
    for r in rows:
        out.append({c["name"]: to_cat_form(r.get(c["name"])) if not isinstance(r.get(c["name"]), str)
                    or c["type"] != "double" else r[c["name"]] for c in schema["columns"]})
    return out


def convert(warraq, tmp_path, schema, rows, *extra, name="t"):
    schema_path, jsonl_path = write_case(tmp_path, schema, rows, name)
    out = tmp_path / f"{name}.parquet"
    warraq("convert", jsonl_path, out, "--schema", schema_path, *extra)
    return out


def check_all_clients(path, schema, rows):
    expected = expected_rows(schema, rows)
    names = [c["name"] for c in schema["columns"]]

    # pyarrow: exact values and types
    table = pq.read_table(path)
    assert table.schema.names == names
    for c in schema["columns"]:
        field = table.schema.field(c["name"])
        assert field.type == ARROW_TYPES[c["type"]], (c, field.type)
        assert field.nullable == c.get("nullable", True), c
    assert rows_from_pyarrow(table) == expected

    # DuckDB
    con = duckdb.connect()
    con.execute("SET TimeZone = 'UTC'")
    described = con.execute(f"DESCRIBE SELECT * FROM read_parquet('{path}')").fetchall()
    assert [(d[0], d[1]) for d in described] == [(c["name"], DUCKDB_TYPES[c["type"]]) for c in schema["columns"]]
    got = [dict(zip(names, map(to_cat_form, r))) for r in con.execute(f"SELECT * FROM read_parquet('{path}')").fetchall()]
    assert got == expected

    # Polars
    df = pl.read_parquet(path)
    assert [df.schema[n] for n in names] == [POLARS_TYPES[c["type"]] for c in schema["columns"]]
    assert [{k: to_cat_form(v) for k, v in r.items()} for r in df.to_dicts()] == expected

    # pandas (with Arrow dtypes, so that integers with nulls stay integers)
    pdf = pd.read_parquet(path, dtype_backend="pyarrow")
    assert list(pdf.columns) == names and len(pdf) == len(rows)
    records = pa.Table.from_pandas(pdf, preserve_index=False)
    assert rows_from_pyarrow(records) == expected


def test_all_types_with_nulls(warraq, tmp_path):
    schema = all_types_schema()
    rows = random_rows(schema, 3000, seed=1)
    check_all_clients(convert(warraq, tmp_path, schema, rows), schema, rows)


@pytest.mark.parametrize("codec,levels", [("none", [None]), ("gzip", [None, "1", "9", "12"]),
                                          ("zstd", [None, "1", "19"]), ("snappy", [None])])
def test_every_codec_and_level(warraq, tmp_path, codec, levels):
    schema = all_types_schema()
    rows = random_rows(schema, 2000, seed=2)
    for level in levels:
        extra = ["--codec", codec] + (["--level", level] if level else [])
        path = convert(warraq, tmp_path, schema, rows, *extra, name=f"{codec}-{level}")
        codecs = {pq.ParquetFile(path).metadata.row_group(0).column(i).compression
                  for i in range(len(schema["columns"]))}
        assert codecs == {"UNCOMPRESSED" if codec == "none" else codec.upper()}
        check_all_clients(path, schema, rows)


def test_levels_that_do_not_apply_are_refused(warraq, tmp_path):
    schema = all_types_schema()
    rows = random_rows(schema, 10, seed=3)
    schema_path, jsonl_path = write_case(tmp_path, schema, rows, "bad")
    for extra in (["--codec", "snappy", "--level", "3"], ["--codec", "zstd", "--level", "23"],
                  ["--codec", "gzip", "--level", "13"]):
        result = warraq("convert", jsonl_path, tmp_path / "bad.parquet", "--schema", schema_path, *extra, check=False)
        assert result.returncode != 0 and "--level" in result.stderr, (extra, result.stderr)


def test_zero_rows(warraq, tmp_path):
    schema = all_types_schema()
    check_all_clients(convert(warraq, tmp_path, schema, []), schema, [])


def test_all_null_columns(warraq, tmp_path):
    schema = {"columns": [c for c in all_types_schema()["columns"] if c["nullable"]]}
    rows = [{c["name"]: None for c in schema["columns"]} for _ in range(500)]
    check_all_clients(convert(warraq, tmp_path, schema, rows), schema, rows)


def test_one_distinct_value(warraq, tmp_path):
    schema = {"columns": [{"name": "s", "type": "string", "nullable": False}, {"name": "n", "type": "int64"}]}
    rows = [{"s": "الكرملين", "n": 7}] * 5000
    path = convert(warraq, tmp_path, schema, rows)
    check_all_clients(path, schema, rows)
    assert "RLE_DICTIONARY" in pq.ParquetFile(path).metadata.row_group(0).column(0).encodings


def test_dictionary_fallback_with_100k_distinct_values(warraq, tmp_path):
    schema = {"columns": [{"name": "s", "type": "string"}, {"name": "i", "type": "int64"}]}
    rows = [{"s": f"repeat-{i % 10}" if i < 2000 else f"distinct-{i}-padding-padding", "i": i} for i in range(100_000)]
    path = convert(warraq, tmp_path, schema, rows)
    check_all_clients(path, schema, rows)
    encodings = pq.ParquetFile(path).metadata.row_group(0).column(0).encodings
    assert "RLE_DICTIONARY" in encodings and "PLAIN" in encodings


def test_values_larger_than_a_page(warraq, tmp_path):
    schema = {"columns": [{"name": "text", "type": "string"}, {"name": "tags", "type": "list<string>"}]}
    rows = [{"text": ("كلمة %d " % i) * 200_000, "tags": ["x" * 1_500_000]} for i in range(4)]
    check_all_clients(convert(warraq, tmp_path, schema, rows), schema, rows)


def test_many_row_groups(warraq, tmp_path):
    schema = all_types_schema()
    rows = random_rows(schema, 20_000, seed=3)
    path = convert(warraq, tmp_path, schema, rows, "--row-group-size", "200000")
    assert pq.ParquetFile(path).metadata.num_row_groups >= 10
    check_all_clients(path, schema, rows)


def _utf8_key(v):
    return v.encode("utf-8") if isinstance(v, str) else v


def test_statistics_seen_by_pyarrow_and_duckdb(warraq, tmp_path):
    schema = all_types_schema()
    rows = random_rows(schema, 4000, seed=4)
    path = convert(warraq, tmp_path, schema, rows, "--row-group-size", "300000")
    md = pq.ParquetFile(path).metadata
    assert md.num_row_groups >= 2
    table = pq.read_table(path)
    start = 0
    for g in range(md.num_row_groups):
        rg = md.row_group(g)
        part = table.slice(start, rg.num_rows).to_pylist()
        start += rg.num_rows
        for c in range(rg.num_columns):
            col = rg.column(c)
            name = col.path_in_schema.split(".")[0]
            st = col.statistics
            assert st is not None and st.has_null_count, name
            values = [r[name] for r in part]
            if name.startswith("list"):
                flat = [x for v in values for x in (v if v is not None else [None])]
                nulls = sum(1 for v in values if v is None or v == []) + sum(1 for v in values if v for x in v if x is None)
                values = flat
            else:
                nulls = sum(1 for v in values if v is None)
            assert st.null_count == nulls, name
            present = [v for v in values if v is not None and not (isinstance(v, float) and math.isnan(v))]
            assert st.has_min_max == bool(present), name
            if present:
                key = _utf8_key if isinstance(present[0], str) else None
                assert st.min == min(present, key=key), name
                assert st.max == max(present, key=key), name
    con = duckdb.connect()
    stats = con.execute(
        f"SELECT row_group_id, path_in_schema, stats_min_value, stats_max_value, stats_null_count "
        f"FROM parquet_metadata('{path}') WHERE path_in_schema = 'int64_req' ORDER BY row_group_id").fetchall()
    assert len(stats) == md.num_row_groups
    index = [md.row_group(0).column(c).path_in_schema for c in range(md.num_columns)].index("int64_req")
    for g, _, lo, hi, nulls in stats:
        st = md.row_group(g).column(index).statistics
        assert (int(lo), int(hi), nulls) == (st.min, st.max, 0)


def test_metadata_identifies_warraq(warraq, tmp_path):
    schema = {"columns": [{"name": "a", "type": "string"}]}
    md = pq.ParquetFile(convert(warraq, tmp_path, schema, [{"a": "x"}])).metadata
    assert md.created_by.startswith("warraq version ")
    inspected = json.loads(warraq("inspect", tmp_path / "t.parquet", "--json").stdout)
    assert inspected["rows"] == "1" or inspected["rows"] == 1
    assert inspected["row_groups"][0]["columns"][0]["statistics"]["min"] == "x"


def pyarrow_table(n, seed):
    rng = random.Random(seed)
    schema = all_types_schema()
    rows = random_rows(schema, n, seed)
    arrays = {}
    for c in schema["columns"]:
        vals = [r[c["name"]] for r in rows]
        t = c["type"]
        if t == "double":
            vals = [float("nan") if v == "NaN" else float("inf") if v == "Infinity" else float("-inf") if v == "-Infinity" else v for v in vals]
        if t == "date":
            vals = [None if v is None else datetime.date.fromisoformat(v) for v in vals]
        if t == "timestamp":
            vals = [None if v is None else datetime.datetime.fromisoformat(v[:-1]).replace(tzinfo=datetime.timezone.utc) for v in vals]
        arrays[c["name"]] = pa.array(vals, type=ARROW_TYPES[t])
    del rng
    return pa.table(arrays)


@pytest.mark.parametrize("compression", ["gzip", "snappy", "zstd", "none"])
@pytest.mark.parametrize("dictionary", [True, False])
@pytest.mark.parametrize("page_version", ["1.0", "2.0"])
def test_files_written_by_pyarrow_read_back_exactly(warraq, tmp_path, compression, dictionary, page_version):
    table = pyarrow_table(2000, seed=5)
    path = tmp_path / "pa.parquet"
    pq.write_table(table, path, compression=compression, use_dictionary=dictionary,
                   data_page_version=page_version, row_group_size=700, data_page_size=4096)
    got = [json.loads(line) for line in warraq("cat", path).stdout.splitlines()]
    assert got == rows_from_pyarrow(pq.read_table(path))


def test_parquet_testing_fixtures_read_like_pyarrow(warraq, fixtures_dir):
    for path in sorted((fixtures_dir / "data").glob("*.parquet")):
        got = [json.loads(line) for line in warraq("cat", path).stdout.splitlines()]
        assert got == rows_from_pyarrow(pq.read_table(path)), path.name


def test_bad_fixtures_give_clear_errors(warraq, fixtures_dir):
    for path in sorted((fixtures_dir / "bad_data").glob("*.parquet")):
        result = warraq("cat", path, check=False)
        assert result.returncode == 1, path.name
        assert result.stderr.startswith("warraq: error: ") and len(result.stderr) > 30, path.name


def test_cat_csv_and_columns(warraq, tmp_path):
    schema = {"columns": [{"name": "a", "type": "string"}, {"name": "b", "type": "int32"}, {"name": "l", "type": "list<string>"}]}
    rows = [{"a": 'x,"y"\nz', "b": 1, "l": ["p", None]}, {"a": None, "b": None, "l": None}]
    path = convert(warraq, tmp_path, schema, rows)
    csv_text = warraq("cat", path, "--format", "csv", "--columns", "l,a").stdout
    df = pd.read_csv(__import__("io").StringIO(csv_text), keep_default_na=False)
    assert list(df.columns) == ["l", "a"]
    assert df["a"].tolist() == ['x,"y"\nz', ""]
    assert json.loads(df["l"][0]) == ["p", None]
