"""The extraction-settings hash of the store (pipeline.store.extraction_version) covers exactly the modules the
extraction runs: the import closure of pipeline/annotate.py, read from the sources, and the files of resources/."""
from __future__ import annotations

import ast
import importlib.util
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from pipeline.store import PACKAGE_DIR, extraction_modules, extraction_version

NOT_EXTRACTION = ("cli.py", "batch.py", "read.py", "store.py", "write.py", "cells.py", "workbook.py", "frames.py",
                  "evaluate.py", "model/train.py", "model/install.py")

# Run in a fresh interpreter: the pipeline.* modules loaded by importing pipeline.annotate, then by running the whole
# pipeline on an article (built here: the reader is no part of the extraction), as paths relative to the package.
LOADED = """
import json, sys
from pathlib import Path

def loaded():
    files = (getattr(m, "__file__", None) for name, m in list(sys.modules.items())
             if name == "pipeline" or name.startswith("pipeline."))
    return sorted(Path(f).resolve().relative_to(PACKAGE).as_posix() for f in files if f)

import pipeline.annotate as annotate
PACKAGE = Path(annotate.__file__).resolve().parent
after_import = loaded()
from pipeline.types import Article
text = ("Berlin, 3. März 2023\\n\\n„Wir kommen am Montag“, sagte Bundeskanzlerin Angela Merkel in Berlin. "
        "Sie sagte, die Lage sei ernst. Die Polizei sprach von 800 Autos. "
        "Laut Innenminister Thomas de Maizière kam es zu Staus.")
article = Article(id="a", text=text, source="<test>", date="2023-03-03")
(result,) = annotate.process_articles(annotate.build_nlp(), [article])
assert result.status == "ok" and result.quotes and result.dates, result
print(json.dumps({"after_import": after_import, "after_run": loaded()}))
"""


def _covered() -> set[str]:
    return {p.relative_to(PACKAGE_DIR).as_posix() for p in extraction_modules()}


def test_the_closure_holds_the_language_layer_and_the_quotation_rules_but_not_the_tables():
    covered = _covered()
    quotes = PACKAGE_DIR / "extract" / "quotes"  # a module or (split up) a package
    quote_modules = sorted(quotes.glob("*.py")) if quotes.is_dir() else [quotes.with_suffix(".py")]
    expected = [PACKAGE_DIR / "lang" / "de" / "marks.py", PACKAGE_DIR / "extract" / "quote_marks.py", *quote_modules]
    for path in expected:
        assert path.relative_to(PACKAGE_DIR).as_posix() in covered
    for name in ("annotate.py", "types.py", "model/labels.py", "lang/__init__.py", "lang/de/__init__.py"):
        assert name in covered
    assert not covered & set(NOT_EXTRACTION)


def test_the_closure_is_what_importing_and_running_the_extraction_loads():
    root = PACKAGE_DIR.parent
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(filter(None, [str(root), os.environ.get("PYTHONPATH")]))}
    proc = subprocess.run([sys.executable, "-c", LOADED], capture_output=True, text=True, timeout=300, cwd=root,
                          env=env)
    assert proc.returncode == 0, proc.stderr
    loaded = json.loads(proc.stdout.splitlines()[-1])
    covered = _covered()
    assert set(loaded["after_import"]) == covered
    assert set(loaded["after_run"]) <= covered, "the extraction imported a module the settings hash misses"


def _imports_in_functions(path: Path) -> set[str]:
    """The module names the imports inside functions of ``path`` may import (as pipeline.store resolves them)."""
    package = ".".join(("pipeline", *path.parent.relative_to(PACKAGE_DIR).parts))
    names = set()
    for func in ast.walk(ast.parse(path.read_bytes())):
        if not isinstance(func, (ast.FunctionDef, ast.AsyncFunctionDef)):
            continue
        for node in ast.walk(func):
            if isinstance(node, ast.ImportFrom):
                source = importlib.util.resolve_name("." * node.level + (node.module or ""), package)
                names |= {source} | {f"{source}.{alias.name}" for alias in node.names}
            elif isinstance(node, ast.Import):
                names |= {alias.name for alias in node.names}
    return {name for name in names if name.split(".")[0] == "pipeline" and _is_module(name)}


def _is_module(name: str) -> bool:
    try:
        return importlib.util.find_spec(name) is not None
    except ModuleNotFoundError:  # a name inside a module ("pipeline.resources.role_of")
        return False


def test_an_extraction_module_imports_nothing_outside_the_closure_when_it_runs():
    """The closure does not follow imports inside functions; in the extraction modules they stay inside it (only
    annotate's Python API and the package's lazy attributes reach further)."""
    modules = {".".join(("pipeline", *p.relative_to(PACKAGE_DIR).with_suffix("").parts)).removesuffix(".__init__")
               for p in extraction_modules()}
    for path in extraction_modules():
        if path in (PACKAGE_DIR / "annotate.py", PACKAGE_DIR / "__init__.py"):
            continue
        outside = _imports_in_functions(path) - modules
        assert not outside, f"{path.relative_to(PACKAGE_DIR)} imports {sorted(outside)} inside a function"


@pytest.fixture
def package_copy(tmp_path) -> Path:
    """A copy of the package (a folder of the same name), without its compiled files."""
    copy = tmp_path / PACKAGE_DIR.name
    shutil.copytree(PACKAGE_DIR, copy, ignore=shutil.ignore_patterns("__pycache__", "*.pyc", "_bundled"))
    return copy


def _flip_a_byte(path: Path) -> bytes:
    data = path.read_bytes()
    path.write_bytes(data[:-1] + bytes([data[-1] ^ 1]))
    return data


def test_changing_a_byte_of_a_covered_file_changes_the_hash(package_copy):
    original = extraction_version(package_copy)
    assert original == extraction_version()  # where the package lies does not count
    covered = ["lang/de/marks.py", "annotate.py", "extract/quote_marks.py", "resources/quote_marks.tsv",
               "resources/speech_acts_de.tsv"]
    for name in covered + list(NOT_EXTRACTION):
        path = package_copy / name
        data = _flip_a_byte(path)
        try:
            changed = extraction_version(package_copy) != original
        finally:
            path.write_bytes(data)
        assert changed == (name in covered), name
    assert extraction_version(package_copy) == original


def test_a_module_the_extraction_starts_to_import_is_covered(package_copy):
    marks = package_copy / "lang" / "de" / "marks.py"
    (package_copy / "lang" / "de" / "words.py").write_text('"""Words."""\n', encoding="utf-8")
    before = extraction_version(package_copy)
    marks.write_text(marks.read_text(encoding="utf-8") + "\nfrom . import words  # noqa: E402\n", encoding="utf-8")
    extraction_modules.cache_clear()  # the import graph changed within this process
    assert package_copy / "lang" / "de" / "words.py" in extraction_modules(package_copy)
    assert extraction_version(package_copy) != before
