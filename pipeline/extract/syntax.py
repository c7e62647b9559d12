"""Label-scheme-neutral helpers over parsed tokens: verb particles, noun-phrase extents and the speaker mention as
a whole noun phrase (:func:`refine_mention`).

Both supported parses are handled through :mod:`pipeline.model.labels`:
- UD (bundled pipeline): the main verb heads the clause; auxiliaries attach as ``aux``.
- TIGER (de_core_news_md): the finite verb heads the clause; non-finite verbs hang below it as ``oc``.

What a finite verb or a Konjunktiv form is, and the verb chain and subject of a clause, is told by
:mod:`pipeline.lang.de.verbs`.
"""
from __future__ import annotations

import re
from collections.abc import Callable

from spacy.tokens import Span, Token

from ..lang.de.calendar import name_like_calendar_words

from ..lang.de.verbs import is_finite, verb_chain
from ..lang.de.words import FEMININE_NOUN_ENDINGS
from ..model.labels import children_with_role
from ..resources import is_institution, is_source_noun, is_statement_noun, role_of
from ..resources.cues import load_cues
from .person_rules import load_evidence, load_first_names

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



# --------------------------------------------------------------------------------------------------------------
# refine_mention: one step per construction. A step takes the mention and its sentence (whose bounds no step
# crosses) and returns the mention grown or cut; :data:`_MENTION_STEPS` applies them in their order.

MentionStep = Callable[[Span, Span], Span]
# articles of a dative or accusative phrase: after the head noun they open the addressee or the object
_OBJECT_ARTICLES = ("dem", "den", "einem", "einen", "einigen")


def _name_before_parenthesis(mention: Span, sent: Span) -> Span:
    """A party read as the head gives the name in front: "SPD)" -> "Renate Schmidt (SPD)"."""
    doc, lo = mention.doc, sent.start
    start, end = mention.start, mention.end
    if doc[end - 1].text != ")" or any(t.text == "(" for t in mention):
        return mention
    k = start - 1
    while k > lo and doc[k].text != "(" and start - k < 6:
        k -= 1
    if not (k > lo and doc[k].text == "(" and doc[k - 1].pos_ in ("PROPN", "NOUN")):
        return mention
    s = k - 1
    while s - 1 >= lo and doc[s - 1].pos_ in ("PROPN", "NOUN", "ADJ", "DET") and not doc[s - 1].is_punct \
            and doc[s - 1].text not in name_like_calendar_words():
        s -= 1
    return doc[s:end]


def _drop_leading_non_nominal(mention: Span, sent: Span) -> Span:
    """Words in front that open no noun phrase go: "zumal [Verteidiger X]", "verweisen [Analysten]"."""
    # a verb, conjunction or adverb; or a lower-case word tagged as a noun ("verweisen": German nouns are capitalized),
    # unless it is a name particle ("de Maizière")
    doc = mention.doc
    start, end = mention.start, mention.end
    while end - start > 1 and (doc[start].pos_ in ("VERB", "AUX", "SCONJ", "CCONJ") or
                               doc[start].pos_ == "ADV" and doc[start].is_lower and doc[start + 1].pos_ != "ADJ" or
                               doc[start].pos_ in ("NOUN", "PROPN", "X") and doc[start].is_lower and
                               doc[start].is_alpha and doc[start].text not in _LOWER_NAME_PARTS):
        start += 1
    return doc[start:end]


def _drop_trailing_lower_words(mention: Span, sent: Span) -> Span:
    """A lower-case adverb, preposition, conjunction or adjective at the end goes: "[Koppelin] wörtlich"."""
    doc = mention.doc
    start, end = mention.start, mention.end
    while end - start > 1 and (doc[end - 1].pos_ in ("ADV", "ADP", "CCONJ", "SCONJ", "ADJ") and doc[end - 1].is_lower):
        end -= 1
    return doc[start:end]


def _drop_nounless_segment(mention: Span, sent: Span) -> Span:
    """A last comma segment without a noun is no apposition: "[Roland Eichhorn], ein" (of "…, ein immer größer
    werdendes Risiko")."""
    doc = mention.doc
    comma = next((k for k in range(mention.end - 1, mention.start, -1) if doc[k].text == ","), None)
    if comma is None or any(t.pos_ in ("NOUN", "PROPN") or t.is_punct for t in doc[comma + 1 : mention.end]):
        return mention
    return doc[mention.start : comma]


def _cut_before_object(mention: Span, sent: Span) -> Span:
    """A dative or accusative phrase after the head is the addressee: "[Dirk Lorenzen] dem Deutschlandfunk"."""
    # also "[Toby Lanzer] dem Fernsehsender „Al Jazeera“"
    doc = mention.doc
    cut = next((k for k in range(mention.start + 1, mention.end) if doc[k].lower_ in _OBJECT_ARTICLES and
                doc[k - 1].pos_ in ("NOUN", "PROPN") and doc[k - 1].lower_ not in ("von", "vom")), None)
    return mention if cut is None else doc[mention.start : cut]


def _cut_before_counted_phrase(mention: Span, sent: Span) -> Span:
    """A number after a complete genitive opens the next phrase: "[der oberste Strafgerichtshof des Landes] neun
    maßgeblichen Anführern" (not "Artikel 65 des Grundgesetzes", "Bayer 04 Leverkusen")."""
    doc = mention.doc
    cut = next((k for k in range(mention.start + 2, mention.end - 1) if doc[k].pos_ == "NUM" and
                doc[k - 1].pos_ == "NOUN" and doc[k - 2].pos_ == "DET" and
                (doc[k + 1].tag_ == "ADJA" or doc[k + 1].pos_ == "NOUN")), None)
    return mention if cut is None else doc[mention.start : cut]


def _continue_to_noun(mention: Span, sent: Span) -> Span:
    """A phrase that stops at an adjective or article continues to its noun: "die Vereinten [Nationen]"."""
    # and a name continues over words tagged as proper nouns: "Li [Fei]", "des Fernsehsenders [n-tv]"
    doc, hi = mention.doc, sent.end
    end = mention.end
    while end < hi and not doc[end].is_punct and not doc[end].is_space and doc[end].pos_ not in ("VERB", "AUX") and (
            doc[end - 1].pos_ in ("ADJ", "DET") and doc[end].text[:1].isupper() and doc[end].tag_ in ("NN", "NE")
            or doc[end].tag_ == "NE" and doc[end - 1].pos_ in ("NOUN", "PROPN") and doc[end].lower_ != "von"):
        end += 1
    return doc[mention.start : end]


def _name_particle_in_front(mention: Span, sent: Span) -> Span:
    """The name particle at the start of a name found as "der Leyen": "[Von] der Leyen"."""
    doc, lo = mention.doc, sent.start
    start = mention.start
    if start > lo and doc[start].lower_ in ("der", "den") and doc[start - 1].lower_ == "von" and \
            len(mention) >= 2 and doc[start + 1].pos_ == "PROPN" and \
            (start - 1 == lo or doc[start - 2].is_punct or doc[start - 1].text == "Von"):
        return doc[start - 1 : mention.end]
    return mention


def _whole_entities(mention: Span, sent: Span) -> Span:
    """A mention never cuts through a named entity: "[Li] Fei", "die Vereinten [Nationen]"."""
    start, end = mention.start, mention.end
    for ent_start, ent_end in _entities_within(mention.doc, sent.start, sent.end):
        if ent_start < end and start < ent_end:
            start, end = min(start, ent_start), max(end, ent_end)
    return mention.doc[start:end]


def _cut_at_date(mention: Span, sent: Span) -> Span:
    """A date ends the phrase: "[Angaben der Polizei] vom Dienstag", "… am 12. Mai"."""
    doc = mention.doc
    cut = next((k for k in range(mention.start + 1, mention.end - 1) if doc[k].lower_ in ("vom", "am") and
                (doc[k + 1].text in name_like_calendar_words() or doc[k + 1].like_num)), None)
    return mention if cut is None else doc[mention.start : cut]


def _cut_at_adverbial(mention: Span, sent: Span) -> Span:
    """An adverbial ends the phrase: "[General George Casey] heute anlässlich einer Pressekonferenz"."""
    doc = mention.doc
    start = mention.start
    cut = next((k for k in range(start + 1, mention.end) if doc[k].is_lower and
                (doc[k].pos_ == "ADV" and doc[k].tag_ != "ADJD" and not _degree_of_attribute(doc, k, mention.end)
                 or doc[k].lower_ in _ADVERBIAL_WORDS)), None)
    if cut is None:
        return mention
    end = cut
    while end - start > 1 and (doc[end - 1].is_punct or doc[end - 1].pos_ in ("ADP", "DET", "CCONJ")):
        end -= 1
    return doc[start:end]


def _degree_of_attribute(doc, k: int, end: int) -> bool:
    """An adverb that grades the adjective of a genitive plural after a noun, inside the phrase: "Aussagen
    [weltweit] führender Forscher" (not "Sarkozy möglicherweise bessere Chancen")."""
    return k + 2 < end and doc[k - 1].pos_ == "NOUN" and (doc[k + 1].tag_ == "ADJA" or doc[k + 1].pos_ == "ADJ") \
        and doc[k + 1].is_lower and doc[k + 1].lower_.endswith("er") and doc[k + 2].pos_ in ("NOUN", "PROPN")


def _quoted_name_marks(mention: Span, sent: Span) -> Span:
    """A quoted name keeps its marks and its article: "Süddeutsche Zeitung" -> "Die „Süddeutsche Zeitung“"."""
    # also "die „Aktion Deutschland hilft“"
    doc, lo, hi = mention.doc, sent.start, sent.end
    start, end = mention.start, mention.end
    if start - 1 < lo or doc[start - 1].text not in _OPEN_MARKS:
        return mention
    close = next((i for i in range(end - 1, min(end + 6, hi)) if doc[i].text in _CLOSE_MARKS), None)
    if close is None or close < end - 1 or any(t.pos_ in ("VERB", "AUX") and t.is_lower for t in doc[end:close]):
        return mention
    start, end = start - 1, close + 1
    if start - 1 >= lo and doc[start - 1].pos_ == "DET":
        start -= 1
    return doc[start:end]


def _titles_before_name(mention: Span, sent: Span) -> Span:
    """A name takes in the titles and article in front: "Der deutsche Verteidigungsminister Franz Josef Jung"."""
    # titles, role and institution nouns ("BKA-Präsident Ziercke", "der Weltverband FIFA"), then the adjectives and
    # the article before them, or a genitive name ("Mexikos Innenminister Francisco Ramirez")
    doc, lo = mention.doc, sent.start
    if not (mention[0].pos_ == "PROPN" or mention[0].ent_type_):
        return mention
    k = mention.start
    while k - 1 >= lo and _title_like(doc[k - 1]):
        k -= 1
    if k == mention.start:
        return mention  # no title in front: an adjective or article alone is not taken in
    if k - 1 >= lo and doc[k - 1].pos_ == "PROPN" and doc[k - 1].text.endswith("s"):
        k -= 1  # "Mexikos Innenminister Francisco Ramirez"
    else:
        while k - 1 >= lo and doc[k - 1].pos_ in ("ADJ",) and not doc[k - 1].is_punct:
            k -= 1
        if k - 1 >= lo and doc[k - 1].pos_ == "DET":
            k -= 1
    return doc[k : mention.end]


def _coordinated_speakers(mention: Span, sent: Span) -> Span:
    """Speakers coordinated before their verb are one: "Präsident Tadić und Regierungschef Koštunica erklärten"."""
    # also "Die Union sowie auch die FDP sprechen sich … aus"; each conjunct must name someone
    doc, hi = mention.doc, sent.end
    end = mention.end
    while end + 1 < hi and doc[end].lower_ in ("und", "sowie"):
        j = end + 1
        while j < hi and doc[j].lower_ in ("auch", "andere", "weitere"):
            j += 1
        k = j
        while k < hi and (doc[k].pos_ in ("DET", "ADJ", "NOUN", "PROPN", "NUM") or doc[k].tag_ in ("NE", "NN")
                          or doc[k].lower_ in ("der", "des")) and not doc[k].is_punct:
            k += 1
        if k == j or k >= hi or not (is_finite(doc[k]) and doc[k].pos_ in ("VERB", "AUX")):
            break
        if not any(t.pos_ == "PROPN" or t.ent_type_ or _title_like(t) for t in doc[j:k]):
            break
        end = k
    return doc[mention.start : end]


def _party_after_name(mention: Span, sent: Span) -> Span:
    """A name takes in its party or a short parenthesis after it: "Renate Schmidt (SPD)"."""
    return mention.doc[mention.start : _parenthesis_end(mention.doc, mention.end, sent)]


def _affiliation(mention: Span, sent: Span) -> Span:
    """A name or a role noun takes in its affiliation with von/vom: "Theo Kitz vom Bankhaus Merck Finck", "Brian
    Baptie von der britischen Erdbebenwarte", "Eine Reporterin von n24"."""
    # also a quoted name: "Moritz Wohlrab von der „Aktion Deutschland hilft“"
    doc, hi = mention.doc, sent.end
    end = mention.end
    last = doc[end - 1]
    if not (last.pos_ == "PROPN" or last.ent_type_ or _title_like(last)) or end >= hi or \
            doc[end].lower_ not in ("vom", "von"):
        return mention
    k = end + 1
    while k < hi and (doc[k].pos_ in ("DET", "ADJ") or doc[k].is_space) and not doc[k].lower_.startswith("sein"):
        k += 1
    if k >= hi or not (doc[k].text[:1].isupper() or doc[k].ent_type_ or doc[k].text in _OPEN_MARKS) or \
            doc[k].text in name_like_calendar_words():
        return mention  # not "[Angaben der Polizei] vom Dienstag"
    definite = doc[end].lower_ == "vom" or doc[end + 1].lower_ in ("der", "dem")
    if doc[k].pos_ == "NOUN" and not doc[k].ent_type_ and not _title_like(doc[k]) and not definite:
        return mention  # a definite institution: not "[die Polizei] spricht von weniger Auseinandersetzungen"
    stop = _affiliation_end(doc, k, hi)
    while stop < hi and doc[stop].ent_iob_ == "I" or stop == k and doc[k].ent_iob_ == "B":
        stop += 1  # the whole entity, whatever its tags: "von [n24]"
    # a phrase of its own before the finite verb of a main clause is one constituent: "[Minister Sathit
    # Wongnongtoey von der Kanzlei des Ministerpräsidenten] erklärte"
    fronted = stop < hi and is_finite(doc[stop]) and \
        all(t.is_space or t.is_punct for t in doc[sent.start : mention.start])
    if not (fronted or _affiliation_head(doc, k, hi, mention)):
        return mention
    # the phrase must end there: a verb, a punctuation mark, an adverb or an adverbial ("vom CDRM [am Montag]")
    if stop > k and (stop >= hi or doc[stop].pos_ in ("VERB", "AUX", "PUNCT") or doc[stop].is_punct or
                     doc[stop].is_lower and doc[stop].pos_ in ("ADV", "ADP")) and \
            not any(t.lower_ in _DIRECTION_WORDS for t in doc[stop : min(stop + 3, hi)]):
        return doc[mention.start : stop]
    return mention


# the second half of a way from … to: "die Demonstranten [vom Frankfurter Hauptbahnhof bis zur Paulskirche]"
_DIRECTION_WORDS = ("bis", "nach", "zum", "zur", "ins")


def _affiliation_head(doc, k: int, hi: int, owner: Span) -> bool:
    """Token ``k`` after von/vom opens an affiliation of ``owner``: a quoted name, a name or entity, a title or
    institution noun, a capitalized word before a name, or a noun the parser attaches to the owner."""
    tok = doc[k]
    return tok.text in ("„", "»") or tok.pos_ == "PROPN" or bool(tok.ent_type_) or _title_like(tok) or \
        tok.text[:1].isupper() and tok.pos_ not in ("VERB", "AUX") and (
            k + 1 < hi and doc[k + 1].pos_ == "PROPN" or tok.pos_ == "NOUN" and owner.start <= tok.head.i < owner.end)


def _affiliation_end(doc, k: int, hi: int) -> int:
    """The end of the institution named from token ``k`` on: a quoted name ("„Aktion Deutschland hilft“"), or a run
    of names and capitalized words, "für/der/des" before a capital included ("Bankhaus Merck Finck", "Institut für
    Weltwirtschaft"); ``k`` itself when a quoted name is not closed."""
    if doc[k].text in ("„", "»"):
        close = next((i for i in range(k + 1, min(k + 10, hi)) if doc[i].text in ("“", "«", "”")), None)
        # a name starts with a capital: not "sprach der Präsident von der „schlimmsten Katastrophe …“"
        return close + 1 if close is not None and not doc[k + 1].is_lower else k
    stop = k
    while stop < hi and (doc[stop].pos_ in ("PROPN", "NOUN", "ADJ", "X") or
                         doc[stop].text[:1].isupper() and doc[stop].pos_ not in ("VERB", "AUX") or
                         doc[stop].lower_ in ("für", "der", "des") and stop + 1 < hi and
                         doc[stop + 1].text[:1].isupper()) and doc[stop].text not in _MENTION_STOP:
        stop += 1
    return stop


def _genitive_attributes(mention: Span, sent: Span) -> Span:
    """Genitive attributes and quoted names after the head belong to it: "Angaben des Magazins „Der Spiegel“"."""
    # also "Das „National Hurricane Centre“ der USA"
    return mention.doc[mention.start : _genitive_tail(mention.doc, mention.end, sent.end)]


def _prepositional_attribute(mention: Span, sent: Span) -> Span:
    """A prepositional attribute closing the phrase belongs to it: "die Aufsichtsbehörde für Zivilluftfahrt"."""
    # "… (DGAC) teilte mit"; not the object of an infinitive at the end ("will sich die SPD für … einsetzen")
    return mention.doc[mention.start : _attribute_tail(mention.doc, mention.end, sent.end)]


def _noun_of_genitive(mention: Span, sent: Span) -> Span:
    """A genitive found alone takes in its noun: "des „Spiegel“" -> "die Online-Ausgabe des „Spiegel“", "Vertreter
    [der drei Organisationen]", and a statement or source noun ("einem Bericht der BBC", "die Antwort des
    Ministers"): the phrase is what the text cites, its genitive the speaker the resolver reads through it."""
    doc, lo = mention.doc, sent.start
    start = mention.start
    if not start - 1 > lo or doc[start - 1].pos_ not in ("NOUN", "PROPN") or not doc[start - 1].text[:1].isupper():
        return mention
    noun = doc[start - 1]
    statement = is_statement_noun(noun.text) or is_source_noun(noun.text)
    if not (statement and doc[start].lower_ in ("des", "eines", "der", "einer") or
            doc[start].lower_ in ("des", "eines") and noun.pos_ == "NOUN" and not utterance_noun(noun)):
        return mention
    k = start - 1
    while k - 1 >= lo and (doc[k - 1].pos_ in ("ADJ", "NUM") or doc[k - 1].tag_ == "ADJA"):
        k -= 1
    if k - 1 >= lo and doc[k - 1].pos_ == "DET" and doc[k - 1].lower_ not in ("des", "eines"):
        k -= 1
    return doc[k : mention.end]


def _apposition_after_comma(mention: Span, sent: Span) -> Span:
    """An apposition after a comma belongs to the phrase: "die Sprecherin der Unionsfraktion, Annette Widmann-Mauz"."""
    # a name after a role phrase, or a role after a name ("Edmon Chung, CEO von DotAsia")
    doc, hi = mention.doc, sent.end
    end = mention.end
    if end + 1 >= hi or doc[end].text != ",":
        return mention
    seg_end = end + 1
    while seg_end < hi and doc[seg_end].text not in (",", ".", ";", ":", "!", "?", "„", "»") \
            and not doc[seg_end].is_space:
        seg_end += 1
    # an adverbial after the apposition ends it: "…, General George Casey [heute anlässlich einer …]"
    cut = next((i for i in range(end + 1, seg_end) if doc[i].pos_ == "ADV" and doc[i].is_lower or
                doc[i].lower_ in _ADVERBIAL_WORDS), None)
    if cut is not None and cut > end + 1:
        seg_end = cut
    segment = doc[end + 1 : seg_end]
    closes = seg_end >= hi or doc[seg_end].text in (",", ".", "!", "?") or cut is not None
    if not segment or len(segment) > 12 or not closes or any(t.pos_ in ("VERB", "AUX", "SCONJ") for t in segment) \
            or not _nominative_opening(segment):
        return mention
    # the segment ends the clause before its finite verb ("Manfred Berg, der Dekan der Fakultät, sagte"): the
    # prefield holds one phrase, so it is an apposition
    prefield = doc[seg_end].text == "," and seg_end + 1 < hi and doc[seg_end + 1].pos_ in ("VERB", "AUX") \
        if seg_end < hi else False
    if _names_same_speaker(mention, segment) or prefield and _article_apposition(mention, segment):
        return doc[mention.start : seg_end]
    return mention


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


def _article_apposition(mention: Span, segment: Span) -> bool:
    """"Manfred Berg, der Dekan der Philosophischen Fakultät": after a name, a phrase of article, adjectives and a
    noun in the nominative (not the addressee "der Zeitung", not a medium)."""
    first = segment[0]
    if not any(t.pos_ == "PROPN" for t in mention) or first.lower_ not in ("der", "die", "ein", "eine"):
        return False
    if "Nom" not in first.morph.get("Case", ["Nom"]):
        return False
    head = next((t for t in segment[1:] if t.pos_ in ("NOUN", "PROPN")), None)
    if head is None or not _nominative_opening(segment):
        return False
    if not head.text[:1].isupper() or _medium_noun(head) or \
            any(t.pos_ not in ("DET", "ADJ", "ADV") and not t.text[:1].isupper() for t in segment[1 : head.i - segment.start]):
        return False
    return all(t.pos_ in ("DET", "ADJ", "NOUN", "PROPN", "ADP", "NUM", "PUNCT", "CCONJ", "X") or t.tag_ == "ART"
               for t in segment)


def _names_same_speaker(mention: Span, segment: Span) -> bool:
    """The comma segment after the mention is an apposition to it: a name after a mention without one, a phrase
    that opens with a role noun after a name ("Edmon Chung, CEO von DotAsia"), or a short name after a role noun."""
    has_name = any(t.pos_ == "PROPN" for t in mention)
    seg_name = all(t.pos_ == "PROPN" or t.tag_ == "NE" or t.text in ("-",) for t in segment) or \
        _first_name_led(segment)
    head = next((t for t in segment if t.pos_ in ("NOUN", "PROPN") or t.tag_ in ("NN", "NE")), None)
    role_first = head is not None and _title_like(head) and all(
        t.pos_ in ("DET", "ADJ", "PUNCT", "X") or t.is_punct or t.is_lower for t in segment[: head.i - segment.start])
    # a role phrase whose attribute holds a name still takes the person's name after it: "die Sprecherin der
    # Unionsfraktion im Bundestag, Annette Widmann-Mauz"
    head_noun = next((t for t in mention if t.pos_ in ("NOUN", "PROPN")), None)
    role_head = head_noun is not None and head_noun.pos_ == "NOUN" and _title_like(head_noun)
    return (not has_name and seg_name) or (has_name and role_first) or (role_head and seg_name and len(segment) <= 4)


def _first_name_led(segment: Span) -> bool:
    """Two to four capitalised words led by a known first name: a name the tagger read as nouns ("Frank-Jürgen
    Weise")."""
    words = [t.text for t in segment]
    return 2 <= len(words) <= 4 and all(w[:1].isupper() and w.replace("-", "").isalpha() for w in words) and \
        (words[0] in load_first_names() or words[0].split("-")[0] in load_first_names())


# the order matters: edges are cleaned before the phrase grows, entities are made whole before titles are taken in
# (a title in front of an entity), the tails after the head are taken in before the apposition after them
_MENTION_STEPS: tuple[MentionStep, ...] = (
    _name_before_parenthesis,
    _drop_leading_non_nominal,
    _drop_trailing_lower_words,
    _drop_nounless_segment,
    _cut_before_object,
    _cut_before_counted_phrase,
    _continue_to_noun,
    _name_particle_in_front,
    _whole_entities,
    _cut_at_date,
    _cut_at_adverbial,
    _quoted_name_marks,
    _titles_before_name,
    _coordinated_speakers,
    _party_after_name,
    _affiliation,
    _genitive_attributes,
    _prepositional_attribute,
    _noun_of_genitive,
    _apposition_after_comma,
)


def refine_mention(span: Span) -> Span:
    """The speaker mention as the whole noun phrase that names the speaker, whichever rule found it: the steps of
    :data:`_MENTION_STEPS`, in their order, within the sentence of the mention's first token.

    - a party or a short parenthesis read as the head ("Renate Schmidt (SPD)" found as "SPD)") gives the name
      before it, parenthesis included;
    - words that cannot belong to a noun phrase at its edges go: a verb, conjunction or adverb in front
      ("zumal Verteidiger X", "verweisen Analysten"), an adverb behind ("Koppelin wörtlich");
    - a name takes in the titles, role nouns, adjectives and article in front of it ("Der deutsche
      Verteidigungsminister Franz Josef Jung", "BKA-Präsident Ziercke", "der Weltverband FIFA");
    - a name takes in its party ("(SPD)"), an affiliation with von/vom ("Theo Kitz vom Bankhaus Merck Finck") and
      an apposition that closes the phrase ("Edmon Chung, CEO von DotAsia"); a role phrase takes in the name
      that follows it as an apposition ("die Sprecherin der Unionsfraktion, Annette Widmann-Mauz").

    Pronouns and one-word adverbial sources ("demnach") are returned as they are; any other mention comes back as
    a plain span of the Doc (without the label of an entity found as the speaker). Part-of-speech based only, so it
    works with either label scheme."""
    if len(span) == 1 and span[0].pos_ in ("PRON", "ADV"):
        return span
    sent = span[0].sent
    mention = span.doc[span.start : span.end]
    for step in _MENTION_STEPS:
        mention = step(mention, sent)
    return mention
