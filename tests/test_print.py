"""Printed, the article is the report: full text, quotations credited, no
menus, and the address of every link written out."""

import re

import pypdfium2

from conftest import ARTICLE, source_paragraphs


def pdf_text(browser, url, tmp_path):
    page = browser.new_page()
    page.goto(url)
    pdf = tmp_path / "print.pdf"
    page.pdf(path=str(pdf), format="A4")
    page.close()
    document = pypdfium2.PdfDocument(str(pdf))
    text = " ".join(p.get_textpage().get_text_range() for p in document)
    document.close()
    return " ".join(text.split())


def test_printed_article_has_the_full_text_and_no_navigation(browser, mirror, tmp_path):
    text = pdf_text(browser, f"{mirror}/{ARTICLE}", tmp_path)
    for paragraph in source_paragraphs():
        # Hyphenation and line breaks aside, every word in order.
        words = [re.escape(w) for w in paragraph.replace("“", "").replace("”", "").split()]
        assert re.search(r"[\s“”-]*".join(words), text.replace("“", "").replace("”", "")), paragraph[:40]
    assert "Fujibiao, Chinese human rights lawyer" in text
    assert "Skip to content" not in text and "Archives" not in text


def test_printed_links_show_their_address(browser, mirror, tmp_path):
    # The 404 page's text links home.
    text = pdf_text(browser, f"{mirror}/404.html", tmp_path)
    assert "latest reports (./index.html)" in text
