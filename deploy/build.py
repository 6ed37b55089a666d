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
import os
import shutil
import sys

import pelican

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


def main(argv):
    output, arguments = os.path.abspath(argv[0]), argv[1:]
    staging = os.path.join(os.path.dirname(output), f".{os.path.basename(output)}-new")
    shutil.rmtree(staging, ignore_errors=True)
    try:
        pelican.main([*arguments, "-o", staging])
    except SystemExit as failure:
        if failure.code:
            shutil.rmtree(staging, ignore_errors=True)
            print(f"Build failed: {os.path.relpath(output)}/ is left as it was.", file=sys.stderr)
            raise
    replace(staging, output)
    shutil.rmtree(staging, ignore_errors=True)


if __name__ == "__main__":
    main(sys.argv[1:])
