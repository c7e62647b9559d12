"""What every match of a date pattern begins with and must contain, read from the pattern's parse tree, so that the
rules find the same matches faster.

The date patterns begin with optional words (prepositions, modifiers, parts of a period: "seit dem vergangenen
…"), so the regex engine tries all their alternatives at every offset of the text: the date rules took a quarter
of the extraction's time. Three exact shortcuts:

- :func:`compile_led` puts a lookahead for the characters a match can begin with in front of a pattern: at most
  offsets the engine then fails at once (``(?=[…])`` only repeats a condition the match checks anyway);
- :func:`required_words` lists, for each mandatory part of a pattern that consists of literal words (a month name,
  "Jahrhundert"), those words: a text without one of them has no match, and :class:`.context.Scan` skips the
  pattern there (most articles name no century, season or "Jahresende");
- :func:`anchor_of` finds the first mandatory part that begins with literal words and the longest stretch before
  it (the optional prepositions and modifiers: so many characters and runs of blanks); :func:`anchored_matches`
  then tries the pattern only at the offsets that reach such a word, as ``finditer`` would find them.

All three read the structure of ``re``'s own parser and answer ``None`` / nothing where it has a construct they do
not know, so that a pattern is then scanned as it is.
"""
from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

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
    """The members of a parsed character class, each as it is written inside a class (an escaped character, or
    ``\\d``: any decimal digit, as the pattern means it); ``None`` for a negated class or another category."""
    chars: set[str] = set()
    for op, av in items:
        if op is _sre.LITERAL:
            chars.add(re.escape(chr(av)))
        elif op is _sre.RANGE:
            chars.update(re.escape(chr(c)) for c in range(av[0], av[1] + 1))
        elif op is _sre.CATEGORY and av is _sre.CATEGORY_DIGIT:
            chars.add("\\d")
        else:
            return None
    return chars


def first_chars(items) -> tuple[set[str] | None, bool]:
    """The characters a match of the parsed ``items`` can begin with, as members of a character class (``None``:
    not known), and whether it can match the empty string."""
    chars: set[str] = set()
    for op, av in items:
        if op in _ZERO_WIDTH:
            continue  # the next item begins the match
        if op is _sre.LITERAL:
            return chars | {re.escape(chr(av))}, False
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
    return re.compile(f"(?=[{''.join(sorted(first))}]){source}")


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


@dataclass(frozen=True)
class Anchor:
    """Every match of a pattern contains a word of ``words`` that begins at most ``fixed`` characters and
    ``blank_runs`` runs of blanks after the start of the match."""

    words: re.Pattern
    fixed: int
    blank_runs: int


def _leading_words(items) -> set[str] | None:
    """The literal words one of which every match of the parsed ``items`` begins with; ``None`` if not known."""
    run = ""
    for op, av in items:
        if op is _sre.LITERAL:
            run += chr(av)
            continue
        if run:
            break
        if op in _ZERO_WIDTH:
            continue
        if _plain_group(op, av):
            return _leading_words(av[3].data)
        if op in _REPEATS and av[0] > 0:
            return _leading_words(av[2].data)
        if op is _sre.BRANCH:
            branches = [_leading_words(branch.data) for branch in av[1]]
            return None if not all(branches) else set().union(*branches)
        return None
    return {run} if run else None


def _blanks_only(items) -> bool:
    """A single character class of blanks (``\\s``, ``[ \\t]``): a repeat of it stays within one run of blanks."""
    if len(items) != 1 or items[0][0] is not _sre.IN:
        return False
    return all(op is _sre.CATEGORY and av is _sre.CATEGORY_SPACE or op is _sre.LITERAL and chr(av).isspace()
               for op, av in items[0][1])


def _width(items) -> tuple[int, int] | None:
    """The most a match of the parsed ``items`` can span: (characters, runs of blanks); ``None`` if unbounded."""
    fixed = blank_runs = 0
    for op, av in items:
        if op in _ZERO_WIDTH:
            continue
        if op in (_sre.LITERAL, _sre.NOT_LITERAL, _sre.ANY, _sre.IN):
            width: tuple[int, int] | None = (1, 0)
        elif _plain_group(op, av):
            width = _width(av[3].data)
        elif op is _sre.BRANCH:
            widths = [_width(branch.data) for branch in av[1]]
            width = None if None in widths else (max(w[0] for w in widths), max(w[1] for w in widths))
        elif op in _REPEATS and av[1] is _sre.MAXREPEAT:
            width = (0, 1) if _blanks_only(av[2].data) else None
        elif op in _REPEATS:
            inner = _width(av[2].data)
            width = None if inner is None else (inner[0] * av[1], inner[1] * av[1])
        else:
            width = None
        if width is None:
            return None
        fixed, blank_runs = fixed + width[0], blank_runs + width[1]
    return fixed, blank_runs


def anchor_of(source: str) -> Anchor | None:
    """The first mandatory part of ``source`` that begins with literal words of :data:`MIN_REQUIRED_LENGTH` or more
    letters, with the widest stretch before it; ``None`` for a pattern without one, or one that can match the empty
    string (``finditer`` treats empty matches apart)."""
    parsed = _parse(source)
    if parsed is None or first_chars(parsed.data)[1]:
        return None
    items = list(parsed.data)
    fixed = blank_runs = 0
    for k, item in enumerate(items):
        words = _leading_words(items[k:])
        if words and min(map(len, words)) >= MIN_REQUIRED_LENGTH:
            return Anchor(re.compile("|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))),
                          fixed, blank_runs)
        width = _width([item])
        if width is None:
            return None
        fixed, blank_runs = fixed + width[0], blank_runs + width[1]
    return None


def anchored_matches(rx: re.Pattern, anchor: Anchor, text: str, lo: int, hi: int,
                     longest_blanks: int) -> Iterator[re.Match]:
    """``rx.finditer(text, lo, hi)`` for a pattern whose matches contain a word of ``anchor``, where
    ``longest_blanks`` is the longest run of blanks in ``text[lo:hi]``: a match can start only in the stretch
    before a word, so ``rx`` is tried there (in ascending order, each offset once) and nowhere else."""
    reach = anchor.fixed + anchor.blank_runs * longest_blanks
    tried = lo  # every offset below this was tried or lies inside the last match
    word = anchor.words.search(text, lo, hi)
    while word is not None:
        at = word.start()
        # a match that starts between ``tried`` and ``at - reach`` would hold a word before ``at``: there is none
        for offset in range(max(tried, at - reach), at + 1):
            m = rx.match(text, offset, hi)
            if m is not None:
                yield m
                tried = m.end()
                break
        else:
            tried = at + 1
        word = anchor.words.search(text, tried, hi)
