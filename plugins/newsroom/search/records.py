"""What search finds: a record for each published report, each quotation
in it and each person quoted, in Pagefind's custom-record form.

A record is ``url`` (the page's address from the site's root; a
quotation's with its ``#q`` anchor), ``content`` (the words searched),
``language`` (the text's own), ``meta`` and ``filters``. Pagefind searches
the words of ``meta`` as well as ``content``, and not those of
``filters``; both come back with each result. So ``meta`` holds only what
a reader may search by as well as see (``headline``, the ``section`` as
the report's language names it, a quotation's ``speaker``, a person's
``description``), and ``filters`` the rest: ``kind`` (``report``,
``quotation``, ``person``), a person's ``quoted`` (``person`` or
``organisation``, which the page says), ``date`` (ISO, to sort by) and
``shown_date`` (as the report's page writes it), and what a search may be narrowed
by: ``section`` (the section's own name, one value whatever the language
it is shown in), ``language`` (as `language_filter` gives it), ``year``
and ``speaker`` (the slug of each person quoted: every spelling a report
uses leads to the one person the register joined it to).

Only what is published is here: Pelican's ``articles`` and
``translations`` (never drafts, reports held back by their embargo, or
hidden ones) and the speaker pages of the people they quote.
"""


from .. import pelican_internals
from ..chrome import locales
from ..chrome.languages import chrome, chrome_language, section_name
from ..people.pages import published
from ..reading.plain_text import plain_text

# Tags that end a block of text (a space between the words either side),
# a photo's credit (a line of its own), and any other tag (none: a mark,
# a link, a footnote number run on).


def language_filter(lang):
    """A report's language as the search page filters by it: by its
    language and, where it is not the language's usual one, its script
    (``ug-Cyrl`` apart from ``ug``; ``en-GB`` is ``en``); Chinese always by
    its script (``zh-Hans``, ``zh-Hant``, whatever tag the report gives)."""
    language, script = locales.writing(lang or "en")
    if language == "zh":
        return chrome_language(lang)
    return language if script == locales.script(language) else f"{language}-{script}"


def report_records(article, section_names):
    """The report's own record, then one for each quotation in it."""
    report = article.report
    lang = article.lang
    section = getattr(article, "category", None)
    shown = {"headline": article.title,  # plain text as read (what looks like a tag in it is words)
             "section": section_name(section_names, section, lang) if section else ""}
    filters = {
        "section": [section.name] if section else [],
        "language": [language_filter(lang)],
        "year": [str(article.date.year)],
        "date": [article.date.date().isoformat()],
        "shown_date": [chrome(lang).date(article.date)],
    }
    people = {q.speaker.name: report.people.get(q.speaker.name) for q in report.quotations}
    slugs = sorted({person.slug for person in people.values() if person is not None})
    # The headline too, though Pagefind searches meta: it splits Chinese
    # into words only in content.
    body = plain_text(pelican_internals.body_as_read(article))
    content = " ".join(part for part in (shown["headline"], report.summary_text, body) if part)
    records = [record(report.href, content, lang, shown, {**filters, "kind": ["report"], "speaker": slugs})]
    for quotation in report.quotations:
        person = people[quotation.speaker.name]
        url = f"{report.href}#{quotation.anchor}" if quotation.anchor else report.href
        speaker = {"speaker": person.name if person is not None else quotation.speaker.label}
        records.append(record(url, quotation.text, lang, {**shown, **speaker},
                              {**filters, "kind": ["quotation"], "speaker": [person.slug] if person else []}))
    return records


def person_record(person, url, lang):
    """A speaker's page: found by any name they are known by."""
    content = " ".join(filter(None, [*person.other_names, person.description])) or person.name
    return record(url, content, lang, {"headline": person.name, "description": person.description},
                  {"kind": ["person"], "speaker": [person.slug], "language": [language_filter(lang)],
                   "quoted": [person.kind]})


ARCHIVE = "archive"


def bundle_of(date, newest_month):
    """The bundle of a report dated ``date`` (ISO): ``newest_month``
    (``YYYY-MM``) if it is dated then, else its year if that is the newest
    month's, else the archive of every year before. A new report indexes
    its month again and changes a month's worth of the index's files; when
    a month begins, the one before joins its year, and when a year begins,
    the year before joins the archive (each indexed again then, once). A
    reader's first search fetches each bundle's list of its pages and the
    part of its index holding the word: three bundles a writing, however
    many years the site has published."""
    if date[:7] == newest_month:
        return newest_month
    return date[:4] if date[:4] == newest_month[:4] else ARCHIVE


def shard_order(name):
    """The newest first (the newest month, its year, the archive), people last."""
    if name == "people":
        return (2, 0, 0)
    if name == ARCHIVE:
        return (1, 0, 0)
    year, _, month = name.partition("-")
    return (0, -int(year), -int(month or 0))


# Languages whose words are not spaced: indexed as Pagefind's extended
# binary segments them; a query is split into that index's own words by
# Pagefind (the search page reads it as no language, search.js).
SEGMENTED = {"zh", "ja"}


def index_language(lang):
    """The index a text in ``lang`` goes in: ``zh`` or ``ja``, segmented
    into words; for every other language ``und``, split at spaces and
    punctuation and never stemmed, so that a word is found whole in every
    language alike (Pagefind's query stemmer is the first index's, which
    would stem French or Russian words as English)."""
    language = locales.writing(lang or "en")[0]
    return language if language in SEGMENTED else "und"


def record(url, content, language, meta, filters):
    """One record, without empty fields; dated ones sortable by date (a
    search by filters alone lists the newest first)."""
    made = {"url": url, "content": content, "language": index_language(language),
            "meta": {key: value for key, value in meta.items() if value},
            "filters": {key: values for key, values in filters.items() if values}}
    if "date" in made["filters"]:
        made["sort"] = {"date": made["filters"]["date"][0]}
    return made


def by_shard(context, settings):
    """Every record of the site, a bundle's at a time: ``(shard, records)``
    for each bundle of the index (the newest month's reports, the rest of
    its year's, the years' before: `bundle_of`; the people's), in a
    stable order (so the same site gives the same index, byte for byte),
    each bundle's made only when the one before is done with."""
    names = settings.get("SECTION_NAMES", {})
    for bundle, articles in shards(context).items():
        yield bundle, shard_records(articles, names)
    people = people_records(context, settings)
    if people:
        yield "people", people


def shards(context):
    """The published reports by the bundle they go in (`bundle_of`), in a
    stable order."""
    dated = [(article, article.date.date().isoformat()) for article in published(context)]
    newest = max((date[:7] for _, date in dated), default=None)
    grouped = {}
    for article, date in dated:
        grouped.setdefault(bundle_of(date, newest), []).append(article)
    return grouped


def shard_records(articles, section_names):
    """The records of ``articles``, in a stable order."""
    return sorted((r for article in articles for r in report_records(article, section_names)), key=by_url)


def people_records(context, settings):
    """A record for each person quoted (none where the site has no speaker
    pages), in a stable order."""
    url_of = context.get("person_url")
    if not (url_of and context.get("PEOPLE_QUOTED")):
        return []
    lang = settings.get("DEFAULT_LANG", "en")
    return sorted((person_record(person, url_of(person), lang) for person, _ in context["PEOPLE_QUOTED"]),
                  key=by_url)


def by_url(record):
    return record["url"]

