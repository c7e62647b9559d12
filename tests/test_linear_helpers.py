"""Indexes that replaced whole-document scans (issue #13, linear time) answer exactly what the scans answered."""
from __future__ import annotations

import random

from pipeline.extract.quotes.candidate import Covered as _Covered
from pipeline.extract.quotes.candidate import inside as _inside
from pipeline.extract.syntax import _entities_within


def test_covered_index_answers_as_the_scan():
    rng = random.Random(7)
    for _ in range(200):
        ranges = [(s, s + rng.randint(0, 30)) for s in (rng.randint(0, 500) for _ in range(rng.randint(0, 12)))]
        covered = _Covered(ranges)
        for pos in range(-2, 540):
            assert _inside(pos, covered) == any(s <= pos < e for s, e in ranges)


def test_entities_within_a_range_are_those_of_doc_ents(nlp, seeds_dir):
    doc = nlp((seeds_dir / "000_1e42dc73f93e3bc0.txt").read_text(encoding="utf-8"))
    ents = [(e.start, e.end) for e in doc.ents]
    assert ents
    for sent in list(doc.sents)[:40]:
        for lo, hi in ((sent.start, sent.end), (sent.start + 1, sent.end - 1), (sent.start, len(doc) + 3)):
            assert _entities_within(doc, lo, hi) == [(s, e) for s, e in ents if lo <= s and e <= hi]
