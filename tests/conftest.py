"""pytest fixtures for the end-to-end tests of the swift-rnn kernel.

Run from the repository root:  .venv/bin/pytest tests
Against ipykernel (to validate the harness):  KERNEL_NAME=python3 .venv/bin/pytest tests
"""

from __future__ import annotations

import os
import sys
import tempfile
from typing import Any, Iterator

import pytest

sys.path.insert(0, os.path.dirname(__file__))

import kernel_support as ks  # noqa: E402

_TIMINGS: list[tuple[str, str]] = []


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line(
        "markers", "swift_rnn_only: behaviour specific to the swift-rnn kernel (skipped on ipykernel)"
    )
    config.addinivalue_line("markers", "fuzz: the long fuzz run (deselect with -m 'not fuzz')")
    if ks.is_ipykernel():
        # ipykernel keeps history in a shared sqlite file, so one kernel's cells show up in another's
        # `tail`; give it a private IPython dir with in-memory history, like our kernel's.
        ipython_dir = tempfile.mkdtemp(prefix="swift-rnn-tests-ipython-")
        profile = os.path.join(ipython_dir, "profile_default")
        os.makedirs(profile)
        with open(os.path.join(profile, "ipython_kernel_config.py"), "w") as config_file:
            config_file.write('c.HistoryManager.hist_file = ":memory:"\n')
        os.environ["IPYTHONDIR"] = ipython_dir


def pytest_report_header(config: pytest.Config) -> list[str]:
    try:
        spec = ks.kernel_spec()
        where = " ".join(spec.argv)
    except Exception as error:  # the kernel is not installed yet
        where = f"NOT FOUND ({error.__class__.__name__})"
    kind = "ipykernel (harness validation)" if ks.is_ipykernel() else "swift-rnn"
    return [f"kernel under test: {ks.KERNEL_NAME} [{kind}]: {where}"]


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    if ks.is_ours():
        return
    skip = pytest.mark.skip(reason=f"specific to the swift-rnn kernel (KERNEL_NAME={ks.KERNEL_NAME})")
    for item in items:
        if "swift_rnn_only" in item.keywords:
            item.add_marker(skip)


def pytest_terminal_summary(terminalreporter: Any) -> None:
    if not _TIMINGS:
        return
    terminalreporter.section(f"timings ({ks.KERNEL_NAME})")
    width = max(len(name) for name, _ in _TIMINGS)
    for name, value in _TIMINGS:
        terminalreporter.write_line(f"{name:<{width}}  {value}")


@pytest.fixture(scope="session")
def record_timing() -> Any:
    """record_timing(name, seconds_or_text): shown in the terminal summary."""

    def record(name: str, value: float | str) -> None:
        text = f"{value * 1000:9.1f} ms" if isinstance(value, float) else str(value)
        _TIMINGS.append((name, text))

    return record


@pytest.fixture(scope="session")
def kernel_name() -> str:
    return ks.KERNEL_NAME


@pytest.fixture(scope="module")
def kernel() -> Iterator[tuple[Any, Any]]:
    """(KernelManager, BlockingKernelClient) shared by a module; not for destructive tests."""
    km, kc = ks.start_kernel()
    yield km, kc
    ks.stop_kernel(km, kc)


@pytest.fixture
def kc(kernel: tuple[Any, Any]) -> Iterator[Any]:
    """The module kernel's client, with stale messages flushed.

    After the test the kernel must still answer kernel_info; if it died or hangs, the test gets an
    error at teardown and the kernel is restarted so the rest of the module can run.
    """
    manager, client = kernel
    ks.flush(client, wait=0.01)
    yield client
    dead = not manager.is_alive()
    if dead or not ks.alive(client, timeout=3):
        manager.restart_kernel(now=True)
        client.wait_for_ready(timeout=60)
        ks.flush(client)
        pytest.fail(f"kernel {'died' if dead else 'stopped answering'} during this test (restarted)")


@pytest.fixture
def km(kernel: tuple[Any, Any]) -> Any:
    return kernel[0]


@pytest.fixture
def fresh_kernel() -> Iterator[tuple[Any, Any]]:
    """A kernel of its own for one test (shutdown, restart, signals)."""
    km, kc = ks.start_kernel()
    yield km, kc
    ks.stop_kernel(km, kc)
