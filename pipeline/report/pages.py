"""The report's pages as HTML: Jinja2 templates (``templates/``) with autoescaping on, so every text, title,
URL and name from an article is escaped; the data of the big tables goes into ``data/tables.js`` as JSON (the
browser's script builds rows with ``textContent``, never with markup). Every page carries a Content-Security-Policy
that allows only the report's own stylesheet and script: no inline script, no event handler attributes, no
remote load."""
from __future__ import annotations

import json
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import jinja2

from .views import ArticlePage, Corpus, QuoteEntry, preview, speaker_colour, speaker_file

TEMPLATES = Path(__file__).resolve().parent / "templates"
ASSETS = Path(__file__).resolve().parent / "assets"
CSP = ("default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; font-src 'none'; "
       "connect-src 'none'; object-src 'none'; frame-src 'none'; base-uri 'none'; form-action 'none'")
FIRST_ROWS = 100  # rows of a table in the page itself (the script pages through the rest)
TOP_SPEAKERS = 15
TOP_NAMES = 10
KIND_LABELS = (("direct", "direkt"), ("indirect", "indirekt"), ("mixed", "gemischt"))
ENTITY_NAMES = {"person": "Person", "place": "Ort", "organization": "Organisation", "date": "Datum"}
ENTITY_LABELS = (("person", "Personen"), ("place", "Orte"), ("organization", "Organisationen"), ("date", "Daten"))


@lru_cache(maxsize=1)
def environment() -> jinja2.Environment:
    env = jinja2.Environment(loader=jinja2.FileSystemLoader(TEMPLATES), autoescape=True, trim_blocks=False,
                             undefined=jinja2.StrictUndefined)
    env.globals.update(csp=CSP, entity_names=ENTITY_NAMES, entity_labels=ENTITY_LABELS, kinds=KIND_LABELS,
                       speaker_href=speaker_file)
    return env


@dataclass(frozen=True)
class Table:
    """A sortable, filterable table: its first rows in the page, all rows in ``data/tables.js``. A cell is a text
    or a number, or ``[text, href]`` for a link inside the report."""

    name: str
    caption: str
    placeholder: str
    columns: tuple[str, ...]
    all_rows: list[list]

    @property
    def rows(self) -> list[list]:
        return self.all_rows[:FIRST_ROWS]

    @property
    def total(self) -> int:
        return len(self.all_rows)

    @property
    def shown(self) -> int:
        return len(self.rows)


def quote_table(quotes: list[QuoteEntry], root: str = "") -> Table:
    rows = [[[q.speaker, root + speaker_file(q.speaker)] if q.speaker else "—", q.kind, preview(q.quote),
             [q.title or q.article_id, root + q.href], q.date, f"{q.confidence:.2f}"] for q in quotes]
    return Table("quotes", "Alle Zitate", "Sprecher, Text, Artikel …",
                 ("Sprecher", "Art", "Zitat", "Artikel", "Datum", "Konfidenz"), rows)


def article_table(corpus: Corpus) -> Table:
    # an article that could not be read has no page: its title is no link
    rows = [[[a.title or a.article_id, a.href] if a.status == "ok" else (a.title or a.article_id), a.article_id,
             a.date, a.quotes, a.source, a.status] for a in corpus.articles]
    return Table("articles", "Artikel", "Titel, Id, Quelle …", ("Titel", "Id", "Datum", "Zitate", "Quelle", "Status"),
                 rows)


def speaker_table(speakers: dict[str, list[QuoteEntry]]) -> Table:
    # a name two kinds of speaker share ("Porsche" the person and the company) has one page; both kinds are listed
    rows = [[[name, speaker_file(name)], ", ".join(sorted({q.speaker_type for q in qs if q.speaker_type})) or "—",
             len(qs), len({q.article_id for q in qs})] for name, qs in speakers.items()]
    return Table("speakers", "Sprecher", "Name …", ("Sprecher", "Typ", "Zitate", "Artikel"), rows)


@lru_cache(maxsize=1)
def _version() -> str:
    from ..version import version

    return version()


def _page(template: str, root: str, **values) -> str:
    return environment().get_template(template).render(root=root, version=_version(), **values)


def corpus_tables(corpus: Corpus, speakers: dict[str, list[QuoteEntry]]) -> dict[str, Table]:
    """The index's tables of quotations and articles and the speakers page's table, made once for the pages and
    the data file."""
    return {t.name: t for t in (quote_table(corpus.quotes), article_table(corpus), speaker_table(speakers))}


def index_page(corpus: Corpus, speakers: dict[str, list[QuoteEntry]], tables: dict[str, Table]) -> str:
    label_width, bar_width, step = 220, 300, 24
    top = list(speakers.items())[:TOP_SPEAKERS]
    most = max((len(qs) for _, qs in top), default=1)
    bars = [{"label": preview(name, 30), "href": speaker_file(name), "count": len(qs), "y": i * step,
             "width": max(2, round(bar_width * len(qs) / most)), "colour": speaker_colour(name)}
            for i, (name, qs) in enumerate(top)]
    chart = {"width": label_width + bar_width + 50, "height": max(step, len(bars) * step), "label_width": label_width}
    top_names = [(title, corpus.names[t].most_common(TOP_NAMES))
                 for t, title in (("person", "Personen"), ("place", "Orte"), ("organization", "Organisationen"))]
    return _page("index.html", "", corpus=corpus, bars=bars, chart=chart, top_names=top_names,
                 quote_table=tables["quotes"], article_table=tables["articles"])


def speakers_page(tables: dict[str, Table]) -> str:
    return _page("speakers.html", "", speaker_table=tables["speakers"])


def speaker_page(name: str, quotes: list[QuoteEntry]) -> str:
    articles: dict[str, list[QuoteEntry]] = {}
    for q in quotes:
        articles.setdefault(q.article_id, []).append(q)
    kinds = sorted({q.speaker_type for q in quotes if q.speaker_type})
    return _page("speaker.html", "../", speaker=name, colour=speaker_colour(name), quotes=quotes,
                 articles=list(articles.items()), kind_label=", ".join(kinds))


def article_html(page: ArticlePage) -> str:
    return _page("article.html", "../", page=page)


def tables_script(tables: dict[str, Table]) -> str:
    """``data/tables.js``: every table's columns and rows as JSON, ASCII only, with ``<``, ``>`` and ``&`` escaped
    (no character of a text can end the string or the script, or read as markup)."""
    data = {name: {"columns": list(t.columns), "rows": t.all_rows} for name, t in tables.items()}
    text = json.dumps(data, ensure_ascii=True, separators=(",", ":"))
    text = text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")  # no markup, even inlined
    return "window.REPORT_TABLES = " + text + ";\n"


def asset_files() -> dict[str, str]:
    """The stylesheet and script of the report, by file name."""
    return {p.name: p.read_text(encoding="utf-8") for p in sorted(ASSETS.iterdir()) if p.suffix in (".css", ".js")}
