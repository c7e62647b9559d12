"""Which German spaCy pipeline a run uses, and why.

Order: ``--model NAME_OR_PATH`` if given; else ``de_core_news_md`` if it is installed; else the pipeline this
project trains itself and ships in ``models/`` (installed as ``pipeline/_bundled/``).
"""
from __future__ import annotations

import importlib.util
import os
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import spacy
from spacy.language import Language

OFFICIAL = "de_core_news_md"
BUNDLED_NAME = "de_pipeline_news"
PROJECT_ROOT = Path(__file__).resolve().parents[2]
# An installed package (wheel, `pip install .`, pipx) carries the bundled pipeline as pipeline/_bundled/
# (pyproject.toml maps that data package to models/de_pipeline_news); a checkout (also an editable install) has
# it in models/. Mirrored in pipeline/store.py, which must not import spaCy.
PACKAGED_PATH = Path(__file__).resolve().parents[1] / "_bundled"
CHECKOUT_PATH = PROJECT_ROOT / "models" / BUNDLED_NAME
BUNDLED_PATH = PACKAGED_PATH if (PACKAGED_PATH / "meta.json").exists() else CHECKOUT_PATH
ENV_VAR = "PIPELINE_MODEL"


class ModelNotFound(RuntimeError):
    """No usable German pipeline: the message says what was tried and how to fix it."""


@dataclass(frozen=True)
class ModelChoice:
    name: str  # what is passed to spacy.load (package name or path)
    reason: str
    kind: str  # "given" | "official" | "bundled"


def official_installed() -> bool:
    return importlib.util.find_spec(OFFICIAL) is not None


def choose_model(model: str | None = None) -> ModelChoice:
    """Decide which pipeline to load without loading it."""
    if model:
        return ModelChoice(model, "given with --model", "given")
    env = os.environ.get(ENV_VAR)
    if env:
        return ModelChoice(env, f"given by the environment variable {ENV_VAR}", "given")
    if official_installed():
        return ModelChoice(OFFICIAL, f"{OFFICIAL} is installed", "official")
    if (BUNDLED_PATH / "meta.json").exists():
        return ModelChoice(str(BUNDLED_PATH), f"{OFFICIAL} is not installed; using the bundled pipeline", "bundled")
    raise ModelNotFound(
        f"No German pipeline found: {OFFICIAL} is not installed and the bundled pipeline is missing at "
        f"{BUNDLED_PATH}. Train it with `pipeline model train`, install {OFFICIAL} with `pipeline model install`, "
        "or pass --model NAME_OR_PATH."
    )


@lru_cache(maxsize=4)
def load_model(model: str | None = None) -> Language:
    """Load the chosen pipeline (cached per process)."""
    choice = choose_model(model)
    try:
        return spacy.load(choice.name)
    except OSError as err:
        raise ModelNotFound(f"Cannot load the spaCy pipeline {choice.name!r} ({choice.reason}): {err}") from err


def describe(nlp: Language) -> str:
    """``name version`` as recorded in articles.csv, e.g. ``de_core_news_md 3.8.0``."""
    meta = nlp.meta
    return f"{meta.get('lang', 'de')}_{meta.get('name', 'pipeline')} {meta.get('version', '')}".strip()
