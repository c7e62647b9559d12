"""Quotations with canonical speakers, persons and places against modern-dev style gold (``pipeline evaluate``).

Gold format: one JSON article per line, as in ``../shared/eval/modern-dev/gold.jsonl``::

    {"id": "07", "date": "2021-05-04", "text": "...",
     "quotes": [{"start": 120, "end": 188, "kind": "indirect", "speaker": "Nancy Faeser",
                 "speaker_alt": ["Faeser"], "tier": "core"}, ...],
     "persons": ["Nancy Faeser|Faeser", ...], "places": ["Berlin", ...]}

``start``/``end`` are character offsets into ``text`` (end exclusive); ``speaker`` is the canonical name ("" where
the text leaves the speaker open), ``speaker_alt`` other acceptable forms; ``tier``: ``core`` and ``act`` quotations
are to be found, ``opt`` ones are borderline. ``persons``/``places``: canonical names, alternatives split by ``|``.

Scoring (the definitions of ``../shared/eval/score_speakers.py``, so both give the same numbers): the predicted
quotations of an article (``quotes.csv``: ``quote_start``, ``quote_end``, ``speaker``) are paired with its gold
quotations by maximum character overlap (Hungarian assignment).

- found: paired gold quotations / gold quotations (core; core+act; and per gold ``kind``)
- precision: predictions paired with a core/act quotation / predictions not paired with an opt one (a prediction
  paired with an opt quotation is neither right nor wrong)
- speaker accuracy: found core+act quotations whose predicted ``speaker`` is the gold ``speaker`` or one of
  ``speaker_alt``, compared after :func:`normalize_name`; an empty gold speaker is also matched by an empty one
- end to end: found with the right speaker / gold core quotations (recall) and / predictions (precision)
- persons, places: per article, the set of normalized ``canonical`` names of ``entities.csv`` rows of type
  ``person``/``place`` against the gold names (a gold name is matched by any of its alternatives, each predicted
  name matches one gold name at most): P/R/F1 over all articles.
"""
from __future__ import annotations

import re
import unicodedata
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import NamedTuple

import numpy as np

from .evaluate import (Counts, GoldError, _int, csv_rows, format_table, paired, read_gold_articles, read_predictions,
                       score, with_tokens)

WIKINEWS = "wikinews"      # quotes: [{"quote": [[start, end], ...], "speaker": [[start, end], ...], ...}]
SPEAKERS = "modern-dev"    # quotes: [{"start", "end", "kind", "speaker", "speaker_alt", "tier"}], persons, places
KINDS = ("direct", "indirect", "mixed")
TIERS = ("core", "act", "opt")
SCORED = ("core", "act")   # the tiers a prediction may be right on
ENTITY_TYPES = {"persons": "person", "places": "place"}  # gold key -> entities.csv type

_NON_WORD = re.compile(r"[^\w\s]")


def normalize_name(name: str | None) -> str:
    """A name as speakers and entities are compared: NFKC, case-folded, hyphens and other non-word characters
    as spaces, runs of white space as one space, none at the ends."""
    folded = unicodedata.normalize("NFKC", name or "").casefold().replace("-", " ")
    return " ".join(_NON_WORD.sub(" ", folded).split())


# ----------------------------------------------------------------------------------------------------- gold

def _article_format(path: Path, no: int, doc: dict) -> str | None:
    """The gold format one article is in (None: it has no quotations and no persons/places to tell)."""
    found = set()
    for k, quote in enumerate(doc.get("quotes", []), start=1):
        if not isinstance(quote, dict):
            raise GoldError(f"{path}:{no}: quotation {k} is not an object")
        if "quote" in quote:
            found.add(WIKINEWS)
        elif "start" in quote or "end" in quote:
            found.add(SPEAKERS)
        else:
            raise GoldError(f"{path}:{no}: quotation {k} has neither 'quote' (Wikinews format) nor "
                            "'start'/'end' (modern-dev format)")
    if len(found) > 1:
        raise GoldError(f"{path}:{no}: the article mixes Wikinews ('quote') and modern-dev ('start'/'end') "
                        "quotations")
    if not found and ("persons" in doc or "places" in doc):
        found.add(SPEAKERS)
    return found.pop() if found else None


def _check_quote(where: str, k: int, quote: dict, length: int) -> None:
    start, end = quote.get("start"), quote.get("end")
    offsets = all(isinstance(v, int) and not isinstance(v, bool) for v in (start, end))
    if not offsets or not 0 <= start < end <= length:
        raise GoldError(f"{where}: quotation {k}: 'start' and 'end' must be offsets with 0 <= start < end <= "
                        f"{length} (the length of 'text'), not {start!r}, {end!r}")
    speaker, alternatives = quote.get("speaker"), quote.get("speaker_alt", [])
    if not isinstance(speaker, str):
        raise GoldError(f"{where}: quotation {k}: 'speaker' must be a string (\"\" where the text leaves it open)")
    if not isinstance(alternatives, list) or not all(isinstance(a, str) for a in alternatives):
        raise GoldError(f"{where}: quotation {k}: 'speaker_alt' must be a list of strings")
    for key, allowed in (("kind", KINDS), ("tier", TIERS)):
        if quote.get(key) not in allowed:
            raise GoldError(f"{where}: quotation {k}: '{key}' must be {', '.join(allowed[:-1])} or {allowed[-1]}, "
                            f"not {quote.get(key)!r}")


def _check_speaker_article(path: Path, no: int, doc: dict) -> dict:
    where = f"{path}:{no}: article {doc['id']!r}"
    for k, quote in enumerate(doc.get("quotes", []), start=1):
        _check_quote(where, k, quote, len(doc["text"]))
    for key in ENTITY_TYPES:
        names = doc.get(key)
        if not isinstance(names, list) or not all(isinstance(n, str) for n in names):
            raise GoldError(f"{where}: '{key}' must be a list of names (alternatives separated by '|')")
    return doc


def load_gold_file(path: Path) -> tuple[str, list[dict]]:
    """(format, articles) of a gold JSONL file: :data:`WIKINEWS` (articles get ``tokens``, see
    :func:`pipeline.evaluate.load_gold`) or :data:`SPEAKERS` (checked). The first article whose quotations (or
    persons/places) tell decides; an article in the other format is an error naming its line."""
    articles = read_gold_articles(path)
    fmt, first = None, 0
    for no, doc in articles:
        this = _article_format(path, no, doc)
        if this is not None and fmt is None:
            fmt, first = this, no
        elif this is not None and this != fmt:
            raise GoldError(f"{path}:{no}: a {this}-format article in a {fmt}-format gold file "
                            f"(as line {first} shows)")
    if fmt == SPEAKERS:
        return fmt, [_check_speaker_article(path, no, doc) for no, doc in articles]
    return WIKINEWS, [with_tokens(doc) for _, doc in articles]


# ----------------------------------------------------------------------------------------------- predictions

class SpeakerPrediction(NamedTuple):
    start: int
    end: int
    speaker: str


def read_speaker_predictions(quotes_csv: Path) -> dict[str, list[SpeakerPrediction]]:
    """Non-empty quotation spans of ``quotes.csv`` with their canonical ``speaker``, by article id, in row order."""
    out: dict[str, list[SpeakerPrediction]] = defaultdict(list)
    for row in csv_rows(quotes_csv):
        start, end = _int(row.get("quote_start")), _int(row.get("quote_end"))
        if start is not None and end is not None and end > start:
            prediction = SpeakerPrediction(start, end, row.get("speaker") or "")
            out[str(row.get("article_id", "")).strip()].append(prediction)
    return out


def read_entity_names(entities_csv: Path) -> dict[str, dict[str, set[str]]]:
    """article id -> entity type -> normalized canonical names (the mention text where a row has none)."""
    out: dict[str, dict[str, set[str]]] = defaultdict(lambda: defaultdict(set))
    for row in csv_rows(entities_csv):
        name = normalize_name(row.get("canonical") or row.get("text"))
        if name:
            out[str(row.get("article_id", "")).strip()][(row.get("type") or "").strip().lower()].add(name)
    return out


# ------------------------------------------------------------------------------------------------- scoring

@dataclass
class SpeakerScores:
    n: Counter = field(default_factory=Counter)        # gold_/found_/right_ + tier; pred, pred_paired, pred_right
    by_kind: Counter = field(default_factory=Counter)  # (gold|found, tier, kind)
    persons: Counts = field(default_factory=Counts)
    places: Counts = field(default_factory=Counts)

    def ratio(self, part: int, whole: int) -> float:
        return round(part / whole, 3) if whole else 0.0

    def as_dict(self) -> dict:
        n, ratio = self.n, self.ratio
        found, right = n["found_core"] + n["found_act"], n["right_core"] + n["right_act"]
        kinds = {kind: {"core": ratio(self.by_kind["found", "core", kind], self.by_kind["gold", "core", kind]),
                        "core_act": ratio(sum(self.by_kind["found", t, kind] for t in SCORED),
                                          sum(self.by_kind["gold", t, kind] for t in SCORED)),
                        "gold_core": self.by_kind["gold", "core", kind],
                        "gold_core_act": sum(self.by_kind["gold", t, kind] for t in SCORED)} for kind in KINDS}
        return {
            "found_core": ratio(n["found_core"], n["gold_core"]),
            "found_core_act": ratio(found, n["gold_core"] + n["gold_act"]),
            "precision": ratio(n["pred_paired"], n["pred"]),
            "speaker_acc": ratio(right, found),
            "e2e_recall_core": ratio(n["right_core"], n["gold_core"]),
            "e2e_precision": ratio(n["pred_right"], n["pred"]),
            "persons": self.persons.as_dict(),
            "places": self.places.as_dict(),
            "counts": {key: n[key] for key in ("gold_core", "gold_act", "gold_opt", "pred", "found_core",
                                               "found_act", "found_opt", "pred_paired", "right_core", "right_act",
                                               "pred_right")},
            "found_by_kind": kinds,
        }


def speaker_right(predicted: str, gold: dict) -> bool:
    """Whether a predicted speaker is the gold quotation's canonical speaker or one of its alternatives."""
    forms = {normalize_name(gold["speaker"])} | {normalize_name(a) for a in gold.get("speaker_alt", [])}
    name = normalize_name(predicted)
    return name in forms or (not gold["speaker"] and name == "")


def _score_quotes(golds: list[dict], preds: list[SpeakerPrediction], scores: SpeakerScores) -> None:
    pairs = []
    if golds and preds:
        pairs = paired(np.array([[max(0, min(p.end, g["end"]) - max(p.start, g["start"])) for g in golds]
                                 for p in preds]))
    gold_of = dict(pairs)
    n = scores.n
    for gold in golds:
        tier = gold["tier"]
        n[f"gold_{tier}"] += 1
        scores.by_kind["gold", tier, gold["kind"]] += 1
    for i, pred in enumerate(preds):
        gold = golds[gold_of[i]] if i in gold_of else None
        if gold is not None and gold["tier"] == "opt":
            n["found_opt"] += 1
            continue
        n["pred"] += 1
        if gold is None:
            continue
        right = speaker_right(pred.speaker, gold)
        n["pred_paired"] += 1
        n["pred_right"] += right
        n[f"found_{gold['tier']}"] += 1
        n[f"right_{gold['tier']}"] += right
        scores.by_kind["found", gold["tier"], gold["kind"]] += 1


def _score_names(gold_names: list[str], predicted: set[str], counts: Counts) -> None:
    matched: set[str] = set()
    for item in gold_names:
        hits = sorted(({normalize_name(form) for form in item.split("|")} & predicted) - matched)
        if hits:
            matched.add(hits[0])
            counts.tp += 1
        else:
            counts.fn += 1
    counts.fp += len(predicted) - len(matched)


def score_speakers(gold: list[dict], predictions: dict[str, list[SpeakerPrediction]],
                   entities: dict[str, dict[str, set[str]]]) -> SpeakerScores:
    scores = SpeakerScores()
    for doc in gold:
        art_id = str(doc["id"]).strip()
        _score_quotes(doc.get("quotes", []), predictions.get(art_id, []), scores)
        names = entities.get(art_id, {})
        for key, kind in ENTITY_TYPES.items():
            _score_names(doc[key], names.get(kind, set()), getattr(scores, key))
    return scores


def format_speaker_table(scores: SpeakerScores) -> str:
    d, n = scores.as_dict(), scores.n
    found, gold = n["found_core"] + n["found_act"], n["gold_core"] + n["gold_act"]
    rows = [("found, core", d["found_core"], n["found_core"], n["gold_core"]),
            ("found, core+act", d["found_core_act"], found, gold),
            ("precision", d["precision"], n["pred_paired"], n["pred"]),
            ("speaker accuracy", d["speaker_acc"], n["right_core"] + n["right_act"], found),
            ("end-to-end recall, core", d["e2e_recall_core"], n["right_core"], n["gold_core"]),
            ("end-to-end precision", d["e2e_precision"], n["pred_right"], n["pred"])]
    lines = ["canonical speakers (modern-dev gold)"]
    lines += [f"{label:24s} {value:6.3f}  ({part} of {whole})" for label, value, part, whole in rows]
    lines += [f"quotations: {n['pred']} predicted (not counting {n['found_opt']} on opt quotations), "
              f"{n['gold_core']} core + {n['gold_act']} act + {n['gold_opt']} opt gold", "",
              "found by gold kind:        core  core+act"]
    lines += [f"  {kind:22s} {v['core']:6.3f}    {v['core_act']:6.3f}  ({v['gold_core']} core, "
              f"{v['gold_core_act']} core+act)" for kind, v in d["found_by_kind"].items()]
    lines += ["", f"{'':24s} {'P':>6s} {'R':>6s} {'F1':>6s}"]
    lines += [f"{key:24s} {d[key]['p']:6.3f} {d[key]['r']:6.3f} {d[key]['f1']:6.3f}" for key in ENTITY_TYPES]
    return "\n".join(lines)


def score_output(fmt: str, gold: list[dict], outdir: Path) -> tuple[dict, str]:
    """(scores as a dict, the printed table) of the tables in ``outdir`` against gold in format ``fmt``.
    Missing ``quotes.csv`` (any format) or ``entities.csv`` (modern-dev) raise :class:`FileNotFoundError`."""
    quotes_csv, entities_csv = outdir / "quotes.csv", outdir / "entities.csv"
    needed = [quotes_csv] + ([entities_csv] if fmt == SPEAKERS else [])
    for path in needed:
        if not path.is_file():
            raise FileNotFoundError(path)
    if fmt == SPEAKERS:
        scores = score_speakers(gold, read_speaker_predictions(quotes_csv), read_entity_names(entities_csv))
        return scores.as_dict(), format_speaker_table(scores)
    scores = score(gold, read_predictions(quotes_csv))
    return scores.as_dict(), format_table(scores)
