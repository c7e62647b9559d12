"""The German quotation cue lexicon (pipeline/resources/cues_de.tsv) and its loader."""
from __future__ import annotations

import csv
import sys
from collections import Counter
from pathlib import Path

import pytest

from pipeline.resources import ResourceError
from pipeline.resources.cues import COLUMNS, CUES_PATH, STRENGTHS, TYPES, Cue, load_cues, read_cues

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "models" / "scripts"))
from cue_mining import analyse_gold_cue, cue_coverage, match_gold_cue  # noqa: E402  (the mining helpers)

sys.path.pop(0)

SHARED = Path(__file__).resolve().parents[1].parent / "shared"
WIKINEWS_TRAIN = SHARED / "eval" / "wikinews" / "train.jsonl"
MIN_COVERAGE = 0.85  # measured 0.957 (1925/2011 gold quotes with a cue) when the lexicon was curated


def _raw_rows() -> list[list[str]]:
    with open(CUES_PATH, encoding="utf-8", newline="") as fh:
        lines = [line for line in fh if line.strip() and not line.startswith("#")]
    return list(csv.reader(lines, delimiter="\t", quoting=csv.QUOTE_NONE))


def test_lexicon_loads_with_broad_verb_coverage():
    lex = load_cues()
    assert load_cues() is lex  # cached
    verbs = [c for c in lex if c.type == "verb"]
    assert 150 <= len(verbs) <= 300
    assert all(isinstance(c, Cue) for c in lex)


def test_core_cues():
    lex = load_cues()
    sagen = lex.verb_by_lemma("sagen")
    assert (sagen.type, sagen.base, sagen.particle, sagen.strength) == ("verb", "sagen", "", "strong")
    mitteilen = lex.get("mitteilen")
    assert (mitteilen.type, mitteilen.base, mitteilen.particle) == ("verb", "teilen", "mit")
    assert lex.verb_by_base_and_particle("teilen", "mit") == mitteilen
    assert lex.verb_by_base_and_particle("fügen", "hinzu").cue == "hinzufügen"
    assert lex.verb_by_base_and_particle("geben", "bekannt").cue == "bekanntgeben"
    assert lex.verb_by_base_and_particle("sagen", "").cue == "sagen"
    assert lex.verb_by_base_and_particle("teilen", "") is None
    assert lex.get("laut").type == "prep" and lex.get("laut").strong
    assert lex.get("zufolge").type == "postp" and lex.get("zufolge").strong
    assert lex.get("nach Angaben").type == "prep"
    assert lex.phrases()[("nach", "Angaben")].cue == "nach Angaben"
    assert lex.get("heißen").type == "impersonal" and lex.verb_by_lemma("heißen") is not None
    assert "laut" in lex.prepositions() and "gemäß" in lex.prepositions()
    assert "zufolge" in lex.postpositions()
    assert {"so", "demnach", "wonach"} <= lex.adverbs()
    assert {"Behauptung", "Aussage", "Angabe", "Vorwurf"} <= lex.nouns()
    assert lex.get("meinen").strength == "weak" and lex.get("fordern").strength == "weak"
    for verb in ("erklären", "betonen", "bestätigen", "dementieren", "einräumen", "zurückweisen", "vorwerfen",
                 "twittern", "warnen", "zitieren", "äußern", "hervorheben", "ankündigen"):
        assert lex.is_speech_verb(verb), verb
    assert lex.is_speech_verb("Sagen") and lex.is_speech_verb("sagen", strong_only=True)
    assert not lex.is_speech_verb("glauben", strong_only=True)


def test_no_common_non_communication_verbs():
    lex = load_cues()
    for verb in ("machen", "geben", "gehen", "sein", "haben", "werden", "stehen", "halten", "sehen", "kommen"):
        assert not lex.is_speech_verb(verb), verb


def test_no_duplicate_cue_and_every_row_valid():
    rows = _raw_rows()
    assert tuple(rows[0]) == COLUMNS
    cues = Counter(row[0] for row in rows[1:])
    assert [c for c, n in cues.items() if n > 1] == []
    for row in rows[1:]:
        assert len(row) == len(COLUMNS), row
        cue, typ, base, particle, strength, count = row
        assert cue and cue == " ".join(cue.split()), row
        assert typ in TYPES and strength in STRENGTHS and count.isdigit(), row
        if particle:
            assert typ == "verb" and particle + base == cue, row
        else:
            assert base == cue, row
        if typ in ("verb", "impersonal"):
            assert cue.islower() and " " not in cue, row
        if typ == "noun" and " " not in cue:
            assert cue[:1].isupper(), row
    assert len(read_cues()) == len(rows) - 1


def test_malformed_row_names_file_and_line(tmp_path):
    bad = tmp_path / "cues.tsv"
    bad.write_text("# comment\n" + "\t".join(COLUMNS) + "\nsagen\tverb\tsagen\t\tstrong\t3\n"
                   "mitteilen\tverb\tteilen\tmit\tsometimes\t1\n", encoding="utf-8")
    with pytest.raises(ResourceError, match=r"cues\.tsv:4: strength"):
        read_cues(bad)
    bad.write_text("\t".join(COLUMNS) + "\nsagen\tverb\tsagen\t\tstrong\t3\nsagen\tverb\tsagen\t\tweak\t0\n",
                   encoding="utf-8")
    with pytest.raises(ResourceError, match=r"cues\.tsv:3: duplicate cue 'sagen'"):
        read_cues(bad)
    bad.write_text("\t".join(COLUMNS) + "\nsagen\tverb\tsagen\n", encoding="utf-8")
    with pytest.raises(ResourceError, match=r"cues\.tsv:2: expected 6"):
        read_cues(bad)


def _matches(text: str, *pieces: str) -> set[str]:
    spans, start = [], 0
    for piece in pieces:
        at = text.index(piece, start)
        spans.append([at, at + len(piece)])
        start = at + len(piece)
    return {c.cue for c in match_gold_cue(analyse_gold_cue(text, spans), load_cues())}


def test_gold_cue_matching_joins_split_particle_verbs():
    assert _matches("Der Minister teilte am Montag mit, das Amt werde geschlossen.", "teilte", "mit") == {"mitteilen"}
    assert _matches("Sie forderte die Regierung auf, zu handeln.", "forderte", "auf") == {"auffordern"}
    assert _matches("Die Firma gab bekannt, dass sie schließt.", "gab bekannt") == {"bekanntgeben"}
    assert "bekanntgeben" in _matches("Wie die Stadt bekannt gegeben hat, bleibt die Brücke zu.", "bekannt gegeben")
    assert _matches("Wie die Polizei sagte, war niemand verletzt.", "sagte") == {"sagen"}
    assert _matches("Er wies darauf hin, dass es regnete.", "wies darauf hin") == {"hinweisen"}
    assert _matches("Laut Polizei gab es keine Verletzten.", "Laut") == {"laut"}
    assert _matches("Nach Angaben der Polizei gab es keine Verletzten.", "Nach") == {"nach", "nach Angaben"}
    assert _matches("Seiner Meinung nach ist das falsch.", "nach") == {"nach", "nach Meinung"}
    assert _matches("Der Bahn zufolge fallen Züge aus.", "zufolge") == {"zufolge"}
    assert _matches("Das Dach sei undicht, hieß es.", "hieß es") == {"heißen"}
    assert _matches("Er teilte das Brot.", "teilte") == set()  # stem of mitteilen alone is no cue


def test_coverage_of_gold_training_cues():
    if not WIKINEWS_TRAIN.exists():
        pytest.skip(f"../shared/eval not present: {WIKINEWS_TRAIN} missing")
    cov = cue_coverage(WIKINEWS_TRAIN)
    print(f"cue coverage {cov.covered}/{cov.quotes} = {cov.fraction:.4f}")
    assert cov.quotes > 1000
    assert cov.fraction >= MIN_COVERAGE
    for cue in ("sagen", "laut", "erklären", "mitteilen", "zufolge", "heißen", "nach Angaben"):
        assert cov.counts[cue] >= 10, cue
