"""Who said what in German news: persons, places, organizations, dates and attributed quotations.

The command line (``pipeline run``) is the main way in; from Python (pandas DataFrames, see README "Python API"):

    import pipeline
    frames = pipeline.tables("outputs")              # the tables of an output directory, typed
    frames = pipeline.analyze_texts(["„…“, sagte Merkel."], dates=["2015-08-31"])

Nothing is imported until it is used (``import pipeline`` loads neither spaCy nor pandas).
"""
from __future__ import annotations

__all__ = ["tables", "analyze_texts", "analyze"]


def __getattr__(name: str):
    if name in ("tables", "analyze_texts"):
        from . import frames

        return getattr(frames, name)
    if name == "analyze":
        from .annotate import analyze

        return analyze
    raise AttributeError(f"module 'pipeline' has no attribute {name!r}")
