"""The kernel in a real browser: JupyterLab on loopback, driven by headless Chromium.

For each notebook of BROWSER_NOTEBOOKS present in notebooks/, a copy without outputs is opened in
JupyterLab, which starts the kernel named in the notebook's metadata (`swift-rnn`); the test runs
Run > Run All Cells from the menu bar, waits for the kernel to go idle with an execution count on
every code cell, and checks what the page renders: the expected text in the output areas and no
error output outside cells tagged `raises-exception`. It then saves a screenshot (window 1280x1600)
to out/screenshots/ (env BROWSER_SCREENSHOT_DIR; `make screenshots` writes docs/screenshots/).
On failure a screenshot `<notebook>-FAILED.png`, the page's console and the server log are kept.

Skipped only when Chromium, chromium-driver, selenium or jupyterlab is missing, and not even then
with SWIFT_RNN_REQUIRE_BROWSER=1 (`make test` sets it: its set-up installs them).
"""

from __future__ import annotations

import os
import secrets
import sys
import tempfile
import time
from pathlib import Path
from typing import Any, Callable, Iterator

import nbformat
import pytest

sys.path.insert(0, os.path.dirname(__file__))

import browser_support as bs  # noqa: E402
import kernel_support as ks  # noqa: E402

REPO = Path(__file__).resolve().parent.parent
NOTEBOOKS = REPO / "notebooks"
SCREENSHOTS = Path(os.environ.get("BROWSER_SCREENSHOT_DIR", REPO / "out" / "screenshots"))
RUN_TIMEOUT = float(os.environ.get("BROWSER_RUN_TIMEOUT", "300"))
OPEN_TIMEOUT = 120.0

# notebook -> text its rendered outputs must contain
BROWSER_NOTEBOOKS = {
    "00-language-tour.ipynb": "['cat', 'mat', 'on', 'sat', 'the']",
    "01-lstm-shapes.ipynb": "(3, 20)",
    "03-hello-char-rnn.ipynb": "carrying h_t: hello",
}
# notebook -> rendered text the screenshot centres on, when not the expected text (the loss curve's legend)
# ("mime:TYPE" picks the first output of that MIME type; JupyterLab renders SVG as an <img>, no text)
SCREENSHOT_AT = {"03-hello-char-rnn.ipynb": "mime:image/svg+xml"}

pytestmark = pytest.mark.swift_rnn_only


@pytest.fixture(scope="module", autouse=True)
def browser_available() -> None:
    """Skip when the browser stack is missing; fail instead when SWIFT_RNN_REQUIRE_BROWSER=1."""
    missing = bs.missing_browser_reason()
    if missing is None:
        return
    if os.environ.get("SWIFT_RNN_REQUIRE_BROWSER") == "1":
        pytest.fail(f"SWIFT_RNN_REQUIRE_BROWSER=1 but the browser test cannot run: {missing}")
    pytest.skip(f"browser test: {missing}")

# What the page shows about the current notebook, read through window.jupyterapp (the server runs
# with expose_app_in_browser). Outputs come from the output area's DOM (what a reader sees) and
# from the cell model (output types, which the DOM renders alike for errors and stderr).
PAGE_STATE_JS = """
const app = window.jupyterapp;
const dialogs = Array.from(document.querySelectorAll('.jp-Dialog')).map(dialog => ({
  text: dialog.innerText,
  options: Array.from(dialog.querySelectorAll('select option')).map(o => [o.value, o.text]),
}));
const toasts = Array.from(document.querySelectorAll('.Toastify__toast')).map(t => t.innerText);
const panel = app && app.shell.currentWidget;
if (!panel || !panel.content || !panel.sessionContext) return {ready: false, dialogs, toasts};
const session = panel.sessionContext;
const cells = panel.content.widgets.map(cell => {
  const model = cell.model;
  const area = cell.node.querySelector('.jp-OutputArea');
  const outputs = model.type === 'code' ? model.outputs.toJSON() : [];
  return {
    type: model.type,
    tags: model.getMetadata('tags') || [],
    count: model.type === 'code' ? model.executionCount : null,
    running: model.type === 'code' && model.executionState === 'running',
    prompt: (cell.node.querySelector('.jp-InputPrompt') || {}).textContent || '',
    rendered: area ? area.textContent : '',
    output_texts: area ? Array.from(area.querySelectorAll('.jp-OutputArea-output')).map(o => o.textContent.trim()) : [],
    stderr_rendered: cell.node.querySelectorAll(
      '.jp-OutputArea-output[data-mime-type="application/vnd.jupyter.stderr"]').length,
    errors: outputs.filter(o => o.output_type === 'error').map(o => o.ename + ': ' + o.evalue),
  };
});
return {
  ready: true, dialogs, toasts, path: panel.context.path, cells,
  kernel: session.session && session.session.kernel ? session.session.kernel.name : null,
  status: session.kernelDisplayStatus,
};
"""


class LabPage:
    """One notebook open in JupyterLab; every wait polls PAGE_STATE_JS until a deadline."""

    def __init__(self, driver: Any, server: bs.JupyterLabServer, notebook: str) -> None:
        self.driver = driver
        self.server = server
        self.notebook = notebook
        self.state: dict[str, Any] = {}

    def read_state(self) -> dict[str, Any]:
        self.state = self.driver.execute_script(PAGE_STATE_JS) or {}
        return self.state

    def wait_for(self, what: str, done: Callable[[dict[str, Any]], bool], timeout: float) -> None:
        """Poll until done(state); a dialog on the way is answered or fails the test by its text."""
        deadline = time.monotonic() + timeout
        while True:
            state = self.read_state()
            if state.get("dialogs"):
                self.answer_dialog(state["dialogs"][0])
            elif done(state):
                return
            if time.monotonic() > deadline:
                pytest.fail(f"{self.notebook}: timed out after {timeout:.0f} s waiting for {what}; "
                            f"last page state: {summarise(state)}")
            time.sleep(0.25)

    def answer_dialog(self, dialog: dict[str, Any]) -> None:
        """The kernel chooser gets Swift RNN; any other dialog is a failure, reported with its text."""
        wanted = [value for value, label in dialog["options"] if ks.KERNEL_NAME in value or label == "Swift RNN"]
        if not wanted:
            pytest.fail(f"{self.notebook}: JupyterLab showed a dialog: {dialog['text']!r} "
                        f"(choices: {[label for _, label in dialog['options']]})")
        from selenium.webdriver.support.ui import Select

        sys.stderr.write(f"{self.notebook}: JupyterLab asked for a kernel; choosing {wanted[0]}\n")
        Select(self.driver.find_element("css selector", ".jp-Dialog select")).select_by_value(wanted[0])
        self.driver.find_element("css selector", ".jp-Dialog .jp-mod-accept").click()
        time.sleep(0.5)

    def open(self) -> None:
        self.driver.get(self.server.lab_url(self.notebook))
        self.wait_for(
            f"the notebook to open with a running kernel (JupyterLab starts the metadata's kernel)",
            lambda s: s.get("ready") and s["path"] == self.notebook and s["cells"] and s["status"] == "idle",
            OPEN_TIMEOUT,
        )
        assert self.state["kernel"] == ks.KERNEL_NAME, (
            f"{self.notebook} opened with kernel {self.state['kernel']!r}, expected {ks.KERNEL_NAME!r}")

    def run_all_from_menu(self) -> None:
        """Run > Run All Cells, clicked as a user would."""
        from selenium.webdriver.common.by import By
        from selenium.webdriver.support import expected_conditions as ready
        from selenium.webdriver.support.ui import WebDriverWait

        wait = WebDriverWait(self.driver, 20)
        menu = "//div[contains(@class,'lm-MenuBar-itemLabel') and normalize-space()='Run']"
        wait.until(ready.element_to_be_clickable((By.XPATH, menu))).click()
        item = "//div[contains(@class,'lm-Menu-itemLabel') and normalize-space()='Run All Cells']"
        wait.until(ready.element_to_be_clickable((By.XPATH, item))).click()

    def wait_until_all_ran(self) -> None:
        """Every code cell has left the queue and the kernel is idle, twice in a row a poll apart."""
        settled = [0]

        def finished(state: dict[str, Any]) -> bool:
            code = [cell for cell in state.get("cells", []) if cell["type"] == "code"]
            quiet = (state.get("status") == "idle" and code and code[0]["count"] is not None
                     and not any(cell["running"] or "*" in cell["prompt"] for cell in code))
            settled[0] = settled[0] + 1 if quiet else 0
            return settled[0] >= 2

        self.wait_for("Run All Cells to finish", finished, RUN_TIMEOUT)

    def prepare_screenshot(self, text: str) -> None:
        """Notebook alone on screen (file browser folded, toasts closed), scrolled so `text` shows."""
        self.driver.execute_script("""
            const app = window.jupyterapp;
            app.shell.collapseLeft();
            app.shell.collapseRight();
            document.querySelectorAll('.Toastify__close-button, .jp-toast-button').forEach(b => b.click());
            const notebook = app.shell.currentWidget.content;
            notebook.activeCellIndex = 0;
            notebook.deselectAll();
            notebook.node.scrollTop = 0;
            const outer = notebook.node.querySelector('.jp-WindowedPanel-outer') || notebook.node;
            outer.scrollTop = 0;
            const wanted = arguments[0];
            const output = wanted.startsWith('mime:')
                ? document.querySelector(`.jp-OutputArea-output[data-mime-type="${wanted.slice(5)}"]`)
                : Array.from(document.querySelectorAll('.jp-OutputArea-output')).find(o => o.textContent.includes(wanted));
            if (output && output.getBoundingClientRect().bottom > window.innerHeight - 40) {
                output.scrollIntoView({block: 'center'});
            }
        """, text)
        time.sleep(1.0)  # the layout settles (sidebar animation, toasts fading out)

    def screenshot(self, path: Path) -> Path:
        path.parent.mkdir(parents=True, exist_ok=True)
        self.driver.save_screenshot(str(path))
        return path


def summarise(state: dict[str, Any]) -> str:
    """A short description of a page state for failure messages."""
    if not state.get("ready"):
        return f"no notebook panel yet (dialogs={state.get('dialogs')}, toasts={state.get('toasts')})"
    prompts = [cell["prompt"] for cell in state["cells"] if cell["type"] == "code"]
    return (f"path={state['path']!r} kernel={state['kernel']!r} status={state['status']!r} "
            f"prompts={prompts} dialogs={state['dialogs']} toasts={state['toasts']}")


def copy_without_outputs(source: Path, root: Path) -> None:
    """The notebook as a user would open it fresh: committed outputs must not count."""
    notebook = nbformat.read(source, as_version=4)
    for cell in notebook.cells:
        if cell.cell_type == "code":
            cell.outputs = []
            cell.execution_count = None
    nbformat.write(notebook, root / source.name)


@pytest.fixture(scope="module")
def lab_root() -> Iterator[Path]:
    with tempfile.TemporaryDirectory(prefix="swift-rnn-lab-root-") as root:
        yield Path(root)


@pytest.fixture(scope="module")
def lab_server(lab_root: Path, record_timing: Any) -> Iterator[bs.JupyterLabServer]:
    server = bs.JupyterLabServer(lab_root, secrets.token_hex(24))
    started = time.monotonic()
    server.start()
    record_timing("browser: JupyterLab start", time.monotonic() - started)
    try:
        spec = server.api("GET", "/api/kernelspecs")["kernelspecs"].get(ks.KERNEL_NAME)
        assert spec is not None, f"JupyterLab does not list the kernel {ks.KERNEL_NAME!r} (`make kernelspec`)"
        assert spec["spec"]["argv"] == ks.kernel_spec().argv, (
            f"JupyterLab would start {spec['spec']['argv']}, jupyter_client {ks.kernel_spec().argv}")
        yield server
    finally:
        server.stop()


@pytest.fixture(scope="module")
def chromium(lab_root: Path, record_timing: Any) -> Iterator[Any]:
    started = time.monotonic()
    with tempfile.TemporaryDirectory(prefix="swift-rnn-chromium-") as profile:
        driver = bs.start_chromium(Path(profile))
        record_timing("browser: Chromium start", time.monotonic() - started)
        try:
            yield driver
        finally:
            driver.quit()


def notebook_params() -> list[Any]:
    return [
        pytest.param(name, text, id=name.removesuffix(".ipynb"), marks=pytest.mark.skipif(
            not (NOTEBOOKS / name).exists(), reason=f"notebooks/{name} is not in this checkout"))
        for name, text in sorted(BROWSER_NOTEBOOKS.items())
    ]


@pytest.mark.parametrize(("name", "expected"), notebook_params())
def test_run_all_cells_in_jupyterlab(
    name: str, expected: str, lab_server: bs.JupyterLabServer, lab_root: Path, chromium: Any, record_timing: Any
) -> None:
    copy_without_outputs(NOTEBOOKS / name, lab_root)
    page = LabPage(chromium, lab_server, name)
    stem = name.removesuffix(".ipynb")
    (SCREENSHOTS / f"{stem}-FAILED.png").unlink(missing_ok=True)  # from an earlier run
    try:
        started = time.monotonic()
        page.open()
        opened = time.monotonic()
        page.run_all_from_menu()
        page.wait_until_all_ran()
        record_timing(f"browser: {stem} open", opened - started)
        record_timing(f"browser: {stem} run all", time.monotonic() - opened)
        check_outputs(page.state, name, expected)
        page.prepare_screenshot(SCREENSHOT_AT.get(name, expected))
        page.screenshot(SCREENSHOTS / f"{stem}.png")
    except BaseException:
        failed = SCREENSHOTS / f"{stem}-FAILED.png"
        try:
            page.screenshot(failed)
        except Exception as error:
            failed = Path(f"(no screenshot: {error})")
        sys.stderr.write(f"\n--- browser test {name} failed; screenshot: {failed}\n"
                         f"--- page console:\n{bs.browser_console(chromium)}\n"
                         f"--- JupyterLab log:\n{lab_server.log_tail()}\n")
        raise
    finally:
        lab_server.shut_down_sessions()


def check_outputs(state: dict[str, Any], name: str, expected: str) -> None:
    """Execution counts 1..N in order, the expected text rendered, errors only where tagged."""
    code = [(index, cell) for index, cell in enumerate(state["cells"]) if cell["type"] == "code"]
    # Errors first: an unexpected one also stops the cells after it, which the counts would report.
    unexpected = [
        f"cell {index}: {cell['errors'] or 'stderr output: ' + cell['rendered'][:500]}"
        for index, cell in code
        if (cell["errors"] or cell["stderr_rendered"]) and "raises-exception" not in cell["tags"]
    ]
    assert not unexpected, f"{name}: error output rendered in cells not tagged raises-exception: {unexpected}"
    counts = [cell["count"] for _, cell in code]
    assert counts == list(range(1, len(code) + 1)), (
        f"{name}: execution counts after Run All Cells are {counts} (cells without a count did not run)")
    rendered = "\n".join(cell["rendered"] for _, cell in code)
    assert expected in rendered, f"{name}: {expected!r} not in the rendered outputs:\n{rendered[:3000]}"


FIT_CELLS = [
    """import numpy as np
import tensorflow as tf
tf.keras.utils.set_random_seed(1)
x = np.random.randn(8000, 20, 8)
y = (x[:, :, 0].sum(axis=1) > 0).astype('float32')
model = tf.keras.Sequential([tf.keras.Input(shape=(20, 8)), tf.keras.layers.LSTM(32),
                             tf.keras.layers.Dense(1, activation='sigmoid')])
model.compile(optimizer='adam', loss='binary_crossentropy', metrics=['accuracy'])""",
    "history = model.fit(x, y, epochs=3, batch_size=16)",
]


def test_fit_progress_updates_in_place_in_jupyterlab(
    lab_server: bs.JupyterLabServer, lab_root: Path, chromium: Any
) -> None:
    """While fit runs, the rendered bar's counter moves (update_display_data re-renders the same
    output) and the output area never grows beyond one 'Epoch k/3' line and one bar per epoch."""
    name = "fit-progress.ipynb"
    notebook = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell(code) for code in FIT_CELLS])
    notebook.metadata["kernelspec"] = {"name": ks.KERNEL_NAME, "display_name": "Swift RNN", "language": "python"}
    nbformat.write(notebook, lab_root / name)
    page = LabPage(chromium, lab_server, name)
    try:
        page.open()
        page.run_all_from_menu()
        seen: list[tuple[int, str]] = []  # (output nodes, last rendered line) while the fit cell runs
        deadline = time.monotonic() + RUN_TIMEOUT
        while time.monotonic() < deadline:
            state = page.read_state()
            fit = state["cells"][1] if state.get("ready") and len(state["cells"]) > 1 else None
            if fit and fit["running"] and fit["rendered"]:
                seen.append((len(fit["output_texts"]), fit["output_texts"][-1]))
            if fit and fit["count"] is not None and not fit["running"] and state["status"] == "idle":
                break
            time.sleep(0.1)
        page.wait_until_all_ran()
        fit = page.state["cells"][1]
        assert not fit["errors"], fit["errors"]
        lines = fit["output_texts"]
        assert lines[0::2] == ["Epoch 1/3", "Epoch 2/3", "Epoch 3/3"], lines
        assert len(lines) == 6 and all(line.startswith("500/500 ") and " - loss: " in line for line in lines[1::2]), lines
        partial = {line.split()[0] for _, line in seen if "/500" in line and not line.startswith("500/500")}
        assert len(partial) >= 3, f"the bar did not visibly move while fit ran; seen: {seen[:20]}"
        assert max(nodes for nodes, _ in seen) <= 6, f"progress was appended, not updated in place: {seen[-5:]}"
        page.prepare_screenshot("Epoch 3/3")
        page.screenshot(SCREENSHOTS / "fit-progress.png")
    finally:
        lab_server.shut_down_sessions()
