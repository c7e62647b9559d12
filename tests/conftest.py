"""Shared fixtures. The spaCy pipeline is loaded once per test session (it takes a few seconds)."""
from __future__ import annotations

from pathlib import Path

import pytest

PROJECT_ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="session")
def nlp():
    """The pipeline the CLI uses (``build_nlp()``: chosen model + extraction components), loaded once."""
    from pipeline.annotate import build_nlp

    return build_nlp()


@pytest.fixture(scope="session")
def seeds_dir() -> Path:
    """The sample articles shipped in ``seeds/``."""
    path = PROJECT_ROOT / "seeds"
    assert path.is_dir(), f"{path} is missing"
    return path


@pytest.fixture(scope="session")
def rules():
    """The person rules with the shipped first-name lexicon and word evidence (no model)."""
    from pipeline.extract.person_rules import PersonRules, load_evidence, load_first_names

    return PersonRules(load_first_names(), load_evidence())
