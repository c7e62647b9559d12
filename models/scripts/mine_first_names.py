"""Mine the first-name lexicon (and the name-evidence table) of person_rules from the NER TRAINING data only.

    python models/scripts/mine_first_names.py [--min-count 1] [--min-share 0.5] [--output PATH] [--report N]
                                              [--evidence-output PATH]

Writes pipeline/resources/first_names_de.txt and pipeline/resources/name_evidence_de.tsv (see the end of this text).

Source: the training splits the bundled NER was trained on (../shared/data): GermEval 2014 train (outer BIO,
CC BY 4.0) and DFKI SmartData train (CC BY 4.0) — never the dev/test splits.

A candidate is the FIRST token of a gold PER span of two or more tokens ("Angela" in "Angela Merkel"). It is kept if
  - it looks like a given name: a capital letter, then at least one lower-case letter, only letters, hyphen or
    apostrophe (no initials "A.", no titles "Dr.", no all-caps "DJ");
  - it starts a multi-token PER span at least ``--min-count`` times;
  - it is not ambiguous: of all its capitalized occurrences in the training text, at least ``--min-share`` are inside
    a PER span ("August" the month, "Mark" the currency, "Herr", "Roman" the noun are dropped).
Each line of the output: ``name<TAB>starts of a PER span<TAB>capitalized occurrences outside PER``.
The thresholds were chosen on GermEval dev (news) + SmartData dev with models/scripts/eval_ner_rules.py --sets dev.

name_evidence_de.tsv: for each capitalized word form of the same training text, how often it was inside a gold PER,
LOC, ORG or MISC span, outside any span (mid-sentence / sentence-initial), and how often its lower-case form occurs.
Rows: words inside spans >= 2 times, or outside spans mid-sentence >= 3 times, or seen lower-case >= 3 times.
"""
from __future__ import annotations

import argparse
import re
import sys
from collections import Counter
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))

from pipeline.model.corpora import germeval_docs, smartdata_docs  # noqa: E402

DATA = REPO.parent / "shared" / "data"
OUTPUT = REPO / "pipeline" / "resources" / "first_names_de.txt"
EVIDENCE_OUTPUT = REPO / "pipeline" / "resources" / "name_evidence_de.tsv"
EVIDENCE_COLUMNS = ("PER", "LOC", "ORG", "MISC", "other", "initial", "lower")
# a token after one of these (or at the start) is capitalized by position, not because it is a noun or name
_OPENERS = frozenset('.!?:;"„“”«»‚‘›‹()[]–—-'.split() + list('.!?:;"„“”«»‚‘›‹()[]–—-'))
NAME_SHAPE = re.compile(r"^[A-ZÄÖÜÀ-ÞĀ-Ž][a-zäöüßà-ÿā-ž]+(?:[-'][A-ZÄÖÜÀ-ÞĀ-Ža-zäöüßà-ÿā-ž]+)*$")


def training_docs(data: Path):
    yield from germeval_docs(data / "germeval2014" / "NER-de-train.outer-bio.conll")
    yield from smartdata_docs(data / "smartdata" / "smartdata_train.spans.jsonl")


def _sentence_initial(doc, i: int) -> bool:
    """GermEval docs are single sentences; SmartData docs are articles (a line break or final punctuation)."""
    while i > 0 and doc[i - 1].text in _OPENERS and doc[i - 1].text not in ".!?:;":
        i -= 1
    if i == 0:
        return True
    prev = doc[i - 1]
    return prev.text in (".", "!", "?", ":", ";") or prev.is_space or "\n" in prev.whitespace_ or prev.text.endswith("\n")


def count(docs) -> tuple[Counter, Counter, Counter, dict[str, Counter]]:
    """(starts of multi-token PER spans, capitalized tokens inside PER, capitalized tokens outside PER,
    evidence per capitalized word form: EVIDENCE_COLUMNS)."""
    starts, inside, outside = Counter(), Counter(), Counter()
    evidence: dict[str, Counter] = {}
    lower = Counter()
    for doc in docs:
        label_of: dict[int, str] = {}
        for ent in doc.ents:
            for i in range(ent.start, ent.end):
                label_of[i] = ent.label_
            if ent.label_ == "PER" and len(ent) > 1:
                starts[ent[0].text] += 1
        for tok in doc:
            text = tok.text
            if text[:1].islower():
                lower[text] += 1
            if not text[:1].isupper():
                continue
            label = label_of.get(tok.i)
            (inside if label == "PER" else outside)[text] += 1
            column = label or ("initial" if _sentence_initial(doc, tok.i) else "other")
            evidence.setdefault(text, Counter())[column] += 1
    for word, n in lower.items():
        if word.isalpha():
            evidence.setdefault(word[0].upper() + word[1:], Counter())["lower"] += n
    return starts, inside, outside, evidence


def evidence_rows(evidence: dict[str, Counter]) -> list[tuple[str, list[int]]]:
    rows = []
    for word, c in evidence.items():
        in_spans = c["PER"] + c["LOC"] + c["ORG"] + c["MISC"]
        if in_spans >= 2 or c["other"] >= 3 or c["lower"] >= 3:
            rows.append((word, [c[col] for col in EVIDENCE_COLUMNS]))
    rows.sort(key=lambda row: row[0])
    return rows


def write_evidence(rows: list[tuple[str, list[int]]], path: Path) -> None:
    header = [
        "# Name evidence for pipeline/extract/person_rules.py: how capitalized word forms are used in the NER training",
        "# data. MINED, not hand-written: python models/scripts/mine_first_names.py (GermEval 2014 train, outer BIO +",
        "# DFKI SmartData train, both CC BY 4.0; Benikova, Biemann, Reznicek 2014; Schiersch et al. 2018).",
        "# PER/LOC/ORG/MISC: occurrences inside a gold span of that type; other: capitalized, outside any span,",
        "# mid-sentence (a noun); initial: outside any span at the start of a sentence; lower: occurrences of the",
        "# lower-case form (\"relativ\" for \"Relativ\"). Rows: inside spans >= 2, or other >= 3, or lower >= 3.",
        "word\t" + "\t".join(EVIDENCE_COLUMNS),
    ]
    with open(path, "w", encoding="utf-8") as fh:
        fh.write("\n".join(header) + "\n")
        for word, counts in rows:
            fh.write(word + "\t" + "\t".join(str(n) for n in counts) + "\n")


def select(starts: Counter, inside: Counter, outside: Counter, min_count: int, min_share: float
           ) -> list[tuple[str, int, int]]:
    kept = []
    for name, n in starts.items():
        if n < min_count or not NAME_SHAPE.match(name):
            continue
        share = inside[name] / (inside[name] + outside[name])
        if share < min_share:
            continue
        kept.append((name, n, outside[name]))
    kept.sort(key=lambda row: (-row[1], row[0]))
    return kept


def write(rows: list[tuple[str, int, int]], path: Path, min_count: int, min_share: float) -> None:
    header = [
        "# German news first-name lexicon for pipeline/extract/person_rules.py (one name per line).",
        "# MINED, not hand-written: python models/scripts/mine_first_names.py "
        f"--min-count {min_count} --min-share {min_share}",
        "# from the NER training splits only: GermEval 2014 train (outer BIO) + DFKI SmartData train, both CC BY 4.0",
        "# (Benikova, Biemann, Reznicek 2014; Schiersch et al. 2018). A name is the first token of a gold PER span of",
        f"# 2+ tokens, seen as such >= {min_count} times, and inside a PER span in >= {min_share:.0%} of its "
        "capitalized occurrences.",
        "# columns: name <TAB> times it starts a multi-token PER span <TAB> capitalized occurrences outside PER spans",
    ]
    with open(path, "w", encoding="utf-8") as fh:
        fh.write("\n".join(header) + "\n")
        for name, n, other in rows:
            fh.write(f"{name}\t{n}\t{other}\n")


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--data", type=Path, default=DATA)
    ap.add_argument("--min-count", type=int, default=1)
    ap.add_argument("--min-share", type=float, default=0.5)
    ap.add_argument("--output", type=Path, default=OUTPUT)
    ap.add_argument("--evidence-output", type=Path, default=EVIDENCE_OUTPUT)
    ap.add_argument("--report", type=int, default=0, help="also print the N most frequent dropped candidates")
    args = ap.parse_args(argv)

    starts, inside, outside, evidence = count(training_docs(args.data))
    rows = select(starts, inside, outside, args.min_count, args.min_share)
    write(rows, args.output, args.min_count, args.min_share)
    print(f"{len(starts)} candidates, {len(rows)} names written to {args.output}")
    ev_rows = evidence_rows(evidence)
    write_evidence(ev_rows, args.evidence_output)
    print(f"{len(ev_rows)} word forms written to {args.evidence_output}")
    if args.report:
        kept = {r[0] for r in rows}
        dropped = [(n, c) for n, c in starts.most_common() if n not in kept and c >= args.min_count]
        print("dropped (name, starts, inside PER, outside PER):")
        for name, n in dropped[: args.report]:
            print(f"  {name}\t{n}\t{inside[name]}\t{outside[name]}")


if __name__ == "__main__":
    main()
