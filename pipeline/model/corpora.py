"""Convert the open German corpora in ``../shared/data`` into spaCy ``DocBin`` files.

NER: GermEval 2014 (outer level) and DFKI SmartData, mapped to PER / LOC / ORG (+ MISC from GermEval OTH).
Syntax: UD German GSD (dev, test) and PUD: UPOS, morphology, lemmas, dependencies, sentence starts.
"""
from __future__ import annotations

import json
import random
from pathlib import Path
from typing import Iterable, Iterator

import spacy
from spacy.tokens import Doc, DocBin, Span

GERMEVAL_MAP = {"PER": "PER", "LOC": "LOC", "ORG": "ORG", "OTH": "MISC"}
SMARTDATA_MAP = {
    "PERSON": "PER",
    "LOCATION": "LOC",
    "LOCATION_CITY": "LOC",
    "LOCATION_STREET": "LOC",
    "LOCATION_STOP": "LOC",
    "ORGANIZATION": "ORG",
    "ORGANIZATION_COMPANY": "ORG",
}


def _vocab():
    return spacy.blank("de").vocab


def read_bio_conll(path: Path, label_col: int = -1) -> Iterator[tuple[list[str], list[str], str | None]]:
    """Yield (words, BIO tags, source-comment) per sentence of a tab-separated CoNLL file.

    Handles GermEval's 4-column TSV (``idx token outer nested`` with ``#\tURL\t[date]`` comment lines) when
    ``label_col`` points at the outer column, and 2-column ``token label`` files.
    """
    words: list[str] = []
    tags: list[str] = []
    source: str | None = None
    with open(path, encoding="utf-8") as fh:
        for line in fh:
            line = line.rstrip("\n")
            if line.startswith("#\t") or (line.startswith("# ") and not words):
                source = line.split("\t")[1] if "\t" in line else line[2:]
                continue
            if not line.strip():
                if words:
                    yield words, tags, source
                words, tags, source = [], [], None
                continue
            cols = line.split("\t")
            token = cols[1] if len(cols) >= 4 else cols[0]
            words.append(token)
            tags.append(cols[label_col])
    if words:
        yield words, tags, source


def bio_to_doc(vocab, words: list[str], tags: list[str], label_map: dict[str, str]) -> Doc:
    doc = Doc(vocab, words=words)
    ents = []
    start = None
    label = None
    for i, tag in enumerate(tags + ["O"]):
        prefix, _, raw = tag.partition("-")
        mapped = label_map.get(raw) if prefix in ("B", "I") else None
        if start is not None and (prefix != "I" or mapped != label):
            end = i
            while end > start + 1 and doc[end - 1].is_punct:
                end -= 1
            while start < end - 1 and doc[start].is_punct:
                start += 1
            ents.append(Span(doc, start, end, label=label))
            start, label = None, None
        if mapped and (prefix == "B" or start is None):
            start, label = i, mapped
    # everything not an entity is explicitly O (annotated), so the NER learns what is not an entity
    doc.set_ents(ents, default="outside")
    return doc


def is_news_source(source: str | None) -> bool:
    return bool(source) and "wikipedia.org" not in source


def germeval_docs(path: Path, news_only: bool = False) -> Iterator[Doc]:
    vocab = _vocab()
    tsv = path.suffix == ".tsv"
    for words, tags, source in read_bio_conll(path, label_col=2 if tsv else -1):
        if news_only and not is_news_source(source):
            continue
        yield bio_to_doc(vocab, words, tags, GERMEVAL_MAP)


def smartdata_docs(path: Path) -> Iterator[Doc]:
    nlp = spacy.blank("de")
    with open(path, encoding="utf-8") as fh:
        for line in fh:
            record = json.loads(line)
            doc = nlp.make_doc(record["text"])
            spans = []
            for ent in record["entities"]:
                label = SMARTDATA_MAP.get(ent["label"])
                if not label:
                    continue
                span = doc.char_span(ent["start"], ent["end"], label=label, alignment_mode="expand")
                if span is None:
                    continue
                start, end = span.start, span.end
                # the NER cannot learn spans with whitespace or punctuation at their edges
                while start < end and (doc[start].is_space or doc[start].is_punct):
                    start += 1
                while end > start and (doc[end - 1].is_space or doc[end - 1].is_punct):
                    end -= 1
                if end > start and not any(t.is_space for t in doc[start:end]):
                    spans.append(Span(doc, start, end, label=label))
            spans = spacy.util.filter_spans(spans)
            doc.set_ents(spans, default="outside")
            yield doc


def read_conllu(path: Path) -> Iterator[list[list[str]]]:
    rows: list[list[str]] = []
    with open(path, encoding="utf-8") as fh:
        for line in fh:
            line = line.rstrip("\n")
            if line.startswith("#"):
                continue
            if not line.strip():
                if rows:
                    yield rows
                rows = []
                continue
            cols = line.split("\t")
            if "-" in cols[0] or "." in cols[0]:
                continue  # multi-word token ranges and empty nodes
            rows.append(cols)
    if rows:
        yield rows


def conllu_docs(path: Path, with_tags: bool = True, sents_per_doc: int = 10) -> Iterator[Doc]:
    """UD sentences grouped into documents of ``sents_per_doc`` so the parser learns sentence boundaries."""
    vocab = _vocab()
    batch: list[list[list[str]]] = []

    def build(sents):
        words, spaces, tags, pos, morphs, lemmas, heads, deps, starts = [], [], [], [], [], [], [], [], []
        offset = 0
        for rows in sents:
            for i, cols in enumerate(rows):
                words.append(cols[1])
                spaces.append("SpaceAfter=No" not in cols[9])
                lemmas.append(cols[2])
                pos.append(cols[3])
                tags.append(cols[4] if with_tags else "")
                morphs.append("" if cols[5] == "_" else cols[5])
                head = int(cols[6])
                heads.append(offset + head - 1 if head else offset + i)
                deps.append(cols[7])
                starts.append(i == 0)
            offset += len(rows)
        kwargs = dict(words=words, spaces=spaces, pos=pos, morphs=morphs, lemmas=lemmas, heads=heads, deps=deps,
                      sent_starts=starts)
        if with_tags:
            kwargs["tags"] = tags
        return Doc(vocab, **kwargs)

    for rows in read_conllu(path):
        batch.append(rows)
        if len(batch) == sents_per_doc:
            yield build(batch)
            batch = []
    if batch:
        yield build(batch)


def write_docbin(docs: Iterable[Doc], out: Path, shuffle_seed: int | None = None) -> int:
    docs = list(docs)
    if shuffle_seed is not None:
        random.Random(shuffle_seed).shuffle(docs)
    out.parent.mkdir(parents=True, exist_ok=True)
    DocBin(docs=docs, store_user_data=False).to_disk(out)
    return len(docs)


def _conll_sentences(path: Path, sep: str | None = None) -> Iterator[list[str]]:
    """Token lists of a token-per-line file (MobIE CoNLL-2003 columns, Europeana ``token<TAB>tag``)."""
    words: list[str] = []
    with open(path, encoding="utf-8") as fh:
        for line in fh:
            line = line.rstrip("\n")
            if not line.strip() or line.startswith("-DOCSTART-") or line.startswith("# "):
                if words:
                    yield words
                words = []
                continue
            words.append(line.split(sep)[0] if sep else line.split()[0])
    if words:
        yield words


def pretrain_texts(data_dir: Path) -> Iterator[str]:
    """Raw text for ``spacy pretrain`` of the NER tok2vec: training splits and licence-compatible corpora only.

    GermEval 2014 train sentences, SmartData train documents (one line per paragraph), MobIE train sentences,
    Europeana Newspapers (CC0; all three libraries), UD German GSD dev/test and PUD sentence texts. No dev or test
    split of an NER corpus (the NER is selected on GermEval/SmartData dev and evaluated on their test splits), and
    never ``../shared/eval`` (Wikinews, CC BY-NC-SA). Token-per-line corpora are joined with spaces.
    """
    for words, _tags, _source in read_bio_conll(data_dir / "germeval2014" / "NER-de-train.outer-bio.conll"):
        yield " ".join(words)
    with open(data_dir / "smartdata" / "smartdata_train.spans.jsonl", encoding="utf-8") as fh:
        for line in fh:
            for para in json.loads(line)["text"].split("\n"):
                if para.strip():
                    yield para.strip()
    for words in _conll_sentences(data_dir / "mobie" / "train.conll2003", sep="\t"):
        yield " ".join(words)
    for name in ("lft", "onb", "sbb"):
        for words in _conll_sentences(data_dir / "europeana_newspapers_de" / f"enp_DE.{name}.sentsplit-heuristic.conll",
                                      sep="\t"):
            yield " ".join(words)
    for path in (data_dir / "ud_german_gsd" / "de_gsd-ud-dev.conllu", data_dir / "ud_german_gsd" / "de_gsd-ud-test.conllu",
                 data_dir / "ud_german_pud" / "de_pud-ud-test.conllu"):
        with open(path, encoding="utf-8") as fh:
            for line in fh:
                if line.startswith("# text = "):
                    yield line[len("# text = "):].strip()


def write_pretrain_jsonl(data_dir: Path, out: Path, shuffle_seed: int = 5) -> int:
    """``pretrain_texts`` as spaCy JSONL (``{"text": ...}`` per line), shuffled with a fixed seed."""
    texts = [t for t in pretrain_texts(data_dir) if t]
    random.Random(shuffle_seed).shuffle(texts)
    out.parent.mkdir(parents=True, exist_ok=True)
    with open(out, "w", encoding="utf-8") as fh:
        for text in texts:
            fh.write(json.dumps({"text": text}, ensure_ascii=False) + "\n")
    return len(texts)


def convert_all(data_dir: Path, out_dir: Path) -> dict[str, int]:
    """Write every corpus the recipe needs to ``out_dir`` and return the document counts."""
    ge = data_dir / "germeval2014"
    sd = data_dir / "smartdata"
    gsd = data_dir / "ud_german_gsd"
    pud = data_dir / "ud_german_pud"
    counts = {}
    counts["ner-train"] = write_docbin(
        list(germeval_docs(ge / "NER-de-train.outer-bio.conll")) + list(smartdata_docs(sd / "smartdata_train.spans.jsonl")),
        out_dir / "ner-train.spacy", shuffle_seed=1)
    counts["ner-dev"] = write_docbin(
        list(germeval_docs(ge / "NER-de-dev.tsv")) + list(smartdata_docs(sd / "smartdata_dev.spans.jsonl")),
        out_dir / "ner-dev.spacy")
    counts["ner-test-germeval"] = write_docbin(germeval_docs(ge / "NER-de-test.tsv"), out_dir / "ner-test-germeval.spacy")
    counts["ner-test-germeval-news"] = write_docbin(germeval_docs(ge / "NER-de-test.tsv", news_only=True),
                                                    out_dir / "ner-test-germeval-news.spacy")
    counts["ner-test-smartdata"] = write_docbin(smartdata_docs(sd / "smartdata_test.spans.jsonl"),
                                                out_dir / "ner-test-smartdata.spacy")
    # Syntax: PUD's XPOS column is not STTS, so it contributes no tags; GSD dev/test do.
    pud_docs = list(conllu_docs(pud / "de_pud-ud-test.conllu", with_tags=False))
    gsd_dev = list(conllu_docs(gsd / "de_gsd-ud-dev.conllu"))
    gsd_test = list(conllu_docs(gsd / "de_gsd-ud-test.conllu"))
    random.Random(2).shuffle(pud_docs)
    # a small slice of PUD serves as the dev set for model selection; GSD test stays untouched for evaluation
    counts["syntax-train"] = write_docbin(pud_docs[10:] + gsd_dev, out_dir / "syntax-train.spacy", shuffle_seed=3)
    counts["syntax-dev"] = write_docbin(pud_docs[:10], out_dir / "syntax-dev.spacy")
    counts["syntax-test"] = write_docbin(gsd_test, out_dir / "syntax-test.spacy")
    counts["syntax-all"] = write_docbin(pud_docs + gsd_dev + gsd_test, out_dir / "syntax-all.spacy", shuffle_seed=4)
    return counts


if __name__ == "__main__":  # pragma: no cover - convenience entry point
    import sys

    print(convert_all(Path(sys.argv[1]), Path(sys.argv[2])))
