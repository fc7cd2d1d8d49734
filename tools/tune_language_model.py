"""A Python mirror of LanguageIdentifier over the trainer's in-memory model, for tuning without a Swift build (it
reads every word: the identifier's early stop is left out): prints accuracy per held-out set beside py3langid. The
models are cached in bench-data/ (delete the file after changing the trainer's counts; priors and gates are read
fresh)."""
import sys, math, pickle, os, collections, pathlib
ROOT = pathlib.Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / 'tools')); sys.path.insert(0, str(ROOT / 'bench'))
import train_language_model as T, language_heldout as H
cache = str(ROOT / 'bench-data/language-models.pkl')
os.makedirs(ROOT / 'bench-data', exist_ok=True)
if os.path.exists(cache):
    models = pickle.load(open(cache, 'rb'))
else:
    models = {g: T.model(g, langs) for g, langs in [("arabic", T.ARABIC), ("latin", T.LATIN_OUT + T.LATIN_OTHER)]}
    pickle.dump(models, open(cache, 'wb'))
def script(cp):
    if 0x0600 <= cp <= 0x06FF or 0x0750 <= cp <= 0x077F or 0x08A0 <= cp <= 0x08FF or 0xFB50 <= cp <= 0xFDFF or 0xFE70 <= cp <= 0xFEFF: return 'arabic'
    if 0x41 <= cp <= 0x5A or 0x61 <= cp <= 0x7A or 0xC0 <= cp <= 0x24F: return 'latin'
    if 0x0590 <= cp <= 0x05FF or 0xFB1D <= cp <= 0xFB4F: return 'hebrew'
    return 'other'
PENALTY = float(os.environ.get('PENALTY', '4'))
def classify(text, gate=True):
    ws = T.words(text)
    cnt = collections.Counter(script(cp) for w in ws for cp in w)
    total = sum(cnt.values())
    if not total: return 'other', 0
    # Arabic or Hebrew script at a quarter of the letters decides the script (UI strings and news quote Latin names).
    if cnt['hebrew'] >= 0.15 * total and cnt['hebrew'] >= cnt['arabic']: return 'he', cnt['hebrew']/total
    if cnt['arabic'] >= 0.25 * total: g = 'arabic'
    elif cnt['latin'] > 0.5 * total: g = 'latin'
    else: return 'other', 0.5
    langs, labels, priors, entries, floors = models[g]
    priors = [T.PRIORS.get(l, T.OTHER_PRIOR) for l in langs]
    scores = list(priors)
    k = 0
    for w in ws:
        if any(script(cp) != g for cp in w): continue
        for gr in T.ngrams(w):
            e = entries.get(gr)
            if e is None: continue
            k += 1
            for i, l in enumerate(langs): scores[i] += e.get(l, floors[l][T.kind(gr)])
    if g == 'arabic':
        letters = set(cp for w in ws for cp in w)
        GATES = {'ps': set(map(ord, 'ټډړږښګڼۍځڅې')), 'sd': set(map(ord, 'ڄٻڀٺٽٿڃڇڊڌڍڏڙڦڪڱڳڻ')),
                 'ug': set(map(ord, 'ېۈۇۆۋەھڭئى')), 'ckb': set(map(ord, 'ڕڵێۆەھ'))}
        # Persian and Urdu without any of their letters (Persian text typed with Arabic ي ك exists): a penalty.
        SOFT = {'fa': set(map(ord, 'پچژگکی')), 'ur': set(map(ord, 'ٹڈڑںےۓہھکیگپچ'))}
        for i, l in enumerate(langs):
            if l in SOFT and not (letters & SOFT[l]): scores[i] -= PENALTY
        for i, l in enumerate(langs):
            if l in GATES and not (letters & GATES[l]): scores[i] = -1e9
        urdu = sum(1 for w in ws for cp in w if cp in set(map(ord, 'ٹڈڑںےۓ')))
        arabic_letters = sum(1 for w in ws for cp in w if script(cp) == 'arabic')
        if urdu and urdu >= 0.02 * arabic_letters: scores[langs.index('ur')] += 5
    order = sorted(range(len(langs)), key=lambda i: -scores[i])
    best = order[0]
    return labels[best], scores
def p3(text):
    import py3langid
    l, _ = py3langid.classify(text)
    l = {'ary': 'ar', 'arz': 'ar', 'hbo': 'he'}.get(l, l)
    return l if l in ('ar','fa','ur','ps','sd','ug','ckb','en','fr','he') else 'other'
sets = H.sentences()
for (lang, src), items in sets.items():
    ours = sum(classify(s)[0] == lang for s in items) / len(items)
    theirs = sum(p3(s) == lang for s in items) / len(items)
    conf = collections.Counter(classify(s)[0] for s in items if classify(s)[0] != lang).most_common(3)
    print(f"{lang:4} {src:10} n={len(items):5} ours={ours:.3f} py3langid={theirs:.3f} confusions={conf}")
