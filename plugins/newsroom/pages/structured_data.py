"""schema.org JSON-LD for every page, built as data in one place.

Templates call ``structured_data(page_url, words)`` and serialise what it
returns once, with ``tojson`` (see plugins/compact_json): ``{"@context":
"https://schema.org", "@graph": [...]}``. Every page has the WebSite and
its publisher (an Organization with a logo). A report adds its
NewsArticle (headline and description as plain text with the marks as
printed, dates, language, section, keywords, word count, authors, share
images, every quotation as a Quotation credited by ``@id`` to its speaker,
the editor's note as ``backstory``, corrections as CorrectionComment, the
original it translates or its translations, the report it is based on),
a BreadcrumbList, and each speaker once, as a Person or an Organization.

A speaker's page is a ProfilePage whose mainEntity is that Person or
Organization; the same ``@id`` (their page's address, ``#id``) is the
creator of their quotations on every report.

It reads the model: each report's ``item.report`` (`model/report.py`),
``SITE_LOGO`` (`output/share_images.py`), ``person`` on speaker pages;
``PERSON_URL``. It is the one place JSON-LD is made. Settings:
``STRUCTURED_DATA`` (below).
"""

import jinja2
from plugin_support import section

from ..chrome.languages import section_name
from ..model.people import KINDS

DEFAULTS = {
    # Organisations whose reports we carry, and where to find them.
    "ORGANIZATION_URLS": {},
}


def settings_of(settings):
    """STRUCTURED_DATA over DEFAULTS; a name this plugin does not know fails."""
    return section(settings, "STRUCTURED_DATA", DEFAULTS, "structured_data")



def image(siteurl, picture):
    return {"@type": "ImageObject", "url": f"{siteurl}/{picture.url}",
            "width": picture.width, "height": picture.height}


def site_nodes(context):
    home = context["SITEURL"] + "/"
    return [
        {"@type": "WebSite", "@id": home + "#website", "url": home, "name": context["SITENAME"],
         "description": context.get("SITE_DESCRIPTION", ""), "inLanguage": context["DEFAULT_LANG"],
         "publisher": {"@id": home + "#publisher"}},
        {"@type": "Organization", "@id": home + "#publisher", "name": context["SITENAME"], "url": home,
         "logo": image(context["SITEURL"], context["SITE_LOGO"])},
    ]


def date_published(article):
    """A report's date as published: a Date without a time is a day,
    wherever the reader is."""
    return article.date.isoformat() if article.report.timed else article.date.date().isoformat()


def news_article(context, article, page_url, words):
    report = article.report
    siteurl, home = context["SITEURL"], context["SITEURL"] + "/"
    known = settings_of(context)["ORGANIZATION_URLS"]
    authors = [{"@type": "Organization", "name": a.name, "url": known.get(a.name, f"{siteurl}/{a.url}")}
               for a in article.authors]
    published = date_published(article)
    modified = getattr(article, "modified", None)
    news = {
        "@type": "NewsArticle", "@id": page_url + "#article",
        "headline": article.title,
        "description": report.summary_text,
        "datePublished": published,
        "dateModified": modified.isoformat() if modified else published,
        "inLanguage": article.lang,
        "articleSection": section_name(context.get("SECTION_NAMES", {}), article.category, article.lang),
        "keywords": [tag.name for tag in getattr(article, "tags", [])],
        "wordCount": words,
        "url": page_url,
        "mainEntityOfPage": {"@type": "WebPage", "@id": page_url},
        "isPartOf": {"@id": home + "#website"},
        "author": authors,
        "publisher": {"@id": home + "#publisher"},
        "image": [image(siteurl, picture) for picture in report.share_images],
        "isAccessibleForFree": True,
        "hasPart": [quotation_node(context, article, page_url, q) for q in report.quotations],
    }
    if report.editor_note:
        note_lang = report.editor_note_lang
        news["backstory"] = ({"@type": "CreativeWork", "text": report.editor_note_text, "inLanguage": note_lang}
                             if note_lang and note_lang != article.lang else report.editor_note_text)
    corrections = [c for c in report.corrections if c.kind == "correction"]
    if corrections:
        news["correction"] = [correction_node(c, report, siteurl) for c in corrections]
    if report.original:
        news["translationOfWork"] = {"@id": f"{siteurl}/{report.original.url}#article"}
    if report.translated_as:
        news["workTranslation"] = [{"@id": f"{siteurl}/{other.url}#article"} for other in report.translated_as]
    if report.source_lang:
        news["isBasedOn"] = {"@type": "NewsArticle", "inLanguage": report.source_lang,
                             "datePublished": article.date.date().isoformat(), "publisher": authors[0]}
    return news


def correction_node(correction, report, siteurl):
    """A correction, tied where the record has it to the version it came
    with (its place on the report's versions page)."""
    node = {"@type": "CorrectionComment", "datePublished": correction.date.isoformat(), "text": correction.text}
    for number, version in enumerate(report.versions, 1):
        if number > 1 and any(correction.text and correction.text in note for note in version.words.notes):
            node["url"] = f"{siteurl}/{report.changes_href}#v{number}"
            break
    return node


def person_id(context, person):
    """One @id for a person or organisation on every page of the site: their
    page's address, ``#id``."""
    return f"{context['SITEURL']}/{context['PERSON_URL'].format(slug=person.slug)}#id"


def person_node(context, person):
    node = {"@type": person.schema_type, "@id": person_id(context, person), "name": person.name}
    if person.description:
        node["description"] = person.description
    if person.other_names:
        node["alternateName"] = list(person.other_names)
    if person.same_as:
        node["sameAs"] = list(person.same_as)
    return node


def speaker_node(context, article, speaker):
    """A report's speaker: the register's person, as on every page (who they
    are; the role they spoke in is the quotation's, `quotation_node`); an
    unnamed source, by description, with a node of this page."""
    person = article.report.people.get(speaker.name)
    if person is None:
        return unresolved_speaker_node(speaker)
    return person_node(context, person)


def speaker_id(speaker):
    """A speaker with no page of their own (an unnamed source): a node of
    this page's graph."""
    return "#speaker-" + speaker.handle


def unresolved_speaker_node(speaker):
    """An unnamed source, by description."""
    node = {"@type": KINDS[speaker.kind][1], "@id": speaker_id(speaker)}
    if speaker.named:
        node["name"] = speaker.name
    if speaker.role:
        node["description"] = speaker.role
    if speaker.other_names:
        node["alternateName"] = list(speaker.other_names)
    return node


def quotation_node(context, article, page_url, quotation):
    speaker = quotation.speaker
    person = article.report.people.get(speaker.name)
    creator = {"@id": person_id(context, person) if person is not None else speaker_id(speaker)}
    if person is not None and speaker.role:
        # schema.org's Role: the speaker, in the role they spoke in then.
        creator = {"@type": "Role", "roleName": speaker.role, "creator": creator}
    node = {"@type": "Quotation", "text": quotation.text, "creator": creator}
    if quotation.anchor:
        node["url"] = f"{page_url}#{quotation.anchor}"
    return node


def breadcrumbs(context, article, page_url):
    siteurl = context["SITEURL"]
    section = section_name(context.get("SECTION_NAMES", {}), article.category, article.lang)
    trail = [(context["SITENAME"], siteurl + "/"), (section, f"{siteurl}/{article.category.url}"),
             (article.title, page_url)]
    return {"@type": "BreadcrumbList", "itemListElement": [
        {"@type": "ListItem", "position": n, "name": name, "item": url} for n, (name, url) in enumerate(trail, 1)]}


@jinja2.pass_context
def structured_data(context, page_url, words=0):
    """The page's JSON-LD document, as data."""
    graph = site_nodes(context)
    article = context.get("article")
    if article is not None:
        graph += [news_article(context, article, page_url, words), breadcrumbs(context, article, page_url)]
        graph += [speaker_node(context, article, speaker) for speaker in article.report.speakers]
    person = context.get("person")
    if person is not None:
        graph.append({"@type": "ProfilePage", "@id": page_url, "url": page_url, "name": person.name,
                      "isPartOf": {"@id": context["SITEURL"] + "/#website"},
                      "mainEntity": person_node(context, person)})
    return {"@context": "https://schema.org", "@graph": graph}


def add_function(generator):
    generator.env.globals["structured_data"] = structured_data
