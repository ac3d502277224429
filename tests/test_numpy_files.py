"""np.save / np.load / np.savez between the kernel and real NumPy (the .venv's), both ways,
through a live kernel: files NumPy writes load in the kernel with the same values, dtypes (float64
read as float32, int32 as int64) and member order, and files the kernel writes load in NumPy.
Error names and messages are compared with the ones NumPy itself raises for the same call.
"""

from __future__ import annotations

import math
import os
import sys
from pathlib import Path
from typing import Any

import numpy as np
import pytest

sys.path.insert(0, os.path.dirname(__file__))

import kernel_support as ks  # noqa: E402

pytestmark = pytest.mark.swift_rnn_only


def kernel_value(kc: Any, expression: str) -> Any:
    """`expression` evaluated in the kernel, read back through its printed repr."""
    ex = ks.execute_ok(kc, f"print(repr({expression}))")
    # Python literals plus the names repr uses for non-finite floats.
    return eval(ex.stream().strip(), {"__builtins__": {}, "inf": math.inf, "nan": math.nan})  # noqa: S307


def loaded_in_kernel(kc: Any, expression: str) -> tuple[np.ndarray, str]:
    """The array `expression` gives in the kernel, as a NumPy array of its dtype, and that dtype."""
    dtype = kernel_value(kc, f"str(({expression}).dtype)")
    values = kernel_value(kc, f"({expression}).tolist()")
    shape = kernel_value(kc, f"({expression}).shape")
    return np.array(values, dtype=dtype).reshape(shape), dtype


NUMPY_ARRAYS = {
    "float32": np.array([[0.1, -2.5, 3e-8], [np.inf, -0.0, 1e30]], dtype=np.float32),
    "float64": np.linspace(-1, 1, 7),  # read as float32, as every float in the kernel
    "int64": np.array([0, -1, 2**62, 7], dtype=np.int64),
    "int32": np.arange(-3, 3, dtype=np.int32).reshape(2, 3),  # read as int64
    "bool": np.array([[True, False], [False, True]]),
    "scalar": np.array(2.5, dtype=np.float32),
    "empty": np.zeros((0, 3), dtype=np.float32),
    "fortran": np.asfortranarray(np.arange(12, dtype=np.float32).reshape(3, 4)),
    "transposed": np.arange(24, dtype=np.int64).reshape(2, 3, 4).T,
}
KERNEL_DTYPE = {"float64": "float32", "int32": "int64", "bool": "bool", "int64": "int64"}


@pytest.mark.parametrize("name", sorted(NUMPY_ARRAYS))
def test_npy_written_by_numpy_loads_in_the_kernel(kc: Any, tmp_path: Path, name: str) -> None:
    array = NUMPY_ARRAYS[name]
    path = tmp_path / f"{name}.npy"
    np.save(path, array)
    if name in ("fortran", "transposed"):
        assert b"'fortran_order': True" in path.read_bytes()[:128], "NumPy should have written Fortran order"
    ks.execute_ok(kc, f"import numpy as np\nx = np.load({str(path)!r})")
    loaded, dtype = loaded_in_kernel(kc, "x")
    assert dtype == KERNEL_DTYPE.get(str(array.dtype), str(array.dtype))
    assert loaded.shape == array.shape
    np.testing.assert_array_equal(loaded, array.astype(dtype))


def test_npz_written_by_numpy_loads_in_the_kernel(kc: Any, tmp_path: Path) -> None:
    path = tmp_path / "weights.npz"
    kernel = np.arange(6, dtype=np.float32).reshape(2, 3) / 7
    np.savez(path, NUMPY_ARRAYS["int32"], NUMPY_ARRAYS["bool"], kernel=kernel, bias=np.float64(0.5))
    ks.execute_ok(kc, f"import numpy as np\nf = np.load({str(path)!r})")
    with np.load(path) as reference:
        assert kernel_value(kc, "f.files") == reference.files == ["kernel", "bias", "arr_0", "arr_1"]
        assert kernel_value(kc, "repr(f)") == repr(reference)
        for member in reference.files:
            loaded, dtype = loaded_in_kernel(kc, f"f[{member!r}]")
            np.testing.assert_array_equal(loaded, reference[member].astype(dtype))
    assert kernel_value(kc, "[len(f), 'kernel' in f, 'nope' in f, list(f)]") == [
        4, True, False, ["kernel", "bias", "arr_0", "arr_1"]]


def test_arrays_saved_by_the_kernel_load_in_numpy(kc: Any, tmp_path: Path) -> None:
    base = str(tmp_path / "run")
    ks.execute_ok(kc, f"""
import numpy as np
np.random.seed(0)
w = np.random.randn(3, 4)
np.save({base + '_w'!r}, w)
np.save({base + '_i.npy'!r}, np.arange(5) * -3)
np.save({base + '_b'!r}, np.array([[True], [False]]))
np.save({base + '_s'!r}, np.float32(1.25))
np.savez({base + '_all'!r}, w, np.zeros((0, 2)), bias=np.ones(4), steps=np.arange(3))
""")
    np.random.seed(0)
    expected_w = np.random.randn(3, 4).astype(np.float32)  # the kernel reproduces the legacy stream
    w = np.load(base + "_w.npy")
    assert w.dtype == np.float32
    np.testing.assert_array_equal(w, expected_w)
    np.testing.assert_array_equal(np.load(base + "_i.npy"), np.arange(5) * -3)
    assert np.load(base + "_i.npy").dtype == np.int64
    b = np.load(base + "_b.npy")
    assert b.dtype == np.bool_ and b.tolist() == [[True], [False]]
    s = np.load(base + "_s.npy")
    assert s.shape == () and s.dtype == np.float32 and float(s) == 1.25
    with np.load(base + "_all.npz") as archive:
        assert archive.files == ["bias", "steps", "arr_0", "arr_1"]
        np.testing.assert_array_equal(archive["arr_0"], expected_w)
        assert archive["arr_1"].shape == (0, 2)
        np.testing.assert_array_equal(archive["bias"], np.ones(4, dtype=np.float32))
        np.testing.assert_array_equal(archive["steps"], np.arange(3))


def numpy_error(call: Any) -> tuple[str, str]:
    try:
        call()
    except Exception as error:  # noqa: BLE001 - the reference's exception, whatever it is
        return type(error).__name__, str(error)
    raise AssertionError("NumPy raised nothing")


def test_errors_match_numpy(kc: Any, tmp_path: Path) -> None:
    missing = str(tmp_path / "missing.npy")
    empty = tmp_path / "empty.npy"
    empty.write_bytes(b"")
    text = tmp_path / "notes.txt"
    text.write_text("not an array\n")
    cases = {
        f"np.load({missing!r})": lambda: np.load(missing),
        f"np.save({str(tmp_path / 'no' / 'dir')!r}, np.ones(2))": lambda: np.save(tmp_path / "no" / "dir", np.ones(2)),
        f"np.load({str(tmp_path)!r})": lambda: np.load(str(tmp_path)),
        f"np.load({str(empty)!r})": lambda: np.load(empty),
        f"np.load({str(text)!r})": lambda: np.load(text),
        f"np.savez({str(tmp_path / 'x')!r}, np.ones(1), arr_0=np.ones(1))": lambda: np.savez(tmp_path / "x", np.ones(1), arr_0=np.ones(1)),
    }
    ks.execute_ok(kc, "import numpy as np")
    for code, reference in cases.items():
        ex = ks.execute(kc, code)
        assert ex.status == "error", code
        assert (ex.content["ename"], ex.content["evalue"]) == numpy_error(reference), code
    np.savez(tmp_path / "w.npz", a=np.ones(1))
    ex = ks.execute(kc, f"np.load({str(tmp_path / 'w.npz')!r})['b']")
    with np.load(tmp_path / "w.npz") as reference:
        assert (ex.content["ename"], ex.content["evalue"]) == numpy_error(lambda: reference["b"])


def test_compressed_npz_is_a_clear_error(kc: Any, tmp_path: Path) -> None:
    path = tmp_path / "small.npz"
    np.savez_compressed(path, a=np.arange(3))
    ks.execute_ok(kc, "import numpy as np")
    ex = ks.execute(kc, f"np.load({str(path)!r})")
    assert ex.content["ename"] == "ValueError"
    assert "compressed" in ex.content["evalue"] and "np.savez" in ex.content["evalue"]
    ex = ks.execute(kc, f"np.savez_compressed({str(tmp_path / 'out')!r}, a=np.ones(2))")
    assert ex.content["ename"] == "NotImplementedError" and "np.savez" in ex.content["evalue"]
    assert not (tmp_path / "out.npz").exists()
