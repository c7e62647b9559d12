"""The coreference stage (pipeline/resolve/coref.py) and the speakers it gives: one construction per case, on
German sentences written for these tests, through the whole pipeline (the bundled or the official model)."""
from __future__ import annotations

import pytest

from pipeline.annotate import analyze
from pipeline.resolve.coref import _fits_role, Cluster, first_name_genders, name_gender, pronouns
from pipeline.write import entity_cells, entity_id, quote_cells

# (construction, text, the quotation's content starts with, speaker, speaker_type)
CASES = [
    ("pronoun after a named speaker",
     "Die Bauministerin Anna Berg besuchte am Montag die Baustelle. „Wir brauchen mehr Fachkräfte“, sagte sie.",
     "Wir brauchen", "Anna Berg", "person"),
    ("pronoun by gender, not by recency",
     "Peter Roth traf am Morgen die Bürgermeisterin Anna Berg. „Das Gespräch war gut“, sagte er danach.",
     "Das Gespräch", "Peter Roth", "person"),
    ("role noun bound by the name it stood before",
     "Bundesgesundheitsminister Karl Weber stellte am Mittwoch das neue Gesetz vor. Es soll im Herbst gelten. "
     "Der Minister betonte, die Daten der Patienten seien sicher.",
     "die Daten", "Karl Weber", "person"),
    ("role noun bound by an apposition after the name",
     "Lena Vogt, die Sprecherin der Stadt, äußerte sich am Abend. Der Markt war zuvor geräumt worden. "
     "Die Sprecherin sagte, der Markt bleibe bis Freitag geschlossen.",
     "der Markt bleibe", "Lena Vogt", "person"),
    ("compound role noun fits the role bound before",
     "Der Vertreter der Firma, Jonas Beck, sprach vor dem Ausschuss. Die Abgeordneten hatten viele Fragen. "
     "Der Firmenvertreter betonte, man halte sich an alle Regeln.",
     "man halte", "Jonas Beck", "person"),
    ("age noun takes up the person named before",
     "Der Trainer Max Huber stand nach dem Spiel vor der Kurve. „Wir haben verdient gewonnen“, sagte der 57-Jährige.",
     "Wir haben", "Max Huber", "person"),
    ("source phrase through its possessor",
     "Finanzminister Paul Kern legte am Dienstag den Haushalt vor. Nach seinen Worten ist der Etat gesichert.",
     "ist der Etat", "Paul Kern", "person"),
    ("source phrase through its complement",
     "In der Nacht brannte eine Scheune. Den Angaben der Feuerwehr zufolge sei niemand verletzt worden.",
     "sei niemand", "Feuerwehr", "organization"),
    ("source phrase that names no one",
     "Die Preise für Strom steigen weiter. Laut dem Bericht seien die Kosten im Winter deutlich höher.",
     "seien die Kosten", "", ""),
    ("topic label before a colon is no speaker",
     "„Wir werden das Werk erhalten“, sagte die Managerin Eva Roth. Ihr Fazit: „Der Standort hat eine Zukunft.“",
     "Der Standort", "Eva Roth", "person"),
    ("source phrase through a role noun in its weak form",
     "Die Datenschutzbeauftragte Lea Brandstätter stellte am Montag ihren Bericht vor. Vor jeder Reform müsse eine "
     "Debatte stehen, so die Forderung der Datenschutzbeauftragten.",
     "Vor jeder Reform", "Lea Brandstätter", "person"),
    ("an adjectival role noun after 'die' is one woman, not a plural",
     "Seit einem Jahr ist Anna Berg Bundesbeauftragte für den Datenschutz. Sie kritisiert die Pläne der Kommission. "
     "Die Regeln müssten sich ändern, so die Datenschutzbeauftragte.",
     "Die Regeln", "Anna Berg", "person"),
    ("the weak form after 'der' is her when no group was named",
     "Seit einem Jahr ist Anna Berg Bundesbeauftragte für den Datenschutz. Sie kritisiert die Pläne der Kommission. "
     "Die Regeln müssten sich ändern, so die Forderung der Datenschutzbeauftragten.",
     "Die Regeln", "Anna Berg", "person"),
    ("the weak form after 'der' is the group when one was named",
     "Anna Berg und Eva Roth sind Abgeordnete der Grünen. Die Regeln müssten sich ändern, so die Forderung der "
     "Abgeordneten.",
     "Die Regeln", "Anna Berg und Eva Roth", "person"),
    ("a quote run is broken by a report of another speaker in between",
     "„Wir haben das Gesetz gut vorbereitet“, sagte der Minister Karl Weber im Bundestag.\n\nEin Jahr später sagt "
     "die Abgeordnete Lena Vogt, selbst oft Ziel von Hetze: Das Gesetz geht am Ziel vorbei. „Mir kommt es auf die "
     "Strafverfolgung an.“",
     "Mir kommt", "Lena Vogt", "person"),
    ("a role noun in the genitive is named in the nominative",
     "Das Ministerium hat den Plan vorgelegt. Nach Angaben des Ministers sei das Geld knapp.",
     "sei das Geld", "Minister", "person"),
    ("a role phrase with a name the tagger read as nouns takes the name",
     "„Die Lage am Arbeitsmarkt ist ruhig“, sagte der Chef der Bundesagentur für Arbeit, Frank-Jürgen Weise, am "
     "Dienstag in Nürnberg.",
     "Die Lage", "Frank-Jürgen Weise", "person"),
    ("a speech act reported in the Konjunktiv goes on with the report before it",
     "In der Vergangenheit habe es erfolgreiche Angriffe auf die Kliniken gegeben, so die Abgeordnete Lena Vogt. "
     "Erst vor wenigen Tagen hätten mehrere Verbände in einem offenen Brief vor den Risiken gewarnt.",
     "Erst vor wenigen Tagen", "Lena Vogt", "person"),
    ("a quoted name after a genitive article is the source, without its marks",
     "Die Verordnung wird am Montag beraten. Aus Sicht der „Koalition kleiner Unternehmen aus Europa“ würde sich "
     "die Verordnung negativ auf die Sicherheit auswirken.",
     "würde sich", "Koalition kleiner Unternehmen aus Europa", "organization"),
    ("what follows a report's colon is what was said",
     "Ein Jahr nach Inkrafttreten des Gesetzes sagt die Abgeordnete Lena Vogt, selbst regelmäßig Zielscheibe von "
     "Hass im Netz: Das Gesetz geht am Ziel vorbei. „Mir kommt es nicht darauf an.“",
     "Das Gesetz geht", "Lena Vogt", "person"),
    ("a genitive plural without article after a statement noun is a group, in the nominative",
     "Die Pläne der Kommission sind umstritten. Dies ist nach Aussagen weltweit führender Forscher technisch "
     "unmöglich.",
     "Dies ist", "weltweit führende Forscher", "group"),
    ("coordinated adjectives belong to the speaker, a count does not",
     "In einem offenen Brief appellieren dutzende kleine und mittlere Unternehmen an die Ministerinnen, sich gegen "
     "das Gesetz zu stellen.",
     "sich gegen", "kleine und mittlere Unternehmen", "organization"),
    ("a plural pronoun takes up the group that spoke last",
     "Die Verbände warnten am Montag, das Gesetz sei gefährlich. Sie verlangen von den Ministerinnen, sich an der "
     "Position des Parlaments zu orientieren.",
     "sich an der", "Verbände", "group"),
    ("coordinated countries speak together",
     "Die USA, Großbritannien und Japan warnten am Montag, die Lage in der Region sei ernst.",
     "die Lage", "USA, Großbritannien und Japan", "organization"),
    ("an indefinite role noun introduces the person named after it",
     "Die Preise würden weiter steigen, warnt ein Ökonom.\n\nJonas Feldhaus, ein Ökonom der Universität Kiel, "
     "rechnet mit einem harten Winter.",
     "Die Preise", "Jonas Feldhaus", "person"),
    ("a colon at the end of a paragraph: the subject of its sentence speaks",
     "Die Bürgermeisterin Clara Wendt schrieb am Montag in einem Brief an Minister Paul Kern:\n\n„Wir brauchen "
     "das Geld noch in diesem Jahr.“",
     "Wir brauchen", "Clara Wendt", "person"),
    ("a group named in the dative takes its nominative",
     "Der Gipfel wurde abgesagt. Beobachtern zufolge sei die Lage zu unsicher gewesen.",
     "sei die Lage", "Beobachter", "group"),
    ("a gender-inclusive form is one word",
     "Die Schulen sollen mehr Geld bekommen. Das reiche aber nicht, warnen die Lehrer:innen.",
     "Das reiche", "Lehrer:innen", "group"),
    ("the place in a phrase is not its speaker",
     "Der Bürgermeister von Kleinstadt-Nord ist neu im Amt. Der Haushalt sei ausgeglichen, sagte der Bürgermeister "
     "von Köln.",
     "Der Haushalt", "Bürgermeister von Köln", "person"),
    ("a statement through the web site that carries it",
     "Der Verein hat seine Zahlen veröffentlicht. Laut der Website „tierheim-nord.de“ seien 40 Hunde vermittelt worden.",
     "seien 40 Hunde", "tierheim-nord.de", "organization"),
    ("a nationality noun takes up the person named before",
     "Der Tennisspieler Andy Murray verlor am Sonntag in Paris. „Ich war zu langsam“, sagte der Brite nach dem Spiel.",
     "Ich war", "Andy Murray", "person"),
    ("a party noun takes up the person named before",
     "Der Abgeordnete Peter Hahn (CDU) kritisierte den Plan. Der CDU-Politiker sagte, das Geld fehle an anderer "
     "Stelle.",
     "das Geld fehle", "Peter Hahn", "person"),
    ("a document takes the author it was attributed to",
     "Laut dem Positionspapier sollen die Regeln strenger werden. Die Behörde sehe keinen Spielraum, schreibt das "
     "Umweltbundesamt in seinem Positionspapier.",
     "sollen die Regeln", "Umweltbundesamt", "organization"),
    ("a setting after the speaker is not part of it",
     "Das Bundesamt teilte am Freitag mit, die Zahl der Anträge sei gesunken. Die Bearbeitung dauere aber länger, "
     "so das Bundesamt in einer Pressemitteilung.",
     "Die Bearbeitung", "Bundesamt", "organization"),
]


@pytest.mark.parametrize("construction, text, starts, speaker, kind", CASES, ids=[c[0] for c in CASES])
def test_speaker_through_coreference(nlp, construction, text, starts, speaker, kind):
    quotes = analyze(text, date="2024-03-05", nlp=nlp).quotes
    found = [q for q in quotes if any(c.text.startswith(starts) for c in q.content)]
    assert found, [(q.kind, [c.text for c in q.content]) for q in quotes]
    assert (found[0].speaker, found[0].speaker_type) == (speaker, kind)


def test_the_mention_stays_what_the_text_says(nlp):
    text = "Die Bauministerin Anna Berg besuchte die Baustelle. „Wir brauchen mehr Fachkräfte“, sagte sie."
    (quote,) = analyze(text, date="2024-03-05", nlp=nlp).quotes
    assert quote.speaker == "Anna Berg" and quote.speaker_mention.text == "sie"


def test_every_mention_of_one_person_carries_her_id(nlp):
    text = ("Die Bauministerin Anna Berg besuchte am Montag die Baustelle. Berg sprach mit den Arbeitern. "
            "„Wir brauchen mehr Fachkräfte“, sagte sie.")
    result = analyze(text, date="2024-03-05", nlp=nlp)
    rows = [r for r in entity_cells(result) if r[1] == "person"]
    # article_id, type, text, canonical, entity_id, mention, ...
    assert {(r[2], r[5]) for r in rows} >= {("Anna Berg", "name"), ("sie", "pronoun")}
    assert {r[3] for r in rows} == {"Anna Berg"} and {r[4] for r in rows} == {entity_id("person", "Anna Berg")}
    (quote,) = quote_cells(result)
    assert quote[6:9] == ["Anna Berg", "person", entity_id("person", "Anna Berg")]


def test_a_plural_pronoun_takes_up_a_coordination(nlp):
    text = ("Frankreich und Spanien wollen enger zusammenarbeiten. Sie kündigten an, gemeinsam Züge zu bestellen.")
    quotes = analyze(text, date="2024-03-05", nlp=nlp).quotes
    assert [q.speaker for q in quotes] == ["Frankreich und Spanien"]


def test_entity_ids_are_stable_and_typed():
    assert entity_id("person", "Anna Berg") == entity_id("person", "anna  berg") != entity_id("organization",
                                                                                           "Anna Berg")
    assert entity_id("person", "Anna Berg").startswith("P-") and entity_id("date", "2024") == ""


@pytest.mark.parametrize("canonical, gender", [("Anna Berg", "f"), ("Karl Weber", "m"), ("Berg", ""),
                                               ("Jean-Paul Roth", "m")])
def test_gender_from_the_first_name(canonical, gender):
    assert name_gender(canonical) == gender


@pytest.mark.parametrize("bound, head, fits", [
    ("Bundesgesundheitsminister", "Minister", True), ("Vertreter", "NSO-Vertreter", True),
    ("Sprecherin", "Sprecherin", True), ("Trainer", "Minister", False),
])
def test_a_descriptor_fits_the_role_bound_before(bound, head, fits):
    assert _fits_role(Cluster(1, "person", "X Y", roles=[bound]), head) is fits


def test_the_word_lists_are_read():
    assert pronouns()["er"] == {"kind": "personal", "refers": "m"}
    assert first_name_genders()["Louisa"] == "f" and len(first_name_genders()) > 10_000


# ------------------------------------------------------------------------------------------ across articles

MERGE_ARTICLES = {
    "a_full": " date 2024-03-04 Haushalt\n\nFinanzministerin Helga Brandner legte am Montag den Haushalt vor. "
              "„Wir sparen, wo es geht“, sagte Brandner.\n",
    "b_surname": " date 2024-03-05 Streit\n\n„Der Etat ist solide“, sagte Brandner am Dienstag im Bundestag.\n",
    "c_mueller_1": " date 2024-03-06 Fußball\n\nDer Trainer Jens Winter lobte die Abwehr. Winter sagte, die "
                   "Mannschaft sei bereit.\n",
    "d_mueller_2": " date 2024-03-07 Handball\n\nDer Kapitän Paul Winter fehlte verletzt. Paul Winter sagte, er "
                   "komme bald zurück.\n",
    "e_mueller_3": " date 2024-03-08 Sport\n\n„Wir müssen geduldig sein“, sagte Winter am Freitag.\n",
}


def test_a_surname_joins_the_one_full_name_of_the_corpus_and_an_ambiguous_one_stays_apart(nlp, tmp_path, monkeypatch):
    import csv

    from typer.testing import CliRunner

    import pipeline.annotate
    from pipeline.cli import app

    monkeypatch.setattr(pipeline.annotate, "build_nlp", lambda model=None: nlp)
    inputs = tmp_path / "in"
    inputs.mkdir()
    for stem, text in MERGE_ARTICLES.items():
        (inputs / f"{stem}.txt").write_text(text, encoding="utf-8")
    out = tmp_path / "out"
    result = CliRunner().invoke(app, ["run", str(inputs), "--output", str(out), "--workers", "1"])
    assert result.exit_code == 0, result.output

    def rows(name):
        with open(out / name, encoding="utf-8-sig", newline="") as fh:
            return list(csv.DictReader(fh))

    speakers = {(r["article_id"], r["speaker"], r["speaker_id"]) for r in rows("quotes.csv")}
    assert ("b_surname", "Helga Brandner", entity_id("person", "Helga Brandner")) in speakers  # one Brandner: merged
    assert ("e_mueller_3", "Winter", "") in speakers or ("e_mueller_3", "Winter", entity_id("person", "Winter")) \
        in speakers  # two full names end in "Winter": it stays apart
    persons = {r["name"]: r for r in rows("persons.csv")}
    assert "Brandner" not in persons and persons["Helga Brandner"]["articles"] == "2"
    assert {"Jens Winter", "Paul Winter", "Winter"} <= set(persons)
    entities = [r for r in rows("entities.csv") if r["article_id"] == "b_surname" and r["type"] == "person"]
    assert {(r["canonical"], r["entity_id"]) for r in entities} == {("Helga Brandner", entity_id("person",
                                                                                           "Helga Brandner"))}
