#!/usr/bin/env python3
"""Writes the inputs of the identity check's `rejects` case: one small file for nearly every reject reason (sizes
past `ingest.max_record_bytes: 3000` of Tests/identity/rejects.yaml, broken archives and encodings, bad JSON, CSV
and Parquet). Deterministic: the same bytes on every run (gzip members carry mtime 0).

usage: make_rejects.py OUT_DIR
"""
import gzip
import io
import json
import os
import sys
import zipfile


def gz(data: bytes) -> bytes:
    return gzip.compress(data, mtime=0)


def main() -> int:
    out = sys.argv[1]
    os.makedirs(out, exist_ok=True)
    big = "نص " * 2000
    short = "نص عربي قصير هنا مع كلمات كافية لكي يبقى المقال في المجموعة بعد الفلترة اليوم"
    files = {
        "big.jsonl": (json.dumps({"content": short}) + "\n" + json.dumps({"content": big}) + "\n").encode(),
        "bigarray.json": json.dumps([{"content": short}, {"content": big}, {"content": "x"}]).encode(),
        "cut.json": b'[{"content":"a"}, {"content": ',
        "badarray.json": b'[{"content":"a"} {"x":1}]',
        "rows.csv": ('title,content\n"a","' + big + '"\n"b","c",d\n"e","' + short + '"\n').encode(),
        "big.txt": big.encode(),
        "odd-utf16.txt": b"\xff\xfe" + "نص".encode("utf-16-le") + b"\x00",
        "surrogate-utf16.txt": b"\xff\xfe\x00\xd8a\x00",
        "latin.txt": bytes(range(0x80, 0xFF)),
        "gz-in-gz.jsonl.gz": gz(gz(b"{}")),
        "corrupt.jsonl.gz": b"\x1f\x8b\x08\x00\x00\x00\x00\x00\x00\x03" + b"\xff" * 50,
        "bad.parquet": b"PAR1garbagePAR1",
        "not-objects.jsonl": b'"text"\n5\n',
        "empty.zip": b"PK\x05\x06" + b"\0" * 18,
    }
    archive = io.BytesIO()
    with zipfile.ZipFile(archive, "w") as z:
        for name, data in [("inner.jsonl.gz", gz(b'{"content":"x"}\n')), ("inner.zip", b"PK\x03\x04rest"),
                           ("ok.jsonl", b'{"content":"x y z"}\n')]:
            info = zipfile.ZipInfo(name, date_time=(2015, 7, 23, 0, 0, 0))
            z.writestr(info, data)
    files["nested.zip"] = archive.getvalue()
    files["truncated.zip"] = archive.getvalue()[:60]
    for name, data in files.items():
        with open(os.path.join(out, name), "wb") as f:
            f.write(data)
    return 0


if __name__ == "__main__":
    sys.exit(main())
