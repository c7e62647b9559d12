"""Person, place and organization mentions from the pipeline's NER, cleaned by rules.

Works with either pipeline: NER labels go through :func:`pipeline.model.labels.entity_type`.
"""
from __future__ import annotations

import re

from spacy.tokens import Doc, Span

from ..model.labels import entity_type
from ..resources import role_of

# characters that never start or end a name
_EDGE = re.compile(r"^[\s\"'„“”‚‘’»«›‹()\[\]{}.,;:!?–—-]+|[\s\"'„“”‚‘’»«›‹()\[\]{},;:!?–—-]+$")
_HAS_UPPER = re.compile(r"[A-ZÄÖÜ]")


def _trim(span: Span) -> Span | None:
    """Drop leading determiners, titles and role nouns, and surrounding punctuation."""
    start, end = span.start, span.end
    doc = span.doc
    while start < end:
        tok = doc[start]
        role = role_of(tok.text)
        if tok.is_punct or tok.pos_ in ("DET", "ADP") or tok.is_lower and tok.pos_ != "PROPN" \
                or (role is not None and end - start > 1):
            start += 1
            continue
        break
    while end > start and (doc[end - 1].is_punct and doc[end - 1].text not in (".",) or doc[end - 1].is_space):
        end -= 1
    if start >= end:
        return None
    new = doc[start:end]
    if _EDGE.sub("", new.text) == "" or not _HAS_UPPER.search(new.text):
        return None
    return Span(doc, start, end, label=span.label_)


def entity_spans(doc: Doc, types: tuple[str, ...] = ("person", "place", "organization")) -> list[tuple[str, Span]]:
    """``(type, span)`` for each NER entity of a wanted type, trimmed; body offsets only (see ``doc._.body_start``)."""
    body_start = doc._.body_start if doc.has_extension("body_start") else 0
    out = []
    for ent in doc.ents:
        kind = entity_type(ent.label_)
        if kind not in types or ent.start_char < body_start:
            continue
        span = _trim(ent)
        if span is None:
            continue
        # a single-letter or all-digit "name" is noise
        if len(span.text) < 2 or span.text.replace(".", "").isdigit():
            continue
        out.append((kind, span))
    return out
