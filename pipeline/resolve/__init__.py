"""Stage 4 — resolve: canonical names for entity mentions, and speakers for quotations."""
