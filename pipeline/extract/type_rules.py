"""The type of a name by its context (issue #15): a legal form at its end makes it an organization ("Müller
Logistik GmbH", "Freunde der Oper e.V."), a party in parentheses after it a person ("Lindner (FDP)"). Rules
``legal_forms`` and ``party_names`` of ``person_rules``; the word lists are ``legal_forms_de.txt`` and
``parties_de.txt``."""
from __future__ import annotations

from collections.abc import Callable
from functools import lru_cache

from spacy.tokens import Doc, Span

from ..model.labels import entity_type
from ..resources import read_lines

MakeSpan = Callable[[Doc, int, int, str], Span]


@lru_cache(maxsize=1)
def legal_forms() -> tuple[tuple[str, ...], ...]:
    """The legal forms of legal_forms_de.txt as token tuples, longest first ("e. V." before "V.")."""
    return tuple(sorted((tuple(line.split()) for line in read_lines("legal_forms_de.txt")), key=len, reverse=True))


@lru_cache(maxsize=1)
def parties() -> frozenset[str]:
    return frozenset(read_lines("parties_de.txt"))


@lru_cache(maxsize=1)
def _legal_form_words() -> frozenset[str]:
    return frozenset(word for form in legal_forms() for word in form)


def _legal_form_end(words: list[str], end: int) -> int:
    """The end of a legal form that starts at word ``end``, 0 if none does."""
    if end >= len(words) or words[end] not in _legal_form_words():
        return 0
    return next((end + len(form) for form in legal_forms() if tuple(words[end : end + len(form)]) == form), 0)


def legal_forms_rule(doc: Doc, ents: list[Span], make: MakeSpan) -> list[Span]:
    """An entity that ends in a legal form, or that one follows right after it, is an organization with it."""
    words = [t.text for t in doc]
    known = _legal_form_words()
    out = []
    for ent in ents:
        inner = 0
        if words[ent.end - 1] in known:
            inner = next((ent.end for form in legal_forms() if len(ent) > len(form) and
                          tuple(words[ent.end - len(form) : ent.end]) == form), 0)
        after = _legal_form_end(words, ent.end)
        end = inner or after
        if end and (entity_type(ent.label_) != "organization" or after):
            ent = make(doc, ent.start, end, "organization")
        out.append(ent)
    return _without_overlaps(out)


def party_names_rule(doc: Doc, ents: list[Span], make: MakeSpan) -> list[Span]:
    """A one-word organization or place right before a party in parentheses is a person: "Lindner (FDP)"."""
    out = []
    for ent in ents:
        k = ent.end
        if len(ent) == 1 and entity_type(ent.label_) in ("organization", "place") and k + 2 < len(doc) and \
                doc[k].text == "(" and _party_inside(doc, k + 1) and ent.text[:1].isupper() and not ent.text.isupper():
            ent = make(doc, ent.start, ent.end, "person")
        out.append(ent)
    return out


def _party_inside(doc: Doc, start: int) -> bool:
    close = next((i for i in range(start, min(start + 4, len(doc))) if doc[i].text == ")"), None)
    return close is not None and doc[start:close].text in parties()


def _without_overlaps(ents: list[Span]) -> list[Span]:
    """Entities in text order, a later one dropped where it overlaps a kept one (a widened organization)."""
    out: list[Span] = []
    for ent in sorted(ents, key=lambda e: (e.start, -len(e))):
        if out and ent.start < out[-1].end:
            continue
        out.append(ent)
    return out
