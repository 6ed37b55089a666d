"""The page chrome in the report's own language: labels, dates, reading time.

A report in English, simplified Chinese (``zh``, ``zh-Hans``, ``zh-CN``…) or
traditional Chinese (``zh-Hant``, ``zh-TW``, ``zh-HK``) gets every label
around it in that language, dates as that language writes them, and a
reading time counted in characters for Chinese. A report in another
language gets the English chrome, marked ``lang="en"`` by the theme.

Templates get the filter ``chrome`` (a `Chrome` for a language tag) and
``wordcount_any`` (words, counting each CJK character as one).
"""

import re
from dataclasses import dataclass

from markupsafe import Markup

WEEKDAYS = {
    "en": ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"],
    "zh-Hans": ["星期一", "星期二", "星期三", "星期四", "星期五", "星期六", "星期日"],
    "zh-Hant": ["星期一", "星期二", "星期三", "星期四", "星期五", "星期六", "星期日"],
}
MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August",
          "September", "October", "November", "December"]

# Labels that run into what follows carry their own space, where the
# language writes one.
LABELS = {
    "en": {
        "skip": "Skip to content", "sections_nav": "Sections", "latest": "Latest",
        "archives": "Archives", "topics": "Topics", "by": "By ", "updated": "Updated ",
        "min_read": "{n} min read", "editor_note": "Editor’s note", "source": "Source: {source}.",
        "filed_under": "Filed under ", "topics_label": "Topics: ", "notes": "Notes",
        "back_to_reference": "Back to reference {n}", "correction": "Correction",
        "corrections": "Corrections", "translations": "Also in: ",
        "footer": "{site} publishes reports as they reach us, every quotation attributed to its speaker.",
        "follow": "Follow by ", "or": " or ", "sources": "Sources", "sections": "Sections",
        "og_locale": "en_US", "photo_credit": "Photo: {credit}",
        "quoted_here": "Quoted in this report", "people": "People",
    },
    "zh-Hans": {
        "skip": "跳到正文", "sections_nav": "栏目", "latest": "最新",
        "archives": "归档", "topics": "话题", "by": "来源：", "updated": "更新于",
        "min_read": "阅读约 {n} 分钟", "editor_note": "编者按", "source": "来源：{source}。",
        "filed_under": "栏目：", "topics_label": "话题：", "notes": "注释",
        "back_to_reference": "返回注释 {n} 的引用处", "correction": "更正",
        "corrections": "更正", "translations": "其他语言版本：",
        "footer": "{site} 按原样发布报道，每句引语都注明出处。",
        "follow": "订阅：", "or": "或", "sources": "来源", "sections": "栏目",
        "og_locale": "zh_CN", "photo_credit": "图片：{credit}",
        "quoted_here": "本文引述", "people": "人物",
    },
    "zh-Hant": {
        "skip": "跳到正文", "sections_nav": "欄目", "latest": "最新",
        "archives": "歸檔", "topics": "話題", "by": "來源：", "updated": "更新於",
        "min_read": "閱讀約 {n} 分鐘", "editor_note": "編者按", "source": "來源：{source}。",
        "filed_under": "欄目：", "topics_label": "話題：", "notes": "註釋",
        "back_to_reference": "返回註釋 {n} 的引用處", "correction": "更正",
        "corrections": "更正", "translations": "其他語言版本：",
        "footer": "{site} 按原樣發佈報道，每句引語都註明出處。",
        "follow": "訂閱：", "or": "或", "sources": "來源", "sections": "欄目",
        "og_locale": "zh_TW", "photo_credit": "圖片：{credit}",
        "quoted_here": "本文引述", "people": "人物",
    },
}
# Reading speed: 230 words a minute in English, 400 characters in Chinese.
WORDS_A_MINUTE = {"en": 230, "zh-Hans": 400, "zh-Hant": 400}
CJK = re.compile(r"[\u2e80-\u2fdf\u3040-\u30ff\u3100-\u312f\u3190-\u31ff\u3400-\u4dbf"
                 r"\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0002fa1f]")
TRADITIONAL = ("zh-hant", "zh-tw", "zh-hk", "zh-mo")


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

    def __getitem__(self, key):
        return LABELS[self.lang][key]

    def say(self, key, **values):
        return LABELS[self.lang][key].format(**values)

    def date(self, moment):
        weekday = WEEKDAYS[self.lang][moment.weekday()]
        if self.lang == "en":
            return f"{weekday} {moment.day} {MONTHS[moment.month - 1]} {moment.year}"
        return f"{moment.year}年{moment.month}月{moment.day}日{weekday}"

    def date_time(self, moment):
        """Date and time of day, with the zone's abbreviation where known."""
        zone = moment.strftime("%Z")
        clock = f"{moment:%H:%M}" + (f" {zone}" if zone and not zone.startswith(("+", "-")) else "")
        return f"{self.date(moment)}, {clock}" if self.lang == "en" else f"{self.date(moment)} {clock}"

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


def chrome(tag):
    return Chrome(chrome_language(tag))


def add_filters(generator):
    generator.env.filters["chrome"] = chrome
    generator.env.filters["wordcount_any"] = word_count
