"""The quotation markup, converted in-process as the reader converts it."""

import xml.etree.ElementTree as etree

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
    [quotation] = quoted(html)
    assert quotation.get("data-speaker") == "Antony Blinken"
    assert [m.text for m in quotation.iter("span") if m.get("class") == "mark"] == [opening, closing]
    assert "".join(quotation.itertext()) == f"{opening}We will.{closing}", "the marks as printed, as text"
    assert [(q.speaker.name, q.text, q.printed) for q in quotations] == [
        ("Antony Blinken", "We will.", f"{opening}We will.{closing}")]


def quoted(html):
    """The quotation elements of ``html``."""
    return [e for e in etree.fromstring(f"<div>{html}</div>").iter() if e.get("data-speaker")]


def test_no_element_adds_marks_of_its_own():
    html, _, _ = convert("He said [“We will.”]{speaker=Blinken} and left.")
    assert "<q" not in html


def test_a_quotation_the_source_never_closes_shows_no_closing_mark():
    html, quotations, problems = convert("He said [“We will.]{speaker=Blinken}")
    [quotation] = quoted(html)
    assert quotation.get("class") == "quotation unclosed" and problems == []
    assert "".join(quotation.itertext()) == "“We will." and quotations[0].printed == "“We will."


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
    assert html.count("<p>") == 2 and 'class="quotation continued"' in html
    assert [q.text for q in quotations] == ["One.\n\nTwo."]


def test_a_block_quotation_of_paragraphs_names_its_speaker_beneath():
    html, quotations, problems = convert("> “One.\n>\n> “Two.”\n> {speaker=Court spokesperson}")
    assert problems == []
    assert "<figcaption>a spokesperson for the court</figcaption>" in html
    assert [q.text for q in quotations] == ["One.\n\nTwo."]


@pytest.mark.parametrize("text, message", [
    ("He said “We will.”", "an opening quotation mark without markup at '“We will.”': write [“…”]{speaker=Name}"),
    ('He said "We will."', "a straight double quotation mark without markup at '\"We will.\"': write [\"…\"]"
                           "{speaker=Name}"),
    ("He called it 'farcical' twice.", "a straight single quotation mark without markup at ''farcical' twice.': "
                                       "write ['…']{speaker=Name}"),
    ("他说「我们会」。", "an opening corner bracket without markup at '「我们会」。': write [「…」]{speaker=Name}"),
    ("He said » no «.", "a guillemet without markup at '» no «.': write [»…«]{speaker=Name}"),
    ("He said we ” will.", "a closing quotation mark without markup at '” will.': write [“…”]{speaker=Name}"),
    ("He said [“We will.”] and left.", "'[“We will.”]' has no speaker, term or title after its closing bracket: "
                                       "write [“…”]{speaker=Name}"),
    ("He said [“We will.”]{speaker=Price}", "quotation '[“We will.”]' names speaker 'Price', who is not in the "
                                            "Speakers field: add a line 'Name | kind | description"),
    ("He said [“We will.”]{speaker=Wang}", "names speaker 'Wang', who could be Wang Yi or Wang Wenbin: write the "
                                           "full name"),
    ("He said [“We will.”]{speaker=Blinken", "the braces after the quotation do not close: end them with }"),
    ("He said [“We will.”]{who=Blinken}", "'[“We will.”]' is followed by {who=Blinken}: write [“…”]"),
    ("She said [“One.\n\nTwo.”]{speaker=Blinken}", "the quotation continues into a paragraph that does not open "
                                                 "with a quotation mark, at 'Two.”': open each paragraph"),
    ("He said [“We will.”]{speaker=Blinken +}", "'“We will.”' is marked to continue ({…+}) into a next paragraph "
                                               "that has none of it: remove the +"),
    ("[“a”]{speaker=Blinken}{term} said", "'{term} said' follows no quotation in brackets: put [ before"),
    ("He said “no” {speaker=Blinken}", "'{speaker=Blinken}' follows no quotation in brackets"),
    ("> “One.”\n> {term}", "'> “One.” {term}' ends with {term}: a block quotation is always someone's words: end it "
                           "with {speaker=Name}"),
    ("[“We will”](https://example.org)", "an opening quotation mark without markup at '“We will”': write [“…”]"),
    ("x [“" + "a" * 80 + "”]{speakr=Blinken}", "'[“" + "a" * 47 + "…' is followed by {speakr=Blinken}: write"),
])
def test_what_cannot_be_published_is_named_with_its_fix(text, message):
    _, _, problems = convert(text)
    assert len(problems) == 1 and message in problems[0], problems


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


@pytest.mark.parametrize("text, html", [
    ("He said [“We will.”]{speaker=Blinken}.",
     '<p>He said <span class="quotation" data-speaker="Antony Blinken"><span class="mark">“</span>We will.'
     '<span class="mark">”</span></span>.</p>'),
    ("He said [“We will.]{speaker=Blinken}",
     '<p>He said <span class="quotation unclosed" data-speaker="Antony Blinken"><span class="mark">“</span>We will.'
     '</span></p>'),
    ("> “We will.”\n> {speaker=Court spokesperson}",
     '<figure class="quotation">\n<blockquote data-speaker="Court spokesperson">\n<p>“We will.”</p>\n</blockquote>\n'
     '<figcaption>a spokesperson for the court</figcaption>\n</figure>'),
    ("> “We will.”\n> {term}", '<blockquote class="refused">\n<p>“We will.”\n{term}</p>\n</blockquote>'),
])
def test_the_markup_becomes_exactly_this_html(text, html):
    assert convert(text)[0] == html


def test_a_link_around_a_title_inside_a_quotation_is_a_link():
    # (It was published as "[“the report”](https://example.org)", Markdown and all.)
    html, quotations, problems = convert('[“Read [[“the report”]{title}](https://example.org "At HRW") now.”]'
                                         '{speaker=Blinken}')
    assert problems == [] and quotations[0].text == "Read “the report” now."
    assert '<a href="https://example.org" title="At HRW"><cite>“the report”</cite></a> now.' in html


def test_an_escaped_mark_is_still_a_mark():
    _, _, problems = convert("He said \\“We will.\\” and left.")
    assert len(problems) == 1 and problems[0].startswith("an opening quotation mark without markup")


def test_the_fix_for_a_bracket_without_attributes_is_written_in_its_own_marks():
    _, _, problems = convert("他说[「我们会」]。")
    assert problems == ["'[「我们会」]' has no speaker, term or title after its closing bracket: write [「…」]"
                        "{speaker=Name} for a quotation, [「…」]{term} for a quoted term, [「…」]{name} for the name of an organisation, a publication or an event, or [「…」]{title} for a title"]


def test_a_block_quotation_keeps_its_marks_as_printed():
    _, quotations, _ = convert("> «Nous ne céderons pas.»\n> {speaker=Blinken}")
    [quotation] = quotations
    assert (quotation.text, quotation.printed, quotation.opening, quotation.closing, quotation.shown) == (
        "Nous ne céderons pas.", "«Nous ne céderons pas.»", "«", "»", "")


def test_a_file_whose_speakers_cannot_be_read_is_refused_at_that_line_not_broken(read_file):
    text = ("Title: A\nDate: 2021-04-21\nCategory: News\nAuthor: Desk\nSummary: One.\n"
            "Speakers: Price | spokesperson | Ned | person | extra\n\nHe said [“No.”]{speaker=Price}.\n")
    problems, metadata = read_file(text)
    assert metadata is None and problems == [
        "report.md:6: Speakers line 'Price | spokesperson | Ned | person | extra' is not 'Name | kind | description "
        "| other names | links | roles'"]


HEAD = ("Title: A\nDate: 2021-04-21\nCategory: News\nAuthor: Desk\nSummary: One.\n"
        "Speakers: Antony Blinken | person | Secretary of State | Blinken\n\nFirst paragraph.\n\n")
FIX = "write [“…”]{speaker=Name} for a quotation, [“…”]{term} for a quoted term, [“…”]{name} for the name of an organisation, a publication or an event, or [“…”]{title} for a title"


@pytest.mark.parametrize("text, says", [
    ("He said [“We will. {speaker=Blinken} and left.",
     f"quotation markup '[“We will. {{speaker=Blinken}} and left.' does not close: check its ] and {{…}}, or {FIX}"),
    ("He said [“a”]{speaker=Blinken}{term} too.",
     "'{term} too.' follows no quotation in brackets: put [ before the quotation's opening mark and ] after its "
     "closing mark"),
    ("He said [“We will.”]{speaker=Blinken\nand left.}",
     "'[“We will.”]{speaker=Blinken': the braces after the quotation do not close: end them with }"),
    ("![The “final” ruling](https://example.org/x.jpg)",
     "alt text 'The “final” ruling' has an opening quotation mark, and cannot hold a quotation: write it without "
     "quotation marks (a quotation belongs in the text, marked up)"),
    ("He said [“One.\n\nTwo.”]{speaker=Blinken}",
     "the quotation continues into a paragraph that does not open with a quotation mark, at 'Two.”': open each "
     "paragraph of it with the mark the source prints"),
])
def test_each_problem_is_named_whole_at_its_own_line(read_file, text, says):
    problems, _ = read_file(HEAD + text + "\n")
    line = 10 + (2 if "Two" in text else 0)  # the text's first line is the tenth; "Two" two lines on
    assert f"report.md:{line}: {says}" in problems, problems


def test_a_message_shortens_what_it_quotes_past_fifty_characters():
    from newsroom.reading.quotations import shorten

    assert shorten("a" * 50) == "a" * 50 and shorten("a" * 51) == "a" * 49 + "…"
    assert shorten(" a\n  b ") == "a b"


def test_braces_that_never_close_are_quoted_to_the_end_of_their_line():
    from newsroom.reading.quotations import attributes_at

    assert attributes_at("x{speaker=A", 1) == "{speaker=A"
    assert attributes_at("x{speaker=A\nnext }", 1) == "{speaker=A"
    assert attributes_at("x{speaker=A}\nnext", 1) == "{speaker=A}"
    assert attributes_at("x{a\n}", 1) == "{a" and attributes_at("x", 1) == "" and attributes_at("{}", 0) == "{}"


def test_speakers_are_read_from_the_document_when_none_are_given_even_with_no_header():
    extension = QuotationExtension()
    md = Markdown(extensions=[extension])
    md.convert("He said [“No.”]{speaker=Ann}")
    assert [str(p) for p in extension.take_problems()] == [
        "quotation '[“No.”]' names speaker 'Ann', who is not in the Speakers field: add a line 'Name | kind | "
        "description | other names | links | roles' under Speakers"]


@pytest.mark.parametrize("text, words", [
    ("[“A [‘b’]{term} and [‘c’]{term} d.”]{speaker=Blinken}", "A ‘b’ and ‘c’ d."),
    ("[“He said [“no”]{term} and left.”]{speaker=Blinken}", "He said “no” and left."),
    ("[“See [‘the ruling’](https://example.org) now.”]{speaker=Blinken}", "See ‘the ruling’ now."),
])
def test_what_is_nested_inside_a_quotation_keeps_every_word_around_it(text, words):
    html, quotations, problems = convert(text)
    assert problems == [] and [q.text for q in quotations][0] == words


def test_two_quotations_over_paragraphs_in_one_document_are_two():
    _, quotations, problems = convert("[“One.\n\n“Two.”]{speaker=Blinken} and\n\n[“Three.\n\n“Four.”]{speaker=HRW}")
    assert problems == [] and [q.text for q in quotations] == ["One.\n\nTwo.", "Three.\n\nFour."]
