"""Where the pages join texts: a Source's addresses as links, punctuation
between a headline and what follows it, a section's name per language."""

import html
import re

from hypothesis import given, settings, strategies as st

from examples import examples

from newsroom.chrome.languages import chrome, same_language, section_name
from newsroom.reading.linked_text import linked


def test_a_sources_web_addresses_are_links_and_its_punctuation_is_the_sentences():
    assert linked("See https://example.org/a_(b) and (https://example.org/c).") == (
        'See <a href="https://example.org/a_(b)">https://example.org/a_(b)</a> and '
        '(<a href="https://example.org/c">https://example.org/c</a>).')
    assert linked("原文：https://www.voachinese.com/a/1.html。") == (
        '原文：<a href="https://www.voachinese.com/a/1.html">https://www.voachinese.com/a/1.html</a>。')
    assert linked("javascript:alert(1) <b>x</b> & ftp://x.org") == (
        "javascript:alert(1) &lt;b&gt;x&lt;/b&gt; &amp; ftp://x.org")
    assert linked('https://x.org/?a=1&b="2"') == '<a href="https://x.org/?a=1&amp;b=">https://x.org/?a=1&amp;b=</a>&#34;2&#34;'


PIECES = st.sampled_from([*"ab .,:;()\"'<>&/。」", "https://", "http://x.org", "javascript:", " "])


@settings(max_examples=examples(100), deadline=None)
@given(st.lists(PIECES).map("".join))
def test_a_linked_source_reads_exactly_as_written_and_links_only_the_web(text):
    made = str(linked(text))
    assert html.unescape(re.sub(r"<[^>]+>", "", made)) == text
    assert all(href.startswith(("https://", "http://")) for href in re.findall(r'href="([^"]*)"', made))


def test_a_sentence_gets_a_stop_unless_it_ends_with_its_own_or_an_address():
    en, zh = chrome("en"), chrome("zh-Hant")
    assert [en.stop(t) for t in ("A report", "A report.", "Was it?", "“It is.”", "at https://x.org/a")] == [
        ".", "", "", "", ""]
    assert [zh.stop(t) for t in ("美國之音報道", "美國之音報道。", "他說：「是。」")] == ["。", "", ""]


def test_a_separator_after_a_text_that_ends_its_own_sentence_drops_its_punctuation():
    en, zh = chrome("en"), chrome("zh")
    assert en.after("Court rejects appeal", "colon") == ": "
    assert en.after("Court rejects appeal.", "colon") == " "
    assert en.after("How many are held? A group counts 1,200.", "apposition") == " "
    assert en.after("Families turned away: “We were told to wait.”", "apposition") == " "
    assert zh.after("律师称证据不足", "apposition") == "，" and zh.after("律师称证据不足。", "apposition") == ""


def test_languages_are_the_same_where_their_script_is():
    assert same_language("zh", "zh-Hans") and same_language("zh-CN", "zh-hans")
    assert not same_language("zh-TW", "zh-Hans") and same_language("zh-HK", "zh-Hant")
    assert same_language("en-GB", "en") and not same_language("fr", "en")


def test_a_section_has_a_name_per_language_and_keeps_its_own_elsewhere():
    names = {"Human rights": {"zh-Hans": "人权", "zh-Hant": "人權", "fr": "Droits humains"}}
    assert section_name(names, "Human rights", "zh-CN") == "人权"
    assert section_name(names, "Human rights", "zh-TW") == "人權"
    assert section_name(names, "Human rights", "fr") == "Droits humains"
    assert section_name(names, "Human rights", "en") == "Human rights"
    assert section_name(names, "Courts", "zh") == "Courts"
