"""`make bench` (memory safety issue): the cost of one large record. Prints figures; asserts nothing.

- One article of one 10 MB paragraph: clean + annotate time per MB, beside the corpus's ordinary articles (goal:
  ratio <= 3, the cost of a record close to linear in its size).
- One 120 MB record (a JSON line of 40 million words) among the corpus: `warraq run` rejects it as
  record_too_large (ingest.max_record_bytes, 16 MiB) without holding it; peak RSS (goal: < 400 MB)."""
import json
import pathlib
import re
import shutil
import sys

sys.path.insert(0, str(pathlib.Path(__file__).parent))
from corpus import CORPUS, DATA, articles  # noqa: E402
from measure import run_measured  # noqa: E402
from bench_pipeline import PIPELINE, WARRAQ  # noqa: E402


def seconds_per_mb(paths):
    _, _, out = run_measured([WARRAQ, "annotate", "--summary", "--pipeline", PIPELINE, *paths])
    mbps = float(re.search(r"([0-9.]+) MB/s", out).group(1))
    return 1 / mbps, out.strip()


def main():
    DATA.mkdir(exist_ok=True)
    texts = [a["content"].replace("\n", " ") for a in articles() if a.get("content")]
    para = DATA / "one-10mb-paragraph.jsonl"
    body, size, i = [], 0, 0
    while size < 10_000_000:
        body.append(texts[i % len(texts)])
        size += len(texts[i % len(texts)].encode()) + 1
        i += 1
    para.write_text(json.dumps({"id": "big", "title": "مقال طويل", "content": " ".join(body)}, ensure_ascii=False) + "\n")
    ordinary, ordinary_out = seconds_per_mb(sorted(CORPUS.glob("*.zip")))
    big, big_out = seconds_per_mb([para])
    print(f"[one record] ordinary articles: {ordinary * 1000:.1f} ms/MB ({ordinary_out})")
    print(f"  one 10 MB paragraph: {big * 1000:.1f} ms/MB ({big_out})")
    print(f"  ratio: {big / ordinary:.2f} (goal <= 3)")

    huge = DATA / "one-120mb-record.jsonl"
    if not huge.exists():
        words = ("و " * 1000).encode()  # 1,000 words in 3,000 bytes
        with open(huge, "wb") as f:
            f.write(b'{"id": "huge", "title": "", "content": "')
            for _ in range(40_000):  # 40 million words, 120 MB
                f.write(words)
            f.write(b'"}\n')
    out = DATA / "pipeline-huge-record"
    shutil.rmtree(out, ignore_errors=True)
    seconds, peak, _ = run_measured([WARRAQ, "run", PIPELINE, "--input", huge, "--input", CORPUS, "--output", out, "--quiet"])
    manifest = json.loads(next(p for p in [out / "_manifest.json", out / "manifest.json"] if p.exists()).read_text())
    c = manifest["counts"]
    print(f"[120 MB record] {huge.stat().st_size / 1e6:.0f} MB record + the corpus: {seconds:.2f} s, peak RSS {peak:.0f} MB "
          f"(goal < 400 MB); rejected {c['rejected']}; {c['rows_written']} rows")


if __name__ == "__main__":
    main()
