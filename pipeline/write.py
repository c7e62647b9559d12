"""Stage 5 — write: serialize extraction results into spreadsheet-ready CSV files (UTF-8 with BOM).

Every file is written to a temporary file in the output directory and renamed into place, so a crash never leaves
a half-written table behind. The tables are written in one streaming pass over the results: memory does not grow
with the number of articles (the person/place aggregates are counted in a temporary SQLite database).
"""
from __future__ import annotations

import csv
import io
import os
import sqlite3
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable, Iterator, Sequence

from .extract.gazetteer import lookup_place
from .types import Article, DateMention, EntityMention, Quotation

ARTICLE_COLUMNS = ["article_id", "source", "title", "date", "model", "n_persons", "n_places", "n_dates", "n_quotes",
                   "status"]
ENTITY_COLUMNS = ["article_id", "type", "text", "canonical", "start", "end", "sentence"]
QUOTE_COLUMNS = ["article_id", "quote_id", "kind", "quote", "quote_start", "quote_end", "speaker", "speaker_text",
                 "speaker_start", "speaker_end", "cue", "cue_start", "cue_end", "confidence", "verbatim", "sentence"]
NAME_COLUMNS = ["name", "mentions", "articles", "article_ids"]
# places.csv: the name columns plus where the place is, from the gazetteer (pipeline/extract/gazetteer.py); empty
# when unknown (regions such as "Ferner Osten") and the coordinates empty for countries
GEO_COLUMNS = ["country_code", "latitude", "longitude"]
PLACE_COLUMNS = NAME_COLUMNS + GEO_COLUMNS


@dataclass
class ArticleResult:
    """Everything extracted from one article: what the writers serialize."""

    article: Article
    model: str = ""
    entities: list[EntityMention] = field(default_factory=list)
    dates: list[DateMention] = field(default_factory=list)
    quotes: list[Quotation] = field(default_factory=list)
    sentences: list[tuple[int, int]] = field(default_factory=list)  # sentence boundaries (char offsets)
    status: str = "ok"


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


def article_row(result: ArticleResult) -> dict:
    art = result.article
    return {
        "article_id": art.id,
        "source": art.source,
        "title": _clean(art.title),
        "date": art.date or "",
        "model": result.model,
        "n_persons": len({e.canonical for e in result.entities if e.type == "person"}),
        "n_places": len({e.canonical for e in result.entities if e.type == "place"}),
        "n_dates": len(result.dates),
        "n_quotes": len(result.quotes),
        "status": result.status,
    }


def entity_rows(result: ArticleResult) -> Iterable[dict]:
    art_id = result.article.id
    rows = [
        {"article_id": art_id, "type": e.type, "text": e.text, "canonical": e.canonical, "start": e.start,
         "end": e.end, "sentence": sentence_of(result, e.start, e.end)}
        for e in result.entities
    ]
    rows += [
        {"article_id": art_id, "type": "date", "text": d.text, "canonical": d.value, "start": d.start, "end": d.end,
         "sentence": sentence_of(result, d.start, d.end)}
        for d in result.dates
    ]
    return sorted(rows, key=lambda r: (r["start"], r["end"], r["type"]))


def quote_rows(result: ArticleResult) -> Iterable[dict]:
    """One row per quotation; content interrupted by its frame is joined with ' […] ' (offsets span all parts)."""
    art_id = result.article.id
    for number, quote in enumerate(result.quotes, start=1):
        parts = sorted(quote.content, key=lambda s: s.start)
        mention = quote.speaker_mention
        yield {
            "article_id": art_id,
            "quote_id": f"{art_id}-q{number:03d}",
            "kind": quote.kind,
            "quote": " […] ".join(_clean(p.text) for p in parts),
            "quote_start": quote.extras.get("extent", (parts[0].start, parts[-1].end))[0],
            "quote_end": quote.extras.get("extent", (parts[0].start, parts[-1].end))[1],
            "speaker": quote.speaker,
            "speaker_text": _clean(mention.text) if mention else "",
            "speaker_start": mention.start if mention else "",
            "speaker_end": mention.end if mention else "",
            "cue": quote.cue.text if quote.cue else "",
            "cue_start": quote.cue.start if quote.cue else "",
            "cue_end": quote.cue.end if quote.cue else "",
            "confidence": f"{quote.confidence:.2f}",
            "verbatim": " | ".join(_clean(v.text) for v in quote.extras.get("verbatim", ())),
            "sentence": sentence_of(result, quote.start, quote.end),
        }


NAME_TYPES = ("person", "place")  # the entity types aggregated into persons.csv and places.csv


def geo_of(name: str) -> tuple[str, float | None, float | None]:
    """(country code, latitude, longitude) of a canonical place name; ("", None, None) if the gazetteer does not
    know it."""
    found = lookup_place(name)
    return found if found is not None else ("", None, None)


def name_counts(result: ArticleResult, types: Sequence[str] = NAME_TYPES) -> list[tuple]:
    """(type, canonical name, mentions) of one article, for places with (country code, latitude, longitude)
    appended: all persons.csv/places.csv need from it (rendered once per article, so writing the tables from
    the store never loads the gazetteer)."""
    counts: dict[tuple[str, str], int] = {}
    for e in result.entities:
        if e.type in types:
            counts[e.type, e.canonical] = counts.get((e.type, e.canonical), 0) + 1
    return [(t, name, n) + (geo_of(name) if t == "place" else ()) for (t, name), n in counts.items()]


def _geo_cells(code: str | None, lat: float | None, lon: float | None) -> dict:
    return {"country_code": code or "", "latitude": "" if lat is None else lat,
            "longitude": "" if lon is None else lon}


class NameIndex:
    """Mentions and articles per canonical name, for persons.csv and places.csv, in flat memory: each article adds
    its counts per name to a private temporary SQLite database (on disk once it outgrows its page cache), and the
    rows come out of it one name at a time."""

    def __init__(self):
        self.db = sqlite3.connect("")  # "": a private temporary database, deleted on close
        self.db.execute("CREATE TABLE m (type TEXT, name TEXT, seq INTEGER, article TEXT, n INTEGER, "
                        "code TEXT, lat REAL, lon REAL)")
        self.seq = 0

    def add(self, article_id: str, counts: Iterable[tuple]) -> None:
        """``counts``: (type, name, mentions) or, for places, (type, name, mentions, code, latitude, longitude)."""
        self.db.executemany("INSERT INTO m VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                            [(t, name, self.seq, article_id, n, *(tuple(geo) + ("", None, None))[:3])
                             for t, name, n, *geo in counts])
        self.seq += 1

    def rows(self, entity_type: str, geo: bool = False) -> Iterator[dict]:
        """Most mentioned first, then by name (SQLite compares UTF-8 bytes: the same order as Python's str);
        article ids in the order the articles were added, each once. ``geo``: with the places.csv columns
        country_code, latitude, longitude (a name's geo values are the same in every article)."""
        cursor = self.db.execute(
            "WITH total AS (SELECT name, SUM(n) AS n FROM m WHERE type = ? GROUP BY name) "
            "SELECT m.name, total.n, m.article, m.code, m.lat, m.lon FROM m JOIN total ON total.name = m.name "
            "WHERE m.type = ? ORDER BY total.n DESC, m.name, m.seq", (entity_type, entity_type))
        name, mentions, ids, where = None, 0, {}, None

        def row() -> dict:
            out = {"name": name, "mentions": mentions, "articles": len(ids), "article_ids": " ".join(ids)}
            if geo:
                out.update(_geo_cells(*where))
            return out

        for row_name, row_total, article, code, lat, lon in cursor:
            if row_name != name:
                if name is not None:
                    yield row()
                name, mentions, ids, where = row_name, row_total, {}, (code, lat, lon)
            ids.setdefault(article, None)
        if name is not None:
            yield row()

    def close(self) -> None:
        self.db.close()


def name_rows(results: Iterable[ArticleResult], entity_type: str) -> list[dict]:
    """persons.csv (``entity_type="person"``) or places.csv rows of ``results`` (name columns only; the table
    writer adds the places' geo columns)."""
    index = NameIndex()
    try:
        for result in results:
            index.add(result.article.id, name_counts(result, (entity_type,)))
        return list(index.rows(entity_type))
    finally:
        index.close()


# ---------------------------------------------------------------------------------------- rendering and writing

@dataclass(frozen=True)
class RenderedRows:
    """One article's share of the tables, rendered: its CSV lines of articles.csv, entities.csv and quotes.csv,
    and its name counts for persons.csv/places.csv. The result store keeps these per article, so rebuilding the
    tables after a rerun only concatenates text."""

    articles: str
    entities: str
    quotes: str
    n_entities: int
    n_quotes: int
    names: tuple[tuple, ...]  # name_counts(): (type, name, mentions[, code, latitude, longitude])
    status: str = "ok"
    n_dates: int = 0


def _csv_lines(columns: list[str], rows: Iterable[dict]) -> tuple[str, int]:
    """The CSV text ``csv.DictWriter`` writes for ``rows`` (without header)."""
    buf = io.StringIO()
    writer = csv.writer(buf)
    count = 0
    for row in rows:
        writer.writerow([row.get(c, "") for c in columns])
        count += 1
    return buf.getvalue(), count


def render_rows(result: ArticleResult) -> RenderedRows:
    articles, _ = _csv_lines(ARTICLE_COLUMNS, [article_row(result)])
    entities, n_entities = _csv_lines(ENTITY_COLUMNS, entity_rows(result))
    quotes, n_quotes = _csv_lines(QUOTE_COLUMNS, quote_rows(result))
    return RenderedRows(articles=articles, entities=entities, quotes=quotes, n_entities=n_entities,
                        n_quotes=n_quotes, names=tuple(name_counts(result)), status=result.status,
                        n_dates=len(result.dates))


def _header(columns: list[str]) -> str:
    return _csv_lines(columns, [dict(zip(columns, columns))])[0]


def _chmod_default(path: str) -> None:
    """mkstemp creates files only the owner can read; give the tables the usual permissions (umask)."""
    umask = os.umask(0)
    os.umask(umask)
    os.chmod(path, 0o666 & ~umask)


class TableWriter:
    """Writes the five tables in one streaming pass: add each article's rows (:meth:`add` a result or
    :meth:`add_rendered` rows rendered earlier), then :meth:`commit`. Every table goes to a temporary file next
    to its final path; the five are renamed into place only when all are complete (and discarded on error)."""

    def __init__(self, out_dir: Path):
        self.out_dir = Path(out_dir)
        self.out_dir.mkdir(parents=True, exist_ok=True)
        self.counts = {name: 0 for name in TABLE_COLUMNS}
        self.files: dict[str, tuple[str, object]] = {}
        self.names = NameIndex()
        try:
            for name, columns in TABLE_COLUMNS.items():
                fd, tmp = tempfile.mkstemp(prefix=f".{name}.", suffix=".tmp", dir=self.out_dir)
                fh = os.fdopen(fd, "w", encoding="utf-8-sig", newline="")
                self.files[name] = (tmp, fh)
                fh.write(_header(columns))
        except BaseException:
            self.discard()
            raise

    def add(self, result: ArticleResult) -> RenderedRows:
        rows = render_rows(result)
        self.add_rendered(result.article.id, rows)
        return rows

    def add_rendered(self, article_id: str, rows: RenderedRows) -> None:
        self.files["articles.csv"][1].write(rows.articles)
        self.files["entities.csv"][1].write(rows.entities)
        self.files["quotes.csv"][1].write(rows.quotes)
        self.counts["articles.csv"] += 1
        self.counts["entities.csv"] += rows.n_entities
        self.counts["quotes.csv"] += rows.n_quotes
        if rows.names:
            self.names.add(article_id, rows.names)

    def commit(self) -> dict[str, int]:
        try:
            for name, entity_type in (("persons.csv", "person"), ("places.csv", "place")):
                text, self.counts[name] = _csv_lines(TABLE_COLUMNS[name],
                                                     self.names.rows(entity_type, geo=entity_type == "place"))
                self.files[name][1].write(text)
            for tmp, fh in self.files.values():
                fh.close()
                _chmod_default(tmp)
            for name, (tmp, _) in self.files.items():
                os.replace(tmp, self.out_dir / name)
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
        self.names.close()

    def __enter__(self) -> "TableWriter":
        return self

    def __exit__(self, exc_type, *exc) -> None:
        if exc_type is not None:
            self.discard()


def write_csv_atomic(path: Path, columns: list[str], rows: Iterable[dict]) -> int:
    """Write ``rows`` to ``path`` (UTF-8 with BOM) via a temporary file and an atomic rename."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    count = 0
    try:
        with os.fdopen(fd, "w", encoding="utf-8-sig", newline="") as fh:
            writer = csv.DictWriter(fh, fieldnames=columns, extrasaction="ignore")
            writer.writeheader()
            for row in rows:
                writer.writerow(row)
                count += 1
        _chmod_default(tmp)
        os.replace(tmp, path)
    except BaseException:
        if os.path.exists(tmp):
            os.unlink(tmp)
        raise
    return count


TABLE_COLUMNS = {"articles.csv": ARTICLE_COLUMNS, "entities.csv": ENTITY_COLUMNS, "quotes.csv": QUOTE_COLUMNS,
                 "persons.csv": NAME_COLUMNS, "places.csv": PLACE_COLUMNS}


def write_tables(results: Iterable[ArticleResult], out_dir: Path) -> dict[str, int]:
    """Write articles.csv, entities.csv, quotes.csv, persons.csv and places.csv; return row counts.

    One pass over ``results`` (any iterable, e.g. a stream): only the current result is held in memory."""
    with TableWriter(out_dir) as writer:
        for result in results:
            writer.add(result)
        return writer.commit()
