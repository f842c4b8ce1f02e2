"""A wheel carries what `measure` and `report` need outside a checkout: the registries,
the seed corpus, the report's notebooks and its nbconvert template.

Builds the wheel from a copy of the sources (nothing is written into the checkout),
installs it into a bare folder, and runs the installed package from there.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
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
    out = tmp_path / "tables"
    subprocess.run([sys.executable, "-m", "analysis", "measure", "--out", str(out), "--quiet"],
                   check=True, cwd=tmp_path, env=env, capture_output=True)
    assert len((out / "articles.csv").read_text(encoding="utf-8").splitlines()) == 6  # 5 seeds
