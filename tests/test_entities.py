"""pipeline.extract.entities: photo credits, bylines and calendar words are not person/place mentions."""
from __future__ import annotations

import pytest

from pipeline.annotate import analyze
from pipeline.extract.entities import calendar_words, is_credit


@pytest.mark.parametrize("text, name, expected", [
    ("von Martin Gätke  (mg)\n\nPutins Krieg in der Ukraine", "Martin Gätke", True),     # byline line
    ("Von: Bona Hyun\n\nKim Jong Un traf Putin.", "Bona Hyun", True),
    ("Foto: Gavriil Grigorov / SPUTNIK / KREMLIN / EPAWährend seines Besuchs", "Gavriil Grigorov", True),
    ("bei einem Treffen im Jahr 2019. © Alexander Zemlianichenko/dpa\n\nPutin und Kim", "Alexander Zemlianichenko",
     True),
    ("Russia, Monday, Sept. 11, 2023. (Pavel Bednyakov, Sputnik, Kremlin Pool Photo via AP)\n", "Pavel Bednyakov",
     True),
    ("in der Nähe von Moskau erklärte. (Bona Hyun)", "Bona Hyun", True),                  # author after the text
    ("Das Treffen von Putin und Kim dauerte zwei Stunden.", "Putin", False),
    ("Unser Foto zeigt Putin (Mitte) am 11. September.", "Putin", False),
    ("Von Berlin aus reiste Merkel nach Paris, sagte sie am Montag in einer langen Rede.", "Merkel", False),
    ("Von Berlin nach Paris\n\nDie Reise dauerte lange.", "Berlin", False),              # a headline, not a byline
    ("Von Christoph Dernbach, dpa\n\nDer Chef räumt Fehler ein.", "Christoph Dernbach", True),
    ("Bild: Archiv. Dann sagte Merkel im Bundestag, sie werde kandidieren.", "Merkel", False),
])
def test_is_credit(text, name, expected):
    start = text.index(name)
    assert is_credit(text, start, start + len(name)) is expected


def test_calendar_words():
    words = calendar_words()
    assert {"Montag", "Monday", "Januar", "Sonnabend"} <= words
    assert "May" not in words  # English months are left out: "May" is also a surname


def test_credits_are_not_persons_in_the_output(nlp):
    text = ("Kremlchef Wladimir Putin hat am Mittwoch Nordkorea besucht.\n\nFoto: Gavriil Grigorov / EPA\n\n"
            "Putin sagte, man werde zusammenarbeiten.\n\nvon Martin Gätke  (mg)")
    result = analyze(text, date="2024-06-19", nlp=nlp)
    persons = {e.text for e in result.entities if e.type == "person"}
    assert "Wladimir Putin" in persons
    assert not {"Gavriil Grigorov", "Martin Gätke"} & persons, persons
