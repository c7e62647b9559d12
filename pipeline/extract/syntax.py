"""Label-scheme-neutral helpers over parsed tokens: verb particles and noun-phrase extents (the speaker mention as a
whole noun phrase, :func:`~pipeline.extract.mention_steps.refine_mention`, is built from them).

Both supported parses are handled through :mod:`pipeline.model.labels`:
- UD (bundled pipeline): the main verb heads the clause; auxiliaries attach as ``aux``.
- TIGER (de_core_news_md): the finite verb heads the clause; non-finite verbs hang below it as ``oc``.

What a finite verb or a Konjunktiv form is, and the verb chain and subject of a clause, is told by
:mod:`pipeline.lang.de.verbs`.
"""
from __future__ import annotations

import re

from spacy.tokens import Span, Token

from ..lang.de.calendar import name_like_calendar_words
from ..lang.de.verbs import verb_chain
from ..lang.de.words import FEMININE_NOUN_ENDINGS
from ..model.labels import children_with_role
from ..resources import is_institution, is_source_noun, role_of
from ..resources.cues import load_cues
from .person_rules import load_evidence

# pronouns that are a whole noun phrase on their own: nothing in their subtree belongs to the speaker
_STANDALONE_PRONOUNS = {"er", "sie", "ihr", "ich", "wir", "es", "man"}


def particle_of(verb: Token) -> str:
    """A separated verb particle ("teilte … mit" -> "mit"), or ''."""
    for node in verb_chain(verb):
        particles = children_with_role(node, "verb_particle")
        if particles:
            return particles[0].lower_
    return ""


def noun_phrase(token: Token, limit: Span | None = None) -> Span:
    """The noun phrase headed by ``token``: its dependency subtree (determiners, adjectives, names, genitives,
    prepositional attributes, appositions), cut before relative clauses, verbs and quotations."""
    doc = token.doc
    if token.lower_ in _STANDALONE_PRONOUNS:
        return doc[token.i : token.i + 1]
    lo, hi = token.left_edge.i, token.right_edge.i + 1
    if limit is not None:
        lo, hi = max(lo, limit.start), min(hi, limit.end)
    lo = min(lo, token.i)
    hi = max(hi, token.i + 1)
    # left of the head: stop at punctuation, verbs and conjunctions
    start = token.i
    for i in range(token.i - 1, lo - 1, -1):
        t = doc[i]
        if t.pos_ == "CCONJ" and i - 1 >= lo and _adjective_word(doc[i - 1]) and _adjective_word(doc[i + 1]):
            start = i  # coordinated adjectives: "kleine und mittlere Unternehmen"
            continue
        if t.pos_ in ("PUNCT", "VERB", "AUX", "SCONJ", "CCONJ") or t.is_space:
            break
        start = i
    # right of the head: keep attributes and appositions, cut at a clause (a comma segment with a verb)
    end = token.i + 1
    i = token.i + 1
    attribute_seen = False
    while i < hi:
        t = doc[i]
        if t.is_space or t.pos_ in ("VERB", "AUX", "SCONJ") or t.tag_ in ("PRELS", "PRELAT", "PWS", "PWAV"):
            break
        if t.text in ("„", "»") and i == end and doc[i - 1].pos_ == "NOUN":
            # a quoted name right after its noun: "Der Fernsehsender „Silverbird“"
            close = next((k for k in range(i + 1, min(i + 8, len(doc))) if doc[k].text in ("“", "«", "”")), None)
            if close is not None and not any(x.pos_ in ("VERB", "AUX") for x in doc[i + 1 : close]):
                i = end = close + 1
                continue
        if t.text in ("„", "“", "\"", "»", "«", ":", ";", "–", "—"):
            break
        if t.pos_ == "ADP" and not attribute_seen:
            if not _name_attribute(doc, i, hi):
                break  # "die Polizei [von weniger Auseinandersetzungen]": a complement of the verb, not of the name
            attribute_seen = True  # "vom Max-Planck-Institut [für Kernphysik in Heidelberg]": its own attributes
        if t.text == ",":
            seg_end = i + 1
            while seg_end < hi and doc[seg_end].text != ",":
                seg_end += 1
            segment = doc[i + 1 : seg_end]
            if not segment or any(x.pos_ in ("VERB", "AUX") or x.tag_ in ("PRELS", "PRELAT") for x in segment):
                break
            if segment[0].pos_ not in ("DET", "NOUN", "PROPN", "ADJ"):
                break
            i = seg_end
            end = seg_end
            continue
        if t.pos_ == "CCONJ" and not (i + 1 < hi and doc[i + 1].pos_ in ("PROPN", "NOUN", "DET")):
            break
        i += 1
        end = i
    # a role noun followed by the name it stands for, split by the parser: "Der Machthaber [Kim Jong Un]"
    if token.pos_ == "NOUN" and end == token.i + 1:
        while end < len(doc) and (limit is None or end < limit.end) and doc[end].pos_ == "PROPN" \
                and not doc[end].is_space and doc[end].text[:1].isupper():
            end += 1
    while end > start + 1 and (doc[end - 1].pos_ in ("ADP", "DET", "CCONJ", "PUNCT") and doc[end - 1].text != ")"):
        if doc[end - 1].text in ("“", "«", "”") and any(t.text in ("„", "»", "“") for t in doc[start : end - 1]):
            break  # the closing mark of a quoted name inside the phrase
        end -= 1
    start, end = _complete_name(doc, start, end, limit)
    end = _parenthesis_end(doc, end, limit)
    end = _apposition_end(doc, end, limit)
    start = _apposition_start(doc, start, end, limit)
    return doc[start:end]


def _adjective_word(tok: Token) -> bool:
    """A lower-case attributive adjective (also one the tagger took for a determiner: "mittlere")."""
    return tok.is_lower and tok.is_alpha and (tok.pos_ == "ADJ" or tok.tag_ == "ADJA" or
                                              tok.pos_ == "DET" and len(tok.text) > 5 and tok.text.endswith(("e", "en", "er", "es")))


def _parenthesis_end(doc, end: int, limit: Span | None) -> int:
    """"Sebastian Edathy (SPD)": a short parenthesis after a name belongs to it."""
    hi = limit.end if limit is not None else len(doc)
    if end < hi and doc[end].text == "(" and doc[end - 1].pos_ in ("PROPN", "NOUN"):
        close = next((i for i in range(end + 1, min(end + 8, hi)) if doc[i].text == ")"), None)
        if close is not None and not any(t.pos_ in ("VERB", "AUX") for t in doc[end + 1 : close]):
            return close + 1
    return end


def _apposition_start(doc, start: int, end: int, limit: Span | None) -> int:
    """"[Der Vorsitzende des Innenausschusses,] Sebastian Edathy": a role phrase before the name, set off by a
    comma at the start of the clause, belongs to the speaker."""
    lo = limit.start if limit is not None else 0
    if start - 2 < lo or doc[start - 1].text != "," or doc[start].pos_ != "PROPN":
        return start
    k = start - 2
    while k >= lo and doc[k].pos_ in ("DET", "ADJ", "NOUN", "PROPN", "ADP", "NUM") and doc[k].text not in (",", "("):
        k -= 1
    seg_start = k + 1
    segment = doc[seg_start : start - 1]
    if not segment or len(segment) > 12 or segment[0].pos_ not in ("DET", "ADJ", "NOUN", "PROPN"):
        return start
    at_clause_start = seg_start == lo or doc[seg_start - 1].is_sent_start is True or \
        doc[seg_start - 1].text in (",", ":", "–", "—") or doc[seg_start - 1].pos_ in ("VERB", "AUX") or \
        doc[seg_start].is_sent_start
    if at_clause_start and any(t.pos_ == "NOUN" and role_of(t.text) is not None for t in segment):
        return seg_start
    return start


def _name_attribute(doc, i: int, hi: int) -> bool:
    """A prepositional attribute that belongs to a speaker phrase: "John Sifton von Human Rights Watch",
    "Patrick Kamanda von der Umweltbehörde Ugandas", "Airbus im französischen Toulouse", "Sascha Kempf vom
    Max-Planck-Institut": von/vom/aus/in/im/bei/beim/für followed (after articles and adjectives) by a name or an
    institution."""
    if doc[i].lower_ not in ("von", "vom", "aus", "in", "im", "bei", "beim", "für", "der", "des"):
        return False
    k = i + 1
    while k < hi and doc[k].pos_ in ("DET", "ADJ", "NUM"):
        k += 1
    if k >= hi:
        return False
    nxt = doc[k]
    return nxt.pos_ == "PROPN" or bool(nxt.ent_type_) or (nxt.pos_ == "NOUN" and is_institution(nxt.text))


def _name_like(word: str) -> bool:
    """A capitalized word the NER training data never saw as a plain noun ("Banke"), or saw as a name."""
    e = load_evidence().get(word)
    return e is None or e.per > e.other


def _complete_name(doc, start: int, end: int, limit: Span | None) -> tuple[int, int]:
    """A name is never cut: "[Gülsen] Celebi", "Justizsprecher Joachim [Banke]", "[Von der] Leyen"."""
    lo = limit.start if limit is not None else 0
    hi = limit.end if limit is not None else len(doc)
    if doc[end - 1].pos_ == "PROPN":
        while end < hi and doc[end].text[:1].isupper() and not doc[end].is_space and doc[end].is_alpha and \
                (doc[end].pos_ == "PROPN" or doc[end].pos_ in ("NOUN", "X") and _name_like(doc[end].text)):
            end += 1
    if doc[start].pos_ == "PROPN":
        while start > lo and doc[start - 1].pos_ == "PROPN" and doc[start - 1].text[:1].isupper():
            start -= 1
        if start - 2 >= lo and doc[start - 2].lower_ == "von" and doc[start - 1].lower_ in ("der", "den") \
                and (start - 2 == lo or doc[start - 3].is_punct or doc[start - 2].text == "Von"):
            start -= 2
    return start, end


def _apposition_end(doc, end: int, limit: Span | None) -> int:
    """Take in an apposition after a comma when it closes the phrase: "Petra Pau, PDS-Bundestagsabgeordnete,
    sagte", "sagte Şükrü Can, der Leiter der Flugzeugwartung." - a noun phrase without a verb, followed by a
    comma and a verb, or by the end of the frame."""
    hi = limit.end if limit is not None else len(doc)
    if end >= hi or doc[end].text != ",":
        return end
    seg_end = end + 1
    while seg_end < hi and doc[seg_end].text not in (",", ".", ";", ":", "!", "?", "“", "„", "»", "«") \
            and not doc[seg_end].is_space:
        seg_end += 1
    segment = doc[end + 1 : seg_end]
    if not segment or len(segment) > 12 or segment[0].pos_ not in ("DET", "NOUN", "PROPN", "ADJ"):
        return end
    if any(t.pos_ in ("VERB", "AUX", "SCONJ") or t.tag_ in ("PRELS", "PRELAT") for t in segment):
        return end
    if not any(t.pos_ in ("NOUN", "PROPN") for t in segment):
        return end
    first = segment[0]
    if first.pos_ == "DET" and first.morph.get("Case") and "Nom" not in first.morph.get("Case") and \
            not any(t.pos_ == "NOUN" and role_of(t.text) is not None for t in segment):
        return end  # "…, den Gesetzentwurf": an object, not an apposition
    if not _nominative_opening(segment):
        return end
    closes = seg_end >= hi or doc[seg_end].text in (".", "!", "?") or \
        (doc[seg_end].text == "," and seg_end + 1 < hi and doc[seg_end + 1].pos_ in ("VERB", "AUX"))
    return seg_end if closes else end


# --------------------------------------------------------------------------------------------------------------
# the speaker mention as a whole noun phrase

# prepositions and time adverbs that open an adverbial, which ends a speaker phrase: "[General George Casey] heute
# anlässlich einer Pressekonferenz"
_ADVERBIAL_WORDS = frozenset({"anlässlich", "während", "gegenüber", "nach", "vor", "seit", "wegen", "mit", "auf",
                              "zu", "zum", "zur", "heute", "gestern"})
_MENTION_STOP = (",", ".", ";", ":", "!", "?", "„", "“", "”", "»", "«", "\"", "(", ")", "–", "—")


def _title_like(tok: Token) -> bool:
    """A role or title noun, or an institution noun, written as a noun ("Vatikansprecher", "Außenminister",
    "BKA-Präsident", "Weltverband")."""
    return tok.pos_ in ("NOUN", "PROPN") and tok.text[:1].isupper() and \
        (role_of(tok.text) is not None or is_institution(tok.text))


# typewriter marks of a wiki text ("''La Nacion''") open and close a name too
_OPEN_MARKS = ("„", "»", "\"", "''")
_CLOSE_MARKS = ("“", "«", "”", "\"", "''")
WEB_NAME = re.compile(r"[\w-]+(?:\.[\w-]+)*\.(?:de|com|org|net|at|ch|eu|info|fr|uk|ru|tv)", re.I)  # ndr.de


def _quoted_end(doc, k: int, hi: int) -> int | None:
    """The token after the closing mark of a quoted name opening at ``k`` ("„Der Spiegel“"), if short."""
    close = next((i for i in range(k + 1, min(k + 8, hi)) if doc[i].text in _CLOSE_MARKS), None)
    if close == k + 2 and WEB_NAME.fullmatch(doc[k + 1].text):
        return close + 1  # "der Website „icelandreview.com“"
    if close is None or close == k + 1 or any(t.pos_ in ("VERB", "AUX") and t.is_lower for t in doc[k + 1 : close]) \
            or doc[k + 1].is_lower:
        return None  # a name starts with a capital: "„Der Spiegel“", not "„ganz besonders sorgfältig“"
    return close + 1


def _genitive_tail(doc, end: int, hi: int) -> int:
    """The end of a mention taken over the genitive attributes and quoted names that follow its head noun."""
    while end < hi:
        last = doc[end - 1]
        nxt = doc[end]
        if nxt.ent_iob_ == "B" and last.pos_ == "NOUN" and not last.ent_type_ and is_institution(last.text):
            # the name of the institution, whatever the tagger made of it: "des Fernsehsenders [n-tv]", "der
            # Zeitung [The Jakarta Post]", "der Stadt [Den Haag]"
            stop = end + 1
            while stop < hi and doc[stop].ent_iob_ == "I":
                stop += 1
            end = stop
            continue
        if nxt.text in _OPEN_MARKS and (last.pos_ in ("NOUN", "PROPN") or last.tag_ in ("NN", "NE")):
            stop = _quoted_end(doc, end, hi)  # "des Magazins „Der Spiegel“"
            if stop is None:
                break
            end = stop
            continue
        if nxt.lower_ in ("des", "der", "eines", "einer") and (last.pos_ in ("NOUN", "PROPN") or
                                                              last.text in _CLOSE_MARKS) and \
                not not_genitive_attribute(doc, end, hi):
            k = end + 1
            while k < hi and (doc[k].pos_ in ("ADJ", "NUM") or doc[k].tag_ == "ADJA"):
                k += 1
            if k < hi and doc[k].text in _OPEN_MARKS:
                stop = _quoted_end(doc, k, hi)  # "des „Spiegel“"
                if stop is None:
                    break
                end = stop
                continue
            if k < hi and (doc[k].pos_ in ("NOUN", "PROPN") or doc[k].tag_ in ("NN", "NE")) and \
                    doc[k].text[:1].isupper() and not (nxt.lower_ == "der" and "Nom" in doc[k].morph.get("Case")):
                end = k + 1
                while end < hi and doc[end].pos_ == "PROPN":
                    end += 1
                continue
        break
    return end


_ACRONYM_HEAD = re.compile(r"^[A-ZÄÖÜ]{2,6}$")


def not_genitive_attribute(doc, i: int, hi: int) -> bool:
    """The article at ``i`` after a head noun opens no genitive attribute of it, but the next phrase of the clause:
    a nominative adjective after "der" ("nach einer Nachricht [der ursprüngliche] …"; the genitive is "der
    ursprünglichen"), a masculine singular noun after "der" ("nach Zeugenaussagen [der Ehemann]", "laut Verfassung
    [der Parlamentspräsident]"), or any article after a bare acronym ("laut einer Pressemitteilung des BMI [der
    Verbesserung …]")."""
    det = doc[i]
    if det.lower_ not in ("der", "einer", "dieser", "des", "eines"):
        return False
    if i >= 2 and _ACRONYM_HEAD.match(doc[i - 1].text) and doc[i - 2].pos_ == "DET":
        return True
    if det.lower_ not in ("der", "einer", "dieser"):
        return False
    k = i + 1
    while k < hi and (doc[k].pos_ in ("ADJ", "NUM") or doc[k].tag_ == "ADJA"):
        if doc[k].tag_ == "ADJA" and doc[k].is_lower and doc[k].lower_.endswith("e"):
            return True
        k += 1
    if k >= hi or doc[k].pos_ != "NOUN" or not doc[k].text[:1].isupper():
        return False
    noun = doc[k].text
    role = role_of(noun)
    masculine = role is not None and role.get("gender") == "m" and not noun.endswith(("er", "el")) or \
        noun.endswith("mann")
    return masculine


def utterance_noun(tok: Token) -> bool:
    """A noun of saying that names the utterance itself (Begründung, Antwort, Kritik, Forderung), not a written
    source that can stand for its author (Bericht, Erklärung, Studie): in "die Antwort des Ministers" the genitive
    is the speaker, not the noun."""
    nouns = load_cues().nouns()
    return (tok.text in nouns or tok.lemma_ in nouns) and not is_source_noun(tok.text)


_ATTRIBUTE_PREPS = ("für", "in", "im", "aus", "bei", "beim")


def _attribute_tail(doc, end: int, hi: int) -> int:
    """A prepositional attribute that closes the noun phrase before its verb or a comma: "die Aufsichtsbehörde
    [für Zivilluftfahrt (DGAC)] teilte mit", "Wie die Banca d'Italia [in Rom] bekannt gab"."""
    if end >= hi or doc[end].lower_ not in _ATTRIBUTE_PREPS or doc[end - 1].pos_ not in ("NOUN", "PROPN") and \
            doc[end - 1].text not in _CLOSE_MARKS + (")",):
        return end
    k = end + 1
    while k < hi and (doc[k].pos_ in ("DET", "ADJ", "NUM") or doc[k].tag_ == "ADJA"):
        k += 1
    if k >= hi or not (doc[k].pos_ in ("NOUN", "PROPN") or doc[k].tag_ in ("NN", "NE")) or \
            doc[k].text in name_like_calendar_words() or doc[k].like_num or \
            doc[end].lower_ != "für" and _medium_noun(doc[k]):
        return end
    stop = k + 1
    while stop < hi and doc[stop].pos_ == "PROPN":
        stop += 1
    stop = _genitive_tail(doc, stop, hi)
    if stop < hi and doc[stop].text == "(":
        close = next((i for i in range(stop + 1, min(stop + 6, hi)) if doc[i].text == ")"), None)
        if close is not None:
            stop = close + 1
    # the phrase must end there: a verb, its particle or a punctuation mark follows - not an infinitive at the end
    # of the clause ("will sich die SPD [für die Stärkung der Tarifautonomie] einsetzen": an object of the verb)
    if stop >= hi or doc[stop].pos_ in ("VERB", "AUX") and not _infinitive(doc[stop]) or doc[stop].is_punct or \
            doc[stop].pos_ == "ADP" and doc[stop].is_lower and stop + 1 < hi and doc[stop + 1].pos_ in ("VERB", "AUX") \
            or doc[stop].tag_ == "PTKVZ":
        return stop
    return end


def _medium_noun(tok: Token) -> bool:
    """A noun of the utterance or its medium ("Interview", "Rede", "Urteilsbegründung", "Stellungnahme"): a
    prepositional phrase with it tells where the speaker said it ("McClaren [in einem Interview]"), it is no
    attribute of the speaker."""
    if is_source_noun(tok.text):
        return True
    low = tok.text.lower()
    return any(low == n.lower() or len(low) > len(n) + 2 and low.endswith(n.lower()) for n in load_cues().nouns())


def _infinitive(tok: Token) -> bool:
    """A verb in the infinitive, with or without zu ("einsetzen", "einzusetzen"): the end of a clause, not of a
    speaker phrase."""
    return tok.tag_ in ("VVINF", "VAINF", "VMINF", "VVIZU") or "Inf" in tok.morph.get("VerbForm")


_LOWER_NAME_PARTS = {"von", "van", "de", "der", "den", "da", "di", "del", "du", "la", "le", "al", "el", "bin", "ibn",
                     "ter", "zu"}


def _entities_within(doc, lo: int, hi: int) -> list[tuple[int, int]]:
    """(start, end) of the entities of ``doc.ents`` that lie within the tokens ``lo``..``hi``, in their order, read
    from the IOB codes of those tokens (and of token ``hi``, which tells whether an entity ends at ``hi``) the way
    ``Doc.ents`` reads them: ``doc.ents`` builds every entity of the Doc, once per mention refined."""
    out = []
    start = -1
    for i in range(lo, min(hi + 1, len(doc))):
        tok = doc[i]
        iob = tok.ent_iob  # 0 missing, 1 I, 2 O, 3 B
        if iob == 1:
            continue  # inside the open entity (or one that began before ``lo``)
        if start != -1:
            out.append((start, i))
            start = -1
        if iob == 3 and tok.ent_type != 0 and i < hi:
            start = i
    if start != -1 and hi >= len(doc):
        out.append((start, len(doc)))
    return out


def _nominative_opening(segment: Span) -> bool:
    """Whether a comma segment can be a nominative apposition by its article and its end: not "der" before a
    feminine noun ("der Zeitung", "der Ministerin": a dative or genitive, whatever the tagger's gender says), not
    a phrase closed by a postposition ("der Zeitung zufolge")."""
    if segment[-1].lower_ in ("zufolge", "nach", "gegenüber", "entsprechend"):
        return False
    if segment[0].lower_ == "der":
        noun = next((t for t in segment[1:] if t.pos_ in ("NOUN", "PROPN") or t.text[:1].isupper()), None)
        if noun is not None and noun.text.endswith(FEMININE_NOUN_ENDINGS):
            return False
    return True

