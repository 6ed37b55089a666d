"""What an editor, or an attacker, may not put in a file (reading/safety.py):
each rule offered bad input, refused with its exact message at its line,
and offered the nearest good input, which passes."""

import pytest

from newsroom.reading import safety

HEAD = "Title: A report\nDate: 2021-04-21\nCategory: Courts\nAuthor: Desk\nSummary: One.\n"


def field(name, value):
    """The head with ``name: value`` as its sixth line (or in place of the
    field of that name)."""
    lines = [line for line in HEAD.splitlines() if not line.lower().startswith(name.lower() + ":")]
    return "\n".join(lines[:5] + [f"{name}: {value}"] + lines[5:]) + "\n"


@pytest.mark.parametrize("name, bad, says, good", [
    ("Slug", "../../../../pwned", "Slug '../../../../pwned' may hold only letters, digits and hyphens: write it like "
     "blinken-human-rights-defenders", "court-ruling-2"),
    ("Slug", "-leading", "Slug '-leading' may hold only letters, digits and hyphens", "leading"),
    # An accent written as a combining mark (NFD): one address on some file
    # systems, another on others.
    ("Slug", "cafe\u0301-vigil", "Slug 'cafe\u0301-vigil' may hold only letters, digits and hyphens",
     "caf\u00e9-vigil"),
    ("Save_as", "../.output-new-evil/x.html", "Save_as '../.output-new-evil/x.html' is not a plain relative path "
     "inside the site (letters, digits, - _ . / and no ..): correct it, or remove the field", "reports/x.html"),
    ("Save_as", "/etc/x.html", "Save_as '/etc/x.html' is not a plain relative path", "etc/x.html"),
    ("Save_as", "a/./b.html", "Save_as 'a/./b.html' is not a plain relative path", "a/b.html"),
    ("Url", "javascript:alert(1)", "Url 'javascript:alert(1)' is not a plain relative path inside the site",
     "reports/x.html"),
    ("Template", "!simple/base", "Template '!simple/base' is not one of the theme's templates for reports and pages: "
     "remove the field", "page"),
    ("Lang", "../../x", "Lang '../../x' is not a language tag (BCP 47, at most 35 characters, no subtag twice): write en, zh, zh-Hant, fr…", "zh-Hant-TW"),
    ("Lang", "english", "Lang 'english' is not a language tag", "yue-HK"),
])
def test_a_field_that_could_escape_or_break_the_site_is_refused(read_file, name, bad, says, good):
    problems, _ = read_file(field(name, bad) + "\nText.\n")
    assert len(problems) == 1 and problems[0].startswith(f"report.md:6: {says}"), problems
    problems, metadata = read_file(field(name, good) + "\nText.\n")
    assert problems == [] and metadata is not None


@pytest.mark.parametrize("name, value", [("Title", "\u200b\u2060"), ("Tags", "Courts, \u200b"),
                                         ("Category", "\u2060"), ("Author", "\u200b"), ("Slug", "\u200b")])
def test_a_field_of_nothing_but_invisible_characters_is_refused(read_file, name, value):
    head = field(name, value) if name != "Title" else HEAD.replace("Title: A report", f"Title: {value}")
    problems, _ = read_file(head + "\nText.\n")
    line = head.splitlines().index(f"{name}: {value}") + 1
    assert f"report.md:{line}: {name} has nothing but invisible characters: write it in words" in problems


@pytest.mark.parametrize("what, limit, make, says", [
    ("title", 300, lambda n: HEAD.replace("Title: A report", "Title: " + "a" * n),
     "report.md:1: Title is {n:,} characters long: a headline may have 300"),
    ("summary", 2000, lambda n: HEAD.replace("Summary: One.", "Summary: " + "a" * n),
     "report.md:5: Summary is {n:,} characters long: a standfirst may have 2000"),
    ("tags", 50, lambda n: field("Tags", ", ".join(f"t{i}" for i in range(n))),
     "report.md:6: Tags lists {n:,} topics: a report may have 50"),
    ("speakers", 200, lambda n: field("Speakers", "\n    ".join(f"P{i} | person" for i in range(n))),
     "report.md:6: Speakers lists more than 200 speakers: split the report"),
])
def test_work_is_bounded_at_the_stated_limits(read_file, what, limit, make, says):
    assert safety.LIMITS[what] == limit
    problems, metadata = read_file(make(limit) + "\nText.\n")
    assert problems == [] and metadata is not None, "the limit itself is allowed"
    problems, _ = read_file(make(limit + 1) + "\nText.\n")
    assert problems == [says.format(n=limit + 1)]


@pytest.mark.parametrize("character, what, line", [
    ("\x00", "a control character (U+0000)", 9), ("\x1b", "a control character (U+001B)", 9),
    ("\x85", "a control character (U+0085)", 9), ("\u202e", "a bidirectional override character (U+202E)", 9),
    ("\u2066", "a bidirectional override character (U+2066)", 9),
])
def test_characters_that_hide_or_break_text_are_refused_at_their_line(read_file, character, what, line):
    problems, _ = read_file(HEAD + "\nFirst.\n\nThe price is " + character + "1000 dollars.\n")
    assert problems == [f"report.md:{line}: has {what}, which hides or breaks text: delete it"]


def test_ordinary_whitespace_and_joiners_are_not_control_characters(read_file):
    problems, metadata = read_file(HEAD + "\nTabs\tand\r\nnew lines, 中文\u200d and a zero-width joiner.\n")
    assert problems == [] and metadata is not None


@pytest.mark.parametrize("link, says", [
    ("javascript:alert(1)", "links to 'javascript:alert(1)', whose javascript: scheme could run code or hide a file: "
                            "only http, https and mailto links, and links within the site, are published"),
    ("JaVaScRiPt:alert(2)", "links to 'JaVaScRiPt:alert(2)', whose javascript: scheme"),
    ("&#106;avascript:alert(1)", "links to '&#106;avascript:alert(1)', whose javascript: scheme"),
    ("java%0Ascript:alert(1)", "links to 'java%0Ascript:alert(1)', whose javascript: scheme"),
    ("vbscript:x", "links to 'vbscript:x', whose vbscript: scheme"),
    ("data:text/html,x", "links to 'data:text/html,x', whose data: scheme"),
    ("file:///etc/passwd", "links to 'file:///etc/passwd', whose file: scheme"),
])
def test_a_link_whose_scheme_could_run_code_is_refused_in_the_text_and_in_fields(read_file, link, says):
    problems, _ = read_file(HEAD + f"\nA [link]({link}).\n")
    assert len(problems) == 1 and problems[0].startswith(f"report.md:7: {says}"), problems
    problems, _ = read_file(HEAD.replace("Summary: One.", f"Summary: A [link]({link}).") + "\nText.\n")
    assert len(problems) == 1 and problems[0].startswith(f"report.md:5: {says}"), problems


@pytest.mark.parametrize("link", ["https://example.org/a?b=c", "http://example.org", "mailto:desk@example.org",
                                  "../2021/other.html", "#notes", "{filename}report.md", "/about.html"])
def test_links_a_reader_can_follow_safely_pass(read_file, link):
    assert safety.link_problem(link) is None


def test_a_reference_link_is_checked_like_any_other(read_file):
    problems, _ = read_file(HEAD + "\nA [reference][r].\n\n[r]: vbscript:x\n")
    assert len(problems) == 1 and "whose vbscript: scheme" in problems[0]


def test_visible_keeps_what_shows_and_drops_what_does_not():
    assert safety.visible(" a\u200b b\u2060\t") == "ab"
    assert safety.visible("\u0301") == "" and safety.visible("中") == "中"


@pytest.mark.parametrize("missing", ["Title", "Summary"])
def test_a_file_missing_its_title_or_standfirst_is_refused_by_line_not_crashed(read_file, missing):
    head = "\n".join(line for line in HEAD.splitlines() if not line.startswith(missing)) + "\n"
    problems, metadata = read_file(head + "\nText.\n")
    assert metadata is None and len(problems) == 1 and problems[0].startswith(f"report.md:1: {missing} is missing")


def test_a_title_over_continuation_lines_counts_its_words_as_one_line():
    problems = safety.fields({"title": ["a" * 150, "b" * 150]}, lambda name: 1)
    assert problems == [(1, "Title is 301 characters long: a headline may have 300")]
    assert safety.fields({"title": ["a" * 150, "b" * 149]}, lambda name: 1) == []
    summary = safety.fields({"summary": ["a" * 1000, "b" * 1000]}, lambda name: 5)
    assert summary == [(5, "Summary is 2,001 characters long: a standfirst may have 2000")]


def test_topics_are_counted_by_comma_not_by_word():
    tags = ", ".join(f"human rights {i}" for i in range(50))
    assert safety.fields({"tags": [tags]}, lambda name: 6) == []


@pytest.mark.parametrize("name, value", [("authors", "Desk, \u200b"), ("tags", "Courts, \u2060")])
def test_an_invisible_name_in_a_list_is_refused(name, value):
    assert safety.fields({name: [value]}, lambda field: 6) == [
        (6, f"{name.capitalize()} has nothing but invisible characters: write it in words")]


def test_a_field_that_is_no_list_is_not_split_at_commas():
    assert safety.fields({"category": ["Courts, \u200b"], "title": ["Rights,\u200b and wrongs"]}, lambda n: 1) == []


def test_a_long_link_is_named_by_its_first_sixty_characters():
    link = "javascript:" + "x" * 80
    assert safety.link_problem(link).startswith(f"links to {link[:60]!r}, whose javascript: scheme")


def test_a_photo_whose_source_could_run_code_is_refused_as_a_link_too(read_file):
    problems, _ = read_file(HEAD + "\n![A court](javascript:alert(1))\n")
    assert any("links to 'javascript:alert(1)', whose javascript: scheme could run code" in p for p in problems)


def test_control_characters_show_nothing():
    assert safety.visible("\x01\x7f") == ""


def test_a_refusal_names_the_line_of_its_field_wherever_it_stands(read_file):
    head = "Date: 2021-04-21\nCategory: Courts\nAuthor: Desk\nSummary: One.\nTitle: " + "a" * 301 + "\n"
    problems, _ = read_file(head + "\nText.\n")
    assert problems == ["report.md:5: Title is 301 characters long: a headline may have 300"]


@pytest.mark.parametrize("text, refused", [
    ("He said [“it takes 5\u200f-10 years”]{speaker=Ann}.", True),
    ("Sentences of 5\u200e-10 years.", True),
    ("Human Rights Watch\u061c said so.", True),
    ("قالت Human Rights Watch\u200f إن 2024\u200f كان", False),
    ("في عام 2024\u200f قال", False),
    ("The word الصين\u200f means China.", False),
    ("قالت Human Rights Watch\u200f", False),
    ("It was Human Rights Watch\u200f", True),
    # Two Latin names in an Arabic line, kept apart: each read in the line's order.
    ("الاحتجاز Human Rights Watch\u200f Amnesty International\u200f", False),
    ("Summary: الاحتجاز Human Rights Watch\u200f Human Rights Watch\u200f", False),
])
def test_a_direction_mark_stands_only_beside_right_to_left_letters(text, refused):
    found = safety.stray_direction_mark(text)
    assert (found is not None) == refused, (text, found)


@pytest.mark.parametrize("tag, taken", [("en", True), ("zh-Hant-TW", True), ("sl-rozaj-biske", True),
                                        ("de-1901-1901", False), ("sl-" + "-".join(["rozaj"] * 600), False),
                                        ("en-" + "abcdefgh-" * 4 + "x1234", False)])
def test_a_language_tag_is_bcp_47_and_bounded(read_file, tag, taken):
    problems, metadata = read_file(f"Title: A\nDate: 2021-04-21\nCategory: C\nAuthor: D\nSummary: S.\nSlug: a\n"
                                   f"Lang: {tag}\n\nText.\n")
    assert (metadata is not None) == taken, problems
    assert taken or any(p.startswith("report.md:7: Lang ") and len(p) < 300 for p in problems), problems
