"""Tables, footnotes, photos and headings, converted in-process as the
reader does, and their labels and pictures filled as the build does."""

import types
from pathlib import Path

from markdown import Markdown

from newsroom.model import slots
from newsroom.output.body_slots import fill_body
from newsroom.reading.structure import StructureExtension

THEME = Path(__file__).resolve().parents[3] / "theme"


def published(html, photos=(), lang="en", save_as="2021/04/report.html"):
    """``html`` as the reader left it, its slots filled as a development
    build fills them for a page at ``save_as``."""
    settings = {"RELATIVE_URLS": True, "THEME": str(THEME), "JINJA_ENVIRONMENT": {"autoescape": True}}
    item = types.SimpleNamespace(_content=html, lang=lang, settings=settings, save_as=save_as,
                                 report=types.SimpleNamespace(photos=list(photos)))
    fill_body(item)
    return item._content


def convert(text, lang="en"):
    md = Markdown(extensions=["tables", "footnotes", StructureExtension()])
    return published(md.convert(text), lang=lang)


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


def test_a_table_without_a_caption_is_named_in_the_reports_language():
    table = "| Year | Cases |\n| --- | ---: |\n| 2024 | 12 |"
    assert 'aria-label="Table"' in convert(table)
    assert 'aria-label="Tableau"' in convert(table, lang="fr")


def test_footnotes_get_roles_and_a_heading():
    html = convert("Text.[^1]\n\n[^1]: A note.")
    assert 'role="doc-noteref"' in html and 'role="doc-endnotes"' in html and 'role="doc-backlink"' in html
    assert '<h2 id="notes-title">Notes</h2>' in html and "<hr" not in html
    assert 'aria-label="Back to reference 1"' in html


def test_labels_are_the_reports_language_filled_in_and_never_part_of_its_reading():
    md = Markdown(extensions=["footnotes", StructureExtension()])
    read = md.convert("Texte.[^1]\n\n[^1]: Une note.")
    assert "Notes" not in read and "Back to reference" not in read and slots.MARK in read
    assert '<h2 id="notes-title">Notes</h2>' in published(read, lang="fr")
    assert 'aria-label="Retour à l’appel de note 1"' in published(read, lang="fr")
    assert '<h2 id="notes-title">Примечания</h2>' in published(read, lang="ru")


def test_a_label_in_right_to_left_text_is_isolated_where_it_is_latin():
    """An Arabic report takes the English labels (no catalogue yet): their
    words isolated as the report's own Latin words are."""
    read = Markdown(extensions=["footnotes", StructureExtension()]).convert("نص.[^1]\n\n[^1]: ملاحظة.")
    assert '<h2 id="notes-title"><bdi>Notes</bdi></h2>' in published(read, lang="ar")


def photo_markdown(tmp_path, text):
    from PIL import Image
    (tmp_path / "images").mkdir(parents=True)
    Image.new("RGB", (1000, 600), (20, 40, 60)).save(tmp_path / "images" / "court.jpg")
    extension = StructureExtension(str(tmp_path))
    extension.source_path = str(tmp_path / "report.md")
    md = Markdown(extensions=[extension])
    read = md.convert(text)
    return published(read, md.photos), md


def test_a_photo_becomes_a_captioned_credited_responsive_figure(tmp_path):
    html, md = photo_markdown(tmp_path, "![Court](images/court.jpg)\nCaption: Outside.\nCredit: Jane Doe")
    assert html.startswith('<figure class="photo"><picture><source sizes=')
    assert 'src="../../photos/court-' in html and 'srcset="../../photos/court-' in html
    assert '<span class="caption">Outside.</span><span class="credit">Photo: Jane Doe</span>' in html
    assert 'height="600"' in html and 'width="1000"' in html and 'fetchpriority="high"' in html
    assert [p.widths for p in md.photos] == [[480, 800, 1000]]
    assert md.content_problems == []


def test_an_image_title_is_the_caption_when_there_is_none(tmp_path):
    html, _ = photo_markdown(tmp_path, '![Court]({static}/images/court.jpg "The court on Monday.")')
    assert '<figcaption><span class="caption">The court on Monday.</span></figcaption>' in html


def test_a_photo_may_say_where_its_crops_centre(tmp_path):
    html, md = photo_markdown(tmp_path / "a", "![Court](images/court.jpg)\nCaption: Outside.\nFocus: 30% 62.5%")
    assert [p.focus for p in md.photos] == [(0.3, 0.625)]
    assert md.content_problems == [] and "data-focus" not in html and "30%" not in html
    _, md = photo_markdown(tmp_path / "b", "![Court](images/court.jpg)\nFocus: 50% 50%")
    assert [p.focus for p in md.photos] == [(0.5, 0.5)]
    _, md = photo_markdown(tmp_path / "c", "![Court](images/court.jpg)")
    assert [p.focus for p in md.photos] == [(0.5, 0.5)]


def test_a_focus_that_is_not_a_point_of_the_photo_is_refused(tmp_path):
    for number, focus in enumerate(("centre", "130% 20%", "30 40", "30%")):
        _, md = photo_markdown(tmp_path / str(number), f"![Court](images/court.jpg)\nFocus: {focus}")
        assert [(markup, message.split(":")[0]) for markup, message in md.content_problems] == [
            (f"Focus: {focus}", f"Focus '{focus}' is not a point of the photo")]


def test_a_reports_own_words_are_never_taken_for_a_slot():
    """What looks like a placeholder in the text stays the text's."""
    assert "<p>The {photo} and {label} fields.</p>" in convert("The {photo} and {label} fields.")
