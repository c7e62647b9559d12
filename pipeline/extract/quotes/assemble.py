"""Last stage: candidates become :class:`~pipeline.types.Quotation` values. Content parts are balanced around quoted
fragments (a fragment whole or not at all) and lose stray marks; the extent is the quotation as it stands in the
text (with its marks, or the final punctuation of a sentence reported whole); the speaker mention is refined to its
noun phrase."""
from __future__ import annotations

import bisect

from spacy.tokens import Doc

from ...lang.de.marks import closers, openers, stray_marks
from ...types import Method, Quotation, TextSpan
from ..quote_marks import QuotedRegion
from ..mention_steps import refine_mention
from .candidate import Candidate, Regions, regions_touching
from .context import Context
from .mention import relative_antecedent, valid_speaker
from .text import END_PUNCT, TRIM, span_chars


def verbatim(doc: Doc, f: Candidate) -> tuple[TextSpan, ...]:
    """The words a mixed quotation quotes verbatim ("Kim sprach von einem „heiligen Kampf“, den …"): the
    speaker's own words inside the report, without their marks."""
    out = []
    for region in f.nested:
        rng = span_chars(doc, region.start, region.end)
        if rng is not None:
            out.append(TextSpan(rng[0], rng[1], doc.text[rng[0] : rng[1]]))
    return tuple(out)


def balanced_parts(text: str, parts: list[tuple[int, int]], regions: list[QuotedRegion],
                    own_rows: set[tuple[int, int]], sent_ends: list[int]) -> list[tuple[int, int]]:
    """Content parts that hold a quoted fragment whole or not at all: a fragment's opening mark inside the content
    implies its closing mark inside too, and the other way round, for every mark type (straight marks included).

    Trimming a part to its content drops a closing mark at its end ("… einen „Neustart“." -> "… einen „Neustart");
    a part may also stop inside a fragment ("„E!Online“" cut at "!") or start inside one ("laut „auto, motor und
    sport“ gibt es …" cut at the comma). A fragment opened inside the content is completed up to its closing mark,
    unless it is a framed direct quotation of its own that the part runs into and that goes on past the part's
    sentence ("… als „defensiver Natur“: „Auf Anweisung … ergriffen. Zum Schutz …“": its words are that row's):
    then the part stops before it. A fragment closed inside the content whose opening mark is outside is taken in
    when only spaces separate its opening mark from the part, and left out (the part starts after its closing
    mark) otherwise. Regions are the pairs :func:`find_quoted_regions` matched (apostrophes and unpaired marks are
    not fragments)."""
    parts = sorted(parts)
    indexed = type(regions) is Regions and bool(parts)
    for _ in range(4):  # completing one fragment can take in the marks of another (nested, adjacent)
        changed = False
        for region in (regions_touching(regions, parts) if indexed else regions):
            opened = next((k for k, (s, e) in enumerate(parts) if s <= region.open < e), None)
            closed = next((k for k, (s, e) in enumerate(parts) if s <= region.close < e), None)
            if (opened is None) == (closed is None):
                continue
            if opened is not None:
                s, e = parts[opened]
                following = parts[opened + 1][0] if opened + 1 < len(parts) else len(text)
                sent_end = sent_ends[min(bisect.bisect_left(sent_ends, e), len(sent_ends) - 1)] if sent_ends else e
                cut = len(text[:region.open].rstrip(TRIM))
                if region.close >= following or (region.open, region.close) in own_rows and region.close >= sent_end:
                    if cut - s < 2:
                        continue  # nothing would be left: keep the part as it is
                    parts[opened] = (s, cut)
                else:
                    parts[opened] = (s, region.close + 1)
            else:
                s, e = parts[closed]
                if not text[region.open + 1 : s].strip():
                    parts[closed] = (region.open, e)
                else:
                    start = region.close + 1
                    while start < e and text[start] in TRIM:
                        start += 1
                    if e - start < 2:
                        continue
                    parts[closed] = (start, e)
            changed = True
        if not changed:
            break
    return parts


# quotation marks (not the apostrophes ’ and ') that may stand unpaired at the edge of a content part
_STRAY_MARKS = stray_marks()
# a direct quotation stands with its marks: the opening mark of its region and the mark that closes it
_OPENERS = openers()
_CLOSERS = closers()


def without_stray_marks(text: str, parts: list[tuple[int, int]], regions: list[QuotedRegion]
                         ) -> list[tuple[int, int]]:
    """A quotation mark at the edge of a content part that pairs with no other mark (an unbalanced text:
    "„Wir schaffen das, sagte Merkel.") is not part of the content, so the quote text stays balanced."""
    paired = regions.paired() if type(regions) is Regions else {r.open for r in regions} | {r.close for r in regions}
    out = []
    for s, e in parts:
        start, end = s, e
        while start < end and text[start] in _STRAY_MARKS and start not in paired:
            start += 1
            while start < end and text[start].isspace():
                start += 1
        while end > start and text[end - 1] in _STRAY_MARKS and end - 1 not in paired:
            end -= 1
            while end > start and text[end - 1].isspace():
                end -= 1
        out.append((start, end) if end - start >= 2 else (s, e))
    return out


def extent(text: str, f: Candidate) -> tuple[int, int]:
    """The quotation as it stands in the text: a direct quotation with its quotation marks („…“), an indirect one
    with the closing mark of a quoted fragment it ends in (… als „maßvoll“: its parts are balanced, see
    :func:`balanced_parts`), a sentence reported as a whole (a reported speech act, a continuation) with its final
    punctuation, a sentence taken up by "Das sagte X." with that pronoun."""
    start, end = f.parts[0][0], f.parts[-1][1]
    if f.kind == "direct":
        if start > 0 and text[start - 1] in _OPENERS:
            start -= 1
        if end < len(text) and text[end] in _CLOSERS:
            end += 1
        return start, end
    if f.method in (Method.CONTINUATION, Method.REPORTED, Method.ANAPHORIC) and end < len(text) and text[end] in END_PUNCT:
        end += 1  # a whole sentence reported: the sentence with its final mark
    if f.method is Method.ANAPHORIC and f.cue is not None and f.cue.start > 0:
        # "… verschoben. Das teilte die Behörde mit.": the pronoun that stands for the report is part of it
        end = max(end, f.cue.doc[f.cue.start - 1].idx + len(f.cue.doc[f.cue.start - 1].text))
    return start, end


def quotations(doc: Doc, context: Context) -> list[Quotation]:
    """The candidates as :class:`~pipeline.types.Quotation` values in text order: content parts that hold a quoted
    fragment whole, without stray marks; the speaker mention refined to its noun phrase, never with the cue."""
    found = context.found
    regions = context.regions
    # the marks of the framed direct quotations (a frame-less one inside a report is a quoted part of it)
    own_rows = {(a - 1, b) for f in found if f.kind == "direct" and f.method is not Method.UNFRAMED for a, b in f.parts}
    sent_ends = [s.end_char for s in doc.sents]
    quotes = []
    for f in sorted(found, key=lambda f: f.parts[0][0]):
        if f.kind != "direct":
            f.parts = without_stray_marks(doc.text, balanced_parts(doc.text, f.parts, regions, own_rows, sent_ends),
                                          regions)
        quotes.append(_quotation(doc, f))
    return quotes


def _quotation(doc: Doc, f: Candidate) -> Quotation:
    content = tuple(TextSpan(s, e, doc.text[s:e]) for s, e in f.parts)
    cue = TextSpan(f.cue.start_char, f.cue.end_char, f.cue.text) if f.cue is not None else None
    speaker = valid_speaker(f.speaker)
    if speaker is not None:
        speaker = relative_antecedent(speaker) or speaker  # "X, der sagte": X
    if speaker is not None:
        speaker = valid_speaker(refine_mention(speaker)) or speaker
    if speaker is not None and f.cue is not None and speaker.start < f.cue.start < speaker.end:
        # the cue is never part of its speaker ("Nordkoreas Machthaber [dankte Putin]", "dankte" tagged ADJA)
        speaker = valid_speaker(doc[speaker.start : f.cue.start]) or speaker
    mention = TextSpan(speaker.start_char, speaker.end_char, speaker.text) if speaker is not None else None
    sent = TextSpan(f.sent.start_char, f.sent.end_char, f.sent.text)
    refers_to = TextSpan(f.refers_to.start_char, f.refers_to.end_char, f.refers_to.text) \
        if f.refers_to is not None else None
    return Quotation(kind=f.kind, content=content, cue=cue, speaker_mention=mention, confidence=f.confidence,
                     sentence=sent, method=f.method, extent=extent(doc.text, f), cue_entry=f.cue_entry,
                     unattributed=f.unattributed, verbatim=verbatim(doc, f), refers_to=refers_to)
