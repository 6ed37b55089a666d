"""A keyboard user sees where they are: the first Tab shows a skip link that
leads to the content, and every focused control has a visible ring."""

from conftest import ARTICLE


def test_first_tab_shows_the_skip_link_and_it_skips(browser, mirror):
    page = browser.new_page(viewport={"width": 390, "height": 800})
    page.goto(f"{mirror}/{ARTICLE}")
    page.keyboard.press("Tab")
    focused = page.evaluate("""() => {
        const e = document.activeElement, box = e.getBoundingClientRect();
        return {text: e.textContent, top: box.top, bottom: box.bottom,
                outline: getComputedStyle(e).outlineStyle};
    }""")
    assert focused["text"] == "Skip to content"
    assert 0 <= focused["top"] and focused["bottom"] <= 800
    assert focused["outline"] != "none"
    page.keyboard.press("Enter")
    assert page.evaluate("location.hash") == "#main"
    page.close()


def test_every_link_shows_a_focus_ring(browser, mirror):
    page = browser.new_page()
    page.goto(f"{mirror}/{ARTICLE}")
    count = page.evaluate("document.querySelectorAll('a').length")
    styles = []
    for _ in range(count):
        page.keyboard.press("Tab")
        styles.append(page.evaluate("getComputedStyle(document.activeElement).outlineStyle"))
    page.close()
    assert "none" not in styles
