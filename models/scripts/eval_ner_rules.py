"""NER per label with and without the ``person_rules`` component (pipeline/extract/person_rules.py), which reads
the part of speech as ``pos_repair`` (pipeline/annotate.py) leaves it: "after" runs both, as ``pipeline run`` does.

    python models/scripts/eval_ner_rules.py [--model models/de_pipeline_news] [--sets test] [--cache DIR]
                                            [--errors N]

Sets (built from ../shared/data with pipeline.model.corpora, as the training recipe does):
  test: germeval-test-news (news sentences of GermEval 2014 test), germeval-test (all), smartdata-test
  dev:  germeval-dev-news, smartdata-dev  (the only data the rules and the lexicon thresholds were tuned on)

Scoring follows the training recipe (pipeline/model/train.py): each gold sentence/document is re-tokenized by the
pipeline (``nlp.make_doc(gold.text)``) and scored with spaCy's NER scorer (exact span + label).
The model runs once per text; "after" applies the component to a copy of the same analysed Doc, which is exactly
what running the pipeline with ``person_rules`` right after ``ner`` does (the component reads only the analysed Doc;
``--check`` verifies this on the first 300 texts of each set).
``--cache DIR`` keeps the analysed Docs (DocBin) so that repeated runs skip the model.
Use one CPU core: OMP_NUM_THREADS=1 (set below before spaCy is imported).
"""
from __future__ import annotations

import argparse
import hashlib
import os
import sys
from collections import Counter
from pathlib import Path

os.environ.setdefault("OMP_NUM_THREADS", "1")
os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")
os.environ.setdefault("MKL_NUM_THREADS", "1")

REPO = Path(__file__).resolve().parents[2]
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))

import spacy  # noqa: E402
from spacy.scorer import get_ner_prf  # noqa: E402
from spacy.tokens import Doc, DocBin  # noqa: E402
from spacy.training import Example  # noqa: E402

from pipeline.annotate import pos_repair  # noqa: E402  (registers "pos_repair")
from pipeline.extract import person_rules as _registration  # noqa: E402,F401  (registers "person_rules")
from pipeline.model.corpora import (GERMEVAL_MAP, bio_to_doc, is_news_source, read_bio_conll,  # noqa: E402
                                    smartdata_docs)

DATA = REPO.parent / "shared" / "data"
LABELS = ("PER", "LOC", "ORG", "MISC")
SET_GROUPS = {
    "test": ("germeval-test-news", "germeval-test", "smartdata-test"),
    "dev": ("germeval-dev-news", "smartdata-dev"),
}


def _germeval(path: Path, news_only: bool) -> list[Doc]:
    vocab = spacy.blank("de").vocab
    return [bio_to_doc(vocab, words, tags, GERMEVAL_MAP)
            for words, tags, source in read_bio_conll(path, label_col=2)
            if not news_only or is_news_source(source)]


def gold_docs(name: str) -> list[Doc]:
    ge, sd = DATA / "germeval2014", DATA / "smartdata"
    if name == "germeval-test-news":
        return _germeval(ge / "NER-de-test.tsv", news_only=True)
    if name == "germeval-test":
        return _germeval(ge / "NER-de-test.tsv", news_only=False)
    if name == "germeval-dev-news":
        return _germeval(ge / "NER-de-dev.tsv", news_only=True)
    if name == "smartdata-test":
        return list(smartdata_docs(sd / "smartdata_test.spans.jsonl"))
    if name == "smartdata-dev":
        return list(smartdata_docs(sd / "smartdata_dev.spans.jsonl"))
    raise SystemExit(f"unknown set {name!r}")


def model_key(model: str) -> str:
    """Cache key of a model: its path plus size and mtime of every file in it (a model replaced in place, e.g. by
    ``pipeline model train --ner-only``, gets a new key instead of the old model's cached analyses)."""
    path = Path(model)
    if not path.is_dir():
        return model
    files = sorted(f for f in path.rglob("*") if f.is_file() and f.name != "scores.json")
    stamp = ";".join(f"{f.relative_to(path)}:{f.stat().st_size}:{f.stat().st_mtime_ns}" for f in files)
    return f"{path.resolve()}|{hashlib.sha1(stamp.encode()).hexdigest()[:12]}"


def analysed_docs(nlp, texts: list[str], cache: Path | None, key: str) -> list[Doc]:
    """The bare model's analysis of each text (cached by model path + texts when ``cache`` is given)."""
    path = None
    if cache is not None:
        digest = hashlib.sha1("\n\x00".join([key] + texts).encode("utf-8")).hexdigest()[:16]
        path = cache / f"{digest}.spacy"
        if path.exists():
            return list(DocBin().from_disk(path).get_docs(nlp.vocab))
    docs = list(nlp.pipe((nlp.make_doc(t) for t in texts), batch_size=64))
    if path is not None:
        path.parent.mkdir(parents=True, exist_ok=True)
        DocBin(docs=docs).to_disk(path)
    return docs


def scores(pred: list[Doc], gold: list[Doc]) -> dict:
    return get_ner_prf([Example(p, g) for p, g in zip(pred, gold)])


def _fmt(s: dict) -> str:
    return f"P {s['p']:.3f} R {s['r']:.3f} F {s['f']:.3f}"


def table(name: str, before: dict, after: dict, n: int) -> str:
    lines = [f"## {name} ({n} texts)", "", "| label | before | after | ΔF |", "|---|---|---|---|"]
    rows = [(label, before["ents_per_type"].get(label), after["ents_per_type"].get(label)) for label in LABELS]
    rows.append(("all", {"p": before["ents_p"], "r": before["ents_r"], "f": before["ents_f"]},
                 {"p": after["ents_p"], "r": after["ents_r"], "f": after["ents_f"]}))
    for label, b, a in rows:
        if b is None or a is None:
            continue
        lines.append(f"| {label} | {_fmt(b)} | {_fmt(a)} | {a['f'] - b['f']:+.3f} |")
    return "\n".join(lines)


def changes(before: list[Doc], after: list[Doc], gold: list[Doc], limit: int) -> list[str]:
    """Entity changes made by the component, each marked good (+) / bad (-) / neutral (=) against the gold."""
    out = []
    for b, a, g in zip(before, after, gold):
        gold_set = {(e.start_char, e.end_char, e.label_) for e in g.ents}
        bs = {(e.start_char, e.end_char, e.label_) for e in b.ents}
        as_ = {(e.start_char, e.end_char, e.label_) for e in a.ents}
        for s, e, label in sorted(bs - as_):
            mark = "+" if (s, e, label) not in gold_set else "-"
            out.append(f"{mark} removed {label:4} {a.text[s:e]!r:30} | {a.text[:160]}")
        for s, e, label in sorted(as_ - bs):
            mark = "+" if (s, e, label) in gold_set else "-"
            out.append(f"{mark} added   {label:4} {a.text[s:e]!r:30} | {a.text[:160]}")
    return out[:limit] if limit >= 0 else out


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--model", default=str(REPO / "models" / "de_pipeline_news"))
    ap.add_argument("--sets", default="test", help="test, dev, or a comma-separated list of set names")
    ap.add_argument("--cache", type=Path, default=None, help="directory for the analysed Docs")
    ap.add_argument("--errors", type=int, default=0, help="print up to N entity changes per set (+ good, - bad)")
    ap.add_argument("--check", action="store_true", help="verify post-hoc == in-pipeline on 300 texts per set")
    args = ap.parse_args(argv)

    names = SET_GROUPS.get(args.sets) or tuple(s.strip() for s in args.sets.split(",") if s.strip())
    nlp = spacy.load(args.model)
    rules = nlp.add_pipe("person_rules", after="ner")
    nlp.add_pipe("pos_repair", before="person_rules")
    bare_pipes = [n for n in nlp.pipe_names if n not in ("person_rules", "pos_repair")]
    print(f"model {args.model}; pipes {nlp.pipe_names}\n")
    texts_cache: dict[str, list[Doc]] = {}
    for name in names:
        gold = texts_cache.setdefault(name, gold_docs(name))
        texts = [g.text for g in gold]
        with nlp.select_pipes(enable=bare_pipes):
            before = analysed_docs(nlp, texts, args.cache, f"{model_key(args.model)}|{name}")
        after = [rules(pos_repair(doc.copy())) for doc in before]
        print(table(name, scores(before, gold), scores(after, gold), len(gold)))
        if args.check:
            full = list(nlp.pipe(texts[:300]))
            same = all([(e.start, e.end, e.label_) for e in x.ents] == [(e.start, e.end, e.label_) for e in y.ents]
                       for x, y in zip(full, after))
            print(f"\ncheck: in-pipeline == post-hoc on {len(full)} texts: {same}")
        if args.errors:
            counts = Counter()
            lines = changes(before, after, gold, -1)
            for line in lines:
                counts[line[0]] += 1
            print(f"\nchanges: {counts['+']} good, {counts['-']} bad")
            print("\n".join(lines[: args.errors]))
        print()


if __name__ == "__main__":
    main()
