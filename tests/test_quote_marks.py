"""pipeline.extract.quote_marks.find_quoted_regions: pairing German, Swiss, English and straight quotation marks."""
from __future__ import annotations

import pytest

from pipeline.extract.quote_marks import find_quoted_regions


def contents(text: str, **kwargs) -> list[tuple[str, int]]:
    """(content, depth) of every region, in the order the function returns them."""
    return [(text[r.start:r.end], r.depth) for r in find_quoted_regions(text, **kwargs)]


@pytest.mark.parametrize("text, opener", [
    ("„Wir werden das schaffen“, sagte Merkel.", "„"),          # German
    ("»Wir werden das schaffen«, sagte Merkel.", "»"),          # guillemets (German book style)
    ("«Wir werden das schaffen», sagte Merkel.", "«"),          # Swiss
    ('"Wir werden das schaffen", sagte Merkel.', '"'),          # straight
    ("“Wir werden das schaffen”, sagte Merkel.", "“"),          # English
    ('„Wir werden das schaffen", sagte Merkel.', "„"),          # German opener, straight closer
    ("„Wir werden das schaffen”, sagte Merkel.", "„"),          # German opener, English closer
])
def test_quote_styles(text, opener):
    regions = find_quoted_regions(text)
    assert len(regions) == 1
    r = regions[0]
    assert (r.open, r.opener, r.depth, r.paragraphs) == (0, opener, 0, 1)
    assert text[r.start:r.end] == "Wir werden das schaffen"
    assert r.close == len("„Wir werden das schaffen")


def test_offsets_are_relative_to_the_whole_text():
    text = "Der Kanzler sprach am Abend. Er sagte: »Wir bleiben hart.« Dann ging er."
    (r,) = find_quoted_regions(text)
    assert text[r.open] == "»" and text[r.close] == "«"
    assert text[r.start:r.end] == "Wir bleiben hart."


def test_start_and_end_limit_the_search():
    text = "„Eins“, sagte sie. „Zwei“, sagte er. „Drei“, sagte es."
    begin = text.index("„Zwei")
    stop = text.index("„Drei")
    assert contents(text, start=begin, end=stop) == [("Zwei", 0)]


def test_guillemets_with_nested_single_guillemets():
    text = "»Er sagte ›nie wieder‹ und ging«, berichtete sie."
    assert contents(text) == [("Er sagte ›nie wieder‹ und ging", 0), ("nie wieder", 1)]


def test_german_quote_with_nested_single_quote_closed_after_punctuation():
    text = "„Er rief ‚Nie wieder!‘ und ging“, berichtete sie."
    assert contents(text) == [("Er rief ‚Nie wieder!‘ und ging", 0), ("Nie wieder!", 1)]


def test_german_quote_with_nested_single_quote_closed_after_a_letter():
    text = "„Er sagte ‚nie wieder‘ und ging“, berichtete sie."
    assert contents(text) == [("Er sagte ‚nie wieder‘ und ging", 0), ("nie wieder", 1)]


def test_apostrophes_inside_nested_quote_do_not_close_it():
    text = "„Er sagte ‚so geht's nicht!‘ und ging“, berichtete sie."
    assert contents(text) == [("Er sagte ‚so geht's nicht!‘ und ging", 0), ("so geht's nicht!", 1)]


@pytest.mark.parametrize("text", [
    "Putin's Plan sei klar. „Wir bleiben“, sagte er.",
    "Putin’s Plan sei klar. „Wir bleiben“, sagte er.",
    "Wie geht's weiter? „Wir bleiben“, sagte er.",
    "Strauss' Nachfolger sprach. „Wir bleiben“, sagte er.",
])
def test_apostrophes_are_not_quotation_marks(text):
    assert contents(text) == [("Wir bleiben", 0)]


def test_apostrophe_inside_a_quote_keeps_it_open():
    text = "„So geht's nicht weiter, Putin’s Leute wissen das“, sagte er."
    assert contents(text) == [("So geht's nicht weiter, Putin’s Leute wissen das", 0)]


def test_two_swiss_quotes_in_one_sentence():
    text = "«Das ist es», sagte sie, «und mehr nicht»."
    assert contents(text) == [("Das ist es", 0), ("und mehr nicht", 0)]


def test_quote_over_two_paragraphs_reopened_with_the_same_mark_is_one_region():
    text = ("Der Minister sagte: „Wir haben lange verhandelt.\n\n"
            "„Am Ende war es ein guter Kompromiss“, fügte er hinzu.")
    regions = find_quoted_regions(text)
    assert len(regions) == 1
    r = regions[0]
    assert r.paragraphs == 2 and r.depth == 0
    assert r.open == text.index("„Wir")
    assert text[r.close] == "“" and r.close == text.index("“")
    assert text[r.start:r.end] == "Wir haben lange verhandelt.\n\n„Am Ende war es ein guter Kompromiss"


def test_quote_not_reopened_after_paragraph_break_is_dropped():
    text = ("Der Minister sagte: „Wir haben lange verhandelt.\n\n"
            "Danach ging er. „Es war gut“, sagte sie.")
    assert contents(text) == [("Es war gut", 0)]


def test_unbalanced_opener_does_not_swallow_the_rest_of_the_article():
    text = ("Er sprach von einem „historischen Tag und ging.\n\n"
            "Dann sagte Putin: „Wir arbeiten zusammen.“\n\n"
            "Kim sagte: »Russland wird siegen.«")
    assert contents(text) == [("Wir arbeiten zusammen.", 0), ("Russland wird siegen.", 0)]


def test_unbalanced_opener_in_a_long_paragraph_is_dropped_after_max_chars():
    filler = " Der Text geht weiter." * 250  # one paragraph of > 4000 characters
    text = "Er sprach von einem „historischen Tag." + filler + " „Wir arbeiten zusammen“, sagte Putin."
    assert len(text) > 4000
    assert contents(text) == [("Wir arbeiten zusammen", 0)]
    # with a larger limit the open quote is still pending, so the later one counts as nested
    assert contents(text, max_chars=10_000) == [("Wir arbeiten zusammen", 1)]


def test_interrupted_quote_gives_two_regions():
    text = "„Wir“, sagte er, „werden das gemeinsam schaffen.“"
    regions = find_quoted_regions(text)
    assert [(text[r.start:r.end], r.depth) for r in regions] == [("Wir", 0), ("werden das gemeinsam schaffen.", 0)]
    assert regions[0].close < regions[1].open


def test_opener_followed_by_space_is_not_a_quote():
    text = "Das Zeichen „ steht allein. „Gut“, sagte sie."
    assert contents(text) == [("Gut", 0)]


def test_empty_quote_is_not_a_region():
    assert contents("Er sagte nur „“ und ging. „Ja“, sagte sie.") == [("Ja", 0)]


def test_no_marks_no_regions():
    assert find_quoted_regions("Putin traf Kim in Wladiwostok.") == []
