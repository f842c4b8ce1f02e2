"""Where the suite writes: safe body file names, and an output folder written whole or not
at all.

Body files. ``bodies/<name>`` holds each article's cleaned body; :func:`body_name` makes
the name from the article_id, which comes from the user's corpus and may be anything:

- an id matching :data:`SAFE_ID` (ASCII letters, digits, ``_``, ``.``, ``-``, starting
  with a letter, digit or ``_``, at most 100 characters, not a Windows device name such
  as ``con`` or ``aux.1``) keeps ``<article_id>.txt``: the seed ids and ordinary ids are
  unchanged;
- any other id (``../../x``, ``./b``, an absolute path, NUL, spaces, non-ASCII, 300
  characters) gets ``<slug>~<hash>.txt``: ``slug`` is the id's first 40 safe characters
  (runs of other characters become ``_``, ``id`` when none are left), ``hash`` the first
  32 hex digits of the SHA-256 of the id's UTF-8 bytes. ``~`` never occurs in a safe id, so
  the two kinds of names cannot meet; every name is ASCII and at most 77 bytes long.

The name is deterministic (the same id always gives the same file). :class:`BodyNames`
refuses two ids of one corpus whose names differ only in letter case (``B`` and ``b``):
on macOS and Windows they would be one file. :func:`body_path` checks that the resolved
path stays in the bodies folder.

The output folder. :func:`output_folder` gives a command a private staging folder
(``mkdtemp``, mode 0700) inside ``--out``, under an exclusive lock on
``--out/.framing.lock`` (a second run into the same folder fails at once), and moves the
staged entries into place only when the command completed. Until then the previous
output stays as it was; a failed or interrupted run removes its staging folder. What a
command wrote is listed in ``--out/.framing-output.json``: an entry of a previous run of
the same command that this run does not write again is removed (so ``bodies/`` holds
exactly this run's articles); an existing file or folder the suite did not write is never
overwritten (the run is refused before it starts). ``--out`` must not contain the corpus
nor lie inside a corpus folder.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import shutil
import signal
import tempfile
import threading
from contextlib import contextmanager
from pathlib import Path
from typing import Iterable, Iterator

__all__ = ["SAFE_ID", "body_name", "body_path", "BodyNames", "OutputError", "output_folder",
           "BOOKKEEPING", "LOCK", "MANIFEST"]

#: Article ids that are used as they are for their body file name (``<id>.txt``).
SAFE_ID = re.compile(r"[A-Za-z0-9_][A-Za-z0-9_.-]{0,99}")
#: Windows device names: reserved whatever the extension (``con.txt``, ``aux.1.txt``).
_DEVICES = re.compile(r"(con|prn|aux|nul|com[0-9¹²³]|lpt[0-9¹²³])(\..*)?", re.IGNORECASE)
_SLUG_DROP = re.compile(r"[^A-Za-z0-9_-]+")
_SLUG_LENGTH = 40
_HASH_DIGITS = 32

#: The lock file and the manifest the suite keeps in ``--out``.
LOCK = ".framing.lock"
MANIFEST = ".framing-output.json"
_STAGING = ".framing-staging-"
_RETIRED = ".framing-old-"
#: Names in ``--out`` that are the suite's bookkeeping, not outputs.
BOOKKEEPING = frozenset({LOCK, MANIFEST})


class OutputError(Exception):
    """``--out`` cannot be used as asked; the message is one line (exit code 2)."""


def body_name(article_id: str) -> str:
    """The file name (in ``bodies/``) of the body of ``article_id``: ``<id>.txt`` for an
    id matching :data:`SAFE_ID`, else ``<slug>~<hash>.txt`` (see the module docstring)."""
    if SAFE_ID.fullmatch(article_id) and not _DEVICES.fullmatch(article_id):
        return f"{article_id}.txt"
    raw = article_id.encode("utf-8", "surrogatepass")
    slug = _SLUG_DROP.sub("_", article_id)[:_SLUG_LENGTH].strip("_-") or "id"
    return f"{slug}~{hashlib.sha256(raw).hexdigest()[:_HASH_DIGITS]}.txt"


def body_path(bodies: Path, article_id: str) -> Path:
    """``bodies/<body_name(article_id)>``, checked to resolve to a file directly inside
    ``bodies`` (so no id can write anywhere else)."""
    path = bodies / body_name(article_id)
    if path.resolve().parent != bodies.resolve():
        raise OutputError(f"{bodies}: the body of article {article_id!r} would be written "
                          f"outside the folder ({path.resolve()})")
    return path


class BodyNames:
    """The body names of one corpus: :meth:`add` refuses an id whose file would be the
    same file as an earlier id's on a case-insensitive file system (macOS, Windows)."""

    def __init__(self) -> None:
        self._seen: dict[str, tuple[str, str]] = {}

    def add(self, article_id: str, where: str) -> str:
        """The body name of ``article_id`` (read at ``where``, ``file[:line]``); raises
        ValueError naming both ids when it collides."""
        name = body_name(article_id)
        key = name.casefold()
        if key in self._seen and self._seen[key][0] != article_id:
            other, other_where = self._seen[key]
            raise ValueError(
                f"article_id {article_id!r} and {other!r} (at {other_where}) differ only in "
                f"letter case: their body files (bodies/{name}) would be one file on macOS "
                f"and Windows; rename one")
        self._seen[key] = (article_id, where)
        return name


# --- the output folder ------------------------------------------------------------

def _inside(path: Path, folder: Path) -> bool:
    return path == folder or folder in path.parents


def check_inputs(out: Path, inputs: Iterable[Path | str]) -> None:
    """Refuse an ``--out`` that contains an input (it could be overwritten, or read back
    as input next time) or lies inside an input folder (the outputs would be read as
    articles by the next run)."""
    target = out.resolve()
    for given in inputs:
        source = Path(given).resolve()
        if _inside(source, target):
            raise OutputError(f"--out {out}: contains the input {given}, which the run could "
                              f"overwrite; choose an output folder outside the input")
        if source.is_dir() and _inside(target, source):
            raise OutputError(f"--out {out}: is inside the corpus folder {given}, whose next "
                              f"run would read the outputs as articles; choose another folder")


def _prepare(out: Path) -> None:
    """Create ``out`` (and its parents); one-line errors for a file or no permission."""
    if out.exists() and not out.is_dir():
        raise OutputError(f"--out {out}: exists and is not a folder")
    try:
        out.mkdir(parents=True, exist_ok=True)
    except (FileExistsError, NotADirectoryError):
        raise OutputError(f"--out {out}: a part of the path is a file, not a folder") from None
    except OSError as err:
        raise OutputError(f"--out {out}: cannot create the folder: "
                          f"{err.strerror or err}") from None
    if not os.access(out, os.W_OK | os.X_OK):
        raise OutputError(f"--out {out}: not writable")


@contextmanager
def _locked(out: Path) -> Iterator[None]:
    """An exclusive, non-blocking lock on ``out/.framing.lock`` for the whole run."""
    path = out / LOCK
    try:
        fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o600)
    except OSError as err:
        raise OutputError(f"--out {out}: cannot create the lock file {LOCK}: "
                          f"{err.strerror or err}") from None
    try:
        try:
            import fcntl
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except ImportError:  # Windows
            import msvcrt
            msvcrt.locking(fd, msvcrt.LK_NBLCK, 1)
    except OSError:
        os.close(fd)
        holder = path.read_text(encoding="utf-8", errors="replace").strip()[:20]
        raise OutputError(f"--out {out}: another run is writing into this folder"
                          f"{f' (process {holder})' if holder.isdigit() else ''}; wait for "
                          f"it to finish or choose another folder") from None
    try:
        os.ftruncate(fd, 0)
        os.write(fd, f"{os.getpid()}\n".encode())
        yield
    finally:
        os.close(fd)  # closing releases the lock


def _read_manifest(out: Path) -> dict[str, list[str]]:
    try:
        data = json.loads((out / MANIFEST).read_text(encoding="utf-8"))
        return {str(k): [str(n) for n in v if _plain(str(n))]
                for k, v in data["written"].items()}
    except (OSError, ValueError, KeyError, TypeError, AttributeError):
        return {}


def _plain(name: str) -> bool:
    """A name directly in ``out`` (a hand-edited manifest cannot point elsewhere)."""
    return name not in ("", ".", "..") and "/" not in name and "\\" not in name \
        and name not in BOOKKEEPING


def _write_manifest(out: Path, manifest: dict[str, list[str]]) -> None:
    temporary = out / f"{MANIFEST}.new"
    temporary.write_text(json.dumps({"tool": "framing (python -m analysis)",
                                     "written": manifest}, indent=1, sort_keys=True) + "\n",
                         encoding="utf-8")
    os.replace(temporary, out / MANIFEST)


def _foreign(out: Path, names: Iterable[str], ours: set[str]) -> list[str]:
    return sorted(n for n in names if n not in ours and os.path.lexists(out / n))


def _refuse_foreign(out: Path, names: Iterable[str], ours: set[str]) -> None:
    foreign = _foreign(out, names, ours)
    if foreign:
        listed = ", ".join(foreign[:3]) + (" ..." if len(foreign) > 3 else "")
        raise OutputError(f"--out {out}: would overwrite {listed}, not written by this tool "
                          f"(not in {MANIFEST}); choose an empty or new folder")


def _remove_leftovers(out: Path) -> None:
    """Staging folders of runs that were killed (we hold the lock: nobody uses them)."""
    for entry in out.iterdir():
        if entry.name.startswith((_STAGING, _RETIRED)) and entry.is_dir():
            shutil.rmtree(entry, ignore_errors=True)


@contextmanager
def _signals_deferred() -> Iterator[None]:
    """Hold SIGINT and SIGTERM while the staged entries are renamed into place (a few
    renames), then deliver them: an interrupt never leaves half of each output."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    caught: list[int] = []
    wanted = [signal.SIGINT] + ([signal.SIGTERM] if hasattr(signal, "SIGTERM") else [])
    previous = {s: signal.signal(s, lambda signum, frame: caught.append(signum))
                for s in wanted}
    try:
        yield
    finally:
        for s, handler in previous.items():
            signal.signal(s, handler)
        for s in caught[:1]:
            signal.raise_signal(s)


def _publish(out: Path, stage: Path, command: str, ours: set[str]) -> None:
    """Move the staged entries into ``out``, retiring this command's previous entries."""
    manifest = _read_manifest(out)
    names = sorted(p.name for p in stage.iterdir())
    _refuse_foreign(out, names, ours)
    retired = Path(tempfile.mkdtemp(prefix=_RETIRED, dir=out))
    with _signals_deferred():
        for name in sorted(set(manifest.get(command, [])) | set(names)):
            if os.path.lexists(out / name):
                os.replace(out / name, retired / name)
        for name in names:
            os.replace(stage / name, out / name)
        manifest[command] = names
        for other in manifest:
            if other != command:
                manifest[other] = [n for n in manifest[other] if n not in names]
        _write_manifest(out, manifest)
    shutil.rmtree(retired, ignore_errors=True)


@contextmanager
def output_folder(out: str | Path, command: str, inputs: Iterable[Path | str],
                  entries: Iterable[str], legacy: tuple[str, str] | None = None
                  ) -> Iterator[Path]:
    """Run ``command``'s writing inside a private staging folder of ``out`` (yielded) and
    publish it into ``out`` when the block completes (see the module docstring).

    ``entries`` are the top-level names the command may write, checked before the run
    starts; ``inputs`` the corpus (and other inputs) ``out`` must not overlap;
    ``legacy`` = (file, first characters): a folder written by a version of the suite
    without a manifest, recognised by that file's beginning, counts as the command's own.
    Raises :class:`OutputError` (one line) when ``out`` cannot be used.
    """
    out = Path(out)
    check_inputs(out, inputs)
    _prepare(out)
    with _locked(out):
        manifest = _read_manifest(out)
        ours = {name for names in manifest.values() for name in names}
        if legacy and not manifest and _starts_with(out / legacy[0], legacy[1]):
            ours |= set(entries)
        _refuse_foreign(out, entries, ours)
        _remove_leftovers(out)
        stage = Path(tempfile.mkdtemp(prefix=_STAGING, dir=out))
        try:
            yield stage
            _publish(out, stage, command, ours)
        finally:
            shutil.rmtree(stage, ignore_errors=True)


def _starts_with(path: Path, prefix: str) -> bool:
    try:
        with open(path, encoding="utf-8", errors="replace") as handle:
            return handle.read(len(prefix)) == prefix
    except OSError:
        return False
