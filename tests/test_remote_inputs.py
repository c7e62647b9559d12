"""Issue #17: inputs as fsspec URLs (pipeline.remote), here on fsspec's in-memory file system (one process; the
s3:// inputs read by Dask workers are tested in test_cluster.py): listed like a local folder, read by the same
readers, and skipped unread on a rerun when the storage says a file is unchanged."""
from __future__ import annotations

import uuid
from pathlib import Path

import pytest
from typer.testing import CliRunner

fsspec = pytest.importorskip("fsspec", reason="needs fsspec (a dependency of the package)")

from pipeline.batch import run_batch  # noqa: E402
from pipeline.cli import app  # noqa: E402
from pipeline.read import discover, read_inputs  # noqa: E402
from pipeline.remote import RemoteFile, RemoteUnit, is_url, local_path, version_of  # noqa: E402

SEEDS = Path(__file__).resolve().parents[1] / "seeds"
SAID = "„Wir öffnen den Hafen“, sagte die Senatorin Maria Lenz am Montag in Bremen."


@pytest.fixture
def bucket():
    """A fresh folder of the in-memory file system: (fs, "memory://…" URL of it)."""
    fs = fsspec.filesystem("memory")
    root = f"/t-{uuid.uuid4().hex}"
    fs.mkdir(root)
    yield fs, f"memory://{root}"
    fs.rm(root, recursive=True)


@pytest.mark.parametrize("given, url, local", [
    ("s3://news/2024/", True, None),
    ("gs://b/x.jsonl", True, None),
    ("file:///data/news", True, Path("/data/news")),
    ("news/2024", False, None),
    ("C:/news", False, None),
])
def test_urls_and_local_paths(given, url, local):
    assert is_url(given) is url
    assert (local_path(given) if url else None) == local


def test_a_url_folder_is_listed_like_a_local_one(bucket):
    fs, url = bucket
    root = url.removeprefix("memory://")
    fs.pipe(f"{root}/2024/a.txt", SAID.encode("utf-8"))
    fs.pipe(f"{root}/b.jsonl", b'{"id": "j1", "text": "Er sagte, es sei gut."}\n{"id": "j2"}\n')
    fs.pipe(f"{root}/c.txt", "Die Ärztin sagte, sie sei müde.".encode("cp1252"))
    fs.pipe(f"{root}/.hidden.txt", b"x")
    fs.pipe(f"{root}/notes.pdf", b"%PDF")
    fs.pipe(f"{root}/old-out/.pipeline-cache/results.sqlite3", b"x")
    fs.pipe(f"{root}/old-out/quotes.csv", b"x")
    units = list(discover([url]))
    assert [u.file_id for u in units] == ["2024/a", "b", "c"]
    assert all(isinstance(u, RemoteUnit) and u.version for u in units)
    warnings: list[str] = []
    items = list(read_inputs([url], warn=warnings.append))
    assert [(i.id, type(i).__name__) for i in items] == [("2024/a", "Article"), ("j1", "Article"),
                                                         ("j2", "ReadError"), ("c", "Article")]
    assert items[0].text == SAID and items[0].source == f"memory://{root}/2024/a.txt"
    assert items[2].message == f"memory://{root}/b.jsonl:2: article 'j2' has no 'text'"
    assert items[3].text == "Die Ärztin sagte, sie sei müde." and items[3].encoding != "utf-8"
    assert warnings == [f"memory://{root}/c.txt: not UTF-8; read as {items[3].encoding}"]


def test_a_missing_url_or_protocol_is_a_read_error_naming_it(bucket):
    _, url = bucket
    missing, = read_inputs([f"{url}/nothing-here"])
    assert missing.message == f"{url}/nothing-here: no such file or directory"
    unknown, = read_inputs(["nosuchprotocol://bucket/news"])
    assert unknown.message.startswith("nosuchprotocol://bucket/news: cannot ")


def test_versions_say_what_the_storage_knows():
    assert version_of({"ETag": '"abc"', "size": 3}) == '["ETag", "\\"abc\\"", 3]'
    assert version_of({"size": 3, "mtime": 1.5}) == '["time", "1.5", 3]'
    assert RemoteFile("s3://b/2024/x.jsonl").stem == "x" and RemoteFile("s3://b/x.JSONL").suffix == ".JSONL"


def test_a_rerun_reads_no_unchanged_remote_file(bucket, nlp, tmp_path, monkeypatch):
    fs, url = bucket
    root = url.removeprefix("memory://")
    for seed in sorted(SEEDS.glob("*.txt"))[:2]:
        fs.pipe(f"{root}/{seed.name}", seed.read_bytes())
    fs.pipe(f"{root}/more.jsonl", ('{"id": "j1", "text": "%s"}\n{"id": "j2", "text": ""}\n' % SAID).encode("utf-8"))
    out = tmp_path / "out"
    first = run_batch([url], out, nlp=nlp, workers=1, workbook=False, report=False)
    assert (first.processed, first.failed) == (3, 1)
    tables = {name: (out / name).read_bytes() for name in ("quotes.csv", "articles.csv", "entities.csv")}
    assert "Maria Lenz" in tables["quotes.csv"].decode("utf-8-sig")

    opened: list[str] = []
    real_open = RemoteFile.open

    def counting_open(self, mode="rb"):
        opened.append(self.url)
        return real_open(self, mode)

    monkeypatch.setattr(RemoteFile, "open", counting_open)
    again = run_batch([url], out, nlp=nlp, workers=1, workbook=False, report=False)
    assert (again.processed, again.skipped, again.failed) == (0, 3, 1) and opened == []
    assert {name: (out / name).read_bytes() for name in tables} == tables  # the read error's row too
    fs.pipe(f"{root}/more.jsonl", ('{"id": "j1", "text": "%s"}\n{"id": "j2", "text": "Er sagte, es sei gut."}\n'
                                   % SAID).encode("utf-8"))
    third = run_batch([url], out, nlp=nlp, workers=1, workbook=False, report=False)
    assert (third.processed, third.skipped, third.failed) == (1, 3, 0)
    assert opened == [f"memory://{root}/more.jsonl"]


def test_the_command_line_takes_a_url(bucket, tmp_path):
    fs, url = bucket
    fs.pipe(f"{url.removeprefix('memory://')}/a.txt", SAID.encode("utf-8"))
    result = CliRunner().invoke(app, ["run", url, "--output", str(tmp_path / "out"), "--no-workbook",
                                      "--no-report", "--no-progress", "--workers", "1"])
    assert result.exit_code == 0, result.output
    assert "1 of 1 articles processed" in result.output
    assert "Maria Lenz" in (tmp_path / "out" / "quotes.csv").read_text(encoding="utf-8-sig")
