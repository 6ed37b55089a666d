"""Latin words in right-to-left reports are isolated (bdi), and nothing
else changes: a property over text mixing Uyghur, Latin names, numbers,
addresses and punctuation."""

import xml.etree.ElementTree as etree

import markdown
from hypothesis import given, settings, strategies as st

from examples import examples

from newsroom.reading.isolation import IsolationExtension

PIECES = ["ئۇ", "دېدى", "خەۋەر", "Human", "Rights", "Watch", "U.S.", "2024", "2024-يىلى", "،", ".", "—", "«", "»",
          "https://hrw.org/a", "Ilham", "Tohti’s", "(HRW)", "G7", "*Amnesty*", "`code x`", "50%"]


def convert(text, lang):
    return markdown.Markdown(extensions=["meta", IsolationExtension()]).convert(f"Lang: {lang}\n\n{text}")


def tree(html):
    return etree.fromstring(f"<div>{html}</div>")


@settings(max_examples=examples(60), deadline=None, derandomize=True)
@given(st.lists(st.sampled_from(PIECES), min_size=1, max_size=12).map(" ".join))
def test_in_a_right_to_left_report_every_latin_word_is_isolated_and_nothing_else_changes(text):
    plain, rtl = tree(convert(text, "en")), tree(convert(text, "ug"))
    assert "".join(rtl.itertext()) == "".join(plain.itertext()), "the words are the source's"
    assert not list(plain.iter("bdi")), "left-to-right reports are left alone"
    for bdi in rtl.iter("bdi"):
        words = "".join(bdi.itertext())
        assert not any("\u0600" <= c <= "\u06ff" for c in words), words
        assert words[:1].isalpha() and (words[-1:].isalnum() or words.endswith("/")), words

    def outside(element):
        if element.tag in ("bdi", "code"):
            return ""
        return (element.text or "") + "".join(outside(c) + (c.tail or "") for c in element)

    assert not any(c.isascii() and c.isalpha() for c in outside(rtl)), "a Latin letter left unisolated"


def test_a_name_and_the_year_after_it_stay_in_their_places():
    assert convert("ئۇ Human Rights Watch 2024-يىلى دېدى.", "ug") == (
        "<p>ئۇ <bdi>Human Rights Watch</bdi> 2024-يىلى دېدى.</p>")
