"""The name of an apposition group as plain text, for the speaker phrases no entity rule covered: the name after a
role phrase ("der Chef der Bundesagentur, Frank-Jürgen Weise") or before its apposition ("Olexandr Turtschynow, der
Stellvertreter von Timoschenko"), recognised by a known first name."""
from __future__ import annotations

from ..extract.mention_steps import first_name_led
from .coref import first_name_genders


def apposed_name(phrase: str) -> str:
    """The name after the last comma of a phrase when it is two to four capitalised words led by a known first
    name ("der Chef der Bundesagentur für Arbeit, Frank-Jürgen Weise" -> "Frank-Jürgen Weise"), else ""."""
    if ", " not in phrase:
        return ""
    words = phrase.rsplit(", ", 1)[1].strip(" ,").split()
    return " ".join(words) if first_name_led(words, first_name_genders()) else ""


def leading_name(phrase: str) -> str:
    """The name before the first comma of a phrase when it is two to four capitalised words led by a known first
    name ("Olexandr Turtschynow, der Stellvertreter von Timoschenko" -> "Olexandr Turtschynow"), else ""."""
    if ", " not in phrase:
        return ""
    words = phrase.split(", ", 1)[0].split()
    return " ".join(words) if first_name_led(words, first_name_genders()) else ""
