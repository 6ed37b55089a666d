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
file whose bytes the bucket already has is skipped. Objects the site no
longer has are deleted only after every new one is up, so readers never
meet a page whose links lead nowhere.
"""

import hashlib
import mimetypes
import os
import sys
from pathlib import Path

import boto3

TYPES = {".atom.xml": "application/atom+xml", ".rss.xml": "application/rss+xml", ".webp": "image/webp"}
TEXT = ("text/", "application/atom+xml", "application/rss+xml", "application/xml", "application/json")
FOREVER = ("images/", "photos/")


def media_type(name):
    for suffix, kind in TYPES.items():
        if name.endswith(suffix):
            break
    else:
        kind = mimetypes.guess_type(name)[0] or "application/octet-stream"
    return kind + "; charset=utf-8" if kind.startswith(TEXT) else kind


def objects(output, gzip):
    """(key, bytes, headers) for every file of the site."""
    for path in sorted(Path(output).rglob("*")):
        if not path.is_file() or path.suffix in (".gz", ".br"):
            continue
        key = path.relative_to(output).as_posix()
        headers = {"ContentType": media_type(key),
                   "CacheControl": "public, max-age=31536000, immutable" if key.startswith(FOREVER) else "no-cache"}
        packed = path.with_name(path.name + ".gz")
        if gzip and packed.is_file():
            yield key, packed.read_bytes(), {**headers, "ContentEncoding": "gzip"}
        else:
            yield key, path.read_bytes(), headers


def upload(output, bucket):
    s3 = boto3.client("s3", endpoint_url=os.environ.get("S3_ENDPOINT_URL") or None)
    there = {}
    for page in s3.get_paginator("list_objects_v2").paginate(Bucket=bucket):
        there.update({o["Key"]: o["ETag"].strip('"') for o in page.get("Contents", [])})
    sent = skipped = 0
    keys = set()
    for key, body, headers in objects(output, os.environ.get("S3_GZIP", "1") != "0"):
        keys.add(key)
        if there.get(key) == hashlib.md5(body).hexdigest():
            skipped += 1
            continue
        s3.put_object(Bucket=bucket, Key=key, Body=body, **headers)
        sent += 1
    stale = sorted(set(there) - keys)
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
