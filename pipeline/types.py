"""Small value types shared by all stages: what the extraction finds, and the table rows rendered from it.
Writers only serialize these."""
from __future__ import annotations

import enum
from dataclasses import dataclass, field
from typing import Optional


def name_key(name: str) -> str:
    """Comparison key of a name: case-folded, hyphens as spaces, whitespace collapsed."""
    return " ".join(name.replace("-", " ").replace("‐", " ").casefold().split())


def join_names(names: list[str]) -> str:
    """Coordinated speakers as German writes them: "A", "A und B", "A, B und C"."""
    names = list(dict.fromkeys(names))
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " und " + names[-1] if names else ""


def split_names(speaker: str) -> list[str]:
    """The names of :func:`join_names` back ("A, B und C" -> [A, B, C])."""
    head, _, last = speaker.rpartition(" und ")
    return [n for n in head.split(", ") if n] + [last] if head else [speaker]


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
class ReadError:
    """An input (a file, a line or a record of one) that could not be read: the id its row has, where it is, and
    the problem, said for the user (naming the file)."""

    id: str
    source: str
    message: str


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
    # how it names the entity: "name", or a mention the coreference stage resolved to it (pipeline/resolve/coref.py):
    # "surname" (a name the entity stage missed), "pronoun", "possessive", "descriptor" ("der Minister")
    mention: str = "name"


class Method(str, enum.Enum):
    """How a quotation was found and attributed: the strategy of :mod:`pipeline.extract.quotes` that made it."""

    UNFRAMED = "unframed"  # a direct quotation without a frame of its own (its speaker from the paragraph or none)
    CUE_AFTER = "cue-after"  # „…“, sagte X.
    CUE_BEFORE = "cue-before"  # X sagte: „…“ / X sagte „…“
    COLON = "colon"  # X: „…“
    PREVIOUS = "previous"  # a run of quotations: the speaker of the one before
    SAME_SENTENCE = "same-sentence"  # a frame-less quoted part of a sentence that names its speaker
    FRAGMENT = "fragment"  # a report with a quoted fragment (mixed): Kim sprach von einem „heiligen Kampf“
    VERB_BEFORE = "verb-before"  # the content before its cue verb: …, sagte X.
    VERB_AFTER = "verb-after"  # the content after its cue verb: X sagte, (dass) …
    VERB_WIE = "verb-wie"  # a wie-clause inside the sentence: …, wie X sagte, …
    PHRASE = "phrase"  # a source phrase: laut X, X zufolge, so X, nach Angaben X
    ANAPHORIC = "anaphoric"  # the sentence before a frame that takes it up: … . Das sagte X.
    REPORTED = "reported"  # a reported speech act without a content clause: X forderte den Rücktritt
    CONTINUATION = "continuation"  # a frame-less Konjunktiv sentence continuing a report


@dataclass(frozen=True)
class Quotation:
    """Reported speech: cue, content spans, speaker mention, resolved speaker, kind, confidence (after Citron),
    and how it was found."""

    kind: str  # direct | indirect | mixed
    content: tuple[TextSpan, ...]  # one or more content spans (an interrupted quote has several)
    cue: TextSpan | None = None
    speaker_mention: TextSpan | None = None  # what the attribution rests on (may be a pronoun)
    speaker: str = ""  # resolved canonical name, empty if unknown
    speaker_type: str = ""  # person | organization | group | "" (unknown); what ``speaker`` names
    confidence: float = 0.5
    sentence: TextSpan | None = None
    method: Method = Method.UNFRAMED
    # the quotation as it stands in the text (quote_start/quote_end): a direct one with its marks, a whole reported
    # sentence with its final punctuation; None: the span of the content parts
    extent: tuple[int, int] | None = None
    verbatim: tuple[TextSpan, ...] = ()  # the words a mixed quotation quotes word for word (without their marks)
    refers_to: TextSpan | None = None  # what the speaker mention stands for ("eigenen Angaben" -> the subject)
    unattributed: bool = False  # the text leaves the speaker open ("Es wird vermutet, dass …"): no guess
    cue_entry: str = ""  # the cue lexicon entry of a reported speech act (speech_acts_de.tsv)

    @property
    def start(self) -> int:
        return min(s.start for s in self.content)

    @property
    def end(self) -> int:
        return max(s.end for s in self.content)

    @property
    def span(self) -> tuple[int, int]:
        """(quote_start, quote_end): :attr:`extent`, else from the first to the last content part."""
        return self.extent if self.extent is not None else (self.start, self.end)


@dataclass
class ArticleResult:
    """Everything extracted from one article: what the writers serialize and the result store keeps."""

    article: Article
    model: str = ""
    entities: list[EntityMention] = field(default_factory=list)  # names, then the resolved mentions, by position
    dates: list[DateMention] = field(default_factory=list)
    quotes: list[Quotation] = field(default_factory=list)
    sentences: list[tuple[int, int]] = field(default_factory=list)  # sentence boundaries (char offsets)
    status: str = "ok"


@dataclass(frozen=True)
class RenderedRows:
    """One article's share of the tables, rendered into typed cells (str, int, float or None for empty): its rows
    of articles, entities and quotes (cell lists in the order of the table's columns) and its name counts for the
    name tables. The writer renders them (:func:`pipeline.write.render_rows`); the result store keeps them next to
    the article's result, so rebuilding the tables after a rerun never touches the extraction results."""

    articles: tuple[list, ...]
    entities: tuple[list, ...]
    quotes: tuple[list, ...]
    # pipeline.write.name_counts(): (type, name, mentions, name mentions[, code, latitude, longitude])
    names: tuple[tuple, ...]
    status: str = "ok"
    n_dates: int = 0

    @property
    def n_entities(self) -> int:
        return len(self.entities)

    @property
    def n_quotes(self) -> int:
        return len(self.quotes)
