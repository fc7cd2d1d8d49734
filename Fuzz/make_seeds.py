#!/usr/bin/env python3
"""Writes the fuzz harnesses' seed corpus (Fuzz/corpus/<harness>/) from samples/, the Parquet fixtures and crafted
cases. Run once after changing it; the corpus is committed, and findings are added to it by hand (`findings/`
files are kept as they are)."""
import gzip, io, json, os, pathlib, shutil, zipfile

ROOT = pathlib.Path(__file__).resolve().parent.parent
CORPUS = ROOT / "Fuzz" / "corpus"


def put(harness, name, data):
    folder = CORPUS / harness
    folder.mkdir(parents=True, exist_ok=True)
    (folder / name).write_bytes(data if isinstance(data, bytes) else data.encode())


def articles():
    for line in (ROOT / "samples/saudinewsnet/2015-08-01-sample.jsonl").read_text().splitlines()[:4]:
        yield json.loads(line)


def record_seed(flags, text, title="", kicker="", date="", source="", url="", author=""):
    return bytes([flags]) + "\0".join([text, title, kicker, date, source, url, author]).encode()


def near_index_segment(rows, shingle=5, bands=20, per_band=5):
    """A near-duplicate index segment (NearIndexSegment.swift's format): rows of (id, input path, shingles, band
    keys)."""
    import struct
    paths = sorted({r[1] for r in rows})
    body, table = b"", b""
    for ident, path, shingles, keys in rows:
        offset = len(body)
        body += struct.pack(f"<{len(shingles)}I", *shingles)
        table += struct.pack("<I", len(ident.encode())) + ident.encode()
        table += struct.pack("<IQI", paths.index(path), offset, len(shingles)) + struct.pack(f"<{bands}Q", *keys)
    names = struct.pack("<I", len(paths)) + b"".join(struct.pack("<I", len(p.encode())) + p.encode() for p in paths)
    footer = struct.pack("<QQIHHH", len(body), len(body) + len(table), len(rows), shingle, bands, per_band)
    return body + table + names + footer + b"WQNEAR01"


def main():
    for h in ["record", "json", "ingest", "parquet", "dates", "yaml", "nearindex"]:
        shutil.rmtree(CORPUS / h / "seeds", ignore_errors=True)
    seeds = {}
    for i, a in enumerate(articles()):
        put("record/seeds", f"article{i}", record_seed(i, a.get("content", "")[:3000], a.get("title", ""), "",
                                                   a.get("date_extracted", ""), a.get("source", ""), a.get("url", "")))
    seed_text = (ROOT / "samples/000_e92e0c86928e1aaa.txt").read_text()
    put("record/seeds", "plain-text", record_seed(0x80, seed_text))
    put("record/seeds", "ligatures", record_seed(0, "نص " + " ".join(["\ufdfa"] * 50) + " كلمة عربية أخرى" * 30))
    put("record/seeds", "urdu", record_seed(1, "حضرت محمد ﷺ نے فرمایا ۔ یہ ایک عام جملہ ہے۔ " * 10))
    put("record/seeds", "markup", record_seed(0, "<p>نص &amp; <b>عريض</b> &#99999999; &#x110000;</p>[ad_1] [ad_ " + "[" * 200))
    put("record/seeds", "controls", record_seed(2, "a\u200b\u200f\u202e\u2066b\r\nc\u2028d\u0085e " + "\u064b" * 30 + " 🇸🇦👨‍👩‍👧"))
    put("record/seeds", "dates", record_seed(0, "في 23 يوليو 2015 و ٢٣ تموز ٢٠١٥ و 1 رمضان 1436 هـ ويوم الأربعاء الماضي 99999/12/31",
                                              "عنوان", "", "الخميس ٢٣ تموز ٢٠١٥م - 10:30 م"))
    for i, line in enumerate((ROOT / "samples/saudinewsnet/2015-08-01-sample.jsonl").read_text().splitlines()[:3]):
        put("json/seeds", f"line{i}", line[:4000])
    put("json/seeds", "escapes", '{"a": "\\ud800\\u0000\\n\\"", "b": [1, -2.5e10, true, false, null, {}], "c": {"d": []}}')
    put("json/seeds", "deep", "[" * 64 + "]" * 64)
    put("json/seeds", "numbers", "[0, -0, 1e999, 123456789012345678901234567890, 0.1e-5]")
    line = (ROOT / "samples/saudinewsnet/2015-08-01-sample.jsonl").read_text().splitlines()[0]
    formats = ["jsonl", "json", "csv", "tsv", "txt", "jsonl.gz", "zip", "utf16"]
    def ingest(fmt, name, data):
        put("ingest/seeds", name, bytes([formats.index(fmt)]) + data)
    ingest("jsonl", "jsonl", (line + "\n" + '{"text": "ب"}\r\n\n').encode())
    ingest("json", "json-array", ("[" + line + ", " + line + "]").encode())
    ingest("json", "json-object", line.encode())
    csv = (ROOT / "samples/saudinewsnet/2015-08-09-sample.csv").read_text()
    ingest("csv", "csv", csv[:3000].encode())
    ingest("csv", "csv-quotes", 'title,content\n"a ""b""","line1\nline2"\n'.encode())
    ingest("tsv", "tsv", "title\tcontent\nعنوان\tنص الخبر\n".encode())
    ingest("txt", "txt", seed_text[:2000].encode())
    ingest("txt", "cp1256", (ROOT / "samples/encodings/cp1256-article.txt").read_bytes())
    ingest("jsonl.gz", "gzip", gzip.compress((line + "\n").encode() * 2, mtime=0))
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr(zipfile.ZipInfo("a.jsonl", (2015, 1, 1, 0, 0, 0)), line + "\n")
        z.writestr(zipfile.ZipInfo("b.txt", (2015, 1, 1, 0, 0, 0)), "نص")
    ingest("zip", "zip", buf.getvalue())
    ingest("utf16", "utf16", ("[" + line + "]").encode("utf-16-le"))
    fixtures = ROOT / "Tests/ParquetTests/Fixtures/data"
    for name in ["alltypes_plain.parquet", "alltypes_dictionary.parquet", "nested_lists.snappy.parquet", "nullable.impala.parquet",
                 "datapage_v2.snappy.parquet", "rle_boolean_encoding.parquet", "old_list_structure.parquet",
                 "byte_stream_split_extended.gzip.parquet", "null_list.parquet", "repeated_no_annotation.parquet",
                 "ARROW-GH-43605.parquet"]:  # the last: ZSTD pages
        put("parquet/seeds", name, (fixtures / name).read_bytes())
    keys = [(k * 0x9E3779B97F4A7C15) % 2**64 for k in range(1, 21)]
    put("nearindex/seeds", "two-rows", near_index_segment([
        ("a1", "in/a.txt", [3, 17, 99, 4000000000], keys), ("ب2", "in/b.jsonl", [5, 17], keys[::-1])]))
    put("nearindex/seeds", "empty", near_index_segment([]))
    put("nearindex/seeds", "one-band", near_index_segment([("x", "p", [1], [7])], bands=1, per_band=100))
    put("parquet/seeds", "schema-children", bytes.fromhex("504152311502193c480172150400350018016715020015022500180178001600190c001f00000050415231"))
    for i, d in enumerate(["2015-07-23", "2015-07-23T10:11:12.5Z", "2015-07-23 10:11:12+03:00", "23/07/2015",
                           "Thu, 23 Jul 2015 10:11:12 +0300", "July 23, 2015", "1437609600", "1437609600000",
                           "الخميس 23 يوليو 2015 - 10:30 م", "٢٣ تموز ٢٠١٥", "1 Jan 1 -3000000000:0",
                           "نشر يوم الأربعاء الماضي في 5 شوال 1436 هـ الموافق 21 يوليو 2015 م", "2015/07/23"]):
        put("dates/seeds", f"date{i}", d)
    put("yaml/seeds", "arabic-news.yaml", (ROOT / "pipelines/arabic-news.yaml").read_bytes())
    put("yaml/seeds", "small.yaml", "name: x\ninputs: [a, b]\nfilter:\n  min_words: 3\nwriter: {codec: none}\n")
    put("yaml/seeds", "anchors.yaml", "a: &x [1, 2]\nb: *x\nfilter: {min_words: ten}\n")


if __name__ == "__main__":
    main()
