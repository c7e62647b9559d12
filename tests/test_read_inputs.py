"""Stage 1 (pipeline.read), input in the forms people have (issue #12, part 4): encodings of .txt/.csv files,
.html pages, .csv tables, ids that stay unique, discovery, clear messages. Real files in tmp_path throughout."""
from __future__ import annotations

import csv
import io
import json
import os
import zipfile
from pathlib import Path

import pytest

from pipeline.read import (ReadError, decode_bytes, discover, read_csv, read_html, read_inputs, read_jsonl,
                           read_txt)
from pipeline.types import Article

QUOTE = "Müller sagte: „Das ist gut.“"
STREET = "Die Straße in München ist gesperrt."


class Warnings(list):
    """A ``warn`` callback that keeps the messages."""

    def __call__(self, message: str) -> None:
        self.append(message)


def _read_all(*inputs: Path) -> tuple[list, Warnings]:
    warnings = Warnings()
    return list(read_inputs(list(inputs), warn=warnings)), warnings


# ------------------------------------------------------------------------------------------------------ encodings

@pytest.mark.parametrize("text, data, encoding", [
    (QUOTE, QUOTE.encode("cp1252"), "cp1252"),
    (STREET, STREET.encode("latin-1"), "latin-1"),
    ("Das Ticket kostet 5 €, sagte Koštunica.", "Das Ticket kostet 5 €, sagte Koštunica.".encode("iso8859-15"),
     "iso8859-15"),
    ("Über Äpfel, Öl und die Straße in Köln.", "Über Äpfel, Öl und die Straße in Köln.".encode("cp850"), "cp850"),
    (QUOTE, QUOTE.encode("utf-16"), "utf-16"),                      # with byte order mark
    (QUOTE, QUOTE.encode("utf-16-le"), "utf-16-le"),                # without
    (QUOTE, QUOTE.encode("utf-16-be"), "utf-16-be"),
    (QUOTE, QUOTE.encode("utf-32"), "utf-32"),
    (QUOTE + "\r\n", b"\xef\xbb\xbf" + (QUOTE + "\r\n").encode("utf-8"), "utf-8-sig"),
    (QUOTE, QUOTE.encode("utf-8"), "utf-8"),
], ids=["cp1252", "latin-1", "iso8859-15", "cp850", "utf-16-bom", "utf-16-le", "utf-16-be", "utf-32-bom",
        "utf-8-bom", "utf-8"])
def test_txt_encodings_are_detected(tmp_path, text, data, encoding):
    path = tmp_path / "artikel.txt"
    path.write_bytes(data)
    warnings = Warnings()
    art = read_txt(path, warn=warnings)
    assert isinstance(art, Article), art
    assert (art.text, art.encoding, art.format, art.id) == (text, encoding, "txt", "artikel")
    if encoding.startswith("utf-8"):
        assert warnings == []
    else:
        assert len(warnings) == 1 and warnings[0].startswith(f"{path}: not UTF-8; read as {encoding}")


def test_a_longer_cp1252_article_is_not_taken_for_cp850(tmp_path):
    text = ("Bürgermeister Hans Müller sagte am Freitag: „Wir müssen mit dem Schlimmsten rechnen.“ – "
            "Die Straßen am Ufer wurden gesperrt, Anwohner räumten ihre Keller.\n") * 20
    path = tmp_path / "lang.txt"
    path.write_bytes(text.encode("cp1252"))
    art = read_txt(path)
    assert (art.text, art.encoding) == (text, "cp1252")


def test_read_inputs_passes_the_encoding_warning_on(tmp_path):
    seeds = tmp_path / "seeds"
    seeds.mkdir()
    (seeds / "x.txt").write_bytes(QUOTE.encode("cp1252"))
    (results, warnings) = _read_all(seeds)
    assert [r.text for r in results] == [QUOTE]
    assert warnings == [f"{seeds / 'x.txt'}: not UTF-8; read as cp1252"]


def _zip_bytes() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("word/document.xml", "<w:document>Text</w:document>")
    return buffer.getvalue()


@pytest.mark.parametrize("data, kind", [
    (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x10" + bytes(range(256)), "PNG image"),
    (_zip_bytes(), "ZIP archive"),
    (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n", "PDF document"),
    (bytes(range(256)) * 4, "NUL bytes"),                           # no known signature, NULs not like UTF-16
    (b"abc\x01\x02\x03\x04\x05\x06\x07\x08def" * 10, "control characters"),
], ids=["png", "zip", "pdf", "nul-bytes", "control-characters"])
def test_binary_files_are_errors(tmp_path, data, kind):
    path = tmp_path / "bild.txt"
    path.write_bytes(data)
    err = read_txt(path)
    assert isinstance(err, ReadError)
    assert err.message.startswith(f"{path}: ") and "is a binary file" in err.message and "not text" in err.message
    assert kind in err.message and err.id == "bild" and err.source == str(path)


def test_a_broken_byte_order_mark_is_named():
    with pytest.raises(ValueError, match="UTF-16 byte order mark but is not valid UTF-16"):
        decode_bytes(b"\xff\xfe" + "ab".encode("utf-16-le") + b"\x00\xdc")  # a lone low surrogate


# ---------------------------------------------------------------------------------------------- clear messages

@pytest.mark.parametrize("name, data, message", [
    ("leer.txt", b"", "the file is empty"),
    ("leer.txt", b" \n\t\r\n", "the file is empty (only whitespace)"),
    ("leer.txt", " \n \n".encode("utf-16"), "the file is empty (only whitespace)"),
    ("leer.jsonl", b"", "the file is empty"),
    ("leer.jsonl", b"\n   \n\n", "the file is empty"),
    ("leer.csv", b"", "the file is empty"),
    ("leer.csv", b"id;text\r\n", "no articles (only the header line)"),
    ("leer.html", b"  \n", "the file is empty (only whitespace)"),
    ("leer.html", b"<html><head><title>Nichts</title></head><body></body></html>",
     "no main text found in the HTML page"),
])
def test_empty_inputs_are_named_errors(tmp_path, name, data, message):
    path = tmp_path / name
    path.write_bytes(data)
    (results, _) = _read_all(path)
    assert len(results) == 1 and isinstance(results[0], ReadError)
    assert results[0].message == f"{path}: {message}"


@pytest.mark.parametrize("reader", [read_txt, read_html, lambda p: next(iter(read_jsonl(p))),
                                    lambda p: next(iter(read_csv(p)))], ids=["txt", "html", "jsonl", "csv"])
def test_a_file_that_cannot_be_opened_is_an_error(tmp_path, reader):
    path = tmp_path / "x.txt"  # a directory where a file was expected: open() fails like for chmod 000
    path.mkdir()
    err = reader(path)
    assert isinstance(err, ReadError) and err.message == f"{path}: cannot read file: Is a directory"


@pytest.mark.skipif(not hasattr(os, "geteuid") or os.geteuid() == 0,
                    reason="root reads files whatever their permissions (chmod 000 does not stop it)")
def test_a_file_without_read_permission_is_an_error(tmp_path):
    path = tmp_path / "geheim.txt"
    path.write_text("Geheim.", encoding="utf-8")
    path.chmod(0)
    try:
        (results, _) = _read_all(tmp_path)
    finally:
        path.chmod(0o644)
    assert [r.message for r in results] == [f"{path}: cannot read file: Permission denied"]


@pytest.mark.parametrize("line, message", [
    ('{"id": "a", "text": 42}', "line: article 'a': 'text' is a number, expected a string"),
    ('{"id": "a", "text": ["x"]}', "line: article 'a': 'text' is a list, expected a string"),
    ('{"id": "a", "text": true}', "line: article 'a': 'text' is a boolean, expected a string"),
    ('{"id": "a", "text": null}', "line: article 'a' has no 'text'"),
    ('{"id": "a", "text": "x"', "line: invalid JSON (Expecting ',' delimiter at column 24)"),
    ('{"text": "Ohne Kennung."}', "line: missing 'id'"),
    ('{"id": "  ", "text": "Leere Kennung."}', "line: missing 'id'"),
    ('{"id": ["a"], "text": "Liste."}', "line: 'id' is a list, expected a string"),
])
def test_jsonl_messages(tmp_path, line, message):
    path = tmp_path / "feed.jsonl"
    path.write_text('{"id": "ok", "text": "Gut."}\n' + line + "\n", encoding="utf-8")
    ok, err = read_jsonl(path)
    assert isinstance(ok, Article) and isinstance(err, ReadError)
    assert err.message == f"{path}:2: " + message.removeprefix("line: ")


@pytest.mark.parametrize("prefix, encoding", [(b"", "utf-8"), (b"\xef\xbb\xbf", "utf-8-sig")])
def test_jsonl_encoding_and_format(tmp_path, prefix, encoding):
    path = tmp_path / "feed.jsonl"
    path.write_bytes(prefix + b'{"id": 7, "text": "Gut eins."}\n{"id": "b", "text": "Gut zwei."}\n')
    arts = list(read_jsonl(path))
    assert [(a.id, a.encoding, a.format) for a in arts] == [("7", encoding, "jsonl"), ("b", encoding, "jsonl")]


def test_jsonl_stays_strict_utf8(tmp_path):
    path = tmp_path / "feed.jsonl"
    path.write_bytes(json.dumps({"id": "l", "text": STREET}, ensure_ascii=False).encode("cp1252") + b"\n")
    (err,) = read_jsonl(path)
    assert isinstance(err, ReadError) and err.message.startswith(f"{path}:1: not UTF-8 text")


# ------------------------------------------------------------------------------------------------------------ CSV

def test_csv_german_excel_export_with_quoted_newlines(tmp_path):
    path = tmp_path / "export.csv"
    rows = [
        "ID;Text;Date;Title;URL;Ressort",
        '1;"Müller sagte: „Das ist gut.“\nZweiter Absatz; mit Semikolon.";2024-05-17;Gut;https://example.de/1;Lokal',
        '2;Kurzer Text ohne Datum.;;;;',
        '',
        ';Text ohne Kennung.;;;;',
        '4;"   ";;;;',
        '5;Ein Text.;17.13.2024;;;',
        '6;"Drei\nZeilen\nText.";13.09.2023;;;',
    ]
    path.write_bytes("\r\n".join(rows).encode("cp1252") + b"\r\n")
    warnings = Warnings()
    results = list(read_csv(path, warn=warnings))
    assert warnings == [f"{path}: not UTF-8; read as cp1252"]
    assert [(type(r).__name__, r.id) for r in results] == [
        ("Article", "1"), ("Article", "2"), ("ReadError", "export:6"), ("ReadError", "4"), ("ReadError", "5"),
        ("Article", "6")]
    one, two, no_id, no_text, bad_date, six = results
    assert one.text == "Müller sagte: „Das ist gut.“\nZweiter Absatz; mit Semikolon."
    assert (one.date, one.title, one.url, one.source) == ("2024-05-17", "Gut", "https://example.de/1", f"{path}:2")
    assert (one.encoding, one.format) == ("cp1252", "csv")
    assert (two.text, two.date, two.title, two.source) == ("Kurzer Text ohne Datum.", None,
                                                           "Kurzer Text ohne Datum.", f"{path}:4")
    assert no_id.message == f"{path}:6: missing 'id'"
    assert no_text.message == f"{path}:7: article '4' has no 'text'"
    assert bad_date.message.startswith(f"{path}:8: article '5' has an invalid 'date' '17.13.2024'")
    assert (six.text, six.date, six.source) == ("Drei\nZeilen\nText.", "2023-09-13", f"{path}:9")


@pytest.mark.parametrize("delimiter, encoding", [
    (",", "utf-8-sig"),
    (";", "cp1252"),   # German Excel "CSV (Trennzeichen-getrennt)"
    ("\t", "utf-16"),  # Excel "Unicode-Text": UTF-16 with byte order mark, tab-separated
], ids=["comma", "semicolon", "tab"])
def test_csv_delimiter_is_sniffed(tmp_path, delimiter, encoding):
    path = tmp_path / "t.csv"
    cells = [["Text", "id", "DATE"], ["Eins, zwei; drei – „Zitat“.", "a", "2024-05-17T08:00:00"], ["Zwei.", "b", ""]]
    buffer = io.StringIO()
    csv.writer(buffer, delimiter=delimiter, lineterminator="\r\n").writerows(cells)
    path.write_bytes(buffer.getvalue().encode(encoding))
    results = list(read_csv(path))
    assert [(r.id, r.text, r.date, r.encoding) for r in results] == [
        ("a", "Eins, zwei; drei – „Zitat“.", "2024-05-17", encoding), ("b", "Zwei.", None, encoding)]
    assert [r.source for r in results] == [f"{path}:2", f"{path}:3"]


def test_csv_without_id_and_text_columns_is_one_error_naming_its_columns(tmp_path):
    path = tmp_path / "falsch.csv"
    path.write_text("Nummer;Inhalt;Datum\n1;Text;2024-05-17\n2;Mehr;2024-05-18\n", encoding="utf-8")
    (err,) = read_csv(path)
    assert isinstance(err, ReadError) and err.id == "falsch"
    assert err.message == (f"{path}: not an article table: the header line needs the columns 'id' and 'text', "
                           "it has ['Nummer', 'Inhalt', 'Datum']")


# ----------------------------------------------------------------------------------------------------------- HTML

NEWS_PAGE = """<!DOCTYPE html>
<html lang="de"><head><meta charset="{charset}">
<title>Bürgermeister warnt vor Hochwasser | Beispielzeitung</title>
<meta property="og:url" content="https://www.example.de/lokales/hochwasser-123.html">
<meta property="og:title" content="Bürgermeister warnt vor Hochwasser">
<meta name="date" content="2024-05-17T08:30:00+02:00">
</head><body>
<nav><ul><li><a href="/">Startseite</a></li><li><a href="/politik">Politik</a></li>
<li><a href="/sport">Sportnachrichten</a></li></ul></nav>
<header><div class="logo">Beispielzeitung Online</div></header>
<main><article>
<h1>Bürgermeister warnt vor Hochwasser</h1>
<p>Der Pegel der Elbe ist in der Nacht zum Freitag stark gestiegen. Bürgermeister Hans Müller sagte:
„Wir müssen mit dem Schlimmsten rechnen.“ Die Feuerwehr sei seit Stunden im Einsatz.</p>
<p>Nach Angaben des Deutschen Wetterdienstes soll es bis Sonntag weiter regnen. Anwohner in Ufernähe wurden
gebeten, ihre Keller zu räumen und Sandsäcke bereitzulegen.</p>
<p>„Die Lage ist ernst, aber unter Kontrolle“, erklärte eine Sprecherin der Stadt am Freitagmorgen.</p>
</article></main>
<footer><p>© 2024 Beispielzeitung GmbH · Impressum · Datenschutz · Kontakt</p></footer>
</body></html>
"""


@pytest.mark.parametrize("charset, encoding", [("utf-8", "utf-8"), ("windows-1252", "cp1252")])
def test_html_news_page(tmp_path, charset, encoding):
    path = tmp_path / "2024" / "05" / "hochwasser.html"
    path.parent.mkdir(parents=True)
    path.write_bytes(NEWS_PAGE.format(charset=charset).encode(encoding))
    (results, warnings) = _read_all(tmp_path)
    (art,) = results
    assert isinstance(art, Article), art
    assert (art.id, art.format, art.encoding, art.source) == ("2024/05/hochwasser", "html", encoding, str(path))
    assert "Bürgermeister Hans Müller sagte:" in art.text and "„Wir müssen mit dem Schlimmsten rechnen.“" in art.text
    assert "Sandsäcke bereitzulegen." in art.text and "erklärte eine Sprecherin der Stadt" in art.text
    for boilerplate in ("Startseite", "Sportnachrichten", "Impressum", "Beispielzeitung GmbH"):
        assert boilerplate not in art.text
    assert art.title == "Bürgermeister warnt vor Hochwasser"
    assert art.date == "2024-05-17"
    assert art.url == "https://www.example.de/lokales/hochwasser-123.html"
    start = art.text.index("Hans Müller")
    assert art.text[start:start + len("Hans Müller")] == "Hans Müller"  # offsets refer to the extracted text
    if encoding == "utf-8":
        assert warnings == []
    else:
        assert warnings == [f"{path}: not UTF-8; read as cp1252 (as its <meta charset> declares)"]


def test_html_without_date_meta_takes_no_copyright_year_for_the_date(tmp_path):
    page = NEWS_PAGE.replace('<meta name="date" content="2024-05-17T08:30:00+02:00">', "")
    path = tmp_path / "seite.htm"
    path.write_text(page.format(charset="utf-8"), encoding="utf-8")
    art = read_html(path)
    assert isinstance(art, Article) and art.id == "seite" and art.date is None


# ---------------------------------------------------------------------------------------------------- unique ids

def test_same_relative_name_in_two_input_directories_keeps_both(tmp_path):
    first, second = tmp_path / "eins", tmp_path / "zwei"
    for root, text in ((first, "Erster Text."), (second, "Zweiter Text.")):
        (root / "politik").mkdir(parents=True)
        (root / "politik" / "a.txt").write_text(text, encoding="utf-8")
    (results, warnings) = _read_all(first, second)
    assert [(r.id, r.text) for r in results] == [("politik/a", "Erster Text."), ("politik/a~2", "Zweiter Text.")]
    assert warnings == [f"{second / 'politik' / 'a.txt'}: article id 'politik/a' is already used by "
                        f"{first / 'politik' / 'a.txt'}; kept as 'politik/a~2'"]


def test_clashing_ids_in_one_folder_never_drop_an_article(tmp_path):
    (tmp_path / "a.txt").write_text("Text aus a.txt.", encoding="utf-8")
    (tmp_path / "a.html").write_text(NEWS_PAGE.format(charset="utf-8"), encoding="utf-8")
    (tmp_path / "a~2.txt").write_text("Eine Datei, die schon so heißt.", encoding="utf-8")
    (tmp_path / "feed.jsonl").write_text("".join(json.dumps({"id": i, "text": t}) + "\n" for i, t in [
        ("a", "Aus JSONL."), ("b", "Einmal."), ("b", "Zweimal."), ("b", "Dreimal.")]), encoding="utf-8")
    (results, warnings) = _read_all(tmp_path)
    assert all(isinstance(r, Article) for r in results)
    ids = {r.id: r for r in results}
    assert [r.id for r in results] == ["a", "a~2", "a~2~2", "a~3", "b", "b~2", "b~3"]
    assert ids["a"].format == "html" and ids["a~2"].text == "Text aus a.txt."
    assert ids["a~2~2"].text == "Eine Datei, die schon so heißt." and ids["a~3"].text == "Aus JSONL."
    assert [ids[i].text for i in ("b", "b~2", "b~3")] == ["Einmal.", "Zweimal.", "Dreimal."]
    assert len(warnings) == 5
    feed = tmp_path / "feed.jsonl"
    assert f"{feed}:3: article id 'b' is already used by {feed}:2; kept as 'b~2'" in warnings


def test_file_ids_relative_to_the_input_directory_or_the_stem(tmp_path, seeds_dir):
    deep = tmp_path / "in" / "2024" / "05"
    deep.mkdir(parents=True)
    (deep / "index.txt").write_text("Tief.", encoding="utf-8")
    single = tmp_path / "einzeln.txt"
    single.write_text("Allein.", encoding="utf-8")
    (results, warnings) = _read_all(tmp_path / "in", single)
    assert [r.id for r in results] == ["2024/05/index", "einzeln"] and warnings == []
    (seeds, _) = _read_all(seeds_dir)
    assert [r.id for r in seeds] == sorted(p.stem for p in seeds_dir.glob("*.txt"))


# ------------------------------------------------------------------------------------------------------ discovery

def test_discovery_finds_all_formats_and_skips_hidden_and_output_directories(tmp_path):
    for name in ("b.txt", "a.jsonl", "c.csv", "d.html", "e.HTM", "notes.md", ".hidden.txt", "~x.txt.bak", "~$c.csv",
                 "sub/f.txt", ".git/g.txt", "sub/.cache/h.txt", "outputs/articles.csv", "outputs/texts/i.txt"):
        path = tmp_path / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text("Text.", encoding="utf-8")
    (tmp_path / "outputs" / ".pipeline-cache").mkdir()
    found = list(discover([tmp_path]))
    assert found == [tmp_path / n for n in ("a.jsonl", "b.txt", "c.csv", "d.html", "e.HTM", "sub/f.txt")]


def test_an_output_directory_given_as_input_is_an_error(tmp_path):
    out = tmp_path / "outputs"
    (out / ".pipeline-cache").mkdir(parents=True)
    (out / "articles.csv").write_text("article_id,source\n", encoding="utf-8")
    (results, _) = _read_all(out)
    assert len(results) == 1 and isinstance(results[0], ReadError)
    assert results[0].message.startswith(f"{out}: an output directory of pipeline")


def test_a_file_reached_twice_is_read_once(tmp_path):
    (tmp_path / "a.txt").write_text("Einmal.", encoding="utf-8")
    (results, warnings) = _read_all(tmp_path, tmp_path / "a.txt", tmp_path)
    assert [r.id for r in results] == ["a"] and warnings == []


def test_a_lone_surrogate_in_jsonl_is_an_error_row_naming_the_line(tmp_path):
    from pipeline.read import ReadError, read_inputs

    path = tmp_path / "a.jsonl"
    path.write_text('{"id": "x", "text": "Hallo \\ud83d Welt"}\n{"id": "y", "text": "„Gut“, sagte Anna Berg."}\n',
                    encoding="utf-8")
    items = list(read_inputs([path]))
    assert isinstance(items[0], ReadError) and "a.jsonl:1" in items[0].message and "surrogate" in items[0].message
    assert items[1].id == "y"
