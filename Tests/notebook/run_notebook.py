"""Executes a notebook headless (nbclient) from its own folder; exits non-zero if any cell fails."""
import pathlib
import sys

import nbformat
from nbclient import NotebookClient
from nbclient.exceptions import CellExecutionError

path = pathlib.Path(sys.argv[1]).resolve()
notebook = nbformat.read(path, as_version=4)
client = NotebookClient(notebook, timeout=600, kernel_name="python3", resources={"metadata": {"path": str(path.parent)}})
try:
    client.execute()
except CellExecutionError as error:
    print(f"{path.name}: a cell failed:\n{error}", file=sys.stderr)
    sys.exit(1)
cells = sum(1 for c in notebook.cells if c.cell_type == "code")
print(f"{path.name}: {cells} code cells ran without error")
