"""Builds the site once per test session, as `make html` and `make publish` do,
and hands tests the pages as a reader's browser would get them."""

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

import browser as browser_tools

ROOT = Path(__file__).resolve().parent.parent
DATA = Path(__file__).resolve().parent / "data"
# The report as it reached us. The copy in tests/data lets a clone without
# ../shared run the tests; test_text.py checks the two agree.
SHARED_SOURCE = ROOT.parent / "shared" / "source" / "blinken-human-rights-defenders.txt"
VENDORED_SOURCE = DATA / "source" / "blinken-human-rights-defenders.txt"
SOURCE = SHARED_SOURCE if SHARED_SOURCE.exists() else VENDORED_SOURCE
ARTICLE = "2021/04/blinken-human-rights-defenders.html"
# One page of each type the theme renders.
PAGE_TYPES = {
    "index": "index.html",
    "article": ARTICLE,
    "page": "about.html",
    "category": "category/human-rights.html",
    "categories": "categories.html",
    "tag": "tag/china.html",
    "tags": "tags.html",
    "author": "author/voice-of-america.html",
    "authors": "authors.html",
    "archives": "archives.html",
    "404": "404.html",
}
NODE_TOOLS = ROOT / "node_modules"
IN_CI = os.environ.get("CI") == "true"


def build(output, settings="pelicanconf.py", content=ROOT / "content", **overrides):
    """Run the build the Makefile runs, with settings ``overrides``; the
    finished process, output captured. Each build has a cache of its own
    (beside its output) unless told otherwise: tests never share state."""
    overrides.setdefault("CACHE_PATH", str(Path(output).parent / f".{Path(output).name}-cache"))
    extra = [f"{key}={json.dumps(value)}" for key, value in overrides.items()]
    return subprocess.run(
        [sys.executable, "deploy/build.py", str(output), str(content), "-s", settings, "-e", *extra],
        cwd=ROOT,
        capture_output=True,
        encoding="utf-8",
    )


def siteurl(settings):
    """Where the build says it will be served; relative builds work anywhere,
    so any address with a path of its own stands for them."""
    from pelican.settings import read_settings

    return read_settings(str(ROOT / settings))["SITEURL"] or "http://mirror.test/any/path"


class Site:
    """A built site: its folder, its address, its files and its pages parsed."""

    def __init__(self, path, url):
        self.path = Path(path)
        self.url = url

    def html_files(self):
        return sorted(p.relative_to(self.path).as_posix() for p in self.path.rglob("*.html"))

    def text(self, name):
        file = self.path / name
        assert file.is_file(), f"the build has no {name}"
        return file.read_text(encoding="utf-8")

    def page(self, name):
        return BeautifulSoup(self.text(name), "html.parser")


def built(tmp_path_factory, name, settings):
    output = tmp_path_factory.mktemp(name) / "output"
    result = build(output, settings)
    assert result.returncode == 0, f"{settings} build failed:\n{result.stdout}\n{result.stderr}"
    return Site(output, siteurl(settings))


@pytest.fixture(scope="session")
def dev_site(tmp_path_factory):
    return built(tmp_path_factory, "dev", "pelicanconf.py")


@pytest.fixture(scope="session")
def prod_site(tmp_path_factory):
    return built(tmp_path_factory, "prod", "publishconf.py")


@pytest.fixture(scope="session", params=["dev", "prod"])
def site(request):
    """Each test that takes `site` runs against both builds."""
    return request.getfixturevalue(f"{request.param}_site")


@pytest.fixture(scope="session")
def article(dev_site):
    return dev_site.page(ARTICLE)


def content_with(folder, *names):
    """A copy of content/ in ``folder``, plus the named articles from tests/data."""
    content = Path(folder) / "content"
    shutil.copytree(ROOT / "content", content)
    for name in names:
        shutil.copy(DATA / name, content / "2021" / name)
    return content


def need(present, message):
    """Skip when a system tool is missing, except in CI, where it must be there."""
    if not present:
        if IN_CI:
            pytest.fail(message)
        pytest.skip(message)


@pytest.fixture(scope="session")
def browser():
    need(browser_tools.chromium_installed(), f"Chromium is not installed; {browser_tools.INSTALL}")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = browser_tools.launch(playwright)
        yield chromium
        chromium.close()


@pytest.fixture(scope="session")
def mirror(dev_site, tmp_path_factory):
    """The development build served under a sub-path, as a mirror would host it."""
    root = tmp_path_factory.mktemp("server")
    (root / "mirror").symlink_to(dev_site.path, target_is_directory=True)
    with browser_tools.serve(root) as base:
        yield f"{base}/mirror"
