"""Stage 1 — read: turn input paths (directories, ``.txt`` and ``.jsonl`` files) into :class:`Article` records.

A file or line that cannot be read yields a :class:`ReadError` naming the file (and line) and the problem;
it never stops the others.
"""
from __future__ import annotations

import json
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable, Iterator, Union

from .extract.dates import find_article_date, header_end
from .types import Article

SUPPORTED = (".txt", ".jsonl")
_ISO_DATE = re.compile(r"^\d{4}-\d{2}(-\d{2})?$")


@dataclass(frozen=True)
class ReadError:
    id: str
    source: str
    message: str


ReadResult = Union[Article, ReadError]


def discover(inputs: Iterable[Path]) -> Iterator[Path | ReadError]:
    """Files to read, in a stable order: directories are searched recursively for .txt/.jsonl files."""
    for path in inputs:
        path = Path(path)
        if path.is_dir():
            found = sorted(p for p in path.rglob("*") if p.is_file() and p.suffix.lower() in SUPPORTED)
            yield from found
        elif path.is_file():
            if path.suffix.lower() in SUPPORTED:
                yield path
            else:
                yield ReadError(path.stem, str(path), f"{path}: unsupported file type {path.suffix!r} "
                                                      f"(expected {', '.join(SUPPORTED)})")
        else:
            yield ReadError(path.stem, str(path), f"{path}: no such file or directory")


def _title_of(text: str, body_start: int) -> str:
    first = text[body_start:].lstrip().split("\n", 1)[0].strip()
    first = re.split(r"\s+Stand:\s", first)[0].strip()
    return first[:300]


def article_from_text(article_id: str, text: str, source: str, date: str | None = None, title: str = "",
                      url: str = "") -> Article:
    start = header_end(text)
    date = date or find_article_date(text)
    return Article(id=article_id, text=text, source=source, date=date, title=title or _title_of(text, start),
                   url=url, body_start=start)


def read_txt(path: Path) -> ReadResult:
    try:
        raw = path.read_bytes()
    except OSError as err:
        return ReadError(path.stem, str(path), f"{path}: cannot read file: {err.strerror or err}")
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as err:
        return ReadError(path.stem, str(path), f"{path}: not UTF-8 text (invalid byte at position {err.start})")
    if not text.strip():
        return ReadError(path.stem, str(path), f"{path}: the file is empty")
    return article_from_text(path.stem, text, str(path))


def _valid_date(value: str) -> bool:
    import datetime as _dt

    value = value.strip()[:10]
    if not _ISO_DATE.match(value):
        return False
    try:
        _dt.date.fromisoformat(value if len(value) == 10 else value + "-01")
    except ValueError:
        return False
    return True


def read_jsonl(path: Path) -> Iterator[ReadResult]:
    try:
        fh = open(path, "rb")
    except OSError as err:
        yield ReadError(path.stem, str(path), f"{path}: cannot read file: {err.strerror or err}")
        return
    with fh:
        for lineno, raw in enumerate(fh, start=1):
            where = f"{path}:{lineno}"
            try:
                line = raw.decode("utf-8-sig" if lineno == 1 else "utf-8")
            except UnicodeDecodeError as err:
                yield ReadError(f"{path.stem}:{lineno}", str(path), f"{where}: not UTF-8 text (invalid byte at "
                                                                    f"position {err.start})")
                continue
            if not line.strip():
                continue
            try:
                record = json.loads(line)
            except json.JSONDecodeError as err:
                yield ReadError(f"{path.stem}:{lineno}", str(path), f"{where}: invalid JSON ({err.msg})")
                continue
            if not isinstance(record, dict):
                yield ReadError(f"{path.stem}:{lineno}", str(path), f"{where}: expected a JSON object")
                continue
            art_id = str(record.get("id") or "").strip()
            text = record.get("text")
            if not art_id:
                yield ReadError(f"{path.stem}:{lineno}", str(path), f"{where}: missing 'id'")
                continue
            if not isinstance(text, str) or not text.strip():
                yield ReadError(art_id, str(path), f"{where}: article {art_id!r} has no 'text'")
                continue
            date = record.get("date")
            if date is not None and (not isinstance(date, str) or not _valid_date(date)):
                yield ReadError(art_id, str(path), f"{where}: article {art_id!r} has an invalid 'date' {date!r} "
                                                   "(expected YYYY-MM-DD or YYYY-MM)")
                continue
            yield article_from_text(art_id, text, where, date=(date.strip()[:10] if date else None),
                                    title=str(record.get("title") or ""), url=str(record.get("url") or ""))


def read_inputs(inputs: Iterable[Path]) -> Iterator[ReadResult]:
    """All articles of the inputs as a stream; a duplicate article id is reported as an error."""
    seen: dict[str, str] = {}
    for item in discover(inputs):
        if isinstance(item, ReadError):
            yield item
            continue
        results = read_jsonl(item) if item.suffix.lower() == ".jsonl" else [read_txt(item)]
        for result in results:
            if isinstance(result, Article):
                if result.id in seen:
                    yield ReadError(result.id, result.source,
                                    f"{result.source}: duplicate article id {result.id!r} (first in {seen[result.id]})")
                    continue
                seen[result.id] = result.source
            yield result
