"""Every link and asset a reader can follow leads to a file of the build."""

from urllib.parse import unquote, urljoin, urlsplit


def targets(soup):
    for tag, attribute in (("a", "href"), ("link", "href"), ("img", "src"), ("script", "src")):
        for element in soup.find_all(tag):
            if element.get(attribute):
                yield element[attribute]
    # Every candidate of a responsive photo.
    for element in soup.select("[srcset]"):
        for candidate in element["srcset"].split(","):
            yield candidate.split()[0]


def test_every_internal_link_resolves(site):
    base = site.url
    for name in site.html_files():
        for target in targets(site.page(name)):
            if target.startswith(("data:", "mailto:", "#")):
                continue
            url = urljoin(f"{base}/{name}", target)
            if target.startswith(("https://", "http://")) and not url.startswith(base + "/"):
                continue  # a report may link to its sources; nothing is loaded from there
            assert url.startswith(base + "/"), f"{name} links outside the site: {target}"
            path = unquote(urlsplit(url).path.removeprefix(urlsplit(base).path)).lstrip("/")
            file = site.path / path
            if path == "" or path.endswith("/"):
                file = file / "index.html"
            assert file.is_file(), f"{name} links to {target}, which the build lacks"
