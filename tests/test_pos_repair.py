"""The pos_repair component: nouns and names the part-of-speech model calls something else."""
from __future__ import annotations

import spacy
from spacy.tokens import Doc

from pipeline.annotate import pos_repair
from test_quotes import only, quotes_of


def _doc(words, tags, pos, morphs=None):
    vocab = spacy.blank("de").vocab
    return Doc(vocab, words=words, tags=tags, pos=pos, morphs=morphs or ["_"] * len(words),
               sent_starts=[True] + [False] * (len(words) - 1))


def test_a_word_tagged_as_name_becomes_a_name():
    doc = pos_repair(_doc(["Ein", "Reporter", "des", "Fernsehsenders", "n-tv", "berichtete", "."],
                          ["ART", "NN", "ART", "NN", "NE", "VVFIN", "$."],
                          ["DET", "NOUN", "DET", "NOUN", "VERB", "VERB", "PUNCT"],
                          ["_", "_", "_", "_", "Mood=Ind|VerbForm=Fin", "Mood=Ind|VerbForm=Fin", "_"]))
    assert doc[4].pos_ == "PROPN"
    assert "VerbForm" not in doc[4].morph.to_dict()  # no longer a finite verb for the rules
    assert doc[5].pos_ == "VERB"


def test_a_capitalized_word_inside_the_sentence_is_a_noun():
    doc = pos_repair(_doc(["Petra", "Pau", ",", "PDS-Bundestagsabgeordnete", ",", "spricht", "."],
                          ["NE", "NE", "$,", "NN", "$,", "VVFIN", "$."],
                          ["PROPN", "PROPN", "PUNCT", "VERB", "PUNCT", "VERB", "PUNCT"]))
    assert doc[3].pos_ == "NOUN"


def test_first_words_and_the_formal_pronoun_stay():
    # the tagger is unreliable at the start of a sentence ("Am" tagged NE), and "Sie" is capitalized anyway
    doc = pos_repair(_doc(["Am", "Sonntag", "sagte", "er", ":", "„", "Wir", "danken", "Ihnen", "“", "."],
                          ["NE", "NN", "VVFIN", "PPER", "$.", "$(", "PPER", "VVFIN", "PPER", "$(", "$."],
                          ["ADP", "NOUN", "VERB", "PRON", "PUNCT", "PUNCT", "PRON", "VERB", "PRON", "PUNCT",
                           "PUNCT"]))
    assert [t.pos_ for t in doc][:1] == ["ADP"]
    assert doc[6].pos_ == "PRON" and doc[8].pos_ == "PRON"


def test_lower_case_words_tagged_as_nouns_stay():
    doc = pos_repair(_doc(["Er", "kaufte", "die", "meisten", "dieser", "Häuser", "."],
                          ["PPER", "VVFIN", "ART", "NN", "PDAT", "NN", "$."],
                          ["PRON", "VERB", "DET", "DET", "DET", "NOUN", "PUNCT"]))
    assert doc[3].pos_ == "DET"


def test_the_apposition_of_a_speaker_is_kept_once_it_is_a_noun(nlp):
    q = only(quotes_of(nlp, "Petra Pau, PDS-Bundestagsabgeordnete, spricht bereits von einer Neudefinition der "
                            "Grundrechte."))
    assert q.speaker_mention.text == "Petra Pau, PDS-Bundestagsabgeordnete"
