"""Pagefind's index of a set of records, written to a folder.

Pagefind's binary (PyPI ``pagefind-bin-extended``, pinned through
``pagefind[extended]``: the extended build segments Chinese into words)
indexes records it is sent over its ``--service`` protocol, the one its own
Python and Node wrappers speak: each message a JSON object, base64-encoded,
ended by a comma, on its standard input; each answer the same on its
standard output. We speak it here rather than through the ``pagefind``
package's client, which waits a tenth of a second before reading each
answer: 100 s for the 1,000 records of 170 reports, where this takes well
under one. And we ask for the files (``GetFiles``) and write them
ourselves: the service's own ``WriteFiles`` answers before its files are
on disk, and under load leaves some of them empty for good (one run in
twenty-five here, with two other processes busy).
"""

import atexit
import base64
import json
import os
import subprocess
import threading

from pagefind_bin_extended import get_executable


class PagefindError(RuntimeError):
    pass


class Service:
    """One Pagefind process, to index any number of sets of records, one
    after another (each `index` called from any thread). The build's
    workers are started before any thread, never forked later
    (`build_store.worker_pool`): a fork while this process starts could
    hold open the pipe through which it says it has started, and hang the
    build for good."""

    def __init__(self):
        self.process = subprocess.Popen([str(get_executable()), "--service"], stdin=subprocess.PIPE,
                                        stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
        # A build that ends before it is done with the service (stopped by
        # SIGTERM while it waits on an index, or failed) stops it too:
        # Pagefind would go on indexing, gigabytes at 100,000 reports.
        atexit.register(self.close)
        self.answers = _Answers(self.process.stdout)
        self.sent = 0

    def index(self, records, folder):
        """Index ``records`` (dicts of Pagefind's custom records: ``url``,
        ``content``, ``language``, ``meta``, ``filters``, ``sort``), an
        index for each record's language (its words split, and stemmed,
        as that language's are; Chinese segmented into words), written
        into ``folder``."""
        index = self._ask({"type": "NewIndex", "config": {}})["index_id"]
        for record in records:
            self._send({"type": "AddRecord", "index_id": index, **record})
        # Every record in before the index is made: the service answers
        # each message as it finishes, not in the order they came.
        self._answered()
        files = self._ask({"type": "GetFiles", "index_id": index})["files"]
        self._ask({"type": "DeleteIndex", "index_id": index})
        for file in files:
            path = os.path.join(folder, file["path"])
            os.makedirs(os.path.dirname(path), exist_ok=True)
            with open(path, "wb") as f:
                f.write(base64.b64decode(file["content"]))

    def _send(self, payload):
        message = json.dumps({"message_id": self.sent, "payload": payload}).encode()
        self.process.stdin.write(base64.b64encode(message) + b",")
        self.sent += 1

    def _ask(self, payload):
        number = self.sent
        self._send(payload)
        self._answered()
        return self.answers.take(number)

    def _answered(self):
        """Until every message sent has its answer."""
        self.process.stdin.flush()
        self.answers.wait(self.sent)

    def close(self):
        atexit.unregister(self.close)
        self.process.kill()
        self.process.wait()


class _Answers:
    """The service's answers, read as they come (a thread, so that neither
    side waits on a full pipe): how many have come, and each one but a
    record's (which says only that it was indexed), until it is taken; an
    error among them raised at once."""

    def __init__(self, stream):
        self.count, self.kept, self.error = 0, {}, None
        self.arrived = threading.Condition()
        threading.Thread(target=self._read, args=(stream,), daemon=True).start()

    def _read(self, stream):
        buffered = b""
        while chunk := stream.read1(1 << 16):
            *complete, buffered = (buffered + chunk).split(b",")
            with self.arrived:
                for part in complete:
                    answer = json.loads(base64.b64decode(part))
                    if answer["payload"].get("type") == "Error":
                        self.error = answer["payload"]
                    elif answer["payload"].get("type") != "IndexedFile":
                        self.kept[answer["message_id"]] = answer["payload"]
                    self.count += 1
                self.arrived.notify_all()
        with self.arrived:
            self.error = self.error or {"message": f"the service ended: {buffered[-500:]!r}"}
            self.arrived.notify_all()

    def wait(self, count):
        """Until ``count`` answers have come."""
        with self.arrived:
            self.arrived.wait_for(lambda: self.count >= count or self.error)
            if self.error:
                raise PagefindError(f"Pagefind could not write the search index: {self.error}")

    def take(self, number):
        with self.arrived:
            return self.kept.pop(number)
