"""Gold-cue analysis for the cue lexicon's mining and coverage checks (not part of the pipeline's runtime).

``match_gold_cue`` / ``cue_coverage`` check a gold corpus (Wikinews-style JSONL: ``text`` plus ``quotes`` with
``cue`` char spans) against ``pipeline/resources/cues_de.tsv``; the mining report ``mine_cues.py``, the lemma
table of ``build_cue_forms.py`` and ``tests/test_cues.py`` use them. Lemmas come from spacy-lookups-data's German
lookup table.
"""
from __future__ import annotations

import gzip
import json
import re
import sys
from collections import Counter
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Iterable, Iterator, Sequence

REPO = Path(__file__).resolve().parents[2]
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))

from pipeline.resources.cues import Cue, CueLexicon, load_cues  # noqa: E402


# ---------------------------------------------------------------- lemmas of gold cues

WORD_RE = re.compile(r"\w+(?:[-’']\w+)*")
# Separable particles that may stand apart from their verb ("teilte ... mit", "gab ... bekannt").
PARTICLES = frozenset(
    "ab an auf aus bei dar durch ein entgegen dagegen fest fort heraus herunter hervor hin hinzu klar kund mit "
    "nach nahe offen preis richtig vor voraus vorher weiter wieder zu zurück zusammen bekannt".split())
# Particles written before their verb as a separate word ("bekannt gegeben", "wie er bekannt gab").
FRONT_PARTICLES = frozenset("bekannt fest klar kund nahe offen preis richtig".split())
AUXILIARIES = frozenset("sein haben werden können müssen sollen dürfen wollen mögen lassen".split())
FUNCTION_WORDS = frozenset(
    "es sich er sie wir ihr ich man dies das der die den dem des ein eine einer einen einem eines wie als um zu "
    "mit von für über auf an in im am aus bei darauf davon dazu damit darüber daran darum dafür dabei dadurch "
    "daraus nicht auch so dann noch".split())


# Verb forms of news reporting that de_lemma_lookup lacks (or maps to a noun): checked before the table.
LEMMA_FIXES = {
    "gaben": "geben", "gebeten": "bitten", "griff": "greifen", "griffen": "greifen", "sprachen": "sprechen",
    "angeboten": "anbieten", "erging": "ergehen", "fassten": "fassen", "fasste": "fassen",
}


@lru_cache(maxsize=1)
def lemma_table() -> dict[str, str]:
    """German form -> lemma lookup table of spacy-lookups-data (de_lemma_lookup.json.gz)."""
    data = resources.files("spacy_lookups_data") / "data" / "de_lemma_lookup.json.gz"
    with data.open("rb") as raw, gzip.open(raw, "rt", encoding="utf-8") as fh:
        return json.load(fh)


_PARTICIPLE = re.compile(r"^\w*(t|ge\w+en)$")
_INFINITIVE = re.compile(r"(en|ern|eln)$")


@lru_cache(maxsize=65536)
def lemmatize(word: str) -> str:
    """Lookup lemma; particles stay as they are ("bekannt" is not "bekennen" here). Fallbacks for forms the
    table lacks: old ß spelling (beschloss -> beschloß), one more lookup step for participles, weak verb endings
    of long unknown words (vereinbart, verlautbarte -> ...en), dative plural nouns (Worten -> Worte -> Wort).
    Unknown words stay unchanged."""
    lower = word.lower()
    if lower in PARTICLES:
        return lower
    if lower in LEMMA_FIXES:
        return LEMMA_FIXES[lower]
    table = lemma_table()
    for form in (word, lower, lower.replace("ss", "ß")):
        if form in table:
            lemma = table[form]
            if lemma.islower() and _PARTICIPLE.match(lemma) and _INFINITIVE.search(table.get(lemma, "")):
                return table[lemma]  # benannte -> benannt -> benennen, zugeschriebene -> zugeschrieben -> ...
            return lemma
    if word[:1].isupper():
        if word.endswith("n") and word[:-1] in table:
            return table[word[:-1]]
        return word
    if len(lower) >= 8:  # weak past/participle; "-en" words are left alone (befürchten is an infinitive)
        for ending in ("test", "tet", "te", "t"):
            if lower.endswith(ending):
                return lower[: -len(ending)] + "en"
    return word


@dataclass(frozen=True)
class CueToken:
    form: str
    lemma: str
    piece: int  # index of the gold span the token is in


@dataclass(frozen=True)
class GoldCue:
    """Lemma analysis of one gold cue (possibly discontinuous)."""

    tokens: tuple[CueToken, ...]
    particle_verbs: tuple[str, ...]  # lemmas joined from separated particles ("teilte ... mit" -> mitteilen)
    before: tuple[str, ...] = field(default=())  # up to 3 text words before / after the cue (for "nach Angaben")
    after: tuple[str, ...] = field(default=())
    particle_verb_tokens: tuple[int, ...] = field(default=())  # index of each joined verb's token

    def candidates(self, skip: Iterable[int] = ()) -> set[str]:
        """Forms and lemmas to match against the lexicon (without the tokens at ``skip``)."""
        skip = set(skip)
        toks = [t for i, t in enumerate(self.tokens) if i not in skip]
        out = {t.form for t in toks} | {t.lemma for t in toks} | set(self.particle_verbs)
        return out | {w.casefold() for w in out}


def _is_verb_token(tok: CueToken, first: bool) -> bool:
    f = tok.form
    return (f.lower() not in PARTICLES and f.lower() not in FUNCTION_WORDS and (f.islower() or first)
            and tok.lemma.lower().endswith("n"))


def join_particle_verbs(tokens: Sequence[CueToken]) -> list[tuple[str, int]]:
    """Particle verbs of a cue whose particle stands apart: at the end of the cue or of a later piece
    ("teilte mit", "wies darauf hin"), or a front particle right before its verb ("bekannt gegeben")."""
    joined: list[tuple[str, int]] = []
    for i, tok in enumerate(tokens):
        p = tok.form.lower()
        if p not in PARTICLES:
            continue
        at = None
        piece_end = i + 1 == len(tokens) or tokens[i + 1].piece != tok.piece
        if piece_end and i > 0:
            verbs = [j for j, t in enumerate(tokens[:i]) if _is_verb_token(t, j == 0)]
            main = [j for j in verbs if tokens[j].lemma.lower() not in AUXILIARIES]
            at = (main or verbs or [None])[0]
        elif p in FRONT_PARTICLES and i + 1 < len(tokens) and _is_verb_token(tokens[i + 1], False):
            at = i + 1
        if at is None:
            continue
        verb, table = tokens[at], lemma_table()
        glued = p + verb.form.lower()
        joined.append((table[glued] if glued in table else p + verb.lemma.lower(), at))
    return joined


def analyse_gold_cue(text: str, spans: Sequence[Sequence[int]]) -> GoldCue:
    tokens = []
    for piece, (start, end) in enumerate(sorted(spans)):
        for m in WORD_RE.finditer(text, start, end):
            tokens.append(CueToken(m.group(), lemmatize(m.group()), piece))
    spans = sorted(spans)
    first, last = (spans[0][0], spans[-1][1]) if spans else (0, 0)
    before = tuple(m.group() for m in WORD_RE.finditer(text[max(0, first - 80):first]))[-3:] if spans else ()
    after = tuple(m.group() for m in WORD_RE.finditer(text, last, last + 80))[:3] if spans else ()
    joined = join_particle_verbs(tokens)
    return GoldCue(tuple(tokens), tuple(j for j, _ in joined), before, after, tuple(i for _, i in joined))


def match_gold_cue(gold: GoldCue, lexicon: CueLexicon, lenient_base: bool = False) -> list[Cue]:
    """Lexicon entries found in a gold cue. A word matches an entry by form or lemma (nouns case-sensitively);
    a particle verb matches only when its particle is in the cue too ("teilte mit" -> mitteilen, "teilte" alone
    matches nothing) unless ``lenient_base``. A multiword entry matches when one of its words is in the cue and
    the others are in the cue or among the three words on either side ("nach" + "Angaben", "Meinung" + "nach")."""
    # "forderte ... auf" is auffordern, not also fordern: a joined verb found in the lexicon hides its stem
    cands = gold.candidates(i for pv, i in zip(gold.particle_verbs, gold.particle_verb_tokens)
                            if lexicon.verb_by_lemma(pv) and not lenient_base)
    context = gold.before + gold.after
    near = cands | set(context) | {w.casefold() for w in context} | {lemmatize(w) for w in context}
    found = []
    for cue in lexicon:
        words = cue.words
        if len(words) > 1:
            if any(_word_in(w, cands) for w in words) and all(_word_in(w, near) for w in words):
                found.append(cue)
            continue
        key = cue.cue if cue.type == "noun" else cue.cue.casefold()
        if key in cands or (lenient_base and cue.particle and cue.base.casefold() in cands):
            found.append(cue)
    return found


def _word_in(word: str, words: set[str]) -> bool:
    return word in words or word.casefold() in words or lemmatize(word) in words


def iter_gold_cues(path: str | Path) -> Iterator[tuple[str, GoldCue]]:
    """(cue_text, analysis) for every gold quote with a non-empty cue in a JSONL file."""
    with open(path, encoding="utf-8") as fh:
        for line in fh:
            if not line.strip():
                continue
            article = json.loads(line)
            for quote in article.get("quotes", []):
                spans = [s for s in quote.get("cue") or [] if s and s[1] > s[0]]
                if spans:
                    yield quote.get("cue_text", ""), analyse_gold_cue(article["text"], spans)


@dataclass(frozen=True)
class Coverage:
    quotes: int
    covered: int
    counts: Counter  # lexicon cue -> number of gold quotes it matched
    uncovered: tuple[GoldCue, ...]

    @property
    def fraction(self) -> float:
        return self.covered / self.quotes if self.quotes else 0.0


def cue_coverage(path: str | Path, lexicon: CueLexicon | None = None, lenient_base: bool = False) -> Coverage:
    """Share of gold quotes (with a cue) whose cue contains a word matching a lexicon entry."""
    lexicon = lexicon or load_cues()
    total = covered = 0
    counts: Counter = Counter()
    uncovered = []
    for _, gold in iter_gold_cues(path):
        total += 1
        found = match_gold_cue(gold, lexicon, lenient_base)
        counts.update(c.cue for c in found)
        if found:
            covered += 1
        else:
            uncovered.append(gold)
    return Coverage(total, covered, counts, tuple(uncovered))
