"""Every page says what it may load: a Content Security Policy that allows
its own inlined stylesheet by hash and nothing else, and no referrer."""

import base64
import hashlib

from conftest import SEARCH, scripts_run


def policy(soup):
    meta = soup.find("meta", attrs={"http-equiv": "Content-Security-Policy"})
    return dict(d.strip().split(" ", 1) for d in meta["content"].split(";"))


def test_csp_allows_only_the_inlined_stylesheet(site):
    for name in site.html_files():
        soup = site.page(name)
        csp = policy(soup)
        digest = hashlib.sha256(soup.style.string.encode("utf-8")).digest()
        assert csp["style-src"] == f"'sha256-{base64.b64encode(digest).decode()}'", name
        # Images: the inline icon, and the site's own photos; no other host.
        assert csp["default-src"] == "'none'" and csp["img-src"] == "'self' data:", name
        # Scripts, their WebAssembly and what they fetch: the search page's
        # own, from this site; nothing anywhere else.
        scripting = {"script-src": "'self' 'wasm-unsafe-eval'", "connect-src": "'self'", "worker-src": "'self'"}
        if name == SEARCH:
            assert scripting.items() <= csp.items() and csp["form-action"] == "'self'", name
        else:
            assert not scripting.keys() & csp.keys() and csp["form-action"] == "'none'", name
        assert "unsafe-inline" not in str(csp), name
        assert len(soup.find_all("style")) == 1 and not soup.find_all(style=True), name


def test_csp_comes_before_anything_it_governs(site):
    for name in site.html_files():
        head = site.page(name).head
        first = head.find_all(True)[:2]
        assert first[0].get("charset") == "utf-8"
        assert first[1].get("http-equiv") == "Content-Security-Policy", name


def test_no_referrer_leaves_the_site(site):
    for name in site.html_files():
        assert site.page(name).find("meta", attrs={"name": "referrer"})["content"] == "no-referrer"


def test_no_page_but_search_carries_a_script_and_it_only_its_own(site):
    for name in site.html_files():
        scripts = scripts_run(site.page(name))
        if name != SEARCH:
            assert scripts == [], name
            continue
        [script] = scripts
        assert not script.string and script.has_attr("defer")
        assert script["src"] in ("./theme/search.js", f"{site.url}/theme/search.js")
