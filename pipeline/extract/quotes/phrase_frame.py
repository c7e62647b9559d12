"""Strategy: phrase cues — laut X, X zufolge, nach Angaben von X, nach X-Angaben, seiner Meinung nach, so X,
demnach, wonach: the sentence without the frame is the content, the phrase names the source."""
from __future__ import annotations

from spacy.tokens import Span

from ...model.labels import dep_role as _roles
from ...resources.cues import CueLexicon
from ..syntax import clause_is_subjunctive, noun_phrase
from .candidate import Candidate, inside, starting_in
from .content import content_range, finite_after, has_finite_verb, subordinate_clause
from .cue import lower_phrases, noun_cue
from .mention import speaker_like
from .nounphrase import np_before, np_from
from .text import TRIM, span_chars, tokens_between


def phrase_frame(sent: Span, lexicon: CueLexicon, covered: list[tuple[int, int]],
                  used_cues: set[int] = frozenset()) -> Candidate | None:
    """laut X / X zufolge / nach Angaben von X / nach X-Angaben / X's Meinung nach / so X / demnach / wonach."""
    doc = sent.doc
    # the frame of a direct quotation ("„…“, sagte Putin, als er laut Staatsfernsehen …", "„…“, wie X nach
    # Angaben von Y erklärte") already has its speaker: a phrase cue after the quotation belongs to that frame
    frame_after = min((e for _, e in starting_in(covered, sent.start_char, sent.end_char)), default=None)
    if frame_after is not None and not any(t.i in used_cues for t in sent if t.idx >= frame_after):
        frame_after = None
    preps = {p for p in lexicon.prepositions() if " " not in p and p != "nach"}
    postps = lexicon.postpositions()
    adverbs = lexicon.adverbs()
    phrases = lower_phrases(lexicon)
    toks = list(sent)
    for k, tok in enumerate(toks):
        if inside(tok.idx, covered) or (frame_after is not None and tok.idx >= frame_after):
            continue
        low = tok.lower_
        cue_span = speaker = None
        content_override = None
        weak = False
        nxt = toks[k + 1] if k + 1 < len(toks) else None
        if low == "nach" and nxt is not None:
            np_ = np_from(sent, k + 1)
            if np_ is not None and any(noun_cue(t.text, lexicon) for t in np_ if t.pos_ in ("NOUN", "PROPN")):
                cue_span, speaker = sent[k : k + 1], np_
            elif k > 0 and (nxt.pos_ in ("VERB", "AUX") or nxt.text == ","):
                # postposition: "seiner Meinung nach", "Expertenmeinung nach"
                np_ = np_before(sent, k)
                if np_ is not None and noun_cue(np_[-1].text, lexicon):
                    cue_span, speaker = sent[k : k + 1], np_
        if cue_span is None:
            for phrase in phrases:
                n = len(phrase)
                if phrase[0] != "nach" and tuple(t.lower_ for t in toks[k : k + n]) == phrase:
                    cue_span = sent[k : k + n]
                    speaker = np_from(sent, k + n)
                    break
        if cue_span is None and low in preps and nxt is not None and tok.pos_ != "VERB":
            cue_span, speaker = sent[k : k + 1], np_from(sent, k + 1)
            weak = low in ("gemäß",)
        if cue_span is None and low in postps and k > 0:
            cue_span, speaker = sent[k : k + 1], np_before(sent, k)
        if cue_span is None and low == "so" and k > 0 and toks[k - 1].text in (",", "–", "—", "(") and nxt is not None \
                and nxt.pos_ in ("DET", "PROPN", "NOUN", "PRON"):
            cue_span, speaker = sent[k : k + 1], np_from(sent, k + 1)
        if cue_span is None and low in adverbs and low in ("demnach", "demzufolge", "danach", "wonach"):
            if low == "wonach" and k > 1 and toks[k - 1].text == ",":
                cue_span = sent[k : k + 1]
                speaker = np_before(sent, k - 1)
                content_override = (tok.idx + len(tok.text), sent.end_char)
            elif low != "wonach":
                cue_span = speaker = sent[k : k + 1]
                weak = low == "danach"
        if cue_span is None or speaker is None:
            continue
        frame_start = min(cue_span.start, speaker.start)
        frame_end = max(cue_span.end, speaker.end)
        if content_override:
            c_start, c_end = content_override
        else:
            # content: the sentence without the frame, as one range; a frame at either edge is cut off
            c_start, c_end = sent.start_char, sent.end_char
            clause = subordinate_clause(sent, frame_start, frame_end)
            if clause is not None:
                # "…, die nach dessen Angaben die Bombe enthalten sollte": the report is the clause it stands in
                c_start, c_end = clause
            elif not doc[sent.start:frame_start].text.strip(" ,:–—\"„“"):
                # "Nach Angaben des Gouverneurs X der Provinz Y kommen …": the frame fills the Vorfeld, the
                # content starts at the finite verb
                verb = finite_after(sent, frame_end)
                c_start = doc[verb].idx if verb is not None else (
                    doc[frame_end].idx if frame_end < len(doc) else sent.end_char)
            elif frame_end >= sent.end - 1 or not doc[frame_end:sent.end].text.strip(" .,:!?"):
                c_end = doc[frame_start].idx
        rng = content_range(doc, c_start, c_end, covered)
        if rng is None:
            continue
        content = tokens_between(doc, *rng)
        if content is None or not has_finite_verb(content) or len(content) < 4:
            continue
        if weak and not clause_is_subjunctive(content):
            continue
        parts = [rng]
        if not content_override and rng[0] < doc[frame_start].idx and doc[frame_end - 1].idx < rng[1]:
            # a frame inside the sentence ("Die Boote sind laut X zudem recht klein", "…, so Canny, …") is not
            # part of what was said: the content is the two pieces around it
            head = span_chars(doc, rng[0], len(doc.text[: doc[frame_start].idx].rstrip(TRIM)))
            tail_start = doc[frame_end].idx if frame_end < len(doc) else rng[1]
            while tail_start < rng[1] and doc.text[tail_start] in TRIM:
                tail_start += 1
            tail = span_chars(doc, tail_start, rng[1]) if tail_start < rng[1] else None
            if head is not None and tail is not None and head[1] > head[0] and tail[1] > tail[0]:
                parts = [head, tail]
        found = Candidate("indirect", parts, cue_span, speaker, 0.7, sent, f"phrase-{cue_span.text.lower()}")
        # "eigenen Angaben zufolge", "nach eigenen Angaben": the mention is "eigenen Angaben", the source it
        # refers to is the clause's own subject
        if any(t.lower_ in ("eigenen", "eigener", "eigene") for t in speaker):
            prev = doc[speaker.start - 1] if speaker.start > sent.start else None
            subj = prev if prev is not None and prev.pos_ in ("PROPN", "NOUN") and (
                prev.ent_type_ or speaker_like(prev)) else None  # "Inzwischen hat Pjöngjang eigenen Angaben zufolge"
            if subj is None:
                subj = next((t for t in content if "subject" in _roles(t)), None)
            if subj is None:
                subj = next((t for t in sent if "subject" in _roles(t) and not speaker.start <= t.i < speaker.end),
                            None)
            if subj is not None:
                found.refers_to = noun_phrase(subj, sent)
        return found
    return None
