"""What every match of a date pattern begins with and must contain, read from the pattern's parse tree, so that the
rules find the same matches faster.

The date patterns begin with optional words (prepositions, modifiers, parts of a period: "seit dem vergangenen
…"), so the regex engine tries all their alternatives at every offset of the text: the date rules took a quarter
of the extraction's time. Two exact shortcuts:

- :func:`compile_led` puts a lookahead for the characters a match can begin with in front of a pattern: at most
  offsets the engine then fails at once (``(?=[…])`` only repeats a condition the match checks anyway);
- :func:`required_words` lists, for each mandatory part of a pattern that consists of literal words (a month name,
  "Jahrhundert"), those words: a text without one of them has no match, and :class:`.context.Scan` skips the
  pattern there (most articles name no century, season or "Jahresende").

Both read the structure of ``re``'s own parser and answer ``None`` / nothing where it has a construct they do not
know, so that a pattern is then scanned as it is.
"""
from __future__ import annotations

import re

try:  # the parser of the re module
    from re import _constants as _sre
    from re import _parser as _sre_parse
except ImportError:  # Python 3.10
    import sre_constants as _sre  # type: ignore[no-redef]
    import sre_parse as _sre_parse  # type: ignore[no-redef]

_ZERO_WIDTH = (_sre.AT, _sre.ASSERT, _sre.ASSERT_NOT)
_REPEATS = (_sre.MAX_REPEAT, _sre.MIN_REPEAT)
MIN_REQUIRED_LENGTH = 3  # shorter required words ("er", ".") are in nearly every text: not worth the check


def _parse(source: str):
    """The parse tree of ``source``, ``None`` with a global flag (case-insensitive, multi-line …)."""
    parsed = _sre_parse.parse(source)
    return None if parsed.state.flags & ~re.UNICODE else parsed


def _plain_group(op, av) -> bool:
    """A group without flags of its own."""
    return op is _sre.SUBPATTERN and not av[1] and not av[2]


def _class_chars(items) -> set[str] | None:
    """The characters of a parsed character class; ``None`` for a negated class or a category other than digits."""
    chars: set[str] = set()
    for op, av in items:
        if op is _sre.LITERAL:
            chars.add(chr(av))
        elif op is _sre.RANGE:
            chars.update(chr(c) for c in range(av[0], av[1] + 1))
        elif op is _sre.CATEGORY and av is _sre.CATEGORY_DIGIT:
            chars.update("0123456789")
        else:
            return None
    return chars


def first_chars(items) -> tuple[set[str] | None, bool]:
    """The characters a match of the parsed ``items`` can begin with (``None``: not known), and whether it can
    match the empty string."""
    chars: set[str] = set()
    for op, av in items:
        if op in _ZERO_WIDTH:
            continue  # the next item begins the match
        if op is _sre.LITERAL:
            return chars | {chr(av)}, False
        if op is _sre.IN:
            first = _class_chars(av)
            return (None if first is None else chars | first), False
        if _plain_group(op, av):
            alternatives, mandatory = [av[3]], True
        elif op is _sre.BRANCH:
            alternatives, mandatory = av[1], True
        elif op in _REPEATS:
            alternatives, mandatory = [av[2]], av[0] > 0
        else:
            return None, False
        can_be_empty = False
        for alternative in alternatives:
            first, empty = first_chars(alternative.data)
            if first is None:
                return None, False
            chars |= first
            can_be_empty |= empty
        if mandatory and not can_be_empty:
            return chars, False
    return chars, True


def compile_led(source: str) -> re.Pattern:
    """``re.compile(source)`` led by a lookahead for the characters its matches can begin with, where known."""
    parsed = _parse(source)
    first, empty = first_chars(parsed.data) if parsed is not None else (None, True)
    if first is None or empty:
        return re.compile(source)
    return re.compile(f"(?=[{''.join(re.escape(c) for c in sorted(first))}]){source}")


def _needs(items) -> list[set[str]]:
    """Sets of words of which every match of the parsed ``items`` contains one each: a run of literal characters
    (one word), a mandatory group, an alternation all of whose branches need some word."""
    out: list[set[str]] = []
    run = ""
    for op, av in list(items) + [(None, None)]:
        if op is _sre.LITERAL:
            run += chr(av)
            continue
        if run:
            out.append({run})
            run = ""
        if _plain_group(op, av):
            out += _needs(av[3].data)
        elif op in _REPEATS and av[0] > 0:
            out += _needs(av[2].data)
        elif op is _sre.BRANCH:
            branches = [_best(_needs(branch.data)) for branch in av[1]]
            if all(branches):
                out.append(set().union(*branches))
    return out


def _best(sets: list[set[str]]) -> set[str] | None:
    """The most telling of the sets: the longest shortest word, then the fewest words."""
    return max(sets, key=lambda words: (min(map(len, words)), -len(words)), default=None)


def required_words(source: str) -> tuple[re.Pattern, ...]:
    """For each mandatory part of ``source`` made of literal words (at least :data:`MIN_REQUIRED_LENGTH` long), a
    pattern of those words: every match of ``source`` contains a match of each."""
    parsed = _parse(source)
    if parsed is None:
        return ()
    return tuple(re.compile("|".join(re.escape(w) for w in sorted(words, key=len, reverse=True)))
                 for words in _needs(parsed.data) if min(map(len, words)) >= MIN_REQUIRED_LENGTH)
