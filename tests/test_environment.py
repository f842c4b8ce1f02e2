"""pyproject.toml and environment.yml must name the same runtime dependencies."""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parents[1]
# conda-forge names that differ from the PyPI names (PyPI extras such as
# dask[dataframe] are dropped: conda-forge's dask package includes dask.dataframe)
CONDA_TO_PYPI: dict[str, str] = {}


def _split(spec: str) -> tuple[str, str]:
    name, version = re.match(r"^\s*([A-Za-z0-9_.\-]+)(?:\[[^\]]*\])?\s*(.*)$", spec).groups()
    name = re.sub(r"[-_.]+", "-", name).lower()
    return CONDA_TO_PYPI.get(name, name), version.replace(" ", "")


def pyproject_deps() -> dict[str, str]:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    return dict(_split(s) for s in project["dependencies"])


def conda_deps() -> dict[str, str]:
    env = yaml.safe_load((ROOT / "environment.yml").read_text())
    plain = [d for d in env["dependencies"] if isinstance(d, str)]
    deps = dict(_split(s) for s in plain)
    deps.pop("python"), deps.pop("pip")
    return deps


def test_runtime_dependencies_agree():
    assert pyproject_deps() == conda_deps()


def test_environment_installs_the_package_in_editable_mode():
    env = yaml.safe_load((ROOT / "environment.yml").read_text())
    pip = next(d["pip"] for d in env["dependencies"] if isinstance(d, dict))
    assert "-e ." in pip
    assert env["channels"] == ["conda-forge"]


def test_python_floor_agrees():
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    env = yaml.safe_load((ROOT / "environment.yml").read_text())
    assert project["requires-python"] == ">=3.11"
    assert "python>=3.11" in env["dependencies"]


# --- run.sh: what `bash run.sh test` installs outside .venv ---------------------------

def _setup_chromium(tmp_path: Path, uid: str, env: dict[str, str],
                    sudo_ok: bool = False) -> tuple[str, str]:
    """Run run.sh's setup_chromium with a fake apt-get, id and sudo on an otherwise empty
    PATH (no chromium anywhere); returns (stderr, the apt-get calls)."""
    import shutil
    import subprocess
    text = (ROOT / "run.sh").read_text(encoding="utf-8")
    function = re.search(r"^setup_chromium\(\) \{\n.*?^\}\n", text, re.M | re.S).group(0)
    fake = tmp_path / "bin"
    fake.mkdir()
    calls = tmp_path / "apt-calls"
    run_it = 'exec "$@"' if sudo_ok else "exit 1"
    scripts = {"apt-get": f'echo "apt-get $*" >> {calls}; echo APT-RUNS >&2',
               "id": f"echo {uid}",
               "sudo": f'[ "$1" = -n ] && shift; {run_it}'}
    for name, body in scripts.items():
        (fake / name).write_text(f"#!/bin/sh\n{body}\n", encoding="utf-8")
        (fake / name).chmod(0o755)
    for tool in ("cat", "true"):
        (fake / tool).symlink_to(shutil.which(tool))
    done = subprocess.run(["/bin/bash", "-c", f"set -euo pipefail\n{function}\n"
                           "VENV=.venv setup_chromium"], capture_output=True, text=True,
                          env={"PATH": str(fake), **env}, stdin=subprocess.DEVNULL)
    assert done.returncode == 0, done.stderr
    return done.stderr, calls.read_text() if calls.exists() else ""


def test_run_sh_says_what_it_installs_system_wide_before_it_does(tmp_path):
    stderr, calls = _setup_chromium(tmp_path, "0", {})
    assert calls.splitlines() == ["apt-get update -qq", "apt-get install -y -qq chromium"]
    notice = stderr.split("APT-RUNS")[0]  # everything said before apt-get runs
    assert "SYSTEM-WIDE" in notice and "chromium" in notice
    assert "tests/test_browser.py" in notice                     # why
    assert "Nothing else is installed outside .venv" in notice   # and nothing more
    assert "FRAMING_NO_APT=1" in notice and "FRAMING_CHROMIUM=" in notice  # how to skip


def test_run_sh_through_sudo_names_sudo(tmp_path):
    stderr, calls = _setup_chromium(tmp_path, "1000", {}, sudo_ok=True)
    assert "sudo -n apt-get install chromium" in stderr.split("APT-RUNS")[0]
    assert "apt-get install -y -qq chromium" in calls


@pytest.mark.parametrize("uid, env", [("0", {"FRAMING_NO_APT": "1"}),
                                      ("0", {"FRAMING_CHROMIUM": "/opt/chromium"}),
                                      ("1000", {})])  # no password-less sudo
def test_run_sh_installs_nothing_when_told_or_not_allowed(tmp_path, uid, env):
    stderr, calls = _setup_chromium(tmp_path, uid, env)
    assert calls == ""
    if "FRAMING_CHROMIUM" not in env:
        assert "browser test skips" in stderr


def test_ci_runs_the_readme_test_command():
    assert "bash run.sh test" in (ROOT / ".ci" / "run").read_text(encoding="utf-8")
