"""LOC precision/recall of the bundled NER (+ person_rules) with and without the place filter of
``pipeline.extract.entities.not_a_place`` (common nouns, demonyms, -isch adjectives tagged as places).

    python models/scripts/eval_places.py [--sets dev] [--cache DIR] [--errors N]

Same data, tokenization and scoring as ``eval_ner_rules.py`` (exact span + label, spaCy's NER scorer); the filter
removes LOC entities, as ``entity_spans`` leaves them out of the places. Develop on ``dev`` only.
"""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import eval_ner_rules as E  # noqa: E402  (sets the thread environment, imports spaCy, registers person_rules)

from pipeline.extract.entities import not_a_place  # noqa: E402
from pipeline.model.labels import entity_type  # noqa: E402


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--model", default=str(E.REPO / "models" / "de_pipeline_news"))
    ap.add_argument("--sets", default="dev")
    ap.add_argument("--cache", type=Path, default=None)
    ap.add_argument("--errors", type=int, default=0, help="print up to N removed places (+ right, - wrong)")
    args = ap.parse_args(argv)
    names = E.SET_GROUPS.get(args.sets) or tuple(s.strip() for s in args.sets.split(",") if s.strip())
    nlp = E.spacy.load(args.model)
    rules = nlp.add_pipe("person_rules", after="ner")
    bare = [n for n in nlp.pipe_names if n != "person_rules"]
    for name in names:
        gold = E.gold_docs(name)
        with nlp.select_pipes(enable=bare):
            docs = E.analysed_docs(nlp, [g.text for g in gold], args.cache, f"{E.model_key(args.model)}|{name}")
        before = [rules(d.copy()) for d in docs]
        after, removed = [], []
        for doc, g in zip(before, gold):
            gold_locs = {(e.start_char, e.end_char) for e in g.ents if e.label_ == "LOC"}
            new = doc.copy()
            keep = []
            for ent in new.ents:
                if entity_type(ent.label_) == "place" and not_a_place(ent):
                    mark = "-" if (ent.start_char, ent.end_char) in gold_locs else "+"
                    removed.append(f"{mark} {ent.text!r:30} | {doc.text[max(0, ent.start_char - 60):ent.end_char + 40]!r}")
                else:
                    keep.append(ent)
            new.ents = keep
            after.append(new)
        b, a = E.scores(before, gold), E.scores(after, gold)
        print(f"## {name} ({len(gold)} texts)\n")
        print(f"LOC before {E._fmt(b['ents_per_type']['LOC'])}\nLOC after  {E._fmt(a['ents_per_type']['LOC'])}")
        good = sum(1 for r in removed if r[0] == "+")
        print(f"removed {len(removed)}: {good} not gold LOC, {len(removed) - good} gold LOC")
        for line in removed[: args.errors]:
            print(line)
        print()


if __name__ == "__main__":
    main()
