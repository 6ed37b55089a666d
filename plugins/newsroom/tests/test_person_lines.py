"""One person format: a register line pasted under a report's Speakers
means the same person; the older Speakers order still reads the same."""

import pytest
from pelican import signals

from newsroom.model.people import PersonLineError, Speaker, read_person_line
from newsroom.reading.speakers import parse_speakers

REGISTER_LINE = "Antony Blinken | person | U.S. Secretary of State from 2021 to 2025 | Blinken, John Blinken |"
REPORT = ("Title: A report\nDate: 2021-04-20\nCategory: News\nTags: Courts\nAuthor: Desk\nSummary: One line.\n"
          "Speakers: {speakers}\n\n[“We will.”]{{speaker=Blinken}}\n")


def test_a_register_line_and_the_older_speakers_order_are_the_same_speaker():
    new = parse_speakers([REGISTER_LINE])["Blinken"]
    old = parse_speakers(["Antony Blinken | U.S. Secretary of State from 2021 to 2025 | Blinken, John Blinken"])
    assert new == old["Blinken"] == Speaker("Antony Blinken", "U.S. Secretary of State from 2021 to 2025",
                                            ("Blinken", "John Blinken"), "person")


@pytest.mark.parametrize("line, kind", [("HRW | organisation | rights group", "organisation"),
                                        ("HRW | organization | rights group", "organisation"),
                                        ("HRW | rights group | | organization", "organisation"),
                                        ("A clerk | unnamed | a court clerk", "unnamed"),
                                        ("A clerk | a court clerk | | unnamed", "unnamed"),
                                        ("Price", "person")])
def test_every_spelling_of_a_kind_in_either_order_is_read_as_that_kind(line, kind):
    assert read_person_line(line).kind == kind


@pytest.mark.parametrize("line, says", [
    ("Price | spokesperson | Ned | person | extra", "is not 'Name | kind | description | other names | links | roles'"),
    ("Price | person | spokesperson | Ned | https://x.example | spokesperson | extra", "is not 'Name"),
    ("Wang Yi #wang yi | person | pastor", "gives the id 'wang yi': an id is letters, digits and hyphens"),
    (" | person | nobody", "is not 'Name"),
    ("Price | spokesperson | | robot", "gives the kind 'robot': write person, organisation or unnamed"),
])
def test_a_line_in_neither_order_is_refused_saying_how_to_write_it(line, says):
    with pytest.raises(PersonLineError, match=says.replace("|", r"\|")):
        read_person_line(line)


def test_links_on_a_report_line_are_kept_for_a_speaker_the_register_lacks():
    line = read_person_line("Jane Roe | person | lawyer | Roe | https://www.wikidata.org/wiki/Q1 https://roe.example")
    assert line.links == ("https://www.wikidata.org/wiki/Q1", "https://roe.example")


def test_a_register_line_pasted_into_a_report_means_the_register_person(pelican_site):
    seen = []
    signals.article_generator_finalized.connect(seen.append, weak=False)
    try:
        pelican_site(["newsroom"], files={
            "people.txt": REGISTER_LINE + "\n",
            "report.md": REPORT.format(speakers=REGISTER_LINE),
        }).run()
    finally:
        signals.article_generator_finalized.disconnect(seen.append)
    [article] = seen[0].articles
    person = article.report.people["Antony Blinken"]
    assert (person.name, person.description, person.other_names) == (
        "Antony Blinken", "U.S. Secretary of State from 2021 to 2025", ("Blinken", "John Blinken"))
    assert [p.name for p in seen[0].context["PEOPLE"]] == ["Antony Blinken"]


def test_the_register_refuses_an_unnamed_source_by_line(pelican_site, caplog):
    pelican_site(["newsroom"], files={"people.txt": "# who\nA clerk | unnamed | a court clerk\n",
                                      "report.md": REPORT.format(speakers="Blinken")}).run()
    assert any("people.txt:2: register line 'A clerk | unnamed | a court clerk' is of kind unnamed" in r.getMessage()
               for r in caplog.records)


@pytest.mark.parametrize("line, where, says", [
    ("Price | spokesperson | Ned | person | extra", "Speakers line",
     "Speakers line 'Price | spokesperson | Ned | person | extra' is not 'Name | kind | description | other names | "
     "links | roles'"),
    ("Wang Yi #wang yi | person", "register line", "register line 'Wang Yi #wang yi | person' gives the id 'wang yi': "
     "an id is letters, digits and hyphens, as a page's address (wang-yi-pastor)"),
    ("Price | spokesperson | | robot", "Speakers line", "Speakers line 'Price | spokesperson | | robot' gives the kind "
     "'robot': write person, organisation or unnamed"),
])
def test_every_refusal_names_the_line_it_refuses(line, where, says):
    with pytest.raises(PersonLineError) as refused:
        read_person_line(line, where) if where != "Speakers line" else read_person_line(line)
    assert str(refused.value) == says and refused.value.line == line


def test_each_field_lands_where_the_format_says():
    read = read_person_line(" Wang Yi #wang-yi-2 | Person | pastor | Wang, W. Yi | https://a.example  https://b.example "
                            "| pastor of a church ;  church pastor ; ")
    assert (read.name, read.id, read.kind, read.description, read.other_names, read.links, read.roles) == (
        "Wang Yi", "wang-yi-2", "person", "pastor", ("Wang", "W. Yi"), ("https://a.example", "https://b.example"),
        ("pastor of a church", "church pastor"))
    assert read_person_line("Price | person").description == "", "a kind in second place: the new order"
    assert read_person_line("Price | person | spokesperson").description == "spokesperson"
    assert read_person_line("Price").kind == "person"


def test_a_person_answers_to_their_description_their_roles_or_no_role_case_and_spacing_aside():
    from newsroom.model.people import Person

    person = Person("Price", description="State Department spokesperson", roles=("spokesman",))
    assert person.answers_to("") and person.answers_to("state  department Spokesperson.")
    assert person.answers_to("Spokesman；".replace("；", ";")) and not person.answers_to("Kansas farmer")
    assert person.schema_type == "Person" and Person("HRW", kind="organisation").schema_type == "Organization"


def test_an_unnamed_source_is_credited_by_description_and_a_named_one_by_name_and_role():
    unnamed, named = Speaker("Clerk", "a court clerk", kind="unnamed"), Speaker("Ann Lee", "a lawyer")
    assert (unnamed.named, unnamed.label, unnamed.caption()) == (False, "a court clerk", "a court clerk")
    assert (named.named, named.label, named.caption()) == (True, "Ann Lee", "Ann Lee, a lawyer")
    assert named.caption("، ") == "Ann Lee، a lawyer", "joined as the caption's language joins"
    assert Speaker("Ann Lee").caption() == "Ann Lee" and Speaker("X", kind="unnamed").label == "X"
    assert named.handle == "ann-lee" and Speaker("Ann Lee", id="ann-2").handle == "ann-2"


def test_a_line_in_the_older_order_has_no_links_or_roles():
    read = read_person_line("Ann Lee | a lawyer | Lee | person")
    assert (read.links, read.roles, read.id) == ((), (), "")
    assert PersonLineError("m").line == ""
