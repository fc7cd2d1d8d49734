"""Nightly runs that cannot hurt the data: the lock, SIGKILL at random moments and at every publishing step,
disk and permission faults, an input that vanishes mid-run, and a suite of bad inputs."""
import gzip
import json
import os
import pathlib
import random
import shutil
import signal
import subprocess
import time
import zipfile

import pyarrow.parquet as pq
import pytest

ROOT = pathlib.Path(__file__).resolve().parents[2]
PIPELINE = ROOT / "pipelines/arabic-news.yaml"


@pytest.fixture(scope="module")
def binary():
    return os.environ.get("WARRAQ", str(ROOT / ".build/release/warraq"))


def start(binary, inputs, out, *extra, env=None):
    args = [binary, "run", PIPELINE, "--output", out, "--quiet", *extra]
    for i in inputs:
        args += ["--input", i]
    return subprocess.Popen([str(a) for a in args], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                            env={**os.environ, **(env or {})})


def run(binary, inputs, out, *extra, env=None, check=True):
    p = start(binary, inputs, out, *extra, env=env)
    stdout, stderr = p.communicate(timeout=600)
    if check:
        assert p.returncode == 0, stderr
    return p.returncode, stdout, stderr


def published_rows(out):
    m = json.loads((out / "_manifest.json").read_text())
    rows = set()
    for s in m["shards"]:
        t = pq.read_table(out / s["path"], columns=["id", "content_hash", "input_path", "input_record"])
        rows.update(zip(*[t.column(c).to_pylist() for c in t.column_names]))
    return rows


def verify(binary, out):
    return subprocess.run([binary, "verify", str(out)], capture_output=True, text=True)


def articles_zip(path, count, seed):
    """A zip of `count` JSON articles made from the samples (so the test needs nothing from outside the project)."""
    base = json.loads((ROOT / "samples/saudinewsnet/2015-07-23-sample.json").read_text(encoding="utf-8"))
    rng = random.Random(seed)
    items = []
    for i in range(count):
        a = dict(rng.choice(base))
        a["url"] = f"{a.get('url', '')}#{seed}-{i}"
        a["content"] = f"{a.get('content', '')} ({seed}-{i})"
        items.append(a)
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr(path.stem + ".json", json.dumps(items, ensure_ascii=False))


@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    """Inputs big enough for a run to take a while: one zip for a first version, two more for the next."""
    root = tmp_path_factory.mktemp("corpus")
    articles_zip(root / "day1.zip", 1500, 1)
    articles_zip(root / "day2.zip", 3000, 2)
    articles_zip(root / "day3.zip", 3000, 3)
    return root


def test_a_second_run_waits_or_exits_75(binary, corpus, tmp_path):
    out = tmp_path / "ds"
    first = start(binary, [corpus], out)
    time.sleep(0.3)
    code, _, stderr = run(binary, [corpus], out, check=False)
    assert code == 75 and f"pid {first.pid}" in stderr and "--wait" in stderr
    code, stdout, _ = run(binary, [corpus], out, "--wait")
    assert code == 0
    assert first.wait(timeout=600) == 0


def test_sigkill_at_random_moments_and_every_publishing_step(binary, corpus, tmp_path):
    inputs = tmp_path / "in"
    inputs.mkdir()
    shutil.copy(corpus / "day1.zip", inputs)
    baseline = tmp_path / "baseline"
    run(binary, [inputs], baseline)
    old_rows = published_rows(baseline)
    shutil.copy(corpus / "day2.zip", inputs)
    shutil.copy(corpus / "day3.zip", inputs)
    reference = tmp_path / "reference"
    shutil.copytree(baseline, reference)
    began = time.monotonic()
    run(binary, [inputs], reference)
    duration = time.monotonic() - began
    new_rows = published_rows(reference)
    assert len(new_rows) > len(old_rows)

    rng = random.Random(20261123)
    trials = [("delay", rng.uniform(0.02, duration * 1.05)) for _ in range(20)]
    trials += [("point", p) for p in ["staged", "version-written", "shard-moved", "shards-moved", "manifest-renamed", "pruned"]]
    outcomes = {"previous": 0, "new": 0}
    for n, (kind, when) in enumerate(trials):
        out = tmp_path / f"t{n}"
        shutil.copytree(baseline, out)
        if kind == "delay":
            p = start(binary, [inputs], out)
            time.sleep(when)
            p.send_signal(signal.SIGKILL)
            p.communicate()
        else:
            p = start(binary, [inputs], out, env={"WARRAQ_CRASH_AT": when})
            p.communicate()
            assert p.returncode == -signal.SIGKILL, f"{when}: the crash point was not reached"
        result = verify(binary, out)
        assert result.returncode == 0, f"trial {n} ({kind} {when}): verify failed:\n{result.stderr}"
        rows = published_rows(out)
        assert rows in (old_rows, new_rows), f"trial {n} ({kind} {when}): neither the previous nor the new version"
        outcomes["new" if rows == new_rows else "previous"] += 1
        run(binary, [inputs], out)
        assert published_rows(out) == new_rows, f"trial {n}: the next run did not complete the data"
        assert not (out / "_staging").exists()
        assert verify(binary, out).returncode == 0
    assert outcomes["previous"] > 0 and outcomes["new"] > 0, outcomes


def test_a_full_disk_fails_cleanly(binary, corpus, tmp_path):
    out = tmp_path / "ds"
    inputs = tmp_path / "in"
    inputs.mkdir()
    shutil.copy(corpus / "day1.zip", inputs)
    run(binary, [inputs], out)
    before = (out / "_manifest.json").read_text()
    shutil.copy(corpus / "day2.zip", inputs)
    import resource

    def small_files():  # every file the run writes may hold at most 64 KiB, as on a nearly full disk
        resource.setrlimit(resource.RLIMIT_FSIZE, (64 << 10, 64 << 10))

    p = subprocess.run([binary, "run", str(PIPELINE), "--input", str(inputs), "--output", str(out), "--quiet"],
                       capture_output=True, text=True, preexec_fn=small_files)
    assert p.returncode == 1 and "warraq: error:" in p.stderr and "free space" in p.stderr, p.stderr
    assert (out / "_manifest.json").read_text() == before
    assert verify(binary, out).returncode == 0
    assert not (out / "_staging").exists()


def as_other_user():
    """Runs the command as `nobody` when the tests run as root (root ignores file permissions)."""
    if os.geteuid() != 0:
        return []
    return ["setpriv", "--reuid=65534", "--regid=65534", "--clear-groups"]


def test_a_read_only_output_folder_fails_cleanly(binary, tmp_path):
    shared = pathlib.Path(f"/tmp/warraq-ro-{os.getpid()}")
    shutil.rmtree(shared, ignore_errors=True)
    shared.mkdir(mode=0o755)
    try:
        inputs = shared / "in"
        inputs.mkdir()
        shutil.copy(ROOT / "samples/saudinewsnet/2015-08-01-sample.jsonl", inputs)
        out = shared / "ds"
        run(binary, [inputs], out)
        for p in [shared, inputs, *inputs.iterdir()]:
            p.chmod(0o755 if p.is_dir() else 0o644)
        for p in [out, *out.rglob("*")]:
            p.chmod(0o555 if p.is_dir() else 0o444)
        shutil.copy(ROOT / "samples/saudinewsnet/2015-07-23-sample.json", inputs)
        (inputs / "2015-07-23-sample.json").chmod(0o644)
        before = (out / "_manifest.json").read_text()
        p = subprocess.run(as_other_user() + [binary, "run", str(PIPELINE), "--input", str(inputs), "--output", str(out), "--quiet"],
                           capture_output=True, text=True)
        assert p.returncode == 1, p.stderr
        assert "writable" in p.stderr or "Permission denied" in p.stderr, p.stderr
        assert (out / "_manifest.json").read_text() == before
    finally:
        for p in [shared, *shared.rglob("*")]:
            if p.is_dir():
                p.chmod(0o755)
        shutil.rmtree(shared, ignore_errors=True)


def test_an_input_that_vanishes_mid_run_fails_cleanly(binary, corpus, tmp_path):
    inputs = tmp_path / "in"
    inputs.mkdir()
    shutil.copy(corpus / "day1.zip", inputs)
    out = tmp_path / "ds"
    run(binary, [inputs], out)
    before = (out / "_manifest.json").read_text()
    shutil.copy(corpus / "day2.zip", inputs / "day2.zip")
    p = start(binary, [inputs], out, env={"WARRAQ_PAUSE_AT": "listed:1500"})
    time.sleep(0.5)
    (inputs / "day2.zip").unlink()
    _, stderr = p.communicate(timeout=600)
    assert p.returncode == 1 and "disappeared" in stderr and "day2.zip" in stderr, stderr
    assert (out / "_manifest.json").read_text() == before
    assert verify(binary, out).returncode == 0


def make_bad_inputs(folder):
    """At least 25 kinds of bad input; returns their names."""
    good = {"title": "عنوان", "content": "نص الخبر العربي", "source": "okaz", "date": "2015-07-23"}
    line = json.dumps(good, ensure_ascii=False)
    kinds = {}

    def put(name, data):
        (folder / name).write_bytes(data if isinstance(data, bytes) else data.encode("utf-8"))
        kinds[name] = True

    put("01-invalid-utf8.jsonl", line.encode() + b"\n" + b'{"content": "\xc3\x28\xa0\xa1 ok"}\n')
    put("02-mixed-encodings.jsonl", line.encode() + b"\n" + json.dumps(good, ensure_ascii=False).encode("cp1256") + b"\n")
    data = gzip.compress(((line + "\n") * 2000).encode())
    put("03-truncated.jsonl.gz", data[: len(data) // 2])
    zbuf = folder / "04-truncated.zip"
    with zipfile.ZipFile(zbuf, "w") as z:
        z.writestr("a.jsonl", (line + "\n") * 50)
    put("04-truncated.zip", zbuf.read_bytes()[:-30])
    with zipfile.ZipFile(folder / "05-zip-slip.zip", "w") as z:
        z.writestr("../../escaped.jsonl", line + "\n")
        z.writestr("/abs/escaped2.jsonl", line + "\n")
    kinds["05-zip-slip.zip"] = True
    with zipfile.ZipFile(folder / "06-zip-bomb.zip", "w", zipfile.ZIP_DEFLATED) as z:
        with z.open("bomb.jsonl", "w") as f:
            chunk = b"\0" * (1 << 20)
            for _ in range(1024):
                f.write(chunk)
    kinds["06-zip-bomb.zip"] = True
    with open(folder / "07-one-500mb-line.jsonl", "wb") as f:
        f.write(b'{"content": "')
        block = "ن".encode() * (1 << 19)
        for _ in range(500):
            f.write(block)
        f.write(b'"}\n')
        f.write(line.encode() + b"\n")
    kinds["07-one-500mb-line.jsonl"] = True
    put("08-nul-bytes.txt", b"\x00\x01binary\x00" * 100)
    put("09-nul-in-json.jsonl", b'{"content": "a\x00b \xd9\x86\xd8\xb5"}\n')
    put("10-wrong-types.jsonl", '{"content": 42, "title": {"x": 1}, "date": [1,2]}\n{"content": ["a", "b"], "source": 7}\n[1, 2]\n"just a string"\n')
    put("11-deep-nesting.jsonl", "[" * 100000 + "]" * 100000 + "\n" + '{"a":' * 50000 + "1" + "}" * 50000 + "\n")
    put("12-unbalanced-quotes.csv", 'title,content\n"open,never closed\nmore\n')
    put("13-field-count.csv", "title,content\na,b,c\nd\n" + "e,f\n")
    put("14-empty.json", b"")
    put("15-only-header.csv", "title,content\n")
    put("16-truncated-array.json", "[" + line + ", {\"title\": ")
    put("17-top-level-scalar.json", "42")
    put("18-utf16-without-bom.txt", "نص بلا علامة".encode("utf-16-le"))
    noise = random.Random(19)  # seeded, so that a failure repeats
    put("19-garbage.jsonl.gz", gzip.compress(noise.randbytes(5000)))
    put("20-corrupt.parquet", b"PAR1" + noise.randbytes(2000) + b"PAR1")
    # Line separators inside strings: rejects and dataset files must stay one record a line for any reader.
    put("34-line-separators.jsonl", '{"content": "سطر\u0085ثان\u2028ثالث\u2029رابع"}\n{"bad": \u0085\n'.encode())
    with zipfile.ZipFile(folder / "21-nested.zip", "w") as z:
        z.writestr("inner.zip", (folder / "05-zip-slip.zip").read_bytes())
    kinds["21-nested.zip"] = True
    sources = {"22-slash": "a/b/../../../etc", "23-dotdot": "..", "24-nul": "a\u0000b", "25-long": "س" * 10000,
               "26-percent": "%2F..%2F", "27-hive-null": "__HIVE_DEFAULT_PARTITION__"}
    for name, source in sources.items():
        put(f"{name}-source.jsonl", json.dumps({**good, "source": source}, ensure_ascii=False) + "\n")
    (folder / "28-dir.json").mkdir()
    (folder / "28-dir.json" / "inside.jsonl").write_text(line + "\n", encoding="utf-8")
    kinds["28-dir.json"] = True
    os.symlink(folder, folder / "29-symlink-loop")
    kinds["29-symlink-loop"] = True
    os.symlink(folder / "does-not-exist", folder / "30-broken-link.jsonl")
    kinds["30-broken-link.jsonl"] = True
    put("31-unreadable.jsonl", line + "\n")
    (folder / "31-unreadable.jsonl").chmod(0)
    put("32-bom-crlf.jsonl", b"\xef\xbb\xbf" + (line + "\r\n").encode() * 3)
    put("33-huge-field-names.jsonl", json.dumps({("k" * 100000): 1, "content": "نص"}) + "\n")
    return kinds


def test_bad_input_suite(binary, tmp_path):
    inputs = tmp_path / "bad"
    inputs.mkdir()
    kinds = make_bad_inputs(inputs)
    assert len(kinds) >= 25
    before = sorted(str(p) for p in tmp_path.rglob("*") if "out" not in p.parts)
    out = tmp_path / "out"
    code, stdout, stderr = run(binary, [inputs], out, check=False)
    assert code == 0, stderr
    m = json.loads((out / "_manifest.json").read_text())
    c = m["counts"]
    assert c["records_in"] == c["rows_written"] + sum(c["dropped"].values()) + sum(c["rejected"].values())
    assert c["rejected"].get("decompression_bomb") == 1
    assert c["rejected"].get("record_too_large") == 1
    # Nothing was written outside the output folder, and every shard is inside it.
    after = sorted(str(p) for p in tmp_path.rglob("*") if "out" not in p.parts)
    assert after == before
    assert not list(tmp_path.rglob("escaped*.jsonl"))
    for s in m["shards"]:
        path = (out / s["path"]).resolve()
        assert str(path).startswith(str(out.resolve()) + "/") and path.exists()
        assert all(len(part.encode()) < 255 for part in pathlib.Path(s["path"]).parts)
    # Every input file is in the manifest's inputs or named in the rejects.
    rejects = []
    for r in m["rejects"]:
        rejects += [json.loads(line) for line in (out / r).read_text(encoding="utf-8").splitlines()]
    named = {r["input_path"] for r in rejects} | {i["path"] for i in m["inputs"]}
    for name in kinds:
        assert any(name in n for n in named), f"{name} is neither read nor rejected"
    assert verify(binary, out).returncode == 0
    (inputs / "07-one-500mb-line.jsonl").unlink()  # do not keep half a gigabyte in pytest's temporary folders
