"""A `pipeline run` killed with SIGKILL leaves nothing behind (issue #12): its forked workers end with it and never
hold the output directory's lock, and the rerun resumes and writes the same tables as a clean run.

Real processes, no mocks; every wait has a timeout. The end-to-end test needs Linux (/proc, PR_SET_PDEATHSIG).
"""
from __future__ import annotations

import contextlib
import multiprocessing
import os
import re
import shutil
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from pipeline import annotate
from pipeline.store import CACHE_DIRNAME, DB_NAME, LOCK_NAME, ResultStore, StoreBusy
from pipeline.write import table_row_renderer

PROJECT_ROOT = Path(__file__).resolve().parents[1]
LINUX = sys.platform.startswith("linux") and Path("/proc/self/task").is_dir()
HAS_FORK = "fork" in multiprocessing.get_all_start_methods()
needs_linux = pytest.mark.skipif(not LINUX, reason="needs Linux: /proc and prctl(PR_SET_PDEATHSIG)")
needs_fork = pytest.mark.skipif(not HAS_FORK, reason="needs the fork start method (POSIX)")

N_ARTICLES = 16
BUDGET = 55.0  # seconds for the whole end-to-end test (a clean run, a killed one and its rerun: ~15 s)
GONE_WITHIN = 5.0  # seconds for the workers to end after the main process was killed


# ----------------------------------------------------------------------------------------------- processes

def _alive(pid: int) -> bool:
    """Whether ``pid`` runs (a zombie has ended: it only waits to be reaped)."""
    if LINUX:
        try:
            stat = Path(f"/proc/{pid}/stat").read_text()
        except OSError:
            return False
        return stat.rpartition(")")[2].split()[0] not in ("Z", "X")
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # pragma: no cover
        return True
    return True


def _descendants(pid: int) -> set[int]:
    """Children, grandchildren, … of ``pid`` (from /proc/<pid>/task/*/children)."""
    found: set[int] = set()
    todo = [pid]
    while todo:
        for task in Path(f"/proc/{todo.pop()}/task").glob("*"):
            with contextlib.suppress(OSError):
                kids = {int(x) for x in (task / "children").read_text().split()} - found
                found |= kids
                todo += kids
    return found


def _wait_gone(pids, timeout: float) -> set[int]:
    """The pids still alive after at most ``timeout`` seconds."""
    deadline = time.monotonic() + timeout
    alive = {p for p in pids if _alive(p)}
    while alive and time.monotonic() < deadline:
        time.sleep(0.05)
        alive = {p for p in alive if _alive(p)}
    return alive


def _kill(pids) -> None:
    for pid in pids:
        with contextlib.suppress(ProcessLookupError, PermissionError):
            os.kill(pid, signal.SIGKILL)


# ----------------------------------------------------------------------------------- unit: lock, parent death

def _locked_lock_files() -> list[str]:
    """This process's open descriptors of a store's lock file."""
    fds = []
    for fd in os.listdir("/proc/self/fd"):
        with contextlib.suppress(OSError):
            if os.readlink(f"/proc/self/fd/{fd}").endswith(f"{CACHE_DIRNAME}/{LOCK_NAME}"):
                fds.append(fd)
    return fds


def _worker_like(parent_pid: int, ready, stop, report) -> None:
    annotate._init_worker(parent_pid)  # what every worker of the pool runs first
    report.put(_locked_lock_files() if LINUX else [])
    ready.set()
    stop.wait(30)


@needs_fork
def test_a_forked_worker_does_not_keep_the_lock(tmp_path):
    ctx = multiprocessing.get_context("fork")
    ready, stop, report = ctx.Event(), ctx.Event(), ctx.SimpleQueue()
    store = ResultStore(tmp_path, table_row_renderer())
    child = ctx.Process(target=_worker_like, args=(os.getpid(), ready, stop, report))
    child.start()
    try:
        assert ready.wait(10), "the forked process did not start"
        assert report.get() == [], "the forked process kept the lock file open"
        store.close()
        assert child.is_alive()
        ResultStore(tmp_path, table_row_renderer()).close()  # no StoreBusy: the living child holds no lock
        assert child.is_alive()
    finally:
        stop.set()
        child.join(10)
        if child.is_alive():  # pragma: no cover
            child.kill()
            child.join(5)
    # the parent's own lock still excludes a second store in the same process
    with ResultStore(tmp_path, table_row_renderer()):
        with pytest.raises(StoreBusy):
            ResultStore(tmp_path, table_row_renderer())


def _grandchild(parent_pid: int, ready, use_prctl: bool) -> None:
    if not use_prctl:
        annotate._set_parent_death_signal = lambda: False  # the fallback: a thread polling the parent's pid
        annotate.PARENT_POLL_SECONDS = 0.1
    annotate._init_worker(parent_pid)
    ready.set()
    time.sleep(60)


def _intermediate(ready, report, use_prctl: bool) -> None:
    ctx = multiprocessing.get_context("fork")
    worker = ctx.Process(target=_grandchild, args=(os.getpid(), ready, use_prctl))
    worker.start()
    report.put(worker.pid)
    time.sleep(60)


@needs_fork
@pytest.mark.parametrize("use_prctl", [pytest.param(True, marks=needs_linux), False], ids=["prctl", "poll"])
def test_a_worker_ends_when_its_parent_is_killed(use_prctl):
    ctx = multiprocessing.get_context("fork")
    ready, report = ctx.Event(), ctx.SimpleQueue()
    parent = ctx.Process(target=_intermediate, args=(ready, report, use_prctl))
    parent.start()
    worker_pid = None
    try:
        assert ready.wait(10), "the worker did not start"
        worker_pid = report.get()
        assert _alive(worker_pid)
        parent.kill()  # SIGKILL: nothing of the parent runs any more
        parent.join(5)
        assert not _wait_gone([worker_pid], GONE_WITHIN), "the worker outlived its parent"
    finally:
        if parent.is_alive():  # pragma: no cover
            parent.kill()
            parent.join(5)
        if worker_pid is not None:
            _kill(_wait_gone([worker_pid], 0))


# ----------------------------------------------------------------------------------------- end to end: kill -9

def _command(inputs: Path, out: Path) -> list[str]:
    return [sys.executable, "-c", "from pipeline.cli import main; main()", "run", str(inputs), "--output", str(out),
            "-j", "2", "--no-progress"]


def _stored(out: Path) -> int:
    """Results committed to the store so far (0 while it does not exist yet)."""
    db = out / CACHE_DIRNAME / DB_NAME
    if not db.exists():
        return 0
    try:
        con = sqlite3.connect(f"{db.as_uri()}?mode=ro", uri=True, timeout=1)
        try:
            return con.execute("SELECT COUNT(*) FROM results").fetchone()[0]
        finally:
            con.close()
    except sqlite3.Error:
        return 0


def _tables(out: Path) -> dict[str, bytes]:
    names = sorted(p.name for p in out.glob("*.csv")) + (["tables.xlsx"] if (out / "tables.xlsx").exists() else [])
    return {name: (out / name).read_bytes() for name in names}


def _start_and_kill(inputs: Path, out: Path, log: Path, timeout: float) -> int:
    """Start a run, kill -9 its main process once its workers run and some results are stored; assert that no
    process is left behind. Returns how many results were stored before the kill."""
    with open(log, "wb") as fh:
        proc = subprocess.Popen(_command(inputs, out), cwd=PROJECT_ROOT, stdout=fh, stderr=subprocess.STDOUT,
                                start_new_session=True)
    try:
        deadline = time.monotonic() + timeout
        workers: set[int] = set()
        stored = 0
        while time.monotonic() < deadline and proc.poll() is None:
            workers = _descendants(proc.pid)
            stored = _stored(out) if len(workers) >= 2 else 0
            if stored:
                break
            time.sleep(0.05)
        assert proc.poll() is None, f"the run ended before it could be killed:\n{log.read_text()}"
        assert len(workers) >= 2 and stored, f"no workers and stored results within {timeout:.0f} s:\n{log.read_text()}"
        assert stored < N_ARTICLES, "the run was done before it was killed"
        workers |= _descendants(proc.pid)
        os.kill(proc.pid, signal.SIGKILL)  # only the main process
        proc.wait(5)
        survivors = _wait_gone(workers, GONE_WITHIN)
        assert not survivors, f"worker processes {sorted(survivors)} outlived the killed run"
        return stored
    finally:
        with contextlib.suppress(ProcessLookupError, PermissionError):
            os.killpg(proc.pid, signal.SIGKILL)  # whatever is left of the run's process group
        if proc.poll() is None:  # pragma: no cover
            proc.kill()
            proc.wait(5)


def _summary_count(stdout: str, label: str) -> int:
    match = re.search(rf"{re.escape(label)}\s+([\d,]+)", stdout)
    assert match, f"no {label!r} in the summary:\n{stdout}"
    return int(match.group(1).replace(",", ""))


@needs_linux
def test_a_run_killed_with_sigkill_leaves_no_process_and_its_rerun_resumes(tmp_path, seeds_dir):
    seeds = sorted(seeds_dir.glob("*.txt"))
    assert seeds, "no seed articles"
    inputs = tmp_path / "in"
    inputs.mkdir()
    for i in range(N_ARTICLES):
        seed = seeds[i % len(seeds)]
        shutil.copyfile(seed, inputs / f"{i:02d}_{seed.name}")

    end = time.monotonic() + BUDGET
    left = lambda: max(1.0, end - time.monotonic())  # noqa: E731

    clean = tmp_path / "clean"
    done = subprocess.run(_command(inputs, clean), cwd=PROJECT_ROOT, capture_output=True, text=True, timeout=left())
    assert done.returncode == 0, done.stderr
    expected = _tables(clean)
    assert "articles.csv" in expected

    out = tmp_path / "out"
    stored = _start_and_kill(inputs, out, tmp_path / "killed.log", timeout=left())

    rerun = subprocess.run(_command(inputs, out), cwd=PROJECT_ROOT, capture_output=True, text=True, timeout=left())
    assert rerun.returncode == 0, rerun.stderr  # not refused: no worker holds the lock
    assert _summary_count(rerun.stdout, "skipped (unchanged)") >= stored  # resumed, not started afresh
    assert _summary_count(rerun.stdout, "articles processed") <= N_ARTICLES - stored
    assert _tables(out) == expected
