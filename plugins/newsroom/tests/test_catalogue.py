"""One catalogue of chrome: every language has every label and date
format, and no template holds words of its own."""

import datetime
import re
from pathlib import Path

import pytest

from newsroom.chrome.catalogue import DATES, LABELS, WORDS_A_MINUTE
from newsroom.chrome.languages import chrome

PROJECT = next(p for p in Path(__file__).resolve().parents if (p / "pelicanconf.py").is_file())
TEMPLATES = PROJECT / "theme" / "templates"
# Names of formats, the same in every language.
NOT_WORDS = {"Atom", "RSS"}


@pytest.mark.parametrize("lang", sorted(LABELS))
def test_every_language_has_every_label_and_date_format(lang):
    assert set(LABELS[lang]) == set(LABELS["en"])
    assert set(DATES[lang]) == set(DATES["en"]) and lang in WORDS_A_MINUTE
    for key, text in LABELS["en"].items():
        assert set(re.findall(r"\{\w+\}", LABELS[lang][key])) == set(re.findall(r"\{\w+\}", text)), key


def words_in(template):
    """What a template shows of its own: text between tags, titles and
    descriptions, and the attributes people read."""
    text = re.sub(r"\{#.*?#\}", "", template, flags=re.S)
    blocks = re.findall(r"\{% block (?:title|description) %\}(.*?)\{% endblock %\}", text)
    text = re.sub(r"\{[{%].*?[}%]\}", " ", text, flags=re.S)
    shown = re.findall(r">([^<]*)<", text) + re.findall(r'(?:aria-label|title|alt)="([^"]*)"', text)
    shown += [re.sub(r"\{[{%].*?[}%]\}", " ", block) for block in blocks]
    return [word for piece in shown for word in re.findall(r"[^\W\d_]{2,}", piece) if word not in NOT_WORDS]


@pytest.mark.parametrize("name", sorted(p.relative_to(TEMPLATES).as_posix() for p in TEMPLATES.rglob("*.html")))
def test_no_template_holds_words_of_its_own(name):
    assert words_in((TEMPLATES / name).read_text(encoding="utf-8")) == []


def test_the_scan_finds_words_where_a_template_has_them():
    assert sorted(words_in('{% block title %}Archives: {{ year }}{% endblock %}<h1 aria-label="Pages">Newer</h1>')) == [
        "Archives", "Newer", "Pages"]


def test_dates_are_written_as_each_language_writes_them():
    moment = datetime.datetime(2021, 4, 20, 9, 15)
    assert chrome("en").date(moment) == "Tuesday 20 April 2021"
    assert chrome("en").day_month(moment) == "20 Apr"
    assert chrome("zh-Hant").date(moment) == "2021年4月20日星期二"
    assert chrome("zh").day_month(moment) == "4月20日"
    assert chrome("en").count("quotation_count", 1) == "1 quotation"
    assert chrome("en").count("quotation_count", 2) == "2 quotations"
