"""Builds the site once per test session, as `make html` and `make publish` do,
and hands tests the pages as a reader's browser would get them.

Two bodies of content are built, each in development and production: the
site's own content/, and content/ with the fixture corpus beside it
(tests/data/corpus: every kind of report an editor may paste in: marks of
every kind, organisations and unnamed speakers, photos, tables, footnotes,
corrections, a draft, a report dated in the future, Chinese and French).
Page-level tests take `site` and run over all four builds; nothing there
assumes which reports exist."""

import contextlib
import fcntl
import json
import os
import re
import shutil
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

import browser as browser_tools

ROOT = Path(__file__).resolve().parent.parent
DATA = Path(__file__).resolve().parent / "data"
CORPUS = DATA / "corpus"
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
    "year": "2021/index.html",
    "404": "404.html",
    "person": "people/fujibiao.html",
    "people": "people.html",
    "corrections": "corrections.html",
    "changes": "changes.html",
    "search": "search.html",
}
# The one page that runs a script: its own, from the site (tests/test_search.py).
SEARCH = PAGE_TYPES["search"]


def scripts_run(soup):
    """The scripts a page runs (JSON-LD is data, not a script)."""
    return [s for s in soup.find_all("script") if s.get("type") != "application/ld+json"]
NODE_TOOLS = ROOT / "node_modules"


def source_paragraphs():
    """The report's paragraphs as it reached us: its lines after the headline."""
    lines = SOURCE.read_text(encoding="utf-8").splitlines()
    return [line for line in lines[1:] if line.strip()]


# (words as the source prints them between its marks, speaker, element)
QUOTATIONS = [
    ("Had an inspiring meeting today with eight outstanding human rights defenders. "
     "We discussed the threats that human rights defenders face every day and how the "
     "United States can better support their vital efforts to promote respect for "
     "universal human rights.", "Antony Blinken", "span"),
    ("The Secretary of State reaffirmed the United States’ support for their efforts "
     "to build free, fair and democratic societies where human rights will be respected "
     "and where voices from government, business, labor and civil society, including "
     "members of vulnerable groups, will be actively engaged in civil dialogue. This "
     "includes efforts to end conflict and achieve an inclusive peace.", "Price", "span"),
    ("advance this administration’s commitment to place human rights at the heart of "
     "U.S. foreign policy.", "Price", "span"),
    ("He asked each of us to present our work on human rights and some of the "
     "challenges we have encountered. I then spoke about the arrests of Chinese lawyers "
     "and the fact that many human rights defenders have been put in prison. I "
     "specifically emphasized that almost all political prisoners in China who are "
     "imprisoned have been tortured.", "Fujibiao", "blockquote"),
    ("genocide.", "Antony Blinken", "span"),
    ("I made a number of suggestions, including putting human rights at the forefront "
     "of U.S. diplomacy, demanding the closure of concentration camps and the release "
     "of political prisoners in meetings and talks with Chinese officials, and "
     "demanding that China make legal reforms and comply with international human "
     "rights treaties to which it is a party. .", "Fujibiao", "span"),
    ("diplomatic boycott", "Fujibiao", "span"),
    ("it’s one of the few political levers the international community has.",
     "Fujibiao", "span"),
]
IN_CI = os.environ.get("CI") == "true"
# Every Python a test starts (builds, servers, deploy scripts) reads and
# writes UTF-8 whatever the machine's locale; the tests decode what they
# print as UTF-8 too (encoding="utf-8", never the locale's).
os.environ["PYTHONUTF8"] = "1"


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

    def __init__(self, path, url, production=False):
        self.path = Path(path)
        self.url = url
        self.production = production
        self._pages = {}

    def html_files(self):
        return sorted(p.relative_to(self.path).as_posix() for p in self.path.rglob("*.html"))

    def text(self, name):
        file = self.path / name
        assert file.is_file(), f"the build has no {name}"
        return file.read_text(encoding="utf-8")

    def page(self, name):
        """The page parsed; a fresh copy for each caller, who may change it."""
        if name not in self._pages:
            self._pages[name] = self.text(name)
        return BeautifulSoup(self._pages[name], "html.parser")

    def listed(self, name):
        """Whether the page is meant to be found (hidden ones say noindex)."""
        return 'name="robots" content="noindex"' not in self.text(name)

    def reports(self):
        """The published reports' pages, whatever the content (drafts, which
        development builds show under drafts/, are not published)."""
        return [n for n in self.html_files()
                if not n.startswith("drafts/") and '<article class="report"' in self.text(n)]


# The test files that take longest, longest first (measured with
# `pytest --durations=0`, 2026-12-07): `make test` hands a file's tests to
# one worker, files in the order collected, so these start first and the
# many short ones fill in after, rather than one worker running the
# longest alone at the end.
LONGEST_FIRST = ["test_page_cache.py", "test_accessibility.py", "test_network.py", "test_deploy.py",
                 "test_accessibility_dark.py", "test_search.py", "test_incremental.py", "test_validity.py",
                 "test_builds.py", "test_metadata.py", "test_devserver.py", "test_layout.py", "test_cache.py",
                 "test_preview.py", "test_corpus.py"]


def pytest_collection_modifyitems(items):
    """Every test of ``LONGEST_FIRST``'s files first, in its order; the
    rest as collected (a stable sort keeps each file's own order)."""
    rank = {name: number for number, name in enumerate(LONGEST_FIRST)}
    items.sort(key=lambda item: rank.get(item.path.name, len(rank)))


@contextlib.contextmanager
def shared(tmp_path_factory, name):
    """A folder every test worker of this run shares (pytest-xdist's
    workers each have a temporary folder of their own, under one folder of
    the run), held by one worker at a time."""
    root = tmp_path_factory.getbasetemp()
    if os.environ.get("PYTEST_XDIST_WORKER"):
        root = root.parent
    with open(root / f"{name}.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        yield root / name


def built(tmp_path_factory, name, settings, content=ROOT / "content"):
    """A whole site, searchable as `make html SEARCH=1` and `make publish`
    make it: built once a test run, by the first worker to need it, for
    every worker to read (no test changes a site it is handed)."""
    with shared(tmp_path_factory, f"site-{name}") as folder:
        output = folder / "output"
        if not (folder / "built").is_file():
            shutil.rmtree(folder, ignore_errors=True)
            result = build(output, settings, content, SEARCH_INDEX=True)
            assert result.returncode == 0, f"{settings} build failed:\n{result.stdout}\n{result.stderr}"
            (folder / "built").touch()
    return Site(output, siteurl(settings), settings == "publishconf.py")


@pytest.fixture(scope="session")
def corpus_content(tmp_path_factory):
    """content/ with the fixture corpus beside its reports: every file of
    it content/ does not hold already (an editor may have copied the
    fixtures in; twice, each report would be refused as its own twin)."""
    return with_history(add_corpus(content_with(tmp_path_factory.mktemp("corpus"))))


# A desk's history for the corpus: everything published at once, then one
# report updated, its words changed with an Update line saying so.
PUBLISHED_ON, UPDATED_ON = "2026-01-05T09:00:00+00:00", "2026-01-06T09:00:00+00:00"
UPDATED = CORPUS / "2039-lawyer-again.md"


def with_history(content):
    """``content`` in a git checkout of its own, as a desk keeps it: all
    committed on PUBLISHED_ON, then UPDATED's words changed on UPDATED_ON
    with an Update line, so that the corpus's builds carry a record (a
    versions page, changes.html with one change)."""
    def git(*arguments, when=None):
        env = {**os.environ, "GIT_AUTHOR_NAME": "Desk", "GIT_AUTHOR_EMAIL": "desk@example.org",
               "GIT_COMMITTER_NAME": "Desk", "GIT_COMMITTER_EMAIL": "desk@example.org"}
        if when:
            env.update(GIT_AUTHOR_DATE=when, GIT_COMMITTER_DATE=when)
        subprocess.run(["git", "-C", str(content), *arguments], check=True, capture_output=True, env=env)

    git("init", "-q", "-b", "main")
    git("add", "-A")
    git("commit", "-q", "-m", "Publish the corpus", when=PUBLISHED_ON)
    # Wherever the report is: content/ may hold the corpus's copy already
    # (an editor trying the fixtures), and add_corpus then left it there.
    report = next(path for path in sorted(content.rglob("*.md")) if path.read_bytes() == UPDATED.read_bytes())
    text = report.read_text(encoding="utf-8")
    text = text.replace("Speaking at a conference in Washington,", "Speaking at a conference in Washington on Monday,")
    text = text.replace("\nSlug:", "\nUpdate: 2026-01-06 09:00: Adds the day of the conference.\nSlug:", 1)
    report.write_text(text, encoding="utf-8")
    git("commit", "-q", "-am", "Update: the day of the conference", when=UPDATED_ON)
    return content


def add_corpus(content):
    """The fixture corpus copied into ``content``/corpus/, but for the files
    content/ holds already, its register yielding to the site's."""
    held = {path.read_bytes() for path in content.rglob("*") if path.is_file()}
    for path in sorted(CORPUS.rglob("*")):
        if path.is_file() and path.read_bytes() not in held:
            target = content / "corpus" / path.relative_to(CORPUS)
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(path, target)
    defer_to_the_sites_register(content, content / "corpus" / "people.txt")
    return content


def defer_to_the_sites_register(content, corpus_register):
    """The corpus's register yields to the site's: a person both name
    (an editor registers Human Rights Watch for real) is the site's line,
    which takes the corpus line's other names and roles, so the corpus's
    reports still say who they quote; the corpus's line goes. Without it
    the two lines would be two people of one name, and every build of the
    corpus refused."""
    if not corpus_register.is_file():
        return
    sys.path.insert(0, str(ROOT / "plugins"))
    from newsroom.model.people import PersonLineError, read_person_line
    from newsroom.reading.names import comparable

    def read(line):
        try:
            return None if not line.strip() or line.lstrip().startswith("#") else read_person_line(line)
        except PersonLineError:
            return None  # the build names it

    sites = [p for p in content.rglob("people.txt") if p != corpus_register]
    lines = {path: path.read_text(encoding="utf-8-sig").splitlines() for path in sites}
    at = {comparable(name): (path, number) for path, text in lines.items() for number, line in enumerate(text)
          if (person := read(line)) for name in (person.name, *person.other_names)}
    kept = []
    for line in corpus_register.read_text(encoding="utf-8").splitlines():
        person = read(line)
        found = person and next((at[comparable(n)] for n in (person.name, *person.other_names)
                                 if comparable(n) in at), None)
        if not found:
            kept.append(line)
            continue
        path, number = found
        site = read(lines[path][number])
        others = list(dict.fromkeys((*site.other_names, *person.other_names)))
        roles = list(dict.fromkeys((*site.roles, *person.roles, *([person.description] if person.description else []))))
        lines[path][number] = " | ".join([site.name + (f" #{site.id}" if site.id else ""), site.kind, site.description,
                                          ", ".join(others), " ".join(site.links), "; ".join(roles)])
    corpus_register.write_text("\n".join(kept) + "\n", encoding="utf-8")
    for path, text in lines.items():
        path.write_text("\n".join(text) + "\n", encoding="utf-8")


@pytest.fixture(scope="session")
def dev_site(tmp_path_factory):
    return built(tmp_path_factory, "dev", "pelicanconf.py")


@pytest.fixture(scope="session")
def prod_site(tmp_path_factory):
    return built(tmp_path_factory, "prod", "publishconf.py")


@pytest.fixture(scope="session")
def corpus_dev_site(tmp_path_factory, corpus_content):
    return built(tmp_path_factory, "corpus-dev", "pelicanconf.py", corpus_content)


@pytest.fixture(scope="session")
def corpus_prod_site(tmp_path_factory, corpus_content):
    return built(tmp_path_factory, "corpus-prod", "publishconf.py", corpus_content)


@pytest.fixture(scope="session", params=["dev", "prod", "corpus_dev", "corpus_prod"])
def site(request):
    """Each test that takes `site` runs against all four builds."""
    return request.getfixturevalue(f"{request.param}_site")


@pytest.fixture(scope="session", params=["corpus_dev", "corpus_prod"])
def corpus_build(request):
    """Both builds of the fixture corpus."""
    return request.getfixturevalue(f"{request.param}_site")


@pytest.fixture(scope="session", params=["dev", "corpus_dev"])
def dev_build(request):
    """The development builds of content/ and of the corpus."""
    return request.getfixturevalue(f"{request.param}_site")


@pytest.fixture(scope="session", params=["prod", "corpus_prod"])
def prod_build(request):
    """The production builds of content/ and of the corpus."""
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


def free_port():
    """A port on 127.0.0.1 that nothing listens on now."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


BROTLI = Path("/usr/lib/nginx/modules/ngx_http_brotli_static_module.so")
NGINX_INSTALL = "apt-get install nginx-light libnginx-mod-http-brotli-static"


def configured(folder, root, port):
    """nginx.conf and its includes in ``folder``, serving ``root`` on ``port``."""
    site = (ROOT / "deploy" / "nginx.conf").read_text()
    site = site.replace("listen 80;", f"listen 127.0.0.1:{port};")
    site = re.sub(r"root [^;]+;", f"root {root};", site)
    shutil.copy(ROOT / "deploy" / "security-headers.conf", folder)
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
    return folder / "nginx.conf"




def started(server, ready, what):
    """Wait (5 s at most) until ``ready()`` is true of a server just
    started as ``server`` (a Popen with stderr piped); else stop it and fail
    with what it said."""
    for _ in range(50):
        if ready():
            return
        time.sleep(0.1)
    server.kill()
    pytest.fail(f"{what} did not start: {server.stderr.read().decode('utf-8', 'replace')}")


def creator_id(quotation):
    """The ``@id`` of who said a JSON-LD Quotation: its creator, or the
    creator its Role (the role they spoke in) holds."""
    creator = quotation["creator"]
    return creator.get("creator", creator)["@id"]


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


def served(site, tmp_path_factory):
    root = tmp_path_factory.mktemp("server")
    (root / "mirror").symlink_to(site.path, target_is_directory=True)
    with browser_tools.serve(root) as base:
        yield f"{base}/mirror"


@pytest.fixture(scope="session")
def mirror(dev_site, tmp_path_factory):
    """The development build served under a sub-path, as a mirror would host it."""
    yield from served(dev_site, tmp_path_factory)


@pytest.fixture(scope="session")
def corpus_mirror(corpus_dev_site, tmp_path_factory):
    """The corpus's development build, served likewise."""
    yield from served(corpus_dev_site, tmp_path_factory)


def browser_pages(site):
    """What the browser tests open in a build: one page of each type, and
    every report (each may hold photos, tables, footnotes, any language)."""
    people = [n for n in site.html_files() if n.startswith("people/")]
    versions = [n for n in site.html_files() if n.endswith("-versions.html")]
    return sorted({*PAGE_TYPES.values(), *site.reports(), *people, *versions})
