"""One catalogue of chrome: every language has every label and date
format, and no template holds words of its own."""

import datetime
import re
from pathlib import Path

import pytest

from newsroom.chrome.catalogue import DATES, LABELS, WORDS_A_MINUTE
from newsroom.chrome import locales
from newsroom.chrome.languages import chrome, word_count

PROJECT = next(p for p in Path(__file__).resolve().parents if (p / "pelicanconf.py").is_file())
TEMPLATES = PROJECT / "theme" / "templates"
# Names of formats, the same in every language.
NOT_WORDS = {"Atom", "RSS"}


PLURAL = re.compile(r"(?P<key>\w+)_(?:zero|two|few|many)$")
DATE_FORMATS = {"date", "day_month", "date_time", "utc_offset", "weekdays", "months", "months_short"}


@pytest.mark.parametrize("lang", sorted(LABELS))
def test_every_language_has_every_label_and_its_plural_forms(lang):
    extra = set(LABELS[lang]) - set(LABELS["en"])
    assert set(LABELS["en"]) <= set(LABELS[lang]) and lang in WORDS_A_MINUTE
    assert all(PLURAL.match(key) and f"{PLURAL.match(key)['key']}_one" in LABELS["en"] for key in extra), extra
    for key, text in LABELS[lang].items():
        own = LABELS["en"][PLURAL.match(key)["key"] if key in extra else key]
        assert set(re.findall(r"\{\w+\}", text)) == set(re.findall(r"\{\w+\}", own)), key


@pytest.mark.parametrize("lang", sorted(DATES))
def test_every_language_writes_dates_from_cldr_or_its_own_names(lang):
    dates = DATES[lang]
    assert "utc_offset" in dates and set(dates) <= DATE_FORMATS
    assert ("months" in dates) == (locales.locale(lang) is None), "names of its own where, and only where, CLDR has none"
    if "months" in dates:
        assert len(dates["weekdays"]) == 7 and len(dates["months"]) == len(dates["months_short"]) == 12
        assert {"date", "day_month", "date_time"} <= set(dates)


def test_each_catalogue_says_who_wrote_it():
    for path in (PROJECT / "plugins/newsroom/chrome/catalogue").glob("*.toml"):
        assert re.match(r"# The page chrome in .+\. (?:Written|Drafted) by .+", path.read_text(encoding="utf-8")), path.name


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


@pytest.mark.parametrize("lang, date, day_month", [
    ("fr", "mardi 20 avril 2021", "20 avr."),
    ("ru", "вторник, 20 апреля 2021\u202fг.", "20 апр."),
    ("ug", "2021 20-ئاپرېل، سەيشەنبە", "20-ئاپرېل"),
    ("ug-Cyrl", "2021-йил 20-апрель, сәйшәнбә", "20-апрель"),
    ("bo", "2021 ཟླ་བ་བཞི་པའི་ཚེས་20, གཟའ་མིག་དམར་", "ཟླ་༤ཚེས་20"),
    # No catalogue: English labels, the date as CLDR writes the language.
    ("de", "Dienstag, 20. April 2021", "20. Apr."),
    ("fa", "سه‌شنبه 20 آوریل 2021", "20 آوریل"),
    # Not in CLDR at all: English, marked so.
    ("x-klingon", "Tuesday 20 April 2021", "20 Apr"),
])
def test_dates_in_every_language_come_from_cldr(lang, date, day_month):
    moment = datetime.datetime(2021, 4, 20, 9, 15, tzinfo=datetime.timezone.utc)
    assert (chrome(lang).date(moment), chrome(lang).day_month(moment)) == (date, day_month)
    assert chrome(lang).dates_lang == ("en" if lang.startswith("x-") else lang)


def test_a_count_takes_the_plural_form_its_language_has():
    assert [chrome("ru").count("quotation_count", n) for n in (1, 3, 5, 21, 1200)] == [
        "1 цитата", "3 цитаты", "5 цитат", "21 цитата", "1\u00a0200 цитат"]
    assert chrome("fr").count("quotation_count", 1200) == "1\u202f200 citations"


def test_labels_come_from_the_catalogue_of_the_tags_language_and_script():
    assert [chrome(t).lang for t in ("ug", "ug-Arab", "ug-CN", "ug-Cyrl", "ru-RU", "bo-CN", "fr-CA", "zh-MO", "de", "uz")] == [
        "ug", "ug", "ug", "ug-Cyrl", "ru", "bo", "fr", "zh-Hant", "en", "en"]


def test_reading_time_counts_words_characters_or_syllables_as_the_script_is_read():
    assert word_count("Уйғурлар «Мемориал» дегән") == 3
    assert word_count("ئۇيغۇرلار ۋە قازاقلار") == 3
    assert word_count("བོད་ཀྱི་ཡིག་ཆ། ལོ་2021") == 6
    assert word_count("律师说：证据不足") == 7


@pytest.mark.parametrize("tag, comma", [("ar", "، "), ("fa", "، "), ("ur", "، "), ("he", ", "), ("tr", ", "),
                                        ("en", ", ")])
def test_a_name_and_its_role_are_joined_with_the_texts_own_comma_where_labels_are_another_languages(tag, comma):
    from newsroom.chrome.languages import chrome
    assert chrome(tag)["apposition"] == comma
