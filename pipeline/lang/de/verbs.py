"""German verb forms: is a token a verb, a finite verb, a Konjunktiv I or II form.

The one home of these predicates: the quotation rules ask them to tell reported speech ("er sei", "sie hätten")
from a report in the indicative, and the speaker rules to find the finite verb that ends a speaker phrase. The
small bundled model often tags a Konjunktiv form as something else ("gebe" as an adjective, "hätten" as an
infinitive), so the Konjunktiv predicates also read the form of the word, and the list of unambiguous forms in
``resources/konjunktiv_de.txt``. Whether a form after "ich" is a Konjunktiv depends on the subject, so the verb
chain and the subject of a clause are found here too, through the label-neutral roles of
:mod:`pipeline.model.labels` (UD: auxiliaries hang below the main verb as ``aux``; TIGER: non-finite verbs hang
below the finite one as ``oc``).
"""
from __future__ import annotations

from collections.abc import Iterable

from spacy.tokens import Token

from ...model.labels import children_with_role, has_role, is_subjunctive
from ...resources import konjunktiv_forms

_VERB_POS = frozenset({"VERB", "AUX"})
# word classes that are never a Konjunktiv verb, whatever their form ("diese", "seine", "keine")
_NEVER_SUBJUNCTIVE_POS = frozenset({"DET", "ADP", "PRON", "CCONJ", "SCONJ", "PUNCT", "NUM", "PART", "SPACE",
                                    "INTJ"})
# word classes a listed Konjunktiv form cannot have: "die Liege" is a noun, not the verb form "liege"
_NOT_A_LISTED_VERB_POS = frozenset({"NOUN", "PROPN"})
_UMLAUT = str.maketrans("äöü", "aou")
_MODAL_UMLAUT_PAST = ("kö", "mü", "dü", "mö")  # könnte, müsste, dürfte, möchte


def is_verbal(token: Token) -> bool:
    """A verb or auxiliary by its universal or its STTS tag (``VVFIN``, ``VAINF`` …)."""
    return token.pos_ in _VERB_POS or token.tag_.startswith("V")


def is_finite(token: Token) -> bool:
    """A finite verb by its morphology (``VerbForm=Fin``) or its STTS tag (``VVFIN``, ``VAFIN``, ``VMFIN``)."""
    if "Fin" in token.morph.get("VerbForm"):
        return True
    return token.tag_.endswith("FIN")


def listed_konjunktiv(token: Token) -> bool:
    """A form of konjunktiv_de.txt ("gebe", "sei"): a finite verb whatever the tagger says ("es gebe Tote" with
    "gebe" tagged as an adjective)."""
    return token.lower_ in konjunktiv_forms() and token.pos_ not in _NOT_A_LISTED_VERB_POS


def finite_or_konjunktiv(token: Token) -> bool:
    """A finite verb; a Konjunktiv form is finite whatever the tagger says ("dass … im Einsatz seien" tagged
    VVIZU, "Starke Winde hätten …" tagged VAINF)."""
    return is_finite(token) or is_verbal(token) and (looks_konjunktiv_1(token) or looks_konjunktiv_2(token)) or \
        listed_konjunktiv(token)


def clause_is_subjunctive(tokens: Iterable[Token]) -> bool:
    """Some verb of the tokens is in Konjunktiv (Mood=Sub, or a Konjunktiv I/II form by its shape)."""
    return any(looks_subjunctive(t) for t in tokens)


def looks_subjunctive(token: Token) -> bool:
    """Konjunktiv by morphology or by form: tolerant of tagging errors of a small model."""
    if token.pos_ in _NEVER_SUBJUNCTIVE_POS or not token.is_alpha or not token.is_lower:
        return False
    if is_verbal(token) and is_subjunctive(token):
        return True
    return looks_konjunktiv_1(token) or looks_konjunktiv_2(token)


def looks_konjunktiv_1(token: Token) -> bool:
    """Konjunktiv I by form: 'habe', 'sei', 'plane' (stem + e where the indicative has -t), not after 'ich'."""
    low = token.lower_
    if low in konjunktiv_forms():
        return not _first_person(token)
    if not low.endswith("e") or len(low) < 4:
        return False
    lemma = token.lemma_.lower()
    if token.pos_ not in _VERB_POS:
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
    if low.endswith(("te", "ten")) and low[:2] in _MODAL_UMLAUT_PAST:
        return True
    lemma = token.lemma_.lower()
    if not lemma or lemma == low or not lemma.endswith(("en", "n")):
        return False
    stem = low.translate(_UMLAUT)
    return not any(ch in lemma for ch in "äöü") and (is_verbal(token) or is_finite(token)) and stem != lemma


def _first_person(token: Token) -> bool:
    """The verb's subject is "ich" ("ich habe" is an indicative), by the parse or, without a subject, next to it."""
    subj = subject_of(token)
    if subj is not None:
        return subj.lower_ == "ich"
    prev = token.doc[token.i - 1] if token.i > 0 else None
    nxt = token.doc[token.i + 1] if token.i + 1 < len(token.doc) else None
    return any(t is not None and t.lower_ == "ich" for t in (prev, nxt))


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
