"""Runs a command and measures its wall time and peak resident memory.

The peak is GNU time's (`/usr/bin/time -f %M`, Debian's `time`, which `make deps` installs): the kernel's rusage of
a child forked from this Python process counts this process's own memory, which the child holds until it execs (a
bench that has read a dataset would report that as warraq's)."""
import pathlib
import shutil
import subprocess
import tempfile
import time

GNU_TIME = pathlib.Path("/usr/bin/time")


def run_measured(cmd, cpu=False):
    """(wall seconds, peak RSS in MB, standard output), and with `cpu` the user + system seconds after them."""
    if not GNU_TIME.exists():
        raise SystemExit("/usr/bin/time is missing: `make deps` installs Debian's time package")
    with tempfile.NamedTemporaryFile("r", suffix=".rss") as rss:
        start = time.perf_counter()
        proc = subprocess.run([str(GNU_TIME), "-f", "%U %S %M", "-o", rss.name, *map(str, cmd)], capture_output=True)
        seconds = time.perf_counter() - start
        if proc.returncode != 0:
            raise SystemExit(f"{cmd[0]} failed:\n{proc.stderr.decode()}")
        user, system, peak_kb = pathlib.Path(rss.name).read_text().split()[-3:]
    result = (seconds, int(peak_kb) / 1024, proc.stdout.decode())
    return result + (float(user) + float(system),) if cpu else result


def parquet_bytes(folder):
    """The bytes of the Parquet files under `folder`."""
    return sum(p.stat().st_size for p in pathlib.Path(folder).rglob("*.parquet"))


def run_pipeline(warraq, pipeline, inputs, out):
    """`warraq run pipeline` over `inputs` into a fresh `out`: (wall seconds, peak RSS in MB)."""
    shutil.rmtree(out, ignore_errors=True)
    args = [warraq, "run", pipeline, "--output", out, "--quiet"]
    for i in inputs:
        args += ["--input", i]
    seconds, peak, _ = run_measured(args)
    return seconds, peak
