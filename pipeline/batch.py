"""One `pipeline run`: read -> skip what is unchanged -> annotate the rest (in parallel) -> store -> write tables.

Everything streams: articles are read one at a time, each result goes to the result store
(:mod:`pipeline.store`) as soon as it is ready, and the CSV tables are written in one pass over the store. Only
articles that are new, changed, or whose model or extraction code changed are annotated; if there are none, the
spaCy pipeline is not even loaded (nor spaCy imported).
"""
from __future__ import annotations

import json
import os
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Iterable, Iterator, Optional

from .read import ReadError, read_inputs
from .store import ResultStore, TableTotals, WrittenTables, extraction_version, model_identity, result_key
from .types import Article, ArticleResult
from .workbook import format_version as workbook_format
from .write import (TABLE_COLUMNS, WORKBOOK_NAME, CsvStyle, TableWriter, remove_stale_temporaries, text_file_name,
                    write_text_atomic)


def default_workers() -> int:
    """All cores this process may use."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # pragma: no cover - not Linux
        return max(1, os.cpu_count() or 1)


class ModelLoadError(RuntimeError):
    """The spaCy pipeline could not be loaded (the message says why and what to do)."""


class NoArticles(RuntimeError):
    """The inputs hold no articles (.txt, .jsonl, .csv, .html)."""


@dataclass
class RunSummary:
    output: Path
    model: str = ""  # "de_pipeline_news 0.1.0": the pipeline used (or that would be used: see model_loaded)
    processed: int = 0  # annotated in this run without error
    skipped: int = 0  # unchanged since an earlier run: result taken from the store
    failed: int = 0  # rows with an error status (unreadable, or the pipeline failed on it)
    kept: int = 0  # no longer in the inputs, kept with --keep-missing
    removed: int = 0  # no longer in the inputs, dropped from outputs and store
    total: int = 0  # rows of articles.csv
    ok: int = 0  # rows of articles.csv with status ok
    counts: dict[str, int] = field(default_factory=dict)  # rows per table
    persons: int = 0  # distinct persons (rows of persons.csv)
    places: int = 0
    organizations: int = 0
    dates: int = 0  # date mentions
    quotes: int = 0
    words: int = 0  # words (whitespace-separated) of the articles annotated in this run
    model_loaded: bool = False
    load_seconds: float = 0.0  # loading the spaCy pipeline
    annotate_seconds: float = 0.0  # from the first article sent to the pipeline to the last result
    elapsed: float = 0.0  # whole run

    @property
    def words_per_second(self) -> float:
        return self.words / self.annotate_seconds if self.annotate_seconds > 0 else 0.0


def count_articles(inputs: Iterable[Path]) -> int:
    """A quick estimate of the number of articles (for the progress bar): .txt/.html files plus non-blank .jsonl
    lines and .csv lines (cells with line breaks count too often), without decoding anything."""
    from .read import discover

    total = 0
    for item in discover(inputs):
        if isinstance(item, ReadError):
            total += 1
        elif item.suffix.lower() in (".jsonl", ".csv"):
            try:
                with open(item, "rb") as fh:
                    lines = sum(1 for line in fh if line.strip())
                total += max(1, lines - (item.suffix.lower() == ".csv"))  # a CSV's header line is no article
            except OSError:
                total += 1
        else:
            total += 1
    return total


def _load(model: str | None):
    import pipeline.annotate as annotate
    from .model.choice import ModelNotFound

    try:
        return annotate.build_nlp(model)
    except ModelNotFound as err:
        raise ModelLoadError(str(err)) from err


def run_batch(inputs: Iterable[Path], output: Path, model: str | None = None, batch_size: int = 16,
              workers: int | None = None, force: bool = False, keep_missing: bool = False, nlp=None,
              warn: Callable[[str], None] | None = None, advance: Callable[[int], None] | None = None,
              style: CsvStyle = CsvStyle(), workbook: bool = True) -> RunSummary:
    """Bring the tables in ``output`` up to date with ``inputs``; see the module docstring.

    ``nlp``: an already loaded pipeline (else ``build_nlp(model)`` when the first article needs annotating).
    ``style``: the CSV dialect of the tables; ``workbook``: also write ``tables.xlsx``.
    ``warn``: called with a message for every unreadable or failed article. ``advance``: called with the number of
    articles done (read errors, unchanged and annotated ones), for a progress bar.
    Raises :class:`NoArticles`, :class:`ModelLoadError` or :class:`pipeline.store.StoreBusy`.
    """
    started = time.perf_counter()
    inputs = list(inputs)
    workers = workers or default_workers()
    warn = warn or (lambda message: None)
    advance = advance or (lambda n: None)
    summary = RunSummary(output=Path(output))
    identity = model_identity(model)
    settings = extraction_version()
    summary.model = identity.describe if identity else ""

    store: Optional[ResultStore] = None
    pending: dict[str, tuple[int, Optional[str]]] = {}  # article id -> (position, cache key), while annotated
    position = 0

    def get_store() -> ResultStore:
        nonlocal store
        if store is None:
            store = ResultStore(output)
            store.begin_run()
        return store

    def todo() -> Iterator[Article]:
        """The articles to annotate; read errors and unchanged articles are recorded on the way."""
        nonlocal position
        for item in read_inputs(inputs, warn=warn):
            st = get_store()
            pos, position = position, position + 1
            if isinstance(item, ReadError):
                warn(item.message)
                # replaces_stored: an article that became unreadable must not also stay as "kept" (--keep-missing)
                st.put_uncached(ArticleResult(article=Article(id=item.id, text="", source=item.source),
                                              status=f"error: {item.message}"), pos, replaces_stored=True)
                summary.failed += 1
                advance(1)
                continue
            key = result_key(item, identity.key, settings) if identity else None
            stored = st.lookup(item.id)
            if key is not None and stored is not None and stored.key == key and not force:
                st.touch(item, pos, stored)
                keep_text(output, item, warn, only_if_missing=True)
                if stored.status == "ok":
                    summary.skipped += 1
                else:
                    summary.failed += 1
                    warn(f"{item.id}: {stored.status} (unchanged since the last run)")
                advance(1)
                continue
            if key is not None and stored is None and not force and st.adopt(item, key, pos):
                summary.skipped += 1  # moved or renamed: the result of the same content is reused
                keep_text(output, item, warn, only_if_missing=True)
                advance(1)
                continue
            pending[item.id] = (pos, key)
            keep_text(output, item, warn)
            yield item

    try:
        articles = todo()
        first = next(articles, None)
        if first is not None:
            if nlp is None:
                t0 = time.perf_counter()
                nlp = _load(model)
                summary.load_seconds = time.perf_counter() - t0
            summary.model_loaded = True
            from .annotate import WORKER_DIED, describe, process_articles

            summary.model = describe(nlp)
            if identity is not None and identity.describe != summary.model:
                warn(f"the loaded pipeline is {summary.model}, expected {identity.describe}: "
                     "its results are not kept for reruns")
                identity = None
            t0 = time.perf_counter()
            stream = process_articles(nlp, _chain_first(first, articles), batch_size=batch_size, workers=workers,
                                      model=model)
            for result in stream:
                pos, key = pending.pop(result.article.id)
                if result.status == "ok":
                    summary.processed += 1
                    summary.words += len(result.article.text.split())
                else:
                    summary.failed += 1
                    warn(_failure_message(result))
                transient = result.status.startswith((WORKER_DIED, "error: MemoryError"))
                if key is None or identity is None or transient:
                    store.put_uncached(result, pos, replaces_stored=True)  # type: ignore[union-attr]
                else:
                    store.put(result, key, pos)  # type: ignore[union-attr]
                advance(1)
            summary.annotate_seconds = time.perf_counter() - t0
        if store is None:
            raise NoArticles(f"no articles (.txt, .jsonl, .csv, .html) found in {', '.join(map(str, inputs))}")
        missing = store.finish(keep_missing)
        summary.kept, summary.removed = (missing, 0) if keep_missing else (0, missing)
        write_tables_from_store(store, output, summary, keep_missing, style, workbook)
    finally:
        if store is not None:
            store.close()
    summary.elapsed = time.perf_counter() - started
    return summary


def _failure_message(result: ArticleResult) -> str:
    """The warning for an article the pipeline failed on: its file and the problem, each said once."""
    art, message = result.article, result.status.removeprefix("error: ")
    return message if message.startswith(art.source) else f"{art.source} (article {art.id!r}): {message}"


def _file_stats(output: Path, names: Iterable[str]) -> dict[str, list[int]] | None:
    stats = {}
    for name in names:
        try:
            st = (Path(output) / name).stat()
        except OSError:
            return None
        stats[name] = [st.st_size, st.st_mtime_ns]
    return stats


def write_tables_from_store(store: ResultStore, output: Path, summary: RunSummary, keep_missing: bool,
                            style: CsvStyle, workbook: bool) -> None:
    """Write the tables from the store in one pass, unless the tables already in ``output`` are exactly what
    this run would write (same articles, results, sources, dialect; files untouched since): a rerun without
    changes then writes nothing (the workbook of 1,000 articles takes seconds to write)."""
    remove_stale_temporaries(output)  # of a run killed while writing (this run holds the lock)
    names = list(TABLE_COLUMNS) + ([WORKBOOK_NAME] if workbook else [])
    settings = json.dumps([style.sep, style.decimal, style.safe, workbook and workbook_format()])
    fingerprint = store.tables_fingerprint(keep_missing, settings)
    state = store.written_tables()
    if not workbook:
        (Path(output) / WORKBOOK_NAME).unlink(missing_ok=True)  # a workbook of an earlier run would be stale
    if state and state.fingerprint == fingerprint and _file_stats(output, names) == state.files:
        totals = state.totals
    else:
        total = ok = dates = quotes = 0
        with TableWriter(output, style, workbook) as tables:
            for art_id, rows in store.iter_rows(keep_missing):
                tables.add_rendered(art_id, rows)
                total, ok = total + 1, ok + (rows.status == "ok")
                dates, quotes = dates + rows.n_dates, quotes + rows.n_quotes
            totals = TableTotals(total=total, ok=ok, dates=dates, quotes=quotes, counts=tables.commit())
    store.record_tables(WrittenTables(fingerprint=fingerprint, files=_file_stats(output, names) or {},
                                      totals=totals, keep_missing=keep_missing, run=store.run))
    summary.total, summary.ok, summary.dates, summary.quotes = totals.total, totals.ok, totals.dates, totals.quotes
    summary.counts = dict(totals.counts)
    summary.persons = summary.counts.get("persons.csv", 0)
    summary.places = summary.counts.get("places.csv", 0)
    summary.organizations = summary.counts.get("organizations.csv", 0)


def keep_text(output: Path, article: Article, warn: Callable[[str], None], only_if_missing: bool = False) -> None:
    """An HTML page's extracted text, which its offsets refer to, goes to ``OUTPUT/texts/<id>.txt`` (UTF-8). A file
    that cannot be written (disk full, permissions) is reported; the article's rows are still written."""
    if article.format != "html" or not article.text:
        return
    path = Path(output) / text_file_name(article.id)
    if only_if_missing and path.is_file():
        return
    try:
        write_text_atomic(path, article.text)
    except OSError as err:
        warn(f"{article.source}: could not keep its extracted text as {path}: {err.strerror or err}")


def _chain_first(first: Article, rest: Iterator[Article]) -> Iterator[Article]:
    yield first
    yield from rest
