"""Every published quotation as data, for anyone to check and reuse.

``quotations.jsonl`` (one JSON object a line) and ``quotations.csv`` at
the site's root, and ``people/<slug>.json`` beside each speaker's page
(``PERSON_SAVE_AS`` with ``.json``): each quotation of each published
report, in the reports' order (newest first) and each report's reading
order, with its report, its speaker as the register knows them, the role
they spoke in, its words and its marks as printed, and its address on the
page. Made from the model, as the pages' JSON-LD is (the tests hold the
two together); drafts, hidden reports and reports their embargo holds back
are not published, so not here. The fields are documented in
docs/data.md.
"""

import csv
import itertools
import json
import os

from pelican.generators import Generator

from ..output.page_cache import write_derived
from ..pages.structured_data import date_published
from ..people.pages import published

# A record's fields, in order (docs/data.md says what each holds).
FIELDS = ["report", "report_date", "report_language", "report_headline", "number", "url", "speaker", "role",
          "words", "printed"]
SPEAKER_COLUMNS = ["speaker_id", "speaker_name", "speaker_kind", "speaker_wikidata", "speaker_page"]


def address(siteurl, path):
    """An address as the site gives it: absolute where SITEURL is set."""
    return f"{siteurl}/{path}" if siteurl else path


def person_fields(context, person):
    """A registered speaker as the data gives them: id, name, kind,
    Wikidata item, page (the id and page the JSON-LD's, where SITEURL is
    set)."""
    page = address(context["SITEURL"], context["PERSON_URL"].format(slug=person.slug))
    wikidata = next((link for link in person.same_as if link.startswith("https://www.wikidata.org/wiki/")), None)
    return {"id": page + "#id", "name": person.name, "kind": person.kind, "wikidata": wikidata, "page": page}


def speaker_of(context, article, quotation):
    """The quotation's speaker: the register's person where the report's
    speaker is one (`person_fields`), else the report's own description of
    an unnamed source."""
    speaker = quotation.speaker
    person = article.report.people.get(speaker.name)
    if person is None:
        return {"id": None, "name": speaker.label, "kind": speaker.kind, "wikidata": None, "page": None}
    return person_fields(context, person)


def quotations(context):
    """Each published quotation: ``(report, its number there, quotation)``."""
    reports = sorted(published(context), key=lambda a: (-a.date.timestamp(), a.report.href))
    for article in reports:
        for number, quotation in enumerate(article.report.quotations, 1):
            yield article, number, quotation


def record(context, article, number, quotation):
    """A quotation's record, as `FIELDS` names them."""
    page = address(context["SITEURL"], article.report.href)
    return {
        "report": page, "report_date": date_published(article), "report_language": article.lang,
        "report_headline": article.title, "number": number,
        "url": f"{page}#{quotation.anchor}" if quotation.anchor else page,
        "speaker": speaker_of(context, article, quotation), "role": quotation.speaker.role,
        "words": quotation.text, "printed": quotation.printed,
    }


def flat(record):
    """A record as a row of the CSV: the speaker's fields as columns of
    their own (``speaker_id``, ``speaker_name``…)."""
    row = {key: value for key, value in record.items() if key != "speaker"}
    row.update({f"speaker_{key}": value or "" for key, value in record["speaker"].items()})
    return row


class QuotationDataGenerator(Generator):
    """After the speaker pages (whose people it lists)."""

    def generate_context(self):
        pass

    def generate_output(self, writer):
        write_data(self, writer)


def add_generator(pelican):
    """The data where the site has speaker pages (``PERSON_SAVE_AS``)."""
    return QuotationDataGenerator if pelican.settings.get("PERSON_SAVE_AS") else None


def write_data(generator, writer):
    """The quotations' files into the writer's output folder, each record
    written as it is made (the whole file never held as one string: at
    10,000 reports that was 64 MiB at once); which quotations each
    registered speaker said noted for their own file, whose records are
    made again as it is written (all of them held at once were the
    build's peak of memory), and only where what it is made from changed
    (`page_cache.write_derived`)."""
    context, by_person, output_path = generator.context, {}, writer.output_path
    columns = [*(f for f in FIELDS if f != "speaker"), *SPEAKER_COLUMNS]
    with opened(output_path, "quotations.jsonl") as lines, opened(output_path, "quotations.csv") as table:
        rows = csv.DictWriter(table, fieldnames=columns, lineterminator="\r\n")
        rows.writeheader()
        for said in quotations(context):
            made = record(context, *said)
            lines.write(json.dumps(made, ensure_ascii=False, separators=(",", ":")) + "\n")
            rows.writerow(flat(made))
            if made["speaker"]["id"] is not None:
                by_person.setdefault(made["speaker"]["id"], []).append(said)
    for person, _ in context.get("PEOPLE_QUOTED", []):
        fields = person_fields(context, person)
        said = Records(context, by_person.get(fields["id"], []))
        document = {"id": fields["id"], "name": person.name, "kind": person.kind, "description": person.description,
                    "other_names": list(person.other_names), "same_as": list(person.same_as), "page": fields["page"],
                    "quotations": said}
        page = generator.settings["PERSON_SAVE_AS"].format(slug=person.slug)
        # Made from the person and each quotation and its report.
        parts = [person, *(part for each in said.said for part in each)]
        write_derived(writer, generator.settings, os.path.splitext(page)[0] + ".json", parts,
                      lambda document=document: encoded(document))


def encoded(document):
    """``document`` as indented JSON in UTF-8, a line, made a few thousand
    of the encoder's pieces at a time: only the bytes are ever whole (as
    one string, a speaker's 10,000 quotations held four bytes a character
    where the text was Chinese)."""
    data, pieces = bytearray(), json.JSONEncoder(ensure_ascii=False, indent=1).iterencode(document)
    while text := "".join(itertools.islice(pieces, 4096)):
        data += text.encode()
    return data + b"\n"


class Records(list):
    """A speaker's quotations' records (all but the speaker, whose file it
    is), made one at a time as the JSON encoder reaches each: a speaker
    quoted in every one of 10,000 reports held 10,000 records at once, the
    build's peak of memory. A list to the encoder, which asks its length
    and iterates it (`json.JSONEncoder.iterencode`, with ``indent``)."""

    def __init__(self, context, said):
        super().__init__()
        self.context, self.said = context, said

    def __len__(self):
        return len(self.said)

    def __iter__(self):
        for each in self.said:
            yield {k: v for k, v in record(self.context, *each).items() if k != "speaker"}


def opened(output_path, name):
    """The file ``name`` of ``output_path``, open to write UTF-8 as given."""
    target = os.path.join(output_path, name)
    os.makedirs(os.path.dirname(target), exist_ok=True)
    return open(target, "w", encoding="utf-8", newline="")
