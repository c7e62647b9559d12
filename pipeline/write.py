"""Stage 5 — write: serialize extraction results into spreadsheet-ready tables: CSV files (UTF-8 with BOM) and
one Excel workbook (``tables.xlsx``, :mod:`pipeline.workbook`).

Each article's rows are rendered once into typed cells (text, integers, decimals;
:class:`~pipeline.types.RenderedRows`), which the result store keeps next to its result: the store is opened with
:func:`table_row_renderer`, and renders them again when this code changes (:func:`rows_version`). The CSV text is
made from the cells when the tables are written, in the dialect asked for (:class:`CsvStyle`: separator, decimal
mark, formula safety), so changing the dialect never re-annotates anything.

Every file is written to a temporary file in the output directory and renamed into place, so a crash never leaves
a half-written table behind. The tables are written in one streaming pass over the results: memory does not grow
with the number of articles (the person/place/organization aggregates are counted in a temporary SQLite database).

Safety: a text cell that a spreadsheet would run as a formula (it starts with ``=``, ``+``, ``-``, ``@``, a tab or
a carriage return, or their full-width forms) is written with a leading apostrophe in the CSV files (OWASP's advice
against CSV injection; ``CsvStyle(safe=False)`` / ``--csv-raw`` leaves it out); the workbook stores every text as
a text cell (never a formula, never a link) and marks such cells "quote prefix".
"""
from __future__ import annotations

import contextlib
import csv
import dataclasses
import hashlib
import io
import os
import shutil
import sqlite3
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable, Iterator, Mapping, Sequence

from .cells import DECIMAL, FIXED2, NUMERIC, is_number_column, looks_like_formula  # noqa: F401  (re-exported)
from .extract.gazetteer import lookup_place
from .types import (Article, ArticleResult, DateMention, EntityMention, Quotation,  # noqa: F401  (re-exported)
                    RenderedRows, join_names, name_key, split_names)
from .workbook import SCRATCH_PREFIX, WorkbookWriter

# Columns of the tables. A column is text unless it is listed in NUMERIC (integers, "" when empty) or DECIMAL.
ARTICLE_COLUMNS = ["article_id", "source", "title", "date", "url", "encoding", "text_file", "model", "n_persons",
                   "n_places", "n_organizations", "n_dates", "n_quotes", "status"]
# every mention and quotation row carries its article's title, date and url (or source path): a filtered row
# needs no lookup in articles.csv
ARTICLE_CONTEXT = ["article_title", "article_date", "article_source"]
ENTITY_COLUMNS = ["article_id", "type", "text", "canonical", "entity_id", "mention", "start", "end",
                  "sentence"] + ARTICLE_CONTEXT
QUOTE_COLUMNS = ["article_id", "quote_id", "kind", "quote", "quote_start", "quote_end", "speaker", "speaker_type",
                 "speaker_id", "speaker_text",
                 "speaker_start", "speaker_end", "cue", "cue_start", "cue_end", "confidence", "verbatim",
                 "sentence"] + ARTICLE_CONTEXT
NAME_COLUMNS = ["entity_id", "name", "mentions", "name_mentions", "articles", "article_ids"]
# places.csv: the name columns plus where the place is, from the gazetteer (pipeline/extract/gazetteer.py); empty
# when unknown (regions such as "Ferner Osten") and the coordinates empty for countries
GEO_COLUMNS = ["country_code", "latitude", "longitude"]
PLACE_COLUMNS = NAME_COLUMNS + GEO_COLUMNS

TABLE_COLUMNS = {"articles.csv": ARTICLE_COLUMNS, "entities.csv": ENTITY_COLUMNS, "quotes.csv": QUOTE_COLUMNS,
                 "persons.csv": NAME_COLUMNS, "places.csv": PLACE_COLUMNS, "organizations.csv": NAME_COLUMNS}
NAME_TABLES = {"persons.csv": "person", "places.csv": "place", "organizations.csv": "organization"}
NAME_TYPES = tuple(NAME_TABLES.values())  # the entity types aggregated into persons/places/organizations.csv

@dataclass(frozen=True)
class CsvStyle:
    """How the CSV files are written: ``sep`` between cells, ``decimal`` mark of the decimal columns, ``safe``:
    text cells that look like formulas get a leading apostrophe. ``CsvStyle.named("excel-de")``: semicolons and
    decimal commas, as German Excel opens a file by double-click."""

    sep: str = ","
    decimal: str = "."
    safe: bool = True

    DIALECTS = ("standard", "excel-de")

    @classmethod
    def named(cls, dialect: str, safe: bool = True) -> "CsvStyle":
        if dialect == "standard":
            return cls(safe=safe)
        if dialect == "excel-de":
            return cls(sep=";", decimal=",", safe=safe)
        raise ValueError(f"unknown CSV dialect {dialect!r} (expected one of {', '.join(cls.DIALECTS)})")

    def cell(self, column: str, value) -> str:
        """The CSV text of one cell."""
        if value is None or value == "":
            return ""
        if column in DECIMAL:
            text = f"{value:.2f}" if column in FIXED2 else repr(float(value))
            return text.replace(".", self.decimal) if self.decimal != "." else text
        if column in NUMERIC:
            return str(value)
        value = str(value)
        return "'" + value if self.safe and looks_like_formula(value) else value

    def lines(self, columns: Sequence[str], rows: Iterable[Sequence]) -> str:
        """CSV text of ``rows`` (cell lists in the order of ``columns``), no header."""
        buf = io.StringIO()
        writer = csv.writer(buf, delimiter=self.sep)
        for row in rows:
            writer.writerow([self.cell(c, v) for c, v in zip(columns, row)])
        return buf.getvalue()

    def header(self, columns: Sequence[str]) -> str:
        buf = io.StringIO()
        csv.writer(buf, delimiter=self.sep).writerow(columns)
        return buf.getvalue()


def _clean(value: str) -> str:
    """One line per cell: spreadsheets show line breaks inside cells badly."""
    return " ".join(value.split())


def sentence_of(result: ArticleResult, start: int, end: int) -> str:
    text = result.article.text
    for s_start, s_end in result.sentences:
        if s_start <= start < s_end:
            last = s_end
            for o_start, o_end in result.sentences:
                if o_start >= s_end and o_start < end:
                    last = max(last, o_end)
            return _clean(text[s_start:last])
    return _clean(text[start:end])


def _text_file(article: Article) -> str:
    """Where the text that the offsets refer to is kept, when it is not the input file itself (HTML pages: their
    extracted main text, ``OUTPUT/texts/<id>.txt``; see :func:`text_file_name`)."""
    return text_file_name(article.id) if article.format == "html" and article.text else ""


MAX_NAME_PART = 100  # characters of one folder or file name in OUTPUT/texts/ (file systems allow 255 bytes)


def text_file_name(article_id: str) -> str:
    """``texts/<id>.txt`` relative to the output directory, one file per id: path separators of the id become
    folders; anything that could leave the folder (``..``, a leading ``/``) or that file systems refuse
    (``<>:"|?*``, control characters) is replaced by ``_``, and a name part longer than MAX_NAME_PART characters
    is shortened. Where the name is not the id itself, a short hash of the id keeps distinct ids apart
    (``a:b`` and ``a_b``)."""
    parts = []
    for part in article_id.replace("\\", "/").split("/"):
        part = "".join("_" if ch in '<>:"|?*' or ord(ch) < 32 else ch for ch in part).strip()
        if part in ("", ".", ".."):
            part = "_"
        parts.append(part[:MAX_NAME_PART])
    name = "/".join(parts)
    if name != article_id:
        name += "~" + hashlib.sha256(article_id.encode("utf-8")).hexdigest()[:10]
    return "texts/" + name + ".txt"


def article_cells(result: ArticleResult) -> list:
    art = result.article
    distinct = {(e.type, e.canonical) for e in result.entities}
    return [art.id, art.source, _clean(art.title), art.date or "", art.url, art.encoding, _text_file(art),
            result.model, sum(t == "person" for t, _ in distinct), sum(t == "place" for t, _ in distinct),
            sum(t == "organization" for t, _ in distinct), len(result.dates), len(result.quotes), result.status]


def _context(art: Article) -> list:
    return [_clean(art.title), art.date or "", art.url or art.source]


def entity_cells(result: ArticleResult) -> list[list]:
    art = result.article
    context = _context(art)
    rows = [[art.id, e.type, _clean(e.text), e.canonical, entity_id(e.type, e.canonical), e.mention, e.start, e.end,
             sentence_of(result, e.start, e.end)] + context for e in result.entities]
    rows += [[art.id, "date", d.text, d.value, "", "", d.start, d.end, sentence_of(result, d.start, d.end)] + context
             for d in result.dates]
    return sorted(rows, key=lambda r: (r[4], r[5], r[1]))


def quote_cells(result: ArticleResult) -> list[list]:
    """One row per quotation; content interrupted by its frame is joined with ' […] ' (offsets span all parts)."""
    art = result.article
    context = _context(art)
    rows = []
    for number, quote in enumerate(result.quotes, start=1):
        parts = sorted(quote.content, key=lambda s: s.start)
        extent = quote.span
        mention, cue = quote.speaker_mention, quote.cue
        rows.append([
            art.id, f"{art.id}-q{number:03d}", quote.kind, " […] ".join(_clean(p.text) for p in parts),
            extent[0], extent[1], quote.speaker, quote.speaker_type, speaker_id(result, quote),
            _clean(mention.text) if mention else "", mention.start if mention else None,
            mention.end if mention else None,
            cue.text if cue else "", cue.start if cue else None, cue.end if cue else None,
            round(quote.confidence, 2), " | ".join(_clean(v.text) for v in quote.verbatim),
            sentence_of(result, quote.start, quote.end)] + context)
    return rows


_ID_PREFIX = {"person": "P", "organization": "O", "place": "L"}


def entity_id(entity_type: str, name: str) -> str:
    """The id of a person, organization or place row (persons/organizations/places.csv ``entity_id``): the type's
    letter and a hash of the canonical name, the same in every run and every table ("" for other types)."""
    prefix = _ID_PREFIX.get(entity_type)
    if prefix is None or not name:
        return ""
    return f"{prefix}-{hashlib.sha1(name_key(name).encode('utf-8')).hexdigest()[:10]}"



def speaker_id(result: ArticleResult, quote) -> str:
    """The ``entity_id`` of a quotation's speaker where the article names that person or organization (one per
    name of coordinated speakers "A und B", joined with "; "); "" for groups and speakers no name row stands for."""
    if quote.speaker_type not in ("person", "organization") or not quote.speaker:
        return ""
    named = {(e.type, e.canonical) for e in result.entities}
    if (quote.speaker_type, quote.speaker) in named:
        return entity_id(quote.speaker_type, quote.speaker)
    ids = [entity_id(t, part) for part in split_names(quote.speaker) for t in ("person", "organization")
           if (t, part) in named]
    return "; ".join(dict.fromkeys(ids))


def person_aliases(names: Iterable[tuple]) -> dict[str, str]:
    """The corpus-wide merge of person names: a one-word person name (a surname: "Scholz", also what is left of
    "Kanzler Scholz") -> the one full name of the corpus that ends in it ("Olaf Scholz"). A surname that ends two
    or more full names ("Kim" of "Kim Jong Un" and "Kim Jong Il" is no surname here, but "Müller" of "Gerd Müller"
    and "Thomas Müller") stays apart, and so does one no full name ends in. ``names``: the (type, name, ...) counts
    of every article (:func:`name_counts`)."""
    full: dict[str, set[str]] = {}
    single: set[str] = set()
    for entity_type, name, *_ in names:
        if entity_type != "person":
            continue
        words = name.split()
        if len(words) == 1:
            single.add(name)
        elif len(words) > 1:
            full.setdefault(name_key(words[-1]), set()).add(name)
    aliases = {}
    for name in single:
        found = full.get(name_key(name), set())
        if len(found) == 1:
            aliases[name] = next(iter(found))
    return aliases


def corpus_person_aliases(rendered: Iterable[tuple[str, RenderedRows]]) -> dict[str, str]:
    """:func:`person_aliases` of a whole corpus from its rendered rows ((article id, rows) as the result store
    yields them): what the tables and the report merge."""
    return person_aliases(n for _, rows in rendered for n in rows.names)


_E_CANONICAL, _E_ID = ENTITY_COLUMNS.index("canonical"), ENTITY_COLUMNS.index("entity_id")
_Q_SPEAKER, _Q_TYPE, _Q_ID = (QUOTE_COLUMNS.index(c) for c in ("speaker", "speaker_type", "speaker_id"))


def merge_person_names(rows: RenderedRows, aliases: Mapping[str, str]) -> RenderedRows:
    """One article's rows with the person names of ``aliases`` replaced by the full name (canonical, ids,
    speakers, name counts)."""
    entities = tuple(row[:_E_CANONICAL] + [aliases[row[_E_CANONICAL]], entity_id("person", aliases[
        row[_E_CANONICAL]])] + row[_E_ID + 1 :] if row[1] == "person" and row[_E_CANONICAL] in aliases else row
                     for row in rows.entities)
    quotes = []
    for row in rows.quotes:
        parts = split_names(row[_Q_SPEAKER]) if row[_Q_TYPE] == "person" else []
        if any(p in aliases for p in parts):
            row = list(row)
            merged = [aliases.get(p, p) for p in parts]
            row[_Q_SPEAKER] = join_names(merged)
            if row[_Q_ID]:
                row[_Q_ID] = "; ".join(dict.fromkeys(entity_id("person", p) for p in merged))
        quotes.append(row)
    names: dict[tuple, list] = {}
    for t, name, *rest in rows.names:
        key = (t, aliases.get(name, name) if t == "person" else name)
        if key in names and t == "person":
            names[key][0] += rest[0]
            names[key][1] += rest[1]
        else:
            names[key] = list(rest)
    return dataclasses.replace(rows, entities=entities, quotes=tuple(quotes),
                               names=tuple((t, n, *rest) for (t, n), rest in names.items()))


def as_dicts(columns: Sequence[str], rows: Iterable[Sequence]) -> list[dict]:
    """Cell lists as dicts by column (for programs and tests); empty cells are ""."""
    return [{c: ("" if v is None else v) for c, v in zip(columns, row)} for row in rows]


def geo_of(name: str) -> tuple[str, float | None, float | None]:
    """(country code, latitude, longitude) of a canonical place name; ("", None, None) if the gazetteer does not
    know it."""
    found = lookup_place(name)
    return found if found is not None else ("", None, None)


def name_counts(result: ArticleResult, types: Sequence[str] = NAME_TYPES) -> list[tuple]:
    """(type, canonical name, mentions) of one article, for places with (country code, latitude, longitude)
    appended: all persons/places/organizations.csv need from it (rendered once per article, so writing the tables
    from the store never loads the gazetteer)."""
    counts: dict[tuple[str, str], list[int]] = {}
    for e in result.entities:
        if e.type in types:
            both = counts.setdefault((e.type, e.canonical), [0, 0])
            both[0] += 1
            both[1] += e.mention == "name"
    return [(t, name, n, names) + (geo_of(name) if t == "place" else ()) for (t, name), (n, names) in counts.items()]


class NameIndex:
    """Mentions and articles per canonical name, for the name tables, in flat memory: each article adds its counts
    per name to a private temporary SQLite database (on disk once it outgrows its page cache), and the rows come
    out of it one name at a time."""

    def __init__(self):
        self.db = sqlite3.connect("")  # "": a private temporary database, deleted on close
        self.db.execute("CREATE TABLE m (type TEXT, name TEXT, seq INTEGER, article TEXT, n INTEGER, names INTEGER, "
                        "code TEXT, lat REAL, lon REAL)")
        self.seq = 0

    def add(self, article_id: str, counts: Iterable[tuple]) -> None:
        """``counts``: (type, name, mentions, name mentions) or, for places, (type, name, mentions, name mentions,
        code, latitude, longitude)."""
        self.db.executemany("INSERT INTO m VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                            [(t, name, self.seq, article_id, n, names, *(tuple(geo) + ("", None, None))[:3])
                             for t, name, n, names, *geo in counts])
        self.seq += 1

    def cells(self, entity_type: str, geo: bool = False) -> Iterator[list]:
        """Rows of NAME_COLUMNS (+ GEO_COLUMNS with ``geo``): most mentioned first, then by name (SQLite compares
        UTF-8 bytes: the same order as Python's str); article ids in the order the articles were added, each
        once (a name's geo values are the same in every article)."""
        cursor = self.db.execute(
            "WITH total AS (SELECT name, SUM(n) AS n, SUM(names) AS names FROM m WHERE type = ? GROUP BY name) "
            "SELECT m.name, total.n, total.names, m.article, m.code, m.lat, m.lon FROM m "
            "JOIN total ON total.name = m.name WHERE m.type = ? ORDER BY total.n DESC, m.name, m.seq",
            (entity_type, entity_type))
        name, mentions, names, ids, where = None, 0, 0, {}, ("", None, None)

        def row() -> list:
            return [entity_id(entity_type, name), name, mentions, names, len(ids), " ".join(ids)] + (
                [where[0] or "", where[1], where[2]] if geo else [])

        for row_name, row_total, row_names, article, code, lat, lon in cursor:
            if row_name != name:
                if name is not None:
                    yield row()
                name, mentions, names, ids, where = row_name, row_total, row_names, {}, (code, lat, lon)
            ids.setdefault(article, None)
        if name is not None:
            yield row()

    def rows(self, entity_type: str, geo: bool = False) -> Iterator[dict]:
        columns = PLACE_COLUMNS if geo else NAME_COLUMNS
        for cells in self.cells(entity_type, geo):
            yield as_dicts(columns, [cells])[0]

    def close(self) -> None:
        self.db.close()


def name_rows(results: Iterable[ArticleResult], entity_type: str) -> list[dict]:
    """persons.csv (``entity_type="person"``), places.csv or organizations.csv rows of ``results`` (name columns
    only; the table writer adds the places' geo columns)."""
    index = NameIndex()
    try:
        for result in results:
            index.add(result.article.id, name_counts(result, (entity_type,)))
        return list(index.rows(entity_type))
    finally:
        index.close()


# ---------------------------------------------------------------------------------------- rendering and writing

def render_rows(result: ArticleResult) -> RenderedRows:
    """One article's rows of every table, as typed cells."""
    return RenderedRows(articles=(article_cells(result),), entities=tuple(entity_cells(result)),
                        quotes=tuple(quote_cells(result)), names=tuple(name_counts(result)), status=result.status,
                        n_dates=len(result.dates))


PACKAGE_DIR = Path(__file__).resolve().parent
ROW_SOURCES = ("write.py", "cells.py")  # the code the rendered rows depend on besides the results


def rows_version() -> str:
    """A hash of the source of the row rendering (ROW_SOURCES, by content): rows that the result store keeps under
    another version are rendered again from their stored results, without annotating anything again."""
    digest = hashlib.sha256(b"rows\n")
    for name in ROW_SOURCES:
        digest.update(name.encode() + b"\0" + hashlib.sha256((PACKAGE_DIR / name).read_bytes()).digest())
    return digest.hexdigest()


@dataclass(frozen=True)
class TableRowRenderer:
    """How the result store gets each result's table rows (a :class:`pipeline.store.RowRenderer`): rendered by
    :func:`render_rows`, under the ``version`` of the code that renders them (:func:`rows_version`)."""

    version: str

    def render(self, result: ArticleResult) -> RenderedRows:
        return render_rows(result)


def table_row_renderer() -> TableRowRenderer:
    """The renderer of this code's table rows, its version read from the sources now."""
    return TableRowRenderer(version=rows_version())


def _chmod_default(path: str) -> None:
    """mkstemp creates files only the owner can read; give the tables the usual permissions (umask)."""
    umask = os.umask(0)
    os.umask(umask)
    os.chmod(path, 0o666 & ~umask)


WORKBOOK_NAME = "tables.xlsx"


def parquet_name(csv_name: str) -> str:
    """"quotes.parquet" for "quotes.csv"."""
    return csv_name.removesuffix(".csv") + ".parquet"


class TableWriter:
    """Writes the six CSV tables and the workbook in one streaming pass: add each article's rows (:meth:`add` a
    result or :meth:`add_rendered` rows rendered earlier), then :meth:`commit`. Every file goes to a temporary file
    next to its final path; all are renamed into place only when all are complete (and discarded on error).

    ``style``: the CSV dialect (:class:`CsvStyle`); ``workbook``: also write ``tables.xlsx``; ``parquet``: also write
    the tables as ``<table>.parquet`` (:mod:`pipeline.parquet`)."""

    def __init__(self, out_dir: Path, style: CsvStyle = CsvStyle(), workbook: bool = True,
                 aliases: Mapping[str, str] | None = None, parquet: bool = False):
        self.out_dir = Path(out_dir)
        self.aliases = dict(aliases or {})  # person names merged across the corpus (:func:`person_aliases`)
        self.out_dir.mkdir(parents=True, exist_ok=True)
        self.style = style
        self.counts = {name: 0 for name in TABLE_COLUMNS}
        self.files: dict[str, tuple[str, object]] = {}
        self.names = NameIndex()
        self.book = None
        self.parquet = None
        try:
            for name, columns in TABLE_COLUMNS.items():
                fd, tmp = tempfile.mkstemp(prefix=f".{name}.", suffix=".tmp", dir=self.out_dir)
                fh = os.fdopen(fd, "w", encoding="utf-8-sig", newline="")
                self.files[name] = (tmp, fh)
                fh.write(style.header(columns))
            if workbook:
                self.book = WorkbookWriter(self.out_dir, {n.removesuffix(".csv"): c for n, c in TABLE_COLUMNS.items()})
            if parquet:
                from .parquet import ParquetTables

                self.parquet = ParquetTables(self.out_dir, {parquet_name(n): c for n, c in TABLE_COLUMNS.items()})
        except BaseException:
            self.discard()
            raise

    def add(self, result: ArticleResult) -> RenderedRows:
        rows = render_rows(result)
        self.add_rendered(result.article.id, rows)
        return rows

    def _write(self, name: str, rows: Sequence[Sequence]) -> None:
        if not rows:
            return
        columns = TABLE_COLUMNS[name]
        self.files[name][1].write(self.style.lines(columns, rows))
        self.counts[name] += len(rows)
        if self.book is not None:
            sheet = name.removesuffix(".csv")
            for row in rows:
                self.book.add(sheet, row)
        if self.parquet is not None:
            table = parquet_name(name)
            for row in rows:
                self.parquet.add(table, row)

    def add_rendered(self, article_id: str, rows: RenderedRows) -> None:
        if self.aliases:
            rows = merge_person_names(rows, self.aliases)
        self._write("articles.csv", rows.articles)
        self._write("entities.csv", rows.entities)
        self._write("quotes.csv", rows.quotes)
        if rows.names:
            self.names.add(article_id, rows.names)

    def commit(self) -> dict[str, int]:
        try:
            for name, entity_type in NAME_TABLES.items():
                batch: list[list] = []
                for cells in self.names.cells(entity_type, geo=entity_type == "place"):
                    batch.append(cells)
                    if len(batch) >= 512:
                        self._write(name, batch)
                        batch = []
                self._write(name, batch)
            for tmp, fh in self.files.values():
                fh.close()
                _chmod_default(tmp)
            book_tmp = self.book.close() if self.book is not None else None
            if book_tmp is not None:
                _chmod_default(book_tmp)
            parquet_tmp = self.parquet.close() if self.parquet is not None else {}
            self.parquet = None
            for name, tmp in parquet_tmp.items():
                _chmod_default(tmp)
                os.replace(tmp, self.out_dir / name)
            for name, (tmp, _) in self.files.items():
                os.replace(tmp, self.out_dir / name)
            if book_tmp is not None:
                os.replace(book_tmp, self.out_dir / WORKBOOK_NAME)
                self.book = None
        except BaseException:
            self.discard()
            raise
        finally:
            self.names.close()
        self.files = {}
        return dict(self.counts)

    def discard(self) -> None:
        for tmp, fh in self.files.values():
            fh.close()
            if os.path.exists(tmp):
                os.unlink(tmp)
        self.files = {}
        if self.book is not None:
            self.book.discard()
            self.book = None
        if self.parquet is not None:
            self.parquet.discard()
            self.parquet = None
        self.names.close()

    def __enter__(self) -> "TableWriter":
        return self

    def __exit__(self, exc_type, *exc) -> None:
        if exc_type is not None:
            self.discard()


def remove_stale_temporaries(out_dir: Path) -> list[str]:
    """Temporary files a killed run left in ``out_dir`` (``.quotes.csv.*.tmp``, ``.tables.*.xlsx.tmp``, XlsxWriter's
    scratch folders): call only while holding the output directory's lock. Returns the names removed."""
    out_dir = Path(out_dir)
    prefixes = tuple(f".{name}." for name in list(TABLE_COLUMNS) + [parquet_name(n) for n in TABLE_COLUMNS]
                     + ["tables"])
    removed = []
    for path in out_dir.glob(".*"):
        if path.is_file() and path.name.startswith(prefixes) and path.name.endswith(".tmp"):
            path.unlink(missing_ok=True)
        elif path.is_dir() and path.name.startswith(SCRATCH_PREFIX):
            shutil.rmtree(path, ignore_errors=True)
        else:
            continue
        removed.append(path.name)
    return removed


@contextlib.contextmanager
def atomic_file(path: Path, encoding: str = "utf-8") -> Iterator:
    """An open text file that becomes ``path`` only when the block completes (a temporary file next to it, renamed
    into place); on an error the temporary file is removed and ``path`` is untouched."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "w", encoding=encoding, newline="") as fh:
            yield fh
        _chmod_default(tmp)
        os.replace(tmp, path)
    except BaseException:
        if os.path.exists(tmp):
            os.unlink(tmp)
        raise


def write_csv_atomic(path: Path, columns: list[str], rows: Iterable[dict]) -> int:
    """Write ``rows`` to ``path`` (UTF-8 with BOM) via a temporary file and an atomic rename."""
    count = 0
    with atomic_file(path, "utf-8-sig") as fh:
        writer = csv.DictWriter(fh, fieldnames=columns, extrasaction="ignore")
        writer.writeheader()
        for row in rows:
            writer.writerow(row)
            count += 1
    return count


def write_text_atomic(path: Path, text: str) -> None:
    """Write ``text`` (UTF-8, no BOM, exactly as given) to ``path`` via a temporary file and a rename."""
    with atomic_file(path) as fh:
        fh.write(text)


def write_tables(results: Iterable[ArticleResult], out_dir: Path, style: CsvStyle = CsvStyle(),
                 workbook: bool = True, aliases: Mapping[str, str] | None = None) -> dict[str, int]:
    """Write the six CSV tables (and ``tables.xlsx``); return row counts per CSV table.

    One pass over ``results`` (any iterable, e.g. a stream): only the current result is held in memory. ``aliases``:
    person names to merge (:func:`person_aliases`; ``pipeline run`` finds them in a first pass over its store)."""
    with TableWriter(out_dir, style, workbook, aliases) as writer:
        for result in results:
            writer.add(result)
        return writer.commit()
