"""German quotation cue lexicon (``cues_de.tsv``): loader and lookups. ``load_cues()`` reads the curated TSV once.

The gold-cue matcher that checks a corpus against the lexicon is not part of the runtime: it lives with the mining
scripts (``models/scripts/cue_mining.py``).
"""
from __future__ import annotations

import csv
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Iterable, Iterator

from pipeline.resources import ResourceError

CUES_PATH = Path(__file__).resolve().parent / "cues_de.tsv"
COLUMNS = ("cue", "type", "base", "particle", "strength", "train_count")
TYPES = frozenset({"verb", "impersonal", "prep", "postp", "adverb", "noun", "source"})
STRENGTHS = frozenset({"strong", "weak"})
VERB_TYPES = frozenset({"verb", "impersonal"})


@dataclass(frozen=True)
class Cue:
    cue: str
    type: str
    base: str
    particle: str
    strength: str
    train_count: int

    @property
    def words(self) -> tuple[str, ...]:
        return tuple(self.cue.split())

    @property
    def strong(self) -> bool:
        return self.strength == "strong"


class CueLexicon:
    """Lookups over the cue rows. Verb and particle lookups ignore case; nouns keep their capital."""

    def __init__(self, cues: Iterable[Cue]):
        self.cues: tuple[Cue, ...] = tuple(cues)
        self._by_cue = {c.cue: c for c in self.cues}
        self._verbs = {c.cue.casefold(): c for c in self.cues if c.type in VERB_TYPES}
        self._verbs_bp = {(c.base.casefold(), c.particle.casefold()): c for c in self.cues if c.type in VERB_TYPES}
        self._single = {t: frozenset(c.cue for c in self.cues if c.type == t and len(c.words) == 1) for t in TYPES}
        self._phrases = {tuple(c.words): c for c in self.cues if len(c.words) > 1}
        # asked for every candidate verb (pipeline.extract.quotes.cue.verb_cue): made once, as the sets above
        self._particles = frozenset(c.particle for c in self.cues if c.particle)
        self._particle_bases = frozenset(base for base, particle in self._verbs_bp if particle)

    def __len__(self) -> int:
        return len(self.cues)

    def __iter__(self) -> Iterator[Cue]:
        return iter(self.cues)

    def __contains__(self, cue: object) -> bool:
        return cue in self._by_cue

    def get(self, cue: str) -> Cue | None:
        return self._by_cue.get(cue)

    def verb_by_lemma(self, lemma: str) -> Cue | None:
        """The verb (or impersonal ``heißen``) whose full citation form is ``lemma`` ("mitteilen")."""
        return self._verbs.get(lemma.casefold())

    def verb_by_base_and_particle(self, base: str, particle: str = "") -> Cue | None:
        """The verb for a stem and its separated particle: ("teilen", "mit") -> mitteilen; ("sagen", "") -> sagen."""
        return self._verbs_bp.get((base.casefold(), (particle or "").casefold()))

    def is_speech_verb(self, lemma: str, strong_only: bool = False) -> bool:
        cue = self.verb_by_lemma(lemma)
        return cue is not None and (cue.strong or not strong_only)

    def prepositions(self) -> frozenset[str]:
        """Single-word prepositions before the source (laut, gemäß, nach); multiword ones are in ``phrases()``."""
        return self._single["prep"]

    def postpositions(self) -> frozenset[str]:
        return self._single["postp"]

    def adverbs(self) -> frozenset[str]:
        return self._single["adverb"]

    def nouns(self) -> frozenset[str]:
        return self._single["noun"]

    def sources(self) -> frozenset[str]:
        """Nouns naming a written source ("nach einer Studie", "laut Umfrage"): type ``source``."""
        return self._single["source"]

    def phrases(self) -> dict[tuple[str, ...], Cue]:
        """Multiword cues by their words: ("nach", "Angaben"), ("zu", "Folge"), ("unter", "Berufung", "auf") ..."""
        return dict(self._phrases)

    def particles(self) -> frozenset[str]:
        return self._particles

    def particle_bases(self) -> frozenset[str]:
        """The stems of the particle verbs, case-folded as ``verb_by_base_and_particle`` compares them ("teilen")."""
        return self._particle_bases


def read_cues(path: str | Path = CUES_PATH) -> list[Cue]:
    """Parse and validate the TSV; a malformed row raises ``ResourceError`` naming file and line."""
    path = Path(path)
    rows: list[Cue] = []
    seen: dict[str, int] = {}
    header: list[str] | None = None
    with open(path, encoding="utf-8", newline="") as fh:
        for lineno, cells in _numbered_rows(fh):
            where = f"{path}:{lineno}"
            if header is None:
                header = cells
                if tuple(cells) != COLUMNS:
                    raise ResourceError(f"{where}: header must be {'/'.join(COLUMNS)}, found {'/'.join(cells)}")
                continue
            if len(cells) != len(COLUMNS):
                raise ResourceError(f"{where}: expected {len(COLUMNS)} tab-separated columns, found {len(cells)}")
            cue, typ, base, particle, strength, count = (c.strip() for c in cells)
            if not cue or cue != " ".join(cue.split()):
                raise ResourceError(f"{where}: empty cue or irregular spacing in {cue!r}")
            if typ not in TYPES:
                raise ResourceError(f"{where}: type {typ!r} not one of {sorted(TYPES)}")
            if strength not in STRENGTHS:
                raise ResourceError(f"{where}: strength {strength!r} not one of {sorted(STRENGTHS)}")
            if not count.isdigit():
                raise ResourceError(f"{where}: train_count {count!r} is not a non-negative integer")
            if particle and (typ not in VERB_TYPES or particle + base != cue):
                raise ResourceError(f"{where}: particle {particle!r} + base {base!r} must spell the verb {cue!r}")
            if not particle and base != cue:
                raise ResourceError(f"{where}: base {base!r} differs from cue {cue!r} without a particle")
            if cue in seen:
                raise ResourceError(f"{where}: duplicate cue {cue!r} (first on line {seen[cue]})")
            seen[cue] = lineno
            rows.append(Cue(cue, typ, base, particle, strength, int(count)))
    if header is None:
        raise ResourceError(f"{path}: no header row")
    return rows


def _numbered_rows(fh) -> Iterator[tuple[int, list[str]]]:
    lines = ((no, line) for no, line in enumerate(fh, start=1) if line.strip() and not line.startswith("#"))
    for no, line in lines:
        yield no, next(csv.reader([line], delimiter="\t", quoting=csv.QUOTE_NONE))


@lru_cache(maxsize=None)
def load_cues(path: str | Path = CUES_PATH) -> CueLexicon:
    return CueLexicon(read_cues(path))
