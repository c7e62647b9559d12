"""Command-line interface: a thin typer layer over the stages read -> annotate -> extract -> resolve -> write."""
from __future__ import annotations

import enum
import sys
from pathlib import Path
from typing import List, Optional, Union

import typer

from .version import DISTRIBUTION  # the name pip knows this project by

EXTRAS = {"evaluate": ("scipy", "evaluate")}  # command -> (module it needs, extra of this package that has it)


class _Commands(typer.core.TyperGroup):
    """A command whose optional dependency is missing fails at once, naming the extra to install (``--help`` works)."""

    def resolve_command(self, ctx, args):
        import importlib.util

        name, command, rest = super().resolve_command(ctx, args)
        module, extra = EXTRAS.get(name, (None, None))
        if module and "--help" not in rest and importlib.util.find_spec(module) is None:
            _fail(f"`pipeline {name}` needs {module}, which is not installed: "
                  f"pip install '{DISTRIBUTION}[{extra}]' (or pip install {module})")
        return name, command, rest


app = typer.Typer(
    help="Who said what in German news: persons, places, dates and attributed quotations as CSV tables.",
    no_args_is_help=True,
    add_completion=False,
    rich_markup_mode=None,  # plain help: typer's rich panels show every flag as `--force <bool>`
    cls=_Commands,
)


def _version() -> str:
    from .version import version

    return version()


def _print_version(value: bool) -> None:
    if value:
        typer.echo(f"pipeline ({DISTRIBUTION}) {_version()}")
        raise typer.Exit()


@app.callback()
def _main(version: bool = typer.Option(False, "--version", callback=_print_version, is_eager=True,
                                       help="Print the version and exit.")) -> None:
    """Who said what in German news: persons, places, dates and attributed quotations as CSV tables."""


model_app = typer.Typer(help="Which German spaCy pipeline is used; train, evaluate, install or inspect it.",
                        invoke_without_command=True)
app.add_typer(model_app, name="model")

DEFAULT_INPUT = Path("seeds")


class TableFormat(str, enum.Enum):
    """--format: the CSV files (always), and Parquet files next to them."""

    csv = "csv"
    parquet = "parquet"


class CsvDialect(str, enum.Enum):
    """--csv-dialect (pipeline.write.CsvStyle.named)."""

    standard = "standard"
    excel_de = "excel-de"
DEFAULT_OUTPUT = Path("outputs")


def _fail(message: str, code: int = 1) -> None:
    typer.secho(f"error: {message}", fg=typer.colors.RED, err=True)
    raise typer.Exit(code)


def _require(module: str, extra: str, option: str) -> None:
    """``option`` needs ``module``: fail at once, naming the extra that installs it."""
    import importlib.util

    if importlib.util.find_spec(module) is None:
        _fail(f"{option} needs {module}, which is not installed: pip install '{DISTRIBUTION}[{extra}]'")


def _given(value, default=None):
    """A parameter's value when ``run`` is called as a plain function (typer's defaults are OptionInfo objects)."""
    return default if isinstance(value, typer.models.ParameterInfo) else value


def _inputs(given: Optional[List]) -> List[Union[Path, str]]:
    """The inputs as given: a URL (``s3://…``; pipeline.remote) stays a string, anything else is a local path
    (a ``file://`` URL too)."""
    from .remote import is_url, local_path

    out: List[Union[Path, str]] = []
    for item in given or []:
        text = str(item)
        out.append(text if is_url(text) and local_path(text) is None else (local_path(text) or Path(text)))
    return out


def _default_inputs() -> List[Path]:
    """``seeds/`` when no input is given; without one here, a usage error (exit code 2) that says what to pass."""
    if DEFAULT_INPUT.exists():
        return [DEFAULT_INPUT]
    _fail(f"no input given and no {DEFAULT_INPUT}/ folder here ({Path.cwd()}): pass article files or folders, "
          "e.g. `pipeline run articles/` or `pipeline run article.txt news.jsonl`", code=2)


@app.command()
def run(
    inputs: Optional[List[str]] = typer.Argument(
        None, help="Article files (.txt, .jsonl, .csv, .html) and/or directories of them, local or as fsspec URLs "
                   "(s3://bucket/news/, gs://…; with s3fs, gcsfs … installed). Default: seeds/"),
    output: Path = typer.Option(DEFAULT_OUTPUT, "--output", "-o",
                                help="Directory for the tables (CSV files and tables.xlsx)."),
    model: Optional[str] = typer.Option(None, "--model", "-m",
                                        help="spaCy pipeline name or path (default: de_core_news_md if installed, "
                                             "else the bundled pipeline)."),
    batch_size: int = typer.Option(16, min=1, help="Articles per spaCy batch (and per task of a worker)."),
    workers: Optional[int] = typer.Option(None, "--workers", "-j", min=1,
                                          help="Processes annotating articles in parallel. Default: all cores."),
    force: bool = typer.Option(False, "--force", help="Annotate every article again, changed or not."),
    keep_missing: bool = typer.Option(False, "--keep-missing",
                                      help="Keep the rows of articles that are no longer in the inputs."),
    progress: Optional[bool] = typer.Option(None, "--progress/--no-progress",
                                            help="Progress bar on stderr. Default: when stderr is a terminal and "
                                                 "more than a handful of articles are read."),
    csv_dialect: CsvDialect = typer.Option(CsvDialect.standard, "--csv-dialect",
                                    help="standard: comma-separated, decimal point. excel-de: semicolons and "
                                         "decimal commas, as German Excel opens a file by double-click."),
    csv_sep: Optional[str] = typer.Option(None, "--csv-sep", help="Cell separator of the CSV files (one character, "
                                                                  "e.g. ';' or tab); overrides the dialect's."),
    csv_raw: bool = typer.Option(False, "--csv-raw",
                                 help="Write text cells exactly as extracted: no apostrophe before a text that "
                                      "starts like a formula (= + - @). For programs that read the CSVs."),
    workbook: bool = typer.Option(True, "--workbook/--no-workbook",
                                  help="Also write tables.xlsx (one sheet per table)."),
    table_format: TableFormat = typer.Option(TableFormat.csv, "--format",
                                             help="parquet: also write the tables as Parquet files (pyarrow; for "
                                                  "corpora too large for spreadsheets)."),
    scheduler: Optional[str] = typer.Option(None, "--scheduler",
                                            help="Annotate on a Dask cluster: a scheduler address "
                                                 "(tcp://host:8786), or 'local' for a local cluster of --workers "
                                                 "processes (pip install 'wer-sagte-was[cluster]')."),
    report: bool = typer.Option(True, "--report/--no-report",
                                help="Also write the HTML report OUTPUT/report/index.html (quotations marked in "
                                     "their articles; see `pipeline report`)."),
) -> None:
    """Extract persons, places, organizations, dates and quotations from German articles into tables (CSV files
    and an Excel workbook).

    Reruns annotate only new and changed articles: results are kept per article in OUTPUT/.pipeline-cache/."""
    from .batch import ModelLoadError, NoArticles, count_articles, default_workers, run_batch
    from .store import StoreBusy

    inputs = _inputs(_given(inputs)) or _default_inputs()
    output = _given(output, DEFAULT_OUTPUT)
    model = _given(model)
    batch_size = _given(batch_size, 16)
    workers = _given(workers) or default_workers()
    force, keep_missing, progress = _given(force, False), _given(keep_missing, False), _given(progress)
    style = _csv_style(CsvDialect(_given(csv_dialect, "standard")).value, _given(csv_sep), _given(csv_raw, False))
    workbook = _given(workbook, True)
    report = _given(report, True)
    parquet = TableFormat(_given(table_format, "csv")) is TableFormat.parquet
    scheduler = _given(scheduler)
    if parquet:
        _require("pyarrow", "parquet", "--format parquet")
    if scheduler:
        _require("distributed", "cluster", "--scheduler")
    missing = [p for p in inputs if isinstance(p, Path) and not p.exists()]
    if missing and len(missing) == len(inputs):
        _fail(f"no such file or directory: {', '.join(map(str, missing))}")

    def warn(message: str) -> None:
        typer.secho(f"warning: {message}", fg=typer.colors.YELLOW, err=True)

    bar = _progress_bar(inputs, progress, count_articles)
    try:
        with bar:
            summary = run_batch(inputs, output, model=model, batch_size=batch_size, workers=workers, force=force,
                                keep_missing=keep_missing, warn=bar.wrap_warn(warn), advance=bar.advance,
                                style=style, workbook=workbook, report=report, scheduler=scheduler,
                                parquet=parquet)
    except (NoArticles, ModelLoadError, StoreBusy) as err:
        _fail(str(err))
    except OSError as err:
        if scheduler is None:
            raise
        _fail(f"could not run on the Dask scheduler {scheduler}: {err}")
    typer.echo(f"{summary.ok} of {summary.total} articles processed with {summary.model} "
               f"in {summary.elapsed:.1f}s -> {output}/")
    for name, n in summary.counts.items():
        typer.echo(f"  {name:<17} {n:>7} rows")
    if workbook:
        typer.echo(f"  {'tables.xlsx':<17} the same tables, one sheet each")
    if summary.report is not None:
        typer.echo(f"  {'report/':<17} {summary.report.path / 'index.html'} (HTML)")
    _print_summary(summary, summary.cluster_workers or workers, "Dask " if summary.cluster_workers else "")
    if summary.ok == 0:
        raise typer.Exit(1)


def _csv_style(dialect: str, sep: Optional[str], raw: bool):
    from .write import CsvStyle

    try:
        style = CsvStyle.named(dialect, safe=not raw)
    except ValueError as err:
        _fail(str(err), code=2)
    if sep is not None:
        sep = {"\\t": "\t", "tab": "\t", "TAB": "\t"}.get(sep, sep)
        if len(sep) != 1 or sep in '"\r\n' or sep.isalnum():
            _fail(f"--csv-sep must be one character such as ';' or tab, not {sep!r}", code=2)
        if sep == style.decimal:
            _fail(f"--csv-sep {sep!r} is also the decimal mark of the {dialect} dialect", code=2)
        style = CsvStyle(sep=sep, decimal=style.decimal, safe=style.safe)
    return style


class _NoBar:
    def __enter__(self):
        return self

    def __exit__(self, *exc):
        return False

    def advance(self, n: int = 1) -> None:
        pass

    def wrap_warn(self, warn):
        return warn


class _RichBar(_NoBar):
    """A rich progress bar on stderr; warnings are printed above it."""

    def __init__(self, total: int):
        from rich.console import Console
        from rich.progress import (BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn,
                                   TimeRemainingColumn)

        self.console = Console(stderr=True)
        self.progress = Progress(TextColumn("articles"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(),
                                 TextColumn("eta"), TimeRemainingColumn(), console=self.console, transient=True)
        self.task = self.progress.add_task("articles", total=total)

    def __enter__(self):
        self.progress.start()
        return self

    def __exit__(self, *exc):
        self.progress.stop()
        return False

    def advance(self, n: int = 1) -> None:
        self.progress.advance(self.task, n)

    def wrap_warn(self, warn):
        def wrapped(message: str) -> None:
            self.console.print(f"warning: {message}", style="yellow", markup=False, highlight=False)
        return wrapped


HANDFUL = 5  # the automatic progress bar appears for more articles than this


def _progress_bar(inputs: List[Path], wanted: Optional[bool], count) -> _NoBar:
    if wanted is False or (wanted is None and not sys.stderr.isatty()):
        return _NoBar()
    total = count(inputs)
    if wanted is None and total <= HANDFUL:
        return _NoBar()
    try:
        return _RichBar(total)
    except ImportError:  # pragma: no cover - rich comes with typer
        return _NoBar()


def _print_summary(summary, workers: int, kind: str = "") -> None:
    """The end-of-run table (stdout)."""
    rate = f"{summary.words_per_second:,.0f}" if summary.words else "-"
    rows = [
        ("articles processed", f"{summary.processed:,}"),
        ("skipped (unchanged)", f"{summary.skipped:,}"),
        ("failed", f"{summary.failed:,}"),
    ]
    if summary.kept:
        rows.append(("kept (not in inputs)", f"{summary.kept:,}"))
    if summary.removed:
        rows.append(("removed (not in inputs)", f"{summary.removed:,}"))
    rows += [
        ("persons", f"{summary.persons:,}"),
        ("places", f"{summary.places:,}"),
        ("organizations", f"{summary.organizations:,}"),
        ("dates", f"{summary.dates:,}"),
        ("quotes", f"{summary.quotes:,}"),
        ("elapsed", f"{summary.elapsed:.1f} s" + (f" ({'cluster start + ' if summary.cluster_workers else ''}"
                                                  f"model load {summary.load_seconds:.1f} s)"
                                                  if summary.load_seconds else " (model not loaded)"
                                                  if not summary.model_loaded else "")),
        ("words per second", rate + (f" ({workers} {kind}worker{'s' if workers > 1 else ''})"
                                     if summary.words else "")),
    ]
    try:
        from rich.console import Console
        from rich.table import Table
        from rich import box
    except ImportError:  # pragma: no cover
        for label, value in rows:
            typer.echo(f"  {label:<24} {value}")
        return
    table = Table(box=box.SIMPLE, show_header=False, pad_edge=False)
    table.add_column(style="bold")
    table.add_column(justify="right")
    for label, value in rows:
        table.add_row(label, value)
    Console(highlight=False).print(table)


@app.command("report")
def report(
    output: Path = typer.Argument(DEFAULT_OUTPUT, help="An output directory of `pipeline run` (default: outputs/)."),
) -> None:
    """Rebuild the HTML report OUTPUT/report/ from the results of the last run (without loading the model): only
    pages whose article, names or speakers changed are rewritten."""
    from .report import ReportNotReady, build_report

    output = _given(output, DEFAULT_OUTPUT)
    try:
        summary = build_report(output)
    except (FileNotFoundError, ReportNotReady) as err:
        _fail(str(err))
    except OSError as err:
        _fail(f"{output}/report: could not write the report: {err}")
    typer.echo(str(summary))


@app.command("evaluate")
def evaluate_quotes(
    gold: Path = typer.Argument(..., help="Gold quotations, JSONL: the German Wikinews / GermEval 2023 format "
                                          "(id, text, quotes with character ranges of quote and speaker) or the "
                                          "modern-dev format (quotes with start, end, kind, canonical speaker, "
                                          "speaker_alt, tier; persons; places)."),
    output: Optional[Path] = typer.Option(None, "--output", "-o",
                                          help="Where the pipeline writes its tables for the gold texts "
                                               "(default: a temporary directory)."),
    predictions: Optional[Path] = typer.Option(None, "--predictions", "-p",
                                               help="Score this existing output directory instead of running "
                                                    "the pipeline."),
    model: Optional[str] = typer.Option(None, "--model", "-m", help="spaCy pipeline name or path."),
    as_json: bool = typer.Option(False, "--json", help="Print the scores as JSON."),
) -> None:
    """Measure quotations and speakers against gold data: token P/R/F1 and recall by quotation type (Wikinews
    format), or quotations found, canonical-speaker accuracy, end to end, persons and places (modern-dev format)."""
    import contextlib
    import json
    import tempfile

    from .evaluate import GoldError, gold_as_input
    from .evaluate_speakers import SPEAKERS, load_gold_file, score_output

    if not gold.is_file():
        _fail(f"no such gold file: {gold}")
    try:
        fmt, docs = load_gold_file(gold)
    except GoldError as err:
        _fail(str(err))
    tmp = None
    if predictions is None:
        if output is None:
            tmp = tempfile.TemporaryDirectory(prefix="pipeline-eval-")
            output = Path(tmp.name)
        output.mkdir(parents=True, exist_ok=True)
        texts = gold_as_input(docs, output / "gold-input.jsonl")
        with contextlib.redirect_stdout(sys.stderr) if as_json else contextlib.nullcontext():
            # with --json, stdout is the scores only
            run([texts], output=output, model=model, batch_size=16, report=False)
        predictions = output
    try:
        scores, table = score_output(fmt, docs, predictions)
    except FileNotFoundError as err:
        needs = " (scoring canonical speakers needs quotes.csv and entities.csv)" if fmt == SPEAKERS else ""
        _fail(f"{err} not found{needs}: run `pipeline run` first or leave out --predictions")
    typer.echo(json.dumps(scores, indent=1) if as_json else table)
    if tmp is not None:
        tmp.cleanup()


@model_app.callback()
def model_main(ctx: typer.Context,
               model: Optional[str] = typer.Option(None, "--model", "-m", help="Name or path to check.")) -> None:
    """Show which pipeline `pipeline run` would use and why (same as `pipeline model info`)."""
    if ctx.invoked_subcommand is None:
        info(model)


@model_app.command()
def info(model: Optional[str] = typer.Option(None, "--model", "-m", help="Name or path to check.")) -> None:
    """Print which German pipeline a run would use, and why."""
    from .model.choice import BUNDLED_PATH, OFFICIAL, ModelNotFound, choose_model, official_installed

    try:
        choice = choose_model(model)
    except ModelNotFound as err:
        _fail(str(err))
    typer.echo(f"pipeline: {choice.name}")
    typer.echo(f"reason:   {choice.reason}")
    typer.echo(f"{OFFICIAL}: {'installed' if official_installed() else 'not installed'}")
    meta = Path(choice.name) / "meta.json"
    if meta.exists():
        import json

        data = json.loads(meta.read_text(encoding="utf-8"))
        typer.echo(f"version:  {data.get('lang')}_{data.get('name')} {data.get('version')}")
        typer.echo(f"components: {', '.join(data.get('pipeline', []))}")
    if choice.kind != "bundled":
        typer.echo(f"bundled:  {BUNDLED_PATH} ({'present' if (BUNDLED_PATH / 'meta.json').exists() else 'missing'})")


@model_app.command()
def install(wheel: Optional[Path] = typer.Option(None, help="Install this already downloaded wheel instead "
                                                             "(its sha256 is checked).")) -> None:
    """Download the official de_core_news_md 3.8.0 from spaCy's GitHub release, verify its sha256, install it."""
    from .model.install import WHEEL_URL, InstallError, install_official

    typer.echo(f"installing de_core_news_md from {wheel or WHEEL_URL}")
    try:
        install_official(wheel)
    except InstallError as err:
        _fail(str(err))
    typer.echo("de_core_news_md installed; `pipeline model` now selects it.")


@model_app.command()
def train(
    data: Path = typer.Option(Path("../shared/data"), help="Folder of the open training corpora."),
    workdir: Path = typer.Option(Path("models/work"), help="Scratch folder for corpora and training runs."),
    output: Optional[Path] = typer.Option(None, help="Where to write the assembled pipeline "
                                                      "(default: models/de_pipeline_news)."),
    ner_steps: int = typer.Option(10000, help="Training steps of the NER model."),
    pretrain_epochs: int = typer.Option(4, help="Epochs of `spacy pretrain` (characters objective) of the NER "
                                               "tok2vec on raw text before its training; 0 = no pretraining."),
    syntax_steps: int = typer.Option(4000, help="Training steps of the syntax model."),
    ner_only: bool = typer.Option(False, "--ner-only", help="Train only the NER, replace the ner component of "
                                                           "the bundled pipeline with it and write the result to "
                                                           "--output (default: in place); the syntax components "
                                                           "stay byte-identical."),
) -> None:
    """Train the bundled German pipeline from ../shared/data (NER + syntax), assemble and evaluate it."""
    from .model.train import train_all, train_ner_only

    if not data.is_dir():
        _fail(f"{data}: training data folder not found (see ../shared/data/README.md)")
    if ner_only:
        scores = train_ner_only(data, workdir, output, ner_steps=ner_steps, pretrain_epochs=pretrain_epochs,
                                echo=typer.echo)
    else:
        scores = train_all(data, workdir, output, ner_steps=ner_steps, syntax_steps=syntax_steps,
                           pretrain_epochs=pretrain_epochs, echo=typer.echo)
    typer.echo(f"scores written to {scores}")


@model_app.command()
def evaluate(
    model: Optional[str] = typer.Option(None, "--model", "-m",
                                        help="Pipeline name or path to evaluate (default: the bundled pipeline)."),
    data: Path = typer.Option(Path("../shared/data"), help="Folder of the open corpora (test sets)."),
    workdir: Path = typer.Option(Path("models/work"), help="Scratch folder; the corpora are converted into "
                                                         "WORKDIR/corpus."),
    syntax_eval: Optional[Path] = typer.Option(None, help="Held-out syntax model (trained on PUD + GSD dev only); "
                                                          "default: WORKDIR/syntax-eval/model-best."),
    output: Optional[Path] = typer.Option(None, "--output", "-o",
                                          help="Scores JSON (default: scores.json in the evaluated pipeline's "
                                               "folder, e.g. models/de_pipeline_news/scores.json)."),
) -> None:
    """Evaluate a pipeline: NER P/R/F1 per label (GermEval 2014 test, its news part, SmartData test) and syntax
    (UD German GSD test)."""
    from .model.choice import BUNDLED_PATH
    from .model.evaluate import format_table, run_evaluation

    if not data.is_dir():
        _fail(f"{data}: data folder not found (see ../shared/data/README.md)")
    target = model or str(BUNDLED_PATH)
    if model is None and not (BUNDLED_PATH / "meta.json").exists():
        _fail(f"bundled pipeline missing at {BUNDLED_PATH}: train it with `pipeline model train`")
    try:
        scores, path = run_evaluation(target, data, workdir, syntax_eval=syntax_eval, output=output,
                                      echo=typer.echo)
    except OSError as err:
        _fail(str(err))
    typer.echo("")
    typer.echo(format_table(scores))
    if path is not None:
        typer.echo(f"scores written to {path}")


def main() -> None:  # pragma: no cover - console entry point
    app()


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
