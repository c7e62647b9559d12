"""One `pipeline run`: read -> skip what is unchanged -> annotate the rest (in parallel) -> store -> write tables.

Everything streams: articles are read one at a time, each result goes to the result store
(:mod:`pipeline.store`) as soon as it is ready, with its table rows (the store is opened with the writer's
renderer, :func:`pipeline.write.table_row_renderer`), and the CSV tables are written in one pass over the store's
rows. Only articles that are new, changed, or whose model or extraction code changed are annotated; if there are
none, the spaCy pipeline is not even loaded (nor spaCy imported).
"""
from __future__ import annotations

import dataclasses
import json
import os
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Iterable, Iterator, Optional

from .report import ReportSummary, write_report
from .read import Ids, ReadError, read_file, read_inputs
from .remote import RemoteUnit
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


def count_articles(inputs: Iterable[Path | str]) -> int:
    """A quick estimate of the number of articles (for the progress bar): .txt/.html files plus non-blank .jsonl
    lines and .csv lines (cells with line breaks count too often), without decoding anything; a remote file
    (URL input) counts as one."""
    from .read import discover

    total = 0
    for item in discover(inputs):
        if isinstance(item, (ReadError, RemoteUnit)):
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


REMOTE_POSITIONS = 1 << 32  # the places in the inputs a remote file's articles may take (counted when it is read)


def run_batch(inputs: Iterable[Path | str], output: Path, model: str | None = None, batch_size: int = 16,
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

    inputs: list[Path | str]  # local paths and URLs (pipeline.remote)
    output: Path
    model: str | None
    force: bool
    warn: Callable[[str], None]
    advance: Callable[[int], None]
    scheduler: Optional[str] = None  # a Dask scheduler's address, or "local"
    store: Optional[ResultStore] = None
    pending: dict[str, tuple[int, Optional[str]]] = field(default_factory=dict)  # id -> (position, cache key)
    ids: Ids = field(default_factory=Ids)  # the article ids of this run's inputs so far
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
        or moved/copied: the same content) are recorded on the way. A remote file (a URL input) is skipped
        unread when it is unchanged since its last reading; on a cluster, a changed one is sent to be read by a
        worker (a :class:`pipeline.cluster.RemoteTask` in the stream), else it is read here."""
        ids, position = self.ids, 0
        for item in read_inputs(self.inputs, warn=self.warn, ids=ids, defer_remote=True):
            self._store()
            if isinstance(item, RemoteUnit):
                yield from self._plan_remote(item, position, ids)
                position += REMOTE_POSITIONS
                continue
            if self._plan_item(item, position):
                yield item
            position += 1

    def _plan_item(self, item: Article | ReadError, position: int) -> bool:
        """Record a read error or an article whose result is stored; True for an article to annotate."""
        store = self._store()
        if isinstance(item, ReadError):
            self._unreadable(item, position)
            return False
        key = self._key(item)
        stored = store.lookup(item.id)
        if key is not None and stored is not None and stored.key == key and not self.force:
            store.touch(item, position, stored)
            self._reused(item, stored.status)
        elif key is not None and stored is None and not self.force and store.adopt(item, key, position):
            self._reused(item, "ok")  # moved, renamed or copied: the result of the same content
        else:
            self.pending[item.id] = (position, key)
            keep_text(self.output, item, self.warn)
            return True
        return False

    def _key(self, article: Article) -> Optional[str]:
        return result_key(article, self.identity.key, self.settings) if self.identity else None

    def _remote_version(self, unit: RemoteUnit) -> str:
        """A remote file's version with the model and settings its articles' keys were made with."""
        return json.dumps([unit.version, self.identity.key if self.identity else "", self.settings])

    def _plan_remote(self, unit: RemoteUnit, position: int, ids: Ids) -> Iterator:
        """A remote file: its articles' stored results (and its read errors again) when it is unchanged; else a
        task for a worker (on a cluster) or its articles, read here."""
        store = self._store()
        version = self._remote_version(unit)
        last = store.remote_file(unit.file.url)
        known = self._verified(last[1], ids) if last is not None and self.identity and not self.force else None
        if known is not None and last[0] == version:
            for k, (entry, stored) in enumerate(known):
                if stored is None:
                    self._unreadable(ids.unique(ReadError(*entry[1:]), self.warn), position + k)
                    continue
                article = Article(id=entry[1], text="", source=stored.source)
                ids.seen[article.id] = stored.source
                store.touch(article, position + k, stored)
                self._reused(article, stored.status)
            store.record_remote_file(unit.file.url, version, last[1])
            return
        if self.scheduler:
            from .cluster import RemoteTask

            previous = {entry[1]: stored.key for entry, stored in known or [] if stored is not None}
            yield RemoteTask(unit, position, previous, self.identity.key if self.identity else "", self.settings)
            return
        entries: Optional[list] = []
        for k, item in enumerate(read_file(unit.file, unit.file_id, self.warn)):
            item = ids.unique(item, self.warn)
            if self._plan_item(item, position + k):
                yield item
            entries = _entry(entries, item, self._key(item) if isinstance(item, Article) else None)
        store.record_remote_file(unit.file.url, version, entries)

    def _verified(self, entries: list, ids: Ids) -> Optional[list]:
        """(entry, stored result or None for a read error) of a remote file's last reading when every article
        still has its stored result and its id is free in this run; else None."""
        store, verified = self._store(), []
        for entry in entries:
            if entry[0] == "error":
                verified.append((entry, None))
                continue
            stored = store.lookup(entry[1])
            if stored is None or stored.key != entry[2] or entry[1] in ids.seen:
                return None
            verified.append((entry, stored))
        return verified

    def _remote_read(self, read, ids: Ids) -> None:
        """What a worker made of a remote file: each item recorded as if read here, at the file's place."""
        for message in read.warnings:
            self.warn(message)
        task, entries = read.task, []
        for k, item in enumerate(read.items):
            position = task.position + k
            if isinstance(item, ReadError):
                item = ids.unique(item, self.warn)
                self._unreadable(item, position)
                entries = _entry(entries, item, None)
                continue
            result = item if isinstance(item, ArticleResult) else None
            article = ids.unique(result.article if result else item, self.warn)
            key = self._key(article)
            if result is not None:
                keep_text(self.output, article, self.warn)
                self.pending[article.id] = (position, key)
                cached = self._keep(dataclasses.replace(result, article=article))
            else:
                cached = self._plan_item(article, position) is False
                if not cached:  # (its stored result is gone: it was read unchanged but cannot be reused)
                    self._keep(ArticleResult(article=article, status="error: the worker found it unchanged, but "
                                                                        "its stored result is gone; run again"))
            entries = _entry(entries, article, key if cached else None)
        self._store().record_remote_file(task.unit.file.url, self._remote_version(task.unit), entries)

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
        from .cluster import RemoteRead, annotate_on_cluster

        summary = self.summary
        expected = self.identity.describe if self.identity else None
        t0 = time.perf_counter()

        def connected(n: int) -> None:
            # the cluster's start (a local one), the workers' model loads: the "model load" of this run
            nonlocal t0
            summary.cluster_workers = n
            summary.load_seconds = time.perf_counter() - t0
            t0 = time.perf_counter()

        ids = self.ids
        for result in annotate_on_cluster(articles, self.scheduler, workers=workers, model=self.model,
                                          batch_size=batch_size, on_connect=connected):
            if isinstance(result, RemoteRead):
                for item in result.items:
                    if isinstance(item, ArticleResult):
                        self._check_model(item, expected)
                self._remote_read(result, ids)
                continue
            self._check_model(result, expected)
            self._keep(result)
        summary.annotate_seconds = time.perf_counter() - t0

    def _check_model(self, result: ArticleResult, expected: Optional[str]) -> None:
        """The model a cluster's worker used: the run's model (said once); results of another model than this
        machine's are not kept for reruns."""
        summary = self.summary
        if result.model and not summary.model_loaded:
            summary.model, summary.model_loaded = result.model, True
        if result.model and expected and result.model != expected and self.identity is not None:
            self.warn(f"the cluster's workers use {result.model}, this machine {expected}: their results are "
                      "not kept for reruns")
            self.identity = None

    def _keep(self, result: ArticleResult) -> bool:
        """Store a new result at its planned place; True if it is kept for reruns."""
        from .annotate import WORKER_DIED

        position, key = self.pending.pop(result.article.id)
        if result.status == "ok":
            self.summary.processed += 1
            self.summary.words += len(result.article.text.split())
        else:
            self.summary.failed += 1
            self.warn(_failure_message(result))
        transient = result.status.startswith((WORKER_DIED, "error: MemoryError"))
        cached = not (key is None or self.identity is None or transient)
        if cached:
            self._store().put(result, key, position)
        else:
            self._store().put_uncached(result, position, replaces_stored=True)
        self.advance(1)
        return cached

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


def _entry(entries: Optional[list], item: Article | ReadError, key: Optional[str]) -> Optional[list]:
    """A remote file's manifest (what :meth:`ResultStore.record_remote_file` keeps) with one more item: an article
    with its cache key, or a read error; None once an article is not kept for reruns (the file is read again)."""
    if entries is None:
        return None
    if isinstance(item, ReadError):
        entries.append(("error", item.id, item.source, item.message))
    elif key is None:
        return None
    else:
        entries.append(("article", item.id, key))
    return entries


def _chain_first(first: Article, rest: Iterator[Article]) -> Iterator[Article]:
    yield first
    yield from rest
