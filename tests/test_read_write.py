"""Stage 1 (pipeline.read: .txt/.jsonl -> Article | ReadError) and stage 5 (pipeline.write: atomic CSV tables)."""
from __future__ import annotations

import csv
import json
import os
from pathlib import Path

import pytest

from pipeline.read import ReadError, discover, read_inputs, read_jsonl, read_txt
from pipeline.types import Article, ArticleResult, EntityMention, Quotation, TextSpan
from pipeline.write import TABLE_COLUMNS, WORKBOOK_NAME, write_csv_atomic, write_tables

BOM = b"\xef\xbb\xbf"
TABLES = TABLE_COLUMNS
FILES = sorted(list(TABLES) + [WORKBOOK_NAME])
SEED_WITH_HEADER = "000_1e42dc73f93e3bc0"  # " date 2023-09 …" header and a "Stand: 13.09.2023" line
SEED_WITHOUT_HEADER = "004_656e0d23086f9a17"


def _write_jsonl(path: Path, lines: list[str]) -> Path:
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


# ----------------------------------------------------------------------------------------------------- reading .txt

def test_txt_with_date_header(seeds_dir):
    path = seeds_dir / f"{SEED_WITH_HEADER}.txt"
    art = read_txt(path)
    assert isinstance(art, Article)
    assert art.id == SEED_WITH_HEADER
    assert art.source == str(path)
    assert art.text == path.read_text(encoding="utf-8")  # offsets point into the exact decoded file
    assert art.text.startswith(" date 2023-09 ")
    assert art.body_start == len(" date 2023-09 ")
    assert art.text[art.body_start:].startswith("Putin und Kim treffen sich")
    # the header says 2023-09, the "Stand: 13.09.2023" line makes it a day
    assert art.date == "2023-09-13"
    assert art.title.startswith("Putin und Kim treffen sich") and "date 2023" not in art.title
    assert "Stand:" not in art.title


def test_txt_with_only_the_month_header(tmp_path):
    path = tmp_path / "kurz.txt"
    path.write_text(" date 2023-09 Putin trifft Kim\n\nDer Kremlchef reiste nach Wladiwostok.\n", encoding="utf-8")
    art = read_txt(path)
    assert (art.id, art.date, art.body_start) == ("kurz", "2023-09", 14)
    assert art.title == "Putin trifft Kim"


def test_txt_without_header(seeds_dir):
    art = read_txt(seeds_dir / f"{SEED_WITHOUT_HEADER}.txt")
    assert isinstance(art, Article)
    assert art.body_start == 0
    assert art.title == "Deal zwischen Russland und Nordkorea: Putin und Kim vereinbaren ..."


def test_txt_with_utf8_bom_is_read_without_the_bom(tmp_path):
    path = tmp_path / "bom.txt"
    path.write_bytes(BOM + "„Wir kommen“, sagte Kim.".encode("utf-8"))
    art = read_txt(path)
    assert art.text == "„Wir kommen“, sagte Kim."


def test_txt_not_utf8_is_read_with_a_warning_naming_the_file_and_the_encoding(tmp_path):
    path = tmp_path / "latin1.txt"
    path.write_bytes("Die Straße in München ist gesperrt.".encode("latin-1"))
    warnings = []
    art = read_txt(path, warn=warnings.append)
    assert isinstance(art, Article) and art.id == "latin1" and art.source == str(path)
    assert art.text == "Die Straße in München ist gesperrt." and art.encoding == "latin-1"
    assert warnings == [f"{path}: not UTF-8; read as latin-1"]


@pytest.mark.parametrize("content", [b"", b"  \n\n\t\n"])
def test_txt_empty_is_an_error(tmp_path, content):
    path = tmp_path / "leer.txt"
    path.write_bytes(content)
    err = read_txt(path)
    assert isinstance(err, ReadError)
    assert str(path) in err.message and "empty" in err.message


# --------------------------------------------------------------------------------------------------- reading .jsonl

def test_jsonl_good_lines_survive_bad_ones(tmp_path):
    path = _write_jsonl(tmp_path / "feed.jsonl", [
        json.dumps({"id": "a1", "text": "„Wir kommen“, sagte Kim.", "date": "2023-09-13", "title": "Kim kommt",
                    "url": "https://example.org/a1"}, ensure_ascii=False),
        '{"id": "a2", "text": "kaputt"',                                         # invalid JSON
        json.dumps({"id": "a3", "title": "ohne Text"}),                          # no text
        json.dumps({"id": "a4", "text": "Putin reiste ab.", "date": "13.09.2023"}),  # bad date
        "",                                                                       # blank lines are skipped
        json.dumps({"id": "a6", "text": "Merkel sprach in Berlin.", "date": "2015-08"}),
        "[1, 2, 3]",                                                              # not an object
        json.dumps({"text": "ohne id"}),
        json.dumps({"id": "a9", "text": "   "}),                                 # blank text
    ])
    results = list(read_jsonl(path))
    articles = [r for r in results if isinstance(r, Article)]
    errors = [r for r in results if isinstance(r, ReadError)]
    assert [a.id for a in articles] == ["a1", "a6"]
    a1, a6 = articles
    assert (a1.text, a1.date, a1.title, a1.url) == ("„Wir kommen“, sagte Kim.", "2023-09-13", "Kim kommt",
                                                     "https://example.org/a1")
    assert a1.source == f"{path}:1"
    assert (a6.date, a6.source, a6.title) == ("2015-08", f"{path}:6", "Merkel sprach in Berlin.")
    by_line = {int(e.message.split(":", 1)[1].split(":", 1)[0]): e for e in errors}
    assert sorted(by_line) == [2, 3, 4, 7, 8, 9]
    for line, err in by_line.items():
        assert err.message.startswith(f"{path}:{line}: ")
        assert err.source == str(path)
    assert "invalid JSON" in by_line[2].message
    assert "'a3'" in by_line[3].message and "'text'" in by_line[3].message
    assert "'13.09.2023'" in by_line[4].message and "date" in by_line[4].message
    assert "JSON object" in by_line[7].message
    assert "'id'" in by_line[8].message
    assert "'a9'" in by_line[9].message and "'text'" in by_line[9].message


def test_jsonl_iso_timestamp_is_cut_to_the_date(tmp_path):
    path = _write_jsonl(tmp_path / "ts.jsonl", [json.dumps({"id": "t", "text": "Text.", "date": "2023-09-13T10:00:00Z"})])
    (art,) = read_jsonl(path)
    assert art.date == "2023-09-13"


def test_jsonl_header_line_in_text_sets_body_start(tmp_path):
    path = _write_jsonl(tmp_path / "h.jsonl", [json.dumps({"id": "h", "text": " date 2023-09 Kim reist ab."})])
    (art,) = read_jsonl(path)
    assert (art.date, art.body_start, art.title) == ("2023-09", 14, "Kim reist ab.")


def test_jsonl_impossible_date_is_an_error(tmp_path):
    path = _write_jsonl(tmp_path / "d.jsonl", [json.dumps({"id": "d", "text": "Kim reist ab.", "date": "2023-13-45"})])
    (result,) = read_jsonl(path)
    assert isinstance(result, ReadError)


def test_jsonl_invalid_utf8_line_does_not_lose_the_other_lines(tmp_path):
    path = tmp_path / "mixed.jsonl"
    path.write_bytes(b'{"id": "g1", "text": "Gut eins."}\n'
                     b'{"id": "b2", "text": "caf\xe9"}\n'
                     b'{"id": "g3", "text": "Gut drei."}\n')
    results = list(read_jsonl(path))
    assert [r.id for r in results if isinstance(r, Article)] == ["g1", "g3"]
    errors = [r for r in results if isinstance(r, ReadError)]
    assert len(errors) == 1 and errors[0].message.startswith(f"{path}:2")


def test_jsonl_invalid_utf8_is_reported_with_the_file(tmp_path):
    path = tmp_path / "latin.jsonl"
    path.write_bytes('{"id": "l1", "text": "Straße"}\n'.encode("latin-1"))
    results = list(read_jsonl(path))
    assert len(results) == 1 and isinstance(results[0], ReadError)
    assert str(path) in results[0].message and "UTF-8" in results[0].message


def test_jsonl_with_utf8_bom(tmp_path):
    path = tmp_path / "bom.jsonl"
    path.write_bytes(BOM + b'{"id": "b1", "text": "Gut eins."}\n{"id": "b2", "text": "Gut zwei."}\n')
    assert [r.id for r in read_jsonl(path) if isinstance(r, Article)] == ["b1", "b2"]


# -------------------------------------------------------------------------------------- discovery and read_inputs

def test_duplicate_ids_across_and_within_files_keep_every_article(tmp_path):
    (tmp_path / "a1.txt").write_text("Kim reist ab.", encoding="utf-8")
    _write_jsonl(tmp_path / "feed.jsonl", [
        json.dumps({"id": "a1", "text": "Doppelt aus JSONL."}),
        json.dumps({"id": "b", "text": "Einmal."}),
        json.dumps({"id": "b", "text": "Zweimal."}),
    ])
    warnings = []
    results = list(read_inputs([tmp_path], warn=warnings.append))
    assert [(type(r).__name__, r.id, r.text) for r in results] == [
        ("Article", "a1", "Kim reist ab."), ("Article", "a1~2", "Doppelt aus JSONL."), ("Article", "b", "Einmal."),
        ("Article", "b~2", "Zweimal.")]
    feed = tmp_path / "feed.jsonl"
    assert warnings == [f"{feed}:1: article id 'a1' is already used by {tmp_path / 'a1.txt'}; kept as 'a1~2'",
                        f"{feed}:3: article id 'b' is already used by {feed}:2; kept as 'b~2'"]


def test_directory_discovery_is_recursive_sorted_and_filters_suffixes(tmp_path):
    (tmp_path / "b.txt").write_text("B", encoding="utf-8")
    (tmp_path / "a.jsonl").write_text("", encoding="utf-8")
    (tmp_path / "notes.md").write_text("nein", encoding="utf-8")
    (tmp_path / "data.csv").write_text("id,text\n", encoding="utf-8")
    (tmp_path / ".hidden.txt").write_text("nein", encoding="utf-8")
    deep = tmp_path / "x" / "y"
    deep.mkdir(parents=True)
    (deep / "c.TXT").write_text("C", encoding="utf-8")
    (deep / "d.txt.bak").write_text("nein", encoding="utf-8")
    found = list(discover([tmp_path]))
    assert found == [tmp_path / "a.jsonl", tmp_path / "b.txt", tmp_path / "data.csv", deep / "c.TXT"]


def test_explicit_unsupported_and_missing_paths_are_errors(tmp_path):
    md = tmp_path / "notes.md"
    md.write_text("Kein Artikel", encoding="utf-8")
    good = tmp_path / "gut.txt"
    good.write_text("Kim reist ab.", encoding="utf-8")
    missing = tmp_path / "fehlt.txt"
    results = list(read_inputs([md, good, missing]))
    assert [type(r).__name__ for r in results] == ["ReadError", "Article", "ReadError"]
    assert results[0].message.startswith(f"{md}: unsupported file type '.md'")
    assert results[1].id == "gut"
    assert results[2].message == f"{missing}: no such file or directory"


def test_seed_directory_reads_five_articles(seeds_dir):
    results = list(read_inputs([seeds_dir]))
    assert len(results) == 5 and all(isinstance(r, Article) for r in results)
    assert [r.id for r in results] == sorted(p.stem for p in seeds_dir.glob("*.txt"))


# ---------------------------------------------------------------------------------------------------------- writing

@pytest.fixture(scope="module")
def seed_results(nlp, seeds_dir):
    from pipeline.annotate import process_articles

    arts = [read_txt(seeds_dir / f"{SEED_WITH_HEADER}.txt"), read_txt(seeds_dir / f"{SEED_WITHOUT_HEADER}.txt")]
    results = list(process_articles(nlp, arts))
    assert [r.status for r in results] == ["ok", "ok"]
    return results


def _read_csv(path: Path) -> tuple[list[str], list[dict]]:
    with open(path, encoding="utf-8-sig", newline="") as fh:
        reader = csv.DictReader(fh)
        return list(reader.fieldnames or []), list(reader)


def test_write_tables_headers_bom_and_counts(seed_results, tmp_path):
    counts = write_tables(seed_results, tmp_path)
    assert set(counts) == set(TABLES)
    assert sorted(p.name for p in tmp_path.iterdir()) == FILES  # no temp files left
    for name, columns in TABLES.items():
        raw = (tmp_path / name).read_bytes()
        assert raw.startswith(BOM), name
        assert raw[len(BOM):].split(b"\r\n", 1)[0].decode("utf-8") == ",".join(columns), name
        header, rows = _read_csv(tmp_path / name)
        assert header == columns
        assert len(rows) == counts[name], name
    n_quotes = sum(len(r.quotes) for r in seed_results)
    n_entities = sum(len(r.entities) + len(r.dates) for r in seed_results)
    assert n_quotes > 0 and counts["quotes.csv"] == n_quotes
    assert counts["entities.csv"] == n_entities
    assert counts["articles.csv"] == 2


def test_written_rows_point_into_the_article_text(seed_results, tmp_path):
    write_tables(seed_results, tmp_path)
    texts = {r.article.id: r.article.text for r in seed_results}

    _, articles = _read_csv(tmp_path / "articles.csv")
    assert [(a["article_id"], a["status"]) for a in articles] == [(SEED_WITH_HEADER, "ok"),
                                                                   (SEED_WITHOUT_HEADER, "ok")]
    assert articles[0]["date"] == "2023-09-13"
    assert all(int(a["n_quotes"]) > 0 and int(a["n_persons"]) > 0 for a in articles)

    _, entities = _read_csv(tmp_path / "entities.csv")
    assert {e["type"] for e in entities} == {"person", "place", "organization", "date"}
    for e in entities:
        start, end = int(e["start"]), int(e["end"])
        assert texts[e["article_id"]][start:end] == e["text"], e
        assert e["canonical"]
    persons = {e["canonical"] for e in entities if e["type"] == "person"}
    assert "Wladimir Putin" in persons

    _, quotes = _read_csv(tmp_path / "quotes.csv")
    ids = [q["quote_id"] for q in quotes]
    assert len(ids) == len(set(ids))
    assert {q["kind"] for q in quotes} <= {"direct", "indirect", "mixed"}
    for q in quotes:
        text = texts[q["article_id"]]
        start, end = int(q["quote_start"]), int(q["quote_end"])
        first_part = q["quote"].split(" […] ")[0]
        # the offsets cover the quotation as it stands in the text: a direct one with its quotation marks
        if q["kind"] == "direct":
            assert text[start] in "„“»«‚‹›\"'" and text[end - 1] in "“”«»‘’›‹\"'", (text[start:end], q)
        assert " ".join(text[start:end].lstrip("„“»«‚‹›\"'").split()).startswith(first_part), q
        if q["speaker_text"]:
            assert " ".join(text[int(q["speaker_start"]):int(q["speaker_end"])].split()) == q["speaker_text"]
        if q["cue"]:
            assert text[int(q["cue_start"]):int(q["cue_end"])] == q["cue"]
        assert 0.0 < float(q["confidence"]) <= 1.0

    _, person_rows = _read_csv(tmp_path / "persons.csv")
    assert sum(int(p["mentions"]) for p in person_rows) == sum(e["type"] == "person" for e in entities)


def _toy_result() -> ArticleResult:
    text = "„Wir“, sagte Merkel in Berlin, „schaffen das.“\nDanach, fuhr sie, ging es weiter."
    art = Article(id="toy", text=text, source="toy.txt", date="2015-08-31", title="Titel, mit Komma")
    wir = TextSpan(1, 4, "Wir")
    rest = TextSpan(text.index("schaffen"), text.index("“", text.index("schaffen")), "schaffen das.")
    merkel = TextSpan(text.index("Merkel"), text.index("Merkel") + 6, "Merkel")
    quote = Quotation(kind="direct", content=(rest, wir), cue=TextSpan(7, 12, "sagte"), speaker_mention=merkel,
                      speaker="Angela Merkel", confidence=0.9)
    ents = [EntityMention("person", merkel.start, merkel.end, "Merkel", "Angela Merkel"),
            EntityMention("place", text.index("Berlin"), text.index("Berlin") + 6, "Berlin", "Berlin")]
    newline = text.index("\n")
    return ArticleResult(article=art, model="test 0", entities=ents, quotes=[quote],
                         sentences=[(0, newline), (newline + 1, len(text))])


def test_interrupted_quote_is_one_row_joined(tmp_path):
    write_tables([_toy_result()], tmp_path)
    _, (row,) = _read_csv(tmp_path / "quotes.csv")
    text = _toy_result().article.text
    assert row["quote"] == "Wir […] schaffen das."
    assert (int(row["quote_start"]), int(row["quote_end"])) == (1, text.index("“", 5))
    assert row["quote_id"] == "toy-q001"
    assert (row["speaker"], row["speaker_text"], row["cue"], row["confidence"]) == ("Angela Merkel", "Merkel",
                                                                                      "sagte", "0.90")
    assert row["sentence"] == text.split("\n")[0]
    _, arts = _read_csv(tmp_path / "articles.csv")
    assert arts[0]["title"] == "Titel, mit Komma" and arts[0]["n_persons"] == "1" and arts[0]["n_places"] == "1"


def test_write_csv_atomic_keeps_old_file_on_failure(tmp_path):
    path = tmp_path / "quotes.csv"
    old = BOM + b"article_id\r\nalt\r\n"
    path.write_bytes(old)

    def rows():
        yield {"article_id": "neu-1"}
        yield {"article_id": "neu-2"}
        raise RuntimeError("Absturz beim Schreiben")

    with pytest.raises(RuntimeError, match="Absturz"):
        write_csv_atomic(path, ["article_id"], rows())
    assert path.read_bytes() == old
    assert os.listdir(tmp_path) == ["quotes.csv"]


def test_write_csv_atomic_replaces_on_success(tmp_path):
    path = tmp_path / "sub" / "t.csv"
    assert write_csv_atomic(path, ["a", "b"], [{"a": "x", "b": "Zeile\nzwei"}, {"a": "„y“", "b": "", "c": 1}]) == 2
    assert write_csv_atomic(path, ["a", "b"], [{"a": "z", "b": "1"}]) == 1
    assert path.read_bytes() == BOM + b"a,b\r\nz,1\r\n"
    assert os.listdir(path.parent) == ["t.csv"]


def test_write_tables_failure_leaves_that_table_untouched(tmp_path):
    good = _toy_result()
    write_tables([good], tmp_path)
    before = (tmp_path / "quotes.csv").read_bytes()
    broken = ArticleResult(article=Article(id="kaputt", text="x", source="k.txt"),
                           quotes=[Quotation(kind="direct", content=())])  # no content: quote_rows fails
    with pytest.raises((ValueError, IndexError)):
        write_tables([good, broken], tmp_path)
    assert (tmp_path / "quotes.csv").read_bytes() == before
    assert sorted(os.listdir(tmp_path)) == FILES
