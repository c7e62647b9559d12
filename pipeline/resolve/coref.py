"""Which mentions of an article are the same person or organization (stage 4, after entities and quotations).

The method, as a careful reader goes through an article from its start:

1. **Names open clusters.** Every person and organization name the entity stage found is a mention of the cluster
   of its canonical name (``resolve/names.py`` already made "Putins", "Präsident Putin" and "Wladimir Putin" one
   name). The cluster's canonical name is that fullest form.
2. **Evidence about a cluster** comes from its names' surroundings: a role noun right before a name
   ("Bundesgesundheitsminister Karl Lauterbach", "der Abgeordnete Carles Puigdemont") or in an apposition ("Anna
   Berg, die Sprecherin der Stadt", "Der Vertreter der NSO, Chaim Gelfand, …") binds that role noun to the person
   for the article; gender comes from the role noun (-in forms), "Frau"/"Herr", and the first name
   (``resources/first_name_genders_de.tsv``).
3. **Descriptors** — a definite noun phrase whose head is a role noun ("der Minister", "die Abgeordnete", "der
   NSO-Vertreter"), an age noun ("der 57-Jährige") or a nationality noun ("der Brite") — join the cluster the role
   noun was bound to ("Minister" fits "Bundesgesundheitsminister"), else the most salient person before it whose
   gender fits and who was not introduced with another role.
4. **Pronouns and possessives** ("er", "sie", "ihm", "seinen", "ihrer"; ``resources/pronouns_de.tsv``) join the
   most salient compatible cluster before them: gender and number from the parse's morphology, then salience —
   the speaker of the last quotation before them and the subject of a sentence first, then recency. A plural
   "sie"/"ihre" takes an organization.

Salience decays by sentence: only clusters mentioned within ``COREF_SENTENCES`` sentences before (and within
``COREF_REACH`` characters) are candidates, so a pronoun never reaches into an unrelated part of a long article.
Mentions are resolved left to right, and each resolved pronoun or descriptor is itself a mention that keeps its
cluster salient ("Er … Er … sagte er").
"""
from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field, replace
from functools import lru_cache

from spacy.tokens import Doc, Token

from ..extract.entities import is_demonym
from ..extract.place_rules import seat_institutions
from ..resources import common_nouns, is_institution, read_tsv, role_of
from ..types import EntityMention, Quotation

COREF_SENTENCES = 4  # a pronoun or descriptor looks back this many sentences (besides its own)
COREF_REACH = 1500  # ... and at most this many characters
SPEAKER_BONUS = 2.0  # salience of the speaker of the last quotation before the mention
SUBJECT_BONUS = 1.0  # salience of a cluster whose last mention was a sentence subject
CATAPHORA_SENTENCES = 2  # "warnt ein Experte." may introduce a person named this many sentences later
OTHER_ROLE_PENALTY = 1.5  # a descriptor is unlikely to take up a person introduced with a different role

_AGE_NOUN = re.compile(r"^\d{1,3}-[Jj]ährige[nr]?$")
_DEFINITE = frozenset({"der", "die", "den", "dem", "des"})
_INDEFINITE = frozenset({"ein", "eine", "einer", "einem", "einen", "eines"})
_MALE_WORDS = frozenset({"Herr", "Herrn"})
_FEMALE_WORDS = frozenset({"Frau"})


@dataclass(frozen=True)
class Mention:
    """One mention of a cluster: ``kind`` is name (an entity mention), surname (a name the entity stage missed),
    descriptor (a noun phrase: "der Minister"), pronoun or possessive;
    ``start``/``end`` are character offsets of the mention's words (a descriptor: article and head noun)."""

    start: int
    end: int
    text: str
    kind: str
    cluster: int  # index into Coreference.clusters


@dataclass
class Cluster:
    """The mentions of one person or organization in one article. ``id``: 1-based, in order of first mention."""

    id: int
    type: str  # person | organization | group (a coordination of names a plural pronoun takes up)
    canonical: str
    gender: str = ""  # m | f | "" (unknown)
    roles: list[str] = field(default_factory=list)  # role nouns bound to it ("Bundesgesundheitsminister")
    last: int = -1  # start of the latest mention resolved so far
    last_subject: bool = False  # that mention was a sentence subject
    named_as: str = ""  # the entity type of the names that opened it ("" for a group)


@dataclass(frozen=True)
class Coreference:
    """The clusters of an article and every mention resolved to one of them, in text order."""

    clusters: tuple[Cluster, ...]
    mentions: tuple[Mention, ...]

    def at(self, start: int, end: int) -> Mention | None:
        """The mention within ``[start, end)`` a speaker phrase rests on: a pronoun or descriptor first (the
        phrase's own reference), else the last name in it."""
        starts = self._starts()
        lo, hi = bisect.bisect_left(starts, start), bisect.bisect_left(starts, end)
        inside = [m for m in self.mentions[lo:hi] if m.end <= end]
        if not inside:
            return None
        own = [m for m in inside if m.kind in ("pronoun", "descriptor")]
        return (own or inside)[-1]

    def _starts(self) -> list[int]:
        """The mentions' starts (the mentions are in text order), computed once."""
        starts = self.__dict__.get("_mention_starts")
        if starts is None:
            starts = [m.start for m in self.mentions]
            object.__setattr__(self, "_mention_starts", starts)
        return starts

    def cluster(self, mention: Mention) -> Cluster:
        return self.clusters[mention.cluster]

    def with_references(self, entities: list[EntityMention]) -> list[EntityMention]:
        """``entities`` with each name typed as its cluster ("Louisa Berg" tagged as an organization is a person),
        plus the surnames, descriptors, pronouns and possessives resolved to a person or organization, by
        position."""
        types = {(c.named_as, c.canonical): c.type for c in self.clusters if c.named_as}
        named = [replace(e, type=types.get((e.type, e.canonical), e.type)) for e in entities]
        resolved = [EntityMention(c.type, m.start, m.end, m.text, c.canonical, mention=m.kind)
                    for m in self.mentions if m.kind != "name"
                    for c in (self.clusters[m.cluster],) if c.named_as and c.type in ("person", "organization")]
        return sorted(named + resolved, key=lambda e: (e.start, e.end))

    def bound(self, head: str, before: int) -> Cluster | None:
        """The person the role noun ``head`` was bound to by a mention before ``before`` ("Kun Nhem,
        Generaldirektor der Zollbehörde" binds "Generaldirektor"), the latest such one."""
        best = None
        for mention in self.mentions:
            if mention.start >= before:
                break
            cluster = self.clusters[mention.cluster]
            if cluster.type == "person" and _fits_role(cluster, head):
                best = cluster
        return best


@lru_cache(maxsize=1)
def pronouns() -> dict[str, dict[str, str]]:
    """pronouns_de.tsv: form -> {kind, refers}."""
    return {row["form"]: {"kind": row["kind"], "refers": row["refers"]} for row in read_tsv("pronouns_de.tsv")}


@lru_cache(maxsize=1)
def first_name_genders() -> dict[str, str]:
    """first_name_genders_de.tsv: first name -> m | f."""
    return {row["name"]: row["gender"] for row in read_tsv("first_name_genders_de.tsv")}


@lru_cache(maxsize=1)
def person_nouns() -> dict[str, str]:
    """person_nouns_de.tsv: a noun that describes one person ("Brite", "Sozialdemokratin") -> its gender."""
    return {row["form"]: row["gender"] for row in read_tsv("person_nouns_de.tsv")}


def person_noun(word: str) -> str | None:
    """The gender (m / f / x) of a person-describing noun, also the last part of a compound ("CDU-Politiker");
    None for other words."""
    table = person_nouns()
    if word in table:
        return table[word]
    last = word.rsplit("-", 1)[-1]
    return table.get(last) if "-" in word and last[:1].isupper() else None


def name_gender(canonical: str) -> str:
    """m / f from the first word of a full name that is a known first name ("Louisa Berg" -> f), else ''."""
    words = canonical.split()
    if len(words) < 2:
        return ""
    return first_name_genders().get(words[0].split("-")[0], "")


class _Walk:
    """The left-to-right pass: clusters so far, the sentence index and the quotations' speakers (their
    ``speaker`` where an earlier pass resolved it, else the cluster of a mention in their speaker phrase)."""

    def __init__(self, doc: Doc, quotes: list[Quotation]) -> None:
        self.doc = doc
        self.sent_starts = [s.start_char for s in doc.sents]
        self.clusters: list[Cluster] = []
        self.by_name: dict[tuple[str, str], int] = {}
        self.surnames: dict[str, int | None] = {}  # last word of a full person name -> its cluster
        # coordinations of names: (start, end, canonical, of persons only)
        self.groups: list[tuple[int, int, str, bool]] = []
        self.last_name: tuple[int, int, str, str] | None = None  # the latest name: start, end, canonical, type
        self.mentions: list[Mention] = []
        # the quotations by end, with the start of their speaker mention (its cluster is known once passed)
        self.quotes = sorted(((q.end, q.speaker_mention.start, q.speaker_mention.end, q.speaker, q.speaker_type)
                              for q in quotes
                              if q.speaker_mention is not None), key=lambda x: x[0])
        self.by_canonical: dict[str, int] = {}  # canonical name -> cluster (of the first type seen)
        self.quote_ends = [q[0] for q in self.quotes]
        self.mention_starts: list[int] = []  # of self.mentions, in the order added (text order)

    def sentence(self, pos: int) -> int:
        return bisect.bisect_right(self.sent_starts, pos) - 1

    def cluster_of_name(self, entity: EntityMention) -> int:
        key = (entity.type, entity.canonical)
        if key not in self.by_name and entity.type == "person" and " " not in entity.canonical \
                and self.surnames.get(entity.canonical) is not None:
            return self.surnames[entity.canonical]  # "Berg" after "Anna Berg" (typed otherwise by the model)
        if key not in self.by_name:
            kind = "person" if entity.type == "organization" and _person_name(entity.canonical) else entity.type
            self.by_name[key] = len(self.clusters)
            self.by_canonical.setdefault(entity.canonical, len(self.clusters))
            self.clusters.append(Cluster(len(self.clusters) + 1, kind, entity.canonical, named_as=entity.type,
                                         gender=name_gender(entity.canonical) if kind == "person" else ""))
            names = entity.canonical.split()
            if kind == "person" and len(names) > 1:
                for form in (names[-1], names[-1] + "s"):  # two persons of one surname: neither
                    self.surnames[form] = None if form in self.surnames else self.by_name[key]
        return self.by_name[key]

    def surname_of(self, tok: Token) -> int | None:
        """The person cluster whose full name ends in this word ("Specht-Riemenschneider" after "Louisa
        Specht-Riemenschneider", also "Bergs"), where the entity stage did not mark it."""
        return self.surnames.get(tok.text)

    def coordinate(self, entity: EntityMention, kind: str) -> None:
        """"Nordkorea und Russland", "Anna Berg und Eva Roth": two names (places too) joined by und/sowie are a
        group a plural pronoun or descriptor can take up. ``kind``: the type of the name's cluster."""
        before, self.last_name = self.last_name, (entity.start, entity.end, entity.canonical, kind)
        if before is None or self.doc.text[before[1] : entity.start] not in (" und ", " sowie "):
            return
        persons = before[3] == kind == "person"
        canonical = f"{before[2]} und {entity.canonical}"  # as the quotation table joins coordinated speakers
        self.groups.append((before[0], entity.end, canonical, persons))

    def group_cluster(self, pos: int, persons: bool = False) -> int | None:
        """A cluster for the latest coordination shortly before ``pos`` (made on first use); ``persons``: only
        one of persons ("die beiden Abgeordneten")."""
        if not self.groups:
            return None
        start, end, canonical, of_persons = self.groups[-1]
        if end > pos or self.sentence(pos) - self.sentence(start) > COREF_SENTENCES or (persons and not of_persons):
            return None
        key = ("group", canonical)
        if key not in self.by_name:
            self.by_name[key] = len(self.clusters)
            self.clusters.append(Cluster(len(self.clusters) + 1, "person" if of_persons else "group", canonical))
        return self.by_name[key]

    def add(self, start: int, end: int, kind: str, index: int, subject: bool) -> None:
        self.mentions.append(Mention(start, end, self.doc.text[start:end], kind, index))
        self.mention_starts.append(start)
        cluster = self.clusters[index]
        cluster.last, cluster.last_subject = start, subject

    def last_speaker(self, pos: int) -> int | None:
        """The cluster of the speaker of the last quotation that ends before ``pos``."""
        k = bisect.bisect_right(self.quote_ends, pos)
        for end, s_start, s_end, speaker, _ in reversed(self.quotes[max(0, k - 8) : k]):
            if speaker in self.by_canonical:  # resolved in an earlier pass ("Nordkoreas Machthaber")
                return self.by_canonical[speaker]
            lo = bisect.bisect_left(self.mention_starts, s_start)
            hi = bisect.bisect_left(self.mention_starts, s_end)
            found = [m.cluster for m in self.mentions[lo:hi] if m.end <= s_end]
            if found:
                return found[-1]
            if pos - end > COREF_REACH:
                break
        return None

    def group_speaker(self, pos: int) -> int | None:
        """A cluster for the speaker of the last quotation before ``pos`` when an earlier pass resolved it to a
        group ("Mehrere Verbände warnen, … Sie verlangen …"), within the salience window."""
        k = bisect.bisect_right(self.quote_ends, pos)
        if not k:
            return None
        _, s_start, _, speaker, kind = self.quotes[k - 1]
        if kind != "group" or not speaker or self.sentence(pos) - self.sentence(s_start) > COREF_SENTENCES:
            return None
        key = ("group", speaker)
        if key not in self.by_name:
            self.by_name[key] = len(self.clusters)
            self.clusters.append(Cluster(len(self.clusters) + 1, "group", speaker))
        return self.by_name[key]

    def candidates(self, pos: int) -> list[tuple[float, int]]:
        """(salience, cluster index) of the clusters mentioned shortly before ``pos``, most salient first."""
        here = self.sentence(pos)
        speaker = self.last_speaker(pos)
        scored = []
        for index, cluster in enumerate(self.clusters):
            if cluster.last < 0 or cluster.last >= pos or pos - cluster.last > COREF_REACH:
                continue
            distance = here - self.sentence(cluster.last)
            if distance > COREF_SENTENCES:
                continue
            score = -float(distance) + (SUBJECT_BONUS if cluster.last_subject else 0.0)
            if index == speaker:
                score += SPEAKER_BONUS
            scored.append((score, cluster.last, index))
        return [(score, index) for score, _, index in sorted(scored, reverse=True)]


def _person_name(canonical: str) -> bool:
    """An organization name that is a person's: two or three words, the first a known first name, none an
    institution noun, the last no plain noun of the German Wiktionary ("Louisa Specht-Riemenschneider" tagged ORG by
    the model; not the band "Tokio Hotel", not the school "Lincoln Highschool")."""
    words = canonical.split()
    return 2 <= len(words) <= 3 and bool(name_gender(canonical)) and all(
        w[:1].isupper() and not is_institution(w) for w in words) and words[-1] not in common_nouns() and \
        words[-1] not in seat_institutions()[1]


def _is_subject(tok: Token) -> bool:
    return tok.dep_ in ("nsubj", "sb", "nsubj:pass")


def _name_subject(doc: Doc, entity: EntityMention) -> bool:
    span = doc.char_span(entity.start, entity.end, alignment_mode="expand")
    if span is None:
        return False
    root = span.root
    while root.dep_ in ("flat", "flat:name", "appos", "pnc", "nk") and root.head is not root and \
            root.head.i < span.start:
        root = root.head  # "Bundesgesundheitsminister Karl Lauterbach": the role noun heads the name
    return _is_subject(root) or _is_subject(span.root)


def _role_before(doc: Doc, entity: EntityMention) -> Token | None:
    """The role noun right before a name ("Bundesgesundheitsminister Karl Lauterbach", "der Abgeordnete X") or
    heading an apposition before it ("Der Vertreter der NSO, Chaim Gelfand, …")."""
    span = doc.char_span(entity.start, entity.end, alignment_mode="expand")
    if span is None or span.start == 0:
        return None
    prev = doc[span.start - 1]
    if _role_noun(prev.text):
        return prev
    if prev.text == "," and span.root.dep_ == "appos" and span.root.head.i < span.start:
        head = span.root.head
        if _role_noun(head.text):
            return head
    return None


def _role_after(doc: Doc, entity: EntityMention) -> Token | None:
    """The role noun of an apposition after a name: "Anna Berg, die Sprecherin der Stadt", "Berg, Sprecherin …"."""
    span = doc.char_span(entity.start, entity.end, alignment_mode="expand")
    if span is None or span.end + 1 >= len(doc):
        return None
    k = span.end
    if doc[k].text == "(":  # "Kathrin Vogler (Linke), Abgeordnete …": skip the parenthesis
        close = next((j for j in range(k, min(k + 8, len(doc))) if doc[j].text == ")"), None)
        k = close + 1 if close is not None else k
    if k >= len(doc) or doc[k].text != ",":
        return None
    for tok in doc[k + 1 : min(k + 5, len(doc))]:
        if tok.pos_ in ("DET", "ADJ") or tok.tag_ in ("ART", "ADJA"):
            continue
        return tok if _role_noun(tok.text) else None
    return None


def _role_noun(word: str) -> bool:
    """A role noun of roles_de.tsv, also in the weak -n form ("der Datenschutzbeauftragten", "den Abgeordneten")."""
    entry = role_of(word)
    if entry is None and word.endswith("en") and len(word) > 5:
        entry = role_of(word[:-1])
    return entry is not None and entry["kind"] in ("role", "suffix")


def _gender_of_word(word: str) -> str:
    if word in _MALE_WORDS:
        return "m"
    if word in _FEMALE_WORDS:
        return "f"
    entry = role_of(word)
    gender = entry["gender"] if entry is not None else person_noun(word)
    return gender if gender in ("m", "f") else ""


def _name_evidence(walk: _Walk, entity: EntityMention, index: int) -> None:
    """Bind role nouns before/after a name to its cluster; take gender evidence from them and "Frau"/"Herr"."""
    cluster = walk.clusters[index]
    doc = walk.doc
    for role in (_role_before(doc, entity), _role_after(doc, entity)):
        if role is not None and role.text not in cluster.roles:
            cluster.roles.append(role.text)
    span = doc.char_span(entity.start, entity.end, alignment_mode="expand")
    words = [doc[span.start - 1].text] if span is not None and span.start > 0 else []
    words += cluster.roles
    for word in words:
        gender = _gender_of_word(word)
        if gender:
            cluster.gender = gender  # a role noun or Frau/Herr outweighs the first name ("Kim" Jong Un)
            break


def _descriptor(tok: Token) -> bool:
    """A definite noun phrase's head that describes a person: role noun, age noun or nationality noun."""
    if tok.pos_ not in ("NOUN", "PROPN") or not (tok.text[:1].isupper() or _AGE_NOUN.match(tok.text)):
        return False
    dets = [c for c in tok.children if c.dep_ in ("det", "nk") and c.lower_ in _DEFINITE]
    if not dets:
        return False
    return bool(_AGE_NOUN.match(tok.text)) or _role_noun(tok.text) or is_demonym(tok.text) \
        or person_noun(tok.text) is not None


def _descriptor_gender(tok: Token) -> str:
    """m / f / pl of a descriptor: the role noun's own gender ("Ministerin"), else the article's agreement ("die
    Abgeordnete": its article is parsed more reliably than the noun), else the noun's."""
    det = next((c for c in tok.children if c.lower_ in _DEFINITE), None)
    if det is not None and det.lower_ in ("der", "die") and _adjectival_role(tok.text):
        # an adjectival role noun: "die Abgeordnete" / "der Abgeordnete" are singular (the plural ends in -n)
        return "f" if det.lower_ == "die" else "m"
    if det is not None and det.lower_ in ("die", "den") and "Plur" in det.morph.get("Number"):
        return "pl"  # "die Kanadier": plural, whatever the lexicon says of the singular
    gender = _gender_of_word(tok.text)
    if gender:
        return gender
    for source in ([det] if det is not None else []) + [tok]:
        if "Plur" in source.morph.get("Number"):
            return "pl"
        value = source.morph.get("Gender")
        if value:
            return {"Masc": "m", "Fem": "f"}.get(value[0], "")
    return ""


def _adjectival_role(word: str) -> bool:
    """A role noun declined like an adjective, of either gender in roles_de.tsv: "Abgeordnete", "Beauftragte",
    "Vorsitzende" (singular -e after der/die, -en in the plural and after "der" in the feminine genitive)."""
    entry = role_of(word)
    return word.endswith("e") and entry is not None and entry["gender"] == "x" and entry["kind"] in ("role", "suffix")


def _weak_singular(tok: Token) -> bool:
    """"der Beauftragten": a weak -n role noun after "der" may be a genitive or dative singular."""
    det = next((c for c in tok.children if c.lower_ in _DEFINITE), None)
    return det is not None and det.lower_ == "der" and tok.text.endswith("en")


def _fits_role(cluster: Cluster, head: str) -> bool:
    """A role noun bound to the cluster that the descriptor's head names: "Minister" fits
    "Bundesgesundheitsminister", "NSO-Vertreter" fits "Vertreter"."""
    low = head.lower().split("-")[-1]
    forms = (low, low[:-1]) if low.endswith("en") else (low,)  # the weak form: "Beauftragten" ~ "Beauftragte"
    return any(r.lower().endswith(f) or f.endswith(r.lower().split("-")[-1]) for r in cluster.roles for f in forms)


def _resolve_descriptor(walk: _Walk, tok: Token) -> int | None:
    head = tok.text
    gender = _descriptor_gender(tok)
    candidates = walk.candidates(tok.idx)
    persons = [(s, i) for s, i in candidates if walk.clusters[i].type == "person"]
    for _, index in persons:
        if _fits_role(walk.clusters[index], head) and (gender != "pl" or _weak_singular(tok)):
            return index  # "der Datenschutzbeauftragten": "der" is singular or plural, the role bound decides
    if gender == "pl":  # "die beiden Abgeordneten" after "Anna Berg und Eva Roth"
        group = walk.group_cluster(tok.idx, persons=True)
        if group is not None or not (_weak_singular(tok) and _adjectival_role(head[:-1]) and
                                     any(walk.clusters[i].gender == "f" for _, i in persons)):
            return group
        gender = "f"  # "so die Forderung der Datenschutzbeauftragten" after one woman and no group: her
    # the role bound earlier, farther back than the salience window ("der Minister" many sentences later)
    bound = [i for i, c in enumerate(walk.clusters) if c.type == "person" and 0 <= c.last < tok.idx
             and _fits_role(c, head)]
    if bound:
        return max(bound, key=lambda i: walk.clusters[i].last)
    best, best_score = None, None
    for score, index in persons:
        cluster = walk.clusters[index]
        if gender and cluster.gender and cluster.gender != gender:
            continue
        if cluster.roles and _role_noun(head):
            score -= OTHER_ROLE_PENALTY
        if best_score is None or score > best_score:
            best, best_score = index, score
    return best


def _pronoun_refers(tok: Token) -> tuple[str, str] | None:
    """(kind, refers) of a third-person pronoun or possessive the parse and pronouns_de.tsv agree on."""
    entry = pronouns().get(tok.lower_)
    if entry is None:
        return None
    possessive = "Yes" in tok.morph.get("Poss") or tok.tag_ == "PPOSAT"
    if entry["kind"] == "personal" and possessive and tok.lower_ == "ihr":
        return "possessive", "f|pl"
    if entry["kind"] == "personal" and (possessive or (tok.pos_ != "PRON" and tok.tag_ not in ("PPER", "PDS"))):
        return None  # "diese Woche": a determiner (PDAT); "Diese bestätigte": standing alone (PDS)
    if entry["kind"] == "possessive" and not possessive and tok.pos_ != "DET":
        return None  # "seiner" as a genitive pronoun is rare in news; a pronoun-tagged form is no determiner
    refers = entry["refers"]
    if refers == "f|pl":
        number = tok.morph.get("Number[psor]") if possessive else tok.morph.get("Number")
        if not number and not possessive and _is_subject(tok):
            number = tok.head.morph.get("Number")  # "sagten sie": the verb's number
        if number:
            refers = "pl" if "Plur" in number else "f"
    return ("possessive" if possessive else "pronoun"), refers


def _compatible(cluster: Cluster, refers: str) -> bool:
    if refers == "pl":
        return cluster.type in ("organization", "group")
    if cluster.type != "person":
        return True  # "die Gewerkschaft … sie", "der Konzern … er": an organization's noun has any gender
    return cluster.gender == "" or cluster.gender in refers.split("|")


def _resolve_pronoun(walk: _Walk, tok: Token, refers: str) -> int | None:
    fitting = [(s, i) for s, i in walk.candidates(tok.idx) if _compatible(walk.clusters[i], refers)]
    if refers != "pl":  # a fitting person before an organization when either would do
        fitting.sort(key=lambda si: (walk.clusters[si[1]].type != "person", -si[0]))
    else:  # "Nordkorea und Russland … sie": a coordination named after the latest organization
        group = walk.group_cluster(tok.idx)
        if group is not None and (not fitting or walk.groups[-1][0] > walk.clusters[fitting[0][1]].last):
            return group
        if not fitting and tok.lower_ == "sie":  # "Die Verbände warnten, … Sie verlangen …": the group that spoke
            return walk.group_speaker(tok.idx)  # last (as the subject only: "Ihnen zufolge" may be anything)
    return fitting[0][1] if fitting else None


def corefer(doc: Doc, entities: list[EntityMention], quotes: list[Quotation]) -> Coreference:
    """The clusters of persons and organizations of ``doc`` and the mentions resolved to them."""
    walk = _Walk(doc, quotes)
    names = sorted((e for e in entities if e.type in ("person", "organization")), key=lambda e: (e.start, e.end))
    places = [e for e in entities if e.type == "place"]  # only as parts of a coordination
    inside_names = set()  # the tokens of the names
    for e in names:
        span = doc.char_span(e.start, e.end, alignment_mode="expand")
        if span is not None:
            inside_names.update(range(span.start, span.end))
    name_starts = {e.start for e in names}  # "der Abgeordnete Carles Puigdemont": the role noun is the name's
    # (position, names first, the name or token, whether the token heads a descriptor)
    events: list[tuple[int, int, object, bool]] = [(e.start, 0, e, False) for e in names + places]
    for tok in doc:
        if tok.pos_ in ("PRON", "DET") and tok.lower_ in pronouns():
            events.append((tok.idx, 1, tok, False))
        elif tok.pos_ in ("NOUN", "PROPN") and (tok.text[:1].isupper() or _AGE_NOUN.match(tok.text)) \
                and tok.i not in inside_names:
            descriptor = _descriptor(tok)
            if tok.idx + len(tok.text) + 1 not in name_starts or not descriptor:
                events.append((tok.idx, 1, tok, descriptor))
    pending: list[Token] = []  # indefinite role nouns ("ein Experte"), resolved once the walk is done
    for _, _, item, descriptor in sorted(events, key=lambda x: (x[0], x[1])):
        if isinstance(item, EntityMention) and item.type == "place":
            walk.coordinate(item, "place")
            continue
        if isinstance(item, EntityMention):
            index = walk.cluster_of_name(item)
            walk.coordinate(item, walk.clusters[index].type)
            _name_evidence(walk, item, index)
            walk.add(item.start, item.end, "name", index, _name_subject(doc, item))
            continue
        tok = item
        if tok.pos_ == "PROPN" or (tok.pos_ == "NOUN" and tok.text[:1].isupper() and not descriptor):
            index = walk.surname_of(tok)
            if index is not None:
                walk.add(tok.idx, tok.idx + len(tok.text), "surname", index, _is_subject(tok))
                continue
        if tok.lower_ in pronouns():
            found = _pronoun_refers(tok)
            if found is None:
                continue
            kind, refers = found
            index = _resolve_pronoun(walk, tok, refers)
            if index is not None:
                walk.add(tok.idx, tok.idx + len(tok.text), kind, index, _is_subject(tok))
        elif descriptor:
            index = _resolve_descriptor(walk, tok)
            if index is not None:
                det = next(c for c in tok.children if c.lower_ in _DEFINITE)
                start = min(det.idx, tok.idx)
                walk.add(start, tok.idx + len(tok.text), "descriptor", index, _is_subject(tok))
        elif _indefinite_role(tok):
            pending.append(tok)
    mentions = walk.mentions + _cataphora(walk, pending)
    return Coreference(tuple(walk.clusters), tuple(sorted(mentions, key=lambda m: (m.start, m.end))))


def _indefinite_role(tok: Token) -> bool:
    """"ein Experte", "eine Sprecherin": an indefinite role noun, which may introduce a person named after it."""
    return _role_noun(tok.text) and any(c.lower_ in _INDEFINITE for c in tok.children if c.dep_ in ("det", "nk"))


def _cataphora(walk: _Walk, pending: list[Token]) -> list[Mention]:
    """"…, warnt ein Experte. Lee Byong-chul, ein Nordkorea-Experte am Institut …": an indefinite role noun takes
    the person first named within the next ``CATAPHORA_SENTENCES`` sentences with that role bound to them."""
    first: dict[int, int] = {}  # cluster -> start of its first mention
    for m in walk.mentions:
        first.setdefault(m.cluster, m.start)
    found = []
    for tok in pending:
        here = walk.sentence(tok.idx)
        later = [(start, i) for i, start in first.items() if start > tok.idx
                 and walk.sentence(start) - here <= CATAPHORA_SENTENCES and walk.clusters[i].type == "person"
                 and _fits_role(walk.clusters[i], tok.text)]
        if later:
            det = next(c for c in tok.children if c.lower_ in _INDEFINITE)
            start = min(det.idx, tok.idx)
            found.append(Mention(start, tok.idx + len(tok.text), walk.doc.text[start : tok.idx + len(tok.text)],
                                 "descriptor", min(later)[1]))
    return found
