"""Measures what the record (plugins/newsroom/record) costs a build as the
archive grows: the bench's realistic archive of ``count`` reports
committed to git as a desk keeps it, then `versions.record` called as
`record.gather` calls it, with a build store: the first build (every
blob read from git and its words kept), a build with nothing changed, and
one after a new report is committed. Run:
.venv/bin/python bench/record.py 10000 [folder]"""

import datetime
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "plugins"))
sys.path.insert(0, str(ROOT / "bench"))

import build_store  # noqa: E402
from corpus import realistic  # noqa: E402
from newsroom.record import versions  # noqa: E402
from newsroom.record.record import KeptWords  # noqa: E402

PUBLISHED = datetime.datetime(2000, 1, 1, tzinfo=datetime.timezone.utc)


def commit(content, message):
    env = {"GIT_AUTHOR_NAME": "Desk", "GIT_AUTHOR_EMAIL": "desk@example.org", "GIT_COMMITTER_NAME": "Desk",
           "GIT_COMMITTER_EMAIL": "desk@example.org", "PATH": "/usr/bin:/bin"}
    for arguments in (["add", "-A"], ["commit", "-qm", message]):
        subprocess.run(["git", "-C", str(content), *arguments], check=True, env=env)


def timed(content, cache):
    """Seconds `versions.record` takes over ``content`` with the store in ``cache``."""
    sources = {str(p): PUBLISHED for p in content.rglob("*.md") if "pages" not in p.parts}
    store = build_store.Store(cache)
    start = time.perf_counter()
    versions.record(str(content), sources, datetime.datetime.now(datetime.timezone.utc), KeptWords(store))
    seconds = time.perf_counter() - start
    store.commit()
    store.close()
    return seconds


def main():
    count = int(sys.argv[1]) if len(sys.argv) > 1 else 1000
    folder = Path(sys.argv[2]) if len(sys.argv) > 2 else Path(tempfile.mkdtemp(prefix="record-bench-"))
    content = realistic(folder, count)
    subprocess.run(["git", "init", "-q", str(content)], check=True)
    commit(content, "The archive")
    cache = folder / "cache"
    first, unchanged = timed(content, cache), timed(content, cache)
    newest = max(content.rglob("*.md"), key=lambda p: p.name)
    (newest.parent / "zz-new-report.md").write_text(newest.read_text(encoding="utf-8").replace(
        "Title: ", "Title: New: ", 1), encoding="utf-8")
    commit(content, "A new report")
    added = timed(content, cache)
    print(f"{count:,} reports: the record's first build {first:.2f} s, nothing changed {unchanged:.2f} s, "
          f"one new report {added:.2f} s")


if __name__ == "__main__":
    main()
