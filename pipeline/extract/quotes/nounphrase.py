"""The noun phrase of a source after laut / so / nach Angaben (with its genitive and von-attributes, a
parenthesis, a quoted name) or before zufolge / nach ("dem Bericht zufolge", "seiner Meinung nach")."""
from __future__ import annotations

import re

from spacy.tokens import Span, Token

from ...lang.de.words import POS_NOUN_PHRASE_INNER

WEB_NAME = re.compile(r"[\w-]+(?:\.[\w-]+)*\.(?:de|com|org|net|at|ch|eu|info|fr|uk|ru|tv)", re.I)  # ndr.de





def _genitive(det: Token) -> bool:
    """A determiner that opens a genitive attribute ("des", "der" in Case=Gen; "der" without case info)."""
    if det.lower_ in ("des", "eines", "dieses", "seines", "ihres"):
        return True
    if det.lower_ in ("der", "einer", "dieser", "seiner", "ihrer"):
        case = det.morph.get("Case")
        return not case or "Gen" in case
    return False


def np_from(sent: Span, j: int) -> Span | None:
    """The noun phrase starting at sentence token ``j`` (after laut/so/nach Angaben), with genitive and
    von-attributes and a parenthesis: "Angaben des Vatikan-Sprechers Federico Lombardi", "Aussagen von Klaus
    Wowereit (SPD)"."""
    doc = sent.doc
    start = sent.start + j
    if start < sent.end and doc[start].text in ("„", "»", "\"", "“", "«"):
        # a quoted source name: laut „BBC News“
        close = next((i for i in range(start + 1, min(start + 8, sent.end)) if doc[i].text in ("“", "«", "\"", "”", "»")), None)
        if close is not None and close > start + 1:
            return doc[start : close + 1]
    end = start
    seen_noun = False
    after_link = False  # inside the attribute after "des"/"der"/"von": its determiners and adjectives belong
    while end < sent.end:
        t = doc[end]
        if not seen_noun and WEB_NAME.fullmatch(t.text):
            seen_noun = True  # "laut ndr.de", whatever the tagger made of it
            end += 1
            continue
        if t.pos_ in ("DET", "ADJ", "NUM") or (t.tag_ == "ADJA"):
            # after the head noun only as part of a linked attribute ("Angaben des Roten Kreuzes"), never the
            # next phrase of the clause ("nach Angaben der Polizei obdachlos", "nach Zeugenaussagen der Ehemann");
            # a genitive plural without article opens one too ("Meinung vieler Experten", "Berichten britischer
            # Zeitungen", "Angaben informierter Kreise")
            genitive_plural = seen_noun and not after_link and t.is_lower and t.lower_.endswith("er") and \
                end + 1 < sent.end and doc[end + 1].pos_ == "NOUN" and doc[end - 1].pos_ == "NOUN"
            if genitive_plural:
                after_link = True
            elif seen_noun and not after_link and not (t.pos_ == "DET" and _genitive(t)):
                break
            if seen_noun and not any(x.pos_ in ("NOUN", "PROPN") for x in doc[end + 1 : min(end + 4, sent.end)]):
                break
            after_link = after_link or (t.pos_ == "DET" and _genitive(t))
            end += 1
            continue
        if not seen_noun and t.pos_ == "ADP" and end > start:
            # a participle with its own phrase before the noun: "einer am Dienstag veröffentlichten Mitteilung"
            k = end + 1
            while k < min(end + 6, sent.end) and doc[k].pos_ in ("DET", "NOUN", "PROPN", "NUM", "ADJ", "ADV") and \
                    not (doc[k].tag_ == "ADJA" and k + 1 < sent.end and doc[k + 1].pos_ in ("NOUN", "PROPN")):
                k += 1
            if k < sent.end and doc[k].tag_ == "ADJA" and k + 1 < sent.end and doc[k + 1].pos_ in ("NOUN", "PROPN"):
                end = k + 1
                continue
            break
        if seen_noun and not after_link and t.pos_ == "NOUN" and doc[end - 1].pos_ in ("NOUN", "X") and \
                not t.ent_type_ and not doc[end - 1].ent_type_:
            break  # "laut Ministerium Arbeiten an …": the next noun is the clause's
        if t.pos_ in ("PROPN", "NOUN", "X") or t.tag_ in ("NE", "NN") and t.text[:1].isupper() \
                or (t.pos_ == "PRON" and not seen_noun and end == start):
            seen_noun = True
            end += 1
            if t.pos_ == "NOUN" and not (end < sent.end and doc[end].pos_ == "PROPN"):
                after_link = False
            continue
        if seen_noun and after_link and t.lower_ in ("und", "sowie") and end + 1 < sent.end and \
                (doc[end + 1].pos_ == "PROPN" or doc[end + 1].tag_ == "NE" or
                 _genitive(doc[end + 1]) and doc[end + 1].pos_ == "DET"):
            end += 1  # "Angaben von AFP und Reuters", "Angaben der New York Times und der Los Angeles Times"
            continue
        if seen_noun and t.lower_ in ("von", "vom", "aus") and end + 1 < sent.end \
                and (doc[end + 1].pos_ in POS_NOUN_PHRASE_INNER and not (t.lower_ == "aus" and doc[end + 1].pos_ == "NOUN")
                     or doc[end + 1].text in ("„", "»")):
            end += 1  # "Angaben von X"
            after_link = True
            continue
        if seen_noun and t.text in ("„", "»", "\"") and (doc[end - 1].pos_ == "NOUN" or
                                                        doc[end - 1].lower_ in ("von", "vom")):
            # a quoted name after its noun: "der Website „icelandreview.com“", "Fernsehsender „Channel 10“" (a
            # name, not a quoted phrase: "Angaben der Staatsanwaltschaft „ganz besonders sorgfältig“")
            close = next((i for i in range(end + 1, min(end + 8, sent.end)) if doc[i].text in ("“", "«", "\"", "”")), None)
            if close is not None and end + 1 < close and not doc[end + 1].is_lower:
                end = close + 1
                continue
        if seen_noun and t.text == "(":
            close = next((i for i in range(end, min(end + 6, sent.end)) if doc[i].text == ")"), None)
            if close is not None:
                end = close + 1
                continue
        if not seen_noun and t.pos_ == "ADV" and end + 1 < sent.end and doc[end + 1].pos_ in ("ADJ", "NOUN"):
            end += 1  # "laut gut informierten Kreisen"
            continue
        break
    if not seen_noun:
        return None
    while end > start and not WEB_NAME.fullmatch(doc[end - 1].text) and (
            doc[end - 1].pos_ in ("DET", "ADP") or doc[end - 1].lower_ in ("von", "vom", "des", "der", "aus")):
        end -= 1
    return doc[start:end] if end > start else None


def np_before(sent: Span, k: int) -> Span | None:
    """The noun phrase ending right before sentence token ``k`` ("dem Bericht zufolge", "seiner Meinung nach")."""
    doc = sent.doc
    end = sent.start + k
    start = end
    seen_noun = False
    while start > sent.start:
        t = doc[start - 1]
        if t.lower_ in ("eigenen", "eigener", "eigene") and seen_noun:
            start -= 1
            break  # "Pjöngjang [eigenen Angaben] zufolge": the name before belongs to the clause
        if t.pos_ in ("PROPN", "NOUN", "X") or t.tag_ in ("NE", "NN") and t.text[:1].isupper() or \
                not seen_noun and start == end and t.is_alpha and t.text[:1].isupper() and (t.ent_type_ or t.i == sent.start):
            # (the word right before "zufolge" that the tagger missed but the recognizer names: "Nacke zufolge")
            seen_noun = True
            start -= 1
            continue
        if t.pos_ in ("DET", "ADJ", "NUM") and seen_noun:
            start -= 1
            continue
        if t.lower_ in ("von", "vom", "des", "der") and seen_noun and start - 2 >= sent.start \
                and doc[start - 2].pos_ in ("NOUN", "PROPN"):
            start -= 1
            continue
        if t.lower_ in ("und", "sowie") and seen_noun and doc[start].pos_ == "PROPN" and start - 2 >= sent.start \
                and doc[start - 2].pos_ == "PROPN":
            start -= 1  # "Berichten der Fernsehsender Sky News [und] BBC zufolge"
            continue
        break
    if not seen_noun:
        return None
    return doc[start:end]
