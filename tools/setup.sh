#!/usr/bin/env bash
# Installs what the build and the tests need on a fresh Debian machine with Swift:
# the C libraries and Chromium (apt) and a Python venv with the Jupyter tools (PyPI). Idempotent and quiet
# when everything is already there.
set -euo pipefail
cd "$(dirname "$0")/.."

# chromium + chromium-driver: the browser test (tests/test_browser.py) drives JupyterLab with them.
apt_packages=(pkg-config libzmq3-dev libopenblas-dev chromium chromium-driver)
missing=()
for package in "${apt_packages[@]}"; do
    dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed" || missing+=("$package")
done
if [ ${#missing[@]} -gt 0 ]; then
    echo "setup: installing Debian packages: ${missing[*]}"
    sudo_cmd=()
    [ "$(id -u)" -eq 0 ] || sudo_cmd=(sudo)
    "${sudo_cmd[@]}" apt-get update -qq
    DEBIAN_FRONTEND=noninteractive "${sudo_cmd[@]}" apt-get install -y -qq "${missing[@]}" >/dev/null
fi

# The venv is rebuilt only when tools/requirements.txt changes (or the metadata of the local
# papermill translator it installs editable: its code is read in place, its entry points are not).
stamp=.venv/.requirements.sha256
wanted=$(cat tools/requirements.txt tools/papermill-swift-rnn/pyproject.toml | sha256sum | cut -d' ' -f1)
if [ ! -x .venv/bin/python ] || [ "$(cat "$stamp" 2>/dev/null)" != "$wanted" ]; then
    echo "setup: creating the Python venv (.venv) with the Jupyter tools"
    python3 -m venv .venv
    .venv/bin/pip install -q --disable-pip-version-check -r tools/requirements.txt
    echo "$wanted" > "$stamp"
fi
