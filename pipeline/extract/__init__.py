"""Stage 3 — extract: pure functions over spaCy ``Doc`` objects (and text) returning value types."""
