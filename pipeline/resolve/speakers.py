"""Resolve speaker mentions to canonical names (stage 4, with the coreference of ``resolve/coref.py``).

- A mention that overlaps a person or organization mention takes that entity's canonical name.
- A pronoun ("er", "sie"), a role noun ("der Kremlsprecher", "die Abgeordnete") or a descriptor ("der
  57-Jährige") takes the name of the cluster the coreference stage put it in.
- A source phrase ("nach seinen Worten", "Angaben der Polizei", "laut dem Bericht") names its speaker through
  its possessor or complement; one that names no one leaves the speaker empty.
- Anything else (groups, unnamed organizations: "Beobachter", "die Polizei") keeps its noun phrase without the
  leading article or determiner and without a trailing place or medium ("im Bundestag", "in einer Mitteilung").
Each speaker gets a type: person, organization, group, or "" when it stays unknown.
"""
from __future__ import annotations

import bisect
import dataclasses
import re
from functools import lru_cache

from spacy.tokens import Doc

from ..lang.de.words import SUBJECT_RELATIVES
from ..resources import institutions, is_institution, is_statement_noun, read_tsv, role_of
from ..types import EntityMention, Quotation, TextSpan, join_names
from .appositions import apposed_name, leading_name
from .coref import Coreference, corefer
from .names import STRONG_ENDING

_ARTICLES = re.compile(r"^(der|die|das|den|dem|des|ein|eine|einer|eines|einem|einen)\s+", re.IGNORECASE)
_MASC = {"er", "ihm", "ihn", "seiner", "dieser"}
_FEM_OR_PLUR = {"sie", "ihr", "ihrer", "diese"}
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


def attribute_speakers(doc: Doc, quotes: list[Quotation], entities: list[EntityMention]
                       ) -> tuple[list[Quotation], list[EntityMention]]:
    """The quotations of ``doc`` with their speakers resolved through the article's coreference, and the entity
    mentions with the resolved references (:meth:`Coreference.with_references`). A first pass resolves every
    speaker phrase, a second lets each pronoun know who spoke the quotations before it (the speaker of "Nordkoreas
    Machthaber" is a name only the first pass finds)."""
    first = resolve_speakers(doc.text, quotes, entities, corefer(doc, entities, quotes), doc)
    coref = corefer(doc, entities, first)
    final = resolve_speakers(doc.text, quotes, entities, coref, doc, document_authors(first))
    return final, coref.with_references(entities)


# statement nouns too general to stand for one document ("Angaben", "Worte", "Meinung": everyone has them)
_GENERAL_STATEMENTS = re.compile(r"(?:wort|worte|worten|angabe|angaben|ansicht|meinung|auffassung|einschätzung|sicht|"
                                 r"aussage|aussagen|information|informationen|schätzung|schätzungen|auskunft|"
                                 r"auskünften|forderung)$", re.IGNORECASE)


def _doc_key(word: str) -> str:
    """A document noun without its genitive ending: "Positionspapiers" -> "positionspapier"."""
    low = word.lower()
    return low[:-2] if low.endswith("es") and len(low) > 6 else low[:-1] if low.endswith("s") else low


def document_authors(quotes: list[Quotation]) -> dict[str, tuple[str, str]]:
    """The author of each document noun an article attributes ("das BMI in ihrem Positionspapier", "die Studie der
    Universität") from resolved quotations; a document two authors share is left out."""
    authors: dict[str, tuple[str, str] | None] = {}
    for quote in quotes:
        if quote.speaker_mention is None or not quote.speaker:
            continue
        for word in quote.speaker_mention.text.split():
            word = word.strip(",.;:()„“\"")
            if word[:1].isupper() and is_statement_noun(word) and not _GENERAL_STATEMENTS.search(word) \
                    and word not in quote.speaker:  # "der Bericht" as its own speaker names no author
                key, author = _doc_key(word), (quote.speaker, quote.speaker_type)
                authors[key] = author if authors.get(key, author) == author else None
    return {k: v for k, v in authors.items() if v is not None}


def resolve_speakers(text: str, quotes: list[Quotation], entities: list[EntityMention],
                     coref: Coreference | None = None, doc: Doc | None = None,
                     authors: dict[str, tuple[str, str]] | None = None) -> list[Quotation]:
    """Fill ``speaker`` (canonical name) and ``speaker_type`` of each quotation from its speaker mention;
    ``coref``: the article's clusters (without them pronouns and role nouns take the nearest fitting name)."""
    entities = _Entities(entities, text)
    genders: dict[str, str] = {}
    for e in entities:
        if e.type == "person":
            g = _gender_hint(text, e)
            if g and e.canonical not in genders:
                genders[e.canonical] = g
    resolver = _Resolver(text, entities, genders, coref, doc, authors)
    resolved: list[Quotation] = []
    labels: set[tuple[int, int]] = set()  # speaker mentions found to name no speaker
    for quote in quotes:
        mention = _with_gender_suffix(text, quote.speaker_mention)
        confidence = quote.confidence
        guess = quote.refers_to is not None and quote.confidence <= _GUESS  # the closest name anywhere before
        if mention is None and (quote.refers_to is None or guess) and not quote.unattributed:
            mention = _colon_subject(doc, quote, entities)
            if mention is not None:
                quote = dataclasses.replace(quote, refers_to=None)
                confidence = 0.6
        if mention is None and quote.refers_to is None and not quote.unattributed:
            fallback = _nearest_candidate(text, quote, entities)
            if fallback is not None:
                mention = TextSpan(fallback.start, fallback.end, fallback.text)
                confidence = min(confidence, 0.4)
        label = mention is not None and (
            (mention.start, mention.end) in labels
            or (quote.cue is not None and quote.cue.text == ":" and _is_label(mention, entities))
            or (_no_noun(doc, mention) and not _overlapping(mention, entities)
                and (coref is None or coref.at(mention.start, mention.end) is None)))
        if label:
            # "Der Grund: „…“" names a topic, "Offenkundig" no one: the quotation goes on with the speaker before it
            before = next((q for q in reversed(resolved) if q.speaker and 0 <= quote.start - q.end <= _LABEL_REACH
                           and "\n\n" not in text[q.end : quote.start]), None)
            if before is not None:
                labels.add((mention.start, mention.end))  # the continuations that inherited the label, too
                resolved.append(dataclasses.replace(quote, speaker=before.speaker, speaker_type=before.speaker_type,
                                                    speaker_mention=before.speaker_mention,
                                                    confidence=min(confidence, 0.5)))
                continue
        target = quote.refers_to or mention  # "eigenen Angaben zufolge": the clause's subject
        speaker, kind = resolver.resolve(target, resolved) if target is not None else ("", "")
        resolved.append(dataclasses.replace(quote, speaker=speaker, speaker_type=kind if speaker else "",
                                            speaker_mention=mention, confidence=confidence))
    return resolved


_IN_BEFORE = re.compile(r"(?:^|\s)i[nm]\s+$", re.IGNORECASE)  # the preposition in/im right before a mention
_FALLBACK_WINDOW = 400  # characters before the quotation
_QUOTED_NAME = re.compile(r"[„»“\"]([^„“”»«\"]{2,60})[“”«\"]")  # "Der Fernsehsender „Silverbird“"
_WEB_NAME = re.compile(r"\b([\w-]+\.(?:com|org|net|de|at|ch|eu|info|fr|uk))\b")  # "der Website spiegel.de"
_GUESS = 0.3  # the confidence of the extraction's guess (pipeline/extract/quotes/inherit.py)
_LABEL_REACH = 600  # a topic label's quotation goes on with a speaker quoted at most this far before it


_GENDER_SUFFIX = re.compile(r"[:*_/]in(?:nen)?\b")  # "Forscher:innen", "Bürger*innen", "Student_innen"


def _with_gender_suffix(text: str, mention: TextSpan | None) -> TextSpan | None:
    """A speaker mention ending right before a gender-inclusive suffix the tokenizer split off ("die
    Unterzeichner" of "die Unterzeichner:innen") runs to the end of that suffix."""
    if mention is None:
        return None
    suffix = _GENDER_SUFFIX.match(text, mention.end)
    if suffix is None or not text[mention.end - 1 : mention.end].isalpha():
        return mention
    return TextSpan(mention.start, suffix.end(), text[mention.start : suffix.end()])


def _colon_subject(doc: Doc | None, quote: Quotation, entities: list[EntityMention]) -> TextSpan | None:
    """"Putin erklärte in einer Botschaft an Kim:" at the end of a paragraph, the quotation in the next one: the
    name in the subject of the sentence the colon ends (not the name named last)."""
    if doc is None:
        return None
    opening = quote.span[0]  # a direct quotation's opening mark
    before = doc.text[:opening].rstrip()
    if not before.endswith(":") or "\n" not in doc.text[len(before) : opening]:
        return None
    colon = doc.char_span(len(before) - 1, len(before), alignment_mode="expand")
    if colon is None:
        return None
    sent = colon[0].sent
    subjects = [t for t in sent if t.dep_ in ("nsubj", "sb") and t.head == sent.root]
    for subject in subjects:
        sub = subject.subtree
        tokens = list(sub)
        lo, hi = tokens[0].idx, tokens[-1].idx + len(tokens[-1].text)
        names = [e for e in _overlapping(TextSpan(lo, hi, ""), entities) if e.type in ("person", "organization")]
        if names:
            return TextSpan(names[-1].start, names[-1].end, names[-1].text)
    return None


def _no_noun(doc: Doc | None, mention: TextSpan) -> bool:
    """A one-word speaker mention the parse calls neither noun, name nor pronoun ("Offenkundig, …")."""
    word = mention.text.strip()
    if doc is None or not word.isalpha() or not word[:1].isupper() or word.lower() in _LINKING:
        return False  # "Demnach" takes up the source before it; "ndr.de" is a name
    span = doc.char_span(mention.start, mention.end, alignment_mode="expand")
    return span is not None and len(span) == 1 and span[0].pos_ in ("ADV", "ADJ", "VERB", "AUX", "ADP", "SCONJ")


def _is_label(mention: TextSpan, entities: list[EntityMention]) -> bool:
    """"Der Grund", "Anlass", "Das Fazit" before a colon: one or two words, no name in them, and a head noun that
    is no role, group, institution, statement or pronoun (those can speak: "Die Polizei: „…“")."""
    words = _ARTICLES.sub("", mention.text).split()
    if not words or len(words) > 2 or _overlapping(mention, entities):
        return False
    head = words[-1].strip(",.;:()")
    if not head[:1].isupper() or head.lower() in _PRONOUNS:
        return False
    return role_of(head) is None and not is_institution(head) and not is_statement_noun(head)


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


_PRONOUNS = _MASC | _FEM_OR_PLUR | {"ihnen", "ihm", "ihn"}
_NO_ONE = frozenset({"ich", "wir", "man", "es"})
_LINKING = frozenset({"demnach", "demzufolge", "danach", "wonach"})
_LEADING = frozenset({"der", "die", "das", "den", "dem", "des", "ein", "eine", "einer", "eines", "einem", "einen",
                      "nach", "laut", "sein", "seine", "seinen", "seinem", "seiner", "seines", "ihr", "ihre", "ihren",
                      "ihrem", "ihrer", "ihres"})
# quantifiers before a group noun: "mehrere Quellen aus der Ampel" -> "Quellen aus der Ampel"
_QUANTIFIERS = re.compile(r"^(mehrere|viele|einige|zahlreiche|etliche|manche|weitere|verschiedene|sämtliche|dutzende|"
                          r"hunderte|tausende)\s+",
                          re.IGNORECASE)
# a trailing place, medium or occasion of the statement: "das Justizamt in der Pressemitteilung", "Heiko Maas im
# Bundestag", "der AK Vorratsdatenspeicherung auf seiner Website", "VW-Chef Winterkorn in einem Interview"
_SETTING = re.compile(r"\s+(?:in|im|auf|bei|beim|gegenüber|vor|während|am)\s+[^,]+$")  # to the end, no comma
# not "vom": "vom Montag"
_OF = re.compile(r"^(?:des|der|von|von der|von den|eines|einer|aus|aus dem|aus der|aus den)\s+", re.IGNORECASE)
_POSSESSIVE = re.compile(r"^(?:nach|laut|den|dem|die|der)?\s*(sein|seine|seinen|seinem|seiner|seines|ihr|ihre|ihren|"
                         r"ihrem|ihrer|ihres)\s+", re.IGNORECASE)


class _Resolver:
    """The speaker of one mention: a name it contains, its cluster, its possessor or complement, or its noun
    phrase. :meth:`resolve` returns (speaker, type)."""

    def __init__(self, text: str, entities: _Entities, genders: dict[str, str], coref: Coreference | None,
                 doc: Doc | None = None, authors: dict[str, tuple[str, str]] | None = None) -> None:
        self.text, self.entities, self.genders, self.coref, self.doc = text, entities, genders, coref, doc
        self.authors = authors or {}  # document noun -> its author (:func:`document_authors`)

    def cluster_at(self, start: int, end: int, kinds: tuple[str, ...]) -> tuple[str, str] | None:
        if self.coref is None:
            return None
        found = self.coref.at(start, end)
        if found is None or found.kind not in kinds:
            return None
        cluster = self.coref.cluster(found)
        return cluster.canonical, cluster.type

    def resolve(self, mention: TextSpan, previous: list[Quotation]) -> tuple[str, str]:
        low = mention.text.lower()
        if low in _PRONOUNS:
            found = self.cluster_at(mention.start, mention.end, ("pronoun",))
            if found is not None or self.coref is not None:
                return found or ("", "")
            antecedent = _pronoun_antecedent(self.text, mention, self.entities, previous, self.genders)
            return (antecedent.canonical, "person") if antecedent is not None else ("", "")
        if low in _NO_ONE or low in SUBJECT_RELATIVES:
            return "", ""  # (a relative pronoun whose antecedent cannot speak: "eine SMS, die …")
        if low in _LINKING:  # "Demnach …": the source of the report just before
            earlier = [q for q in previous if q.speaker and q.end <= mention.start]
            return (earlier[-1].speaker, earlier[-1].speaker_type) if earlier else ("", "")
        statement = self.through_statement(mention, previous)
        if statement is not None:
            return statement
        return self.resolve_phrase(_without_setting(mention), previous)

    def through_statement(self, mention: TextSpan, previous: list[Quotation]) -> tuple[str, str] | None:
        """"seinen Worten", "Angaben der Polizei", "dem Positionspapier": a phrase headed by a statement noun
        speaks through its possessor or complement, else for no one. None: not such a phrase."""
        words = mention.text.split()
        lead = 0
        while lead < len(words) - 1 and (not words[lead][:1].isupper() or words[lead].lower() in _LEADING):
            lead += 1  # articles, possessives, adjectives before the head ("Den offiziellen Angaben")
        if lead < len(words) and words[lead][:1].isupper() and lead > 0 and words[lead - 1].lower() in (
                "eigenen", "eigener"):
            return None  # "eigenen Angaben": the quotation's refers_to names the subject
        head = words[lead].strip(",.;:()") if words else ""
        if not head or not is_statement_noun(head):
            return None
        possessive = _POSSESSIVE.match(mention.text)
        if possessive is not None:
            start = mention.start + possessive.start(1)
            found = self.cluster_at(start, mention.start + possessive.end(1), ("possessive",))
            return found or ("", "")
        head_end = mention.text.find(head) + len(head)
        rest = mention.text[head_end:]
        complement = _OF.match(rest.lstrip())
        group = _genitive_plural_group(rest) if complement is None else ""
        if group:  # "nach Aussagen weltweit führender Forscher"
            return group, "group"
        if complement is None:  # "Kreml-Angaben", "Meinung Russlands": the name in it, else no one
            hits = _overlapping(mention, self.entities)
            quoted = _QUOTED_NAME.search(mention.text) or _WEB_NAME.search(mention.text)
            if not hits and quoted:  # "der Website „icelandreview.com“": the name it carries
                return quoted.group(1).strip(), "organization"
            if not hits:
                # "laut dem Positionspapier" after "das BMI in ihrem Positionspapier": the document's author
                named = _compound_source(head)
                return named if named[0] else self.authors.get(_doc_key(head), ("", ""))
            persons_orgs = [e for e in hits if e.type in ("person", "organization")]
            if persons_orgs or not self.headed_by(mention, hits):
                best = (persons_orgs or hits)[-1]
                return best.canonical, "person" if best.type == "person" else "organization"
            return self.from_names(mention, hits)
        offset = head_end + (len(rest) - len(rest.lstrip()))
        inner = TextSpan(mention.start + offset, mention.end, mention.text[offset:])
        return self.resolve(inner, previous) if inner.text.strip() else ("", "")

    def resolve_phrase(self, mention: TextSpan, previous: list[Quotation]) -> tuple[str, str]:
        hits = _overlapping(mention, self.entities)
        whole = _QUOTED_NAME.fullmatch(_ARTICLES.sub("", mention.text).strip())
        if whole and not any(len(e.text) >= len(whole.group(1).strip()) for e in hits):
            # "der „Koalition kleiner Unternehmen aus Europa“": the quoted name, not a name inside it ("Europa")
            return whole.group(1).strip(), "organization"
        if hits:
            return self.from_names(mention, hits)
        found = self.cluster_at(mention.start, mention.end, ("descriptor", "name", "surname"))
        if found is not None:
            return found
        words = mention.text.split()
        quoted = _QUOTED_NAME.search(mention.text)
        if quoted:  # "Der Fernsehsender „Silverbird“": the name it carries
            return quoted.group(1).strip(), "organization"
        stripped = _QUANTIFIERS.sub("", _ARTICLES.sub("", mention.text).strip())
        head = _head_word(stripped)
        role = role_of(head) if head else None
        if role is not None and role["kind"] in ("role", "suffix") and len(words) <= 3:
            if self.coref is not None:
                bound = self.coref.bound(head, mention.end)
                if bound is not None:  # "Kun Nhem, Generaldirektor der Zollbehörde, …"
                    return bound.canonical, bound.type
            else:
                antecedent = self.legacy_role(mention, head, role, previous)
                if antecedent:
                    return antecedent, "person"
        named = apposed_name(mention.text)
        if named:  # "der Chef der Bundesagentur, Frank-Jürgen Weise": a name no entity rule found
            return named, "person"
        return self.as_phrase(mention, head)

    def from_names(self, mention: TextSpan, hits: list[EntityMention]) -> tuple[str, str]:
        persons = [e for e in hits if e.type == "person"]
        orgs = [e for e in hits if e.type == "organization"]
        if len(persons) > 1 and re.search(r"\s(und|sowie)\s", mention.text):
            # coordinated speakers ("Präsident Tadić und Regierungschef Koštunica"): all of them
            return join_names([e.canonical for e in persons]), "person"
        if not persons and len(hits) > 1 and re.search(r"\s(und|sowie)\s", mention.text) \
                and not re.search(r"\s(von|vom|der|des|aus)\s", mention.text):
            # "Die USA, Großbritannien und Japan": the countries or organizations together
            return join_names([e.canonical for e in hits]), "organization"
        if not persons:
            # "Nordkoreas Machthaber": a person's role with the country or institution named in it is the person
            # that role was given to earlier ("Machthaber Kim Jong Un"), if any
            outside = mention.text[: hits[0].start - mention.start].split() + \
                mention.text[hits[-1].end - mention.start :].split()
            for word in (w.strip(",.;:()") for w in outside):
                role = role_of(word)
                if role is not None and role["kind"] in ("role", "suffix"):
                    antecedent = _role_antecedent(self.text, word, self.entities, mention.start)
                    if antecedent is not None:
                        return antecedent.canonical, "person"
        if not persons and not orgs and not self.headed_by(mention, hits):
            # "Deutschlands größter Versicherer", "der Bürgermeister von Köln": not the place named in it, but who
            # the phrase describes (named earlier), else the phrase itself
            found = self.cluster_at(mention.start, mention.end, ("descriptor",))
            if found is not None:
                return found
            return self.as_phrase(mention)
        if not persons and not orgs and _IN_BEFORE.search(self.text[max(0, mention.start - 4) : mention.start]):
            return "", ""  # "heißt es in Berlin", "In Berlin hieß es": a place the words came from, no speaker
        leading = leading_name(mention.text)
        if leading and not any(e.start < mention.start + len(leading) for e in hits):
            return leading, "person"  # "Olexandr Turtschynow, der Stellvertreter von Timoschenko", name not found
        if persons and self.text[persons[0].end : persons[0].end + 1] == "," and \
                not _ARTICLES.sub("", self.text[mention.start : persons[0].start]).strip():
            # "Olexandr Turtschynow, der Stellvertreter von Julia Timoschenko": the name the apposition describes
            return persons[0].canonical, "person"
        best = (persons or orgs or hits)[-1]
        return best.canonical, "person" if best.type == "person" else "organization"

    def headed_by(self, mention: TextSpan, hits: list[EntityMention]) -> bool:
        """Whether the head of the phrase (its root in the parse) is one of ``hits`` (without a parse: yes)."""
        if self.doc is None:
            return True
        span = self.doc.char_span(mention.start, mention.end, alignment_mode="expand")
        if span is None:
            return True
        root = span.root
        return any(h.start <= root.idx < h.end for h in hits)

    def as_phrase(self, mention: TextSpan, head: str | None = None) -> tuple[str, str]:
        """The phrase as the speaker: without article and quantifier, in the nominative, typed by ``head`` (by
        default its root in the parse, else its first head word)."""
        stripped = _QUANTIFIERS.sub("", _ARTICLES.sub("", mention.text).strip())
        if head is None:
            span = self.doc.char_span(mention.start, mention.end, alignment_mode="expand") if self.doc else None
            head = span.root.text if span is not None else _head_word(stripped)
        if self.doc is not None:
            at = mention.start + mention.text.find(stripped)
            stripped = _nominative(self.doc, at, at + len(stripped), stripped)
        nominative = _genitive_role(stripped) if mention.text.lower().startswith(("des ", "eines ")) else stripped
        if nominative != stripped:
            stripped, head = nominative, nominative.split()[-1]
        return stripped, _phrase_type(head, role_of(head) if head else None)

    def legacy_role(self, mention: TextSpan, head: str, role: dict, previous: list[Quotation]) -> str:
        """Without clusters: the person the role noun was attached to earlier, or the last speaker if the
        gender fits ("der Experte" after "sagt Joseph Dempsey von der Denkfabrik …")."""
        antecedent = _role_antecedent(self.text, head, self.entities, mention.start)
        if antecedent is not None:
            return antecedent.canonical
        if mention.text.lower().split()[0] in ("der", "die", "dem", "den", "des"):
            want = role.get("gender", "x")
            for quote in reversed(previous):
                if quote.end > mention.start or mention.start - quote.end > _MAX_PRONOUN_DISTANCE:
                    continue
                person = self.entities.first_person(quote.speaker)
                if person is not None and (want == "x" or self.genders.get(person.canonical, want) == want):
                    return person.canonical
                break
        return ""


def _genitive_plural_group(rest: str) -> str:
    """A genitive plural without article after a statement noun, in the nominative: " weltweit führender
    Verschlüsselungsforscher:innen" -> "weltweit führende Verschlüsselungsforscher:innen", " vieler Experten" ->
    "Experten"; "" if the words are no such phrase."""
    words = rest.split()
    if not 2 <= len(words) <= 4 or not words[-1][:1].isupper() or any(not w.islower() for w in words[:-1]) or \
            not words[-2].endswith("er"):
        return ""
    phrase = " ".join([w[:-1] if w.endswith("er") else w for w in words[:-1]] + [words[-1]])
    return _QUANTIFIERS.sub("", phrase)


def _genitive_role(phrase: str) -> str:
    """A masculine role noun in the genitive singular, alone or after weak adjectives, in the nominative: "Ministers"
    -> "Minister", "Präsidenten" -> "Präsident", "früheren Ministers" -> "früherer Minister"; else unchanged."""
    words = phrase.split()
    if not words or len(words) > 3 or not all(w.endswith("en") and w[:1].islower() for w in words[:-1]):
        return phrase
    head = words[-1]
    for cut in (1, 2):
        stem = head[:-cut]
        entry = role_of(stem) if head[-cut:] in ("s", "es", "n", "en") else None
        if entry is not None and entry["kind"] in ("role", "suffix") and entry["gender"] in ("m", "x"):
            return " ".join([w[:-1] + "r" for w in words[:-1]] + [stem])
    return phrase


def _without_setting(mention: TextSpan) -> TextSpan:
    """The mention without a trailing place, medium or occasion ("das BMI in ihrem Positionspapier")."""
    cut = _SETTING.search(mention.text)
    if cut is None or cut.start() == 0:
        return mention
    return TextSpan(mention.start, mention.start + cut.start(), mention.text[: cut.start()])


def _phrase_type(head: str, role: dict | None) -> str:
    """The type of a speaker named by a noun phrase only: an institution noun is an organization, a role noun a
    person (one not named: "der Bürgermeister von Köln"), anything else a group ("Beobachter", "Anwohner")."""
    if head and is_institution(head):
        return "organization"
    if role is not None and role["kind"] in ("role", "suffix", "title"):
        return "person"
    return "group"


def _head_word(phrase: str) -> str:
    """The head noun of a phrase without article: the last capitalized word of its first run of words
    ("Politische Beobachter", "Erste Senat des Bundesverfassungsgerichts" -> "Senat")."""
    head = ""
    for word in phrase.split():
        word = word.strip(",.;:()")
        if word[:1].isupper():
            head = word
        elif head:
            break
    return head


@lru_cache(maxsize=1)
def _country_codes() -> dict[str, str]:
    """ISO code -> the first German country name with it (countries_de.tsv): "US" -> "USA"."""
    table: dict[str, str] = {}
    for row in read_tsv("countries_de.tsv"):
        table.setdefault(row["code"], row["name"])
    return table


def _compound_source(head: str) -> tuple[str, str]:
    """The speaker a statement compound names in its first part: "US-Einschätzungen" -> USA, "Polizeiangaben"
    -> Polizei; ("", "") when it names no one ("Medienberichten")."""
    first = head.split("-")[0] if "-" in head else ""
    if first and first.isupper() and first in _country_codes():
        return _country_codes()[first], "organization"
    if first and is_institution(first):
        return first, "organization"
    if not first:
        low = head.lower()
        for form in sorted(institutions(), key=len, reverse=True):
            if len(form) >= 5 and low.startswith(form.lower()) and len(low) > len(form) + 3 \
                    and is_statement_noun(head[len(form):].capitalize()):
                return form, "organization"
    return "", ""


_WEAK_ADJECTIVE = re.compile(r"^(.+?)(en|em|e)$")


def _nominative(doc: Doc, start: int, end: int, phrase: str) -> str:
    """A speaker phrase without its article, its leading adjectives in the nominative by the head noun's gender and
    number ("der Erste Senat des …" -> "Erster Senat des …", "der belgischen Ratspräsidentschaft" -> "belgische
    Ratspräsidentschaft"); the phrase as it stands where the parse leaves them open."""
    span = doc.char_span(start, end, alignment_mode="expand")
    words = phrase.split()
    if span is None or len(span) != len(words):
        return phrase
    n_adj = 0
    while n_adj < len(span) - 1 and span[n_adj].pos_ == "ADJ":
        n_adj += 1
    if span[n_adj].pos_ == "NOUN" and words[n_adj] == span[n_adj].text:
        words[n_adj] = _nominative_plural(span[n_adj])
    phrase = " ".join(words)
    if len(words) < 2:
        return phrase
    n_adj = 0
    while n_adj < len(span) - 1 and span[n_adj].pos_ == "ADJ" and _WEAK_ADJECTIVE.match(words[n_adj]):
        n_adj += 1
    head = span[n_adj]
    if n_adj == 0 or head.pos_ not in ("NOUN", "PROPN") or ("Gen" in head.morph.get("Case") and
                                                            head.text.endswith("s")):
        return phrase  # "des seismologischen Instituts": an adjective in the nominative would not fit its head
    number, gender = head.morph.get("Number"), head.morph.get("Gender")
    key = "Plur" if "Plur" in number else (gender[0] if len(gender) == 1 else None)
    if key not in STRONG_ENDING:
        return phrase
    for i in range(n_adj):
        stem, old = _WEAK_ADJECTIVE.match(words[i]).groups()
        if old in ("en", "em") or STRONG_ENDING[key] != "e":
            words[i] = stem + STRONG_ENDING[key]
    return " ".join(words)


def _nominative_plural(tok) -> str:
    """A dative plural head noun in the nominative where its form tells: -ern/-eln ("Beobachtern" -> "Beobachter",
    "Ländern" -> "Länder") and the source noun Kreise ("aus Regierungskreisen" -> "Regierungskreise"). Other -en
    plurals stay: "Experten", "Frauen", "Menschen" are nominatives too."""
    word = tok.text
    if "Dat" not in tok.morph.get("Case") or "Plur" not in tok.morph.get("Number") or not word.endswith("n"):
        return word
    base = word[:-1]
    return base if base.endswith(("er", "el", "kreise", "Kreise")) and len(base) > 4 else word
