"""Language data and word-level predicates, one module per kind of knowledge (like ``spacy/lang/de/``).

Only German is supported; :mod:`pipeline.lang.de` is what every extractor reads instead of a copy of its own.
"""
