"""`pipeline evaluate` on modern-dev style gold: quotations found, canonical speakers, persons and places."""
from __future__ import annotations

import csv
import json
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from pipeline.cli import app
from pipeline.evaluate import GoldError
from pipeline.evaluate_speakers import (SPEAKERS, WIKINEWS, SpeakerPrediction, load_gold_file, normalize_name,
                                        score_output, score_speakers, speaker_right)

SHARED = Path(__file__).resolve().parents[1].parent / "shared"
EVAL = SHARED / "eval"
MODERN_DEV = EVAL / "modern-dev"
REFERENCE = EVAL / "score_speakers.py"

TEXT = ("Die Ministerin Anna Beispiel-Roth sagte in Bremen, der Plan sei gut. "
        "„Wir fangen morgen an“, erklärte sie. "
        "Die Feuerwehr forderte mehr Personal. "
        "Es hieß, das Geld reiche nicht. "
        "Der Bürgermeister will den Hafen in Bremerhaven ausbauen.")


def _span(part: str) -> tuple[int, int]:
    start = TEXT.index(part)
    return start, start + len(part)


def _quote(part, kind, speaker, tier="core", alt=()):
    start, end = _span(part)
    return {"start": start, "end": end, "kind": kind, "speaker": speaker, "speaker_alt": list(alt), "tier": tier}


PLAN = "der Plan sei gut"
MORGEN = "„Wir fangen morgen an“"
PERSONAL = "forderte mehr Personal"
GELD = "das Geld reiche nicht"
HAFEN = "will den Hafen in Bremerhaven ausbauen"

GOLD = {
    "id": "b1", "date": "2024-05-02", "text": TEXT,
    "quotes": [_quote(PLAN, "indirect", "Anna Beispiel-Roth", alt=["Beispiel-Roth"]),
               _quote(MORGEN, "direct", "Anna Beispiel-Roth"),
               _quote(PERSONAL, "indirect", "Feuerwehr", tier="act"),
               _quote(GELD, "indirect", "", alt=["Stadtverwaltung"]),
               _quote(HAFEN, "indirect", "Bürgermeister", tier="opt")],
    "persons": ["Anna Beispiel-Roth|Beispiel-Roth"],
    "places": ["Bremen", "Bremerhaven|Seestadt"],
}


def _pred(part: str, speaker: str, shift: tuple[int, int] = (0, 0)) -> SpeakerPrediction:
    start, end = _span(part)
    return SpeakerPrediction(start + shift[0], end + shift[1], speaker)


@pytest.fixture()
def gold_file(tmp_path: Path) -> Path:
    path = tmp_path / "gold.jsonl"
    path.write_text(json.dumps(GOLD, ensure_ascii=False) + "\n", encoding="utf-8")
    return path


def _gold(gold_file: Path) -> list[dict]:
    fmt, docs = load_gold_file(gold_file)
    assert fmt == SPEAKERS
    return docs


def _write_output(out: Path, preds: list[SpeakerPrediction], entities: list[tuple[str, str]]) -> Path:
    out.mkdir(parents=True, exist_ok=True)
    with open(out / "quotes.csv", "w", newline="", encoding="utf-8-sig") as fh:
        writer = csv.writer(fh)
        writer.writerow(["article_id", "quote_id", "kind", "quote_start", "quote_end", "speaker"])
        for k, p in enumerate(preds, start=1):
            writer.writerow(["b1", f"b1-q{k:03d}", "indirect", p.start, p.end, p.speaker])
    with open(out / "entities.csv", "w", newline="", encoding="utf-8-sig") as fh:
        writer = csv.writer(fh)
        writer.writerow(["article_id", "type", "text", "canonical"])
        for kind, name in entities:
            writer.writerow(["b1", kind, name, name])
    return out


def test_names_compare_without_case_punctuation_hyphens_and_spacing():
    assert normalize_name("  Anna  Beispiel-Roth. ") == "anna beispiel roth"
    assert normalize_name("ANNA BEISPIEL ROTH") == normalize_name("anna beispiel-roth")
    assert normalize_name("Straße") == normalize_name("STRASSE")
    assert normalize_name("Ｆｅｕｅｒｗｅｈｒ") == "feuerwehr"  # NFKC: full-width letters
    assert normalize_name("„Bremer Bündnis“") == "bremer bündnis"
    assert normalize_name(None) == normalize_name("") == normalize_name(" – ") == ""


def test_pairing_maximizes_the_total_character_overlap(gold_file):
    # the first prediction overlaps PLAN by a little and MORGEN by more; the second covers MORGEN better:
    # Hungarian pairing gives each one gold quotation, so both are found
    plan_start, plan_end = _span(PLAN)
    morgen_start, _ = _span(MORGEN)
    preds = [SpeakerPrediction(plan_end - 3, morgen_start + 10, "Anna Beispiel-Roth"),
             _pred(MORGEN, "Anna Beispiel-Roth", shift=(1, -1))]
    d = score_speakers(_gold(gold_file), {"b1": preds}, {}).as_dict()
    assert d["counts"]["found_core"] == 2 and d["precision"] == 1.0
    assert d["found_core"] == round(2 / 3, 3)
    # a prediction overlapping no gold quotation is a false positive
    preds.append(SpeakerPrediction(0, 14, "Anna Beispiel-Roth"))  # "Die Ministerin"
    d = score_speakers(_gold(gold_file), {"b1": preds}, {}).as_dict()
    assert d["precision"] == round(2 / 3, 3) and d["counts"]["pred"] == 3


def test_opt_tier_predictions_are_neither_right_nor_wrong(gold_file):
    gold = _gold(gold_file)
    base = [_pred(PLAN, "Anna Beispiel-Roth")]
    with_opt = base + [_pred(HAFEN, "Otto Anders")]
    a = score_speakers(gold, {"b1": base}, {}).as_dict()
    b = score_speakers(gold, {"b1": with_opt}, {}).as_dict()
    for key in ("found_core", "found_core_act", "precision", "speaker_acc", "e2e_recall_core", "e2e_precision"):
        assert a[key] == b[key], key
    assert b["counts"]["pred"] == 1 and b["counts"]["found_opt"] == 1
    assert b["counts"]["gold_opt"] == 1 and b["counts"]["gold_core"] == 3 and b["counts"]["gold_act"] == 1


def test_speaker_accuracy_with_alternatives_and_normalization(gold_file):
    gold = _gold(gold_file)
    preds = [_pred(PLAN, "beispiel roth"),          # an alternative, other case and no hyphen: right
             _pred(MORGEN, "Anna Beispiel-Roth."),  # right
             _pred(PERSONAL, "die Feuerwehr"),      # act tier; an article is not stripped: wrong
             _pred(GELD, "Stadtverwaltung")]        # empty gold speaker, but an alternative: right
    d = score_speakers(gold, {"b1": preds}, {}).as_dict()
    assert d["found_core"] == 1.0 and d["found_core_act"] == 1.0 and d["precision"] == 1.0
    assert d["speaker_acc"] == 0.75
    assert d["e2e_recall_core"] == 1.0 and d["e2e_precision"] == 0.75
    assert d["found_by_kind"]["direct"]["core"] == 1.0 and d["found_by_kind"]["indirect"]["gold_core_act"] == 3


def test_an_empty_gold_speaker_takes_an_empty_prediction_or_an_alternative():
    open_speaker = {"speaker": "", "speaker_alt": ["Stadtverwaltung"]}
    assert speaker_right("", open_speaker)
    assert speaker_right(" stadtverwaltung ", open_speaker)
    assert not speaker_right("Anna Beispiel-Roth", open_speaker)
    assert not speaker_right("", {"speaker": "Feuerwehr", "speaker_alt": []})
    assert speaker_right("", {"speaker": "", "speaker_alt": []})


def test_persons_and_places_match_any_alternative_once(gold_file):
    gold = _gold(gold_file)
    entities = {"b1": {"person": {normalize_name("Beispiel-Roth"), normalize_name("Otto Anders")},
                       "place": {normalize_name("Seestadt"), normalize_name("Bremen")}}}
    d = score_speakers(gold, {}, entities).as_dict()
    assert d["persons"]["tp"] == 1 and d["persons"]["p"] == 0.5 and d["persons"]["r"] == 1.0
    assert d["places"]["f1"] == 1.0
    # two gold names sharing an alternative: one predicted name matches only one of them
    doc = dict(gold[0], persons=["Anna Beispiel-Roth|Beispiel-Roth", "Jan Beispiel-Roth|Beispiel-Roth"])
    d = score_speakers([doc], {}, {"b1": {"person": {"beispiel roth"}}}).as_dict()
    assert (d["persons"]["tp"], d["persons"]["fp"], d["persons"]["fn"]) == (1, 0, 1)


@pytest.mark.parametrize("change, message", [
    ({"tier": "must"}, r"bad\.jsonl:2: article 'b2': quotation 1: 'tier' must be core, act or opt"),
    ({"kind": "Direct"}, r"bad\.jsonl:2: .*'kind' must be direct, indirect or mixed"),
    ({"end": 10_000}, r"bad\.jsonl:2: .*'start' and 'end' must be offsets"),
    ({"start": "5"}, r"bad\.jsonl:2: .*'start' and 'end' must be offsets"),
    ({"speaker": None}, r"bad\.jsonl:2: .*'speaker' must be a string"),
    ({"speaker_alt": "Roth"}, r"bad\.jsonl:2: .*'speaker_alt' must be a list"),
])
def test_malformed_gold_quotation_names_file_and_line(tmp_path, change, message):
    bad = dict(GOLD, id="b2", quotes=[dict(GOLD["quotes"][0], **change)])
    path = tmp_path / "bad.jsonl"
    path.write_text("\n".join(json.dumps(doc, ensure_ascii=False) for doc in (GOLD, bad)) + "\n", encoding="utf-8")
    with pytest.raises(GoldError, match=message):
        load_gold_file(path)


def test_malformed_gold_articles_name_file_and_line(tmp_path):
    wikinews = {"id": "w1", "text": TEXT, "quotes": [{"quote": [list(_span(PLAN))], "speaker": [[15, 33]]}]}
    cases = [
        (dict(GOLD, persons="Anna Beispiel-Roth"), r"bad\.jsonl:1: article 'b1': 'persons' must be a list"),
        ({k: v for k, v in GOLD.items() if k != "places"}, r"bad\.jsonl:1: .*'places' must be a list"),
        (dict(GOLD, quotes=[{"text": "der Plan", "speaker": "Anna"}]), r"bad\.jsonl:1: quotation 1 has neither"),
        (dict(GOLD, quotes=GOLD["quotes"] + wikinews["quotes"]), r"bad\.jsonl:1: the article mixes"),
    ]
    path = tmp_path / "bad.jsonl"
    for doc, message in cases:
        path.write_text(json.dumps(doc, ensure_ascii=False) + "\n", encoding="utf-8")
        with pytest.raises(GoldError, match=message):
            load_gold_file(path)
    path.write_text(json.dumps(wikinews) + "\n" + json.dumps(GOLD) + "\n", encoding="utf-8")
    with pytest.raises(GoldError, match=r"bad\.jsonl:2: a modern-dev-format article in a wikinews-format gold "
                                        r"file \(as line 1 shows\)"):
        load_gold_file(path)


def test_wikinews_gold_is_still_recognized(tmp_path):
    path = tmp_path / "wikinews.jsonl"
    doc = {"id": "w1", "text": TEXT, "quotes": [{"quote": [list(_span(PLAN))], "speaker": [[15, 33]],
                                                 "type": "Indirect"}]}
    path.write_text(json.dumps(doc, ensure_ascii=False) + "\n", encoding="utf-8")
    fmt, docs = load_gold_file(path)
    assert fmt == WIKINEWS and docs[0]["tokens"][:2] == [[0, 3], [4, 14]]


PREDICTIONS = [_pred(PLAN, "Beispiel-Roth"), _pred(MORGEN, "Feuerwehr"), _pred(HAFEN, ""),
               SpeakerPrediction(0, 14, "")]
ENTITIES = [("person", "Anna Beispiel-Roth"), ("place", "Bremen"), ("place", "Bremerhaven"),
            ("organization", "Feuerwehr")]


def test_cli_scores_an_output_directory(gold_file, tmp_path):
    out = _write_output(tmp_path / "out", PREDICTIONS, ENTITIES)
    result = CliRunner().invoke(app, ["evaluate", str(gold_file), "--predictions", str(out), "--json"])
    assert result.exit_code == 0, result.output
    d = json.loads(result.output)
    assert (d["found_core"], d["precision"], d["speaker_acc"]) == (round(2 / 3, 3), round(2 / 3, 3), 0.5)
    assert d["persons"]["f1"] == 1.0 and d["places"]["f1"] == 1.0
    table = CliRunner().invoke(app, ["evaluate", str(gold_file), "--predictions", str(out)]).output
    assert "speaker accuracy          0.500  (1 of 2)" in table
    assert "persons" in table and "end-to-end recall, core" in table


def test_cli_needs_the_entities_table(gold_file, tmp_path):
    out = _write_output(tmp_path / "out", PREDICTIONS, ENTITIES)
    (out / "entities.csv").unlink()
    result = CliRunner().invoke(app, ["evaluate", str(gold_file), "--predictions", str(out)])
    assert result.exit_code != 0
    assert "entities.csv not found" in result.output


def _reference(gold: Path, out: Path) -> dict:
    printed = subprocess.run([sys.executable, str(REFERENCE), str(gold), str(out), "--json"],
                             capture_output=True, text=True, check=True).stdout
    return json.loads(printed.splitlines()[0])


def _assert_same(reference: dict, ours: dict) -> None:
    for key, value in reference.items():
        if isinstance(value, dict):
            assert {k: ours[key][k] for k in value} == value, key
        else:
            assert ours[key] == value, key


@pytest.mark.skipif(not REFERENCE.exists(), reason=f"../shared/eval not present: {REFERENCE} missing")
def test_hand_made_fixture_scores_like_the_reference_scorer(gold_file, tmp_path):
    out = _write_output(tmp_path / "out", PREDICTIONS, ENTITIES)
    ours, _ = score_output(SPEAKERS, _gold(gold_file), out)
    _assert_same(_reference(gold_file, out), ours)


@pytest.mark.skipif(not (MODERN_DEV / "gold.jsonl").exists() or not REFERENCE.exists(),
                    reason=f"../shared/eval/modern-dev not present ({MODERN_DEV})")
def test_modern_dev_scores_equal_the_reference_scorer(nlp, tmp_path):
    from pipeline.batch import run_batch

    summary = run_batch([MODERN_DEV / "in"], tmp_path, nlp=nlp, workers=1, workbook=False)
    assert summary.ok == summary.total > 0
    gold = MODERN_DEV / "gold.jsonl"
    fmt, docs = load_gold_file(gold)
    assert fmt == SPEAKERS
    ours, _ = score_output(fmt, docs, tmp_path)
    reference = _reference(gold, tmp_path)
    _assert_same(reference, ours)
    assert reference["counts"]["gold_core"] > 0 and reference["counts"]["pred"] > 0
