"""Identity is explicit: a report's speaker is taken for a person of the
register only when nothing tells them apart; two people are never merged by
a name alone, and homonyms are two people with two pages."""

import logging

import pytest
from pelican import signals

MINISTER = "Wang Yi | person | Chinese foreign minister | | https://www.wikidata.org/wiki/Q17041 | foreign minister"
PASTOR_ROLE = "pastor of Early Rain Covenant Church"


def report(speakers, quoted="Wang Yi", n=1):
    return (f"Title: Report {n}\nDate: 2021-04-2{n}\nCategory: News\nAuthor: Desk\nSummary: One.\n"
            f"Speakers: {speakers}\n\n[“We will.”]{{speaker={quoted}}}\n")


@pytest.fixture
def build(pelican_site, caplog, tmp_path, monkeypatch):
    """``build(register, *reports)``: the articles read (each with its
    ``report.people``) and the errors logged, as ``file:line: message``."""
    monkeypatch.chdir(tmp_path)

    def build(register, *reports):
        seen = []
        signals.article_generator_finalized.connect(seen.append, weak=False)
        files = {"people.txt": register, **{f"r{n}.md": text for n, text in enumerate(reports, 1)}}
        try:
            with caplog.at_level(logging.ERROR):
                caplog.clear()
                pelican_site(["newsroom"], files=files).run()
        finally:
            signals.article_generator_finalized.disconnect(seen.append)
        errors = [r.getMessage().replace(str(tmp_path) + "/", "") for r in caplog.records
                  if r.levelno >= logging.ERROR and "Could not process" not in r.getMessage()]
        return sorted(seen[0].articles, key=lambda a: a.title), errors

    return build


def people(article):
    return {name: (p.name, p.slug, p.description) for name, p in article.report.people.items()}


def test_a_name_alone_never_merges_two_people(build):
    # The pastor's words must not land on the foreign minister's page.
    _, errors = build(MINISTER + "\n", report(f"Wang Yi | person | {PASTOR_ROLE}"))
    assert errors == ["content/r1.md:6: Speakers 'Wang Yi | pastor of Early Rain Covenant Church' has the name of "
                      "the register's Wang Yi (Chinese foreign minister, content/people.txt:1), who is not known by "
                      "that role: if this is them, add the role to their line in the register (its last field, "
                      "roles) or write their id after the name (Wang Yi #wang-yi | …); if it is someone else, "
                      "give them an id of their own (Wang Yi #wang-yi-2 | …)"]


@pytest.mark.parametrize("role", ["Chinese foreign minister", "foreign minister", "Foreign Minister.", ""])
def test_a_role_the_register_knows_them_by_or_none_joins_them(build, role):
    [article], errors = build(MINISTER + "\n", report(f"Wang Yi | person | {role}"))
    assert errors == [] and people(article) == {"Wang Yi": ("Wang Yi", "wang-yi", "Chinese foreign minister")}


def test_an_id_says_who_is_meant_whatever_the_role(build):
    [article], errors = build(MINISTER + "\n", report("Wang Yi #wang-yi | person | China's top diplomat"))
    assert errors == [] and people(article)["Wang Yi"][1] == "wang-yi"


def test_a_homonym_the_register_lacks_gets_a_page_of_their_own(build):
    [article], errors = build(MINISTER + "\n", report(f"Wang Yi #wang-yi-pastor | person | {PASTOR_ROLE}"))
    # Who they are is the register's to say: the role is this report's.
    assert errors == [] and people(article) == {"Wang Yi": ("Wang Yi", "wang-yi-pastor", "")}


def test_registered_homonyms_are_two_people_and_a_report_names_which(build):
    register = (MINISTER.replace("Wang Yi |", "Wang Yi #wang-yi |") + "\n"
                + f"Wang Yi #wang-yi-pastor | person | {PASTOR_ROLE} | | |\n")
    minister, pastor = report("Wang Yi #wang-yi | person | foreign minister", n=1), \
        report(f"Wang Yi #wang-yi-pastor | person | {PASTOR_ROLE}", n=2)
    (first, second), errors = build(register, minister, pastor)
    assert errors == []
    assert people(first)["Wang Yi"][1:] == ("wang-yi", "Chinese foreign minister")
    assert people(second)["Wang Yi"][1:] == ("wang-yi-pastor", PASTOR_ROLE)
    _, errors = build(register, report(f"Wang Yi | person | {PASTOR_ROLE}"))
    assert errors == ["content/r1.md:6: Speakers 'Wang Yi' matches Wang Yi #wang-yi (content/people.txt:1) and "
                      "Wang Yi #wang-yi-pastor (content/people.txt:2) in the register: write the id of the one "
                      "meant after the name (Wang Yi #wang-yi | …)"]


def test_a_quotation_may_name_its_speaker_by_id(build):
    speakers = f"Wang Yi #wang-yi | person | foreign minister\n    Wang Yi #wang-yi-pastor | person | {PASTOR_ROLE}"
    [article], errors = build(MINISTER + "\n", report(speakers, quoted="#wang-yi-pastor"))
    assert errors == [] and [q.speaker.id for q in article.report.quotations] == ["wang-yi-pastor"]
    assert article.report.people["Wang Yi"].slug == "wang-yi-pastor"


def test_a_spelling_two_register_lines_share_needs_an_id_on_each(build):
    _, errors = build("Lee Ann | person | a lawyer | Lee |\nLee Min #lee-min | person | a judge | Lee |\n",
                      report("Lee Ann | person | a lawyer", quoted="Lee Ann"))
    assert errors == ["content/people.txt:2: 'Lee' is already Lee Ann's: give each spelling to one person, or give "
                      "each person of that name an id after it (Name #id) for reports to say which is meant"]
    _, errors = build("Lee Ann #lee-ann | person | a lawyer | Lee |\nLee Min #lee-min | person | a judge | Lee |\n",
                      report("Lee Ann | person | a lawyer", quoted="Lee Ann"))
    assert errors == []


def test_two_register_lines_with_one_id_are_refused(build):
    _, errors = build(f"{MINISTER}\nWang Yi | person | {PASTOR_ROLE}\n", report("Wang Yi | person | foreign minister"))
    assert errors[0] == ("content/people.txt:2: Wang Yi would have the id 'wang-yi' of Wang Yi (content/people.txt:1): "
                         "give one of them an id of its own, after the name (Wang Yi #wang-yi-2)")


def test_a_speaker_the_register_lacks_gets_the_line_to_add_printed_whole(build, capsys):
    [article], errors = build(MINISTER + "\n", report("Sun Wei | person | a witness | Sun | https://sun.example",
                                                      quoted="Sun"))
    assert errors == [] and people(article) == {"Sun Wei": ("Sun Wei", "sun-wei", "")}
    printed = capsys.readouterr().out  # on one line, however narrow the console
    assert ("content/r1.md:6: Sun Wei is not in the register: add a line to content/people.txt: Sun Wei | person | "
            "what they are | Sun | https://sun.example") in printed


@pytest.mark.parametrize("register, origin", [("Ann Lee | person | a lawyer | |\n", "content/people.txt:1"),
                                              ("", "content/r1.md:6")], ids=["one registered", "neither registered"])
def test_two_people_whose_pages_would_share_an_address_are_refused_naming_both(build, register, origin):
    _, errors = build(register, report("Ann Lee | person | a lawyer", quoted="Ann Lee"),
                      report("Ann-Lee | person | a judge", quoted="Ann-Lee", n=2))
    assert errors == [f"Ann-Lee (content/r2.md:6) and Ann Lee ({origin}) would share the page people/ann-lee: give "
                      "one of them an id of its own after the name (Name #id)"]


def test_names_whose_pages_would_be_one_file_are_refused_naming_both_files(build):
    _, errors = build("", report("王毅 | person | a lawyer", quoted="王毅"),
                      report("汪毅 | person | a judge", quoted="汪毅", n=2))
    assert len(errors) == 1 and "content/r1.md:6" in errors[0] and "content/r2.md:6" in errors[0], errors
    assert "would share the page people/" in errors[0]


@pytest.mark.parametrize("typed", ["Jose\u0301 Marti\u0301nez", "Ｊｏｓé Ｍａｒｔíｎｅｚ"], ids=["NFD", "full width"])
def test_a_name_typed_decomposed_or_full_width_is_the_registers_person(build, typed):
    articles, errors = build("José Martínez | person | a lawyer\n",
                             report(f"{typed} | person | a lawyer", quoted=typed))
    assert errors == [] and [p.name for p in articles[0].report.people.values()] == ["José Martínez"]


def test_the_register_skips_comments_and_blank_lines_and_reads_on_past_a_bad_line(build):
    register = ("# who\n   # indented comment\n\nNobody | a | b | c | d\nA clerk | unnamed | a clerk\n"
                "Ann Lee | person | a lawyer | Lee | | lawyer\n")
    [article], errors = build(register, report("Lee | person | lawyer", quoted="Lee"))
    assert errors == [
        "content/people.txt:4: register line 'Nobody | a | b | c | d' is not 'Name | kind | description | other names | "
        "links | roles'",
        "content/people.txt:5: register line 'A clerk | unnamed | a clerk' is of kind unnamed: the register lists "
        "those named; describe an unnamed source in the report"]
    assert people(article) == {"Lee": ("Ann Lee", "ann-lee", "a lawyer")}, "read past the bad lines"


def test_unnamed_sources_get_no_page_and_one_unregistered_person_is_one_page_across_reports(build):
    first = report("A clerk | unnamed | a court clerk\n    Sun Wei | person | a witness", quoted="Sun Wei")
    second = report("Sun Wei | person | a neighbour", quoted="Sun Wei", n=2)
    (one, two), errors = build("", first, second)
    assert errors == [] and set(one.report.people) == {"Sun Wei"}
    assert one.report.people["Sun Wei"] is two.report.people["Sun Wei"]


def test_a_speakers_line_is_found_below_a_title_that_names_them(build):
    text = report(f"Wang Yi | person | {PASTOR_ROLE}").replace("Title: Report 1", "Title: Wang Yi speaks")
    _, errors = build(MINISTER + "\n", text)
    assert len(errors) == 1 and errors[0].startswith("content/r1.md:6: Speakers 'Wang Yi | pastor")


def test_one_speaker_refused_leaves_the_next_joined(build):
    register = MINISTER + "\nAnn Lee | person | a lawyer | | | lawyer\n"
    text = report(f"Wang Yi | person | {PASTOR_ROLE}\n    Ann Lee | person | lawyer", quoted="Ann Lee")
    [article], errors = build(register, text + "\nAnd [“no”]{speaker=Wang Yi}.\n")
    assert len(errors) == 1 and people(article) == {"Ann Lee": ("Ann Lee", "ann-lee", "a lawyer")}


def test_different_people_the_register_lacks_are_different_people(build, capsys):
    (one, two), errors = build("", report("Sun Wei | person | a witness", quoted="Sun Wei"),
                               report("Li Na #li-na-2 | person | a nurse | Li, Nana", quoted="Li Na", n=2))
    assert errors == [] and people(one)["Sun Wei"][1] == "sun-wei" and people(two)["Li Na"][1] == "li-na-2"
    person = two.report.people["Li Na"]
    assert (person.other_names, person.same_as) == (("Li", "Nana"), ())
    printed = " ".join(capsys.readouterr().out.split())
    assert "add a line to content/people.txt: Li Na #li-na-2 | person | what they are | Li, Nana |" in printed


def test_a_registered_speaker_is_not_announced_as_missing(build, capsys):
    build(MINISTER + "\n", report("Wang Yi | person | foreign minister"))
    assert "not in the register" not in capsys.readouterr().out


def test_the_register_as_read(tmp_path):
    from pelican.settings import read_settings

    from newsroom.people.register import read_register

    (tmp_path / "people.txt").write_text(
        "   # an indented comment | person\nWang Yi | person | minister | Wang | https://w.example | minister\n"
        f"Wang Yi | person | {PASTOR_ROLE}\nHRW | organisation | rights group\n", encoding="utf-8")
    by_name, by_id, problems = read_register(str(tmp_path), read_settings())
    assert [(p.name, p.kind, p.same_as, p.roles) for p in by_id.values()] == [
        ("Wang Yi", "person", ("https://w.example",), ("minister",)), ("HRW", "organisation", (), ())]
    assert set(by_name) == {"Wang Yi", "Wang", "HRW"} and len(problems) == 1, "read on past the line refused"


@pytest.mark.parametrize("line", [
    "Li Wen | person | lawyer who said “we will crush them”",
    "Li Wen | person | lawyer | “The Defender”",
    "Li Wen | person | lawyer | | | lawyer who said ‘never’",
])
def test_a_register_line_that_holds_a_quotation_is_refused_by_line(build, line):
    _, errors = build(f"# people\n{line}\n", report("Li Wen | person | lawyer", quoted="Li Wen"))
    assert len(errors) == 1 and errors[0].startswith("content/people.txt:2: register line "), errors
    assert "cannot hold a quotation (it is published unattributed)" in errors[0]


BLINKEN = "Antony Blinken #antony-blinken | person | U.S. Secretary of State | Blinken\n"


def test_an_id_cannot_lend_a_registered_persons_page_to_another_name(build):
    _, errors = build(BLINKEN, report("Mei Lin #antony-blinken | person | sister of a detainee", quoted="Mei Lin"))
    assert len(errors) == 1 and errors[0].startswith("content/r1.md:6: Speakers 'Mei Lin #antony-blinken' gives "
                                                     "the id of Antony Blinken (content/people.txt:1)"), errors
    articles, errors = build(BLINKEN, report("Blinken #antony-blinken | person | diplomat", quoted="Blinken"))
    assert errors == [] and articles[0].report.people["Blinken"].slug == "antony-blinken"


def test_an_id_one_report_gave_cannot_be_taken_by_another_name(build):
    _, errors = build("", report("Ann Lee #ann | person | a lawyer", quoted="Ann Lee"),
                      report("Mei Lin #ann | person | a judge", quoted="Mei Lin", n=2))
    assert len(errors) == 1 and " #ann' gives the id " in errors[0] and "none of their names" in errors[0], errors


@pytest.mark.parametrize("typed, says", [
    ("Antony Bl\u200binken", "holds an invisible character, U+200B (ZERO WIDTH SPACE)"),
    ("Antony Blinken\u200f", "holds an invisible character, U+200F (RIGHT-TO-LEFT MARK)"),
    ("Antony Blіnken", "mixes Cyrillic and Latin letters in the word 'Blіnken'"),
    ("Αntony Βlinken", "mixes Greek and Latin letters in the word 'Αntony'"),
])
def test_a_name_made_to_look_like_another_is_refused_in_a_report_and_in_the_register(build, typed, says):
    _, errors = build(BLINKEN, report(f"{typed} | person | diplomat", quoted=typed))
    assert errors and all(e.startswith("content/r1.md:6: ") for e in errors), errors
    assert any(e.startswith("content/r1.md:6: Speakers line") and says in e for e in errors), errors
    _, errors = build(f"{typed} | person | a diplomat\n", report("Ann Lee | person | a lawyer", quoted="Ann Lee"))
    assert len(errors) == 1 and errors[0].startswith("content/people.txt:1: "), errors
    assert says in errors[0] or "direction mark" in errors[0]


def test_a_name_in_another_script_that_looks_like_a_registered_name_is_refused_naming_both(build):
    # Рара in Cyrillic letters alone: no word mixes scripts, yet it reads as Papa.
    _, errors = build("Papa Diop | person | a journalist\n", report("Рара Diop | person | a journalist",
                                                                     quoted="Рара Diop"))
    assert len(errors) == 1 and errors[0].startswith("Рара Diop (content/r1.md:6) looks exactly like Papa Diop "
                                                     "(content/people.txt:1)"), errors


def test_joiners_stay_where_a_script_needs_them(build):
    articles, errors = build("", report("مهدی\u200cزاده | person | وکیل", quoted="مهدی\u200cزاده"))
    assert errors == [] and list(articles[0].report.people) == ["مهدی\u200cزاده"]


def test_a_quotations_element_names_the_registers_person_whatever_the_reports_spelling(build):
    text = report("جو ستورك | person | deputy director", quoted="جو ستورك").replace(
        "Summary: One.", "Summary: He said [“No.”]{speaker=جو ستورك}")
    articles, errors = build("Joe Stork | person | deputy director | جو ستورك\n", text)
    assert errors == [] and 'data-speaker="Joe Stork"' in articles[0]._content
    assert 'data-speaker="جو ستورك"' not in articles[0]._content + articles[0].summary
    assert 'data-speaker="Joe Stork"' in articles[0].summary


def test_a_headlines_quotation_is_one_of_the_reports_quotations_once(build):
    text = report("Ann Lee | person | a lawyer", quoted="Ann Lee").replace(
        "Title: Report 1", "Title: Lawyer: [“We will.”]{speaker=Ann Lee}").replace(
        "Summary: One.", "Summary: She said [“They lied.”]{speaker=Ann Lee}")
    articles, errors = build("", text)
    assert errors == []
    quotations = articles[0].report.quotations
    assert [(q.text, q.anchor) for q in quotations] == [("They lied.", ":~:text=They%20lied."), ("We will.", "q1")]


def test_the_line_to_add_names_the_speakers_own_line_not_one_that_mentions_them(build, capsys):
    text = report("Ann Lee | person | sister of Li Wen\n    Li Wen | person | a detained lawyer", quoted="Li Wen")
    build("", text)
    printed = capsys.readouterr().out
    assert "content/r1.md:7: Li Wen is not in the register" in printed, printed


def test_a_refused_files_speakers_are_checked_against_the_register_in_the_same_build(build):
    text = report("Wang Yi | person | pastor of a church").replace("[“We will.”]{speaker=Wang Yi}",
                                                                  "[“We will.”]{speaker=Wang Yi} and “unmarked”")
    _, errors = build(MINISTER + "\n", text)
    assert any("without markup" in e for e in errors), errors
    assert any(e.startswith("content/r1.md:6: Speakers 'Wang Yi | pastor of a church' has the name of the "
                            "register's Wang Yi") for e in errors), errors
