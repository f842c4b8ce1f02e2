"""A wheel carries what `measure` and `report` need outside a checkout: the registries,
the seed corpus, the report's notebooks and its nbconvert template; building it (and the
editable install of run.sh) prints no warning caused by pyproject.toml.

Builds the wheel from a copy of the sources (nothing is written into the checkout),
installs it into a bare folder, and runs the installed package from there.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def test_wheel_ships_data_notebooks_and_template(tmp_path):
    source = tmp_path / "src"
    for name in ("analysis", "data", "notebooks"):
        shutil.copytree(ROOT / name, source / name,
                        ignore=shutil.ignore_patterns("__pycache__", "*.pyc"))
    for name in ("pyproject.toml", "README.md"):
        shutil.copy(ROOT / name, source / name)
    wheels = tmp_path / "wheels"
    subprocess.run([sys.executable, "-m", "pip", "wheel", "--quiet", "--no-deps",
                    "--no-build-isolation", "--wheel-dir", str(wheels), str(source)],
                   check=True, cwd=tmp_path)
    site = tmp_path / "site"
    subprocess.run([sys.executable, "-m", "pip", "install", "--quiet", "--no-deps",
                    "--target", str(site), *map(str, wheels.glob("*.whl"))],
                   check=True, cwd=tmp_path)
    env = {**os.environ, "PYTHONPATH": str(site)}
    probe = ("import analysis, analysis.report as r, analysis._data as d; "
             "print(analysis.__file__); print(d.data_path('lexicon.yaml')); "
             "print(sorted(str(p) for p in r.notebook_sources().values())[0]); "
             "print(r.TEMPLATES / 'framing' / 'index.html.j2')")
    lines = subprocess.run([sys.executable, "-c", probe], check=True, cwd=tmp_path, env=env,
                           capture_output=True, text=True).stdout.split("\n")
    package, lexicon, notebook, template = (Path(line) for line in lines[:4])
    for path in (package, lexicon, notebook, template):
        assert path.is_relative_to(site), path          # the wheel's files, not the checkout's
        assert path.is_file(), path
    assert notebook.name == "01_corpus_overview.py"
    # every subpackage of the sources is in the wheel: an editable install of the
    # checkout would otherwise supply a missing one unnoticed (its finder comes after)
    subpackages = sorted(".".join(init.parent.relative_to(ROOT).parts)
                         for init in (ROOT / "analysis").rglob("__init__.py")
                         if "__pycache__" not in init.parts)
    probe = "import importlib, sys; [print(importlib.import_module(n).__file__) for n in sys.argv[1:]]"
    files = subprocess.run([sys.executable, "-c", probe, *subpackages], check=True,
                           cwd=tmp_path, env=env, capture_output=True, text=True).stdout.split()
    assert len(files) == len(subpackages) >= 2
    for name, file in zip(subpackages, files):
        assert Path(file).is_relative_to(site), (name, file)
    out = tmp_path / "tables"
    subprocess.run([sys.executable, "-m", "analysis", "measure", "--out", str(out), "--quiet"],
                   check=True, cwd=tmp_path, env=env, capture_output=True)
    assert len((out / "articles.csv").read_text(encoding="utf-8").splitlines()) == 6  # 5 seeds


def test_building_prints_no_warning_from_our_pyproject(tmp_path):
    """`pip install -e .` (run.sh) and a wheel build run setuptools' build hooks; our
    pyproject.toml must not make them warn (a deprecated licence table, folders that
    "would be ignored"). The hooks are called directly: no network, about a second."""
    source = tmp_path / "src"
    for name in ("analysis", "data", "notebooks"):
        shutil.copytree(ROOT / name, source / name,
                        ignore=shutil.ignore_patterns("__pycache__", "*.pyc",
                                                      ".ipynb_checkpoints"))
    for name in ("pyproject.toml", "README.md"):
        shutil.copy(ROOT / name, source / name)
    (tmp_path / "wheel").mkdir()
    (tmp_path / "editable").mkdir()
    hooks = ("from setuptools import build_meta as b; "
             f"print(b.build_wheel({str(tmp_path / 'wheel')!r})); "
             f"print(b.build_editable({str(tmp_path / 'editable')!r}))")
    done = subprocess.run([sys.executable, "-W", "default", "-c", hooks], cwd=source,
                          capture_output=True, text=True,
                          env={**os.environ, "PYTHONWARNINGS": "default"})
    assert done.returncode == 0, done.stderr[-2000:]
    output = (done.stdout + done.stderr).replace(str(tmp_path), "TMP")  # its name says warn
    noise = [line for line in output.splitlines()
             if re.search(r"warn|deprecat|would be ignored", line, re.IGNORECASE)
             and "byte-compiling is disabled" not in line]  # the environment's, not ours
    assert noise == [], "\n".join(noise[:10])
    wheel = next((tmp_path / "wheel").glob("framing-*.whl"))
    with zipfile.ZipFile(wheel) as archive:
        metadata = archive.read("framing-0.1.0.dist-info/METADATA").decode("utf-8")
        names = archive.namelist()
    assert "License-Expression: MIT" in metadata.splitlines()
    assert "analysis/templates/framing/index.html.j2" in names
    assert "analysis/data/articles/004_2da944d1c626d1ab.md" in names
    assert not any(".ipynb_checkpoints" in name for name in names)
