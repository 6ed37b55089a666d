"""Publish output/ to an S3-compatible bucket (`make s3_upload`).

    python deploy/s3_upload.py OUTPUT BUCKET

Credentials and region come from the usual AWS settings (environment,
~/.aws); ``S3_ENDPOINT_URL`` names another S3-compatible host. Each file is
sent with its media type (feeds as Atom and RSS, text with charset=utf-8)
and the Cache-Control deploy/nginx.conf sends: pages revalidated, photos and
share images (hashed names) kept for ever. A bucket cannot choose an
encoding per request, so each text file is sent as its gzip variant with
``Content-Encoding: gzip``, which every browser reads (``S3_GZIP=0`` sends
them plain); the ``.gz`` and ``.br`` files themselves are not uploaded. A
file whose bytes the bucket already has is skipped.

Order: every object the bucket lacks first (nothing links to it until a
changed page does), then every one that changed; each group with what
pages show (photos, share images, documents) first, then the reports and
pages, then what lists them (the home page, sections, topics, speaker
pages, archives), then feeds, the sitemap and robots.txt; objects the site
no longer has are deleted last. At every moment a reader meets no link that
leads nowhere. Uploads to one bucket take turns: each holds the object
``.deploy-lock`` (`Lock`), written only where none is, kept fresh by a
heartbeat while the upload runs, taken over only when left more than an
hour, and released only while still its own.
"""

import contextlib
import datetime
import hashlib
import json
import mimetypes
import os
import re
import socket
import sys
import threading
import time
from pathlib import Path

import boto3
from botocore.exceptions import ClientError

TYPES = {".atom.xml": "application/atom+xml", ".rss.xml": "application/rss+xml", ".webp": "image/webp",
         ".jsonl": "application/jsonl", ".csv": "text/csv"}
TEXT = ("text/", "application/atom+xml", "application/rss+xml", "application/xml", "application/json",
        "application/jsonl", "application/javascript")
# Hashed names: share images, photos, and the search index's parts (in a
# folder for each of its bundles).
FOREVER = re.compile(r"^(images/|photos/|pagefind/[^/]+/(fragment|index|filter)/)")
NUMBERED = re.compile(r"(^|/)page/\d+\.html$")
LOCK = ".deploy-lock"
STALE = datetime.timedelta(hours=1)
BEAT = datetime.timedelta(minutes=5)
WAIT = datetime.timedelta(minutes=30)


def stage(key, path):
    """When the object goes up: 0 what pages show, 1 reports and pages, 2
    what lists them, 3 feeds, the quotations' data, the sitemap and
    robots.txt (each of those links to reports)."""
    if key.endswith((".jsonl", ".csv")) or (key.startswith("people/") and key.endswith(".json")):
        return 3
    if not key.endswith((".html", ".xml", ".txt")) or FOREVER.match(key):
        return 0
    if not key.endswith(".html"):
        return 3
    head = path.read_bytes()
    return 1 if b'<article class="report"' in head or b'<article class="page"' in head else 2


def cache_control(key):
    """As deploy/nginx.conf: hashed names for ever, a listing's numbered
    pages (which keep what they list) a day, everything else revalidated."""
    if FOREVER.match(key):
        return "public, max-age=31536000, immutable"
    if NUMBERED.search(key):
        return "public, max-age=86400, stale-while-revalidate=604800"
    return "no-cache"


def media_type(name):
    for suffix, kind in TYPES.items():
        if name.endswith(suffix):
            break
    else:
        kind = mimetypes.guess_type(name)[0] or "application/octet-stream"
    return kind + "; charset=utf-8" if kind.startswith(TEXT) else kind


def objects(output, gzip, only=None):
    """(key, bytes, headers) for every file of the site (or those ``only``
    names), in `stage` order."""
    files = [(key, path) for path in Path(output).rglob("*")
             if path.is_file() and path.suffix not in (".gz", ".br")
             and (key := path.relative_to(output).as_posix()) and (only is None or key in only)]
    for key, path in sorted(files, key=lambda found: (stage(*found), found[0])):
        headers = {"ContentType": media_type(key), "CacheControl": cache_control(key)}
        packed = path.with_name(path.name + ".gz")
        if gzip and packed.is_file():
            yield key, packed.read_bytes(), {**headers, "ContentEncoding": "gzip"}
        else:
            yield key, path.read_bytes(), headers


def put(s3, bucket, lock, key, body, headers):
    if lock:
        lock.check()  # never send on once another upload holds the bucket
    s3.put_object(Bucket=bucket, Key=key, Body=body, **headers)


def failed_condition(error):
    return error.response.get("Error", {}).get("Code") in ("PreconditionFailed", "412", "ConditionalRequestConflict")


class Lock:
    """The bucket's ``.deploy-lock``, held for the whole upload: written only
    where none is (``If-None-Match: *``), or over one left more than STALE
    ago, and only if it is still that one (``If-Match`` its ETag). While
    held it is written again every BEAT (a heartbeat, ``If-Match`` the ETag
    it last had), so a long upload's lock never looks left behind; if that
    write fails, another upload has taken it, and this one stops sending
    (`check`). Released only if it is still ours (a delete ``If-Match``)."""

    def __init__(self, s3, bucket):
        self.s3, self.bucket = s3, bucket
        self.holder = {"host": socket.gethostname(), "pid": os.getpid(),
                       "started": datetime.datetime.now(datetime.timezone.utc).isoformat()}
        self.etag, self.lost = None, False
        self.stopped = threading.Event()

    def acquire(self):
        """Wait while another upload holds the lock; take over one left more
        than STALE ago."""
        deadline, said = time.monotonic() + WAIT.total_seconds(), False
        while True:
            if self._write(IfNoneMatch="*"):
                break
            try:
                held = self.s3.get_object(Bucket=self.bucket, Key=LOCK)
            except self.s3.exceptions.NoSuchKey:
                continue  # released meanwhile
            age = datetime.datetime.now(datetime.timezone.utc) - held["LastModified"]
            if age > STALE and self._write(IfMatch=held["ETag"]):  # only if it is still that stale lock
                print(f"s3://{self.bucket}: took over a lock left {age} ago: {held['Body'].read().decode()}")
                break
            if time.monotonic() > deadline:
                raise SystemExit(f"s3://{self.bucket}: another upload has held {LOCK} for {age}; nothing was sent")
            if not said:
                print(f"s3://{self.bucket}: another upload is under way: waiting for it to finish.",
                      file=sys.stderr)
                said = True
            time.sleep(1)
        threading.Thread(target=self._beat, daemon=True).start()

    def _write(self, **condition):
        """Write the lock under ``condition``: whether it was written."""
        # Each write its own bytes (the time of the beat), so its ETag is this write's alone.
        body = json.dumps({**self.holder, "beat": datetime.datetime.now(datetime.timezone.utc).isoformat()})
        try:
            self.etag = self.s3.put_object(Bucket=self.bucket, Key=LOCK, Body=body.encode(), **condition)["ETag"]
            return True
        except ClientError as error:
            if not failed_condition(error):
                raise
            return False

    def _beat(self):
        while not self.stopped.wait(BEAT.total_seconds()):
            try:
                written = self._write(IfMatch=self.etag)
            except ClientError:
                continue  # the bucket did not answer: the next beat tries again
            if not written:
                self.lost = True
                return

    def check(self):
        if self.lost:
            raise SystemExit(f"s3://{self.bucket}: another upload took over {LOCK} (this one was thought left "
                             "behind): stopped sending; run make s3_upload again once it is done")

    def release(self):
        self.stopped.set()
        if self.lost:
            return  # another upload's now
        try:
            self.s3.delete_object(Bucket=self.bucket, Key=LOCK, IfMatch=self.etag)
        except ClientError as error:
            if not failed_condition(error):
                raise
            print(f"s3://{self.bucket}: {LOCK} is no longer this upload's: left as it is", file=sys.stderr)


@contextlib.contextmanager
def locked(s3, bucket):
    """The bucket's lock (`Lock`) for the whole upload."""
    lock = Lock(s3, bucket)
    lock.acquire()
    try:
        yield lock
    finally:
        lock.release()


def upload(output, bucket):
    s3 = boto3.client("s3", endpoint_url=os.environ.get("S3_ENDPOINT_URL") or None)
    with locked(s3, bucket) as lock:
        send(s3, output, bucket, lock)


def send(s3, output, bucket, lock=None):
    """Every object the bucket lacks first (nothing links to one until a
    page that changed does), then every one that changed, each in `stage`
    order; then what the site no longer has is deleted."""
    there = {}
    for page in s3.get_paginator("list_objects_v2").paginate(Bucket=bucket):
        there.update({o["Key"]: o["ETag"].strip('"') for o in page.get("Contents", [])})
    sent = skipped = 0
    keys, changed = set(), []
    for key, body, headers in objects(output, os.environ.get("S3_GZIP", "1") != "0"):
        keys.add(key)
        if there.get(key) == hashlib.md5(body).hexdigest():
            skipped += 1
        elif key in there:
            changed.append(key)
        else:
            put(s3, bucket, lock, key, body, headers)
            sent += 1
    for key, body, headers in objects(output, os.environ.get("S3_GZIP", "1") != "0", only=set(changed)):
        put(s3, bucket, lock, key, body, headers)
        sent += 1
    stale = sorted(set(there) - keys - {LOCK})
    if lock:
        lock.check()
    failed = []
    for start in range(0, len(stale), 1000):  # only now: every new page is up
        done = s3.delete_objects(Bucket=bucket, Delete={"Objects": [{"Key": k} for k in stale[start:start + 1000]]})
        # A batch delete answers 200 whatever it could not delete: each failure is in Errors.
        failed += done.get("Errors", [])
    if failed:
        listing = "\n".join(f"  {e.get('Key')}: {e.get('Code')} {e.get('Message', '')}".rstrip() for e in failed)
        raise SystemExit(f"s3://{bucket}: {sent} sent, {skipped} unchanged, but {len(failed)} of {len(stale)} "
                         f"objects the site no longer has could not be deleted (the bucket's policy?); run "
                         f"make s3_upload again once fixed:\n{listing}")
    print(f"s3://{bucket}: {sent} sent, {skipped} unchanged, {len(stale)} deleted.")


if __name__ == "__main__":
    if len(sys.argv) != 3 or not sys.argv[2]:
        sys.exit("usage: s3_upload.py OUTPUT BUCKET (make s3_upload S3_BUCKET=name)")
    upload(sys.argv[1], sys.argv[2])
