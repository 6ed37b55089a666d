"""The reporter's words reach the reader exactly: every paragraph of the
source, every word and punctuation mark, in order."""

import filecmp
import re

from conftest import SHARED_SOURCE, VENDORED_SOURCE, need, source_paragraphs


def rendered_paragraphs(article):
    """The body's paragraphs as a reader sees them, and as any program that
    reads the HTML gets them: the marks the source printed are text."""
    return [p.get_text() for p in article.select_one("article .body").find_all("p")]


def test_every_source_paragraph_appears_verbatim_and_in_order(article):
    rendered = rendered_paragraphs(article)
    assert rendered == source_paragraphs()


def test_the_stray_full_stops_are_kept(article):
    assert "to which it is a party. .”" in "\n".join(rendered_paragraphs(article))


def test_editorial_remarks_stay_out_of_the_body(article):
    body = article.select_one("article .body").get_text()
    assert "Editor" not in body and "Antony" not in body


def test_vendored_source_matches_the_shared_one():
    need(SHARED_SOURCE.exists(), f"{SHARED_SOURCE} is not beside this clone: the copy in tests/data was used")
    assert filecmp.cmp(SHARED_SOURCE, VENDORED_SOURCE, shallow=False)


# A sentence's end run into a separator, or two stops: what joining a
# headline, standfirst or caption ending in its own punctuation with the
# chrome's ", " or ": " makes ("appeal.:", "appeal., Rights Desk").
DOUBLED = re.compile(r"[.!?。！？][,:;，：；、]|\.。|。\.|。。")


def test_no_punctuation_is_doubled_where_the_pages_join_texts(corpus_build, corpus_content):
    """Over every page of the corpus, in what readers and machines read (the
    text, meta tags, alt text, JSON-LD): a doubled mark may only be one the
    source itself printed."""
    sources = "\n".join(path.read_text(encoding="utf-8") for path in corpus_content.rglob("*")
                        if path.suffix in (".md", ".txt"))
    for name in corpus_build.html_files():
        soup = corpus_build.page(name)
        texts = [soup.get_text("")]
        texts += [tag.get(attribute, "") for tag in soup.find_all(["meta", "img"]) for attribute in ("content", "alt")]
        texts += [script.get_text() for script in soup.find_all("script", type="application/ld+json")]
        for text in texts:
            for found in DOUBLED.finditer(text):
                context = text[max(0, found.start() - 8):found.end()]
                assert context in sources, (name, context)
