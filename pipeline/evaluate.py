"""Measure quotation extraction against gold data (``pipeline evaluate``).

Gold format: one JSON article per line, as in the German Wikinews quotation corpus (Petersen-Frey & Biemann,
LREC-COLING 2024) and the GermEval 2023 speaker-attribution task::

    {"id": "...", "text": "...", "date": "2005-08-20", "tokens": [[0, 7], [8, 11], ...],
     "quotes": [{"quote": [[start, end], ...], "speaker": [[start, end], ...], "type": "Direct"}, ...]}

``tokens`` (character ranges) is optional: without it the text is split into words and punctuation.

Scoring follows that task: predicted and gold quotations are paired by maximum token overlap (Hungarian
assignment); then quotation tokens and speaker tokens are counted as true/false positives/negatives. Unpaired
predictions count all their tokens as false positives, unpaired gold quotations all theirs as false negatives.
Besides the overall figures, recall is broken down by the gold ``type`` and precision by the predicted ``kind``.

Gold with character spans and canonical speakers (the modern-dev format) is scored by
:mod:`pipeline.evaluate_speakers`, which tells the two formats apart.
"""
from __future__ import annotations

import csv
import json
import re
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable, Iterator

import numpy as np

_TOKEN = re.compile(r"\w+|[^\w\s]", re.UNICODE)


class GoldError(ValueError):
    """The gold file is malformed; the message names the file and line."""


@dataclass
class Counts:
    tp: int = 0
    fp: int = 0
    fn: int = 0

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def as_dict(self) -> dict:
        return {"p": round(self.precision, 3), "r": round(self.recall, 3), "f1": round(self.f1, 3),
                "tp": self.tp, "fp": self.fp, "fn": self.fn}


@dataclass
class Scores:
    quote: Counts = field(default_factory=Counts)
    speaker: Counts = field(default_factory=Counts)
    gold_quotes: int = 0
    pred_quotes: int = 0
    by_gold_type: dict[str, Counts] = field(default_factory=lambda: defaultdict(Counts))
    by_pred_kind: dict[str, Counts] = field(default_factory=lambda: defaultdict(Counts))

    def as_dict(self) -> dict:
        return {
            "quote": self.quote.as_dict(),
            "speaker": self.speaker.as_dict(),
            "gold_quotes": self.gold_quotes,
            "pred_quotes": self.pred_quotes,
            "recall_by_gold_type": {k: {"r": round(c.recall, 3), "tokens": c.tp + c.fn}
                                    for k, c in sorted(self.by_gold_type.items())},
            "precision_by_kind": {k: {"p": round(c.precision, 3), "tokens": c.tp + c.fp}
                                  for k, c in sorted(self.by_pred_kind.items())},
        }


@dataclass(frozen=True)
class Predicted:
    quote: tuple[int, int]
    speaker: tuple[int, int] | None
    kind: str = ""


def read_gold_articles(path: Path) -> list[tuple[int, dict]]:
    """(line number, article) of every non-empty line of a gold JSONL file: an object with ``id``, ``text`` and
    a list ``quotes`` (either gold format; :mod:`pipeline.evaluate_speakers` tells them apart)."""
    articles = []
    with open(path, encoding="utf-8") as fh:
        for no, line in enumerate(fh, start=1):
            if not line.strip():
                continue
            try:
                doc = json.loads(line)
            except json.JSONDecodeError as err:
                raise GoldError(f"{path}:{no}: not valid JSON ({err.msg})") from None
            if not isinstance(doc, dict) or not isinstance(doc.get("text"), str) or "id" not in doc:
                raise GoldError(f"{path}:{no}: an article needs 'id' and 'text'")
            if not isinstance(doc.get("quotes", []), list):
                raise GoldError(f"{path}:{no}: 'quotes' must be a list")
            articles.append((no, doc))
    return articles


def with_tokens(doc: dict) -> dict:
    """``doc`` with ``tokens`` (words and punctuation of its text) if it has none."""
    if not doc.get("tokens"):
        doc["tokens"] = [[m.start(), m.end()] for m in _TOKEN.finditer(doc["text"])]
    return doc


def load_gold(path: Path) -> list[dict]:
    """Gold articles of a JSONL file (Wikinews format); each gets ``tokens`` if it has none."""
    return [with_tokens(doc) for _, doc in read_gold_articles(path)]


def _token_ids(tokens: list[list[int]], spans: Iterable) -> frozenset[int]:
    ids: set[int] = set()
    for span in spans:
        if span is None:
            continue
        start, end = span
        if start is None or end is None or end <= start:
            continue
        ids.update(i for i, (b, e) in enumerate(tokens) if b < end and e > start)
    return frozenset(ids)


def paired(overlap: np.ndarray) -> list[tuple[int, int]]:
    """(prediction, gold) pairs of largest total overlap (Hungarian assignment; rows are predictions, columns
    gold quotations); pairs without overlap are dropped."""
    try:
        from scipy.optimize import linear_sum_assignment
    except ImportError as err:  # scipy is the optional extra `evaluate`, not a dependency of `pipeline run`
        raise ImportError("scoring quotations (pipeline evaluate) needs scipy: "
                          "pip install 'wer-sagte-was[evaluate]' (or pip install scipy)") from err
    rows, cols = linear_sum_assignment(-overlap)
    return [(int(i), int(j)) for i, j in zip(rows, cols) if overlap[i, j] > 0]


def score_article(gold: dict, predicted: list[Predicted], scores: Scores) -> None:
    tokens = gold["tokens"]
    golds = [(_token_ids(tokens, g.get("quote", [])), _token_ids(tokens, g.get("speaker", [])),
              g.get("type", "") or "") for g in gold.get("quotes", [])]
    preds = [(_token_ids(tokens, [p.quote]), _token_ids(tokens, [p.speaker]), p.kind) for p in predicted]
    preds = [p for p in preds if p[0]]
    scores.gold_quotes += len(golds)
    scores.pred_quotes += len(preds)
    pairs: list[tuple[int, int]] = []
    if golds and preds:
        pairs = paired(np.array([[len(p[0] & g[0]) for g in golds] for p in preds]))
    for i, j in pairs:
        (pq, ps, kind), (gq, gs, gtype) = preds[i], golds[j]
        for counts in (scores.quote, scores.by_gold_type[gtype], scores.by_pred_kind[kind]):
            counts.tp += len(pq & gq)
        scores.quote.fp += len(pq - gq)
        scores.by_pred_kind[kind].fp += len(pq - gq)
        scores.quote.fn += len(gq - pq)
        scores.by_gold_type[gtype].fn += len(gq - pq)
        scores.speaker.tp += len(ps & gs)
        scores.speaker.fp += len(ps - gs)
        scores.speaker.fn += len(gs - ps)
    paired_p = {i for i, _ in pairs}
    paired_g = {j for _, j in pairs}
    for i, (pq, ps, kind) in enumerate(preds):
        if i not in paired_p:
            scores.quote.fp += len(pq)
            scores.by_pred_kind[kind].fp += len(pq)
            scores.speaker.fp += len(ps)
    for j, (gq, gs, gtype) in enumerate(golds):
        if j not in paired_g:
            scores.quote.fn += len(gq)
            scores.by_gold_type[gtype].fn += len(gq)
            scores.speaker.fn += len(gs)


def _int(value: str | None) -> int | None:
    try:
        return int(float(value)) if value not in (None, "") else None
    except ValueError:
        return None


def csv_rows(path: Path) -> Iterator[dict[str, str]]:
    """The rows of one of this project's CSV tables, whatever its separator (``--csv-dialect`` / ``--csv-sep``);
    column names stripped and in lower case."""
    with open(path, newline="", encoding="utf-8-sig") as fh:
        header = fh.readline()
        fh.seek(0)
        delimiter = max(",;\t|", key=header.count)
        for row in csv.DictReader(fh, delimiter=delimiter):
            yield {key.strip().lower(): value for key, value in row.items() if key}


def read_predictions(quotes_csv: Path) -> dict[str, list[Predicted]]:
    """``quotes.csv`` rows (this project's columns) grouped by article id."""
    out: dict[str, list[Predicted]] = defaultdict(list)
    for row in csv_rows(quotes_csv):
        start, end = _int(row.get("quote_start")), _int(row.get("quote_end"))
        if start is None or end is None:
            continue
        s_start, s_end = _int(row.get("speaker_start")), _int(row.get("speaker_end"))
        speaker = (s_start, s_end) if s_start is not None and s_end is not None else None
        out[str(row.get("article_id", ""))].append(Predicted((start, end), speaker, row.get("kind", "")))
    return out


def score(gold: list[dict], predictions: dict[str, list[Predicted]]) -> Scores:
    scores = Scores()
    for doc in gold:
        score_article(doc, predictions.get(str(doc["id"]), []), scores)
    return scores


def gold_as_input(gold: list[dict], path: Path) -> Path:
    """Write the gold texts as pipeline input (JSONL: id, text, date, title)."""
    with open(path, "w", encoding="utf-8") as fh:
        for doc in gold:
            rec = {"id": str(doc["id"]), "text": doc["text"]}
            for key in ("date", "title"):
                if doc.get(key):
                    rec[key] = doc[key]
            fh.write(json.dumps(rec, ensure_ascii=False) + "\n")
    return path


def format_table(scores: Scores) -> str:
    d = scores.as_dict()
    lines = [f"{'':22s} {'P':>6s} {'R':>6s} {'F1':>6s}",
             f"{'quotation tokens':22s} {d['quote']['p']:6.3f} {d['quote']['r']:6.3f} {d['quote']['f1']:6.3f}",
             f"{'speaker tokens':22s} {d['speaker']['p']:6.3f} {d['speaker']['r']:6.3f} {d['speaker']['f1']:6.3f}",
             f"quotations: {d['pred_quotes']} predicted, {d['gold_quotes']} gold", "",
             "recall by gold type:"]
    lines += [f"  {k:24s} {v['r']:.3f}  ({v['tokens']} tokens)" for k, v in d["recall_by_gold_type"].items()]
    lines += ["precision by predicted kind:"]
    lines += [f"  {k or '(none)':24s} {v['p']:.3f}  ({v['tokens']} tokens)" for k, v in d["precision_by_kind"].items()]
    return "\n".join(lines)
