"""ndarrays shown in a notebook carry two MIME types through the real protocol: `text/plain`
(NumPy's repr, identical to real NumPy's for the same values) and `text/html` (a shape/dtype
header and a table for 1-D/2-D arrays, summarised like NumPy above 1000 elements).
"""

from __future__ import annotations

import os
import sys
from html.parser import HTMLParser
from typing import Any

import numpy as np
import pytest

sys.path.insert(0, os.path.dirname(__file__))

import kernel_support as ks  # noqa: E402

pytestmark = pytest.mark.swift_rnn_only


class TableReader(HTMLParser):
    """Collects the header text, the table cells row by row, and checks that tags balance."""

    VOID = {"br", "img", "hr", "meta", "link", "input"}

    def __init__(self) -> None:
        super().__init__()
        self.open: list[str] = []
        self.rows: list[list[str]] = []
        self.text: list[str] = []
        self.in_cell = False

    def handle_starttag(self, tag: str, attrs: Any) -> None:
        if tag not in self.VOID:
            self.open.append(tag)
        if tag == "tr":
            self.rows.append([])
        if tag in ("td", "th"):
            self.in_cell = True
            self.rows[-1].append("")

    def handle_endtag(self, tag: str) -> None:
        assert self.open and self.open[-1] == tag, f"</{tag}> closes {self.open[-1:]}"
        self.open.pop()
        if tag in ("td", "th"):
            self.in_cell = False

    def handle_data(self, data: str) -> None:
        self.text.append(data)
        if self.in_cell:
            self.rows[-1][-1] += data


def read_html(html: str) -> TableReader:
    reader = TableReader()
    reader.feed(html)
    reader.close()
    assert reader.open == [], f"unclosed tags: {reader.open}"
    return reader


def result_bundle(kc: Any, code: str) -> dict[str, str]:
    ex = ks.execute_ok(kc, code)
    results = ex.outputs("execute_result")
    assert len(results) == 1, ex.msg_types()
    return results[0]["content"]["data"]


def test_execute_result_has_plain_numpy_repr_and_an_html_table(kc: Any) -> None:
    data = result_bundle(kc, "import numpy as np\na = np.arange(6).reshape(2, 3) * 10\na")
    assert set(data) == {"text/plain", "text/html"}
    reference = np.arange(6).reshape(2, 3) * 10
    assert data["text/plain"] == repr(reference)
    reader = read_html(data["text/html"])
    assert "shape (2, 3) · dtype int64" in "".join(reader.text)
    header, *rows = reader.rows
    assert header == ["", "0", "1", "2"]
    assert rows == [[str(i)] + [str(x) for x in row] for i, row in enumerate(reference)]


def test_float_cells_match_numpy_scalar_str(kc: Any) -> None:
    data = result_bundle(kc, "import numpy as np\nnp.random.seed(0)\nnp.random.randn(2, 3)")
    np.random.seed(0)
    reference = np.random.randn(2, 3).astype(np.float32)
    assert data["text/plain"] == repr(reference)
    rows = read_html(data["text/html"]).rows[1:]
    assert [row[1:] for row in rows] == [[str(x) for x in row] for row in reference]


def test_display_sends_both_mime_types(kc: Any) -> None:
    ex = ks.execute_ok(kc, "import numpy as np\nfrom IPython.display import display\ndisplay(np.ones(3))")
    displays = ex.outputs("display_data")
    assert len(displays) == 1
    data = displays[0]["content"]["data"]
    assert data["text/plain"] == repr(np.ones(3, dtype=np.float32))
    assert read_html(data["text/html"]).rows == [["0", "1", "2"], ["1.0", "1.0", "1.0"]]


def test_big_arrays_are_summarised_and_small(kc: Any) -> None:
    data = result_bundle(kc, "import numpy as np\nnp.arange(1_000_000).reshape(1000, 1000)")
    reference = np.arange(1_000_000).reshape(1000, 1000)
    assert data["text/plain"] == repr(reference)  # NumPy's own summary with '...'
    assert len(data["text/html"]) < 5_000
    reader = read_html(data["text/html"])
    assert reader.rows[0] == ["", "0", "1", "2", "…", "997", "998", "999"]
    assert reader.rows[1] == ["0", "0", "1", "2", "…", "997", "998", "999"]
    assert reader.rows[4] == ["⋮", "⋮", "⋮", "⋮", "⋱", "⋮", "⋮", "⋮"]
    assert reader.rows[-1] == ["999", "999000", "999001", "999002", "…", "999997", "999998", "999999"]


def test_three_dimensional_arrays_show_numpy_str(kc: Any) -> None:
    data = result_bundle(kc, "import numpy as np\nnp.zeros((3, 2, 10))")
    reader = read_html(data["text/html"])
    assert reader.rows == []
    text = "".join(reader.text)
    assert "shape (3, 2, 10) · dtype float32" in text
    assert str(np.zeros((3, 2, 10), dtype=np.float32)) in text
