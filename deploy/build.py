"""Build the site beside OUTPUT, and put it in OUTPUT's place only if it built.

    python deploy/build.py OUTPUT [pelican arguments...]
    python deploy/build.py --clean OUTPUT [pelican arguments...]

Pelican writes into its output folder as it goes, so a build that fails half
way (or a publishconf that clears the folder first) leaves a broken site
where the good one was. Here Pelican builds into a fresh sibling folder,
``.OUTPUT-new``; when it exits cleanly that folder and OUTPUT are exchanged in
one atomic ``renameat2(RENAME_EXCHANGE)`` (Linux), so a web server reading
OUTPUT sees the old site or the new one and never a mix, and the old site is
then removed. Where the exchange is not available, two renames do the job
with an instant in between. When the build fails, OUTPUT is left untouched.
"""

import contextlib
import ctypes
import fcntl
import filecmp
import logging
import os
import shutil
import signal
import stat
import sys
import traceback

from pelican import LOG_HANDLERS, get_config, get_instance, parse_arguments
from pelican.settings import read_settings
from pelican.log import init as init_logging

RENAME_EXCHANGE = 2
AT_FDCWD = -100


def exchange(a, b):
    """Swap two paths atomically; False where the system cannot."""
    try:
        renameat2 = ctypes.CDLL(None, use_errno=True).renameat2
    except AttributeError:
        return False
    result = renameat2(AT_FDCWD, os.fsencode(a), AT_FDCWD, os.fsencode(b), RENAME_EXCHANGE)
    return result == 0


def replace(staging, output):
    """Put ``staging`` where ``output`` is; what was there ends up at ``staging``."""
    if not os.path.exists(output):
        os.rename(staging, output)
    elif not exchange(staging, output):
        old = staging + "-old"
        os.rename(output, old)
        os.rename(staging, output)
        os.rename(old, staging)


def where(error):
    """``template:line: `` for an error raised while rendering a template
    (Jinja puts the template's own lines in the traceback), else ""."""
    frames = [f for f in traceback.extract_tb(error.__traceback__) if f.filename.endswith((".html", ".xml", ".txt"))]
    if not frames:
        return ""
    return f"{os.path.relpath(frames[-1].filename)}:{frames[-1].lineno}: "


def unsafe_output(output, settings, project):
    """Why ``output`` must not be built into (the swap deletes what was
    there), or None. Refused: the filesystem's root, the home folder, a
    folder holding a git checkout, the project, the content, the theme or
    the plugins, or a folder inside or around any of them (the output
    folder may sit inside the project, as output/ does)."""
    output, project = os.path.realpath(output), os.path.realpath(project)
    sources = [settings["PATH"], settings["THEME"], *settings.get("PLUGIN_PATHS", [])]
    sources = [os.path.realpath(p) for p in sources if p]
    guarded = {"/": "the filesystem's root", os.path.realpath(os.path.expanduser("~")): "the home folder",
               project: "the project"}
    guarded.update({p: "a source folder (content, theme or plugins)" for p in sources})
    for path, what in guarded.items():
        if output == path or path.startswith(output.rstrip("/") + "/"):
            return f"it is or holds {what}, {path}"
    for path in sources:
        if output.startswith(path + "/"):
            return f"it is inside the source folder {path}"
    if os.path.isdir(output) and ".git" in os.listdir(output):
        return "it holds a git checkout (.git)"
    parts = output.split("/")
    if ".git" in parts:
        return "it is inside a .git folder"
    if len(parts) <= 2:
        return "it is a top-level folder of the system"
    return None


def build(args):
    """Pelican's own command line (``args``, as Pelican parses it), less
    the traceback on a refused build: the error says what is wrong with the
    content (-D shows the traceback)."""
    # As pelican.main sets logging up, so every logging option works.
    init_logging(level=args.verbosity, fatal=args.fatal, name="pelican",
                 handler=LOG_HANDLERS[args.log_handler],
                 logs_dedup_min_level=getattr(logging, args.logs_dedup_min_level))
    try:
        pelican, _ = get_instance(args)
        pelican.run()
    except Exception as error:
        if args.verbosity == logging.DEBUG:
            raise
        print(f"{where(error)}{type(error).__name__}: {error}", file=sys.stderr)
        for problem in held_problems(error):
            print(f"  - {problem}", file=sys.stderr)
        return False
    return True


def held_problems(error):
    """The problems plugins/build_guard held back from the console for its
    summary, where the run crashed before it could print them (its own
    BuildRefused lists them already)."""
    guard = sys.modules.get("build_guard")
    if guard is None or isinstance(error, guard.BuildRefused):
        return []
    return guard.take_held()


@contextlib.contextmanager
def locked(output):
    """One build of ``output`` at a time: a second waits for the first."""
    lock = os.path.join(os.path.dirname(output), f".{os.path.basename(output)}.lock")
    with open(lock, "w") as handle:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            print(f"Another build of {output} is running: waiting for it to finish.", file=sys.stderr)
            fcntl.flock(handle, fcntl.LOCK_EX)
        yield


def refusal(output, args):
    """Why ``output`` must not be built into or removed under the settings
    ``args`` name (`unsafe_output`), or None."""
    settings = read_settings(args.settings, override=get_config(args))
    return unsafe_output(output, settings, os.path.dirname(os.path.abspath(args.settings or "pelicanconf.py")))


def main(argv):
    # A symlinked output (output -> /srv/site/current) is built beside what
    # it points to and swapped there: the link itself stays as it is.
    output, arguments = os.path.realpath(argv[0]), argv[1:]
    staging = os.path.join(os.path.dirname(output), f".{os.path.basename(output)}-new")
    # Nothing is made, not even a lock, before the output folder is known safe.
    args = parse_arguments([*arguments, "-o", staging])
    # The pages the last build left are in the live output (page_cache).
    overrides = args.overrides = args.overrides or {}
    overrides["PAGE_CACHE"] = {**overrides.get("PAGE_CACHE", {}), "PREVIOUS_OUTPUT": output}
    why = refusal(output, args)
    if why:
        sys.exit(f"Refused to build into {argv[0]}: {why}. Give another output folder; nothing was changed.")
    os.makedirs(os.path.dirname(output), exist_ok=True)
    with locked(output):
        shutil.rmtree(staging, ignore_errors=True)
        if not build(args):
            shutil.rmtree(staging, ignore_errors=True)
            sys.exit(f"Build failed: {os.path.relpath(argv[0])}/ is left as it was.")
        keep_unchanged(staging, output)
        replace(staging, output)
        shutil.rmtree(staging, ignore_errors=True)


def keep_unchanged(staging, live):
    """Each file the build wrote anew (a feed, the sitemap, a static file)
    whose bytes the live site's file of that name has already: replaced by
    a link to the live file, so it keeps its time (and the ETag and
    Last-Modified a server derives from it) and an upload sends nothing.
    Files linked already (pages the page cache kept, compressed files) are
    left alone."""
    if not os.path.isdir(live):
        return
    for folder, _, names in os.walk(staging):
        for name in names:
            new = os.path.join(folder, name)
            new_stat = os.lstat(new)
            if new_stat.st_nlink > 1 or not stat.S_ISREG(new_stat.st_mode):
                continue  # linked already (most files, in a large site), or not a file
            old = os.path.join(live, os.path.relpath(new, staging))
            try:
                old_stat = os.lstat(old)
            except OSError:
                continue
            if not stat.S_ISREG(old_stat.st_mode) or new_stat.st_size != old_stat.st_size:
                continue
            if filecmp.cmp(new, old, shallow=False):
                os.link(old, new + ".kept")
                os.replace(new + ".kept", new)


def clean(argv):
    """``--clean OUTPUT [pelican arguments…]``: remove OUTPUT (`make clean`),
    refusing what a build into it would refuse (content/, the project…)."""
    output, arguments = os.path.realpath(argv[0]), argv[1:]
    why = refusal(output, parse_arguments([*arguments, "-o", output]))
    if why:
        sys.exit(f"Refused to remove {argv[0]}: {why}. Nothing was removed.")
    with locked(output):
        shutil.rmtree(output, ignore_errors=True)


def stopped(signum, frame):
    """SIGTERM (the devserver stopping a build a newer change replaced):
    exit as an error does, the live output as it was, the workers stopped."""
    sys.exit(f"Build stopped: {sys.argv[1]}/ is left as it was.")


if __name__ == "__main__":
    signal.signal(signal.SIGTERM, stopped)
    if sys.argv[1:2] == ["--clean"]:
        clean(sys.argv[2:])
    else:
        main(sys.argv[1:])
