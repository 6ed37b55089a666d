"""The page chrome in the report's own language: labels, dates, numbers,
reading time, from the one catalogue (`catalogue/`, a file a language) and
CLDR (`locales.py`).

A report in a language the catalogue has (English, simplified and
traditional Chinese, Russian, French, Spanish, Uyghur in Arabic script and
in Cyrillic, Tibetan) gets every label around it in that language; a
report in any other language gets English labels, marked ``lang="en"`` by
the theme. Either way its dates are written as its own language writes
them (CLDR, through Babel), and its reading time is counted as its script
is read: words, or CJK characters, or Tibetan syllables.

Templates get the filters ``chrome`` (a `Chrome` for a language tag),
``section_in`` (a section's name in a language, from SECTION_NAMES),
``section_language`` (the language that name is in), ``wordcount_any``
(`word_count`), ``dir_against`` and ``text_attributes`` (the ``dir`` and
``lang`` that text in one language needs inside another's), and the test
``same_language``.
"""

import functools
import re
from dataclasses import dataclass

from babel.dates import format_date, format_skeleton, get_datetime_format, get_day_names, get_month_names
from babel.numbers import format_decimal
from markupsafe import Markup, escape

from . import locales
from .scripts import TIBETAN, TIBETAN_SYLLABLE, UNSPACED
from .catalogue import CATALOGUES, DATES, LABELS, WORDS_A_MINUTE

LETTER = re.compile(r"[^\W_]")
# Text that carries its own closing punctuation: a sentence's end (before
# any closing marks or brackets), or a web address, which a full stop
# after it would seem part of.
OWN_END = re.compile(r"(?:[.!?…。！？؟།]+[\"'”’」』»«›‹)）\]]*|https?://\S+)\s*$")
PUNCTUATION = ".,;:!?。，、；：！？،؛؟།"
# What joins a name and its role (the role in the text's language) in a
# text whose language has no catalogue, by its script (where it is not
# ", "). A list's items keep the labels' separator: they are the chrome's
# (topics, authors), in whatever language each is named.
COMMAS = {"Arab": "، ", "Syrc": "، ", "Thaa": "، ", "Nkoo": "، ", "Ethi": "፣ ", "Hans": "，", "Hant": "，",
          "Jpan": "、", "Tibt": "། "}
JOINERS = {"apposition": COMMAS}
# Each catalogue by the writing it is in: ("ug", "Cyrl") is ug-Cyrl.
BY_WRITING = {locales.writing(lang): lang for lang in CATALOGUES}


def chrome_language(tag):
    """The catalogue a language tag's labels come from: the one in its
    language and script (``zh-TW`` finds zh-Hant, ``ug`` finds ug, not
    ug-Cyrl), else English."""
    return BY_WRITING.get(locales.writing(tag), "en")


def word_count(text):
    """Words in ``text``: each CJK character and each Tibetan syllable
    counts as one, as each is read as one; punctuation alone is no word."""
    cjk, syllables = len(UNSPACED.findall(text)), len(TIBETAN_SYLLABLE.findall(text))
    rest = TIBETAN.sub(" ", UNSPACED.sub(" ", text)).split()
    return cjk + syllables + sum(1 for word in rest if LETTER.search(word))


@dataclass(frozen=True, slots=True)
class Chrome:
    """Labels from the catalogue ``lang``; dates for text in ``text_lang``,
    which may be a language the catalogue lacks."""
    lang: str
    # The site's TIMEZONE: a time there is shown with its abbreviation.
    home_zone: str = ""
    # The tag of the text these labels are around, when it is not ``lang``.
    text_lang: str = ""

    def __getitem__(self, key):
        if key in JOINERS and self.text_lang and not same_language(self.text_lang, self.lang):
            # Labels from another catalogue, but the text's own comma
            # between its names and roles: "Joe Stork، نائب المدير".
            return JOINERS[key].get(locales.script(self.text_lang), LABELS[self.lang][key])
        return LABELS[self.lang][key]

    def say(self, key, **values):
        """The label with its {placeholders} filled, numbers as the
        language writes them: HTML (the rest of the values escaped) where
        one of them is."""
        values = {name: self.number(value) for name, value in values.items()}
        if any(isinstance(value, Markup) for value in values.values()):
            return escape(LABELS[self.lang][key]).format(**values)
        return LABELS[self.lang][key].format(**values)

    def count(self, key, n):
        """``key`` for ``n`` things, in the plural form CLDR's rules give
        ``n`` in the language: ``key_one``, ``key_few``, ``key_many``… where
        the catalogue has that form, else ``key``."""
        labels, found = LABELS[self.lang], locales.locale(self.lang)
        form = found.plural_form(n) if found else ("one" if n == 1 else "other")
        return labels.get(f"{key}_{form}", labels[key]).format(n=self.number(n))

    def number(self, value):
        """An int as the labels' language writes it (1,200, 1 200, 1.200)."""
        if isinstance(value, int) and not isinstance(value, bool):
            return decimal(value, self.lang)
        return value

    def stop(self, text):
        """The full stop after ``text`` ends a sentence with: none where it
        ends with its own punctuation or with a web address."""
        return "" if OWN_END.search(text or "") else self["full_stop"]

    def after(self, text, key):
        """The separator ``key`` (a colon, a comma) to follow ``text``:
        without its punctuation where ``text`` ends with its own, so no
        "appeal.:" or "appeal., Rights Desk"."""
        label = self[key]
        return label.lstrip(PUNCTUATION + "\u00a0\u202f") if OWN_END.search(text or "") else label

    @property
    def _dates(self):
        """(the catalogue's date formats that apply, the Babel locale) for
        this text: the catalogue's where the text is in its language; else
        CLDR's formats for the text's language; else English's."""
        text = self.text_lang or self.lang
        if same_language(text, self.lang):
            return DATES[self.lang], locales.locale(self.lang)
        found = locales.locale(text)
        return ({}, found) if found else (DATES["en"], locales.locale("en"))

    def _parts(self, moment, dates, found):
        """What a catalogue's date format may name: the names its own
        (a writing CLDR lacks, ug-Cyrl), else CLDR's."""
        weekdays, months, short = names_of(self.lang if "months" in dates else None, found)
        return {"weekday": weekdays[moment.weekday()], "day": moment.day, "month": months[moment.month - 1],
                "month_short": short[moment.month - 1], "month_number": moment.month, "year": moment.year}

    def date(self, moment):
        return self._day(moment.date())  # a date's words name its day alone

    @functools.lru_cache(maxsize=4096)
    def _day(self, day):
        """(Written once a day and language: every listing a report is in
        shows its date.)"""
        dates, found = self._dates
        if "date" in dates:
            return dates["date"].format(**self._parts(day, dates, found))
        return format_date(day, "full", locale=found)

    def day_month(self, moment):
        """The day and month alone, as a list within one year shows them."""
        dates, found = self._dates
        if "day_month" in dates:
            return dates["day_month"].format(**self._parts(moment, dates, found))
        return format_skeleton("MMMd", moment, locale=found)

    def date_time(self, moment):
        """Date and time of day as the clock where it happened showed them,
        and where that was: the abbreviation in the site's own zone ("EST"),
        else the offset from UTC ("UTC+3", "UTC+5:30"), which, unlike an
        abbreviation, means one thing everywhere ("CST" is Taipei's and
        Chicago's); a no-break space keeps the clock and its zone together."""
        zone = self.zone(moment)
        clock = f"{moment:%H:%M}" + (f"\u00a0{zone}" if zone else "")
        if locales.direction(self.dates_lang) == "rtl":
            # In a right-to-left date the clock and its zone stay in their order ("23:45 UTC+3").
            clock = Markup('<bdi dir="ltr">{}</bdi>').format(clock)
        dates, found = self._dates
        joined = dates.get("date_time") or get_datetime_format("long", locale=found).replace("'", "")
        return Markup(escape(joined.replace("{date}", "{1}").replace("{clock}", "{0}"))).format(clock, self.date(moment))

    @property
    def dates_lang(self):
        """The language the dates are written in (``lang="…"`` on them where
        it is not the labels')."""
        text = self.text_lang or self.lang
        return text if same_language(text, self.lang) or locales.locale(text) else "en"

    def zone(self, moment):
        if str(moment.tzinfo) == self.home_zone and moment.strftime("%Z").isalpha():
            return moment.strftime("%Z")
        offset = moment.utcoffset()
        if offset is None:
            return ""
        hours, minutes = divmod(abs(int(offset.total_seconds())) // 60, 60)
        sign = "-" if offset.days < 0 else "+"
        return DATES[self.lang]["utc_offset"].format(offset=f"{sign}{hours}" + (f":{minutes:02}" if minutes else ""))

    def minutes(self, words):
        """Minutes to read ``words`` (a `word_count`)."""
        return max(1, round(words / WORDS_A_MINUTE[self.lang]))

    def locale(self, page_lang):
        """Open Graph's language_TERRITORY for the page: ours for the
        languages we label, the language's home territory for the rest."""
        if not self.mark(page_lang):
            return self["og_locale"]
        language, _, territory = (page_lang or "en").replace("_", "-").partition("-")
        return f"{language.lower()}_{(territory if len(territory) == 2 else language).upper()}"

    def mark(self, page_lang):
        """`` lang="…"`` for chrome whose language is not the page's, and
        `` dir="…"`` where it runs the other way (English labels around a
        Persian report)."""
        if (page_lang or "en").split("-")[0].lower() == self.lang.split("-")[0]:
            return ""
        return Markup(f' lang="{self.lang}"') + dir_against(self.lang, page_lang)


def dir_against(tag, around):
    """`` dir="…"`` for text in ``tag`` inside text in ``around`` where the
    two run different ways (an element with ``dir`` is isolated, so its
    words never mix with the sentence around it); else nothing."""
    own = locales.direction(tag)
    return Markup(f' dir="{own}"') if own != locales.direction(around) else Markup("")


def text_attributes(tag, around):
    """`` lang="…"`` (and ``dir``) for text in ``tag`` inside ``around``."""
    if (tag or "") == (around or ""):
        return Markup("")
    return Markup(f' lang="{escape(tag)}"') + dir_against(tag, around)


def entries_in_their_languages(feed):
    """A feed (Atom or RSS) whose every entry in a language not the feed's
    (an item's ``language``) says so in its ``xml:lang`` (feed readers
    read it on an RSS item as on an Atom entry), and whose entries in a
    right-to-left language say their direction: the HTML of the summary
    and the content in ``<div dir="rtl" lang="…">`` (XML has no attribute
    for direction; a reader lays the entry out as that div says)."""
    def attributes(item):
        own = item.get("language")
        return {"xml:lang": own} if own and own != feed.feed["language"] else {}

    feed.item_attributes = attributes
    for item in feed.items:
        own = item.get("language")
        if own and locales.direction(own) != locales.direction(feed.feed["language"]):
            wrap = f'<div dir="{locales.direction(own)}" lang="{escape(own)}">{{}}</div>'
            for field in ("description", "content"):
                if item.get(field):
                    item[field] = wrap.format(item[field])


@functools.lru_cache(maxsize=4096)
def decimal(number, lang):
    """``number`` as ``lang`` writes it, where CLDR knows how (Babel's
    formatting, once a number: every page says a few)."""
    found = locales.locale(lang)
    return format_decimal(number, locale=found) if found else number


@functools.lru_cache(maxsize=None)
def names_of(catalogue, found):
    """(weekdays from Monday, months, short months): a catalogue's own, for
    a writing CLDR lacks, else CLDR's for the Babel locale ``found``."""
    if catalogue:
        dates = DATES[catalogue]
        return dates["weekdays"], dates["months"], dates["months_short"]
    weekdays = get_day_names("wide", locale=found)  # 0 is Monday, as in Python
    months, short = get_month_names("wide", locale=found), get_month_names("abbreviated", locale=found)
    return [weekdays[day] for day in range(7)], [months[m] for m in range(1, 13)], [short[m] for m in range(1, 13)]


def same_language(tag, other):
    """Whether text tagged ``tag`` is in the language (and, for Chinese, the
    script) of ``other``: ``zh-CN`` is ``zh-Hans``, not ``zh-TW``."""
    a, b = (tag or "en").lower(), (other or "en").lower()
    return a.split("-")[0] == b.split("-")[0] and chrome_language(a) == chrome_language(b)


def section_naming(names, section, lang):
    """(what a report in ``lang`` calls its section, the language that name
    is in): SECTION_NAMES's name for the language (its tag, else the tag its
    chrome is in: ``zh-CN`` finds ``zh-Hans``), else the section's own, in
    no language of the report's (None). The section and its address stay
    one, whatever the language."""
    own = getattr(section, "name", section)  # a Pelican Category, or its name
    given = names.get(own, {})
    name = given.get(lang) or given.get(chrome_language(lang))
    return (name, lang) if name else (own, None)


def section_name(names, section, lang):
    return section_naming(names, section, lang)[0]


def language_name(tag):
    """A language's name as its readers write it, and the tag to mark it
    with: from the catalogue for the languages it has, else CLDR's, else
    the tag itself."""
    own = chrome_language(tag)
    if same_language(tag, own):
        return LABELS[own]["language_name"], own
    found = locales.locale(tag)
    name = found and found.get_display_name(found)
    return (name[:1].upper() + name[1:], tag) if name else (tag, None)


def chrome(tag, home_zone=""):
    return Chrome(chrome_language(tag), home_zone, tag or "")


def add_filters(generator):
    home_zone = generator.settings.get("TIMEZONE") or ""
    generator.env.filters["chrome"] = lambda tag: chrome(tag, home_zone)
    names = generator.settings.get("SECTION_NAMES", {})
    generator.env.filters["section_in"] = lambda section, lang: section_name(names, section, lang)
    site_lang = generator.settings.get("DEFAULT_LANG") or "en"
    generator.env.filters["section_language"] = lambda section, lang: (
        section_naming(names, section, lang)[1] or site_lang)
    generator.env.tests["same_language"] = same_language
    generator.env.filters["wordcount_any"] = word_count
    generator.env.filters["dir_against"] = dir_against
    generator.env.filters["text_attributes"] = text_attributes
