"""Size and build time of the HTML report (issue #16) at 100 and 10,000 articles. A script, not a test::

    python benchmarks/bench_report.py [--sizes 100,10000] [--workdir DIR] [--json FILE] [--no-browser]

The seeds are annotated once; a result store of N articles is then filled with copies of their results under
distinct ids (as ``pipeline run`` stores them: results and rendered rows). So that the speakers are not the same 40
people in every copy, the speakers of copy ``i`` carry the group number ``i % 200`` (each "speaker" is then quoted
in about N/200 articles, a corpus of many people, as real news has). For each size it reports:

1. the first build of ``OUTPUT/report/`` (:func:`pipeline.report.write_report`): seconds, pages, total size, the
   size of ``index.html``, of ``data/tables.js`` (all table rows, which the index pages through) and of the biggest
   speaker page;
2. a rebuild without changes (``pipeline report``: every page kept, index and data rewritten only if changed);
3. a rebuild after one article changed (one article page and its speakers' pages rewritten);
4. with Chromium (unless ``--no-browser``): opening ``index.html`` until its table is ready, and filtering the
   quotation table by a word, in a headless browser.
"""
from __future__ import annotations

import argparse
import dataclasses
import json
import os
import platform
import shutil
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from pipeline.annotate import build_nlp, process_articles  # noqa: E402
from pipeline.read import read_inputs  # noqa: E402
from pipeline.report import write_report  # noqa: E402
from pipeline.store import ResultStore  # noqa: E402
from pipeline.write import table_row_renderer  # noqa: E402

GROUPS = 200


def seed_results():
    nlp = build_nlp()
    articles = [a for a in read_inputs([ROOT / "seeds"]) if hasattr(a, "text")]
    return list(process_articles(nlp, articles, workers=1))


def copy_of(result, i: int):
    art = dataclasses.replace(result.article, id=f"{i:05d}-{result.article.id}",
                              title=f"{result.article.title} ({i})")
    quotes = [dataclasses.replace(q, speaker=f"{q.speaker} {i % GROUPS}") if q.speaker else q for q in result.quotes]
    return dataclasses.replace(result, article=art, quotes=quotes)


def fill(out: Path, results, n: int) -> None:
    with ResultStore(out, table_row_renderer()) as store:
        store.begin_run()
        for i in range(n):
            copy = copy_of(results[i % len(results)], i)
            store.put(copy, f"bench-{i}", i)
        store.finish()


def folder_size(folder: Path) -> tuple[int, int]:
    files = [p for p in folder.rglob("*") if p.is_file()]
    return len(files), sum(p.stat().st_size for p in files)


def build(out: Path) -> dict:
    store = ResultStore.open_readonly(out)
    try:
        t0 = time.perf_counter()
        summary = write_report(store, out)
        return {"seconds": round(time.perf_counter() - t0, 2), "written": summary.written,
                "unchanged": summary.unchanged}
    finally:
        store.close()


def change_one(out: Path, results) -> None:
    reader = ResultStore.open_readonly(out)
    last_run = reader.run
    reader.close()
    with ResultStore(out, table_row_renderer()) as store:
        store.run = last_run  # the same run: the article replaces its stored result (a rerun's new result)
        first = copy_of(results[0], 0)
        art = dataclasses.replace(first.article, title=first.article.title + " (geändert)")
        store.put(dataclasses.replace(first, article=art), "bench-changed", 0)


def browser_times(index: Path) -> dict:
    try:
        from selenium import webdriver
        from selenium.webdriver.chrome.service import Service
        from selenium.webdriver.common.by import By
    except ImportError:
        return {"skipped": "selenium not installed"}
    chromium, driver_path = shutil.which("chromium"), shutil.which("chromedriver")
    if not chromium or not driver_path:
        return {"skipped": "chromium / chromedriver not installed"}
    os.environ.setdefault("SE_OFFLINE", "true")
    options = webdriver.ChromeOptions()
    options.binary_location = chromium
    for arg in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage"):
        options.add_argument(arg)
    driver = webdriver.Chrome(service=Service(driver_path), options=options)
    try:
        t0 = time.perf_counter()
        driver.get(index.as_uri())  # returns after the load event: the scripts have run
        loaded = time.perf_counter() - t0
        box = driver.find_element(By.ID, "quotes-filter")
        t0 = time.perf_counter()
        box.send_keys("Putin")
        status = driver.find_element(By.ID, "quotes-status").text
        filtered = time.perf_counter() - t0
        return {"load_seconds": round(loaded, 2), "filter_seconds": round(filtered, 2), "filter_status": status}
    finally:
        driver.quit()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", default="100,10000")
    parser.add_argument("--workdir", type=Path, default=None)
    parser.add_argument("--json", type=Path, default=None)
    parser.add_argument("--no-browser", action="store_true")
    args = parser.parse_args()
    work = args.workdir or Path(tempfile.mkdtemp(prefix="bench-report-"))
    results = seed_results()
    report = {"machine": f"{platform.processor() or platform.machine()}, {os.cpu_count()} CPUs", "sizes": {}}
    for n in (int(s) for s in args.sizes.split(",")):
        out = work / f"n{n}"
        shutil.rmtree(out, ignore_errors=True)
        fill(out, results, n)
        first = build(out)
        files, size = folder_size(out / "report")
        speakers = sorted((out / "report" / "speakers").glob("*.html"), key=lambda p: p.stat().st_size)
        row = {"first_build": first, "files": files, "total_mb": round(size / 1e6, 1),
               "index_kb": round((out / "report" / "index.html").stat().st_size / 1e3, 1),
               "data_mb": round((out / "report" / "data" / "tables.js").stat().st_size / 1e6, 2),
               "biggest_speaker_page_kb": round(speakers[-1].stat().st_size / 1e3, 1) if speakers else 0,
               "rebuild_unchanged": build(out)}
        change_one(out, results)
        row["rebuild_one_changed"] = build(out)
        if not args.no_browser:
            row["browser"] = browser_times(out / "report" / "index.html")
        report["sizes"][n] = row
        print(json.dumps({n: row}, ensure_ascii=False), flush=True)
    if args.json:
        args.json.write_text(json.dumps(report, indent=2, ensure_ascii=False), encoding="utf-8")


if __name__ == "__main__":
    main()
