"""Stage 5 — write: serialize extraction results into spreadsheet-ready CSV files (UTF-8 with BOM).

Every file is written to a temporary file in the output directory and renamed into place, so a crash never leaves
a half-written table behind.
"""
from __future__ import annotations

import csv
import os
import tempfile
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable, Sequence

from .types import Article, DateMention, EntityMention, Quotation

ARTICLE_COLUMNS = ["article_id", "source", "title", "date", "model", "n_persons", "n_places", "n_dates", "n_quotes",
                   "status"]
ENTITY_COLUMNS = ["article_id", "type", "text", "canonical", "start", "end", "sentence"]
QUOTE_COLUMNS = ["article_id", "quote_id", "kind", "quote", "quote_start", "quote_end", "speaker", "speaker_text",
                 "speaker_start", "speaker_end", "cue", "cue_start", "cue_end", "confidence", "verbatim", "sentence"]
NAME_COLUMNS = ["name", "mentions", "articles", "article_ids"]


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


def name_rows(results: Sequence[ArticleResult], entity_type: str) -> list[dict]:
    mentions: dict[str, int] = defaultdict(int)
    articles: dict[str, list[str]] = defaultdict(list)
    for result in results:
        for e in result.entities:
            if e.type != entity_type:
                continue
            mentions[e.canonical] += 1
            if result.article.id not in articles[e.canonical]:
                articles[e.canonical].append(result.article.id)
    return [
        {"name": name, "mentions": mentions[name], "articles": len(articles[name]),
         "article_ids": " ".join(articles[name])}
        for name in sorted(mentions, key=lambda n: (-mentions[n], n))
    ]


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
        os.replace(tmp, path)
    except BaseException:
        if os.path.exists(tmp):
            os.unlink(tmp)
        raise
    return count


def write_tables(results: Sequence[ArticleResult], out_dir: Path) -> dict[str, int]:
    """Write articles.csv, entities.csv, quotes.csv, persons.csv and places.csv; return row counts."""
    out_dir = Path(out_dir)
    counts = {
        "articles.csv": write_csv_atomic(out_dir / "articles.csv", ARTICLE_COLUMNS, map(article_row, results)),
        "entities.csv": write_csv_atomic(out_dir / "entities.csv", ENTITY_COLUMNS,
                                         (row for r in results for row in entity_rows(r))),
        "quotes.csv": write_csv_atomic(out_dir / "quotes.csv", QUOTE_COLUMNS,
                                       (row for r in results for row in quote_rows(r))),
        "persons.csv": write_csv_atomic(out_dir / "persons.csv", NAME_COLUMNS, name_rows(results, "person")),
        "places.csv": write_csv_atomic(out_dir / "places.csv", NAME_COLUMNS, name_rows(results, "place")),
    }
    return counts
