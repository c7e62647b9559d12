"""The training recipe of the bundled German pipeline (``pipeline model train``).

1. convert the open corpora of ``../shared/data`` to DocBin (:mod:`pipeline.model.corpora`);
2. train NER (GermEval 2014 + SmartData) with ``models/configs/ner.cfg``;
3. train syntax (tagger, morphologizer, lemmatizer, parser) on UD PUD + GSD dev with ``models/configs/syntax.cfg``,
   evaluate on GSD test, then retrain on all UD data for the shipped model;
4. assemble one pipeline: the syntax components plus the NER with its own tok2vec (``source``d);
5. evaluate (:mod:`pipeline.model.evaluate`, also ``pipeline model evaluate``): NER per label on GermEval test
   (all / news sentences) and SmartData test; syntax on GSD test (held-out model and shipped model, labelled);
   write ``scores.json`` next to the pipeline.
"""
from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Callable

import spacy

from .choice import BUNDLED_PATH, PROJECT_ROOT
from .corpora import convert_all
from .evaluate import evaluate_all, evaluate_ner, evaluate_syntax, format_table, write_scores  # noqa: F401

CONFIG_DIR = PROJECT_ROOT / "models" / "configs"
PIPELINE_NAME = "pipeline_news"
PIPELINE_VERSION = "0.1.0"


def _spacy_train(config: Path, out: Path, train: Path, dev: Path, steps: int, echo: Callable[[str], None]) -> Path:
    env = dict(os.environ, OMP_NUM_THREADS="1", OPENBLAS_NUM_THREADS="1", MKL_NUM_THREADS="1")
    cmd = [sys.executable, "-m", "spacy", "train", str(config), "--output", str(out), "--paths.train", str(train),
           "--paths.dev", str(dev), "--training.max_steps", str(steps)]
    echo("$ " + " ".join(cmd))
    subprocess.run(cmd, check=True, env=env)
    return out / "model-best"


def assemble(syntax_dir: Path, ner_dir: Path, output: Path, extra_meta: dict | None = None) -> Path:
    """One pipeline: syntax components (shared tok2vec) + NER with its own, independent tok2vec."""
    syntax = spacy.load(syntax_dir)
    ner_nlp = spacy.load(ner_dir)
    if "tok2vec" in ner_nlp.pipe_names:
        ner_nlp.replace_listeners("tok2vec", "ner", ["model.tok2vec"])
    syntax.add_pipe("ner", source=ner_nlp, last=True)
    syntax.meta.update({
        "name": PIPELINE_NAME,
        "version": PIPELINE_VERSION,
        "description": "German pipeline trained by this project from open data: UD German GSD + PUD (syntax, "
                       "CC BY-SA 4.0 / 3.0) and GermEval 2014 + DFKI SmartData (NER, CC BY 4.0). See models/README.md.",
        "license": "CC BY-SA 4.0",
        "sources": [
            {"name": "UD German GSD", "license": "CC BY-SA 4.0"},
            {"name": "UD German PUD", "license": "CC BY-SA 3.0"},
            {"name": "GermEval 2014 NER (NoSta-D)", "license": "CC BY 4.0",
             "author": "Benikova, Biemann, Reznicek"},
            {"name": "DFKI SmartData Corpus", "license": "CC BY 4.0", "author": "Schiersch et al."},
        ],
    })
    if extra_meta:
        syntax.meta.update(extra_meta)
    output.parent.mkdir(parents=True, exist_ok=True)
    syntax.to_disk(output)
    return output


def train_all(data_dir: Path, workdir: Path, output: Path | None = None, ner_steps: int = 12000,
              syntax_steps: int = 4000, echo: Callable[[str], None] = print) -> Path:
    output = output or BUNDLED_PATH
    corpus = workdir / "corpus"
    echo(f"converting corpora from {data_dir} ...")
    counts = convert_all(data_dir, corpus)
    echo(json.dumps(counts))
    ner_best = _spacy_train(CONFIG_DIR / "ner.cfg", workdir / "ner", corpus / "ner-train.spacy",
                            corpus / "ner-dev.spacy", ner_steps, echo)
    syntax_eval = _spacy_train(CONFIG_DIR / "syntax.cfg", workdir / "syntax-eval", corpus / "syntax-train.spacy",
                               corpus / "syntax-dev.spacy", syntax_steps, echo)
    syntax_scores = evaluate_syntax(spacy.load(syntax_eval), corpus / "syntax-test.spacy")
    echo(f"syntax on UD German GSD test (model trained without it): {json.dumps(syntax_scores)}")
    syntax_final = _spacy_train(CONFIG_DIR / "syntax.cfg", workdir / "syntax-all", corpus / "syntax-all.spacy",
                                corpus / "syntax-dev.spacy", syntax_steps, echo)
    return finish(syntax_final, ner_best, output, corpus, syntax_scores, counts, echo, syntax_eval=syntax_eval)


def finish(syntax_dir: Path, ner_dir: Path, output: Path, corpus: Path, syntax_scores: dict, counts: dict,
           echo: Callable[[str], None] = print, syntax_eval: Path | None = None) -> Path:
    """Assemble the pipeline, evaluate it (:func:`pipeline.model.evaluate.evaluate_all`), write ``scores.json``."""
    assemble(syntax_dir, ner_dir, output)
    scores = evaluate_all(output, corpus, syntax_eval=syntax_eval, counts=counts, held_out_scores=syntax_scores,
                          echo=echo)
    path = write_scores(scores, output / "scores.json")
    echo(format_table(scores))
    return path
