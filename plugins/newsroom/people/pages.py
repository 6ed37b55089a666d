"""A page for every person and organisation our reports quote.

``people/<slug>.html`` (``PERSON_SAVE_AS``): the name, what they are, the
links that identify them, then every quotation, newest first, each with its
date, the role they spoke in, the words as published and a link to the
quotation's place in its report; paginated like the other listings.
``people.html`` (``PEOPLE_SAVE_AS``) lists everyone quoted, with counts. With
``PERSON_FEED_ATOM`` (production), an Atom feed of each one's newest quotations
(``FEED_MAX_ITEMS`` of them, as Pelican's feeds).

Reads each report's ``quotations`` (each with ``anchor`` and
``printed``) and ``people`` and the context's ``PEOPLE``. Gives
templates ``person`` and ``quotations`` (list of `Quoted`), and sets
``person.url`` for the reports' "Quoted in this report" and JSON-LD.
"""

from dataclasses import dataclass

from feedgenerator import Atom1Feed
from pelican.generators import Generator

from ..chrome.languages import entries_in_their_languages
from ..output.page_cache import write_derived


@dataclass(frozen=True, slots=True)
class Quoted:
    """One quotation on a speaker's page: the words and where they were said."""
    quotation: object
    article: object
    role: str

    @property
    def date(self):
        return self.article.date

    @property
    def href(self):
        # The address newsroom worked out once (Pelican's url formats it afresh at every read).
        href = self.article.report.href
        return f"{href}#{self.quotation.anchor}" if self.quotation.anchor else href


def published(context):
    return [*context.get("articles", []), *context.get("translations", [])]


class SpeakerPagesGenerator(Generator):
    def generate_context(self):
        self.people = list(self.context.get("PEOPLE", []))
        self.quoted = {person: [] for person in self.people}
        for article in published(self.context):
            for quotation in article.report.quotations:
                person = article.report.people.get(quotation.speaker.name)
                if person is not None:
                    self.quoted[person].append(Quoted(quotation, article, quotation.speaker.role))
        for person in self.people:
            self.quoted[person].sort(key=lambda q: q.date, reverse=True)  # stable: report order kept
        self.people = [p for p in self.people if self.quoted[p]]
        self.context["PEOPLE_QUOTED"] = [(p, len(self.quoted[p])) for p in self.people]
        self.context["person_url"] = self.url_of

    def url_of(self, person):
        return self.settings["PERSON_URL"].format(slug=person.slug)

    def generate_output(self, writer):
        template = self.get_template("person")
        for person in self.people:
            save_as = self.settings["PERSON_SAVE_AS"].format(slug=person.slug)
            writer.write_file(save_as, template, self.context, self.settings["RELATIVE_URLS"],
                              paginated={"quotations": self.quoted[person]}, template_name="person",
                              url=self.url_of(person), person=person,
                              lastmod=self.quoted[person][0].date, page_name=save_as.rsplit(".", 1)[0])
            self.feed(writer, person)
        writer.write_file(self.settings["PEOPLE_SAVE_AS"], self.get_template("people"), self.context,
                          self.settings["RELATIVE_URLS"], template_name="people")

    def feed(self, writer, person):
        pattern = self.settings.get("PERSON_FEED_ATOM")
        if not pattern:
            return
        site = self.settings["SITEURL"]
        path = pattern.format(slug=person.slug)
        # The newest, FEED_MAX_ITEMS of them, as Pelican's own feeds.
        newest = self.quoted[person][: self.settings["FEED_MAX_ITEMS"]]

        def make():
            feed = Atom1Feed(title=f"{person.name}: quoted on {self.settings['SITENAME']}",
                             link=f"{site}/{self.url_of(person)}", feed_url=f"{site}/{path}",
                             description=person.description, language=self.settings.get("DEFAULT_LANG") or "en")
            # Each quotation in its report's language (xml:lang) where it is not the feed's.
            entries_in_their_languages(feed)
            for quoted in newest:
                words = quoted.quotation.printed.replace("\n\n", " ")
                feed.add_item(title=words if len(words) <= 120 else words[:119] + "…",
                              link=f"{site}/{quoted.href}", unique_id=f"{site}/{quoted.href}",
                              pubdate=quoted.date, description=f"{words} ({quoted.role}; {quoted.article.title})",
                              language=quoted.article.lang)
            return feed.writeString("utf-8").encode()

        # Made from the person and each quotation's report, words and role.
        parts = [person, *(part for quoted in newest for part in (quoted.article, quoted.quotation, quoted.role))]
        write_derived(writer, self.settings, path, parts, make)


def add_generator(pelican):
    """Speaker pages where ``PERSON_SAVE_AS`` puts them; a site that does
    not set it (as Pelican's other ``*_SAVE_AS``) has none."""
    return SpeakerPagesGenerator if pelican.settings.get("PERSON_SAVE_AS") else None
