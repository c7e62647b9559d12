"""More indexes that replaced whole-article scans (issue #13, linear time): each answers exactly what the scan
answered (random cases, and the entities and quoted regions of a seed article)."""
from __future__ import annotations

import random

import pytest

from pipeline.extract.quote_marks import QuotedRegion, find_quoted_regions
from pipeline.extract.quotes.assemble import balanced_parts as _balanced_parts
from pipeline.extract.quotes.assemble import without_stray_marks as _without_stray_marks
from pipeline.extract.quotes.candidate import Covered as _Covered
from pipeline.extract.quotes.candidate import Regions as _Regions
from pipeline.extract.quotes.candidate import starting_in as _starting_in
from pipeline.extract.quotes.content import _cut_at_quotes
from pipeline.extract.quotes.inherit import EntsByStart as _EntsByStart
from pipeline.extract.quotes.inherit import _closest_entity_before
from pipeline.resolve import speakers
from pipeline.resolve.speakers import _Entities
from pipeline.types import EntityMention, Quotation, TextSpan

SEED = "000_1e42dc73f93e3bc0.txt"


class _Plain(list):
    """A list of ranges with ``loose``, which the rules scan (not a :class:`_Covered`)."""
    loose: set[tuple[int, int]] = set()


def _random_ranges(rng: random.Random, n: int, top: int = 500, longest: int = 40) -> list[tuple[int, int]]:
    return [(s, s + rng.randint(-3, longest)) for s in (rng.randint(0, top) for _ in range(n))]


def test_covered_range_queries_answer_as_the_scans():
    rng = random.Random(11)
    for _ in range(300):
        ranges = _random_ranges(rng, rng.randint(0, 15))
        covered = _Covered(ranges)
        for _ in range(20):
            lo = rng.randint(-10, 520)
            hi = lo + rng.randint(-5, 80)
            assert covered.starting_in(lo, hi) == [(s, e) for s, e in ranges if lo <= s < hi]
            assert covered.overlapping(lo, hi) == [(s, e) for s, e in ranges if s < hi and lo < e]
            assert _starting_in(covered, lo, hi) == _starting_in(list(ranges), lo, hi)


@pytest.fixture(scope="module")
def seed_doc(nlp, seeds_dir):
    return nlp((seeds_dir / SEED).read_text(encoding="utf-8"))


def test_cut_at_quotes_answers_as_the_scan(seed_doc):
    rng = random.Random(3)
    n = len(seed_doc.text)
    for _ in range(300):
        ranges = _random_ranges(rng, rng.randint(0, 12), top=n, longest=300)
        loose = {r for r in ranges if rng.random() < 0.3}
        covered, plain = _Covered(ranges), _Plain(ranges)
        covered.loose = plain.loose = loose
        for _ in range(10):
            start = rng.randint(0, n - 1)
            rng_ = (start, min(n, start + rng.randint(1, 600)))
            assert _cut_at_quotes(seed_doc, rng_, covered) == _cut_at_quotes(seed_doc, rng_, plain)


def _random_regions(rng: random.Random, n: int, top: int = 400) -> list[QuotedRegion]:
    out = []
    for _ in range(n):
        o = rng.randint(0, top)
        out.append(QuotedRegion(o, o + rng.randint(2, 60), rng.randint(0, 1), "„"))
    return sorted(out, key=lambda r: (r.open, -r.close))


def test_regions_index_answers_as_the_scans():
    rng = random.Random(5)
    for _ in range(300):
        regions = _random_regions(rng, rng.randint(0, 15))
        index = _Regions(regions)
        assert index.paired() == {r.open for r in regions} | {r.close for r in regions}
        for _ in range(20):
            lo = rng.randint(-5, 420)
            hi = lo + rng.randint(0, 100)
            assert index.opening_in(lo, hi) == [r for r in regions if lo <= r.open < hi]
            assert index.within(lo, hi) == [r for r in regions if lo <= r.open and r.close <= hi]
            assert index.marked_in(lo, hi) == {k for k, r in enumerate(regions)
                                               if lo <= r.open < hi or lo <= r.close < hi}


def _check_balanced(rng: random.Random, text: str, regions: list[QuotedRegion], n_cases: int) -> None:
    index = _Regions(regions)
    sent_ends = sorted({rng.randint(1, len(text)) for _ in range(8)} | {len(text)})
    own_rows = {(r.open, r.close) for r in regions if rng.random() < 0.3}
    for _ in range(n_cases):
        parts, pos = [], rng.randint(0, len(text) - 1)
        for _ in range(rng.randint(1, 3)):
            start = pos + rng.randint(0, 80)
            end = start + rng.randint(1, 200)
            if end > len(text):
                break
            parts.append((start, end))
            pos = end
        if not parts:
            continue
        expected = _balanced_parts(text, list(parts), list(regions), own_rows, sent_ends)
        assert _balanced_parts(text, list(parts), index, own_rows, sent_ends) == expected
        assert _without_stray_marks(text, expected, index) == _without_stray_marks(text, expected, list(regions))


def test_balanced_parts_with_the_index_as_with_the_scan(seeds_dir):
    rng = random.Random(9)
    for path in sorted(seeds_dir.glob("*.txt")):
        text = path.read_text(encoding="utf-8")
        _check_balanced(rng, text, find_quoted_regions(text), 300)
    marks = "„“»«‚‘\" "
    for _ in range(200):  # texts dense with marks: nested, adjacent and unbalanced fragments
        text = "".join(rng.choice(marks) if rng.random() < 0.15 else rng.choice("abc ,.") for _ in range(300))
        _check_balanced(rng, text, find_quoted_regions(text), 20)


def _closest_scan(ents, lo, hi, parts):
    return _closest_entity_before(list(ents), lo, hi, parts)


def test_closest_entity_before_with_the_index_as_with_the_scan(seed_doc):
    from pipeline.model.labels import entity_type

    ents = [e for e in seed_doc.ents if entity_type(e.label_) in ("person", "organization")]
    assert ents
    index = _EntsByStart(ents)
    rng = random.Random(13)
    n = len(seed_doc.text)
    for _ in range(2000):
        lo = rng.randint(0, n)
        hi = lo + rng.randint(0, 3000)
        parts = [(s, s + rng.randint(1, 400)) for s in sorted(rng.randint(lo, hi + 1) for _ in range(rng.randint(0, 2)))]
        assert _closest_entity_before(index, lo, hi, parts) == _closest_scan(ents, lo, hi, parts)
        after = [e for e in ents if e.start_char >= lo]
        assert index.first_from(lo) == (min(after, key=lambda e: e.start_char) if after else None)


def _random_entities(rng: random.Random, text: str, n: int) -> list[EntityMention]:
    out = []
    for _ in range(n):
        s = rng.randint(0, len(text) - 1)
        e = min(len(text), s + rng.randint(1, 25))
        out.append(EntityMention(rng.choice(("person", "person", "organization", "place")), s, e, text[s:e],
                                 rng.choice(("A", "B", "C", "D"))))
    return out


def test_entity_index_answers_as_the_scans(seed_doc):
    rng = random.Random(17)
    text = seed_doc.text
    real = list(seed_doc._.entities)
    assert real
    heads = ["Sprecher", "Präsident", "Präsidenten", "Minister", "Chef", "Kremlsprecher", "Machthaber", "s"]
    for case in range(60):
        entities = real if case == 0 else _random_entities(rng, text, rng.randint(0, 80))
        index = _Entities(entities, text)
        for _ in range(40):
            s = rng.randint(0, len(text) - 1)
            mention = TextSpan(s, min(len(text), s + rng.randint(1, 30)), "er")
            assert speakers._overlapping(mention, index) == speakers._overlapping(mention, list(entities))
            head, before = rng.choice(heads), rng.randint(0, len(text))
            assert speakers._role_antecedent(text, head, index, before) == \
                speakers._role_antecedent(text, head, list(entities), before)
            assert speakers._pronoun_antecedent(text, mention, index, [], {}) == \
                speakers._pronoun_antecedent(text, mention, list(entities), [], {})
            quote = Quotation(kind="direct", content=(TextSpan(s, mention.end, text[s:mention.end]),))
            assert speakers._nearest_candidate(text, quote, index) == \
                speakers._nearest_candidate(text, quote, list(entities))
            name = rng.choice(("A", "B", "C", "D", "E"))
            assert index.first_person(name) == next((e for e in entities if e.type == "person"
                                                     and e.canonical == name), None)
