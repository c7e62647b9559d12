"""quote_start/quote_end and the quote text against the quotation marks (issue #12 part 7).

The README promises that ``text[quote_start:quote_end]`` holds the quotation as it stands in the text: a direct one
with its marks, an indirect one that ends in a quoted fragment with that fragment's closing mark, for every mark
type of ``pipeline/resources/quote_marks.tsv``. And the ``quote`` text is balanced: a fragment's opening mark inside
the content implies its closing mark inside too (or neither).

quote_start/quote_end and quote are computed as ``write.quote_cells`` renders them (``Quotation.span``: the
extent, else the span of the content parts; the parts joined with `` […] ``), without depending on the writer
itself.
"""
from __future__ import annotations

import pytest

from pipeline.annotate import analyze
from pipeline.extract.quote_marks import find_quoted_regions
from pipeline.extract.quotes.assemble import balanced_parts as _balanced_parts
from pipeline.read import read_txt

# opening and closing mark of every pair the mark table knows (and the straight single mark, which is no
# quotation mark there: its text must stay balanced all the same)
PAIRS = [("„", "“"), ("„", "”"), ("„", '"'), ("“", "”"), ("«", "»"), ("»", "«"), ("‚", "‘"), ("‚", "’"), ("‚", "'"),
         ("‹", "›"), ("›", "‹"), ('"', '"')]
STRAIGHT_SINGLE = [("'", "'")]

SENTENCES = [
    # direct
    "{o}Wir brauchen einen Neustart{c}, sagte die Ministerin am Montag in Berlin.",
    "Die Ministerin sagte am Montag: {o}Wir brauchen einen Neustart.{c}",
    # interrupted direct quotation
    "{o}Wir werden das schaffen{c}, sagte Merkel, {o}auch wenn es schwer wird{c}.",
    # indirect, ending in a quoted fragment
    "Die Ministerin sagte, man brauche einen {o}Neustart{c}.",
    "Im Interview fordert sie einen {o}Neustart{c}.",
    "Der Minister bezeichnete die Lage als {o}kritisch{c}. Er kündigte weitere Hilfen an.",
    "Laut dem Sprecher sei die Lage {o}unter Kontrolle{c}.",
    "Die Boote sind laut Küstenwache zudem {o}recht klein{c}.",
    # a quoted fragment in the middle
    "Die Ministerin sagte, man brauche einen {o}echten Neustart{c} in der Energiepolitik.",
    "Kim sprach von einem {o}heiligen Kampf{c}, den Russland gegen den Westen führe.",
    # mixed: a quoted part without a frame of its own inside the report
    "Merkel entgegnete, dann solle der Iran {o}sehen, wie er dieses Gesetz ändern kann{c}.",
]

# the sentences of the bug report: an indirect quotation that ends in a fragment; its closing mark ends the row
ENDS_IN_FRAGMENT = [
    "Im Interview fordert sie einen {o}Neustart{c}.",
    "Die Ministerin sagte, man brauche einen {o}Neustart{c}.",
    "Laut dem Sprecher sei die Lage {o}unter Kontrolle{c}.",
    "Die Boote sind laut Küstenwache zudem {o}recht klein{c}.",
]


def _row(quote) -> tuple[int, int, str]:
    """quote_start, quote_end and quote as write.quote_cells renders them."""
    parts = sorted(quote.content, key=lambda s: s.start)
    start, end = quote.span
    return start, end, " […] ".join(p.text for p in parts)


def _problems(text: str, quote) -> list[str]:
    """What is wrong with one quotation's offsets and text (empty: nothing)."""
    start, end, _ = _row(quote)
    parts = sorted(quote.content, key=lambda s: s.start)
    out = []
    for p in parts:
        if not (start <= p.start and p.end <= end):
            out.append(f"content part {p.text!r} outside text[{start}:{end}] = {text[start:end]!r}")
        if text[p.start : p.end] != p.text:
            out.append(f"content part {p.text!r} is not the text at its offsets")
    for region in find_quoted_regions(text):
        opened = any(p.start <= region.open < p.end for p in parts)
        closed = any(p.start <= region.close < p.end for p in parts)
        quoted = text[region.open : region.close + 1]
        if opened != closed:
            out.append(f"unbalanced: the {'opening' if opened else 'closing'} mark of {quoted!r} is in the content, "
                       f"the other is not: {[p.text for p in parts]}")
        if any(p.start < region.end and region.start < p.end for p in parts):  # a fragment of this quotation
            if not start <= region.close < end:
                out.append(f"closing mark of {quoted!r} outside text[{start}:{end}] = {text[start:end]!r}")
            if not start <= region.open < end:
                out.append(f"opening mark of {quoted!r} outside text[{start}:{end}] = {text[start:end]!r}")
    return out


def _balanced_text(quote_text: str, opener: str, closer: str) -> bool:
    if opener == closer:
        return quote_text.count(opener) % 2 == 0
    return quote_text.count(opener) == quote_text.count(closer)


@pytest.mark.parametrize("opener,closer", PAIRS + STRAIGHT_SINGLE)
def test_sentences_with_every_mark_type(nlp, opener, closer):
    found = 0
    for template in SENTENCES:
        text = template.format(o=opener, c=closer)
        result = analyze(text, nlp=nlp)
        for quote in result.quotes:
            found += 1
            assert not _problems(text, quote), (text, _problems(text, quote))
            assert _balanced_text(_row(quote)[2], opener, closer), (text, _row(quote)[2])
    assert found >= len(SENTENCES) - 1


# every pair, the single guillemets ‹ › included (annotate.split_single_guillemets splits them off words)
_END_PAIRS = list(PAIRS)


@pytest.mark.parametrize("opener,closer", _END_PAIRS)
def test_indirect_quotation_ending_in_a_fragment_includes_its_closing_mark(nlp, opener, closer):
    for template in ENDS_IN_FRAGMENT:
        text = template.format(o=opener, c=closer)
        quotes = [q for q in analyze(text, nlp=nlp).quotes if q.kind != "direct"]
        assert quotes, text
        start, end, quote_text = _row(quotes[0])
        assert text[start:end].endswith(closer), (text, text[start:end])
        assert text[end:] == ".", (text, text[start:end])  # one character after it: the sentence's full stop
        assert quote_text.endswith(closer) and opener in quote_text, (text, quote_text)


def test_straight_quotes_as_in_the_bug_report(nlp):
    text = 'Die Ministerin sagte, man brauche einen "Neustart".'
    (quote,) = [q for q in analyze(text, nlp=nlp).quotes]
    assert _row(quote) == (22, 50, 'man brauche einen "Neustart"')
    assert [v.text for v in quote.verbatim] == ["Neustart"]


def test_seed_articles(nlp, seeds_dir):
    n = 0
    for path in sorted(seeds_dir.glob("*.txt")):
        article = read_txt(path)
        result = analyze(article.text, nlp=nlp, article_id=article.id)
        for quote in result.quotes:
            n += 1
            assert not _problems(article.text, quote), (path.name, _problems(article.text, quote))
    assert n > 50


# the balancing itself, on parts as the rules cut them


def _parts(text, *pieces):
    return [(text.index(p), text.index(p) + len(p)) for p in pieces]


def test_a_part_cut_before_the_closing_mark_takes_it_in():
    text = 'Sie fordert einen "Neustart".'
    regions = find_quoted_regions(text)
    assert _balanced_parts(text, _parts(text, 'einen "Neustart'), regions, set(), [len(text)]) == \
        _parts(text, 'einen "Neustart"')


def test_a_part_cut_inside_a_fragment_takes_in_the_rest_of_it():
    text = "Dort befindet sich Angaben des Internetdienstes „E!Online“ auch der Ehemann."
    regions = find_quoted_regions(text)
    assert _balanced_parts(text, _parts(text, "befindet sich Angaben des Internetdienstes „E"), regions, set(),
                           [len(text)]) == _parts(text, "befindet sich Angaben des Internetdienstes „E!Online“")


def test_a_part_that_starts_inside_a_fragment_leaves_it_out():
    text = "Nach einem Test des Magazins „auto, motor und sport“ gibt es 113 sparsame Modelle."
    regions = find_quoted_regions(text)
    assert _balanced_parts(text, _parts(text, "motor und sport“ gibt es 113 sparsame Modelle"), regions, set(),
                           [len(text)]) == _parts(text, "gibt es 113 sparsame Modelle")


def test_a_part_that_starts_right_after_an_opening_mark_takes_it_in():
    text = "Laut Sprecher „sei die Lage unter Kontrolle“."
    regions = find_quoted_regions(text)
    assert _balanced_parts(text, _parts(text, "sei die Lage unter Kontrolle“"), regions, set(), [len(text)]) == \
        _parts(text, "„sei die Lage unter Kontrolle“")


def test_a_part_that_runs_into_a_framed_direct_quotation_stops_before_it():
    text = "Das Ministerium nannte die Aktion „defensiv“: „Wir haben Abwehrmaßnahmen ergriffen. Mehr sagen wir nicht.“"
    regions = find_quoted_regions(text)
    direct = next(r for r in regions if text[r.start:].startswith("Wir"))
    sent_ends = [text.index("ergriffen.") + len("ergriffen."), len(text)]
    parts = _parts(text, "die Aktion „defensiv“: „Wir haben Abwehrmaßnahmen ergriffen")
    assert _balanced_parts(text, parts, regions, {(direct.open, direct.close)}, sent_ends) == \
        _parts(text, "die Aktion „defensiv“")


def test_single_low_mark_closed_by_a_straight_or_typewriter_apostrophe():
    for closer in ("‘", "’", "'"):
        text = f"Er sprach von einem ‚Neustart{closer}, den keiner wolle."
        (region,) = find_quoted_regions(text)
        assert text[region.start : region.end] == "Neustart"
    (region,) = find_quoted_regions("Er sagte: ‚Wie geht's weiter?‘")  # an apostrophe inside stays one
    assert region.opener == "‚" and region.close == len("Er sagte: ‚Wie geht's weiter?")


@pytest.mark.parametrize("text, quote", [
    ("„Wir schaffen das, sagte Merkel. Danach ging sie.", "Wir schaffen das"),
    ("Die Ministerin sagte, die Lage sei ernst“. Danach ging sie.", "die Lage sei ernst"),
    ("Die Ministerin sagte, „die Lage sei ernst. Danach ging sie.", "die Lage sei ernst"),
])
def test_an_unpaired_quotation_mark_is_not_part_of_the_quote(nlp, text, quote):
    """Unbalanced input: a mark that pairs with no other is left out of the content, so the quote stays balanced."""
    from pipeline.annotate import analyze

    (found,) = analyze(text, nlp=nlp).quotes
    assert [p.text for p in found.content] == [quote]
    start, end = found.span
    assert text[start:end] == quote
