#!/usr/bin/env python3
"""Writes a hostile corpus: real articles (../shared/corpus/saudinewsnet when it is there, else samples/) mutated the
ways scraped text goes wrong, as JSON lines plus a few raw files. `warraq run` must read all of it without a
sanitizer report, exit 0, and account for every record.

usage: make_hostile_corpus.py OUT_DIR [--articles N]
"""
import json, pathlib, random, sys, zipfile

ROOT = pathlib.Path(__file__).resolve().parents[2]


def load_articles(limit):
    shared = ROOT.parent / "shared" / "corpus" / "saudinewsnet"
    articles = []
    if shared.is_dir():
        for path in sorted(shared.glob("*.zip")):
            with zipfile.ZipFile(path) as z:
                for name in z.namelist():
                    articles += json.loads(z.read(name))
    else:
        print("make_hostile_corpus: ../shared/corpus not found; mutating samples/ only", file=sys.stderr)
        for line in (ROOT / "samples/saudinewsnet/2015-08-01-sample.jsonl").read_text().splitlines():
            articles.append(json.loads(line))
    rng = random.Random(10)  # seeded: the same corpus every run
    rng.shuffle(articles)
    return articles[:limit], rng


# Arabic letters to their isolated presentation forms (U+FE8D…), and the ligatures that grow the most.
FORMS = {chr(c): chr(f) for c, f in zip(range(0x0627, 0x063B), range(0xFE8D, 0xFEC1, 2))}
LIGATURES = "\ufdfa\ufdfb\ufdfd\ufdf2\ufef5\ufefb"
CONTROLS = "".join(chr(c) for c in list(range(0, 32)) + list(range(0x7F, 0xA0))) + \
    "\u200b\u200c\u200d\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\ufeff\u00ad\u061c\ufffd"
DIACRITICS = "".join(chr(c) for c in range(0x064B, 0x0653))


def mutations(text, rng):
    words = text.split()
    yield "presentation_forms", "".join(FORMS.get(ch, ch) for ch in text)
    yield "ligature_lines", text + "\n" + (" ".join(LIGATURES) + " ") * 2000
    yield "ligatures_glued", LIGATURES * 5000 + text
    yield "diacritics_30_deep", " ".join(w + "".join(rng.choice(DIACRITICS) for _ in range(30)) for w in words)
    yield "controls", "".join(ch + rng.choice(CONTROLS) for ch in text)
    yield "long_paragraph", (" ".join(words) + " ") * max(1, 300_000 // max(len(text), 1) + 1)
    yield "one_word_paragraphs", "\n".join((words or ["كلمة"]) * (10_000 // max(len(words), 1) + 1))[:200_000]
    yield "html_nested", "<div>" * 5000 + text + "</div>" * 5000
    yield "html_unclosed", "<p " * 3000 + text + " &#99999999; &#x110000; &#0; &#xD800; &amp &lt;&gt" * 50
    yield "brackets", "[" * 10_000 + text + " [ad_" * 500 + " [ad_1 [source_link"
    yield "emoji_mixed", " ".join(w + rng.choice(["👨‍👩‍👧‍👦", "🏳️‍🌈", "🇸🇦", "Zürich", "עברית", "हिन्दी", "中文", "ی ک"]) for w in words)
    yield "digits_dates", text + " ٢٣/٠٧/٩٩٩٩٩ ۱۴۰۰/۱۳/۴۵ 99999-99-99 31 فبراير 99999 32 رمضان 1436 هـ 0/0/0 " * 20
    yield "line_ends", text.replace(" ", rng.choice(["\r", "\r\n", "\u2028", "\u0085", "\u2029", "\n\n\n"]))


def main():
    out = pathlib.Path(sys.argv[1])
    limit = int(sys.argv[sys.argv.index("--articles") + 1]) if "--articles" in sys.argv else 60
    out.mkdir(parents=True, exist_ok=True)
    articles, rng = load_articles(limit)
    records = 0
    with open(out / "hostile.jsonl", "w", encoding="utf-8", newline="\n") as f:
        for i, a in enumerate(articles):
            text = a.get("content") or ""
            for name, mutated in mutations(text, rng):
                title = a.get("title") or ""
                if records % 3 == 0:
                    title = "".join(FORMS.get(ch, ch) for ch in title) + LIGATURES
                row = {**a, "id": f"{i}-{name}", "title": title, "content": mutated,
                       "date_extracted": rng.choice([a.get("date_extracted"), "99999-01-01", "2015-02-30 25:61:61",
                                                     "1 Jan 1 -3000000000:0", "٢٣ تموز ٩٩٩٩٩", -1, 1e300, [1], None])}
                f.write(json.dumps(row, ensure_ascii=rng.random() < 0.2) + "\n")
                records += 1
        # Raw JSON escapes that json.dumps does not write: lone surrogates and NULs.
        for i in range(20):
            f.write('{"id": "esc%d", "title": "\\ud800\\udfff\\udc00", "content": "نص \\ud800 و \\u0000 و \\udbff\\u0000 %s"}\n'
                    % (i, "كلمة " * 20))
            records += 1
    (out / "mixed-line-ends.jsonl").write_bytes(
        b"".join((json.dumps({"id": f"le{i}", "content": "نص عربي " * 20}, ensure_ascii=False) + end).encode()
                 for i, end in enumerate(["\n", "\r\n", "\n", "\r\n"])))
    records += 4
    print(records)


if __name__ == "__main__":
    main()
