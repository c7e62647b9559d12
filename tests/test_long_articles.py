"""Very long articles go through the model in paragraph pieces (pipeline.annotate.paragraph_pieces, issue #13):
the pieces join to the text, each piece ends after its paragraph break, and an article read in pieces gives the
same table rows as read whole."""
from __future__ import annotations

import pytest

from pipeline import annotate
from pipeline.annotate import model_in_pieces, paragraph_pieces, process_articles
from pipeline.read import read_txt


@pytest.mark.parametrize("text, size, expected", [
    ("Erster Absatz.\n\nZweiter Absatz.", 5, ["Erster Absatz.\n\n", "Zweiter Absatz."]),
    ("Erster Absatz.\n\nZweiter Absatz.", 100, ["Erster Absatz.\n\nZweiter Absatz."]),
    # a line break inside a paragraph is no place to cut; blank lines with spaces are
    ("Zeile eins\nZeile zwei\n \n\nNeuer Absatz", 3, ["Zeile eins\nZeile zwei\n \n\n", "Neuer Absatz"]),
    # pieces of at least `size` characters: short paragraphs are gathered
    ("A a.\n\nB b.\n\nC c.\n\nD d.", 10, ["A a.\n\nB b.\n\n", "C c.\n\nD d."]),
    ("", 10, [""]),
    ("Ende.\n\n", 1, ["Ende.\n\n"]),  # a break at the very end makes no empty piece
])
def test_paragraph_pieces(text, size, expected):
    pieces = paragraph_pieces(text, size)
    assert pieces == expected
    assert "".join(pieces) == text


def _tokens(doc, offset=0, first=0):
    return [(t.idx + offset, t.text, t.tag_, t.pos_, str(t.morph), t.lemma_, t.dep_, t.head.i + first,
             t.is_sent_start, t.ent_iob_, t.ent_type_) for t in doc]


def test_model_in_pieces_joins_the_pieces_exactly(nlp, seeds_dir, monkeypatch):
    """The joined Doc holds every piece as the model read it: the same tokens and attributes at the article's
    offsets, heads and entities shifted with the piece, the article's fields kept."""
    monkeypatch.setattr(annotate, "MODEL_PIECE_CHARS", 400)
    article = read_txt(sorted(seeds_dir.glob("*.txt"))[1])
    doc = annotate.make_doc(nlp, article)
    whole = annotate.model_in_pieces(nlp, doc)
    assert whole.text == article.text and isinstance(whole, annotate.ArticleDoc)
    assert (whole._.article_id, whole._.body_start, whole._.article_date) == (article.id, article.body_start,
                                                                              article.date)
    pieces = paragraph_pieces(article.text)
    assert len(pieces) >= 4
    expected, offset, first = [], 0, 0
    model = [n for n in nlp.pipe_names if n not in annotate.WHOLE_ARTICLE]
    with nlp.select_pipes(enable=model):
        for piece in pieces:
            part = nlp(piece)
            expected += _tokens(part, offset, first)
            offset += len(piece)
            first += len(part)
    assert _tokens(whole) == expected
    assert [(e.start_char, e.end_char, e.label_) for e in whole.ents]  # entities survive the join


def test_long_article_is_read_in_pieces_with_valid_offsets(nlp, seeds_dir, monkeypatch):
    """Through process_articles an article over LONG_ARTICLE_CHARS is read in pieces; every row's offsets point at
    its text, and names, quotations and dates are found across the pieces."""
    monkeypatch.setattr(annotate, "LONG_ARTICLE_CHARS", 2_000)
    monkeypatch.setattr(annotate, "MODEL_PIECE_CHARS", 1_000)
    article = read_txt(sorted(seeds_dir.glob("*.txt"))[1])
    seen = []
    monkeypatch.setattr(annotate, "model_in_pieces", lambda nlp_, doc: seen.append(doc._.article_id) or
                        model_in_pieces(nlp_, doc))
    (result,) = process_articles(nlp, [article])
    assert seen == [article.id] and result.status == "ok"
    text = article.text
    assert result.entities and result.quotes and result.dates
    assert all(text[e.start:e.end] == e.text for e in result.entities)
    assert all(text[p.start:p.end] == p.text for q in result.quotes for p in q.content)
    assert all(text[d.start:d.end] == d.text for d in result.dates)
