"""The tables as pandas DataFrames, with proper dtypes: the Python way into the results.

- :func:`tables` reads an output directory's tables — from its result store, so the values are exactly the
  extracted ones (no CSV dialect, no formula apostrophes) and in the order of the CSV files;
- :func:`analyze_texts` runs the pipeline on a list of texts and returns the same tables, without writing files.

Both return ``{"articles": DataFrame, "entities": …, "quotes": …, "persons": …, "places": …, "organizations": …}``
with the columns of the CSV files (README "Output tables"). Dtypes: counts and offsets ``Int64`` (missing values
are ``<NA>``, e.g. ``speaker_start`` of a quotation without a speaker mention), confidence/latitude/longitude
``Float64``, everything else (ids, ISO dates, texts) pandas' ``string`` dtype.
"""
from __future__ import annotations

from pathlib import Path
from typing import Iterable, Sequence

from .cells import DECIMAL, NUMERIC, is_number_column
from .store import ResultStore
from .types import ArticleResult, RenderedRows
from .write import NAME_TABLES, TABLE_COLUMNS, NameIndex, render_rows

class TablesNotReady(RuntimeError):
    """The output directory's store is in the middle of a run (or of one that was killed)."""


def _frame(columns: Sequence[str], rows: list):
    import pandas as pd

    frame = pd.DataFrame.from_records(rows, columns=list(columns)) if rows else pd.DataFrame(columns=list(columns))
    for column in columns:
        values = frame[column].replace("", None) if is_number_column(column) else frame[column]
        if column in NUMERIC:
            frame[column] = pd.array(values.tolist(), dtype="Int64")
        elif column in DECIMAL:
            frame[column] = pd.array([None if v is None else float(v) for v in values.tolist()], dtype="Float64")
        else:
            frame[column] = frame[column].astype("string")
    return frame


def frames_from_rows(rendered: Iterable[tuple[str, RenderedRows]]) -> dict:
    """DataFrames of the tables from (article id, rendered rows) in table order."""
    rows: dict[str, list] = {"articles.csv": [], "entities.csv": [], "quotes.csv": []}
    names = NameIndex()
    try:
        for art_id, r in rendered:
            rows["articles.csv"].extend(r.articles)
            rows["entities.csv"].extend(r.entities)
            rows["quotes.csv"].extend(r.quotes)
            if r.names:
                names.add(art_id, r.names)
        for name, entity_type in NAME_TABLES.items():
            rows[name] = list(names.cells(entity_type, geo=entity_type == "place"))
    finally:
        names.close()
    return {name.removesuffix(".csv"): _frame(TABLE_COLUMNS[name], rows[name]) for name in TABLE_COLUMNS}


def tables(output: str | Path = "outputs") -> dict:
    """The tables of the last ``pipeline run`` into ``output``, as DataFrames (see the module docstring).
    Raises FileNotFoundError if ``output`` holds no results, :class:`TablesNotReady` while a run into it has not
    finished."""
    store = ResultStore.open_readonly(Path(output))
    try:
        state = store.written_tables()
        if state is None or state.run != store.run:
            raise TablesNotReady(f"{output}: the last `pipeline run` into this folder has not finished (it is still "
                                 "running, or it was interrupted): let it finish or run it again, then read the "
                                 "tables")
        return frames_from_rows(store.iter_rows(state.keep_missing))
    finally:
        store.close()


def analyze_texts(texts: Iterable[str], dates: Sequence[str | None] | None = None,
                  ids: Sequence[str] | None = None, nlp=None, batch_size: int = 16) -> dict:
    """Run the pipeline on ``texts`` (German articles as strings) and return the tables as DataFrames.

    ``dates``: the articles' ISO dates (YYYY-MM-DD), which relative dates are resolved against; ``ids``: article
    ids (default ``text-001``, ``text-002``, …); ``nlp``: a pipeline from :func:`pipeline.annotate.build_nlp`
    (loaded once if not given)."""
    from .annotate import build_nlp, process_articles
    from .read import article_from_text

    texts = list(texts)
    ids = list(ids) if ids is not None else [f"text-{n:03d}" for n in range(1, len(texts) + 1)]
    dates = list(dates) if dates is not None else [None] * len(texts)
    if not len(ids) == len(dates) == len(texts):
        raise ValueError(f"{len(texts)} texts, {len(ids)} ids and {len(dates)} dates: give one of each per text")
    if len(set(ids)) != len(ids):
        raise ValueError("article ids must be unique")
    articles = [article_from_text(i, t, "<text>", date=d) for i, t, d in zip(ids, texts, dates)]
    nlp = nlp or build_nlp()
    results: list[ArticleResult] = list(process_articles(nlp, articles, batch_size=batch_size))
    return frames_from_rows((r.article.id, render_rows(r)) for r in results)
