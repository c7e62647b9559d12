"""Speed of the bundled German pipeline: load time and tokens/second of ``nlp.pipe`` over the seed articles.

A script, not a test::

    OMP_NUM_THREADS=1 python benchmarks/bench_model.py [--model PATH] [--repeat 20] [--runs 3] [--batch-size 16]

The five articles in ``seeds/`` are repeated ``--repeat`` times so one run processes enough text for a stable
number; each configuration is timed ``--runs`` times and the best and median runs are reported. Tokens are
counted by the pipeline's own tokenizer. Single-threaded by default (the numbers in models/README.md were measured
so).
"""
from __future__ import annotations

import argparse
import os
import platform
import statistics
import sys
import time
from pathlib import Path

for _var in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ.setdefault(_var, "1")

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_MODEL = ROOT / "models" / "de_pipeline_news"
SEEDS = ROOT / "seeds"


def read_seeds(folder: Path) -> list[str]:
    texts = [p.read_text(encoding="utf-8") for p in sorted(folder.glob("*.txt"))]
    if not texts:
        sys.exit(f"no .txt articles in {folder}")
    return texts


def cpu_name() -> str:
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                return f"{line.split(':', 1)[1].strip()} ({os.cpu_count()} CPUs)"
    except OSError:
        pass
    return platform.processor() or platform.machine()


def time_pipe(nlp, texts: list[str], batch_size: int, disable: list[str]) -> tuple[float, int]:
    with nlp.select_pipes(disable=disable):
        start = time.perf_counter()
        n_tokens = sum(len(doc) for doc in nlp.pipe(texts, batch_size=batch_size))
        return time.perf_counter() - start, n_tokens


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--model", default=str(DEFAULT_MODEL), help="pipeline path or name (default: bundled)")
    parser.add_argument("--seeds", type=Path, default=SEEDS, help="folder of .txt articles (default: seeds/)")
    parser.add_argument("--repeat", type=int, default=20, help="how often the articles are repeated per run")
    parser.add_argument("--runs", type=int, default=3, help="timed runs per configuration")
    parser.add_argument("--batch-size", type=int, default=16)
    args = parser.parse_args(argv)

    start = time.perf_counter()
    import spacy

    import_time = time.perf_counter() - start
    texts = read_seeds(args.seeds)
    load_times = []
    nlp = None
    for _ in range(3):
        start = time.perf_counter()
        nlp = spacy.load(args.model)
        load_times.append(time.perf_counter() - start)
    nlp("Warm-up: Angela Merkel sagte in Berlin, sie habe keine Zeit.")

    corpus = texts * args.repeat
    names = nlp.pipe_names
    ner_deps = {"ner"} | {n for n, p in nlp.pipeline if "ner" in (getattr(p, "listening_components", None) or [])}
    configs = [("full pipeline", [])]
    if "ner" in names:
        configs.append(("NER only", [n for n in names if n not in ner_deps]))
        configs.append(("syntax only (no NER)", ["ner"] if ner_deps == {"ner"} else []))
    configs.append(("tokenizer only", list(names)))

    print(f"model:     {args.model} ({nlp.meta.get('lang')}_{nlp.meta.get('name')} {nlp.meta.get('version')}; "
          f"{', '.join(names)})")
    print(f"machine:   {cpu_name()}, Python {platform.python_version()}, "
          f"spaCy {spacy.__version__}, OMP_NUM_THREADS={os.environ.get('OMP_NUM_THREADS')}")
    print(f"input:     {len(texts)} seed articles x {args.repeat} = {len(corpus)} docs, "
          f"{sum(len(t) for t in corpus):,} characters; batch size {args.batch_size}; {args.runs} runs each")
    print(f"load time: import spacy {import_time:.2f} s; spacy.load first {load_times[0]:.2f} s, "
          f"repeated {min(load_times[1:]):.2f} s")
    print()
    print(f"{'configuration':<22} {'tokens':>8} {'best s':>8} {'tokens/s':>10} {'median tokens/s':>16}")
    for label, disable in configs:
        rates, n_tokens, best = [], 0, float("inf")
        for _ in range(args.runs):
            seconds, n_tokens = time_pipe(nlp, corpus, args.batch_size, disable)
            best = min(best, seconds)
            rates.append(n_tokens / seconds)
        print(f"{label:<22} {n_tokens:>8,} {best:>8.2f} {max(rates):>10,.0f} {statistics.median(rates):>16,.0f}")


if __name__ == "__main__":
    main()
