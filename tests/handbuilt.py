"""Hand-built spaCy ``Doc`` objects for tests of the syntax-dependent rules, the way spaCy's own tests build them
(words, spaces, tags, POS, morphology, lemmas, heads, dependency labels, sentence starts, entities) - no model.

A sentence is written as a small CoNLL-U-like table, one token a line, columns separated by whitespace::

    ID  FORM    LEMMA   TAG     HEAD  DEPREL  FEATS                                                   NER
    1   Putin   Putin   NE      2     nsubj   Case=Nom|Gender=Masc|Number=Sing                        B-PER
    2   sagte   sagen   VVFIN   0     ROOT    Mood=Ind|Number=Sing|Person=3|Tense=Past|VerbForm=Fin   O

- ID counts from 1 in each sentence; HEAD is the ID of the head in the same sentence, 0 for the root.
- TAG is the STTS tag (the tag set of the bundled pipeline); the coarse POS is derived from it (:data:`STTS_POS`)
  unless written as ``TAG:POS`` (``NE:NOUN``, to mimic a tagging error on purpose).
- DEPREL is a Universal Dependencies label as the bundled pipeline emits them (``nsubj``, ``ccomp``, ``obj``,
  ``compound:prt``, ``case``, ``det``, ``flat``, ``appos`` …).
- ``_`` stands for an empty FEATS, for "no entity" in NER (and for LEMMA = FORM); NER is BIO (``B-PER``, ``I-PER``).
- Sentences are separated by a blank line. Lines starting with ``#`` are comments.

:func:`build` takes the text the tokens spell and derives the spaces between them from it
(:func:`spacy.util.get_words_and_spaces`), so a case states its sentence once, as it reads, and the builder checks
that the table spells exactly that text.
"""
from __future__ import annotations

from functools import lru_cache

import spacy
from spacy.tokens import Doc, Span
from spacy.util import get_words_and_spaces
from spacy.vocab import Vocab

# STTS -> UD coarse part of speech, as the German pipelines map them
STTS_POS: dict[str, str] = {
    "$(": "PUNCT", "$,": "PUNCT", "$.": "PUNCT",
    "ADJA": "ADJ", "ADJD": "ADJ", "ADV": "ADV",
    "APPO": "ADP", "APPR": "ADP", "APPRART": "ADP", "APZR": "ADP",
    "ART": "DET", "CARD": "NUM", "FM": "X", "ITJ": "INTJ",
    "KOKOM": "CCONJ", "KON": "CCONJ", "KOUI": "SCONJ", "KOUS": "SCONJ",
    "NE": "PROPN", "NN": "NOUN",
    "PAV": "ADV", "PDAT": "DET", "PDS": "PRON", "PIAT": "DET", "PIS": "PRON", "PPER": "PRON", "PPOSAT": "DET",
    "PRELAT": "DET", "PRELS": "PRON", "PRF": "PRON",
    "PTKA": "PART", "PTKANT": "PART", "PTKNEG": "PART", "PTKVZ": "ADP", "PTKZU": "PART",
    "PWAT": "DET", "PWAV": "ADV", "PWS": "PRON", "TRUNC": "X",
    "VAFIN": "AUX", "VAINF": "AUX", "VAPP": "AUX", "VMFIN": "AUX", "VMINF": "AUX",
    "VVFIN": "VERB", "VVIMP": "VERB", "VVINF": "VERB", "VVIZU": "VERB", "VVPP": "VERB",
    "XY": "X",
}


@lru_cache(maxsize=1)
def blank_vocab() -> Vocab:
    """The vocabulary of a blank German pipeline, shared by all hand-built Docs: no model, no weights, only the
    language's lexical attributes (``lower_``, ``is_alpha``, ``like_num`` …), which the rules read and which a bare
    ``Vocab()`` leaves empty."""
    return spacy.blank("de").vocab


def _rows(table: str) -> list[list[list[str]]]:
    """The table as sentences of rows of columns (comments and surrounding blank lines dropped)."""
    sentences: list[list[list[str]]] = [[]]
    for line in table.strip("\n").splitlines():
        line = line.strip()
        if line.startswith("#"):
            continue
        if not line:
            if sentences[-1]:
                sentences.append([])
            continue
        cols = line.split()
        if len(cols) == 7:
            cols.append("_")
        if len(cols) != 8:
            raise ValueError(f"expected 7 or 8 columns (ID FORM LEMMA TAG HEAD DEPREL FEATS [NER]): {line!r}")
        sentences[-1].append(cols)
    return [s for s in sentences if s]


def _check_tree(sentence: list[list[str]], heads: list[int]) -> None:
    """One root, heads inside the sentence, no cycles: a tree the parser could have made."""
    n = len(sentence)
    roots = [k for k, h in enumerate(heads) if h == k]
    if len(roots) != 1:
        raise ValueError(f"a sentence needs exactly one root, got {len(roots)}: {[r[1] for r in sentence]}")
    for k in range(n):
        seen = set()
        node = k
        while heads[node] != node:
            if node in seen:
                raise ValueError(f"cycle through {sentence[k][1]!r} in {[r[1] for r in sentence]}")
            seen.add(node)
            node = heads[node]


def build(text: str, table: str) -> Doc:
    """The ``Doc`` of ``text`` with the annotation of ``table`` (see the module docstring)."""
    words: list[str] = []
    tags: list[str] = []
    pos: list[str] = []
    morphs: list[str] = []
    lemmas: list[str] = []
    heads: list[int] = []
    deps: list[str] = []
    sent_starts: list[bool] = []
    ents: list[str] = []
    for sentence in _rows(table):
        offset = len(words)
        local_heads = []
        for k, (ident, form, lemma, tag, head, dep, feats, ner) in enumerate(sentence):
            if int(ident) != k + 1:
                raise ValueError(f"token {form!r}: ID {ident}, expected {k + 1}")
            tag, _, coarse = tag.partition(":")
            if tag not in STTS_POS:
                raise ValueError(f"token {form!r}: unknown STTS tag {tag!r}")
            h = int(head)
            if not 0 <= h <= len(sentence):
                raise ValueError(f"token {form!r}: head {h} outside the sentence")
            if (h == 0) != (dep == "ROOT"):
                raise ValueError(f"token {form!r}: only the root has head 0 and the label ROOT")
            local_heads.append(k if h == 0 else h - 1)
            words.append(form)
            tags.append(tag)
            pos.append(coarse or STTS_POS[tag])
            morphs.append("" if feats == "_" else feats)
            lemmas.append(form if lemma == "_" else lemma)
            deps.append(dep)
            ents.append("O" if ner == "_" else ner)
            sent_starts.append(k == 0)
        _check_tree(sentence, local_heads)
        heads += [offset + h for h in local_heads]
    spelled, spaces = get_words_and_spaces(words, text)
    if spelled != words:
        raise ValueError(f"the table does not spell the text: {spelled!r} vs {words!r}")
    doc = Doc(blank_vocab(), words=words, spaces=spaces, tags=tags, pos=pos, morphs=morphs, lemmas=lemmas,
              heads=heads, deps=deps, sent_starts=sent_starts, ents=ents)
    if doc.text != text:
        raise ValueError(f"the Doc reads {doc.text!r}, the case says {text!r}")
    return doc


def entity_doc(words: list[str], pos: list[str], ents: list[tuple[int, int, str]], spaces=None,
               sent_starts=None) -> Doc:
    """A Doc of words with coarse POS and entity spans ``(start, end, label)`` only, one sentence unless
    ``sent_starts`` says otherwise: what the person rules read."""
    doc = Doc(spacy.blank("de").vocab, words=words, pos=pos, spaces=spaces,
              sent_starts=sent_starts or [i == 0 for i in range(len(words))])
    doc.ents = [Span(doc, s, e, label=label) for s, e, label in ents]
    return doc
