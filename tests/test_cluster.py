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
def s3():
    """The environment of an S3 service on 127.0.0.1 (moto's server, a random port, stopped at the end), or None
    without moto and s3fs: what the client and the workers read ``s3://`` inputs with."""
    try:
        import s3fs  # noqa: F401 - what fsspec reads s3:// with
        from moto.server import ThreadedMotoServer
    except ImportError:
        yield None
        return
    server = ThreadedMotoServer(ip_address="127.0.0.1", port=0, verbose=False)
    server.start()
    try:
        host, port = server.get_host_and_port()
        yield {"AWS_ACCESS_KEY_ID": "test", "AWS_SECRET_ACCESS_KEY": "test", "AWS_DEFAULT_REGION": "us-east-1",
               "AWS_ENDPOINT_URL": f"http://{host}:{port}"}
    finally:
        server.stop()


@pytest.fixture(scope="module")
def engine(tmp_path_factory, s3):
    """(scheduler address, worker processes): a scheduler and two single-threaded workers on 127.0.0.1 (which
    reach the S3 service of ``s3``, if there is one)."""
    root = tmp_path_factory.mktemp("dask")
    scheduler_file = root / "scheduler.json"
    env = dict(os.environ, DASK_DISTRIBUTED__WORKER__DAEMON="False", **(s3 or {}))
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


def _upload(fs, bucket: str, folder: Path) -> None:
    for path in sorted(folder.iterdir()):
        fs.pipe(f"{bucket}/in/{path.name}", path.read_bytes())
    fs.pipe(f"{bucket}/in/extra.jsonl", "\n".join([
        '{"id": "j1", "text": "„Der Hafen bleibt offen“, sagte die Senatorin Maria Lenz in Bremen."}',
        '{"id": "j2", "text": "Der Verband forderte, die Gebühren zu senken."}',
        '{"id": "j3"}']).encode("utf-8"))


def test_s3_inputs_are_read_by_the_workers(engine, s3, nlp, tmp_path, monkeypatch):
    """s3:// inputs on a TCP cluster: the workers read the files, the client only lists them; the tables equal
    those of a run that reads them itself; a rerun reads nothing; a changed line of a JSONL file costs one
    article."""
    if s3 is None:
        pytest.skip("needs moto and s3fs (pip install '.[test]') for an S3 service on loopback")
    import fsspec

    import pipeline.remote

    address, _ = engine
    for name, value in s3.items():
        monkeypatch.setenv(name, value)
    fs = fsspec.filesystem("s3", skip_instance_cache=True)
    fs.mkdir("news")
    _upload(fs, "news", _inputs(tmp_path / "local", n=30))
    here = run_batch(["s3://news/in/"], tmp_path / "here", nlp=nlp, workers=1, workbook=False, report=False)
    assert here.processed == 37 and here.failed == 1  # the seeds, 30 short articles, j1, j2; j3 has no text

    def no_reading_here(self, mode="rb"):
        raise AssertionError(f"the client read {self.url}")

    monkeypatch.setattr(pipeline.remote.RemoteFile, "open", no_reading_here)
    out = tmp_path / "cluster"
    summary = run_batch(["s3://news/in/"], out, scheduler=address, workbook=False, report=False)
    assert summary.processed == 37 and summary.failed == 1 and summary.cluster_workers == 2
    assert _tables(out) == _tables(tmp_path / "here")
    quotes = (out / "quotes.csv").read_text(encoding="utf-8-sig")
    assert "s3://news/in/extra.jsonl:1" in (out / "articles.csv").read_text(encoding="utf-8-sig")
    assert "Maria Lenz" in quotes
    # a rerun reads no file (the client cannot) and sends nothing
    again = run_batch(["s3://news/in/"], out, scheduler=address, workbook=False, report=False)
    assert again.processed == 0 and again.skipped == 37 and again.cluster_workers == 0
    assert _tables(out) == _tables(tmp_path / "here")
    # one line of the JSONL file changes: the file is read again on a worker, one article annotated
    fs.pipe("news/in/extra.jsonl", "\n".join([
        '{"id": "j1", "text": "„Der Hafen bleibt offen“, sagte die Senatorin Maria Lenz in Bremen."}',
        '{"id": "j2", "text": "Der Verband forderte, die Gebühren zu senken, sagte Jens Koch."}']).encode("utf-8"))
    third = run_batch(["s3://news/in/"], out, scheduler=address, workbook=False, report=False)
    assert third.processed == 1 and third.skipped == 36 and third.failed == 0
    assert "Jens Koch" in (out / "quotes.csv").read_text(encoding="utf-8-sig")


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
