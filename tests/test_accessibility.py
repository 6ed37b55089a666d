"""axe-core, run in Chromium on one page of every type and on every report
(of content/ and of the fixture corpus), light and dark (the dark pass in
test_accessibility_dark.py: two files, so the two test workers share them),
phone and desktop, finds no violation."""

import pytest

from axe import violations
from conftest import browser_pages


@pytest.mark.parametrize("width", [390, 1280])
@pytest.mark.parametrize("build", ["mirror", "corpus_mirror"])
def test_axe_finds_no_violation_in_light(request, browser, build, width):
    site = request.getfixturevalue("dev_site" if build == "mirror" else "corpus_dev_site")
    assert violations(browser, request.getfixturevalue(build), browser_pages(site), "light", width) == {}
