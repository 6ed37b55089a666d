"""axe-core, run in Chromium on one page of every type and on every report
(of content/ and of the fixture corpus), light and dark, phone and desktop,
finds no violation."""

import pytest

from conftest import NODE_TOOLS, browser_pages, need

AXE = NODE_TOOLS / "axe-core" / "axe.min.js"


@pytest.fixture(scope="module")
def axe_script():
    need(AXE.is_file(), f"{AXE} is missing; run `npm ci` (make test does)")
    return AXE.read_text(encoding="utf-8")


@pytest.mark.parametrize("width", [390, 1280])
@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("build", ["mirror", "corpus_mirror"])
def test_axe_finds_no_violation(request, browser, axe_script, build, scheme, width):
    base = request.getfixturevalue(build)
    site = request.getfixturevalue("dev_site" if build == "mirror" else "corpus_dev_site")
    # axe is injected as a script: let it past the page's own CSP.
    context = browser.new_context(
        viewport={"width": width, "height": 900}, color_scheme=scheme, bypass_csp=True
    )
    page = context.new_page()
    violations = {}
    for name in browser_pages(site):
        page.goto(f"{base}/{name}")
        page.add_script_tag(content=axe_script)
        result = page.evaluate("() => axe.run(document, {resultTypes: ['violations']})")
        found = [(v["id"], v["impact"], [n["target"] for n in v["nodes"]][:3]) for v in result["violations"]]
        if found:
            violations[name] = found
    context.close()
    assert violations == {}
