"""With pretty URLs (``slug/`` addresses), every page's canonical link, its
og:url, its JSON-LD and its sitemap entry name one address, and that
address is a file of the build: no template builds an address from a path."""

import json
import xml.etree.ElementTree as ET

import pytest

from conftest import Site, build, siteurl

PRETTY = {
    **{f"{kind}_{part}": f"{{date:%Y}}/{{date:%m}}/{{slug}}/{suffix}"
       for kind in ("ARTICLE", "ARTICLE_LANG") for part, suffix in (("URL", ""), ("SAVE_AS", "index.html"))},
    **{f"{kind}_{part}": f"{{slug}}/{suffix}"
       for kind in ("PAGE", "PAGE_LANG") for part, suffix in (("URL", ""), ("SAVE_AS", "index.html"))},
    **{f"{kind}_{part}": f"{kind.lower()}/{{slug}}/{suffix}"
       for kind in ("CATEGORY", "TAG", "AUTHOR") for part, suffix in (("URL", ""), ("SAVE_AS", "index.html"))},
    **{f"{kind}_{part}": f"{kind.lower()}/{suffix}"
       for kind in ("ARCHIVES", "TAGS", "CATEGORIES", "AUTHORS", "CORRECTIONS", "CHANGES", "SEARCH")
       for part, suffix in (("URL", ""), ("SAVE_AS", "index.html"))},
    "YEAR_ARCHIVE_URL": "{date:%Y}/", "YEAR_ARCHIVE_SAVE_AS": "{date:%Y}/index.html",
    "PERSON_URL": "people/{slug}/", "PERSON_SAVE_AS": "people/{slug}/index.html",
    "PEOPLE_URL": "people/", "PEOPLE_SAVE_AS": "people/index.html",
    "PAGINATION_PATTERNS": [[1, "{url}", "{save_as}"],
                            [2, "{base_name}/page/{number}/", "{base_name}/page/{number}/index.html"]],
}


@pytest.fixture(scope="module")
def pretty(tmp_path_factory, corpus_content):
    output = tmp_path_factory.mktemp("pretty") / "output"
    result = build(output, "publishconf.py", corpus_content, **PRETTY)
    assert result.returncode == 0, result.stdout + result.stderr
    return Site(output, siteurl("publishconf.py"), production=True)


def file_for(site, url):
    assert url.startswith(site.url + "/"), url
    path = url.removeprefix(site.url + "/")
    return site.path / (path + "index.html" if path == "" or path.endswith("/") else path)


def test_canonical_og_json_ld_and_sitemap_agree_and_resolve(pretty):
    root = ET.fromstring(pretty.text("sitemap.xml"))
    ns = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}
    in_sitemap = {u.find("s:loc", ns).text for u in root.findall("s:url", ns)}
    canonicals = set()
    for name in pretty.html_files():
        page = pretty.page(name)
        canonical = page.find("link", rel="canonical")["href"]
        assert page.find("meta", property="og:url")["content"] == canonical, name
        assert file_for(pretty, canonical).samefile(pretty.path / name), (name, canonical)
        graph = json.loads(page.find("script", type="application/ld+json").string)["@graph"]
        for node in graph:
            if node["@type"] == "NewsArticle":
                assert node["url"] == node["mainEntityOfPage"]["@id"] == canonical, name
        canonicals.add(canonical)
    assert in_sitemap and in_sitemap <= canonicals
    assert all(url.endswith("/") for url in in_sitemap), "pretty URLs end in /"


def test_links_between_pages_resolve(pretty):
    for name in pretty.html_files():
        for link in pretty.page(name).select("a[href^='http']"):
            if link["href"].startswith(pretty.url + "/"):
                assert file_for(pretty, link["href"].split("#")[0]).is_file(), (name, link["href"])
