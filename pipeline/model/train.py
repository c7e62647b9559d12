"""The training recipe of the bundled German pipeline (``pipeline model train``).

1. convert the open corpora of ``../shared/data`` to DocBin (:mod:`pipeline.model.corpora`), and write the raw text
   for pretraining (:func:`pipeline.model.corpora.write_pretrain_jsonl`: training splits and licence-compatible
   corpora only, no dev/test split, no Wikinews);
2. NER (``models/configs/ner-v2.cfg``): ``spacy pretrain`` of its tok2vec (characters objective) on that raw text,
   then ``spacy train`` on GermEval 2014 + SmartData train from the pretrained weights (``--paths.init_tok2vec``),
   model selection on GermEval + SmartData dev (:func:`train_ner`);
3. train syntax (tagger, morphologizer, lemmatizer, parser) on UD PUD + GSD dev with ``models/configs/syntax.cfg``,
   evaluate on GSD test, then retrain on all UD data for the shipped model;
4. assemble one pipeline: the syntax components plus the NER with its own tok2vec (``source``d);
5. evaluate (:mod:`pipeline.model.evaluate`, also ``pipeline model evaluate``): NER per label on GermEval test
   (all / news sentences) and SmartData test; syntax on GSD test (held-out model and shipped model, labelled);
   write ``scores.json`` next to the pipeline.

``pipeline model train --ner-only`` runs steps 1, 2 and 5 and replaces only the ``ner`` component of an existing
pipeline (default: the bundled one), leaving its syntax components untouched (:func:`train_ner_only`).
"""
from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Callable

import spacy

from .choice import BUNDLED_PATH, PROJECT_ROOT
from .corpora import convert_all, write_pretrain_jsonl
from .evaluate import evaluate_all, evaluate_ner, evaluate_syntax, format_table, write_scores  # noqa: F401

CONFIG_DIR = PROJECT_ROOT / "models" / "configs"
PIPELINE_NAME = "pipeline_news"
PIPELINE_VERSION = "0.1.0"
NER_CONFIG = CONFIG_DIR / "ner-v2.cfg"
NER_STEPS = 10000
NER_PRETRAIN_EPOCHS = 4
META = {
    "description": "German pipeline trained by this project from open data: UD German GSD + PUD (syntax, "
                   "CC BY-SA 4.0 / 3.0) and GermEval 2014 + DFKI SmartData (NER, CC BY 4.0; its tok2vec pretrained "
                   "on raw text of these corpora plus DFKI MobIE (CC BY 4.0) and Europeana Newspapers (CC0)). "
                   "See models/README.md.",
    "license": "CC BY-SA 4.0",
    "sources": [
        {"name": "UD German GSD", "license": "CC BY-SA 4.0"},
        {"name": "UD German PUD", "license": "CC BY-SA 3.0"},
        {"name": "GermEval 2014 NER (NoSta-D)", "license": "CC BY 4.0",
         "author": "Benikova, Biemann, Reznicek"},
        {"name": "DFKI SmartData Corpus", "license": "CC BY 4.0", "author": "Schiersch et al."},
        {"name": "DFKI MobIE Corpus (train split, raw text for NER pretraining)", "license": "CC BY 4.0",
         "author": "Hennig, Truong, Gabryszak"},
        {"name": "Europeana Newspapers NER corpora, German (raw text for NER pretraining)", "license": "CC0",
         "author": "Europeana Newspapers Project, 2012-2015"},
    ],
}


def _env() -> dict:
    return dict(os.environ, OMP_NUM_THREADS="1", OPENBLAS_NUM_THREADS="1", MKL_NUM_THREADS="1")


def _spacy_train(config: Path, out: Path, train: Path, dev: Path, steps: int, echo: Callable[[str], None],
                 extra: list[str] | None = None) -> Path:
    cmd = [sys.executable, "-m", "spacy", "train", str(config), "--output", str(out), "--paths.train", str(train),
           "--paths.dev", str(dev), "--training.max_steps", str(steps)] + list(extra or [])
    echo("$ " + " ".join(cmd))
    subprocess.run(cmd, check=True, env=_env())
    return out / "model-best"


def _spacy_pretrain(config: Path, out: Path, raw_text: Path, train: Path, dev: Path, epochs: int,
                    echo: Callable[[str], None]) -> Path:
    """``spacy pretrain`` (the config's ``[pretraining]`` section) into a fresh ``out``; returns the weights file."""
    if out.exists():
        shutil.rmtree(out)
    cmd = [sys.executable, "-m", "spacy", "pretrain", str(config), str(out), "--paths.raw_text", str(raw_text),
           "--paths.train", str(train), "--paths.dev", str(dev), "--pretraining.max_epochs", str(epochs)]
    echo("$ " + " ".join(cmd))
    subprocess.run(cmd, check=True, env=_env())
    return out / "model-last.bin"


def train_ner(data_dir: Path, workdir: Path, steps: int = NER_STEPS, pretrain_epochs: int = NER_PRETRAIN_EPOCHS,
              config: Path = NER_CONFIG, echo: Callable[[str], None] = print) -> Path:
    """Pretrain the NER tok2vec on raw text (skipped if ``pretrain_epochs`` is 0), then train the NER.

    Expects the converted corpora in ``workdir/corpus`` (:func:`pipeline.model.corpora.convert_all`).
    Returns the best model (``workdir/ner/model-best``, selected on GermEval + SmartData dev).
    """
    corpus = workdir / "corpus"
    train, dev = corpus / "ner-train.spacy", corpus / "ner-dev.spacy"
    extra: list[str] = []
    if pretrain_epochs > 0:
        raw = corpus / "ner-pretrain.jsonl"
        n = write_pretrain_jsonl(data_dir, raw)
        echo(f"pretraining text: {n} lines -> {raw}")
        weights = _spacy_pretrain(config, workdir / "ner-pretrain", raw, train, dev, pretrain_epochs, echo)
        extra = ["--paths.init_tok2vec", str(weights)]
    return _spacy_train(config, workdir / "ner", train, dev, steps, echo, extra)


def replace_ner(pipeline_dir: Path, ner_dir: Path, output: Path) -> Path:
    """Copy ``pipeline_dir`` with only its ``ner`` component replaced by the one of ``ner_dir``.

    The other components are written back unchanged (their weights are byte-identical).
    """
    nlp = spacy.load(pipeline_dir)
    ner_nlp = spacy.load(ner_dir)
    if "tok2vec" in ner_nlp.pipe_names:
        ner_nlp.replace_listeners("tok2vec", "ner", ["model.tok2vec"])
    index = nlp.pipe_names.index("ner")
    nlp.remove_pipe("ner")
    nlp.add_pipe("ner", source=ner_nlp, before=nlp.pipe_names[index] if index < len(nlp.pipe_names) else None)
    nlp.meta.update(META)
    tmp = output.parent / (output.name + ".tmp")
    if tmp.exists():
        shutil.rmtree(tmp)
    nlp.to_disk(tmp)
    if output.exists():
        shutil.rmtree(output)
    tmp.rename(output)
    return output


def assemble(syntax_dir: Path, ner_dir: Path, output: Path, extra_meta: dict | None = None) -> Path:
    """One pipeline: syntax components (shared tok2vec) + NER with its own, independent tok2vec."""
    syntax = spacy.load(syntax_dir)
    ner_nlp = spacy.load(ner_dir)
    if "tok2vec" in ner_nlp.pipe_names:
        ner_nlp.replace_listeners("tok2vec", "ner", ["model.tok2vec"])
    syntax.add_pipe("ner", source=ner_nlp, last=True)
    syntax.meta.update({"name": PIPELINE_NAME, "version": PIPELINE_VERSION, **META})
    if extra_meta:
        syntax.meta.update(extra_meta)
    output.parent.mkdir(parents=True, exist_ok=True)
    syntax.to_disk(output)
    return output


def _convert_and_train_ner(data_dir: Path, workdir: Path, ner_steps: int, pretrain_epochs: int,
                           echo: Callable[[str], None]) -> tuple[Path, dict, Path]:
    """Steps 1 and 2 of the recipe: convert the corpora into ``workdir/corpus``, then pretrain and train the NER.
    Returns the corpus folder, the conversion counts and the best NER model."""
    corpus = workdir / "corpus"
    echo(f"converting corpora from {data_dir} ...")
    counts = convert_all(data_dir, corpus)
    echo(json.dumps(counts))
    return corpus, counts, train_ner(data_dir, workdir, ner_steps, pretrain_epochs, echo=echo)


def train_all(data_dir: Path, workdir: Path, output: Path | None = None, ner_steps: int = NER_STEPS,
              syntax_steps: int = 4000, echo: Callable[[str], None] = print,
              pretrain_epochs: int = NER_PRETRAIN_EPOCHS) -> Path:
    output = output or BUNDLED_PATH
    corpus, counts, ner_best = _convert_and_train_ner(data_dir, workdir, ner_steps, pretrain_epochs, echo)
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


def train_ner_only(data_dir: Path, workdir: Path, output: Path | None = None, base: Path | None = None,
                   ner_steps: int = NER_STEPS, pretrain_epochs: int = NER_PRETRAIN_EPOCHS,
                   echo: Callable[[str], None] = print) -> Path:
    """Retrain only the NER and swap it into ``base`` (default: the bundled pipeline), written to ``output``
    (default: ``base``); then evaluate (``scores.json``). The syntax components stay byte-identical."""
    base = base or BUNDLED_PATH
    output = output or base
    corpus, counts, ner_best = _convert_and_train_ner(data_dir, workdir, ner_steps, pretrain_epochs, echo)
    replace_ner(base, ner_best, output)
    syntax_eval = workdir / "syntax-eval" / "model-best"
    scores = evaluate_all(output, corpus, syntax_eval=syntax_eval, counts=counts, echo=echo)
    path = write_scores(scores, output / "scores.json")
    echo(format_table(scores))
    return path
