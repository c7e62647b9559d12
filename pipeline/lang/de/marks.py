"""Quotation marks, read only from ``resources/quote_marks.tsv`` (the pairs by mark type and their style).

Every rule that asks "is this an opening / closing quotation mark" reads the sets here, so adding a mark to the
table reaches the pairing (:mod:`pipeline.extract.quote_marks`), the sentence splitter and the quotation rules."""
from __future__ import annotations

from functools import lru_cache

from ...resources import read_tsv

APOSTROPHES = frozenset("'’")  # marks that also stand inside words ("geht's", "Putin’s"): never a stray mark


@lru_cache(maxsize=1)
def mark_pairs() -> dict[str, str]:
    """opener -> every mark that may close it (the typographically correct one first)."""
    return {row["opener"]: row["closers"] for row in read_tsv("quote_marks.tsv")}


@lru_cache(maxsize=1)
def _styles() -> dict[str, str]:
    return {row["opener"]: row["style"] for row in read_tsv("quote_marks.tsv")}


def openers() -> frozenset[str]:
    return frozenset(mark_pairs())


def closers() -> frozenset[str]:
    return frozenset(c for cs in mark_pairs().values() for c in cs)


def all_marks() -> frozenset[str]:
    return openers() | closers()


GERMAN_STYLES = frozenset({"german", "guillemets"})


def german_openers() -> frozenset[str]:
    """The opening marks of the German conventions: „ ‚ » ›."""
    return frozenset(o for o, style in _styles().items() if style in GERMAN_STYLES)


def german_closers() -> frozenset[str]:
    """The closing marks of the German conventions (“ ” ‘ « ‹), without the straight mark and the apostrophes."""
    return frozenset(c for o in german_openers() for c in mark_pairs()[o]) - APOSTROPHES - {'"'}


def stray_marks() -> frozenset[str]:
    """Marks that may stand unpaired at the edge of a text (not the apostrophes)."""
    return all_marks() - APOSTROPHES
