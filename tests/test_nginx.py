"""deploy/nginx.conf, run by a real nginx on 127.0.0.1 against the production
build: every page and asset reachable from the home page is served with the
right status, type, charset, headers and compression, and a missing page
gets our 404 page with status 404."""

import os
import re
import shutil
import socket
import subprocess
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

from conftest import ROOT, need

DEPLOY = ROOT / "deploy"
BROTLI = Path("/usr/lib/nginx/modules/ngx_http_brotli_static_module.so")
INSTALL = "apt-get install nginx-light libnginx-mod-http-brotli-static"
HEADERS = {
    "Content-Security-Policy": "frame-ancestors 'none'",
    "X-Content-Type-Options": "nosniff",
    "Strict-Transport-Security": "max-age=",
    "Permissions-Policy": "camera=()",
    "Referrer-Policy": "no-referrer",
}


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def nginx(prod_site, tmp_path_factory):
    need(shutil.which("nginx") is not None and BROTLI.exists(),
         f"nginx or its brotli_static module is not installed; {INSTALL}")
    folder = tmp_path_factory.mktemp("nginx")
    port = free_port()
    site = (DEPLOY / "nginx.conf").read_text()
    site = site.replace("listen 80;", f"listen 127.0.0.1:{port};")
    site = re.sub(r"root [^;]+;", f"root {prod_site.path};", site)
    shutil.copy(DEPLOY / "security-headers.conf", folder)
    (folder / "site.conf").write_text(site)
    temp = "".join(f"{kind}_temp_path {folder}/{kind};\n" for kind in
                   ("client_body", "proxy", "fastcgi", "uwsgi", "scgi"))
    (folder / "nginx.conf").write_text(
        ("user root;\n" if os.geteuid() == 0 else "")
        + f"daemon off;\npid {folder}/nginx.pid;\nerror_log {folder}/error.log;\n"
        + f"load_module {BROTLI};\n"
        + "events {}\nhttp {\ninclude /etc/nginx/mime.types;\naccess_log off;\n"
        + temp + f"include {folder}/site.conf;\n}}\n"
    )
    server = subprocess.Popen(["nginx", "-p", str(folder), "-c", str(folder / "nginx.conf")],
                              stderr=subprocess.PIPE)
    base = f"http://127.0.0.1:{port}"
    for _ in range(50):
        try:
            urllib.request.urlopen(base + "/robots.txt", timeout=1)
            break
        except OSError:
            time.sleep(0.1)
    else:
        server.kill()
        pytest.fail(f"nginx did not start: {server.stderr.read().decode()}")
    yield base
    server.terminate()
    server.wait(timeout=10)


def get(url, encoding="identity"):
    request = urllib.request.Request(url, headers={"Accept-Encoding": encoding})
    try:
        with urllib.request.urlopen(request, timeout=5) as response:
            return response.status, response.headers, response.read()
    except urllib.error.HTTPError as error:
        return error.code, error.headers, error.read()


def local(url, prod_site, base):
    return base + url.removeprefix(prod_site.url)


def test_every_page_and_asset_is_served_with_type_charset_and_headers(nginx, prod_site):
    seen, queue = set(), [f"{nginx}/", f"{nginx}/robots.txt"]
    while queue:
        url = queue.pop()
        if url in seen:
            continue
        seen.add(url)
        status, headers, body = get(url)
        assert status == 200, url
        for name, value in HEADERS.items():
            assert value in headers.get(name, ""), (url, name)
        content_type = headers["Content-Type"]
        if url.endswith(".png"):
            assert content_type == "image/png", url
            assert "immutable" in headers["Cache-Control"], url
            continue
        assert content_type.endswith("; charset=utf-8"), (url, content_type)
        # Links in pages, feeds, the sitemap and robots.txt alike.
        for link in re.findall(r'https?://[^"<>\s]+', body.decode()):
            if link.startswith(prod_site.url + "/"):
                queue.append(local(link, prod_site, nginx))
    files = {f"{nginx}/{'' if n == 'index.html' else n}" for n in prod_site.html_files()} - {f"{nginx}/404.html"}
    assert files <= seen
    assert {f"{nginx}/sitemap.xml", f"{nginx}/feeds/all.atom.xml"} <= seen


@pytest.mark.parametrize("encoding", ["br", "gzip"])
def test_precompressed_files_are_served(nginx, encoding):
    status, headers, body = get(f"{nginx}/", encoding)
    assert status == 200
    assert headers["Content-Encoding"] == encoding


def test_missing_page_gets_our_404_page_with_status_404(nginx):
    status, headers, body = get(f"{nginx}/no/such/page.html")
    assert status == 404
    assert "<h1>Page not found</h1>" in body.decode()
    assert "no-referrer" in headers["Referrer-Policy"]
