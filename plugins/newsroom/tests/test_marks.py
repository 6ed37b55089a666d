"""Quotation marks are told from apostrophes, in every style newsrooms use."""

import pytest

from newsroom.reading.marks import closes, stray_mark

QUOTED = [
    "He called it “farcical” twice.",
    'He called it "farcical" twice.',
    "He called it ‘farcical’ twice.",
    "He called it 'farcical' twice.",
    "他说「我们会继续」。",
    "他说『我们』。",
    "Il a dit « non ».",
    "Il a dit ‹ non ›.",
    "Er sagte „nein“.",
    "Er sagte ‚nein‘.",
    "Er sagte »nein«.",
    "The quotation “never closes",
    "Only a closing mark” here",
    "An opening ‘single mark with no end",
]

WORDS = [
    "It’s Wang’s view, and O'Brien's.",
    "The States’ diplomats and the Uighurs’ families.",
    "rock 'n' roll and rock ’n’ roll",
    "the ’90s and the '90s, ’tis true, 'twas so",
    "Don't, won't, can't.",
    "",
]


@pytest.mark.parametrize("text", QUOTED)
def test_a_quotation_mark_is_found(text):
    assert stray_mark(text) is not None


@pytest.mark.parametrize("text", WORDS)
def test_apostrophes_are_words_not_quotations(text):
    assert stray_mark(text) is None


def test_the_first_mark_is_the_one_named():
    text = "It’s what he called “farcical”."
    assert text[stray_mark(text)] == "“"


@pytest.mark.parametrize("quoted, closed", [
    ("“yes”", True), ("“yes", False), ('"yes"', True), ("「是」", True), ("「是", False),
    ("„ja“", True), ("„tak”", True), ("«oui»", True), ("»ja«", True), ("‘yes’", True),
])
def test_each_opening_mark_knows_its_closing_marks(quoted, closed):
    assert closes(quoted[0], quoted) is closed


@pytest.mark.parametrize("text, at", [
    ("rock 'n' roll and 'quoted' words", 18),   # an elision first, a quotation after it
    ("said 'a' twice", 5),                      # a one-letter quoted word
    ("said ‘1,000 held’", 5), ("said ‘…and then", 5), ("said:‘We’", 5), ("律师说：'庭审'。", 4),
])
def test_the_first_quotation_mark_is_found_past_apostrophes_and_elisions(text, at):
    assert stray_mark(text) == at


@pytest.mark.parametrize("text", ["He said 'no", "the boys' 'club", "the ‘90s", "O'Neill's 'n"])
def test_a_single_mark_that_may_be_an_apostrophe_and_closes_nothing_is_no_quotation(text):
    assert stray_mark(text) is None


def test_a_quotation_closes_only_with_a_mark_after_its_opening_one():
    assert closes("“", "“”") and closes('"', '"x"') and closes("„", "„x“") and closes("„", "„x”")
    assert not closes('"', '"') and not closes("“", "“x") and not closes("「", "「x”")


def test_every_mark_has_a_name_and_an_example_in_its_own_pair():
    from newsroom.reading.marks import MARKS, describe, example

    assert all(describe(mark) != f"a quotation mark (U+{ord(mark):04X})" for mark in MARKS)
    assert describe("x") == "a quotation mark (U+0078)"
    assert example("」").startswith("write [「…」]{speaker=Name}") and example("”").startswith("write [“…”]")
    assert example("x").startswith("write [“…”]")
