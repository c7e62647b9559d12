"""Issue #17: `pipeline run --scheduler` on a real Dask engine, no mocks.

A real ``dask scheduler`` and two ``dask worker`` processes are started on loopback (127.0.0.1, random ports, no
dashboard, bounded waits) and torn down when the module ends. On the seeds plus 150 short replicated articles the
tables are byte-identical to a one-process run; a rerun submits nothing; one new article submits one; a worker
killed mid-run costs nothing but its tasks being run again (identical tables). ``--scheduler local`` on the seeds
gives the tables of a one-process run too."""
from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from typer.testing import CliRunner

from pipeline.batch import run_batch
from pipeline.cli import app
from pipeline.write import TABLE_COLUMNS

distributed = pytest.importorskip("distributed", reason="needs dask distributed (pip install '.[test]')")

SEEDS = Path(__file__).resolve().parents[1] / "seeds"
START_SECONDS = 90
TOWNS = ["Köln", "Bremen", "Kassel", "Erfurt", "Passau", "Rostock", "Ulm", "Trier", "Jena", "Kiel"]


def _inputs(folder: Path, n: int = 150) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for seed in sorted(SEEDS.glob("*.txt")):
        (folder / seed.name).write_text(seed.read_text(encoding="utf-8"), encoding="utf-8")
    for i in range(n):
        town = TOWNS[i % len(TOWNS)]
        (folder / f"kurz-{i:03d}.txt").write_text(
            f"Meldung {i} aus {town}\n\n„Wir bauen die Brücke {i}“, sagte die Bürgermeisterin Anna Berg in {town}. "
            f"Der Stadtrat berät am Montag über den Plan, teilte ein Sprecher mit.\n", encoding="utf-8")
    return folder


def _tables(out: Path) -> dict[str, bytes]:
    return {name: (out / name).read_bytes() for name in TABLE_COLUMNS}


def _wait_for(path: Path, process: subprocess.Popen, what: str) -> None:
    deadline = time.monotonic() + START_SECONDS
    while not path.is_file() or not path.read_text(encoding="utf-8").strip():
        if process.poll() is not None or time.monotonic() > deadline:
            raise RuntimeError(f"the {what} did not start")
        time.sleep(0.2)


@pytest.fixture(scope="module")
def engine(tmp_path_factory):
    """(scheduler address, worker processes): a scheduler and two single-threaded workers on 127.0.0.1."""
    root = tmp_path_factory.mktemp("dask")
    scheduler_file = root / "scheduler.json"
    env = dict(os.environ, DASK_DISTRIBUTED__WORKER__DAEMON="False")
    common = ["--no-dashboard", "--dashboard-address", "127.0.0.1:0"]  # its HTTP server too: loopback, random port
    procs = [subprocess.Popen([sys.executable, "-m", "distributed.cli.dask_scheduler", "--host", "127.0.0.1",
                               "--port", "0", "--scheduler-file", str(scheduler_file), *common],
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env)]
    try:
        _wait_for(scheduler_file, procs[0], "Dask scheduler")
        workers = [subprocess.Popen([sys.executable, "-m", "distributed.cli.dask_worker", "--scheduler-file",
                                     str(scheduler_file), "--host", "127.0.0.1", "--nthreads", "1", "--no-nanny",
                                     "--memory-limit", "0", "--death-timeout", "60", *common],
                                    stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env)
                   for _ in range(2)]
        procs += workers
        import json

        address = json.loads(scheduler_file.read_text(encoding="utf-8"))["address"]
        assert address.startswith("tcp://127.0.0.1:")
        with distributed.Client(address, timeout=START_SECONDS) as client:
            client.wait_for_workers(2, timeout=START_SECONDS)
        yield address, workers
    finally:
        for proc in reversed(procs):
            if proc.poll() is None:
                proc.terminate()
        for proc in procs:
            try:
                proc.wait(timeout=20)
            except subprocess.TimeoutExpired:
                proc.kill()


@pytest.fixture(scope="module")
def corpus(nlp, tmp_path_factory):
    """The inputs and the tables of a one-process run over them."""
    root = tmp_path_factory.mktemp("corpus")
    inputs = _inputs(root / "in")
    summary = run_batch([inputs], root / "one", nlp=nlp, workers=1, workbook=False, report=False)
    assert summary.ok == 155
    return inputs, _tables(root / "one")


def test_a_tcp_cluster_gives_the_tables_of_one_process(engine, corpus, tmp_path):
    address, _ = engine
    inputs, expected = corpus
    out = tmp_path / "out"
    summary = run_batch([inputs], out, scheduler=address, workbook=False, report=False)
    assert summary.processed == 155 and summary.failed == 0 and summary.cluster_workers == 2
    assert _tables(out) == expected
    # a rerun submits nothing (and never connects: nothing is new)
    again = run_batch([inputs], out, scheduler=address, workbook=False, report=False)
    assert again.processed == 0 and again.skipped == 155 and again.cluster_workers == 0
    # one new article: one submitted
    (inputs / "neu.txt").write_text("Neu\n\n„Wir eröffnen die Brücke“, sagte der Bürgermeister Tim Krause.\n",
                                    encoding="utf-8")
    try:
        third = run_batch([inputs], out, scheduler=address, workbook=False, report=False)
        assert third.processed == 1 and third.skipped == 155
        assert "Tim Krause" in (out / "quotes.csv").read_text(encoding="utf-8-sig")
    finally:
        (inputs / "neu.txt").unlink()


def test_a_worker_killed_mid_run_costs_nothing(engine, corpus, tmp_path):
    address, workers = engine
    inputs, expected = corpus
    done = []

    def advance(n: int) -> None:
        done.append(n)
        if len(done) == 20:  # well inside the run: kill -9 one of the two workers
            os.kill(workers[1].pid, signal.SIGKILL)

    out = tmp_path / "out"
    summary = run_batch([inputs], out, scheduler=address, workbook=False, report=False, advance=advance)
    assert workers[1].wait(timeout=20) == -signal.SIGKILL
    assert summary.processed == 155 and summary.failed == 0
    assert _tables(out) == expected


def test_scheduler_local_on_the_seeds(nlp, tmp_path):
    one = tmp_path / "one"
    run_batch([SEEDS], one, nlp=nlp, workers=1, workbook=False, report=False)
    result = CliRunner().invoke(app, ["run", str(SEEDS), "--output", str(tmp_path / "local"), "--scheduler", "local",
                                      "--workers", "2", "--no-workbook", "--no-report", "--no-progress"])
    assert result.exit_code == 0, result.output
    assert "2 Dask workers" in result.output
    assert _tables(tmp_path / "local") == _tables(one)


def test_an_unreachable_scheduler_is_a_clear_error(tmp_path, monkeypatch):
    import socket

    import pipeline.cluster

    with socket.socket() as s:  # a port nobody listens on
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    monkeypatch.setattr(pipeline.cluster, "CONNECT_SECONDS", 3)
    result = CliRunner().invoke(app, ["run", str(SEEDS), "--output", str(tmp_path / "x"), "--scheduler",
                                      f"tcp://127.0.0.1:{port}", "--no-progress"])
    assert result.exit_code == 1
    assert f"could not run on the Dask scheduler tcp://127.0.0.1:{port}" in result.output
