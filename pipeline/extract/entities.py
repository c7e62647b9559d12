"""Person, place and organization mentions from the pipeline's NER, cleaned by rules.

Works with either pipeline: NER labels go through :func:`pipeline.model.labels.entity_type`.
"""
from __future__ import annotations

import json
import re
from functools import lru_cache

from spacy.tokens import Doc, Span

from ..model.labels import entity_type
from ..resources import RESOURCE_DIR, role_of

# characters that never start or end a name
_EDGE = re.compile(r"^[\s\"'„“”‚‘’»«›‹()\[\]{}.,;:!?–—-]+|[\s\"'„“”‚‘’»«›‹()\[\]{},;:!?–—-]+$")
_HAS_UPPER = re.compile(r"[A-ZÄÖÜ]")

# photo credits and bylines are not mentions in the article (GUIDELINES.md: "Foto: Gavriil Grigorov", "von Martin
# Gätke"): a credit marker earlier on the same line, a byline line "von/Von:/By X", a line that is only "(X)", or a
# parenthetical that names a photo ("(Pavel Bednyakov, Sputnik, Kremlin Pool Photo via AP)")
_CREDIT_MARKER = re.compile(r"(?:©|\b(?:Fotos?|Bild(?:er)?|Photos?|Quelle|Credits?|Copyright)\s*:)", re.IGNORECASE)
_BYLINE_PREFIX = re.compile(r"^\W*(?:von|by|text|autor|autorin|ein beitrag von)\s*:?\s*$", re.IGNORECASE)
_PHOTO_WORD = re.compile(r"(?:©|\b(?:Fotos?|Photos?|Bild)\b)", re.IGNORECASE)
_CREDIT_REACH = 60  # characters between a credit marker and the name
# lower-case words that may follow the name in a byline ("von Christoph Dernbach, dpa"); any other lower-case word
# means a sentence or headline ("Von Berlin nach Paris")
_BYLINE_LOWER = frozenset({"und", "dpa", "afp", "ap", "epd", "kna", "sid", "apa", "dts", "rtr"})


@lru_cache(maxsize=1)
def calendar_words() -> frozenset[str]:
    """Weekday names (German and English) and German month names, from dates_de.json: never a person or place on
    their own (English month names are left out: "May" is also a surname)."""
    with open(RESOURCE_DIR / "dates_de.json", encoding="utf-8") as fh:
        data = json.load(fh)
    words = set()
    for key in ("weekdays", "weekdays_en", "months"):
        words.update(w for w in data.get(key, []) if not w.endswith("."))
    return frozenset(words)


def is_credit(text: str, start: int, end: int) -> bool:
    """Whether ``text[start:end]`` stands in a photo credit or byline rather than in the article."""
    line_start = text.rfind("\n", 0, start) + 1
    line_end = text.find("\n", end)
    line_end = len(text) if line_end < 0 else line_end
    before, after = text[line_start:start], text[end:line_end]
    marker = None
    for marker in _CREDIT_MARKER.finditer(before):
        pass
    if marker is not None and start - (line_start + marker.end()) <= _CREDIT_REACH \
            and not re.search(r"[.!?]\s", text[line_start + marker.end():start]):
        return True
    if _BYLINE_PREFIX.match(before) and len(after.strip()) <= 25 and not re.search(r"[.!?]", after) \
            and all(w in _BYLINE_LOWER for w in re.findall(r"\b[a-zäöüß]+\b", re.sub(r"\([^)]*\)", "", after))):
        return True
    # "(Bona Hyun)" alone on its line or closing a paragraph after its last sentence: the author
    if after.strip() == ")" and (before.strip() == "(" or re.search(r"[.!?\"“”«»]\s*\($", before)):
        return True
    open_paren = text.rfind("(", line_start, start)
    if open_paren >= 0 and text.find(")", open_paren, start) < 0:
        close = text.find(")", end, line_end)
        if close >= 0 and _PHOTO_WORD.search(text[open_paren:close]):
            return True
    return False


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
        if kind in ("person", "place") and (span.text in calendar_words()
                                            or is_credit(doc.text, span.start_char, span.end_char)):
            continue
        out.append((kind, span))
    return out
