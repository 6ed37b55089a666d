"""Rebuild the development site on every change, and serve it.

    python deploy/devserver.py OUTPUT CONTENT SETTINGS [--bind H] [--port N] [--no-serve]

Watches the content, the theme, the plugins and the settings (`make
devserver`). A saved report is on screen first, made alone by a process
started ahead for it (`deploy/preview.py`); then the whole site is built.
Each rebuild runs `deploy/build.py` in a fresh process, so a change to a
plugin or a setting is picked up, no state is carried from one build to
the next, and output/ is replaced only by a build that succeeded.
While a build is refused, every page served starts with its problems and
reloads itself until the next good build. Once a build's pages are
served, the site is built again with its search index (`SEARCH=1`), which
a newer change interrupts. One block of log a rebuild.
Ctrl-C or SIGTERM stops it and frees the port.
"""

import argparse
import os
import queue
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import watchfiles

sys.path.insert(0, str(Path(__file__).parent))
from serve import bind  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
BUILD = ROOT / "deploy" / "build.py"
PREVIEW = ROOT / "deploy" / "preview.py"


def problems_of(result):
    """The problems a refused build lists, else its last error line."""
    lines = (result.stdout + result.stderr).splitlines()
    listed = [line.strip()[2:] for line in lines if line.startswith("  - ")]
    errors = [line for line in lines if line and not line.startswith((" ", "Build failed"))]
    return listed or errors[-1:] or ["the build failed and said nothing: run make html to see why"]


class Builder:
    def __init__(self, output, content, settings, extra):
        self.command = [sys.executable, str(BUILD), str(output), str(content), "-s", str(settings), *extra]
        self.process = None

    def build(self, search=False, abandon=lambda: False):
        """Build once (``search``: with the search index); the problems, or
        None. A build ``abandon`` says is no longer wanted (a newer change
        came) is stopped: the problems are then ``[]``, and the last site
        stays."""
        started = time.monotonic()
        env = {**os.environ, "COLUMNS": "200", "PYTHONIOENCODING": "utf-8", "SEARCH": "1" if search else ""}
        self.process = subprocess.Popen(self.command, cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                                        encoding="utf-8", errors="replace", env=env)
        while True:
            try:
                stdout, stderr = self.process.communicate(timeout=0.2)
                break
            except subprocess.TimeoutExpired:
                if abandon():
                    self.stop()
                    self.process.communicate()
                    self.process = None
                    return []
        result = subprocess.CompletedProcess(self.command, self.process.returncode, stdout, stderr)
        self.process = None
        took = time.monotonic() - started
        what = "Search indexed" if search else "Built"
        if result.returncode == 0:
            print(f"[{time.strftime('%H:%M:%S')}] {what} in {took:.1f} s", flush=True)
            return None
        problems = problems_of(result)
        listing = "".join(f"\n  - {p}" for p in problems)
        print(f"[{time.strftime('%H:%M:%S')}] Build refused in {took:.1f} s; serving the last good site:{listing}",
              flush=True)
        return problems

    def stop(self):
        if self.process is not None:
            self.process.terminate()


class Previewer:
    """`deploy/preview.py`, started ahead of the next saved report (its
    imports done by then), one preview a process."""

    def __init__(self, output, content, settings, extra):
        self.command = [sys.executable, str(PREVIEW), str(output), str(content), str(settings), *extra]
        self.process = None

    def ready(self):
        if self.process is None:
            self.process = subprocess.Popen(self.command, cwd=ROOT, stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                            stderr=subprocess.DEVNULL, encoding="utf-8", errors="replace")

    def show(self, reports):
        """The reports' pages put in place, each as ``page NAME SECONDS``."""
        self.ready()
        process, self.process = self.process, None
        try:
            lines, _ = process.communicate("\t".join(reports) + "\n", timeout=30)
        except subprocess.TimeoutExpired:
            process.kill()
            process.communicate()
            return
        for line in lines.splitlines():
            if line.startswith("page "):
                _, name, seconds = line.split(" ")
                print(f"[{time.strftime('%H:%M:%S')}] {name} on screen in {seconds} s; building the rest",
                      flush=True)

    def stop(self):
        if self.process is not None:
            self.process.kill()
            self.process.communicate()
            self.process = None


def saved_reports(batch, content):
    """The Markdown files of ``content`` a batch of changes added or
    changed, where that is all it did (a deleted file, or a change to
    anything else, is the whole build's alone)."""
    changed = list(batch)
    if not changed or any(change == watchfiles.Change.deleted for change, _ in changed):
        return []
    paths = {os.path.abspath(path) for _, path in changed}
    inside = all(path.startswith(content + os.sep) and path.endswith(".md") for path in paths)
    return sorted(paths) if inside else []


def watched(content, settings):
    paths = [content, ROOT / "theme", ROOT / "plugins", settings]
    return [str(p) for p in paths if os.path.exists(p)]


def only_sources(change, path):
    """Sources only: never the build's own output or caches, wherever the
    project lives (a parent folder starting with a dot included)."""
    name = os.path.basename(path)
    return not (name.startswith((".", "#")) or name.endswith(("~", ".pyc", ".tmp")) or "__pycache__" in path)


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("output")
    parser.add_argument("content")
    parser.add_argument("settings")
    parser.add_argument("--bind", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=8000)
    parser.add_argument("--no-serve", action="store_true", help="rebuild only")
    args, extra = parser.parse_known_args(argv)
    args.output, args.content, args.settings = map(os.path.abspath, (args.output, args.content, args.settings))

    stop = threading.Event()
    builder = Builder(args.output, args.content, args.settings, extra)
    previewer = Previewer(args.output, args.content, args.settings, extra)
    server = None
    if not args.no_serve:
        server = bind(args.output, args.bind, args.port)
        threading.Thread(target=server.serve_forever, daemon=True).start()
        print(f"Serving {args.output} at http://{args.bind}:{args.port}/ and rebuilding on every change "
              "(Ctrl-C stops)", flush=True)

    def finish(signum, frame):
        stop.set()
        builder.stop()
        previewer.stop()

    signal.signal(signal.SIGTERM, finish)
    signal.signal(signal.SIGINT, finish)
    # Watch before the first build, so that no edit made during it is missed.
    changes = queue.Queue()

    def watch():
        for batch in watchfiles.watch(*watched(args.content, args.settings), watch_filter=only_sources,
                                      debounce=300, step=50, stop_event=stop, raise_interrupt=False):
            changes.put(batch)
        changes.put(None)

    threading.Thread(target=watch, daemon=True).start()
    try:
        while not stop.is_set():
            problems = builder.build()
            if server is not None:
                server.problems = problems
            previewer.ready()  # for the next saved report, once this build is done
            if problems is None and changes.empty() and not stop.is_set():
                # The site is on screen; now the search index, unless a
                # newer change comes first (then that is built instead).
                builder.build(search=True, abandon=lambda: not changes.empty() or stop.is_set())
            batch = changes.get()
            if batch is None:
                break
            batch = set(batch)
            while not changes.empty():  # one build for a burst of saves
                more = changes.get_nowait()
                if more is None:
                    stop.set()
                else:
                    batch |= more
            reports = saved_reports(batch, args.content)
            if reports and server is not None and server.problems is None and not stop.is_set():
                previewer.show(reports)
    finally:
        previewer.stop()
        if server is not None:
            server.shutdown()
            server.server_close()
        print("Stopped.", flush=True)


if __name__ == "__main__":
    main()
