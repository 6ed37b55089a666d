"""A page loads with nothing but itself: no other host, no failed request
(the icon included), no console error or warning."""

import pytest

from conftest import PAGE_TYPES


@pytest.mark.parametrize("kind", PAGE_TYPES)
def test_page_loads_alone_and_cleanly(browser, mirror, kind):
    page = browser.new_page()
    requests, failures, console = [], [], []
    page.on("request", lambda r: requests.append(r.url))
    page.on("requestfailed", lambda r: failures.append(r.url))
    page.on("response", lambda r: r.status >= 400 and failures.append(f"{r.status} {r.url}"))
    page.on("console", lambda m: m.type in ("error", "warning") and console.append(m.text))
    page.goto(f"{mirror}/{PAGE_TYPES[kind]}", wait_until="networkidle")
    page.close()
    assert requests == [f"{mirror}/{PAGE_TYPES[kind]}"]
    assert failures == [] and console == []
