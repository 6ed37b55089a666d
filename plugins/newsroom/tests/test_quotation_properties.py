"""Property tests of the promise to readers: every quotation reaches them
in the words and marks the source printed, credited to who said it, and no
quotation is published unmarked.

Paragraphs are generated from words, apostrophe words, numbers, Chinese,
marked quotations (some interrupted by the reporter's aside), terms, names
and titles in every pair of marks (nested too),
and, for the second invariant, unmarked quotations, marks written as HTML
references and footnotes inside quotations. The generator knows the text
as the source printed it and which of its marks are quotation marks, so the
oracle does not use the code under test. Invariants:

1. A paragraph whose every quotation is marked up is accepted; its
   quotations come out in order, each with its speaker, its words and its
   printed marks exactly; the page's text is the printed text, every word
   and mark in order; no element adds marks of its own (no ``q``).
2. Any paragraph is either refused, naming the file and line, or every
   quotation mark it holds is inside a quotation, term or title element
   and the page's text is the printed text.

Cases: 30 a property in `make test-fast`, four times as many in
`make test` (PROPERTY_SCALE), derandomised so that every run is the same.
"""

import html
import xml.etree.ElementTree as etree

import pytest
from hypothesis import HealthCheck, given, settings

from examples import examples
from hypothesis import strategies as st

from newsroom.reading.marks import MARKS, PAIRS

PROPERTY = settings(max_examples=examples(30), deadline=None, derandomize=True, database=None,
                    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
HEAD = ("Title: A report\nDate: 2021-04-21\nCategory: Courts\nAuthor: Desk\nSummary: One.\n"
        "Speakers: Ann Lee | person | lawyer | Ann\n    Human Rights Watch | organisation | rights group | HRW\n\n")
SPEAKERS = {"Ann": "Ann Lee", "HRW": "Human Rights Watch"}
WORDS = ["court", "appeal", "Wang", "said", "held", "defenders", "1,000", "2021", "…", "—", "中国", "人权律师",
         "庭审", "défense", "правозащитники", "(twice)", "50%", "and", "on", "Monday."]
# Words with apostrophes, which are no quotation marks.
# What a reporter writes inside a speaker's marks ({aside}).
ASIDES = ["— he said. —", "— говорит адвокат. —", "، دېدى ئۇ، ", "she added,", "— 他说 —"]
APOSTROPHES = ["it’s", "Wang’s", "O'Brien", "the States’", "rock 'n' roll", "the ’90s", "won't", "’tis"]


def as_printed(opening, words, closing):
    return f"{opening}{words}{closing}"


@st.composite
def words(draw, apostrophes=True, sentence=True):
    """Up to six words; ``sentence=False``: none that ends a sentence, as
    in a term, a name or a title."""
    pool = WORDS + (APOSTROPHES if apostrophes else [])
    pool = pool if sentence else [w for w in pool if not w.endswith(".")]
    return " ".join(draw(st.lists(st.sampled_from(pool), min_size=1, max_size=6)))


@st.composite
def pair(draw):
    opening = draw(st.sampled_from(sorted(PAIRS)))
    return opening, draw(st.sampled_from(PAIRS[opening]))


@st.composite
def quotation(draw, depth=0):
    """Marked-up words: (markup, printed, [(speaker, words, shown off the page)])."""
    opening, closing = draw(pair())
    kind = draw(st.sampled_from(["Ann", "HRW", "term", "title", "name"]))
    plain = opening not in "'‘‛＇❛"  # a single mark's words keep no apostrophe
    inner_words = draw(words(apostrophes=plain, sentence=kind in SPEAKERS))
    if not any(c.isalnum() for c in inner_words):
        inner_words = f"court {inner_words}"  # a quotation of only "…" credits nobody with words: refused
    markup, printed, found = inner_words, inner_words, []
    if depth == 0 and draw(st.booleans()):
        inner = draw(quotation(depth=1))
        markup, printed, found = f"{inner_words} {inner[0]}", f"{inner_words} {inner[1]}", inner[2]
    spoken = printed
    if kind in SPEAKERS and draw(st.booleans()):  # the reporter interrupts: not the speaker's words
        said, more = draw(st.sampled_from(ASIDES)), draw(words(apostrophes=plain))
        markup, printed, spoken = f"{markup} [{said}]{{aside}} {more}", f"{printed} {said} {more}", f"{printed} […] {more}"
    shown = as_printed(opening, printed, closing)
    attribute = f"speaker={kind}" if kind in SPEAKERS else kind
    # Off its page, a quotation shows its words in its marks: an aside elided.
    own = [(SPEAKERS[kind], spoken, as_printed(opening, spoken, closing))] if kind in SPEAKERS else []
    return f"[{opening}{markup}{closing}]{{{attribute}}}", shown, own + found


@st.composite
def marked_paragraph(draw):
    """A paragraph whose every quotation is marked: (markup, printed, quotations)."""
    parts = [("Wang", "Wang", [])]  # a word first: no paragraph opens as a list or a heading
    for _ in range(draw(st.integers(1, 5))):
        parts.append(draw(st.one_of(words().map(lambda w: (w, w, [])), quotation())))
    return (" ".join(p[0] for p in parts), " ".join(p[1] for p in parts),
            [q for p in parts for q in p[2]])


@st.composite
def any_paragraph(draw):
    """A paragraph that may hold unmarked quotations, marks as references,
    or a footnote inside a quotation: (markup, printed)."""
    parts = [("Wang", "Wang")]
    for _ in range(draw(st.integers(1, 5))):
        choice = draw(st.integers(0, 4))
        if choice == 0:
            text = draw(words())
            parts.append((text, text))
        elif choice == 1:
            markup, printed, _ = draw(quotation())
            parts.append((markup, printed))
        elif choice == 2:  # a quotation nobody marked up
            opening, closing = draw(pair())
            text = as_printed(opening, draw(words(apostrophes=False)), closing)
            parts.append((text, text))
        elif choice == 3:  # a mark written as an HTML reference
            mark = draw(st.sampled_from(MARKS))
            parts.append((f"&#{ord(mark)};{draw(words(apostrophes=False))}", None))
        else:  # a footnote inside a quotation
            opening, closing = draw(pair())
            text = draw(words(apostrophes=False))
            parts.append((f"[{opening}{text}[^1]{closing}]{{speaker=Ann}}", None))
    markup = " ".join(p[0] for p in parts)
    if "[^1]" in markup:
        markup += "\n\n[^1]: A note."
    printed = None if any(p[1] is None for p in parts) else " ".join(p[1] for p in parts)
    return markup, printed


@pytest.fixture
def read(read_file):
    def read(paragraph):
        """(body HTML, quotations) as read, or (problems, None) when refused."""
        problems, metadata = read_file(HEAD + paragraph + "\n")
        return (problems, None) if metadata is None else (metadata["content"], metadata["report"].quotations)

    return read


def body(content):
    return etree.fromstring(f"<div>{html.unescape(content).replace('&', '&amp;')}</div>")


def text_of(tree):
    """The first paragraph's text as a reader gets it (footnotes aside)."""
    paragraph = tree.find("p")
    return " ".join("".join(paragraph.itertext()).split())


def unclaimed_text(element, claimed=False):
    """Text outside quotation, term and title elements."""
    claimed = (claimed or bool(element.get("data-speaker")) or element.get("class") in ("term", "name")
               or element.tag == "cite")
    parts = [] if claimed else [element.text or ""]
    for child in element:
        parts += unclaimed_text(child, claimed)
        parts += [] if claimed else [child.tail or ""]
    return parts


@PROPERTY
@given(marked_paragraph())
def test_every_marked_quotation_reaches_readers_exactly_as_printed_credited_to_its_speaker(read, paragraph):
    markup, printed, expected = paragraph
    content, quotations = read(markup)
    assert quotations is not None, content
    assert [(q.speaker.name, q.text, q.printed) for q in quotations] == [
        (speaker, words, shown) for speaker, words, shown in expected]
    tree = body(content)
    assert text_of(tree) == " ".join(printed.split())
    assert tree.find(".//q") is None


@PROPERTY
@given(any_paragraph())
def test_a_paragraph_is_refused_by_line_or_every_mark_in_it_is_inside_markup(read, paragraph):
    markup, printed = paragraph
    content, quotations = read(markup)
    if quotations is None:
        assert content and all(problem.startswith("report.md:") for problem in content), content
        return
    assert printed is not None, f"accepted a paragraph holding a reference or a footnote in a quotation: {markup}"
    tree = body(content)
    assert text_of(tree) == " ".join(printed.split())
    outside = " ".join(unclaimed_text(tree.find("p")))
    for word in APOSTROPHES:
        outside = outside.replace(word, " ")
    assert not [c for c in outside if c in MARKS], f"a quotation mark published outside markup: {markup}"


CHINESE = ["只表示", "庭审依法进行", "并未回答", "其他问题", "此案", "律师", "我们会继续"]
SINGLE_PAIRS = [("'", "'"), ("‘", "’"), ("‛", "’"), ("＇", "＇"), ("’", "‘"), ("❛", "❜")]


@PROPERTY
@given(st.sampled_from(["法院", "法院：", "法院:", "法院说 ", "他说，", ""]), st.sampled_from(SINGLE_PAIRS),
       st.lists(st.sampled_from(CHINESE), min_size=1, max_size=4), st.sampled_from(["。", "", "，他说。"]))
def test_single_marks_beside_chinese_are_quotation_marks_refused_unmarked(read, before, pair, words, after):
    opening, closing = pair
    problems, quotations = read(f"{before}{opening}{''.join(words)}{closing}{after}")
    assert quotations is None and len(problems) == 1 and "quotation mark without markup" in problems[0], problems
