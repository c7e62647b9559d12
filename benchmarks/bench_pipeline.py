"""Speed and memory of `pipeline run` against the model's own speed; reruns; flat memory. A script, not a test::

    python benchmarks/bench_pipeline.py [--model PATH] [--workdir DIR] [--json FILE]
                                        [--throughput-articles 40] [--rerun-articles 1000]
                                        [--memory-small 100] [--memory-large 10000] [--only throughput,rerun,memory]

It builds corpora from the articles in ``seeds/`` (replicated with distinct ids) and reports, on the same texts and
the same model:

1. throughput (one process, model loaded beforehand, configurations interleaved, best of ``--repeat`` runs): raw
   ``nlp.pipe`` of the model as shipped; the same texts through ``build_nlp()`` (the model plus this project's
   components, no I/O); the full pipeline (``pipeline.batch.run_batch --force``: reading, annotation, extraction,
   result store, CSV tables) with 1 and 2 workers. Words are whitespace-separated words of the article texts.
   Wall-clock words/s, and words per CPU-second (this process plus its joined workers), which other load on the
   machine hardly changes;
2. reruns of ``pipeline run`` as a subprocess (interpreter start-up included) over ``--rerun-articles`` full-length
   articles: the first run, a rerun without changes, and a rerun with one new article — next to what one new
   article should cost (the no-change rerun + importing spaCy and loading the model in a fresh process +
   annotating one article);
3. peak RSS of the whole process tree (the CLI and its worker processes, sampled every 50 ms from /proc; RSS counts
   pages the forked workers share with their parent once per process, so PSS is shown too) of ``pipeline run``
   with default workers over ``--memory-small`` and ``--memory-large`` short articles (one paragraph each).
"""
from __future__ import annotations

import argparse
import json
import os
import platform
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT / "seeds"


# ------------------------------------------------------------------------------------------------------ corpora

def seed_texts() -> list[tuple[str, str]]:
    texts = [(p.stem, p.read_text(encoding="utf-8")) for p in sorted(SEEDS.glob("*.txt"))]
    if not texts:
        sys.exit(f"no .txt articles in {SEEDS}")
    return texts


def unique(text: str, i: int) -> str:
    """The text with a last line of its own: a run annotates every article (one whose content equals an article
    already stored reuses its result, as a moved file does)."""
    return f"{text.rstrip()}\n\n(Meldung {i})\n"


def full_corpus(folder: Path, n: int) -> Path:
    """``n`` full-length articles: the seeds, replicated with distinct ids (file names) and contents."""
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir(parents=True)
    seeds = seed_texts()
    for i in range(n):
        stem, text = seeds[i % len(seeds)]
        (folder / f"a{i:06d}_{stem[:3]}.txt").write_text(unique(text, i), encoding="utf-8")
    return folder


def paragraphs() -> list[tuple[str, str]]:
    """(date header, paragraph) of every seed paragraph of at least 25 words."""
    out = []
    for _, text in seed_texts():
        header = re.match(r"^ date \S+ ", text)
        head = header.group(0) if header else ""
        for para in text[len(head):].split("\n"):
            if len(para.split()) >= 25:
                out.append((head, para.strip()))
    return out


def short_corpus(path: Path, n: int) -> Path:
    """``n`` one-paragraph articles in one JSONL file (distinct ids and contents, the seed's date kept)."""
    paras = paragraphs()
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "w", encoding="utf-8") as fh:
        for i in range(n):
            head, para = paras[i % len(paras)]
            date = head.split()[1] if head else None
            record = {"id": f"p{i:06d}", "text": unique(para, i)}
            if date:
                record["date"] = date
            fh.write(json.dumps(record, ensure_ascii=False) + "\n")
    return path


def corpus_words(inputs: list[Path]) -> tuple[list[str], int]:
    from pipeline.read import read_inputs
    from pipeline.types import Article

    texts = [a.text for a in read_inputs(inputs) if isinstance(a, Article)]
    return texts, sum(len(t.split()) for t in texts)


# ------------------------------------------------------------------------------------------------- measuring

from bench_model import cpu_name  # noqa: E402  (the sibling script; benchmarks/ is on sys.path when run)


def load_average() -> str:
    try:
        return " ".join(Path("/proc/loadavg").read_text().split()[:3])
    except OSError:
        return "?"


def _tree(pid: int) -> list[int]:
    pids, todo = [], [pid]
    while todo:
        p = todo.pop()
        pids.append(p)
        try:
            for task in os.listdir(f"/proc/{p}/task"):
                with open(f"/proc/{p}/task/{task}/children") as fh:
                    todo += [int(c) for c in fh.read().split()]
        except OSError:
            continue
    return pids


def _kb(path: str, field: str) -> int:
    try:
        with open(path) as fh:
            for line in fh:
                if line.startswith(field):
                    return int(line.split()[1])
    except OSError:
        pass
    return 0


def run_measured(cmd: list[str], env: dict | None = None) -> dict:
    """Run ``cmd``; wall time and peak RSS/PSS (MB) of its process tree (sampled every 50 ms)."""
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env)
    peak = {"rss": 0, "pss": 0, "processes": 0}
    done = threading.Event()

    def sample():
        while not done.is_set():
            pids = _tree(proc.pid)
            rss = sum(_kb(f"/proc/{p}/status", "VmRSS:") for p in pids)
            if rss > peak["rss"]:
                peak["rss"] = rss
                peak["pss"] = sum(_kb(f"/proc/{p}/smaps_rollup", "Pss:") for p in pids)
            peak["processes"] = max(peak["processes"], len(pids))
            done.wait(0.05)

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    out, err = proc.communicate()
    wall = time.perf_counter() - start
    done.set()
    sampler.join()
    if proc.returncode != 0:
        sys.exit(f"{' '.join(cmd)} failed ({proc.returncode}):\n{out}\n{err}")
    return {"seconds": wall, "rss_mb": peak["rss"] / 1024, "pss_mb": peak["pss"] / 1024,
            "processes": peak["processes"], "stdout": out}


def cli(*args: str) -> list[str]:
    return [sys.executable, "-m", "pipeline.cli", "run", *args]


# ------------------------------------------------------------------------------------------------- sections

def _cpu() -> float:
    """CPU seconds of this process and of its finished (joined) child processes."""
    import resource

    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    return time.process_time() + children.ru_utime + children.ru_stime


def bench_throughput(args, work: Path) -> dict:
    """Wall and CPU seconds of each configuration, interleaved, best of ``--repeat``. CPU time (this process and
    the joined workers) is what a configuration costs regardless of other load on the machine."""
    import spacy

    from pipeline.annotate import build_nlp
    from pipeline.batch import run_batch

    corpus = full_corpus(work / "throughput", args.throughput_articles)
    texts, words = corpus_words([corpus])
    raw = spacy.load(args.model)
    nlp = build_nlp(args.model)
    list(raw.pipe(texts[:5]))  # warm up (lazy lexicons, first-call costs)
    list(nlp.pipe(texts[:5]))

    def raw_pipe():
        assert sum(1 for _ in raw.pipe(texts, batch_size=args.batch_size)) == len(texts)

    def components():
        assert sum(1 for _ in nlp.pipe(texts, batch_size=args.batch_size)) == len(texts)

    def pipeline(workers):
        def go():
            summary = run_batch([corpus], work / f"throughput-out-{workers}", model=args.model,
                                batch_size=args.batch_size, workers=workers, force=True, nlp=nlp)
            assert summary.processed == len(texts), summary
        return go

    configs = {"raw": raw_pipe, "components": components, "pipeline_1": pipeline(1), "pipeline_2": pipeline(2)}
    wall: dict[str, list[float]] = {k: [] for k in configs}
    cpu: dict[str, list[float]] = {k: [] for k in configs}
    for _ in range(args.repeat):
        for name, fn in configs.items():
            c, t = _cpu(), time.perf_counter()
            fn()
            wall[name].append(time.perf_counter() - t)
            cpu[name].append(_cpu() - c)
    for table in ("articles.csv", "entities.csv", "quotes.csv", "persons.csv", "places.csv"):
        assert (work / "throughput-out-1" / table).read_bytes() == (work / "throughput-out-2" / table).read_bytes()
    rate = {k: words / min(v) for k, v in wall.items()}
    cpu_rate = {k: words / min(v) for k, v in cpu.items()}
    return {"articles": len(texts), "words": words, "wall": wall, "cpu": cpu, "words_per_second": rate,
            "words_per_cpu_second": cpu_rate,
            "pipeline_vs_raw": rate["pipeline_1"] / rate["raw"],
            "pipeline_vs_raw_cpu": cpu_rate["pipeline_1"] / cpu_rate["raw"],
            "components_vs_raw": rate["components"] / rate["raw"],
            "components_vs_raw_cpu": cpu_rate["components"] / cpu_rate["raw"],
            "two_vs_one_worker": rate["pipeline_2"] / rate["pipeline_1"],
            "two_workers_cpu_overhead": cpu_rate["pipeline_1"] / cpu_rate["pipeline_2"]}


def bench_reruns(args, work: Path) -> dict:
    from pipeline.annotate import build_nlp, process_articles
    from pipeline.read import read_inputs

    corpus = full_corpus(work / "rerun", args.rerun_articles)
    out = work / "rerun-out"
    shutil.rmtree(out, ignore_errors=True)
    first = run_measured(cli(str(corpus), "-o", str(out), "--batch-size", str(args.batch_size)))
    nochange = [run_measured(cli(str(corpus), "-o", str(out))) for _ in range(3)]
    assert all("skipped (unchanged)" in r["stdout"] and "model not loaded" in r["stdout"] for r in nochange)
    # what one new article should cost: the no-change rerun + importing spaCy and loading the model in a fresh
    # process (minus the interpreter start-up, already in the rerun) + annotating one article
    bare = min(run_measured([sys.executable, "-c", "import pipeline.cli"])["seconds"] for _ in range(3))
    loading = min(run_measured([sys.executable, "-c", "import pipeline.cli\nfrom pipeline.annotate import build_nlp\n"
                                f"build_nlp({args.model!r})"])["seconds"] for _ in range(3))
    load = loading - bare
    nlp = build_nlp(args.model)
    seeds = seed_texts()
    article = next(a for a in read_inputs([SEEDS]) if a.id == seeds[0][0])
    list(process_articles(nlp, [article]))  # warm up
    one = []
    for _ in range(3):
        t = time.perf_counter()
        list(process_articles(nlp, [article]))
        one.append(time.perf_counter() - t)
    del nlp
    new = []
    for k in range(3):
        stem, text = seeds[(k + 1) % len(seeds)]
        (corpus / f"new{k}_{stem[:3]}.txt").write_text(unique(text, -1 - k), encoding="utf-8")
        r = run_measured(cli(str(corpus), "-o", str(out)))
        assert re.search(r"articles processed\s+1\s", r["stdout"]), r["stdout"]
        new.append(r["seconds"])
    writing = {wb: table_writing_seconds(out, work / "tables-scratch", wb) for wb in (False, True)}
    assert run_measured(cli(str(corpus), "-o", str(out), "--no-workbook"))["seconds"] > 0  # drop the workbook
    new_csv = []
    for k in range(3):
        stem, text = seeds[(k + 2) % len(seeds)]
        (corpus / f"newcsv{k}_{stem[:3]}.txt").write_text(unique(text, -10 - k), encoding="utf-8")
        r = run_measured(cli(str(corpus), "-o", str(out), "--no-workbook"))
        assert re.search(r"articles processed\s+1\s", r["stdout"]), r["stdout"]
        new_csv.append(r["seconds"])
    nochange_s = statistics.median(r["seconds"] for r in nochange)
    return {"articles": args.rerun_articles, "first_run_seconds": first["seconds"],
            "no_change_seconds": nochange_s, "no_change_runs": [r["seconds"] for r in nochange],
            "one_new_seconds": statistics.median(new), "one_new_runs": new,
            "one_new_no_workbook_seconds": statistics.median(new_csv), "one_new_no_workbook_runs": new_csv,
            "model_load_seconds": load, "one_article_seconds": min(one),
            "tables_csv_seconds": writing[False], "tables_csv_and_workbook_seconds": writing[True],
            "expected_one_new_seconds": nochange_s + load + min(one) + writing[True],
            "expected_one_new_no_workbook_seconds": nochange_s + load + min(one) + writing[False]}


def table_writing_seconds(out: Path, scratch: Path, workbook: bool) -> float:
    """Writing all tables of ``out`` again from its result store (best of three), CSV only or with the workbook."""
    from pipeline.store import ResultStore
    from pipeline.write import TableWriter

    best = float("inf")
    for _ in range(3):
        store = ResultStore.open_readonly(out)
        t = time.perf_counter()
        with TableWriter(scratch, workbook=workbook) as tables:
            for art_id, rows in store.iter_rows():
                tables.add_rendered(art_id, rows)
            tables.commit()
        best = min(best, time.perf_counter() - t)
        store.close()
    return best


def bench_memory(args, work: Path) -> dict:
    out = {}
    for n in (args.memory_small, args.memory_large):
        corpus = short_corpus(work / f"short-{n}.jsonl", n)
        target = work / f"memory-out-{n}"
        shutil.rmtree(target, ignore_errors=True)
        r = run_measured(cli(str(corpus), "-o", str(target), "--batch-size", str(args.batch_size)))
        _, words = corpus_words([corpus])
        store = target / ".pipeline-cache" / "results.sqlite3"
        out[n] = {"seconds": r["seconds"], "rss_mb": r["rss_mb"], "pss_mb": r["pss_mb"],
                  "processes": r["processes"], "words": words,
                  "store_mb": store.stat().st_size / 2**20 if store.exists() else 0.0}
    small, large = out[args.memory_small], out[args.memory_large]
    return {"runs": {str(k): v for k, v in out.items()}, "rss_ratio": large["rss_mb"] / small["rss_mb"],
            "pss_ratio": large["pss_mb"] / small["pss_mb"]}


# ------------------------------------------------------------------------------------------------------ report

def report(res: dict, args) -> str:
    lines = [f"Machine: {res['machine']}; Python {res['python']}, spaCy {res['spacy']}; model {res['model']}; "
             f"load average at start {res['load_start']}, at end {res['load_end']}.", ""]
    lines += ["| measurement | result | target |", "|---|---|---|"]
    if "throughput" in res:
        t = res["throughput"]
        r, c = t["words_per_second"], t["words_per_cpu_second"]
        lines += [
            f"| raw `nlp.pipe`, model as shipped ({t['articles']} articles, {t['words']:,} words) | "
            f"{r['raw']:,.0f} words/s ({c['raw']:,.0f} per CPU-s) | |",
            f"| `nlp.pipe` with this project's components (no I/O) | {r['components']:,.0f} words/s "
            f"({t['components_vs_raw']:.2f} × raw; CPU: {t['components_vs_raw_cpu']:.2f} ×) | |",
            f"| full pipeline, 1 worker (read, annotate, extract, store, CSV) | {r['pipeline_1']:,.0f} words/s "
            f"(**{t['pipeline_vs_raw']:.2f} × raw**; CPU: {t['pipeline_vs_raw_cpu']:.2f} ×) | ≥ 0.85 × raw |",
            f"| full pipeline, 2 workers | {r['pipeline_2']:,.0f} words/s "
            f"(**{t['two_vs_one_worker']:.2f} × 1 worker**; CPU per word {t['two_workers_cpu_overhead']:.2f} × "
            f"of 1 worker) | ≥ 1.6 × |",
        ]
    if "reruns" in res:
        u = res["reruns"]
        lines += [
            f"| first run, {u['articles']:,} full-length articles (CLI, 2 workers) | {u['first_run_seconds']:.1f} s | |",
            f"| rerun, nothing changed ({u['articles']:,} articles) | **{u['no_change_seconds']:.2f} s** | < 2 s |",
            f"| rerun, one new article | **{u['one_new_seconds']:.2f} s** | ≈ {u['expected_one_new_seconds']:.2f} s "
            f"(no-change rerun {u['no_change_seconds']:.2f} + spaCy import and model load "
            f"{u['model_load_seconds']:.2f} + one article {u['one_article_seconds']:.2f} + writing all tables "
            f"{u['tables_csv_and_workbook_seconds']:.2f}) |",
            f"| rerun, one new article, `--no-workbook` | **{u['one_new_no_workbook_seconds']:.2f} s** | ≈ "
            f"{u['expected_one_new_no_workbook_seconds']:.2f} s (CSV tables {u['tables_csv_seconds']:.2f}) |",
            f"| writing all tables of {u['articles']:,} articles from the store: CSV / CSV + workbook | "
            f"{u['tables_csv_seconds']:.2f} s / {u['tables_csv_and_workbook_seconds']:.2f} s | |",
        ]
    if "memory" in res:
        m = res["memory"]
        small, large = m["runs"][str(args.memory_small)], m["runs"][str(args.memory_large)]
        lines += [
            f"| peak RSS of the process tree, {args.memory_small:,} short articles | {small['rss_mb']:,.0f} MB "
            f"(PSS {small['pss_mb']:,.0f} MB; {small['seconds']:.0f} s) | |",
            f"| peak RSS of the process tree, {args.memory_large:,} short articles "
            f"({large['words']:,} words) | {large['rss_mb']:,.0f} MB (PSS {large['pss_mb']:,.0f} MB; "
            f"{large['seconds']:.0f} s; store {large['store_mb']:.0f} MB on disk) | |",
            f"| ratio {args.memory_large:,} / {args.memory_small:,} | **{m['rss_ratio']:.2f}** "
            f"(PSS {m['pss_ratio']:.2f}) | ≤ 1.2 |",
        ]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--model", default=None, help="pipeline name or path (default: as `pipeline run`)")
    parser.add_argument("--workdir", type=Path, default=None, help="scratch folder (default: a temporary one)")
    parser.add_argument("--json", type=Path, default=None, help="also write the numbers as JSON here")
    parser.add_argument("--throughput-articles", type=int, default=30)
    parser.add_argument("--rerun-articles", type=int, default=1000)
    parser.add_argument("--memory-small", type=int, default=100)
    parser.add_argument("--memory-large", type=int, default=10_000)
    parser.add_argument("--batch-size", type=int, default=16)
    parser.add_argument("--repeat", type=int, default=3, help="throughput runs per configuration (best is kept)")
    parser.add_argument("--only", default="throughput,rerun,memory")
    args = parser.parse_args(argv)

    os.chdir(ROOT)
    sys.path.insert(0, str(ROOT))
    from pipeline.store import chosen_model_name

    args.model = chosen_model_name(args.model)
    import spacy

    tmp = None
    if args.workdir is None:
        tmp = tempfile.TemporaryDirectory(prefix="bench-pipeline-")
        args.workdir = Path(tmp.name)
    args.workdir.mkdir(parents=True, exist_ok=True)
    only = set(args.only.split(","))
    res = {"machine": cpu_name(), "python": platform.python_version(), "spacy": spacy.__version__,
           "model": args.model, "load_start": load_average()}
    if "throughput" in only:
        res["throughput"] = bench_throughput(args, args.workdir)
        print(f"throughput done: {res['throughput']['words_per_second']}", file=sys.stderr, flush=True)
    if "rerun" in only:
        res["reruns"] = bench_reruns(args, args.workdir)
        print("reruns done", file=sys.stderr, flush=True)
    if "memory" in only:
        res["memory"] = bench_memory(args, args.workdir)
    res["load_end"] = load_average()
    text = report(res, args)
    print(text)
    if args.json:
        args.json.write_text(json.dumps(res, indent=1, default=str), encoding="utf-8")
    if tmp is not None:
        tmp.cleanup()


if __name__ == "__main__":
    main()
