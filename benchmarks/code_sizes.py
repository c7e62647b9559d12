"""File and function sizes of the ``pipeline/`` package, as Markdown tables (a small ``ast`` script)::

    python benchmarks/code_sizes.py [--base REV] [--limit 80] [--root DIR]

Without ``--base``: one row per Python file under ``pipeline/`` of the working tree — lines, top-level functions,
top-level classes, the longest function or method (``Class.method``; nested functions count within their parent)
with its length — then every function over ``--limit`` lines (``file:function``, lines).

With ``--base REV``: the same of commit ``REV`` (its files read with ``git ls-tree``/``git show REV:path``, nothing
is checked out) next to the working tree: a before/after table per file (files only on one side show ``—``),
totals, and the functions over the limit before and after.

A function's length is ``end_lineno - lineno + 1`` of its ``def`` (decorators not counted); "lines" of a file are
its physical lines.
"""
from __future__ import annotations

import argparse
import ast
import subprocess
import sys
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PACKAGE = "pipeline"


@dataclass
class FileSize:
    path: str
    lines: int
    functions: int  # top-level def / async def
    classes: int  # top-level class
    longest: tuple[str, int] = ("", 0)
    all_functions: list[tuple[str, int]] = field(default_factory=list)  # (qualified name, lines)
    error: str = ""


def measure(path: str, source: str) -> FileSize:
    size = FileSize(path, len(source.splitlines()), 0, 0)
    try:
        tree = ast.parse(source, filename=path)
    except SyntaxError as exc:
        size.error = f"syntax error line {exc.lineno}"
        return size
    size.functions = sum(isinstance(n, (ast.FunctionDef, ast.AsyncFunctionDef)) for n in tree.body)
    size.classes = sum(isinstance(n, ast.ClassDef) for n in tree.body)

    def walk(nodes: list[ast.stmt], prefix: str) -> None:
        for node in nodes:
            if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
                size.all_functions.append((prefix + node.name, node.end_lineno - node.lineno + 1))
            elif isinstance(node, ast.ClassDef):
                walk(node.body, prefix + node.name + ".")
            elif isinstance(node, (ast.If, ast.Try)):  # e.g. definitions under `if TYPE_CHECKING:` / try-except
                walk(node.body + getattr(node, "orelse", []) + getattr(node, "finalbody", []), prefix)
                for handler in getattr(node, "handlers", []):
                    walk(handler.body, prefix)

    walk(tree.body, "")
    if size.all_functions:
        size.longest = max(size.all_functions, key=lambda f: f[1])
    return size


def working_tree_files(root: Path) -> dict[str, str]:
    return {p.relative_to(root).as_posix(): p.read_text(encoding="utf-8")
            for p in sorted((root / PACKAGE).rglob("*.py"))
            if not any(part.startswith(".") or part == "__pycache__" for part in p.relative_to(root).parts)}


def commit_files(root: Path, rev: str) -> dict[str, str]:
    def git(*args: str) -> str:
        done = subprocess.run(["git", *args], cwd=root, capture_output=True, text=True, encoding="utf-8")
        if done.returncode != 0:
            sys.exit(f"git {' '.join(args)}: {done.stderr.strip()}")
        return done.stdout

    names = [n for n in git("ls-tree", "-r", "--name-only", rev, "--", PACKAGE).splitlines() if n.endswith(".py")]
    return {name: git("show", f"{rev}:{name}") for name in sorted(names)}


def sizes(files: dict[str, str]) -> dict[str, FileSize]:
    return {path: measure(path, source) for path, source in files.items()}


def longest_cell(size: FileSize | None) -> str:
    if size is None:
        return "—"
    if size.error:
        return size.error
    return f"`{size.longest[0]}` ({size.longest[1]})" if size.longest[1] else ""


def over_limit(all_sizes: dict[str, FileSize], limit: int) -> list[tuple[str, int]]:
    rows = [(f"{path}:{name}", n) for path, s in all_sizes.items() for name, n in s.all_functions if n > limit]
    return sorted(rows, key=lambda r: (-r[1], r[0]))


def table_single(all_sizes: dict[str, FileSize], limit: int, title: str) -> str:
    out = [f"## Code sizes: {title}", "",
           "| file | lines | functions | classes | longest function (lines) |",
           "|---|---:|---:|---:|---|"]
    for path, s in all_sizes.items():
        out.append(f"| `{path}` | {s.lines} | {s.functions} | {s.classes} | {longest_cell(s)} |")
    tot = list(all_sizes.values())
    out.append(f"| **total ({len(tot)} files)** | {sum(s.lines for s in tot)} | {sum(s.functions for s in tot)} "
               f"| {sum(s.classes for s in tot)} | |")
    long = over_limit(all_sizes, limit)
    out += ["", f"### Functions over {limit} lines: {len(long)}", ""]
    if long:
        out += ["| function | lines |", "|---|---:|"] + [f"| `{name}` | {n} |" for name, n in long]
    return "\n".join(out)


def table_compare(before: dict[str, FileSize], after: dict[str, FileSize], limit: int, rev: str) -> str:
    def num(s: FileSize | None, attr: str) -> str:
        return "—" if s is None else str(getattr(s, attr))

    out = [f"## Code sizes: `{rev}` (before) → working tree (after)", "",
           "| file | lines before | lines after | top-level functions before | after | classes before | after "
           "| longest function before (lines) | after |",
           "|---|---:|---:|---:|---:|---:|---:|---|---|"]
    for path in sorted(set(before) | set(after)):
        b, a = before.get(path), after.get(path)
        out.append(f"| `{path}` | {num(b, 'lines')} | {num(a, 'lines')} | {num(b, 'functions')} "
                   f"| {num(a, 'functions')} | {num(b, 'classes')} | {num(a, 'classes')} "
                   f"| {longest_cell(b)} | {longest_cell(a)} |")

    def total(d: dict[str, FileSize], attr: str) -> int:
        return sum(getattr(s, attr) for s in d.values())

    out.append(f"| **total** ({len(before)} → {len(after)} files) | {total(before, 'lines')} "
               f"| {total(after, 'lines')} | {total(before, 'functions')} | {total(after, 'functions')} "
               f"| {total(before, 'classes')} | {total(after, 'classes')} | | |")

    def all_fn(d: dict[str, FileSize]) -> list[int]:
        return [n for s in d.values() for _, n in s.all_functions]

    fb, fa = all_fn(before), all_fn(after)
    lb, la = over_limit(before, limit), over_limit(after, limit)
    out += ["", "| | before | after |", "|---|---:|---:|",
            f"| functions and methods | {len(fb)} | {len(fa)} |",
            f"| longest | {max(fb, default=0)} | {max(fa, default=0)} |",
            f"| over {limit} lines | {len(lb)} | {len(la)} |",
            f"| largest file (lines) | {max((s.lines for s in before.values()), default=0)} "
            f"| {max((s.lines for s in after.values()), default=0)} |"]
    for label, rows in ((f"before (`{rev}`)", lb), ("after (working tree)", la)):
        out += ["", f"### Functions over {limit} lines, {label}: {len(rows)}", ""]
        if rows:
            out += ["| function | lines |", "|---|---:|"] + [f"| `{name}` | {n} |" for name, n in rows]
    return "\n".join(out)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--base", metavar="REV", help="also measure commit REV: a before/after table")
    parser.add_argument("--limit", type=int, default=80, help="list functions longer than this (default: 80)")
    parser.add_argument("--root", type=Path, default=ROOT, help="the checkout (default: this script's)")
    args = parser.parse_args(argv)
    after = sizes(working_tree_files(args.root))
    if args.base:
        print(table_compare(sizes(commit_files(args.root, args.base)), after, args.limit, args.base))
    else:
        print(table_single(after, args.limit, "working tree"))
    return 0


if __name__ == "__main__":
    sys.exit(main())
