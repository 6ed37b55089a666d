"""The register is content like any other: UTF-8 with or without a
byte-order mark, inside content/, its links checked as links, and every
problem named by people.txt:line."""

import os

import pytest

from newsroom.model.people import PersonLineError, read_person_line, web_address
from newsroom.people.register import read_register


def register(tmp_path, data):
    content = tmp_path / "content"
    content.mkdir(exist_ok=True)
    (content / "people.txt").write_bytes(data)
    return read_register(str(content), {})


def test_a_byte_order_mark_is_not_part_of_the_first_name(tmp_path):
    _, by_id, problems = register(tmp_path, "\ufeffAnn Lee | person | a lawyer\n".encode())
    assert problems == [] and [p.name for p in by_id.values()] == ["Ann Lee"]


@pytest.mark.parametrize("data, line, problem", [
    ("Ann Lee | person | a lawyer\nJosé | person | a judge\n".encode("latin-1"), 2,
     "is not UTF-8 text: save the file as UTF-8"),
    ("Ann Lee | person | a lawyer\nEve\u202e | person | x\n".encode(), 2, "has a bidirectional override character"),
    ("Ann Lee | person | a lawyer | | javascript://x/%0aalert(document.domain)\n".encode(), 1,
     "register line 'Ann Lee | person | a lawyer | | javascript://x/%0aalert(document.domain)' gives the link "
     "'javascript://x/%0aalert(document.domain)', which is not a web address"),
])
def test_a_register_that_is_not_fit_to_read_is_refused_by_line(tmp_path, data, line, problem):
    _, _, problems = register(tmp_path, data)
    assert [(os.path.basename(path), number) for path, number, _ in problems] == [("people.txt", line)]
    assert problems[0][2].startswith(problem), problems[0][2]


def test_a_register_linked_from_outside_content_is_not_read(tmp_path):
    elsewhere = tmp_path / "elsewhere.txt"
    elsewhere.write_text("Secret Person | person | not for publishing\n", encoding="utf-8")
    (tmp_path / "content").mkdir()
    (tmp_path / "content" / "people.txt").symlink_to(elsewhere)
    by_name, _, problems = read_register(str(tmp_path / "content"), {})
    assert by_name == {} and [message.split(",")[0] for _, _, message in problems] == [
        f"is a link to {elsewhere}"]


@pytest.mark.parametrize("link, published", [
    ("https://www.hrw.org/", "https://www.hrw.org/"),
    ("http://example.org/a?b=c#d", "http://example.org/a?b=c#d"),
    ("Q4773", "https://www.wikidata.org/wiki/Q4773"),
    ("javascript://x/%0aalert(document.domain)", None),
    ("JAVASCRIPT:alert(1)", None),
    ("data:text/html,hi", None),
    ("Q0", None),
    ("Q4773x", None),
    ("www.hrw.org", None),
    ("https://localhost/", None),
    ("https://[::1/", None),
    ("//example.org/a", None),
    ("https:example.org", None),
])
def test_a_persons_links_are_web_addresses_or_wikidata_ids(link, published):
    assert web_address(link) == published
    line = f"Ann Lee | person | a lawyer | | {link}"
    if published is None:
        with pytest.raises(PersonLineError, match="is not a web address"):
            read_person_line(line)
    else:
        assert read_person_line(line).links == (published,)
