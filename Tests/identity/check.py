#!/usr/bin/env python3
"""The byte-identity check: what warraq writes, compared with what it wrote when the digests were recorded.

Runs the release warraq over samples/ (as `make pipeline` does), over Tests/identity/hostile/ (one input of each
kind of reject), over generated inputs for nearly every other reject reason (make_rejects.py, with
Tests/identity/rejects.yaml) and, where this workplace has it, over
../shared/corpus/saudinewsnet/, and compares a digest of every file of each dataset with the recorded one in
Tests/identity/*.sha256: shards and rejects byte for byte, manifests with the run's times and id taken out.
A change meant to alter the output records new digests with `make identity-update`; say why in the commit.

usage: check.py WARRAQ [--update]
"""
import hashlib
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
CORPUS = os.environ.get("WARRAQ_CORPUS", "../shared/corpus/saudinewsnet")
# The run's own values: when it ran, its id (also in the rejects file's name) and the process that ran it.
RUN_KEYS = {"started_at", "finished_at", "id"}


def normalized_manifest(data: bytes, run_id: str) -> bytes:
    manifest = json.loads(data)

    def scrub(value, key=None, parent=None):
        if isinstance(value, dict):
            return {k: scrub(v, k, key) for k, v in value.items()}
        if isinstance(value, list):
            return [scrub(v, None, key) for v in value]
        if isinstance(value, str):
            if parent == "run" and key in RUN_KEYS:
                return "<run>"
            return value.replace(run_id, "<run>")
        return value

    return json.dumps(scrub(manifest), sort_keys=True, ensure_ascii=False).encode()


def digests(dataset: str) -> list[str]:
    with open(os.path.join(dataset, "_manifest.json"), "rb") as f:
        run_id = json.load(f)["run"]["id"]
    lines = []
    for folder, dirs, files in os.walk(dataset):
        dirs.sort()
        for name in sorted(files):
            path = os.path.join(folder, name)
            relative = os.path.relpath(path, dataset)
            if name == ".warraq.lock":
                continue
            with open(path, "rb") as f:
                data = f.read()
            if relative == "_manifest.json" or relative.startswith("_manifests/"):
                data = normalized_manifest(data, run_id)
            lines.append(f"{hashlib.sha256(data).hexdigest()}  {relative.replace(run_id, '<run>')}")
    return lines


def run(warraq: str, inputs: str, out: str, pipeline: str) -> None:
    subprocess.run([warraq, "run", pipeline, "--input", inputs, "--output", out, "--quiet",
                    "--workers", "2"], cwd=ROOT, check=True, stdout=subprocess.DEVNULL)


def main() -> int:
    if len(sys.argv) < 2:
        print(__doc__, file=sys.stderr)
        return 2
    warraq = os.path.abspath(sys.argv[1])
    update = "--update" in sys.argv[2:]
    default = "pipelines/arabic-news.yaml"
    # The rejects case's inputs are generated (a fixed relative path, so that the manifest names them alike).
    generated = "out/identity-inputs/rejects"
    shutil.rmtree(os.path.join(ROOT, generated), ignore_errors=True)
    subprocess.run([sys.executable, os.path.join(HERE, "make_rejects.py"), os.path.join(ROOT, generated)], check=True)
    cases = [("samples", "samples", default), ("hostile", "Tests/identity/hostile", default),
             ("rejects", generated, "Tests/identity/rejects.yaml")]
    if os.path.isdir(os.path.join(ROOT, CORPUS)):
        cases.append(("corpus", CORPUS, default))
    else:
        print(f"identity: {CORPUS} is not here; checking samples/, Tests/identity/hostile/ and the generated rejects only")
    failed = False
    with tempfile.TemporaryDirectory() as tmp:
        for name, inputs, pipeline in cases:
            out = os.path.join(tmp, name)
            run(warraq, inputs, out, pipeline)
            got = digests(out)
            expected_path = os.path.join(HERE, f"{name}.sha256")
            if update:
                with open(expected_path, "w") as f:
                    f.write("\n".join(got) + "\n")
                print(f"identity: recorded {len(got)} digests in {os.path.relpath(expected_path, ROOT)}")
                continue
            with open(expected_path) as f:
                expected = f.read().split("\n")[:-1]
            if got == expected:
                print(f"identity: {name}: {len(got)} files byte-identical to the recorded run")
                continue
            failed = True
            print(f"identity: {name}: the output differs from the recorded run "
                  f"({os.path.relpath(expected_path, ROOT)}):")
            for line in sorted(set(expected) - set(got)):
                print(f"  - {line}")
            for line in sorted(set(got) - set(expected)):
                print(f"  + {line}")
            shutil.copytree(out, os.path.join(ROOT, "out", f"identity-{name}"), dirs_exist_ok=True)
            print(f"  the new dataset is in out/identity-{name}/. If the change is meant, run `make identity-update` "
                  "and say why in the commit.")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
