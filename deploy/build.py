"""Build the site beside OUTPUT, and change OUTPUT only if it built.

    python deploy/build.py OUTPUT [pelican arguments...]
    python deploy/build.py --clean OUTPUT [pelican arguments...]

Pelican writes into its output folder as it goes, so a build that fails half
way (or a publishconf that clears the folder first) leaves a broken site
where the good one was. Here Pelican builds into a fresh sibling folder,
``.OUTPUT-new``, standing on the live site (``LIVE_OUTPUT``): a file the
live site holds already (a page the page cache kept, a card, a compressed
variant, a search file) is not placed again but noted as kept
(plugins/build_store), so the folder holds what changed, however large
the site. When Pelican exits cleanly, those files go into OUTPUT one by one
in an order no reader can catch half made (`put_live`): new files first
(nothing links to them yet), then changed ones, each replaced in one
rename, then removals (what the build no longer makes). The first build
of a site is moved into place in one rename. When the build fails, OUTPUT
is left untouched.
"""

import atexit
import contextlib
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

def files_in(folder):
    """Each file (or link: a link to a folder is an entry of its own, not a
    folder to enter) under ``folder``, by its path there."""
    found, folders = [], [""]
    while folders:
        inside = folders.pop()
        with os.scandir(os.path.join(folder, inside)) as entries:
            for entry in entries:
                name = inside + entry.name
                if entry.is_dir(follow_symlinks=False):
                    folders.append(name + "/")
                else:
                    found.append(name)
    return found


def same_file(a, b):
    """Whether ``b`` is a file with ``a``'s bytes (a link, a folder: no)."""
    try:
        sa, sb = os.lstat(a), os.lstat(b)
    except OSError:
        return False
    if not (stat.S_ISREG(sa.st_mode) and stat.S_ISREG(sb.st_mode)) or sa.st_size != sb.st_size:
        return False
    return (sa.st_dev, sa.st_ino) == (sb.st_dev, sb.st_ino) or filecmp.cmp(a, b, shallow=False)


def put_live(staging, live, kept):
    """The build in ``staging`` into the ``live`` site: its new files, then
    its changed ones, then the live files it neither made nor ``kept``
    removed. A file with the bytes the live one has is left out (the live
    one keeps its time, and the ETag and Last-Modified a server derives
    from it: an upload sends nothing). Returns (new, changed, removed)."""
    made = files_in(staging)
    new, changed = [], []
    for name in made:
        target = os.path.join(live, name)
        if not os.path.lexists(target):
            new.append(name)
        elif not same_file(os.path.join(staging, name), target):
            changed.append(name)
    removed = sorted(set(files_in(live)) - set(made) - kept)
    for name in new + changed:
        move(os.path.join(staging, name), os.path.join(live, name))
    for name in removed:
        path = os.path.join(live, name)
        # Gone already where a file took its folder's place; a folder
        # where a file took its place.
        if os.path.lexists(path) and (os.path.islink(path) or not os.path.isdir(path)):
            os.unlink(path)
            prune_folders(live, os.path.dirname(name))
    return new, changed, removed


def move(source, target):
    """``source`` to ``target`` in one rename, replacing what is there (a
    folder where a file goes, or a file where a folder must be, removed
    first: the site changed shape)."""
    folder = os.path.dirname(target)
    if not os.path.isdir(folder):
        clear_way(folder)
        os.makedirs(folder, exist_ok=True)
    if os.path.isdir(target) and not os.path.islink(target):
        shutil.rmtree(target)
    os.replace(source, target)


def clear_way(folder):
    """Each file (or link) standing where a parent folder of ``folder``
    must be, removed."""
    parts = folder.split(os.sep)
    for end in range(2, len(parts) + 1):
        path = os.sep.join(parts[:end])
        if os.path.lexists(path) and not os.path.isdir(path):
            os.unlink(path)
            return


def prune_folders(live, folder):
    """``folder`` (in ``live``) and its parents, where a removal left them empty."""
    while folder:
        try:
            os.rmdir(os.path.join(live, folder))
        except OSError:
            return  # not empty
        folder = os.path.dirname(folder)


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
    content (-D shows the traceback). The live site's files the build kept
    (plugins/build_store), or None where it failed."""
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
        return None
    store = pelican.settings.get("BUILD_STORE")
    return set(store.kept) if store is not None else set()


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
    # The build stands on the live site (plugins/build_store).
    args.overrides = {**(args.overrides or {}), "LIVE_OUTPUT": output}
    why = refusal(output, args)
    if why:
        sys.exit(f"Refused to build into {argv[0]}: {why}. Give another output folder; nothing was changed.")
    os.makedirs(os.path.dirname(output), exist_ok=True)
    with locked(output):
        shutil.rmtree(staging, ignore_errors=True)
        kept = build(args)
        if kept is None:
            shutil.rmtree(staging, ignore_errors=True)
            sys.exit(f"Build failed: {os.path.relpath(argv[0])}/ is left as it was.")
        # Once begun, the placing is finished: a stop asked for now (the
        # devserver's, a newer change replacing this build) waits for it.
        signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGTERM})
        if os.path.isdir(output):
            new, changed, removed = put_live(staging, output, kept)
            print(f"{argv[0]}: {len(new):,} files added, {len(changed):,} changed, {len(removed):,} removed; "
                  f"the rest kept as they were.")
        else:
            os.rename(staging, output)
        shutil.rmtree(staging, ignore_errors=True)
        signal.pthread_sigmask(signal.SIG_UNBLOCK, {signal.SIGTERM})


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


def exit_at_once():
    """Exit 0, the site in place, without first freeing one by one every
    object the build held (at 100,000 reports, 2 GB of them: 15 s after
    the site was live; 1 s at 10,000): what must be done at exit (the
    plugins' ``atexit`` handlers: the workers and Pagefind stopped) is done,
    the streams flushed, then the process ends."""
    logging.shutdown()
    atexit._run_exitfuncs()  # CPython's own call at exit, which os._exit skips
    sys.stdout.flush()
    sys.stderr.flush()
    os._exit(0)


if __name__ == "__main__":
    signal.signal(signal.SIGTERM, stopped)
    if sys.argv[1:2] == ["--clean"]:
        clean(sys.argv[2:])
    else:
        main(sys.argv[1:])
    exit_at_once()
