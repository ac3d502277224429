"""Helpers for the browser test: a JupyterLab server on loopback and headless Chromium.

The server is the JupyterLab of the test venv, started on a free 127.0.0.1 port with a random
token and a temporary root, config, runtime, settings and workspaces directory, so neither the
user's Jupyter configuration nor a saved workspace changes what the browser sees. Kernels come
from the same kernelspecs jupyter_client resolves (the venv's, where `make kernelspec` installs).

Chromium is Debian's `chromium` driven through `chromium-driver` (selenium, no driver download).
"""

from __future__ import annotations

import json
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from pathlib import Path
from typing import Any

CHROMIUM_NAMES = ("chromium", "chromium-browser", "google-chrome")
CHROMEDRIVER_NAMES = ("chromedriver",)
WINDOW_SIZE = (1280, 1600)

# JupyterLab user settings written before start: no news/update prompt (a toast asking whether
# to fetch news, which would also mean network access), and every cell attached to the DOM so the
# test can read outputs of cells outside the viewport.
LAB_SETTINGS = {
    "@jupyterlab/apputils-extension/notification.jupyterlab-settings": {
        "fetchNews": "false",
        "checkForUpdates": False,
    },
    "@jupyterlab/notebook-extension/tracker.jupyterlab-settings": {"windowingMode": "none"},
}


def find_executable(names: tuple[str, ...]) -> str | None:
    """The first of `names` on PATH (or in /usr/bin, which a trimmed PATH may lack)."""
    for name in names:
        found = shutil.which(name) or shutil.which(name, path="/usr/bin:/usr/lib/chromium")
        if found:
            return found
    return None


def missing_browser_reason() -> str | None:
    """Why the browser test cannot run here, or None when Chromium, its driver and selenium exist."""
    missing = []
    if find_executable(CHROMIUM_NAMES) is None:
        missing.append("chromium")
    if find_executable(CHROMEDRIVER_NAMES) is None:
        missing.append("chromium-driver")
    if missing:
        return f"Debian package(s) {' '.join(missing)} not installed (`make setup` installs them)"
    try:
        import selenium  # noqa: F401
    except ImportError:
        return "selenium is not installed in this venv (`make setup` installs it)"
    try:
        import jupyterlab  # noqa: F401
    except ImportError:
        return "jupyterlab is not installed in this venv (`make setup` installs it)"
    return None


def free_port() -> int:
    """A TCP port on 127.0.0.1 that nothing listens on right now."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class JupyterLabServer:
    """`jupyter lab` on 127.0.0.1:<free port> serving `root`; stop() kills it and its kernels."""

    def __init__(self, root: Path, token: str) -> None:
        self.root = root
        self.token = token
        self.home = Path(tempfile.mkdtemp(prefix="swift-rnn-lab-home-"))
        self.log_path = self.home / "server.log"
        self.process: subprocess.Popen[bytes] | None = None
        self.port = 0

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def start(self, timeout: float = 90.0) -> None:
        settings = self.home / "settings"
        for relative, values in LAB_SETTINGS.items():
            path = settings / relative
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(json.dumps(values))
        env = dict(os.environ)
        env.update(
            JUPYTER_CONFIG_DIR=str(self.home / "config"),
            JUPYTER_RUNTIME_DIR=str(self.home / "runtime"),
        )
        # A port taken between free_port() and the bind makes the server exit (port_retries=0):
        # try another one rather than fail.
        for _attempt in range(3):
            self.port = free_port()
            command = [
                sys.executable, "-m", "jupyterlab",
                "--no-browser",
                "--ip=127.0.0.1",
                f"--port={self.port}",
                "--ServerApp.port_retries=0",
                f"--IdentityProvider.token={self.token}",
                f"--ServerApp.root_dir={self.root}",
                "--ServerApp.terminals_enabled=False",
                f"--LabApp.user_settings_dir={settings}",
                f"--LabApp.workspaces_dir={self.home / 'workspaces'}",
                "--LabApp.expose_app_in_browser=True",
                "--LabApp.extension_manager=readonly",
                "--LabApp.check_for_updates_class=jupyterlab.NeverCheckForUpdate",
                "--LabApp.news_url=",
            ]
            if os.geteuid() == 0:  # containers and CI runners are often root; Jupyter refuses without this
                command.append("--allow-root")
            with open(self.log_path, "ab") as log:
                self.process = subprocess.Popen(
                    command, stdout=log, stderr=subprocess.STDOUT, env=env, start_new_session=True
                )
            if self._wait_until_up(timeout):
                return
            if "already in use" not in self.log_tail():
                break
        raise RuntimeError(f"JupyterLab did not start; its log:\n{self.log_tail()}")

    def _wait_until_up(self, timeout: float) -> bool:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            assert self.process is not None
            if self.process.poll() is not None:
                return False
            try:
                self.api("GET", "/api/status")
                return True
            except (urllib.error.URLError, ConnectionError, TimeoutError):
                time.sleep(0.25)
        log = self.log_tail()
        self.stop()
        raise RuntimeError(f"JupyterLab did not answer within {timeout:.0f} s; its log:\n{log}")

    def api(self, method: str, path: str) -> Any:
        """One call of the server's REST API with the token; the decoded JSON body (or None)."""
        request = urllib.request.Request(
            self.url + path, method=method, headers={"Authorization": f"token {self.token}"}
        )
        with urllib.request.urlopen(request, timeout=10) as response:
            body = response.read()
        return json.loads(body) if body else None

    def lab_url(self, notebook: str) -> str:
        """The page that opens `notebook` in a fresh (reset) workspace."""
        return f"{self.url}/lab/tree/{notebook}?reset&token={self.token}"

    def shut_down_sessions(self) -> None:
        """End every session and its kernel, so the next notebook starts from a clean server."""
        for session in self.api("GET", "/api/sessions") or []:
            self.api("DELETE", f"/api/sessions/{session['id']}")

    def log_tail(self, lines: int = 40) -> str:
        try:
            return "\n".join(self.log_path.read_text(errors="replace").splitlines()[-lines:])
        except OSError:
            return "(no server log)"

    def stop(self) -> None:
        """Ask the server to stop, then kill its process group (the server and any kernel left)."""
        process, self.process = self.process, None
        if process is not None and process.poll() is None:
            try:
                self.api("POST", "/api/shutdown")
                process.wait(timeout=10)
            except Exception:
                pass
            if process.poll() is None:
                try:
                    os.killpg(process.pid, 9)
                except ProcessLookupError:
                    pass
                process.wait(timeout=10)
        shutil.rmtree(self.home, ignore_errors=True)


def start_chromium(download_dir: Path) -> Any:
    """Headless Chromium through Debian's chromedriver, at WINDOW_SIZE, with a throwaway profile."""
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = find_executable(CHROMIUM_NAMES) or ""
    for argument in (
        "--headless=new",
        "--no-sandbox",  # the sandbox needs user namespaces, which containers and root lack
        "--disable-dev-shm-usage",  # /dev/shm is tiny in containers
        "--disable-gpu",
        "--no-first-run",
        "--no-default-browser-check",
        "--hide-scrollbars",
        f"--window-size={WINDOW_SIZE[0]},{WINDOW_SIZE[1]}",
        f"--user-data-dir={download_dir / 'profile'}",
    ):
        options.add_argument(argument)
    options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    service = Service(executable_path=find_executable(CHROMEDRIVER_NAMES))
    driver = webdriver.Chrome(service=service, options=options)
    # --window-size includes the (invisible) window frame; pin the page's own viewport instead, so
    # screenshots are exactly WINDOW_SIZE.
    driver.execute_cdp_cmd("Emulation.setDeviceMetricsOverride", {
        "width": WINDOW_SIZE[0], "height": WINDOW_SIZE[1], "deviceScaleFactor": 1, "mobile": False,
    })
    driver.set_page_load_timeout(60)
    driver.set_script_timeout(30)
    return driver


def browser_console(driver: Any, lines: int = 30) -> str:
    """The last console messages of the page (errors from JupyterLab's front end end up here)."""
    try:
        entries = driver.get_log("browser")
    except Exception as error:  # the driver may be gone
        return f"(no console log: {error})"
    return "\n".join(f"{entry['level']}: {entry['message']}" for entry in entries[-lines:])
