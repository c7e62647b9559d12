"""Resolve speaker mentions to canonical names.

- A mention that overlaps a person or organization mention takes that entity's canonical name.
- A personal pronoun ("er", "sie") takes the nearest preceding compatible person (previous speakers first).
- A role noun ("der Kremlsprecher") takes the person it was attached to earlier ("Kremlsprecher Dmitri Peskow").
- Anything else (groups, unnamed organizations: "Beobachter", "die Polizei") keeps its noun phrase, without the
  leading article.
"""
from __future__ import annotations

import bisect
import dataclasses
import re

from ..resources import role_of
from ..types import EntityMention, Quotation, TextSpan

_ARTICLES = re.compile(r"^(der|die|das|den|dem|des|ein|eine|einer|eines|einem|einen)\s+", re.IGNORECASE)
_MASC = {"er", "ihm", "ihn", "seiner", "dieser"}
_FEM_OR_PLUR = {"sie", "ihr", "ihrer", "diese"}
_PLURAL_ONLY = {"wir"}
FEMININE_TITLES = {"Frau", "Ministerin", "Präsidentin", "Kanzlerin"}
_MAX_PRONOUN_DISTANCE = 1500  # characters back from the pronoun


_APPOSITION_START = re.compile(r"^\s*,\s*(der|die)\s+")  # the start of "Dmitri Peskow, der Sprecher …"



class _Entities(list):
    """The entity mentions of one text, indexed once (issue #13, linear time): the queries below answer exactly
    what a scan of the list answers, in list order, instead of scanning every entity of the article per quotation.
    Never changed once made. ``text``: the text the mentions are in (for the role-noun index)."""

    def __init__(self, entities=(), text: str = "") -> None:
        super().__init__(entities)
        self.text = text
        self.ok = all(e.start <= e.end for e in self)  # well-formed spans (else the callers scan)
        self._by_start = sorted(range(len(self)), key=lambda k: self[k].start)
        self._starts = [self[k].start for k in self._by_start]
        self._by_end = sorted(range(len(self)), key=lambda k: self[k].end)
        self._ends = [self[k].end for k in self._by_end]
        self._longest = max((e.end - e.start for e in self), default=0)
        self._roles: tuple[dict[str, list[int]], list[int]] | None = None
        self._first_person: dict[str, int] = {}
        for k, e in enumerate(self):
            if e.type == "person":
                self._first_person.setdefault(e.canonical, k)

    def starting_in(self, lo: int, hi: int) -> list[int]:
        """The list positions of the mentions with ``lo <= start < hi``, in list order."""
        return sorted(self._by_start[bisect.bisect_left(self._starts, lo) : bisect.bisect_left(self._starts, hi)])

    def ending_in(self, lo: int, hi: int) -> list[int]:
        """The list positions of the mentions with ``lo <= end < hi``, in list order."""
        return sorted(self._by_end[bisect.bisect_left(self._ends, lo) : bisect.bisect_left(self._ends, hi)])

    def overlapping(self, start: int, end: int) -> list[EntityMention]:
        """``[e for e in self if e.start < end and start < e.end]`` (a mention ends at most ``_longest`` after
        its start)."""
        return [self[k] for k in self.starting_in(start - self._longest, end) if start < self[k].end]

    def first_person(self, canonical: str) -> EntityMention | None:
        """``next((e for e in self if e.type == "person" and e.canonical == canonical), None)``."""
        k = self._first_person.get(canonical)
        return self[k] if k is not None else None

    def role_index(self) -> tuple[dict[str, list[int]], list[int]]:
        """For :func:`_role_antecedent`: the persons by the word right before them (lower case, final s
        stripped), and the persons followed by ", der|die …"."""
        if self._roles is None:
            before: dict[str, list[int]] = {}
            after: list[int] = []
            for k, e in enumerate(self):
                if e.type != "person":
                    continue
                words = self.text[max(0, e.start - 60) : e.start].split()
                if words:
                    before.setdefault(words[-1].strip(",.;:()").lower().rstrip("s"), []).append(k)
                if _APPOSITION_START.match(self.text[e.end : e.end + 40].lower()):
                    after.append(k)
            self._roles = (before, after)
        return self._roles


def _overlapping(mention: TextSpan, entities: list[EntityMention]) -> list[EntityMention]:
    if type(entities) is _Entities and entities.ok:
        return [e for e in entities.overlapping(mention.start, mention.end)
                if e.type in ("person", "organization", "place")]
    return [e for e in entities if e.start < mention.end and mention.start < e.end and e.type in
            ("person", "organization", "place")]


def _gender_hint(text: str, entity: EntityMention) -> str:
    """'f' if the text right before the name marks a woman (Frau, -in role noun), 'm' for men's roles, else ''."""
    window = text[max(0, entity.start - 40) : entity.start].split()
    if not window:
        return ""
    prev = window[-1].strip(",.;:")
    role = role_of(prev)
    if role is not None:
        return role["gender"] if role["gender"] in ("m", "f") else ""
    return ""


def _pronoun_antecedent(text: str, mention: TextSpan, entities: list[EntityMention], previous: list[Quotation],
                        genders: dict[str, str]) -> EntityMention | None:
    low = mention.text.lower()
    want = "m" if low in _MASC else ("f" if low in _FEM_OR_PLUR else "")
    if type(entities) is _Entities:
        persons = [entities[k] for k in entities.ending_in(mention.start - _MAX_PRONOUN_DISTANCE, mention.start + 1)
                   if entities[k].type == "person"]
    else:
        persons = [e for e in entities if e.type == "person" and e.end <= mention.start
                   and mention.start - e.end <= _MAX_PRONOUN_DISTANCE]
    if not persons:
        return None

    def compatible(e: EntityMention) -> bool:
        g = genders.get(e.canonical, "")
        return not want or not g or g == want

    # the most recent speaker of a quotation just before is the most likely referent
    for quote in reversed(previous):
        if quote.speaker and quote.end <= mention.start and mention.start - quote.end <= _MAX_PRONOUN_DISTANCE:
            cands = [e for e in persons if e.canonical == quote.speaker and compatible(e)]
            if cands:
                recent = max(persons, key=lambda e: e.start)
                # a person named after that speaker's quote and before the pronoun wins
                if recent.canonical != quote.speaker and recent.start > quote.end and compatible(recent):
                    return recent
                return cands[-1]
            break
    for e in reversed(persons):
        if compatible(e):
            return e
    return None


def _role_antecedent(text: str, head: str, entities: list[EntityMention], before: int) -> EntityMention | None:
    """The person a role noun was attached to earlier: "Kremlsprecher Dmitri Peskow" ... "der Kremlsprecher"."""
    head_low = head.lower()
    if type(entities) is _Entities and entities.text is text:
        return _indexed_role_antecedent(entities, head_low, before)
    best = None
    for e in entities:
        if e.type != "person" or e.start >= before:
            continue
        window = text[max(0, e.start - 60) : e.start]
        words = [w.strip(",.;:()") for w in window.split()]
        if words and words[-1].lower().rstrip("s") in (head_low, head_low.rstrip("s")):
            best = e
        # "Dmitri Peskow, der Sprecher des Kremls"
        after = text[e.end : e.end + 40].lower()
        if re.match(rf"^\s*,\s*(der|die)\s+{re.escape(head_low)}\b", after):
            best = e
    return best


def _indexed_role_antecedent(entities: _Entities, head_low: str, before: int) -> EntityMention | None:
    """:func:`_role_antecedent` through the index: the last person in list order whose preceding word is the
    role noun or that is followed by ", der|die <role noun>"."""
    by_word, appositions = entities.role_index()
    cands = list(by_word.get(head_low, ()))
    if head_low.rstrip("s") != head_low:
        cands += by_word.get(head_low.rstrip("s"), ())
    pattern = rf"^\s*,\s*(der|die)\s+{re.escape(head_low)}\b"
    cands += [k for k in appositions
              if re.match(pattern, entities.text[entities[k].end : entities[k].end + 40].lower())]
    cands = [k for k in cands if entities[k].start < before]
    return entities[max(cands)] if cands else None


def resolve_speakers(text: str, quotes: list[Quotation], entities: list[EntityMention]) -> list[Quotation]:
    """Fill ``speaker`` (canonical name) of each quotation from its speaker mention."""
    entities = _Entities(entities, text)
    genders: dict[str, str] = {}
    for e in entities:
        if e.type == "person":
            g = _gender_hint(text, e)
            if g and e.canonical not in genders:
                genders[e.canonical] = g
    resolved: list[Quotation] = []
    for quote in quotes:
        mention = quote.speaker_mention
        confidence = quote.confidence
        if mention is None and quote.refers_to is None and not quote.unattributed:
            fallback = _nearest_candidate(text, quote, entities)
            if fallback is not None:
                mention = TextSpan(fallback.start, fallback.end, fallback.text)
                confidence = min(confidence, 0.4)
        target = quote.refers_to or mention  # "eigenen Angaben zufolge": the clause's subject
        speaker = _resolve_one(text, target, entities, resolved, genders) if target is not None else ""
        resolved.append(dataclasses.replace(quote, speaker=speaker, speaker_mention=mention, confidence=confidence))
    return resolved


_FALLBACK_WINDOW = 400  # characters before the quotation


def _nearest_candidate(text: str, quote: Quotation, entities: list[EntityMention]) -> EntityMention | None:
    """Nearest-candidate fallback: the closest person (else organization) named shortly before the quotation,
    not across a paragraph break."""
    start = quote.start
    window_start = max(0, start - _FALLBACK_WINDOW)
    para = text.rfind("\n\n", window_start, start)
    if para != -1:
        window_start = para
    near = entities
    if type(entities) is _Entities and entities.ok:  # start <= end: the mentions that start in the window
        near = [entities[k] for k in entities.starting_in(window_start, start + 1)]
    for kinds in (("person",), ("organization",)):
        cands = [e for e in near if e.type in kinds and window_start <= e.start and e.end <= start]
        if cands:
            return max(cands, key=lambda e: e.start)
    return None


def _resolve_one(text: str, mention: TextSpan, entities: list[EntityMention], previous: list[Quotation],
                 genders: dict[str, str]) -> str:
    hits = _overlapping(mention, entities)
    if hits:
        persons = [e for e in hits if e.type == "person"]
        orgs = [e for e in hits if e.type == "organization"]
        if len(persons) > 1 and re.search(r"\s(und|sowie)\s", mention.text):
            # coordinated speakers ("Präsident Tadić und Regierungschef Koštunica"): all of them
            return "; ".join(dict.fromkeys(e.canonical for e in persons))
        if not persons:
            # "Nordkoreas Machthaber": a person's role with the country or institution named in it is the person
            # that role was given to earlier ("Machthaber Kim Jong Un"), if any
            outside = mention.text[: hits[0].start - mention.start].split() + \
                mention.text[hits[-1].end - mention.start :].split()
            for word in (w.strip(",.;:()") for w in outside):
                role = role_of(word)
                if role is not None and role["kind"] in ("role", "suffix"):
                    antecedent = _role_antecedent(text, word, entities, mention.start)
                    if antecedent is not None:
                        return antecedent.canonical
        best = (persons or orgs or hits)[-1]
        return best.canonical
    words = mention.text.split()
    low = mention.text.lower()
    if low in _MASC or low in _FEM_OR_PLUR:
        antecedent = _pronoun_antecedent(text, mention, entities, previous, genders)
        if antecedent is not None:
            return antecedent.canonical
        return ""
    if low in ("ich", "wir", "man", "es"):
        return ""
    if low in ("demnach", "demzufolge", "danach", "wonach"):
        # "Demnach …": the source of the report just before
        earlier = [q for q in previous if q.speaker and q.end <= mention.start]
        return earlier[-1].speaker if earlier else ""
    quoted = re.search(r"[„»“\"]([^„“”»«\"]{2,60})[“”«\"]", mention.text)
    if quoted:  # "Der Fernsehsender „Silverbird“": the name it carries
        return quoted.group(1).strip()
    stripped = _ARTICLES.sub("", mention.text).strip()
    head = stripped.split()[-1] if stripped.split() else ""
    role = role_of(head) if head else None
    if role is not None and role["kind"] in ("role", "suffix") and len(words) <= 3:
        antecedent = _role_antecedent(text, head, entities, mention.start)
        if antecedent is not None:
            return antecedent.canonical
        # "der Experte" after "sagt Joseph Dempsey von der Denkfabrik …": a definite role noun takes up the
        # person who spoke last, if that was shortly before and the gender fits
        if low.split()[0] in ("der", "die", "dem", "den", "des"):
            want = role.get("gender", "x")
            for quote in reversed(previous):
                if quote.end > mention.start or mention.start - quote.end > _MAX_PRONOUN_DISTANCE:
                    continue
                person = entities.first_person(quote.speaker) if type(entities) is _Entities else \
                    next((e for e in entities if e.type == "person" and e.canonical == quote.speaker), None)
                if person is not None and (want == "x" or genders.get(person.canonical, want) == want):
                    return person.canonical
                break
    return stripped
