"""The reader, file after file, as Pelican drives it: one file's problems
never hide or blame another's."""

import random
import sys

import pytest
from pelican.settings import read_settings

from newsroom.reading.reader import PLAIN, NewsroomReader

HEAD = "Title: A\nDate: 2021-04-21\nCategory: Tests\nAuthor: Desk\nSummary: One.\n\n"


@pytest.fixture
def read(read_file):
    return lambda name, text: read_file(text, name)[0]


def test_a_file_too_deep_to_read_does_not_silence_the_next(read):
    # Python's recursion limit lowered, so a shallower (faster) file is too deep.
    limit = sys.getrecursionlimit()
    sys.setrecursionlimit(250)
    try:
        deep = read("deep.md", HEAD + "".join("    " * i + "- item\n" for i in range(120)))
    finally:
        sys.setrecursionlimit(limit)
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


def test_fields_of_plain_words_skip_markdown_and_come_out_as_markdown_renders_them(read_file, cases):
    """A headline or standfirst of words alone is not converted: for any such
    text (and any that only looks like it), the HTML is Markdown's own."""
    reader = read_file.reader
    words = "Blinken Xinjiang défenseurs Straße 中国 人权 правозащитники حقوق 2022 1 x"
    safe = list(words.replace(" ", "")) + list(",.;:?!()%/-—–，。、；：？！（）") + [" "] * 6
    risky = list("*_[]<>&\\`#|\"'“”‘’\n~=+!^{}") + ["  ", "\n\n", "1. ", "- ", "    "]
    rng = random.Random(20210420)
    texts = ["1. One", "2021. A year", "a  b", "a ", "x (y) - z: 50% of 3/4?", *words.split()]
    for _ in range(cases(1000)):
        pieces = rng.choices(safe, k=rng.randint(1, 40))
        for _ in range(rng.choice((0, 0, 1, 2, 3))):
            pieces.insert(rng.randint(0, len(pieces)), rng.choice(risky))
        texts.append("".join(pieces))
    plain = [t for t in texts if PLAIN.fullmatch(t)]
    assert len(plain) > len(texts) // 8 and not PLAIN.fullmatch("1. One") and not PLAIN.fullmatch("a  b")
    for text in texts:
        assert reader.field(text) == reader.fields.reset().convert(text), text
