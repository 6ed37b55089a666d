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
