"""Language identification: warraq's model against py3langid on held-out sentences (bench/language_heldout.py), the
SaudiNewsNet articles, and the cost of identification within clean + annotate.

Prints, per language and source: sentences, warraq's accuracy, py3langid's on the same sentences (its Arabic
dialect codes ary and arz count as ar, hbo as he, and any language warraq does not name as other), and warraq's
commonest confusions; the calibration of `language_score` (sentences by score decile: mean score against accuracy,
and the expected calibration error); how many of the corpus's Arabic articles (as py3langid and the news source tell:
every SaudiNewsNet article is Arabic) warraq tags as another language; and `warraq annotate --summary` with the
language annotator on and off (the share of clean + annotate time identification takes). Goals (issue 14): at least
py3langid on every language, at least 0.995 on Arabic, no Arabic article tagged otherwise, at most 10% of the time.
Runs in the bench environment (`make bench-venv`: py3langid, django, babel, the JupyterLab language packs)."""
import collections
import json
import os
import pathlib
import subprocess
import sys
import tempfile

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parent))
import corpus  # noqa: E402
import language_heldout  # noqa: E402

WARRAQ = os.environ.get("WARRAQ", str(corpus.ROOT / ".build/release/warraq"))
NAMED = {"ar", "fa", "ur", "ps", "sd", "ug", "ckb", "en", "fr", "he"}


def py3(text):
    import py3langid
    lang, _ = py3langid.classify(text)
    lang = {"ary": "ar", "arz": "ar", "hbo": "he"}.get(lang, lang)
    return lang if lang in NAMED else "other"


def warraq(texts, pipeline=None):
    """warraq annotate's (language, score) for each text (one JSON line each)."""
    with tempfile.TemporaryDirectory() as d:
        path = pathlib.Path(d) / "sentences.jsonl"
        with open(path, "w", encoding="utf-8") as f:
            for t in texts:
                f.write(json.dumps({"text": t}, ensure_ascii=False) + "\n")
        cmd = [WARRAQ, "annotate", str(path)] + (["--pipeline", str(pipeline)] if pipeline else [])
        out = subprocess.run(cmd, capture_output=True, text=True, check=True).stdout
    rows = [json.loads(line) for line in out.splitlines() if line.strip()]
    by_record = {r["input_record"]: r for r in rows}
    return [(by_record.get(i + 1, {}).get("language", "dropped"), by_record.get(i + 1, {}).get("language_score", 0.0))
            for i in range(len(texts))]


def keep_everything(d):
    """The default pipeline with the quality filter off (short sentences are what the bench is about)."""
    text = (corpus.ROOT / "pipelines/arabic-news.yaml").read_text(encoding="utf-8")
    text = text.replace("filter:\n  enabled: true", "filter:\n  enabled: false")
    # Credit lines and links are removed before identification: a sentence that is one would be empty.
    text = text.replace("  boilerplate:\n    enabled: true", "  boilerplate:\n    enabled: false")
    assert text.count("enabled: false") == 2
    path = pathlib.Path(d) / "keep.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def main():
    sets = language_heldout.sentences()
    print("language identification: held-out sentences of at least 3 words (bench/language_heldout.py)")
    print()
    print("| language | source | sentences | warraq | py3langid | warraq's confusions |")
    print("| --- | --- | --- | --- | --- | --- |")
    scored = []
    with tempfile.TemporaryDirectory() as d:
        pipeline = keep_everything(d)
        for (lang, source), items in sets.items():
            got = warraq(items, pipeline)
            ours = sum(g == lang for g, _ in got) / len(items)
            theirs = sum(py3(s) == lang for s in items) / len(items)
            confusions = collections.Counter(g for g, _ in got if g != lang).most_common(3)
            scored += [(score, g == lang) for g, score in got]
            mark = "" if ours >= theirs else " (below)"
            print(f"| {lang} | {source} | {len(items)} | {ours:.3f}{mark} | {theirs:.3f} | "
                  + ", ".join(f"{c} {n}" for c, n in confusions) + " |")
        # Calibration: by score decile.
        scored.sort()
        print()
        print("calibration of language_score (all sentences, by score decile): mean score / accuracy")
        ece = 0.0
        for k in range(10):
            part = scored[k * len(scored) // 10:(k + 1) * len(scored) // 10]
            if not part:
                continue
            mean = sum(s for s, _ in part) / len(part)
            acc = sum(ok for _, ok in part) / len(part)
            ece += abs(mean - acc) * len(part) / len(scored)
            print(f"  decile {k + 1}: {mean:.3f} / {acc:.3f}")
        print(f"  expected calibration error: {ece:.3f}")

        # The corpus's articles: all Arabic.
        try:
            articles = corpus.articles()
        except SystemExit:
            articles = []
        if articles:
            texts = [a.get("content") or "" for a in articles]
            got = warraq(texts, pipeline)
            wrong = [(g, t[:80]) for (g, _), t in zip(got, texts) if t.strip() and g != "ar"]
            print()
            print(f"SaudiNewsNet: {len(texts)} articles, {len(wrong)} tagged other than ar"
                  + (": " + "; ".join(f"{g}: {t}" for g, t in wrong[:5]) if wrong else ""))
            # Cost within clean + annotate, on the corpus replicated to 40 MB (the model's load, about 20 ms once a
            # process, is then a small part): the median of five runs with identification over five without,
            # alternating (this machine's timings are noisy).
            off_pipeline = pathlib.Path(d) / "nolang.yaml"
            off_pipeline.write_text(
                (corpus.ROOT / "pipelines/arabic-news.yaml").read_text(encoding="utf-8").replace(
                    "  language: true", "  language: false"), encoding="utf-8")
            replicated = corpus.replicated_jsonl(40 * 1024 * 1024)
            on, off = [], []
            for _ in range(5):
                on.append(summary(replicated, None))
                off.append(summary(replicated, off_pipeline))
            on, off = sorted(on)[2], sorted(off)[2]
            print(f"clean + annotate on one core ({replicated.name}): {on:.1f} MB/s with language identification, "
                  f"{off:.1f} MB/s without: identification is {100 * (1 - on / off) if off else 0:.1f}% of the time "
                  "(goal ≤ 10%)")


def summary(path, pipeline):
    """clean + annotate MB/s on one core, from `warraq annotate --summary`."""
    import re
    cmd = [WARRAQ, "annotate", str(path), "--summary"] + (["--pipeline", str(pipeline)] if pipeline else [])
    out = subprocess.run(cmd, capture_output=True, text=True, check=True).stdout
    m = re.search(r"([0-9.]+) MB/s", out)
    return float(m.group(1)) if m else 0.0


if __name__ == "__main__":
    main()
