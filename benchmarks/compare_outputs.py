"""Proof that nothing changed: the tables of the working tree, byte for byte, against those of a commit. A script::

    python benchmarks/compare_outputs.py [--base REV] [--splits seeds,dev,train] [--workdir DIR] [--keep]
                                         [--shared DIR] [--workers 2] [--rows 5] [--clean]

For every split it runs ``pipeline run --no-progress -j 2`` twice on the same input, into fresh output folders:

- once with the working tree (this checkout, ``PYTHONPATH=<checkout>``), and
- once with commit ``REV`` (default ``HEAD``), checked out with ``git worktree add --detach`` in a temporary folder
  and run with ``PYTHONPATH=<worktree>``, so that commit's own ``pipeline`` package (and its own
  ``models/de_pipeline_news``) is used, not the editable install of this checkout. Which package each side imports
  (``pipeline.write.__file__``) and which model it would use (``pipeline model``) is checked and printed before
  the runs; a side that imports the wrong package stops the script.

Splits: ``seeds`` (this checkout's ``seeds/``), ``dev`` and ``train`` (``SHARED/eval/wikinews/{dev,train}.jsonl``
turned into pipeline input by ``SHARED/eval/score_quotes.py input``; ``SHARED`` is ``../shared`` relative to the
checkout unless ``--shared`` says otherwise). Both sides read the very same input files under the same relative
names (the runs start in the input folder), so the ``source`` columns agree; ``PIPELINE_MODEL`` is removed from
the environment so that each side uses the model of its own tree.

Then every table is compared byte for byte: each ``*.csv`` that either side wrote, and ``tables.xlsx`` when both
have it. Per split and table it prints ``identical``, or the number of differing rows with the first few
differences by (row, column) — ``columns differ: …`` when the header changed (the rows are then compared on the
columns both have). The exit status is 0 when everything is identical, 1 when anything differs, 2 when a run
fails.

``--keep``: the worktree and the outputs of ``REV`` are kept in ``WORKDIR/base-<commit hash>/`` (default
``WORKDIR``: ``$TMPDIR/pipeline-compare-outputs``) and reused by later invocations for the same commit and the same
input, so repeated checks during a refactor only rerun the working tree (whose outputs are always made afresh).
``--clean`` removes the kept worktrees (``git worktree remove``) and outputs of ``WORKDIR`` and exits. Without
``--keep`` the worktree is removed at the end, and so is everything else unless ``--workdir`` was given (its
outputs and run logs stay there for inspection; the base is run again next time).
"""
from __future__ import annotations

import argparse
import csv
import difflib
import hashlib
import io
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SPLITS = ("seeds", "dev", "train")
DEFAULT_KEEP_DIR = Path(tempfile.gettempdir()) / "pipeline-compare-outputs"
PROBE = (
    "import sys, pipeline, pipeline.write\n"
    "print(pipeline.write.__file__)\n"
)


# ------------------------------------------------------------------------------------------------------ helpers

def git(*args: str, cwd: Path = ROOT) -> str:
    done = subprocess.run(["git", *args], cwd=cwd, capture_output=True, text=True)
    if done.returncode != 0:
        sys.exit(f"git {' '.join(args)} failed: {done.stderr.strip()}")
    return done.stdout.strip()


def sha256_of(path: Path) -> str:
    digest = hashlib.sha256()
    files = sorted(p for p in path.rglob("*") if p.is_file()) if path.is_dir() else [path]
    for p in files:
        digest.update(str(p.relative_to(path) if path.is_dir() else p.name).encode())
        digest.update(p.read_bytes())
    return digest.hexdigest()


def side_env(tree: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in ("PIPELINE_MODEL", "PYTHONPATH")}
    env["PYTHONPATH"] = str(tree)
    return env


def fmt_seconds(s: float) -> str:
    return f"{s:.1f} s" if s < 120 else f"{s / 60:.1f} min"


# ------------------------------------------------------------------------------------------------------ inputs

def prepare_inputs(splits: list[str], shared: Path, folder: Path) -> dict[str, str]:
    """The input of each split inside ``folder`` (the runs' working directory): split -> relative path."""
    folder.mkdir(parents=True, exist_ok=True)
    inputs: dict[str, str] = {}
    for split in splits:
        if split == "seeds":
            target = folder / "seeds"
            if target.exists():
                shutil.rmtree(target)
            shutil.copytree(ROOT / "seeds", target)
            inputs[split] = "seeds"
            continue
        gold = shared / "eval" / "wikinews" / f"{split}.jsonl"
        scorer = shared / "eval" / "score_quotes.py"
        if not gold.is_file() or not scorer.is_file():
            sys.exit(f"{split}: {gold} or {scorer} not found (use --shared DIR)")
        target = folder / f"{split}.jsonl"
        done = subprocess.run([sys.executable, str(scorer), "input", str(gold), str(target)],
                              capture_output=True, text=True)
        if done.returncode != 0:
            sys.exit(f"{split}: {scorer.name} input failed:\n{done.stderr}")
        inputs[split] = target.name
    return inputs


# ------------------------------------------------------------------------------------------------------ sides

@dataclass
class Side:
    name: str  # "work" or "base"
    label: str  # "working tree" / "HEAD (0976fcf)"
    tree: Path
    outputs: Path  # one folder per split below
    keep: bool = False  # reuse outputs of an earlier run (the base with --keep)
    reuse: dict[str, bool] = field(default_factory=dict)
    seconds: dict[str, float] = field(default_factory=dict)

    def check_import(self, cwd: Path) -> None:
        done = subprocess.run([sys.executable, "-c", PROBE], cwd=cwd, env=side_env(self.tree),
                              capture_output=True, text=True)
        if done.returncode != 0:
            sys.exit(f"{self.label}: importing pipeline failed:\n{done.stderr}")
        imported = Path(done.stdout.strip().splitlines()[-1]).resolve()
        expected = (self.tree / "pipeline" / "write.py").resolve()
        if imported != expected:
            sys.exit(f"{self.label}: imports {imported}, not {expected}: the comparison would be meaningless")
        model = subprocess.run([sys.executable, "-m", "pipeline", "model"], cwd=cwd, env=side_env(self.tree),
                               capture_output=True, text=True)
        line = next((ln for ln in model.stdout.splitlines() if ln.startswith("pipeline:")), "pipeline: ?")
        print(f"  {self.label:<24} imports {imported}")
        print(f"  {'':<24} model   {line.split(':', 1)[1].strip()}")

    def run(self, split: str, source: str, cwd: Path, workers: int, input_key: str) -> None:
        out = self.outputs / split
        marker = out / ".compare-outputs.json"
        if self.keep and marker.is_file():
            try:
                stamp = json.loads(marker.read_text())
            except ValueError:
                stamp = {}
            if stamp.get("input") == input_key and stamp.get("workers") == workers:
                self.reuse[split] = True
                self.seconds[split] = float(stamp.get("seconds", 0.0))
                print(f"  {split:<6} {self.label:<24} kept outputs of an earlier run ({out})", flush=True)
                return
        if out.exists():
            shutil.rmtree(out)  # fresh: never a result from the store of an earlier run
        cmd = [sys.executable, "-m", "pipeline", "run", source, "--output", str(out), "--no-progress",
               "-j", str(workers), "--force"]
        print(f"  {split:<6} {self.label:<24} running …", end="", flush=True)
        start = time.perf_counter()
        done = subprocess.run(cmd, cwd=cwd, env=side_env(self.tree), capture_output=True, text=True)
        seconds = time.perf_counter() - start
        self.seconds[split] = seconds
        self.reuse[split] = False
        print(f" {fmt_seconds(seconds)}", flush=True)
        (self.outputs / f"{split}.log").write_text(done.stdout + done.stderr, encoding="utf-8")
        if done.returncode != 0:
            print(f"\n{self.label}: `{' '.join(cmd)}` failed (exit {done.returncode}):\n{done.stderr[-3000:]}",
                  file=sys.stderr)
            sys.exit(2)
        marker.write_text(json.dumps({"input": input_key, "workers": workers, "seconds": seconds}))


def base_side(rev: str, workdir: Path, keep: bool) -> Side:
    commit = git("rev-parse", "--verify", f"{rev}^{{commit}}")
    short = commit[:9]
    home = workdir / f"base-{commit}"
    tree = home / "tree"
    if not (keep and (tree / "pipeline").is_dir() and _worktree_at(tree) == commit):
        if tree.exists():
            subprocess.run(["git", "worktree", "remove", "--force", str(tree)], cwd=ROOT, capture_output=True)
            shutil.rmtree(tree, ignore_errors=True)
        git("worktree", "prune")
        home.mkdir(parents=True, exist_ok=True)
        git("worktree", "add", "--detach", str(tree), commit)
    label = f"{rev} ({short})" if rev != short else short
    return Side("base", label, tree, home / "out", keep=keep)


def _worktree_at(tree: Path) -> str:
    done = subprocess.run(["git", "rev-parse", "HEAD"], cwd=tree, capture_output=True, text=True)
    return done.stdout.strip() if done.returncode == 0 else ""


def remove_worktree(tree: Path) -> None:
    subprocess.run(["git", "worktree", "remove", "--force", str(tree)], cwd=ROOT, capture_output=True)
    shutil.rmtree(tree, ignore_errors=True)
    subprocess.run(["git", "worktree", "prune"], cwd=ROOT, capture_output=True)


# ------------------------------------------------------------------------------------------------------ comparing

def short(value: str, width: int = 70) -> str:
    value = value.replace("\n", "\\n")
    return repr(value if len(value) <= width else value[: width - 1] + "…")


def read_csv(data: bytes) -> tuple[list[str], list[list[str]]]:
    text = data.decode("utf-8-sig", errors="replace")
    sample = text[:4096]
    try:
        dialect = csv.Sniffer().sniff(sample.splitlines()[0] if sample else ",", delimiters=",;\t")
    except csv.Error:
        dialect = csv.excel
    rows = list(csv.reader(io.StringIO(text, newline=""), delimiter=dialect.delimiter))
    return (rows[0] if rows else []), rows[1:]


def compare_csv(base: bytes, work: bytes, max_shown: int) -> list[str]:
    """Lines that describe how two CSV files differ (empty list: identical bytes)."""
    if base == work:
        return []
    head_b, rows_b = read_csv(base)
    head_w, rows_w = read_csv(work)
    lines: list[str] = []
    if head_b != head_w:
        only_b = [c for c in head_b if c not in head_w]
        only_w = [c for c in head_w if c not in head_b]
        parts = []
        if only_b:
            parts.append(f"only in base: {', '.join(only_b)}")
        if only_w:
            parts.append(f"only in working tree: {', '.join(only_w)}")
        if not parts:
            parts.append(f"same columns, other order: base {head_b} / working tree {head_w}")
        lines.append("columns differ: " + "; ".join(parts))
    common = [c for c in head_b if c in head_w]
    ib = [head_b.index(c) for c in common]
    iw = [head_w.index(c) for c in common]
    key_b = [tuple(r[i] if i < len(r) else "" for i in ib) for r in rows_b]
    key_w = [tuple(r[i] if i < len(r) else "" for i in iw) for r in rows_w]
    id_col = common.index("article_id") if "article_id" in common else None

    def where(n: int, row: tuple[str, ...]) -> str:
        return f"row {n + 1}" + (f" ({row[id_col]})" if id_col is not None and row else "")

    differing = 0
    shown: list[str] = []
    if len(key_b) == len(key_w):
        blocks = [("replace", 0, len(key_b), 0, len(key_w))]
    else:
        blocks = difflib.SequenceMatcher(None, key_b, key_w, autojunk=False).get_opcodes()
    for tag, b0, b1, w0, w1 in blocks:
        if tag == "equal":
            continue
        if tag == "replace" and b1 - b0 == w1 - w0:
            for k in range(b1 - b0):
                rb, rw = key_b[b0 + k], key_w[w0 + k]
                if rb == rw:
                    continue
                differing += 1
                for c, (vb, vw) in enumerate(zip(rb, rw)):
                    if vb != vw and len(shown) < max_shown:
                        shown.append(f"{where(b0 + k, rb)}, {common[c]}: base {short(vb)} -> working tree {short(vw)}")
            continue
        differing += max(b1 - b0, w1 - w0)
        for k in range(b0, b1):
            if len(shown) < max_shown:
                shown.append(f"{where(k, key_b[k])}: only in base: {short(','.join(key_b[k]), 110)}")
        for k in range(w0, w1):
            if len(shown) < max_shown:
                shown.append(f"{where(k, key_w[k])} of the working tree: only there: "
                             f"{short(','.join(key_w[k]), 110)}")
    count = f"{len(rows_b)} rows in base, {len(rows_w)} in the working tree" if len(rows_b) != len(rows_w) \
        else f"{len(rows_b)} rows"
    if differing:
        lines.append(f"{differing} differing rows ({count})" + ("" if len(head_b) == len(head_w) == len(common)
                                                                else f" on the {len(common)} common columns"))
        lines.extend("  " + s for s in shown)
        if differing and len(shown) >= max_shown:
            lines.append("  …")
    elif not lines:
        lines.append(f"bytes differ but every cell is equal ({count}): line endings, quoting or BOM")
    elif len(common) == len(head_b) == len(head_w):
        lines.append(f"cells equal ({count})")
    else:
        lines.append(f"the {len(common)} common columns are equal in every row ({count})")
    return lines


def compare_xlsx(base: Path, work: Path, max_shown: int) -> list[str]:
    if base.read_bytes() == work.read_bytes():
        return []
    lines = []
    try:
        with zipfile.ZipFile(base) as zb, zipfile.ZipFile(work) as zw:
            names_b, names_w = set(zb.namelist()), set(zw.namelist())
            differing = sorted(n for n in names_b & names_w if zb.read(n) != zw.read(n))
            if names_b != names_w:
                lines.append(f"parts only in base: {sorted(names_b - names_w)}, "
                             f"only in working tree: {sorted(names_w - names_b)}")
            lines.append(f"differing parts: {', '.join(differing) or 'none (zip metadata only)'}")
    except zipfile.BadZipFile as exc:
        return [f"not a readable workbook: {exc}"]
    try:
        import openpyxl
    except ImportError:
        return lines
    wb_b = openpyxl.load_workbook(base, read_only=True)
    wb_w = openpyxl.load_workbook(work, read_only=True)
    if wb_b.sheetnames != wb_w.sheetnames:
        lines.append(f"sheets: base {wb_b.sheetnames} / working tree {wb_w.sheetnames}")
    for name in [n for n in wb_b.sheetnames if n in wb_w.sheetnames]:
        rows_b = [tuple(r) for r in wb_b[name].iter_rows(values_only=True)]
        rows_w = [tuple(r) for r in wb_w[name].iter_rows(values_only=True)]
        bad = [(i, rb, rw) for i, (rb, rw) in enumerate(zip(rows_b, rows_w)) if rb != rw]
        extra = abs(len(rows_b) - len(rows_w))
        if bad or extra:
            lines.append(f"sheet {name}: {len(bad) + extra} differing rows ({len(rows_b)} / {len(rows_w)})")
            for i, rb, rw in bad[:max_shown]:
                cols = [c for c in range(max(len(rb), len(rw)))
                        if (rb[c] if c < len(rb) else None) != (rw[c] if c < len(rw) else None)]
                c = cols[0]
                lines.append(f"  row {i + 1}, column {c + 1}: base {short(str(rb[c] if c < len(rb) else ''))} "
                             f"-> working tree {short(str(rw[c] if c < len(rw) else ''))}")
    return lines


def compare_split(base: Path, work: Path, max_shown: int) -> tuple[bool, list[tuple[str, list[str]]]]:
    results: list[tuple[str, list[str]]] = []
    names = sorted({p.name for p in base.glob("*.csv")} | {p.name for p in work.glob("*.csv")})
    for name in names:
        pb, pw = base / name, work / name
        if not pb.is_file() or not pw.is_file():
            results.append((name, [f"only written by the {'working tree' if pw.is_file() else 'base'}"]))
            continue
        results.append((name, compare_csv(pb.read_bytes(), pw.read_bytes(), max_shown)))
    xb, xw = base / "tables.xlsx", work / "tables.xlsx"
    if xb.is_file() and xw.is_file():
        results.append(("tables.xlsx", compare_xlsx(xb, xw, max_shown)))
    elif xb.is_file() or xw.is_file():
        results.append(("tables.xlsx", [f"(only the {'working tree' if xw.is_file() else 'base'} wrote it: "
                                        "not compared)"]))
    same = all(not lines or lines[0].startswith("(") for _, lines in results)
    return same, results


# ------------------------------------------------------------------------------------------------------ main

def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0],
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--base", default="HEAD", help="commit to compare against (default: HEAD)")
    parser.add_argument("--splits", default=",".join(SPLITS), help="comma-separated: seeds,dev,train (default: all)")
    parser.add_argument("--workdir", type=Path, help=f"where worktree, inputs and outputs go (default: a temporary "
                                                      f"folder; with --keep {DEFAULT_KEEP_DIR})")
    parser.add_argument("--keep", action="store_true", help="keep and reuse the worktree and outputs of the base")
    parser.add_argument("--clean", action="store_true", help="remove kept worktrees and outputs of WORKDIR, exit")
    parser.add_argument("--shared", type=Path, default=ROOT.parent / "shared",
                        help="the shared folder with eval/ (default: ../shared relative to the checkout)")
    parser.add_argument("--workers", "-j", type=int, default=2, help="pipeline run -j (default: 2)")
    parser.add_argument("--rows", type=int, default=5, help="differences shown per table (default: 5)")
    args = parser.parse_args(argv)

    splits = [s.strip() for s in args.splits.split(",") if s.strip()]
    unknown = [s for s in splits if s not in SPLITS]
    if unknown or not splits:
        parser.error(f"unknown split(s) {unknown}: choose from {', '.join(SPLITS)}")

    if args.clean:
        workdir = (args.workdir or DEFAULT_KEEP_DIR).resolve()
        for home in sorted(workdir.glob("base-*")):
            remove_worktree(home / "tree")
            shutil.rmtree(home, ignore_errors=True)
            print(f"removed {home}")
        for name in ("in", "work-out"):
            shutil.rmtree(workdir / name, ignore_errors=True)
        if workdir.is_dir() and not any(workdir.iterdir()):
            workdir.rmdir()
        return 0

    temporary = args.workdir is None and not args.keep
    workdir = Path(tempfile.mkdtemp(prefix="compare-outputs-")) if temporary \
        else (args.workdir or DEFAULT_KEEP_DIR).resolve()
    workdir.mkdir(parents=True, exist_ok=True)
    started = time.perf_counter()
    base = None
    try:
        base = base_side(args.base, workdir, args.keep)
        work = Side("work", "working tree", ROOT, workdir / "work-out")
        inputs_dir = workdir / "in"
        print(f"# compare_outputs: working tree {ROOT} vs {base.label}")
        dirty = git("status", "--porcelain", "--untracked-files=no", "--", "pipeline", "pyproject.toml", "models")
        if dirty:
            print(f"  (the working tree has uncommitted changes in {len(dirty.splitlines())} tracked files "
                  "under pipeline/, models/, pyproject.toml)")
        inputs = prepare_inputs(splits, args.shared.resolve(), inputs_dir)
        work.check_import(inputs_dir)
        base.check_import(inputs_dir)
        print()
        failed = False
        reports = []
        for split in splits:
            key = sha256_of(inputs_dir / inputs[split])
            base.run(split, inputs[split], inputs_dir, args.workers, key)
            work.run(split, inputs[split], inputs_dir, args.workers, key)
            same, results = compare_split(base.outputs / split, work.outputs / split, args.rows)
            failed |= not same
            reports.append((split, same, results))

        print()
        for split, same, results in reports:
            n = _articles(work.outputs / split)
            print(f"## {split} ({n} articles): {'identical' if same else 'DIFFERENT'}")
            for name, lines in results:
                if not lines:
                    print(f"- {name}: identical")
                else:
                    print(f"- {name}: {lines[0]}")
                    for line in lines[1:]:
                        print(f"    {line}")
            print()
        print("## timings (pipeline run, wall clock)")
        print("| split | base | working tree |")
        print("|---|---:|---:|")
        for split in splits:
            b = fmt_seconds(base.seconds[split]) + (" (kept)" if base.reuse.get(split) else "")
            print(f"| {split} | {b} | {fmt_seconds(work.seconds[split])} |")
        print(f"\ntotal {fmt_seconds(time.perf_counter() - started)}; "
              + ("outputs kept in " + str(workdir) if not temporary else "temporary files removed"))
        print("RESULT: " + ("different" if failed else "identical") + f" ({', '.join(splits)})")
        return 1 if failed else 0
    finally:
        if base is not None and not args.keep:
            remove_worktree(base.tree)
        if temporary:
            shutil.rmtree(workdir, ignore_errors=True)


def _articles(out: Path) -> int:
    path = out / "articles.csv"
    if not path.is_file():
        return 0
    _, rows = read_csv(path.read_bytes())
    return len(rows)


if __name__ == "__main__":
    sys.exit(main())
