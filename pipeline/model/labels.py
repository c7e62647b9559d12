"""One mapping from the label schemes of the supported pipelines to the roles the rules need.

``de_core_news_md`` uses TIGER dependency labels (``sb``, ``oc``, ``svp`` …) and NER labels PER/LOC/ORG/MISC;
the bundled pipeline uses Universal Dependencies (``nsubj``, ``ccomp``, ``compound:prt`` …) and the same NER
labels. Rules never look at a raw label: they ask for a *role* through :func:`dep_role` / :func:`has_role`, and for
an entity *type* through :func:`entity_type`.
"""
from __future__ import annotations

from spacy.tokens import Token

# role -> labels in either scheme. A label may serve several roles.
DEP_ROLES: dict[str, frozenset[str]] = {
    # subject of a clause (active subject; passive subject kept apart)
    "subject": frozenset({"nsubj", "sb", "csubj", "sbp"}),
    "passive_subject": frozenset({"nsubj:pass", "csubj:pass"}),
    # complement clause of a verb: "sagte, dass …", "sagte, er habe …", direct speech object
    "clausal_complement": frozenset({"ccomp", "oc", "xcomp", "parataxis", "re"}),
    # separated verb particle: "teilte … mit"
    "verb_particle": frozenset({"compound:prt", "svp"}),
    # adverbial / oblique modifier: "laut X", "so X", "X zufolge"
    "modifier": frozenset({"advmod", "obl", "nmod", "mo", "mnr", "op", "advcl"}),
    # object of an adposition: "laut [X]", "nach Angaben [von X]"
    "adposition_object": frozenset({"nk", "pobj"}),
    "case_marker": frozenset({"case", "ac"}),
    # accusative / dative objects
    "object": frozenset({"obj", "iobj", "oa", "da", "og"}),
    # apposition and name parts: "Kremlsprecher Dmitri Peskow", "Wladimir Putin"
    "apposition": frozenset({"appos", "app"}),
    "name_part": frozenset({"flat", "flat:name", "pnc"}),
    # noun modifiers inside a noun phrase
    "determiner": frozenset({"det", "det:poss", "nk"}),
    "genitive": frozenset({"nmod:poss", "ag", "pg"}),
    "conjunct": frozenset({"conj", "cj"}),
    "coordinator": frozenset({"cc", "cd"}),
    "subordinator": frozenset({"mark", "cp"}),
    "negation": frozenset({"advmod:neg", "ng"}),
    "root": frozenset({"ROOT", "root"}),
    "punct": frozenset({"punct"}),
    "auxiliary": frozenset({"aux", "aux:pass", "cop"}),
}

# NER labels of both pipelines (and of the training corpora) -> entity types of the outputs
ENTITY_TYPES: dict[str, str] = {
    "PER": "person",
    "PERSON": "person",
    "LOC": "place",
    "GPE": "place",
    "LOCATION": "place",
    "ORG": "organization",
    "ORGANIZATION": "organization",
    "MISC": "misc",
}


def dep_role(token: Token) -> set[str]:
    """All roles the token's dependency label can play."""
    label = token.dep_
    return {role for role, labels in DEP_ROLES.items() if label in labels}


def has_role(token: Token, role: str) -> bool:
    if role not in DEP_ROLES:
        raise KeyError(f"unknown dependency role {role!r}; known: {sorted(DEP_ROLES)}")
    return token.dep_ in DEP_ROLES[role]


def children_with_role(token: Token, role: str) -> list[Token]:
    labels = DEP_ROLES[role]
    return [child for child in token.children if child.dep_ in labels]


def entity_type(label: str) -> str | None:
    """``person`` / ``place`` / ``organization`` / ``misc`` for an NER label, ``None`` if unknown."""
    return ENTITY_TYPES.get(label.upper())


def is_subjunctive(token: Token) -> bool:
    """Konjunktiv (I or II) from the morphology: ``Mood=Sub`` in both pipelines."""
    return "Sub" in token.morph.get("Mood")
