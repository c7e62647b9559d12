"""Stage 5b: the HTML report of an output directory (``OUTPUT/report/``), built from the result store without the
model: ``index.html`` (the corpus at a glance, all quotations, all articles), one page per article (its text with
quotations, cues, speaker mentions and entities marked), one page per speaker, ``speakers.html``.

The method, as :func:`write_report` runs it:

1. the corpus-wide person names, as the tables merge them (:func:`pipeline.write.corpus_person_aliases`; given
   by ``pipeline run`` when it has just written the tables with them);
2. one pass over the stored rows: the corpus view, and each article's page - rewritten only when its result, the
   names merged into it or the report's own code changed (``.manifest.json`` keeps what each page was made from);
3. the speaker pages (rewritten only when their quotations changed), the index, the speakers page, the tables'
   data and the assets (rewritten only when their bytes changed); pages of articles and speakers no longer there
   are removed.

Every file is written atomically. Texts, titles and URLs are untrusted: see :mod:`pipeline.report.pages`."""
from __future__ import annotations

import hashlib
import json
import time
from dataclasses import dataclass
from pathlib import Path

from ..store import ResultStore
from ..write import corpus_person_aliases, merge_person_names, write_text_atomic
from . import pages
from .views import Corpus, article_file, article_page, speaker_file

REPORT_DIR = "report"
MANIFEST = ".manifest.json"
_TOP_FILES = ("index.html", "speakers.html", "data/tables.js", "assets/report.css", "assets/report.js")


@dataclass
class ReportSummary:
    """What a report build did: pages written, kept unchanged and removed, and how long it took."""

    path: Path
    written: int = 0
    unchanged: int = 0
    removed: int = 0
    seconds: float = 0.0

    def __str__(self) -> str:
        return (f"report: {self.path / 'index.html'} ({self.written} pages written, {self.unchanged} unchanged"
                + (f", {self.removed} removed" if self.removed else "") + f", {self.seconds:.1f}s)")


def report_version() -> str:
    """A hash of the report's code, templates and assets and of the tool's version (in every page's footer): a
    page made by other code is made again."""
    from ..version import version

    here = Path(__file__).resolve().parent
    digest = hashlib.sha1(version().encode())
    for path in sorted(p for p in here.rglob("*") if p.is_file() and p.suffix in (".py", ".html", ".css", ".js")):
        digest.update(path.relative_to(here).as_posix().encode() + b"\0" + path.read_bytes() + b"\0")
    return digest.hexdigest()


def _key(*parts) -> str:
    return hashlib.sha1(json.dumps(parts, ensure_ascii=False, sort_keys=True, default=str).encode()).hexdigest()


class _Files:
    """The report folder: writes a file only when its content changed (counted), remembers what it wrote."""

    def __init__(self, root: Path, summary: ReportSummary):
        self.root, self.summary = root, summary
        self.present: set[str] = set()

    def put(self, name: str, text: str) -> None:
        path = self.root / name
        self.present.add(name)
        try:
            if path.read_text(encoding="utf-8") == text:
                self.summary.unchanged += 1
                return
        except (OSError, UnicodeDecodeError):
            pass
        write_text_atomic(path, text)
        self.summary.written += 1

    def keep(self, name: str) -> bool:
        """Keep ``name`` as it is, if it is there."""
        if (self.root / name).is_file():
            self.present.add(name)
            self.summary.unchanged += 1
            return True
        return False

    def remove_others(self, folders: tuple[str, ...]) -> None:
        for folder in folders:
            for path in sorted((self.root / folder).glob("*.html")):
                if f"{folder}/{path.name}" not in self.present:
                    path.unlink(missing_ok=True)
                    self.summary.removed += 1


def write_report(store: ResultStore, output: Path, keep_missing: bool = False,
                 aliases: dict[str, str] | None = None) -> ReportSummary:
    """Bring ``output/report/`` up to date with the results in ``store`` (the rows of the last run, as the tables
    show them). When the tables were written from the same results as the report in place (the fingerprint of
    :meth:`ResultStore.written_tables`) and its pages are there, nothing is read or written. ``aliases``: the
    corpus-wide person names the tables merged (found here when not given)."""
    started = time.perf_counter()
    root = Path(output) / REPORT_DIR
    summary = ReportSummary(path=root)
    files = _Files(root, summary)
    version = report_version()
    manifest = _read_manifest(root, version)
    state = store.written_tables()
    fingerprint = state.fingerprint if state is not None and state.run == store.run else ""
    if fingerprint and manifest["fingerprint"] == fingerprint and _complete(root, manifest):
        summary.unchanged = len(_TOP_FILES) + len(manifest["articles"]) + len(manifest["speakers"])
        summary.seconds = time.perf_counter() - started
        return summary
    if aliases is None:
        aliases = corpus_person_aliases(store.iter_rows(keep_missing))
    keys = store.result_keys()
    corpus = Corpus()
    made: dict[str, dict[str, str]] = {"articles": {}, "speakers": {}}
    for art_id, rows in store.iter_rows(keep_missing):
        rows = merge_person_names(rows, aliases) if aliases else rows
        corpus.add(rows)
        if rows.status != "ok":
            continue
        name = article_file(art_id)
        # what the page shows besides the text: the article's rows as the tables have them (names merged across
        # the corpus, source path, confidences as rendered); the text is in the result's key
        key = _key(version, keys.get(art_id), rows.articles, rows.quotes, rows.entities)
        made["articles"][art_id] = key
        if manifest["articles"].get(art_id) == key and files.keep(name):
            continue
        result = store.result(art_id)
        if result is not None:
            files.put(name, pages.article_html(article_page(result, rows)))
    speakers = corpus.speakers()
    for speaker, quotes in speakers.items():
        key = _key(version, [vars(q) for q in quotes])
        made["speakers"][speaker] = key
        if not (manifest["speakers"].get(speaker) == key and files.keep(speaker_file(speaker))):
            files.put(speaker_file(speaker), pages.speaker_page(speaker, quotes))
    tables = pages.corpus_tables(corpus, speakers)
    files.put("index.html", pages.index_page(corpus, speakers, tables))
    files.put("speakers.html", pages.speakers_page(tables))
    files.put("data/tables.js", pages.tables_script(tables))
    for asset, text in pages.asset_files().items():
        files.put(f"assets/{asset}", text)
    files.remove_others(("articles", "speakers"))
    write_text_atomic(root / MANIFEST, json.dumps({"version": version, "fingerprint": fingerprint, **made},
                                                  ensure_ascii=False))
    summary.seconds = time.perf_counter() - started
    return summary


def _complete(root: Path, manifest: dict) -> bool:
    """Every page the manifest lists is there."""
    names = list(_TOP_FILES) + [article_file(a) for a in manifest["articles"]] + \
        [speaker_file(s) for s in manifest["speakers"]]
    return all((root / name).is_file() for name in names)


def _read_manifest(root: Path, version: str) -> dict:
    """What the pages in ``root`` were made from; nothing when made by other report code (or unreadable)."""
    try:
        data = json.loads((root / MANIFEST).read_text(encoding="utf-8"))
        if data.get("version") == version:
            return {"articles": dict(data.get("articles", {})), "speakers": dict(data.get("speakers", {})),
                    "fingerprint": str(data.get("fingerprint", ""))}
    except (OSError, ValueError, AttributeError):
        pass
    return {"articles": {}, "speakers": {}, "fingerprint": ""}


class ReportNotReady(RuntimeError):
    """The last run into the output directory has not finished: its results are not those of the tables."""


def build_report(output: Path) -> ReportSummary:
    """``pipeline report OUTPUT``: the report of the last run into ``output``, from its result store (no model).
    Raises FileNotFoundError without results there, :class:`ReportNotReady` while a run into it has not finished
    (or was killed: the report then shows what the tables show, those of the last complete run)."""
    store = ResultStore.open_readonly(Path(output))
    try:
        state = store.written_tables()
        if state is None or state.run != store.run:
            raise ReportNotReady(f"{output}: the last `pipeline run` into this folder has not finished (it is still "
                                 "running, or it was interrupted): let it finish or run it again")
        return write_report(store, output, keep_missing=state.keep_missing)
    finally:
        store.close()
