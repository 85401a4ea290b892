#!/usr/bin/env bash
# Install what the kiosk needs on a Debian 12 machine (as root): apt packages, a virtualenv in
# .venv, the Python packages, and the compiled translations. Idempotent and quick when done.
set -euo pipefail
cd "$(dirname "$0")/.."

APT_PACKAGES=(python3 python3-venv fonts-noto-cjk libpulse0 libxcb-icccm4 libxcb-keysyms1 libxcb-cursor0
              libegl1 libgl1 libfontconfig1 libxkbcommon0 libxkbcommon-x11-0 libdbus-1-3 libzbar0 libusb-1.0-0)

missing=()
for package in "${APT_PACKAGES[@]}"; do
    dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed" || missing+=("$package")
done
if [ ${#missing[@]} -gt 0 ]; then
    echo "setup: installing ${missing[*]}" >&2
    export DEBIAN_FRONTEND=noninteractive
    SUDO=""; [ "$(id -u)" -eq 0 ] || SUDO="sudo"
    $SUDO apt-get update -qq
    $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

PYTHON=${PYTHON:-python3}
if [ ! -x .venv/bin/python ]; then
    echo "setup: creating .venv" >&2
    "$PYTHON" -m venv .venv
fi

# Reinstall only when the dependency list changed.
stamp=".venv/.kiosk-installed-$(sha256sum pyproject.toml | cut -c1-16)"
if [ ! -f "$stamp" ]; then
    echo "setup: installing Python packages" >&2
    .venv/bin/python -m pip install -q --upgrade pip >/dev/null
    .venv/bin/python -m pip install -q -e '.[dev,zbar]' --config-settings editable_mode=compat
    rm -f .venv/.kiosk-installed-*
    touch "$stamp"
fi

.venv/bin/python scripts/i18n.py build
