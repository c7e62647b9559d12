"""The spreadsheet path: formula-safe CSV in two dialects, the Excel workbook (read back with openpyxl and opened by
LibreOffice), the tables as DataFrames, and reruns that rewrite nothing when nothing changed."""
from __future__ import annotations

import csv
import shutil
import subprocess
from pathlib import Path

import pytest

import pipeline.workbook as workbook_module
from pipeline.types import Article, ArticleResult, EntityMention, Quotation, TextSpan
from pipeline.write import (NUMERIC, TABLE_COLUMNS, WORKBOOK_NAME, CsvStyle, looks_like_formula, render_rows,
                            write_tables)

openpyxl = pytest.importorskip("openpyxl")

HOSTILE_TITLE = '=HYPERLINK("http://example.invalid/x";"Klick")'


@pytest.mark.parametrize("text, formula", [
    ("=1+1", True), ("+49 30 1234", True), ("-2", True), ("@SUM(A1)", True), ("\tx", True), ("\rx", True),
    ("＝1+1", True), ("＋1", True), ("－1", True), ("＠x", True),
    ("Angela Merkel", False), ("„Wir schaffen das“", False), ("– so Merkel", False), ("0017", False), ("", False),
    (" =1", False),
])
def test_formula_like_texts(text, formula):
    assert looks_like_formula(text) is formula


@pytest.mark.parametrize("style, column, value, expected", [
    (CsvStyle(), "title", "=1+1", "'=1+1"),
    (CsvStyle(), "quote", "-Wir kommen", "'-Wir kommen"),
    (CsvStyle(), "speaker", "Angela Merkel", "Angela Merkel"),
    (CsvStyle(safe=False), "title", "=1+1", "=1+1"),
    (CsvStyle(), "longitude", -3.70379, "-3.70379"),  # numbers are never prefixed
    (CsvStyle(), "quote_start", 17, "17"),
    (CsvStyle(), "speaker_start", None, ""),
    (CsvStyle(), "confidence", 0.9, "0.90"),
    (CsvStyle.named("excel-de"), "confidence", 0.9, "0,90"),
    (CsvStyle.named("excel-de"), "latitude", 52.52437, "52,52437"),
    (CsvStyle.named("excel-de"), "article_id", "0017", "0017"),
    (CsvStyle.named("excel-de"), "date", "2023-09", "2023-09"),
])
def test_csv_cells(style, column, value, expected):
    assert style.cell(column, value) == expected


def test_unknown_dialect_is_refused():
    with pytest.raises(ValueError, match="excel-de"):
        CsvStyle.named("excel-fr")


def _hostile_result(article_id: str = "0017", quote_text: str = "-Wir schaffen das.") -> ArticleResult:
    text = f"Merkel sagte in Berlin: „{quote_text}“\n@Leser: +49 30 1234"
    start = text.index(quote_text)
    merkel = TextSpan(0, 6, "Merkel")
    quote = Quotation(kind="direct", content=(TextSpan(start, start + len(quote_text), quote_text),),
                      cue=TextSpan(7, 12, "sagte"), speaker_mention=merkel, speaker="Angela Merkel", confidence=0.9)
    ents = [EntityMention("person", 0, 6, "Merkel", "Angela Merkel"),
            EntityMention("place", text.index("Berlin"), text.index("Berlin") + 6, "Berlin", "Berlin"),
            EntityMention("organization", text.index("@Leser"), text.index("@Leser") + 6, "@Leser", "@Leser")]
    art = Article(id=article_id, text=text, source=f"in/{article_id}.txt", date="2023-09", title=HOSTILE_TITLE,
                  url="https://example.invalid/a?b=1", encoding="cp1252", format="txt")
    return ArticleResult(article=art, model="test 0", entities=ents, quotes=[quote],
                         sentences=[(0, text.index("\n")), (text.index("\n") + 1, len(text))])


def _csv(path: Path, sep: str = ",") -> list[dict]:
    with open(path, encoding="utf-8-sig", newline="") as fh:
        return list(csv.DictReader(fh, delimiter=sep))


def test_csv_tables_are_formula_safe_and_rows_stand_alone(tmp_path):
    write_tables([_hostile_result()], tmp_path)
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(list(TABLE_COLUMNS) + [WORKBOOK_NAME])
    (article,) = _csv(tmp_path / "articles.csv")
    assert article["title"] == "'" + HOSTILE_TITLE and article["article_id"] == "0017"
    assert (article["encoding"], article["n_organizations"]) == ("cp1252", "1")
    (quote,) = _csv(tmp_path / "quotes.csv")
    assert quote["quote"] == "'-Wir schaffen das."
    assert (quote["article_title"], quote["article_date"], quote["article_source"]) == (
        "'" + HOSTILE_TITLE, "2023-09", "https://example.invalid/a?b=1")
    for name in TABLE_COLUMNS:
        for row in _csv(tmp_path / name):
            for column, value in row.items():
                if column not in NUMERIC:
                    assert not looks_like_formula(value), (name, column, value)
    assert [r["name"] for r in _csv(tmp_path / "organizations.csv")] == ["'@Leser"]


def test_csv_raw_and_german_excel_dialect(tmp_path):
    write_tables([_hostile_result()], tmp_path / "raw", CsvStyle(safe=False), workbook=False)
    assert _csv(tmp_path / "raw" / "quotes.csv")[0]["quote"] == "-Wir schaffen das."
    assert not (tmp_path / "raw" / WORKBOOK_NAME).exists()
    write_tables([_hostile_result()], tmp_path / "de", CsvStyle.named("excel-de"), workbook=False)
    raw = (tmp_path / "de" / "quotes.csv").read_text(encoding="utf-8-sig")
    assert raw.startswith("article_id;quote_id;kind;quote;")
    (quote,) = _csv(tmp_path / "de" / "quotes.csv", sep=";")
    assert quote["confidence"] == "0,90" and quote["quote_start"] == "25"


def test_workbook_types_no_formulas_frozen_header_autofilter(tmp_path):
    write_tables([_hostile_result(), _hostile_result("2023-09-11", "=SUMME(A1:A9)")], tmp_path)
    book = openpyxl.load_workbook(tmp_path / WORKBOOK_NAME)
    assert book.sheetnames == [n.removesuffix(".csv") for n in TABLE_COLUMNS]
    quotes = book["quotes"]
    assert quotes.freeze_panes == "A2" and quotes.auto_filter.ref == "A1:U3"
    header = [c.value for c in quotes[1]]
    assert header == TABLE_COLUMNS["quotes.csv"]
    row = {h: c for h, c in zip(header, quotes[3])}
    assert row["article_id"].value == "2023-09-11" and row["article_id"].data_type == "s"  # an id stays text
    assert row["quote"].value == "=SUMME(A1:A9)" and row["quote"].data_type == "s"
    assert row["quote"].quotePrefix  # shown as text, and stays text when edited
    assert row["quote_start"].value == 25 and row["confidence"].value == pytest.approx(0.9)
    assert row["speaker_start"].value == 0 and row["article_date"].value == "2023-09"
    assert row["article_source"].hyperlink is None
    articles = book["articles"]
    assert [c.value for c in articles[2]][:2] == ["0017", "in/0017.txt"]
    for sheet in book.worksheets:
        for cells in sheet.iter_rows():
            for cell in cells:
                assert cell.data_type != "f", (sheet.title, cell.coordinate, cell.value)
    assert book["places"]["B2"].value == "Berlin" and book["places"]["H2"].data_type == "n"


def test_workbook_continues_on_a_next_sheet_and_cuts_long_cells(tmp_path, monkeypatch):
    monkeypatch.setattr(workbook_module, "MAX_ROWS", 3)  # header + 2 rows per sheet
    long_quote = "Wir schaffen das. " * 2000  # 36,000 characters
    results = [_hostile_result(f"a{n}", long_quote.strip() if n == 0 else "Ja.") for n in range(5)]
    write_tables(results, tmp_path)
    book = openpyxl.load_workbook(tmp_path / WORKBOOK_NAME)
    assert book.sheetnames[:6] == [n.removesuffix(".csv") for n in TABLE_COLUMNS]
    # 5 articles, 15 entity rows, 5 quotes at 2 rows a sheet; the continuation sheets follow the first six
    assert sorted(book.sheetnames[6:]) == sorted(["articles 2", "articles 3", "quotes 2", "quotes 3"]
                                                 + [f"entities {n}" for n in range(2, 9)])
    ids = [c.value for name in ("quotes", "quotes 2", "quotes 3") for c in book[name]["A"][1:]]
    assert ids == [f"a{n}" for n in range(5)]
    assert all(book[name]["A1"].value == "article_id" for name in ("quotes 2", "quotes 3"))
    cut = book["quotes"]["D2"].value
    assert len(cut) == workbook_module.MAX_CELL and cut.endswith(workbook_module.CUT_MARK)
    assert _csv(tmp_path / "quotes.csv")[0]["quote"] == long_quote.strip()  # the CSV keeps it whole


def test_tables_equal_their_workbook(tmp_path):
    results = [_hostile_result(), _hostile_result("b", "Ja.")]
    write_tables(results, tmp_path, CsvStyle(safe=False))
    book = openpyxl.load_workbook(tmp_path / WORKBOOK_NAME)
    for name in TABLE_COLUMNS:
        sheet = book[name.removesuffix(".csv")]
        from_book = [["" if c.value is None else c.value for c in row] for row in sheet.iter_rows(min_row=2)]
        from_csv = [list(r.values()) for r in _csv(tmp_path / name)]
        assert [[_as_text(v) for v in row] for row in from_book] == [[_norm(v) for v in row] for row in from_csv]


def _as_text(value) -> str:
    return f"{value:g}" if isinstance(value, float) else str(value)


def _norm(value: str) -> str:
    try:
        return f"{float(value):g}" if "." in value else value
    except ValueError:
        return value


# ------------------------------------------------------------------------------------- a real spreadsheet program

SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")
needs_libreoffice = pytest.mark.skipif(SOFFICE is None, reason="LibreOffice (Debian libreoffice-calc-nogui) is not "
                                                               "installed; .ci/run installs it")


def _soffice(tmp_path: Path, *args: str) -> None:
    profile = (tmp_path / "lo-profile").as_uri()
    subprocess.run([SOFFICE, "--headless", "--norestore", f"-env:UserInstallation={profile}", *args],
                   check=True, capture_output=True, timeout=120, cwd=tmp_path)


@needs_libreoffice
def test_libreoffice_reads_the_workbook_as_the_tables(tmp_path):
    out = tmp_path / "out"
    write_tables([_hostile_result(), _hostile_result("b", "=SUMME(A1:A9)")], out, CsvStyle(safe=False))
    # every sheet to a CSV file (filter token 12 = -1: all sheets), comma-separated, UTF-8, formulas as values
    _soffice(tmp_path, "--convert-to", "csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,false,false,false,-1",
             "--outdir", str(tmp_path / "lo"), str(out / WORKBOOK_NAME))
    for name in TABLE_COLUMNS:
        sheet_csv = tmp_path / "lo" / f"tables-{name.removesuffix('.csv')}.csv"
        with open(sheet_csv, encoding="utf-8", newline="") as fh:
            from_lo = list(csv.reader(fh))
        with open(out / name, encoding="utf-8-sig", newline="") as fh:
            from_csv = list(csv.reader(fh))
        assert [[_norm(v) for v in row] for row in from_lo] == [[_norm(v) for v in row] for row in from_csv], name


@needs_libreoffice
def test_libreoffice_opens_the_german_csv_with_numbers_and_text(tmp_path):
    out = tmp_path / "out"
    write_tables([_hostile_result()], out, CsvStyle.named("excel-de"), workbook=False)
    # as a German spreadsheet opens it: semicolons, UTF-8, German locale (1031: decimal comma)
    _soffice(tmp_path, "--infilter=Text - txt - csv (StarCalc):59,34,76,1,,1031", "--convert-to", "xlsx",
             "--outdir", str(tmp_path / "lo"), str(out / "quotes.csv"))
    sheet = openpyxl.load_workbook(tmp_path / "lo" / "quotes.xlsx").active
    header = [c.value for c in sheet[1]]
    assert header == TABLE_COLUMNS["quotes.csv"]  # one column per field, not all in column A
    row = {h: c.value for h, c in zip(header, sheet[2])}
    assert row["confidence"] == pytest.approx(0.9) and row["quote_start"] == 25  # numbers, not text
    assert row["quote"] == "'-Wir schaffen das." and row["speaker"] == "Angela Merkel"
    assert row["article_title"] == "'" + HOSTILE_TITLE  # text, never run as a formula


@needs_libreoffice
def test_libreoffice_reads_every_value_of_the_german_csv(tmp_path):
    """The excel-de quotes.csv imported as a spreadsheet user does for exact values (text columns as text, German
    locale): every cell equals the table's value, numbers as numbers."""
    out = tmp_path / "out"
    write_tables([_hostile_result(), _hostile_result("2023-09-11", "=SUMME(A1:A9)")], out,
                 CsvStyle.named("excel-de"), workbook=False)
    columns = TABLE_COLUMNS["quotes.csv"]
    formats = "/".join(f"{n}/{1 if c in NUMERIC or c in ('confidence',) else 2}" for n, c in enumerate(columns, 1))
    _soffice(tmp_path, f"--infilter=Text - txt - csv (StarCalc):59,34,76,1,{formats},1031", "--convert-to", "xlsx",
             "--outdir", str(tmp_path / "lo"), str(out / "quotes.csv"))
    sheet = openpyxl.load_workbook(tmp_path / "lo" / "quotes.xlsx").active
    from_lo = [[c.value for c in row] for row in sheet.iter_rows(min_row=2)]
    expected = _csv(out / "quotes.csv", sep=";")
    assert len(from_lo) == len(expected) == 2
    for got, want in zip(from_lo, expected):
        for column, value in zip(columns, got):
            if column == "confidence":
                assert value == pytest.approx(float(want[column].replace(",", "."))), column
            elif column in NUMERIC:
                assert value == (int(want[column]) if want[column] else None), column
            else:
                assert (value or "") == want[column], column


# ------------------------------------------------------------------------------------------- DataFrames, reruns

def test_rendered_rows_are_typed_cells():
    rows = render_rows(_hostile_result())
    (quote,) = rows.quotes
    assert quote[4:6] == [25, 43] and quote[15] == 0.9 and rows.n_quotes == 1 and rows.n_entities == 3


def test_dataframes_from_an_output_directory(tmp_path, seeds_dir):
    from typer.testing import CliRunner

    from pipeline.cli import app

    result = CliRunner().invoke(app, ["run", str(seeds_dir), "--output", str(tmp_path), "-j", "1",
                                      "--csv-dialect", "excel-de"])
    assert result.exit_code == 0, result.output
    import pipeline

    frames = pipeline.tables(tmp_path)
    assert set(frames) == {n.removesuffix(".csv") for n in TABLE_COLUMNS}
    quotes = frames["quotes"]
    assert str(quotes["quote_start"].dtype) == "Int64" and str(quotes["confidence"].dtype) == "Float64"
    assert str(quotes["speaker"].dtype).startswith("string")
    assert len(quotes) == len(_csv(tmp_path / "quotes.csv", sep=";"))
    assert (quotes["speaker"] == "Wladimir Putin").sum() >= 5
    places = frames["places"]
    assert places.loc[places["name"] == "Moskau", "country_code"].tolist() == ["RU"]
    # a rerun without changes rewrites nothing: same files, same modification times
    before = {p.name: p.stat().st_mtime_ns for p in tmp_path.glob("*.csv")}
    again = CliRunner().invoke(app, ["run", str(seeds_dir), "--output", str(tmp_path), "-j", "1",
                                     "--csv-dialect", "excel-de"])
    assert again.exit_code == 0 and "skipped (unchanged)" in again.output
    assert {p.name: p.stat().st_mtime_ns for p in tmp_path.glob("*.csv")} == before
    # another dialect (or a deleted table) rewrites them
    (tmp_path / "persons.csv").unlink()
    third = CliRunner().invoke(app, ["run", str(seeds_dir), "--output", str(tmp_path), "-j", "1"])
    assert third.exit_code == 0
    assert (tmp_path / "quotes.csv").read_text(encoding="utf-8-sig").startswith("article_id,quote_id,")
    assert (tmp_path / "persons.csv").is_file()


def test_dataframes_straight_from_texts(nlp):
    import pipeline

    frames = pipeline.analyze_texts(["„Wir werden das schaffen“, sagte Angela Merkel am Montag in Berlin."],
                                    dates=["2015-08-31"], nlp=nlp)
    (quote,) = frames["quotes"].itertuples()
    assert (quote.kind, quote.speaker, quote.quote) == ("direct", "Angela Merkel", "Wir werden das schaffen")
    dates = frames["entities"].query("type == 'date'")
    assert dates["canonical"].tolist() == ["2015-08-31"]
    assert frames["places"]["name"].tolist() == ["Berlin"]
    with pytest.raises(ValueError, match="one of each"):
        pipeline.analyze_texts(["a", "b"], dates=["2015-08-31"], nlp=nlp)


def test_tables_of_a_folder_without_results(tmp_path):
    import pipeline

    with pytest.raises(FileNotFoundError, match="no results"):
        pipeline.tables(tmp_path)
