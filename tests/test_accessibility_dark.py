"""axe-core finds no violation in the dark colour scheme either (see
test_accessibility.py)."""

import pytest

from axe import violations
from conftest import browser_pages


@pytest.mark.parametrize("width", [390, 1280])
@pytest.mark.parametrize("build", ["mirror", "corpus_mirror"])
def test_axe_finds_no_violation_in_dark(request, browser, build, width):
    site = request.getfixturevalue("dev_site" if build == "mirror" else "corpus_dev_site")
    assert violations(browser, request.getfixturevalue(build), browser_pages(site), "dark", width) == {}
