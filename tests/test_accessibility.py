"""axe-core, run in Chromium on every page type, light and dark, phone and
desktop, finds no violation."""

import pytest

from conftest import NODE_TOOLS, PAGE_TYPES, need

AXE = NODE_TOOLS / "axe-core" / "axe.min.js"


@pytest.fixture(scope="module")
def axe_script():
    need(AXE.is_file(), f"{AXE} is missing; run `npm ci` (make test does)")
    return AXE.read_text(encoding="utf-8")


@pytest.mark.parametrize("width", [390, 1280])
@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("kind", PAGE_TYPES)
def test_axe_finds_no_violation(browser, mirror, axe_script, kind, scheme, width):
    # axe is injected as a script: let it past the page's own CSP.
    context = browser.new_context(
        viewport={"width": width, "height": 900}, color_scheme=scheme, bypass_csp=True
    )
    page = context.new_page()
    page.goto(f"{mirror}/{PAGE_TYPES[kind]}")
    page.add_script_tag(content=axe_script)
    result = page.evaluate(
        "() => axe.run(document, {resultTypes: ['violations']})"
    )
    context.close()
    violations = [
        (v["id"], v["impact"], [n["target"] for n in v["nodes"]][:3]) for v in result["violations"]
    ]
    assert violations == []
