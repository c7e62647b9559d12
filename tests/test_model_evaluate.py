"""`pipeline model evaluate`: NER / syntax scoring on hand-built gold docs, the target check, the report, the CLI."""
from __future__ import annotations

from pathlib import Path

import pytest
import spacy
from spacy.tokens import Doc, DocBin
from typer.testing import CliRunner

from pipeline.cli import app
from pipeline.model.choice import BUNDLED_PATH
from pipeline.model.evaluate import (
    evaluate_ner, evaluate_syntax, format_table, mood_sub_counts, syntax_disable, target_status)

PROJECT_ROOT = Path(__file__).resolve().parents[1]
SHARED_DATA = PROJECT_ROOT.parent / "shared" / "data"
GERMEVAL_TEST = SHARED_DATA / "germeval2014" / "NER-de-test.tsv"

# (text, gold entities as (surface, label)); every surface occurs once in its sentence
GOLD = [
    ("Angela Merkel besuchte am Montag Berlin.", [("Angela Merkel", "PER"), ("Berlin", "LOC")]),
    ("Siemens baut in Paris Stellen ab.", [("Siemens", "ORG"), ("Paris", "LOC")]),
    ("Olaf Scholz sprach mit der Presse.", [("Olaf Scholz", "PER")]),
    ("Die Bundesliga beginnt im August.", [("Bundesliga", "MISC")]),
]
# the rule-based "model": a boundary error (Merkel), a label error (Paris as ORG), a miss (Bundesliga), three hits
PATTERNS = [
    {"label": "PER", "pattern": "Merkel"},
    {"label": "LOC", "pattern": "Berlin"},
    {"label": "ORG", "pattern": "Siemens"},
    {"label": "ORG", "pattern": "Paris"},
    {"label": "PER", "pattern": "Olaf Scholz"},
]


def _gold_docs(nlp) -> list[Doc]:
    docs = []
    for text, ents in GOLD:
        doc = nlp.make_doc(text)
        spans = []
        for surface, label in ents:
            start = text.index(surface)
            span = doc.char_span(start, start + len(surface), label=label)
            assert span is not None, surface
            spans.append(span)
        doc.set_ents(spans, default="outside")
        docs.append(doc)
    return docs


@pytest.fixture(scope="module")
def ruler_nlp():
    nlp = spacy.blank("de")
    nlp.add_pipe("entity_ruler").add_patterns(PATTERNS)
    return nlp


@pytest.fixture(scope="module")
def gold_docbin(ruler_nlp) -> DocBin:
    return DocBin(docs=_gold_docs(ruler_nlp))


def test_evaluate_ner_values(ruler_nlp, gold_docbin):
    res = evaluate_ner(ruler_nlp, gold_docbin)
    counts = {"p", "r", "f", "tp", "fp", "fn", "n_gold", "n_pred"}
    assert set(res) == counts | {"n_docs", "core", "per_type"}
    # 6 gold, 5 predicted, 3 exact matches (Berlin, Siemens, Olaf Scholz)
    assert (res["n_docs"], res["n_gold"], res["n_pred"]) == (4, 6, 5)
    assert (res["tp"], res["fp"], res["fn"]) == (3, 2, 3)
    assert (res["p"], res["r"], res["f"]) == (0.6, 0.5, 0.5455)
    # PER, LOC, ORG only: the MISC miss does not count
    core = res["core"]
    assert core["labels"] == ["PER", "LOC", "ORG"] and (core["n_gold"], core["n_pred"]) == (5, 5)
    assert (core["p"], core["r"], core["f"]) == (0.6, 0.6, 0.6)
    per = res["per_type"]
    assert set(per) == {"PER", "LOC", "ORG", "MISC"}
    for label in per:
        assert set(per[label]) == counts
    assert (per["PER"]["p"], per["PER"]["r"], per["PER"]["f"]) == (0.5, 0.5, 0.5)
    assert (per["LOC"]["p"], per["LOC"]["r"], per["LOC"]["f"]) == (1.0, 0.5, 0.6667)
    assert (per["ORG"]["p"], per["ORG"]["r"], per["ORG"]["f"]) == (0.5, 1.0, 0.6667)
    assert per["MISC"] == {"p": 0.0, "r": 0.0, "f": 0.0, "tp": 0, "fp": 0, "fn": 1, "n_gold": 1, "n_pred": 0}
    assert (per["LOC"]["n_gold"], per["LOC"]["n_pred"], per["ORG"]["n_gold"], per["ORG"]["n_pred"]) == (2, 1, 1, 2)


def test_evaluate_ner_agrees_with_spacy_scorer(ruler_nlp, gold_docbin):
    from spacy.scorer import get_ner_prf
    from spacy.training import Example

    res = evaluate_ner(ruler_nlp, gold_docbin)
    gold = list(gold_docbin.get_docs(ruler_nlp.vocab))
    spacy_scores = get_ner_prf([Example(ruler_nlp(d.text), d) for d in gold])
    assert res["p"] == round(spacy_scores["ents_p"], 4) and res["f"] == round(spacy_scores["ents_f"], 4)
    for label, prf in spacy_scores["ents_per_type"].items():
        assert res["per_type"][label]["f"] == round(prf["f"], 4)


def test_evaluate_ner_consistent_with_predictions(ruler_nlp, gold_docbin, tmp_path):
    """The scores equal a direct count of exact (start, end, label) matches, for a DocBin file too."""
    path = tmp_path / "gold.spacy"
    gold_docbin.to_disk(path)
    res = evaluate_ner(ruler_nlp, path)
    gold = {(i, e.start_char, e.end_char, e.label_) for i, d in enumerate(_gold_docs(ruler_nlp)) for e in d.ents}
    pred = {(i, e.start_char, e.end_char, e.label_) for i, (t, _) in enumerate(GOLD) for e in ruler_nlp(t).ents}
    tp = len(gold & pred)
    assert (res["tp"], res["n_pred"], res["n_gold"]) == (tp, len(pred), len(gold))
    assert res["p"] == round(tp / len(pred), 4) and res["r"] == round(tp / len(gold), 4)
    for label in ("PER", "LOC", "ORG", "MISC"):
        g = {x for x in gold if x[3] == label}
        p = {x for x in pred if x[3] == label}
        assert res["per_type"][label]["p"] == (round(len(g & p) / len(p), 4) if p else 0.0)
        assert res["per_type"][label]["r"] == round(len(g & p) / len(g), 4)


def test_evaluate_ner_perfect_and_empty_predictions(gold_docbin):
    perfect = spacy.blank("de")
    perfect.add_pipe("entity_ruler").add_patterns(
        [{"label": label, "pattern": surface} for _, ents in GOLD for surface, label in ents])
    res = evaluate_ner(perfect, gold_docbin)
    assert (res["p"], res["r"], res["f"]) == (1.0, 1.0, 1.0)
    nothing = spacy.blank("de")
    nothing.add_pipe("entity_ruler").add_patterns([{"label": "PER", "pattern": "Niemand"}])  # never matches
    res = evaluate_ner(nothing, gold_docbin)
    assert res["n_pred"] == 0 and res["r"] == 0.0 and res["f"] == 0.0
    assert all(v["r"] == 0.0 and v["n_pred"] == 0 for v in res["per_type"].values())


def test_evaluate_syntax_mood_sub_and_pos():
    nlp = spacy.blank("de")
    ruler = nlp.add_pipe("attribute_ruler")
    ruler.add([[{"ORTH": "habe"}]], {"POS": "AUX", "MORPH": "Mood=Sub|VerbForm=Fin"})
    ruler.add([[{"ORTH": "sagte"}]], {"POS": "VERB", "MORPH": "Mood=Sub|VerbForm=Fin"})  # wrong: indicative
    words = ["Er", "habe", "gesprochen", ",", "sagte", "Kim", "."]
    gold = Doc(nlp.vocab, words=words, spaces=[True, True, False, True, True, False, False],
               pos=["PRON", "AUX", "VERB", "PUNCT", "VERB", "PROPN", "PUNCT"],
               morphs=["", "Mood=Sub|VerbForm=Fin", "VerbForm=Part", "", "Mood=Ind|VerbForm=Fin", "", ""])
    res = evaluate_syntax(nlp, [gold])
    assert res["mood_sub_gold"] == 1 and res["mood_sub_pred"] == 2
    assert res["mood_sub_recall"] == 1.0 and res["mood_sub_precision"] == 0.5
    assert res["n_docs"] == 1 and res["n_tokens"] == 7
    assert res["pos_acc"] == round(2 / 7, 4)  # only the two ruled tokens get a POS
    assert mood_sub_counts([]) == (0, 0, 0)


def test_target_status_and_table():
    def ner(per_f, loc_f):
        per_type = {"PER": {"p": per_f, "r": per_f, "f": per_f, "n_gold": 10, "n_pred": 10},
                    "LOC": {"p": loc_f, "r": loc_f, "f": loc_f, "n_gold": 10, "n_pred": 10}}
        return {"germeval2014_test_news": {"p": 0.8, "r": 0.8, "f": 0.8, "n_docs": 2, "n_gold": 20, "n_pred": 20,
                                           "per_type": per_type}}

    assert target_status(ner(0.90, 0.86))["met"] is True
    status = target_status(ner(0.772, 0.80))
    assert status["met"] is False and status["labels"]["PER"] == {"goal_f": 0.85, "f": 0.772, "met": False}
    scores = {"model": {"name": "de_x", "version": "0", "path": "p"}, "ner": ner(0.772, 0.80), "target": status,
              "syntax_ud_german_gsd_test": {
                  "held_out": {"note": "held-out", "pos_acc": 0.9, "morph_acc": 0.7, "lemma_acc": 0.9,
                               "dep_uas": 0.7, "dep_las": 0.6, "mood_sub_recall": 0.8, "mood_sub_precision": 0.9},
                  "evaluated_model": {"note": "NOT held out", "pos_acc": 0.99}}}
    table = format_table(scores)
    assert "NOT MET" in table and "0.772" in table and "held-out (syntax-eval)" in table and "NOT held out" in table


@pytest.mark.skipif(not (BUNDLED_PATH / "meta.json").exists(), reason="bundled pipeline missing")
def test_syntax_evaluation_skips_only_the_independent_ner():
    nlp = spacy.load(BUNDLED_PATH)
    assert syntax_disable(nlp) == ["ner"]  # the NER has its own tok2vec; nothing listens to it


@pytest.mark.skipif(not GERMEVAL_TEST.exists(), reason=f"open corpora not found at {SHARED_DATA} (../shared/data)")
@pytest.mark.skipif(not (BUNDLED_PATH / "meta.json").exists(), reason="bundled pipeline missing")
def test_bundled_ner_on_germeval_news_sample():
    from itertools import islice

    from pipeline.model.corpora import germeval_docs

    nlp = spacy.load(BUNDLED_PATH)
    docs = list(islice(germeval_docs(GERMEVAL_TEST, news_only=True), 100))
    res = evaluate_ner(nlp, docs)
    assert res["n_docs"] == 100 and res["n_gold"] > 50
    assert res["f"] > 0.5 and {"PER", "LOC", "ORG"} <= set(res["per_type"])


def _invoke(args):
    result = CliRunner().invoke(app, args, env={"COLUMNS": "120", "NO_COLOR": "1"})
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    return result


def test_cli_evaluate_help():
    result = _invoke(["model", "evaluate", "--help"])
    assert result.exit_code == 0
    for option in ("--model", "--data", "--workdir", "--syntax-eval", "--output"):
        assert option in result.stdout
    assert " evaluate " in _invoke(["model", "--help"]).stdout


def test_cli_evaluate_missing_data_fails_cleanly(tmp_path):
    result = _invoke(["model", "evaluate", "--data", str(tmp_path / "nope"), "--workdir", str(tmp_path / "w")])
    assert result.exit_code == 1
    assert "not found" in result.output
