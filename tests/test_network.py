"""A page loads with nothing but itself and its own photos: no other host,
no failed request (the icon included), no console error or warning."""

import pytest

from conftest import SEARCH, browser_pages


# Pages loaded side by side: each waits for half a second without a
# request before it counts as loaded, and those waits overlap.
AT_ONCE = 8


class Tab:
    """A browser tab that loads one URL after another, each as if alone:
    nothing comes from the HTTP cache (a tab made for each page took longer
    than loading it, 0.2 s). What each load asked for, what failed, what
    the console said."""

    def __init__(self, context):
        self.page = context.new_page()
        devtools = context.new_cdp_session(self.page)
        devtools.send("Network.enable")
        devtools.send("Network.setCacheDisabled", {"cacheDisabled": True})
        self.page.on("request", lambda r: self.requests.append(r))
        self.page.on("requestfailed", lambda r: self.failures.append(r.url))
        self.page.on("response", lambda r: r.status >= 400 and self.failures.append(f"{r.status} {r.url}"))
        self.page.on("console", lambda m: m.type in ("error", "warning") and self.console.append(m.text))

    def start(self, url):
        self.requests, self.failures, self.console = [], [], []
        self.page.goto(url, wait_until="commit")

    def finish(self):
        self.page.wait_for_load_state("networkidle")
        return self.requests, self.failures, self.console


def loaded(browser, base, names):
    """Each page of ``names`` as a `Tab` saw it, ``AT_ONCE`` at a time.
    Tall enough that lazily loaded photos load too."""
    context = browser.new_context(viewport={"width": 1280, "height": 6000})
    tabs = [Tab(context) for _ in range(min(AT_ONCE, len(names)))]
    for start in range(0, len(names), AT_ONCE):
        batch = list(zip(tabs, names[start: start + AT_ONCE]))
        for tab, name in batch:
            tab.start(f"{base}/{name}")
        yield from ((name, tab.finish()) for tab, name in batch)
    context.close()


@pytest.mark.parametrize("build", ["mirror", "corpus_mirror"])
def test_every_page_loads_alone_and_cleanly(request, browser, build):
    base = request.getfixturevalue(build)
    site = request.getfixturevalue("dev_site" if build == "mirror" else "corpus_dev_site")
    problems = []
    for name, (requests, failures, console) in loaded(browser, base, browser_pages(site)):
        photos = [r for r in requests[1:] if r.resource_type == "image" and r.url.startswith(f"{base}/photos/")]
        # The search page alone loads its script and index, from this site.
        own = [r for r in requests[1:] if name == SEARCH and r.url.startswith(f"{base}/")]
        others = [r.url for r in requests[1:] if r not in photos and r not in own]
        if requests[0].url != f"{base}/{name}" or others or failures or console:
            problems.append((name, others, failures, console))
    assert problems == []


def test_a_report_with_photos_loads_only_its_own(corpus_mirror, corpus_dev_site, browser):
    photographed = [n for n in corpus_dev_site.reports() if "<picture>" in corpus_dev_site.text(n)]
    assert photographed, "the corpus has a report with a photo"
    for name, (requests, failures, _) in loaded(browser, corpus_mirror, photographed):
        images = [r.url for r in requests if r.resource_type == "image"]
        assert images and all(u.startswith(f"{corpus_mirror}/photos/") and u.endswith(".webp") for u in images)
        assert failures == []
