"""Each language's quotation conventions: its marks recognised and kept as
printed, the fix in its messages written in its marks (CLDR's), names in
quotation marks ({name}), a quotation the reporter interrupts inside one
pair of marks ({aside}), and the direction marks right-to-left text needs."""

import pytest

from newsroom.chrome import locales

HEAD = ("Title: {title}\nDate: 2021-04-21\nCategory: Courts\nAuthor: Desk\nSummary: {summary}\nLang: {lang}\n"
        "Speakers: Илья Новиков | адвокат | Новиков\n    ئىلھام توختى | ئىقتىسادشۇناس | توختى\n\n")


@pytest.fixture
def read(read_file):
    def read(body, lang="ru", title="Заголовок", summary="Одна строка."):
        problems, metadata = read_file(HEAD.format(title=title, summary=summary, lang=lang) + body + "\n")
        return (problems, None) if metadata is None else (metadata["content"], metadata["report"].quotations)

    return read


def test_an_interrupted_quotation_is_one_speakers_words_and_the_middle_is_not(read):
    content, [quotation] = read("Он сказал: [«Это дело ненависти, [— говорит адвокат. —]{aside} "
                                "Пять лет назад всё было иначе»]{speaker=Новиков}.")
    assert quotation.speaker.name == "Илья Новиков"
    # Off the report's page, the reporter's words are elided: the speaker's alone, as the JSON-LD gives them.
    assert quotation.text == "Это дело ненависти, […] Пять лет назад всё было иначе"
    assert quotation.printed == "«Это дело ненависти, […] Пять лет назад всё было иначе»"
    assert '<span class="aside">— говорит адвокат. —</span>' in content


@pytest.mark.parametrize("body", [
    "Просто [— говорит он —]{aside} текст.",
    "Организация [«Мемориал» [— говорит он —]{aside}]{name}.",
    "> «Мы будем, [— говорит он. —]{aside} обжаловать.»\n> {speaker=Новиков}",
    "> «Мы будем обжаловать {speaker=Новиков} приговор.»\n> {speaker=Новиков}",
])
def test_an_aside_or_attributes_left_unread_are_refused_even_in_a_block_quotation(read, body):
    problems, quotations = read(body)
    assert quotations is None and any(problem.startswith("report.md:1") and (
        "aside" in problem or "follows no quotation" in problem) for problem in problems), problems


@pytest.mark.parametrize("body, lang, name", [
    ("Правозащитный центр [«Мемориал»]{name} ликвидирован.", "ru", "«Мемориал»"),
    ("[«شىنجاڭ قانۇن تورى»]{name} خەۋەر قىلدى.", "ug", "«شىنجاڭ قانۇن تورى»"),
    ("Агентство [„Интерфакс“]{name} сообщило.", "ru", "„Интерфакс“"),
])
def test_a_name_in_quotation_marks_is_a_name_not_anyones_words(read, body, lang, name):
    content, quotations = read(body, lang=lang)
    assert quotations == [] and f'<span class="name">{name}</span>' in content


@pytest.mark.parametrize("body, lang, fix", [
    ("ئۇ مۇنداق دېدى: «بىز ئۈمىدسىزلەنمەيمىز».", "ug", "[«…»]{speaker=Name}"),
    ("Адвокат заявил: «Мы будем обжаловать».", "ru", "[«…»]{speaker=Name}"),
    ("Адвокат заявил: „Мы будем обжаловать“.", "ru", "[„…“]{speaker=Name}"),
    ("Il a dit : ‹ non ›.", "fr", "[‹…›]{speaker=Name}"),
])
def test_an_unmarked_quotation_in_any_languages_marks_is_refused_in_its_own_marks(read, body, lang, fix):
    problems, quotations = read(body, lang=lang)
    assert quotations is None and len(problems) == 1 and fix in problems[0], problems


@pytest.mark.parametrize("lang, opening", [("ru", "«"), ("en", "“"), ("zh-Hant", "「"), ("de", "„"), ("ug", "»")])
def test_where_the_source_shows_no_mark_the_fix_uses_the_languages_own(read, lang, opening):
    assert locales.quotation_marks(lang)[0] == opening
    problems, _ = read("Text {speaker=Новиков} here.", lang=lang)
    assert problems and "follows no quotation" in problems[0]


def test_a_quotation_in_uyghur_keeps_its_marks_and_its_speaker(read):
    content, [quotation] = read("ئۇ مۇنداق دېدى: [«بىز ئۈمىدسىزلەنمەيمىز»]{speaker=توختى}.", lang="ug")
    assert (quotation.speaker.name, quotation.text, quotation.printed) == (
        "ئىلھام توختى", "بىز ئۈمىدسىزلەنمەيمىز", "«بىز ئۈمىدسىزلەنمەيمىز»")


def test_direction_marks_are_accepted_and_overrides_refused(read):
    content, quotations = read("\u200fئۇ 2021-يىلى \u200eHuman Rights Watch\u200f دېدى.", lang="ug",
                               title="\u200fئۇيغۇر", summary="خەۋەر\u061c.")
    assert quotations == [] and "\u200e" in content
    problems, refused = read("Текст \u202eперевёрнут\u202c.")
    assert refused is None and any("override" in problem for problem in problems)


@pytest.mark.parametrize("title, lang, slug", [
    ("ئۇيغۇر ئالىمى ئىلھام توختىنىڭ قىزى", "ug", "uyghur-alimi-ilham-toxtining-qizi"),
    ("شىنجاڭدىكى لاگېرلار", "ug", "shinjangdiki-lagerlar"),
    ("Уйғур аниси оғлиниң тәқдирини сориди", "ug-Cyrl", "uyghur-anisi-oghlining-teqdirini-soridi"),
    # Romanised letter by letter where that reads (Pelican's own).
    ("Суд оставил в силе приговор", "ru", None),
    ("Court upholds sentence", "ug", "court-upholds-sentence"),
    # Every word, what would look like a tag to Pelican's slugify too.
    ("Detention <30 days rose; >90 days fell", "en", "detention-30-days-rose-90-days-fell"),
])
def test_a_title_without_latin_letters_gets_a_readable_address(read_file, title, lang, slug):
    _, metadata = read_file(f"Title: {title}\nDate: 2021-04-21\nCategory: Courts\nAuthor: Desk\nSummary: One.\n"
                            f"Lang: {lang}\n\nText.\n")
    assert metadata.get("slug") == slug


@pytest.mark.parametrize("title, lang", [("دادگاه حکم را تأیید کرد", "fa"), ("המשפט נדחה", "he"),
                                         ("ئۇيغۇر ئالىمى", "ar")])
def test_a_title_in_a_script_without_vowels_asks_for_a_slug(read_file, title, lang):
    problems, metadata = read_file(f"Date: 2021-04-21\nTitle: {title}\nCategory: Courts\nAuthor: Desk\n"
                                   f"Summary: One.\nLang: {lang}\n\nText.\n")
    assert metadata is None and any(p.startswith("report.md:2: ") and "add a Slug" in p for p in problems), problems
    _, metadata = read_file(f"Date: 2021-04-21\nTitle: {title}\nSlug: court-rejects\nCategory: Courts\n"
                            f"Author: Desk\nSummary: One.\nLang: {lang}\n\nText.\n")
    assert metadata["slug"] == "court-rejects"


def test_latin_names_in_a_right_to_left_headline_and_standfirst_are_isolated(read_file):
    _, metadata = read_file("Title: Human Rights Watch: [«خەۋەر يوق»]{speaker=HRW}\nDate: 2021-04-21\nCategory: Courts\n"
                            "Author: Desk\nSummary: Amnesty International بايانات ئېلان قىلدى.\nLang: ug\n"
                            "Speakers: Human Rights Watch | organisation | rights group | HRW\n\nText.\n")
    assert metadata["report"].title_html.startswith("<bdi>Human Rights Watch</bdi>: ")
    assert metadata["title"] == "Human Rights Watch: «خەۋەر يوق»", "the words are the source's"
    assert metadata["summary"] == "<p><bdi>Amnesty International</bdi> بايانات ئېلان قىلدى.</p>"
