"""The bundled German pipeline: real predictions on German news sentences, and the label mapping."""
from __future__ import annotations

import pytest
import spacy
from spacy.tokens import Doc

from pipeline.model import labels
from pipeline.model.choice import BUNDLED_PATH, OFFICIAL, choose_model, official_installed

pytestmark = pytest.mark.skipif(not (BUNDLED_PATH / "meta.json").exists(), reason="bundled pipeline missing")


@pytest.fixture(scope="module")
def bundled():
    return spacy.load(BUNDLED_PATH)


def test_choice_prefers_given_then_official_then_bundled(monkeypatch):
    monkeypatch.delenv("PIPELINE_MODEL", raising=False)
    assert choose_model("some/path").kind == "given"
    choice = choose_model()
    if official_installed():
        assert choice.name == OFFICIAL
    else:
        assert choice.kind == "bundled" and choice.name == str(BUNDLED_PATH)
        assert "not installed" in choice.reason


def test_bundled_components(bundled):
    for name in ("tok2vec", "tagger", "morphologizer", "trainable_lemmatizer", "parser", "ner"):
        assert name in bundled.pipe_names
    assert {"PER", "LOC", "ORG"} <= set(bundled.get_pipe("ner").labels)
    assert bundled.meta["name"] == "pipeline_news"


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Bundeskanzlerin Angela Merkel traf am Montag in Berlin den französischen Präsidenten.",
         {("Angela Merkel", "PER"), ("Berlin", "LOC")}),
        ("Der Siemens-Konzern will in München 500 Stellen streichen, teilte die Gewerkschaft IG Metall mit.",
         {("München", "LOC"), ("IG Metall", "ORG")}),
        ("Russlands Präsident Wladimir Putin empfing Nordkoreas Machthaber Kim Jong Un im Kosmodrom.",
         {("Wladimir Putin", "PER"), ("Kim Jong Un", "PER")}),
    ],
)
def test_ner_person_place_organization(bundled, text, expected):
    found = {(e.text, e.label_) for e in bundled(text).ents}
    assert expected <= found, found


def test_konjunktiv_mood_sub(bundled):
    doc = bundled("Er habe mit Putin über die Lage gesprochen, sagte Kim.")
    habe = doc[1]
    assert habe.text == "habe"
    assert "Sub" in habe.morph.get("Mood")
    assert labels.is_subjunctive(habe)


def test_subject_dependency(bundled):
    doc = bundled("Der Kremlsprecher sagte am Mittwoch, die Gespräche seien gut verlaufen.")
    sagte = next(t for t in doc if t.text == "sagte")
    subjects = labels.children_with_role(sagte, "subject")
    assert [t.text for t in subjects] == ["Kremlsprecher"]


def test_label_mapping_with_tiger_doc():
    """A hand-built Doc labelled like de_core_news_md (TIGER) maps to the same roles as UD."""
    vocab = spacy.blank("de").vocab
    words = ["Kim", "teilte", "mit", ",", "er", "habe", "gesprochen", "."]
    doc = Doc(vocab, words=words, spaces=[True, True, False, True, True, True, False, False],
              heads=[1, 1, 1, 1, 5, 1, 5, 1], deps=["sb", "ROOT", "svp", "punct", "sb", "oc", "oc", "punct"],
              pos=["PROPN", "VERB", "ADP", "PUNCT", "PRON", "AUX", "VERB", "PUNCT"],
              morphs=["", "Mood=Ind|VerbForm=Fin", "", "", "", "Mood=Sub|VerbForm=Fin", "VerbForm=Part", ""])
    assert labels.has_role(doc[0], "subject")
    assert labels.has_role(doc[2], "verb_particle")
    assert labels.has_role(doc[5], "clausal_complement")
    assert labels.is_subjunctive(doc[5]) and not labels.is_subjunctive(doc[1])
    assert [t.text for t in labels.children_with_role(doc[1], "subject")] == ["Kim"]
    assert labels.entity_type("PER") == "person" and labels.entity_type("LOC") == "place"
    assert labels.entity_type("ORG") == "organization" and labels.entity_type("XYZ") is None
    with pytest.raises(KeyError):
        labels.has_role(doc[0], "no-such-role")


def test_ud_and_tiger_subject_labels_share_a_role():
    for label in ("nsubj", "sb"):
        assert label in labels.DEP_ROLES["subject"]
    for label in ("compound:prt", "svp"):
        assert label in labels.DEP_ROLES["verb_particle"]
    for label in ("ccomp", "oc"):
        assert label in labels.DEP_ROLES["clausal_complement"]
