"""Label-scheme-neutral helpers over parsed tokens: verb chains, subjects, particles, noun-phrase extents.

Both supported parses are handled through :mod:`pipeline.model.labels`:
- UD (bundled pipeline): the main verb heads the clause; auxiliaries attach as ``aux``.
- TIGER (de_core_news_md): the finite verb heads the clause; non-finite verbs hang below it as ``oc``.
"""
from __future__ import annotations

from spacy.tokens import Span, Token

from ..model.labels import children_with_role, has_role, is_subjunctive

VERBAL = {"VERB", "AUX"}
NOMINAL = {"NOUN", "PROPN", "PRON"}
# words that end a speaker noun phrase to the right
_NP_STOP_POS = {"VERB", "AUX", "SCONJ", "CCONJ", "PUNCT", "ADV"}
_PRONOUNS_PERSONAL = {"er", "sie", "ihr", "ich", "wir", "es", "man"}


def is_verbal(token: Token) -> bool:
    return token.pos_ in VERBAL or token.tag_.startswith("V")


def is_finite(token: Token) -> bool:
    if "Fin" in token.morph.get("VerbForm"):
        return True
    return token.tag_.endswith("FIN")


def verb_chain(verb: Token) -> list[Token]:
    """The verb and the verbs it forms one predicate with (auxiliaries, modal and non-finite parts)."""
    chain = [verb]
    # UD: auxiliaries are children
    chain += [c for c in verb.children if has_role(c, "auxiliary")]
    # TIGER: walk up through oc links between verbs, and down to oc verb children
    node = verb
    while has_role(node, "clausal_complement") and node.dep_ == "oc" and is_verbal(node.head) and node.head.i != node.i:
        node = node.head
        chain.append(node)
    for child in verb.children:
        if child.dep_ == "oc" and is_verbal(child) and not any(g.lower_ in ("dass", "ob") for g in child.children):
            chain.append(child)
    # UD: a verb attached as aux/cop to a head
    if has_role(verb, "auxiliary") and verb.head.i != verb.i:
        chain.append(verb.head)
    return chain


def subject_of(verb: Token) -> Token | None:
    """The subject of the clause the verb belongs to, through the verb chain."""
    for node in verb_chain(verb):
        subjects = children_with_role(node, "subject")
        if subjects:
            return subjects[0]
    return None


def particle_of(verb: Token) -> str:
    """A separated verb particle ("teilte … mit" -> "mit"), or ''."""
    for node in verb_chain(verb):
        particles = children_with_role(node, "verb_particle")
        if particles:
            return particles[0].lower_
    return ""


def clause_is_subjunctive(tokens) -> bool:
    """Some verb of the tokens is in Konjunktiv (Mood=Sub, or a Konjunktiv I/II form by its shape)."""
    return any(looks_subjunctive(t) for t in tokens)


_CLOSED = {"DET", "ADP", "PRON", "CCONJ", "SCONJ", "PUNCT", "NUM", "PART", "SPACE", "INTJ"}
_UMLAUT = str.maketrans("äöü", "aou")


def looks_subjunctive(token: Token) -> bool:
    """Konjunktiv by morphology or by form: tolerant of tagging errors of a small model."""
    if token.pos_ in _CLOSED or not token.is_alpha or not token.is_lower:
        return False
    if is_verbal(token) and is_subjunctive(token):
        return True
    return looks_konjunktiv_1(token) or looks_konjunktiv_2(token)


def _konj_forms() -> frozenset[str]:
    from ..resources import konjunktiv_forms

    return konjunktiv_forms()


def looks_konjunktiv_1(token: Token) -> bool:
    """Konjunktiv I by form: 'habe', 'sei', 'plane' (stem + e where the indicative has -t), not after 'ich'."""
    low = token.lower_
    if low in _konj_forms():
        return not _first_person(token)
    if not low.endswith("e") or len(low) < 4:
        return False
    lemma = token.lemma_.lower()
    if token.pos_ not in ("VERB", "AUX"):
        return False  # beyond the listed forms both models must see a verb ("diverse", "kippte": VVFIN but ADJ)
    if lemma.endswith("en") and low == lemma[:-1] and (is_verbal(token) or is_finite(token)):
        # a weak past form whose lemma came out as the plural ("kippte" / "kippten") is no Konjunktiv I; the
        # morphology knows the tense where the lemma is wrong
        if low.endswith("te") and "Past" in token.morph.get("Tense") and "Sub" not in token.morph.get("Mood"):
            return False
        return not _first_person(token)
    if token.is_lower and is_verbal(token) and (low.endswith("iere") and lemma == low[:-1] or lemma == low and (
            not low.endswith("te") and len(low) > 4 and token.dep_ not in ("amod", "det") and
            not has_role(token, "verb_particle") and not has_role(token, "modifier"))):
        # the lemmatizer gave up ("gehöre" -> "gehöre", "funktioniere" -> "funktionier"): a finite verb in -e
        # that is not a weak past in -te (an adjective tagged as a verb keeps its lemma: "große" -> "groß")
        return not _first_person(token)
    return False


def looks_konjunktiv_2(token: Token) -> bool:
    """Konjunktiv II by form: an umlaut the infinitive lacks (wäre, hätte, käme, befänden) or a modal's umlaut past
    (könnte, müsste, dürfte, möchte)."""
    low = token.lower_
    if not any(ch in low for ch in "äöü") or not low.endswith(("e", "en", "est", "et")) or len(low) < 4:
        return False
    if low.endswith(("te", "ten")) and low[:2] in ("kö", "mü", "dü", "mö"):
        return True
    lemma = token.lemma_.lower()
    if not lemma or lemma == low or not lemma.endswith(("en", "n")):
        return False
    stem = low.translate(_UMLAUT)
    return not any(ch in lemma for ch in "äöü") and (is_verbal(token) or is_finite(token)) and stem != lemma


def _first_person(token: Token) -> bool:
    subj = subject_of(token)
    if subj is not None:
        return subj.lower_ == "ich"
    prev = token.doc[token.i - 1] if token.i > 0 else None
    nxt = token.doc[token.i + 1] if token.i + 1 < len(token.doc) else None
    return any(t is not None and t.lower_ == "ich" for t in (prev, nxt))


def noun_phrase(token: Token, limit: Span | None = None) -> Span:
    """The noun phrase headed by ``token``: its dependency subtree (determiners, adjectives, names, genitives,
    prepositional attributes, appositions), cut before relative clauses, verbs and quotations."""
    doc = token.doc
    if token.lower_ in _PRONOUNS_PERSONAL:
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
    from ..resources import role_of

    if at_clause_start and any(t.pos_ == "NOUN" and role_of(t.text) is not None for t in segment):
        return seg_start
    return start


def _name_attribute(doc, i: int, hi: int) -> bool:
    """A prepositional attribute that belongs to a speaker phrase: "John Sifton von Human Rights Watch",
    "Patrick Kamanda von der Umweltbehörde Ugandas", "Airbus im französischen Toulouse", "Sascha Kempf vom
    Max-Planck-Institut": von/vom/aus/in/im/bei/beim/für followed (after articles and adjectives) by a name or an
    institution."""
    from ..resources import is_institution

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
    from .person_rules import load_evidence

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
    from ..resources import role_of

    first = segment[0]
    if first.pos_ == "DET" and first.morph.get("Case") and "Nom" not in first.morph.get("Case") and \
            not any(t.pos_ == "NOUN" and role_of(t.text) is not None for t in segment):
        return end  # "…, den Gesetzentwurf": an object, not an apposition
    closes = seg_end >= hi or doc[seg_end].text in (".", "!", "?") or \
        (doc[seg_end].text == "," and seg_end + 1 < hi and doc[seg_end + 1].pos_ in ("VERB", "AUX"))
    return seg_end if closes else end


# --------------------------------------------------------------------------------------------------------------
# the speaker mention as a whole noun phrase

_APPOSITION_STOP = frozenset({"anlässlich", "während", "gegenüber", "nach", "vor", "seit", "wegen", "mit", "auf",
                              "zu", "zum", "zur", "heute", "gestern"})
_MENTION_STOP = (",", ".", ";", ":", "!", "?", "„", "“", "”", "»", "«", "\"", "(", ")", "–", "—")


def _calendar_words() -> frozenset[str]:
    from .entities import calendar_words

    return calendar_words()


def _title_like(tok: Token) -> bool:
    """A role or title noun, or an institution noun, written as a noun ("Vatikansprecher", "Außenminister",
    "BKA-Präsident", "Weltverband")."""
    from ..resources import is_institution, role_of

    return tok.pos_ in ("NOUN", "PROPN") and tok.text[:1].isupper() and \
        (role_of(tok.text) is not None or is_institution(tok.text))


_OPEN_MARKS = ("„", "»", "\"")
_CLOSE_MARKS = ("“", "«", "”", "\"")


def _quoted_end(doc, k: int, hi: int) -> int | None:
    """The token after the closing mark of a quoted name opening at ``k`` ("„Der Spiegel“"), if short."""
    close = next((i for i in range(k + 1, min(k + 8, hi)) if doc[i].text in _CLOSE_MARKS), None)
    if close is None or close == k + 1 or any(t.pos_ in ("VERB", "AUX") and t.is_lower for t in doc[k + 1 : close]) \
            or doc[k + 1].is_lower:
        return None  # a name starts with a capital: "„Der Spiegel“", not "„ganz besonders sorgfältig“"
    return close + 1


def _genitive_tail(doc, end: int, hi: int) -> int:
    """The end of a mention taken over the genitive attributes and quoted names that follow its head noun."""
    from ..resources import is_institution

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
                                                              last.text in _CLOSE_MARKS):
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


def utterance_noun(tok: Token) -> bool:
    """A noun of saying that names the utterance itself (Begründung, Antwort, Kritik, Forderung), not a written
    source that can stand for its author (Bericht, Erklärung, Studie): in "die Antwort des Ministers" the genitive
    is the speaker, not the noun."""
    from ..resources import is_source_noun
    from ..resources.cues import load_cues

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
            doc[k].text in _calendar_words() or doc[k].like_num:
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


def _infinitive(tok: Token) -> bool:
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


def refine_mention(span: Span) -> Span:
    """The speaker mention as the whole noun phrase that names the speaker, whichever rule found it:

    - a party or a short parenthesis read as the head ("Renate Schmidt (SPD)" found as "SPD)") gives the name
      before it, parenthesis included;
    - words that cannot belong to a noun phrase at its edges go: a verb, conjunction or adverb in front
      ("zumal Verteidiger X", "verweisen Analysten"), an adverb behind ("Koppelin wörtlich");
    - a name takes in the titles, role nouns, adjectives and article in front of it ("Der deutsche
      Verteidigungsminister Franz Josef Jung", "BKA-Präsident Ziercke", "der Weltverband FIFA");
    - a name takes in its party ("(SPD)"), an affiliation with von/vom ("Theo Kitz vom Bankhaus Merck Finck") and
      an apposition that closes the phrase ("Edmon Chung, CEO von DotAsia"); a role phrase takes in the name
      that follows it as an apposition ("die Sprecherin der Unionsfraktion, Annette Widmann-Mauz").

    Pronouns and one-word adverbial sources ("demnach") are returned as they are. Part-of-speech based only, so it
    works with either label scheme."""
    doc = span.doc
    sent = span[0].sent
    lo, hi = sent.start, sent.end
    start, end = span.start, span.end
    if end - start == 1 and span[0].pos_ in ("PRON", "ADV"):
        return span
    # "SPD)" / "Grüne)": the name before the parenthesis
    if doc[end - 1].text == ")" and not any(t.text == "(" for t in doc[start:end]):
        k = start - 1
        while k > lo and doc[k].text != "(" and start - k < 6:
            k -= 1
        if k > lo and doc[k].text == "(" and doc[k - 1].pos_ in ("PROPN", "NOUN"):
            s = k - 1
            while s - 1 >= lo and doc[s - 1].pos_ in ("PROPN", "NOUN", "ADJ", "DET") and not doc[s - 1].is_punct \
                    and doc[s - 1].text not in _calendar_words():
                s -= 1
            start = s
    # edges that cannot belong to a noun phrase
    while end - start > 1 and (doc[start].pos_ in ("VERB", "AUX", "SCONJ", "CCONJ") or
                               doc[start].pos_ == "ADV" and doc[start].is_lower and doc[start + 1].pos_ != "ADJ" or
                               doc[start].pos_ in ("NOUN", "PROPN", "X") and doc[start].is_lower and
                               doc[start].is_alpha and doc[start].text not in _LOWER_NAME_PARTS):
        start += 1  # ("verweisen Analysten": a verb the tagger called a noun - German nouns are capitalized)
    while end - start > 1 and (doc[end - 1].pos_ in ("ADV", "ADP", "CCONJ", "SCONJ", "ADJ") and doc[end - 1].is_lower):
        end -= 1
    # a dative or accusative phrase after the head is the addressee or object, not part of the speaker:
    # "Dirk Lorenzen [dem Deutschlandfunk]", "Toby Lanzer [dem Fernsehsender „Al Jazeera“]"
    for k in range(start + 1, end):
        if doc[k].lower_ in ("dem", "den", "einem", "einen", "einigen") and doc[k - 1].pos_ in ("NOUN", "PROPN") \
                and doc[k - 1].lower_ not in ("von", "vom"):
            end = k
            break
    # a phrase that stops at an adjective or article continues to its noun ("die Vereinten [Nationen]"), and a
    # name continues over words the tagger marks as proper nouns ("Li [Fei]", "des Fernsehsenders [n-tv]")
    while end < hi and not doc[end].is_punct and not doc[end].is_space and doc[end].pos_ not in ("VERB", "AUX") and (
            doc[end - 1].pos_ in ("ADJ", "DET") and doc[end].text[:1].isupper() and doc[end].tag_ in ("NN", "NE")
            or doc[end].tag_ == "NE" and doc[end - 1].pos_ in ("NOUN", "PROPN") and doc[end].lower_ != "von"):
        end += 1
    # the name particle at the start of a name: "[Von] der Leyen"
    if start > lo and doc[start].lower_ in ("der", "den") and doc[start - 1].lower_ == "von" and \
            end - start >= 2 and doc[start + 1].pos_ == "PROPN" and \
            (start - 1 == lo or doc[start - 2].is_punct or doc[start - 1].text == "Von"):
        start -= 1
    # a mention never cuts through a named entity: "[Li] Fei", "die Vereinten [Nationen]", "[Von der] Leyen"
    for ent_start, ent_end in _entities_within(doc, lo, hi):
        if ent_start < end and start < ent_end:
            start, end = min(start, ent_start), max(end, ent_end)
    # a date ends the phrase: "Angaben der Polizei [vom Dienstag]"
    for k in range(start + 1, end - 1):
        if doc[k].lower_ in ("vom", "am") and (doc[k + 1].text in _calendar_words() or doc[k + 1].like_num):
            end = k
            break
    # an adverbial ends the phrase: "General George Casey [heute anlässlich einer Pressekonferenz]"
    cut = next((k for k in range(start + 1, end) if doc[k].is_lower and
                (doc[k].pos_ == "ADV" and doc[k].tag_ != "ADJD" or doc[k].lower_ in _APPOSITION_STOP)), None)
    if cut is not None:
        end = cut
        while end - start > 1 and (doc[end - 1].is_punct or doc[end - 1].pos_ in ("ADP", "DET", "CCONJ")):
            end -= 1
    # a name in quotation marks keeps its marks and its article: "Die „Süddeutsche Zeitung“", "die „Aktion
    # Deutschland hilft“"
    if start - 1 >= lo and doc[start - 1].text in _OPEN_MARKS:
        close = next((i for i in range(end - 1, min(end + 6, hi)) if doc[i].text in _CLOSE_MARKS), None)
        if close is not None and close >= end - 1 and not any(t.pos_ in ("VERB", "AUX") and t.is_lower
                                                               for t in doc[end:close]):
            start, end = start - 1, close + 1
            if start - 1 >= lo and doc[start - 1].pos_ == "DET":
                start -= 1
    first, last = doc[start], doc[end - 1]
    # titles, role nouns, adjectives and the article in front of a name
    if first.pos_ == "PROPN" or first.ent_type_:
        k = start
        titled = False
        while k - 1 >= lo and _title_like(doc[k - 1]):
            k -= 1
            titled = True
        if titled:
            if k - 1 >= lo and doc[k - 1].pos_ == "PROPN" and doc[k - 1].text.endswith("s"):
                k -= 1  # "Mexikos Innenminister Francisco Ramirez"
            else:
                while k - 1 >= lo and doc[k - 1].pos_ in ("ADJ",) and not doc[k - 1].is_punct:
                    k -= 1
                if k - 1 >= lo and doc[k - 1].pos_ == "DET":
                    k -= 1
            start = k
    # coordinated speakers before their verb: "Präsident Boris Tadić und Regierungschef Vojislav Koštunica
    # erklärten", "Die Union sowie auch die FDP sprechen sich … aus"
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
    last = doc[end - 1]
    # party or short parenthesis after a name
    if end < hi and doc[end].text == "(" and last.pos_ in ("PROPN", "NOUN"):
        close = next((i for i in range(end + 1, min(end + 8, hi)) if doc[i].text == ")"), None)
        if close is not None and not any(t.pos_ in ("VERB", "AUX") for t in doc[end + 1 : close]):
            end = close + 1
            last = doc[end - 1]
    # affiliation: "Theo Kitz vom Bankhaus Merck Finck", "Moritz Wohlrab von der „Aktion Deutschland hilft“"
    if last.pos_ == "PROPN" and end < hi and doc[end].lower_ in ("vom", "von"):
        k = end + 1
        while k < hi and doc[k].pos_ in ("DET", "ADJ"):
            k += 1
        if k < hi and (doc[k].text in ("„", "»") or doc[k].pos_ == "PROPN" or _title_like(doc[k]) or
                       doc[k].text[:1].isupper() and doc[k].pos_ not in ("VERB", "AUX") and k + 1 < hi and
                       doc[k + 1].pos_ == "PROPN"):
            stop = k
            if doc[k].text in ("„", "»"):
                close = next((i for i in range(k + 1, min(k + 10, hi)) if doc[i].text in ("“", "«", "”")), None)
                stop = close + 1 if close is not None else k
            else:
                while stop < hi and (doc[stop].pos_ in ("PROPN", "NOUN", "ADJ", "X") or
                                     doc[stop].text[:1].isupper() and doc[stop].pos_ not in ("VERB", "AUX") or
                                     doc[stop].lower_ in ("für", "der", "des") and stop + 1 < hi and
                                     doc[stop + 1].text[:1].isupper()) and doc[stop].text not in _MENTION_STOP:
                    stop += 1
            if stop > k and (stop >= hi or doc[stop].pos_ in ("VERB", "AUX", "PUNCT") or doc[stop].is_punct):
                end = stop
                last = doc[end - 1]
    # genitive attributes and quoted names after the head belong to it ("Das „National Hurricane Centre“ der USA",
    # "Angaben des Magazins „Der Spiegel“"), and so does a prepositional attribute that closes the phrase
    end = _attribute_tail(doc, _genitive_tail(doc, end, hi), hi)
    # a genitive found on its own takes in the noun it belongs to: "die Online-Ausgabe [des „Spiegel“]",
    # "Vertreter [der drei Organisationen]"
    if start - 1 > lo and doc[start].lower_ in ("des", "eines") and doc[start - 1].pos_ == "NOUN" and \
            doc[start - 1].text[:1].isupper() and not utterance_noun(doc[start - 1]):
        k = start - 1
        while k - 1 >= lo and (doc[k - 1].pos_ in ("ADJ", "NUM") or doc[k - 1].tag_ == "ADJA"):
            k -= 1
        if k - 1 >= lo and doc[k - 1].pos_ == "DET" and doc[k - 1].lower_ not in ("des", "eines"):
            k -= 1
        start = k
    # ", Annette Widmann-Mauz" after a role phrase; ", CEO von DotAsia" after a name
    if end + 1 < hi and doc[end].text == ",":
        seg_end = end + 1
        while seg_end < hi and doc[seg_end].text not in (",", ".", ";", ":", "!", "?", "„", "»") \
                and not doc[seg_end].is_space:
            seg_end += 1
        # an adverbial after the apposition ends it: "…, General George Casey [heute anlässlich einer …]"
        cut = next((i for i in range(end + 1, seg_end) if doc[i].pos_ == "ADV" and doc[i].is_lower or
                    doc[i].lower_ in _APPOSITION_STOP), None)
        if cut is not None and cut > end + 1:
            seg_end = cut
        segment = doc[end + 1 : seg_end]
        closes = seg_end >= hi or doc[seg_end].text in (",", ".", "!", "?") or cut is not None
        if segment and len(segment) <= 12 and closes and \
                not any(t.pos_ in ("VERB", "AUX", "SCONJ") for t in segment):
            has_name = any(t.pos_ == "PROPN" for t in doc[start:end])
            seg_name = all(t.pos_ == "PROPN" or t.tag_ == "NE" or t.text in ("-",) for t in segment)
            head = next((t for t in segment if t.pos_ in ("NOUN", "PROPN") or t.tag_ in ("NN", "NE")), None)
            role_first = head is not None and _title_like(head) and \
                all(t.pos_ in ("DET", "ADJ", "PUNCT", "X") or t.is_punct or t.is_lower for t in segment[: head.i - segment.start])
            # a role phrase whose attribute holds a name still takes the person's name after it: "die Sprecherin der
            # Unionsfraktion im Bundestag, Annette Widmann-Mauz"
            head_noun = next((t for t in doc[start:end] if t.pos_ in ("NOUN", "PROPN")), None)
            role_head = head_noun is not None and head_noun.pos_ == "NOUN" and _title_like(head_noun)
            if (not has_name and seg_name) or (has_name and role_first) or (role_head and seg_name and len(segment) <= 4):
                end = seg_end
    return doc[start:end]
