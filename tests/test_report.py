"""Issue #16: the HTML report without a browser — how an article's text is cut into marks (a table of cases), file
names and URLs from untrusted input, escaping of hostile articles, the Content-Security-Policy, self-containment,
`pipeline report` from the store, and incremental rewriting. The browser checks are in test_report_browser.py."""
from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from typer.testing import CliRunner

from pipeline.batch import run_batch
from pipeline.cli import app
from pipeline.report import MANIFEST, build_report
from pipeline.report.marks import Mark, text_runs
from pipeline.report.pages import CSP
from pipeline.report.views import article_colours, article_file, file_slug, safe_url, speaker_colour

# ------------------------------------------------------------------------------------------------ marks

TEXT = "„Wir bleiben“, sagte Anna Berg in Köln."
#       0123456789012345678901234567890123456789
MARK_CASES = [
    # (quotation marks, entity marks, expected runs as (quotation kind or None, text, [(entity kind or None, text)]))
    ("one quotation, its cue and its speaker; a person inside the speaker mention and a place outside",
     [Mark(0, 13, "content", 1), Mark(15, 20, "cue", 1), Mark(21, 30, "speaker", 1)],
     [Mark(21, 30, "person", "Anna Berg"), Mark(34, 38, "place", "Köln")],
     [("content", "„Wir bleiben“", [(None, "„Wir bleiben“")]), (None, ", ", [(None, ", ")]),
      ("cue", "sagte", [(None, "sagte")]), (None, " ", [(None, " ")]),
      ("speaker", "Anna Berg", [("person", "Anna Berg")]),
      (None, " in Köln.", [(None, " in "), ("place", "Köln"), (None, ".")])]),
    ("a cue and a speaker inside the content (an interrupted quotation) show as cue and speaker",
     [Mark(0, 39, "content", 1), Mark(15, 20, "cue", 1), Mark(21, 30, "speaker", 1)], [],
     [("content", "„Wir bleiben“, ", [(None, "„Wir bleiben“, ")]), ("cue", "sagte", [(None, "sagte")]),
      ("content", " ", [(None, " ")]), ("speaker", "Anna Berg", [(None, "Anna Berg")]),
      ("content", " in Köln.", [(None, " in Köln.")])]),
    ("a quotation nested in another: the narrower one shows",
     [Mark(0, 39, "content", 1), Mark(1, 12, "content", 2)], [],
     [("content", "„", [(None, "„")]), ("content", "Wir bleiben", [(None, "Wir bleiben")]),
      ("content", "“, sagte Anna Berg in Köln.", [(None, "“, sagte Anna Berg in Köln.")])]),
    ("an entity crossing the end of a quotation is cut there",
     [Mark(0, 25, "content", 1)], [Mark(21, 30, "person", "Anna Berg")],
     [("content", "„Wir bleiben“, sagte Anna", [(None, "„Wir bleiben“, sagte "), ("person", "Anna")]),
      (None, " Berg in Köln.", [("person", " Berg"), (None, " in Köln.")])]),
    ("marks beyond the text are clipped, empty ones dropped",
     [Mark(34, 99, "content", 1), Mark(5, 5, "cue", 1)], [Mark(-3, 2, "date", "2024")],
     [(None, "„Wir bleiben“, sagte Anna Berg in ", [("date", "„W"), (None, "ir bleiben“, sagte Anna Berg in ")]),
      ("content", "Köln.", [(None, "Köln.")])]),
]


@pytest.mark.parametrize("what, quotes, entities, expected", MARK_CASES, ids=[c[0] for c in MARK_CASES])
def test_text_runs(what, quotes, entities, expected):
    runs = text_runs(TEXT, quotes, entities)
    got = [(r.quote.kind if r.quote else None, "".join(p.text for p in r.pieces),
            [(p.entity.kind if p.entity else None, p.text) for p in r.pieces]) for r in runs]
    assert got == expected
    assert "".join(p.text for r in runs for p in r.pieces) == TEXT  # the pieces are the text, nothing lost


def test_a_quotation_hidden_under_another_still_gets_its_anchor():
    runs = text_runs(TEXT, [Mark(0, 13, "content", 1), Mark(0, 13, "content", 2), Mark(21, 30, "speaker", 1),
                            Mark(21, 30, "content", 3)], [])
    opened = [r.quote.ref for r in runs if r.first]
    anchored = [n for r in runs for n in r.anchors]
    assert sorted(opened + anchored) == [1, 2, 3]
    assert next(r for r in runs if 2 in r.anchors).start == 0 and next(r for r in runs if 3 in r.anchors).start == 21


def test_the_first_run_of_a_content_is_its_anchor_and_a_shared_speaker_knows_all_its_quotations():
    runs = text_runs(TEXT, [Mark(0, 13, "content", 1), Mark(21, 30, "speaker", 1), Mark(21, 30, "speaker", 2),
                            Mark(31, 39, "content", 2)], [])
    assert [(r.quote.ref, r.first) for r in runs if r.quote and r.quote.kind == "content"] == [(1, True), (2, True)]
    speaker = next(r for r in runs if r.quote and r.quote.kind == "speaker")
    assert speaker.quote.ref == 1 and speaker.also == (2,)


# ------------------------------------------------------------------------------------------------ untrusted names

@pytest.mark.parametrize("url, link", [
    ("https://www.tagesschau.de/ausland/putin-kim-100.html", True),
    ("http://example.org/a?b=1", True),
    ("javascript:alert(1)", False),
    (" JAVASCRIPT:alert(1)", False),
    ("data:text/html,<script>alert(1)</script>", False),
    ("//evil.example/x", False),
    ('https://x.example/"onmouseover="alert(1)', False),
    ("seeds/000.txt", False),
])
def test_only_http_urls_become_links(url, link):
    assert bool(safe_url(url)) is link


@pytest.mark.parametrize("name", ["2024/05/index", "../../etc/passwd", "<script>alert(1)</script>", "Weißes Haus",
                                  "a" * 300, "", "Ünal Öztürk", "Kim Jong Un"])
def test_file_names_are_plain_and_distinct(name):
    slug = file_slug(name)
    assert re.fullmatch(r"[a-z0-9-]+-[0-9a-f]{10}", slug) and len(slug) <= 60
    assert file_slug(name + "x") != slug
    assert article_file(name).startswith("articles/") and article_file(name).count("/") == 1


def test_german_letters_are_spelled_out_and_colours_are_stable():
    assert file_slug("Weißes Haus").startswith("weisses-haus-")
    assert file_slug("Ünal Öztürk").startswith("uenal-oeztuerk-")
    assert speaker_colour("Wladimir Putin") == speaker_colour("Wladimir Putin") != ""
    assert speaker_colour("") == "spk-none"
    # on an article page the speakers' colours are distinct, in the order they are first quoted
    assert article_colours(["Anna Berg", "", "Tim Krause", "Anna Berg"]) == {
        "": "spk-none", "Anna Berg": "spk-0", "Tim Krause": "spk-1"}


# ------------------------------------------------------------------------------------------------ a report

HOSTILE_TITLE = "<script>window.__pwned = 1</script> Bürgermeister"
HOSTILE_TEXT = ("„Wir bauen <b>keine</b> Brücke <script>window.__pwned = 2</script>“, sagte die Bürgermeisterin "
                "Anna Berg in Köln. <img src=x onerror=\"window.__pwned = 3\"> Die Stadt prüft den Plan, sagte "
                "der Sprecher Tim Krause am Montag. <a href=\"javascript:window.__pwned = 4\">Mehr</a>")
HOSTILE_URL = "javascript:window.__pwned = 5"


def hostile_inputs(folder: Path) -> Path:
    """The seeds plus one hostile JSONL article: markup and script in title, text and URL."""
    folder.mkdir(parents=True, exist_ok=True)
    for seed in sorted((Path(__file__).resolve().parents[1] / "seeds").glob("*.txt")):
        (folder / seed.name).write_text(seed.read_text(encoding="utf-8"), encoding="utf-8")
    record = {"id": "hostile", "title": HOSTILE_TITLE, "text": HOSTILE_TEXT, "url": HOSTILE_URL, "date": "2024-05-06"}
    (folder / "hostile.jsonl").write_text(json.dumps(record, ensure_ascii=False) + "\n", encoding="utf-8")
    return folder


@pytest.fixture(scope="module")
def report_run(nlp, tmp_path_factory):
    root = tmp_path_factory.mktemp("report")
    out = root / "out"
    summary = run_batch([hostile_inputs(root / "in")], out, nlp=nlp, workers=1, workbook=False)
    return out, summary


def _pages(out: Path) -> dict[str, str]:
    return {p.relative_to(out / "report").as_posix(): p.read_text(encoding="utf-8")
            for p in (out / "report").rglob("*") if p.is_file() and p.suffix in (".html", ".js", ".css")}


def test_run_writes_the_report(report_run):
    out, summary = report_run
    pages = _pages(out)
    assert summary.report is not None and summary.report.written == len(pages)
    assert {"index.html", "speakers.html", "data/tables.js", "assets/report.css", "assets/report.js"} <= set(pages)
    assert sum(p.startswith("articles/") for p in pages) == 6
    index = pages["index.html"]
    assert "Wladimir Putin" in index and 'data-table="quotes"' in index and 'id="articles"' in index
    putin = next(p for p in pages if p.startswith("speakers/wladimir-putin-"))
    assert "Einen Toast auf die künftige Stärkung" in pages[putin]


def test_hostile_text_title_and_url_are_escaped(report_run):
    out, _ = report_run
    pages = _pages(out)
    page = pages[article_file("hostile")]
    assert "<script>window" not in page and "<img" not in page and "<b>" not in page
    assert "&lt;script&gt;window.__pwned = 1&lt;/script&gt;" in page  # the title, shown as text
    assert "&lt;img src=x onerror=&#34;window.__pwned = 3&#34;&gt;" in page
    assert 'href="javascript' not in page.lower() and "javascript:window.__pwned = 5" in page  # text, no link
    for name, text in pages.items():
        assert "onerror=" not in text.replace("onerror=&#34;", "").replace('onerror=\\"', ""), name
        assert not re.search(r"<script>(?!\s*$)", text), name  # no inline script anywhere
    data = pages["data/tables.js"]
    assert "<" not in data and ">" not in data  # JSON with \u003c … escapes: no markup in the data file


def test_every_page_forbids_inline_script_and_remote_loads(report_run):
    out, _ = report_run
    for name, text in _pages(out).items():
        if not name.endswith(".html"):
            continue
        meta = re.search(r'<meta http-equiv="Content-Security-Policy" content="([^"]+)">', text)
        assert meta and meta.group(1).replace("&#39;", "'") == CSP, name
        for link in re.findall(r'<a [^>]*href="(?:https?:)?//[^>]*>', text):
            assert 'rel="noopener noreferrer nofollow"' in link, (name, link)  # the article's own URL only
        assert not re.search(r'\son[a-z]+="', text), name  # no event handler attributes
    assert "'unsafe-inline'" not in CSP and "default-src 'none'" in CSP


def test_pages_load_nothing_from_outside(report_run):
    out, _ = report_run
    for name, text in _pages(out).items():
        loaded = re.findall(r'<(?:script|link|img)[^>]+(?:src|href)="([^"]+)"', text)
        assert all(not re.match(r"(?i)[a-z]+:|//", url) for url in loaded), (name, loaded)
        assert "@import" not in text and "url(" not in text, name


def test_report_rebuilds_from_the_store_and_rewrites_only_what_changed(report_run, nlp, tmp_path):
    out, _ = report_run
    target = tmp_path / "copy"
    import shutil

    shutil.copytree(out, target)
    result = CliRunner().invoke(app, ["report", str(target)])
    assert result.exit_code == 0, result.output
    assert "0 pages written" in result.output  # nothing changed since the run
    page = target / "report" / article_file("hostile")
    page.unlink()
    again = build_report(target)
    assert again.written == 1 and page.is_file()
    manifest = json.loads((target / "report" / MANIFEST).read_text(encoding="utf-8"))
    seeds = {p.stem for p in (Path(__file__).resolve().parents[1] / "seeds").glob("*.txt")}
    assert set(manifest["articles"]) == seeds | {"hostile"}


def test_a_changed_article_rewrites_its_page_and_a_removed_one_loses_it(nlp, tmp_path):
    inputs = tmp_path / "in"
    inputs.mkdir()
    (inputs / "a.txt").write_text("Stadtrat\n\n„Wir bauen die Brücke“, sagte die Bürgermeisterin Anna Berg.\n",
                                  encoding="utf-8")
    (inputs / "b.txt").write_text("Wetter\n\n„Der Mai war warm“, sagte der Meteorologe Tim Krause.\n", encoding="utf-8")
    out = tmp_path / "out"
    first = run_batch([inputs], out, nlp=nlp, workers=1, workbook=False).report
    assert first.written > 0
    page_b = out / "report" / article_file("b")
    before = page_b.stat().st_mtime_ns
    (inputs / "a.txt").write_text("Stadtrat\n\n„Wir bauen keine Brücke“, sagte die Bürgermeisterin Anna Berg.\n",
                                  encoding="utf-8")
    second = run_batch([inputs], out, nlp=nlp, workers=1, workbook=False).report
    assert page_b.stat().st_mtime_ns == before  # the unchanged article's page is not rewritten
    assert "keine Brücke" in (out / "report" / article_file("a")).read_text(encoding="utf-8")
    assert second.written < first.written
    (inputs / "b.txt").unlink()
    third = run_batch([inputs], out, nlp=nlp, workers=1, workbook=False).report
    assert not page_b.exists() and third.removed >= 1
    assert "Tim Krause" not in (out / "report" / "index.html").read_text(encoding="utf-8")


def _one_article(tmp_path: Path) -> Path:
    inputs = tmp_path / "in"
    inputs.mkdir()
    (inputs / "a.txt").write_text("„Wir bauen die Brücke“, sagte Anna Berg.\n", encoding="utf-8")
    return inputs


def test_no_report_writes_none(nlp, tmp_path):
    inputs = _one_article(tmp_path)
    summary = run_batch([inputs], tmp_path / "out", nlp=nlp, workers=1, workbook=False, report=False)
    assert summary.report is None and not (tmp_path / "out" / "report").exists()


def test_report_without_results_names_the_folder(tmp_path):
    result = CliRunner().invoke(app, ["report", str(tmp_path)])
    assert result.exit_code == 1 and str(tmp_path) in result.output and "no results" in result.output


def test_a_report_that_cannot_be_written_is_said_and_the_tables_stay(nlp, tmp_path):
    inputs = _one_article(tmp_path)
    out = tmp_path / "out"
    out.mkdir()
    (out / "report").write_text("a file where the report folder should be", encoding="utf-8")
    warnings: list[str] = []
    summary = run_batch([inputs], out, nlp=nlp, workers=1, workbook=False, warn=warnings.append)
    assert summary.ok == 1 and (out / "quotes.csv").is_file() and summary.report is None
    assert any("could not write the HTML report" in w and str(out / "report") in w for w in warnings)


def test_report_of_an_unfinished_run_is_refused(nlp, tmp_path):
    inputs = _one_article(tmp_path)
    out = tmp_path / "out"
    run_batch([inputs], out, nlp=nlp, workers=1, workbook=False)
    from pipeline.store import ResultStore
    from pipeline.write import table_row_renderer

    with ResultStore(out, table_row_renderer()) as store:
        store.begin_run()  # a run that starts and is killed before its tables
    result = CliRunner().invoke(app, ["report", str(out)])
    assert result.exit_code == 1 and "has not finished" in result.output


def test_pipeline_report_does_not_load_spacy(report_run, tmp_path):
    import shutil
    import subprocess
    import sys

    out, _ = report_run
    target = tmp_path / "copy"
    shutil.copytree(out, target)
    shutil.rmtree(target / "report")
    code = ("import sys; from typer.testing import CliRunner; from pipeline.cli import app; "
            f"r = CliRunner().invoke(app, ['report', {str(target)!r}]); "
            "print(r.exit_code, 'spacy' in sys.modules)")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert done.stdout.split() == ["0", "False"], done.stdout + done.stderr
    assert (target / "report" / "index.html").is_file()


def test_pages_follow_the_corpus_wide_names_and_a_moved_file(nlp, tmp_path):
    inputs = tmp_path / "in"
    inputs.mkdir()
    (inputs / "a.txt").write_text("Haushalt\n\n„Wir sparen nicht“, sagte Scholz am Montag in Berlin.\n", encoding="utf-8")
    out = tmp_path / "out"
    run_batch([inputs], out, nlp=nlp, workers=1, workbook=False)
    page = out / "report" / article_file("a")
    assert "Scholz" in page.read_text(encoding="utf-8") and "Olaf Scholz" not in page.read_text(encoding="utf-8")
    # another article names him in full: the surname-only speaker of "a" joins him, on its page too
    (inputs / "b.txt").write_text("Regierung\n\n„Wir bleiben im Amt“, sagte Bundeskanzler Olaf Scholz in Berlin.\n",
                                  encoding="utf-8")
    run_batch([inputs], out, nlp=nlp, workers=1, workbook=False)
    text = page.read_text(encoding="utf-8")
    assert "Olaf Scholz · direct" in text and "speakers/olaf-scholz-" in text
    assert not list((out / "report" / "speakers").glob("scholz-*.html"))
    # the same file moved into a folder keeps its result, and its page names the new source
    (inputs / "sub").mkdir()
    (inputs / "b.txt").rename(inputs / "sub" / "b.txt")
    run_batch([inputs], out, nlp=nlp, workers=1, workbook=False)
    assert "sub/b.txt" in (out / "report" / article_file("sub/b")).read_text(encoding="utf-8")
