"""Incremental, parallel, streaming runs (pipeline.batch, pipeline.store, pipeline.write.TableWriter).

Reruns annotate only new and changed articles and give the same tables as a clean run; --force, --keep-missing;
a rerun without changes never loads the model; results are losslessly stored; --workers 2 == --workers 1.
"""
from __future__ import annotations

import csv
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

import pipeline.annotate
import pipeline.batch
from pipeline.cli import app
from pipeline.store import (CACHE_DIRNAME, ResultStore, StoreBusy, chosen_model_name, decode_result, encode_result,
                            model_identity)
import pipeline.store as store_module
from pipeline.types import Article, ArticleResult, EntityMention, Method, Quotation, TextSpan
from pipeline.write import entity_id, name_rows, table_row_renderer, write_tables

TABLES = ["articles.csv", "entities.csv", "quotes.csv", "persons.csv", "places.csv", "organizations.csv",
          "tables.xlsx"]

ARTICLES = {
    "a_merkel": " date 2015-08-31 Merkel in Berlin\n\n„Wir schaffen das“, sagte Bundeskanzlerin Angela Merkel am "
                "Montag in Berlin. Innenminister Thomas de Maizière sagte, die Lage sei ernst.\n",
    "b_putin": " date 2023-09-13 Putin trifft Kim\n\nKremlchef Wladimir Putin empfing Kim Jong Un am Mittwoch in "
               "Wostotschny. „Wir werden helfen“, sagte Putin. Kim sagte, Russland kämpfe einen heiligen Kampf.\n",
    "c_scholz": " date 2023-03-02 Scholz in Washington\n\nBundeskanzler Olaf Scholz reiste am Donnerstag nach "
                "Washington. „Die Ukraine kann sich auf uns verlassen“, sagte Scholz dem Sender CNN.\n",
}
NEW_ARTICLE = ("d_macron", " date 2022-05-09 Macron in Straßburg\n\nFrankreichs Präsident Emmanuel Macron sprach am "
                           "Montag in Straßburg. „Europa muss stärker werden“, sagte Macron.\n")


# ------------------------------------------------------------------------------------------------------ helpers

@pytest.fixture
def loads(nlp, monkeypatch):
    """The session pipeline stands in for build_nlp; counts how often a run loads it."""
    calls = []

    def build(model=None):
        calls.append(model)
        return nlp

    monkeypatch.setattr(pipeline.annotate, "build_nlp", build)
    return calls


def _write_inputs(folder: Path, articles: dict[str, str]) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for stem, text in articles.items():
        (folder / f"{stem}.txt").write_text(text, encoding="utf-8")
    return folder


def _run(inputs: Path, out: Path, *options: str):
    result = CliRunner().invoke(app, ["run", str(inputs), "--output", str(out), *options],
                                env={"COLUMNS": "120", "NO_COLOR": "1"})
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    assert "Traceback" not in result.output
    return result


def _tables(out: Path) -> dict[str, bytes]:
    return {name: (out / name).read_bytes() for name in TABLES}


def _rows(path: Path) -> list[dict]:
    with open(path, encoding="utf-8-sig", newline="") as fh:
        return list(csv.DictReader(fh))


def _stat(stdout: str, label: str) -> int:
    line = next(line for line in stdout.splitlines() if line.strip().startswith(label))
    return int(line.split()[-1].replace(",", ""))


# ------------------------------------------------------------------------------------------ add, change, delete

def test_rerun_with_added_changed_and_deleted_articles_equals_a_clean_run(tmp_path, loads):
    inputs = _write_inputs(tmp_path / "in", ARTICLES)
    out = tmp_path / "out"
    first = _run(inputs, out, "-j", "1")
    assert first.exit_code == 0
    assert (_stat(first.stdout, "articles processed"), _stat(first.stdout, "skipped")) == (3, 0)
    assert len(loads) == 1

    (inputs / "b_putin.txt").write_text(ARTICLES["b_putin"].replace("Mittwoch", "Donnerstag"), encoding="utf-8")
    (inputs / "c_scholz.txt").unlink()
    (inputs / f"{NEW_ARTICLE[0]}.txt").write_text(NEW_ARTICLE[1], encoding="utf-8")
    second = _run(inputs, out, "-j", "1")
    assert second.exit_code == 0
    assert "3 of 3 articles processed" in second.stdout
    assert _stat(second.stdout, "articles processed") == 2  # the changed and the new one
    assert _stat(second.stdout, "skipped (unchanged)") == 1
    assert _stat(second.stdout, "removed (not in inputs)") == 1

    clean = tmp_path / "clean"
    assert _run(inputs, clean, "-j", "1").exit_code == 0
    assert _tables(out) == _tables(clean)
    ids = [r["article_id"] for r in _rows(out / "articles.csv")]
    assert ids == ["a_merkel", "b_putin", "d_macron"]
    assert "c_scholz" not in (out / "entities.csv").read_text(encoding="utf-8-sig")
    assert any(r["text"] == "am Donnerstag" for r in _rows(out / "entities.csv") if r["article_id"] == "b_putin")
    with ResultStore(out, table_row_renderer()) as store:
        assert store.count() == 3


def test_no_change_rerun_does_not_load_the_model(tmp_path, loads, monkeypatch):
    inputs = _write_inputs(tmp_path / "in", ARTICLES)
    out = tmp_path / "out"
    assert _run(inputs, out, "-j", "1").exit_code == 0
    before = _tables(out)

    def forbidden(model=None):
        raise AssertionError("the model must not be loaded when nothing changed")

    monkeypatch.setattr(pipeline.annotate, "build_nlp", forbidden)
    monkeypatch.setattr(pipeline.annotate, "process_articles", forbidden)
    for name in TABLES:  # the tables are written again from the store
        (out / name).unlink()
    again = _run(inputs, out)
    assert again.exit_code == 0, again.output
    assert _stat(again.stdout, "skipped (unchanged)") == 3 and _stat(again.stdout, "articles processed") == 0
    assert "model not loaded" in again.stdout
    assert "processed with de_" in again.stdout  # the model is still named (from its meta.json)
    assert _tables(out) == before


def test_no_change_rerun_does_not_even_import_spacy(tmp_path, loads):
    inputs = _write_inputs(tmp_path / "in", ARTICLES)
    out = tmp_path / "out"
    assert _run(inputs, out, "-j", "1").exit_code == 0
    code = ("import sys\nfrom pathlib import Path\nfrom pipeline.cli import app\n"
            f"app(['run', {str(inputs)!r}, '-o', {str(out)!r}], standalone_mode=False)\n"
            "assert 'spacy' not in sys.modules, 'spaCy was imported'\nprint('NO-SPACY')\n")
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert proc.returncode == 0, proc.stderr
    assert "NO-SPACY" in proc.stdout and "skipped (unchanged)" in proc.stdout


def test_force_annotates_everything_again(tmp_path, loads):
    inputs = _write_inputs(tmp_path / "in", ARTICLES)
    out = tmp_path / "out"
    assert _run(inputs, out, "-j", "1").exit_code == 0
    before = _tables(out)
    forced = _run(inputs, out, "-j", "1", "--force")
    assert forced.exit_code == 0
    assert (_stat(forced.stdout, "articles processed"), _stat(forced.stdout, "skipped")) == (3, 0)
    assert len(loads) == 2
    assert _tables(out) == before


def test_keep_missing_keeps_the_rows_of_deleted_articles(tmp_path, loads):
    inputs = _write_inputs(tmp_path / "in", ARTICLES)
    out = tmp_path / "out"
    assert _run(inputs, out, "-j", "1").exit_code == 0
    full = _tables(out)
    (inputs / "a_merkel.txt").unlink()

    kept = _run(inputs, out, "--keep-missing")
    assert kept.exit_code == 0
    assert _stat(kept.stdout, "kept (not in inputs)") == 1 and _stat(kept.stdout, "skipped") == 2
    assert len(loads) == 1  # nothing to annotate
    # the missing article's rows stay (after the articles still in the inputs)
    assert [r["article_id"] for r in _rows(out / "articles.csv")] == ["b_putin", "c_scholz", "a_merkel"]
    assert sorted((out / "entities.csv").read_bytes().splitlines()) == sorted(full["entities.csv"].splitlines())
    assert (out / "persons.csv").read_bytes() == full["persons.csv"]
    assert any("Angela Merkel" == r["name"] for r in _rows(out / "persons.csv"))

    dropped = _run(inputs, out)
    assert dropped.exit_code == 0 and _stat(dropped.stdout, "removed (not in inputs)") == 1
    clean = tmp_path / "clean"
    assert _run(inputs, clean, "-j", "1").exit_code == 0
    assert _tables(out) == _tables(clean)
    assert not any(r["name"] == "Angela Merkel" for r in _rows(out / "persons.csv"))


def test_changed_extraction_code_or_model_reannotates(tmp_path, loads, monkeypatch):
    inputs = _write_inputs(tmp_path / "in", ARTICLES)
    out = tmp_path / "out"
    assert _run(inputs, out, "-j", "1").exit_code == 0
    real = pipeline.batch.extraction_version
    monkeypatch.setattr(pipeline.batch, "extraction_version", lambda: real() + "-changed")
    rerun = _run(inputs, out, "-j", "1")
    assert _stat(rerun.stdout, "articles processed") == 3
    monkeypatch.setattr(pipeline.batch, "extraction_version", real)
    identity = model_identity(None)
    monkeypatch.setattr(pipeline.batch, "model_identity",
                        lambda model=None: type(identity)(identity.name, identity.describe, identity.key + "x"))
    rerun = _run(inputs, out, "-j", "1")
    assert _stat(rerun.stdout, "articles processed") == 3


def test_a_moved_file_is_not_annotated_again_but_its_source_is_updated(tmp_path, loads):
    inputs = _write_inputs(tmp_path / "in", ARTICLES)
    out = tmp_path / "out"
    assert _run(inputs, out, "-j", "1").exit_code == 0
    (inputs / "sub").mkdir()
    shutil.move(inputs / "c_scholz.txt", inputs / "sub" / "c_scholz.txt")
    rerun = _run(inputs, out, "-j", "1")
    assert _stat(rerun.stdout, "skipped (unchanged)") == 3
    sources = {r["article_id"]: r["source"] for r in _rows(out / "articles.csv")}
    assert sources["sub/c_scholz"] == str(inputs / "sub" / "c_scholz.txt")  # the id is the path in the folder
    clean = tmp_path / "clean"
    assert _run(inputs, clean, "-j", "1").exit_code == 0
    assert _tables(out) == _tables(clean)


def test_bad_input_is_reported_on_every_run_and_never_stops_the_batch(tmp_path, loads):
    inputs = _write_inputs(tmp_path / "in", ARTICLES)
    broken = inputs / "kaputt.txt"
    broken.write_bytes(b"PK\x03\x04\x14\x00\x00\x00\x08\x00" + bytes(range(256)))  # a zip archive
    feed = inputs / "feed.jsonl"
    feed.write_text(json.dumps({"id": "j1", "text": "Merkel sprach in Berlin.", "date": "2015-08-31"}) + "\n"
                    + '{"id": "j2", "text": kaputt\n', encoding="utf-8")
    out = tmp_path / "out"
    for _ in range(2):
        result = _run(inputs, out, "-j", "1")
        assert result.exit_code == 0
        assert f"warning: {broken}: this is a binary file" in result.stderr
        assert f"warning: {feed}:2: invalid JSON" in result.stderr
        assert _stat(result.stdout, "failed") == 2
        rows = _rows(out / "articles.csv")
        assert [r["article_id"] for r in rows] == ["a_merkel", "b_putin", "c_scholz", "j1", "feed:2", "kaputt"]
        assert rows[-1]["status"].startswith("error: ") and rows[4]["status"].startswith("error: ")
    assert _stat(result.stdout, "skipped (unchanged)") == 4


def test_a_duplicate_id_keeps_both_articles_under_distinct_ids(tmp_path, loads):
    inputs = _write_inputs(tmp_path / "in", ARTICLES)
    (inputs / "zz.jsonl").write_text(json.dumps({"id": "a_merkel", "text": "Doppelt."}) + "\n", encoding="utf-8")
    out = tmp_path / "out"
    for _ in range(2):
        result = _run(inputs, out, "-j", "1")
        assert "article id 'a_merkel' is already used by" in result.stderr and "kept as 'a_merkel~2'" in result.stderr
        rows = _rows(out / "articles.csv")
        assert [(r["article_id"], r["status"]) for r in rows] == [
            ("a_merkel", "ok"), ("b_putin", "ok"), ("c_scholz", "ok"), ("a_merkel~2", "ok")]
        assert any(r["article_id"] == "a_merkel" for r in _rows(out / "entities.csv"))


def test_a_second_run_on_the_same_output_is_refused_clearly(tmp_path, loads):
    inputs = _write_inputs(tmp_path / "in", ARTICLES)
    out = tmp_path / "out"
    with ResultStore(out, table_row_renderer()):
        with pytest.raises(StoreBusy):
            ResultStore(out, table_row_renderer())
        result = _run(inputs, out, "-j", "1")
    assert result.exit_code == 1
    assert "another `pipeline run` is writing to" in result.stderr


def test_a_damaged_store_is_rebuilt(tmp_path, loads):
    inputs = _write_inputs(tmp_path / "in", ARTICLES)
    out = tmp_path / "out"
    assert _run(inputs, out, "-j", "1").exit_code == 0
    before = _tables(out)
    (out / CACHE_DIRNAME / "results.sqlite3").write_bytes(b"this is not a database" * 100)
    for suffix in ("-wal", "-shm"):
        (out / CACHE_DIRNAME / f"results.sqlite3{suffix}").unlink(missing_ok=True)
    rerun = _run(inputs, out, "-j", "1")
    assert rerun.exit_code == 0 and _stat(rerun.stdout, "articles processed") == 3
    assert _tables(out) == before


# ------------------------------------------------------------------------------------------ lossless storage

def test_stored_results_decode_to_equal_objects_and_identical_tables(nlp, seeds_dir, tmp_path, loads):
    from pipeline.read import read_inputs

    articles = list(read_inputs([seeds_dir]))
    results = list(pipeline.annotate.process_articles(nlp, articles))
    assert all(r.status == "ok" for r in results)
    for result in results:
        back = decode_result(encode_result(result))
        assert back == result
        assert [(q.method, q.extent, q.verbatim) for q in back.quotes] == [(q.method, q.extent, q.verbatim)
                                                                          for q in result.quotes]
        assert all(isinstance(q.method, Method) for q in back.quotes) and any(q.verbatim for q in back.quotes)
    direct = tmp_path / "direct"
    write_tables(results, direct)
    out = tmp_path / "out"
    assert _run(seeds_dir, out, "-j", "1").exit_code == 0
    assert _tables(out) == _tables(direct)
    with ResultStore(out, table_row_renderer()) as store:
        store.run = 1
        stored = list(store.iter_results())
    assert stored == results


def test_codec_keeps_every_value_type():
    span = TextSpan(3, 7, "Kim")
    quote = Quotation(kind="mixed", content=(span, TextSpan(10, 20, "„heilig“")), cue=None, speaker_mention=span,
                      speaker="Kim Jong Un", confidence=0.1 + 0.2, sentence=None, method=Method.FRAGMENT,
                      extent=(3, 20), verbatim=(span,), refers_to=span, unattributed=True, cue_entry="sprechen von")
    result = ArticleResult(article=Article(id="x/ü", text="Ein „Text“\nmit Umbruch", source="in.jsonl:3",
                                           date="2023-09", title="T", url="https://example.org", body_start=2),
                           model="m 1", entities=[EntityMention("person", 3, 7, "Kim", "Kim Jong Un", span)],
                           quotes=[quote], sentences=[(0, 10), (11, 22)], status="ok")
    back = decode_result(encode_result(result))
    assert back == result
    assert back.quotes[0].method is Method.FRAGMENT and back.quotes[0].extent == (3, 20)
    assert back.quotes[0].confidence == 0.1 + 0.2
    nested = {"list": [1, 2.5, [span]], (1, 2): {"x"}, "n": float("inf"), "m": Method.PHRASE}
    assert json.loads(json.dumps(store_module._encode(nested)), object_hook=store_module._hook) == nested
    assert isinstance(back.sentences[0], tuple) and isinstance(back.quotes[0].content, tuple)


def test_name_rows_from_the_streaming_index_match_the_in_memory_definition():
    def mention(name, type_="person"):
        return EntityMention(type_, 0, 1, name, name)

    results = [ArticleResult(article=Article(id=f"a{i}", text="x", source="s"), entities=entities)
               for i, entities in enumerate([
                   [mention("Zoë"), mention("Ärger"), mention("Zoë"), mention("Berlin", "place")],
                   [mention("Ärger"), mention("Anna"), mention("Berlin", "place"), mention("Berlin", "place")],
                   [mention("Zoë"), mention("Anna"), mention("Ärger"), mention("anna")],
               ])]
    results.append(ArticleResult(article=Article(id="a0", text="x", source="s"), entities=[mention("Anna")]))

    def reference(entity_type):  # the original in-memory definition
        mentions, articles = {}, {}
        for result in results:
            for e in result.entities:
                if e.type == entity_type:
                    mentions[e.canonical] = mentions.get(e.canonical, 0) + 1
                    ids = articles.setdefault(e.canonical, [])
                    if result.article.id not in ids:
                        ids.append(result.article.id)
        return [{"entity_id": entity_id(entity_type, n), "name": n, "mentions": mentions[n],
                 "name_mentions": mentions[n], "articles": len(articles[n]), "article_ids": " ".join(articles[n])}
                for n in sorted(mentions, key=lambda n: (-mentions[n], n))]

    for entity_type in ("person", "place"):
        assert name_rows(results, entity_type) == reference(entity_type)
        assert name_rows(iter(results), entity_type) == reference(entity_type)


def test_write_tables_reads_its_results_once_as_a_stream(tmp_path):
    consumed = []

    def stream():
        for i in range(3):
            consumed.append(i)
            yield ArticleResult(article=Article(id=f"a{i}", text="Kim.", source="s"),
                                entities=[EntityMention("person", 0, 3, "Kim", "Kim")], sentences=[(0, 4)])

    counts = write_tables(stream(), tmp_path)
    assert consumed == [0, 1, 2]
    assert counts == {"articles.csv": 3, "entities.csv": 3, "quotes.csv": 0, "persons.csv": 1, "places.csv": 0,
                      "organizations.csv": 0}
    assert _rows(tmp_path / "persons.csv") == [{"entity_id": entity_id("person", "Kim"), "name": "Kim",
                                                "mentions": "3", "name_mentions": "3", "articles": "3",
                                                "article_ids": "a0 a1 a2"}]
    assert not [p for p in tmp_path.iterdir() if p.name.endswith(".tmp")]


# ------------------------------------------------------------------------------------------ model identity

def test_model_identity_agrees_with_the_model_choice(nlp, monkeypatch):
    import pipeline.model.choice as choice

    monkeypatch.delenv(choice.ENV_VAR, raising=False)
    assert chosen_model_name(None) == choice.choose_model(None).name
    assert chosen_model_name("de_irgendwas") == choice.choose_model("de_irgendwas").name
    monkeypatch.setenv(choice.ENV_VAR, str(choice.BUNDLED_PATH))
    assert chosen_model_name(None) == choice.choose_model(None).name
    monkeypatch.delenv(choice.ENV_VAR)
    identity = model_identity(None)
    assert identity is not None and identity.describe == choice.describe(nlp)
    assert model_identity("de_gibt_es_nicht") is None


# ------------------------------------------------------------------------------------------ parallel

def test_two_workers_give_the_same_tables_as_one(seeds_dir, tmp_path, loads):
    inputs = tmp_path / "in"
    shutil.copytree(seeds_dir, inputs)
    # an article over the length limit fails in the middle of the stream: order and status are kept
    (inputs / "002_zu_lang.txt").write_text("Wort " * (pipeline.annotate.MAX_CHARS // 5 + 1), encoding="utf-8")
    one, two = tmp_path / "one", tmp_path / "two"
    first = _run(inputs, one, "--workers", "1")
    second = _run(inputs, two, "--workers", "2")
    assert first.exit_code == 0 and second.exit_code == 0
    assert "(2 workers)" in second.stdout
    assert _tables(one) == _tables(two)
    rows = _rows(two / "articles.csv")
    assert [r["article_id"] for r in rows][:4] == ["000_1e42dc73f93e3bc0", "001_685fc15847dc13db",
                                                   "002_266cc12a4960ef06", "002_zu_lang"]
    assert rows[3]["status"].startswith("error: ") and "characters long" in rows[3]["status"]
    assert sum(r["status"] == "ok" for r in rows) == 5


def _fake_work(batch):
    if any(a.id == "boom" for a in batch):
        os._exit(3)  # a worker killed (e.g. out of memory) while annotating "boom"
    return [ArticleResult(article=a, model="fake", status="ok") for a in batch]


def test_a_dying_worker_costs_only_its_article(nlp, monkeypatch):
    monkeypatch.setattr(pipeline.annotate, "_work", _fake_work)
    ids = [f"a{i}" for i in range(6)] + ["boom"] + [f"b{i}" for i in range(5)]
    articles = [Article(id=i, text="Text.", source="s") for i in ids]
    results = list(pipeline.annotate.process_articles(nlp, articles, batch_size=2, workers=2))
    assert [r.article.id for r in results] == ids
    statuses = {r.article.id: r.status for r in results}
    assert statuses.pop("boom").startswith(pipeline.annotate.WORKER_DIED)
    assert set(statuses.values()) == {"ok"}


def test_progress_bar_can_be_forced_and_is_off_without_a_terminal(tmp_path, loads):
    inputs = _write_inputs(tmp_path / "in", ARTICLES)
    quiet = _run(inputs, tmp_path / "quiet", "-j", "1")
    forced = _run(inputs, tmp_path / "forced", "-j", "1", "--progress")
    assert quiet.exit_code == 0 and forced.exit_code == 0
    assert "━" not in quiet.stderr
    assert _tables(tmp_path / "quiet") == _tables(tmp_path / "forced")


def test_make_doc_tokenizes_like_spacy_and_computes_the_text_once(nlp, seeds_dir):
    import spacy.attrs
    from pipeline.read import read_txt

    art = read_txt(seeds_dir / "000_1e42dc73f93e3bc0.txt")  # starts with a space token (" date 2023-09 …")
    ours, theirs = pipeline.annotate.make_doc(nlp, art), nlp.make_doc(art.text)
    assert isinstance(ours, pipeline.annotate.ArticleDoc)
    assert ours.text == theirs.text == art.text and ours.text is ours.text
    for attr in ("ORTH", "NORM", "SPACY", "SENT_START", "LOWER", "SHAPE"):
        code = getattr(spacy.attrs, attr)
        assert (ours.to_array([code]) == theirs.to_array([code])).all(), attr
    assert ours._.article_date == art.date and ours._.body_start == art.body_start


# ------------------------------------------------------------------------- output folder edge cases (issue #12)

PAGE = ("<html><head><title>Radwege</title></head><body><article><p>Die Stadt baut neue Radwege, sagte "
        "Bürgermeisterin Anna Berg am Montag. „Wir fangen im Mai an“, sagte Berg.</p></article></body></html>")


def test_html_pages_with_clashing_or_very_long_names_keep_their_own_texts(tmp_path, loads):
    inputs = tmp_path / "in"
    inputs.mkdir()
    names = {"a:b": "Erste", "a_b": "Zweite", "x" * 240: "Dritte"}
    for stem, word in names.items():
        (inputs / f"{stem}.html").write_text(PAGE.replace("Radwege,", f"{word} Radwege,"), encoding="utf-8")
    out = tmp_path / "out"
    assert _run(inputs, out, "-j", "1").exit_code == 0
    rows = {r["article_id"]: r for r in _rows(out / "articles.csv")}
    assert {r["status"] for r in rows.values()} == {"ok"} and len(rows) == 3
    files = {art_id: r["text_file"] for art_id, r in rows.items()}
    assert len(set(files.values())) == 3  # one file per article, whatever its name
    for art_id, word in names.items():
        text = (out / files[art_id]).read_text(encoding="utf-8")
        assert f"{word} Radwege" in text
        quote = next(q for q in _rows(out / "quotes.csv") if q["article_id"] == art_id and q["kind"] == "direct")
        assert text[int(quote["quote_start"]):int(quote["quote_end"])] == "„Wir fangen im Mai an“"


def test_an_article_that_becomes_unreadable_is_one_error_row_also_with_keep_missing(tmp_path, loads):
    inputs = _write_inputs(tmp_path / "in", ARTICLES)
    out = tmp_path / "out"
    assert _run(inputs, out, "-j", "1").exit_code == 0
    (inputs / "b_putin.txt").write_bytes(b"PK\x03\x04" + bytes(range(256)))
    assert _run(inputs, out, "-j", "1", "--keep-missing").exit_code == 0
    rows = [(r["article_id"], r["status"][:6]) for r in _rows(out / "articles.csv")]
    assert rows == [("a_merkel", "ok"), ("b_putin", "error:"), ("c_scholz", "ok")]
    assert not [e for e in _rows(out / "entities.csv") if e["article_id"] == "b_putin"]


def test_a_changed_workbook_format_rewrites_the_workbook(tmp_path, loads, monkeypatch):
    import pipeline.batch

    inputs = _write_inputs(tmp_path / "in", ARTICLES)
    out = tmp_path / "out"
    assert _run(inputs, out, "-j", "1").exit_code == 0
    before = (out / "tables.xlsx").stat().st_mtime_ns
    assert _run(inputs, out, "-j", "1").exit_code == 0
    assert (out / "tables.xlsx").stat().st_mtime_ns == before  # nothing changed: nothing written
    monkeypatch.setattr(pipeline.batch, "workbook_format", lambda: "another XlsxWriter")
    assert _run(inputs, out, "-j", "1").exit_code == 0
    assert (out / "tables.xlsx").stat().st_mtime_ns != before


def test_temporaries_of_a_killed_run_are_removed_and_unfinished_runs_are_not_read(tmp_path, loads):
    import pipeline
    from pipeline.frames import TablesNotReady

    inputs = _write_inputs(tmp_path / "in", ARTICLES)
    out = tmp_path / "out"
    assert _run(inputs, out, "-j", "1").exit_code == 0
    assert len(pipeline.tables(out)["articles"]) == 3
    # what a run killed while writing leaves behind, and a run that began but never finished
    (out / ".quotes.csv.k3j2l1.tmp").write_text("halb", encoding="utf-8")
    (out / ".tables.abc123.xlsx.tmp").write_bytes(b"PK")
    (out / ".tables-xlsx-q1w2e3").mkdir()
    (out / ".tables-xlsx-q1w2e3" / "tmp1234").write_bytes(b"x")
    with ResultStore(out, table_row_renderer()) as store:
        store.begin_run()
    with pytest.raises(TablesNotReady, match="has not finished"):
        pipeline.tables(out)
    assert _run(inputs, out, "-j", "1").exit_code == 0
    assert sorted(p.name for p in out.iterdir()) == sorted([".pipeline-cache", "report"] + TABLES)
    assert len(pipeline.tables(out)["articles"]) == 3
    clean = tmp_path / "clean"
    assert _run(inputs, clean, "-j", "1").exit_code == 0
    assert _tables(out) == _tables(clean)
