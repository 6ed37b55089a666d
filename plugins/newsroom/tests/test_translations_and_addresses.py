"""Translation_of names one other report: none, several, itself or a
circle of reports naming each other is refused by file:line; and two
reports are never published at addresses a file system holds as one."""

import logging

import pytest
from pelican import signals


def report(slug, n, lang="en", original=None):
    return (f"Title: Report {n}\nDate: 2021-0{n}-20\nCategory: News\nAuthor: Desk\nSummary: One.\nSlug: {slug}\n"
            f"Lang: {lang}\n" + (f"Translation_of: {original}\n" if original else "") + "\nText.\n")


@pytest.fixture
def build(pelican_site, caplog, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)

    def build(**files):
        seen = []
        signals.article_generator_finalized.connect(seen.append, weak=False)
        with caplog.at_level(logging.ERROR):
            pelican_site(["newsroom"], files=files, ARTICLE_URL="{date:%Y}/{date:%m}/{slug}.html",
                         ARTICLE_SAVE_AS="{date:%Y}/{date:%m}/{slug}.html").run()
        errors = [r.getMessage().replace(str(tmp_path) + "/", "") for r in caplog.records
                  if r.levelno >= logging.ERROR]
        articles = {a.slug + a.lang: a for a in seen[0].articles}
        return articles, errors

    return build


def test_a_translation_and_its_original_link_both_ways(build):
    articles, errors = build(**{"a.md": report("vigil", 1), "b.md": report("vigil-zh", 2, "zh", "vigil")})
    assert errors == []
    assert articles["vigil-zhzh"].report.original is articles["vigilen"]
    assert articles["vigilen"].report.translated_as == [articles["vigil-zhzh"]]


@pytest.mark.parametrize("files, error", [
    ({"a.md": report("vigil", 1), "b.md": report("vigil", 2), "c.md": report("vigil-zh", 3, "zh", "vigil")},
     "content/c.md:8: Translation_of names 'vigil', which 2 published reports have (content/a.md, content/b.md): "
     "give all but one of them another Slug"),
    ({"a.md": report("vigil", 1, original="vigil")},
     "content/a.md:8: Translation_of names 'vigil', which no other published report has"),
    ({"a.md": report("one", 1, original="two"), "b.md": report("two", 2, original="one")},
     "content/a.md:8: Translation_of goes round in a circle (content/a.md → content/b.md → back)"),
])
def test_a_translation_of_none_several_itself_or_a_circle_is_refused(build, files, error):
    articles, errors = build(**files)
    assert any(e.startswith(error) for e in errors), errors
    assert not [a for a in articles.values() if a.report.original is not None]


def test_addresses_that_are_one_when_folded_are_refused_naming_both_files(build):
    _, errors = build(**{"a.md": report("Court-Ruling", 1).replace("2021-01-20", "2021-04-20"),
                         "b.md": report("court-ruling", 2).replace("2021-02-20", "2021-04-21")})
    assert len(errors) == 1 and errors[0].startswith("content/a.md and content/b.md are published as "), errors
    assert "holds as one file: give one of them another Slug" in errors[0]


def test_every_address_the_build_makes_is_known_before_anything_is_written():
    from pathlib import Path

    from pelican.settings import read_settings

    from newsroom.pages.addresses import made_by_the_build

    project = next(p for p in Path(__file__).resolve().parents if (p / "pelicanconf.py").is_file())
    files, folders, patterns = made_by_the_build(read_settings(str(project / "pelicanconf.py")))

    def taken(path):
        return (path in files or path.startswith(tuple(folders)) or f"{path}/" in folders
                or any(p.fullmatch(path) for p in patterns))

    for path in ("index.html", "2021/index.html", "page/2.html", "category/courts/page/12.html", "category",
                 "people/wang-yi.html", "people/wang-yi/page/2.html", "feeds/all.atom.xml", "photos/a-1-480.webp",
                 "images/share/x.png", "sitemap.xml", "archives.html"):
        assert taken(path), path
    for path in ("2021/04/court-ruling.html", "about.html", "2021/04/index.html", "reports/page.html"):
        assert not taken(path), path


@pytest.mark.parametrize("field, first, second", [("Tags", "王毅", "汪毅"), ("Category", "Courts", "Courts!"),
                                                  ("Author", "Li Na", "Li-Na")])
def test_two_topics_sections_or_authors_of_one_address_are_refused_naming_both(build, field, first, second):
    one = report("one", 1).replace("Category: News\n", "").replace("Author: Desk\n", "")
    two = report("two", 2).replace("Category: News\n", "").replace("Author: Desk\n", "")
    base = {"Tags": "Category: News\nAuthor: Desk\n", "Category": "Author: Desk\n", "Author": "Category: News\n"}
    _, errors = build(**{"a.md": one.replace("Slug:", f"{base[field]}{field}: {first}\nSlug:"),
                         "b.md": two.replace("Slug:", f"{base[field]}{field}: {second}\nSlug:")})
    assert len(errors) == 1 and errors[0].startswith(f"{field} gives "), errors
    assert f"'{first}' (" in errors[0] and f"'{second}' (" in errors[0] and "one address" in errors[0]


def test_one_word_in_traditional_and_simplified_chinese_is_one_topic(build):
    articles, errors = build(**{"a.md": report("one", 1).replace("Slug:", "Tags: 人權\nSlug:"),
                                "b.md": report("two", 2).replace("Slug:", "Tags: 人权\nSlug:")})
    assert errors == [] and len({tag.slug for a in articles.values() for tag in a.tags}) == 1


def test_a_topic_in_a_script_without_vowels_builds_and_the_build_says_how_to_give_it_an_address(build, capsys):
    text = report("one", 1, "ar").replace("Slug:", "Tags: البحرين\nSlug:")
    articles, errors = build(**{"a.md": text})
    assert errors == [] and [tag.slug for tag in next(iter(articles.values())).tags] == ["lbhryn"]
    printed = capsys.readouterr().out
    assert ("content/a.md: Tags 'البحرين' is written without vowels, so its address is its consonants (tag/lbhryn): "
            'give it a readable one in pelicanconf.py: TERM_ADDRESSES = {"البحرين": "a-name-in-latin"}') in printed


def test_a_topic_given_an_address_in_latin_is_published_there(pelican_site, caplog, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    seen = []
    signals.article_generator_finalized.connect(seen.append, weak=False)
    text = report("one", 1, "ar").replace("Slug:", "Tags: البحرين\nSlug:")
    with caplog.at_level(logging.ERROR):
        pelican_site(["newsroom"], files={"a.md": text}, TERM_ADDRESSES={"البحرين": "bahrain"}).run()
    signals.article_generator_finalized.disconnect(seen.append)
    assert [r.getMessage() for r in caplog.records if r.levelno >= logging.ERROR] == []
    assert [tag.slug for tag in seen[0].articles[0].tags] == ["bahrain"]
