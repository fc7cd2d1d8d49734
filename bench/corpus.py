"""Builds benchmark inputs from the SaudiNewsNet sample: the articles as JSON lines, replicated to a target size.

Replicas tag url, title and content with their replica number, so that no value repeats exactly and
neither dictionary encoding nor gzip gets an unfair free ride from the replication."""
import json
import os
import pathlib
import zipfile

ROOT = pathlib.Path(__file__).resolve().parents[1]
CORPUS = pathlib.Path(os.environ.get("WARRAQ_CORPUS", ROOT.parent / "shared/corpus/saudinewsnet"))
DATA = ROOT / "bench-data"


def articles():
    zips = sorted(CORPUS.glob("*.zip"))
    if not zips:
        raise SystemExit(f"no corpus zips in {CORPUS}: set WARRAQ_CORPUS to the SaudiNewsNet folder")
    out = []
    for z in zips:
        with zipfile.ZipFile(z) as archive:
            for name in archive.namelist():
                if name.endswith(".json"):
                    out.extend(json.loads(archive.read(name)))
    return out


def timestamp(s):
    """SaudiNewsNet's 'YYYY-MM-DD hh:mm:ss' as warraq's timestamp form, or None."""
    if not s or len(s) != 19:
        return None
    return s.replace(" ", "T") + ".000000Z"


def replicated_jsonl(min_bytes=100 * 1024 * 1024):
    """Writes (once) and returns the path of a JSON-lines file of at least `min_bytes`."""
    DATA.mkdir(exist_ok=True)
    path = DATA / f"articles-{min_bytes // (1024 * 1024)}mb.jsonl"
    if path.exists() and path.stat().st_size >= min_bytes:
        return path
    base = articles()
    tmp = path.with_suffix(".tmp")
    written = 0
    replica = 0
    with open(tmp, "w", encoding="utf-8") as f:
        while written < min_bytes:
            for a in base:
                tag = "" if replica == 0 else f" ({replica})"
                row = {
                    "source": a.get("source") or None,
                    "url": (a.get("url") or "") + (f"#r{replica}" if replica else ""),
                    "title": (a.get("title") or "") + tag,
                    "author": a.get("author") or None,
                    "date_extracted": timestamp(a.get("date_extracted")),
                    "content": (a.get("content") or "") + tag,
                }
                line = json.dumps(row, ensure_ascii=False) + "\n"
                f.write(line)
                written += len(line.encode("utf-8"))
            replica += 1
    tmp.rename(path)
    return path


SCHEMA = {"columns": [
    {"name": "source", "type": "string"},
    {"name": "url", "type": "string"},
    {"name": "title", "type": "string"},
    {"name": "author", "type": "string"},
    {"name": "date_extracted", "type": "timestamp"},
    {"name": "content", "type": "string"},
]}


CREDITS = ["الرياض - واس", "جدة - واس", "الدمام - اليوم", "مكة المكرمة - عكاظ", "القاهرة - أ ف ب", "دبي - رويترز"]


def near_replicas_jsonl(count):
    """Writes (once) and returns a JSON-lines file of `count` articles: the sample's articles, then replicas of them
    that differ slightly, as reprints do: a new credit line in place of the first, a paragraph left out, a few words
    changed, a source line added (each at random, seeded: the same file every time)."""
    import random
    DATA.mkdir(exist_ok=True)
    path = DATA / f"near-replicas-{count}.jsonl"
    if path.exists():
        return path
    base = articles()
    vocabulary = [w for a in base[:200] for w in (a.get("content") or "").split()]
    tmp = path.with_suffix(".tmp")
    with open(tmp, "w", encoding="utf-8") as f:
        for k in range(count):
            replica, i = divmod(k, len(base))
            a = base[i]
            content = a.get("content") or ""
            if replica:
                rng = random.Random(k)
                lines = content.split("\n")
                if rng.random() < 0.5:
                    if len(lines) > 2:
                        lines[0] = rng.choice(CREDITS)
                    else:
                        lines.insert(0, rng.choice(CREDITS))
                if len(lines) > 3 and rng.random() < 0.5:
                    del lines[rng.randrange(1, len(lines))]
                words = "\n".join(lines).split(" ")
                for _ in range(max(1, len(words) // 50) if rng.random() < 0.7 else 0):
                    words[rng.randrange(len(words))] = rng.choice(vocabulary)
                content = " ".join(words)
                if rng.random() < 0.5:
                    content += "\nالمصدر: " + rng.choice(CREDITS)
            row = {
                "source": a.get("source") or None,
                "url": (a.get("url") or "") + (f"#r{replica}" if replica else ""),
                "title": a.get("title") or "",
                "author": a.get("author") or None,
                "date_extracted": timestamp(a.get("date_extracted")),
                "content": content,
            }
            f.write(json.dumps(row, ensure_ascii=False) + "\n")
    tmp.rename(path)
    return path
