"""German function words by purpose, read once from ``resources/function_words_de.toml`` (each table there says
what it is for and where it comes from), and the universal part-of-speech classes the rules test against.

A rule asks ``token.lower_ in SUBORDINATORS``, never a set of its own: two rules that mean the same word class
read the same list."""
from __future__ import annotations

import re
import tomllib
from functools import lru_cache

from ...resources import RESOURCE_DIR, ResourceError

WORDS_FILE = RESOURCE_DIR / "function_words_de.toml"


@lru_cache(maxsize=1)
def _tables() -> dict[str, dict]:
    with open(WORDS_FILE, "rb") as fh:
        try:
            return tomllib.load(fh)
        except tomllib.TOMLDecodeError as exc:
            raise ResourceError(f"{WORDS_FILE}: {exc}") from None


def word_list(name: str) -> tuple[str, ...]:
    """The words of table ``name`` in the file's order."""
    table = _tables().get(name)
    if table is None or not isinstance(table.get("words"), list):
        raise ResourceError(f"{WORDS_FILE}: no table [{name}] with a words list")
    return tuple(table["words"])


def word_set(name: str) -> frozenset[str]:
    return frozenset(word_list(name))


SUBORDINATORS = word_set("subordinators")
ADVERBIAL_SUBORDINATORS = word_set("adverbial_subordinators")
INTERROGATIVES = word_set("interrogatives")
QUESTION_VERBS = word_set("question_verbs")
PLACE_PREPOSITIONS = word_set("place_prepositions")
CONDITIONAL_SUBORDINATORS = word_set("conditional_subordinators")
CLAUSE_LINKS = word_set("clause_links")
RELATIVE_FORMS = word_set("relative_forms")
SUBJECT_RELATIVES = word_set("subject_relatives")
SPEAKER_PRONOUNS = word_set("speaker_pronouns")
NOT_SPEAKERS = word_set("not_speakers")
OBJECT_ARTICLES = word_set("object_articles")
FOCUS_PARTICLES = word_set("focus_particles")
SOURCE_ADVERBS = word_set("source_adverbs")
NOT_SPEAKER_OPENERS = word_set("not_speaker_openers")
NOT_SPEAKER_ADVERBIALS = word_set("not_speaker_adverbials")
PASSIVE_AUXILIARIES = word_set("passive_auxiliaries")
REPORTING_KONJUNKTIV_2 = word_set("reporting_konjunktiv_2")
NAME_PARTICLES = word_set("name_particles")
NAME_LEADS = word_set("name_leads")
VERB_ENDINGS = word_list("verb_endings")
FEMININE_NOUN_ENDINGS = word_list("feminine_noun_endings")
# "niederzulegen", "voranzutreiben": a separable prefix, the infix zu and an infinitive ending
ZU_INFIX = re.compile("(?:" + "|".join(map(re.escape, word_list("zu_infix_prefixes"))) + r")zu[a-zäöüß]{3,}e?n")

# universal POS classes, by what the rules use them for
POS_NOT_A_MISSED_VERB = frozenset({"DET", "ADP", "PRON", "CCONJ", "SCONJ", "PUNCT", "NUM", "PART", "SPACE", "INTJ",
                                   "AUX"})  # a lower-case word of these classes is no speech verb the tagger missed
POS_NOUN_PHRASE_INNER = frozenset({"DET", "ADJ", "NUM", "PROPN", "NOUN", "X"})  # may follow "von" inside a source
