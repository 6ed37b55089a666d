"""The checks know every list where Pelican's generators keep content."""

from pelican.generators import ArticlesGenerator, PagesGenerator
from pelican.settings import read_settings

from newsroom.reading.checks import CONTENT_LISTS

# Lists on the generators that hold no articles or pages.
NOT_CONTENT = {"_templates_path", "related_posts"}


def test_every_content_list_of_pelicans_generators_is_known(tmp_path):
    settings = read_settings(override={"PATH": str(tmp_path), "SITEURL": "https://x.example",
                                       "TIMEZONE": "UTC"})
    found = set()
    for cls in (ArticlesGenerator, PagesGenerator):
        generator = cls(context=settings.copy(), settings=settings, path=str(tmp_path),
                        theme=settings["THEME"], output_path=str(tmp_path / "output"))
        found |= {name for name, value in vars(generator).items() if isinstance(value, list)}
    assert found - NOT_CONTENT == set(CONTENT_LISTS)
