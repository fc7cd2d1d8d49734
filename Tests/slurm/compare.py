"""Compare two warraq datasets value for value: per partition folder, the rows of its shards in manifest order."""
import json, sys, pyarrow.parquet as pq, os
def rows(d):
    m = json.load(open(os.path.join(d, "_manifest.json")))
    parts = {}
    for s in m["shards"]:
        folder = os.path.dirname(s["path"])
        t = pq.read_table(os.path.join(d, s["path"]))
        parts.setdefault(folder, []).extend(t.to_pylist())
    return m, parts
ma, a = rows(sys.argv[1]); mb, b = rows(sys.argv[2])
ok = True
if set(a) != set(b): print("partitions differ", set(a) ^ set(b)); ok = False
for k in sorted(set(a) & set(b)):
    if a[k] != b[k]:
        ok = False
        print("partition", k, "differs:", len(a[k]), len(b[k]))
        for i, (x, y) in enumerate(zip(a[k], b[k])):
            if x != y:
                print(" row", i, {c: (x[c], y.get(c)) for c in x if x[c] != y.get(c)}); break
for key in ["counts", "schema"]:
    if ma[key] != mb[key]: ok = False; print(key, "differs:", ma[key], mb[key])
ia = [(i["path"], i["sha256"], i.get("counts")) for i in ma["inputs"]]; ib = [(i["path"], i["sha256"], i.get("counts")) for i in mb["inputs"]]
if ia != ib: ok = False; print("inputs differ"); [print(" ", x, "\n  ", y) for x, y in zip(ia, ib) if x != y]
na = ma.get("near_index") or {}; nb = mb.get("near_index") or {}
print("near segments", [(s["rows"], s["sha256"][:12]) for s in na.get("segments", [])], [(s["rows"], s["sha256"][:12]) for s in nb.get("segments", [])])
n = sum(len(v) for v in a.values())
print("rows", n, sum(len(v) for v in b.values()), "shards", len(ma["shards"]), len(mb["shards"]), "EQUAL" if ok else "DIFFERENT")
sys.exit(0 if ok else 1)
