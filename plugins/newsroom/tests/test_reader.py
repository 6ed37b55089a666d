"""The reader, file after file, as Pelican drives it: one file's problems
never hide or blame another's."""

import logging

import pytest
from pelican.settings import read_settings

from newsroom.reader import ContentRefused, NewsroomReader

HEAD = "Title: A\nDate: 2021-04-21\nCategory: Tests\nAuthor: Desk\nSummary: One.\n\n"


@pytest.fixture
def read(tmp_path, caplog):
    reader = NewsroomReader(read_settings(override={"PATH": str(tmp_path)}))

    def read(name, text):
        path = tmp_path / name
        path.write_text(text, encoding="utf-8")
        caplog.clear()
        with caplog.at_level(logging.ERROR):
            try:
                reader.read(str(path))
            except ContentRefused:
                pass
        return [r.getMessage() for r in caplog.records]

    return read


def test_a_file_too_deep_to_read_does_not_silence_the_next(read):
    deep = read("deep.md", HEAD + "".join("    " * i + "- item\n" for i in range(400)))
    assert any("deep.md:1: is nested too deeply" in m for m in deep)
    links = read("links.md", HEAD + "A [link](javascript:alert(1)).\n")
    assert any("links.md:7: links to 'javascript:alert(1)'" in m for m in links)


def test_every_problem_of_a_file_in_one_read(read):
    messages = read("many.md", HEAD.replace("Summary: One.", "Summary: He said “no”.")
                    + "She said “yes”.\n\n[a](vbscript:x)\n")
    assert len(messages) == 3, messages


@pytest.mark.parametrize("title, html", [
    ("2022 Winter Olympics boycott", "2022 Winter Olympics boycott"),
    ("1. The first point", "1. The first point"),
    ("# Not a heading", "# Not a heading"),
    ("- Not a list", "- Not a list"),
    ("> Not a quotation", "&gt; Not a quotation"),
])
def test_a_headline_is_always_a_line_of_text(tmp_path, title, html):
    reader = NewsroomReader(read_settings(override={"PATH": str(tmp_path)}))
    assert reader.inline(title) == html


def test_a_link_in_a_headline_is_refused_there_and_not_blamed_on_the_next_file(read):
    title = read("title.md", HEAD.replace("Title: A", "Title: A [link](javascript:alert(1))"))
    assert any("title.md:1: links to 'javascript:alert(1)'" in m for m in title)
    assert read("clean.md", HEAD + "Text.\n") == []
