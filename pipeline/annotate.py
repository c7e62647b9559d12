"""Stage 2 — annotate: load the German pipeline and add this project's extraction components.

The components (registered spaCy factories, usable from any ``nlp``):

- ``article_dates``: calendar expressions with ISO values -> ``doc._.dates``
- ``article_entities``: persons, places, organizations with canonical names -> ``doc._.entities``
- ``article_quotations``: quotations with their speaker mentions -> ``doc._.quotations``; configured with the
  precision a mined verb needs to report speech by itself and the reaches of
  :class:`~pipeline.extract.quotes.QuoteSettings` (``build_nlp(config=...)``, ``nlp.config``)
- ``article_coreference``: clusters of the persons and organizations mentioned (names, descriptors, pronouns), the
  quotations' speakers resolved through them, and the resolved mentions added to ``doc._.entities``

Each article's date and body offset travel on the ``Doc`` (``doc._.article_date``, ``doc._.body_start``), so the
same components serve the CLI, the Python API and the tests.
"""
from __future__ import annotations

import collections
import contextlib
import ctypes
import gc
import itertools
import logging
import multiprocessing
import os
import re
import signal
import sys
import threading
import time
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from typing import Any, Callable, Iterable, Iterator, Mapping

import numpy
import spacy
from spacy.attrs import NORM, SENT_START
from spacy.errors import Errors
from spacy.language import Language
from spacy.tokens import Doc

from .extract.dates import find_dates
from .extract.entities import entity_spans
from .extract.person_rules import make_person_rules  # noqa: F401  (registers the "person_rules" factory)
from .extract.quotes import QuoteSettings, extract_quotations
from .lang.de.marks import closers
from .model.choice import choose_model, describe
from .resolve.names import canonicalize
from .resolve.speakers import attribute_speakers
from .resources import SPEECH_ACT_MIN_PRECISION, speech_acts
from .types import Article, ArticleResult

log = logging.getLogger(__name__)

EXTRACTORS = ("article_dates", "article_entities", "article_quotations", "article_coreference")
MAX_CHARS = 2_000_000
# An article longer than this goes through the model in pieces of whole paragraphs of about MODEL_PIECE_CHARS
# (the rules still see the whole article): the model's memory and time per character grow with the length of the
# Doc it reads, so one 900,000-character article took 3x the memory of its paragraphs read as separate articles
LONG_ARTICLE_CHARS = 50_000
MODEL_PIECE_CHARS = 20_000
# the components that read the article as a whole (names it mentions before, its header): never run on a piece
WHOLE_ARTICLE = ("pos_repair", "person_rules") + EXTRACTORS

for _name, _default in (("article_date", None), ("body_start", 0), ("article_id", ""), ("dates", None),
                        ("entities", None), ("quotations", None)):
    if not Doc.has_extension(_name):
        Doc.set_extension(_name, default=_default)


_SENTENCE_PUNCTUATION = {".", "!", "?", "…", ":", ";"}  # after these (and closing marks) a sentence may start
_SENTENCE_OPENERS = {"Der", "Die", "Das", "Den", "Dem", "Des", "Ein", "Eine", "Einer", "Er", "Sie", "Es", "Wir", "Ich",
                     "Dies", "Diese", "Dieser", "Dieses", "Damit", "Dabei", "Demnach", "Laut", "Nach", "Auch", "Zudem",
                     "Im", "In", "Am", "Bei", "Mit", "Seit", "Wie"}
_CLOSING_MARKS = closers() | {")"}  # what may close a quotation or a parenthesis


@Language.component("paragraph_boundaries")
def paragraph_boundaries(doc: Doc) -> Doc:
    """Sentence boundaries the parser must respect (it runs after this and keeps boundaries already set):
    - a line break always ends a sentence (titles, datelines and paragraphs are never merged);
    - „… beendet.“ Der nächste Satz: a closing quotation mark after . ! ? before a capitalized word ends one;
    - nowhere else but after sentence punctuation (. ! ? … : ;), a closing mark or an abbreviation can a
      sentence start: a small parser would otherwise cut clauses apart ("Nach Einschätzung von Experten | ist …").

    The decisions (1 a start, -1 none, 0 undecided) are collected in an array and written to the Doc once: spaCy's
    ``Token.is_sent_start`` setter scans the whole Doc (``doc.has_annotation("DEP")``) on every assignment, which
    made this component quadratic in the length of an article. Each token is decided at most once, and no rule
    here reads a boundary."""
    decided = numpy.zeros(len(doc), dtype=numpy.int64)
    for i, tok in enumerate(doc[:-1]):
        nxt = doc[i + 1]
        opening_straight = tok.text in ('"', "'") and (i == 0 or doc[i - 1].whitespace_ or doc[i - 1].is_space) \
            and not tok.whitespace_
        if tok.is_space and "\n" in tok.text or tok.text.endswith("\n") or "\n" in tok.whitespace_:
            decided[i + 1] = 1
        elif opening_straight or tok.text in ("„", "»", "‚", "›"):
            decided[i + 1] = -1  # the first word of a quotation belongs to the sentence its mark opens
        elif tok.text in _CLOSING_MARKS and i > 0 and doc[i - 1].text[-1:] in ".!?…" and nxt.text[:1].isupper():
            decided[i + 1] = 1
        elif len(tok.text) > 2 and tok.text.endswith(".") and any(c.isdigit() for c in tok.text) and \
                any(c.isalpha() for c in tok.text) and nxt.text in _SENTENCE_OPENERS:
            decided[i + 1] = 1  # "… vom Typ MI-17. Der Hubschrauber …": the tokenizer kept the period
        elif tok.text in _CLOSING_MARKS and (nxt.text in (",", ";", ":") or nxt.text[:1].islower()):
            decided[i + 1] = -1  # „…“, sagte Putin / „…!“ sagte er: the frame stays with its quotation
        elif tok.text not in _SENTENCE_PUNCTUATION and tok.text not in _CLOSING_MARKS and not tok.text.endswith(".") \
                and not tok.is_space:
            decided[i + 1] = -1
    _write_sent_starts(doc, decided)
    return doc


def _write_sent_starts(doc: Doc, decided) -> None:
    """Set the sentence starts ``decided`` (1 / -1) where it is not 0, with one ``Doc.from_array``; a parsed Doc
    raises what ``Token.is_sent_start`` raises there."""
    mask = decided != 0
    if not mask.any():
        return
    if doc.has_annotation("DEP"):
        raise ValueError(Errors.E043)
    array = doc.to_array(SENT_START)  # uint64, as Doc.from_array wants it (-1 stored as 2**64 - 1)
    array.view(numpy.int64)[mask] = decided[mask]
    doc.from_array([SENT_START], array)


_MISREAD_NAME_POS = {"VERB", "AUX", "ADP", "SCONJ", "CCONJ", "PART", "ADV", "PRON", "DET"}  # a name taken for these
_NEVER_CAPITALIZED_POS = {"VERB", "AUX", "ADP", "SCONJ", "CCONJ", "PART", "ADV"}  # inside a German sentence
_VERB_FEATURES = ("VerbForm", "Mood", "Tense", "Person")
_BEFORE_FIRST_WORD = {"„", "»", "\"", "(", ":", "‚", "›", "'", "–", "-", "—", "“", "«", "”", ")", ";"}
_FORMAL_PRONOUNS = {"Sie", "Ihr", "Ihre", "Ihnen", "Ihrer", "Ihren", "Ihrem", "Ihres"}


def _first_word(doc: Doc, tok) -> bool:
    """The first word of a sentence, a quotation or a parenthesis, where any word is capitalized."""
    k = tok.i - 1
    while k >= 0 and doc[k].is_space:
        k -= 1
    if k < 0 or tok.is_sent_start or k < tok.i - 1:
        return True
    prev = doc[k]
    return prev.text in _BEFORE_FIRST_WORD or prev.text[-1:] in ".!?…" or "\n" in prev.whitespace_


@Language.component("pos_repair")
def pos_repair(doc: Doc) -> Doc:
    """Nouns and names the part-of-speech model calls something else. The bundled pipeline predicts STTS tags
    (tagger) and universal POS (morphologizer) separately, and where they disagree on a name the rules, which
    read ``pos_``, lose it: "des Fernsehsenders n-tv" (NE, but VERB), "Petra Pau, PDS-Bundestagsabgeordnete,"
    (NN, but VERB). A word tagged NE, or a capitalized word inside a sentence tagged NN or given a closed-class
    POS (German capitalizes nouns, and nothing else there but the formal "Sie"), becomes PROPN/NOUN and loses
    its verb features. In de_core_news_md the POS is derived from the tag, so this rarely changes anything."""
    for tok in doc:
        if tok.pos_ not in _MISREAD_NAME_POS or not tok.text[:1].isalpha() or tok.text in _FORMAL_PRONOUNS:
            continue
        capital = tok.text[:1].isupper()
        if not (tok.tag_ == "NE" or capital and (tok.tag_ == "NN" or tok.pos_ in _NEVER_CAPITALIZED_POS)):
            continue
        if _first_word(doc, tok):
            continue
        tok.pos_ = "PROPN" if tok.tag_ == "NE" or (tok.ent_type_ and tok.tag_ != "NN") else "NOUN"
        features = {k: v for k, v in tok.morph.to_dict().items() if k not in _VERB_FEATURES}
        tok.set_morph("|".join(f"{k}={v}" for k, v in sorted(features.items())) or None)
    return doc


# The date and entity rules take no settings (their limits are constants of pipeline.extract): plain components.
@Language.component("article_dates")
def article_dates(doc: Doc) -> Doc:
    """The article's calendar expressions with ISO values resolved against its date -> ``doc._.dates``."""
    doc._.dates = find_dates(doc.text, doc._.article_date, start=doc._.body_start)
    return doc


@Language.component("article_entities")
def article_entities(doc: Doc) -> Doc:
    """Persons, places and organizations of the body with canonical names -> ``doc._.entities``."""
    doc._.entities = canonicalize(entity_spans(doc))
    return doc


_QUOTE_DEFAULTS = QuoteSettings()  # the reaches' defaults are the quotation rules' own


@Language.factory("article_quotations", default_config={
    "speech_act_min_precision": SPEECH_ACT_MIN_PRECISION,
    "run_reach": _QUOTE_DEFAULTS.run_reach,
    "fallback_window": _QUOTE_DEFAULTS.fallback_window,
    "continuation_reach": _QUOTE_DEFAULTS.continuation_reach,
})
def make_article_quotations(nlp: Language, name: str, speech_act_min_precision: float, run_reach: int,
                            fallback_window: int, continuation_reach: int) -> Callable[[Doc], Doc]:
    """The quotation component: quotations with their speaker mentions -> ``doc._.quotations`` (the speakers are
    resolved by ``article_coreference`` after it).

    ``speech_act_min_precision``: a mined verb of speech_acts_de.tsv reports speech by itself ("X forderte den
    Rücktritt") when at least this share of what it claimed was quoted in the gold data; the other settings are
    those of :class:`~pipeline.extract.quotes.QuoteSettings`. The settings are made once, here."""
    settings = QuoteSettings(speech_acts=speech_acts(speech_act_min_precision), run_reach=run_reach,
                             fallback_window=fallback_window, continuation_reach=continuation_reach)

    def article_quotations(doc: Doc) -> Doc:
        doc._.quotations = extract_quotations(doc, settings)
        return doc

    return article_quotations


@Language.component("article_coreference")
def article_coreference(doc: Doc) -> Doc:
    """Stage 4: which mentions are the same person or organization (pipeline/resolve/coref.py), and through them
    each quotation's speaker -> ``doc._.quotations`` with speakers, ``doc._.entities`` with the resolved mentions."""
    entities = doc._.entities if doc._.entities is not None else canonicalize(entity_spans(doc))
    doc._.quotations, doc._.entities = attribute_speakers(doc, list(doc._.quotations or []), entities)
    return doc


_GUILLEMET_PREFIX = r"^[‹›]"
_GUILLEMET_SUFFIX = r"(?<=[‹›])[.,;:!?…]$|[‹›]$"  # the punctuation after the mark first


def split_single_guillemets(nlp: Language) -> None:
    """The single guillemets ‹ › (Swiss and French quotation marks) are split off words like « » and „ “: spaCy's
    German punctuation rules do not list them, so ``‹Neustart›.`` stayed one token (a quotation's end one character
    off, no sentence end after it). They are added in front of the model's own prefix and suffix patterns, so the
    tokenizer stays one compiled regex per kind (and serializable: ``nlp.to_disk`` writes the patterns)."""
    tokenizer = nlp.tokenizer
    for attr, extra in (("prefix_search", _GUILLEMET_PREFIX), ("suffix_search", _GUILLEMET_SUFFIX)):
        search = getattr(tokenizer, attr)
        pattern = search.__self__.pattern if search is not None else ""
        if pattern.startswith(extra):
            continue  # added already
        setattr(tokenizer, attr, re.compile(f"{extra}|{pattern}" if pattern else extra).search)


def build_nlp(model: str | None = None, config: Mapping[str, Mapping[str, Any]] | None = None) -> Language:
    """The chosen German pipeline plus the extraction components. ``config``: settings of extraction components
    by name, over their defaults: ``{"article_quotations": {"speech_act_min_precision": 0.5}}`` (``pipeline run``
    uses the defaults, which the keys of its stored results assume)."""
    config = config or {}
    unknown = sorted(set(config) - set(EXTRACTORS))
    if unknown:
        raise ValueError(f"no extraction component {', '.join(unknown)} (they are {', '.join(EXTRACTORS)})")
    choice = choose_model(model)
    nlp = spacy.load(choice.name)
    nlp.max_length = MAX_CHARS
    split_single_guillemets(nlp)
    if "paragraph_boundaries" not in nlp.pipe_names:
        first_syntax = next((n for n in ("senter", "parser") if n in nlp.pipe_names), None)
        if first_syntax:
            nlp.add_pipe("paragraph_boundaries", before=first_syntax)
        else:
            nlp.add_pipe("paragraph_boundaries", first=True)
    if "ner" in nlp.pipe_names and "person_rules" not in nlp.pipe_names:
        nlp.add_pipe("person_rules", after="ner")
    if "pos_repair" not in nlp.pipe_names:
        if "person_rules" in nlp.pipe_names:
            nlp.add_pipe("pos_repair", before="person_rules")  # the person rules read the mended POS
        else:
            nlp.add_pipe("pos_repair", last=True)
    for name in EXTRACTORS:
        if name not in nlp.pipe_names:
            nlp.add_pipe(name, last=True, config=dict(config.get(name, {})))
    nlp.meta.setdefault("pipeline_choice", choice.reason)
    return nlp


class ArticleDoc(Doc):
    """A Doc whose ``text`` is computed once. spaCy builds ``Doc.text`` anew from all tokens on every access, and
    the extraction rules read it a few hundred times per article (a fifth of the whole pipeline's time, growing
    with the square of the article's length). The text of a Doc never changes (retokenizing keeps it)."""

    @property
    def text(self) -> str:
        cache = self.__dict__
        text = cache.get("_text")
        if text is None:
            text = cache["_text"] = Doc.text.__get__(self)
        return text

    @property
    def text_with_ws(self) -> str:
        return self.text


def _tokenize(nlp: Language, text: str) -> Doc:
    """``nlp.make_doc(text)`` as an :class:`ArticleDoc`: the same tokens, spaces, norms and sentence starts."""
    doc = nlp.make_doc(text)
    fast = ArticleDoc(doc.vocab, words=[t.text for t in doc], spaces=[bool(t.whitespace_) for t in doc])
    fast.from_array([NORM, SENT_START], doc.to_array([NORM, SENT_START]))
    return fast


def make_doc(nlp: Language, article: Article) -> Doc:
    if len(article.text) > nlp.max_length:
        raise ValueError(f"{article.source}: article {article.id!r} is {len(article.text):,} characters long; "
                         f"the limit is {nlp.max_length:,}")
    doc = _tokenize(nlp, article.text)
    doc._.article_date = article.date
    doc._.body_start = article.body_start
    doc._.article_id = article.id
    return doc


def paragraph_pieces(text: str, size: int | None = None) -> list[str]:
    """``text`` cut after paragraph breaks (a blank line) into pieces of about ``size`` characters or more: a
    paragraph longer than ``size`` stays whole. The pieces join to ``text``; each but the last ends with its break,
    so that each piece tokenizes as the same stretch of the whole text does."""
    size = MODEL_PIECE_CHARS if size is None else size
    pieces: list[str] = []
    start = 0
    for brk in _PARAGRAPH_BREAK.finditer(text):
        if brk.end() - start >= size and brk.end() < len(text):
            pieces.append(text[start : brk.end()])
            start = brk.end()
    pieces.append(text[start:])
    return pieces


_PARAGRAPH_BREAK = re.compile(r"\n[ \t]*\n\s*")


# the token attributes a piece hands on to the joined Doc (all that spaCy's DocBin keeps, but the text)
_JOIN_ATTRS = ["NORM", "TAG", "POS", "MORPH", "LEMMA", "HEAD", "DEP", "SENT_START", "ENT_IOB", "ENT_TYPE",
               "ENT_KB_ID", "ENT_ID"]


def model_in_pieces(nlp: Language, doc: Doc) -> Doc:
    """The statistical model's components (and the paragraph boundaries the parser respects) over the paragraph
    pieces of ``doc``, joined into one Doc of the whole text: each piece's tokens, tags, parse, sentences and
    entities, at their offsets in the article. A piece is dropped once its attributes are copied (heads are
    stored relative to their token, so the pieces' arrays join as they are)."""
    model = [name for name in nlp.pipe_names if name not in WHOLE_ARTICLE]
    words: list[str] = []
    spaces: list[bool] = []
    arrays = []
    with nlp.select_pipes(enable=model):
        for part in nlp.pipe((_tokenize(nlp, piece) for piece in paragraph_pieces(doc.text)), batch_size=1):
            words += [t.text for t in part]
            spaces += [bool(t.whitespace_) for t in part]
            arrays.append(part.to_array(_JOIN_ATTRS))
    whole = ArticleDoc(nlp.vocab, words=words, spaces=spaces)
    whole.from_array(_JOIN_ATTRS, numpy.concatenate(arrays))
    for name in ("article_date", "body_start", "article_id"):
        setattr(whole._, name, getattr(doc._, name))
    return whole


def _pipe_in_pieces(nlp: Language, doc: Doc) -> Doc:
    """A long article: the model over its paragraph pieces, then this project's rules over the whole article."""
    whole = model_in_pieces(nlp, doc)
    for name in nlp.pipe_names:
        if name in WHOLE_ARTICLE:
            whole = nlp.get_pipe(name)(whole)
    return whole


def _pipe(nlp: Language, docs: list[Doc]) -> Iterator[Doc]:
    """``nlp.pipe(docs)`` in their order, a long article in pieces (:data:`LONG_ARTICLE_CHARS`)."""
    short = [doc for doc in docs if len(doc.text) <= LONG_ARTICLE_CHARS]
    done = iter(list(nlp.pipe(short, batch_size=max(1, len(short))))) if short else iter(())
    for doc in docs:
        yield next(done) if len(doc.text) <= LONG_ARTICLE_CHARS else _pipe_in_pieces(nlp, doc)


def result_from_doc(doc: Doc, article: Article, model_name: str) -> ArticleResult:
    return ArticleResult(
        article=article,
        model=model_name,
        entities=list(doc._.entities or []),
        dates=list(doc._.dates or []),
        quotes=list(doc._.quotations or []),
        sentences=[(s.start_char, s.end_char) for s in doc.sents],
    )


# A result with this status comes from a worker process that died (killed, out of memory): it is not cached.
WORKER_DIED = "error: worker process died"
MIN_PARALLEL_PER_WORKER = 2  # fewer articles than 2 per worker are annotated in this process
TASKS_PER_WORKER = 4  # tasks in flight per worker (and the first articles are split into at least as many)
_WORKER: dict = {}  # the worker processes' pipeline (inherited when forked, else built by _init_worker)


def _batches(items: Iterable[Article], size: int) -> Iterator[list[Article]]:
    batch: list[Article] = []
    for item in items:
        batch.append(item)
        if len(batch) >= size:
            yield batch
            batch = []
    if batch:
        yield batch


def _memory_zone(nlp: Language):
    """spaCy >= 3.8: strings and lexemes a batch adds to the vocabulary are freed afterwards, so a long stream of
    articles does not grow the vocabulary (the Docs never leave the zone: only plain results do)."""
    zone = getattr(nlp, "memory_zone", None)
    return zone() if zone is not None else contextlib.nullcontext()


def _annotate_batch(nlp: Language, batch: list[Article], model_name: str) -> list[ArticleResult]:
    """Results for ``batch`` in its order; an article that fails gets an error status, the others go on."""
    results: list[ArticleResult | None] = [None] * len(batch)
    retry: list[int] = []
    with _memory_zone(nlp):
        docs, index = [], []
        for i, art in enumerate(batch):
            try:
                docs.append(make_doc(nlp, art))
                index.append(i)
            except Exception as err:  # noqa: BLE001 - reported per article, the batch goes on
                results[i] = ArticleResult(article=art, model=model_name, status=f"error: {err}")
        try:
            for i, doc in zip(index, _pipe(nlp, docs)):
                results[i] = result_from_doc(doc, batch[i], model_name)
        except Exception as err:  # noqa: BLE001 - isolate the failing article by processing one at a time
            if len(index) == 1:
                log.exception("article %s failed", batch[index[0]].id)
                results[index[0]] = ArticleResult(article=batch[index[0]], model=model_name,
                                                  status=f"error: {type(err).__name__}: {err}")
            else:
                retry = [i for i in index if results[i] is None]
    for i in retry:
        results[i] = _annotate_batch(nlp, [batch[i]], model_name)[0]
    return results  # type: ignore[return-value]


PR_SET_PDEATHSIG = 1  # linux/prctl.h
PARENT_POLL_SECONDS = 0.5  # where prctl is unavailable, a worker checks this often whether its parent lives


def _init_worker(parent_pid: int, model: str | None = None, load: bool = False) -> None:
    """Initializer of every worker process: it ends when the main process ``parent_pid`` dies, however it dies
    (``kill -9`` included). It never holds the output directory's lock: :mod:`pipeline.store` closes the lock files
    of every forked process right after the fork (``os.register_at_fork``), and a spawned one inherits none; so a
    rerun can start at once. ``load``: build the pipeline here (only where processes cannot be forked)."""
    _die_with_parent(parent_pid)
    if load:  # pragma: no cover - only where fork is unavailable
        nlp = build_nlp(model)
        _WORKER.update(nlp=nlp, model_name=describe(nlp))


def _die_with_parent(parent_pid: int) -> None:
    """Linux: the kernel sends SIGKILL to this process when its parent dies (``PR_SET_PDEATHSIG``); the parent
    may have died before that took effect, hence the check of ``os.getppid()`` afterwards. Elsewhere a daemon
    thread polls the parent's pid. (The death signal follows the *thread* that forked this process: the pool
    is created and used by one thread, which outlives it.)"""
    if _set_parent_death_signal():
        if os.getppid() != parent_pid:
            os._exit(1)
        return
    _watch_parent(parent_pid)


def _set_parent_death_signal() -> bool:
    """``prctl(PR_SET_PDEATHSIG, SIGKILL)`` via ctypes; False where that is not available."""
    if not sys.platform.startswith("linux"):
        return False
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        return libc.prctl(PR_SET_PDEATHSIG, int(signal.SIGKILL), 0, 0, 0) == 0
    except (OSError, AttributeError):  # pragma: no cover - no libc prctl
        return False


def _watch_parent(parent_pid: int, interval: float = PARENT_POLL_SECONDS):
    """A daemon thread that ends this process as soon as its parent ``parent_pid`` is gone (the orphan is
    re-parented, so ``os.getppid()`` changes)."""
    def watch() -> None:
        while os.getppid() == parent_pid:
            time.sleep(interval)
        os._exit(1)

    thread = threading.Thread(target=watch, name="pipeline-watch-parent", daemon=True)
    thread.start()
    return thread


def _work(batch: list[Article]) -> list[ArticleResult]:
    return _annotate_batch(_WORKER["nlp"], batch, _WORKER["model_name"])


def _warm_up(nlp: Language) -> None:
    """Run the pipeline once, so lexicons loaded on first use are loaded before the workers are forked."""
    art = Article(id="warm-up", text="„Wir kommen am Montag“, sagte Angela Merkel in Berlin.", source="<warm-up>")
    _annotate_batch(nlp, [art], "")


def _annotate_parallel(nlp: Language, articles: Iterable[Article], chunk: int, workers: int,
                       model: str | None) -> Iterator[ArticleResult]:
    """Batches of ``chunk`` articles go to ``workers`` processes; results come back in input order. At most
    4 x ``workers`` batches are in flight, so the input is read as a stream. The workers are forked from this
    process and share its loaded pipeline (where fork is unavailable, each loads ``model`` itself). A worker that
    dies (killed, out of memory) costs only its article: the batch is retried one article at a time in a new
    pool, and the article that kills a worker again gets an error status."""
    model_name = describe(nlp)
    if "fork" in multiprocessing.get_all_start_methods():
        context, initargs = multiprocessing.get_context("fork"), (os.getpid(),)
        _warm_up(nlp)
        _WORKER.update(nlp=nlp, model_name=model_name)
        # what is loaded now (the pipeline, its word lists and tables) leaves the collector's generations: a full
        # collection in a forked worker would otherwise write to every object's header and copy its page
        gc.collect()
        gc.freeze()
    else:  # pragma: no cover
        context, initargs = multiprocessing.get_context("spawn"), (os.getpid(), model, True)

    def new_pool() -> ProcessPoolExecutor:
        # the workers die with this process and never hold the store's lock (_init_worker)
        return ProcessPoolExecutor(workers, mp_context=context, initializer=_init_worker, initargs=initargs)

    pool = new_pool()
    window: collections.deque = collections.deque()

    def submit(batch: list[Article]) -> Future:
        try:
            return pool.submit(_work, batch)
        except BrokenProcessPool as err:  # a worker died since the last result: collect() deals with it
            broken: Future = Future()
            broken.set_exception(err)
            return broken

    def restart() -> None:
        nonlocal pool
        pool.shutdown(wait=True, cancel_futures=True)
        pool = new_pool()

    def isolate(batch: list[Article]) -> list[ArticleResult]:
        out = []
        for art in batch:
            try:
                out += submit([art]).result()
            except BrokenProcessPool:
                log.error("a worker process died while annotating article %s", art.id)
                out.append(ArticleResult(article=art, model=model_name,
                                         status=f"{WORKER_DIED} while annotating this article "
                                                "(out of memory or killed?)"))
                restart()
        return out

    def collect() -> list[ArticleResult]:
        batch, future = window.popleft()
        try:
            return future.result()
        except BrokenProcessPool:
            pending = list(window)
            window.clear()
            restart()
            out = isolate(batch)
            for b, _ in pending:
                window.append((b, submit(b)))
            return out
        except Exception as err:  # noqa: BLE001 - e.g. a result that cannot be sent back
            return [ArticleResult(article=a, model=model_name, status=f"error: {type(err).__name__}: {err}")
                    for a in batch]

    try:
        for batch in _batches(articles, chunk):
            window.append((batch, submit(batch)))
            while len(window) >= TASKS_PER_WORKER * workers:
                yield from collect()
        while window:
            yield from collect()
    finally:
        pool.shutdown(wait=True, cancel_futures=True)
        gc.unfreeze()
        _WORKER.clear()


def process_articles(nlp: Language, articles: Iterable[Article], batch_size: int = 16, workers: int = 1,
                     model: str | None = None) -> Iterator[ArticleResult]:
    """Annotate and extract, streaming, one result per article in input order; an article that fails yields a
    result with an error status.

    ``workers`` > 1 annotates in that many processes (forked, sharing ``nlp``), each running the whole pipeline
    including the extraction components and returning plain :class:`ArticleResult` objects: spaCy's own
    ``nlp.pipe(n_process=...)`` cannot be used, it sends Docs back with ``Doc.to_bytes`` which cannot serialize
    the dataclasses in ``doc._.dates``/``entities``/``quotations``. Runs of fewer than 2 articles per worker stay
    in this process. ``model`` is only needed where processes cannot be forked (they then load it themselves)."""
    articles = iter(articles)
    batch_size = max(1, batch_size)
    if workers > 1:
        head = list(itertools.islice(articles, workers * batch_size))
        if len(head) >= MIN_PARALLEL_PER_WORKER * workers:
            # small tasks balance the workers (spaCy's speed on CPU hardly depends on the batch size)
            chunk = max(1, min(batch_size, -(-len(head) // (TASKS_PER_WORKER * workers))))
            yield from _annotate_parallel(nlp, itertools.chain(head, articles), chunk, workers, model)
            return
        articles = itertools.chain(head, articles)
    model_name = describe(nlp)
    for batch in _batches(articles, batch_size):
        yield from _annotate_batch(nlp, batch, model_name)


def analyze(text: str, date: str | None = None, article_id: str = "text", nlp: Language | None = None,
            ) -> ArticleResult:
    """Python API: analyze one German text and return its entities, dates and quotations."""
    # imported here, not at the top: reading is no part of the extraction, whose import-time modules
    # pipeline.store hashes into the keys of stored results (and the reader imports the store and the tables)
    from .read import article_from_text

    nlp = nlp or build_nlp()
    article = article_from_text(article_id, text, "<text>", date=date)
    return next(process_articles(nlp, [article]))
