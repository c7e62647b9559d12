"""The result store stores results; rendering their table rows is the writer's job (issue #13).

``pipeline.store`` imports no writer module; it keeps, next to each result, exactly the rows of the renderer it is
opened with, and renders them again only when that renderer's version changes. ``pipeline.batch`` opens it with
the writer's renderer (``pipeline.write.table_row_renderer``), whose version is a hash of the row-rendering code:
changing the table code renders the rows again without annotating anything again.
"""
from __future__ import annotations

import shutil
import subprocess
import sys
from dataclasses import dataclass, field
from pathlib import Path

import pipeline.annotate
import pipeline.batch
import pipeline.write
from pipeline.batch import RunSummary, run_batch
from pipeline.store import ResultStore, extraction_modules
from pipeline.types import Article, ArticleResult, EntityMention, RenderedRows
from pipeline.write import ROW_SOURCES, TableRowRenderer, render_rows, rows_version, table_row_renderer

WRITER_MODULES = ("pipeline.write", "pipeline.workbook", "pipeline.cells", "pipeline.batch", "pipeline.frames")
TABLES = ("articles.csv", "entities.csv", "quotes.csv", "persons.csv", "places.csv", "organizations.csv",
          "tables.xlsx")
ARTICLES = {
    "a_merkel": " date 2015-08-31 Merkel in Berlin\n\n„Wir schaffen das“, sagte Bundeskanzlerin Angela Merkel am "
                "Montag in Berlin.\n",
    "b_scholz": " date 2023-03-02 Scholz in Washington\n\n„Die Ukraine kann sich auf uns verlassen“, sagte "
                "Bundeskanzler Olaf Scholz dem Sender CNN.\n",
}


@dataclass
class MarkingRenderer:
    """A renderer that puts its version into every article row and records what it rendered."""

    version: str
    rendered: list[ArticleResult] = field(default_factory=list)

    def render(self, result: ArticleResult) -> RenderedRows:
        self.rendered.append(result)
        return RenderedRows(articles=([result.article.id, self.version],), entities=(), quotes=(), names=(),
                            status=result.status)


@dataclass
class CountingRenderer:
    """The writer's own rows under a chosen version, counting the articles it rendered."""

    version: str
    rendered: list[str] = field(default_factory=list)

    def render(self, result: ArticleResult) -> RenderedRows:
        self.rendered.append(result.article.id)
        return render_rows(result)


def _result(article_id: str) -> ArticleResult:
    return ArticleResult(article=Article(id=article_id, text="Kim sprach.", source=f"{article_id}.txt"),
                         entities=[EntityMention("person", 0, 3, "Kim", "Kim Jong Un")], sentences=[(0, 11)])


def test_importing_the_store_imports_no_writer_module():
    code = ("import sys\nimport pipeline.store\n"
            f"print(sorted(m for m in {WRITER_MODULES!r} if m in sys.modules))\n")
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.strip() == "[]"


def test_the_store_keeps_the_rows_its_renderer_hands_it(tmp_path):
    first = MarkingRenderer("v1")
    with ResultStore(tmp_path, first) as store:
        store.begin_run()
        store.put(_result("a"), "key-a", 0)
        store.put_uncached(_result("b"), 1)
        assert store.finish() == 0
        assert [(art_id, rows.articles) for art_id, rows in store.iter_rows()] == [
            ("a", (["a", "v1"],)), ("b", (["b", "v1"],))]
    assert [r.article.id for r in first.rendered] == ["a", "b"]  # finish rendered nothing again

    same = MarkingRenderer("v1")
    with ResultStore(tmp_path, same) as store:
        store.begin_run()
        store.touch(_result("a").article, 0, store.lookup("a"))
        store.finish()
    assert same.rendered == []

    changed = MarkingRenderer("v2")
    with ResultStore(tmp_path, changed) as store:
        store.begin_run()
        store.touch(_result("a").article, 0, store.lookup("a"))
        store.finish()
        assert [rows.articles for _, rows in store.iter_rows()] == [(["a", "v2"],)]
    assert changed.rendered == [_result("a")]  # rendered again from the stored result, decoded

    reader = ResultStore.open_readonly(tmp_path)  # reading needs no renderer
    try:
        assert [rows.articles for _, rows in reader.iter_rows()] == [(["a", "v2"],)]
    finally:
        reader.close()


def test_rows_version_is_a_hash_of_the_row_rendering_code(tmp_path, monkeypatch):
    for name in ROW_SOURCES:
        shutil.copy(pipeline.write.PACKAGE_DIR / name, tmp_path / name)
    real = rows_version()
    assert table_row_renderer() == TableRowRenderer(version=real)
    monkeypatch.setattr(pipeline.write, "PACKAGE_DIR", tmp_path)
    assert rows_version() == real
    with open(tmp_path / ROW_SOURCES[-1], "a", encoding="utf-8") as fh:
        fh.write("\n# changed\n")
    assert rows_version() != real
    # the table code is not part of the extraction settings: changing it annotates nothing again
    extraction = {path.resolve() for path in extraction_modules()}
    assert not extraction & {(pipeline.write.PACKAGE_DIR / name).resolve() for name in ROW_SOURCES}


def _run(inputs: Path, out: Path, nlp=None) -> RunSummary:
    return run_batch([inputs], out, nlp=nlp, workers=1)


def test_changed_table_code_renders_the_rows_again_without_annotating(nlp, tmp_path, monkeypatch):
    inputs, out = tmp_path / "in", tmp_path / "out"
    inputs.mkdir()
    for stem, text in ARTICLES.items():
        (inputs / f"{stem}.txt").write_text(text, encoding="utf-8")
    renderer = CountingRenderer(rows_version())
    monkeypatch.setattr(pipeline.batch, "table_row_renderer", lambda: renderer)
    assert _run(inputs, out, nlp).processed == 2
    assert renderer.rendered == ["a_merkel", "b_scholz"]
    before = {name: (out / name).read_bytes() for name in TABLES}
    mtimes = {name: (out / name).stat().st_mtime_ns for name in TABLES}

    def forbidden(*args, **kwargs):
        raise AssertionError("nothing may be annotated again")

    monkeypatch.setattr(pipeline.annotate, "build_nlp", forbidden)
    monkeypatch.setattr(pipeline.annotate, "process_articles", forbidden)
    renderer.rendered.clear()
    unchanged = _run(inputs, out)
    assert (unchanged.processed, unchanged.skipped, unchanged.model_loaded) == (0, 2, False)
    assert renderer.rendered == []  # nothing rendered, nothing written
    assert {name: (out / name).stat().st_mtime_ns for name in TABLES} == mtimes

    renderer.version += "-changed"
    rerendered = _run(inputs, out)
    assert (rerendered.processed, rerendered.skipped, rerendered.model_loaded) == (0, 2, False)
    assert renderer.rendered == ["a_merkel", "b_scholz"]
    assert {name: (out / name).read_bytes() for name in TABLES} == before

