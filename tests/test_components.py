"""The extraction components are registered spaCy factories; the quotation component's settings are config values
(``nlp.config``, ``build_nlp(config=...)``) that reach the quotation rules."""
from __future__ import annotations

import pytest
from spacy.language import Language

from pipeline.annotate import EXTRACTORS, build_nlp
from pipeline.resources import SPEECH_ACT_MIN_PRECISION
from pipeline.types import Method

QUOTATION_DEFAULTS = {"speech_act_min_precision": SPEECH_ACT_MIN_PRECISION, "run_reach": 300, "fallback_window": 400,
                      "continuation_reach": 6}
REPORTED = "Die Polizei sprach von 800 Autos. Der Minister kündigte seinen Rücktritt an."


def test_the_extractors_are_factories_with_their_default_config(nlp):
    assert nlp.pipe_names[-len(EXTRACTORS):] == list(EXTRACTORS)
    for name in EXTRACTORS:
        assert Language.has_factory(name)
        assert nlp.get_pipe_meta(name).factory == name
    assert Language.get_factory_meta("article_quotations").default_config == QUOTATION_DEFAULTS
    assert dict(nlp.config["components"]["article_quotations"]) == {"factory": "article_quotations",
                                                                     **QUOTATION_DEFAULTS}
    for name in ("article_dates", "article_entities"):  # no settings: their rules have none to give
        assert dict(nlp.config["components"][name]) == {"factory": name}


def _reported(nlp: Language, text: str) -> list[tuple[str, str]]:
    return [(q.speaker, q.cue_entry) for q in nlp(text)._.quotations if q.method == Method.REPORTED]


def test_the_speech_act_precision_is_a_setting_of_the_quotation_component(nlp):
    assert _reported(nlp, REPORTED) == [("Polizei", "sprechen"), ("Minister", "ankündigen")]
    strict = build_nlp(config={"article_quotations": {"speech_act_min_precision": 1.01}})
    assert strict.config["components"]["article_quotations"]["speech_act_min_precision"] == 1.01
    assert strict.config["components"]["article_quotations"]["run_reach"] == 300  # the others keep their defaults
    assert _reported(strict, REPORTED) == []  # no mined verb is that precise: no reported speech acts
    direct = "„Wir kommen am Montag“, sagte Angela Merkel in Berlin."
    assert [(q.kind, q.speaker) for q in strict(direct)._.quotations] == \
        [(q.kind, q.speaker) for q in nlp(direct)._.quotations] == [("direct", "Angela Merkel")]


def test_settings_of_an_unknown_component_are_refused():
    with pytest.raises(ValueError, match="article_quotation "):
        build_nlp(config={"article_quotation": {"speech_act_min_precision": 0.5}})
