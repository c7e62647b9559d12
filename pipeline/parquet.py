"""The six tables as Parquet files (``pipeline run --format parquet``): ``articles.parquet``, ``entities.parquet``,
``quotes.parquet``, ``persons.parquet``, ``places.parquet``, ``organizations.parquet`` next to the CSV files, for
corpora too large for a spreadsheet (pandas, DuckDB, Polars, Spark read them directly).

Written by :class:`pipeline.write.TableWriter` in the same streaming pass as the CSV files (rows are buffered per
table and written as row groups of :data:`ROW_GROUP` rows, so memory stays flat), each to a temporary file renamed
into place with the others. Types: the counts and offsets are 64-bit integers (null where the CSV cell is empty),
``confidence``/``latitude``/``longitude`` doubles, everything else UTF-8 strings exactly as extracted (no formula
apostrophes: Parquet is read by programs, not spreadsheets). pyarrow is needed (the ``[parquet]`` extra)."""
from __future__ import annotations

import os
import tempfile
from pathlib import Path
from typing import Mapping, Sequence

from .cells import DECIMAL, NUMERIC

ROW_GROUP = 50_000


def _schema(columns: Sequence[str]):
    import pyarrow as pa

    def kind(column: str):
        return pa.int64() if column in NUMERIC else pa.float64() if column in DECIMAL else pa.string()

    return pa.schema([pa.field(c, kind(c)) for c in columns])


def _cell(column: str, value):
    if value is None or value == "" and (column in NUMERIC or column in DECIMAL):
        return None
    if column in NUMERIC:
        return int(value)
    if column in DECIMAL:
        return float(value)
    return str(value)


class ParquetTables:
    """One Parquet writer per table; :meth:`add` rows, then :meth:`close` (temporary paths by table) or
    :meth:`discard`."""

    def __init__(self, out_dir: Path, tables: Mapping[str, Sequence[str]]):
        import pyarrow.parquet as pq

        self.out_dir = Path(out_dir)
        self.columns = {name: list(columns) for name, columns in tables.items()}
        self.buffers: dict[str, list] = {name: [] for name in tables}
        self.writers: dict[str, tuple[str, object]] = {}
        try:
            for name, columns in self.columns.items():
                fd, tmp = tempfile.mkstemp(prefix=f".{name}.", suffix=".parquet.tmp", dir=self.out_dir)
                os.close(fd)
                self.writers[name] = (tmp, pq.ParquetWriter(tmp, _schema(columns), compression="zstd"))
        except BaseException:
            self.discard()
            raise

    def add(self, table: str, row: Sequence) -> None:
        buffer = self.buffers[table]
        buffer.append(row)
        if len(buffer) >= ROW_GROUP:
            self._flush(table)

    def _flush(self, table: str) -> None:
        import pyarrow as pa

        rows, columns = self.buffers[table], self.columns[table]
        if not rows:
            return
        arrays = {c: [_cell(c, row[i]) for row in rows] for i, c in enumerate(columns)}
        tmp, writer = self.writers[table]
        writer.write_table(pa.table(arrays, schema=writer.schema))
        self.buffers[table] = []

    def close(self) -> dict[str, str]:
        """Finish every file; the temporary path of each table's file."""
        paths = {}
        for table, (tmp, writer) in self.writers.items():
            self._flush(table)
            writer.close()
            paths[table] = tmp
        self.writers = {}
        return paths

    def discard(self) -> None:
        for tmp, writer in self.writers.values():
            try:
                writer.close()
            finally:
                if os.path.exists(tmp):
                    os.unlink(tmp)
        self.writers = {}
