"""The noun phrase of a source after laut / so / nach Angaben (with its genitive and von-attributes, a
parenthesis, a quoted name) or before zufolge / nach ("dem Bericht zufolge", "seiner Meinung nach")."""
from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Span, Token

from ...lang.de.words import POS_NOUN_PHRASE_INNER
from ...resources import is_institution
from ..syntax import WEB_NAME, not_genitive_attribute






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
    Wowereit (SPD)". The phrase grows token by token; the first step of :data:`_NP_STEPS` that applies decides."""
    doc = sent.doc
    start = sent.start + j
    quoted = _quoted_source(sent, start)
    if quoted is not None:
        return quoted
    walk = _Walk(sent, start)
    while walk.end < sent.end:
        tok = doc[walk.end]
        nxt = next((n for n in (step(walk, tok) for step in _NP_STEPS) if n is not None), _STOP)
        if nxt == _STOP:
            break
        walk.end = nxt
    if not walk.seen_noun:
        return None
    end = walk.end
    while end > start and not WEB_NAME.fullmatch(doc[end - 1].text) and (
            doc[end - 1].pos_ in ("DET", "ADP", "CCONJ") or doc[end - 1].lower_ in ("von", "vom", "des", "der", "aus")):
        end -= 1
    return doc[start:end] if end > start else None


def _quoted_source(sent: Span, start: int) -> Span | None:
    """A quoted source name, after an article or not: laut „BBC News“, aus Sicht der „Koalition kleiner
    Unternehmen“."""
    doc = sent.doc
    mark = start + 1 if start + 1 < sent.end and doc[start].pos_ == "DET" else start
    if mark < sent.end and doc[mark].text in ("„", "»", "\"", "“", "«"):
        close = next((i for i in range(mark + 1, min(mark + 8, sent.end)) if doc[i].text in ("“", "«", "\"", "”", "»")),
                     None)
        if close is not None and close > mark + 1:
            return doc[start : close + 1]
    return None


@dataclass
class _Walk:
    """The noun phrase so far: ``sent[start:end]``, whether it has its head noun, and whether the walk is inside a
    linked attribute (after "des"/"der"/"von"), where determiners and adjectives belong to the phrase."""

    sent: Span
    start: int
    end: int = -1
    seen_noun: bool = False
    after_link: bool = False

    def __post_init__(self) -> None:
        if self.end < 0:
            self.end = self.start


_STOP = -1  # a step's answer: the phrase ends before this token (None: the step does not apply)


def _web_name(w: _Walk, t: Token) -> int | None:
    if not w.seen_noun and WEB_NAME.fullmatch(t.text):
        w.seen_noun = True  # "laut ndr.de", whatever the tagger made of it
        return w.end + 1
    return None


def _modifier(w: _Walk, t: Token) -> int | None:
    """A determiner or adjective: after the head noun only as part of a linked attribute ("Angaben des Roten
    Kreuzes"), never the next phrase of the clause ("nach Angaben der Polizei obdachlos", "nach Zeugenaussagen der
    Ehemann"); a genitive plural without article opens one too ("Meinung vieler Experten", "Berichten britischer
    Zeitungen", "Angaben informierter Kreise")."""
    if not (t.pos_ in ("DET", "ADJ", "NUM") or t.tag_ == "ADJA"):
        return None
    doc, end, sent = t.doc, w.end, w.sent
    genitive_plural = w.seen_noun and not w.after_link and doc[end - 1].pos_ == "NOUN" and \
        _opens_genitive_plural(doc, end, sent.end)
    if w.seen_noun and not_genitive_attribute(doc, end, sent.end):
        return _STOP  # "nach Zeugenaussagen [der Ehemann]": the next phrase of the clause
    if w.seen_noun and t.pos_ == "NUM" and doc[end - 1].pos_ in ("NOUN", "PROPN", "ADV") and end + 1 < sent.end and \
            (doc[end + 1].pos_ == "NOUN" or doc[end + 1].tag_ == "ADJA"):
        return _STOP  # "Angaben von AFP und Reuters [vier Menschen]": a counted phrase of the clause
    if genitive_plural:
        w.after_link = True
    elif w.seen_noun and not w.after_link and not (t.pos_ == "DET" and _genitive(t)):
        return _STOP
    if w.seen_noun and not any(x.pos_ in ("NOUN", "PROPN") for x in doc[end + 1 : min(end + 4, sent.end)]):
        return _STOP
    w.after_link = w.after_link or (t.pos_ == "DET" and _genitive(t))
    return end + 1


def _opens_genitive_plural(doc, k: int, hi: int) -> bool:
    """A lower-case strong -er adjective at ``k`` before a noun: the opening of a genitive plural without article
    ("Meinung [vieler] Experten", "Aussagen weltweit [führender] Forscher")."""
    return k + 1 < hi and doc[k].is_lower and doc[k].lower_.endswith("er") and doc[k + 1].pos_ == "NOUN"


def _participle_phrase(w: _Walk, t: Token) -> int | None:
    """A participle with its own phrase before the noun: "einer am Dienstag veröffentlichten Mitteilung"."""
    if w.seen_noun or t.pos_ != "ADP" or w.end <= w.start:
        return None
    doc, sent = t.doc, w.sent
    k = w.end + 1
    while k < min(w.end + 6, sent.end) and doc[k].pos_ in ("DET", "NOUN", "PROPN", "NUM", "ADJ", "ADV") and \
            not (doc[k].tag_ == "ADJA" and k + 1 < sent.end and doc[k + 1].pos_ in ("NOUN", "PROPN")):
        k += 1
    if k < sent.end and doc[k].tag_ == "ADJA" and k + 1 < sent.end and doc[k + 1].pos_ in ("NOUN", "PROPN"):
        return k + 1
    return _STOP


def _next_clause_noun(w: _Walk, t: Token) -> int | None:
    """"laut Ministerium Arbeiten an …": a second bare noun is the clause's."""
    doc = t.doc
    prev = doc[w.end - 1]
    place_adjective = prev.text.endswith("er") and prev.text[:1].isupper() and w.end - 2 >= w.start and \
        doc[w.end - 2].pos_ == "DET"  # "der [Dortmunder] Staatsanwaltschaft", the adjective tagged as a noun
    if w.seen_noun and not w.after_link and t.pos_ == "NOUN" and prev.pos_ in ("NOUN", "X") and \
            not t.ent_type_ and not prev.ent_type_ and not place_adjective:
        return _STOP
    return None


def _noun(w: _Walk, t: Token) -> int | None:
    if t.pos_ in ("PROPN", "NOUN", "X") or t.tag_ in ("NE", "NN") and t.text[:1].isupper() \
            or (t.pos_ == "PRON" and not w.seen_noun and w.end == w.start):
        w.seen_noun = True
        end = w.end + 1
        if t.pos_ == "NOUN" and not (end < w.sent.end and t.doc[end].pos_ == "PROPN"):
            w.after_link = False
        return end
    return None


def _coordination(w: _Walk, t: Token) -> int | None:
    """"Angaben von AFP und Reuters", "Angaben der New York Times und der Los Angeles Times", "einer Erklärung der
    Staatsanwaltschaft und der Polizei": a second name or genitive coordinated inside the attribute."""
    doc, end = t.doc, w.end
    if not (w.seen_noun and t.lower_ in ("und", "sowie") and end + 1 < w.sent.end):
        return None
    linked = w.after_link or any(x.lower_ in ("des", "der", "von", "vom", "eines", "einer") for x in
                                 doc[w.start + 1 : end - 1])
    nxt = doc[end + 1]
    if not linked:
        return None
    if nxt.pos_ == "PROPN" or nxt.tag_ == "NE" or nxt.ent_iob_ == "B" or _genitive(nxt) and nxt.pos_ == "DET":
        return end + 1
    if nxt.lower_ in ("der", "des"):
        # "… der New York Times und der Los Angeles Times", "der Staatsanwaltschaft und der Polizei", whatever
        # the case the tagger gave "der"
        after = doc[end + 2 : min(end + 5, w.sent.end)]
        if doc[end - 1].pos_ == "PROPN" and any(x.pos_ == "PROPN" for x in after) or \
                doc[end - 1].pos_ == "NOUN" and is_institution(doc[end - 1].text) and after and \
                after[0].pos_ == "NOUN" and is_institution(after[0].text):
            w.after_link = True
            return end + 1
    return None


def _von_attribute(w: _Walk, t: Token) -> int | None:
    """"Angaben von X", "Kreisen aus Berlin"."""
    doc, end = t.doc, w.end
    if w.seen_noun and t.lower_ in ("von", "vom", "aus") and end + 1 < w.sent.end \
            and (doc[end + 1].pos_ in POS_NOUN_PHRASE_INNER and not (t.lower_ == "aus" and doc[end + 1].pos_ == "NOUN")
                 or doc[end + 1].text in ("„", "»")):
        w.after_link = True
        return end + 1
    return None


def _quoted_name(w: _Walk, t: Token) -> int | None:
    """A quoted name after its noun or a genitive article: "der Website „icelandreview.com“", "Fernsehsender „Channel
    10“", "Sicht der „Koalition kleiner Unternehmen“" (a name, not
    a quoted phrase: "Angaben der Staatsanwaltschaft „ganz besonders sorgfältig“")."""
    doc, end = t.doc, w.end
    if w.seen_noun and t.text in ("„", "»", "\"", "''") and (doc[end - 1].pos_ == "NOUN" or
                                                             doc[end - 1].lower_ in ("von", "vom", "des", "der")):
        close = next((i for i in range(end + 1, min(end + 8, w.sent.end))
                      if doc[i].text in ("“", "«", "\"", "”", "''")), None)
        if close is not None and end + 1 < close and (not doc[end + 1].is_lower or
                                                       close == end + 2 and WEB_NAME.fullmatch(doc[end + 1].text)):
            return close + 1
    return None


def _parenthesis(w: _Walk, t: Token) -> int | None:
    """"Klaus Wowereit (SPD)"."""
    if w.seen_noun and t.text == "(":
        close = next((i for i in range(w.end, min(w.end + 6, w.sent.end)) if t.doc[i].text == ")"), None)
        if close is not None:
            return close + 1
    return None


def _degree_adverb(w: _Walk, t: Token) -> int | None:
    """"laut gut informierten Kreisen"; before a genitive plural without article: "nach Aussagen [weltweit]
    führender Forscher"."""
    doc, end = t.doc, w.end
    if not w.seen_noun and t.pos_ == "ADV" and end + 1 < w.sent.end and doc[end + 1].pos_ in ("ADJ", "NOUN"):
        return end + 1
    if w.seen_noun and not w.after_link and t.pos_ == "ADV" and t.is_lower and doc[end - 1].pos_ == "NOUN" and \
            _opens_genitive_plural(doc, end + 1, w.sent.end):
        w.after_link = True  # the genitive attribute it opens goes on
        return end + 1
    return None


_NP_STEPS = (_web_name, _modifier, _participle_phrase, _next_clause_noun, _noun, _coordination, _von_attribute,
             _quoted_name, _parenthesis, _degree_adverb)


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
