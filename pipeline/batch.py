"""One `pipeline run`: read -> skip what is unchanged -> annotate the rest (in parallel) -> store -> write tables.

Everything streams: articles are read one at a time, each result goes to the result store
(:mod:`pipeline.store`) as soon as it is ready, with its table rows (the store is opened with the writer's
renderer, :func:`pipeline.write.table_row_renderer`), and the CSV tables are written in one pass over the store's
rows. Only articles that are new, changed, or whose model or extraction code changed are annotated; if there are
none, the spaCy pipeline is not even loaded (nor spaCy imported).
"""
from __future__ import annotations

import json
import os
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Iterable, Iterator, Optional

from .report import ReportSummary, write_report
from .read import ReadError, read_inputs
from .store import (ModelIdentity, ResultStore, TableTotals, WrittenTables, extraction_version, model_identity,
                    result_key)
from .types import Article, ArticleResult
from .workbook import format_version as workbook_format
from .write import (TABLE_COLUMNS, WORKBOOK_NAME, CsvStyle, TableWriter, corpus_person_aliases, parquet_name,
                    remove_stale_temporaries, table_row_renderer, text_file_name, write_text_atomic)


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
    report: Optional[ReportSummary] = None  # the HTML report, unless --no-report
    cluster_workers: int = 0  # the Dask cluster's workers (--scheduler), 0 without one

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
              style: CsvStyle = CsvStyle(), workbook: bool = True, report: bool = True,
              scheduler: str | None = None, parquet: bool = False) -> RunSummary:
    """Bring the tables in ``output`` up to date with ``inputs``: plan (read, skip what is unchanged) -> annotate
    the rest -> store each result -> write the tables; see the module docstring.

    ``nlp``: an already loaded pipeline (else ``build_nlp(model)`` when the first article needs annotating).
    ``style``: the CSV dialect of the tables; ``workbook``: also write ``tables.xlsx``; ``report``: also bring the
    HTML report ``OUTPUT/report/`` up to date (:mod:`pipeline.report`); ``scheduler``: annotate on the Dask
    cluster at this address, or on a local one of ``workers`` processes for "local" (:mod:`pipeline.cluster`);
    ``parquet``: also write the tables as Parquet files (:mod:`pipeline.parquet`).
    ``warn``: called with a message for every unreadable or failed article. ``advance``: called with the number of
    articles done (read errors, unchanged and annotated ones), for a progress bar.
    Raises :class:`NoArticles`, :class:`ModelLoadError` or :class:`pipeline.store.StoreBusy`.
    """
    started = time.perf_counter()
    run = _Run(inputs=list(inputs), output=Path(output), model=model, force=force, warn=warn or (lambda m: None),
               advance=advance or (lambda n: None), scheduler=scheduler)
    try:
        run.annotate(run.plan(), nlp, batch_size=batch_size, workers=workers or default_workers())
        aliases = run.write(keep_missing, style, workbook, parquet)
        if report:
            try:
                run.summary.report = write_report(run.store, run.output, keep_missing, aliases)
            except OSError as err:  # the tables are written; a report that cannot be is said, not fatal
                run.warn(f"{run.output / 'report'}: could not write the HTML report: {err}")
    finally:
        run.close()
    run.summary.elapsed = time.perf_counter() - started
    return run.summary


@dataclass
class _Run:
    """The state of one run: what it reads, the store it records into, the articles sent to annotation (their
    place in the inputs and cache key, until their result is stored) and the summary it fills."""

    inputs: list[Path]
    output: Path
    model: str | None
    force: bool
    warn: Callable[[str], None]
    advance: Callable[[int], None]
    scheduler: Optional[str] = None  # a Dask scheduler's address, or "local"
    store: Optional[ResultStore] = None
    pending: dict[str, tuple[int, Optional[str]]] = field(default_factory=dict)  # id -> (position, cache key)
    summary: RunSummary = field(init=False)
    identity: Optional[ModelIdentity] = field(init=False)
    settings: str = field(init=False)

    def __post_init__(self) -> None:
        self.summary = RunSummary(output=self.output)
        self.identity = model_identity(self.model)
        self.settings = extraction_version()
        self.summary.model = self.identity.describe if self.identity else ""

    def _store(self) -> ResultStore:
        if self.store is None:
            self.store = ResultStore(self.output, table_row_renderer())  # the tables' rows, kept with each result
            self.store.begin_run()
        return self.store

    def plan(self) -> Iterator[Article]:
        """The articles to annotate, in input order; read errors and articles whose result is stored (unchanged,
        or moved/copied: the same content) are recorded on the way."""
        for position, item in enumerate(read_inputs(self.inputs, warn=self.warn)):
            store = self._store()
            if isinstance(item, ReadError):
                self._unreadable(item, position)
                continue
            key = result_key(item, self.identity.key, self.settings) if self.identity else None
            stored = store.lookup(item.id)
            if key is not None and stored is not None and stored.key == key and not self.force:
                store.touch(item, position, stored)
                self._reused(item, stored.status)
            elif key is not None and stored is None and not self.force and store.adopt(item, key, position):
                self._reused(item, "ok")  # moved, renamed or copied: the result of the same content
            else:
                self.pending[item.id] = (position, key)
                keep_text(self.output, item, self.warn)
                yield item

    def _unreadable(self, item: ReadError, position: int) -> None:
        self.warn(item.message)
        # replaces_stored: an article that became unreadable must not also stay as "kept" (--keep-missing)
        self._store().put_uncached(ArticleResult(article=Article(id=item.id, text="", source=item.source),
                                                 status=f"error: {item.message}"), position, replaces_stored=True)
        self.summary.failed += 1
        self.advance(1)

    def _reused(self, article: Article, status: str) -> None:
        keep_text(self.output, article, self.warn, only_if_missing=True)
        if status == "ok":
            self.summary.skipped += 1
        else:
            self.summary.failed += 1
            self.warn(f"{article.id}: {status} (unchanged since the last run)")
        self.advance(1)

    def annotate(self, articles: Iterator[Article], nlp, batch_size: int, workers: int) -> None:
        """Load the model when the first article needs it, annotate (in ``workers`` processes), store each
        result as it arrives."""
        first = next(articles, None)
        if first is None:
            return
        if self.scheduler:
            self._annotate_on_cluster(_chain_first(first, articles), batch_size, workers)
            return
        summary = self.summary
        if nlp is None:
            t0 = time.perf_counter()
            nlp = _load(self.model)
            summary.load_seconds = time.perf_counter() - t0
        summary.model_loaded = True
        from .annotate import describe, process_articles

        summary.model = describe(nlp)
        if self.identity is not None and self.identity.describe != summary.model:
            self.warn(f"the loaded pipeline is {summary.model}, expected {self.identity.describe}: "
                      "its results are not kept for reruns")
            self.identity = None
        t0 = time.perf_counter()
        for result in process_articles(nlp, _chain_first(first, articles), batch_size=batch_size, workers=workers,
                                       model=self.model):
            self._keep(result)
        summary.annotate_seconds = time.perf_counter() - t0

    def _annotate_on_cluster(self, articles: Iterator[Article], batch_size: int, workers: int) -> None:
        """The annotation on a Dask cluster: the workers load the model; this process only stores the results.
        A result made by another pipeline than the one this machine would use is kept for this run's tables only
        (a worker with another model installed)."""
        from .cluster import annotate_on_cluster

        summary = self.summary
        expected = self.identity.describe if self.identity else None
        t0 = time.perf_counter()

        def connected(n: int) -> None:
            # the cluster's start (a local one), the workers' model loads: the "model load" of this run
            nonlocal t0
            summary.cluster_workers = n
            summary.load_seconds = time.perf_counter() - t0
            t0 = time.perf_counter()

        for result in annotate_on_cluster(articles, self.scheduler, workers=workers, model=self.model,
                                          batch_size=batch_size, on_connect=connected):
            if result.model and not summary.model_loaded:
                summary.model, summary.model_loaded = result.model, True
            if result.model and expected and result.model != expected and self.identity is not None:
                self.warn(f"the cluster's workers use {result.model}, this machine {expected}: their results are "
                          "not kept for reruns")
                self.identity = None
            self._keep(result)
        summary.annotate_seconds = time.perf_counter() - t0

    def _keep(self, result: ArticleResult) -> None:
        from .annotate import WORKER_DIED

        position, key = self.pending.pop(result.article.id)
        if result.status == "ok":
            self.summary.processed += 1
            self.summary.words += len(result.article.text.split())
        else:
            self.summary.failed += 1
            self.warn(_failure_message(result))
        transient = result.status.startswith((WORKER_DIED, "error: MemoryError"))
        if key is None or self.identity is None or transient:
            self._store().put_uncached(result, position, replaces_stored=True)
        else:
            self._store().put(result, key, position)
        self.advance(1)

    def write(self, keep_missing: bool, style: CsvStyle, workbook: bool, parquet: bool = False
              ) -> dict[str, str] | None:
        """The tables from the store; the corpus-wide person names they merged, if they were written."""
        if self.store is None:
            raise NoArticles(f"no articles (.txt, .jsonl, .csv, .html) found in {', '.join(map(str, self.inputs))}")
        missing = self.store.finish(keep_missing)
        self.summary.kept, self.summary.removed = (missing, 0) if keep_missing else (0, missing)
        return write_tables_from_store(self.store, self.output, self.summary, keep_missing, style, workbook, parquet)

    def close(self) -> None:
        if self.store is not None:
            self.store.close()


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
                            style: CsvStyle, workbook: bool, parquet: bool = False) -> dict[str, str] | None:
    """Write the tables from the store in one pass, unless the tables already in ``output`` are exactly what
    this run would write (same articles, results, sources, dialect; files untouched since): a rerun without
    changes then writes nothing (the workbook of 1,000 articles takes seconds to write). Returns the person names
    merged across the corpus when the tables were written (the report merges the same), else None."""
    remove_stale_temporaries(output)  # of a run killed while writing (this run holds the lock)
    parquet_files = [parquet_name(n) for n in TABLE_COLUMNS]
    names = list(TABLE_COLUMNS) + ([WORKBOOK_NAME] if workbook else []) + (parquet_files if parquet else [])
    settings = json.dumps([style.sep, style.decimal, style.safe, workbook and workbook_format()] +
                          (["parquet"] if parquet else []))
    fingerprint = store.tables_fingerprint(keep_missing, settings)
    state = store.written_tables()
    if not workbook:
        (Path(output) / WORKBOOK_NAME).unlink(missing_ok=True)  # a workbook of an earlier run would be stale
    if not parquet:
        for name in parquet_files:
            (Path(output) / name).unlink(missing_ok=True)  # so would Parquet files
    aliases = None
    if state and state.fingerprint == fingerprint and _file_stats(output, names) == state.files:
        totals = state.totals
    else:
        total = ok = dates = quotes = 0
        # persons named by surname only join the corpus's one full name ending in it (a first, cheaper pass)
        aliases = corpus_person_aliases(store.iter_rows(keep_missing))
        with TableWriter(output, style, workbook, aliases, parquet=parquet) as tables:
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
    return aliases


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
