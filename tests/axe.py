"""axe-core as the browser tests run it: injected into each page (past
the page's own Content Security Policy) and asked for violations."""

from conftest import NODE_TOOLS, need

AXE = NODE_TOOLS / "axe-core" / "axe.min.js"


def axe_script():
    need(AXE.is_file(), f"{AXE} is missing; run `npm ci` (make test does)")
    return AXE.read_text(encoding="utf-8")


def violations(browser, base, names, scheme, width, rules=None):
    """``{page: [(rule, impact, first nodes)]}`` for each of ``names``
    served at ``base`` that axe finds fault with, in ``scheme`` at
    ``width``: every rule axe runs by default, or only ``rules``."""
    context = browser.new_context(viewport={"width": width, "height": 900}, color_scheme=scheme, bypass_csp=True)
    # In every page the context opens, before its own: sent to the browser
    # once, where adding it to each page took as long as axe's run.
    context.add_init_script(axe_script())
    page = context.new_page()
    options = {"resultTypes": ["violations"], **({"runOnly": {"type": "rule", "values": rules}} if rules else {})}
    found = {}
    for name in names:
        page.goto(f"{base}/{name}")
        result = page.evaluate("options => axe.run(document, options)", options)
        faults = [(v["id"], v["impact"], [n["target"] for n in v["nodes"]][:3]) for v in result["violations"]]
        if faults:
            found[name] = faults
    context.close()
    return found
