"""Builds the held-out sentences for the language identification benchmark, from sources the model was not trained
on (tools/train_language_model.py trains on wordfreq word lists and CLDR locale data):

- Django's translations (BSD-3-Clause; `pip install django`, in the bench environment): every translated message of
  at least 3 words, placeholders (%(name)s, {name}, %d) and markup removed, for ar, fa, ur, ug, ckb, he, fr; English
  from the messages' source strings; and, as "other", the messages of es, de, it, pt, nl, tr, pl, ru, el, hi (200
  of each);
- JupyterLab's language packs for ar_SA, fr_FR, he_IL (BSD-3-Clause; PyPI): their translated messages, likewise;
- Arabic news: sentences of SaudiNewsNet (../shared/corpus/saudinewsnet, or WARRAQ_CORPUS), split at . ! ? ؟ and
  line breaks, of 3 to 40 words, every 7th sentence (at most 2,000).

Each language is capped at 1,000 sentences, deduplicated, in a fixed order. `sentences()` returns
{(language, source): [sentence, ...]}."""
import glob
import json
import os
import pathlib
import re
import sys
import zipfile

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parent))
import corpus  # noqa: E402

PLACEHOLDER = re.compile(r"%\([^)]*\)[sd]|%[sd]|\{[^}]*\}|<[^>]+>|&[a-z]+;|%\w")
CAP = 2000


def clean(s):
    s = PLACEHOLDER.sub(" ", s.replace("\\n", " ").replace('\\"', '"'))
    return " ".join(s.split())


def po_messages(path):
    """(msgid, msgstr) pairs of a .po file (single-line strings and continuations)."""
    text = open(path, encoding="utf-8").read()
    out = []
    for block in text.split("\n\n"):
        ids, strs, cur = [], [], None
        for line in block.splitlines():
            m = re.match(r'^(msgid|msgstr(?:\[0\])?) "(.*)"$', line)
            if m:
                cur = ids if m.group(1) == "msgid" else strs
                cur.append(m.group(2))
            elif line.startswith('"') and cur is not None:
                cur.append(line[1:-1])
            elif line.startswith("msgid_plural") or re.match(r"^msgstr\[[1-9]\]", line):
                cur = None
        if ids or strs:
            out.append(("".join(ids), "".join(strs)))
    return out


def enough(s):
    return len(s.split()) >= 3


def names():
    """English names of languages and countries (CLDR): Django's messages that are such names are left out, since the
    model's ps, sd, ug and ckb data are CLDR's names."""
    from babel import Locale
    en = Locale.parse("en")
    return {n.lower() for n in list(en.languages.values()) + list(en.territories.values())}


def django():
    import django as dj
    root = pathlib.Path(dj.__file__).parent
    skip = names()
    got = {}
    for lang in ["ar", "fa", "ur", "ug", "ckb", "he", "fr"]:
        for f in sorted(root.glob(f"**/locale/{lang}/LC_MESSAGES/django.po")):
            for msgid, msgstr in po_messages(f):
                base = re.sub(r"\s*\(.*\)", "", msgid).strip().lower()
                if base in skip or msgid.lower() in skip:
                    continue
                s = clean(msgstr)
                if msgid and enough(s):
                    got.setdefault(lang, []).append(s)
                e = clean(msgid)
                if lang == "fr" and msgid and enough(e):
                    got.setdefault("en", []).append(e)
    return got


OTHERS = ["es", "de", "it", "pt", "nl", "tr", "pl", "ru", "el", "hi"]


def django_others():
    import django as dj
    root = pathlib.Path(dj.__file__).parent
    got = []
    for lang in OTHERS:
        mine = []
        for f in sorted(root.glob(f"**/locale/{lang}/LC_MESSAGES/django.po")):
            for msgid, msgstr in po_messages(f):
                s = clean(msgstr)
                if msgid and enough(s):
                    mine.append(s)
        got += mine[:200]
    return got


def jupyterlab():
    got = {}
    import importlib.util
    for module, lang in [("jupyterlab_language_pack_ar_SA", "ar"), ("jupyterlab_language_pack_fr_FR", "fr"),
                         ("jupyterlab_language_pack_he_IL", "he")]:
        spec = importlib.util.find_spec(module)
        if spec is None:
            continue
        folder = pathlib.Path(spec.submodule_search_locations[0])
        for f in sorted(folder.glob("locale/*/LC_MESSAGES/*.json")):
            data = json.load(open(f, encoding="utf-8"))
            for key, value in sorted(data.get("locale_data", data).get(f.stem, data).items()) if isinstance(data, dict) else []:
                if key == "" or not isinstance(value, list):
                    continue
                s = clean(value[0]) if value and isinstance(value[0], str) else ""
                if enough(s):
                    got.setdefault(lang, []).append(s)
    return got


def news():
    out = []
    try:
        articles = corpus.articles()
    except SystemExit:
        return out
    k = 0
    for a in articles:
        for s in re.split(r"[.!?؟\n]+", a.get("content") or ""):
            s = " ".join(s.split())
            if 3 <= len(s.split()) <= 40:
                k += 1
                if k % 7 == 0:
                    out.append(s)
    return out[:2000]


def sentences():
    sets = {}
    for source, got in (("django", django()), ("jupyterlab", jupyterlab())):
        for lang, items in got.items():
            sets[(lang, source)] = items
    sets[("ar", "news")] = news()
    sets[("other", "django")] = django_others()
    out = {}
    for key, items in sorted(sets.items()):
        seen, kept = set(), []
        for s in items:
            if s not in seen and enough(s):
                seen.add(s)
                kept.append(s)
        if kept:
            out[key] = kept[:CAP]
    return out


if __name__ == "__main__":
    for key, items in sentences().items():
        print(key, len(items), items[0][:80])
