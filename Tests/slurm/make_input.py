"""Writes the sharded-run tests' extra input: the JSON lines sample's articles three times over (exact copies under
other urls, and near copies with a credit line changed), so that duplicates cross every task boundary, in one file
large enough to be cut into pieces."""
import json, pathlib, sys
root = pathlib.Path(__file__).resolve().parents[2]
base = [json.loads(l) for l in open(root / "samples/saudinewsnet/2015-08-01-sample.jsonl", encoding="utf-8") if l.strip()]
out = pathlib.Path(sys.argv[1])
out.parent.mkdir(parents=True, exist_ok=True)
with open(out, "w", encoding="utf-8") as f:
    for copy in range(40):
        for a in base:
            a = dict(a)
            a["url"] = (a.get("url") or "") + f"#copy{copy}"
            if copy % 2:
                a["content"] = f"وكالات - {copy}\n" + (a.get("content") or "")
            f.write(json.dumps(a, ensure_ascii=False) + "\n")
