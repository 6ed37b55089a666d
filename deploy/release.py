"""Publish output/ to a server over SSH as a new release, switched atomically.

    python deploy/release.py upload OUTPUT HOST PORT USER TARGET [--keep N]
    python deploy/release.py rollback HOST PORT USER TARGET

On the server, TARGET holds::

    releases/20261129T204501Z/   one folder a release, complete
    current -> releases/…        what the web server's root points at

`upload` copies OUTPUT into ``releases/NAME.partial`` with rsync, hard-
linking every file unchanged since the live release (``--link-dest``), so a
release costs only what changed; renames it to ``releases/NAME`` once whole;
then points ``current`` at it with ``ln -s`` and ``mv -T``: one rename(2),
so a reader gets the old release or the new one, never a mix. An upload that
fails or is killed leaves only a ``.partial`` folder (removed by the next
upload) and ``current`` as it was. The newest N releases are kept (5; at
least 1). Uploads to one target take turns: each holds the server's
``flock`` on ``TARGET/.upload.lock`` from start to switch.

`rollback` points ``current`` at the release before the live one, the same
atomic way. Both print what they did and how to undo it.
"""

import argparse
import contextlib
import datetime
import os
import select
import shlex
import subprocess
import sys
import time

KEEP = 5


def release_name():
    return datetime.datetime.now(datetime.timezone.utc).strftime("%Y%m%dT%H%M%SZ")


def ssh_command(host, port, user):
    """ssh as make runs it: the options in SSH_OPTS (an identity file, a
    known-hosts file…) first, as ssh keeps the first value it is given; then
    batch mode (never a prompt, which would hang a script) and a server's
    key trusted on first use, refused if it ever changes."""
    extra = shlex.split(os.environ.get("SSH_OPTS", ""))
    return ["ssh", "-p", str(port), *extra, "-o", "BatchMode=yes", "-o", "StrictHostKeyChecking=accept-new",
            f"{user}@{host}" if user else host]


def remote(args, script):
    """Run a POSIX shell ``script`` on the server; its output."""
    result = subprocess.run([*ssh_command(args.host, args.port, args.user), "sh -c " + shlex.quote(script)],
                            capture_output=True, encoding="utf-8")
    if result.returncode:
        sys.exit(f"On {args.host}: {result.stderr.strip() or 'the command failed'}")
    return result.stdout


def switch(target, release):
    """Shell lines that point ``current`` at ``release`` in one rename."""
    t = shlex.quote(target)
    return (f"ln -sfn releases/{shlex.quote(release)} {t}/.current.new && "
            f"mv -T {t}/.current.new {t}/current")


@contextlib.contextmanager
def locked(args):
    """One upload (or rollback) to a target at a time: the server's ``flock`` on
    ``TARGET/.upload.lock``, held by one ssh session for the whole upload. A
    second upload waits its turn; an upload killed half-way ends its
    session, and with it the lock (never a lock left behind)."""
    t = shlex.quote(args.target)
    holder = f"mkdir -p {t} && exec flock {t}/.upload.lock sh -c 'echo locked; exec cat >/dev/null'"
    session = subprocess.Popen([*ssh_command(args.host, args.port, args.user), "sh -c " + shlex.quote(holder)],
                               stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                               encoding="utf-8")
    if not select.select([session.stdout], [], [], 2)[0]:
        print(f"Another upload to {args.host}:{args.target} is under way: waiting for it to finish.",
              file=sys.stderr)
    if session.stdout.readline().strip() != "locked":
        session.kill()
        sys.exit(f"On {args.host}: could not lock {args.target} for the upload "
                 f"({session.stderr.read().strip() or 'no flock(1) there? install util-linux'}); nothing was changed.")
    try:
        yield
    finally:
        session.stdin.close()
        session.wait()


def upload(args):
    t = shlex.quote(args.target)
    # Where the live release is (for --link-dest), and no leftover partials.
    live = remote(args, f"mkdir -p {t}/releases && rm -rf {t}/releases/*.partial && "
                        f"readlink {t}/current || true").strip()
    name = release_name()
    if live.endswith(f"/{name}"):  # an upload just before this one, in the same second
        time.sleep(1)
        name = release_name()
    link_dest = [f"--link-dest={args.target}/{live}/"] if live else []
    destination = f"{args.user + '@' if args.user else ''}{args.host}:{args.target}/releases/{name}.partial/"
    # RSYNC_OPTS: more rsync options, such as --bwlimit=KBPS or --compress.
    # By content, not time: each build writes every file anew, so times
    # differ even where nothing changed; unchanged files are hard-linked.
    rsync = ["rsync", "--recursive", "--links", "--perms", "--checksum", "--delete", *link_dest,
             *shlex.split(os.environ.get("RSYNC_OPTS", "")),
             "-e", " ".join(map(shlex.quote, ssh_command(args.host, args.port, args.user)[:-1])),
             args.output.rstrip("/") + "/", destination]
    if subprocess.run(rsync).returncode:
        sys.exit(f"Upload failed: {args.target}/current still serves {live or 'nothing'}; nothing was switched.")
    remote(args, f"mv -T {t}/releases/{shlex.quote(name)}.partial {t}/releases/{shlex.quote(name)} && "
                 f"{switch(args.target, name)} && "
                 f"cd {t}/releases && ls -1 | grep -v '\\.partial$' | sort | head -n -{args.keep} | xargs -r rm -rf")
    print(f"Published release {name} to {args.host}:{args.target}/current (was {live or 'empty'}).")
    print("To go back to the previous release: make rollback")


def rollback(args):
    t = shlex.quote(args.target)
    listing = remote(args, f"readlink {t}/current; ls -1 {t}/releases | grep -v '\\.partial$' | sort").split()
    if not listing:
        sys.exit(f"{args.target}/current does not exist: nothing to roll back")
    live, releases = listing[0].removeprefix("releases/"), listing[1:]
    older = [r for r in releases if r < live]
    if not older:
        sys.exit(f"{live} is the oldest release kept: nothing to roll back to")
    remote(args, switch(args.target, older[-1]))
    print(f"Rolled back {args.host}:{args.target}/current from {live} to {older[-1]}.")


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    commands = parser.add_subparsers(dest="command", required=True)
    for name in ("upload", "rollback"):
        command = commands.add_parser(name)
        if name == "upload":
            command.add_argument("output")
        for field in ("host", "port", "user", "target"):
            command.add_argument(field)
        command.add_argument("--keep", type=int, default=KEEP)
    args = parser.parse_args(argv)
    if args.keep < 1:
        sys.exit(f"KEEP_RELEASES is {args.keep}: keep 1 release or more (the live one is among them)")
    if not args.target.startswith("/"):
        sys.exit(f"SSH_TARGET_DIR must be an absolute path on the server, not {args.target!r}")
    with locked(args):
        (upload if args.command == "upload" else rollback)(args)


if __name__ == "__main__":
    main()
