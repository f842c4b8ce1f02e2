#!/usr/bin/env bash
# One entry point for the two quick-start commands:
#   bash run.sh report   set everything up, then build the report site on the seed corpus
#   bash run.sh test     set everything up, then run the test suite
# Set-up is idempotent: a virtual environment in .venv, the package installed
# editable with its test extras, reinstalled only when pyproject.toml changes.
set -euo pipefail
cd "$(dirname "$0")"

PYTHON=${PYTHON:-python3}
VENV=${VENV:-.venv}

setup_python() {
    if [ ! -x "$VENV/bin/python" ]; then
        echo "==> creating $VENV"
        "$PYTHON" -m venv "$VENV"
    fi
    local stamp="$VENV/.framing-installed"
    if [ ! -f "$stamp" ] || ! cmp -s pyproject.toml "$stamp"; then
        echo "==> installing framing and its dependencies into $VENV"
        "$VENV/bin/python" -m pip install --quiet --upgrade pip
        "$VENV/bin/python" -m pip install --quiet -e ".[test,bench]"
        cp pyproject.toml "$stamp"
    fi
    # JupyterLab in this environment opens notebooks/*.py as notebooks (jupytext's
    # viewer), not in the text editor: its app-level settings overrides
    local settings="$VENV/share/jupyter/lab/settings"
    if ! cmp -s jupyter/overrides.json "$settings/overrides.json"; then
        mkdir -p "$settings"
        cp jupyter/overrides.json "$settings/overrides.json"
    fi
}

# The browser test (tests/test_browser.py) drives Debian's Chromium; install it when
# missing (root, or sudo without a password). Elsewhere the test skips, except under CI.
setup_chromium() {
    if command -v chromium >/dev/null 2>&1 || [ -n "${FRAMING_CHROMIUM:-}" ]; then
        return
    fi
    if ! command -v apt-get >/dev/null 2>&1; then
        echo "==> no apt-get: install Chromium yourself for the browser test" >&2
        return
    fi
    local sudo=""
    if [ "$(id -u)" != 0 ]; then
        if sudo -n true 2>/dev/null; then sudo="sudo -n"; else
            echo "==> not root and no sudo: install chromium for the browser test" >&2
            return
        fi
    fi
    echo "==> installing chromium (apt) for the browser test"
    $sudo apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq chromium >/dev/null
}

cmd=${1:-}
shift || true
case "$cmd" in
    report)
        setup_python
        "$VENV/bin/python" -m analysis report --out build/report "$@"
        ;;
    test)
        setup_python
        setup_chromium
        "$VENV/bin/python" -m pytest "$@"
        ;;
    *)
        echo "usage: bash run.sh report|test [extra arguments]" >&2
        exit 64
        ;;
esac
