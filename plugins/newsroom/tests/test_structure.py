"""Tables, footnotes and headings, converted in-process as the reader does."""

from markdown import Markdown

from newsroom.structure import StructureExtension


def convert(text):
    md = Markdown(extensions=["tables", "footnotes", StructureExtension()])
    return md.convert(text)


def levels(html):
    import re
    return [int(n) for n in re.findall(r"<h([1-6])", html)]


def test_headings_sit_under_the_headline_without_gaps():
    assert levels(convert("# One\n\n### Two\n\n# Three")) == [2, 3, 2]
    assert levels(convert("### One\n\n#### Two\n\n###### Three")) == [2, 3, 4]


def test_tables_get_scopes_a_caption_and_a_scrolling_box():
    html = convert("Table: Cases by year\n\n| Year | Cases |\n| --- | ---: |\n| 2024 | 12 |")
    assert '<div aria-labelledby="table-1" class="table-scroll" role="region" tabindex="0">' in html
    assert '<caption id="table-1">Cases by year</caption>' in html
    assert '<th scope="col">Year</th>' in html and 'class="align-right"' in html and "style=" not in html


def test_footnotes_get_roles_and_a_heading():
    html = convert("Text.[^1]\n\n[^1]: A note.")
    assert 'role="doc-noteref"' in html and 'role="doc-endnotes"' in html and 'role="doc-backlink"' in html
    assert '<h2 id="notes-title">Notes</h2>' in html and "<hr" not in html
