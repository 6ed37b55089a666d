"""Measures real terms, names and titles (tests/data/claims/real.tsv): the
longest of each kind, in words as `claims.words` counts them, beside the
bound `claims.BOUNDS` sets. Run: .venv/bin/python bench/claims.py"""

import csv
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "plugins"))

from newsroom.reading import claims  # noqa: E402


def real():
    """(kind, text, source) of every measured example."""
    with open(ROOT / "tests/data/claims/real.tsv", encoding="utf-8") as f:
        rows = csv.reader((line for line in f if not line.startswith("#")), delimiter="\t")
        return [(row[0], row[1], row[2] if len(row) > 2 else "") for row in rows if row]


def main():
    print(f"{'kind':6} {'examples':>8} {'longest':>8} {'bound':>6}  longest example")
    for kind, bound in claims.BOUNDS.items():
        found = [(claims.words(text), text) for k, text, _ in real() if k == kind]
        longest, text = max(found)
        print(f"{kind:6} {len(found):8} {longest:8g} {bound:6}  {text}")


if __name__ == "__main__":
    main()
