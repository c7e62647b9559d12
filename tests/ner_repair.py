"""Real parses with a given entity state, for the tests of the ``person_rules`` component: the errors an NER model
makes on a sentence (the NER v1, bundled until 2026-11-29, made them; v2 makes fewer) are set on a real parse of
it, and the component repairs them."""
from __future__ import annotations


def person_texts(doc) -> list[str]:
    """The person entities of ``doc``, as text."""
    return [e.text for e in doc.ents if e.label_ in ("PER", "PERSON")]


def with_entities(nlp, text: str, ents: list[tuple]):
    """The pipeline's analysis of ``text`` without ``person_rules``, its entities replaced by ``ents``: (text, label)
    for the first occurrence of the text, (text, label, n) for its n-th (from 0)."""
    with nlp.select_pipes(disable=["person_rules"]):
        doc = nlp(text)
    spans = []
    for words, label, *nth in ents:
        start = doc.text.index(words)
        for _ in range(nth[0] if nth else 0):
            start = doc.text.index(words, start + 1)
        spans.append(doc.char_span(start, start + len(words), label=label))
    doc.set_ents(spans, default="outside")
    return doc


def repair(nlp, text: str, ents: list[tuple]):
    """:func:`with_entities`, then the ``person_rules`` component on it."""
    return nlp.get_pipe("person_rules")(with_entities(nlp, text, ents))
