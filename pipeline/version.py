"""The version of this tool: the installed distribution's, or in a checkout that is not installed, the version in
its pyproject.toml."""
from __future__ import annotations

import importlib.metadata
import re
from pathlib import Path

DISTRIBUTION = "wer-sagte-was"  # the name pip knows this project by (import package and command: pipeline)


def version() -> str:
    try:
        return importlib.metadata.version(DISTRIBUTION)
    except importlib.metadata.PackageNotFoundError:
        pyproject = Path(__file__).resolve().parents[1] / "pyproject.toml"
        found = re.search(r'^version = "([^"]+)"', pyproject.read_text(encoding="utf-8"), re.M) \
            if pyproject.is_file() else None
        return found.group(1) if found else "unknown"
