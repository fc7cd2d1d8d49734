"""Runs a command and measures its wall time and peak resident memory (from the kernel's rusage of that child)."""
import os
import subprocess
import time


def run_measured(cmd):
    start = time.perf_counter()
    proc = subprocess.Popen([str(c) for c in cmd], stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    _, status, usage = os.wait4(proc.pid, 0)
    seconds = time.perf_counter() - start
    out, err = proc.stdout.read().decode(), proc.stderr.read().decode()
    if os.waitstatus_to_exitcode(status) != 0:
        raise SystemExit(f"{cmd[0]} failed:\n{err}")
    return seconds, usage.ru_maxrss / 1024, out
