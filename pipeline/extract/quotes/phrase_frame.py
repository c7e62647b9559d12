"""Strategy: phrase cues — laut X, X zufolge, nach Angaben von X, nach X-Angaben, seiner Meinung nach, so X,
demnach, wonach: the sentence without the frame is the content, the phrase names the source."""
from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from spacy.tokens import Doc, Span, Token

from ...lang.de.verbs import clause_is_subjunctive
from ...lang.de.words import SOURCE_ADVERBS
from ...model.labels import dep_role as _roles
from ...resources.cues import CueLexicon
from ...types import Method
from ..syntax import noun_phrase
from .candidate import Candidate, inside, starting_in
from .content import content_range, finite_after, has_finite_verb, subordinate_clause
from .cue import lower_phrases, noun_cue
from .mention import speaker_like
from .nounphrase import np_before, np_from
from .text import TRIM, span_chars, tokens_between


@dataclass(frozen=True)
class _PhraseCues:
    """The phrase cues of the lexicon in the forms the search compares (lower case, one word or a word sequence);
    ``phrases``: the multiword cues but those of "nach" (found by their noun), by their first word, longest
    first; ``starters``: every word a phrase cue can begin with (:func:`_match_at` finds none at another word)."""

    prepositions: frozenset[str]
    postpositions: frozenset[str]
    adverbs: frozenset[str]
    phrases: dict[str, list[tuple[str, ...]]]
    starters: frozenset[str]

    @classmethod
    def of(cls, lexicon: CueLexicon) -> "_PhraseCues":
        return _phrase_cues(lexicon)


@lru_cache(maxsize=8)
def _phrase_cues(lexicon: CueLexicon) -> _PhraseCues:
    """The phrase cues of ``lexicon``, made once per lexicon (not per sentence): a lexicon never changes, and the
    cache holds it, so its identity is not reused."""
    phrases: dict[str, list[tuple[str, ...]]] = {}
    for phrase in lower_phrases(lexicon):
        if phrase[0] != "nach":
            phrases.setdefault(phrase[0], []).append(phrase)
    prepositions = frozenset(p for p in lexicon.prepositions() if " " not in p and p != "nach")
    starters = {"nach", "so"} | set(phrases) | prepositions | lexicon.postpositions() | \
        (lexicon.adverbs() & SOURCE_ADVERBS)
    return _PhraseCues(prepositions=prepositions, postpositions=lexicon.postpositions(), adverbs=lexicon.adverbs(),
                       phrases=phrases, starters=frozenset(starters))


@dataclass(frozen=True)
class _Match:
    """A phrase cue at one token: the cue, the source it names, a content range it fixes ("…, wonach …": what
    follows), and whether the cue is weak (its content must be in Konjunktiv)."""

    cue: Span | None
    speaker: Span | None
    content: tuple[int, int] | None = None
    weak: bool = False


def phrase_frame(sent: Span, lexicon: CueLexicon, covered: list[tuple[int, int]],
                 used_cues: set[int] = frozenset()) -> Candidate | None:
    """laut X / X zufolge / nach Angaben von X / nach X-Angaben / X's Meinung nach / so X / demnach / wonach: the
    first phrase cue of the sentence whose content reads as a report."""
    # the frame of a direct quotation ("„…“, sagte Putin, als er laut Staatsfernsehen …", "„…“, wie X nach
    # Angaben von Y erklärte") already has its speaker: a phrase cue after the quotation belongs to that frame
    frame_after = min((e for _, e in starting_in(covered, sent.start_char, sent.end_char)), default=None)
    if frame_after is not None and not any(t.i in used_cues for t in sent if t.idx >= frame_after):
        frame_after = None
    cues = _PhraseCues.of(lexicon)
    toks = list(sent)
    for k, tok in enumerate(toks):
        if tok.lower_ not in cues.starters:
            continue
        if inside(tok.idx, covered) or (frame_after is not None and tok.idx >= frame_after):
            continue
        match = _match_at(sent, toks, k, lexicon, cues)
        if match.cue is None or match.speaker is None:
            continue
        found = _reading(sent, match, covered)
        if found is not None:
            return found
    return None


def _match_at(sent: Span, toks: list[Token], k: int, lexicon: CueLexicon, cues: _PhraseCues) -> _Match:
    """The phrase cue that starts at sentence token ``k``, if any (``_Match(None, None)`` otherwise)."""
    tok = toks[k]
    low = tok.lower_
    nxt = toks[k + 1] if k + 1 < len(toks) else None
    if low == "nach" and nxt is not None:
        np_ = np_from(sent, k + 1)
        if np_ is not None and any(noun_cue(t.text, lexicon) for t in np_ if t.pos_ in ("NOUN", "PROPN")):
            return _Match(sent[k : k + 1], np_)
        if k > 0 and (nxt.pos_ in ("VERB", "AUX") or nxt.text == ","):
            # postposition: "seiner Meinung nach", "Expertenmeinung nach"
            np_ = np_before(sent, k)
            if np_ is not None and noun_cue(np_[-1].text, lexicon):
                return _Match(sent[k : k + 1], np_)
    for phrase in cues.phrases.get(low, ()):
        n = len(phrase)
        if tuple(t.lower_ for t in toks[k : k + n]) == phrase:
            return _Match(sent[k : k + n], np_from(sent, k + n))
    if low in cues.prepositions and nxt is not None and tok.pos_ != "VERB":
        return _Match(sent[k : k + 1], np_from(sent, k + 1), weak=low in ("gemäß",))
    if low in cues.postpositions and k > 0:
        return _Match(sent[k : k + 1], np_before(sent, k))
    if low == "so" and k > 0 and toks[k - 1].text in (",", "–", "—", "(") and nxt is not None \
            and nxt.pos_ in ("DET", "PROPN", "NOUN", "PRON"):
        return _Match(sent[k : k + 1], np_from(sent, k + 1))
    if low in cues.adverbs and low in SOURCE_ADVERBS:
        if low == "wonach" and k > 1 and toks[k - 1].text == ",":
            return _Match(sent[k : k + 1], np_before(sent, k - 1), content=(tok.idx + len(tok.text), sent.end_char))
        if low != "wonach":
            return _Match(sent[k : k + 1], sent[k : k + 1], weak=low == "danach")
    return _Match(None, None)


def _content_bounds(sent: Span, frame_start: int, frame_end: int) -> tuple[int, int]:
    """The content of a phrase frame: the sentence without the frame, as one range; a frame at either edge is cut
    off, a frame in a relative or adverbial clause reports that clause."""
    doc = sent.doc
    c_start, c_end = sent.start_char, sent.end_char
    clause = subordinate_clause(sent, frame_start, frame_end)
    if clause is not None:
        # "…, die nach dessen Angaben die Bombe enthalten sollte": the report is the clause it stands in
        return clause
    if not doc[sent.start:frame_start].text.strip(" ,:–—\"„“"):
        # "Nach Angaben des Gouverneurs X der Provinz Y kommen …": the frame fills the Vorfeld, the
        # content starts at the finite verb
        verb = finite_after(sent, frame_end)
        c_start = doc[verb].idx if verb is not None else (
            doc[frame_end].idx if frame_end < len(doc) else sent.end_char)
    elif frame_end >= sent.end - 1 or not doc[frame_end:sent.end].text.strip(" .,:!?"):
        c_end = doc[frame_start].idx
    return c_start, c_end


def _reading(sent: Span, match: _Match, covered: list[tuple[int, int]]) -> Candidate | None:
    """The quotation a phrase cue frames, if its content reads as a report."""
    doc = sent.doc
    cue_span, speaker = match.cue, match.speaker
    frame_start = min(cue_span.start, speaker.start)
    frame_end = max(cue_span.end, speaker.end)
    c_start, c_end = match.content or _content_bounds(sent, frame_start, frame_end)
    rng = content_range(doc, c_start, c_end, covered)
    if rng is None:
        return None
    content = tokens_between(doc, *rng)
    if content is None or not has_finite_verb(content) or len(content) < 3:
        return None
    if match.weak and not clause_is_subjunctive(content):
        return None
    parts = [rng]
    if not match.content and rng[0] < doc[frame_start].idx and doc[frame_end - 1].idx < rng[1]:
        parts = _around_frame(doc, rng, frame_start, frame_end) or parts
    found = Candidate("indirect", parts, cue_span, speaker, 0.7, sent, Method.PHRASE)
    found.refers_to = _own_source(sent, speaker, content)
    return found


def _around_frame(doc: Doc, rng: tuple[int, int], frame_start: int, frame_end: int) -> list[tuple[int, int]] | None:
    """A frame inside the sentence ("Die Boote sind laut X zudem recht klein", "…, so Canny, …") is not part of
    what was said: the content is the two pieces around it."""
    head = span_chars(doc, rng[0], len(doc.text[: doc[frame_start].idx].rstrip(TRIM)))
    tail_start = doc[frame_end].idx if frame_end < len(doc) else rng[1]
    while tail_start < rng[1] and doc.text[tail_start] in TRIM:
        tail_start += 1
    tail = span_chars(doc, tail_start, rng[1]) if tail_start < rng[1] else None
    if head is not None and tail is not None and head[1] > head[0] and tail[1] > tail[0]:
        return [head, tail]
    return None


def _own_source(sent: Span, speaker: Span, content: Span) -> Span | None:
    """"eigenen Angaben zufolge", "nach eigenen Angaben": the mention is "eigenen Angaben", the source it refers to
    is the clause's own subject."""
    if not any(t.lower_ in ("eigenen", "eigener", "eigene") for t in speaker):
        return None
    doc = sent.doc
    prev = doc[speaker.start - 1] if speaker.start > sent.start else None
    subj = prev if prev is not None and prev.pos_ in ("PROPN", "NOUN") and (
        prev.ent_type_ or speaker_like(prev)) else None  # "Inzwischen hat Pjöngjang eigenen Angaben zufolge"
    if subj is None:
        subj = next((t for t in content if "subject" in _roles(t)), None)
    if subj is None:
        subj = next((t for t in sent if "subject" in _roles(t) and not speaker.start <= t.i < speaker.end), None)
    return noun_phrase(subj, sent) if subj is not None else None
