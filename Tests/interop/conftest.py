import os
import pathlib
import subprocess

import pytest

ROOT = pathlib.Path(__file__).resolve().parents[2]


@pytest.fixture(scope="session")
def warraq():
    """Runs the warraq binary (WARRAQ, else the release build) and returns the completed process."""
    binary = os.environ.get("WARRAQ", str(ROOT / ".build/release/warraq"))
    assert os.path.exists(binary), f"{binary} is missing: run `make release` first"

    def run(*args, check=True):
        result = subprocess.run([binary, *map(str, args)], capture_output=True, text=True, timeout=600)
        if check and result.returncode != 0:
            raise AssertionError(f"warraq {' '.join(map(str, args))} failed ({result.returncode}):\n{result.stderr}")
        return result

    return run


@pytest.fixture(scope="session")
def fixtures_dir():
    return ROOT / "Tests/ParquetTests/Fixtures"
