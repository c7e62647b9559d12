"""Strategy: the readings of one cue verb — content after the frame ("X sagte, dass …", "X sagte: …"), before it
("…, sagte X"), or around a wie-clause ("wie X mitteilte"); the frame's bounds widened over appositions."""
from __future__ import annotations

from spacy.tokens import Span, Token

from ...lang.de.verbs import (
    clause_is_subjunctive,
    is_finite,
    is_verbal,
    subject_of,
    verb_chain,
)
from ...lang.de.words import ADVERBIAL_SUBORDINATORS, SUBORDINATORS
from ...model.labels import children_with_role
from ...model.labels import dep_role as _roles
from ...resources.cues import Cue
from ...types import Method
from .candidate import Candidate, inside
from .content import (
    FRAME_BREAK,
    clause_extent,
    content_ok,
    content_range,
    has_finite_verb,
    indirect_question,
    own_clause,
    relative_start,
    zu_infinitive,
)
from .speaker import attributed_source, is_passive, source_pp, speaker_near_verb
from .text import n_words, span_chars, strip_final_punct, tokens_between


def _object_filled(verb: Token, frame: Span) -> bool:
    """The cue verb has its accusative object in the frame ("kündigt eine Zusammenarbeit an"): what follows the
    comma or colon is then not its complement."""
    for node in verb_chain(verb):
        for child in node.children:
            if "object" in _roles(child) and child.pos_ in ("NOUN", "PROPN") and frame.start <= child.i < frame.end \
                    and "Acc" in child.morph.get("Case"):
                return True
    return False


def _subject_in_frame(verb: Token, frame: Span) -> bool:
    """A second subject of the cue verb stands in its frame after it: the parser took a noun of the content before
    the cue for a subject as well ("Welche Folgen das habe, fragte der Richter": "Folgen" and "Richter"). Read so
    only where the content is marked as reported (Konjunktiv, an indirect question): "Die Anhänger, die …, warnte
    er, …" has its object, not its content, before the cue."""
    return any(frame.start <= t.i < frame.end and t.i > verb.i and t.pos_ in ("NOUN", "PROPN", "PRON")
               for node in verb_chain(verb) for t in children_with_role(node, "subject"))


def _frame_bounds(sent: Span, verb: Token, covered: list[tuple[int, int]]) -> tuple[int, int]:
    """The token range of a cue verb's frame: the comma/colon-delimited stretch around the verb, widened over a
    wie-clause's apposition commas and over verbless segments between the cue and its content."""
    doc = sent.doc
    left = verb.i
    while left > sent.start and doc[left - 1].text not in FRAME_BREAK and not inside(doc[left - 1].idx, covered):
        left -= 1
    right = verb.i + 1
    while right < sent.end and doc[right].text not in FRAME_BREAK and not inside(doc[right].idx, covered):
        right += 1
    # "Wie der Direktor des Amtes, Smith Dharmmasaroj, mitteilte, …": a wie-clause may hold apposition commas
    if doc[left].lower_ != "wie" and right < sent.end and doc[right].text == ",":
        wie = next((t for t in reversed(doc[sent.start : verb.i]) if t.lower_ == "wie"), None)
        if wie is not None and (wie.i == sent.start or doc[wie.i - 1].text in (",", "–", "—")) and \
                not any(is_finite(t) and is_verbal(t) and t.i != verb.i for t in doc[wie.i : verb.i]):
            left = wie.i
    # "sagte der Koordinator, Deftalgne Tessema, gegenüber der BBC, dass …": verbless segments between the cue
    # and a dass/ob clause (appositions, addressees) belong to the frame, not to the content
    k = right
    named_at = None  # after a name apposition (", Mohammed el-Baradei,"), if nothing better follows
    while k < sent.end and doc[k].text == ",":
        seg_end = k + 1
        while seg_end < sent.end and doc[seg_end].text not in FRAME_BREAK and not inside(doc[seg_end].idx, covered):
            seg_end += 1
        segment = doc[k + 1 : seg_end]
        if not len(segment) or segment[0].lower_ in SUBORDINATORS or segment[0].lower_ in ADVERBIAL_SUBORDINATORS \
                or has_finite_verb(segment) or relative_start(doc, k + 1, sent) or \
                any(is_verbal(t) for t in segment) or seg_end - k > 12:
            break
        name_apposition = len(segment) <= 5 and all(t.pos_ == "PROPN" or t.tag_ == "NE" or t.text in ("-", ".")
                                                     for t in segment) and \
            (doc[k - 1].pos_ in ("NOUN", "PROPN") or doc[k - 1].text == ")") and verb.i < k
        k = seg_end
        if name_apposition and named_at is None and k + 1 < sent.end and doc[k].text == ",":
            named_at = k  # ", Mohammed el-Baradei, Nordkorea besitze …": the name after the role is its apposition
        if k + 1 < sent.end and doc[k].text == "," and doc[k + 1].lower_ in ("dass", "daß", "ob"):
            right = named_at = k
            break
    if named_at is not None:
        right = named_at
    return left, right


def _frame_candidates(sent: Span, verb: Token, frame: Span, covered: list[tuple[int, int]]
                      ) -> tuple[list[tuple[int, int, str, float]], tuple[int, int] | None]:
    """Where the content of a frame may stand, as (start, end, how, confidence): before it ("…, sagte X"),
    after it ("X sagte, …"), or around a wie-clause; plus the second piece of a content a wie-clause splits."""
    doc = sent.doc
    left, right = frame.start, frame.end
    first = doc[left]
    candidates: list[tuple[int, int, str, float]] = []
    rest = None
    if first.lower_ == "wie" and left < verb.i:
        before = (sent.start_char, frame.start_char)
        after = (frame.end_char, sent.end_char)
        best = max((before, after), key=lambda c: c[1] - c[0])
        candidates.append((*best, "wie", 0.75))
        other = before if best is after else after
        # "Zur Finanzierung bekomme das Unternehmen, wie es auf der Pressekonferenz hieß, 4,3 Millionen Euro":
        # a wie-clause inside the sentence splits the content in two
        rest = content_range(doc, *other, covered) if n_words(doc.text[other[0]:other[1]]) >= 2 else None
    else:
        # "…, sagte X." / "…, fügte Kim hinzu." / "…, so der Minister weiter": the cue leads the frame
        leads = verb.i == left or (verb.i == left + 1 and first.pos_ in ("ADV", "PART"))
        # "…, hatte Obama in Moskau gesagt": a finite auxiliary leads the frame, the cue participle closes it
        closes = is_finite(first) and first.pos_ == "AUX" and verb.i == right - 1 and right >= sent.end - 1
        if left > sent.start and doc[left - 1].text == "," and (leads or closes):
            candidates.append((sent.start_char, doc[left - 1].idx, "before", 0.8))
        # "X sagte, (dass) …" / "X sagte: …"
        if right < sent.end and doc[right].text in (",", ":"):
            candidates.append((doc[right].idx + 1, sent.end_char, "after", 0.75))
    return candidates, rest


def verb_frames(sent: Span, verb: Token, cue: Cue, covered: list[tuple[int, int]]) -> list[Candidate]:
    """Readings of one cue verb: content after the frame ("X sagte, …"), before it ("…, sagte X"), or around a
    wie-clause ("wie X mitteilte")."""
    doc = sent.doc
    left, right = _frame_bounds(sent, verb, covered)
    frame = doc[left:right]
    first = doc[left]
    if first.tag_ in ("PRELS", "PRELAT") or (first.pos_ == "ADP" and left + 1 < right and
                                              doc[left + 1].tag_ in ("PRELS", "PRELAT")):
        return []  # a cue verb in a relative clause ("Baptie, der die Stärke angegeben hatte, sagte …")
    candidates, rest = _frame_candidates(sent, verb, frame, covered)
    out = []
    for c_start, c_end, how, confidence in candidates:
        rng = content_range(doc, c_start, c_end, covered)
        if rng is None:
            continue
        rng = strip_final_punct(doc, *rng)
        if how == "after":
            rng = own_clause(doc, clause_extent(doc, rng))
            if _object_filled(verb, frame) and not doc.text[rng[0]:rng[1]].lower().startswith(("dass", "daß", "ob ")):
                tail = tokens_between(doc, *rng)
                if tail is not None and not clause_is_subjunctive(tail) and not zu_infinitive(tail):
                    continue  # "Putin kündigt eine verstärkte Zusammenarbeit an: Bei dem Treffen …" - not its content
        content = tokens_between(doc, *rng)
        if not content_ok(content, cue, how == "before" and cue.strength == "weak", after_cue=how == "after"):
            continue
        if how == "before":
            # marked as reported: Konjunktiv, or an indirect question
            marked = clause_is_subjunctive(content) or indirect_question(content, cue)
            if not (marked or cue.strength == "strong"):
                continue
            subj = subject_of(verb)
            if subj is not None and content.start <= subj.i < content.end and subj.pos_ != "PRON" and \
                    not (marked and _subject_in_frame(verb, frame)):
                continue  # "Baptie, der …, sagte, dass …": the speaker stands before the cue, the content after it
        speaker = attributed_source(frame) or speaker_near_verb(verb, frame, sent, rng) or source_pp(frame)
        if clause_is_subjunctive(content) or content[0].lower_ in ("dass", "daß", "ob"):
            # the reported clause is marked as such: "In einer Videobotschaft, die … eingespielt wurde, sagte
            # Thaksin, man werde kämpfen" - the Konjunktiv after the cue, not the indicative before it
            confidence += 0.1
        parts = [rng]
        if how == "wie" and rest is not None:
            parts = sorted([rng, strip_final_punct(doc, *rest)])
        if how == "before" and right + 1 < sent.end and doc[right].text == "," and relative_start(doc, right + 1, sent):
            # "Man habe einen Pakt unterzeichnet, verkündete Putin, in dem sich …": the relative clause after the
            # frame belongs to the content before it
            tail = span_chars(doc, *strip_final_punct(doc, doc[right + 1].idx, sent.end_char))
            if tail is not None:
                parts.append(tail)
        out.append(Candidate("indirect", parts, doc[verb.i : verb.i + 1], speaker, confidence, sent, Method(f"verb-{how}"),
                          unattributed=speaker is None and (is_passive(verb) or cue.type == "impersonal")))
    return out
