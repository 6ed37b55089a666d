"""axe-core, run in Chromium on one page of every type and on every report
(of content/ and of the fixture corpus), light and dark (the dark pass in
test_accessibility_dark.py: two files, so the two test workers share them),
phone and desktop, finds no violation.

Every rule runs at the desktop's width; at the phone's, the rules whose
answer depends on where things fall on the screen: the theme's layout is
fluid, with no rule for one width and not another (the test below holds
it to that), so the page, and every answer about its structure, names and
roles, is the same at both widths."""

import re

import pytest

from axe import violations
from conftest import ROOT, browser_pages

# axe's rules whose answer depends on the page's geometry: text against
# what lies behind it, the size of what is tapped, what scrolls.
GEOMETRY_RULES = ["color-contrast", "target-size", "scrollable-region-focusable"]


@pytest.mark.parametrize("width", [390, 1280])
@pytest.mark.parametrize("build", ["mirror", "corpus_mirror"])
def test_axe_finds_no_violation_in_light(request, browser, build, width):
    site = request.getfixturevalue("dev_site" if build == "mirror" else "corpus_dev_site")
    rules = GEOMETRY_RULES if width < 1280 else None
    assert violations(browser, request.getfixturevalue(build), browser_pages(site), "light", width, rules) == {}


def test_the_layout_has_no_rule_for_one_width_and_not_another():
    """No media query on the screen's size (width, height, orientation,
    aspect ratio), no container query, no ``media`` attribute in the theme
    or the plugins' templates: what shows at one width shows at every one."""
    sized = re.compile(r"(min-|max-)?(width|height|orientation|aspect-ratio)\s*:|[<>]=?\s*\d")
    files = [p for p in [*(ROOT / "theme").rglob("*"), *(ROOT / "plugins").rglob("*.html")]
             if p.suffix in (".css", ".html") and "tests" not in p.parts]
    for path in files:
        text = path.read_text(encoding="utf-8")
        queries = re.findall(r"@media([^{]*)\{", text) + re.findall(r"\bmedia=\"([^\"]*)\"", text)
        assert not [q for q in queries if sized.search(q)], f"{path}: {queries}"
        assert "@container" not in text, path
