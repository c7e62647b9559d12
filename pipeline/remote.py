"""Stage 1 — read, for inputs on object or shared storage: ``fsspec`` URLs (``s3://bucket/news/``,
``gs://…``, ``az://…``, ``memory://…``) for directories and single files, next to local paths.

- :func:`is_url` tells a URL from a local path (``file://`` URLs are local paths: :func:`local_path`).
- :func:`list_remote` lists a URL like a local input directory (recursively, sorted, the :data:`SUPPORTED`
  suffixes, hidden files and folders and this tool's output directories left out) without reading a file: each
  file is a :class:`RemoteUnit` with its id and its **version**, what the storage says about its content (an S3
  ETag, a GCS generation or checksum, else size and modification time), so that a rerun can tell an unchanged
  file without reading it.
- :class:`RemoteFile` is what the readers of :mod:`pipeline.read` read from instead of a :class:`~pathlib.Path`
  (``read_bytes``, ``open``, ``stem``, ``suffix``); it is a plain value (a URL), so a Dask worker can be sent one
  and read the file itself (:mod:`pipeline.cluster`).

Credentials and endpoints come from the storage library's usual configuration (for S3: ``AWS_ACCESS_KEY_ID``,
``AWS_SECRET_ACCESS_KEY``, ``AWS_ENDPOINT_URL``, ``~/.aws/``; for any protocol: ``FSSPEC_<PROTOCOL>_<OPTION>``
environment variables), on the client and on every worker. The protocol's library must be installed where the
files are read (``s3fs`` for ``s3://``, ``gcsfs`` for ``gs://``, ``adlfs`` for ``az://``).
"""
from __future__ import annotations

import json
import posixpath
import re
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Iterator
from urllib.parse import unquote, urlsplit

from .store import CACHE_DIRNAME
from .types import ReadError

_URL = re.compile(r"^[A-Za-z][A-Za-z0-9+.\-]*://")
# what an object store says about a file's content, most telling first (S3 and Azure: ETag, GCS: md5/crc32c and
# generation); size and modification time where a store has none of them (local, memory, SFTP …)
_VERSION_FIELDS = ("ETag", "etag", "md5Hash", "crc32c", "generation", "content_md5", "checksum")
_TIME_FIELDS = ("LastModified", "last_modified", "mtime", "updated", "modified", "created")
# the packages that serve the common protocols, for the message when one is missing
_PROTOCOL_PACKAGES = {"s3": "s3fs", "s3a": "s3fs", "gs": "gcsfs", "gcs": "gcsfs", "az": "adlfs", "abfs": "adlfs",
                      "abfss": "adlfs", "hf": "huggingface_hub"}


def is_url(value: object) -> bool:
    """Whether an input is a URL (``s3://…``, ``file://…``) rather than a local path."""
    return isinstance(value, str) and bool(_URL.match(value))


def local_path(value: str) -> Path | None:
    """The local path of a ``file://`` URL; None for other URLs."""
    parts = urlsplit(value)
    if parts.scheme.lower() != "file":
        return None
    return Path(unquote(parts.path))


@dataclass(frozen=True)
class RemoteFile:
    """A file on a storage reached through fsspec, read like a local :class:`~pathlib.Path` by the readers."""

    url: str

    def __str__(self) -> str:
        return self.url

    @property
    def name(self) -> str:
        return posixpath.basename(urlsplit(self.url).path.rstrip("/"))

    @property
    def suffix(self) -> str:
        return posixpath.splitext(self.name)[1]

    @property
    def stem(self) -> str:
        return posixpath.splitext(self.name)[0]

    def read_bytes(self) -> bytes:
        with self.open("rb") as fh:
            return fh.read()

    def open(self, mode: str = "rb") -> IO[bytes]:
        """The file opened for reading; storage errors are raised as ``OSError`` (as ``open`` raises them)."""
        import fsspec

        try:
            return fsspec.open(self.url, mode).open()
        except OSError:
            raise
        except ImportError as err:
            raise OSError(missing_protocol(self.url, err)) from err
        except Exception as err:  # noqa: BLE001 - a storage library's own error types: said as a read error
            raise OSError(f"{type(err).__name__}: {err}") from err


@dataclass(frozen=True)
class RemoteUnit:
    """One remote file to read: the file, the id its articles are named by (its path under the listed URL, or a
    JSONL/CSV file's stem for the ids of its bad lines), and its version (see the module docstring)."""

    file: RemoteFile
    file_id: str
    version: str


def missing_protocol(url: str, err: Exception) -> str:
    protocol = urlsplit(url).scheme.lower()
    package = _PROTOCOL_PACKAGES.get(protocol)
    hint = f" (pip install {package})" if package else ""
    return f"{url}: cannot read {protocol}:// URLs: {err}{hint}"


def version_of(info: dict) -> str:
    """The version of a listed file: its content checksum or ETag where the storage gives one, with its size;
    else its size and modification time."""
    size = info.get("size", info.get("Size"))
    for field in _VERSION_FIELDS:
        if info.get(field) not in (None, ""):
            return json.dumps([field, str(info[field]), size])
    stamp = next((str(info[f]) for f in _TIME_FIELDS if info.get(f) not in (None, "")), "")
    return json.dumps(["time", stamp, size])


def _hidden(relative: str) -> bool:
    return any(part.startswith((".", "~$")) for part in relative.split("/"))


def list_remote(url: str, suffixes: tuple[str, ...]) -> Iterator[RemoteUnit | ReadError]:
    """The files of a URL input in a stable order: a directory (prefix) is listed recursively for the supported
    ``suffixes``, a file is itself; an error for a URL that cannot be listed, is missing or is unsupported."""
    import fsspec

    name = posixpath.basename(url.rstrip("/")) or url
    try:
        fs, root = fsspec.core.url_to_fs(url)
        fs.invalidate_cache()  # a listing cached by an earlier run in this process may be outdated
        if fs.isdir(root):
            listing = fs.find(root, detail=True)
        elif fs.isfile(root):
            listing = None
        else:
            yield ReadError(name, url, f"{url}: no such file or directory")
            return
    except ImportError as err:
        yield ReadError(name, url, missing_protocol(url, err))
        return
    except Exception as err:  # noqa: BLE001 - any storage error: said for this input, the others go on
        yield ReadError(name, url, f"{url}: cannot list: {type(err).__name__}: {err}")
        return
    if listing is None:
        unit = RemoteFile(url)
        if unit.suffix.lower() not in suffixes:
            yield ReadError(unit.stem, url, f"{url}: unsupported file type {unit.suffix!r} "
                                            f"(expected {', '.join(suffixes)})")
            return
        try:
            info = fs.info(root)
        except Exception as err:  # noqa: BLE001
            yield ReadError(unit.stem, url, f"{url}: cannot read file: {type(err).__name__}: {err}")
            return
        yield RemoteUnit(unit, unit.stem, version_of(info))
        return
    yield from _listed(fs, root, url, listing, suffixes)


def _listed(fs, root: str, url: str, listing: dict, suffixes: tuple[str, ...]) -> Iterator[RemoteUnit | ReadError]:
    """The units of a directory listing (``fs.find(root, detail=True)``), output directories of this tool left
    out (those with a ``.pipeline-cache`` folder, as for local directories)."""
    root = root.rstrip("/")
    relative = {path: path[len(root):].lstrip("/") for path in listing}
    outputs = {rel.split(f"{CACHE_DIRNAME}/")[0] for rel in relative.values()
               if rel.startswith(f"{CACHE_DIRNAME}/") or f"/{CACHE_DIRNAME}/" in rel}
    if "" in outputs:
        yield ReadError(posixpath.basename(root), url, f"{url}: an output directory of pipeline (it has "
                                                       f"{CACHE_DIRNAME}/), not read as input")
        return
    for path in sorted(listing):
        rel = relative[path]
        if not rel or _hidden(rel) or any(rel.startswith(prefix) for prefix in outputs):
            continue
        stem, suffix = posixpath.splitext(rel)
        if suffix.lower() not in suffixes:
            continue
        yield RemoteUnit(RemoteFile(fs.unstrip_protocol(path)), stem, version_of(listing[path]))
