"""The page chrome in the report's own language: labels, dates, reading time,
from the one catalogue (`catalogue/`, a file a language).

A report in English, simplified Chinese (``zh``, ``zh-Hans``, ``zh-CN``…) or
traditional Chinese (``zh-Hant``, ``zh-TW``, ``zh-HK``) gets every label
around it in that language, dates as that language writes them, and a
reading time counted in characters for Chinese. A report in another
language gets the English chrome, marked ``lang="en"`` by the theme.

Templates get the filters ``chrome`` (a `Chrome` for a language tag),
``section_in`` (a section's name in a language, from SECTION_NAMES) and
``wordcount_any`` (words, counting each CJK character as one), and the
test ``same_language``.
"""

import re
from dataclasses import dataclass

from markupsafe import Markup, escape

from .catalogue import DATES, LABELS, WORDS_A_MINUTE

CJK = re.compile(r"[\u2e80-\u2fdf\u3040-\u30ff\u3100-\u312f\u3190-\u31ff\u3400-\u4dbf"
                 r"\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0002fa1f]")
TRADITIONAL = ("zh-hant", "zh-tw", "zh-hk", "zh-mo")
# Text that carries its own closing punctuation: a sentence's end (before
# any closing marks or brackets), or a web address, which a full stop
# after it would seem part of.
OWN_END = re.compile(r"(?:[.!?…。！？]+[\"'”’」』»›)）\]]*|https?://\S+)\s*$")
PUNCTUATION = ".,;:!?。，、；：！？"


def chrome_language(tag):
    """Which labels a language tag gets: en, zh-Hans or zh-Hant."""
    tag = (tag or "en").lower()
    if tag.startswith("zh"):
        return "zh-Hant" if tag.startswith(TRADITIONAL) else "zh-Hans"
    return "en"


def word_count(text):
    """Words in ``text``, each CJK character counted as one word."""
    return len(CJK.findall(text)) + len(CJK.sub(" ", text).split())


@dataclass(frozen=True, slots=True)
class Chrome:
    lang: str
    # The site's TIMEZONE: a time there is shown with its abbreviation.
    home_zone: str = ""

    def __getitem__(self, key):
        return LABELS[self.lang][key]

    def say(self, key, **values):
        """The label with its {placeholders} filled: HTML (the rest of the
        values escaped) where one of them is."""
        if any(isinstance(value, Markup) for value in values.values()):
            return escape(LABELS[self.lang][key]).format(**values)
        return LABELS[self.lang][key].format(**values)

    def count(self, key, n):
        """``key`` for ``n`` things: ``key_one`` where the language has a
        form for one and ``n`` is 1."""
        labels = LABELS[self.lang]
        return labels.get(f"{key}_one" if n == 1 else key, labels[key]).format(n=n)

    def stop(self, text):
        """The full stop after ``text`` ends a sentence with: none where it
        ends with its own punctuation or with a web address."""
        return "" if OWN_END.search(text or "") else self["full_stop"]

    def after(self, text, key):
        """The separator ``key`` (a colon, a comma) to follow ``text``:
        without its punctuation where ``text`` ends with its own, so no
        "appeal.:" or "appeal., Rights Desk"."""
        label = self[key]
        return label.lstrip(PUNCTUATION) if OWN_END.search(text or "") else label

    def _date_parts(self, moment):
        names = DATES[self.lang]
        return {"weekday": names["weekdays"][moment.weekday()], "day": moment.day,
                "month": names["months"][moment.month - 1], "month_short": names["months_short"][moment.month - 1],
                "month_number": moment.month, "year": moment.year}

    def date(self, moment):
        return DATES[self.lang]["date"].format(**self._date_parts(moment))

    def day_month(self, moment):
        """The day and month alone, as a list within one year shows them."""
        return DATES[self.lang]["day_month"].format(**self._date_parts(moment))

    def date_time(self, moment):
        """Date and time of day as the clock where it happened showed them,
        and where that was: the abbreviation in the site's own zone ("EST"),
        else the offset from UTC ("UTC+3", "UTC+5:30"), which, unlike an
        abbreviation, means one thing everywhere ("CST" is Taipei's and
        Chicago's); a no-break space keeps the clock and its zone together."""
        zone = self.zone(moment)
        clock = f"{moment:%H:%M}" + (f"\u00a0{zone}" if zone else "")
        return DATES[self.lang]["date_time"].format(date=self.date(moment), clock=clock)

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
        """`` lang="…"`` for chrome whose language is not the page's."""
        if (page_lang or "en").split("-")[0].lower() == self.lang.split("-")[0]:
            return ""
        return Markup(f' lang="{self.lang}"')


def same_language(tag, other):
    """Whether text tagged ``tag`` is in the language (and, for Chinese, the
    script) of ``other``: ``zh-CN`` is ``zh-Hans``, not ``zh-TW``."""
    a, b = (tag or "en").lower(), (other or "en").lower()
    return a.split("-")[0] == b.split("-")[0] and chrome_language(a) == chrome_language(b)


def section_name(names, section, lang):
    """What a report in ``lang`` calls its section: SECTION_NAMES's name for
    the language (its tag, else the tag its chrome is in: ``zh-CN`` finds
    ``zh-Hans``), else the section's own. The section and its address stay
    one, whatever the language."""
    own = getattr(section, "name", section)  # a Pelican Category, or its name
    given = names.get(own, {})
    return given.get(lang) or given.get(chrome_language(lang)) or own


def language_name(tag):
    """A language's name as its readers write it, and the tag to mark it
    with: from the catalogue for the languages it has, else the tag itself."""
    own = chrome_language(tag)
    if same_language(tag, own):
        return LABELS[own]["language_name"], own
    return tag, None


def chrome(tag, home_zone=""):
    return Chrome(chrome_language(tag), home_zone)


def add_filters(generator):
    home_zone = generator.settings.get("TIMEZONE") or ""
    generator.env.filters["chrome"] = lambda tag: chrome(tag, home_zone)
    names = generator.settings.get("SECTION_NAMES", {})
    generator.env.filters["section_in"] = lambda section, lang: section_name(names, section, lang)
    generator.env.tests["same_language"] = same_language
    generator.env.filters["wordcount_any"] = word_count
