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
    while has_role(node, "clausal_complement") and node.dep_ == "oc" and is_verbal(node.head) and node.head is not node:
        node = node.head
        chain.append(node)
    for child in verb.children:
        if child.dep_ == "oc" and is_verbal(child) and not any(g.lower_ in ("dass", "ob") for g in child.children):
            chain.append(child)
    # UD: a verb attached as aux/cop to a head
    if has_role(verb, "auxiliary") and verb.head is not verb:
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
    """Some finite verb of the tokens is in Konjunktiv (Mood=Sub, or a Konjunktiv-I form by shape)."""
    return any(is_verbal(t) and (is_subjunctive(t) or looks_konjunktiv_1(t)) for t in tokens)


_KONJ1_FORMS = {"sei", "seien", "seiest", "habe", "werde", "könne", "müsse", "solle", "wolle", "dürfe", "möge",
                "gebe", "gehe", "komme", "wisse", "stehe", "liege", "handle", "bleibe", "sehe", "lasse", "wolle"}


def looks_konjunktiv_1(token: Token) -> bool:
    """Third-person singular Konjunktiv I by form: 'habe', 'sei', 'plane' (stem + e where the indicative has -t)."""
    low = token.lower_
    if low in _KONJ1_FORMS:
        subj = subject_of(token)
        return not (subj is not None and subj.lower_ in ("ich",))
    if not is_verbal(token) or not low.endswith("e") or len(low) < 4:
        return False
    lemma = token.lemma_.lower()
    if lemma.endswith("en") and low == lemma[:-1] and is_finite(token):
        subj = subject_of(token)
        return subj is None or subj.lower_ not in ("ich",)
    return False


def noun_phrase(token: Token, limit: Span | None = None) -> Span:
    """The contiguous noun phrase headed by ``token`` (determiners, adjectives, role nouns, names, genitives),
    cut before relative clauses, commas and verbs."""
    doc = token.doc
    lo = token.left_edge.i
    hi = token.right_edge.i
    if limit is not None:
        lo = max(lo, limit.start)
        hi = min(hi, limit.end - 1)
    # shrink the left edge: no punctuation or verbs between the edge and the head
    start = token.i
    for i in range(token.i - 1, lo - 1, -1):
        t = doc[i]
        if t.pos_ in ("PUNCT", "VERB", "AUX", "SCONJ", "CCONJ") or t.is_space:
            break
        start = i
    end = token.i + 1
    for i in range(token.i + 1, hi + 1):
        t = doc[i]
        if t.pos_ in _NP_STOP_POS or t.is_space or t.tag_ in ("PRELS", "PRELAT") or t.lower_ in ("der", "die", "das") and doc[i - 1].text == ",":
            break
        end = i + 1
    # a personal pronoun is its own phrase
    if token.lower_ in _PRONOUNS_PERSONAL:
        return doc[token.i : token.i + 1]
    return doc[start:end]
