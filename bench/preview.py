"""Measures what an editor waits for in `make devserver`: the bench's
realistic archive of ``count`` reports served by the devserver; once it is
built and indexed, the newest report is edited, and the seconds from the
save to the edited page served (``deploy/preview.py``'s work), and to the
whole site built again, are printed. Run:
.venv/bin/python bench/preview.py 10000 [folder]"""

import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "bench"))
sys.path.insert(0, str(ROOT / "tests"))

from conftest import free_port  # noqa: E402
from corpus import realistic  # noqa: E402


def served(url):
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.read().decode("utf-8")
    except OSError:
        return ""


def waited(condition, seconds, step=0.01):
    deadline = time.monotonic() + seconds
    while not condition():
        if time.monotonic() > deadline:
            sys.exit("the devserver did not get there in time")
        time.sleep(step)
    return time.monotonic()


def main():
    count = int(sys.argv[1]) if len(sys.argv) > 1 else 1000
    folder = Path(sys.argv[2]) if len(sys.argv) > 2 else Path(tempfile.mkdtemp(prefix="preview-bench-"))
    content = folder / "content" if (folder / "content").is_dir() else realistic(folder, count)
    newest = next(content.rglob("report-000000.md"))  # the corpus numbers from the newest
    port = free_port()
    log = folder / "devserver.log"
    with open(log, "w", encoding="utf-8") as out:
        server = subprocess.Popen(
            [sys.executable, "deploy/devserver.py", str(folder / "output"), str(content), "pelicanconf.py",
             "--port", str(port), "-e", f'CACHE_PATH="{folder / "cache"}"'], cwd=ROOT, stdout=out,
            stderr=subprocess.STDOUT)
    try:
        text = lambda: log.read_text(encoding="utf-8")  # noqa: E731
        waited(lambda: "Search indexed" in text(), 3600, step=1)
        page = next((folder / "output").rglob(f"{newest.stem}.html"))  # the corpus's Slug is the file's name
        url = f"http://127.0.0.1:{port}/{page.relative_to(folder / 'output').as_posix()}"
        token = f"Edited at {time.time():.0f}"
        builds = text().count("] Built in")
        newest.write_text(newest.read_text(encoding="utf-8") + f"\n{token}.\n", encoding="utf-8")
        saved = time.monotonic()
        shown = waited(lambda: token in served(url), 600)
        built = waited(lambda: text().count("] Built in") > builds, 600, step=0.05)
        print(f"{count} reports: the edited page served {shown - saved:.2f} s after the save, "
              f"the whole site built again {built - saved:.1f} s after it")
        print("".join(line + "\n" for line in text().splitlines()[-3:]), end="")
    finally:
        server.terminate()
        server.wait(timeout=60)


if __name__ == "__main__":
    main()
