"""One canonical name per real entity within an article.

Persons: the fullest name used in the article ("Wladimir Putin" for "Putin", "Putins", "Kremlchef Putin");
hyphen/space variants merge ("Kim Jong-un" / "Kim Jong Un"), and so do transliteration variants ("Vladimir Putin" /
"Wladimir Putin"; the more frequent spelling is canonical). Places and organizations: inflected forms are
reduced to a base form seen in the article or to the nominative ("Russlands" -> "Russland").
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from spacy.tokens import Span

from ..types import EntityMention

_GEN_S = re.compile(r"^(.{3,}?)(s|es|')$")
_APOSTROPHE_S = re.compile(r"['’]s?$")


def name_key(name: str) -> str:
    """Comparison key: case-folded, hyphens as spaces, whitespace collapsed."""
    return " ".join(name.replace("-", " ").replace("‐", " ").casefold().split())


def strip_genitive(name: str, known: set[str] | None = None, is_genitive: bool = False) -> str:
    """'Putins' -> 'Putin' when the base form is known in the article or the morphology says genitive."""
    last = name.split()[-1]
    if _APOSTROPHE_S.search(last) and len(last) > 2:  # "Strauss'" / "Alex's"
        return _APOSTROPHE_S.sub("", name)
    match = _GEN_S.match(last)
    if not match:
        return name
    candidates = []
    if last.endswith("es") and len(last) > 4:
        candidates.append(name[: -2])
    if last.endswith("s") and not last.endswith("ss"):
        candidates.append(name[: -1])
    for base in candidates:
        if known and name_key(base) in known:
            return base
    if is_genitive and candidates and not last.endswith("ss"):
        return candidates[-1]
    return name


@dataclass
class _Cluster:
    canonical: str
    tokens: list[str]


# spelling variants of one name across transliterations (German / English / French): "Wladimir" ~ "Vladimir",
# "Sergej" ~ "Sergei", "Setschin" ~ "Sechin", "Dmitri" ~ "Dmitry"; applied to person name tokens when clustering
_TRANSLIT = (("tsch", "ch"), ("sch", "sh"), ("ph", "f"), ("w", "v"), ("j", "i"), ("y", "i"), ("ck", "k"),
             ("ou", "u"), ("ie", "i"), ("ii", "i"))


def _translit(token: str) -> str:
    for old, new in _TRANSLIT:
        token = token.replace(old, new)
    return token


def _tokens(name: str) -> list[str]:
    return [_translit(t) for t in name_key(name).split()]


def canonicalize(mentions: list[tuple[str, Span]]) -> list[EntityMention]:
    """Assign canonical names to ``(type, span)`` mentions of one article, in text order."""
    mentions = sorted(mentions, key=lambda m: m[1].start_char)
    surface_keys: dict[str, set[str]] = {}
    for kind, span in mentions:
        surface_keys.setdefault(kind, set()).add(name_key(span.text))

    def base_form(kind: str, span: Span) -> str:
        text = " ".join(span.text.split())
        genitive = "Gen" in span[-1].morph.get("Case")
        # drop the genitive -s when the base form occurs in the article or the morphology says genitive
        return strip_genitive(text, surface_keys.get(kind, set()), is_genitive=genitive)

    bases = [(kind, span, base_form(kind, span)) for kind, span in mentions]

    # persons: cluster by token containment; the longest name of a cluster is canonical
    counts: dict[str, int] = {}
    first_seen: dict[str, int] = {}
    for k, span, b in bases:
        if k == "person":
            counts[name_key(b)] = counts.get(name_key(b), 0) + 1
            first_seen.setdefault(name_key(b), span.start_char)
    # longest names first; ties: the more frequent, then the earlier one (deterministic)
    person_names = sorted({b for k, _, b in bases if k == "person"},
                          key=lambda n: (-len(_tokens(n)), -counts[name_key(n)], first_seen[name_key(n)], n))
    clusters: list[_Cluster] = []
    canonical_of: dict[str, str] = {}
    for name in person_names:
        toks = _tokens(name)
        matches = [c for c in clusters
                   if toks == c.tokens[-len(toks):] or toks == c.tokens[: len(toks)]
                   or "".join(toks) == "".join(c.tokens)
                   or (len(toks) == 1 and toks[0] in c.tokens[1:])]
        # an ambiguous short name ("Kim" for Kim Jong Un and Kim Il Sung) goes to the most mentioned full name
        target = max(matches, key=lambda c: counts.get(name_key(c.canonical), 0)) if matches else None
        if target is None:
            clusters.append(_Cluster(name, toks))
            canonical_of[name_key(name)] = name
        else:
            canonical_of[name_key(name)] = target.canonical

    others: dict[tuple[str, str], str] = {}
    out = []
    for kind, span, base in bases:
        if kind == "person":
            canonical = canonical_of.get(name_key(base), base)
        else:
            canonical = others.setdefault((kind, name_key(base)), base)
        out.append(EntityMention(type=kind, start=span.start_char, end=span.end_char, text=span.text,
                                 canonical=canonical))
    return out
