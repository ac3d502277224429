"""Figures through a real Jupyter client: matplotlib.pyplot cells produce `display_data` with
`image/svg+xml` (valid, self-contained SVG) and a `text/plain` summary, shown by `plt.show()`
or automatically when a cell ends (the inline backend's rule), and kept by exported notebooks.
"""

from __future__ import annotations

import base64
import os
import re
import struct
import sys
import zlib
import xml.etree.ElementTree as ET

import nbformat
import pytest
from nbclient import NotebookClient

sys.path.insert(0, os.path.dirname(__file__))

import kernel_support as ks  # noqa: E402

pytestmark = pytest.mark.swift_rnn_only

SVG = "{http://www.w3.org/2000/svg}"
XLINK = "{http://www.w3.org/1999/xlink}"


def figures(ex: ks.Execution) -> list[dict]:
    """The data of every display_data message of an execution, in order."""
    return [m["content"]["data"] for m in ex.outputs("display_data")]


def parse_svg(text: str) -> ET.Element:
    root = ET.fromstring(text.encode("utf-8"))
    assert root.tag == SVG + "svg"
    assert root.get("width", "").endswith("pt") and root.get("viewBox")
    return root


def texts(root: ET.Element) -> list[str]:
    return ["".join(t.itertext()) for t in root.iter(SVG + "text")]


def test_show_sends_svg_display_data(kc):
    ex = ks.execute_ok(kc, """
import matplotlib.pyplot as plt
plt.plot([1, 2, 3], [2, 4, 3], 'r--', label='loss')
plt.title('Loss')
plt.xlabel('epoch')
plt.legend()
plt.show()
print('after show')
""")
    data = figures(ex)
    assert len(data) == 1, ex.msg_types()
    assert data[0]["text/plain"] == "<Figure size 640x480 with 1 Axes>"
    root = parse_svg(data[0]["image/svg+xml"])
    shown = texts(root)
    for label in ("Loss", "epoch", "loss", "2.00", "3.00", "4.00"):
        assert label in shown, shown
    # show() came before the print, and the figure is closed afterwards (no second display).
    types = [m["msg_type"] for m in ex.outputs()]
    assert types.index("display_data") < types.index("stream")
    assert ex.stream() == "after show\n"


def test_open_figure_is_displayed_when_the_cell_ends(kc):
    ex = ks.execute_ok(kc, "import matplotlib.pyplot as plt\nfig, ax = plt.subplots(figsize=(4, 3))\nax.plot(range(10))\nn = 1")
    data = figures(ex)
    assert [d["text/plain"] for d in data] == ["<Figure size 400x300 with 1 Axes>"]
    parse_svg(data[0]["image/svg+xml"])
    # The inline backend closed it: the next cell shows nothing.
    again = ks.execute_ok(kc, "n = 2")
    assert figures(again) == []


def test_heatmap_embeds_a_png_with_the_colormap(kc):
    ex = ks.execute_ok(kc, """
import numpy as np
import matplotlib.pyplot as plt
h = np.array([[0.0, 1.0, 2.0], [3.0, 4.0, 5.0]])
plt.imshow(h, cmap='viridis', aspect='auto')
plt.colorbar()
""")
    (data,) = figures(ex)
    assert data["text/plain"] == "<Figure size 640x480 with 2 Axes>"
    root = parse_svg(data["image/svg+xml"])
    images = list(root.iter(SVG + "image"))
    assert len(images) == 2  # the heatmap and the colorbar's gradient
    href = images[0].get(XLINK + "href")
    assert href.startswith("data:image/png;base64,")
    width, height, pixels = decode_png(base64.b64decode(href.split(",", 1)[1]))
    # Row 0 at the top: its first cell is the lowest value (viridis #440154), the last row's
    # last cell the highest (#fde725).
    assert pixels[0][0:4] == bytes([0x44, 0x01, 0x54, 255])
    assert pixels[height - 1][4 * (width - 1):4 * width] == bytes([0xfd, 0xe7, 0x25, 255])
    assert width % 3 == 0 and height % 2 == 0


def decode_png(png: bytes) -> tuple[int, int, list[bytes]]:
    """A minimal PNG reader (8-bit RGBA, filters None/Sub/Up) to check the kernel's encoder."""
    assert png[:8] == b"\x89PNG\r\n\x1a\n"
    pos, idat, width, height = 8, b"", 0, 0
    while pos < len(png):
        (length,) = struct.unpack(">I", png[pos:pos + 4])
        kind, body = png[pos + 4:pos + 8], png[pos + 8:pos + 8 + length]
        (crc,) = struct.unpack(">I", png[pos + 8 + length:pos + 12 + length])
        assert zlib.crc32(kind + body) == crc, kind
        if kind == b"IHDR":
            width, height = struct.unpack(">II", body[:8])
            assert body[8:10] == b"\x08\x06"
        elif kind == b"IDAT":
            idat += body
        pos += 12 + length
    raw = zlib.decompress(idat)
    stride = width * 4
    rows, previous = [], bytes(stride)
    for r in range(height):
        kind, line = raw[r * (stride + 1)], bytearray(raw[r * (stride + 1) + 1:(r + 1) * (stride + 1)])
        for i in range(stride):
            if kind == 1:
                line[i] = (line[i] + (line[i - 4] if i >= 4 else 0)) & 0xFF
            elif kind == 2:
                line[i] = (line[i] + previous[i]) & 0xFF
            else:
                assert kind == 0, kind
        rows.append(bytes(line))
        previous = bytes(line)
    return width, height, rows


def test_keras_history_recipe_and_log_scale(kc):
    ex = ks.execute_ok(kc, """
import matplotlib.pyplot as plt
history = {'loss': [2.1 * 0.6 ** i for i in range(12)], 'val_loss': [2.2 * 0.65 ** i for i in range(12)]}
plt.plot(history['loss'], label='loss')
plt.plot(history['val_loss'], label='val_loss')
plt.yscale('log')
plt.legend()
plt.show()
""")
    (data,) = figures(ex)
    root = parse_svg(data["image/svg+xml"])
    shown = texts(root)
    assert "loss" in shown and "val_loss" in shown
    assert "10\u22122" in shown and "100" in shown, shown  # 10^-2 and 10^0 (superscripts)


def test_subplots_and_errors(kc):
    ex = ks.execute_ok(kc, """
import matplotlib.pyplot as plt
fig, axes = plt.subplots(1, 2, figsize=(8, 3))
axes[0].plot([0, 1], [0, 1])
axes[0].set_title('left')
axes[1].bar([1, 2, 3], [3, 1, 2])
axes[1].set_title('right')
plt.tight_layout()
""")
    (data,) = figures(ex)
    assert data["text/plain"] == "<Figure size 800x300 with 2 Axes>"
    shown = texts(parse_svg(data["image/svg+xml"]))
    assert "left" in shown and "right" in shown
    bad = ks.execute(kc, "plt.plot([1, 2, 3], [1, 2])")
    assert bad.status == "error"
    assert bad.content["evalue"] == "x and y must have same first dimension, but have shapes (3,) and (2,)"


def test_svg_is_compact_and_deterministic(kc):
    code = "import numpy as np\nimport matplotlib.pyplot as plt\nx = np.linspace(0, 10, 1000)\nplt.plot(x, np.tanh(x - 5))\nplt.show()"
    first = figures(ks.execute_ok(kc, code))[0]["image/svg+xml"]
    second = figures(ks.execute_ok(kc, code))[0]["image/svg+xml"]
    assert first == second
    root = parse_svg(first)
    lines = [p for p in root.iter(SVG + "path") if p.get("stroke") == "#1f77b4"]
    assert len(lines) == 1 and lines[0].get("d").count("M") == 1
    assert len(first) < 30_000
    # Ids come from a hash of the content: deterministic, and distinct between different figures.
    ids = re.findall(r' id="([^"]*)"', first)
    assert ids and all(re.fullmatch(r"clip[0-9a-f]+-[0-9]+", i) for i in ids), ids


def test_exported_notebook_keeps_the_figure(tmp_path):
    nb = nbformat.v4.new_notebook()
    nb.cells = [
        nbformat.v4.new_code_cell("import matplotlib.pyplot as plt\nplt.plot([3, 1, 2])\nplt.title('kept')"),
        nbformat.v4.new_code_cell("x = 1"),
    ]
    NotebookClient(nb, kernel_name=ks.KERNEL_NAME, timeout=60).execute()
    path = tmp_path / "plots.ipynb"
    nbformat.write(nb, path)
    again = nbformat.read(path, as_version=4)
    # The figure, then the cell's value (the Text that plt.title returns).
    outputs = again.cells[0].outputs
    assert [o.output_type for o in outputs] == ["display_data", "execute_result"]
    assert "kept" in texts(parse_svg(outputs[0].data["image/svg+xml"]))
    assert outputs[0].data["text/plain"] == "<Figure size 640x480 with 1 Axes>"
    assert outputs[1].data["text/plain"] == "Text(0.5, 1.0, 'kept')"
    assert again.cells[1].outputs == []
