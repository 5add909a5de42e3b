#!/usr/bin/python3
"""Executes Jupyter notebooks headless (Python 3 kernel) and fails on the first cell error.

Usage: /usr/bin/python3 eng/run-notebook.py NOTEBOOK.ipynb [...] [--out DIR]
Each notebook runs with its own folder as the working directory; with --out, the executed copy (outputs included) is
written there (the committed notebook keeps its outputs cleared). Needs Debian's python3-nbclient, python3-ipykernel
(and whatever the notebook imports) for /usr/bin/python3.
"""
import os
import sys
import time
from pathlib import Path

import nbformat
from nbclient import NotebookClient
from nbclient.exceptions import CellExecutionError

os.environ.setdefault("PYDEVD_DISABLE_FILE_VALIDATION", "1")
args = sys.argv[1:]
out = None
if "--out" in args:
    i = args.index("--out")
    out = Path(args[i + 1])
    del args[i:i + 2]
if not args:
    sys.exit(__doc__)
failed = 0
for path in map(Path, args):
    nb = nbformat.read(path, as_version=4)
    dirty = [i for i, c in enumerate(nb.cells) if c.cell_type == "code" and (c.outputs or c.execution_count)]
    if dirty:
        print(f"FAIL {path}: committed with outputs in cells {dirty} (clear them before committing)")
        failed = 1
        continue
    start = time.time()
    client = NotebookClient(nb, timeout=900, kernel_name="python3", resources={"metadata": {"path": str(path.parent.resolve())}})
    try:
        client.execute()
    except CellExecutionError as e:
        print(f"FAIL {path}: {str(e)[:3000]}")
        failed = 1
    else:
        cells = sum(1 for c in nb.cells if c.cell_type == "code")
        images = sum(1 for c in nb.cells if c.cell_type == "code" for o in c.outputs if "image/png" in o.get("data", {}))
        print(f"ok   {path}: {cells} code cells, {images} figures, {time.time() - start:.1f}s")
    if out is not None:
        out.mkdir(parents=True, exist_ok=True)
        nbformat.write(nb, out / path.name)
sys.exit(failed)
