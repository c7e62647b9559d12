"""Command-line interface: a thin typer layer over the stages read -> annotate -> extract -> resolve -> write."""
from __future__ import annotations

import sys
import time
from pathlib import Path
from typing import List, Optional

import typer

app = typer.Typer(
    help="Who said what in German news: persons, places, dates and attributed quotations as CSV tables.",
    no_args_is_help=True,
    add_completion=False,
)
model_app = typer.Typer(help="Which German spaCy pipeline is used; train, evaluate, install or inspect it.",
                        invoke_without_command=True)
app.add_typer(model_app, name="model")

DEFAULT_INPUT = Path("seeds")
DEFAULT_OUTPUT = Path("outputs")


def _fail(message: str, code: int = 1) -> None:
    typer.secho(f"error: {message}", fg=typer.colors.RED, err=True)
    raise typer.Exit(code)


@app.command()
def run(
    inputs: Optional[List[Path]] = typer.Argument(
        None, help="Article files (.txt, .jsonl) and/or directories of them. Default: seeds/"),
    output: Path = typer.Option(DEFAULT_OUTPUT, "--output", "-o", help="Directory for the CSV tables."),
    model: Optional[str] = typer.Option(None, "--model", "-m",
                                        help="spaCy pipeline name or path (default: de_core_news_md if installed, "
                                             "else the bundled pipeline)."),
    batch_size: int = typer.Option(16, help="Articles per spaCy batch."),
) -> None:
    """Extract persons, places, dates and quotations from German articles into CSV tables."""
    from .annotate import build_nlp, process_articles
    from .model.choice import ModelNotFound, describe
    from .read import ReadError, read_inputs
    from .write import ArticleResult, write_tables
    from .types import Article

    inputs = inputs or [DEFAULT_INPUT]
    missing = [p for p in inputs if not p.exists()]
    if missing and len(missing) == len(inputs):
        _fail(f"no such file or directory: {', '.join(map(str, missing))}")
    started = time.perf_counter()
    try:
        nlp = build_nlp(model)
    except ModelNotFound as err:
        _fail(str(err))
    results: list[ArticleResult] = []
    read_errors = 0

    def articles():
        nonlocal read_errors
        for item in read_inputs(inputs):
            if isinstance(item, ReadError):
                read_errors += 1
                typer.secho(f"warning: {item.message}", fg=typer.colors.YELLOW, err=True)
                results.append(ArticleResult(article=Article(id=item.id, text="", source=item.source),
                                             status=f"error: {item.message}"))
                continue
            yield item

    for result in process_articles(nlp, articles(), batch_size=batch_size):
        if result.status != "ok":
            typer.secho(f"warning: {result.article.id}: {result.status}", fg=typer.colors.YELLOW, err=True)
        results.append(result)
    if not results:
        _fail(f"no .txt or .jsonl articles found in {', '.join(map(str, inputs))}")
    counts = write_tables(results, output)
    ok = sum(1 for r in results if r.status == "ok")
    elapsed = time.perf_counter() - started
    typer.echo(f"{ok} of {len(results)} articles processed with {describe(nlp)} "
               f"in {elapsed:.1f}s -> {output}/")
    for name, n in counts.items():
        typer.echo(f"  {name:<13} {n:>6} rows")
    if ok == 0:
        raise typer.Exit(1)


@app.command("evaluate")
def evaluate_quotes(
    gold: Path = typer.Argument(..., help="Gold quotations, JSONL in the German Wikinews / GermEval 2023 format "
                                          "(id, text, quotes with character ranges of quote and speaker)."),
    output: Optional[Path] = typer.Option(None, "--output", "-o",
                                          help="Where the pipeline writes its tables for the gold texts "
                                               "(default: a temporary directory)."),
    predictions: Optional[Path] = typer.Option(None, "--predictions", "-p",
                                               help="Score this existing output directory instead of running "
                                                    "the pipeline."),
    model: Optional[str] = typer.Option(None, "--model", "-m", help="spaCy pipeline name or path."),
    as_json: bool = typer.Option(False, "--json", help="Print the scores as JSON."),
) -> None:
    """Measure quotations and speakers against gold data: token P/R/F1, recall by quotation type."""
    import json
    import tempfile

    from .evaluate import GoldError, format_table, gold_as_input, load_gold, read_predictions, score

    if not gold.is_file():
        _fail(f"no such gold file: {gold}")
    try:
        docs = load_gold(gold)
    except GoldError as err:
        _fail(str(err))
    tmp = None
    if predictions is None:
        if output is None:
            tmp = tempfile.TemporaryDirectory(prefix="pipeline-eval-")
            output = Path(tmp.name)
        output.mkdir(parents=True, exist_ok=True)
        texts = gold_as_input(docs, output / "gold-input.jsonl")
        run([texts], output=output, model=model, batch_size=16)
        predictions = output
    quotes_csv = predictions / "quotes.csv"
    if not quotes_csv.is_file():
        _fail(f"{quotes_csv} not found: run `pipeline run` first or leave out --predictions")
    scores = score(docs, read_predictions(quotes_csv))
    typer.echo(json.dumps(scores.as_dict(), indent=1) if as_json else format_table(scores))
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
    ner_steps: int = typer.Option(12000, help="Training steps of the NER model."),
    syntax_steps: int = typer.Option(4000, help="Training steps of the syntax model."),
) -> None:
    """Train the bundled German pipeline from ../shared/data (NER + syntax), assemble and evaluate it."""
    from .model.train import train_all

    if not data.is_dir():
        _fail(f"{data}: training data folder not found (see ../shared/data/README.md)")
    scores = train_all(data, workdir, output, ner_steps=ner_steps, syntax_steps=syntax_steps, echo=typer.echo)
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
