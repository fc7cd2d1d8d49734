"""Trains warraq's language identification model and writes it as Swift source
(Sources/Warraq/Annotate/LanguageModel+Data.swift, committed), so that the model ships inside the binary as the
gazetteers do.

The model is naive Bayes over the character 1- to 4-grams of words (letters and marks, ASCII and Latin-1 capitals
lowercased; each word padded with a space on both sides) and the most frequent words whole, one model per script:
Arabic script (ar, fa, ur, ps, sd, ug, ckb) and Latin (en, fr, and 15 other Latin-script languages that warraq reports
as "other"). Hebrew script is "he"; any other script "other" (LanguageIdentifier.swift).

Training data, installed from PyPI (tools/requirements.txt, pinned), read offline:
- wordfreq 3.1.1 (code Apache-2.0; its word lists CC BY-SA 4.0: https://github.com/rspeer/wordfreq): the 50,000 most
  frequent words of ar, fa, ur and of every Latin-script language; n-grams counted by frequency ** DAMPING, the top
  5,000 words whole by frequency;
- Babel 2.19.0 (CLDR data, Unicode licence: https://unicode.org/copyright.html): every string of the CLDR locale data
  of ps, sd, ug and ckb (names of languages, countries, months, units, ...), each counted once, for the languages
  wordfreq does not have.
Then the KEEP n-grams of each script that tell the most (information gain) are kept.

`make language-model` writes the file; `make test` runs this with --check (test-language-model), which fails when the
committed file is not what the trainer makes. It is deterministic: the same packages (and the same Python, whose
Unicode database decides what a letter is) give the same bytes. LanguageModel.swift reads it; both sides tokenize
exactly as `words` and `ngrams` below.
"""
import base64
import math
import pathlib
import struct
import sys
import unicodedata
from collections import Counter, defaultdict

ROOT = pathlib.Path(__file__).resolve().parents[1]
OUT = ROOT / "Sources/Warraq/Annotate/LanguageModel+Data.swift"

ARABIC = ["ar", "fa", "ur", "ps", "sd", "ug", "ckb"]
LATIN_OUT = ["en", "fr"]
LATIN_OTHER = ["es", "de", "it", "pt", "nl", "ca", "ro", "id", "tr", "pl", "sv", "nb", "fi", "cs", "hu"]
WORDS = 50000
MIN_N = 1
MAX_N = 4
# Whole words are features too (a word with a space on both sides, as one key), for the most frequent words.
WHOLE_WORDS = 5000
# The n-grams kept per script (by information gain).
KEEP = {"arabic": 30000, "latin": 60000}
# Word frequencies are damped (f ** DAMPING) for the n-grams: the function words would otherwise be nearly all of a
# language's mass, and a sentence without them (a caption, a button's label) would look like no language.
DAMPING = 0.5
# A whole word a language's list does not have costs this much (log-probability): absence is evidence.
WHOLE_WORD_FLOOR = -18.0
# Log priors: the corpus is Arabic news, so a text with no evidence either way is Arabic (or English).
PRIORS = {"ar": 0.0, "fa": -1.0, "ur": -1.0, "ps": -3.0, "sd": -3.0, "ug": -3.0, "ckb": -3.0, "en": 0.0, "fr": 1.0}
OTHER_PRIOR = -5.0
# Add-alpha smoothing of each class's n-gram distribution, and the least total weight an n-gram needs to be kept.
ALPHA = 0.5
MIN_WEIGHT = {"arabic": 2e-6, "latin": 1e-5}
SCALE = 1000  # weights are stored as Int16 thousandths of a nat


def is_word_char(ch):
    return unicodedata.category(ch)[0] in "LM"


def lower(cp):
    """ASCII and Latin-1 capitals only (the same in Swift): A-Z, and U+00C0-U+00DE but for U+00D7."""
    if 0x41 <= cp <= 0x5A or (0xC0 <= cp <= 0xDE and cp != 0xD7):
        return cp + 0x20
    return cp


def words(text):
    out, cur = [], []
    for ch in text:
        if is_word_char(ch):
            cur.append(lower(ord(ch)))
        elif cur:
            out.append(cur)
            cur = []
    if cur:
        out.append(cur)
    return out


def fnv(cps):
    """The n-gram's key, 64 bits: FNV-1a's steps over whole code points (xor one, multiply by the prime), then a
    SplitMix64 finalizer, so that every bit depends on every code point."""
    h = 0xCBF29CE484222325
    for cp in cps:
        h = ((h ^ cp) * 0x100000001B3) & 0xFFFFFFFFFFFFFFFF
    return finish(h)


def finish(h):
    h = ((h ^ (h >> 30)) * 0xBF58476D1CE4E5B9) & 0xFFFFFFFFFFFFFFFF
    h = ((h ^ (h >> 27)) * 0x94D049BB133111EB) & 0xFFFFFFFFFFFFFFFF
    return h ^ (h >> 31)


def ngrams(word):
    """The word's n-grams (n = MIN_N...MAX_N) with a space (32) on both sides (a lone space is none), then the whole
    padded word, marked by a leading 1 (no letter), so that its key differs from any n-gram's."""
    padded = [32] + word + [32]
    for n in range(MIN_N, MAX_N + 1):
        for i in range(len(padded) - n + 1):
            if padded[i:i + n] != [32]:
                yield tuple(padded[i:i + n])
    yield (1,) + tuple(padded)


def wordfreq_counts(lang):
    import wordfreq
    counts = Counter()
    for rank, w in enumerate(wordfreq.top_n_list(lang, WORDS)):
        f = wordfreq.word_frequency(w, lang)
        for ws in words(w):
            for g in ngrams(ws):
                if kind(g):
                    counts[g] += f ** DAMPING
                elif rank < WHOLE_WORDS:
                    counts[g] += f
    return counts


def cldr_counts(lang):
    from babel import Locale
    strings = []

    def walk(v):
        if isinstance(v, str):
            strings.append(v)
        elif hasattr(v, "items"):
            for x in v.values():
                walk(x)
        elif isinstance(v, (list, tuple)):
            for x in v:
                walk(x)

    walk(dict(Locale.parse(lang)._data))
    counts = Counter()
    for s in sorted(set(strings)):
        for ws in words(s):
            if any(0x0600 <= cp <= 0x06FF or 0x0750 <= cp <= 0x077F for cp in ws):
                for g in ngrams(ws):
                    counts[g] += 1
    return counts


def kind(g):
    """An n-gram's distribution: its length, or 0 for a whole word."""
    return 0 if g[0] == 1 else len(g)


def model(group, langs):
    """(classes, labels, priors, entries): entries maps an n-gram key to its log-probability in each class."""
    raw = {l: (cldr_counts(l) if l in ("ps", "sd", "ug", "ckb") else wordfreq_counts(l)) for l in langs}
    dists = {}
    for l, c in raw.items():
        total = sum(c.values())
        dists[l] = {g: v / total for g, v in c.items()}
    weight = defaultdict(float)
    for d in dists.values():
        for g, p in d.items():
            weight[g] += p
    # Whole words are all kept (they are the top WHOLE_WORDS of each list); n-grams by their weight.
    kept = sorted(g for g, w in weight.items() if kind(g) == 0 or w >= MIN_WEIGHT[group])
    entries, floors = {}, {}
    for l in langs:
        d = dists[l]
        # Smoothing within the kept n-grams, by n (n-grams of each length form one distribution).
        for n in [0] + list(range(MIN_N, MAX_N + 1)):
            grams = [g for g in kept if kind(g) == n]
            mass = sum(d.get(g, 0.0) for g in grams)
            denominator = mass + ALPHA * 1e-4 * len(grams)
            floors.setdefault(l, {})[n] = (
                WHOLE_WORD_FLOOR if n == 0 else math.log(ALPHA * 1e-4 / denominator) if grams else 0.0)
            for g in grams:
                if g in d:
                    entries.setdefault(g, {})[l] = math.log((d[g] + ALPHA * 1e-4) / denominator)
    # Feature selection, by information gain: an n-gram's probability (its mean over the classes) times how much it
    # tells of the class (log K minus the entropy of the classes given it, classes equally likely); the KEEP best.
    # A small table is a fast one: it stays in the cache.
    def gain(g):
        ps = [math.exp(entries[g].get(l, floors[l][kind(g)])) for l in langs]
        total = sum(ps)
        h = -sum(p / total * math.log(p / total) for p in ps if p > 0)
        return total / len(langs) * (math.log(len(langs)) - h)
    if len(entries) > KEEP[group]:
        chosen = set(sorted(entries, key=lambda g: (-gain(g), fnv(g)))[:KEEP[group]])
        entries = {g: v for g, v in entries.items() if g in chosen}
    labels = [l if l in ARABIC + LATIN_OUT else "other" for l in langs]
    priors = [PRIORS.get(l, OTHER_PRIOR) for l in langs]
    return langs, labels, priors, entries, floors


def weight(entries, floors, g, l):
    """The log-probability of n-gram `g` in class `l`: its own, or the class's floor for that kind of n-gram."""
    return entries[g].get(l, floors[l][kind(g)])


def encode(group, langs, labels, priors, entries, floors):
    """The model's bytes (little-endian): classes K, n-grams E; per class its code, its label (both a length byte and
    UTF-8), its log prior (Float32) and its floors for whole words and 1...MAX_N-grams (Int16 thousandths); then
    per n-gram, by key: its kind (UInt8: 0 whole word, else n), the key (UInt64), the classes it has a weight for
    (UInt8 m), and m pairs (class UInt8, weight Int16 thousandths).

    A whole word's entry holds the word itself (a length byte and UTF-8) in place of the key (warraq makes the key
    from it): warraq adds the evidence of its n-grams to its pairs when it loads the model, so that reading a word it
    knows is one look-up."""
    out = bytearray()
    out += struct.pack("<IIII", len(langs), len(entries), MIN_N, MAX_N)
    for l, label, prior in zip(langs, labels, priors):
        for s in (l, label):
            b = s.encode()
            out += struct.pack("<B", len(b)) + b
        out += struct.pack("<f", prior)
        for n in range(0, MAX_N + 1):
            out += struct.pack("<h", quantize(floors[l].get(n, 0.0)))
    keys = {}
    for g in entries:
        assert fnv(g) not in keys, "two n-grams with one key"
        keys[fnv(g)] = g
    for k in sorted(keys):
        g = keys[k]
        own = [(i, entries[g][l]) for i, l in enumerate(langs) if l in entries[g]]
        if kind(g) == 0:
            b = "".join(chr(cp) for cp in g[2:-1]).encode()
            assert len(b) < 256, "a whole word of more than 255 bytes"
            out += struct.pack("<BB", 0, len(b)) + b + struct.pack("<B", len(own))
        else:
            out += struct.pack("<BQB", kind(g), k, len(own))
        for i, w in own:
            out += struct.pack("<Bh", i, quantize(w))
    return bytes(out)


def quantize(w):
    return int(round(max(w, -32.767) * SCALE))


def main():
    groups = [("arabic", ARABIC), ("latin", LATIN_OUT + LATIN_OTHER)]
    blobs = []
    for group, langs in groups:
        langs_, labels, priors, entries, floors = model(group, langs)
        blob = encode(group, langs_, labels, priors, entries, floors)
        print(f"{group}: {len(langs_)} classes, {len(entries):,} n-grams, {len(blob):,} bytes", file=sys.stderr)
        blobs.append((group, blob))
    lines = [
        "// Generated by tools/train_language_model.py from wordfreq (CC BY-SA 4.0) and CLDR (Unicode licence) data:",
        "// do not edit; run `make language-model` to make it again. The format is in LanguageModel.swift.",
        "",
        "extension LanguageModel {",
    ]
    for group, blob in blobs:
        text = base64.b64encode(blob).decode()
        lines.append(f"    /// The {group}-script model, base64.")
        lines.append(f"    static let {group}Data = \"\"\"")
        for i in range(0, len(text), 112):
            lines.append("        " + text[i:i + 112])
        lines.append("        \"\"\"")
    lines.append("}")
    text = "\n".join(lines) + "\n"
    if "--check" in sys.argv[1:]:
        committed = OUT.read_text(encoding="utf-8") if OUT.exists() else ""
        if committed != text:
            sys.exit(f"{OUT.relative_to(ROOT)} is not what tools/train_language_model.py makes from the pinned data "
                     "(tools/requirements.txt): run `make language-model` and commit the file")
        print(f"{OUT.relative_to(ROOT)} is what the trainer makes", file=sys.stderr)
        return
    OUT.write_text(text, encoding="utf-8")
    print(f"wrote {OUT.relative_to(ROOT)} ({OUT.stat().st_size:,} bytes)", file=sys.stderr)


if __name__ == "__main__":
    main()
