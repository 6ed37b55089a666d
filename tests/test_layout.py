"""Readable on any screen: no sideways scrolling on the narrowest phone (a
wide table scrolls in its own box), a comfortable line length on a desktop,
body text no smaller than 16 px."""

import pytest

from conftest import ARTICLE, browser_pages


@pytest.mark.parametrize("build", ["mirror", "corpus_mirror"])
def test_no_horizontal_scrolling_at_320_px(request, browser, build):
    base = request.getfixturevalue(build)
    site = request.getfixturevalue("dev_site" if build == "mirror" else "corpus_dev_site")
    page = browser.new_page(viewport={"width": 320, "height": 640})
    overflowing = []
    for name in browser_pages(site):
        page.goto(f"{base}/{name}")
        overflow = page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
        if overflow > 0:
            overflowing.append((name, overflow))
    page.close()
    assert overflowing == []


def test_article_lines_hold_45_to_80_characters_on_a_desktop(browser, mirror):
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    page.goto(f"{mirror}/{ARTICLE}")
    # Characters per line: the column's width over the average width of the
    # paragraph's own characters, set on one line in its own font.
    per_line = page.evaluate("""() => {
        const p = document.querySelector('article .body p');
        const text = p.textContent;
        const probe = document.createElement('span');
        probe.textContent = text;
        probe.style.whiteSpace = 'nowrap';
        p.appendChild(probe);
        const average = probe.getBoundingClientRect().width / text.length;
        probe.remove();
        return p.getBoundingClientRect().width / average;
    }""")
    page.close()
    assert 45 <= per_line <= 80


@pytest.mark.parametrize("width", [320, 1280])
def test_body_text_is_at_least_16_px(browser, corpus_mirror, corpus_dev_site, width):
    page = browser.new_page(viewport={"width": width, "height": 900})
    sizes = {}
    for name in corpus_dev_site.reports():
        page.goto(f"{corpus_mirror}/{name}")
        sizes[name] = page.evaluate("parseFloat(getComputedStyle(document.querySelector('article .body p')).fontSize)")
    page.close()
    assert min(sizes.values()) >= 16, sizes
