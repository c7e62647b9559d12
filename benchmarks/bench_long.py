"""Very long articles: one article made of N seed articles vs the same N articles separately. A script, not a test::

    python benchmarks/bench_long.py [--n 10,50,200] [--json FILE] [--model PATH] [--profile DIR]

For every N the five articles in ``seeds/`` are cycled to N articles and annotated two ways with
``pipeline.annotate.build_nlp()`` + ``process_articles`` (1 worker, default batch size):

- **separate**: the N seed texts, each its own article (as read from the files);
- **long**: one article, one `` date 2023-09`` header line followed by the N bodies (each seed without its
  header, stripped) joined with blank lines.

Each of the 2 x len(N) measurements runs in a fresh Python process (this script with ``--child``), so one
measurement's memory cannot be reused by the next: the process builds the pipeline, annotates one seed article
(warm-up: lexicons loaded on first use), then times the annotation alone.

- time: wall-clock seconds of consuming ``process_articles`` (and CPU seconds of the process, which other load
  on the machine hardly changes);
- memory: **peak RSS growth** — the kernel's high-water mark ``VmHWM`` (reset to the current RSS through
  ``/proc/self/clear_refs`` just before the run) minus the RSS before the run, in MB (10^6 bytes). It counts
  everything the annotation touches (spaCy's C arrays, numpy, Python objects), unlike tracemalloc, which would
  also slow the Python rules down several times. Linux only.

The target of issue #13: long <= 1.3 x separate in time and in memory at every N.

``--modes separate-model,long-model`` times the same texts without the three extraction components
(``article_dates``, ``article_entities``, ``article_quotations``), to tell the model's share from the rules'.
``--dump DIR`` writes the results of every run (``repr`` of the ``ArticleResult`` objects) to
``DIR/long-50.txt`` etc., so two versions of the code can be compared byte for byte on the long articles too.
``--profile DIR`` also writes cProfile statistics of every run (``DIR/long-50.prof``, ``DIR/separate-50.prof``;
profiled runs are slower, their times are not the ones in the table) and prints the top functions by cumulative and
by total time.
"""
from __future__ import annotations

import argparse
import json
import os
import platform
import subprocess
import sys
import time
from pathlib import Path

for _var in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ.setdefault(_var, "1")

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT / "seeds"
HEADER = " date 2023-09 "


# ------------------------------------------------------------------------------------------------------ corpora

def seed_texts(folder: Path = SEEDS) -> list[str]:
    texts = [p.read_text(encoding="utf-8") for p in sorted(folder.glob("*.txt"))]
    if not texts:
        sys.exit(f"no .txt articles in {folder}")
    return texts


def separate_texts(n: int, folder: Path = SEEDS) -> list[str]:
    seeds = seed_texts(folder)
    return [seeds[i % len(seeds)] for i in range(n)]


def long_text(n: int, folder: Path = SEEDS) -> str:
    from pipeline.extract.dates import header_end

    bodies = [t[header_end(t):].strip() for t in separate_texts(n, folder)]
    return HEADER + "\n\n".join(bodies) + "\n"


def articles(mode: str, n: int, folder: Path = SEEDS):
    from pipeline.read import article_from_text

    if mode.startswith("long"):
        return [article_from_text(f"long-{n}", long_text(n, folder), "<long>", format="txt")]
    return [article_from_text(f"sep-{i:04d}", text, "<separate>", format="txt")
            for i, text in enumerate(separate_texts(n, folder))]


# ------------------------------------------------------------------------------------------------------ memory

def _status_kb(field: str) -> int:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith(field + ":"):
            return int(line.split()[1])
    raise RuntimeError(f"/proc/self/status has no {field}")


def _reset_peak() -> bool:
    try:
        Path("/proc/self/clear_refs").write_text("5")  # resets VmHWM to the current RSS (Linux >= 4.0)
        return True
    except OSError:
        return False


# ------------------------------------------------------------------------------------------------------ child

def child(mode: str, n: int, model: str | None, profile: str | None, folder: Path, dump: str | None = None) -> dict:
    from pipeline.annotate import build_nlp, process_articles
    from pipeline.read import article_from_text

    import pipeline

    nlp = build_nlp(model)
    if mode.endswith("-model"):  # the model and the annotation components only, without the extraction rules
        from pipeline.annotate import EXTRACTORS

        for name in EXTRACTORS:
            nlp.remove_pipe(name)
    warm = article_from_text("warm-up", seed_texts(folder)[0], "<warm-up>", format="txt")
    list(process_articles(nlp, [warm]))
    arts = articles(mode, n, folder)
    chars = sum(len(a.text) for a in arts)
    words = sum(len(a.text.split()) for a in arts)

    profiler = None
    if profile:
        import cProfile

        profiler = cProfile.Profile()
    rss_before = _status_kb("VmRSS")
    reset = _reset_peak()
    cpu0, t0 = time.process_time(), time.perf_counter()
    if profiler:
        profiler.enable()
    results = list(process_articles(nlp, arts, workers=1))
    if profiler:
        profiler.disable()
    seconds, cpu = time.perf_counter() - t0, time.process_time() - cpu0
    peak = _status_kb("VmHWM")
    bad = [r.status for r in results if r.status != "ok"]
    if bad:
        raise SystemExit(f"{mode} N={n}: {bad[0]}")
    out = {
        "mode": mode, "n": n, "articles": len(arts), "chars": chars, "words": words,
        "seconds": seconds, "cpu_seconds": cpu,
        "peak_rss_growth_mb": (peak - rss_before) * 1024 / 1e6 if reset else None,
        "quotes": sum(len(r.quotes) for r in results), "entities": sum(len(r.entities) for r in results),
        "pipeline_file": pipeline.__file__,
    }
    if dump:  # every extraction of the run, to compare two code versions byte for byte
        path = Path(dump) / f"{mode}-{n}.txt"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text("\n".join(repr(r) for r in results) + "\n", encoding="utf-8")
    if profiler:
        path = Path(profile) / f"{mode}-{n}.prof"
        path.parent.mkdir(parents=True, exist_ok=True)
        profiler.dump_stats(str(path))
        out["profile"] = str(path)
    return out


def run_child(mode: str, n: int, args) -> dict:
    cmd = [sys.executable, str(Path(__file__).resolve()), "--child", mode, str(n), "--seeds", str(args.seeds)]
    if args.model:
        cmd += ["--model", args.model]
    if args.profile:
        cmd += ["--profile", str(args.profile)]
    if args.dump:
        cmd += ["--dump", str(args.dump)]
    proc = subprocess.run(cmd, capture_output=True, text=True)
    if proc.returncode != 0:
        sys.exit(f"{mode} N={n} failed:\n{proc.stderr[-3000:]}")
    return json.loads(proc.stdout.strip().splitlines()[-1])


def print_profile(path: str, limit: int = 25) -> None:
    import pstats

    for key in ("cumulative", "tottime"):
        print(f"\n#### {Path(path).name}, sorted by {key}\n```")
        pstats.Stats(path, stream=sys.stdout).strip_dirs().sort_stats(key).print_stats(limit)
        print("```")


# ------------------------------------------------------------------------------------------------------ main

def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--n", default="10,50,200", help="numbers of seed articles, comma-separated")
    parser.add_argument("--json", type=Path, help="also write the measurements to this file")
    parser.add_argument("--model", default=None, help="pipeline name or path (default: the project's choice)")
    parser.add_argument("--seeds", type=Path, default=SEEDS, help="folder of .txt articles (default: seeds/)")
    parser.add_argument("--profile", type=Path, help="write cProfile stats of every run to this folder")
    parser.add_argument("--dump", type=Path, help="write every run's results (repr) to this folder, to compare "
                        "two versions of the code")
    parser.add_argument("--modes", default="separate,long",
                        help="runs per N (default separate,long); separate-model,long-model: the same without the "
                             "three extraction components (the model, paragraph_boundaries, pos_repair, person_rules)")
    parser.add_argument("--child", nargs=2, metavar=("MODE", "N"), help=argparse.SUPPRESS)
    args = parser.parse_args(argv)

    if args.child:
        mode, n = args.child
        print(json.dumps(child(mode, int(n), args.model, str(args.profile) if args.profile else None, args.seeds,
                               str(args.dump) if args.dump else None)))
        return

    ns = [int(x) for x in args.n.split(",") if x.strip()]
    modes = [m.strip() for m in args.modes.split(",")]
    rows = []
    for n in ns:
        row = {"n": n}
        for mode in modes:
            row[mode] = run_child(mode, n, args)
            r = row[mode]
            print(f"  {mode:>8} N={n:<4} {r['chars']:>9,} chars  {r['seconds']:7.2f} s  cpu {r['cpu_seconds']:7.2f} s"
                  f"  peak RSS +{r['peak_rss_growth_mb'] or 0:7.1f} MB  quotes {r['quotes']}", file=sys.stderr)
        rows.append(row)

    import spacy

    first = rows[0][modes[0]]
    print(f"pipeline: {first['pipeline_file']}; Python {platform.python_version()}, spaCy {spacy.__version__}, "
          f"{os.cpu_count()} CPUs, load average {os.getloadavg()[0]:.2f}")
    print("memory: peak RSS growth during the annotation (VmHWM after - VmRSS before, MB); "
          "each run in a fresh process, model loaded and warmed up before\n")
    if modes == ["separate", "long"]:
        print("| N | characters | separate s | long s | ratio | separate MB | long MB | ratio | "
              "separate CPU s | long CPU s | ratio |")
        print("|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
        for row in rows:
            s, lg = row["separate"], row["long"]
            mem_s, mem_l = s["peak_rss_growth_mb"] or 0.0, lg["peak_rss_growth_mb"] or 0.0
            print(f"| {row['n']} | {lg['chars']:,} | {s['seconds']:.2f} | {lg['seconds']:.2f} | "
                  f"{lg['seconds'] / s['seconds']:.2f} | {mem_s:.0f} | {mem_l:.0f} | "
                  f"{mem_l / mem_s if mem_s > 0 else float('nan'):.2f} | {s['cpu_seconds']:.2f} | "
                  f"{lg['cpu_seconds']:.2f} | {lg['cpu_seconds'] / s['cpu_seconds']:.2f} |")
        print("\ntarget (issue #13): long <= 1.3 x separate, time and memory, at every N")
    if args.json:
        args.json.write_text(json.dumps({"rows": rows, "python": platform.python_version(),
                                         "spacy": spacy.__version__}, indent=2))
    if args.profile:
        for row in rows:
            for mode in modes:
                print_profile(row[mode]["profile"])


if __name__ == "__main__":
    main()
