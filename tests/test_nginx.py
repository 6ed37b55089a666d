"""deploy/nginx.conf, run by a real nginx on 127.0.0.1 against the production
build: every page and asset reachable from the home page is served with the
right status, type, charset, headers and compression, and a missing page
gets our 404 page with status 404."""

import re
import shutil
import subprocess
import urllib.error
import urllib.request

import pytest

from conftest import BROTLI, NGINX_INSTALL as INSTALL, Site, build, configured, free_port, need, siteurl, started

IMAGE_TYPES = {"png": "image/png", "jpg": "image/jpeg", "webp": "image/webp"}
HEADERS = {
    "Content-Security-Policy": "frame-ancestors 'none'",
    "X-Content-Type-Options": "nosniff",
    "Strict-Transport-Security": "max-age=",
    "Permissions-Policy": "camera=()",
    "Referrer-Policy": "no-referrer",
}


@pytest.fixture(scope="module")
def prod_site(corpus_content, tmp_path_factory):
    """The corpus's production build, two reports to a listing page: photos,
    Chinese, every kind of report, and listings with numbered pages."""
    output = tmp_path_factory.mktemp("paginated") / "output"
    result = build(output, "publishconf.py", corpus_content, DEFAULT_PAGINATION=2)
    assert result.returncode == 0, result.stdout + result.stderr
    return Site(output, siteurl("publishconf.py"), production=True)


@pytest.fixture(scope="module")
def nginx(prod_site, tmp_path_factory):
    need(shutil.which("nginx") is not None and BROTLI.exists(),
         f"nginx or its brotli_static module is not installed; {INSTALL}")
    folder = tmp_path_factory.mktemp("nginx")
    port = free_port()
    config = configured(folder, prod_site.path, port)
    server = subprocess.Popen(["nginx", "-p", str(folder), "-c", str(config)],
                              stderr=subprocess.PIPE)
    base = f"http://127.0.0.1:{port}"
    started(server, lambda: answers(base + "/robots.txt"), "nginx")
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


def answers(url):
    try:
        return get(url)[0] == 200
    except OSError:  # not listening yet
        return False


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
        if url.endswith((".png", ".jpg", ".webp")):
            assert content_type == IMAGE_TYPES[url.rsplit(".", 1)[1]], url
            assert "immutable" in headers["Cache-Control"], url
            continue
        assert content_type.endswith("; charset=utf-8"), (url, content_type)
        # A listing's numbered pages keep what they list: cached a day; the rest revalidated.
        numbered = re.search(r"/page/[0-9]+\.html$", url)
        assert headers["Cache-Control"] == ("public, max-age=86400, stale-while-revalidate=604800" if numbered
                                            else "no-cache"), url
        # Links in pages, feeds, the sitemap and robots.txt alike.
        for link in re.findall(r'https?://[^"<>\s]+', body.decode()):
            if link.startswith(prod_site.url + "/"):
                queue.append(local(link, prod_site, nginx))
    files = {f"{nginx}/{'' if n == 'index.html' else n}" for n in prod_site.html_files() if prod_site.listed(n)}
    assert files <= seen
    assert {f"{nginx}/sitemap.xml", f"{nginx}/feeds/all.atom.xml", f"{nginx}/page/1.html"} <= seen


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


def test_the_configuration_is_clean(tmp_path):
    need(shutil.which("nginx") is not None and BROTLI.exists(),
         f"nginx or its brotli_static module is not installed; {INSTALL}")
    config = configured(tmp_path, tmp_path, free_port())
    result = subprocess.run(["nginx", "-t", "-p", str(tmp_path), "-c", str(config)], capture_output=True, encoding="utf-8")
    assert result.returncode == 0, result.stderr
    assert "[warn]" not in result.stderr and "[emerg]" not in result.stderr, result.stderr


@pytest.mark.parametrize("encoding", ["br", "gzip"])
def test_compressed_responses_vary_on_accept_encoding(nginx, encoding):
    for path in ("/", "/feeds/all.atom.xml", "/sitemap.xml"):
        status, headers, _ = get(f"{nginx}{path}", encoding)
        assert status == 200 and headers["Content-Encoding"] == encoding, path
        assert "Accept-Encoding" in headers.get("Vary", ""), path


def test_compressed_copies_are_not_served_as_files(nginx):
    for path in ("/index.html.gz", "/index.html.br", "/sitemap.xml.gz"):
        assert get(f"{nginx}{path}")[0] == 404, path


@pytest.mark.parametrize("path, media_type", [
    ("/feeds/all.atom.xml", "application/atom+xml"), ("/feeds/all.rss.xml", "application/rss+xml")])
def test_feeds_have_their_own_media_types(nginx, path, media_type):
    status, headers, _ = get(f"{nginx}{path}")
    assert status == 200 and headers["Content-Type"] == f"{media_type}; charset=utf-8"


def test_the_server_does_not_name_its_version(nginx):
    assert get(f"{nginx}/")[1]["Server"] == "nginx"


def test_a_folder_is_redirected_relatively_or_missing_never_forbidden(nginx):
    request = urllib.request.Request(f"{nginx}/2025")
    opener = urllib.request.build_opener(NoRedirect)
    try:
        status, headers = opener.open(request, timeout=5).status, {}
    except urllib.error.HTTPError as error:
        status, headers = error.code, error.headers
    assert status == 301 and headers["Location"] == "/2025/"
    assert get(f"{nginx}/2025/")[0] == 200, "the year's archive"
    assert get(f"{nginx}/2025/03/")[0] == 404, "a folder without an index is missing, not forbidden"


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args):
        return None


def test_search_runs_under_these_headers(nginx, prod_site, browser):
    """The search page's script, Pagefind's worker and its WebAssembly run
    under the policy nginx sends (the <meta> and the header both apply):
    the browser asks for the site at its own address, and nginx answers."""
    from test_search import search

    def from_nginx(route):
        status, headers, body = get(local(route.request.url, prod_site, nginx))
        route.fulfill(status=status, headers=dict(headers), body=body)

    page = browser.new_page()
    page.route(f"{prod_site.url}/**", from_nginx)
    errors = []
    page.on("console", lambda m: m.type == "error" and errors.append(m.text))
    found = search(page, prod_site.url, q="court")
    page.close()
    assert found and errors == []
    assert "script-src 'self' 'wasm-unsafe-eval'" in get(f"{nginx}/search.html")[1]["Content-Security-Policy"]
    [shard, *_] = prod_site.page("search.html").find("form")["data-shards"].split()
    worker = get(f"{nginx}/pagefind/{shard}/pagefind-worker.js")
    assert worker[0] == 200 and "script-src 'self' 'wasm-unsafe-eval'" in worker[1]["Content-Security-Policy"]
    fragment = next((prod_site.path / "pagefind" / shard / "fragment").iterdir()).name
    assert "immutable" in get(f"{nginx}/pagefind/{shard}/fragment/{fragment}")[1]["Cache-Control"]
    assert "script-src 'none'" in get(f"{nginx}/")[1]["Content-Security-Policy"]
