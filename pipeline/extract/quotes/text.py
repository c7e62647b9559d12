"""Character ranges of the text: trimmed to content, final punctuation stripped, aligned to tokens."""
from __future__ import annotations

import re

from spacy.tokens import Doc, Span, Token

from ...lang.de.marks import german_closers, german_openers, stray_marks

TRIM = " \t\n\r,;:–—-"  # around a content: spaces, commas, colons and dashes of the frame
END_PUNCT = ".!?…"
_WORD = re.compile(r"\w+")
_TRIM_OR_MARK = frozenset(TRIM) | stray_marks()  # a content part may end before the mark that closes a fragment
_DEPTH_OPENERS = german_openers()
_DEPTH_CLOSERS = german_closers()


def within_marks(tok: Token) -> bool:
    """More quotation marks open than closed before the token in its sentence: German-style marks („…“, »…«) by
    depth, straight marks alternating."""
    depth = 0
    straight = 0
    for t in tok.doc[tok.sent.start : tok.i]:
        if t.text in _DEPTH_OPENERS:
            depth += 1
        elif t.text in _DEPTH_CLOSERS and depth > 0:
            depth -= 1
        elif t.text == "\"":
            straight ^= 1
    return depth > 0 or straight == 1


def span_chars(doc: Doc, start: int, end: int) -> tuple[int, int] | None:
    """Trim a character range to content (no surrounding spaces/commas/dashes), ``None`` if empty."""
    text = doc.text
    while start < end and text[start] in TRIM:
        start += 1
    while end > start and text[end - 1] in _TRIM_OR_MARK:
        end -= 1
    while end > start and text[end - 1] in TRIM:
        end -= 1
    if end - start < 2 or not _WORD.search(text[start:end]):
        return None
    return start, end


def strip_final_punct(doc: Doc, start: int, end: int) -> tuple[int, int]:
    text = doc.text
    while end > start and (text[end - 1] in END_PUNCT + TRIM):
        end -= 1
    return start, end


def n_words(text: str) -> int:
    return len(_WORD.findall(text))


def tokens_between(doc: Doc, start_char: int, end_char: int) -> Span | None:
    return doc.char_span(start_char, end_char, alignment_mode="expand")
