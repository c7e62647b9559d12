"""What a table cell is: the columns that hold numbers, and the texts a spreadsheet would run as a formula.

Shared by the CSV writer (:mod:`pipeline.write`), the workbook (:mod:`pipeline.workbook`) and the DataFrame API
(:mod:`pipeline.frames`). Every column not listed here holds text.
"""
from __future__ import annotations

# integer columns (empty where there is no value, e.g. speaker_start of a quotation without a speaker mention)
NUMERIC = frozenset({"n_persons", "n_places", "n_organizations", "n_dates", "n_quotes", "start", "end",
                     "quote_start", "quote_end", "speaker_start", "speaker_end", "cue_start", "cue_end",
                     "mentions", "name_mentions", "articles"})
DECIMAL = frozenset({"confidence", "latitude", "longitude"})
FIXED2 = frozenset({"confidence"})  # written with two decimals in the CSV files ("0.90")

# A cell starting with one of these is run as a formula by Excel/LibreOffice (OWASP "CSV injection": = + - @, tab,
# carriage return); the full-width forms (＝ ＋ － ＠) are read as their ASCII forms by some spreadsheet programs.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r", "\uff1d", "\uff0b", "\uff0d", "\uff20")


def looks_like_formula(value: str) -> bool:
    return value.startswith(FORMULA_STARTS)


def is_number_column(column: str) -> bool:
    return column in NUMERIC or column in DECIMAL
