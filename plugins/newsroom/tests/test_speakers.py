"""A report's Speakers field (reading/speakers.py): every rule offered bad
input and refused with its exact message, and the nearest good input."""

import pytest

from newsroom.model.people import PersonLineError, Speaker
from newsroom.reading.speakers import parse_speakers, unknown


@pytest.mark.parametrize("lines, says", [
    (["— | person | a witness"], "Speakers line '— | person | a witness' names nobody: write the name in words"),
    (["Ann Lee | person | a lawyer", "ann lee | person | a judge"],
     "Speakers names 'Ann Lee' and 'ann lee', which machines cannot tell apart: write each speaker once"),
    (["Ann Lee | person | a lawyer | Lee", "Bo Lee | person | a judge | Lee"],
     "Speakers gives the name 'Lee' to Ann Lee and to Bo Lee: give each name to one speaker only"),
    (["Ann Lee | person | a lawyer", "Ann Lee #ann-lee-2 | person | a judge"],
     "Speakers gives the name 'Ann Lee' to Ann Lee and to Ann Lee: give each name to one speaker only"),
])
def test_speakers_that_cannot_be_told_apart_are_refused_naming_the_line(lines, says):
    with pytest.raises(PersonLineError) as refused:
        parse_speakers(lines)
    assert str(refused.value) == says and refused.value.line == lines[-1]


def test_every_name_of_a_speaker_finds_them_and_each_line_is_one_speaker():
    by_name = parse_speakers(["Ann Lee | person | a lawyer | Lee, A. Lee", "HRW | organisation | rights group"])
    ann = Speaker("Ann Lee", "a lawyer", ("Lee", "A. Lee"), "person")
    assert by_name == {"Ann Lee": ann, "Lee": ann, "A. Lee": ann,
                       "HRW": Speaker("HRW", "rights group", (), "organisation")}


def test_two_speakers_of_one_name_each_with_an_id_are_found_by_id_only():
    by_name = parse_speakers(["Wang Yi #wang-yi | person | foreign minister | Wang",
                              "Wang Yi #wang-yi-pastor | person | pastor"])
    assert set(by_name) == {"#wang-yi", "#wang-yi-pastor", "Wang"}
    assert by_name["#wang-yi-pastor"].role == "pastor" and by_name["Wang"].id == "wang-yi"


def test_a_name_two_speakers_share_says_which_ids_to_write():
    by_name = parse_speakers(["Wang Yi #wang-yi | person | foreign minister",
                              "Wang Yi #wang-yi-pastor | person | pastor"])
    assert unknown("Wang Yi", by_name) == ("names speaker 'Wang Yi', whom several speakers share: write "
                                           "{speaker=#wang-yi} or {speaker=#wang-yi-pastor}")


@pytest.mark.parametrize("name, says", [
    ("Wang", "names speaker 'Wang', who could be Wang Yi or Wang Wenbin: write the full name, or give each an "
             "other name of their own"),
    ("Blinken", "names speaker 'Blinken', who is not in the Speakers field: write {speaker=Antony Blinken}, or add "
                "'Blinken' to their other names"),
    ("Price", "names speaker 'Price', who is not in the Speakers field: add a line 'Name | kind | description | "
              "other names | links | roles' under Speakers"),
])
def test_a_quotation_naming_nobody_declared_says_what_to_write(name, says):
    by_name = parse_speakers(["Antony Blinken | person | Secretary of State",
                              "Wang Yi | person | foreign minister", "Wang Wenbin | person | spokesperson"])
    assert unknown(name, by_name) == says
