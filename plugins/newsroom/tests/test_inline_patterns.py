"""Inline patterns tried only where they match (`reading/inline_patterns.py`)
read every file exactly as Markdown's own inline stage does: the same page,
the same quotations and speakers, the same problems by line.

Files are generated from what the inline patterns read (code, escapes,
links, images, autolinks, references, emphasis, hard breaks, footnotes,
quotations of every kind, marked and unmarked, closed and not), in
paragraphs, headings, lists, quotations and tables, and read twice: by
the reader as it is, and by one built with Markdown's inline stage.
"""

import markdown.treeprocessors
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from examples import examples
from newsroom.reading import inline_patterns
from newsroom.reading.reader import ContentRefused, NewsroomReader

HEAD = ("Title: {title}\nDate: 2021-04-21\nCategory: Courts\nAuthor: Desk\nSummary: {summary}\n"
        "Speakers: Ann Lee | person | lawyer | Ann\n\n")
# What a report may hold, and what gets it refused (half the files hold some).
PIECES = [
    "court", "said", "Wang’s", "中国", "правозащитники", "1,000", "&amp;", "&", "<b>", "<https://example.org/a>",
    "<ann@example.org>", "`code`", "``a ` b``", "\\*", "\\[", "*emphasis*", "**strong**",
    "_under_", "***", " * ", "[link](https://example.org/)", "[ref][r]", "[r]", "[^1]", "  \n", "\n",
    "[“Words,”]{speaker=Ann} she said", "[“nested ‘marks’”]{speaker=Ann}", "[“a term”]{term}", "[“A *Title*”]{title}",
    "[«Слова»]{speaker=Ann}", "[“Words [who]{aside} more”]{speaker=Ann}",
]
FAULTS = [
    "`code [“x”]{speaker=Ann}`", "[“Words,” she said]{speaker=Ann}", "[*A Title*]{title}", "[“linked”](https://example.org/)", "![a photo](a.jpg)", "[“unclosed]{speaker=Ann}", "[“no speaker”]{speaker=Bob}",
    "“unmarked”", "[“open", "]{speaker=Ann}", "[", "]", "{", "}", "“", "”",
]
LINES = ["", "# ", "- ", "1. ", "> ", "| ", "    "]


@st.composite
def report(draw):
    pieces = PIECES + FAULTS if draw(st.booleans()) else PIECES

    def text():
        return " ".join(draw(st.lists(st.sampled_from(pieces), min_size=1, max_size=8)))

    body = "\n".join(draw(st.sampled_from(LINES)) + text() for _ in range(draw(st.integers(1, 6))))
    if draw(st.booleans()):
        body += "\n\n| a | b |\n| --- | --- |\n| " + text().replace("\n", " ") + " | x |"
    body += "\n\n[r]: https://example.org/r\n[^1]: " + text().replace("\n", " ")
    return HEAD.format(title=text().replace("\n", " "), summary=text().replace("\n", " ")) + body + "\n"


@pytest.fixture
def markdowns_own(read_file, monkeypatch):
    """A reader whose Markdown tries every inline pattern on every text,
    with `read_file`'s settings."""
    with monkeypatch.context() as patch:
        patch.setattr(inline_patterns.SkippingInline, "extendMarkdown", lambda self, md: None)
        reader = NewsroomReader(read_file.reader.settings)
    assert type(reader.body.treeprocessors["inline"]) is markdown.treeprocessors.InlineProcessor
    return reader


def read(reader, path, caplog):
    caplog.clear()
    try:
        content, metadata = reader.read(str(path))
    except ContentRefused:
        return None, None, [r.getMessage() for r in caplog.records]
    return content, metadata["report"], [r.getMessage() for r in caplog.records]


@settings(max_examples=examples(60), deadline=None, derandomize=True, database=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(report())
def test_every_file_reads_as_with_markdowns_own_inline_stage(read_file, markdowns_own, caplog, text):
    path = markdowns_own.settings["PATH"] + "/report.md"
    with open(path, "w", encoding="utf-8") as f:
        f.write(text)
    assert read(read_file.reader, path, caplog) == read(markdowns_own, path, caplog)


def test_the_reader_skips_and_markdown_still_has_the_method_it_overrides(read_file):
    """If Markdown renamed ``__handleInline``, the override would never run."""
    assert type(read_file.reader.body.treeprocessors["inline"]) is inline_patterns.SkippingInlineProcessor
    assert type(read_file.reader.fields.treeprocessors["inline"]) is inline_patterns.SkippingInlineProcessor
    assert callable(getattr(markdown.treeprocessors.InlineProcessor, "_InlineProcessor__handleInline", None))
    assert callable(getattr(markdown.treeprocessors.InlineProcessor, "_InlineProcessor__applyPattern", None))
