"""datatrove's MinHash deduplication (its default MinhashConfig: 5-grams, 14 buckets x 8 hashes; Arabic word
tokenizer) over a JSON-lines file of {"id", "text"}: its four stages (signatures, buckets, clusters, filter) with the
local executor, 2 tasks where a stage can use them. Prints one JSON object: how many documents it removes as
near-duplicates, the ids, and the seconds. Runs in the bench's own environment (.venv-bench, `make bench-venv`).

Usage: datatrove_minhash.py ARTICLES.jsonl WORKDIR"""
import json
import pathlib
import shutil
import sys
import time

from datatrove.executor.local import LocalPipelineExecutor
from datatrove.pipeline.dedup import MinhashDedupSignature
from datatrove.pipeline.dedup.minhash import (MinhashConfig, MinhashDedupBuckets, MinhashDedupCluster,
                                               MinhashDedupFilter)
from datatrove.pipeline.readers import JsonlReader
from datatrove.pipeline.writers.jsonl import JsonlWriter
from datatrove.utils.typeshelper import Languages


def main(articles, work):
    work = pathlib.Path(work)
    shutil.rmtree(work, ignore_errors=True)
    folder, name = str(pathlib.Path(articles).parent), pathlib.Path(articles).name
    config = MinhashConfig()

    def reader():
        return JsonlReader(folder, glob_pattern=name, id_key="id", text_key="text")

    stages = [
        LocalPipelineExecutor(pipeline=[
            reader(),
            MinhashDedupSignature(output_folder=str(work / "signatures"), config=config, language=Languages.arabic),
        ], tasks=1, logging_dir=str(work / "logs/1")),
        LocalPipelineExecutor(pipeline=[
            MinhashDedupBuckets(input_folder=str(work / "signatures"), output_folder=str(work / "buckets"),
                                config=config),
        ], tasks=config.num_buckets, workers=2, logging_dir=str(work / "logs/2")),
        LocalPipelineExecutor(pipeline=[
            MinhashDedupCluster(input_folder=str(work / "buckets"), output_folder=str(work / "clusters"),
                                config=config),
        ], tasks=1, logging_dir=str(work / "logs/3")),
        LocalPipelineExecutor(pipeline=[
            reader(),
            MinhashDedupFilter(input_folder=str(work / "clusters"),
                               exclusion_writer=JsonlWriter(str(work / "removed"), compression=None)),
        ], tasks=1, logging_dir=str(work / "logs/4")),
    ]
    start = time.perf_counter()
    for stage in stages:
        stage.run()
    seconds = time.perf_counter() - start
    removed = []
    for f in sorted((work / "removed").glob("*.jsonl")):
        removed += [json.loads(line)["id"] for line in f.read_text().splitlines() if line]
    print(json.dumps({"removed": len(removed), "ids": removed, "seconds": seconds}))


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
