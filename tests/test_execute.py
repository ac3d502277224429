"""`swift-rnn-kernel execute` against the real tools: the notebook it writes is byte for byte the
one `jupyter execute` (nbclient) writes through the kernel, except the timing timestamps; `-p`
injects the cell papermill injects (papermill runs here with the papermill-swift-rnn translator
from tools/); a failing cell stops the run with exit code 1 naming the cell; `--timeout` interrupts.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import nbformat
import pytest

sys.path.insert(0, os.path.dirname(__file__))

import kernel_support as ks  # noqa: E402
from test_notebooks import ci_sized_notebook  # noqa: E402

pytestmark = pytest.mark.swift_rnn_only

REPO = Path(__file__).resolve().parent.parent
VENV_BIN = Path(sys.executable).parent
NOTEBOOKS = REPO / "notebooks"
TIMESTAMP = re.compile(r'"(iopub\.execute_input|iopub\.status\.busy|iopub\.status\.idle|shell\.execute_reply)": "[0-9T:.\-]+Z"')


def swift_execute(*args: str | Path, cwd: Path | None = None, timeout: float = 120) -> subprocess.CompletedProcess[str]:
    return subprocess.run([ks.kernel_binary(), "execute", *map(str, args)], capture_output=True, text=True,
                          cwd=cwd, timeout=timeout)


def jupyter_execute(*args: str | Path, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run([str(VENV_BIN / "jupyter"), "execute", f"--kernel_name={ks.KERNEL_NAME}", *map(str, args)],
                          capture_output=True, text=True, cwd=cwd, timeout=300)


# fit's progress lines carry wall-clock figures ("1s 5ms/step", Keras' format); the rest of the
# line (counts, bar, loss values) must match.
STEP_TIME = re.compile(r"\b\d+(:\d\d)*(s|ms|us)( -)? \d+(s|ms|us)/step")


def without_timestamps(text: str) -> str:
    return TIMESTAMP.sub(r'"\1": "<time>"', text)


def comparable(text: str) -> str:
    return STEP_TIME.sub("<time>/step", without_timestamps(text))


def code_cell(source: str, tags: list[str] | None = None, **extra: Any) -> dict[str, Any]:
    cell = nbformat.v4.new_code_cell(source)
    if tags:
        cell.metadata["tags"] = tags
    cell.update(extra)
    return cell


def write_notebook(path: Path, cells: list[dict[str, Any]], minor: int = 5) -> Path:
    nb = nbformat.v4.new_notebook(cells=cells)
    nb.metadata["kernelspec"] = {"display_name": "Swift RNN", "language": "swift-rnn-python", "name": "swift-rnn"}
    if minor < 5:
        nb.nbformat_minor = minor
        for cell in nb.cells:
            cell.pop("id", None)
    nbformat.write(nb, path)
    return path


RICH_CELLS = [
    nbformat.v4.new_markdown_cell("# Rich outputs\n\nEvery kind of output nbclient records."),
    code_cell("import numpy as np\nimport sys\nprint('out 1')\nprint('err 1', file=sys.stderr)\nprint('out 2')\nnp.arange(6).reshape(2, 3)"),
    code_cell("from IPython.display import display, HTML, Markdown, clear_output, update_display\n"
              "h = display(HTML('<b>first</b>'), display_id='box')\n"
              "display(Markdown('*md*'), {'a': [1, 2]})\n"
              "print('héllo ☃\\ttab\\r\\nline')"),
    code_cell("h.update(HTML('<i>updated from a later cell</i>'))\nupdate_display(HTML('<u>again</u>'), display_id='box')"),
    code_cell("print('gone')\nclear_output()\nprint('kept')\nclear_output(wait=True)\nprint('replaced')\nprint('stays')"),
    code_cell("   \n  "),
    code_cell("print('skipped')", tags=["skip-execution"]),
    code_cell("undefined_name + 1", tags=["raises-exception"]),
    code_cell("help(len)\nx = input('?')", tags=["raises-exception"]),
    nbformat.v4.new_raw_cell("raw text\n"),
    code_cell("np.random.seed(0)\nw = np.random.randn(40, 30)\nprint(w.shape)\nw;"),
    code_cell("1.5e-05, 1e16, float('inf'), -0.0, {'k': None}"),
]


@pytest.mark.parametrize("name", sorted(path.name for path in NOTEBOOKS.glob("*.ipynb")))
def test_every_course_notebook_matches_jupyter_execute(name: str, tmp_path: Path, record_timing: Any) -> None:
    # Both tools run the same copy, with the CI-sized parameters already injected by papermill.
    nbformat.write(ci_sized_notebook(name), tmp_path / name)
    start = time.perf_counter()
    reference = jupyter_execute(name, "--output=reference", cwd=tmp_path)
    record_timing(f"jupyter execute {name}", time.perf_counter() - start)
    assert reference.returncode == 0, reference.stderr
    start = time.perf_counter()
    ours = swift_execute(name, "--output", "ours", cwd=tmp_path, timeout=300)
    record_timing(f"swift-rnn-kernel execute {name}", time.perf_counter() - start)
    assert ours.returncode == 0, ours.stderr
    expected = (tmp_path / "reference.ipynb").read_text()
    written = (tmp_path / "ours.ipynb").read_text()
    assert comparable(written) == comparable(expected)
    assert written != without_timestamps(written), "timing metadata is written, as nbclient does"
    nbformat.validate(nbformat.reads(written, as_version=4))


def test_every_output_kind_matches_jupyter_execute(tmp_path: Path) -> None:
    write_notebook(tmp_path / "rich.ipynb", RICH_CELLS)
    reference = jupyter_execute("rich.ipynb", "--output=reference", cwd=tmp_path)
    assert reference.returncode == 0, reference.stderr
    ours = swift_execute("rich.ipynb", "--output", "ours", cwd=tmp_path)
    assert ours.returncode == 0, ours.stderr
    expected = (tmp_path / "reference.ipynb").read_text()
    written = (tmp_path / "ours.ipynb").read_text()
    assert without_timestamps(written) == without_timestamps(expected)
    nb = nbformat.reads(written, as_version=4)
    # The cases are really there: an update reached the earlier cell, clear_output kept the last lines.
    assert nb.cells[2].outputs[0].data["text/html"] == "<u>again</u>"
    assert [o.get("text") for o in nb.cells[4].outputs] == ["replaced\n", "stays\n"]
    assert nb.cells[5].execution_count is None and nb.cells[6].execution_count is None
    assert nb.cells[8].outputs[-1].ename == "StdinNotImplementedError"
    timing = nb.cells[1].metadata.execution
    order = ["iopub.status.busy", "iopub.execute_input", "shell.execute_reply", "iopub.status.idle"]
    assert sorted(timing) == sorted(order) and [timing[k] for k in order] == sorted(timing.values())


def test_old_notebooks_without_cell_ids_match_too(tmp_path: Path) -> None:
    write_notebook(tmp_path / "old.ipynb", [code_cell("print(1)"), code_cell("2 + 2")], minor=4)
    assert jupyter_execute("old.ipynb", "--output=reference", cwd=tmp_path).returncode == 0
    assert swift_execute("old.ipynb", "--output", "ours", cwd=tmp_path).returncode == 0
    written = (tmp_path / "ours.ipynb").read_text()
    assert without_timestamps(written) == without_timestamps((tmp_path / "reference.ipynb").read_text())
    assert '"id"' not in written


def test_a_failing_cell_stops_the_run_with_exit_code_1(tmp_path: Path) -> None:
    write_notebook(tmp_path / "fails.ipynb", [
        code_cell("a = 1\nprint('ran')"), code_cell("a / 0", id="boom"), code_cell("print('never')"),
    ])
    reference = jupyter_execute("fails.ipynb", cwd=tmp_path)
    assert reference.returncode != 0 and "ZeroDivisionError" in reference.stderr
    result = swift_execute("fails.ipynb", "--output", "out", cwd=tmp_path)
    assert result.returncode == 1
    assert "Cell 1 (In [2], id boom) raised ZeroDivisionError: division by zero" in result.stderr
    assert "a / 0" in result.stderr
    nb = nbformat.read(tmp_path / "out.ipynb", as_version=4)
    assert nb.cells[1].outputs[0].output_type == "error" and nb.cells[1].execution_count == 2
    assert nb.cells[2].outputs == [] and nb.cells[2].execution_count is None
    # --allow-errors runs to the end with exit code 0, as nbclient's flag does.
    result = swift_execute("fails.ipynb", "--allow-errors", "--output", "all", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert nbformat.read(tmp_path / "all.ipynb", as_version=4).cells[2].outputs[0].text == "never\n"


def test_timeout_interrupts_the_cell(tmp_path: Path) -> None:
    write_notebook(tmp_path / "slow.ipynb", [code_cell("print('start')\nwhile True:\n    pass"), code_cell("print('never')")])
    start = time.monotonic()
    result = swift_execute("slow.ipynb", "--timeout", "1", "--output", "out", cwd=tmp_path, timeout=60)
    assert time.monotonic() - start < 20
    assert result.returncode == 1
    assert "Cell 0 (In [1]" in result.stderr and "timed out after 1.0 s" in result.stderr
    nb = nbformat.read(tmp_path / "out.ipynb", as_version=4)
    assert [o.output_type for o in nb.cells[0].outputs] == ["stream", "error"]
    assert nb.cells[0].outputs[1].ename == "KeyboardInterrupt"
    assert nb.cells[1].execution_count is None
    # -1 means no limit, as in nbclient (and may be written without `=`).
    write_notebook(tmp_path / "quick.ipynb", [code_cell("print('done')")])
    assert swift_execute("quick.ipynb", "--timeout", "-1", cwd=tmp_path).returncode == 0


def test_where_the_notebook_is_written(tmp_path: Path) -> None:
    folder = tmp_path / "project"
    folder.mkdir()
    source = write_notebook(folder / "nb.ipynb", [code_cell("import numpy as np\nnp.save('saved_here', np.ones(2))\n3")])
    before = source.read_bytes()
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    # Without --output or --inplace nothing is written (jupyter execute's default)...
    assert swift_execute(source, cwd=elsewhere).returncode == 0
    assert source.read_bytes() == before and sorted(os.listdir(elsewhere)) == []
    # ...but cells run in the notebook's folder, as a kernel started by Jupyter does.
    assert (folder / "saved_here.npy").exists()
    # --output is relative to the notebook's folder, gets .ipynb and may use {notebook_name}.
    assert swift_execute(source, "--output", "{notebook_name}-run.txt", cwd=elsewhere).returncode == 0
    assert (folder / "nb-run.ipynb").exists()
    result = swift_execute(source, "--output", "missing/dir/out", cwd=elsewhere)
    assert result.returncode == 1 and "Cannot write to directory=" in result.stderr
    assert swift_execute(source, "--inplace", cwd=elsewhere).returncode == 0
    assert nbformat.read(source, as_version=4).cells[0].outputs[0].data["text/plain"] == "3"
    result = swift_execute(folder / "absent.ipynb")
    assert result.returncode == 1 and "absent.ipynb" in result.stderr


# ---------------------------------------------------------------------------------------------
# Parameters, as papermill injects them


PARAMETERS = ["-p", "epochs", "3", "-p", "lr", "-0.5", "-p", "name", 'héllo "q" \\ ☃', "-p", "flag", "True",
              "-p", "nothing", "None", "-p", "big", "1e16", "-p", "rate", "inf", "-p", "count", "+0_07"]
PARAMETER_CELLS = [
    nbformat.v4.new_markdown_cell("A parameterised run"),
    code_cell("epochs = 1\nlr = 0.1\nname = 'x'\nflag = False\nnothing = 0\nbig = 0\nrate = 0\ncount = 0", tags=["parameters"]),
    code_cell("print(epochs, lr, name, flag, nothing, big, rate, count)\n[type(v).__name__ for v in (epochs, lr, name, flag, nothing, rate)]"),
]


def papermill(*args: str | Path, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([str(VENV_BIN / "papermill"), "-k", ks.KERNEL_NAME, *map(str, args)],
                          capture_output=True, text=True, cwd=cwd, timeout=300)


def code_cells(path: Path) -> list[tuple[list[str], str, Any]]:
    nb = nbformat.read(path, as_version=4)
    return [(c.metadata.get("tags", []), c.source, c.outputs) for c in nb.cells if c.cell_type == "code"]


def test_parameters_are_injected_as_papermill_injects_them(tmp_path: Path) -> None:
    write_notebook(tmp_path / "params.ipynb", PARAMETER_CELLS)
    reference = papermill("params.ipynb", "papermill.ipynb", *PARAMETERS, cwd=tmp_path)
    assert reference.returncode == 0, reference.stderr
    ours = swift_execute("params.ipynb", "--output", "ours", *PARAMETERS, cwd=tmp_path)
    assert ours.returncode == 0, ours.stderr
    expected, written = code_cells(tmp_path / "papermill.ipynb"), code_cells(tmp_path / "ours.ipynb")
    assert written == expected
    tags, source, outputs = written[1]
    assert tags == ["injected-parameters"]
    assert source == ('# Parameters\nepochs = 3\nlr = -0.5\nname = "h\\xe9llo \\"q\\" \\\\ \\u2603"\nflag = True\n'
                      "nothing = None\nbig = 1e+16\nrate = float('inf')\ncount = 7\n")
    assert written[2][2][0]["text"] == '3 -0.5 héllo "q" \\ ☃ True None 1e+16 inf 7\n'
    papermill_meta = json.loads((tmp_path / "papermill.ipynb").read_text())["metadata"]["papermill"]["parameters"]
    ours_meta = json.loads((tmp_path / "ours.ipynb").read_text())["metadata"]["papermill"]["parameters"]
    assert ours_meta == papermill_meta


def test_injection_replaces_an_earlier_injection_or_goes_first(tmp_path: Path) -> None:
    # Run the output of a parameterised run again: the injected cell is replaced, not duplicated.
    write_notebook(tmp_path / "params.ipynb", PARAMETER_CELLS)
    assert swift_execute("params.ipynb", "--output", "first", "-p", "epochs", "5", cwd=tmp_path).returncode == 0
    for tool in ("papermill", "ours"):
        if tool == "papermill":
            result = papermill("first.ipynb", "second-papermill.ipynb", "-p", "epochs", "9", cwd=tmp_path)
        else:
            result = swift_execute("first.ipynb", "--output", "second-ours", "-p", "epochs", "9", cwd=tmp_path)
        assert result.returncode == 0, result.stderr
    expected, written = code_cells(tmp_path / "second-papermill.ipynb"), code_cells(tmp_path / "second-ours.ipynb")
    assert written == expected
    assert [tags for tags, _, _ in written].count(["injected-parameters"]) == 1
    # Without a cell tagged `parameters` the cell goes first (papermill warns; so do we).
    write_notebook(tmp_path / "plain.ipynb", [code_cell("print(epochs * 2)")], minor=4)
    result = swift_execute("plain.ipynb", "--output", "plain-ours", "-p", "epochs", "4", cwd=tmp_path)
    assert result.returncode == 0 and "does not contain a cell with tag 'parameters'" in result.stderr
    assert papermill("plain.ipynb", "plain-papermill.ipynb", "-p", "epochs", "4", cwd=tmp_path).returncode == 0
    assert code_cells(tmp_path / "plain-ours.ipynb") == code_cells(tmp_path / "plain-papermill.ipynb")
    # Both upgrade a 4.4 notebook to 4.5 (cell ids) when they inject.
    assert nbformat.read(tmp_path / "plain-ours.ipynb", as_version=4).nbformat_minor == 5


def test_bad_parameters_are_usage_errors(tmp_path: Path) -> None:
    write_notebook(tmp_path / "nb.ipynb", [code_cell("1")])
    result = swift_execute("nb.ipynb", "-p", "not a name", "1", cwd=tmp_path)
    assert result.returncode != 0 and "not a valid identifier" in result.stderr
    result = swift_execute("nb.ipynb", "-p", "only_name", cwd=tmp_path)
    assert result.returncode != 0


def test_papermill_finds_the_translator_by_kernel_and_by_language() -> None:
    import papermill.engines  # noqa: F401  (loads the engine entry points, hence the translator)
    from papermill.translators import translate_parameters

    cell = translate_parameters("swift-rnn", "python", {"epochs": 3, "names": ["a", "b"], "cfg": {"lr": 0.5}}, "Parameters")
    assert cell == '# Parameters\nepochs = 3\nnames = ["a", "b"]\ncfg = {"lr": 0.5}\n'
    assert translate_parameters("some-other-name", "swift-rnn-python", {"x": None}, "Parameters") == "# Parameters\nx = None\n"


def test_parameter_values_are_typed_and_spelled_as_python_does(tmp_path: Path) -> None:
    from papermill.cli import _resolve_type
    from papermill.translators import PythonTranslator

    words = ["0.1", "1e-5", "1e-4", "0.0001234", "100.0", "1e15", "1e16", "9999999999999998", "1.5e300", "-2.5e-310",
             "5e-324", "1E22", "-0", "-0.0", "007", "1_000", " 42 ", "1__0", "0x10", "nan", "-Infinity", "1e", ".5", "5.",
             "True", "true", "None", "", "tab\there", "naïve", "emoji 🎉", "quote'", "back\\slash"]
    write_notebook(tmp_path / "nb.ipynb", [code_cell("pass", tags=["parameters"])])
    arguments = [item for i, word in enumerate(words) for item in ("-p", f"v{i}", word)]
    result = swift_execute("nb.ipynb", "--output", "out", *arguments, cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    injected = nbformat.read(tmp_path / "out.ipynb", as_version=4).cells[1].source.splitlines()[1:]
    expected = [f"v{i} = {PythonTranslator.translate(_resolve_type(word))}" for i, word in enumerate(words)]
    assert injected == expected


@pytest.mark.parametrize("first", ["papermill", "papermill_swift_rnn", "papermill.translators"])
def test_the_translator_package_imports_in_any_order(first: str) -> None:
    # papermill imports the package through its engine entry point while papermill itself is half
    # initialised; importing the package first must not trip over that cycle.
    code = (f"import {first}\nimport papermill_swift_rnn\nfrom papermill.translators import papermill_translators as t\n"
            "from papermill.engines import papermill_engines as e\n"
            "print(t.find_translator('swift-rnn', '').__name__, e.get_engine('swift-rnn').__name__)")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["SwiftRNNTranslator", "SwiftRNNEngine"]


def test_papermill_engine_entry_point_runs_notebooks(tmp_path: Path) -> None:
    write_notebook(tmp_path / "nb.ipynb", [code_cell("x = 1", tags=["parameters"]), code_cell("x * 2")])
    result = papermill("--engine", "swift-rnn", "nb.ipynb", "out.ipynb", "-p", "x", "21", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert nbformat.read(tmp_path / "out.ipynb", as_version=4).cells[2].outputs[0].data["text/plain"] == "42"
