"""A report may link documents (a ruling as PDF, a statement as text): they
are published and linked as Pelican publishes static files."""

import re


def test_a_document_linked_with_static_or_attach_is_published_and_linked(pelican_site, tmp_path):
    report = ("Title: A ruling\nDate: 2021-04-21\nCategory: Courts\nAuthor: Desk\nSummary: One.\n\n"
              "Read [the ruling]({static}/docs/ruling.pdf) and [the notes]({attach}docs/notes.txt).\n")
    pelican_site(["newsroom"], files={"report.md": report, "docs/ruling.pdf": "%PDF-1.4\n",
                                      "docs/notes.txt": "Notes.\n"}).run()
    output = tmp_path / "output"
    assert (output / "docs" / "ruling.pdf").read_text() == "%PDF-1.4\n"
    page = (output / "a-ruling.html").read_text(encoding="utf-8")
    assert re.search(r'href="[^"]*docs/ruling\.pdf"', page)
    [notes] = output.rglob("notes.txt")
    assert notes.read_text() == "Notes.\n" and re.search(r'href="[^"]*notes\.txt"', page)
