"""The result store: every article's extraction result, kept between runs inside the output directory.

``OUTPUT/.pipeline-cache/results.sqlite3`` is one SQLite database (WAL journal) with one row per article:

- ``id``: the article id (primary key);
- ``key``: what the result depends on — a hash of the article's content (text, date, title, url, body start),
  of the model (name, version, path, meta.json and the size and modification time of its files) and of the
  extraction settings (the source of every module that importing ``pipeline/annotate.py`` runs, found in the
  sources themselves: :func:`extraction_modules`; every file of ``pipeline/resources``; the spaCy
  version and the store format). A rerun re-annotates an article only when its key changed;
- ``run``/``position``: the run that last saw the article and its place in that run's inputs (the CSV order);
- ``data``: the :class:`~pipeline.types.ArticleResult`, as zlib-compressed JSON that decodes to an equal object
  (every dataclass, tuple and dict tagged, floats written with ``repr``), so tables written from stored results are
  byte-identical to tables written straight from the pipeline;
- ``rows``/``rows_version``: the article's rows of the tables, already rendered into typed cells
  (:class:`~pipeline.types.RenderedRows`), so rebuilding the tables after a rerun never decodes a result. The store
  does not render them itself: it is opened with a :class:`RowRenderer` (the writer's:
  :func:`pipeline.write.table_row_renderer`), keeps what it renders next to each result under its ``version``, and
  renders rows of another version again from ``data`` (the table code changed: nothing is annotated again).

Read errors are not cached (reading is cheap), nor results of a worker process that died or ran out of memory:
they are kept in the ``uncached`` table for the current run only.
Nothing here imports spaCy, so a rerun where nothing changed never loads it.
"""
from __future__ import annotations

import ast
import dataclasses
import enum
import hashlib
import heapq
import importlib
import importlib.metadata
import importlib.util
import json
import os
import sqlite3
import time
import zlib
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any, Iterator, Protocol

from .types import Article, ArticleResult, DateMention, EntityMention, Method, Quotation, RenderedRows, TextSpan

CACHE_DIRNAME = ".pipeline-cache"
DB_NAME = "results.sqlite3"
LOCK_NAME = "lock"
STORE_FORMAT = "3"  # 2: rows as typed cells, Article.encoding/format; 3: typed Quotation fields

PACKAGE_DIR = Path(__file__).resolve().parent
PROJECT_ROOT = PACKAGE_DIR.parent
# What the extraction results depend on besides the model (see module docstring).
EXTRACTION_ENTRY = "annotate.py"  # the extraction: this module and what importing it runs (extraction_modules)
RESOURCE_DIRNAME = "resources"  # the rules' data files
EXTRACTION_PACKAGES = ("spacy",)  # (spacy-lookups-data is read only by the cue-mining scripts)

# Mirrors pipeline.model.choice (which imports spaCy): tests/test_incremental.py checks that both agree.
OFFICIAL = "de_core_news_md"
_PACKAGED_MODEL = PACKAGE_DIR / "_bundled"  # in an installed package; in a checkout: models/de_pipeline_news
_CHECKOUT_MODEL = PROJECT_ROOT / "models" / "de_pipeline_news"
BUNDLED_PATH = _PACKAGED_MODEL if (_PACKAGED_MODEL / "meta.json").exists() else _CHECKOUT_MODEL
ENV_VAR = "PIPELINE_MODEL"


class StoreBusy(RuntimeError):
    """Another run is writing to the same output directory."""


class RowRenderer(Protocol):
    """What a store that records results is opened with: how a result's table rows are rendered (the writer's job;
    :func:`pipeline.write.table_row_renderer` is the one of the tables) and the ``version`` of the code that renders
    them. The store keeps the rows next to the result as they are, under that version."""

    @property
    def version(self) -> str: ...

    def render(self, result: ArticleResult) -> RenderedRows: ...


# ------------------------------------------------------------------------------------------------ cache keys

def _sha(*parts: Any) -> str:
    return hashlib.sha256(json.dumps(parts, ensure_ascii=False, separators=(",", ":")).encode("utf-8")).hexdigest()


def _files_under(folder: Path) -> Iterator[Path]:
    for root, dirs, files in os.walk(folder):
        dirs[:] = sorted(d for d in dirs if d != "__pycache__" and not d.startswith("."))
        for name in sorted(files):
            if not name.startswith(".") and not name.endswith((".pyc", ".pyo")):
                yield Path(root) / name


def _module_name(package_dir: Path, path: Path) -> str:
    """``pipeline/extract/quotes.py`` -> ``pipeline.extract.quotes``; a package is named by its ``__init__.py``."""
    parts = path.relative_to(package_dir).with_suffix("").parts
    if parts[-1] == "__init__":
        parts = parts[:-1]
    return ".".join((package_dir.name, *parts))


def _module_file(package_dir: Path, module: str) -> Path | None:
    """The source file of the module ``module`` of the package in ``package_dir``; None if it is none."""
    package, *parts = module.split(".")
    if package != package_dir.name:
        return None
    folder = package_dir.joinpath(*parts)
    for path in (folder / "__init__.py", folder.with_suffix(".py") if parts else None):
        if path is not None and path.is_file():
            return path
    return None


def _import_time_nodes(tree: ast.AST) -> Iterator[ast.AST]:
    """The nodes of a module that run when it is imported: all but the bodies of its functions."""
    todo = [tree]
    while todo:
        node = todo.pop()
        yield node
        todo += [child for child in ast.iter_child_nodes(node)
                 if not isinstance(child, (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda))]


def _imported_modules(package_dir: Path, path: Path) -> set[str]:
    """What the import statements of ``path`` that run when it is imported may import, as module names: ``import
    pipeline.x`` -> ``pipeline.x``; ``from .x import y`` -> ``pipeline.x`` and ``pipeline.x.y`` (in case ``y`` is a
    submodule), ``from . import y`` likewise."""
    module = _module_name(package_dir, path)
    package = module if path.name == "__init__.py" else module.rpartition(".")[0]
    names: set[str] = set()
    for node in _import_time_nodes(ast.parse(path.read_bytes(), filename=str(path))):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            source = importlib.util.resolve_name("." * node.level + (node.module or ""), package)
            names.add(source)
            names.update(f"{source}.{alias.name}" for alias in node.names)
    return names


@lru_cache(maxsize=None)
def extraction_modules(package_dir: Path = PACKAGE_DIR) -> tuple[Path, ...]:
    """The source files of the modules of the package that ``import pipeline.annotate`` runs, sorted: the
    transitive closure of their import statements, read from the sources (no module is imported), with the
    ``__init__.py`` of every package on the way. An import inside a function is not followed (annotate's Python
    API reads a text that way); tests/test_settings_hash.py checks that the extraction imports none outside these.
    Computed once per process and package folder."""
    found: set[Path] = set()
    todo = [package_dir / EXTRACTION_ENTRY]
    while todo:
        path = todo.pop()
        if path in found:
            continue
        found.add(path)
        module = _module_name(package_dir, path)
        packages = {module.rsplit(".", n)[0] for n in range(1, module.count(".") + 1)}
        for name in _imported_modules(package_dir, path) | packages:
            source = _module_file(package_dir, name)
            if source is not None:
                todo.append(source)
    return tuple(sorted(found))


def extraction_version(package_dir: Path = PACKAGE_DIR) -> str:
    """A hash of everything besides the model and the article that the extraction results depend on: the source of
    the extraction's modules (:func:`extraction_modules`) and every file of ``resources/``, by content."""
    digest = hashlib.sha256(f"store {STORE_FORMAT}\n".encode())
    paths = set(extraction_modules(package_dir)) | set(_files_under(package_dir / RESOURCE_DIRNAME))
    for path in sorted(paths):
        digest.update(path.relative_to(package_dir).as_posix().encode() + b"\0")
        digest.update(hashlib.sha256(path.read_bytes()).digest())
    for package in EXTRACTION_PACKAGES:
        try:
            version = importlib.metadata.version(package)
        except importlib.metadata.PackageNotFoundError:
            version = "-"
        digest.update(f"{package}=={version}\n".encode())
    return digest.hexdigest()


@dataclass(frozen=True)
class ModelIdentity:
    name: str  # what spacy.load is given (package name or path)
    describe: str  # "de_pipeline_news 0.1.0", as pipeline.model.choice.describe(nlp) prints it
    key: str  # hash of name, resolved path, meta.json and the size and mtime of the model's files


def chosen_model_name(model: str | None = None) -> str | None:
    """The pipeline ``build_nlp(model)`` would load, decided like pipeline.model.choice.choose_model, but without
    importing spaCy. None if there is none (the run then loads the model and reports its error)."""
    if model:
        return model
    if os.environ.get(ENV_VAR):
        return os.environ[ENV_VAR]
    if importlib.util.find_spec(OFFICIAL) is not None:
        return OFFICIAL
    if (BUNDLED_PATH / "meta.json").exists():
        return str(BUNDLED_PATH)
    return None


def _model_dir(name: str) -> Path | None:
    path = Path(name)
    if path.is_dir():
        return path.resolve()
    try:
        spec = importlib.util.find_spec(name)
    except (ImportError, ValueError):
        return None
    if spec is None or not spec.submodule_search_locations:
        return None
    return Path(next(iter(spec.submodule_search_locations))).resolve()


def model_identity(model: str | None = None) -> ModelIdentity | None:
    """Name, version and a fingerprint of the chosen pipeline from its files, without loading it."""
    name = chosen_model_name(model)
    if name is None:
        return None
    folder = _model_dir(name)
    if folder is None:
        return None
    metas = [folder / "meta.json"] + sorted(folder.glob("*/meta.json"))
    meta_path = next((p for p in metas if p.is_file()), None)
    if meta_path is None:
        return None
    try:
        raw = meta_path.read_bytes()
        meta = json.loads(raw)
    except (OSError, ValueError):
        return None
    describe = f"{meta.get('lang', 'de')}_{meta.get('name', 'pipeline')} {meta.get('version', '')}".strip()
    files = []
    for path in _files_under(folder):
        try:
            st = path.stat()
        except OSError:
            continue
        files.append((path.relative_to(folder).as_posix(), st.st_size, st.st_mtime_ns))
    key = _sha(name, str(folder), hashlib.sha256(raw).hexdigest(), files)
    return ModelIdentity(name=name, describe=describe, key=key)


def article_hash(article: Article) -> str:
    """What of an article its result depends on (its source path does not count; how it was decoded and read does,
    as articles.csv shows it)."""
    return _sha(article.text, article.date, article.title, article.url, article.body_start, article.encoding,
                article.format)


def result_key(article: Article, model_key: str, settings: str) -> str:
    return _sha(article_hash(article), model_key, settings)


# -------------------------------------------------------------------------------------- lossless result codec

_TYPES: dict[str, type] = {cls.__name__: cls for cls in (Article, TextSpan, DateMention, EntityMention, Quotation,
                                                          ArticleResult, Method)}
_FIELDS: dict[type, tuple[str, ...]] = {}
_POSITIONAL: dict[type, bool] = {}


def _fields(cls: type) -> tuple[str, ...]:
    names = _FIELDS.get(cls)
    if names is None:
        fs = dataclasses.fields(cls)
        names = _FIELDS[cls] = tuple(f.name for f in fs)
        _POSITIONAL[cls] = all(f.init for f in fs)
    return names


def _type_name(cls: type) -> str:
    name = cls.__name__
    return name if _TYPES.get(name) is cls else f"{cls.__module__}:{cls.__qualname__}"


def _encode(obj: Any) -> Any:
    if isinstance(obj, enum.Enum):  # before str: Method is a str enum
        return {"@": _type_name(type(obj)), "e": obj.value}
    if obj is None or isinstance(obj, (str, bool, int, float)):
        return obj
    if isinstance(obj, list):
        return [_encode(x) for x in obj]
    if isinstance(obj, tuple):
        return {"@": "tuple", "v": [_encode(x) for x in obj]}
    if isinstance(obj, dict):
        return {"@": "dict", "v": [[_encode(k), _encode(v)] for k, v in obj.items()]}
    if isinstance(obj, (set, frozenset)):
        items = sorted((_encode(x) for x in obj), key=lambda x: json.dumps(x, sort_keys=True))
        return {"@": type(obj).__name__, "v": items}
    if dataclasses.is_dataclass(obj) and not isinstance(obj, type):
        cls = type(obj)
        return {"@": _type_name(cls), "v": [_encode(getattr(obj, f)) for f in _fields(cls)]}
    raise TypeError(f"cannot store a value of type {type(obj).__name__}")


def _resolve(name: str) -> type:
    cls = _TYPES.get(name)
    if cls is not None:
        return cls
    module, _, qualname = name.partition(":")
    if not module.startswith("pipeline.") or not qualname:
        raise ValueError(f"unknown stored type {name!r}")
    cls = importlib.import_module(module)
    for part in qualname.split("."):
        cls = getattr(cls, part)
    if not (dataclasses.is_dataclass(cls) or (isinstance(cls, type) and issubclass(cls, enum.Enum))):
        raise ValueError(f"stored type {name!r} is not a dataclass or an enum")
    _TYPES[name] = cls
    return cls


def _hook(obj: dict) -> Any:
    tag = obj["@"]
    if "e" in obj:
        return _resolve(tag)(obj["e"])
    values = obj["v"]
    if tag == "tuple":
        return tuple(values)
    if tag == "dict":
        return {k: v for k, v in values}
    if tag == "set":
        return set(values)
    if tag == "frozenset":
        return frozenset(values)
    cls = _resolve(tag)
    names = _fields(cls)
    if _POSITIONAL[cls]:
        return cls(*values)
    init = {n: v for n, v, f in zip(names, values, dataclasses.fields(cls)) if f.init}
    inst = cls(**init)
    for n, v, f in zip(names, values, dataclasses.fields(cls)):
        if not f.init:
            object.__setattr__(inst, n, v)
    return inst


def encode_result(result: ArticleResult) -> bytes:
    """ArticleResult -> compressed JSON (lossless; see :func:`decode_result`)."""
    text = json.dumps(_encode(result), ensure_ascii=False, separators=(",", ":"), allow_nan=True)
    return zlib.compress(text.encode("utf-8"), 6)


def decode_result(data: bytes) -> ArticleResult:
    result = json.loads(zlib.decompress(data).decode("utf-8"), object_hook=_hook)
    if not isinstance(result, ArticleResult):
        raise ValueError("stored value is not an ArticleResult")
    return result


def encode_rows(rows: RenderedRows) -> bytes:
    return zlib.compress(json.dumps([rows.articles, rows.entities, rows.quotes, rows.names, rows.status,
                                     rows.n_dates], ensure_ascii=False, separators=(",", ":")).encode("utf-8"), 6)


def decode_rows(data: bytes) -> RenderedRows:
    articles, entities, quotes, names, status, n_dates = json.loads(zlib.decompress(data).decode("utf-8"))
    return RenderedRows(articles=tuple(articles), entities=tuple(entities), quotes=tuple(quotes),
                        names=tuple(tuple(x) for x in names), status=status, n_dates=n_dates)


# ------------------------------------------------------------------------------------------------------ lock

# The lock files this process holds open, by id. An ``flock`` belongs to the open file, which a forked child
# shares: a child that kept its copy would keep the output directory locked after its parent died. Forked
# children therefore close theirs at once (``os.register_at_fork``: the worker processes of ``pipeline.annotate``
# are forked with ``os.fork``). Closing a copy never unlocks the parent's.
_LOCK_FILES: dict[int, Any] = {}


def release_inherited_locks() -> None:
    """In a forked child: close every lock file inherited from the parent (the parent keeps its locks)."""
    files = list(_LOCK_FILES.values())
    _LOCK_FILES.clear()
    for fh in files:
        try:
            fh.close()
        except OSError:  # pragma: no cover
            pass


if hasattr(os, "register_at_fork"):
    os.register_at_fork(after_in_child=release_inherited_locks)


# ------------------------------------------------------------------------------------------------------ store

@dataclass(frozen=True)
class TableTotals:
    """Row counts of the tables written by a run (for its summary)."""

    total: int = 0  # rows of articles.csv
    ok: int = 0  # of them with status ok
    dates: int = 0  # date mentions
    quotes: int = 0
    counts: dict = dataclasses.field(default_factory=dict)  # rows per CSV table


@dataclass(frozen=True)
class WrittenTables:
    """The tables a run wrote into the output directory: the fingerprint of their content
    (:meth:`ResultStore.tables_fingerprint`), size and modification time of each file, their totals, and the run
    (:mod:`pipeline.frames` reads the store only when its last run is the one that wrote the tables)."""

    fingerprint: str
    files: dict  # file name -> [size, mtime_ns]
    totals: TableTotals
    keep_missing: bool
    run: int

    def to_json(self) -> str:
        return json.dumps(dataclasses.asdict(self), ensure_ascii=False)

    @classmethod
    def from_json(cls, text: str) -> "WrittenTables":
        data = json.loads(text)
        return cls(fingerprint=data["fingerprint"], files=data["files"], totals=TableTotals(**data["totals"]),
                   keep_missing=bool(data["keep_missing"]), run=int(data["run"]))


@dataclass(frozen=True)
class Stored:
    key: str
    source: str
    status: str


_SCHEMA = """
CREATE TABLE IF NOT EXISTS meta (name TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS results (
    id TEXT PRIMARY KEY, key TEXT NOT NULL, source TEXT NOT NULL, status TEXT NOT NULL,
    run INTEGER NOT NULL, position INTEGER NOT NULL, data BLOB NOT NULL, rows BLOB NOT NULL,
    rows_version TEXT NOT NULL);
CREATE INDEX IF NOT EXISTS results_order ON results (run, position);
CREATE INDEX IF NOT EXISTS results_key ON results (key);
CREATE TABLE IF NOT EXISTS uncached (position INTEGER PRIMARY KEY, id TEXT NOT NULL, data BLOB NOT NULL,
                                     rows BLOB NOT NULL);
CREATE TABLE IF NOT EXISTS remote_files (url TEXT PRIMARY KEY, version TEXT NOT NULL, articles TEXT NOT NULL,
                                         run INTEGER NOT NULL);
"""


class ResultStore:
    """Per-article results of one output directory (``OUTPUT/.pipeline-cache/results.sqlite3``).

    One run: :meth:`begin_run`, then per input item :meth:`lookup` + :meth:`touch` (unchanged) or :meth:`put`
    (new result) or :meth:`put_uncached` (read error, not to be cached), then :meth:`finish` and
    :meth:`iter_rows` (or :meth:`iter_results`) for the tables. Only one run at a time may open a store (a lock
    file); results are committed every few seconds, so an interrupted run keeps most of its work.

    ``renderer`` renders the table rows kept next to each result (see the module docstring).
    """

    COMMIT_SECONDS = 2.0

    def __init__(self, out_dir: Path, renderer: RowRenderer):
        self.dir = Path(out_dir) / CACHE_DIRNAME
        self.dir.mkdir(parents=True, exist_ok=True)
        self._lock_fh = self._lock()
        self.path = self.dir / DB_NAME
        self.renderer: RowRenderer | None = renderer
        try:
            self.db = self._connect()
        except sqlite3.DatabaseError:
            # a damaged cache is only a cache: start again
            for suffix in ("", "-wal", "-shm"):
                Path(f"{self.path}{suffix}").unlink(missing_ok=True)
            self.db = self._connect()
        self.run = 0
        self._last_commit = time.monotonic()

    @classmethod
    def open_readonly(cls, out_dir: Path) -> "ResultStore":
        """The store of ``out_dir`` for reading the last run's results and rows (no lock, no writes; a run may be
        writing at the same time: the reader sees its last commit). Raises FileNotFoundError without a store."""
        self = cls.__new__(cls)
        self.dir = Path(out_dir) / CACHE_DIRNAME
        self.path = self.dir / DB_NAME
        if not self.path.is_file():
            raise FileNotFoundError(f"{out_dir}: no results of `pipeline run` here ({self.path} is missing)")
        self._lock_fh = None
        self.renderer = None
        self.db = sqlite3.connect(f"{self.path.resolve().as_uri()}?mode=ro", uri=True, isolation_level=None)
        row = self.db.execute("SELECT value FROM meta WHERE name = 'last_run'").fetchone()
        self.run = int(row[0]) if row else 0
        return self

    def _lock(self):
        """An exclusive ``flock`` on ``.pipeline-cache/lock``, held as long as the lock file is open (registered in
        ``_LOCK_FILES``, so that processes forked from this one close their inherited copy)."""
        fh = open(self.dir / LOCK_NAME, "ab", buffering=0)
        try:
            import fcntl
        except ImportError:  # pragma: no cover - not POSIX: no lock
            return fh
        try:
            fcntl.flock(fh.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError:
            fh.close()
            raise StoreBusy(f"another `pipeline run` is writing to {self.dir.parent}") from None
        _LOCK_FILES[id(fh)] = fh
        return fh

    def _connect(self) -> sqlite3.Connection:
        db = sqlite3.connect(self.path, isolation_level=None)
        db.execute("PRAGMA journal_mode=WAL")
        db.execute("PRAGMA synchronous=NORMAL")
        row = None
        try:
            row = db.execute("SELECT value FROM meta WHERE name = 'format'").fetchone()
        except sqlite3.OperationalError:  # a new store
            pass
        if row is None or row[0] != STORE_FORMAT:
            db.executescript("DROP TABLE IF EXISTS meta; DROP TABLE IF EXISTS results; "
                             "DROP TABLE IF EXISTS uncached; DROP TABLE IF EXISTS remote_files;")
        db.executescript(_SCHEMA)
        db.execute("INSERT OR REPLACE INTO meta VALUES ('format', ?)", (STORE_FORMAT,))
        db.execute("BEGIN")
        return db

    def _rendering(self) -> RowRenderer:
        """The renderer of the rows this store records; a store opened read-only has none."""
        if self.renderer is None:
            raise RuntimeError(f"{self.path} is open read-only: it records no results and renders no rows")
        return self.renderer

    def _rows(self, result: ArticleResult) -> bytes:
        """The table rows of ``result``, rendered by the store's renderer, as stored."""
        return encode_rows(self._rendering().render(result))

    def _commit(self, force: bool = False) -> None:
        now = time.monotonic()
        if force or now - self._last_commit > self.COMMIT_SECONDS:
            self.db.execute("COMMIT")
            self.db.execute("BEGIN")
            self._last_commit = now

    # ------------------------------------------------------------------------------------------- one run

    def begin_run(self) -> int:
        row = self.db.execute("SELECT value FROM meta WHERE name = 'last_run'").fetchone()
        self.run = (int(row[0]) if row else 0) + 1
        self.db.execute("INSERT OR REPLACE INTO meta VALUES ('last_run', ?)", (str(self.run),))
        self.db.execute("DELETE FROM uncached")
        self._commit(force=True)  # a crashed run's rows never count as seen by a later run
        return self.run

    def lookup(self, article_id: str) -> Stored | None:
        row = self.db.execute("SELECT key, source, status FROM results WHERE id = ?", (article_id,)).fetchone()
        return Stored(*row) if row else None

    def touch(self, article: Article, position: int, stored: Stored) -> None:
        """An unchanged article: keep its result, record its place in this run (and a moved file's new path)."""
        if article.source != stored.source:
            (data,) = self.db.execute("SELECT data FROM results WHERE id = ?", (article.id,)).fetchone()
            result = dataclasses.replace(decode_result(data), article=article)
            self.db.execute("UPDATE results SET source = ?, data = ?, rows = ?, rows_version = ?, run = ?, "
                            "position = ? WHERE id = ?",
                            (article.source, encode_result(result), self._rows(result),
                             self._rendering().version, self.run, position, article.id))
        else:
            self.db.execute("UPDATE results SET run = ?, position = ? WHERE id = ?", (self.run, position, article.id))
        self._commit()

    def adopt(self, article: Article, key: str, position: int) -> bool:
        """A new article id whose content, model and settings equal a stored result's (a file moved or renamed
        within the inputs, whose id is its path): store that result under the new id, without annotating again.
        The old id keeps its row until :meth:`finish` (it may still come later in the inputs). False if no stored
        result has ``key``."""
        row = self.db.execute("SELECT data FROM results WHERE key = ? AND status = 'ok' LIMIT 1", (key,)).fetchone()
        if row is None:
            return False
        result = dataclasses.replace(decode_result(row[0]), article=article)
        self.put(result, key, position)
        return True

    def put(self, result: ArticleResult, key: str, position: int) -> None:
        art = result.article
        self.db.execute("INSERT OR REPLACE INTO results VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                        (art.id, key, art.source, result.status, self.run, position, encode_result(result),
                         self._rows(result), self._rendering().version))
        self._commit()

    def put_uncached(self, result: ArticleResult, position: int, replaces_stored: bool = False) -> None:
        """A result for this run's tables only: a read error, or an annotation to be retried next time
        (``replaces_stored``: the article's stored result, if any, is outdated and dropped)."""
        if replaces_stored:
            self.db.execute("DELETE FROM results WHERE id = ?", (result.article.id,))
        self.db.execute("INSERT OR REPLACE INTO uncached VALUES (?, ?, ?, ?)",
                        (position, result.article.id, encode_result(result), self._rows(result)))
        self._commit()

    def remote_file(self, url: str) -> tuple[str, list[tuple]] | None:
        """The version of a remote file when it was last read and what it held then, in its order: ("article", id,
        cache key) and ("error", id, source, message) entries; None if it was not read before, or not all its
        articles' results were kept."""
        row = self.db.execute("SELECT version, articles FROM remote_files WHERE url = ?", (url,)).fetchone()
        if row is None:
            return None
        return row[0], [tuple(entry) for entry in json.loads(row[1])]

    def record_remote_file(self, url: str, version: str, articles: list[tuple] | None) -> None:
        """What a remote file of ``version`` holds (see :meth:`remote_file`); None forgets the file (a result of it
        was not kept)."""
        if articles is None:
            self.db.execute("DELETE FROM remote_files WHERE url = ?", (url,))
        else:
            self.db.execute("INSERT OR REPLACE INTO remote_files VALUES (?, ?, ?, ?)",
                            (url, version, json.dumps(articles, ensure_ascii=False), self.run))
        self._commit()

    def finish(self, keep_missing: bool = False) -> int:
        """End of the inputs: drop the results of articles this run did not see (unless ``keep_missing``),
        render again the rows of another renderer version; return how many articles were not seen."""
        (missing,) = self.db.execute("SELECT COUNT(*) FROM results WHERE run != ?", (self.run,)).fetchone()
        if not keep_missing and missing:
            self.db.execute("DELETE FROM results WHERE run != ?", (self.run,))
        self.db.execute("DELETE FROM remote_files WHERE run != ?", (self.run,))
        version = self._rendering().version
        while True:
            stale = self.db.execute("SELECT id, data FROM results WHERE rows_version != ? LIMIT 256",
                                    (version,)).fetchall()
            if not stale:
                break
            self.db.executemany("UPDATE results SET rows = ?, rows_version = ? WHERE id = ?",
                                [(self._rows(decode_result(data)), version, art_id) for art_id, data in stale])
        self._commit(force=True)
        return missing

    def _ordered(self, column: str, keep_missing: bool, uncached_column: str | None = None
                 ) -> Iterator[tuple[str, Any]]:
        """(id, ``column``) of this run's results and uncached items (their ``uncached_column``, default the same)
        in input order, then (``keep_missing``) of the articles no longer in the inputs, most recently seen first,
        each run's in input order. One row at a time."""
        seen = self.db.execute(f"SELECT position, id, {column} FROM results WHERE run = ? ORDER BY position",
                               (self.run,))
        uncached = self.db.execute(f"SELECT position, id, {uncached_column or column} FROM uncached "
                                   "ORDER BY position")
        for _, art_id, value in heapq.merge(seen, uncached, key=lambda row: row[0]):
            yield art_id, value
        if keep_missing:
            yield from self.db.execute(f"SELECT id, {column} FROM results WHERE run != ? ORDER BY run DESC, position",
                                       (self.run,))

    def iter_rows(self, keep_missing: bool = False) -> Iterator[tuple[str, RenderedRows]]:
        """(article id, rendered rows) in table order (see :meth:`_ordered`)."""
        for art_id, rows in self._ordered("rows", keep_missing):
            yield art_id, decode_rows(rows)

    def iter_results(self, keep_missing: bool = False) -> Iterator[ArticleResult]:
        """The stored results, losslessly decoded, in table order."""
        for _, data in self._ordered("data", keep_missing):
            yield decode_result(data)

    def count(self) -> int:
        return self.db.execute("SELECT COUNT(*) FROM results").fetchone()[0]

    def result_keys(self) -> dict[str, str]:
        """Article id -> cache key of every cached result (what the report compares to rewrite only changed pages)."""
        return dict(self.db.execute("SELECT id, key FROM results"))

    def result(self, article_id: str) -> ArticleResult | None:
        """The stored result of one article of this run (cached or not), or None."""
        row = self.db.execute("SELECT data FROM results WHERE id = ? UNION ALL SELECT data FROM uncached WHERE id = ?",
                              (article_id, article_id)).fetchone()
        return decode_result(row[0]) if row else None

    # ------------------------------------------------------------------------- the tables last written from it

    def tables_fingerprint(self, keep_missing: bool, settings: str) -> str:
        """A hash of what the tables of this run would hold: the articles in table order with their result keys
        and sources, the read errors' rows, the renderer's version and ``settings`` (the CSV dialect and whether a
        workbook is written). Equal fingerprints mean byte-identical tables."""
        digest = hashlib.sha256(f"{self._rendering().version}\n{settings}\n{keep_missing}\n".encode())
        for art_id, value in self._ordered("key || char(0) || source", keep_missing, uncached_column="rows"):
            value = value if isinstance(value, str) else hashlib.sha256(value).hexdigest()
            digest.update(json.dumps([art_id, value], ensure_ascii=False).encode() + b"\n")
        return digest.hexdigest()

    def written_tables(self) -> "WrittenTables | None":
        """What :meth:`record_tables` kept of the last tables written, or None."""
        row = self.db.execute("SELECT value FROM meta WHERE name = 'tables'").fetchone()
        if row is None:
            return None
        try:
            return WrittenTables.from_json(row[0])
        except (TypeError, ValueError, KeyError):  # written by other code: the tables are simply written again
            return None

    def record_tables(self, state: "WrittenTables") -> None:
        self.db.execute("INSERT OR REPLACE INTO meta VALUES ('tables', ?)", (state.to_json(),))
        self._commit(force=True)

    def close(self) -> None:
        try:
            if self.db.in_transaction:
                self.db.execute("COMMIT")
            self.db.close()
        finally:
            if self._lock_fh is not None:  # None: opened read-only (open_readonly)
                _LOCK_FILES.pop(id(self._lock_fh), None)
                self._lock_fh.close()

    def __enter__(self) -> "ResultStore":
        return self

    def __exit__(self, *exc) -> None:
        self.close()
