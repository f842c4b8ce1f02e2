#!/usr/bin/env bash
# One entry point for the two quick-start commands:
#   bash run.sh report   set everything up, then run the main job on the seed corpus
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
}

cmd=${1:-}
shift || true
case "$cmd" in
    report)
        setup_python
        "$VENV/bin/python" -m analysis measure --out build/tables "$@"
        ;;
    test)
        setup_python
        "$VENV/bin/python" -m pytest "$@"
        ;;
    *)
        echo "usage: bash run.sh report|test [extra arguments]" >&2
        exit 64
        ;;
esac
