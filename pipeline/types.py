"""Small value types shared by all stages. Writers only serialize these."""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Optional


@dataclass(frozen=True)
class Article:
    """One input article. ``text`` is exactly the decoded content; every offset points into it."""

    id: str
    text: str
    source: str
    date: Optional[str] = None  # ISO date of the article (YYYY-MM-DD or YYYY-MM), if known
    title: str = ""
    url: str = ""
    body_start: int = 0  # where the article body starts (after a " date YYYY-MM" header line)
    encoding: str = ""  # how the file was decoded ("utf-8", "utf-8-sig", "cp1252", "utf-16", ...); "" if unknown
    format: str = ""  # what it was read from: "txt", "jsonl", "csv" or "html" (whose ``text`` is extracted)


@dataclass(frozen=True)
class TextSpan:
    """A character span of the article text."""

    start: int
    end: int
    text: str


@dataclass(frozen=True)
class DateMention:
    """A calendar expression with its ISO 8601 value (e.g. ``2023-07``, ``XXXX-09-11``)."""

    start: int
    end: int
    text: str
    value: str


@dataclass(frozen=True)
class EntityMention:
    """A person, place or organization mention with the canonical name of the entity it refers to."""

    type: str  # person | place | organization
    start: int
    end: int
    text: str
    canonical: str
    sentence: TextSpan | None = None


@dataclass(frozen=True)
class Quotation:
    """Reported speech: cue, content spans, speaker mention, resolved speaker, kind, confidence (after Citron)."""

    kind: str  # direct | indirect | mixed
    content: tuple[TextSpan, ...]  # one or more content spans (an interrupted quote has several)
    cue: TextSpan | None = None
    speaker_mention: TextSpan | None = None  # what the attribution rests on (may be a pronoun)
    speaker: str = ""  # resolved canonical name, empty if unknown
    confidence: float = 0.5
    sentence: TextSpan | None = None
    extras: dict = field(default_factory=dict, compare=False, hash=False)

    @property
    def start(self) -> int:
        return min(s.start for s in self.content)

    @property
    def end(self) -> int:
        return max(s.end for s in self.content)


@dataclass
class ArticleResult:
    """Everything extracted from one article: what the writers serialize and the result store keeps."""

    article: Article
    model: str = ""
    entities: list[EntityMention] = field(default_factory=list)
    dates: list[DateMention] = field(default_factory=list)
    quotes: list[Quotation] = field(default_factory=list)
    sentences: list[tuple[int, int]] = field(default_factory=list)  # sentence boundaries (char offsets)
    status: str = "ok"
