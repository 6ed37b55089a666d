"""The quotation markup, converted in-process as the reader converts it."""

import pytest
from markdown import Markdown

from newsroom.reading.quotations import QuotationExtension
from newsroom.pages import structured_data
from newsroom.reading.speakers import parse_speakers

SPEAKERS = parse_speakers([
    "Antony Blinken | U.S. Secretary of State | Blinken",
    "Human Rights Watch | rights group | HRW | organisation",
    "Court spokesperson | a spokesperson for the court | | unnamed",
    "Wang Yi | foreign minister",
    "Wang Wenbin | ministry spokesperson",
])


def convert(text):
    extension = QuotationExtension(speakers=SPEAKERS)
    md = Markdown(extensions=[extension])
    html = md.convert(text)
    return html, md.quotations, [str(p) for p in extension.take_problems()]


@pytest.mark.parametrize("opening, closing", [
    ("“", "”"), ('"', '"'), ("‘", "’"), ("'", "'"), ("「", "」"), ("『", "』"),
    ("«", "»"), ("„", "“"), ("‹", "›"),
])
def test_every_kind_of_mark_makes_a_quotation_that_keeps_its_marks(opening, closing):
    html, quotations, problems = convert(f"He said [{opening}We will.{closing}]{{speaker=Blinken}} and left.")
    assert problems == []
    assert f'data-open="{opening}"' in html.replace("&quot;", '"') or opening == '"'
    assert f'<q data-close="{closing}"' in html.replace("&quot;", '"').replace("&#x27;", "'") or \
        f'data-close="{closing}"' in html.replace("&quot;", '"')
    assert [(q.speaker.name, q.text) for q in quotations] == [("Antony Blinken", "We will.")]


def test_a_quotation_the_source_never_closes_is_unclosed():
    html, quotations, problems = convert("He said [“We will.]{speaker=Blinken}")
    assert 'class="unclosed"' in html and "data-close" not in html and problems == []


def test_terms_and_titles_keep_their_marks_and_have_no_speaker():
    html, quotations, problems = convert("a charge of [“subversion”]{term} in [‘Silenced’]{title}")
    assert '<span class="term">“subversion”</span>' in html
    assert "<cite>‘Silenced’</cite>" in html
    assert quotations == [] and problems == []


def test_markup_nests_either_way():
    html, quotations, problems = convert("[“He called it [‘farcical’]{speaker=HRW}.”]{speaker=Blinken}")
    assert problems == []
    # Both are quotations: Blinken's words, and the words he quotes.
    assert [q.speaker.name for q in quotations] == ["Antony Blinken", "Human Rights Watch"]
    assert [q.text for q in quotations] == ["He called it ‘farcical’.", "farcical"]


def test_a_quotation_may_run_over_paragraphs():
    html, quotations, problems = convert("She said [“One.\n\n“Two.”]{speaker=Blinken}")
    assert problems == []
    assert html.count("<p>") == 2 and 'class="continued"' in html
    assert [q.text for q in quotations] == ["One.\n\nTwo."]


def test_a_block_quotation_of_paragraphs_names_its_speaker_beneath():
    html, quotations, problems = convert("> “One.\n>\n> “Two.”\n> {speaker=Court spokesperson}")
    assert problems == []
    assert "<figcaption>a spokesperson for the court</figcaption>" in html
    assert [q.text for q in quotations] == ["One.\n\nTwo."]


@pytest.mark.parametrize("text, message", [
    ("He said “We will.”", "an opening quotation mark without markup"),
    ('He said "We will."', "a straight double quotation mark without markup"),
    ("He called it 'farcical' twice.", "a straight single quotation mark without markup"),
    ("他说「我们会」。", "an opening corner bracket without markup"),
    ("He said [“We will.”] and left.", "has no speaker, term or title"),
    ("He said [“We will.”]{speaker=Price}", "names speaker 'Price', who is not in the Speakers field"),
    ("He said [“We will.”]{speaker=Wang}", "who could be Wang Yi or Wang Wenbin"),
    ("He said [“We will.”]{speaker=Blinken", "do not close"),
    ("He said [“We will.”]{who=Blinken}", "is followed by {who=Blinken}"),
    ("She said [“One.\n\nTwo.”]{speaker=Blinken}", "does not open with a quotation mark"),
])
def test_what_cannot_be_published_is_named_with_its_fix(text, message):
    _, _, problems = convert(text)
    assert problems and message in problems[0]
    assert "write [“…”]" in " ".join(problems) or "Speakers" in problems[0] or "full name" in problems[0] \
        or "close" in problems[0] or "open each paragraph" in problems[0]


def test_apostrophes_pass_untouched():
    html, _, problems = convert("It’s Wang’s view; the States’ diplomats; rock 'n' roll in the ’90s.")
    assert problems == [] and "It’s Wang’s" in html


def test_a_link_may_wrap_a_quoted_title():
    html, _, problems = convert("[[“Silenced”]{title}](https://example.org/report)")
    assert problems == [] and '<a href="https://example.org/report"><cite>“Silenced”</cite></a>' in html


def test_speakers_of_every_kind_become_the_right_schema_org_node():
    assert structured_data.unresolved_speaker_node(SPEAKERS["HRW"])["@type"] == "Organization"
    unnamed = structured_data.unresolved_speaker_node(SPEAKERS["Court spokesperson"])
    assert unnamed["@type"] == "Person" and "name" not in unnamed
    assert unnamed["description"] == "a spokesperson for the court"


def test_a_speaker_after_a_quotation_with_no_brackets_says_where_the_brackets_go():
    _, _, problems = convert("He said, “We will.”]{speaker=Blinken} and left.")
    assert problems and "follows no quotation in brackets: put [ before" in problems[0]


def test_quotations_in_a_report_are_anchored_q1_q2_in_reading_order():
    """Speaker pages link to each quotation by its anchor."""
    md = Markdown(extensions=[QuotationExtension(speakers=SPEAKERS, anchors=True)])
    md.convert("[“One.”]{speaker=Blinken} Then [“two.”]{speaker=HRW}\n\n> “Three.” {speaker=Wang Yi}\n")
    assert [(q.anchor, q.text) for q in md.quotations] == [("q1", "One."), ("q2", "two."), ("q3", "Three.")]
