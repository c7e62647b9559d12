"""Issue #12: one `pipeline run` over a folder of hostile inputs (empty, binary, legacy encodings, UTF-16, a 5 MB
article, unbalanced quotation marks, formula-like titles and quotations, duplicate file names, an unreadable file,
broken JSONL lines, a German-Excel CSV with line breaks in cells, a saved HTML page).

Every bad input gets a message naming the file (and line) and the problem, on stderr and in the `status` of its
`articles.csv` row; every good one is extracted correctly (offsets into the decoded text); no table cell is ever
a formula. The run happens once (module-scoped fixture, the session's spaCy pipeline, one worker)."""
from __future__ import annotations

import csv
import json
import os
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from typer.testing import CliRunner

import pipeline.annotate
from pipeline.annotate import MAX_CHARS
from pipeline.cells import is_number_column, looks_like_formula
from pipeline.cli import app
from pipeline.write import TABLE_COLUMNS, WORKBOOK_NAME

CAN_CHMOD = hasattr(os, "geteuid") and os.geteuid() != 0  # root reads files whatever their permissions

# ------------------------------------------------------------------------------------------------ the inputs

CP1252 = ("Neue Brücke in Würzburg\n\n"
          "Die Stadt Würzburg eröffnet am Montag die neue Brücke über den Main. "
          "„Die Überfahrt kostet künftig 2 € für jedes Fahrzeug“, sagte Oberbürgermeister Jürgen Köhler. "
          "Die Bauarbeiten dauerten drei Jahre.\n")
LATIN1 = ("Straßenfest in München\n\n"
          "Das Straßenfest in München beginnt am Samstag. "
          "Die Veranstalter erwarten mehr als zehntausend Gäste, sagte die Sprecherin Grete Müller.\n")
UTF16_BOM = "Hochwasser in Passau\n\n„Die Lage an der Donau ist ernst“, sagte Landrat Peter Schäfer in Passau.\n"
UTF16_LE = "Streik in Köln\n\n„Wir legen die Arbeit nieder“, sagte die Gewerkschafterin Sabine Groß in Köln.\n"
UTF8_BOM = "Wahl in Dresden\n\n„Wir haben die Wahl gewonnen“, sagte der Kandidat Martin Schulze in Dresden.\n"
UNBALANCED = "Kanzlerin in Berlin\n\n„Wir schaffen das, sagte Merkel. Die Kanzlerin sprach am Montag in Berlin.\n"
FORMULA_TITLE = '=HYPERLINK("http://example.invalid";"klick")'
FORMULAS = (FORMULA_TITLE + "\n\n"
            "„=1+1 ist zwei“, sagte Müller. "
            "„-5 Grad sind zu kalt“, sagte die Meteorologin Anna Berg. "
            "„@alle: kommt“, rief der Trainer Hans Vogel. "
            "„+++ Eilmeldung +++“, schrieb die Redaktion.\n")
INDEX = {"05": "Wetter im Mai\n\n„Der Mai war warm“, sagte der Meteorologe Tim Krause in Hamburg.\n",
         "06": "Wetter im Juni\n\n„Der Juni war nass“, sagte die Meteorologin Eva Lang in Bremen.\n"}
BIG_SENTENCE = "Die Regierung in Berlin beschloss am Montag ein neues Gesetz, sagte der Sprecher Klaus Weber. "
BIG = "Riesiger Artikel\n\n" + BIG_SENTENCE * (5_000_000 // len(BIG_SENTENCE) + 1)
JSONL_GOOD = {"gut1": "„Die Preise steigen“, sagte der Ökonom Felix Braun in Frankfurt.",
              "gut2": "„Der Zug fällt aus“, sagte die Bahnsprecherin Lena Hoffmann in Stuttgart."}
JSONL_LINES = [
    json.dumps({"id": "gut1", "text": JSONL_GOOD["gut1"], "date": "2024-03-01"}, ensure_ascii=False),
    '{"id": "kaputt", "text": "unvollständig',  # line 2: the string never ends
    json.dumps({"id": "zahl", "text": 42}),  # line 3
    json.dumps({"text": "Ohne Kennung sagte Maria Roth etwas."}, ensure_ascii=False),  # line 4
    json.dumps({"id": "gut2", "text": JSONL_GOOD["gut2"]}, ensure_ascii=False),  # line 5
]
CSV_TEXTS = {"csv1": "Der Rat tagte am Dienstag.\n„Wir sparen beim Straßenbau“, sagte die Kämmerin Ute Schmitt.\n"
                     "Die Sitzung dauerte lang.",
             "csv2": 'Die Schule öffnet wieder.\n"Wir freuen uns", sagte der Rektor Paul Meier.'}
CSV_FORMULA_TITLE = "=SUMME(A1:A9)"
# as German Excel saves "CSV (Trennzeichen-getrennt)": cp1252, semicolons, CRLF between records, LF inside cells
CSV_TABLE = ("id;title;date;text\r\n"
             'csv1;Rathaus;13.09.2023;"' + CSV_TEXTS["csv1"] + '"\r\n'  # lines 2-4
             ';Ohne Kennung;;"Text ohne\nKennung"\r\n'  # lines 5-6: no id
             f'csv2;{CSV_FORMULA_TITLE};2023-09-14;"' + CSV_TEXTS["csv2"].replace('"', '""') + '"\r\n')  # 7-8
# a stray '"' opens a cell that never closes: without a check the rest of the file would be b2's text
STRAY_TEXT = "„Wir bleiben hier“, sagte der Wirt Uwe Ott in Ulm."
STRAY_QUOTE_CSV = f'id;text\na1;{STRAY_TEXT}\nb2;"Ein Zitat ohne Ende\nc3;Der Rest der Datei.\n'
HTML = """<!DOCTYPE html>
<html lang="de"><head><meta charset="utf-8">
<title>Neue Radwege in Leipzig | Stadtanzeiger</title>
<meta property="og:title" content="Neue Radwege in Leipzig">
<meta property="og:url" content="https://www.example.de/leipzig/radwege-42.html">
<meta name="date" content="2024-04-18">
</head><body>
<nav><ul><li><a href="/">Startseite</a></li><li><a href="/politik">Politik</a></li>
<li><a href="/sport">Sport</a></li></ul></nav>
<article>
<h1>Neue Radwege in Leipzig</h1>
<p>Die Stadt Leipzig baut in diesem Jahr zwölf Kilometer neue Radwege. Der Stadtrat hat den Plan am Mittwoch
beschlossen.</p>
<p>„Wir wollen, dass die Menschen sicher mit dem Rad zur Arbeit kommen“, sagte Baubürgermeister Thomas Dienberg
am Donnerstag.</p>
<p>Die Arbeiten sollen im Sommer beginnen und bis zum Herbst dauern. Die Kosten liegen bei rund vier Millionen
Euro.</p>
</article>
<footer><p>© 2024 Stadtanzeiger GmbH</p><a href="/impressum">Impressum</a> <a href="/datenschutz">Datenschutz</a>
</footer>
</body></html>
"""


@dataclass
class Run:
    result: object
    inputs: Path
    out: Path
    texts: dict = field(default_factory=dict)  # article id -> the text its offsets refer to

    @property
    def stderr(self) -> str:
        return self.result.stderr

    def table(self, name: str) -> list[dict]:
        with open(self.out / name, encoding="utf-8-sig", newline="") as fh:
            return list(csv.DictReader(fh))

    def articles(self) -> dict[str, dict]:
        return {r["article_id"]: r for r in self.table("articles.csv")}

    def quotes(self, article_id: str) -> list[dict]:
        return [q for q in self.table("quotes.csv") if q["article_id"] == article_id]


def _build(root: Path) -> dict[str, str]:
    """The hostile input folder; returns the decoded text of each good article by id."""
    (root / "leer.txt").write_bytes(b"")
    (root / "nur_leerraum.txt").write_bytes(b" \n\t\r\n   \n")
    (root / "bild.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x10" + bytes(range(256)))
    raw = CP1252.encode("cp1252")
    assert b"\x84" in raw and b"\x93" in raw and b"\x80" in raw  # „ “ € as cp1252 encodes them
    (root / "windows.txt").write_bytes(raw)
    (root / "latin.txt").write_bytes(LATIN1.encode("latin-1"))
    (root / "utf16_bom.txt").write_bytes(UTF16_BOM.encode("utf-16"))
    (root / "utf16le.txt").write_bytes(UTF16_LE.encode("utf-16-le"))
    (root / "utf8_bom.txt").write_bytes(UTF8_BOM.encode("utf-8-sig"))
    (root / "riesig.txt").write_text(BIG, encoding="utf-8", newline="")
    (root / "offen.txt").write_text(UNBALANCED, encoding="utf-8", newline="")
    (root / "formel.txt").write_text(FORMULAS, encoding="utf-8", newline="")
    for month, text in INDEX.items():
        (root / "2024" / month).mkdir(parents=True)
        (root / "2024" / month / "index.txt").write_text(text, encoding="utf-8", newline="")
    # unreadable: a link to nowhere (root can read anything chmod 000 protects); a directory named like an article
    # is a folder (searched, nothing in it), not an unreadable file
    (root / "tot.txt").symlink_to(root / "gibt-es-nicht.txt")
    (root / "ordner.txt").mkdir()
    if CAN_CHMOD:
        (root / "geheim.txt").write_text("Geheim.", encoding="utf-8")
        (root / "geheim.txt").chmod(0)
    (root / "meldungen.jsonl").write_text("\n".join(JSONL_LINES) + "\n", encoding="utf-8")
    (root / "tabelle.csv").write_bytes(CSV_TABLE.encode("cp1252"))
    (root / "zitat_offen.csv").write_text(STRAY_QUOTE_CSV, encoding="utf-8")
    (root / "doppel_bom.csv").write_bytes(b"\xef\xbb\xbf\xef\xbb\xbf\r\n")  # BOM added twice to an empty table
    (root / "nachricht.html").write_text(HTML, encoding="utf-8")
    return {"windows": CP1252, "latin": LATIN1, "utf16_bom": UTF16_BOM, "utf16le": UTF16_LE, "utf8_bom": UTF8_BOM,
            "offen": UNBALANCED, "formel": FORMULAS, "2024/05/index": INDEX["05"], "2024/06/index": INDEX["06"],
            **JSONL_GOOD, **CSV_TEXTS, "a1": STRAY_TEXT}


@pytest.fixture(scope="module")
def run(nlp, tmp_path_factory) -> Run:
    inputs = tmp_path_factory.mktemp("hostile")
    texts = _build(inputs)
    out = tmp_path_factory.mktemp("hostile_out") / "tables"
    try:
        with pytest.MonkeyPatch.context() as mp:
            mp.setattr(pipeline.annotate, "build_nlp", lambda model=None: nlp)
            result = CliRunner().invoke(app, ["run", str(inputs), "--output", str(out), "-j", "1", "--no-progress"],
                                        env={"COLUMNS": "120", "NO_COLOR": "1"})
    finally:
        if CAN_CHMOD:
            (inputs / "geheim.txt").chmod(0o644)
    run = Run(result, inputs, out, texts)
    html_text = (out / "texts" / "nachricht.txt").read_text(encoding="utf-8") \
        if (out / "texts" / "nachricht.txt").is_file() else ""
    run.texts["nachricht"] = html_text
    return run


# ---------------------------------------------------------------------------------------------- the run itself

def test_the_run_exits_0_and_counts_every_input(run):
    assert run.result.exception is None, run.result.exception
    assert run.result.exit_code == 0, run.result.output
    assert "Traceback" not in run.result.output
    rows = run.articles()
    ok = sorted(i for i, r in rows.items() if r["status"] == "ok")
    assert ok == sorted(run.texts)
    assert f"{len(ok)} of {len(rows)} articles processed with " in run.result.stdout
    assert not any(r["article_id"].startswith("ordner") for r in rows.values())  # a folder named x.txt: no article


# ------------------------------------------------------------------------------------------------ bad inputs

def _bad(inputs: Path) -> list[tuple[str, str]]:
    """(article id of the error row, message) of every input that cannot be an article."""
    cases = [
        ("leer", f"{inputs / 'leer.txt'}: the file is empty"),
        ("nur_leerraum", f"{inputs / 'nur_leerraum.txt'}: the file is empty (only whitespace)"),
        ("bild", f"{inputs / 'bild.txt'}: this is a binary file (a PNG image), not text"),
        ("tot", f"{inputs / 'tot.txt'}: cannot read file: No such file or directory"),
        ("meldungen:2", f"{inputs / 'meldungen.jsonl'}:2: invalid JSON (Unterminated string starting at column 26)"),
        ("zahl", f"{inputs / 'meldungen.jsonl'}:3: article 'zahl': 'text' is a number, expected a string"),
        ("meldungen:4", f"{inputs / 'meldungen.jsonl'}:4: missing 'id'"),
        ("tabelle:5", f"{inputs / 'tabelle.csv'}:5: missing 'id'"),  # line 5: the record after a 3-line one
        ("b2", f"{inputs / 'zitat_offen.csv'}:3: invalid CSV (a quoted cell starting in this record is never "
               "closed, so it would take in the rest of the file; a stray '\"'?)"),
        ("doppel_bom", f"{inputs / 'doppel_bom.csv'}: the file is empty (only whitespace)"),
    ]
    if CAN_CHMOD:
        cases.append(("geheim", f"{inputs / 'geheim.txt'}: cannot read file: Permission denied"))
    return cases


def test_every_bad_input_is_named_with_its_problem_on_stderr_and_in_its_status(run):
    rows = run.articles()
    bad = _bad(run.inputs)
    for article_id, message in bad:
        assert f"warning: {message}\n" in run.stderr, message
        assert rows[article_id]["status"] == f"error: {message}"
        assert rows[article_id]["n_quotes"] == "0" and not run.quotes(article_id)
    errors = {i for i, r in rows.items() if r["status"] != "ok"}
    assert errors == {i for i, _ in bad} | {"riesig"}


def test_an_article_over_the_length_limit_gets_a_clear_error_and_no_rows(run):
    path = run.inputs / "riesig.txt"
    assert len(BIG) > 5_000_000 > MAX_CHARS
    message = f"{path}: article 'riesig' is {len(BIG):,} characters long; the limit is {MAX_CHARS:,}"
    row = run.articles()["riesig"]
    assert row["status"] == f"error: {message}"
    assert row["title"] == "Riesiger Artikel"  # read fine; only annotating it is refused
    assert f"warning: {message}\n" in run.stderr  # the file and the problem, each said once
    assert not [e for e in run.table("entities.csv") if e["article_id"] == "riesig"]


# ---------------------------------------------------------------------------------------------- encodings

@pytest.mark.parametrize("article_id, encoding, warning", [
    ("windows", "cp1252", "not UTF-8; read as cp1252"),
    ("latin", "latin-1", "not UTF-8; read as latin-1"),
    ("utf16_bom", "utf-16", "not UTF-8; read as utf-16 (byte order mark)"),
    ("utf16le", "utf-16-le", "not UTF-8; read as utf-16-le"),
    ("utf8_bom", "utf-8-sig", None),
    ("2024/05/index", "utf-8", None),
])
def test_each_encoding_is_named_and_warned_about(run, article_id, encoding, warning):
    row = run.articles()[article_id]
    assert (row["status"], row["encoding"]) == ("ok", encoding)
    name = row["source"]
    if warning:
        assert f"warning: {name}: {warning}\n" in run.stderr
    else:
        assert f"{name}: not UTF-8" not in run.stderr
    assert row["title"] == run.texts[article_id].split("\n", 1)[0]  # decoded: umlauts intact, no BOM


def test_the_csv_table_in_cp1252_is_warned_about_once(run):
    assert run.stderr.count(f"warning: {run.inputs / 'tabelle.csv'}: not UTF-8; read as cp1252\n") == 1


@pytest.mark.parametrize("article_id, quote, speaker", [
    ("windows", "Die Überfahrt kostet künftig 2 € für jedes Fahrzeug", "Jürgen Köhler"),
    ("latin", "Die Veranstalter erwarten mehr als zehntausend Gäste", "Grete Müller"),
    ("utf16_bom", "Die Lage an der Donau ist ernst", "Peter Schäfer"),
    ("utf16le", "Wir legen die Arbeit nieder", "Sabine Groß"),
    ("utf8_bom", "Wir haben die Wahl gewonnen", "Martin Schulze"),
    ("gut1", "Die Preise steigen", "Felix Braun"),
    ("gut2", "Der Zug fällt aus", "Lena Hoffmann"),
    ("csv1", "Wir sparen beim Straßenbau", "Ute Schmitt"),
    ("csv2", "Wir freuen uns", "Paul Meier"),
    ("2024/05/index", "Der Mai war warm", "Tim Krause"),
    ("2024/06/index", "Der Juni war nass", "Eva Lang"),
    ("a1", "Wir bleiben hier", "Uwe Ott"),
])
def test_the_quotation_of_each_good_article_is_its_decoded_words(run, article_id, quote, speaker):
    quotes = run.quotes(article_id)
    assert [(q["quote"], q["speaker"]) for q in quotes] == [(quote, speaker)]
    text, q = run.texts[article_id], quotes[0]
    assert quote in text[int(q["quote_start"]):int(q["quote_end"])]
    assert text[int(q["speaker_start"]):int(q["speaker_end"])] == q["speaker_text"]
    assert speaker in q["speaker_text"]


def test_every_offset_of_every_good_article_points_into_its_text(run):
    entities = run.table("entities.csv")
    assert {e["article_id"] for e in entities} <= set(run.texts)
    for e in entities:
        assert run.texts[e["article_id"]][int(e["start"]):int(e["end"])] == e["text"], e
    persons = {(e["article_id"], e["text"]) for e in entities if e["type"] == "person"}
    assert {("windows", "Jürgen Köhler"), ("utf16le", "Sabine Groß"), ("latin", "Grete Müller")} <= persons
    places = {(e["article_id"], e["canonical"]) for e in entities if e["type"] == "place"}
    assert {("windows", "Würzburg"), ("utf16le", "Köln"), ("latin", "München")} <= places


# ------------------------------------------------------------------------------------------ JSONL, CSV, names

def test_good_jsonl_lines_and_csv_records_are_read_around_the_bad_ones(run):
    rows = run.articles()
    jsonl, table = run.inputs / "meldungen.jsonl", run.inputs / "tabelle.csv"
    assert (rows["gut1"]["source"], rows["gut1"]["date"]) == (f"{jsonl}:1", "2024-03-01")
    assert rows["gut2"]["source"] == f"{jsonl}:5"
    # sources name the line each record starts on: the line breaks inside cells are counted
    assert (rows["csv1"]["source"], rows["csv1"]["date"], rows["csv1"]["title"]) == (f"{table}:2", "2023-09-13",
                                                                                      "Rathaus")
    assert (rows["csv2"]["source"], rows["csv2"]["date"]) == (f"{table}:7", "2023-09-14")
    assert rows["csv2"]["title"] == "'" + CSV_FORMULA_TITLE
    assert (rows["csv1"]["encoding"], rows["gut1"]["encoding"]) == ("cp1252", "utf-8")
    assert rows["a1"]["source"] == f"{run.inputs / 'zitat_offen.csv'}:2"  # the record before the stray '"'
    assert "c3" not in rows  # swallowed by the unclosed cell: reported with b2, never read as b2's text


def test_files_with_the_same_name_in_two_folders_keep_distinct_ids(run):
    rows = run.articles()
    for month, title in (("05", "Wetter im Mai"), ("06", "Wetter im Juni")):
        row = rows[f"2024/{month}/index"]
        assert (row["status"], row["title"]) == ("ok", title)
        assert row["source"] == str(run.inputs / "2024" / month / "index.txt")
    assert not any("~" in i for i in rows)
    assert "is already used by" not in run.stderr


# -------------------------------------------------------------------------------------------------- HTML

def test_the_html_article_text_is_kept_and_its_offsets_point_into_it(run):
    row = run.articles()["nachricht"]
    assert row["status"] == "ok" and row["text_file"] == "texts/nachricht.txt"
    assert (row["title"], row["date"], row["url"]) == ("Neue Radwege in Leipzig", "2024-04-18",
                                                       "https://www.example.de/leipzig/radwege-42.html")
    text = (run.out / row["text_file"]).read_text(encoding="utf-8")
    assert "Die Stadt Leipzig baut in diesem Jahr zwölf Kilometer neue Radwege." in text
    for boilerplate in ("Startseite", "Impressum", "Datenschutz", "©"):
        assert boilerplate not in text
    [q] = run.quotes("nachricht")
    assert q["quote"] == "Wir wollen, dass die Menschen sicher mit dem Rad zur Arbeit kommen"
    assert text[int(q["quote_start"]):int(q["quote_end"])] == "„" + q["quote"] + "“"
    assert (q["speaker"], text[int(q["speaker_start"]):int(q["speaker_end"])]) == (
        "Thomas Dienberg", "Baubürgermeister Thomas Dienberg")
    dates = {e["canonical"] for e in run.table("entities.csv") if e["article_id"] == "nachricht"
             and e["type"] == "date"}
    assert {"2024-04-17", "2024-04-18"} <= dates  # "am Mittwoch", "am Donnerstag" against the page's date
    for other in ("windows", "gut1", "csv1"):
        assert run.articles()[other]["text_file"] == ""  # their offsets refer to the input itself


# ----------------------------------------------------------------------------------- unbalanced and formulas

def test_an_unbalanced_quotation_mark_does_not_stop_the_article(run):
    row = run.articles()["offen"]
    assert row["status"] == "ok"
    quotes = run.quotes("offen")
    assert quotes and any("Wir schaffen das" in q["quote"] and q["speaker"] == "Merkel" for q in quotes)
    for q in quotes:
        assert run.texts["offen"][int(q["quote_start"]):int(q["quote_end"])].strip()


def test_quotations_that_start_like_formulas_are_found_and_defused(run):
    row = run.articles()["formel"]
    assert row["status"] == "ok" and row["title"] == "'" + FORMULA_TITLE
    found = {q["quote"]: q for q in run.quotes("formel")}
    # "Müller" is the one full name ending in it in this corpus, "Grete Müller" of the article "latin" (issue #14)
    expected = {"=1+1 ist zwei": "Grete Müller", "-5 Grad sind zu kalt": "Anna Berg", "@alle: kommt": "Hans Vogel"}
    for content, speaker in expected.items():
        q = found["'" + content]  # the CSV cell starts with an apostrophe: a spreadsheet shows it as text
        assert q["speaker"] == speaker
        assert FORMULAS[int(q["quote_start"]):int(q["quote_end"])] == "„" + content + "“"
        assert q["article_title"] == "'" + FORMULA_TITLE


def test_no_cell_of_any_csv_table_is_a_formula(run):
    defused = 0
    for name, columns in TABLE_COLUMNS.items():
        with open(run.out / name, encoding="utf-8-sig", newline="") as fh:
            rows = list(csv.reader(fh))
        assert rows[0] == columns
        for row in rows[1:]:
            assert len(row) == len(columns), (name, row)
            for column, value in zip(columns, row):
                if is_number_column(column):
                    assert value == "" or float(value) == float(value), (name, column, value)
                else:
                    assert not looks_like_formula(value), (name, column, value)
                    defused += value.startswith("'") and looks_like_formula(value[1:])
    assert defused >= 8  # the formula title (x3 columns), the CSV title, the three formula quotes, ...


def test_no_cell_of_the_workbook_is_a_formula(run):
    openpyxl = pytest.importorskip("openpyxl")
    book = openpyxl.load_workbook(run.out / WORKBOOK_NAME)
    assert book.sheetnames == [n.removesuffix(".csv") for n in TABLE_COLUMNS]
    marked = set()
    for sheet in book.worksheets:
        for row in sheet.iter_rows():
            for cell in row:
                assert cell.data_type != "f", (sheet.title, cell.coordinate, cell.value)
                if isinstance(cell.value, str) and looks_like_formula(cell.value):
                    assert cell.quotePrefix, (sheet.title, cell.coordinate, cell.value)
                    marked.add(cell.value)
    # stored as the plain text (no apostrophe), marked "quote prefix"
    assert {FORMULA_TITLE, CSV_FORMULA_TITLE, "=1+1 ist zwei", "-5 Grad sind zu kalt", "@alle: kommt"} <= marked
