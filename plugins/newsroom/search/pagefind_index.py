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

import base64
import json
import os
import subprocess
import threading

from pagefind_bin_extended import get_executable


class PagefindError(RuntimeError):
    pass


def write_index(records, folder, language):
    """Index ``records`` (dicts of Pagefind's custom records: ``url``,
    ``content``, ``language``, ``meta``, ``filters``) into one index in
    ``language`` (Pagefind's ``force_language``: one index for a site in
    many languages, searched from one page), written into ``folder``."""
    process = subprocess.Popen([str(get_executable()), "--service"], stdin=subprocess.PIPE,
                               stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    answers = _Answers(process.stdout, process.stdin)
    try:
        _send(process, 0, {"type": "NewIndex", "config": {"force_language": language}})
        index = answers.wait(1)[0]["payload"]["index_id"]
        for number, record in enumerate(records, start=1):
            _send(process, number, {"type": "AddRecord", "index_id": index, **record})
        # Every record in before the index is made: the service answers
        # each message as it finishes, not in the order they came.
        answers.wait(len(records) + 1)
        _send(process, len(records) + 1, {"type": "GetFiles", "index_id": index})
        [files] = [a["payload"]["files"] for a in answers.wait(len(records) + 2) if a["payload"]["type"] == "GetFiles"]
    finally:
        process.kill()
        process.wait()
    for file in files:
        path = os.path.join(folder, file["path"])
        os.makedirs(os.path.dirname(path), exist_ok=True)
        with open(path, "wb") as f:
            f.write(base64.b64decode(file["content"]))


class _Answers:
    """The service's answers, read as they come (a thread, so that neither
    side waits on a full pipe); an error among them raised at once."""

    def __init__(self, stream, stdin):
        self.stdin = stdin
        self.received, self.error = [], None
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
                    self.received.append(answer)
                self.arrived.notify_all()
        with self.arrived:
            self.error = self.error or {"message": f"the service ended: {buffered[-500:]!r}"}
            self.arrived.notify_all()

    def wait(self, count):
        self.stdin.flush()
        with self.arrived:
            self.arrived.wait_for(lambda: len(self.received) >= count or self.error)
            if self.error:
                raise PagefindError(f"Pagefind could not write the search index: {self.error}")
            return self.received


def _send(process, number, payload):
    message = json.dumps({"message_id": number, "payload": payload}).encode()
    process.stdin.write(base64.b64encode(message) + b",")
