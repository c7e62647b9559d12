"""Readable data files for the rules (cue lexicon, role nouns, date words, gazetteer) and their loaders."""
from __future__ import annotations

import gzip
from array import array
from collections.abc import Iterable
from functools import lru_cache
from itertools import accumulate
from pathlib import Path

RESOURCE_DIR = Path(__file__).resolve().parent


class ResourceError(ValueError):
    """A data file is malformed; the message names the file and line."""


class WordList:
    """A large word list for membership tests (``word in words``), held in two flat buffers: the sorted UTF-8 words
    joined into one bytes object and their start offsets. A frozenset of 250,000 str objects spreads them over the
    allocator's pools, which forked worker processes then fill with their own objects and copy page by page; two
    buffers stay shared. A lookup is a binary search (about 18 comparisons)."""

    def __init__(self, words: Iterable[str]):
        encoded = sorted({w.encode("utf-8") for w in words})
        self._blob = b"".join(encoded)
        self._starts = array("L", accumulate((len(e) for e in encoded), initial=0))
        self._n = len(encoded)

    def __len__(self) -> int:
        return self._n

    def __contains__(self, word: object) -> bool:
        if not isinstance(word, str):
            return False
        key = word.encode("utf-8")
        blob, starts = self._blob, self._starts
        lo, hi = 0, self._n
        while lo < hi:
            mid = (lo + hi) // 2
            item = blob[starts[mid] : starts[mid + 1]]
            if item < key:
                lo = mid + 1
            elif item > key:
                hi = mid
            else:
                return True
        return False


def read_tsv(name: str) -> list[dict[str, str]]:
    """Rows of a tab-separated resource file with a header row; ``#`` lines before the header are comments."""
    path = RESOURCE_DIR / name
    with open(path, encoding="utf-8", newline="") as fh:
        lines = [(no, line) for no, line in enumerate(fh, start=1) if line.strip() and not line.startswith("#")]
    if not lines:
        raise ResourceError(f"{path}: empty resource file")
    header = lines[0][1].rstrip("\n").split("\t")
    rows = []
    for no, line in lines[1:]:
        cells = line.rstrip("\n").split("\t")
        if len(cells) < len(header):
            cells += [""] * (len(header) - len(cells))
        if len(cells) > len(header):
            raise ResourceError(f"{path}:{no}: expected {len(header)} tab-separated columns, found {len(cells)}")
        rows.append(dict(zip(header, cells)))
    return rows


def read_lines(name: str) -> list[str]:
    """The entries of a one-per-line resource file: stripped, without blank lines and ``#`` comment lines."""
    with open(RESOURCE_DIR / name, encoding="utf-8") as fh:
        return [line.strip() for line in fh if line.strip() and not line.startswith("#")]


@lru_cache(maxsize=1)
def common_nouns() -> WordList:
    """German common nouns with their inflected forms (common_nouns_de.txt.gz, from the German Wiktionary through
    german-nouns, built by models/scripts/build_common_nouns.py): spellings Wiktionary knows as no name."""
    with gzip.open(RESOURCE_DIR / "common_nouns_de.txt.gz", "rt", encoding="utf-8") as fh:
        return WordList(line.strip() for line in fh if line.strip() and not line.startswith("#"))


@lru_cache(maxsize=1)
def noun_names() -> frozenset[str]:
    """Nouns the German Wiktionary also knows as names ("Steuer", "Essen"): noun_names_de.txt."""
    return frozenset(read_lines("noun_names_de.txt"))


@lru_cache(maxsize=1)
def place_name_heads() -> frozenset[str]:
    """Nouns that end German place names as well as plain compounds ("Burg", "Brücken", "See"):
    place_name_heads_de.txt."""
    return frozenset(read_lines("place_name_heads_de.txt"))


@lru_cache(maxsize=1)
def roles() -> dict[str, dict[str, str]]:
    """Role/title lexicon: form -> {kind, gender}; feminine forms of role/suffix entries are derived."""
    table: dict[str, dict[str, str]] = {}
    for row in read_tsv("roles_de.tsv"):
        form, kind, gender = row["form"], row["kind"], row["gender"] or "x"
        table.setdefault(form, {"kind": kind, "gender": gender})
        if kind in ("role", "suffix") and gender == "m" and not form.endswith("e"):
            table.setdefault(form + "in", {"kind": kind, "gender": "f"})
    return table


@lru_cache(maxsize=65536)
def role_of(word: str) -> dict[str, str] | None:
    """The lexicon entry for a role noun, also for compounds ("Kremlsprecher", "Regierungssprecherin"). Cached by
    word (the lexicon never changes; without a direct hit every suffix entry is tried): callers only read the entry."""
    table = roles()
    if word in table:
        return table[word]
    if "-" in word.strip("-"):  # "US-Experten", "SPD-Chef", "Ex-Präsident": the last part decides
        last = word.rsplit("-", 1)[1]
        if last[:1].isupper() and last in table:
            return table[last]
    lower = word.lower()
    for form, entry in table.items():
        if entry["kind"] == "suffix" and len(word) > len(form) + 2 and lower.endswith(form.lower()):
            return entry
        if entry["kind"] == "suffix" and len(word) > len(form) + 4 and lower.endswith(form.lower() + "in"):
            return {"kind": entry["kind"], "gender": "f"}
    # compounds of a group noun: "Ohrenzeugen", "Sicherheitsexperten", "Marktbeobachter"
    if word[:1].isupper():
        for form, entry in table.items():
            if entry["kind"] == "group" and len(form) >= 6 and len(word) > len(form) + 2 \
                    and lower.endswith(form.lower()):
                return entry
    return None


def is_role_noun(word: str) -> bool:
    """A role or job noun of roles_de.tsv, also a compound of one ("Minister", "Kremlsprecher"), not a title."""
    entry = role_of(word)
    return entry is not None and entry["kind"] in ("role", "suffix")


@lru_cache(maxsize=1)
def konjunktiv_forms() -> frozenset[str]:
    """Frequent unambiguous Konjunktiv forms of reported speech (konjunktiv_de.txt, one per line)."""
    return frozenset(line.lower() for line in read_lines("konjunktiv_de.txt"))


@lru_cache(maxsize=1)
def cue_forms() -> dict[str, str]:
    """Inflected forms of the cue verbs -> lemma (cue_forms_de.tsv, built by models/scripts/build_cue_forms.py)."""
    return {row["form"]: row["lemma"] for row in read_tsv("cue_forms_de.tsv")}


@lru_cache(maxsize=1)
def institutions() -> frozenset[str]:
    """Institution nouns that speak as organizations (institutions_de.txt)."""
    return frozenset(read_lines("institutions_de.txt"))


@lru_cache(maxsize=65536)
def is_institution(word: str) -> bool:
    """"Polizei", "Bundesregierung", "Außenministeriums": an institution noun or a compound/inflection of one."""
    table = institutions()
    if word in table:
        return True
    low = word.lower()
    for form in table:
        f = form.lower()
        if len(f) >= 4 and (low.endswith(f) or low.endswith(f + "s") or low.endswith(f + "es")
                            or low.endswith(f + "n") or low.endswith(f + "en")):
            return True
    return False


@lru_cache(maxsize=1)
def name_nouns() -> frozenset[str]:
    """Nouns after which a quoted phrase is a name (name_nouns_de.txt)."""
    return frozenset(read_lines("name_nouns_de.txt"))


# chosen on the Wikinews TRAIN split (0.25/0.3/0.35/0.4/0.5: speaker F1 .566/.567/.567/.566/.562; quote F1 best at
# 0.3-0.35): a verb reports speech by itself when at least 35 % of the sentence tokens it claims were gold quotations
SPEECH_ACT_MIN_PRECISION = 0.35


@lru_cache(maxsize=4)
def speech_acts(min_precision: float = SPEECH_ACT_MIN_PRECISION) -> frozenset[str]:
    """Cue verbs that report speech by themselves, without a content clause ("X forderte den Rücktritt",
    "X sprach von einem Erfolg"): the entries of speech_acts_de.tsv whose measured precision is at least
    ``min_precision``."""
    return frozenset(row["cue"] for row in read_tsv("speech_acts_de.tsv")
                     if float(row["precision"]) >= min_precision)


@lru_cache(maxsize=1)
def speech_act_candidates() -> frozenset[str]:
    """Verbs of intention or stance outside the cue lexicon that the speech-act mining measures too ("Die SPD will
    …", "Die Regierung plant …"; speech_act_candidates_de.txt)."""
    return frozenset(read_lines("speech_act_candidates_de.txt"))


@lru_cache(maxsize=1)
def speech_act_objects() -> dict[str, frozenset[str]]:
    """Speech-act verbs that report speech only with one of their prepositional objects (verweisen auf, sprechen
    von): cue -> the prepositions, with their da(r)- forms (speech_act_objects_de.tsv)."""
    table = {}
    for row in read_tsv("speech_act_objects_de.tsv"):
        preps = row["prepositions"].split()
        forms = set(preps) | {("dar" if p[0] in "aeiouäöü" else "da") + p for p in preps}
        table[row["cue"]] = frozenset(forms)
    return table


@lru_cache(maxsize=1)
def speech_act_senses() -> dict[str, tuple[str, ...]]:
    """Speech-act verbs with a sense that reports no speech, told by a noun in the clause (fordern + Todesopfer):
    cue -> the nouns, lower case, that also match as the end of a compound (speech_act_senses_de.tsv)."""
    return {row["cue"]: tuple(row["nouns"].split()) for row in read_tsv("speech_act_senses_de.tsv")}


@lru_cache(maxsize=1)
def source_nouns() -> frozenset[str]:
    """Nouns naming a text or statement that can be a report's source (source_nouns_de.txt)."""
    return frozenset(read_lines("source_nouns_de.txt"))


def is_source_noun(word: str) -> bool:
    """"Erklärung", "Presseerklärung", "Polizeiangaben": a source noun or a compound ending in one."""
    low = word.lower()
    return any(word == form or (len(word) > len(form) + 2 and low.endswith(form.lower())) for form in source_nouns())


@lru_cache(maxsize=1)
def statement_nouns() -> tuple[str, ...]:
    """Nouns naming a statement, view or document, never a speaker (statement_nouns_de.txt), lower case."""
    return tuple(line.lower() for line in read_lines("statement_nouns_de.txt"))


@lru_cache(maxsize=65536)
def is_statement_noun(word: str) -> bool:
    """"Worten", "Angaben", "Polizeiangaben", "Positionspapier": a statement noun or a compound ending in one."""
    low = word.lower()
    return any(low == form or (len(low) > len(form) + 2 and low.endswith(form) and word[:1].isupper())
               for form in statement_nouns())
