"""``python -m pipeline``: the same command line as the ``pipeline`` command."""
from .cli import app

if __name__ == "__main__":  # pragma: no cover - exercised by tests/test_packaging.py in a subprocess
    app(prog_name="pipeline")
