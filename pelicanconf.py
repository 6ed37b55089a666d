"""Settings for the development build (`make html`).

Relative URLs and no feeds, so `output/` works from any folder, under any
path on a server and straight from disk. `publishconf.py` adds what the
production build needs.
"""

import os
import sys

import jinja2

SITENAME = "Rights Desk"
SITE_DESCRIPTION = (
    "Reports on human rights and the diplomacy around them, published as "
    "they reached us, with every quotation attributed to its speaker."
)
SITEURL = ""
RELATIVE_URLS = True
# Canonical links, Open Graph, JSON-LD and share images need absolute
# addresses: production only (publishconf.py).
MACHINE_METADATA = False

PATH = "content"
STATIC_PATHS = []
# Articles anywhere under content/ but pages/ (content/2021/… by habit).
ARTICLE_PATHS = [""]
PAGE_PATHS = ["pages"]
THEME = "theme"
# The stylesheet is inlined (plugins/inline_css) and the icon drawn inline:
# the theme's one file to copy is the search page's script (theme/static/,
# into THEME_STATIC_DIR, Pelican's "theme/").
THEME_STATIC_PATHS = ["static"]

# Where structured data points for the organisations whose reports we carry
# (the newsroom's JSON-LD, made when publishconf.py sets MACHINE_METADATA).
STRUCTURED_DATA = {"ORGANIZATION_URLS": {"Voice of America": "https://www.voanews.com/"}}

TIMEZONE = "America/New_York"
# What a report in another language calls its section (shown on its page
# and in its metadata; the section keeps one page and one address): by
# language tag, or zh-Hans / zh-Hant for every Chinese tag of that script.
SECTION_NAMES = {
    "Human rights": {"zh-Hans": "人权", "zh-Hant": "人權", "ru": "Права человека", "fr": "Droits humains",
                     "es": "Derechos humanos", "ug": "كىشىلىك ھوقۇق", "ug-Cyrl": "Кишилик һоқуқ", "bo": "མི་ཆོས།"},
    "Courts": {"zh-Hans": "法庭", "zh-Hant": "法庭", "ru": "Суды", "fr": "Tribunaux", "es": "Tribunales",
               "ug": "سوت", "ug-Cyrl": "Сот", "bo": "ཁྲིམས་ཁང་།"},
}
# A readable address for a section, topic or author named in a script that
# writes no vowels (Arabic, Persian, Hebrew), whose letters romanised give
# consonants alone (tag/lbhryn.html); the build names each that has none.
# TERM_ADDRESSES = {"البحرين": "bahrain"}
TERM_ADDRESSES = {}
DEFAULT_LANG = "en"
LOCALE = ("C",)
DEFAULT_DATE_FORMAT = "%A %-d %B %Y"

# Readers cannot mistake these for anything else, and from disk every link
# must name a file: so .html everywhere, dated folders for articles.
# Sections, topics and sources are where Pelican puts them
# (category/{slug}.html, tag/…, author/…).
ARTICLE_URL = ARTICLE_SAVE_AS = "{date:%Y}/{date:%m}/{slug}.html"
PAGE_URL = PAGE_SAVE_AS = "{slug}.html"
# Drafts, and reports dated in the future (WITH_FUTURE_DATES below), can be
# previewed here in development; publishconf.py writes none of them.
DRAFT_URL = DRAFT_SAVE_AS = DRAFT_LANG_URL = DRAFT_LANG_SAVE_AS = "drafts/{slug}.html"
DRAFT_PAGE_URL = DRAFT_PAGE_SAVE_AS = DRAFT_PAGE_LANG_URL = DRAFT_PAGE_LANG_SAVE_AS = "drafts/{slug}.html"
WITH_FUTURE_DATES = False
# A report in any language is a report of its own, at the same kind of
# address; a translation names its original (Translation_of: slug).
ARTICLE_TRANSLATION_ID = PAGE_TRANSLATION_ID = None
ARTICLE_LANG_URL = ARTICLE_LANG_SAVE_AS = ARTICLE_URL
PAGE_LANG_URL = PAGE_LANG_SAVE_AS = PAGE_URL
# The home page as links name it: from disk a folder does not open its index.
INDEX_URL = "index.html"
ARCHIVES_URL = ARCHIVES_SAVE_AS = "archives.html"
# archives.html lists the years; each year's reports are on a page of its
# own (at 10,000 reports one page of them all was 2 MB).
YEAR_ARCHIVE_URL = YEAR_ARCHIVE_SAVE_AS = "{date:%Y}/index.html"
TAGS_URL = TAGS_SAVE_AS = "tags.html"
CATEGORIES_URL = CATEGORIES_SAVE_AS = "categories.html"
AUTHORS_URL = AUTHORS_SAVE_AS = "authors.html"
CORRECTIONS_URL = CORRECTIONS_SAVE_AS = "corrections.html"
# The record (plugins/newsroom/record): every change to a published report,
# and each changed report's versions beside it ({slug}-versions.html).
CHANGES_URL = CHANGES_SAVE_AS = "changes.html"
# A page for everyone quoted, and the list of them (plugins/newsroom/people/pages.py).
PERSON_URL = PERSON_SAVE_AS = "people/{slug}.html"
PEOPLE_URL = PEOPLE_SAVE_AS = "people.html"
PERSON_FEED_ATOM = None
# Search: the page, and Pagefind's index of every report, quotation and
# person quoted beside it in pagefind/ (plugins/newsroom/search). Indexing
# is most of a large site's development build, so a development build
# indexes only when asked (`make html SEARCH=1`; `make devserver` does once
# the preview is on screen); `make publish` always does (publishconf.py).
SEARCH_URL = SEARCH_SAVE_AS = "search.html"
SEARCH_INDEX = os.environ.get("SEARCH") == "1"

def newest_first(article):
    """Reports newest first; those of the same moment by file, so that every
    build lists them in one order. (Pelican gathers files in a set and its
    own "reversed-date" leaves ties in that order: two builds of a site with
    two reports a day differed.)"""
    return (-article.date.timestamp(), article.source_path)


ARTICLE_ORDER_BY = newest_first

DEFAULT_PAGINATION = 10
PAGINATED_TEMPLATES = {"index": None, "tag": None, "category": None, "author": None, "person": None}
PAGINATION_PATTERNS = (
    (1, "{url}", "{save_as}"),
    (2, "{base_name}/page/{number}.html", "{base_name}/page/{number}.html"),
)
SUMMARY_MAX_LENGTH = None

# The editor's note may hold Markdown, like the standfirst.
FORMATTED_FIELDS = ["summary", "editor_note"]
JINJA_ENVIRONMENT = {
    # A variable the templates expect and nothing provides fails the build,
    # naming the template and line, instead of rendering as nothing.
    "undefined": jinja2.StrictUndefined,
    "trim_blocks": True,
    "lstrip_blocks": True,
    # Metadata is text: escape it everywhere; templates mark rendered
    # content, the one trusted HTML, with |safe.
    "autoescape": True,
    # Templates do not change during a build: no file check per include.
    "auto_reload": False,
    "extensions": [],
}
# Python-Markdown with no typographer, so the reporter's punctuation reaches
# the page exactly as written; tables and footnotes, which reports carry.
# (Not "extra": its other parts news copy does not use, and they cost.)
MARKDOWN = {
    "extensions": ["markdown.extensions.tables", "markdown.extensions.footnotes"],
    "extension_configs": {"markdown.extensions.footnotes": {"BACKLINK_TEXT": "↩\ufe0e"}},
    "output_format": "html",
}

PLUGIN_PATHS = ["plugins"]
# The plugins share plugins/plugin_support.py, imported by name: Pelican loads
# plugins from PLUGIN_PATHS but does not put them on the import path.
_plugins_folder = os.path.join(os.path.dirname(os.path.abspath(__file__)), "plugins")
if _plugins_folder not in sys.path:
    sys.path.insert(0, _plugins_folder)
# Always explicit: left unset, Pelican loads every plugin installed.
# build_guard fails the build on any warning from any of them, whatever
# their order: it looks last by signal (see plugins/build_guard).
# build_store first: it checks the cache folder before anything reads it.
PLUGINS = ["build_store", "newsroom", "inline_css", "compact_json", "gc_freeze", "build_guard"]

# No feeds in development: they need absolute URLs (see publishconf.py).
FEED_ALL_ATOM = FEED_ALL_RSS = None
CATEGORY_FEED_ATOM = CATEGORY_FEED_RSS = None
TRANSLATION_FEED_ATOM = None
AUTHOR_FEED_ATOM = None
AUTHOR_FEED_RSS = None

DIRECT_TEMPLATES = ["index", "archives", "categories", "tags", "authors", "corrections"]

# Dates come from the content, never from the clock or the file system.
DEFAULT_DATE = None

# Rebuilds reread only the files that changed and render only the pages
# whose inputs changed (`make clean` empties the cache). Production builds
# keep a cache of their own: see publishconf.py.
CACHE_PATH = "cache"
CACHE_CONTENT = True
LOAD_CONTENT_CACHE = True
# A reading is reused while the file's bytes are the same, never by its
# modification time (cp -p, tar and rsync -t keep the time of an edit).
CHECK_MODIFIED_METHOD = "sha256"
# The readings' bodies are held compressed already (plugins/newsroom/output/
# bodies.py): gzip over the cache's file cost half a second of each publish
# of one report into 10,000 to shrink it from 13 to 7 MB.
GZIP_CACHE = False
