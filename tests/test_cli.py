"""The typer CLI (pipeline.cli.app): help, model info/install errors, and an end-to-end run on seed articles."""
from __future__ import annotations

import csv
import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

import pipeline.annotate
import pipeline.model.choice
import pipeline.model.install
from pipeline.cli import app
from pipeline.write import TABLE_COLUMNS, WORKBOOK_NAME

TABLES = TABLE_COLUMNS
SEEDS = ["000_1e42dc73f93e3bc0", "002_266cc12a4960ef06"]


@pytest.fixture
def runner() -> CliRunner:
    return CliRunner()


def _invoke(runner: CliRunner, args: list[str]):
    result = runner.invoke(app, args, env={"COLUMNS": "120", "NO_COLOR": "1"})
    # a clean failure is typer.Exit / SystemExit, never an uncaught exception with a traceback
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    assert "Traceback" not in result.output
    return result


def _read_csv(path: Path) -> list[dict]:
    with open(path, encoding="utf-8-sig", newline="") as fh:
        return list(csv.DictReader(fh))


def test_help_lists_commands(runner):
    result = _invoke(runner, ["--help"])
    assert result.exit_code == 0
    assert " run " in result.stdout and " model " in result.stdout
    assert "German" in result.stdout


def test_model_help_lists_subcommands(runner):
    result = _invoke(runner, ["model", "--help"])
    assert result.exit_code == 0
    for sub in ("info", "install", "train"):
        assert f" {sub} " in result.stdout


def test_model_names_bundled_pipeline_and_reason(runner, monkeypatch):
    monkeypatch.delenv("PIPELINE_MODEL", raising=False)
    monkeypatch.setattr(pipeline.model.choice, "official_installed", lambda: False)
    for args in (["model"], ["model", "info"]):
        result = _invoke(runner, args)
        assert result.exit_code == 0
        lines = result.stdout.splitlines()
        assert lines[0] == f"pipeline: {pipeline.model.choice.BUNDLED_PATH}"
        assert lines[1] == "reason:   de_core_news_md is not installed; using the bundled pipeline"
        assert "de_core_news_md: not installed" in lines
        assert any(line.startswith("version:  de_pipeline_news ") for line in lines)
        assert any(line.startswith("components: ") and "ner" in line and "parser" in line for line in lines)


def test_model_given_explicitly_is_reported(runner, monkeypatch):
    monkeypatch.setattr(pipeline.model.choice, "official_installed", lambda: False)
    result = _invoke(runner, ["model", "--model", "de_irgendwas"])
    assert result.exit_code == 0
    assert result.stdout.splitlines()[:2] == ["pipeline: de_irgendwas", "reason:   given with --model"]
    assert f"bundled:  {pipeline.model.choice.BUNDLED_PATH} (present)" in result.stdout


@pytest.fixture
def no_pip(monkeypatch):
    """Fail the test if anything would actually pip-install a wheel."""
    def forbidden(*args, **kwargs):
        raise AssertionError(f"pip must not run: {args}")
    monkeypatch.setattr(pipeline.model.install.subprocess, "run", forbidden)


def test_model_install_missing_wheel(runner, no_pip):
    result = _invoke(runner, ["model", "install", "--wheel", "/nonexistent.whl"])
    assert result.exit_code == 1
    assert "error: /nonexistent.whl: no such file" in result.stderr


def test_model_install_wheel_with_wrong_hash_is_refused(runner, no_pip, tmp_path):
    wheel = tmp_path / pipeline.model.install.WHEEL_NAME
    wheel.write_bytes(b"not the real wheel")
    result = _invoke(runner, ["model", "install", "--wheel", str(wheel)])
    assert result.exit_code == 1
    assert "does not match the pinned" in result.stderr and "refusing to install" in result.stderr
    assert pipeline.model.install.WHEEL_SHA256 in result.stderr


def test_model_install_download_failure_is_a_clear_error(runner, no_pip, monkeypatch):
    real_download = pipeline.model.install.download
    urls = []

    def local_download(url, dest, timeout=30.0):
        urls.append(url)
        # an unreachable local address instead of GitHub: the real download code, never the internet
        real_download("http://127.0.0.1:9/de_core_news_md.whl", dest, timeout=5)

    monkeypatch.setattr(pipeline.model.install, "download", local_download)
    result = _invoke(runner, ["model", "install"])
    assert result.exit_code == 1
    assert urls == [pipeline.model.install.WHEEL_URL]
    assert result.stdout.startswith(f"installing de_core_news_md from {pipeline.model.install.WHEEL_URL}")
    err = " ".join(result.stderr.split())
    assert err.startswith("error: Could not download http://127.0.0.1:9/de_core_news_md.whl")
    assert "bundled pipeline keeps working" in err
    assert f"pipeline model install --wheel {pipeline.model.install.WHEEL_NAME}" in err


def test_run_nonexistent_path_fails_clearly(runner, tmp_path):
    missing = tmp_path / "gibt-es-nicht"
    out = tmp_path / "out"
    result = _invoke(runner, ["run", str(missing), "--output", str(out)])
    assert result.exit_code == 1
    assert f"error: no such file or directory: {missing}" in result.stderr
    assert not out.exists()


@pytest.fixture(scope="module")
def seed_run(nlp, tmp_path_factory):
    """One `pipeline run` over two seed articles, one file that is not text and one in Latin-1 (the session model
    is reused)."""
    root = Path(__file__).resolve().parents[1]
    inputs = tmp_path_factory.mktemp("inputs")
    for stem in SEEDS:
        shutil.copy(root / "seeds" / f"{stem}.txt", inputs / f"{stem}.txt")
    broken = inputs / "kaputt.txt"
    broken.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)))
    (inputs / "latin.txt").write_bytes("Die Straße in München ist gesperrt, sagte der Bürgermeister.".encode("latin-1"))
    (inputs / "liesmich.md").write_text("kein Artikel", encoding="utf-8")
    out = tmp_path_factory.mktemp("out") / "tables"
    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(pipeline.annotate, "build_nlp", lambda model=None: nlp)
        result = CliRunner().invoke(app, ["run", str(inputs), "--output", str(out)], env={"COLUMNS": "120"})
    return result, out, broken


def test_run_exit_code_and_summary(seed_run):
    result, out, broken = seed_run
    assert result.exception is None, result.exception
    assert result.exit_code == 0
    assert "3 of 4 articles processed" in result.stdout
    for name in TABLES:
        assert name in result.stdout
    assert f"warning: {broken}: this is a binary file (a PNG image), not text" in result.stderr
    assert "latin.txt: not UTF-8; read as" in result.stderr


def test_run_writes_the_six_tables_and_the_workbook(seed_run):
    _, out, _ = seed_run
    # the six tables, the workbook and the HTML report, plus the result store that makes reruns incremental (a
    # hidden directory)
    assert sorted(p.name for p in out.iterdir() if not p.name.startswith(".")) == sorted(list(TABLES)
                                                                                        + [WORKBOOK_NAME, "report"])
    assert (out / "report" / "index.html").is_file()
    assert sorted(p.name for p in out.iterdir() if p.name.startswith(".")) == [".pipeline-cache"]
    for name, columns in TABLES.items():
        raw = (out / name).read_bytes()
        assert raw.startswith(b"\xef\xbb\xbf")
        assert raw[3:].decode("utf-8").splitlines()[0] == ",".join(columns)


def test_run_articles_csv_statuses(seed_run):
    _, out, broken = seed_run
    rows = {r["article_id"]: r for r in _read_csv(out / "articles.csv")}
    assert sorted(rows) == sorted(SEEDS + ["kaputt", "latin"])
    for stem in SEEDS:
        assert rows[stem]["status"] == "ok"
        assert rows[stem]["model"].startswith("de_")
        assert int(rows[stem]["n_persons"]) > 0 and int(rows[stem]["n_quotes"]) > 0
    assert rows["000_1e42dc73f93e3bc0"]["date"] == "2023-09-13"
    assert rows["002_266cc12a4960ef06"]["date"] == "2023-09"
    status = rows["kaputt"]["status"]
    assert status.startswith("error: ") and str(broken) in status and "binary file" in status
    assert rows["latin"]["status"] == "ok" and rows["latin"]["encoding"] in ("latin-1", "cp1252", "iso8859-15")


def test_run_entities_point_into_the_seed_text(seed_run):
    _, out, broken = seed_run
    root = Path(__file__).resolve().parents[1]
    texts = {stem: (root / "seeds" / f"{stem}.txt").read_text(encoding="utf-8") for stem in SEEDS}
    entities = _read_csv(out / "entities.csv")
    assert {e["article_id"] for e in entities} == set(SEEDS + ["latin"])
    texts["latin"] = (broken.parent / "latin.txt").read_bytes().decode("latin-1")
    for e in entities:
        assert texts[e["article_id"]][int(e["start"]):int(e["end"])] == e["text"]
    persons = {p["name"]: p for p in _read_csv(out / "persons.csv")}
    assert persons["Wladimir Putin"]["articles"] == "2"
    assert persons["Wladimir Putin"]["article_ids"].split() == SEEDS


def test_run_summary_names_the_model_even_with_a_broken_file(seed_run):
    result, out, _ = seed_run
    model = next(r["model"] for r in _read_csv(out / "articles.csv") if r["status"] == "ok")
    assert f"processed with {model} in" in result.stdout
