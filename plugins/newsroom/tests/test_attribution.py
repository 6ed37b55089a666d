"""Every quotation mark is inside markup or refused, in the body and in
every field, whatever the mark; what is inside the brackets is exactly
what the source printed inside its marks. Each rule: the bad input and its
exact refusal by line, and the nearest good input, which passes."""

import pytest

HEAD = ("Title: A report\nDate: 2021-04-21\nCategory: Courts\nAuthor: Desk\nSummary: One.\n"
        "Speakers: Shetty | person | Amnesty International's secretary general\n")


@pytest.fixture
def read(read_file):
    def read(text, head=HEAD):
        """The problems named for a file of ``head`` and ``text``, and the
        quotations read (None where the file is refused)."""
        problems, metadata = read_file(head + "\n" + text)
        return problems, metadata and metadata["report"].quotations

    return read


# Marks the authoring guide does not list are still marks: refused outside
# markup, kept as printed inside it.
UNUSUAL = [("＂", "＂"), ("〝", "〟"), ("‛", "’"), ("‟", "”"), ("｢", "｣"), ("﹁", "﹂"), ("﹃", "﹄"), ("❝", "❞"),
           ("⹂", "“")]


@pytest.mark.parametrize("opening, closing", UNUSUAL)
def test_every_quotation_mark_is_refused_outside_markup_and_kept_inside_it(read, opening, closing):
    problems, _ = read(f"Shetty said {opening}We will{closing} today.\n")
    assert len(problems) == 1 and problems[0].startswith("report.md:8: ")
    assert f"without markup at '{opening}We will{closing} today.': write [{opening}…" in problems[0]
    problems, quotations = read(f"Shetty said [{opening}We will{closing}]{{speaker=Shetty}} today.\n")
    assert problems == [] and [(q.text, q.printed) for q in quotations] == [("We will", f"{opening}We will{closing}")]


@pytest.mark.parametrize("text", [
    "Shetty said:‘We will’ and left.",           # after a colon, no space
    "Shetty said ‘1,000 people were held’.",     # before a digit
    "Shetty said ‘…and we will’.",               # before an ellipsis
    "律师说：'庭审依法进行'。",                      # in Chinese text
    "Shetty said 'we will', twice.",
])
def test_a_single_mark_that_opens_a_quotation_is_refused_wherever_it_stands(read, text):
    problems, _ = read(text + "\n")
    assert len(problems) == 1 and "single quotation mark without markup" in problems[0], problems


@pytest.mark.parametrize("text", [
    "It’s Wang’s view; the States’ diplomats; rock 'n' roll in the ’90s and the '80s; O'Brien's.",
    "The boys' school and the girls' school.",
])
def test_apostrophes_stay_words(read, text):
    assert read(text + "\n") == ([], [])


@pytest.mark.parametrize("field, value, says", [
    ("Tags", "Courts, “subversion”", "report.md:2: Tags 'Courts, “subversion”' has an opening quotation mark: a topic is plain text"),
    ("Category", "“Courts”", "Category '“Courts”' has an opening quotation mark"),
    ("Source", "Radio Free Asia's \"Uyghur Service\"", "a straight double quotation mark: a source is plain text"),
    ("Author", "«Desk»", "Author '«Desk»' has a guillemet"),
])
def test_a_field_of_plain_text_cannot_hold_a_quotation(read, field, value, says):
    head = HEAD.replace("Category: Courts\n", "").replace("Author: Desk\n", "")
    head += {"Tags": "Category: Courts\nAuthor: Desk\n", "Category": "Author: Desk\n",
             "Source": "Category: Courts\nAuthor: Desk\n", "Author": "Category: Courts\n"}[field]
    problems, _ = read("Text.\n", head=head.replace("Title: A report\n", f"Title: A report\n{field}: {value}\n"))
    assert len(problems) == 1 and says in problems[0], problems


def test_a_speakers_role_cannot_hold_a_quotation(read):
    problems, _ = read("Text.\n", head=HEAD.replace("secretary general", "“secretary general”"))
    assert problems == ["report.md:6: Speakers 'Shetty | person | Amnesty International's “secretary general”' "
                        "has an opening quotation mark: a speaker's name or role is plain text and cannot hold a quotation: "
                        "write it without quotation marks"]


@pytest.mark.parametrize("text, says", [
    ("![The “campaign” banner](images/none.jpg)\n", "alt text 'The “campaign” banner' has an opening quotation mark"),
    ("See [the report](https://example.org \"The “final” word\").\n",
     "a link's title 'The “final” word' has an opening quotation mark"),
    ("He typed `“We will”` twice.\n", "an opening quotation mark without markup at '“We will”'"),
])
def test_alt_text_link_titles_and_code_are_checked_too(read, text, says):
    problems, _ = read(text)
    assert any(says in p for p in problems), problems


@pytest.mark.parametrize("reference", ["&ldquo;", "&#8220;", "&#x201C;", "&quot;", "&laquo;", "&#12300;"])
def test_a_mark_written_as_an_html_reference_is_refused(read, reference):
    problems, _ = read(f"Shetty said {reference}We will.\n")
    assert len(problems) == 1 and "report.md:8: writes " in problems[0] and f"as {reference}," in problems[0]


def test_an_ampersand_reference_that_is_no_mark_passes(read):
    assert read("Rights &amp; wrongs, 5 &lt; 6.\n") == ([], [])


@pytest.mark.parametrize("bad, says, good, quoted", [
    ("[“We will,” Shetty was quoted as saying]{speaker=Shetty}.",
     "'[“We will,” Shetty was quoted as saying]' has words after its closing mark ”: the brackets hold only what "
     "the source printed inside its marks: put ] right after ”, or mark up the quotation inside it",
     "[“We will,”]{speaker=Shetty} Shetty was quoted as saying.", ("We will,", "“We will,”")),
    ("[‘We will,’ she said]{speaker=Shetty}.",
     "'[‘We will,’ she said]' has words after its closing mark ’: the brackets hold only what the source printed "
     "inside its marks: put ] right after ’, or mark up the quotation inside it",
     "[‘The States’ diplomats will act.’]{speaker=Shetty}",  # an apostrophe after a letter ends nothing
     ("The States’ diplomats will act.", "‘The States’ diplomats will act.’")),
    ("A [“relentless campaign\"]{speaker=Shetty}.",
     "'[“relentless campaign\"]' opens with “ and ends with \", which does not close it: correct it to ”, or, if "
     "the source printed it so, add sic to what follows the brackets ({speaker=Name sic})",
     "A [“relentless campaign\"]{speaker=Shetty sic}.", ("relentless campaign", "“relentless campaign\"")),
    ("Shetty said [“We will win.[^1]”]{speaker=Shetty}\n\n[^1]: Said twice.",
     "a footnote reference inside the quotation '“We will win.1”' would be published as one of its words: put "
     "the [^…] after the closing mark",
     "Shetty said [“We will win.”]{speaker=Shetty}[^1]\n\n[^1]: Said twice.", ("We will win.", "“We will win.”")),
], ids=["words after the closing mark", "after a single closing mark", "a closing mark of another kind",
        "a footnote inside"])
def test_the_brackets_hold_exactly_what_the_source_printed_inside_its_marks(read, bad, says, good, quoted):
    assert read(bad + "\n")[0] == ["report.md:8: " + says]
    problems, quotations = read(good + "\n")
    assert problems == [] and [(q.text, q.printed) for q in quotations] == [quoted]


def test_a_footnote_label_defined_twice_is_refused(read):
    text = "One[^1] and two[^2].\n\n[^1]: First.\n[^1]: Second.\n[^2]: Third.\n"
    problems, _ = read(text)
    assert problems == ["report.md:11: footnote [^1] is defined twice (lines 10 and 11): the first note would "
                        "vanish: give each note a label of its own"]
    assert read(text.replace("[^1]: Second.", "[^3]: Second."))[0] == []
