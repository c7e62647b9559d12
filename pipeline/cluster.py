"""Stage 2 on a Dask cluster (``pipeline run --scheduler ADDRESS|local``): the same annotation as
:func:`pipeline.annotate.process_articles`, with the batches sent to the workers of a Dask distributed scheduler
instead of forked processes. Imported only when ``--scheduler`` is given (no Dask import otherwise).

- ``local`` starts a :class:`distributed.LocalCluster` of ``workers`` single-threaded processes listening on
  127.0.0.1 only (random ports, also for their HTTP servers), closed when the run ends; any other address
  (``tcp://host:8786``) is an existing scheduler with its workers (``dask scheduler`` / ``dask worker``, dask-kubernetes, dask-jobqueue …).
- Every worker loads the spaCy pipeline once (:class:`ModelLoader`, a worker plugin: at registration for the workers
  there, at start-up for workers that join later) and annotates whole batches with the very function the forked
  workers run; plain :class:`~pipeline.types.ArticleResult` values come back.
- A file of a URL input (:mod:`pipeline.remote`) is one task (:class:`RemoteTask`): the worker reads it from its
  storage and annotates the articles whose cache key differs from the one the client last stored for their id
  (:func:`read_task`); what it made of the file comes back as one :class:`RemoteRead`, so the texts never pass
  through the client.
- Bounded: at most :data:`~pipeline.annotate.TASKS_PER_WORKER` × workers batches are in flight, collected in input
  order, so the client's memory stays flat however large the corpus. An article that fails is an error row (the
  batch function never raises for one); a task whose worker is lost is run again elsewhere by the scheduler, and a
  task that raises for another reason (a worker that cannot load the model) is retried :data:`RETRIES` times,
  then its articles become error rows. ``Ctrl-C`` cancels what is in flight; the store keeps what was collected.
"""
from __future__ import annotations

import collections
import gc
import logging
import uuid
from dataclasses import dataclass, field
from typing import Iterable, Iterator, Union

from distributed import Client, LocalCluster
from distributed.diagnostics.plugin import WorkerPlugin

from .annotate import TASKS_PER_WORKER, _annotate_batch, _warm_up, build_nlp, describe
from .read import ReadResult, read_file
from .remote import RemoteUnit
from .store import result_key
from .types import Article, ArticleResult, ReadError

log = logging.getLogger(__name__)

RETRIES = 2  # of a task that raised (not of an article that failed: that is an error row at once)
CONNECT_SECONDS = 30  # to reach the scheduler, and for a first worker to be there
_LOADED: dict[str | None, tuple] = {}  # in a worker process: model -> (nlp, description)


def _worker_pipeline(model: str | None):
    """The worker's pipeline for ``model``, built on first use and kept for the life of the worker process."""
    if model not in _LOADED:
        nlp = build_nlp(model)
        _LOADED[model] = (nlp, describe(nlp))
    return _LOADED[model]


@dataclass(frozen=True)
class RemoteTask:
    """A remote file for a worker to read and annotate (the client never reads it): its place in the inputs
    (``position``: of its first article), and the cache key of each article id it held when last read, with the
    model key and settings those keys were made with, so that its unchanged articles are not annotated again."""

    unit: RemoteUnit
    position: int
    known: dict[str, str] = field(default_factory=dict)
    model_key: str = ""
    settings: str = ""


@dataclass(frozen=True)
class RemoteRead:
    """What a worker made of a remote file, in the file's order: read errors, results of the articles it
    annotated, and the articles it found unchanged (by their cache key: not annotated); and the warnings of
    reading it (an encoding)."""

    task: RemoteTask
    items: list[Union[ReadError, ArticleResult, Article]]
    warnings: list[str]


Work = Union[Article, RemoteTask]  # what the client sends: an article, or a remote file


def read_task(task: RemoteTask, model: str | None) -> RemoteRead:
    """What a Dask worker runs for a remote file: read it (here, from its storage), annotate what is new."""
    warnings: list[str] = []
    items: list[ReadResult] = list(read_file(task.unit.file, task.unit.file_id, warnings.append))
    fresh = [i for i, item in enumerate(items) if isinstance(item, Article)
             and (item.id not in task.known or result_key(item, task.model_key, task.settings) != task.known[item.id])]
    out: list[Union[ReadError, ArticleResult, Article]] = list(items)
    if fresh:
        nlp, name = _worker_pipeline(model)
        for i, result in zip(fresh, _annotate_batch(nlp, [items[i] for i in fresh], name)):
            out[i] = result
    return RemoteRead(task, out, warnings)


def annotate_task(batch: list[Article], model: str | None) -> list[ArticleResult]:
    """What a Dask worker runs: one batch, the results in its order (failing articles as error rows)."""
    nlp, name = _worker_pipeline(model)
    return _annotate_batch(nlp, batch, name)


class ModelLoader(WorkerPlugin):
    """A Dask worker plugin that loads the spaCy pipeline when a worker starts (or when the plugin is registered
    with a running worker), so that the first batch does not wait for it and a worker that cannot load the model
    says so in its log at once."""

    name = "pipeline-model-loader"

    def __init__(self, model: str | None):
        self.model = model

    def setup(self, worker) -> None:
        nlp, _ = _worker_pipeline(self.model)
        _warm_up(nlp)  # the lexicons a first article loads, loaded now
        # the pipeline and its tables leave the collector's generations: a full collection would otherwise walk
        # these millions of objects again and again (as in the forked workers, pipeline.annotate)
        gc.collect()
        gc.freeze()


def _connect(scheduler: str, workers: int):
    """(client, cluster or None) for ``scheduler``: "local" starts a LocalCluster of ``workers`` processes."""
    if scheduler == "local":
        import dask

        # the nannies start their workers with glibc's MALLOC_TRIM_THRESHOLD_=65536 (Dask's default, for workers
        # holding big arrays): memory given back after every free, which slows spaCy's many small allocations
        # (about 5 % measured); the other settings (one thread for OpenMP/MKL/OpenBLAS) stay
        environ = {k: v for k, v in dask.config.get("distributed.nanny.pre-spawn-environ", {}).items()
                   if k != "MALLOC_TRIM_THRESHOLD_"}
        with dask.config.set({"distributed.nanny.pre-spawn-environ": environ}):
            cluster = LocalCluster(n_workers=workers, threads_per_worker=1, processes=True, host="127.0.0.1",
                                   dashboard_address="127.0.0.1:0", worker_dashboard_address="127.0.0.1:0",
                                   scheduler_port=0, silence_logs=logging.WARNING, memory_limit=0)
        return Client(cluster, timeout=CONNECT_SECONDS), cluster
    return Client(scheduler, timeout=CONNECT_SECONDS), None


def cluster_workers(client) -> int:
    return len(client.scheduler_info().get("workers", {}))


def _tasks(work: Iterable[Work], chunk: int) -> Iterator[Union[list[Article], RemoteTask]]:
    """The work as tasks in input order: articles in lists of ``chunk``, a remote file as one task."""
    batch: list[Article] = []
    for item in work:
        if isinstance(item, RemoteTask):
            if batch:
                yield batch
                batch = []
            yield item
            continue
        batch.append(item)
        if len(batch) >= chunk:
            yield batch
            batch = []
    if batch:
        yield batch


def annotate_on_cluster(work: Iterable[Work], scheduler: str, workers: int = 1, model: str | None = None,
                        batch_size: int = 16, on_connect=None) -> Iterator[Union[ArticleResult, RemoteRead]]:
    """Annotate ``work`` on the Dask cluster at ``scheduler`` (or a local one): a result per article, a
    :class:`RemoteRead` per remote file, in input order. ``on_connect(n)`` is told how many workers the cluster
    has once connected."""
    client, cluster = _connect(scheduler, workers)
    window: collections.deque = collections.deque()
    try:
        client.register_plugin(ModelLoader(model))
        client.wait_for_workers(1, timeout=CONNECT_SECONDS)
        n = max(1, cluster_workers(client))
        if on_connect is not None:
            on_connect(n)
        # small tasks keep every worker busy to the end (as the forked workers: a quarter of a batch)
        chunk = max(1, batch_size // TASKS_PER_WORKER)
        for task in _tasks(work, chunk):
            key = f"pipeline-annotate-{uuid.uuid4().hex}"
            run = read_task if isinstance(task, RemoteTask) else annotate_task
            window.append((task, client.submit(run, task, model, key=key, retries=RETRIES, pure=False)))
            while len(window) >= TASKS_PER_WORKER * max(n, cluster_workers(client)):
                yield from _collect(window)
        while window:
            yield from _collect(window)
    finally:
        pending = [future for _, future in window]
        if pending:
            client.cancel(pending)
        client.close()
        if cluster is not None:
            cluster.close()


def _collect(window: collections.deque) -> list[Union[ArticleResult, RemoteRead]]:
    task, future = window.popleft()
    try:
        result = future.result()
    except Exception as err:  # noqa: BLE001 - the retries are spent: the task's articles become error rows
        if isinstance(task, RemoteTask):
            log.error("reading %s failed on the cluster: %s", task.unit.file, err)
            error = ReadError(task.unit.file_id, str(task.unit.file),
                              f"{task.unit.file}: cluster task failed: {type(err).__name__}: {err}")
            return [RemoteRead(task, [error], [])]
        log.error("a batch of %d articles failed on the cluster: %s", len(task), err)
        return [ArticleResult(article=a, status=f"error: cluster task failed: {type(err).__name__}: {err}")
                for a in task]
    return [result] if isinstance(task, RemoteTask) else result
