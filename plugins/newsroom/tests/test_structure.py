"""Tables, footnotes and headings, converted in-process as the reader does."""

from markdown import Markdown

from newsroom.reading.structure import StructureExtension


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


def photo_markdown(tmp_path, text):
    from PIL import Image
    (tmp_path / "images").mkdir(parents=True)
    Image.new("RGB", (1000, 600), (20, 40, 60)).save(tmp_path / "images" / "court.jpg")
    extension = StructureExtension(str(tmp_path))
    extension.source_path = str(tmp_path / "report.md")
    md = Markdown(extensions=[extension])
    return md.convert(text), md


def test_a_photo_becomes_a_captioned_credited_responsive_figure(tmp_path):
    html, md = photo_markdown(tmp_path, "![Court](images/court.jpg)\nCaption: Outside.\nCredit: Jane Doe")
    assert html.startswith('<figure class="photo"><picture><source sizes=')
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
