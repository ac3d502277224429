"""The notebooks in notebooks/ run headlessly through nbclient (what `jupyter execute`,
`nbconvert --execute` and `make demo` use) and show the outputs a reader expects.

Each notebook has a list of (cell index, text the cell's output must contain). Cells tagged
`raises-exception` may fail; any other error fails the test.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

import nbformat
import pytest
from nbclient import NotebookClient

sys.path.insert(0, os.path.dirname(__file__))

import kernel_support as ks  # noqa: E402

NOTEBOOKS = Path(__file__).resolve().parent.parent / "notebooks"

EXPECTED = {
    "00-language-tour.ipynb": [
        (2, "['cat', 'mat', 'on', 'sat', 'the']"),
        (3, "indices: [4, 0, 3, 2, 4, 1]"),
        (5, " the => [0, 0, 0, 0, 1]"),
        (7, "[2, 4] -> 1 (mat)"),
        (9, "<table><tr><th>word</th>"),
        (11, "NameError"),
        (12, "5"),
    ],
}


def output_text(cell: nbformat.NotebookNode) -> str:
    """Everything a cell showed, as one string (streams, MIME data, error names and values)."""
    parts = []
    for output in cell.get("outputs", []):
        parts.append(output.get("text", ""))
        parts.extend(str(value) for value in output.get("data", {}).values())
        if output.get("output_type") == "error":
            parts.append(f"{output['ename']}: {output['evalue']}")
    return "\n".join(parts)


@pytest.mark.swift_rnn_only
@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_notebook_runs_headlessly(name: str) -> None:
    if not ks.is_ours():
        pytest.skip("the notebooks are written for the swift-rnn kernel")
    notebook = nbformat.read(NOTEBOOKS / name, as_version=4)
    for cell in notebook.cells:
        if cell.cell_type == "code":  # run from scratch: the committed outputs must not count
            cell.outputs = []
            cell.execution_count = None
    NotebookClient(notebook, kernel_name=ks.KERNEL_NAME, timeout=60).execute()
    for index, expected in EXPECTED[name]:
        cell = notebook.cells[index]
        assert cell.cell_type == "code", f"{name} cell {index} is not code"
        assert expected in output_text(cell), f"{name} cell {index}: {expected!r} not in {output_text(cell)!r}"
    counts = [cell.execution_count for cell in notebook.cells if cell.cell_type == "code"]
    assert counts == list(range(1, len(counts) + 1)), counts


def test_every_notebook_has_expectations() -> None:
    """A new notebook must say what it shows, or this headless check would skip it silently."""
    assert sorted(path.name for path in NOTEBOOKS.glob("*.ipynb")) == sorted(EXPECTED)
