"""Sentence boundaries the pipeline sets before the parser (annotate.paragraph_boundaries)."""
from __future__ import annotations


def test_period_kept_on_a_type_name_still_ends_the_sentence(nlp):
    doc = nlp("Die Armeeleitung sprach von einem Absturz der Maschine vom Typ MI-17. Der Hubschrauber sei abgestürzt.")
    assert [s.text for s in doc.sents] == ["Die Armeeleitung sprach von einem Absturz der Maschine vom Typ MI-17.",
                                           "Der Hubschrauber sei abgestürzt."]


def test_ordinal_dates_do_not_end_sentences(nlp):
    doc = nlp("Am 3. Oktober 1990 sagte er, die Einheit sei da.")
    assert len(list(doc.sents)) == 1


def test_single_guillemets_are_split_off_words_and_end_sentences(nlp):
    doc = nlp("Der Verband nannte die Lage ‹kritisch›. Er kündigte Proteste an.")
    assert [t.text for t in doc[5:9]] == ["‹", "kritisch", "›", "."]
    assert [s.text for s in doc.sents] == ["Der Verband nannte die Lage ‹kritisch›.", "Er kündigte Proteste an."]
    assert [t.text for t in nlp.make_doc("›Nein‹, sagte sie.")][:4] == ["›", "Nein", "‹", ","]


def test_the_guillemet_rules_survive_serializing_the_tokenizer(nlp):
    from spacy.tokenizer import Tokenizer

    copy = Tokenizer(nlp.vocab).from_bytes(nlp.tokenizer.to_bytes())
    assert [t.text for t in copy("Sie nannte es ‹gut›.")] == ["Sie", "nannte", "es", "‹", "gut", "›", "."]
