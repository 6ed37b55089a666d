"""Build the site beside OUTPUT, and put it in OUTPUT's place only if it built.

    python deploy/build.py OUTPUT [pelican arguments...]

Pelican writes into its output folder as it goes, so a build that fails half
way (or a publishconf that clears the folder first) leaves a broken site
where the good one was. Here Pelican builds into a fresh sibling folder,
``.OUTPUT-new``; when it exits cleanly that folder and OUTPUT are exchanged in
one atomic ``renameat2(RENAME_EXCHANGE)`` (Linux), so a web server reading
OUTPUT sees the old site or the new one and never a mix, and the old site is
then removed. Where the exchange is not available, two renames do the job
with an instant in between. When the build fails, OUTPUT is left untouched.
"""

import ctypes
import logging
import os
import shutil
import sys
import traceback

from pelican import LOG_HANDLERS, get_instance, parse_arguments
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


def build(arguments):
    """Pelican's own command line, less the traceback on a refused build:
    the error says what is wrong with the content (-D shows the traceback)."""
    args = parse_arguments(arguments)
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
        return False
    return True


def main(argv):
    output, arguments = os.path.abspath(argv[0]), argv[1:]
    staging = os.path.join(os.path.dirname(output), f".{os.path.basename(output)}-new")
    shutil.rmtree(staging, ignore_errors=True)
    if not build([*arguments, "-o", staging]):
        shutil.rmtree(staging, ignore_errors=True)
        sys.exit(f"Build failed: {os.path.relpath(output)}/ is left as it was.")
    replace(staging, output)
    shutil.rmtree(staging, ignore_errors=True)


if __name__ == "__main__":
    main(sys.argv[1:])
