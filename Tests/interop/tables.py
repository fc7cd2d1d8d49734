"""Seeded random tables in the JSON-lines form `warraq convert` reads and `warraq cat` prints."""
import datetime
import json
import random

from normalize import iso_timestamp

ALPHABETS = ["abcdefghij ", "بتثجحخدذرزسشصضطظعغفقكلمنهوي ", "😀é中\"\\\n,"]
TYPES = ["string", "int32", "int64", "double", "bool", "date", "timestamp", "list<string>"]
EPOCH = datetime.datetime(1970, 1, 1)


def random_string(rng, max_len=24):
    alphabet = rng.choice(ALPHABETS)
    return "".join(rng.choice(alphabet) for _ in range(rng.randint(0, max_len)))


def random_value(rng, type_, string=None):
    string = string or random_string
    if type_ == "string":
        return string(rng)
    if type_ == "int32":
        return rng.randint(-(2**31), 2**31 - 1)
    if type_ == "int64":
        return rng.randint(-(2**63), 2**63 - 1)
    if type_ == "double":
        if rng.random() < 0.1:
            return rng.choice(["NaN", "Infinity", "-Infinity", -0.0, 0.0, 1.7976931348623157e308])
        return rng.uniform(-1e6, 1e6)
    if type_ == "bool":
        return rng.random() < 0.5
    if type_ == "date":
        return (datetime.date(1970, 1, 1) + datetime.timedelta(days=rng.randint(-700000, 2900000))).isoformat()
    if type_ == "timestamp":
        micros = rng.randint(-62_000_000_000_000_000, 250_000_000_000_000_000)
        return iso_timestamp(EPOCH + datetime.timedelta(microseconds=micros))
    if type_ == "list<string>":
        return [None if rng.random() < 0.125 else string(rng) for _ in range(rng.randint(0, 4))]
    raise ValueError(type_)


def all_types_schema():
    cols = []
    for t in TYPES:
        cols.append({"name": f"{t.replace('<', '_').replace('>', '')}_opt", "type": t, "nullable": True})
        cols.append({"name": f"{t.replace('<', '_').replace('>', '')}_req", "type": t, "nullable": False})
    return {"columns": cols}


def random_rows(schema, n, seed, null_rate=0.1, string=None):
    rng = random.Random(seed)
    rows = []
    for _ in range(n):
        row = {}
        for c in schema["columns"]:
            if c.get("nullable", True) and rng.random() < null_rate:
                row[c["name"]] = None
            else:
                row[c["name"]] = random_value(rng, c["type"], string)
        rows.append(row)
    return rows


def write_case(tmp_path, schema, rows, name="t"):
    schema_path = tmp_path / f"{name}.schema.json"
    jsonl_path = tmp_path / f"{name}.jsonl"
    schema_path.write_text(json.dumps(schema))
    with open(jsonl_path, "w", encoding="utf-8") as f:
        for r in rows:
            f.write(json.dumps(r, ensure_ascii=False) + "\n")
    return schema_path, jsonl_path
