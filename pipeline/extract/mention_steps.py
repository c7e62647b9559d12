"""The speaker mention as the whole noun phrase that names the speaker (:func:`refine_mention`): one step per
construction, applied in order, on the parse of either label scheme (part-of-speech based only). The noun-phrase
helpers the steps share live in :mod:`pipeline.extract.syntax`."""
from __future__ import annotations

from collections.abc import Callable

from spacy.tokens import Span, Token

from ..lang.de.calendar import name_like_calendar_words
from ..lang.de.verbs import is_finite
from ..model.labels import entity_type
from ..resources import is_source_noun, is_statement_noun
from .person_rules import load_first_names
from .syntax import (
    _ADVERBIAL_WORDS,
    _CLOSE_MARKS,
    _LOWER_NAME_PARTS,
    _MENTION_STOP,
    _OPEN_MARKS,
    _attribute_tail,
    _entities_within,
    _genitive_tail,
    _medium_noun,
    _nominative_opening,
    _parenthesis_end,
    _title_like,
    utterance_noun,
)

# refine_mention: one step per construction. A step takes the mention and its sentence (whose bounds no step
# crosses) and returns the mention grown or cut; :data:`_MENTION_STEPS` applies them in their order.

MentionStep = Callable[[Span, Span], Span]
# articles of a dative or accusative phrase: after the head noun they open the addressee or the object
_OBJECT_ARTICLES = ("dem", "den", "einem", "einen", "einigen")


def _finite_verb(tok: Token) -> bool:
    """A finite verb or auxiliary: where a clause's prefield ends."""
    return is_finite(tok) and tok.pos_ in ("VERB", "AUX")


def particle_name(tok: Token) -> bool:
    """The name after "von der"/"von den" ("Von der [Leyen]"): a proper noun or a person entity."""
    return tok.pos_ == "PROPN" or entity_type(tok.ent_type_) == "person"


def _name_only(span: Span) -> bool:
    """All words of the span are a name: proper nouns, or capitalised words led by a known first name."""
    return all(t.pos_ == "PROPN" or t.tag_ == "NE" for t in span) or _first_name_led(span)


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
    # also the name found alone: "[Von der] Leyen"
    doc, lo = mention.doc, sent.start
    start = mention.start
    if start - 2 >= lo and doc[start - 1].lower_ in ("der", "den") and doc[start].text[:1].isupper() and \
            doc[start - 1].is_lower:
        start -= 1
    name = doc[start + 1] if start + 1 < mention.end else None
    if start > lo and doc[start].lower_ in ("der", "den") and doc[start - 1].lower_ == "von" and name is not None \
            and particle_name(name) and \
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
        if k == j or k >= hi or not _finite_verb(doc[k]):
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
            and not doc[seg_end].is_space and not (seg_end > end + 1 and is_finite(doc[seg_end])):
        seg_end += 1
    # the finite verb closes the prefield where the second comma is missing: "Karla Brenner, Expertin vom BUND
    # erklärte, …"
    verb_closes = seg_end < hi and is_finite(doc[seg_end]) and _in_prefield(mention, sent) and \
        doc[end + 1].pos_ != "PRON" and doc[end + 1].lower_ not in ("dessen", "deren")
    if verb_closes:  # "…, ein Sprecher der SPLA [der Presse] mitteilte": the addressee is not part of it
        seg_end = next((i for i in range(end + 2, seg_end - 1) if doc[i].pos_ == "DET" and
                        _medium_noun(doc[i + 1])), seg_end)
    # an adverbial after the apposition ends it: "…, General George Casey [heute anlässlich einer …]"
    cut = next((i for i in range(end + 1, seg_end) if doc[i].pos_ == "ADV" and doc[i].is_lower or
                doc[i].lower_ in _ADVERBIAL_WORDS), None)
    if cut is not None and cut > end + 1:
        seg_end = cut
    segment = doc[end + 1 : seg_end]
    closes = seg_end >= hi or doc[seg_end].text in (",", ".", "!", "?") or cut is not None or verb_closes
    if not segment or len(segment) > 12 or not closes or any(t.pos_ in ("VERB", "AUX", "SCONJ") for t in segment) \
            or not _nominative_opening(segment):
        return mention
    # the segment ends the clause before its finite verb ("Manfred Berg, der Dekan der Fakultät, sagte"): the
    # prefield holds one phrase, so it is an apposition
    prefield = verb_closes or doc[seg_end].text == "," and seg_end + 1 < hi and doc[seg_end + 1].pos_ in (
        "VERB", "AUX") if seg_end < hi else False
    if _names_same_speaker(mention, segment) or prefield and _article_apposition(mention, segment):
        return doc[mention.start : seg_end]
    return mention


def _in_prefield(mention: Span, sent: Span) -> bool:
    """No finite verb stands before the mention in its sentence: the mention opens the clause (a main clause's
    prefield, or a subordinate clause "Wie X, Sprecher der Y, mitteilte")."""
    return not any(_finite_verb(t) for t in mention.doc[sent.start : mention.start])


def _attribute_then_name(mention: Span, sent: Span) -> Span:
    """A role noun with a short prepositional attribute takes in the name set off after it: "ein Sprecher [auf
    ukrainischer Seite, Oleg Marchuk]," (the name closed by a comma or the finite verb)."""
    doc, hi = mention.doc, sent.end
    end = mention.end
    head = next((t for t in reversed(mention) if t.pos_ in ("NOUN", "PROPN")), None)
    if end >= hi or head is None or not _title_like(head) or doc[end].pos_ != "ADP" or not doc[end].is_lower:
        return mention
    k = end + 1
    while k < hi and k - end <= 4 and (doc[k].pos_ in ("DET", "ADJ", "NOUN", "PROPN", "NUM") or doc[k].tag_ == "ART"):
        k += 1
    if k == end + 1 or k >= hi or doc[k].text != ",":
        return mention
    j = k + 1
    while j < hi and (doc[j].pos_ == "PROPN" or doc[j].tag_ == "NE") and j - k <= 4:
        j += 1
    name = doc[k + 1 : j]
    if not name or not (len(name) >= 2 or name[0].ent_type_) or j >= hi:
        return mention
    if doc[j].text == "," or _finite_verb(doc[j]):
        return doc[mention.start : j]
    return mention


def _apposition_before_comma(mention: Span, sent: Span) -> Span:
    """The name or role phrase in front of the mention, set off by a comma, is the same speaker when together they
    fill the prefield: "[Jana Kowalski], Laborleiterin der Nordmilch GmbH, erklärte", "hatte [ein Sprecher der
    Polizei], Oleg Marchuk, erklärt". The group opens the sentence or follows its finite verb and closes with a
    comma or the finite verb."""
    doc, lo, hi = mention.doc, sent.start, sent.end
    comma = mention.start - 1
    if comma - 1 < lo or doc[comma].text != "," or mention.end >= hi:
        return mention
    after = doc[mention.end]
    if not (after.text == "," or _finite_verb(after)):
        return mention
    start = comma
    while start - 1 >= lo and not doc[start - 1].is_punct and not doc[start - 1].is_space and \
            doc[start - 1].pos_ not in ("VERB", "AUX", "SCONJ", "CCONJ", "ADV", "PRON") and comma - start < 8:
        start -= 1
    opens = start == lo or doc[start - 1].is_space or doc[start - 1].pos_ == "SCONJ" or _finite_verb(doc[start - 1])
    segment = doc[start:comma]
    if not opens or not segment or not segment[0].text[:1].isupper() and segment[0].pos_ != "DET":
        return mention
    mention_name, segment_name = _name_only(mention), _name_only(segment)
    head = next((t for t in mention if t.pos_ in ("NOUN", "PROPN")), None)
    mention_role = head is not None and head.pos_ == "NOUN" and head.text[:1].isupper() and \
        not is_statement_noun(head.text)
    if segment_name and len(segment) <= 4 and mention_role and not mention_name:
        return doc[start : mention.end]  # "Jana Kowalski, Laborleiterin der Nordmilch GmbH"
    seg_head = next((t for t in segment if t.pos_ in ("NOUN", "PROPN")), None)
    if mention_name and len(mention) <= 4 and seg_head is not None and _title_like(seg_head) and not segment_name:
        return doc[start : mention.end]  # "ein Sprecher der Polizei, Oleg Marchuk"
    return mention


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
    return first_name_led([t.text for t in segment], load_first_names())


def first_name_led(words: list[str], first_names) -> bool:
    """Two to four capitalised words (hyphens allowed) whose first word, or its first part, is in ``first_names``
    ("Frank-Jürgen Weise")."""
    return 2 <= len(words) <= 4 and all(w[:1].isupper() and w.replace("-", "").isalpha() for w in words) and \
        (words[0] in first_names or words[0].split("-")[0] in first_names)


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
    _attribute_then_name,
    _apposition_after_comma,
    _apposition_before_comma,
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
