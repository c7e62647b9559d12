"""What the report shows, from the rendered table rows of the result store (the same values as the CSV tables,
with the corpus-wide person names merged): the corpus counts, the speakers and their quotations, the article list,
and one article's text with its marks. Plain values; the templates escape every text."""
from __future__ import annotations

import hashlib
import re
import unicodedata
from collections import Counter
from dataclasses import dataclass, field
from functools import lru_cache

from ..types import ArticleResult, RenderedRows
from ..write import ARTICLE_COLUMNS, ENTITY_COLUMNS, QUOTE_COLUMNS
from .marks import Mark, Run, text_runs

QUOTE_PREVIEW = 240  # characters of a quotation in the index table (the whole one is on its article page)
PALETTE = 10  # speaker colours (report.css .spk-0 … .spk-9); a speaker keeps its colour on every page
ENTITY_TYPES = ("person", "place", "organization", "date")

_A = {c: i for i, c in enumerate(ARTICLE_COLUMNS)}
_Q = {c: i for i, c in enumerate(QUOTE_COLUMNS)}
_E = {c: i for i, c in enumerate(ENTITY_COLUMNS)}


def _digest(text: str) -> str:
    return hashlib.sha1(text.encode("utf-8")).hexdigest()


_GERMAN_LETTERS = str.maketrans({"ä": "ae", "ö": "oe", "ü": "ue", "Ä": "Ae", "Ö": "Oe", "Ü": "Ue", "ß": "ss"})


@lru_cache(maxsize=1 << 16)
def file_slug(name: str, limit: int = 48) -> str:
    """A file name for any article id or speaker name: its letters and digits in ASCII, then a hash of the whole
    (two names never share a file; no path separators, dots or markup get into a link)."""
    spelled = name.translate(_GERMAN_LETTERS)
    ascii_name = unicodedata.normalize("NFKD", spelled).encode("ascii", "ignore").decode("ascii")
    slug = re.sub(r"[^A-Za-z0-9]+", "-", ascii_name).strip("-").lower()[:limit].strip("-")
    return f"{slug or 'x'}-{_digest(name)[:10]}"


def article_file(article_id: str) -> str:
    return f"articles/{file_slug(article_id)}.html"


def speaker_file(speaker: str) -> str:
    return f"speakers/{file_slug(speaker)}.html"


def speaker_colour(speaker: str) -> str:
    """The CSS class of a speaker's colour in the chart and on the speaker's page: stable across runs (a hash of the
    name); "spk-none" for a quotation without a speaker. (An article page numbers its own speakers' colours:
    :func:`article_colours`.)"""
    return f"spk-{int(_digest(speaker)[:8], 16) % PALETTE}" if speaker else "spk-none"


def article_colours(speakers: list[str]) -> dict[str, str]:
    """The colour of each speaker of one article: distinct for the first :data:`PALETTE` speakers, in the order
    they are first quoted ("spk-none" for quotations without a speaker)."""
    colours: dict[str, str] = {"": "spk-none"}
    for name in speakers:
        if name not in colours:
            colours[name] = f"spk-{(len(colours) - 1) % PALETTE}"
    return colours


def preview(text: str, limit: int = QUOTE_PREVIEW) -> str:
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


@dataclass(frozen=True)
class QuoteEntry:
    """One quotation as the index and the speaker pages list it."""

    number: int  # its number in the article (quote_id …-q003 -> 3), the anchor #q3 of the article page
    article_id: str
    title: str
    date: str
    speaker: str
    speaker_type: str
    kind: str
    quote: str
    confidence: float

    @property
    def href(self) -> str:
        return f"{article_file(self.article_id)}#q{self.number}"


@dataclass(frozen=True)
class ArticleEntry:
    article_id: str
    title: str
    date: str
    source: str
    quotes: int
    status: str

    @property
    def href(self) -> str:
        return article_file(self.article_id)


@dataclass
class Corpus:
    """The corpus at a glance, gathered article by article (:meth:`add`)."""

    articles: list[ArticleEntry] = field(default_factory=list)
    quotes: list[QuoteEntry] = field(default_factory=list)
    kinds: Counter = field(default_factory=Counter)
    names: dict[str, Counter] = field(default_factory=lambda: {t: Counter() for t in ENTITY_TYPES[:3]})
    dates: int = 0
    failed: int = 0

    def add(self, rows: RenderedRows) -> None:
        art = rows.articles[0] if rows.articles else None
        if art is None:
            return
        entry = ArticleEntry(article_id=art[_A["article_id"]], title=art[_A["title"]] or "", date=art[_A["date"]] or "",
                             source=art[_A["url"]] or art[_A["source"]] or "", quotes=len(rows.quotes),
                             status=art[_A["status"]] or "")
        self.articles.append(entry)
        if entry.status != "ok":
            self.failed += 1
            return
        self.dates += rows.n_dates
        for q in rows.quotes:
            self.kinds[q[_Q["kind"]]] += 1
            self.quotes.append(QuoteEntry(
                number=quote_number(q[_Q["quote_id"]]), article_id=entry.article_id, title=entry.title,
                date=entry.date, speaker=q[_Q["speaker"]] or "", speaker_type=q[_Q["speaker_type"]] or "",
                kind=q[_Q["kind"]], quote=q[_Q["quote"]] or "", confidence=float(q[_Q["confidence"]] or 0)))
        for entity_type, name, mentions, *_ in rows.names:
            if entity_type in self.names:
                self.names[entity_type][name] += mentions

    def speakers(self) -> dict[str, list[QuoteEntry]]:
        """Each speaker's quotations, the most quoted first (then by name)."""
        by: dict[str, list[QuoteEntry]] = {}
        for q in self.quotes:
            if q.speaker:
                by.setdefault(q.speaker, []).append(q)
        return dict(sorted(by.items(), key=lambda kv: (-len(kv[1]), kv[0])))


def quote_number(quote_id: str) -> int:
    """3 of "seed-000-q003"."""
    found = re.search(r"-q(\d+)$", quote_id or "")
    return int(found.group(1)) if found else 0


# ------------------------------------------------------------------------------------------------ article pages

@dataclass(frozen=True)
class QuoteNote:
    """What the article page says of one quotation (its tooltip and its entry in the side list)."""

    number: int
    kind: str
    speaker: str
    speaker_type: str
    speaker_text: str
    confidence: float
    start: int
    end: int
    quote: str
    colour: str

    @property
    def tip(self) -> str:
        who = self.speaker or "speaker unknown"
        return (f"{who} · {self.kind} · confidence {self.confidence:.2f} · characters {self.start}–{self.end}"
                + (f" · speaker mention: {self.speaker_text}" if self.speaker_text else ""))


@dataclass
class ArticlePage:
    article_id: str
    title: str
    date: str
    source: str
    url: str  # "" unless an http(s) URL: only such a URL becomes a link
    raw_url: str  # the article's URL as given (shown as text when it is no link)
    runs: list[Run]
    notes: dict[int, QuoteNote]
    entity_counts: Counter


def safe_url(url: str) -> str:
    """``url`` if it is an absolute http(s) URL (what a link may point to), else "": no javascript:, data: or
    relative URLs from untrusted input."""
    url = (url or "").strip()
    return url if re.match(r"^https?://[^\s\"'<>]+$", url, re.IGNORECASE) else ""


def article_page(result: ArticleResult, rows: RenderedRows) -> ArticlePage:
    """The page of one article: its text cut into runs of marks (quotation content, cue, speaker mention; entities
    by type with canonical name or ISO date), with a note per quotation."""
    art = result.article
    notes: dict[int, QuoteNote] = {}
    quote_marks: list[Mark] = []
    colours = article_colours([q[_Q["speaker"]] or "" for q in rows.quotes])
    for q in rows.quotes:
        n = quote_number(q[_Q["quote_id"]])
        note = QuoteNote(number=n, kind=q[_Q["kind"]], speaker=q[_Q["speaker"]] or "",
                         speaker_type=q[_Q["speaker_type"]] or "", speaker_text=q[_Q["speaker_text"]] or "",
                         confidence=float(q[_Q["confidence"]] or 0), start=q[_Q["quote_start"]],
                         end=q[_Q["quote_end"]], quote=preview(q[_Q["quote"]] or "", 160),
                         colour=colours[q[_Q["speaker"]] or ""])
        notes[n] = note
        quote_marks.append(Mark(note.start, note.end, "content", n))
        for role in ("speaker", "cue"):
            start, end = q[_Q[f"{role}_start"]], q[_Q[f"{role}_end"]]
            if start is not None and end is not None and end > start:
                quote_marks.append(Mark(start, end, role, n))
    entity_marks = [Mark(e[_E["start"]], e[_E["end"]], e[_E["type"]], e[_E["canonical"]]) for e in rows.entities
                    if e[_E["type"]] in ENTITY_TYPES]
    counts = Counter(m.kind for m in entity_marks)
    return ArticlePage(article_id=art.id, title=art.title, date=art.date or "", source=art.source,
                       url=safe_url(art.url), raw_url=art.url or "",
                       runs=text_runs(art.text, quote_marks, entity_marks), notes=notes, entity_counts=counts)
