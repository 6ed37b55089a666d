"""What a shared link shows: Open Graph and Twitter card, as extruct reads them."""

import re

import extruct
import pytest

from conftest import ARTICLE


def open_graph(site, name):
    html = site.text(name)
    [graph] = extruct.extract(html, syntaxes=["opengraph"])["opengraph"]
    return graph["properties"]


@pytest.fixture(scope="module")
def og(prod_site):
    return dict(open_graph(prod_site, ARTICLE))


def test_article_open_graph_values(og, prod_site):
    assert og["og:type"] == "article"
    assert og["og:title"] == "Blinken holds meeting with human rights defenders"
    assert og["og:description"].startswith("Secretary of State Antony Blinken")
    assert og["og:site_name"] == "Rights Desk"
    assert og["og:locale"] == "en_US"
    assert og["article:published_time"] == "2021-04-20T00:00:00-04:00"
    assert og["article:modified_time"] == "2021-04-20T00:00:00-04:00"
    assert og["article:section"] == "Human rights"


def test_every_tag_is_an_article_tag(prod_site):
    tags = [v for k, v in open_graph(prod_site, ARTICLE) if k == "article:tag"]
    assert tags == ["Antony Blinken", "State Department", "China", "Xinjiang",
                    "Human rights defenders", "Beijing 2022"]


def test_share_image_is_absolute_sized_and_described(og, prod_site):
    assert og["og:image"].startswith(prod_site.url + "/")
    assert (og["og:image:width"], og["og:image:height"]) == ("1200", "675")
    assert og["og:image:alt"] == "Blinken holds meeting with human rights defenders, Rights Desk"
    assert (prod_site.path / og["og:image"].removeprefix(prod_site.url + "/")).is_file()


def test_canonical_and_og_url_are_absolute_and_equal(prod_build):
    for name in prod_build.html_files():
        page = prod_build.page(name)
        canonical = page.find("link", rel="canonical")["href"]
        assert canonical == dict(open_graph(prod_build, name))["og:url"], name
        assert canonical.startswith(prod_build.url + "/"), name


def test_every_report_shares_its_headline_and_an_image_it_has(prod_build):
    for name in prod_build.reports():
        og = dict(open_graph(prod_build, name))
        assert og["og:title"] == prod_build.page(name).title.get_text().rsplit(" — ", 1)[0], name
        assert (prod_build.path / og["og:image"].removeprefix(prod_build.url + "/")).is_file(), name
        assert og["og:image:alt"] and re.fullmatch(r"[a-z]{2,3}_[A-Z]{2}", og["og:locale"]), name


def test_twitter_card_is_large_image(prod_site):
    page = prod_site.page(ARTICLE)
    card = {m["name"]: m["content"] for m in page.find_all("meta", attrs={"name": lambda n: n and n.startswith("twitter:")})}
    # Title, description and image come from Open Graph, which X falls back on.
    assert card["twitter:card"] == "summary_large_image"
    assert card["twitter:image:alt"] == dict(open_graph(prod_site, ARTICLE))["og:image:alt"]


def test_feeds_are_announced(prod_site):
    page = prod_site.page(ARTICLE)
    feeds = {link["type"]: link["href"] for link in page.find_all("link", rel="alternate")}
    assert feeds["application/atom+xml"].startswith(prod_site.url + "/feeds/")
    assert feeds["application/rss+xml"] == f"{prod_site.url}/feeds/all.rss.xml"
