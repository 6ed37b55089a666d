"""Measures what reading one report costs: the bench's realistic archive of
``count`` reports read, in one process, by our reader (every check,
quotation and photo) and by Pelican's own Markdown reader with the
default theme's settings, each the best of five passes, in milliseconds a
report. Nothing is cached and nothing rendered. Run:
.venv/bin/python bench/reading.py [count]"""

import sys
import tempfile
import time
from pathlib import Path

from pelican import Pelican
from pelican.readers import MarkdownReader, Readers
from pelican.settings import read_settings

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "bench"))
sys.path.insert(0, str(ROOT / "plugins"))

from corpus import realistic  # noqa: E402

PASSES = 5


def best(reader, files):
    """The fastest of `PASSES` passes over ``files``, in ms a file."""
    fastest = float("inf")
    for _ in range(PASSES):
        start = time.perf_counter()
        for path in files:
            reader.read(str(path))
        fastest = min(fastest, time.perf_counter() - start)
    return 1000 * fastest / len(files)


def main():
    count = int(sys.argv[1]) if len(sys.argv) > 1 else 500
    with tempfile.TemporaryDirectory() as folder:
        content = realistic(Path(folder), count)
        files = sorted(p for p in content.rglob("*.md") if "pages" not in p.parts)
        override = {"PATH": str(content), "CACHE_PATH": str(Path(folder) / "cache")}
        settings = read_settings(str(ROOT / "pelicanconf.py"), override=override)
        Pelican(settings)  # the plugins registered: our reader is Pelican's for .md
        ours = Readers(settings).readers["md"]
        default = MarkdownReader(read_settings(str(ROOT / "bench" / "default_settings.py"), override=override))
        mine, theirs = best(ours, files), best(default, files)
    print(f"{len(files)} reports: ours {mine:.2f} ms a report, Pelican's Markdown reader {theirs:.2f} "
          f"({mine / theirs:.2f}×)")


if __name__ == "__main__":
    main()
