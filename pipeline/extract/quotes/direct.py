"""Strategy: direct quotations — quoted text with its frame after („…“, sagte X. / „…“, so X.), before (X sagte:
„…“ / X: „…“), interrupted by it („…“, sagte er, „…“), or running on from the quotation before."""
from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Doc, Span, Token

from ...lang.de.verbs import finite_or_konjunktiv
from ...lang.de.words import NAME_LEADS, NAME_PARTICLES, SPEAKER_PRONOUNS
from ...types import Method
from ..quote_marks import QuotedRegion
from ..syntax import noun_phrase
from .candidate import Candidate
from .content import is_quotation_like
from .context import Context
from .cue import VerbCues, cue_in
from .mention import speaker_like, valid_speaker
from .nounphrase import np_from
from .speaker import (
    cue_subject_outside,
    is_passive,
    previous_subject,
    speaker_near_verb,
)
from .text import END_PUNCT, n_words, tokens_between


def _frame_before(doc: Doc, region: QuotedRegion, floor: int) -> Span | None:
    sent = doc.char_span(region.open, region.open + 1, alignment_mode="expand")
    if sent is None:
        return None
    s = sent[0].sent
    start = max(s.start_char, floor)
    if start >= region.open:
        return None
    return tokens_between(doc, start, region.open)


def _frame_after(doc: Doc, region: QuotedRegion, ceiling: int) -> Span | None:
    pos = region.close + 1
    tok = doc.char_span(region.close, region.close + 1, alignment_mode="expand")
    if tok is None or pos >= len(doc.text):
        return None
    s = tok[0].sent
    end = s.end_char
    # the sentence may end right at the closing mark ("… Ende.“ Er sagte …"): then take the next sentence only
    # when it starts with a cue-like frame (handled by the caller through the lexicon)
    if end <= pos:
        nxt = doc[tok[-1].i + 1].sent if tok[-1].i + 1 < len(doc) else None
        if nxt is None:
            return None
        end = nxt.end_char
    end = min(end, ceiling)
    if end <= pos:
        return None
    return tokens_between(doc, pos, end)


def _so_frame(frame: Span) -> tuple[Token | None, Span | None]:
    """„…“, so der Gewerkschaftsvorstand Uwe Foullong. / „…“, so Suttner weiter: "so" and the speaker after it."""
    words = [t for t in frame if not t.is_punct and not t.is_space]
    if len(words) < 2 or words[0].lower_ != "so":
        return None, None
    k = 1
    while k < len(words) - 1 and words[k].lower_ in ("etwa", "auch", "zumindest", "jedenfalls"):
        k += 1
    nxt = words[k]
    if not (nxt.pos_ in ("DET", "PROPN", "NOUN", "ADJ") or nxt.tag_ in ("NE", "NN") or nxt.lower_ in SPEAKER_PRONOUNS):
        return None, None
    sent = nxt.sent
    speaker = np_from(sent, nxt.i - sent.start)
    if speaker is None or valid_speaker(speaker) is None:
        return None, None
    return words[0], speaker


@dataclass(frozen=True)
class _Frame:
    """How a quotation is framed: its cue word (a verb, "so", or none), the speaker mention, and the reading
    ("cue-after", "cue-before", "colon", or "" for none)."""

    cue: Token | None = None
    speaker: Span | None = None
    via: str = ""
    in_report: bool = False  # the quoted words end a clause reported by the cue ("sagte, die Lage sei „…“")


def direct_quotes(doc: Doc, regions: list[QuotedRegion], cues: VerbCues, floor: int) -> list[Candidate]:
    """The direct quotations of the body: top-level quoted regions with a frame, or long enough to read as speech."""
    top = [r for r in regions if r.depth == 0 and r.open >= floor]
    found: list[Candidate] = []
    i = 0
    while i < len(top):
        region = top[i]
        nxt = top[i + 1] if i + 1 < len(top) else None
        before = _frame_before(doc, region, top[i - 1].close + 1 if i > 0 else floor)
        after = _frame_after(doc, region, nxt.open if nxt is not None else len(doc.text))
        frame, joined = _read_after(doc, after, nxt, cues)
        if frame.cue is None and before is not None:
            frame = _read_before(doc, before, cues)
        parts = [(region.start, region.end)]
        content = doc.text[region.start:region.end]
        if joined is not None:  # interrupted quotation: „Wir …“, sagte er, „werden …“
            parts.append((joined.start, joined.end))
            content += " " + doc.text[joined.start:joined.end]
        i += 2 if joined is not None else 1
        candidate = _candidate(doc, region, parts, content, frame, before, after, found, cues)
        if candidate is not None:
            found.append(candidate)
    return found


def _read_after(doc: Doc, after: Span | None, nxt: QuotedRegion | None, cues: VerbCues
                ) -> tuple[_Frame, QuotedRegion | None]:
    """„…“, sagte Putin. / „…“, so der Minister. — and the quotation the frame interrupts, if one goes on right
    after it („…“, sagte er, „…“)."""
    if not (after is not None and after.text.lstrip()[:1] in (",", "") or
            after is not None and after[0].pos_ in ("VERB", "AUX")):
        return _Frame(), None
    head = after
    for t in after:  # the after-frame ends at the first sentence end
        if t.text in END_PUNCT and t.i > after.start:
            head = doc[after.start : t.i]
            break
    cue_tok = cue_in(head, cues)
    if cue_tok is not None:
        speaker = speaker_near_verb(cue_tok, head)
    else:
        cue_tok, speaker = _so_frame(head)
    if cue_tok is None:
        return _Frame(), None
    joins = nxt is not None and head.end_char <= nxt.open and doc.text[head.end_char:nxt.open].strip() in ("", ",")
    return _Frame(cue_tok, speaker, "cue-after"), nxt if joins else None


def _read_before(doc: Doc, before: Span, cues: VerbCues) -> _Frame:
    """X sagte: „…“ / X sagte, „…“ / Putin: „…“ — the frame before a quotation."""
    text_before = before.text.rstrip()
    # "Er sagte, …, und fügte hinzu: „…“": before a colon, the cue nearest to the quotation introduces it
    cue_tok = cue_in(before, cues, last=text_before.endswith(":"))
    embedded = len(before) > 0 and before[-1].pos_ in ("DET", "ADP", "ADJ", "NOUN", "PROPN") and \
        not text_before.endswith((":", ","))  # "sprach von einem „heiligen Kampf“": a fragment
    if cue_tok is not None and not embedded and (text_before.endswith((":", ",")) or
                                                 doc[cue_tok.i:before.end].text.strip()
                                                 and n_words(doc[cue_tok.i:before.end].text) <= 6):
        # "sagte, die Lage sei „sehr ernst“": the quoted words may end the clause the cue reports
        in_report = not text_before.endswith((":", ",")) and _clause_after_comma(doc, cue_tok, before)
        return _Frame(cue_tok, speaker_near_verb(cue_tok, before), "cue-before", in_report)
    if text_before.endswith(":"):
        # "Putin: „…“" or "Der Kremlsprecher zur Lage: „…“"
        speaker = next((noun_phrase(tok, before) for tok in before
                        if tok.pos_ in ("PROPN", "NOUN") or tok.lower_ in ("er", "sie")), None)
        return _Frame(None, speaker, "colon")
    return _Frame()


def _clause_after_comma(doc: Doc, cue_tok: Token, before: Span) -> bool:
    """Between the cue and the opening mark, a comma and then a clause with a finite verb or a subordinating
    conjunction ("sagte, die Lage sei", "betonte, dass es"): the content of a report, the quotation a part of it."""
    tail = doc[cue_tok.i + 1 : before.end]
    comma = next((t.i for t in tail if t.text == ","), None)
    if comma is None:
        return False
    clause = doc[comma + 1 : before.end]
    return any(t.pos_ == "SCONJ" or t.pos_ in ("VERB", "AUX") and finite_or_konjunktiv(t) for t in clause)


_CONFIDENCE = {"cue-after": 0.9, "cue-before": 0.9, "colon": 0.8, "previous": 0.5}


def _candidate(doc: Doc, region: QuotedRegion, parts: list[tuple[int, int]], content: str, frame: _Frame,
               before: Span | None, after: Span | None, found: list[Candidate], cues: VerbCues
               ) -> Candidate | None:
    """The direct quotation of a quoted region, unless it is a name, a term or a fragment inside a clause; a
    frame-less one continues a quote run or takes the subject of its own or the sentence before."""
    cue_tok, speaker, via = frame.cue, frame.speaker, frame.via
    colon_before = before is not None and before.text.rstrip().endswith(":")
    if _name_in_marks(doc, region):
        return None  # "sagte zum „Algemeen Dagblad“", "Ein Sprecher der „Polizei von DeLand“": a name, not a quote
    if not via and not is_quotation_like(content):
        return None
    if not via and before is None and found and found[-1].method is not Method.UNFRAMED and \
            _same_paragraph(doc, found[-1].parts[-1][1], region.open) and \
            not _report_between(doc, found[-1].parts[-1][1], region.open, cues):
        via = "previous"  # a quote run: the same speaker goes on
        speaker = found[-1].speaker
    if not via and speaker is None:
        s0 = doc.char_span(region.open, region.open + 1, alignment_mode="expand")
        own = cue_subject_outside(s0[0].sent, region.open, region.close + 1) if s0 is not None else None
        speaker = own if own is not None else previous_subject(doc, region)
    cue_span = None
    if cue_tok is not None:
        cue_span = doc[cue_tok.i : cue_tok.i + 1]
    elif via == "colon":
        idx = before.start_char + len(before.text.rstrip()) - 1
        cue_span = doc.char_span(idx, idx + 1, alignment_mode="expand")
    if not is_quotation_like(content) and via in ("", "previous"):
        return None
    if n_words(content) < 2 and not colon_before:
        return None
    # a quoted fragment inside a clause ("sagte die „bedingungslose Unterstützung“ zu") is not a direct
    # quotation: the indirect rules report the clause around it as mixed
    framed = colon_before or (before is not None and before.text.rstrip().endswith(",")) or \
        (after is not None and after.text.lstrip()[:1] in (",", ".", "!", "?", ""))
    if not is_quotation_like(content) and not framed:
        return None
    sent = doc.char_span(region.open, region.open + 1, alignment_mode="expand")[0].sent
    open_speaker = speaker is None and cue_tok is not None and via in ("cue-after", "cue-before") and \
        (is_passive(cue_tok) or getattr(cues.of(cue_tok), "type", "") == "impersonal")
    return Candidate("direct", parts, cue_span, speaker, _CONFIDENCE.get(via, 0.4), sent,
                     Method(via) if via else Method.UNFRAMED,
                     unattributed=open_speaker, in_report=frame.in_report)


def _same_paragraph(doc: Doc, a: int, b: int) -> bool:
    return "\n" not in doc.text[a:b] or doc.text[a:b].count("\n") <= 2


def _report_between(doc: Doc, a: int, b: int, cues: VerbCues) -> bool:
    """A sentence between two quotations (after the one that ends at ``a``, before the one opening at ``b``) in
    which a speech verb has a subject of its own ("„…“, sagte Maas. … Heute sagt die Abgeordnete X: Das Gesetz
    geht am Ziel vorbei. „Mir kommt …“"): the quote run is broken, the later quotation is not the earlier
    speaker's."""
    last = doc.char_span(a - 1, a, alignment_mode="expand")
    first = doc.char_span(b, b + 1, alignment_mode="expand")
    if last is None or first is None:
        return False
    lo, hi = last[0].sent.end, first[0].sent.start
    for tok in doc[lo:hi] if lo < hi else ():
        if tok.pos_ in ("VERB", "AUX") and cues.of(tok) is not None:
            speaker = speaker_near_verb(tok, tok.sent, tok.sent)
            if speaker is not None and speaker_like(speaker.root):
                return True
    return False








def _name_in_marks(doc: Doc, region: QuotedRegion) -> bool:
    """A short name in quotation marks after an article or preposition ("der „Polizei von DeLand“", "zum
    „Algemeen Dagblad“"): capitalized words, no verb - a newspaper, an organization, a title."""
    span = doc.char_span(region.start, region.end, alignment_mode="expand")
    if span is None or not len(span) or span.start < 2:
        return False
    words = [t for t in span if t.is_alpha]
    if not 1 <= len(words) <= 5 or any(t.pos_ in ("VERB", "AUX") and t.is_lower for t in span):
        return False
    if not all(t.text[:1].isupper() or t.lower_ in NAME_PARTICLES for t in words) or \
            not words[0].text[:1].isupper() or any(t.text in ("!", "?", ".") for t in span):
        return False
    before = doc[span.start - 2]  # the token before the opening mark
    return before.pos_ in ("DET", "ADP") and before.is_lower or before.lower_ in NAME_LEADS


def find(doc: Doc, context: Context) -> list[Candidate]:
    """Quoted text with the frame around it: „…“, sagte X. / X sagte: „…“ / „…“, so X."""
    return direct_quotes(doc, context.regions, context.verb_cues, context.floor)
