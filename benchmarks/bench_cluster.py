"""`pipeline run` on Dask against today's forked workers (issue #17). A script, not a test::

    python benchmarks/bench_cluster.py [--articles 200] [--memory-small 100] [--memory-large 10000]
                                       [--workdir DIR] [--json FILE] [--only speed,memory]

1. speed, side by side on one corpus (the seeds replicated with distinct ids and a last line of their own:
   full-length, ~630 words each), every configuration annotating every article (a fresh output directory):
   one process; ``--workers 2`` (forked); ``--scheduler local`` with 1 and with 2 workers; a TCP cluster (a
   ``dask scheduler`` and two ``dask worker`` processes on 127.0.0.1). Each is one ``pipeline run`` subprocess,
   timed from the outside; its summary gives the annotation time (from the first article sent to the last result:
   for Dask that includes the workers loading the model, for the forked workers not — they share the parent's)
   and the serial rest (reading, the store, writing the tables: elapsed − annotation);
2. the client's peak RSS (``ru_maxrss`` of the ``pipeline run`` process; the workers are other processes) with
   ``--scheduler tcp://…`` over ``--memory-small`` and ``--memory-large`` one-paragraph articles.
"""
from __future__ import annotations

import argparse
import json
import os
import platform
import re
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT / "seeds"
CLIENT = ("import resource, sys; from pipeline.cli import main; sys.argv = ['pipeline'] + sys.argv[1:]\n"
          "try:\n    main()\nexcept SystemExit:\n    pass\n"
          "print('maxrss_kb', resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)")


def full_corpus(folder: Path, n: int) -> int:
    folder.mkdir(parents=True, exist_ok=True)
    texts = [p.read_text(encoding="utf-8") for p in sorted(SEEDS.glob("*.txt"))]
    words = 0
    for i in range(n):
        text = f"{texts[i % len(texts)].rstrip()}\n\n(Meldung {i})\n"
        (folder / f"a{i:05d}.txt").write_text(text, encoding="utf-8")
        words += len(text.split())
    return words


def short_corpus(folder: Path, n: int) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    with open(folder / "short.jsonl", "w", encoding="utf-8") as fh:
        for i in range(n):
            text = (f"„Wir bauen die Brücke {i}“, sagte die Bürgermeisterin Anna Berg am Montag in Köln. "
                    "Der Stadtrat berät im Mai über den Plan.")
            fh.write(json.dumps({"id": f"s{i:06d}", "text": text}, ensure_ascii=False) + "\n")


def run(args: list[str]) -> dict:
    t0 = time.perf_counter()
    done = subprocess.run([sys.executable, "-c", CLIENT, "run", *args, "--no-progress", "--no-workbook",
                           "--no-report"], capture_output=True, text=True, cwd=ROOT)
    wall = time.perf_counter() - t0
    out = done.stdout
    if done.returncode != 0 or "articles processed" not in out:
        raise RuntimeError(f"pipeline run {' '.join(args)} failed:\n{out}\n{done.stderr[-2000:]}")
    elapsed = float(re.search(r"elapsed\s+([\d.]+) s", out).group(1))
    processed = int(re.search(r"articles processed\s+([\d,]+)", out).group(1).replace(",", ""))
    rate = re.search(r"words per second\s+([\d,]+)", out)
    maxrss = int(re.search(r"maxrss_kb (\d+)", out).group(1))
    load = re.search(r"model load ([\d.]+) s", out)
    words_per_s = int(rate.group(1).replace(",", "")) if rate else 0
    return {"wall_s": round(wall, 1), "elapsed_s": elapsed, "processed": processed, "words_per_s": words_per_s,
            "client_maxrss_mb": round(maxrss / 1024), "load_s": float(load.group(1)) if load else 0.0}


class TcpCluster:
    """A ``dask scheduler`` and ``n`` ``dask worker`` processes on 127.0.0.1 (random ports)."""

    def __init__(self, folder: Path, n: int = 2):
        folder.mkdir(parents=True, exist_ok=True)
        self.file = folder / "scheduler.json"
        self.file.unlink(missing_ok=True)
        loopback = ["--no-dashboard", "--dashboard-address", "127.0.0.1:0"]
        self.procs = [subprocess.Popen([sys.executable, "-m", "distributed.cli.dask_scheduler", "--host",
                                        "127.0.0.1", "--port", "0", "--scheduler-file", str(self.file), *loopback],
                                       stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)]
        deadline = time.monotonic() + 60
        while not (self.file.is_file() and self.file.read_text().strip()):
            if time.monotonic() > deadline:
                raise RuntimeError("the scheduler did not start")
            time.sleep(0.2)
        self.address = json.loads(self.file.read_text())["address"]
        self.procs += [subprocess.Popen([sys.executable, "-m", "distributed.cli.dask_worker", "--scheduler-file",
                                         str(self.file), "--host", "127.0.0.1", "--nthreads", "1", "--no-nanny",
                                         "--memory-limit", "0", *loopback],
                                        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL) for _ in range(n)]
        from distributed import Client

        with Client(self.address, timeout=60) as client:
            client.wait_for_workers(n, timeout=120)

    def close(self) -> None:
        for proc in reversed(self.procs):
            proc.terminate()
        for proc in self.procs:
            try:
                proc.wait(timeout=20)
            except subprocess.TimeoutExpired:
                proc.kill()


def speed(work: Path, n: int) -> dict:
    corpus = work / "corpus"
    words = full_corpus(corpus, n)
    rows = {}
    configs = [("one process", ["--workers", "1"]), ("forked --workers 2", ["--workers", "2"]),
               ("Dask local, 1 worker", ["--scheduler", "local", "--workers", "1"]),
               ("Dask local, 2 workers", ["--scheduler", "local", "--workers", "2"])]
    for name, extra in configs:
        rows[name] = run([str(corpus), "--output", str(work / re.sub(r"\W+", "-", name)), *extra])
        print(name, rows[name], flush=True)
    cluster = TcpCluster(work / "tcp")
    try:
        rows["Dask TCP, 2 worker processes"] = run([str(corpus), "--output", str(work / "tcp-out"), "--scheduler",
                                                    cluster.address])
        print("tcp", rows["Dask TCP, 2 worker processes"], flush=True)
    finally:
        cluster.close()
    for row in rows.values():  # the annotation time from the summary's words per second; the rest is serial
        row["annotate_s"] = round(words / row["words_per_s"], 1) if row["words_per_s"] else None
        row["serial_s"] = round(row["elapsed_s"] - (row["annotate_s"] or 0) - row["load_s"], 1)
    return {"articles": n, "words": words, "runs": rows}


def memory(work: Path, small: int, large: int) -> dict:
    cluster = TcpCluster(work / "tcp-mem")
    out = {}
    try:
        for n in (small, large):
            corpus = work / f"short-{n}"
            short_corpus(corpus, n)
            out[n] = run([str(corpus), "--output", str(work / f"mem-{n}"), "--scheduler", cluster.address])
            print("memory", n, out[n], flush=True)
    finally:
        cluster.close()
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--articles", type=int, default=200)
    parser.add_argument("--memory-small", type=int, default=100)
    parser.add_argument("--memory-large", type=int, default=10000)
    parser.add_argument("--workdir", type=Path, default=None)
    parser.add_argument("--json", type=Path, default=None)
    parser.add_argument("--only", default="speed,memory")
    args = parser.parse_args()
    work = args.workdir or Path(tempfile.mkdtemp(prefix="bench-cluster-"))
    report = {"machine": f"{platform.processor() or platform.machine()}, {os.cpu_count()} CPUs",
              "python": platform.python_version()}
    if "speed" in args.only:
        report["speed"] = speed(work, args.articles)
    if "memory" in args.only:
        report["memory"] = memory(work, args.memory_small, args.memory_large)
    print(json.dumps(report, indent=2, ensure_ascii=False))
    if args.json:
        args.json.write_text(json.dumps(report, indent=2, ensure_ascii=False), encoding="utf-8")
    if args.workdir is None:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
