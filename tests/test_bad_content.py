"""Content that is not fit to publish stops the build: one line per problem,
naming the file, the line where there is one, and what to do; output/ is
left as it was. Quotation marks and markup of every kind are also tested
in-process, in plugins/newsroom/tests."""

import json
import subprocess
import sys

import pytest

from conftest import ROOT, build, content_with

CASES = {
    "no-title.md": ":1: Title is missing: add 'Title: the headline'",
    "no-date.md": ":1: Date is missing: add 'Date: YYYY-MM-DD'",
    "impossible-date.md": ":2: Date '2021-02-30' is not a real date: write YYYY-MM-DD",
    "modified-before-date.md": ":3: Modified is earlier than Date",
    "no-category.md": ":1: Category is missing: add 'Category: the section'",
    "no-author.md": ":1: Author is missing: add 'Author: the reporter or publisher'",
    "no-summary.md": ":1: Summary is missing: add 'Summary: one sentence that tells the story'",
    "empty.md": ":1: is empty",
    "not-utf8.md": ":1: is not UTF-8 text: save the file as UTF-8",
    "broken-link.md": ":8: links to {filename}missing-report.md, which does not exist",
    "dead-tag-link.md": ":7: links to {tag}Tibet, which no article has",
    "duplicate-slug.md": "are both published as 2021/04/blinken-human-rights-defenders.html",
    "punctuation-tag.md": ": Tags '<>' has no letter or digit to make its address from",
    "title-unmarked.md": ":1: a straight double quotation mark without markup at '\"final\"'",
    "summary-photo.md": ":5: Summary holds an image, which only the report's text can show",
    "summary-unmarked.md": ":5: an opening corner bracket without markup at '「判决是最终的」 on Monday.'",
    "note-unmarked.md": ":6: a straight single quotation mark without markup at ''final' verdict.'",
    "photo-without-alt.md": ":7: photo 'images/photo.jpg' has no alt text: write ![what the photo shows]",
    "photo-remote.md": ":7: photo 'https://example.org/court.jpg' is on another site",
    "correction-undated.md": ":6: Correction line 'yesterday: the name was wrong.' is not 'YYYY-MM-DD: what was corrected'",
    "quote-without-speaker.md": ":8: '[“We will.”]' has no speaker, term or title after its closing bracket",
    "quote-unclosed.md": ":8: quotation markup '[“We will. {speaker=Price} and left.' does not close",
    "quote-unknown-speaker.md": ":8: quotation '[“We will.”]' names speaker 'Blinken', who is not in the Speakers field",
    "quote-unmarked.md": ":8: an opening quotation mark without markup at '“We will.” and left.'",
    "blockquote-without-speaker.md": ":8: '> “We will.”' has no speaker, term or title after its closing bracket",
    "speakers-malformed.md": ":6: Speakers line 'Price | spokesperson | Ned | person | extra' is not 'Name | kind | description | other names | links | roles'",
    "title-twice.md": ":1: Title is given 2 times: keep one",
    "slug-escape.md": ":6: Slug '../../../../pwned' may hold only letters, digits and hyphens",
    "static-escape.md": ":7: links to {static}../../../leak/secret.txt, which is outside content/",
    "saveas-escape.md": ":6: Save_as '../.output-new-evil/x.html' is not a plain relative path inside the site",
    "saveas-index.md": ":6: would be published as index.html, which the build makes itself",
    "saveas-year.md": ":6: would be published as 2021/index.html, which the build makes itself",
    "saveas-page2.md": ":6: would be published as page/2.html, which the build makes itself",
    "saveas-section-page.md": ":6: would be published as category/human-rights/page/2.html, which the build makes",
    "saveas-folder.md": ":6: would be published as category, which the build makes itself",
    "saveas-sitemap.md": ":6: would be published as sitemap.xml, which the build makes itself",
    "template-foreign.md": ":6: Template '!simple/base' is not one of the theme's templates",
    "link-javascript.md": ":7: links to 'javascript:alert(1)', whose javascript: scheme could run code",
    "summary-javascript.md": ":5: links to '&#106;avascript:alert(1)', whose javascript: scheme could run code",
    "url-javascript.md": ":6: Url 'javascript:alert(1)' is not a plain relative path inside the site",
    "title-nul.md": ":1: has a control character (U+0000), which hides or breaks text: delete it",
    "body-bidi.md": ":7: has a bidirectional override character (U+202E), which hides or breaks text",
    "title-invisible.md": ":1: Title has nothing but invisible characters: write it in words",
    "lang-invalid.md": ":6: Lang '../../x' is not a language tag",
    "date-ambiguous.md": ":2: Date '12/11/10' is not written YYYY-MM-DD",
    "date-absurd.md": ":2: Date '9999-01-01' is not a year this site can publish",
    "speakers-collide.md": ":7: Speakers names 'Ann Lee' and 'ann lee', which machines cannot tell apart",
    "nesting-deep.md": ":1: is nested too deeply",
    "title-huge.md": ":1: Title is 99,999 characters long: a headline may have 300",
    "tags-many.md": ":6: Tags lists 5,000 topics: a report may have 50",
    "translation-unknown.md": ": Translation_of names 'no-such-report', which no other published report has",
}


def refused_log(tmp_path, *names):
    """What a refused build of content/ plus ``names`` prints, as printed,
    after checking that nothing was published."""
    output = tmp_path / "output"
    output.mkdir()
    (output / "index.html").write_text("the site as it was")
    result = build(output, content=content_with(tmp_path, *names))
    assert result.returncode != 0
    assert [p.name for p in output.iterdir()] == ["index.html"]
    assert (output / "index.html").read_text() == "the site as it was"
    # Nothing written beside the output folder but the build's cache and lock.
    assert {p.name for p in tmp_path.iterdir()} <= {"content", "output", ".output-cache", ".output.lock"}
    return result.stdout + result.stderr


@pytest.fixture(scope="module")
def every_case(tmp_path_factory):
    """One build of content/ with every bad file beside it, as an editor
    who got everything wrong at once would run it: each problem must be in
    its list (a build lists every problem of every file, so one build
    checks them all)."""
    return refused_log(tmp_path_factory.mktemp("bad"), *CASES)


def problems(log):
    """The list of problems the build ends with, whitespace collapsed."""
    return " ".join(log[log.index("BuildRefused"):].split())


@pytest.mark.parametrize("name, problem", CASES.items())
def test_bad_file_fails_the_build_naming_file_and_problem(every_case, name, problem):
    """Each problem on its line: the file's name, then its line and fix."""
    lines = [" ".join(line.split()) for line in every_case.splitlines() if problem in " ".join(line.split())]
    assert lines and all(name in line for line in lines), (name, lines)


def test_one_bad_file_alone_fails_the_build(tmp_path):
    """A build with a single bad file is refused as one with many is."""
    assert CASES["quote-unmarked.md"] in problems(refused_log(tmp_path, "quote-unmarked.md"))


def test_every_problem_is_reported_in_one_build(every_case):
    log = problems(every_case)
    for name, problem in CASES.items():
        assert problem in log, name
    # Each once: Pelican's own "Could not process" lines only repeat them.
    assert "Could not process" not in log


def test_each_problem_is_printed_once_on_a_line_an_editor_can_copy(every_case):
    """`file:line: what: fix`, whole on one line (not wrapped at the 80
    columns a console without a terminal has), and not again in the log."""
    for name, problem in CASES.items():
        lines = [line for line in every_case.splitlines() if problem in " ".join(line.split())]
        assert len(lines) == 1, (name, lines)
        assert lines[0].startswith("  - ") and f"{name}:" in lines[0] or f"{name} " in lines[0], lines[0]


def test_real_content_builds_without_a_single_warning(tmp_path):
    result = build(tmp_path / "output")
    assert result.returncode == 0
    log = result.stdout + result.stderr
    assert "WARNING" not in log and "ERROR" not in log, log


def test_a_link_with_an_encoded_space_still_finds_its_file(tmp_path):
    content = content_with(tmp_path)
    (content / "2021" / "my report.md").write_text(
        "Title: Spaced\nDate: 2021-04-21\nCategory: Tests\nAuthor: Desk\nSummary: One.\n\nText.\n")
    (content / "2021" / "linking.md").write_text(
        "Title: Linking\nDate: 2021-04-21\nCategory: Tests\nAuthor: Desk\nSummary: One.\n\n"
        "See [the other]({filename}my%20report.md).\n")
    result = build(tmp_path / "output", content=content)
    assert result.returncode == 0, result.stdout + result.stderr


def test_pelican_itself_prints_the_problems_it_refuses(tmp_path):
    """Run as ``pelican content`` (not through deploy/build.py), a refused
    build names each problem too: nothing is held back unprinted."""
    content = content_with(tmp_path, "quote-unmarked.md")
    result = subprocess.run(
        [sys.executable, "-m", "pelican", str(content), "-o", str(tmp_path / "output"), "-s", "pelicanconf.py",
         "-e", f"CACHE_PATH={json.dumps(str(tmp_path / 'cache'))}"],
        cwd=ROOT, capture_output=True, encoding="utf-8")
    assert result.returncode != 0
    assert CASES["quote-unmarked.md"] in " ".join((result.stdout + result.stderr).split())
