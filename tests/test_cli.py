"""The swift-rnn-kernel command line: install writes a kernelspec Jupyter can use; --help, --version."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest
from jupyter_client.kernelspec import KernelSpecManager

sys.path.insert(0, os.path.dirname(__file__))

import kernel_support as ks  # noqa: E402

pytestmark = pytest.mark.swift_rnn_only


@pytest.fixture(scope="module")
def binary() -> str:
    if not ks.is_ours():
        pytest.skip("CLI of the swift-rnn kernel")
    return ks.kernel_binary()


def run(binary: str, *args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run([binary, *args], capture_output=True, text=True, timeout=30, env=env)


def test_install_prefix_writes_a_usable_kernelspec(binary: str, tmp_path) -> None:
    result = run(binary, "install", "--prefix", str(tmp_path))
    assert result.returncode == 0, result.stderr
    spec_dir = tmp_path / "share" / "jupyter" / "kernels" / "swift-rnn"
    spec = json.loads((spec_dir / "kernel.json").read_text())
    assert spec["argv"] == [os.path.realpath(binary), "--connection-file", "{connection_file}"]
    assert spec["display_name"] == "Swift RNN"
    assert spec["interrupt_mode"] == "message"
    assert spec["language"] == ks.spec_language()  # the same name kernel_info reports
    assert {"logo-32x32.png", "logo-64x64.png", "logo-svg.svg"} <= {p.name for p in spec_dir.iterdir()}
    # jupyter_client finds it there, as it would for ipykernel's --prefix
    manager = KernelSpecManager(kernel_dirs=[str(tmp_path / "share" / "jupyter" / "kernels")])
    assert manager.get_kernel_spec("swift-rnn").display_name == "Swift RNN"


def test_install_user_honours_jupyter_data_dir(binary: str, tmp_path) -> None:
    env = dict(os.environ, JUPYTER_DATA_DIR=str(tmp_path))
    result = run(binary, "install", "--user", "--name", "swift-rnn-test", env=env)
    assert result.returncode == 0, result.stderr
    assert (tmp_path / "kernels" / "swift-rnn-test" / "kernel.json").is_file()


def test_install_rejects_two_locations(binary: str, tmp_path) -> None:
    result = run(binary, "install", "--user", "--prefix", str(tmp_path))
    assert result.returncode != 0
    assert "at most one" in result.stderr


def test_version_and_help(binary: str) -> None:
    version = run(binary, "--version")
    assert version.returncode == 0 and version.stdout.strip()[0].isdigit()
    help_text = run(binary, "--help").stdout
    assert "install" in help_text and "connection" in help_text.lower()
