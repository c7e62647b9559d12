"""Stage 2 — annotate: load the German pipeline and add this project's extraction components.

The components (registered spaCy factories, usable from any ``nlp``):

- ``article_dates``: calendar expressions with ISO values -> ``doc._.dates``
- ``article_entities``: persons, places, organizations with canonical names -> ``doc._.entities``
- ``article_quotations``: quotations with resolved speakers -> ``doc._.quotations``

Each article's date and body offset travel on the ``Doc`` (``doc._.article_date``, ``doc._.body_start``), so the
same components serve the CLI, the Python API and the tests.
"""
from __future__ import annotations

import logging
from typing import Iterable, Iterator

import spacy
from spacy.language import Language
from spacy.tokens import Doc

from .extract.dates import find_dates
from .extract.entities import entity_spans
from .extract.person_rules import make_person_rules  # noqa: F401  (registers the "person_rules" factory)
from .extract.quotes import extract_quotations
from .model.choice import choose_model, describe
from .resolve.names import canonicalize
from .resolve.speakers import resolve_speakers
from .types import Article
from .write import ArticleResult

log = logging.getLogger(__name__)

EXTRACTORS = ("article_dates", "article_entities", "article_quotations")
MAX_CHARS = 2_000_000

for _name, _default in (("article_date", None), ("body_start", 0), ("article_id", ""), ("dates", None),
                        ("entities", None), ("quotations", None)):
    if not Doc.has_extension(_name):
        Doc.set_extension(_name, default=_default)


_SENT_END = {".", "!", "?", "…", ":", ";"}
_CLOSING_MARKS = {"“", "”", "«", "»", "\"", "‘", "’", "‹", "›", "'", ")"}


@Language.component("paragraph_boundaries")
def paragraph_boundaries(doc: Doc) -> Doc:
    """Sentence boundaries the parser must respect (it runs after this and keeps boundaries already set):
    - a line break always ends a sentence (titles, datelines and paragraphs are never merged);
    - „… beendet.“ Der nächste Satz: a closing quotation mark after . ! ? before a capitalized word ends one;
    - nowhere else but after sentence punctuation (. ! ? … : ;), a closing mark or an abbreviation can a
      sentence start: a small parser would otherwise cut clauses apart ("Nach Einschätzung von Experten | ist …")."""
    for i, tok in enumerate(doc[:-1]):
        nxt = doc[i + 1]
        opening_straight = tok.text in ('"', "'") and (i == 0 or doc[i - 1].whitespace_ or doc[i - 1].is_space) \
            and not tok.whitespace_
        if tok.is_space and "\n" in tok.text or tok.text.endswith("\n") or "\n" in tok.whitespace_:
            nxt.is_sent_start = True
        elif opening_straight or tok.text in ("„", "»", "‚", "›"):
            nxt.is_sent_start = False  # the first word of a quotation belongs to the sentence its mark opens
        elif tok.text in _CLOSING_MARKS and i > 0 and doc[i - 1].text[-1:] in ".!?…" and nxt.text[:1].isupper():
            nxt.is_sent_start = True
        elif tok.text in _CLOSING_MARKS and (nxt.text in (",", ";", ":") or nxt.text[:1].islower()):
            nxt.is_sent_start = False  # „…“, sagte Putin / „…!“ sagte er: the frame stays with its quotation
        elif tok.text not in _SENT_END and tok.text not in _CLOSING_MARKS and not tok.text.endswith(".") \
                and not tok.is_space:
            nxt.is_sent_start = False
    return doc


@Language.component("article_dates")
def article_dates(doc: Doc) -> Doc:
    doc._.dates = find_dates(doc.text, doc._.article_date, start=doc._.body_start)
    return doc


@Language.component("article_entities")
def article_entities(doc: Doc) -> Doc:
    doc._.entities = canonicalize(entity_spans(doc))
    return doc


@Language.component("article_quotations")
def article_quotations(doc: Doc) -> Doc:
    entities = doc._.entities if doc._.entities is not None else canonicalize(entity_spans(doc))
    doc._.quotations = resolve_speakers(doc.text, extract_quotations(doc), entities)
    return doc


def build_nlp(model: str | None = None) -> Language:
    """The chosen German pipeline plus the extraction components."""
    choice = choose_model(model)
    nlp = spacy.load(choice.name)
    nlp.max_length = MAX_CHARS
    if "paragraph_boundaries" not in nlp.pipe_names:
        first_syntax = next((n for n in ("senter", "parser") if n in nlp.pipe_names), None)
        if first_syntax:
            nlp.add_pipe("paragraph_boundaries", before=first_syntax)
        else:
            nlp.add_pipe("paragraph_boundaries", first=True)
    if "ner" in nlp.pipe_names and "person_rules" not in nlp.pipe_names:
        nlp.add_pipe("person_rules", after="ner")
    for name in EXTRACTORS:
        if name not in nlp.pipe_names:
            nlp.add_pipe(name, last=True)
    nlp.meta.setdefault("pipeline_choice", choice.reason)
    return nlp


def make_doc(nlp: Language, article: Article) -> Doc:
    if len(article.text) > nlp.max_length:
        raise ValueError(f"{article.source}: article {article.id!r} is {len(article.text):,} characters long; "
                         f"the limit is {nlp.max_length:,}")
    doc = nlp.make_doc(article.text)
    doc._.article_date = article.date
    doc._.body_start = article.body_start
    doc._.article_id = article.id
    return doc


def result_from_doc(doc: Doc, article: Article, model_name: str) -> ArticleResult:
    return ArticleResult(
        article=article,
        model=model_name,
        entities=list(doc._.entities or []),
        dates=list(doc._.dates or []),
        quotes=list(doc._.quotations or []),
        sentences=[(s.start_char, s.end_char) for s in doc.sents],
    )


def process_articles(nlp: Language, articles: Iterable[Article], batch_size: int = 16) -> Iterator[ArticleResult]:
    """Annotate and extract, streaming; an article that fails yields a result with an error status."""
    model_name = describe(nlp)
    batch: list[Article] = []

    def run(batch: list[Article]) -> Iterator[ArticleResult]:
        docs, ok = [], []
        for art in batch:
            try:
                docs.append(make_doc(nlp, art))
                ok.append(art)
            except Exception as err:  # noqa: BLE001 - reported per article, the batch goes on
                yield ArticleResult(article=art, model=model_name, status=f"error: {err}")
        try:
            for art, doc in zip(ok, nlp.pipe(docs, batch_size=batch_size)):
                yield result_from_doc(doc, art, model_name)
        except Exception:  # noqa: BLE001 - isolate the failing article by processing one at a time
            if len(ok) == 1:
                art = ok[0]
                log.exception("article %s failed", art.id)
                import sys
                err = sys.exc_info()[1]
                yield ArticleResult(article=art, model=model_name,
                                    status=f"error: {type(err).__name__}: {err}")
                return
            for art in ok:
                yield from run([art])

    for article in articles:
        batch.append(article)
        if len(batch) >= batch_size:
            yield from run(batch)
            batch = []
    if batch:
        yield from run(batch)


def analyze(text: str, date: str | None = None, article_id: str = "text", nlp: Language | None = None,
            ) -> ArticleResult:
    """Python API: analyze one German text and return its entities, dates and quotations."""
    from .read import article_from_text

    nlp = nlp or build_nlp()
    article = article_from_text(article_id, text, "<text>", date=date)
    return next(process_articles(nlp, [article]))
