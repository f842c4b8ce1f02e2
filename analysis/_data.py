"""Where the shipped data files (registries, seed corpus) are.

In a source checkout (and an editable install) they are the top-level ``data/``
folder users edit; in a wheel they are installed as the package resource
``analysis.data`` (see pyproject.toml).
"""

from __future__ import annotations

from importlib import resources
from pathlib import Path

_CHECKOUT = Path(__file__).resolve().parent.parent / "data"


def data_path(*parts: str) -> Path:
    """Path of a shipped data file, e.g. ``data_path("lexicon.yaml")``."""
    if (_CHECKOUT / "cleaning.yaml").is_file():
        return _CHECKOUT.joinpath(*parts)
    return Path(str(resources.files("analysis.data").joinpath(*parts)))
