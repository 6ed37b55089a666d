"""How many cases a property test runs: its own number in `make test-fast`,
PROPERTY_SCALE times as many where that is set (`make test` sets 4)."""

import os

SCALE = float(os.environ.get("PROPERTY_SCALE", "1"))


def examples(n):
    return max(1, round(n * SCALE))
