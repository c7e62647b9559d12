"""One canonical name per real entity within an article.

Persons: the fullest name used in the article ("Wladimir Putin" for "Putin", "Putins", "Kremlchef Putin");
hyphen/space variants merge ("Kim Jong-un" / "Kim Jong Un"), and so do transliteration variants ("Vladimir Putin" /
"Wladimir Putin"; the more frequent spelling is canonical). Places and organizations: inflected forms are
reduced to a base form seen in the article or to the nominative ("Russlands" -> "Russland"); a genitive -s/-es is
also dropped when the gazetteer knows the base form but not the full one ("Moskaus" -> "Moskau", "Kiews" -> "Kiew",
also when "Moskau" is not in the article), and leading adjectives take the nominative without article ("im Fernen
Osten" -> "Ferner Osten", "der Demokratischen Volksrepublik Korea" -> "Demokratische Volksrepublik Korea", "des
Weißen Hauses" -> "Weißes Haus").
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from spacy.tokens import Span

from ..extract.entities import is_source_compound
from ..extract.gazetteer import find_place, gazetteer_base  # noqa: F401  (gazetteer_base: re-exported)
from ..extract.place_rules import region_name
from ..types import EntityMention, name_key  # noqa: F401  (name_key: re-exported)

_GEN_S = re.compile(r"^(.{3,}?)(s|es|')$")
_APOSTROPHE_S = re.compile(r"['’]s?$")


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
        # after a sibilant the genitive is -es ("Hauses" -> "Haus", "Platzes" -> "Platz"), otherwise mostly -s
        if len(candidates) == 2 and _SIBILANT_ES.search(last):
            return candidates[0]
        return candidates[-1]
    return name


_SIBILANT_ES = re.compile(r"(?:s|ß|z|x|sch)es$")


# Leading adjectives of place and organization names ("Fernen Osten", "Demokratischen Volksrepublik Korea"): the
# small model often tags them PROPN/NOUN, so an adjective is recognised by its form: POS ADJ, a lower-case lemma,
# an adjective suffix of the stem ("demokratisch-", "heilig-", "nördlich-") or one of the short adjectives of
# geographic names below.
_ADJ_FORM = re.compile(r"^([A-ZÄÖÜ][a-zäöüß]+?)(en|em|e)$")
_ADJ_STEM_SUFFIX = re.compile(r"(?:isch|ig|lich|igt|iert|bar|sam|haft)$")
_SHORT_ADJECTIVES = frozenset({
    "Fern", "Nah", "Mittler", "Weiß", "Rot", "Schwarz", "Tot", "Gelb", "Grün", "Blau", "Groß", "Klein", "Neu", "Alt",
    "Hoh", "Heilig", "Still", "Ober", "Unter", "Nieder", "Vereint", "Frei", "Wild", "Kalt", "Warm", "Hell", "Dunkl",
})
# nominative ending without article by the head noun's gender / number
STRONG_ENDING = {"Masc": "er", "Fem": "e", "Neut": "es", "Plur": "e"}


def _is_adjective(tok) -> bool:
    match = _ADJ_FORM.match(tok.text)
    if not match:
        return False
    stem = match.group(1)
    return tok.pos_ == "ADJ" or (tok.lemma_[:1].islower() and tok.lemma_.isalpha()) \
        or bool(_ADJ_STEM_SUFFIX.search(stem.lower())) or stem in _SHORT_ADJECTIVES


def nominative_adjectives(span: Span, text: str | None = None) -> str:
    """The name with its leading adjectives in the nominative without article, by the gender and number of the
    head noun after them: "Fernen Osten" -> "Ferner Osten", "Weißen Haus" -> "Weißes Haus", "Vereinigten Staaten"
    -> "Vereinigte Staaten". Only oblique/weak forms (-en, -em, -e) change; strong forms ("Frankfurter Rundschau")
    and names the gazetteer knows as they stand ("Hohen Neuendorf") are kept."""
    words = (text if text is not None else span.text).split()
    tokens = [t for t in span if not t.is_space]
    if len(words) != len(tokens) or len(tokens) < 2:
        return " ".join(words)
    n_adj = 0
    while n_adj < len(tokens) - 1 and _is_adjective(tokens[n_adj]):
        n_adj += 1
    if n_adj == 0:
        return " ".join(words)
    head = tokens[n_adj]
    if head.pos_ != "NOUN" or not head.text[:1].isupper() or find_place(" ".join(words)) is not None \
            or find_place(head.text) is not None:
        return " ".join(words)
    if "Plur" in head.morph.get("Number"):
        key = "Plur"
    else:
        genders = head.morph.get("Gender")
        key = genders[0] if len(genders) == 1 else None
    if key not in STRONG_ENDING:
        return " ".join(words)
    ending = STRONG_ENDING[key]
    for i in range(n_adj):
        stem, old = _ADJ_FORM.match(words[i]).groups()
        if old in ("en", "em") or (old == "e" and ending != "e"):
            words[i] = stem + ending
    return " ".join(words)


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
        if kind == "organization" and is_source_compound(text):
            return text.rsplit("-", 1)[0]  # "Kreml-Angaben" -> "Kreml"
        if kind == "place" and region_name(text) is not None:
            return region_name(text)  # "koreanischen Halbinsel" -> "Koreanische Halbinsel" (regions_de.txt)
        if kind in ("place", "organization"):
            # a name the gazetteer knows as it stands is no genitive ("Paris", "Athens", "Los Angeles")
            if find_place(text) is not None:
                return text
            # drop the genitive -s when the gazetteer knows the base form ("Moskaus" -> "Moskau")
            base = gazetteer_base(text)
            if base != text:
                return base
        # drop the genitive -s when the base form occurs in the article or the morphology says genitive
        base = strip_genitive(text, surface_keys.get(kind, set()), is_genitive=genitive)
        if kind in ("place", "organization"):
            base = nominative_adjectives(span, base)
        return base

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
    # one name per country in an article: "Demokratische Volksrepublik Korea", "DVRK" and "Nordkorea" are one
    # place, named as the article names it most often (ties: the shorter name, then the earlier one)
    country_name: dict[str, str] = {}
    by_code: dict[str, list[str]] = {}
    for kind, _span, base in bases:
        if kind == "place":
            place = find_place(base)
            if place is not None and place.kind == "country":
                by_code.setdefault(place.countrycode, []).append(base)
    for names in by_code.values():
        best = min(dict.fromkeys(names), key=lambda n: (-names.count(n), len(n), names.index(n)))
        country_name.update({name_key(n): best for n in names})
    out = []
    for kind, span, base in bases:
        if kind == "person":
            canonical = canonical_of.get(name_key(base), base)
        elif kind == "place" and name_key(base) in country_name:
            canonical = country_name[name_key(base)]
        else:
            canonical = others.setdefault((kind, name_key(base)), base)
        out.append(EntityMention(type=kind, start=span.start_char, end=span.end_char, text=span.text,
                                 canonical=canonical))
    return out
