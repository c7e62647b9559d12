"""Build the first-name gender table of the coreference stage (pipeline/resources/first_name_genders_de.tsv).

    pip download gender-guesser==0.4.0 --no-deps -d /tmp/gg && unzip -q /tmp/gg/*.whl -d /tmp/gg/x
    python models/scripts/mine_name_genders.py /tmp/gg/x/gender_guesser/data/nam_dict.txt

Source: ``nam_dict.txt`` by Jörg Michael (2008, released under the GNU Free Documentation License 1.2), as shipped
in the PyPI package gender-guesser 0.4.0. Only the data file is read here, at build time; neither the package nor
its code is used by the pipeline. The output keeps, for each first name, one gender:

- ``m`` / ``f`` when every entry of the name is male (M, 1M, ?M) or every one female (F, 1F, ?F);
- when a name has male and female entries ("Andrea": male in Italy, female in Germany), the gender whose entry has
  the higher frequency in Germany, Austria or Switzerland (the file's frequency columns 13-15, a hex digit 1-D), and
  nothing when neither is used there or both equally;
- names marked ``?`` (unisex) are left out; ``+`` joins of double names are written with a hyphen and with a space.
"""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

OUT = Path(__file__).resolve().parents[2] / "pipeline" / "resources" / "first_name_genders_de.tsv"
_COLUMN0 = 30  # the frequency columns start here (one character per country)
_GERMAN_COLUMNS = (12, 13, 14)  # germany, austria, swiss in the file's country order
_SEX = {"M": "m", "1M": "m", "?M": "m", "F": "f", "1F": "f", "?F": "f"}

HEADER = """\
# First names and their gender, for the coreference stage (pipeline/resolve/coref.py): "sagte sie" after
# "Louisa Berg" finds her. Derived by models/scripts/mine_name_genders.py from nam_dict.txt by Jörg Michael (2008,
# GNU Free Documentation License 1.2; shipped in the PyPI package gender-guesser 0.4.0); see that script for the
# rules. Columns: name, gender (m / f).
name\tgender
"""


def _frequency(cells: str) -> int:
    """The highest German-speaking frequency of an entry (0 when it is not used there)."""
    best = 0
    for col in _GERMAN_COLUMNS:
        ch = cells[col] if col < len(cells) else " "
        if ch.strip():
            best = max(best, int(ch, 16) if ch in "0123456789ABCDEFabcdef" else 0)
    return best


def read_entries(path: Path) -> dict[str, dict[str, int]]:
    """name -> {gender: highest German-speaking frequency} over the file's entries."""
    entries: dict[str, dict[str, int]] = {}
    with open(path, encoding="utf-8", errors="replace") as fh:
        for line in fh:
            if not line.strip() or line[0] in "#=":
                continue
            parts = line.split()
            sex = _SEX.get(parts[0])
            if sex is None or len(parts) < 2:
                continue
            cells = line[_COLUMN0:].rstrip("\r\n")
            for name in {parts[1].replace("+", "-"), parts[1].replace("+", " ")}:
                genders = entries.setdefault(name, {})
                genders[sex] = max(genders.get(sex, -1), _frequency(cells))
    return entries


def decide(genders: dict[str, int]) -> str:
    """The one gender of a name, or '' when the file leaves it open."""
    if len(genders) == 1:
        return next(iter(genders))
    m, f = genders.get("m", 0), genders.get("f", 0)
    if m == f:
        return ""
    return "m" if m > f else "f"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("nam_dict", type=Path, help="nam_dict.txt of gender-guesser 0.4.0")
    parser.add_argument("--output", type=Path, default=OUT)
    args = parser.parse_args(argv)
    rows = []
    for name, genders in sorted(read_entries(args.nam_dict).items()):
        gender = decide(genders)
        if gender and name[:1].isupper() and len(name) > 1:
            rows.append(f"{name}\t{gender}\n")
    args.output.write_text(HEADER + "".join(rows), encoding="utf-8")
    print(f"{args.output}: {len(rows)} names", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
