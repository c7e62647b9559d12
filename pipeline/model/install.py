"""Install the official ``de_core_news_md`` from spaCy's GitHub release, verified by a pinned sha256.

Never installs by bare package name: the PyPI name ``de-core-news-md`` is a dependency-confusion stub.
"""
from __future__ import annotations

import hashlib
import subprocess
import sys
import tempfile
import urllib.error
import urllib.request
from pathlib import Path

OFFICIAL_VERSION = "3.8.0"
WHEEL_NAME = f"de_core_news_md-{OFFICIAL_VERSION}-py3-none-any.whl"
WHEEL_URL = (
    "https://github.com/explosion/spacy-models/releases/download/"
    f"de_core_news_md-{OFFICIAL_VERSION}/{WHEEL_NAME}"
)
# sha256 of the release wheel (the same value is pinned by several independent public projects)
WHEEL_SHA256 = "b903f59220f1e76dd672acdaa7fa454d6703fe056c5ccd6457820e70874116d0"


class InstallError(RuntimeError):
    """Download, verification or installation failed; the message says which and why."""


def sha256_of(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def download(url: str, dest: Path, timeout: float = 30.0) -> None:
    try:
        with urllib.request.urlopen(url, timeout=timeout) as response, open(dest, "wb") as out:
            while block := response.read(1 << 20):
                out.write(block)
    except (urllib.error.URLError, OSError, TimeoutError) as err:
        raise InstallError(
            f"Could not download {url}: {getattr(err, 'reason', err)}. This machine may have no access to "
            "GitHub; the bundled pipeline keeps working without it. On a machine with internet, download the "
            f"wheel yourself, check `sha256sum {WHEEL_NAME}` = {WHEEL_SHA256}, and run "
            f"`pipeline model install --wheel {WHEEL_NAME}`."
        ) from err


def install_official(wheel: Path | None = None, url: str = WHEEL_URL, expected_sha256: str = WHEEL_SHA256) -> Path:
    """Download (unless ``wheel`` is given), verify and pip-install the official wheel. Returns the wheel path."""
    with tempfile.TemporaryDirectory(prefix="pipeline-model-") as tmp:
        if wheel is None:
            wheel = Path(tmp) / WHEEL_NAME
            download(url, wheel)
        if not Path(wheel).is_file():
            raise InstallError(f"{wheel}: no such file")
        actual = sha256_of(Path(wheel))
        if actual != expected_sha256:
            raise InstallError(
                f"{wheel}: sha256 {actual} does not match the pinned {expected_sha256}; refusing to install it."
            )
        result = subprocess.run(
            [sys.executable, "-m", "pip", "install", "--no-deps", str(wheel)], capture_output=True, text=True
        )
        if result.returncode != 0:
            raise InstallError(f"pip could not install {wheel}:\n{result.stderr.strip()[-2000:]}")
    return Path(wheel)
