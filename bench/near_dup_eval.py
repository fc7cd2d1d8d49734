"""Precision and recall of a dataset's near-duplicate links against exact Jaccard similarity, computed from the shards
alone (pyarrow), not by warraq.

Shingles are warraq's (`MinHash` in Sources/Warraq/Text/MinHash.swift): the words of `text_normalized` between ASCII
white space, `shingle` at a time; a text of fewer words has one shingle, all of them. Rows are taken in the dataset's
order (the manifest's inputs, then the record number).

- truth: rows without `duplicate_of` that have an earlier row at Jaccard >= 0.8 (all pairs, found exactly by prefix
  filtering: two sets at Jaccard >= t share a shingle among the first |s| - ceil(t |s|) + 1 of each, in one global
  order of the shingles);
- recall: the share of truth rows that have `near_duplicate_of`;
- precision: the share of links whose pair is truly at Jaccard >= 0.7 (and the share >= the threshold, 0.8).

Usage: near_dup_eval.py DATASET [--shingle 5] [--json]"""
import argparse
import collections
import json
import math
import pathlib
import re

import pyarrow.parquet as pq

SPACE = re.compile(r"[ \t\n\x0b\x0c\r]+")


def shingles(text, n):
    words = [w for w in SPACE.split(text) if w]
    if not words:
        return frozenset()
    n = min(n, len(words))
    return frozenset(" ".join(words[i:i + n]) for i in range(len(words) - n + 1))


def jaccard(a, b):
    if not a and not b:
        return 1.0
    common = len(a & b)
    return common / (len(a) + len(b) - common)


def load(dataset):
    dataset = pathlib.Path(dataset)
    manifest = json.loads((dataset / "_manifest.json").read_text())
    order = {i["path"]: k for k, i in enumerate(manifest["inputs"])}
    rows = []
    for shard in manifest["shards"]:
        table = pq.read_table(dataset / shard["path"], columns=[
            "id", "text_normalized", "duplicate_of", "near_duplicate_of", "near_duplicate_similarity",
            "input_path", "input_record"])
        source = shard["partition"].get("source")
        rows.extend(dict(r, source=source) for r in table.to_pylist())
    rows.sort(key=lambda r: (order.get(r["input_path"], len(order)), r["input_path"], r["input_record"] or 0))
    return manifest, rows


def earlier_twins(sets, threshold):
    """For each row, whether an earlier row has Jaccard >= threshold with it (prefix filtering, exact)."""
    frequency = collections.Counter(s for shingle_set in sets for s in shingle_set)
    rank = {s: (f, s) for s, f in frequency.items()}
    index = collections.defaultdict(list)
    twin = [False] * len(sets)
    for i, s in enumerate(sets):
        if not s:
            continue
        ordered = sorted(s, key=rank.__getitem__)
        prefix = ordered[:len(s) - math.ceil(threshold * len(s)) + 1]
        seen = set()
        for token in prefix:
            for j in index[token]:
                if j in seen:
                    continue
                seen.add(j)
                if jaccard(s, sets[j]) >= threshold:
                    twin[i] = True
                    break
            if twin[i]:
                break
        for token in prefix:
            index[token].append(i)
    return twin


def evaluate(dataset, shingle=5, threshold=0.8):
    manifest, rows = load(dataset)
    sets = [shingles(r["text_normalized"] or "", shingle) for r in rows]
    position = {r["id"]: k for k, r in enumerate(rows)}
    twin = earlier_twins(sets, threshold)
    truth = [i for i, r in enumerate(rows) if twin[i] and r["duplicate_of"] is None]
    linked = [i for i, r in enumerate(rows) if r["near_duplicate_of"] is not None]
    found = sum(1 for i in truth if rows[i]["near_duplicate_of"] is not None)
    true_07 = true_08 = 0
    for i in linked:
        j = position.get(rows[i]["near_duplicate_of"])
        if j is None:
            continue
        similarity = jaccard(sets[i], sets[j])
        true_07 += similarity >= 0.7
        true_08 += similarity >= threshold
    per_source = collections.Counter(rows[i]["source"] for i in linked)
    return {
        "rows": len(rows),
        "exact_duplicates": sum(1 for r in rows if r["duplicate_of"] is not None),
        "near_duplicates": len(linked),
        "truth_rows": len(truth),
        "recall": found / len(truth) if truth else 1.0,
        "precision_07": true_07 / len(linked) if linked else 1.0,
        "precision_08": true_08 / len(linked) if linked else 1.0,
        "per_source": dict(per_source.most_common()),
    }


if __name__ == "__main__":
    parser = argparse.ArgumentParser()
    parser.add_argument("dataset")
    parser.add_argument("--shingle", type=int, default=5)
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    result = evaluate(args.dataset, args.shingle)
    if args.json:
        print(json.dumps(result))
    else:
        print(f"rows {result['rows']}, exact duplicates {result['exact_duplicates']}, "
              f"near-duplicates {result['near_duplicates']}, rows with an earlier twin at >= 0.8 "
              f"{result['truth_rows']}")
        print(f"recall {result['recall']:.4f}, precision (>= 0.7) {result['precision_07']:.4f}, "
              f"(>= 0.8) {result['precision_08']:.4f}")
