"""Bodies are held compressed from reading to writing, once, and read back whole."""

import concurrent.futures
import pickle
import time

import pytest
from pelican import signals
from pelican.contents import Article, Content

from newsroom.output.bodies import Body, Rewritten
from newsroom.pages.contract import SettingsError

REPORT = ("Title: Quoted\nDate: 2021-04-20\nCategory: News\nTags: Courts\nAuthor: Desk\nSummary: One.\n\n"
          "The court [“was clear”]{term}, the clerk said, 是.\n")
SETTINGS = {"CACHE_CONTENT": True, "LOAD_CONTENT_CACHE": True}


def build(pelican_site):
    """The article the build made, and the body Pelican's content cache keeps of it."""
    seen = []
    signals.article_generator_finalized.connect(seen.append, weak=False)
    pelican_site(["newsroom"], files={"report.md": REPORT}, **SETTINGS).run()
    signals.article_generator_finalized.disconnect(seen.append)
    [generator] = seen
    [article] = generator.articles
    _, (body, _) = generator.readers._cache[article.source_path]  # Pelican's own: (stamp, (body, metadata))
    return article, body


def test_an_article_holds_its_body_compressed_and_shows_it_whole(tmp_path, pelican_site):
    article, _ = build(pelican_site)
    assert "_content" not in vars(article) and isinstance(article._body, Body)
    assert isinstance(article, Article) and type(article).__name__ == "Article"
    assert "“was clear”" in article.content and "the clerk said, 是." in article.content
    assert article.content in (tmp_path / "output" / "quoted.html").read_text(encoding="utf-8")
    assert not any(key[0] is article for key in Content.get_content.cache), "Pelican's memo keeps no whole body"


def test_the_article_and_the_content_cache_share_one_compressed_body(tmp_path, pelican_site):
    for _ in ("read", "loaded from the cache"):
        article, cached = build(pelican_site)
        assert cached is article._body


def test_pelicans_cache_of_whole_items_is_refused_with_the_setting_to_use(pelican_site):
    """Pelican's generator-layer cache pickles whole articles, which ours are
    not made to be: the build stops before reading, naming the fix."""
    with pytest.raises(SettingsError, match="set CONTENT_CACHING_LAYER = 'reader'"):
        pelican_site(["newsroom"], files={"report.md": REPORT}, CONTENT_CACHING_LAYER="generator", **SETTINGS)


def test_a_change_to_a_body_is_made_when_its_text_is_first_read_in_the_order_given_and_once():
    made = []

    def change(mark):
        return lambda text: made.append(mark) or text + mark

    body = Body("text").rewritten(change("1")).rewritten(change("2"))
    assert made == []
    assert body.text() == body.text() == "text12" and made == ["1", "2"]
    assert body.rewritten(change("3")).text() == "text123"
    assert pickle.loads(pickle.dumps(Body("text").rewritten(change("4")))).text() == "text4"


class SlowBody(Body):
    """A body whose text takes 20 ms to read."""
    __slots__ = ()

    def text(self):
        time.sleep(0.02)
        return super().text()


def test_a_body_read_by_threads_at_once_gives_each_the_text_made():
    """A page is rendered while the search index's thread makes the same
    report's records: a thread that finds the changes still to make while
    another makes them gets the text made all the same."""
    body = SlowBody("text").rewritten(lambda text: text + "!")

    def read(delay):
        time.sleep(delay)
        return body.text()

    with concurrent.futures.ThreadPoolExecutor(3) as pool:
        assert list(pool.map(read, (0, 0.01, 0.015))) == ["text!"] * 3
    assert body.text() == "text!"


FOOTNOTED = REPORT + "\nA claim,[^1] in [the ruling]({static}/ruling.pdf).\n\n[^1]: Where it was said.\n"


def test_a_kept_pages_body_is_never_rewritten_and_its_page_keeps_what_the_rewriting_put_in(tmp_path, pelican_site):
    """The labels the site puts in a report's body (a footnote's "Back to
    reference 1") are put in when the body is first read: in the build that
    renders its page, not in one that keeps it, which still copies the
    files the body links to."""
    page, linked = tmp_path / "output" / "quoted.html", tmp_path / "output" / "ruling.pdf"
    for build_ in ("first", "nothing changed"):
        seen = []
        signals.article_generator_finalized.connect(seen.append, weak=False)
        pelican_site(["newsroom"], files={"report.md": FOOTNOTED, "ruling.pdf": "%PDF-1.4"}, **SETTINGS).run()
        signals.article_generator_finalized.disconnect(seen.append)
        [article] = seen[0].articles
        if build_ == "first":
            rendered = page.read_text(encoding="utf-8")
            assert "Back to reference 1" in rendered and "\x1a" not in rendered
            linked.unlink()
    assert isinstance(article._body, Rewritten) and article._body.packed is None, "the kept page's body was rewritten"
    assert page.read_text(encoding="utf-8") == rendered
    assert linked.read_text() == "%PDF-1.4", "a file the body links to was not copied"
    assert "Back to reference 1" in article.content
