"""Tests for pipeline.extract.dates: German temporal expressions with ISO values."""
from __future__ import annotations

import json
import re
import unicodedata
from collections import Counter
from pathlib import Path

import pytest

import pipeline.extract.dates as dates
from pipeline.extract.dates import find_article_date, find_dates, header_end
from pipeline.extract.dates.patterns import Patterns
from pipeline.extract.dates.rules import RULES

SEEDS = Path(__file__).resolve().parents[1].parent / "shared" / "eval" / "seeds.jsonl"

# ref 2023-09-13 is a Wednesday (ISO week 37)
REF = "2023-09-13"


def _pairs(text, ref=REF):
    return [(m.text, m.value) for m in find_dates(text, ref)]


POSITIVE = [
    # numeric dates
    ("Stand: 13.09.2023 13:55 Uhr", REF, [("13.09.2023", "2023-09-13")]),
    ("Die Frist endet am 13.9.23 um Mitternacht.", REF, [("am 13.9.23", "2023-09-13")]),
    ("Das Dokument ist auf 2023-09-11 datiert.", REF, [("2023-09-11", "2023-09-11")]),
    ("Die Polizei meldete den Vorfall am 12.09. in Berlin.", REF, [("am 12.09.", "2023-09-12")]),
    # day + month (+ year)
    ("Unser Foto zeigt Putin am 11. September bei einem Besuch in Primorje.", "2023-09",
     [("am 11. September", "2023-09-11")]),
    ("Putin erklärte am 15. August 2023 in einer Glückwunschbotschaft an Kim:", REF,
     [("am 15. August 2023", "2023-08-15")]),
    ("Der russische Präsident erklärte am 15. August in einer Botschaft, er sei zuversichtlich.", "2023-09",
     [("am 15. August", "2023-08-15")]),
    ("Das erklärte der Kreml am Montag (11. September).", "2023-09", [("am Montag (11. September)", "2023-09-11")]),
    ("Die Abstimmung ist für Montag, den 11. September angesetzt.", "2023-09",
     [("Montag, den 11. September", "2023-09-11")]),
    ("Am vergangenen Montag, den 10. März protestierten rund 300 Mönche.", "2008-03-17",
     [("Am vergangenen Montag, den 10. März", "2008-03-10")]),
    ("Das Abkommen wurde am 3. Jänner unterzeichnet.", "2023-02-01", [("am 3. Jänner", "2023-01-03")]),
    ("Die Wahl findet am 7. Sept. statt.", "2023-08-20", [("am 7. Sept.", "2023-09-07")]),
    # month (+ year)
    ("Zuletzt trafen sich Kim und Putin im April 2019 in Wladiwostok.", "2023-09", [("im April 2019", "2019-04")]),
    ("Im Juli lobte Putin zuletzt Nordkoreas Unterstützung.", "2023-09", [("Im Juli", "2023-07")]),
    ("Im Dezember hatte Pjöngjang neue Raketen getestet.", "2023-09", [("Im Dezember", "2022-12")]),
    ("Im Oktober soll der Gipfel stattfinden.", "2023-09", [("Im Oktober", "2023-10")]),
    ("Im Januar will die Regierung den Haushalt vorlegen.", "2023-12-05", [("Im Januar", "2024-01")]),
    ("Der Bericht wird in diesem Jahr am 27. April vorgestellt.", "2012-01-15",
     [("in diesem Jahr", "2012"), ("am 27. April", "2012-04-27")]),
    ("Die Zahl stieg im Juli vergangenen Jahres stark an.", "2023-09", [("im Juli vergangenen Jahres", "2022-07")]),
    ("Die Umfrage lief von Januar bis März 2010 in fünf Ländern.", "2011-06-01",
     [("von Januar", "2010-01"), ("bis März 2010", "2010-03")]),
    ("Die Wahlen finden im April und Juni statt.", "2012-03-23", [("im April", "2012-04"), ("Juni", "2012-06")]),
    # years
    ("1961 verpflichteten sich beide Staaten, sich gegenseitig zu unterstützen.", None, [("1961", "1961")]),
    ("Das erste Gipfeltreffen fand erst im Jahr 2000 statt.", "2023-09", [("im Jahr 2000", "2000")]),
    ("Russland hält die bereits 2014 annektierte Halbinsel Krim besetzt.", REF, [("2014", "2014")]),
    ("Obwohl Nordkorea seit 2017 mehrere Interkontinentalraketen abgefeuert hat, zweifeln Experten.", None,
     [("seit 2017", "2017")]),
    ("Das Land hat seit dem Koreakrieg 1953 keinen Krieg mehr geführt.", None, [("1953", "1953")]),
    ("Die Mission läuft von 2001 bis 2005.", REF, [("von 2001", "2001"), ("bis 2005", "2005")]),
    ("Um das Jahr 800 entstand die Siedlung.", REF, [("das Jahr 800", "0800")]),
    # decades and centuries
    ("Pjöngjang begann in den 80er Jahren, sich mit Seoul zu versöhnen.", "2023-09",
     [("in den 80er Jahren", "198")]),
    ("Die Wirtschaft ist seit Mitte der 80er Jahre schwach.", REF, [("Mitte der 80er Jahre", "198")]),
    ("Er wurde in den 1990er-Jahren bekannt.", REF, [("in den 1990er-Jahren", "199")]),
    ("Die Musik der achtziger Jahre erlebt ein Comeback.", REF, [("achtziger Jahre", "198")]),
    ("Die Beziehungen aus dem letzten Jahrhundert sind vergessen.", None, [("aus dem letzten Jahrhundert", "19")]),
    ("Die Kirche stammt aus dem 19. Jahrhundert.", REF, [("aus dem 19. Jahrhundert", "18")]),
    # weekdays
    ("Man habe einen Pakt unterzeichnet, verkündete Putin am Mittwoch.", None, [("am Mittwoch", "XXXX-XX-XX")]),
    ("Man habe einen Pakt unterzeichnet, verkündete Putin am Mittwoch.", "2023-09", [("am Mittwoch", "XXXX-XX-XX")]),
    ("Man habe einen Pakt unterzeichnet, verkündete Putin am Mittwoch.", REF, [("am Mittwoch", "2023-09-13")]),
    ("Kim war am Montag in Russland eingetroffen.", REF, [("am Montag", "2023-09-11")]),
    ("Der Zug erreichte die Grenze Montagabend.", REF, [("Montagabend", "2023-09-11")]),
    ("Die Delegation landete am Dienstagmorgen in Wladiwostok.", REF, [("am Dienstagmorgen", "2023-09-12")]),
    ("Am vergangenen Mittwoch griffen zwei Attentäter an.", REF, [("Am vergangenen Mittwoch", "2023-09-06")]),
    ("Am kommenden Freitag soll ein Film gezeigt werden.", REF, [("Am kommenden Freitag", "2023-09-15")]),
    ("Die Debatte dauerte bis in die Nacht; in der Nacht zum Dienstag fiel die Entscheidung.", REF,
     [("in der Nacht zum Dienstag", "2023-09-12")]),
    ("Am heutigen Samstag kam es zu Protesten.", "2005-05-14", [("Am heutigen Samstag", "2005-05-14")]),
    # relative days
    ("Kim war gestern in einem gepanzerten Zug in Russland eingetroffen.", REF, [("gestern", "2023-09-12")]),
    ("Peskow hatte vorgestern auf eine Frage geantwortet.", REF, [("vorgestern", "2023-09-11")]),
    ("Die Gespräche sollen morgen fortgesetzt werden.", REF, [("morgen", "2023-09-14")]),
    ("Das Parlament tagt übermorgen erneut.", REF, [("übermorgen", "2023-09-15")]),
    ("Heute beginnt in Oslo der Prozess.", REF, [("Heute", "2023-09-13")]),
    ("Die Polizei nahm gestern Abend zwei Männer fest.", REF, [("gestern Abend", "2023-09-12")]),
    ("Kim war gestern in Russland eingetroffen.", "2023-09", [("gestern", "XXXX-XX-XX")]),
    # relative weeks, months, years
    ("Die USA stellten vergangene Woche klar, dass jede Vereinbarung verboten sei.", REF,
     [("vergangene Woche", "2023-W36")]),
    ("Die USA stellten vergangene Woche klar, dass jede Vereinbarung verboten sei.", "2023-09",
     [("vergangene Woche", "XXXX-XX-XX")]),
    ("Die Verhandlungen werden letzte Woche im Oktober fortgesetzt.", REF, [("letzte Woche", "2023-W36"),
                                                                           ("im Oktober", "2023-10")]),
    ("Die Minister treffen sich nächste Woche in Brüssel.", REF, [("nächste Woche", "2023-W38")]),
    ("Der Preis war im vergangenen Monat um drei Prozent gestiegen.", REF, [("im vergangenen Monat", "2023-08")]),
    ("Die Zahl der Angriffe hat sich vorigen Monat verdoppelt.", REF, [("vorigen Monat", "2023-08")]),
    ("Nordkorea lieferte im vergangenen Jahr bereits Raketen.", "2023-09", [("im vergangenen Jahr", "2022")]),
    ("In einem UN-Bericht vom vergangenen Jahr ist die Rede davon.", "2023-09", [("vom vergangenen Jahr", "2022")]),
    ("Der Umsatz stieg im Vorjahr um fünf Prozent.", REF, [("im Vorjahr", "2022")]),
    ("Letztes Jahr war das anders.", REF, [("Letztes Jahr", "2022")]),
    ("Die Wasserstände sollen niedriger als letztes Jahr sein.", REF, [("letztes Jahr", "2022")]),
    ("Der Konzern wurde vor zwei Jahren verkauft.", REF, [("vor zwei Jahren", "2021")]),
    ("Der Unfall geschah vor drei Tagen auf der A7.", REF, [("vor drei Tagen", "2023-09-10")]),
    ("Moskau war seit der Gründung Nordkoreas vor 75 Jahren ein Verbündeter.", "2023-09",
     [("vor 75 Jahren", "1948")]),
    ("Der Bär war bereits vor zwei Wochen gesichtet worden.", REF, [("vor zwei Wochen", "2023-W35")]),
    # seasons
    ("Seit vergangenem Sommer sollen 10.000 Container geliefert worden sein.", None,
     [("Seit vergangenem Sommer", "XXXX-SU")]),
    ("Seit vergangenem Sommer sollen 10.000 Container geliefert worden sein.", "2024-06-19",
     [("Seit vergangenem Sommer", "2023-SU")]),
    ("Die Arbeiten sollen diesen Sommer beginnen.", "2023-05", [("diesen Sommer", "2023-SU")]),
    ("Die Wahl fand im Herbst 2022 statt.", REF, [("im Herbst 2022", "2022-FA")]),
    ("Bis zum Frühjahr 2006 bleibt er im Amt.", REF, [("Bis zum Frühjahr 2006", "2006-SP")]),
    # parts of periods
    ("Kim hatte Schoigu Ende Juli nach Pjöngjang eingeladen.", "2023-09", [("Ende Juli", "2023-07")]),
    ("Die Anlage soll Anfang 2024 in Betrieb gehen.", REF, [("Anfang 2024", "2024")]),
    ("Mitte September beginnt die Ernte.", "2023-09", [("Mitte September", "2023-09")]),
    ("Der Vertrag läuft Ende des Jahres aus.", REF, [("Ende des Jahres", "2023")]),
    ("Der Vertrag läuft Ende 2023 aus.", REF, [("Ende 2023", "2023")]),
    ("Die Truppen werden zum Jahresende abgezogen.", REF, [("zum Jahresende", "2023")]),
    # ranges
    ("In der Stadt findet vom 10. bis zum 13. September ein Wirtschaftsforum statt.", "2023-09",
     [("vom 10.", "2023-09-10"), ("bis zum 13. September", "2023-09-13")]),
    ("Das Treffen ist für den 24. und 25. September geplant.", "2009-07-10",
     [("24.", "2009-09-24"), ("25. September", "2009-09-25")]),
    # unresolvable parts stay X
    ("Das Forum beginnt am 11. September.", None, [("am 11. September", "XXXX-09-11")]),
    ("Im Juli lobte Putin Nordkorea.", None, [("Im Juli", "XXXX-07")]),
    ("Der Konzern wurde vor zwei Jahren verkauft.", None, [("vor zwei Jahren", "XXXX")]),
    # English agency caption
    ("Putin visits the Zvezda Shipbuilding Complex, Russia, Monday, Sept. 11, 2023. (AP)", None,
     [("Monday, Sept. 11, 2023", "2023-09-11")]),
    # a date with time keeps the date only
    ("Das Beben ereignete sich am 13.09.2023, 13:55 Uhr.", REF, [("am 13.09.2023", "2023-09-13")]),
]


@pytest.mark.parametrize("text,ref,expected", POSITIVE)
def test_positive(text, ref, expected):
    assert _pairs(text, ref) == expected


NEGATIVE = [
    "Wladiwostok liegt nur 80 Kilometer von der Grenze entfernt.",
    "Der Diplomat wollte 3000 Kilogramm Stahl für U-Boote beschaffen.",
    "Der Diplomat wollte 2000 Kilogramm Stahl beschaffen.",
    "Kim trifft sich wohl bald mit Putin.",
    "Die Sitzung endete um 13:55 Uhr.",
    "Russland verlegte 2.000 Soldaten an die Grenze.",
    "Russland verlegte 1500 Soldaten an die Grenze.",
    "Rund 1800 Menschen demonstrierten in der Hauptstadt.",
    "Das Land schickte 2000 weitere Soldaten.",
    "Die Truppe soll von derzeit 2000 auf rund 15.000 Soldaten wachsen.",
    "Zwischen 2000 und 2500 Soldaten wurden verlegt.",
    "Die Preise stiegen von 1800 auf 2000 Euro.",
    "Die Armee verteidigt sich derzeit gegen die Gegenoffensive.",
    "Zuletzt gab es Informationen über Probleme.",
    "Nordkorea versucht seit Jahren, ein Atomprogramm zu entwickeln.",
    "Kim soll in den kommenden Tagen nach Russland reisen.",
    "In den vergangenen Monaten war Pjöngjang wiederholt gescheitert.",
    "Bei seinem ersten Besuch in Nordkorea seit 24 Jahren beschwört Putin die Allianz.",
    "Seit dem Angriff auf die Ukraine ist Putin im Westen isoliert.",
    "Russland hält rund 20 Prozent des Nachbarlandes besetzt.",
    "Am Morgen kam er mit dem Zug am Bahnhof an.",
    "Die Mordwaffe ist bis heute nicht aufgetaucht.",
    "Die Obergrenze beträgt normal 1200,- € im Monat.",
    "Das regelt die UN-Sicherheitsratsresolution 1701 zur Stationierung.",
    "Seit vergangenem Jahrzehnt wächst die Wirtschaft.",
    "Der Abgeordnete Jan Freitag sagte, das sei falsch.",
    "Das Foto zeigt 1 von 13 Bildern der Parade.",
    "Der Kernel 2.6.32 wird nicht mehr gepflegt.",
    "Seit 2014 ist die Hwasong-2000 im Einsatz, sagt die Nummer 1989 der Liste.",
]


@pytest.mark.parametrize("text", NEGATIVE)
def test_negative(text):
    found = find_dates(text, REF)
    if text.startswith("Seit 2014"):
        assert [(m.text, m.value) for m in found] == [("Seit 2014", "2014")]
    else:
        assert found == []


# one expression of each rule of the table that the lists above leave out, read against REF (a Wednesday)
RULE_EXAMPLES = [
    ("Die Schulden sollen bis 2010 auf 121 Prozent steigen.", [("bis 2010", "2010")]),
    ("Heuer gab es weniger Regen.", [("Heuer", "2023")]),
    ("Am vergangenen Wochenende demonstrierten Tausende.", [("Am vergangenen Wochenende", "2023-W36-WE")]),
    ("Am Wochenende wird gewählt.", [("Am Wochenende", "2023-W37-WE")]),
    ("Zum Jahresende sinken die Preise.", [("Zum Jahresende", "2023")]),
    ("Er kam im Sommer des Vorjahres.", [("im Sommer des Vorjahres", "2022-SU")]),
    ("Vor drei Wochen begann der Streik.", [("Vor drei Wochen", "2023-W34")]),
    ("Im Winter wird es kalt.", [("Im Winter", "2023-WI")]),
]


@pytest.mark.parametrize("text,expected", RULE_EXAMPLES)
def test_rule_examples(text, expected):
    assert _pairs(text) == expected


def test_package_api_and_rule_table():
    assert sorted(dates.__all__) == ["find_article_date", "find_dates", "header_end"]
    fields = set(Patterns.__dataclass_fields__)
    names = [name for name, _ in RULES]
    assert set(names) <= fields and len(set(names)) == len(names)
    assert len({handler for _, handler in RULES}) == len(RULES)


def test_offsets_window_and_order():
    text = "Intro 1961. Am Montag (11. September) kam Kim. Gestern auch. Im Juli 2019 nicht."
    ms = find_dates(text, REF)
    assert [m.text for m in ms] == ["1961", "Am Montag (11. September)", "Gestern", "Im Juli 2019"]
    for m in ms:
        assert text[m.start:m.end] == m.text
    assert all(a.end <= b.start for a, b in zip(ms, ms[1:]))
    # only text[start:end] is scanned, offsets stay global
    window = find_dates(text, REF, start=12, end=46)
    assert [(m.start, m.text) for m in window] == [(12, "Am Montag (11. September)")]


def test_narrative_anchor_without_ref():
    text = "Am 5. Mai 2021 begann der Prozess. Am 7. Mai sagte der Zeuge aus. Gestern fiel das Urteil."
    assert _pairs(text, None) == [("Am 5. Mai 2021", "2021-05-05"), ("Am 7. Mai", "2021-05-07"),
                                  ("Gestern", "XXXX-XX-XX")]


def test_header_and_article_date():
    text = " date 2023-09 Putin und Kim treffen sich Stand: 13.09.2023 13:55 Uhr\n\nIm Juli lobte Putin Kim."
    assert header_end(text) == len(" date 2023-09 ")
    assert find_article_date(text) == "2023-09-13"
    ms = find_dates(text, find_article_date(text))
    assert [(m.text, m.value) for m in ms] == [("13.09.2023", "2023-09-13"), ("Im Juli", "2023-07")]
    only_header = " date 2023-09 Diktatoren unter sich\n\nKim reist nach Russland."
    assert find_article_date(only_header) == "2023-09"
    assert find_dates(only_header, "2023-09") == []
    assert header_end("Kein Kopf. 2019 war es anders.") == 0
    assert find_article_date("Berlin, 13. September 2023 – Die Regierung hat beschlossen ...") == "2023-09-13"
    assert find_article_date("Moskau (dpa) - Kim ist angekommen.") is None
    assert find_article_date(" date 2023-09-14 Titel\n\nText") == "2023-09-14"


def test_seed_files_header():
    seeds_dir = SEEDS.parent.parent / "seeds"
    if not seeds_dir.is_dir():
        pytest.skip(f"../shared/seeds not present: {seeds_dir}")
    for path in sorted(seeds_dir.glob("*.txt")):
        text = path.read_text(encoding="utf-8")
        if text.lstrip().startswith("date "):
            assert header_end(text) > 0
            assert re.fullmatch(r"\d{4}-\d{2}(-\d{2})?", find_article_date(text) or "")


# ---------------------------------------------------------------------------- seed F1 (like shared/eval/score.py)


def _norm(s):
    s = unicodedata.normalize("NFKC", s or "").casefold()
    s = s.replace("-", " ").replace("\u2011", " ")
    s = re.sub(r"[^\w\s]", " ", s)
    return s.split()


def _tok_f1(a, b):
    ca, cb = Counter(_norm(a)), Counter(_norm(b))
    common = sum((ca & cb).values())
    if not common:
        return 0.0
    p, r = common / sum(ca.values()), common / sum(cb.values())
    return 2 * p * r / (p + r)


def _greedy_pairs(preds, golds, threshold=0.5):
    cands = sorted(((_tok_f1(p[0], g["text"]), i, j) for i, p in enumerate(preds) for j, g in enumerate(golds)),
                   reverse=True)
    used_p, used_g, pairs = set(), set(), []
    for s, i, j in cands:
        if s < threshold:
            break
        if i in used_p or j in used_g:
            continue
        used_p.add(i)
        used_g.add(j)
        pairs.append((i, j))
    return pairs


def _f1(tp, n_pred, n_gold):
    p = tp / n_pred if n_pred else 0.0
    r = tp / n_gold if n_gold else 0.0
    return 2 * p * r / (p + r) if p + r else 0.0


def test_seed_f1():
    if not SEEDS.is_file():
        pytest.skip(f"../shared/eval not present: {SEEDS}")
    tp = n_pred = n_gold = val_ok = 0
    for line in SEEDS.read_text(encoding="utf-8").splitlines():
        if not line.strip():
            continue
        art = json.loads(line)
        preds = [(m.text, m.value) for m in find_dates(art["text"], art.get("doc_date"))]
        golds = art["dates"]
        pairs = _greedy_pairs(preds, golds)
        tp += len(pairs)
        n_pred += len(preds)
        n_gold += len(golds)
        val_ok += sum(1 for i, j in pairs if preds[i][1] == golds[j]["value"])
    extraction = _f1(tp, n_pred, n_gold)
    end_to_end = _f1(val_ok, n_pred, n_gold)
    assert extraction >= 0.85, (extraction, tp, n_pred, n_gold)
    assert end_to_end >= 0.85, (end_to_end, val_ok, n_pred, n_gold)
