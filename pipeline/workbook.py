"""Stage 5 — write, the Excel workbook: ``OUTPUT/tables.xlsx``, one sheet per table, written with XlsxWriter in
its streaming ``constant_memory`` mode (each row goes to disk as it is written; memory does not grow with the
number of rows).

- Every sheet has a bold, frozen header row, an autofilter over its rows and readable column widths.
- Counts, offsets, confidence, latitude and longitude are numbers; ids, dates and all other cells are text cells:
  never a formula (``strings_to_formulas`` off and every text written with ``write_string``), never a link
  (``strings_to_urls`` off), never a number or a date made out of text ("0017", "2023-09" stay as written). A text
  that a spreadsheet would run as a formula once edited (``=…``, ``+…``, ``-…``, ``@…``) is also marked "quote
  prefix", as Excel marks a cell typed with a leading apostrophe.
- Excel's limits are handled, not hit: a sheet holds at most 1,048,576 rows (header included); further rows
  continue on a next sheet of the same table (``quotes 2``, ``quotes 3``, … after the other sheets); a cell holds
  at most 32,767 characters: a longer text is cut and ends with :data:`CUT_MARK`.
- The file is deterministic (fixed creation date in its properties), so a rerun's workbook is byte-identical to
  a clean run's. It is written to a temporary file next to its final path; :class:`pipeline.write.TableWriter`
  renames it into place together with the CSV files.
"""
from __future__ import annotations

import datetime
import hashlib
import os
import shutil
import tempfile
from pathlib import Path
from typing import Sequence

from .cells import DECIMAL, is_number_column, looks_like_formula

MAX_ROWS = 1_048_576  # rows per sheet, header included (Excel 2007+)
MAX_CELL = 32_767  # characters per cell
CUT_MARK = " [… cut: Excel allows 32,767 characters in a cell]"
SCRATCH_PREFIX = ".tables-xlsx-"  # hidden folder in the output directory for XlsxWriter's temporary files
CREATED = datetime.datetime(2000, 1, 1)  # fixed document date: the same tables give the same file

# column widths in characters (Excel's unit); columns not listed get DEFAULT_WIDTH
WIDTHS = {"quote": 80, "sentence": 80, "title": 40, "article_title": 40, "text": 28, "canonical": 28,
          "speaker": 28, "speaker_text": 32, "name": 32, "article_ids": 40, "source": 36, "article_source": 36,
          "url": 36, "status": 30, "verbatim": 40, "model": 24, "quote_id": 18, "article_id": 18}
DEFAULT_WIDTH = 12
NUMBER_WIDTH = 11


class WorkbookWriter:
    """Rows in, one workbook out: :meth:`add` rows per table (in order), then :meth:`close` (returns the path of the
    finished temporary file) or :meth:`discard`. ``tables``: sheet name -> columns, in sheet order."""

    def __init__(self, out_dir: Path, tables: dict[str, Sequence[str]]):
        import xlsxwriter

        fd, self.tmp = tempfile.mkstemp(prefix=".tables.", suffix=".xlsx.tmp", dir=out_dir)
        os.close(fd)
        # XlsxWriter's per-sheet row files (constant_memory) go to a hidden folder of their own, removed at the end
        self.scratch = tempfile.mkdtemp(prefix=SCRATCH_PREFIX, dir=out_dir)
        self.book = xlsxwriter.Workbook(self.tmp, {
            "constant_memory": True, "strings_to_formulas": False, "strings_to_urls": False,
            "strings_to_numbers": False, "tmpdir": self.scratch})
        self.book.set_properties({"created": CREATED, "title": "pipeline tables"})
        self.header = self.book.add_format({"bold": True, "bg_color": "#E8EEF4", "bottom": 1})
        self.quoted = self.book.add_format({"quote_prefix": True})
        self.columns = dict(tables)
        self.sheets: dict[str, list] = {}  # table -> [worksheets]
        self.rows: dict[str, int] = {}  # table -> rows on its current (last) worksheet, header included
        for table in self.columns:
            self._new_sheet(table)

    def _new_sheet(self, table: str) -> None:
        parts = self.sheets.setdefault(table, [])
        sheet = self.book.add_worksheet(table if not parts else f"{table} {len(parts) + 1}")
        columns = self.columns[table]
        for col, name in enumerate(columns):
            width = NUMBER_WIDTH if is_number_column(name) else WIDTHS.get(name, DEFAULT_WIDTH)
            sheet.set_column(col, col, width)
            sheet.write_string(0, col, name, self.header)
        sheet.freeze_panes(1, 0)
        parts.append(sheet)
        self.rows[table] = 1

    def add(self, table: str, cells: Sequence) -> None:
        """One row of ``table``: cells in the order of its columns (str, int, float, or None/"" for empty)."""
        if self.rows[table] >= MAX_ROWS:
            self._finish_sheet(table)
            self._new_sheet(table)
        sheet, row = self.sheets[table][-1], self.rows[table]
        for col, (name, value) in enumerate(zip(self.columns[table], cells)):
            if value is None or value == "":
                continue
            if is_number_column(name):
                sheet.write_number(row, col, float(value) if name in DECIMAL else int(value))
                continue
            text = str(value)
            if len(text) > MAX_CELL:
                text = text[:MAX_CELL - len(CUT_MARK)] + CUT_MARK
            if looks_like_formula(text):
                sheet.write_string(row, col, text, self.quoted)
            else:
                sheet.write_string(row, col, text)
        self.rows[table] = row + 1

    def _finish_sheet(self, table: str) -> None:
        sheet = self.sheets[table][-1]
        last = max(self.rows[table] - 1, 1)
        sheet.autofilter(0, 0, last, len(self.columns[table]) - 1)

    def close(self) -> str:
        """Finish every sheet and the file; the path of the complete temporary file."""
        for table in self.columns:
            self._finish_sheet(table)
        try:
            self.book.close()
        finally:
            shutil.rmtree(self.scratch, ignore_errors=True)
        return self.tmp

    def discard(self) -> None:
        try:
            self.book.close()
        except Exception:  # noqa: BLE001 - already failing; only the temporary file matters
            pass
        shutil.rmtree(self.scratch, ignore_errors=True)
        Path(self.tmp).unlink(missing_ok=True)


def format_version() -> str:
    """What the workbook's bytes depend on besides the rows: this module and the XlsxWriter version (a rerun
    after either changed writes the workbook again)."""
    import importlib.metadata

    try:
        version = importlib.metadata.version("XlsxWriter")
    except importlib.metadata.PackageNotFoundError:  # pragma: no cover - a dependency
        version = "-"
    return hashlib.sha256(Path(__file__).read_bytes() + f"\nXlsxWriter=={version}".encode()).hexdigest()
