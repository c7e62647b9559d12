"""`pipeline evaluate`: token-overlap scoring of quotations and speakers against gold data."""
from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from pipeline.cli import app
from pipeline.evaluate import GoldError, Predicted, load_gold, score

TEXT = "Merkel sagte, die Lage sei ernst. Das Wetter war gut. „Wir schaffen das“, sagte sie."
#       0      7     13                            33                      56


def _span(text: str, part: str) -> list[int]:
    start = TEXT.index(part)
    return [start, start + len(part)]


GOLD = {
    "id": "a1",
    "text": TEXT,
    "quotes": [
        {"quote": [_span(TEXT, "die Lage sei ernst")], "speaker": [_span(TEXT, "Merkel")], "type": "Indirect"},
        {"quote": [_span(TEXT, "„Wir schaffen das“")], "speaker": [_span(TEXT, "sie")], "type": "Direct"},
    ],
}


@pytest.fixture()
def gold_file(tmp_path: Path) -> Path:
    path = tmp_path / "gold.jsonl"
    path.write_text(json.dumps(GOLD, ensure_ascii=False) + "\n", encoding="utf-8")
    return path


def test_tokens_are_made_when_the_gold_has_none(gold_file):
    doc = load_gold(gold_file)[0]
    words = [TEXT[s:e] for s, e in doc["tokens"]]
    assert words[:4] == ["Merkel", "sagte", ",", "die"]


def test_perfect_prediction_scores_one(gold_file):
    gold = load_gold(gold_file)
    preds = {"a1": [Predicted(tuple(_span(TEXT, "die Lage sei ernst")), tuple(_span(TEXT, "Merkel")), "indirect"),
                    Predicted(tuple(_span(TEXT, "„Wir schaffen das“")), tuple(_span(TEXT, "sie")), "direct")]}
    s = score(gold, preds)
    assert (s.quote.precision, s.quote.recall, s.speaker.f1) == (1.0, 1.0, 1.0)


def test_partial_quote_wrong_speaker_and_a_spurious_quote(gold_file):
    gold = load_gold(gold_file)
    preds = {"a1": [
        # "Lage sei ernst": 3 of the 4 gold tokens, speaker right
        Predicted(tuple(_span(TEXT, "Lage sei ernst")), tuple(_span(TEXT, "Merkel")), "indirect"),
        # the direct quote without its marks (3 of 5 tokens), speaker missing
        Predicted(tuple(_span(TEXT, "Wir schaffen das")), None, "direct"),
        # not a quotation at all: 4 false positive tokens, its speaker 1 false positive
        Predicted(tuple(_span(TEXT, "Das Wetter war gut")), tuple(_span(TEXT, "Merkel")), "indirect"),
    ]}
    s = score(gold, preds)
    assert (s.quote.tp, s.quote.fp, s.quote.fn) == (6, 4, 3)
    assert (s.speaker.tp, s.speaker.fp, s.speaker.fn) == (1, 1, 1)
    assert s.by_gold_type["Direct"].recall == pytest.approx(3 / 5)
    assert s.by_pred_kind["indirect"].precision == pytest.approx(3 / 7)


def test_malformed_gold_names_file_and_line(tmp_path):
    path = tmp_path / "bad.jsonl"
    path.write_text(json.dumps(GOLD) + "\n{not json\n", encoding="utf-8")
    with pytest.raises(GoldError, match=r"bad\.jsonl:2"):
        load_gold(path)


def test_cli_scores_existing_predictions(gold_file, tmp_path):
    out = tmp_path / "out"
    out.mkdir()
    with open(out / "quotes.csv", "w", newline="", encoding="utf-8-sig") as fh:
        writer = csv.DictWriter(fh, ["article_id", "kind", "quote_start", "quote_end", "speaker_start",
                                     "speaker_end"])
        writer.writeheader()
        s, e = _span(TEXT, "die Lage sei ernst")
        ss, se = _span(TEXT, "Merkel")
        writer.writerow({"article_id": "a1", "kind": "indirect", "quote_start": s, "quote_end": e,
                         "speaker_start": ss, "speaker_end": se})
    result = CliRunner().invoke(app, ["evaluate", str(gold_file), "--predictions", str(out), "--json"])
    assert result.exit_code == 0, result.output
    scores = json.loads(result.output)
    assert scores["quote"]["p"] == 1.0
    assert scores["quote"]["r"] == pytest.approx(4 / 9, abs=1e-3)
    assert scores["gold_quotes"] == 2 and scores["pred_quotes"] == 1


def test_cli_runs_the_pipeline_on_the_gold_texts(gold_file, tmp_path):
    result = CliRunner().invoke(app, ["evaluate", str(gold_file), "--output", str(tmp_path / "run")])
    assert result.exit_code == 0, result.output
    assert "quotation tokens" in result.output
    assert (tmp_path / "run" / "quotes.csv").is_file()


def test_cli_missing_gold_is_a_clear_error(tmp_path):
    result = CliRunner().invoke(app, ["evaluate", str(tmp_path / "nope.jsonl")])
    assert result.exit_code != 0
    assert "no such gold file" in result.output
