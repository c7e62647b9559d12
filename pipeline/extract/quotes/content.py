"""Where the content of a cue may stand and whether it reads as reported speech: a dass/ob clause, a Konjunktiv
clause, a zu-infinitive — not an adverbial, relative or purpose clause; content ranges are cut before a direct
quotation found already and end with their own clause."""
from __future__ import annotations

from spacy.tokens import Doc, Span

from ...lang.de.verbs import (
    clause_is_subjunctive,
    finite_or_konjunktiv,
    is_finite,
    is_verbal,
    listed_konjunktiv,
    looks_konjunktiv_1,
    looks_subjunctive,
)
from ...lang.de.words import (
    ADVERBIAL_SUBORDINATORS,
    CLAUSE_LINKS,
    INTERROGATIVES,
    QUESTION_VERBS,
    RELATIVE_FORMS,
    SUBORDINATORS,
    ZU_INFIX,
)
from ...resources.cues import Cue, load_cues
from .candidate import Covered
from .cue import verb_cue
from .text import END_PUNCT, n_words, span_chars, strip_final_punct, tokens_between


def has_finite_verb(span: Span) -> bool:
    return any(is_verbal(t) and finite_or_konjunktiv(t) or listed_konjunktiv(t) for t in span)


def is_quotation_like(text: str) -> bool:
    """Quoted text that reads like speech rather than a term, title or scare quote."""
    words = n_words(text)
    stripped = text.strip()
    if words >= 6:
        return True
    if words >= 3 and stripped and stripped[-1] in END_PUNCT + ",":
        return True
    return False





def zu_infinitive(content: Span) -> bool:
    """The content ends in a zu-infinitive: "… zu prüfen", "… auszusetzen"."""
    verbs = [t for t in content if is_verbal(t) and (not is_finite(t) or ZU_INFIX.fullmatch(t.lower_))]
    if not verbs:
        return False
    last = verbs[-1]
    if ZU_INFIX.fullmatch(last.lower_):
        return True  # "niederzulegen", "voranzutreiben", whatever the tagger says
    if last.i > content.start and content.doc[last.i - 1].lower_ == "zu":
        return True
    return "zu" in last.lower_[2:-2] and last.tag_ == "VVIZU" or ("Inf" in last.morph.get("VerbForm")
                                                                 and "zu" in last.lower_[1:-3])





def indirect_question(content: Span, cue: Cue) -> bool:
    """An indirect question after (or before) a question verb: a clause that opens with ob or a w-word and ends
    in its finite verb ("fragte, wie der Minister dies bewerte", "Welche Folgen das habe, fragte sie"). Its form
    marks it as what was asked, whatever the mood of its verb: the question verb and the opening word are the
    construction."""
    # (the verb itself is not asked for: the small model tags "tut" or "wann" as anything)
    words = [t for t in content if not t.is_punct]
    return cue.cue in QUESTION_VERBS and len(words) >= 3 and words[0].lower_ in INTERROGATIVES and \
        words[-1].is_lower


def content_ok(content: Span | None, cue: Cue, subjunctive_needed: bool, after_cue: bool = True) -> bool:
    if content is None or len(content) < 3:
        return False
    if indirect_question(content, cue):
        return True
    if after_cue and content[0].lower_ in ADVERBIAL_SUBORDINATORS and not (
            len(content) > 1 and is_verbal(content[1]) and (is_finite(content[1]) or looks_subjunctive(content[1]))):
        # (but "erklärte, damit solle ein Machtvakuum vermieden werden": a finite verb right after it makes
        # "damit" an adverb of a main clause)
        return False  # "…, nachdem …", "…, sodass …": an adverbial clause is not what was said
    if after_cue and is_verbal(content[0]) and is_finite(content[0]) and not zu_infinitive(content):
        return False  # "bestätigten den Zwischenfall, teilten jedoch mit, …": a second predicate, not a clause
    if after_cue and (content[0].lower_ in ("um", "sondern") and not (
            len(content) > 1 and is_verbal(content[1]) and finite_or_konjunktiv(content[1])) or
            content[0].lower_ in ("da", "weil", "denn", "doch", "aber") and not clause_is_subjunctive(content)):
        # "…, um eine Eskalation zu vermeiden", "…, da dieser seinen Rückzug angekündigt hatte": a purpose or a
        # reason in the indicative is the writer's, not what was said (in Konjunktiv it is the speaker's reason)
        return False
    if after_cue and _relative_clause(content):
        return False  # "berichtete über einen Vorfall, der …": a relative clause says what a noun is, not what was said
    if not has_finite_verb(content) and content[0].lower_ not in SUBORDINATORS:
        # "zu"-infinitive complements ("kündigte an, … zu prüfen", "forderte sie auf, … auszusetzen") are
        # reported content too, whatever the cue's strength; purpose clauses ("um … zu") are not
        if content[0].lower_ in ("um", "ohne", "statt", "anstatt") or not zu_infinitive(content):
            return False
        return True
    if content[0].lower_ in ("dass", "daß", "ob"):
        return True
    if subjunctive_needed or cue.strength == "weak":
        return clause_is_subjunctive(content)
    return True


def content_range(doc: Doc, start: int, end: int, covered: list[tuple[int, int]]) -> tuple[int, int] | None:
    """The character range of a content clause: without final punctuation, aligned to tokens and cut before a
    direct quotation already found."""
    rng = span_chars(doc, *strip_final_punct(doc, start, end))
    return _cut_at_quotes(doc, rng, covered) if rng is not None else None


def _cut_at_quotes(doc: Doc, rng: tuple[int, int], covered: list[tuple[int, int]]) -> tuple[int, int] | None:
    """Keep content clear of direct quotations: stop before the first one inside the range."""
    start, end = rng
    loose = getattr(covered, "loose", ())
    # start only grows and end only shrinks: a range that does not overlap the first range never applies
    for c_start, c_end in (covered.overlapping(start, end) if type(covered) is Covered else covered):
        if (c_start, c_end) in loose and c_start > start:
            continue
        if c_start <= start < c_end:
            start = c_end
        elif start < c_start < end:
            end = c_start
    return span_chars(doc, start, end) if end > start else None


FRAME_BREAK = (",", ":", ";", "–", "—")


def _segment_end(doc: Doc, start: int, end: int) -> int:
    """The token index of the first comma, semicolon or colon from ``start`` on, else ``end``."""
    return next((i for i in range(start, end) if doc[i].text in (",", ";", ":")), end)


def clause_extent(doc: Doc, rng: tuple[int, int]) -> tuple[int, int]:
    """A complement clause that opens the content ends where its verb's subtree ends: "dass der Ehemann gesucht
    werde[, hatte dieser versucht, …]" keeps only the dass-clause. Cut only at a comma followed by a new clause in
    the indicative (a Konjunktiv clause or a zu-infinitive after the comma is still the report: "dass es die
    Entscheidung der Investoren sei, wie die Bebauung umgesetzt werde")."""
    content = tokens_between(doc, *rng)
    if content is None or len(content) < 3 or content[0].lower_ not in SUBORDINATORS:
        return rng
    head = content[0].head
    if head.i == content[0].i or not (content.start <= head.i < content.end) or not is_verbal(head):
        return _before_main_verb(doc, rng, content)
    edge = max(t.i for t in head.subtree if content.start <= t.i < content.end)
    nxt = edge + 1
    if nxt + 1 < content.end and doc[nxt].text == "," and \
            any(is_verbal(t) and is_finite(t) for t in doc[nxt + 1 : content.end]) and \
            doc[nxt + 1].lower_ not in ("und", "oder", "aber", "dass", "daß", "ob"):
        rest = doc[nxt + 1 : _segment_end(doc, nxt + 1, content.end)]
        if clause_is_subjunctive(rest) or zu_infinitive(rest):
            return rng  # "…, wie die Bebauung umgesetzt werde", "…, bestimmte Techniken zu benutzen": still the report
        end = doc[edge].idx + len(doc[edge].text)
        return strip_final_punct(doc, rng[0], end)
    return rng





def _before_main_verb(doc: Doc, rng: tuple[int, int], content: Span) -> tuple[int, int]:
    """Where the parse gives no head to a subordinate clause: it ends at a comma with an indicative finite verb
    right after it, the verb of the main clause it stands in front of ("was seine Partei unterscheide[, entgegnete
    Suttner]")."""
    for k in range(content.start + 2, content.end - 1):
        nxt = doc[k + 1]
        if doc[k].text == "," and is_verbal(nxt) and is_finite(nxt) and nxt.is_lower and not looks_subjunctive(nxt):
            return strip_final_punct(doc, rng[0], doc[k - 1].idx + len(doc[k - 1].text))
    return rng


def own_clause(doc: Doc, rng: tuple[int, int]) -> tuple[int, int]:
    """The report ends where the writer's own clause takes over: "…, Annabi sei tot[, doch UN-Sprecher Birnback
    erklärte, …]", "sie müssten ihre Zurückhaltung aufgeben [und bemühte hier das Bild …]" - a linked clause in the
    indicative that names a new speech act or goes on with the cue's subject (a finite verb right after the link)."""
    content = tokens_between(doc, *rng)
    if content is None or len(content) < 4 or not clause_is_subjunctive(content):
        return rng
    lexicon = load_cues()
    for k in range(content.start + 2, content.end - 1):
        link = doc[k]
        if link.lower_ not in CLAUSE_LINKS:
            continue
        rest = doc[k + 1 : _segment_end(doc, k + 1, content.end)]
        if not len(rest) or clause_is_subjunctive(rest) or zu_infinitive(rest):
            continue
        finite = [t for t in rest if is_verbal(t) and is_finite(t)]
        if not finite:
            continue
        v1 = is_verbal(rest[0]) and is_finite(rest[0]) and link.lower_ in ("und", "sowie")
        new_report = any(verb_cue(t, lexicon) is not None for t in rest if is_verbal(t)) and \
            doc[k - 1].text == ","
        if v1 or new_report:
            end = k - 1 if doc[k - 1].text == "," else k
            return strip_final_punct(doc, rng[0], doc[end - 1].idx + len(doc[end - 1].text))
    return rng





def relative_start(doc: Doc, i: int, sent: Span) -> bool:
    """A relative clause starts at token ``i``: "die …", "in dem sich …" (article-like forms followed by no noun)."""
    k = i + 1 if doc[i].pos_ == "ADP" else i
    if k >= sent.end or doc[k].lower_ not in RELATIVE_FORMS and doc[k].tag_ not in ("PRELS", "PRELAT"):
        return False
    return doc[k].tag_ in ("PRELS", "PRELAT") or (k + 1 < sent.end and doc[k + 1].pos_ not in
                                                  ("NOUN", "PROPN", "ADJ", "NUM"))


def _relative_clause(content: Span) -> bool:
    """The content opens with a relative clause ("der heute vorgelegt wurde", "mit dem der Gründer …", "den
    Russland gegen den Westen führe"): a relative form, and its first finite verb closes the clause (verb-final;
    the main clauses "das sei falsch", "die Evaluierung habe ergeben" have it second). Tolerant of a
    tagger that calls the relative pronoun an article or the Konjunktiv a participle."""
    doc = content.doc
    k = content.start + 1 if content[0].pos_ == "ADP" else content.start
    if k >= content.end or doc[k].lower_ not in RELATIVE_FORMS and doc[k].tag_ not in ("PRELS", "PRELAT"):
        return False
    end = next((t.i for t in content if t.text in FRAME_BREAK), content.end)
    while end > k and doc[end - 1].is_punct:
        end -= 1
    finite = next((t for t in doc[k + 1 : end] if is_verbal(t) and (is_finite(t) or looks_konjunktiv_1(t))), None)
    # the finite verb last ("vorgelegt wurde"), not before the participle ("die Evaluierung habe ergeben")
    return finite is not None and finite.i == end - 1 and not zu_infinitive(doc[k:end]) and \
        not ("zu" in finite.lower_[2:-3] and finite.lower_.endswith("en"))  # "voranzutreiben" tagged finite


def finite_after(sent: Span, k: int) -> int | None:
    """The first finite verb of the main clause from token ``k`` on, passing over appositions and relative clauses
    of the phrase before it ("Nach Angaben von X, einem früheren Minister, der …, wurde …")."""
    doc = sent.doc
    in_relative = False
    for i in range(k, sent.end):
        t = doc[i]
        if t.text == "," and i + 1 < sent.end:
            in_relative = relative_start(doc, i + 1, sent) or (in_relative and not any(
                finite_or_konjunktiv(x) and is_verbal(x) for x in doc[k:i]))
            continue
        if in_relative or t.is_punct:
            continue
        if is_verbal(t) and finite_or_konjunktiv(t):
            return i if i - k <= 25 else None
    return None


def subordinate_clause(sent: Span, frame_start: int, frame_end: int) -> tuple[int, int] | None:
    """The character range of the relative or adverbial clause a phrase frame stands in ("…, die nach dessen
    Angaben die Bombe enthalten sollte", "…, da nach Angaben der Fluggesellschaft …", "…, nach denen …"), or None
    when the frame is part of the main clause."""
    doc = sent.doc
    k = frame_start
    while k > sent.start and doc[k - 1].text not in (",", ";", "–", "—", "("):
        k -= 1
    if k <= sent.start:
        return None
    first = doc[k]
    opens = relative_start(doc, k, sent) or first.lower_ in ADVERBIAL_SUBORDINATORS | {"da", "weil", "dass", "daß"} \
        or first.tag_ in ("KOUS", "PRELS", "PRELAT") or (k == frame_start and doc[frame_end - 1].lower_ in RELATIVE_FORMS)
    if not opens:
        return None
    start = doc[k].idx if k < frame_start else (doc[frame_end].idx if frame_end < sent.end else sent.end_char)
    # the clause ends at the first comma after its (final) verb
    end = sent.end_char
    seen_verb = False
    for i in range(frame_end, sent.end):
        t = doc[i]
        if is_verbal(t):
            seen_verb = True
        elif t.text in (",", ";", "–", "—", ")") and seen_verb:
            end = t.idx
            break
    return (start, end) if end > start else None
