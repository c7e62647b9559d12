"""Stage 1 — read: turn input paths (directories and ``.txt``, ``.jsonl``, ``.csv``, ``.html``/``.htm`` files)
into :class:`Article` records.

- ``.txt``: one article per file. Decoded by :func:`decode_bytes`: a byte order mark selects UTF-8/16/32, else
  strict UTF-8, else the most plausible of the encodings German text is found in (cp1252, latin-1, iso8859-15,
  cp850, UTF-16/32 without a byte order mark); a file that is not UTF-8 is read with a warning naming the encoding.
- ``.jsonl``: one article per line (``id``, ``text``, optional ``date``, ``title``, ``url``), strict UTF-8.
- ``.csv``: one article per record, columns ``id``, ``text``, optional ``date``, ``title``, ``url`` (header names
  case-insensitive, delimiter ``,``, ``;`` or tab, quoted newlines allowed); decoded like ``.txt``.
- ``.html``/``.htm``: the main text, title, date and URL of a saved news page (``trafilatura``, nothing fetched).

Article ids: a file found under an input directory gets its path relative to that directory without the suffix
(``2024/05/index``), a file given directly its stem, a JSONL/CSV record its ``id``. An id that occurs again is
kept as ``id~2`` (``~3`` …) with a warning: a clash never drops an article.

Inputs may also be fsspec URLs (``s3://bucket/news/``): :mod:`pipeline.remote` lists them, and the same readers
read their files (a :class:`~pipeline.remote.RemoteFile` in place of a path).

A file, line or record that cannot be read yields a :class:`ReadError` naming the file (and line) and the
problem; it never stops the others.
"""
from __future__ import annotations

import codecs
import csv
import dataclasses
import datetime as _dt
import io
import itertools
import json
import logging
import os
import re
import unicodedata
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Iterable, Iterator, Optional, Union

from .extract.dates import find_article_date, header_end
from .store import CACHE_DIRNAME  # marks an output directory of this tool: never read as input
from .remote import RemoteFile, RemoteUnit, is_url, list_remote, local_path
from .types import Article, ReadError

SUPPORTED = (".txt", ".jsonl", ".csv", ".html", ".htm")
_ISO_DATE = re.compile(r"^\d{4}-\d{2}(-\d{2})?$")
_GERMAN_DATE = re.compile(r"^(\d{1,2})\.(\d{1,2})\.(\d{4})$")

Warn = Callable[[str], None]


ReadResult = Union[Article, ReadError]
Source = Union[Path, RemoteFile]  # what the readers read: a local file, or one on a storage reached by fsspec


def _file(path: Union[str, Path, RemoteFile]) -> Source:
    return path if isinstance(path, RemoteFile) else Path(path)


def _ignore(message: str) -> None:
    pass


# ------------------------------------------------------------------------------------------------------ decoding

_BOMS = (  # longest first: the UTF-32 LE mark starts with the UTF-16 LE one
    (codecs.BOM_UTF32_LE, "utf-32", "UTF-32"), (codecs.BOM_UTF32_BE, "utf-32", "UTF-32"),
    (codecs.BOM_UTF8, "utf-8-sig", "UTF-8"),
    (codecs.BOM_UTF16_LE, "utf-16", "UTF-16"), (codecs.BOM_UTF16_BE, "utf-16", "UTF-16"),
)
# Guessed when a file is neither UTF-8 nor marked; on equal plausibility the earlier one is named (latin-1 and
# cp1252 decode bytes outside 0x80-0x9F alike).
LEGACY_ENCODINGS = ("latin-1", "cp1252", "iso8859-15", "cp850")
_UNICODE_WITHOUT_BOM = ("utf-32-le", "utf-32-be", "utf-16-le", "utf-16-be")
_CHARSET_NORMALIZER_NAMES = {"latin-1": "latin_1", "cp1252": "cp1252", "iso8859-15": "iso8859_15", "cp850": "cp850"}
_MAGIC = (
    (b"\x89PNG", "a PNG image"), (b"\xff\xd8\xff", "a JPEG image"), (b"GIF8", "a GIF image"),
    (b"PK\x03\x04", "a ZIP archive, e.g. .docx/.xlsx/.odt"), (b"%PDF-", "a PDF document"),
    (b"\x1f\x8b", "a gzip archive"), (b"\xd0\xcf\x11\xe0", "an old Microsoft Office document"),
    (b"\x7fELF", "a program"), (b"SQLite format 3\x00", "an SQLite database"),
)
_CONTROL = re.compile(r"[\x00-\x08\x0e-\x1f\x7f-\x9f]")  # not tab, newlines, vertical tab, form feed
_UNUSUAL = re.compile(r"[^\x20-\x7e\t\n\r]")
_GERMAN_CHARS = frozenset("äöüÄÖÜß„“”‚‘’–—…€«»")
_HARMLESS_SYMBOLS = frozenset("§°©®™×±½¼¾²£$\xa0")


class NotText(ValueError):
    """The bytes are not text in any encoding considered (the message names no file)."""


@dataclass(frozen=True)
class Decoded:
    text: str
    encoding: str  # Python codec name: "utf-8", "utf-8-sig", "utf-16", "cp1252", "utf-16-le", ...
    how: str = ""  # why that encoding: "byte order mark", "declared", "guessed" ("" for plain UTF-8)

    @property
    def is_utf8(self) -> bool:
        return self.encoding in ("utf-8", "utf-8-sig")


def _control_ratio(text: str) -> float:
    return len(_CONTROL.findall(text)) / max(len(text), 1)


def _plausibility(text: str) -> float:
    """How much ``text`` reads like German: umlauts, ß and typographic quotes score, control characters,
    box-drawing characters, odd symbols and non-Latin letters (what a wrong code page produces) cost."""
    score = 0.0
    for char, n in Counter(_UNUSUAL.findall(text)).items():
        cat = unicodedata.category(char)
        if char in _GERMAN_CHARS:
            value = 3.0
        elif cat[0] == "C":
            value = -6.0
        elif 0x2500 <= ord(char) <= 0x25FF:  # box drawing, blocks, geometric shapes (cp850's upper half)
            value = -4.0
        elif char in _HARMLESS_SYMBOLS:
            value = 0.0
        elif cat[0] == "L":
            value = 1.0 if unicodedata.name(char, "").startswith("LATIN") else -2.0
        elif cat[0] == "P":
            value = 1.0
        else:  # other symbols (¤ ¦ ¨ ´ ¸ ³ ÷ ¬ …), marks, odd spaces
            value = -2.0
        score += value * n
    return score


def _binary_kind(raw: bytes) -> str | None:
    """What a binary file is, if it starts with a well-known signature."""
    for magic, kind in _MAGIC:
        if raw.startswith(magic):
            return kind
    return None


def _mostly_latin(text: str) -> bool:
    """At least 95 % of the non-space characters are Latin, general punctuation or currency signs (a UTF-16 file
    read with the wrong byte order turns into CJK characters instead)."""
    chars = [c for c in text if not c.isspace()]
    if not chars:
        return True
    latin = sum(1 for c in chars if ord(c) < 0x250 or 0x1E00 <= ord(c) <= 0x20CF)
    return latin >= 0.95 * len(chars)


def _unicode_without_bom(raw: bytes) -> Decoded | None:
    """UTF-16/32 without a byte order mark: NUL bytes in alternate positions that decode to Latin text."""
    for encoding in _UNICODE_WITHOUT_BOM:
        if len(raw) % (4 if "32" in encoding else 2):
            continue
        try:
            text = raw.decode(encoding)
        except UnicodeDecodeError:
            continue
        if _control_ratio(text) < 0.01 and _mostly_latin(text):
            return Decoded(text, encoding, "guessed")
    return None


def _chaos(raw: bytes) -> dict[str, float]:
    """charset-normalizer's mess measure (0 = clean) for each legacy encoding it accepts (absent: rejected)."""
    try:
        from charset_normalizer import from_bytes
    except ImportError:  # pragma: no cover - a dependency; the own plausibility score decides alone
        return {}
    names = {v: k for k, v in _CHARSET_NORMALIZER_NAMES.items()}
    matches = from_bytes(raw, cp_isolation=list(names), explain=False)
    return {names.get(m.encoding, m.encoding): m.chaos for m in matches}


def _legacy(raw: bytes) -> Decoded:
    """The most plausible legacy decoding: the own German plausibility score first, charset-normalizer's mess
    measure on a tie; encodings that give the same text (latin-1 and cp1252 outside 0x80-0x9F) are named by the
    first of :data:`LEGACY_ENCODINGS`."""
    chaos = _chaos(raw)
    by_text: dict[str, list[str]] = {}
    for encoding in LEGACY_ENCODINGS:
        try:
            by_text.setdefault(raw.decode(encoding), []).append(encoding)
        except UnicodeDecodeError:
            continue
    assert by_text  # latin-1 decodes any bytes

    def key(text: str) -> tuple[float, float]:
        return _plausibility(text), -min(chaos.get(e, 1.0) for e in by_text[text])

    text = max(by_text, key=key)  # max() keeps the first of equals
    return Decoded(text, by_text[text][0], "guessed")


def decode_bytes(raw: bytes, declared: str | None = None) -> Decoded:
    """Decode a text file: a byte order mark selects UTF-8/16/32; else strict UTF-8; else the encoding
    ``declared`` by the file (an HTML ``<meta charset>``), if it decodes; else UTF-16/32 without a byte order mark
    (NUL bytes in alternate positions); else the most plausible of :data:`LEGACY_ENCODINGS` for German text.
    Raises :class:`NotText` for binary data (NUL bytes that are not UTF-16/32, control characters, or the
    signature of a known binary format)."""
    kind = _binary_kind(raw)
    if kind:
        raise NotText(f"this is a binary file ({kind}), not text")
    for bom, encoding, name in _BOMS:
        if raw.startswith(bom):
            try:
                return Decoded(raw.decode(encoding), encoding, "byte order mark")
            except UnicodeDecodeError as err:
                raise NotText(f"starts with a {name} byte order mark but is not valid {name} "
                              f"(invalid data at byte {err.start})") from None
    if b"\x00" in raw:
        found = _unicode_without_bom(raw)
        if found is None:
            raise NotText("this is a binary file (it contains NUL bytes and is not UTF-16/32 text), not text")
        return found
    try:
        decoded = Decoded(raw.decode("utf-8"), "utf-8")
    except UnicodeDecodeError:
        decoded = None
        if declared:
            try:
                decoded = Decoded(raw.decode(declared), codecs.lookup(declared).name, "declared")
            except (UnicodeDecodeError, LookupError):
                decoded = None
        decoded = decoded or _legacy(raw)
    if _control_ratio(decoded.text) > 0.01:
        raise NotText("this is a binary file (it is full of control characters), not text")
    return decoded


def _note_encoding(path: Source, decoded: Decoded, warn: Warn) -> None:
    """Warn when a file was not UTF-8."""
    if not decoded.is_utf8:
        how = {"byte order mark": " (byte order mark)", "declared": " (as its <meta charset> declares)"}
        warn(f"{path}: not UTF-8; read as {decoded.encoding}{how.get(decoded.how, '')}")


def _read_bytes(path: Source, error_id: str) -> bytes | ReadError:
    try:
        return path.read_bytes()
    except OSError as err:
        return ReadError(error_id, str(path), f"{path}: cannot read file: {err.strerror or err}")


def _read_text(path: Source, error_id: str, warn: Warn,
               declared: Callable[[bytes], str | None] | None = None) -> Decoded | ReadError:
    """The decoded content of a file that is not empty, or why not (unreadable, empty, binary); ``declared``
    finds the encoding the content declares (an HTML ``<meta charset>``)."""
    raw = _read_bytes(path, error_id)
    if isinstance(raw, ReadError):
        return raw
    if not raw:
        return ReadError(error_id, str(path), f"{path}: the file is empty")
    try:
        decoded = decode_bytes(raw, declared(raw) if declared else None)
    except NotText as err:
        return ReadError(error_id, str(path), f"{path}: {err}")
    if not decoded.text.replace("\ufeff", "").strip():  # U+FEFF: a second byte order mark, invisible
        return ReadError(error_id, str(path), f"{path}: the file is empty (only whitespace)")
    _note_encoding(path, decoded, warn)
    return decoded


# ----------------------------------------------------------------------------------------------------- discovery

def _walk(root: Path) -> tuple[list[Path], list[ReadError]]:
    """Supported files under ``root`` (sorted), skipping hidden files and folders, Office lock files (``~$…``)
    and output directories of this tool (those with a ``.pipeline-cache`` folder); plus an error for each folder
    that cannot be listed."""
    found: list[Path] = []
    errors: list[ReadError] = []

    def unreadable(err: OSError) -> None:
        where = Path(err.filename or root)
        errors.append(ReadError(where.name, str(where), f"{where}: cannot read directory: {err.strerror or err}"))

    for folder, dirs, files in os.walk(root, onerror=unreadable):
        dirs[:] = [d for d in dirs
                   if not d.startswith(".") and not os.path.isdir(os.path.join(folder, d, CACHE_DIRNAME))]
        found.extend(Path(folder, f) for f in files  # "~$x.csv": the lock file of a document open in Office
                     if not f.startswith((".", "~$")) and os.path.splitext(f)[1].lower() in SUPPORTED)
    return sorted(found), errors


def _relative_id(path: Path, root: Path) -> str:
    return path.relative_to(root).with_suffix("").as_posix()


def _found(inputs: Iterable[Union[str, Path]]) -> Iterator[tuple[Path, str] | RemoteUnit | ReadError]:
    """(file, id) for every local file to read and a :class:`RemoteUnit` for every file of a URL input, in a
    stable order, or an error for an input that is missing, not supported or an output directory. A file reached
    twice (given twice, or inside a given folder) is read once."""
    done: set[str] = set()
    for given in inputs:
        if is_url(str(given)) and local_path(str(given)) is None:
            for unit in list_remote(str(given), SUPPORTED):
                if isinstance(unit, RemoteUnit):
                    if unit.file.url in done:
                        continue
                    done.add(unit.file.url)
                yield unit
            continue
        path = local_path(str(given)) or Path(given)
        if path.is_dir():
            if (path / CACHE_DIRNAME).is_dir():
                yield ReadError(path.name, str(path), f"{path}: an output directory of pipeline (it has "
                                                      f"{CACHE_DIRNAME}/), not read as input")
                continue
            files, errors = _walk(path)
            yield from errors
            pairs = [(f, _relative_id(f, path)) for f in files]
        elif path.is_file():
            if path.suffix.lower() not in SUPPORTED:
                yield ReadError(path.stem, str(path), f"{path}: unsupported file type {path.suffix!r} "
                                                      f"(expected {', '.join(SUPPORTED)})")
                continue
            pairs = [(path, path.stem)]
        else:
            yield ReadError(path.stem, str(path), f"{path}: no such file or directory")
            continue
        for file, file_id in pairs:
            real = os.path.realpath(file)
            if real not in done:
                done.add(real)
                yield file, file_id


def discover(inputs: Iterable[Union[str, Path]]) -> Iterator[Path | RemoteUnit | ReadError]:
    """Files to read, in a stable order: directories are searched recursively (sorted) for the
    :data:`SUPPORTED` suffixes, skipping hidden files/folders and output directories of this tool; the files of
    URL inputs as :class:`RemoteUnit` (listed, not read)."""
    for item in _found(inputs):
        yield item if isinstance(item, (ReadError, RemoteUnit)) else item[0]


# ------------------------------------------------------------------------------------------------------ articles

def _title_of(text: str, body_start: int) -> str:
    first = text[body_start:].lstrip().split("\n", 1)[0].strip()
    first = re.split(r"\s+Stand:\s", first)[0].strip()
    return first[:300]


def article_from_text(article_id: str, text: str, source: str, date: str | None = None, title: str = "",
                      url: str = "", encoding: str = "", format: str = "") -> Article:
    """An :class:`Article` of ``text``: header/body start, the article date (given, else found in the text) and
    the title (given, else the first line of the body)."""
    start = header_end(text)
    date = date or find_article_date(text)
    return Article(id=article_id, text=text, source=source, date=date, title=title or _title_of(text, start),
                   url=url, body_start=start, encoding=encoding, format=format)


def _valid_date(value: str) -> bool:
    value = value.strip()[:10]
    if not _ISO_DATE.match(value):
        return False
    try:
        _dt.date.fromisoformat(value if len(value) == 10 else value + "-01")
    except ValueError:
        return False
    return True


def _kind_of(value: object) -> str:
    """How a JSON value is called in a message."""
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "a boolean"
    if isinstance(value, (int, float)):
        return "a number"
    return {list: "a list", dict: "an object"}.get(type(value), type(value).__name__)


def read_txt(path: Source, article_id: str | None = None, warn: Warn | None = None) -> ReadResult:
    """One article from a text file (any encoding :func:`decode_bytes` accepts); id: ``article_id`` or the stem."""
    path = _file(path)
    art_id = article_id or path.stem
    decoded = _read_text(path, art_id, _ignore if warn is None else warn)
    if isinstance(decoded, ReadError):
        return decoded
    return article_from_text(art_id, decoded.text, str(path), encoding=decoded.encoding, format="txt")


def _has_lone_surrogate(value: object) -> bool:
    """A JSON string with an unpaired \\uD800-\\uDFFF escape (valid JSON, but no text: it cannot be written)."""
    if isinstance(value, str):
        try:
            value.encode("utf-8")
        except UnicodeEncodeError:
            return True
        return False
    if isinstance(value, dict):
        return any(_has_lone_surrogate(k) or _has_lone_surrogate(v) for k, v in value.items())
    if isinstance(value, list):
        return any(_has_lone_surrogate(v) for v in value)
    return False


def _jsonl_record(record: object, where: str, error_id: str, source: str) -> tuple[str, str, dict] | ReadError:
    """(id, text, record) of a JSONL line, or the problem with it."""
    if not isinstance(record, dict):
        return ReadError(error_id, source, f"{where}: expected a JSON object")
    raw_id = record.get("id")
    if isinstance(raw_id, (bool, list, dict)):
        return ReadError(error_id, source, f"{where}: 'id' is {_kind_of(raw_id)}, expected a string")
    art_id = "" if raw_id is None else str(raw_id).strip()
    if not art_id:
        return ReadError(error_id, source, f"{where}: missing 'id'")
    text = record.get("text")
    if "text" in record and not isinstance(text, str) and text is not None:
        return ReadError(art_id, source, f"{where}: article {art_id!r}: 'text' is {_kind_of(text)}, "
                                         "expected a string")
    if not isinstance(text, str) or not text.strip():
        return ReadError(art_id, source, f"{where}: article {art_id!r} has no 'text'")
    date = record.get("date")
    if date is not None and (not isinstance(date, str) or not _valid_date(date)):
        return ReadError(art_id, source, f"{where}: article {art_id!r} has an invalid 'date' {date!r} "
                                         "(expected YYYY-MM-DD or YYYY-MM)")
    return art_id, text, record


def read_jsonl(path: Source, file_id: str | None = None) -> Iterator[ReadResult]:
    """One article per line of a strict UTF-8 JSONL file (a BOM is allowed); each bad line is a
    :class:`ReadError` naming ``file:line``. ``file_id`` (default: the stem) names the errors without an id."""
    path = _file(path)
    file_id = file_id or path.stem
    try:
        fh = path.open("rb")
    except OSError as err:
        yield ReadError(file_id, str(path), f"{path}: cannot read file: {err.strerror or err}")
        return
    encoding, any_line = "utf-8", False
    with fh:
        for lineno, raw in enumerate(fh, start=1):
            where, error_id = f"{path}:{lineno}", f"{file_id}:{lineno}"
            if lineno == 1 and raw.startswith(codecs.BOM_UTF8):
                encoding, raw = "utf-8-sig", raw[len(codecs.BOM_UTF8):]
            try:
                line = raw.decode("utf-8")
            except UnicodeDecodeError as err:
                any_line = True
                yield ReadError(error_id, str(path), f"{where}: not UTF-8 text (invalid byte at position "
                                                     f"{err.start}); JSONL files must be UTF-8")
                continue
            if not line.strip():
                continue
            any_line = True
            try:
                record = json.loads(line.rstrip("\r\n"))
            except json.JSONDecodeError as err:
                # some of json's messages end in "at" ("Unterminated string starting at"): one "at" only
                yield ReadError(error_id, str(path), f"{where}: invalid JSON ({err.msg.removesuffix(' at')} "
                                                     f"at column {err.colno})")
                continue
            if _has_lone_surrogate(record):
                yield ReadError(error_id, str(path), f"{where}: a \\u escape that is half of a character (a lone "
                                                     "UTF-16 surrogate such as \\ud83d): not text")
                continue
            checked = _jsonl_record(record, where, error_id, str(path))
            if isinstance(checked, ReadError):
                yield checked
                continue
            art_id, text, record = checked
            date = record.get("date")
            yield article_from_text(art_id, text, where, date=(date.strip()[:10] if date else None),
                                    title=str(record.get("title") or ""), url=str(record.get("url") or ""),
                                    encoding=encoding, format="jsonl")
    if not any_line:
        yield ReadError(file_id, str(path), f"{path}: the file is empty")


# ----------------------------------------------------------------------------------------------------------- CSV

CSV_COLUMNS = ("id", "text", "date", "title", "url")
_CSV_DELIMITERS = (",", ";", "\t")


def _csv_delimiter(header_line: str) -> str:
    """The delimiter among ``,`` ``;`` tab that occurs most often in the header line outside quotes."""
    unquoted = re.sub(r'"[^"]*"', "", header_line)
    counts = [(unquoted.count(d), -i, d) for i, d in enumerate(_CSV_DELIMITERS)]
    return max(counts)[2]


def _csv_date(value: str) -> str | None | bool:
    """An ISO date of a CSV cell (ISO, a timestamp, or German ``13.09.2023``); None if empty; False if invalid."""
    value = value.strip()
    if not value:
        return None
    german = _GERMAN_DATE.match(value)
    if german:
        day, month, year = (int(g) for g in german.groups())
        try:
            return _dt.date(year, month, day).isoformat()
        except ValueError:
            return False
    return value[:10] if _valid_date(value) else False


def _csv_article(row: list[str], columns: dict[str, int], where: str, error_id: str, source: str, encoding: str,
                 ) -> ReadResult | None:
    """The article of one CSV record (None for a blank record), or the problem with it."""
    if not any(cell.strip() for cell in row):
        return None
    cell = {name: (row[i] if i < len(row) else "") for name, i in columns.items()}
    art_id = cell["id"].strip()
    if not art_id:
        return ReadError(error_id, source, f"{where}: missing 'id'")
    text = cell["text"]
    if not text.strip():
        return ReadError(art_id, source, f"{where}: article {art_id!r} has no 'text'")
    date = _csv_date(cell.get("date", ""))
    if date is False:
        return ReadError(art_id, source, f"{where}: article {art_id!r} has an invalid 'date' {cell['date']!r} "
                                         "(expected YYYY-MM-DD, YYYY-MM or DD.MM.YYYY)")
    return article_from_text(art_id, text, where, date=date, title=cell.get("title", "").strip(),
                             url=cell.get("url", "").strip(), encoding=encoding, format="csv")


def _unclosed_quote(text: str, line: int, delimiter: str) -> bool:
    """Whether the record starting on ``line`` (1-based, as ``csv.reader.line_num`` counts) ends inside a quoted
    cell: the lenient reader then silently takes everything up to the end of the file as that cell."""
    tail = "".join(itertools.islice(io.StringIO(text, newline=""), line - 1, None))
    try:
        for _ in csv.reader(io.StringIO(tail, newline=""), delimiter=delimiter, strict=True):
            pass
    except csv.Error as err:
        return "unexpected end of data" in str(err)
    return False


def read_csv(path: Source, file_id: str | None = None, warn: Warn | None = None) -> Iterator[ReadResult]:
    """One article per record of a CSV table with the columns ``id``, ``text`` and optional ``date``, ``title``,
    ``url`` (header names case-insensitive, other columns ignored). Decoded like a ``.txt`` file; the delimiter is
    the one of ``,`` ``;`` tab the header line uses most; quoted cells may span lines. Each bad record is a
    :class:`ReadError` naming ``file:line`` (the line the record starts on), as is the source of each article."""
    path = _file(path)
    file_id = file_id or path.stem
    decoded = _read_text(path, file_id, _ignore if warn is None else warn)
    if isinstance(decoded, ReadError):
        yield decoded
        return
    text = decoded.text.lstrip("\ufeff")
    delimiter = _csv_delimiter(text.split("\n", 1)[0])
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    csv.field_size_limit(max(csv.field_size_limit(), 1 << 30))
    held: tuple[ReadResult, int, str] | None = None  # the last record, yielded once it is known to be closed
    try:
        header = next(reader, None)
        if header is None:
            yield ReadError(file_id, str(path), f"{path}: the file is empty")
            return
        names = [h.strip().lower() for h in header]
        columns = {name: names.index(name) for name in CSV_COLUMNS if name in names}
        if "id" not in columns or "text" not in columns:
            yield ReadError(file_id, str(path), f"{path}: not an article table: the header line needs the columns "
                                                f"'id' and 'text', it has {[h.strip() for h in header]}")
            return
        line, records = reader.line_num + 1, 0
        for row in reader:
            where, error_id = f"{path}:{line}", f"{file_id}:{line}"
            result = _csv_article(row, columns, where, error_id, str(path), decoded.encoding)
            start, line = line, reader.line_num + 1
            if result is not None:
                records += 1
                if held is not None:
                    yield held[0]
                held = (result, start, where)
    except csv.Error as err:
        if held is not None:
            yield held[0]
        yield ReadError(f"{file_id}:{reader.line_num}", str(path), f"{path}:{reader.line_num}: invalid CSV ({err})")
        return
    if held is not None:
        result, start, where = held
        if _unclosed_quote(text, start, delimiter):
            yield ReadError(result.id, str(path), f"{where}: invalid CSV (a quoted cell starting in this record is "
                                                  "never closed, so it would take in the rest of the file; a stray "
                                                  "'\"'?)")
        else:
            yield result
    if not records:
        yield ReadError(file_id, str(path), f"{path}: no articles (only the header line)")


# ---------------------------------------------------------------------------------------------------------- HTML

_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.IGNORECASE)
_HTML_LOGGERS = ("trafilatura", "htmldate", "courlan", "justext", "readability")


def declared_charset(raw: bytes) -> str | None:
    """The encoding an HTML page declares in a ``<meta charset>`` (or ``http-equiv``) in its first 4 KB, as a
    Python codec name; ``iso-8859-1``/``ascii`` labels mean cp1252, as in browsers. None if none or unknown."""
    match = _META_CHARSET.search(raw[:4096])
    if not match:
        return None
    try:
        name = codecs.lookup(match.group(1).decode("ascii")).name
    except (LookupError, UnicodeDecodeError):
        return None
    return "cp1252" if name in ("iso8859-1", "ascii", "latin-1") else name


def _extract_html(html: str):
    """trafilatura's main text and metadata of a page (a ``Document`` or None), its loggers kept quiet."""
    import trafilatura

    for name in _HTML_LOGGERS:
        logging.getLogger(name).setLevel(logging.CRITICAL)
    return trafilatura.bare_extraction(
        html, with_metadata=True, include_comments=False, include_tables=False,
        # no "extensive search": it reads a footer's "© 2024" as 2024-01-01
        date_extraction_params={"extensive_search": False, "original_date": True})


def read_html(path: Source, article_id: str | None = None, warn: Warn | None = None) -> ReadResult:
    """One article from a saved HTML page: ``text`` is the main text trafilatura extracts (offsets refer to it),
    title, date (ISO) and URL (canonical link or ``og:url``) come from the page's metadata. Decoded like a
    ``.txt`` file, with the page's ``<meta charset>`` tried before guessing."""
    path = _file(path)
    art_id = article_id or path.stem
    decoded = _read_text(path, art_id, _ignore if warn is None else warn, declared=declared_charset)
    if isinstance(decoded, ReadError):
        return decoded
    try:
        doc = _extract_html(decoded.text)
    except ImportError as err:
        return ReadError(art_id, str(path), f"{path}: cannot read HTML: trafilatura is not usable ({err})")
    except Exception as err:  # noqa: BLE001 - a parser failure on one page must not stop the batch
        return ReadError(art_id, str(path), f"{path}: cannot parse the HTML page ({type(err).__name__}: {err})")
    text = getattr(doc, "text", None) or ""
    if not text.strip():
        return ReadError(art_id, str(path), f"{path}: no main text found in the HTML page")
    date = getattr(doc, "date", None) or ""
    date = date[:10] if _valid_date(date) else None
    return article_from_text(art_id, text, str(path), date=date, title=(getattr(doc, "title", None) or "").strip(),
                             url=(getattr(doc, "url", None) or "").strip(), encoding=decoded.encoding,
                             format="html")


# ---------------------------------------------------------------------------------------------------- all inputs

def read_file(path: Source, file_id: str, warn: Warn) -> Iterable[ReadResult]:
    """The articles (or read errors) of one file, by its suffix; ``file_id`` names them (a ``.txt``/``.html``
    file's article) or their errors (a JSONL/CSV file's lines)."""
    suffix = path.suffix.lower()
    if suffix == ".jsonl":
        return read_jsonl(path, file_id)
    if suffix == ".csv":
        return read_csv(path, file_id, warn)
    if suffix in (".html", ".htm"):
        return [read_html(path, file_id, warn)]
    return [read_txt(path, file_id, warn)]


class Ids:
    """The article ids used so far in one reading of the inputs: a repeated id becomes ``id~2`` (``~3``, …)."""

    def __init__(self) -> None:
        self.seen: dict[str, str] = {}

    def unique(self, result: ReadResult, warn: Warn) -> ReadResult:
        """``result`` under an id not used before, with a warning for a renamed article."""
        seen = self.seen
        if result.id not in seen:
            seen[result.id] = result.source
            return result
        n = 2
        while f"{result.id}~{n}" in seen:
            n += 1
        new_id = f"{result.id}~{n}"
        seen[new_id] = result.source
        if isinstance(result, Article):
            warn(f"{result.source}: article id {result.id!r} is already used by {seen[result.id]}; "
                 f"kept as {new_id!r}")
        return dataclasses.replace(result, id=new_id)


def read_inputs(inputs: Iterable[Union[str, Path]], warn: Optional[Warn] = None, ids: Optional[Ids] = None,
                defer_remote: bool = False) -> Iterator[ReadResult | RemoteUnit]:
    """All articles of the inputs as a stream, in a stable order, each with an id of its own (a repeated id is
    kept as ``id~2`` …). ``warn`` is called with a message for a file that is not UTF-8 (naming the encoding
    used) and for a renamed id; read errors are yielded as :class:`ReadError`, not warned about.

    ``defer_remote``: a file of a URL input is yielded as its :class:`RemoteUnit`, unread, for the caller to read
    (:func:`read_file`, with ``ids``) or to skip; else it is read here like a local file."""
    warn = _ignore if warn is None else warn
    ids = Ids() if ids is None else ids
    for item in _found(inputs):
        if isinstance(item, ReadError):
            yield ids.unique(item, warn)
            continue
        if isinstance(item, RemoteUnit):
            if defer_remote:
                yield item
                continue
            source, file_id = item.file, item.file_id
        else:
            source, file_id = item
        for result in read_file(source, file_id, warn):
            yield ids.unique(result, warn)
