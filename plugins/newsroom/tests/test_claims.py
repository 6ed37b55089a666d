"""Markup that says "nobody's words" must look like what it claims, and a
speaker is credited only with their own words: each way round it, refused
by line with its fix, and the nearest good markup, which passes."""

import csv
from pathlib import Path

import pytest
from hypothesis import given, settings

from examples import examples
from hypothesis import strategies as st

from newsroom.reading import claims

HEAD = ("Title: A report\nDate: 2021-04-21\nCategory: Courts\nAuthor: Desk\nSummary: One.\n"
        "Speakers: Mei Lin | person | sister of a detainee\n")
REAL = Path(__file__).resolve().parents[3] / "tests/data/claims/real.tsv"


def real():
    with open(REAL, encoding="utf-8") as f:
        return [tuple(row[:2]) for row in csv.reader((line for line in f if not line.startswith("#")), delimiter="\t") if row]


@pytest.fixture
def read(read_file):
    def read(text, head=HEAD):
        """The problems named for the file, and its quotations (None where refused)."""
        problems, metadata = read_file(head + "\n" + text)
        return problems, metadata and metadata["report"].quotations

    return read


@pytest.mark.parametrize("kind, text", real())
def test_every_real_term_name_and_title_measured_is_taken(kind, text):
    assert claims.reads_as_speech(kind, text) is None


@pytest.mark.parametrize("kind", ["term", "name", "title"])
@pytest.mark.parametrize("text, why", [
    ("We will crush every lawyer who defends them.", "ends as a sentence ends"),
    ("They came at night. Nobody has seen him since", "a sentence's end with more words after it"),
    ("我们会继续。", "ends as a sentence ends"),
    ("你永远见不到他。他们说", "a sentence's end with more words after it"),
    ("We will go on; we will win", "several clauses"),
    ("the police will come back for every lawyer who ever defended them in any court of this land and then "
     "for their wives and their children and their friends too", "words long"),
])
def test_a_sentence_marked_as_nobodys_words_is_refused_by_line_with_its_fix(read, kind, text, why):
    problems, _ = read(f"She wrote [“{text}”]{{{kind}}} on the wall.\n")
    assert len(problems) == 1 and problems[0].startswith("report.md:8: "), problems
    assert f"is marked {{{kind}}}, nobody's words, but" in problems[0] and why in problems[0]
    assert f"write {{speaker=Name}}; if it really is a {kind}, write {{{kind} confirmed}}" in problems[0]


def test_several_clauses_of_a_term_are_refused_but_a_list_is_not(read):
    assert "several clauses" in read("charged with [“we will go on, and we will win the case”]{term}.\n")[0][0]
    assert read("charged with [“subversion, separatism and terrorism”]{term}.\n") == ([], [])


def test_the_editor_may_confirm_a_title_that_reads_as_a_sentence(read):
    problems, quotations = read("the film [“We Will Not Be Silenced.”]{title confirmed} opened.\n")
    assert problems == [] and quotations == []


def test_a_title_may_ask_or_exclaim_as_titles_do(read):
    assert read("the report [“China: Where are they? Time for answers”]{title}.\n") == ([], [])
    assert "ends as a sentence ends" in read("the report [“Where are they.”]{title}.\n")[0][0]


def test_an_aside_is_the_reporters_words_and_a_quotation_in_it_is_refused(read):
    problems, _ = read("[“I waited, [— she said, as police answered “you will never see him” —]{aside} "
                       "all night.”]{speaker=Mei Lin}\n")
    assert len(problems) == 1 and problems[0].startswith("report.md:8: ")
    assert "without markup at '“you will never see him”" in problems[0]
    problems, quotations = read("[“I waited, [— she said —]{aside} all night.”]{speaker=Mei Lin}\n")
    assert problems == [] and [q.text for q in quotations] == ["I waited, […] all night."]


@pytest.mark.parametrize("markup", ["[“[— she said —]{aside}”]{speaker=Mei Lin}", "[“”]{speaker=Mei Lin}",
                                    "[“ … ”]{speaker=Mei Lin}"])
def test_a_quotation_with_no_words_of_the_speakers_is_refused(read, markup):
    problems, _ = read(f"Then {markup} again.\n")
    assert len(problems) == 1 and "credits Mei Lin with no words" in problems[0], problems


@pytest.mark.parametrize("attributes", ["{speaker=Mei Lin sic}", "{speaker=Mei Lin}"])
@pytest.mark.parametrize("inside", ["“We will go on,\" the minister said, \"to the end\"",
                                    "“We will go on,” the minister said, “to the end\"",
                                    "«Nous irons,» a dit le ministre, «jusqu'au bout»"])
def test_a_closing_mark_of_the_openings_family_ends_the_words_sic_or_not(read, attributes, inside):
    problems, _ = read(f"[{inside}]{attributes}\n")
    assert len(problems) == 1 and "has words after its closing mark" in problems[0], problems


def test_sic_still_excuses_the_one_mismatched_mark_that_ends_the_brackets(read):
    problems, quotations = read("[“We will go on to the end\"]{speaker=Mei Lin sic}\n")
    assert problems == [] and [q.printed or q.text for q in quotations] == ["“We will go on to the end\""]


def test_a_nested_quotation_in_marks_of_another_family_stays_a_quotation_inside(read):
    problems, quotations = read("[“He told me ‘no’ and left.”]{speaker=Mei Lin}\n")
    assert problems == [] and [q.text for q in quotations] == ["He told me ‘no’ and left."]


def test_a_direction_mark_inside_an_english_quotation_is_refused_by_line(read):
    problems, _ = read("Intro.\n\nShe said [“it takes 5\u200f-10 years”]{speaker=Mei Lin}.\n")
    assert len(problems) == 1 and problems[0].startswith("report.md:10: has a direction mark (U+200F)"), problems


@pytest.mark.parametrize("unit", ["Word [“x ", "[“[“x ", "“x ", "[x](y) [“", "Word [“x\n\n"])
def test_thousands_of_unclosed_brackets_are_read_in_one_pass_and_refused_by_line(read, unit):
    # 2,500 of each: each [ scanned to the end of the text took minutes at
    # a few thousand. (Thousands of closed elements in one paragraph cost
    # what Python-Markdown's inline parsing costs: each match rebuilds the
    # paragraph's string.)
    problems, _ = read("Intro.\n\n" + unit * 2500 + "\n")
    assert problems and all(p.startswith("report.md:") for p in problems), problems[:3]


@settings(max_examples=examples(100), deadline=None, derandomize=True, database=None)
@given(st.text(alphabet="[]x“", max_size=40))
def test_brackets_are_paired_in_one_pass_as_a_scan_from_each_pairs_them(text):
    from newsroom.reading.quotations import bracket_pairs, closing_bracket
    pairs = bracket_pairs(text)
    assert {at: closing_bracket(text, at) for at, c in enumerate(text) if c == "["} == \
        {at: pairs.get(at) for at, c in enumerate(text) if c == "["}


@pytest.mark.parametrize("speakers, line, says", [
    ("Speakers: Mei Lin | person | sister of a detainee\n  Li Wenzu | person | wife of a detained lawyer | Li\n",
     7, "header line 'Li Wenzu | person | wife of a detained lawyer | Li' is indented by 2 spaces"),
    ("Speakers: Mei Lin | person | sister of a detainee\n\tLi Wenzu | person | wife of a detained lawyer\n",
     7, "is no field"),
    ("Speakers: Mei Lin | person | sister of a detainee\n\nLi Wenzu | person | wife of a detained lawyer | Li\n",
     8, "the text opens with 'Li Wenzu | person | wife of a detained lawyer | Li', a person line"),
])
def test_a_header_line_the_reader_cannot_place_is_refused_by_line(read, speakers, line, says):
    problems, _ = read("[“We waited.”]{speaker=Mei Lin}\n", head=HEAD.replace(
        "Speakers: Mei Lin | person | sister of a detainee\n", speakers))
    assert any(p.startswith(f"report.md:{line}: ") and says in p for p in problems), problems
    assert read("[“We waited.”]{speaker=Mei Lin}\n", head=HEAD.replace(
        "sister of a detainee\n", "sister of a detainee\n    Li Wenzu | person | wife of a detained lawyer\n")) \
        == ([], read("[“We waited.”]{speaker=Mei Lin}\n")[1])


def test_an_unmarked_quotation_in_a_footnote_is_named_at_its_line_in_the_words_of_the_source(read):
    problems, _ = read("Intro.[^1]\n\n[^1]: The court said “the hearing will stop”.\n")
    assert len(problems) == 1 and problems[0].startswith("report.md:10: "), problems
    assert "qq" not in problems[0] and "'“the hearing will stop”.'" in problems[0]
