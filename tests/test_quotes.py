"""Quotations and speakers on real German news sentences, with the bundled pipeline and with a TIGER parse."""
from __future__ import annotations

import json
from pathlib import Path

import pytest
import spacy
from spacy.tokens import Doc, Span

from pipeline.annotate import analyze
from pipeline.extract.entities import entity_spans
from pipeline.extract.quotes import extract_quotations
from pipeline.resolve.names import canonicalize
from pipeline.resolve.speakers import resolve_speakers

SHARED = Path(__file__).resolve().parents[1].parent / "shared"


def quotes_of(nlp, text, date="2023-09-13"):
    return analyze(text, date=date, nlp=nlp).quotes


def only(quotes):
    assert len(quotes) == 1, [(q.kind, [c.text for c in q.content]) for q in quotes]
    return quotes[0]


def test_direct_quote_with_following_cue(nlp):
    text = ("„Unsere Länder kooperieren in sensiblen Bereichen, die nicht öffentlich gemacht werden sollten“, "
            "sagte Kremlsprecher Dmitri Peskow am Mittwoch.")
    q = only(quotes_of(nlp, text))
    assert q.kind == "direct"
    assert q.content[0].text == ("Unsere Länder kooperieren in sensiblen Bereichen, die nicht öffentlich gemacht "
                                 "werden sollten")
    assert q.speaker == "Dmitri Peskow"
    assert q.cue.text == "sagte"


def test_direct_quote_with_colon_intro(nlp):
    text = "Der Außenminister sagte: „Wir werden die Ukraine weiter unterstützen.“"
    q = only(quotes_of(nlp, text))
    assert q.kind == "direct"
    assert q.content[0].text == "Wir werden die Ukraine weiter unterstützen."
    assert "Außenminister" in q.speaker_mention.text


def test_guillemets_and_pronoun_speaker(nlp):
    text = ("Bundeskanzler Olaf Scholz besuchte am Montag die Werft in Kiel. "
            "»Das ist ein guter Tag für den Norden«, sagte er vor den Beschäftigten.")
    q = only(quotes_of(nlp, text))
    assert q.kind == "direct"
    assert q.speaker_mention.text == "er"
    assert q.speaker == "Olaf Scholz"


def test_interrupted_direct_quote_is_one_quotation(nlp):
    text = "„Wir“, sagte die Ministerin Annalena Baerbock, „werden diesen Weg gemeinsam gehen.“"
    q = only(quotes_of(nlp, text))
    assert [c.text for c in q.content] == ["Wir", "werden diesen Weg gemeinsam gehen."]
    assert q.speaker == "Annalena Baerbock"


def test_indirect_konjunktiv_with_following_frame(nlp):
    text = "Er habe mit Putin über die Lage in Europa gesprochen, sagte Kim Jong Un."
    q = only(quotes_of(nlp, text))
    assert q.kind == "indirect"
    assert q.content[0].text == "Er habe mit Putin über die Lage in Europa gesprochen"
    assert q.speaker == "Kim Jong Un"


def test_indirect_dass_clause_with_particle_verb(nlp):
    text = ("Der nordkoreanische Machthaber Kim Jong Un teilte am Dienstag mit, dass er mit Putin über die "
            "militärische Lage gesprochen habe.")
    q = only(quotes_of(nlp, text))
    assert q.kind == "indirect"
    assert q.content[0].text == "dass er mit Putin über die militärische Lage gesprochen habe"
    assert q.speaker == "Kim Jong Un"
    assert q.cue.text == "teilte"


def test_laut_and_zufolge(nlp):
    q = only(quotes_of(nlp, "Laut der Nachrichtenagentur Interfax reiste Kim mit dem Zug nach Wladiwostok."))
    assert q.cue.text == "Laut"
    assert "Interfax" in q.speaker_mention.text
    assert q.content[0].text == "reiste Kim mit dem Zug nach Wladiwostok"
    q = only(quotes_of(nlp, "Beobachtern zufolge ging es bei dem Treffen auch um Waffenlieferungen."))
    assert q.cue.text == "zufolge"
    assert q.speaker_mention.text == "Beobachtern"


def test_nach_angaben_von(nlp):
    q = only(quotes_of(nlp, "Nach Angaben der Polizei wurden bei dem Unfall drei Menschen verletzt."))
    assert q.kind == "indirect"
    assert q.speaker_mention.text == "Angaben der Polizei"
    assert q.content[0].text == "wurden bei dem Unfall drei Menschen verletzt"


def test_konjunktiv_continuation_keeps_speaker(nlp):
    text = ("Kirby sagte, Russland suche nach zusätzlicher Munition. "
            "Die Gespräche seien in den vergangenen Wochen vorangekommen. "
            "Das Wetter in Washington war am Montag sonnig.")
    quotes = quotes_of(nlp, text)
    assert len(quotes) == 2
    assert quotes[1].content[0].text == "Die Gespräche seien in den vergangenen Wochen vorangekommen"
    assert quotes[1].speaker == quotes[0].speaker == "Kirby"


def test_mixed_quote_with_fragment(nlp):
    text = "Kim sprach von einem „heiligen Kampf“, den Russland gegen den Westen führe."
    quotes = quotes_of(nlp, text)
    mixed = only([q for q in quotes if q.kind == "mixed"])
    assert "heiligen Kampf" in mixed.content[0].text
    assert mixed.speaker == "Kim"
    # the speaker's own words inside the report
    assert [v.text for v in mixed.verbatim] == ["heiligen Kampf"]
    assert [q.kind for q in quotes] == ["mixed"]


def test_scare_quotes_and_titles_are_not_quotations(nlp):
    text = ("Russland führt seit Februar 2022 eine „militärische Spezialoperation“ in der Ukraine. "
            "Der Film „Der Untergang“ lief am Abend im Fernsehen.")
    assert quotes_of(nlp, text) == []


def test_unbalanced_marks_do_not_swallow_the_article(nlp):
    text = ("Der Minister sprach von einem „großen Tag.\n\n"
            "„Wir sind bereit“, sagte Verteidigungsminister Boris Pistorius in Berlin.")
    quotes = quotes_of(nlp, text)
    # no quotation runs over the paragraph break from the unclosed „ of the first paragraph
    assert all("\n" not in part.text for q in quotes for part in q.content)
    direct = [q for q in quotes if q.kind == "direct"]
    assert [q.content[0].text for q in direct] == ["Wir sind bereit"]
    assert direct[0].speaker == "Boris Pistorius"


# --- the same rules on a TIGER-labelled parse, as de_core_news_md produces it ---------------------------------


def _tiger_doc() -> Doc:
    words = ["„", "Unsere", "Länder", "kooperieren", "in", "sensiblen", "Bereichen", "“", ",", "sagte",
             "Kremlsprecher", "Dmitri", "Peskow", "."]
    spaces = [False, True, True, True, True, True, False, False, True, True, True, True, False, False]
    heads = [3, 2, 3, 9, 3, 6, 4, 3, 9, 9, 9, 12, 10, 9]
    deps = ["punct", "nk", "sb", "oc", "mo", "nk", "nk", "punct", "punct", "ROOT", "sb", "pnc", "nk", "punct"]
    pos = ["PUNCT", "DET", "NOUN", "VERB", "ADP", "ADJ", "NOUN", "PUNCT", "PUNCT", "VERB", "NOUN", "PROPN",
           "PROPN", "PUNCT"]
    tags = ["$(", "PPOSAT", "NN", "VVFIN", "APPR", "ADJA", "NN", "$(", "$,", "VVFIN", "NN", "NE", "NE", "$."]
    lemmas = ["„", "unser", "Land", "kooperieren", "in", "sensibel", "Bereich", "“", ",", "sagen",
              "Kremlsprecher", "Dmitri", "Peskow", "."]
    morphs = ["", "", "Case=Nom|Number=Plur", "Mood=Ind|VerbForm=Fin", "", "", "", "", "",
              "Mood=Ind|Tense=Past|VerbForm=Fin", "Case=Nom|Number=Sing", "", "Case=Nom", ""]
    doc = Doc(spacy.blank("de").vocab, words=words, spaces=spaces, heads=heads, deps=deps, pos=pos, tags=tags,
              lemmas=lemmas, morphs=morphs)
    doc.ents = [Span(doc, 11, 13, label="PER")]
    return doc


def _tiger_indirect_doc() -> Doc:
    words = ["Kim", "teilte", "mit", ",", "er", "habe", "mit", "Putin", "gesprochen", "."]
    spaces = [True, True, False, True, True, True, True, True, False, False]
    heads = [1, 1, 1, 1, 5, 1, 8, 6, 5, 1]
    deps = ["sb", "ROOT", "svp", "punct", "sb", "oc", "mo", "nk", "oc", "punct"]
    pos = ["PROPN", "VERB", "ADP", "PUNCT", "PRON", "AUX", "ADP", "PROPN", "VERB", "PUNCT"]
    tags = ["NE", "VVFIN", "PTKVZ", "$,", "PPER", "VAFIN", "APPR", "NE", "VVPP", "$."]
    lemmas = ["Kim", "teilen", "mit", ",", "er", "haben", "mit", "Putin", "sprechen", "."]
    morphs = ["Case=Nom", "Mood=Ind|VerbForm=Fin", "", "", "Case=Nom", "Mood=Sub|VerbForm=Fin", "", "",
              "VerbForm=Part", ""]
    doc = Doc(spacy.blank("de").vocab, words=words, spaces=spaces, heads=heads, deps=deps, pos=pos, tags=tags,
              lemmas=lemmas, morphs=morphs)
    doc.ents = [Span(doc, 0, 1, label="PER"), Span(doc, 7, 8, label="PER")]
    return doc


def _run_rules(doc: Doc):
    entities = canonicalize(entity_spans(doc))
    return resolve_speakers(doc.text, extract_quotations(doc, floor=0), entities)


@pytest.mark.parametrize("make_doc", [_tiger_doc, _tiger_indirect_doc])
def test_tiger_parse_gives_the_same_quote_and_speaker_as_the_bundled_model(nlp, make_doc):
    tiger = _run_rules(make_doc())
    bundled = quotes_of(nlp, make_doc().text)
    assert len(tiger) == len(bundled) == 1
    t, b = tiger[0], bundled[0]
    assert [c.text for c in t.content] == [c.text for c in b.content]
    assert t.kind == b.kind
    assert t.speaker == b.speaker
    assert t.speaker in ("Dmitri Peskow", "Kim")
    assert t.cue.text == b.cue.text


# --- the seed articles ------------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def seed_results(nlp):
    from pipeline.annotate import process_articles
    from pipeline.read import read_inputs

    seeds = Path(__file__).resolve().parents[1] / "seeds"
    return {r.article.id: r for r in process_articles(nlp, read_inputs([seeds]))}


@pytest.mark.parametrize(
    "article, fragment, speaker",
    [
        ("000_1e42dc73f93e3bc0", "Einen Toast auf die künftige Stärkung", "Wladimir Putin"),
        ("000_1e42dc73f93e3bc0", "Unsere Länder kooperieren in sensiblen Bereichen", "Dmitri Peskow"),
        ("000_1e42dc73f93e3bc0", "Ich bin tief überzeugt davon", "Kim Jong Un"),
        ("000_1e42dc73f93e3bc0", "Jedes Übertragen von Waffen von Nordkorea an Russland", "Matthew Miller"),
        ("001_685fc15847dc13db", "Nordkorea verfüge bereits über einen großen Munitionsüberschuss", "Lee Byong-chul"),
        ("001_685fc15847dc13db", "Ein verstärkter militärischer Austausch", "Leif-Eric Easley"),
        ("002_266cc12a4960ef06", "Nordkorea verfügt wahrscheinlich über die größten Bestände", "Joseph Dempsey"),
        ("003_ab9c367c7b930ae7", "Wir haben die Sorge, dass Nordkorea", "John Kirby"),
        ("004_656e0d23086f9a17", "sicheren Zugang zu Artilleriegranaten", "Vladimir Tikhonov"),
    ],
)
def test_seed_quotes(seed_results, article, fragment, speaker):
    result = seed_results[article]
    matches = [q for q in result.quotes if any(fragment in c.text for c in q.content)]
    assert matches, f"no quotation containing {fragment!r}"
    assert matches[0].speaker == speaker
    for q in result.quotes:  # offsets point into the original text
        for part in q.content:
            assert result.article.text[part.start:part.end] == part.text


@pytest.mark.skipif(not (SHARED / "eval" / "seeds.jsonl").exists(),
                    reason="../shared/eval/seeds.jsonl not present (the evaluation data lives beside the repo)")
def test_seed_quotes_against_gold_with_the_official_scorer(seed_results, tmp_path):
    """The project's eval scorer (../shared/eval/score.py) on the seed outputs: quotation recall ≥ 0.75 and
    end-to-end (quotation + right speaker) recall ≥ 0.55."""
    import subprocess
    import sys

    from pipeline.write import write_tables

    write_tables(list(seed_results.values()), tmp_path)
    out = subprocess.run([sys.executable, str(SHARED / "eval" / "score.py"), "score",
                          str(SHARED / "eval" / "seeds.jsonl"), str(tmp_path), "--json"],
                         capture_output=True, text=True, check=True).stdout
    scores = json.loads(out[: out.rindex("}") + 1])
    assert scores["quotes"]["r"] >= 0.75, scores["quotes"]
    assert scores["quotes_e2e"]["r"] >= 0.55, scores["quotes_e2e"]


# --- constructions added with the Wikinews development measurements ------------------------------------------


def test_zu_infinitive_complement_of_a_directive_cue(nlp):
    text = "In einer Rede forderte er die Regierung auf, die Auszahlung von Hilfsgeldern an Simbabwe auszusetzen."
    q = only(quotes_of(nlp, text))
    assert q.kind == "indirect"
    assert q.content[0].text == "die Auszahlung von Hilfsgeldern an Simbabwe auszusetzen"
    assert q.cue.text == "forderte"
    assert q.speaker_mention.text == "er"


def test_purpose_clause_is_not_reported_content(nlp):
    text = "Die Stadt baute eine neue Brücke, um den Verkehr zu entlasten."
    assert quotes_of(nlp, text) == []


def test_wie_clause_with_particle_parsed_as_modifier(nlp):
    text = ("Wie das isländische Fischereiministerium bekannt gab, wird Island den kommerziellen Walfang wieder "
            "aufnehmen.")
    q = only(quotes_of(nlp, text))
    assert q.content[0].text == "wird Island den kommerziellen Walfang wieder aufnehmen"
    assert "Fischereiministerium" in q.speaker_mention.text


def test_laut_with_a_quoted_source_name(nlp):
    q = only(quotes_of(nlp, "Laut „BBC News“ liefen hunderte Mönche um die Pagode."))
    assert q.content[0].text == "liefen hunderte Mönche um die Pagode"
    assert q.speaker_mention.text == "„BBC News“"
    assert q.speaker == "BBC News"


def test_konjunktiv_continuation_after_an_indicative_aside(nlp):
    text = ("Kirby sagte, Russland suche nach zusätzlicher Munition. Das Wetter in Washington war am Montag sonnig. "
            "Die Gespräche seien aber vorangekommen.")
    quotes = quotes_of(nlp, text)
    assert [q.content[0].text for q in quotes] == ["Russland suche nach zusätzlicher Munition",
                                                   "Die Gespräche seien aber vorangekommen"]
    assert quotes[1].speaker == "Kirby"
    assert quotes[1].confidence < quotes[0].confidence


def test_reported_speech_act_without_content_clause(nlp):
    text = "Innenminister Nicolas Sarkozy sprach von einer Welle der Gewalt in den Vorstädten."
    q = only(quotes_of(nlp, text))
    assert q.kind == "indirect"
    assert q.method == "reported"
    assert q.speaker == "Nicolas Sarkozy"


def test_strong_verb_past_forms_are_cues(nlp):
    text = "Beobachter wiesen darauf hin, dass die Zahl der Luftangriffe abgenommen habe."
    q = only(quotes_of(nlp, text))
    assert q.content[0].text == "dass die Zahl der Luftangriffe abgenommen habe"
    assert q.cue.text == "wiesen"


def test_addressee_is_not_the_speaker(nlp):
    text = ("Leif-Eric Easley, Professor in Seoul, ergänzt gegenüber der „New York Times“: Ein verstärkter "
            "Austausch würde den Frieden untergraben.")
    quotes = quotes_of(nlp, text)
    assert quotes and all(q.speaker != "New York Times" for q in quotes)


def test_institution_speaker_carries_a_konjunktiv_report_over_an_aside(nlp):
    text = ("Insgesamt spricht die Polizei von weniger Auseinandersetzungen. In etwa 400 Autos wurde Feuer gelegt. "
            "Allein in einem Depot seien 27 Busse zerstört worden.")
    q = only([q for q in quotes_of(nlp, text) if q.method == "continuation"])
    assert q.content[0].text == "Allein in einem Depot seien 27 Busse zerstört worden"
    assert q.speaker_mention.text == "die Polizei"  # not "die Polizei von weniger Auseinandersetzungen"
    assert q.speaker == "Polizei"


def test_wie_clause_with_an_apposition(nlp):
    text = ("Wie der Direktor des Katastrophenamtes, Smith Dharmmasaroj, mitteilte, waren die Menschen nicht "
            "ausreichend informiert worden.")
    q = only(quotes_of(nlp, text))
    assert q.content[0].text == "waren die Menschen nicht ausreichend informiert worden"
    assert q.speaker_mention.text == "der Direktor des Katastrophenamtes, Smith Dharmmasaroj"
    assert q.speaker == "Smith Dharmmasaroj"


@pytest.mark.parametrize("text, mention, speaker", [
    # the name set off before the role phrase the parse takes as the subject
    ("Jana Kowalski, Laborleiterin der Nordmilch GmbH, erklärte: „Wir können das nicht verantworten.“",
     "Jana Kowalski, Laborleiterin der Nordmilch GmbH", "Jana Kowalski"),
    # a role with a prepositional attribute, its name after it, the verb at the end
    ("Zuvor hatte ein Sprecher auf ukrainischer Seite, Oleg Marchuk, erklärt, die Brücke sei zerstört.",
     "Sprecher auf ukrainischer Seite, Oleg Marchuk", "Oleg Marchuk"),
    # the second comma missing: the finite verb closes the apposition
    ("Ein Sprecher der Stadtwerke Bochum, Kommissar Rainer Hellwig sagte, die Leitung sei marode gewesen.",
     "Ein Sprecher der Stadtwerke Bochum, Kommissar Rainer Hellwig", "Rainer Hellwig"),
    # the apposition names another person: the speaker is the one it describes
    ("Olga Petrenko, die frühere Stellvertreterin von Julia Timoschenko, sagte: „Das ist ein Skandal.“",
     "Olga Petrenko, die frühere Stellvertreterin von Julia Timoschenko", "Olga Petrenko"),
])
def test_an_apposition_group_is_one_speaker(nlp, text, mention, speaker):
    q = only(quotes_of(nlp, text))
    assert q.speaker_mention.text.endswith(mention)  # with or without the article the parse gives it
    assert q.speaker == speaker
    assert q.speaker_type == "person"


def test_speaker_phrase_keeps_its_affiliation(nlp):
    text = "Sascha Kempf vom Max-Planck-Institut für Kernphysik in Heidelberg sagte, die Sonde sei in gutem Zustand."
    q = only(quotes_of(nlp, text))
    assert q.speaker_mention.text == "Sascha Kempf vom Max-Planck-Institut für Kernphysik in Heidelberg"
    assert q.speaker == "Sascha Kempf"


def test_direct_quotation_offsets_include_the_marks(nlp):
    text = "„Wir schaffen das“, sagte Merkel am Montag in Berlin."
    q = only(quotes_of(nlp, text))
    start, end = q.span
    assert text[start:end] == "„Wir schaffen das“"
    assert q.content[0].text == "Wir schaffen das"


def test_sentence_initial_pronoun_is_the_speaker_mention(nlp):
    text = ("Der italienische Außenminister Massimo D'Alema hat in Bagdad den Abzug der Truppen angekündigt. "
            "Er betonte, der Abzug werde schrittweise erfolgen.")
    q = [q for q in quotes_of(nlp, text) if q.cue is not None and q.cue.text == "betonte"][0]
    assert q.content[0].text == "der Abzug werde schrittweise erfolgen"
    assert q.speaker_mention.text == "Er"
    assert q.speaker == "Massimo D'Alema"


def test_eigenen_angaben_zufolge_names_the_clause_subject(nlp):
    text = "Der Ministerpräsident Kurt Beck hat eigenen Angaben zufolge keinen Einfluss auf die Entscheidung genommen."
    q = only(quotes_of(nlp, text))
    assert q.cue.text == "zufolge"
    assert q.speaker_mention.text == "eigenen Angaben"  # what the attribution rests on
    assert q.speaker == "Kurt Beck"  # whom it refers to


def test_zitieren_makes_the_object_the_speaker(nlp):
    text = ("Die Frankfurter Rundschau zitiert einen Augenzeugen mit den Worten: „Der Mann hat einen Fußgänger erst "
            "angefahren.“")
    q = only(quotes_of(nlp, text))
    assert q.speaker_mention.text == "einen Augenzeugen"


def test_fronted_dative_is_not_the_speaker(nlp):
    text = ("Der englischsprachigen Zeitung sagte Filep Karma: „Ich werde im Gefängnis gehalten, aber das entmutigt "
            "nicht meinen Geist.“")
    q = only(quotes_of(nlp, text))
    assert q.speaker == "Filep Karma"


def test_speaker_guess_from_an_earlier_paragraph_has_no_mention(nlp):
    text = ("Bundeskanzler Olaf Scholz reiste am Montag nach Paris.\n\n"
            "„Wir stehen fest an der Seite unserer Freunde und werden das auch in Zukunft tun.“")
    q = only(quotes_of(nlp, text))
    assert q.speaker == "Olaf Scholz"
    assert q.speaker_mention is None
    assert q.confidence == pytest.approx(0.3)


def test_konjunktiv_ii_of_the_writer_does_not_continue_a_report(nlp):
    text = ("Der Pressesprecher sagte, der Konzern plane keine neuen Gebühren. "
            "Fluggäste könnten dann am Flughafen nur noch ihr Gepäck aufgeben.")
    quotes = quotes_of(nlp, text)
    assert [q.content[0].text for q in quotes] == ["der Konzern plane keine neuen Gebühren"]


def test_konjunktiv_ii_standing_in_for_konjunktiv_i_continues(nlp):
    text = ("Der Pressesprecher sagte, der Konzern plane keine neuen Gebühren. "
            "Die Kunden hätten ohnehin kein Verständnis dafür.")
    quotes = quotes_of(nlp, text)
    assert [q.content[0].text for q in quotes][-1] == "Die Kunden hätten ohnehin kein Verständnis dafür"


def test_quoted_names_are_not_quoted_words(nlp):
    text = ("Der Aufsichtsratschef sprach in einem Gespräch mit der Zeitung „Financial Times“ über mögliche "
            "Nachfolger.")
    assert all(q.kind != "mixed" for q in quotes_of(nlp, text))


def test_relative_clause_before_the_cue_is_not_the_content(nlp):
    text = ("Brian Baptie von der britischen Erdbebenwarte, die die Stärke des Bebens zunächst mit 5,1 angegeben "
            "hatte, sagte, dass mit Beben dieser Größenordnung alle zehn Jahre zu rechnen sei.")
    q = only(quotes_of(nlp, text))
    assert q.content[0].text == "dass mit Beben dieser Größenordnung alle zehn Jahre zu rechnen sei"
    assert q.cue.text == "sagte"
    assert q.speaker == "Brian Baptie"


def test_content_before_the_cue_may_open_with_a_subordinate_clause(nlp):
    text = ("Als Kämpfer die Stadt Bentiu einnahmen, töteten sie mehrere hundert Zivilisten, teilten die Vereinten "
            "Nationen mit.")
    q = only(quotes_of(nlp, text))
    assert q.content[0].text == "Als Kämpfer die Stadt Bentiu einnahmen, töteten sie mehrere hundert Zivilisten"


def test_only_mined_speech_act_verbs_make_a_report_without_content(nlp):
    # "fordern" reports speech by itself in German news; "kritisieren" is an act the gold corpora do not quote
    assert [q.method for q in quotes_of(nlp, "Die Gewerkschaft forderte den Rücktritt des Ministers.")] \
        == ["reported"]
    assert quotes_of(nlp, "Die Gewerkschaft kritisierte den Minister am Montag in Berlin.") == []


@pytest.mark.parametrize("text, speaker", [
    ("Die SPD will die Krankenversicherung zu einer Bürgerversicherung weiterentwickeln.", "SPD"),
    ("Die Regierung beabsichtigt, die Steuern im kommenden Jahr zu senken.", "Regierung"),
    ("Beobachter halten die Auswechslung der Regierung deshalb für einen Befreiungsschlag des Präsidenten.",
     "Beobachter"),
])
def test_an_announced_intention_is_a_reported_speech_act(nlp, text, speaker):
    # verbs outside the cue lexicon (speech_act_candidates_de.txt) that the mining found to report speech
    q = only(quotes_of(nlp, text))
    assert q.method == "reported"
    assert speaker in q.speaker_mention.text


def test_an_object_in_first_position_is_not_the_speaker_of_a_speech_act(nlp):
    # "erwartet" is a speech act verb ("Die Polizei erwartet …"); here the object stands first
    assert quotes_of(nlp, "Den 35-jährigen Piloten erwartet eine Anklage wegen fahrlässiger Körperverletzung.") == []


def test_a_sentence_that_points_back_is_no_report_of_its_own(nlp):
    text = ("Die Stadt hatte die Gebühren erhöht. Die Gebühren seien zu niedrig gewesen und müssten steigen. "
            "Das sagte der Bürgermeister am Montag.")
    q = only(quotes_of(nlp, text))
    assert q.content[0].text == "Die Gebühren seien zu niedrig gewesen und müssten steigen"
    assert q.speaker_mention.text == "der Bürgermeister"


def test_a_sentence_that_points_back_names_the_speaker_of_the_quote_before_it(nlp):
    text = ("Der Konzern hatte die Preise erhöht. „Die Lage ist ernst und wird sich nicht bessern.“ Das sagte "
            "Peskow am Montag in Moskau.")
    q = only(quotes_of(nlp, text))
    assert q.kind == "direct"
    assert q.speaker_mention.text == "Peskow"


def test_a_cue_in_a_zu_infinitive_has_the_subject_of_its_verb(nlp):
    text = ("Der Sprecher des Weißen Hauses beeilte sich, gegenüber Journalisten zu erklären, die Äußerungen stellten "
            "keinen Politikwechsel dar.")
    q = only(quotes_of(nlp, text))
    assert q.speaker_mention.text == "Der Sprecher des Weißen Hauses"


def test_a_decision_or_treaty_can_be_the_source(nlp):
    q = only(quotes_of(nlp, "Der Beschluss sieht vor, dass eine Versammlung mit 1.200 Mitgliedern über die Kandidaten "
                            "entscheidet."))
    assert q.speaker_mention.text == "Der Beschluss"


@pytest.mark.parametrize("text", [
    # past tense and adjectives the tagger calls finite verbs ("kippte", "diverse" VVFIN, but ADJ to the
    # morphologizer), and "ließen", as much Präteritum as Konjunktiv II
    "Ein Polizeisprecher sagte, der Fahrer sei zu schnell gewesen. Der LKW geriet ins Schleudern, rammte die "
    "Mittelleitplanke und kippte dann um.",
    "Die Veranstalter sagten, die Konferenz sei ein Erfolg. Am Vorbereitungstreffen in Dakar nehmen 40 Nationen und "
    "diverse internationale Organisationen teil.",
    "Die Polizei teilte mit, die Männer seien geflohen. Anschließend ließen sie 24.000 Liter Kerosin über dem "
    "Mittelmeer ab.",
])
def test_an_indicative_sentence_does_not_continue_the_report(nlp, text):
    assert [q.method for q in quotes_of(nlp, text)] == ["verb-after"]


def test_a_quoted_fragment_needs_the_speech_sense_of_its_verb(nlp):
    text = ("Die Deutsche Welle berichtet in ihrer Nachricht von 50 teilnehmenden Nationen. Dort sei man sich über "
            "einen Aktionsplan einig geworden. Dieser bestehe aus „repressiven“ und „präventiven“ Maßnahmen.")
    assert [q.method for q in quotes_of(nlp, text)] == ["reported", "continuation"]
    q = only(quotes_of(nlp, "Die Gewerkschaft bestand auf einer „sofortigen Rücknahme“ der Kürzungen."))
    assert q.kind == "mixed" and q.speaker_mention.text == "Die Gewerkschaft"


def test_a_listed_konjunktiv_form_is_finite_whatever_its_tag(nlp):
    q = only(quotes_of(nlp, "Ein Sprecher sagte, es gebe Tote."))  # "gebe" tagged as an adjective
    assert q.content[0].text == "es gebe Tote"
    assert q.method == "verb-after"


def test_coordinated_names_before_zufolge(nlp):
    q = only(quotes_of(nlp, "Die Erschütterungen waren Berichten der Fernsehsender Sky News und BBC zufolge bis "
                            "Newcastle zu spüren."))
    assert q.speaker_mention.text == "Berichten der Fernsehsender Sky News und BBC"


@pytest.mark.parametrize("text, content", [
    ("Der Senator betonte, dass es die Entscheidung der Investoren sei, wie die Bebauung im Einzelnen umgesetzt "
     "werde.", "dass es die Entscheidung der Investoren sei, wie die Bebauung im Einzelnen umgesetzt werde"),
    ("Der Präsident erklärte, dass in seinem Land den Menschen nicht erlaubt werden solle, bestimmte "
     "Kommunikationstechniken zu benutzen.",
     "dass in seinem Land den Menschen nicht erlaubt werden solle, bestimmte Kommunikationstechniken zu benutzen"),
])
def test_a_konjunktiv_clause_after_the_complement_clause_is_still_the_report(nlp, text, content):
    q = only(quotes_of(nlp, text))
    assert q.content[0].text == content


def test_a_noun_of_saying_inside_quotation_marks_is_no_cue(nlp):
    # "„… Frage …“ gewesen" is no noun frame like "ist der Meinung": the noun is quoted
    text = ("Die Polizisten erklärten, sie hätten Hinweise darauf, dass die Gewalt eine Reaktion auf „die rechtmäßige "
            "und legitime Frage nach ihrer Dienstnummer“ gewesen sei.")
    quotes = quotes_of(nlp, text)
    assert [q.kind for q in quotes] == ["mixed", "direct"]
    assert quotes[0].content[0].text.endswith("gewesen sei")
    assert all(q.speaker_mention.text == "Die Polizisten" for q in quotes)


def test_a_role_with_its_country_is_the_person_given_that_role(nlp):
    # "dankte" is tagged as an adjective: the cue is never part of the speaker; "Nordkoreas Machthaber" is Kim,
    # not the country named in the phrase
    text = ("Der nordkoreanische Machthaber Kim Jong Un ist in Russland eingetroffen. Am Morgen kam er am Bahnhof an. "
            "Nordkoreas Machthaber dankte Putin für die Einladung und den warmen Empfang, obwohl dieser \"sehr "
            "beschäftigt\" sei.")
    q = only(quotes_of(nlp, text))
    assert q.speaker_mention.text == "Nordkoreas Machthaber"
    assert q.speaker == "Kim Jong Un"


def test_intention_of_a_thing_is_no_speech_act(nlp):
    assert quotes_of(nlp, "Der Motor will bei dieser Kälte nicht anspringen.") == []
    assert quotes_of(nlp, "Der Zug der Regierung hält am Montag in Berlin.") == []  # halten only with "für"


def test_speech_act_object_may_be_contracted(nlp):
    from pipeline.resources import speech_act_objects

    assert {"zu", "zum", "zur"} <= speech_act_objects()["aufrufen"]
    assert "vom" in speech_act_objects()["sprechen"]


def test_speech_act_lexicon_is_read_from_its_data_file():
    from pipeline.resources import SPEECH_ACT_MIN_PRECISION, read_tsv, speech_acts

    rows = read_tsv("speech_acts_de.tsv")
    assert speech_acts() == {r["cue"] for r in rows if float(r["precision"]) >= SPEECH_ACT_MIN_PRECISION}
    assert "fordern" in speech_acts() and "kritisieren" not in speech_acts()


def test_utterance_nouns_are_not_speakers(nlp):
    q = only(quotes_of(nlp, "Als Begründung gab der Minister an, die Lage sei ernst."))
    assert q.speaker_mention.text == "der Minister"
    # the mention is the phrase the text cites (as the Wikinews gold marks it); the speaker is its genitive
    q = only(quotes_of(nlp, "Die Antwort des Ministers lautete, die Lage sei ernst."))
    assert (q.speaker_mention.text, q.speaker) == ("Die Antwort des Ministers", "Minister")


def test_definite_role_noun_takes_up_the_last_speaker(nlp):
    text = ("„Die Bestände reichen nicht mehr lange“, sagt Joseph Dempsey von der Denkfabrik IISS in London. "
            "Zudem sei unklar, ob neue Granaten produziert werden könnten, sagte der Experte.")
    quotes = quotes_of(nlp, text)
    assert [q.speaker for q in quotes] == ["Joseph Dempsey", "Joseph Dempsey"]
    assert quotes[1].speaker_mention.text == "der Experte"


def test_relative_clause_after_an_interrupting_frame_is_content(nlp):
    text = ("Man habe einen Pakt unterzeichnet, verkündete Putin am Mittwoch, in dem sich Russland und Nordkorea "
            "gegenseitigen Beistand versichern.")
    q = only(quotes_of(nlp, text))
    assert [c.text for c in q.content] == ["Man habe einen Pakt unterzeichnet",
                                           "in dem sich Russland und Nordkorea gegenseitigen Beistand versichern"]
    assert q.speaker == "Putin"


# --- the speaker mention is the whole noun phrase that names the speaker (refine_mention) ---------------------

@pytest.mark.parametrize("text, mention, speaker", [
    ("Auch die amtierende Familienministerin Renate Schmidt (SPD) äußerte Vorbehalte und sagte, das Gesetz "
     "komme zu spät.", "die amtierende Familienministerin Renate Schmidt (SPD)", "Renate Schmidt"),
    ("Theo Kitz vom Bankhaus Merck Finck sagte dazu: „Solche Zahlungen hat es auch früher gegeben.“",
     "Theo Kitz vom Bankhaus Merck Finck", "Theo Kitz"),
    ("Der deutsche Verteidigungsminister Franz Josef Jung sagte, die Bundeswehr werde ihren Einsatz verlängern.",
     "Der deutsche Verteidigungsminister Franz Josef Jung", "Franz Josef Jung"),
    ("„Die Lage ist ernst“, sagte Edmon Chung, CEO von DotAsia.", "Edmon Chung, CEO von DotAsia", "Edmon Chung"),
    ("Koppelin wörtlich: „Sie ziehen den Bürgern das Geld aus der Tasche.“", "Koppelin", "Koppelin"),
    ("Roswitha Müller-Piepenkötter, die nordrhein-westfälische Justizministerin, kündigte an, die Aufklärung mit "
     "Hochdruck voranzutreiben.", "Roswitha Müller-Piepenkötter, die nordrhein-westfälische Justizministerin",
     "Roswitha Müller-Piepenkötter"),
    ("„Das ist ein Problem“, sagte der Oberkommandierende General der US-Streitkräfte im Irak, General George Casey "
     "heute anlässlich einer Pressekonferenz.",
     "der Oberkommandierende General der US-Streitkräfte im Irak, General George Casey", "George Casey"),
    ("So berichtete der Wissenschaftsjournalist Dirk Lorenzen dem Deutschlandfunk in einem Gespräch, dass die ESA "
     "das Projekt stoppe.", "der Wissenschaftsjournalist Dirk Lorenzen", "Dirk Lorenzen"),
    ("Nach Angaben von AFP und Reuters wurden vier Menschen verletzt.", "Angaben von AFP und Reuters", None),
    ("Zahlreiche Menschen befänden sich auf der Flucht, teilten die Vereinten Nationen mit.",
     "die Vereinten Nationen", "Vereinte Nationen"),
])
def test_speaker_mention_is_the_whole_noun_phrase(nlp, text, mention, speaker):
    q = only(quotes_of(nlp, text))
    assert q.speaker_mention.text == mention
    assert text[q.speaker_mention.start : q.speaker_mention.end] == mention
    if speaker is not None:
        assert q.speaker == speaker


def test_refine_mention_repairs_a_parenthesis_head_and_adverb_edges(nlp):
    from pipeline.extract.mention_steps import refine_mention

    doc = nlp("Auch die amtierende Familienministerin Renate Schmidt (SPD) äußerte Vorbehalte.")
    close = next(t.i for t in doc if t.text == ")")
    assert refine_mention(doc[close - 1 : close + 1]).text == "die amtierende Familienministerin Renate Schmidt (SPD)"
    doc = nlp("Nach der Sitzung sagte Koppelin wörtlich, das sei ein Skandal.")
    name = next(t.i for t in doc if t.text == "Koppelin")
    assert refine_mention(doc[name : name + 2]).text == "Koppelin"
    # titles and a genitive name in front of a name: "Mexikos Innenminister Francisco Ramirez"
    doc = nlp("Mexikos Innenminister Francisco Ramirez gestand ein, dass die Regierung überfordert sei.")
    assert refine_mention(doc[2:4]).text == "Mexikos Innenminister Francisco Ramirez"
    # a pronoun stays as it is
    doc = nlp("Er sagte, er komme morgen.")
    assert refine_mention(doc[0:1]).text == "Er"


def test_group_nouns_and_their_compounds_can_speak(nlp):
    from pipeline.resources import role_of

    for word in ("Ohrenzeugen", "Sicherheitsexperten", "Marktbeobachter", "Einsatzkräfte", "Datenschützer"):
        assert role_of(word) is not None, word
    for word in ("Zeitung", "Montag", "Beobachtung"):
        assert role_of(word) is None, word
    q = only(quotes_of(nlp, "Ohrenzeugen berichteten, sie hätten einen lauten Knall gehört."))
    assert q.speaker_mention.text == "Ohrenzeugen" and q.speaker == "Ohrenzeugen"


def test_source_named_in_the_verb_frame_is_the_speaker(nlp):
    # laut / zufolge inside the frame of a cue verb: the report rests on that source (Wikinews and GUIDELINES:
    # "laut X" makes X the speaker)
    text = ("Heute bestätigte der Gefängnisdirektor laut der Nachrichtenagentur Reuters, dass es ein Problem mit der "
            "Versorgung gebe.")
    q = only(quotes_of(nlp, text))
    assert q.speaker_mention.text == "der Nachrichtenagentur Reuters"
    assert q.content[0].text.startswith("dass es ein Problem")


@pytest.mark.parametrize("text, speaker", [
    ("Sinngemäß hofft Musk also, dass der nächste Start noch vor Ablauf der nächsten sechs Monate erfolgt.", "Musk"),
    ("Des Weiteren verwies Steinbrück darauf, dass der Haushaltsentwurf wieder verfassungsgemäß sei.", "Steinbrück"),
])
def test_speaker_after_the_finite_verb_when_the_first_phrase_cannot_speak(nlp, text, speaker):
    q = only(quotes_of(nlp, text))
    assert q.speaker_mention.text == speaker
    assert q.speaker == speaker


@pytest.mark.parametrize("text, mention", [
    # the bundled model tags these subjects Gen / Acc; the speaker is still the noun phrase of the frame
    ("Wie der Bundeswahlleiter mitteilte, lag die Wahlbeteiligung bei 41,9 Prozent.", "der Bundeswahlleiter"),
    ("Gestern hat eine Sprecherin des Bundesverfassungsgerichts mitgeteilt, dass das Gericht eine Beschwerde "
     "abgewiesen habe.", "eine Sprecherin des Bundesverfassungsgerichts"),
    # a genitive plural without article belongs to the source, a date after it does not
    ("Nach Meinung vieler Experten werden sich im Osten die Favoriten durchsetzen.", "Meinung vieler Experten"),
    ("46 Beamte wurden nach Angaben der Polizei vom Dienstag in der Stadt leicht verletzt.", "Angaben der Polizei"),
])
def test_speaker_phrase_despite_wrong_tags_and_around_sources(nlp, text, mention):
    q = only(quotes_of(nlp, text))
    assert q.speaker_mention.text == mention


@pytest.mark.parametrize("text, mention", [
    ("Nach Schätzung der Weltgesundheitsorganisation treten jährlich etwa 50 Millionen Dengue-Fälle auf.",
     "Schätzung der Weltgesundheitsorganisation"),
    ("Nach eigenem Bekunden war der Bruder seit langem in die Pläne eingeweiht.", "eigenem Bekunden"),
    ("Nach Berechnungen der Meteorologen zieht der Sturm weiter östlich als befürchtet.",
     "Berechnungen der Meteorologen"),
])
def test_nach_source_nouns_singular_and_plural(nlp, text, mention):
    q = only(quotes_of(nlp, text))
    assert q.speaker_mention.text == mention
    assert q.cue.text == "Nach"


def test_passive_speech_act_takes_its_agent_as_speaker(nlp):
    text = "Die Forderungen Berningers wurden von Bundesverkehrsminister Manfred Stolpe als unrealistisch bezeichnet."
    q = only(quotes_of(nlp, text))
    assert q.method == "reported"
    assert q.speaker_mention.text == "Bundesverkehrsminister Manfred Stolpe"
    assert q.speaker == "Manfred Stolpe"


def test_continuation_after_a_sentence_whose_subject_can_speak(nlp):
    text = ("Die Polizei hat die Straße gesperrt. Das Robert-Koch-Institut sieht derzeit keine besondere Gefahr. "
            "Nur Personen mit direktem Kontakt zu Geflügel seien gefährdet.")
    q = only(quotes_of(nlp, text))
    assert q.method == "continuation"
    assert q.content[0].text.startswith("Nur Personen mit direktem Kontakt")
    assert q.speaker_mention.text == "Das Robert-Koch-Institut"


@pytest.mark.parametrize("text, mention, speaker", [
    ("„Wer Tausende von Stellen streicht, obwohl er hohe Gewinne einfährt, handelt nicht im Sinne der "
     "Verfassung“, so der zuständige Gewerkschaftsvorstand Uwe Foullong.",
     "der zuständige Gewerkschaftsvorstand Uwe Foullong", "Uwe Foullong"),
    ("„Lieber verzichte ich auf die Darstellung meiner Partei“, so Suttner wörtlich.", "Suttner", "Suttner"),
])
def test_direct_quote_with_so_frame(nlp, text, mention, speaker):
    q = only(quotes_of(nlp, text))
    assert q.kind == "direct"
    assert q.cue.text == "so"
    assert q.speaker_mention.text == mention
    assert q.speaker == speaker


def test_subject_with_an_ambiguous_case_tag_and_a_demonstrative_speaker(nlp):
    q = only(quotes_of(nlp, "Zudem verlangen die Mönche, dass sich die Regierung für das Vorgehen entschuldigt."))
    assert q.speaker_mention.text == "die Mönche"
    text = ("Die Polizei verwies an die Staatsanwältin Karin Bauer. Diese bestätigte, dass gegen den 39-Jährigen ein "
            "Haftbefehl besteht.")
    q = only(quotes_of(nlp, text))
    assert q.speaker_mention.text == "Diese"
    assert q.speaker == "Karin Bauer"


@pytest.mark.parametrize("text, mention", [
    ("In dem Antrag heißt es wörtlich: „Die Aufhebung der Einstufung ist ein wichtiger Schritt.“", "dem Antrag"),
    ("Auf der Homepage der Ausstellung heißt es zur Begründung: „Die Zählstriche wurden wegen ihrer bildhaften "
     "Darstellung ausgewählt.“", "der Homepage der Ausstellung"),
])
def test_es_heisst_takes_the_text_it_stands_in_as_speaker(nlp, text, mention):
    q = only(quotes_of(nlp, text))
    assert q.kind == "direct"
    assert q.speaker_mention.text == mention


def test_coordinated_speakers(nlp):
    text = ("Präsident Boris Tadić und Regierungschef Vojislav Koštunica erklärten, Serbien werde die Unabhängigkeit "
            "niemals anerkennen.")
    q = only(quotes_of(nlp, text))
    assert q.speaker_mention.text == "Präsident Boris Tadić und Regierungschef Vojislav Koštunica"
    assert q.speaker == "Boris Tadić und Vojislav Koštunica"


@pytest.mark.parametrize("text", [
    "Der Rennfahrer Christian Klien wurde vorgeworfen, an der Schlägerei beteiligt gewesen zu sein.",
    "Die Polizei sucht Zeugen. Es wird vermutet, dass der Brand gelegt wurde.",
    "Der Schauspieler Fred Delmare leidet an Alzheimer. Eine Heilung sei jedoch ausgeschlossen, heißt es.",
])
def test_passive_cue_without_agent_leaves_the_speaker_open(nlp, text):
    qs = [q for q in quotes_of(nlp, text) if q.method.startswith("verb")]
    q = only(qs)
    assert q.speaker_mention is None and q.speaker == ""  # the one spoken about is not the speaker, nor a guess


def test_quotation_inside_a_report_takes_the_speaker_of_its_sentence(nlp):
    text = ("„Er hat viel bewegt“, sagte Regierungssprecher Steffen Seibert in Berlin. Später sagte Bundeskanzlerin "
            "Angela Merkel vor der Presse, der Papst „ist und bleibt einer der bedeutendsten religiösen Denker "
            "unserer Zeit“.")
    quotes = quotes_of(nlp, text)
    last = quotes[-1]
    assert "bedeutendsten religiösen Denker" in last.content[-1].text
    assert last.speaker == "Angela Merkel"


def test_sentence_initial_pronoun_continues_the_previous_subject(nlp):
    text = ("Wladimir Putin sprach sich dafür aus, die Sanktionen gegen Nordkorea zu beenden, und sicherte Kim Jong Un "
            "Hilfe zu. Er bezeichnete die Sanktionen als »Instrument, das der Westen zu nutzen pflegt, um seine "
            "Hegemonie aufrechtzuerhalten«.")
    q = next(q for q in quotes_of(nlp, text) if "Instrument" in q.content[0].text)
    assert q.speaker_mention.text == "Er"
    assert q.speaker == "Wladimir Putin"


def test_quoted_name_keeps_marks_and_article(nlp):
    text = "Die „Süddeutsche Zeitung“ hatte gestern berichtet, 200 Stellen würden gestrichen."
    q = only(quotes_of(nlp, text))
    assert q.speaker_mention.text == "Die „Süddeutsche Zeitung“"



def test_a_date_is_never_the_speaker(nlp):
    from pipeline.extract.quotes import valid_speaker

    doc = nlp("Ende Januar 2006 verkündete der Deutsche Fußball-Bund, die Spiele fänden statt.")
    assert valid_speaker(doc[0:3]) is None
    assert valid_speaker(doc[4:8]) is not None


def test_main_clause_after_damit_is_the_content(nlp):
    # "damit" with the finite verb right after it is an adverb of a main clause, not a purpose clause
    text = "Generalstabschef Zakari Nandja erklärte hingegen, damit solle ein Machtvakuum vermieden werden."
    q = only(quotes_of(nlp, text))
    assert q.content[0].text == "damit solle ein Machtvakuum vermieden werden"
    assert q.speaker == "Zakari Nandja"


def test_apposition_between_cue_and_dass_clause_is_frame(nlp):
    text = ("So sagte der für die Omo-Region zuständige Koordinator für Naturkatastrophen, Deftalgne Tessema, "
            "gegenüber der BBC, dass nur 14 Motorboote im Einsatz seien.")
    q = only(quotes_of(nlp, text))
    assert q.content[0].text == "dass nur 14 Motorboote im Einsatz seien"


@pytest.mark.parametrize("text, content", [
    ("In einer Videobotschaft, die in der letzten Nacht bei einer Kundgebung live eingespielt wurde, sagte "
     "Thaksin, man werde kämpfen, bis die Demokratie wiederhergestellt sei.",
     "man werde kämpfen, bis die Demokratie wiederhergestellt sei"),
    ("Die Vereinten Nationen bestätigten den Zwischenfall, teilten jedoch mit, es sei unklar, wer den "
     "bewaffneten Angriff ausgeführt habe.",
     "es sei unklar, wer den bewaffneten Angriff ausgeführt habe"),
])
def test_konjunktiv_after_the_cue_beats_indicative_before_it(nlp, text, content):
    q = only(quotes_of(nlp, text))
    assert q.content[0].text == content


def test_relative_clause_after_the_cue_is_not_its_content(nlp):
    text = "Das Unternehmen berichtete am Montag über einen Bericht, der heute in Berlin vorgelegt wurde."
    # (the whole sentence may be reported speech of the company; the relative clause alone is no quotation)
    assert all(not q.content[0].text.startswith("der heute") for q in quotes_of(nlp, text))


@pytest.mark.parametrize("text, fragment", [
    ("Merkel entgegnete, dann solle der Iran „sehen, wie er dieses Gesetz ändern kann“.",
     "sehen, wie er dieses Gesetz ändern kann"),
    ("Der Verteidiger betonte, der Angeklagte sei weder „dissozial“, „noch hätte er sich jemals etwas zu schulden "
     "kommen lassen“.", "noch hätte er sich jemals etwas zu schulden kommen lassen"),
])
def test_report_runs_on_through_a_frameless_quoted_part(nlp, text, fragment):
    quotes = quotes_of(nlp, text)
    report = next(q for q in quotes if q.kind == "mixed")
    assert fragment in report.content[-1].text
    assert fragment in [v.text for v in report.verbatim]


def test_konjunktiv_of_an_ieren_verb_continues_the_report(nlp):
    text = ("Derzeit werde geprüft, wie die Weiterleitung wieder hergestellt werden kann, so Wikimedia Deutschland "
            "weiter. Der Zugriff über de.wikipedia.org funktioniere weiterhin.")
    quotes = quotes_of(nlp, text)
    assert any("funktioniere weiterhin" in q.content[-1].text and q.speaker == "Wikimedia Deutschland"
               for q in quotes), [(q.content[-1].text, q.speaker) for q in quotes]


@pytest.mark.parametrize("text, mention", [
    ("Laut ndr.de blieben einige Demonstranten anschließend noch auf dem Platz.", "ndr.de"),
    ("Laut einer am Dienstag veröffentlichten Pressemitteilung des WFP wurden 2.000 Menschen mit Lebensmitteln "
     "versorgt.", "einer am Dienstag veröffentlichten Pressemitteilung des WFP"),
    ("Laut einem Artikel von „BBC News“ leben zehn Millionen Menschen von den Zahlungen der Migranten.",
     "einem Artikel von „BBC News“"),
    ("Ursache für den Brand waren laut Ministerium Arbeiten an der Stromübergabestelle.", "Ministerium"),
    ("Nach einer Stellungnahme der US-Armee befand sich der Helikopter auf dem Flug zwischen zwei Militärbasen.",
     "einer Stellungnahme der US-Armee"),
    # attributes after the head: genitives, quoted names, a prepositional attribute that closes the phrase
    ("Vertreter der drei Organisationen sagten, dass sie keine schnelle Entscheidung erwarten.",
     "Vertreter der drei Organisationen"),
    ("Das „National Hurricane Centre“ der USA geht davon aus, dass er Kategorie fünf erreicht.",
     "Das „National Hurricane Centre“ der USA"),
    ("Die französische Aufsichtsbehörde für Zivilluftfahrt (DGAC) teilte mit, dass die Maschinen unsicher seien.",
     "Die französische Aufsichtsbehörde für Zivilluftfahrt (DGAC)"),
    ("Um 11:09 Uhr berichtet die Online-Ausgabe des „Spiegel“, dass der Anwalt des Vereins klagen werde.",
     "die Online-Ausgabe des „Spiegel“"),
    # the name after an institution noun, whatever the tagger made of it ("n-tv" a verb, "The" an article)
    ("Ein Reporter des Fernsehsenders n-tv berichtete, dass die Autos brannten.",
     "Ein Reporter des Fernsehsenders n-tv"),
    ("Nach einem Bericht der Zeitung The Jakarta Post gelang es dem Häftling, aus dem Gefängnis zu fliehen.",
     "einem Bericht der Zeitung The Jakarta Post"),
    # but a prepositional phrase before the clause-final infinitive is the verb's object
    ("Darüber hinaus will sich die SPD für die Stärkung der Tarifautonomie einsetzen.", "die SPD"),
    # a role phrase with a name in its attribute still takes the person's name after it
    ("Die Reform sei notwendig, sagte die gesundheitspolitische Sprecherin der Unionsfraktion im Bundestag, Annette "
     "Widmann-Mauz.", "die gesundheitspolitische Sprecherin der Unionsfraktion im Bundestag, Annette Widmann-Mauz"),
])
def test_source_phrase_extent(nlp, text, mention):
    q = only(quotes_of(nlp, text))
    assert q.speaker_mention.text == mention


def test_pronoun_report_in_konjunktiv_continues_the_report(nlp):
    text = ("Ein Regierungssprecher in Berlin sagte, dass der Airbus nach Deutschland zurückkehren musste. Er wisse "
            "auch nicht, was die USA zu diesem Schritt bewogen hatten. Die Sperre sei aber inzwischen wieder "
            "aufgehoben worden.")
    quotes = quotes_of(nlp, text)
    cont = next(q for q in quotes if "wisse" in q.content[0].text)
    assert "Sperre sei" in cont.content[-1].text
    assert cont.speaker_mention.text == "Ein Regierungssprecher in Berlin"


@pytest.mark.parametrize("text, content", [
    # the lemmatizer keeps "gehöre" as it is; a finite verb in -e is Konjunktiv I
    ("Die Nachrichtenagentur AP berichtete im Zusammenhang mit dem Absturz, der Hubschrauber gehöre einem "
     "Waffenfabrikanten.", "der Hubschrauber gehöre einem Waffenfabrikanten"),
    # "niederzulegen" tagged as a finite verb is still a zu-infinitive
    ("Der Fraktionsvorsitzende im niedersächsischen Landtag, Wolfgang Jüttner, hatte Lenz gestern aufgefordert, "
     "sein Mandat niederzulegen.", "sein Mandat niederzulegen"),
])
def test_complement_despite_tagger_errors(nlp, text, content):
    q = only(quotes_of(nlp, text))
    assert q.content[0].text == content


def test_adjectives_tagged_as_verbs_are_no_konjunktiv(nlp):
    from pipeline.lang.de.verbs import looks_konjunktiv_1

    doc = nlp("Zwischen 1973 und 1976 studierte Müller an der Universität deutsche und rumänische Literatur.")
    assert not any(looks_konjunktiv_1(t) for t in doc)


def test_parliament_attribute_belongs_to_the_speaker(nlp):
    text = ("Der Fraktionsvorsitzende im niedersächsischen Landtag, Wolfgang Jüttner, hatte Lenz gestern "
            "aufgefordert, sein Mandat niederzulegen.")
    q = only(quotes_of(nlp, text))
    assert q.speaker_mention.text == "Der Fraktionsvorsitzende im niedersächsischen Landtag, Wolfgang Jüttner"
    assert q.speaker == "Wolfgang Jüttner"


@pytest.mark.parametrize("text, parts, speaker", [
    ("Die Boote sind laut Deftalgne Tessema zudem recht klein.", ["Die Boote sind", "zudem recht klein"],
     "Deftalgne Tessema"),
    ("Zwar sei es ein wichtiger Schritt – so Canny –, trotzdem suche das Unternehmen neue Investoren.",
     ["Zwar sei es ein wichtiger Schritt", "trotzdem suche das Unternehmen neue Investoren"], "Canny"),
    ("Zur Zwischenfinanzierung bekomme das Unternehmen, wie es auf einer Pressekonferenz in Oslo hieß, 4,3 "
     "Millionen Euro.", ["Zur Zwischenfinanzierung bekomme das Unternehmen", "4,3 Millionen Euro"], None),
])
def test_frame_inside_the_sentence_splits_the_content(nlp, text, parts, speaker):
    q = only(quotes_of(nlp, text))
    assert [c.text for c in q.content] == parts
    if speaker:
        assert q.speaker == speaker


def test_second_verb_shares_the_subject_not_its_object(nlp):
    text = ("Die USA würden direkte Maßnahmen ergreifen, um alle beteiligten Stellen zu sanktionieren, und forderte "
            "Pjöngjang auf, die Verhandlungen einzustellen.")
    q = next(q for q in quotes_of(nlp, text) if q.content[0].text == "die Verhandlungen einzustellen")
    assert q.speaker_mention.text == "Die USA"


def test_source_before_a_relative_clause_speaks_for_heisst_es(nlp):
    text = ("In der Vorabversion des Berichts, der als Download von der Behörde ins Netz gestellt wurde, heißt es, "
            "die Zahl der Gewalttaten sei gestiegen.")
    q = only(quotes_of(nlp, text))
    assert q.speaker_mention.text == "der Vorabversion des Berichts"


@pytest.mark.parametrize("text, content", [
    # the frame fills the Vorfeld: the content starts at the finite verb
    ("Nach Angaben des stellvertretenden Gouverneurs Nasser Baoum der Provinz Schabwa kommen die Verhandlungen "
     "gut voran.", ["kommen die Verhandlungen gut voran"]),
    ("Nach Angaben der FDP-Innenexpertin, Gisela Piltz, fehle es an einem durchgreifenden Konzept.",
     ["fehle es an einem durchgreifenden Konzept"]),
    # the frame stands in a relative or adverbial clause: the report is that clause
    ("Die Hunde trafen mit Verzögerung ein, da nach Angaben der Fluggesellschaft die Genehmigung zu spät "
     "beantragt worden war.", ["da", "die Genehmigung zu spät beantragt worden war"]),
])
def test_phrase_frame_content_follows_the_clause(nlp, text, content):
    q = only(quotes_of(nlp, text))
    assert [c.text for c in q.content] == content


def test_quoted_names_are_no_quotations(nlp):
    text = ("Rob Mueller, Klub-Sekretär der Buitenboys, sagte zum „Algemeen Dagblad“, nach dem Spiel hätten alle "
            "Spieler dem Schiedsrichter die Hand gegeben.")
    q = only(quotes_of(nlp, text))
    assert q.kind == "indirect"
    assert q.content[0].text == "nach dem Spiel hätten alle Spieler dem Schiedsrichter die Hand gegeben"


@pytest.mark.parametrize("text, content", [
    ("René Préval sagte vor der Presse, Annabi sei tot, doch UN-Pressesprecher Nicholas Birnback erklärte, den Tod "
     "Annabis bislang nicht bestätigen zu können.", "Annabi sei tot"),
    ("An die Gewerkschaften gewandt sagte Köhler, sie müssten ihre Zurückhaltung in dieser Frage aufgeben und "
     "bemühte hier das Bild vom gemeinsamen Boot.", "sie müssten ihre Zurückhaltung in dieser Frage aufgeben"),
])
def test_report_ends_where_the_writers_clause_begins(nlp, text, content):
    q = next(q for q in quotes_of(nlp, text) if q.speaker_mention is not None and
             q.speaker_mention.text in ("René Préval", "Köhler"))
    assert q.content[0].text == content


def test_cue_nearest_the_colon_introduces_the_quotation(nlp):
    text = ("Sarkozy sagte, Europa brauche die Engländer und fügte hinzu: „Wer kann glauben, man könne das Europa "
            "der Zukunft ohne die Engländer aufbauen?“")
    quotes = quotes_of(nlp, text)
    assert [q.kind for q in quotes] == ["indirect", "direct"]
    assert quotes[0].content[0].text == "Europa brauche die Engländer"
    assert quotes[1].cue.text == "fügte"
    assert quotes[1].speaker == "Sarkozy"


def test_konjunktiv_sentence_with_a_quoted_phrase_continues_the_report(nlp):
    text = ("Stoiber begründete seinen Rückzug mit der veränderten Lage in der SPD. Damit seien „der Kurs und die "
            "Berechenbarkeit der SPD nicht mehr so klar“. Auch habe sich die Grundlage für seine Bereitschaft "
            "verändert.")
    quotes = quotes_of(nlp, text)
    cont = next(q for q in quotes if q.content[0].text.startswith("Damit seien"))
    assert cont.speaker == "Stoiber"
    assert "Auch habe sich" in cont.content[-1].text


def test_name_apposition_after_the_cue_belongs_to_the_frame(nlp):
    text = ("In einem Interview erklärte der Direktor der Internationalen Atomenergie-Organisation (IAEO), Mohammed "
            "el-Baradei, Nordkorea besitze vier bis sechs Atomwaffen.")
    q = only(quotes_of(nlp, text))
    assert q.content[0].text == "Nordkorea besitze vier bis sechs Atomwaffen"
    assert q.speaker == "Mohammed el-Baradei"


@pytest.mark.parametrize("text, reported", [
    ("Ein endgültiger Betrag wurde noch nicht offiziell bekannt gegeben, da in der Zwischenzeit laufend weitere "
     "Spenden eingegangen sind.", False),
    ("Er bot eine Reservierung an, da er angeblich noch einen weiteren Tisch in einem Festzelt habe.", True),
])
def test_a_reason_is_reported_only_in_konjunktiv(nlp, text, reported):
    quotes = quotes_of(nlp, text)
    assert any(q.content[-1].text.startswith("da ") for q in quotes) == reported


def test_name_before_zufolge_whatever_its_tag(nlp):
    text = ("Anlass war die Weitergabe der Internet-Kommunikation durch deren Eltern. Nacke zufolge soll Mindermann "
            "dabei „unangemessene Fragen“ an die Jugendliche gestellt haben, ohne dabei aber den Straftatbestand "
            "erfüllt zu haben.")
    q = only(quotes_of(nlp, text))
    assert q.cue.text == "zufolge"
    assert q.speaker == "Nacke"


def test_whitespace_is_never_a_speaker(nlp):
    from pipeline.extract.quotes import valid_speaker

    doc = nlp("Er sagte es.\n\n  „Das ist neu“, hieß es.")
    spaces = [t for t in doc if t.is_space]
    assert spaces and all(valid_speaker(doc[t.i : t.i + 1]) is None for t in spaces)


def test_cue_verb_read_as_an_adjective_is_not_part_of_the_speaker(nlp):
    text = ("Auf die Spannungen im Nahen Osten und den derzeit schwachen Dollar verweisen Analysten. Das Preisniveau "
            "sei jedoch trotz großer Nachfrage stabil.")
    q = next(q for q in quotes_of(nlp, text) if q.content[0].text.startswith("Das Preisniveau"))
    assert q.speaker_mention.text == "Analysten"


def test_adverbial_phrase_is_no_speaker(nlp):
    from pipeline.extract.quotes import valid_speaker

    doc = nlp("Stellvertretend für die EU-Kommission empfahl der Kommissar, die Gespräche aufzunehmen.")
    assert valid_speaker(doc[0:4]) is None
    assert valid_speaker(doc[6:8]) is not None


@pytest.mark.parametrize("text, content, speaker", [
    # an indirect question before its question verb, with a verb the small model reads as an indicative
    ("Die Abgeordnete Kathrin Vogler kritisierte den Entwurf. Wie der Minister dies bewerte, fragte Vogler.",
     "Wie der Minister dies bewerte", "Kathrin Vogler"),
    # after a question verb, in the indicative: the opening w-word and the verb make it a question
    ("Die Abgeordnete Petra Sitte fragte, was die Regierung dagegen tut.",
     "was die Regierung dagegen tut", "Petra Sitte"),
    ("Die Abgeordnete Petra Sitte erkundigte sich, wann das Gesetz kommt.", "wann das Gesetz kommt", "Petra Sitte"),
])
def test_indirect_questions(nlp, text, content, speaker):
    q = only(quotes_of(nlp, text))
    assert (q.kind, q.content[0].text, q.speaker) == ("indirect", content, speaker)


def test_indirect_question_ends_before_the_main_clause_after_it(nlp):
    text = ("Nachdem er von Moderator Matthias Keller-May gefragt wurde, was seine Partei von den Grünen "
            "unterscheide, entgegnete Suttner empört: „Das ist doch klar.“")
    question = next(q for q in quotes_of(nlp, text) if q.kind == "indirect")
    assert question.content[0].text == "was seine Partei von den Grünen unterscheide"
    assert question.speaker == "Matthias Keller-May"


def test_a_question_word_after_another_verb_is_no_question(nlp):
    assert not quotes_of(nlp, "Die Abgeordnete Petra Sitte weiß, wann das Gesetz kommt.")


def test_short_report_after_laut(nlp):
    # three words are a clause: the phrase cue frames it like a longer one
    q = only(quotes_of(nlp, "Laut der Polizei wurden Gefangene gefoltert."))
    assert (q.kind, q.content[0].text, q.speaker, q.cue.text) == ("indirect", "wurden Gefangene gefoltert", "Polizei",
                                                                  "Laut")


@pytest.mark.parametrize("phrase, name", [
    ("Olexandr Turtschynow, der Stellvertreter von Timoschenko", "Olexandr Turtschynow"),
    ("Olga Petrenko, die Sprecherin der Stadt", "Olga Petrenko"),
    ("Die Polizei, die Feuerwehr", ""),  # no first name leads it
    ("Olga Petrenko", ""),  # no apposition
])
def test_leading_name_of_an_apposition_group(phrase, name):
    from pipeline.resolve.appositions import leading_name
    assert leading_name(phrase) == name


@pytest.mark.parametrize("text, content", [
    ("Der Minister sagte, die Lage sei „sehr ernst“.", "die Lage sei „sehr ernst“"),
    ("Die Ministerin betonte, unter den Verkäuferinnen seien „viele Frauen, die Erfahrung haben“.",
     "unter den Verkäuferinnen seien „viele Frauen, die Erfahrung haben“"),
    # the quoted words close with their own full stop inside the marks
    ("Der Minister sagte, die Lage sei „sehr ernst, aber lösbar.“ Danach ging er.",
     "die Lage sei „sehr ernst, aber lösbar.“"),
])
def test_quoted_words_that_end_a_reported_clause_make_one_mixed_quotation(nlp, text, content):
    q = only(quotes_of(nlp, text))
    assert q.kind == "mixed"
    assert q.content[0].text == content
    assert q.cue.text in ("sagte", "betonte")


def test_a_direct_quotation_after_its_cue_and_comma_stays_direct(nlp):
    q = only(quotes_of(nlp, "Der Minister sagte am Montag: „Die Lage ist sehr ernst.“"))
    assert q.kind == "direct"
    assert q.content[0].text == "Die Lage ist sehr ernst."


def test_a_name_particle_opening_the_sentence_belongs_to_the_speaker(nlp):
    text = ("Ursula von der Leyen besuchte am Montag eine Kita.\n\nVon der Leyen betonte, unter den Verkäuferinnen "
            "seien „viele Frauen, die Erfahrung haben“.")
    q = only(quotes_of(nlp, text))
    assert q.speaker_mention.text == "Von der Leyen"  # not "der Leyen": "Von" is no preposition here
    assert q.speaker == "Ursula von der Leyen"


# one speaker per construction: (text, the canonical speaker of its one quotation)
SPEAKER_CASES = [
    # an impersonal cue speaks through its source; a place or an occasion names no one
    ("Bei der Agentur RIA hieß es, dass es zwei Detonationen gegeben habe.", "RIA"),
    ("Beim ADAC hieß es, die Staus würden länger.", "ADAC"),
    ("Aus dem Innenministerium hieß es, die Lage sei unter Kontrolle.", "Innenministerium"),
    ("In Berlin hieß es, man prüfe den Vorgang.", ""),
    ("Bei der Pressekonferenz hieß es, der Täter sei gefasst.", ""),
    # fordern stays a speech act unless it governs the casualties (test_fordern_of_casualties_is_no_speech_act)
    ("Die Angehörigen der Opfer forderten eine Aufklärung der Katastrophe.", "Angehörigen der Opfer"),
    ("Die Gewerkschaft forderte mehr Lohn.", "Gewerkschaft"),
    # an adverbial opening the sentence is no speaker: the inverted subject is
    ("Monatelang haben die Wiener Linien abgestritten, dass die Sicherheitseinrichtungen nicht sicher genug wären.",
     "Wiener Linien"),
    ("Des Weiteren warf die OSZE der Regierung vor, mit den Wahlbeobachtern nicht zusammengearbeitet zu haben.",
     "OSZE"),
]


@pytest.mark.parametrize("text, speaker", SPEAKER_CASES)
def test_speaker_of_a_construction(nlp, text, speaker):
    q = only(quotes_of(nlp, text))
    assert q.speaker == speaker


@pytest.mark.parametrize("text", [
    "Der Sturm forderte drei Tote.",
    "Mindestens 9.000 Menschenleben forderte das Beben.",
    "Zwölf Todesopfer forderte ein Taifun, der am Sonntag den Norden heimsuchte.",
])
def test_fordern_of_casualties_is_no_speech_act(nlp, text):
    assert quotes_of(nlp, text) == []


@pytest.mark.parametrize("text, mention, speaker", [
    ("Dagegen steht die Aussage von Reinhard Bütikofer, Parteivorsitzender der Grünen, der sagte, man dürfe nicht "
     "so tun, als sei alles entschieden.", "Reinhard Bütikofer, Parteivorsitzender der Grünen", "Reinhard Bütikofer"),
    ("Am Nachmittag kamen Tausende Demonstranten, die skandierten: „Mussawi, hole unsere Stimmen zurück!“",
     "Tausende Demonstranten", "Demonstranten"),
])
def test_a_relative_pronoun_speaker_is_its_antecedent(nlp, text, mention, speaker):
    q = only(quotes_of(nlp, text))
    assert q.speaker_mention.text == mention
    assert q.speaker == speaker


def test_a_relative_pronoun_whose_antecedent_cannot_speak_names_no_one(nlp):
    text = ("Regierungssprecher Robert Gibbs gab dem Sender eine Stellungnahme in Form einer SMS, die aus einem "
            "einzigen Wort bestand: „WOW.“")
    q = only(quotes_of(nlp, text))
    assert q.speaker != "die"  # never the pronoun itself
