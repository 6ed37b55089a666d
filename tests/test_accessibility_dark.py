"""axe-core finds no violation in the dark colour scheme either (see
test_accessibility.py): the rules a colour can break, since the dark
scheme changes colours and nothing else (the test below holds it to
that; every other rule gives the same answer in both schemes, and runs
in the light pass)."""

import re

import pytest

from axe import violations
from conftest import ROOT, browser_pages

# axe's rules whose answer depends on colours: text against its
# background, and links told from the text around them.
COLOUR_RULES = ["color-contrast", "link-in-text-block"]


@pytest.mark.parametrize("width", [390, 1280])
@pytest.mark.parametrize("build", ["mirror", "corpus_mirror"])
def test_axe_finds_no_violation_in_dark(request, browser, build, width):
    site = request.getfixturevalue("dev_site" if build == "mirror" else "corpus_dev_site")
    found = violations(browser, request.getfixturevalue(build), browser_pages(site), "dark", width, COLOUR_RULES)
    assert found == {}


def test_the_dark_scheme_changes_colours_and_nothing_else():
    """Where the theme asks for the reader's scheme, it sets colours: the
    stylesheet's dark block defines colour tokens alone, and nothing else
    in the theme asks."""
    css = (ROOT / "theme" / "css" / "site.css").read_text(encoding="utf-8")
    blocks = re.findall(r"@media \(prefers-color-scheme: dark\) \{\s*:root \{([^}]*)\}\s*\}", css)
    assert len(blocks) == css.count("prefers-color-scheme") == 1
    declarations = [d.strip() for d in blocks[0].split(";") if d.strip()]
    assert declarations and all(re.fullmatch(r"--[\w-]+:\s*#[0-9a-fA-F]{3,8}", d) for d in declarations), declarations
    others = [p for p in (ROOT / "theme").rglob("*") if p.suffix in (".html", ".js", ".css") and p.name != "site.css"]
    assert not [p for p in others if "prefers-color-scheme" in p.read_text(encoding="utf-8")]
