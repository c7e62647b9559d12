"""Mine quotation cues from the gold Wikinews training split and compare them with the cue lexicon.

    python models/scripts/mine_cues.py [--train ../shared/eval/wikinews/train.jsonl] [--top 60] [--min-count 2]

Reports only (the curated pipeline/resources/cues_de.tsv is the source of truth):
  (a) cue lemmas by frequency (auxiliaries and function words dropped, split particle verbs joined:
      "teilte ... mit" -> mitteilen), plus the nouns next to a bare "nach" (nach Angaben, seiner Meinung nach);
  (b) frequent mined cues that no lexicon entry matches;
  (c) coverage: share of gold quotes with a cue whose cue contains a word matching a lexicon entry;
  (d) lexicon rows whose train_count differs from the mined count.
The Wikinews data (CC BY-NC-SA, evaluation only) is read, never copied: the report shows lemmas and counts.
"""
from __future__ import annotations

import argparse
import sys
from collections import Counter
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))

from cue_mining import AUXILIARIES, FUNCTION_WORDS, GoldCue, cue_coverage, iter_gold_cues, lemmatize  # noqa: E402

from pipeline.resources.cues import CueLexicon, load_cues  # noqa: E402

DEFAULT_TRAIN = REPO.parent / "shared" / "eval" / "wikinews" / "train.jsonl"


def _known(word: str, lexicon: CueLexicon) -> bool:
    return word in lexicon or lexicon.verb_by_lemma(word) is not None or any(
        c.cue.casefold() == word.casefold() for c in lexicon if c.type != "noun")


def cue_key(gold: GoldCue, lexicon: CueLexicon) -> str:
    """A citation-form label for one gold cue: its (particle) verb, or its content lemmas."""
    if gold.particle_verbs:
        keys = []
        bare = [t.lemma.lower() for t in gold.tokens if t.lemma.lower() not in AUXILIARIES]
        for pv in gold.particle_verbs:
            if lexicon.verb_by_lemma(pv):
                keys.append(pv)
            else:  # "begründete ... mit": the particle belongs to an argument, not to the verb
                keys.append(next((b for b in bare if lexicon.verb_by_lemma(b)), pv))
        return " ".join(dict.fromkeys(keys))
    words = []
    for i, tok in enumerate(gold.tokens):
        lemma = tok.lemma
        if i == 0 and tok.form[:1].isupper() and _known(tok.form.lower(), lexicon):
            lemma = lemmatize(tok.form.lower())
        if not lemma[:1].isupper():
            lemma = lemma.lower()
        words.append((tok.form.lower(), lemma))
    content = [lem for form, lem in words if form not in FUNCTION_WORDS and lem not in AUXILIARIES]
    return " ".join(content or [lem for _, lem in words])


def nach_nouns(gold: GoldCue) -> str | None:
    """The noun after (else before) a bare "nach" cue: Angaben, Meinung, Informationen ..."""
    after = [w for w in gold.after if w[:1].isupper()]
    before = [w for w in reversed(gold.before) if w[:1].isupper()]
    for word in after[:1] or before[:1]:
        return word
    return None


def report(train: Path, top: int = 60, min_count: int = 2, out=sys.stdout) -> float:
    lexicon = load_cues()
    keys: Counter = Counter()
    nach: Counter = Counter()
    for _, gold in iter_gold_cues(train):
        key = cue_key(gold, lexicon)
        keys[key] += 1
        if key == "nach":
            nach[nach_nouns(gold) or "(none)"] += 1
    p = lambda *a: print(*a, file=out)  # noqa: E731
    total = sum(keys.values())
    p(f"# {train}: {total} gold quotes with a cue, {len(keys)} distinct cue lemmas; lexicon {len(lexicon)} rows")
    p(f"\n(a) cue lemmas by frequency (top {top})")
    for key, n in keys.most_common(top):
        p(f"{n:6d}  {key}")
    p("\n    nouns next to a bare 'nach' cue")
    for noun, n in nach.most_common(20):
        p(f"{n:6d}  nach {noun}")

    cov = cue_coverage(train, lexicon)
    lenient = cue_coverage(train, lexicon, lenient_base=True)
    unc = Counter(cue_key(g, lexicon) for g in cov.uncovered)
    p(f"\n(b) mined cues (count >= {min_count}) that match no lexicon entry")
    missing = [(k, n) for k, n in unc.most_common() if n >= min_count]
    for key, n in missing:
        p(f"{n:6d}  {key}")
    if not missing:
        p("    none")
    p(f"    ({sum(n for n in unc.values() if n < min_count)} more quotes with rarer unmatched cues)")

    p("\n(c) coverage: gold quotes whose cue has a word matching a lexicon entry")
    p(f"    strict (particle verbs need their particle): {cov.covered}/{cov.quotes} = {cov.fraction:.4f}")
    p(f"    lenient (a particle verb's bare base counts): {lenient.covered}/{lenient.quotes} = {lenient.fraction:.4f}")

    p("\n(d) lexicon rows whose train_count differs from the mined count")
    diffs = [(c.cue, c.train_count, cov.counts.get(c.cue, 0)) for c in lexicon
             if c.train_count != cov.counts.get(c.cue, 0)]
    for cue, have, mined in diffs:
        p(f"    {cue}: tsv {have}, mined {mined}")
    if not diffs:
        p("    none")
    unused = sum(1 for c in lexicon if not cov.counts.get(c.cue))
    p(f"    rows never seen in the gold cues (general knowledge): {unused}/{len(lexicon)}")
    return cov.fraction


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--train", type=Path, default=DEFAULT_TRAIN, help="gold JSONL (default: %(default)s)")
    ap.add_argument("--top", type=int, default=60, help="how many cue lemmas to list")
    ap.add_argument("--min-count", type=int, default=2, help="smallest count for the missing-cue list")
    args = ap.parse_args(argv)
    if not args.train.exists():
        print(f"{args.train} not found (the shared evaluation data lives beside the repo)", file=sys.stderr)
        return 2
    report(args.train, args.top, args.min_count)
    return 0


if __name__ == "__main__":
    sys.exit(main())
