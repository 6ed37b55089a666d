"""A page loads with nothing but itself and its own photos: no other host,
no failed request (the icon included), no console error or warning."""

import pytest

from conftest import SEARCH, browser_pages


def load(browser, url):
    """What loading ``url`` asked for, what failed, what the console said."""
    # Tall enough that lazily loaded photos load too.
    page = browser.new_page(viewport={"width": 1280, "height": 6000})
    requests, failures, console = [], [], []
    page.on("request", lambda r: requests.append(r))
    page.on("requestfailed", lambda r: failures.append(r.url))
    page.on("response", lambda r: r.status >= 400 and failures.append(f"{r.status} {r.url}"))
    page.on("console", lambda m: m.type in ("error", "warning") and console.append(m.text))
    page.goto(url, wait_until="networkidle")
    page.close()
    return requests, failures, console


@pytest.mark.parametrize("build", ["mirror", "corpus_mirror"])
def test_every_page_loads_alone_and_cleanly(request, browser, build):
    base = request.getfixturevalue(build)
    site = request.getfixturevalue("dev_site" if build == "mirror" else "corpus_dev_site")
    problems = []
    for name in browser_pages(site):
        requests, failures, console = load(browser, f"{base}/{name}")
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
    for name in photographed:
        requests, failures, _ = load(browser, f"{corpus_mirror}/{name}")
        images = [r.url for r in requests if r.resource_type == "image"]
        assert images and all(u.startswith(f"{corpus_mirror}/photos/") and u.endswith(".webp") for u in images)
        assert failures == []
