"""Every word of the page chrome and every date format, per language: the
one catalogue templates and the reading stage (footnote and photo-credit
labels) read, through `languages.Chrome`.

Each language has every key; `tests/test_catalogue.py` checks that, and
that no template holds words of its own. A label that runs into what
follows carries its own space, where the language writes one. Values with
``{…}`` are formatted (``L.say("key", n=3)``) and escaped as text.

Written by the Rights Desk developers; the Chinese reviewed by no native
speaker yet.
"""

# Names of the days (Monday first) and months, and how a date, a date with
# its time, and a day of a month in a list are written.
DATES = {
    "en": {
        "weekdays": ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"],
        "months": ["January", "February", "March", "April", "May", "June", "July", "August",
                   "September", "October", "November", "December"],
        "months_short": ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"],
        "date": "{weekday} {day} {month} {year}",
        "date_time": "{date}, {clock}",
        "day_month": "{day} {month_short}",
    },
    "zh-Hans": {
        "weekdays": ["星期一", "星期二", "星期三", "星期四", "星期五", "星期六", "星期日"],
        "months": [f"{n}月" for n in range(1, 13)],
        "months_short": [f"{n}月" for n in range(1, 13)],
        "date": "{year}年{month_number}月{day}日{weekday}",
        "date_time": "{date} {clock}",
        "day_month": "{month_number}月{day}日",
    },
}
DATES["zh-Hant"] = DATES["zh-Hans"]

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
        # Listings and their headings.
        "latest_reports": "Latest reports", "nothing_yet": "Nothing published here yet.",
        "topic_heading": "Topic:", "section_heading": "Section:", "source_heading": "Source:",
        "quoted_heading": "Quoted:", "archives_heading": "Archives:", "archives_title": "Archives: {year}",
        "every_year": "Every year", "no_corrections": "No report has needed a correction.",
        # Pagination.
        "pages": "Pages", "newer": "Newer", "older": "Older", "page_of": "Page {n} of {count}",
        # A speaker's page.
        "also_at": "Also at ", "quotation_count_one": "{n} quotation", "quotation_count": "{n} quotations",
        "atom_feed": "Atom feed", "as_role": ", as ", "in_report": ", in ",
        # Descriptions (meta description, Open Graph).
        "describe_corrections": "Every correction {site} has made to a published report, newest first.",
        "describe_sources": "Every news organisation whose reports {site} publishes.",
        "describe_person": "Every quotation of {name} published on {site}, newest first.",
        "describe_year": "Every report of {year} on {site}, newest first.",
        "describe_archives": "Every report on {site}, year by year.",
        "describe_sections": "Every section of {site}.",
        "describe_topics": "Every topic covered on {site}.",
        "describe_people": "Everyone {site} has quoted, with the number of their quotations.",
        "describe_section": "Reports filed under {section} on {site}.",
        "describe_source": "Reports from {source} on {site}.",
        "describe_topic": "Reports on {topic} on {site}.",
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
        "latest_reports": "最新报道", "nothing_yet": "尚无发布内容。",
        "topic_heading": "话题：", "section_heading": "栏目：", "source_heading": "来源：",
        "quoted_heading": "引述：", "archives_heading": "归档：", "archives_title": "归档：{year}年",
        "every_year": "所有年份", "no_corrections": "尚无报道需要更正。",
        "pages": "分页", "newer": "较新", "older": "较早", "page_of": "第 {n} 页，共 {count} 页",
        "also_at": "另见：", "quotation_count_one": "{n} 条引语", "quotation_count": "{n} 条引语",
        "atom_feed": "Atom 订阅", "as_role": "，身份：", "in_report": "，见于 ",
        "describe_corrections": "{site} 对已发布报道所做的全部更正，最新的在前。",
        "describe_sources": "{site} 所发布报道的全部新闻机构。",
        "describe_person": "{site} 发布的 {name} 的全部引语，最新的在前。",
        "describe_year": "{site} {year} 年的全部报道，最新的在前。",
        "describe_archives": "{site} 的全部报道，按年份排列。",
        "describe_sections": "{site} 的全部栏目。",
        "describe_topics": "{site} 报道的全部话题。",
        "describe_people": "{site} 引述过的所有人，附各自引语的数量。",
        "describe_section": "{site}「{section}」栏目的报道。",
        "describe_source": "{site} 上来自 {source} 的报道。",
        "describe_topic": "{site} 关于「{topic}」的报道。",
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
        "latest_reports": "最新報道", "nothing_yet": "尚無發佈內容。",
        "topic_heading": "話題：", "section_heading": "欄目：", "source_heading": "來源：",
        "quoted_heading": "引述：", "archives_heading": "歸檔：", "archives_title": "歸檔：{year}年",
        "every_year": "所有年份", "no_corrections": "尚無報道需要更正。",
        "pages": "分頁", "newer": "較新", "older": "較早", "page_of": "第 {n} 頁，共 {count} 頁",
        "also_at": "另見：", "quotation_count_one": "{n} 條引語", "quotation_count": "{n} 條引語",
        "atom_feed": "Atom 訂閱", "as_role": "，身份：", "in_report": "，見於 ",
        "describe_corrections": "{site} 對已發佈報道所做的全部更正，最新的在前。",
        "describe_sources": "{site} 所發佈報道的全部新聞機構。",
        "describe_person": "{site} 發佈的 {name} 的全部引語，最新的在前。",
        "describe_year": "{site} {year} 年的全部報道，最新的在前。",
        "describe_archives": "{site} 的全部報道，按年份排列。",
        "describe_sections": "{site} 的全部欄目。",
        "describe_topics": "{site} 報道的全部話題。",
        "describe_people": "{site} 引述過的所有人，附各自引語的數量。",
        "describe_section": "{site}「{section}」欄目的報道。",
        "describe_source": "{site} 上來自 {source} 的報道。",
        "describe_topic": "{site} 關於「{topic}」的報道。",
    },
}

# Reading speed: 230 words a minute in English, 400 characters in Chinese.
WORDS_A_MINUTE = {"en": 230, "zh-Hans": 400, "zh-Hant": 400}
