#!/usr/bin/env bash
# One entry point for the two quick-start commands:
#   bash run.sh report   set everything up, then build the report site on the seed corpus
#   bash run.sh test     set everything up, then run the test suite
# Set-up is idempotent: a virtual environment in .venv, the package installed
# editable with its test extras, reinstalled only when pyproject.toml changes.
# The one system-wide change: `test` installs Chromium with apt when it is missing
# (setup_chromium below says so first; FRAMING_NO_APT=1 skips it).
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
        echo "==> installing framing and its Python dependencies into $VENV (nothing" \
             "outside it; a few minutes the first time)"
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

# The browser test (tests/test_browser.py) drives Debian's Chromium. When no chromium is
# found, `test` installs that one system package with apt (as root, or through sudo
# without a password), after saying so. Everything else goes into $VENV. Skip it with
# FRAMING_CHROMIUM=/path/to/chromium (use yours) or FRAMING_NO_APT=1 (the browser test
# then skips, except under CI, where it fails).
setup_chromium() {
    if [ -n "${FRAMING_CHROMIUM:-}" ] || command -v chromium >/dev/null 2>&1 \
            || command -v chromium-browser >/dev/null 2>&1; then
        return
    fi
    if [ -n "${FRAMING_NO_APT:-}" ]; then
        echo "==> FRAMING_NO_APT is set: Chromium not installed; the browser test skips" >&2
        return
    fi
    if ! command -v apt-get >/dev/null 2>&1; then
        echo "==> no apt-get: the browser test skips; install Chromium yourself and set" \
             "FRAMING_CHROMIUM=/path/to/chromium to run it" >&2
        return
    fi
    local sudo=""
    if [ "$(id -u)" != 0 ]; then
        if sudo -n true 2>/dev/null; then sudo="sudo -n "; else
            echo "==> not root and no password-less sudo: Chromium not installed, the" \
                 "browser test skips (install it yourself, or set FRAMING_CHROMIUM)" >&2
            return
        fi
    fi
    cat >&2 <<NOTICE
==> SYSTEM-WIDE INSTALL: the browser test (tests/test_browser.py) opens the report in
    Chromium, which is not installed. This installs one Debian package (and the
    packages it depends on) for the whole system:
        ${sudo}apt-get update && ${sudo}apt-get install chromium
    Nothing else is installed outside $VENV.
    To skip it: FRAMING_NO_APT=1 bash run.sh test (the browser test then skips), or
    FRAMING_CHROMIUM=/path/to/chromium bash run.sh test (uses your Chromium).
NOTICE
    if [ -t 0 ]; then
        echo "    Starting in 10 seconds; Ctrl-C to stop." >&2
        sleep 10
    fi
    ${sudo}apt-get update -qq
    DEBIAN_FRONTEND=noninteractive ${sudo}apt-get install -y -qq chromium >/dev/null
    echo "==> chromium installed: $(command -v chromium)" >&2
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
