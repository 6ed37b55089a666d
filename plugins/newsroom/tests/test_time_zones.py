"""Where a report's clock was: a Date, Modified or Correction may give its
offset from UTC, or the report a Timezone; a date without either is in the
site's TIMEZONE. A time is shown as the clock where it happened showed it,
with that place's offset, which reads the same everywhere."""

import datetime
from zoneinfo import ZoneInfo

import pytest
from newsroom.chrome.languages import Chrome
from newsroom.reading import checks
from pelican import signals
from pelican.utils import get_date

HEADER = "Title: A report\nCategory: News\nAuthor: Desk\nSummary: One line.\n"


def at(text, zone):
    return datetime.datetime.fromisoformat(text).replace(tzinfo=zone)


@pytest.mark.parametrize("moment, lang, shown", [
    # The site's own zone keeps the abbreviation its readers know.
    (at("2021-01-20 09:15", ZoneInfo("America/New_York")), "en", "Wednesday 20 January 2021, 09:15 EST"),
    (at("2021-07-20 09:15", ZoneInfo("America/New_York")), "en", "Tuesday 20 July 2021, 09:15 EDT"),
    # Any other zone by its offset: Taipei's "CST" would read as Chicago's.
    (at("2021-01-20 09:15", ZoneInfo("Asia/Taipei")), "en", "Wednesday 20 January 2021, 09:15 UTC+8"),
    (at("2021-01-20 09:15", ZoneInfo("Asia/Kolkata")), "zh-Hans", "2021年1月20日星期三 09:15 UTC+5:30"),
    (at("2021-01-20 09:15", datetime.timezone(datetime.timedelta(hours=-3))), "en",
     "Wednesday 20 January 2021, 09:15 UTC-3"),
    (at("2021-01-20 09:15", datetime.timezone.utc), "zh-Hant", "2021年1月20日星期三 09:15 UTC+0"),
])
def test_a_time_says_where_its_clock_was(moment, lang, shown):
    clock, zone = shown.rsplit(" ", 1)
    assert Chrome(lang, "America/New_York").date_time(moment) == f"{clock}\u00a0{zone}"


@pytest.mark.parametrize("fields, published", [
    ("Date: 2017-07-10 09:15 +03:00\n", "2017-07-10T09:15:00+03:00"),
    ("Date: 2017-07-10T09:15+0300\n", "2017-07-10T09:15:00+03:00"),
    ("Date: 2017-07-10 09:15Z\n", "2017-07-10T09:15:00+00:00"),
    ("Date: 2017-07-10 09:15\nTimezone: Asia/Hong_Kong\n", "2017-07-10T09:15:00+08:00"),
    # An offset given with the time wins over the report's Timezone.
    ("Date: 2017-07-10 09:15 +03:00\nTimezone: Asia/Hong_Kong\n", "2017-07-10T09:15:00+03:00"),
])
def test_a_date_is_read_with_its_offset_or_the_reports_zone(pelican_site, fields, published):
    dates = []
    signals.article_generator_finalized.connect(lambda generator: dates.extend(a.date for a in generator.articles),
                                               weak=False)
    pelican_site(["newsroom"], {"report.md": HEADER + fields + "\nText.\n"}, TIMEZONE="America/New_York").run()
    assert [d.isoformat() for d in dates] == [published]


def test_a_written_date_is_parsed_once_however_many_stages_read_it(read_file, monkeypatch):
    """The checks, the model and Pelican each read a report's Date, and
    dateutil's parser was a tenth of a reading: the date written once is
    parsed once, and means what Pelican's own reading of it means."""
    parsed = []
    checks.parsed_date.cache_clear()
    monkeypatch.setattr(checks, "get_date", lambda value: parsed.append(value) or get_date(value))
    messages, meta = read_file(HEADER + "Date: 2017-07-10 09:15 +03:00\nModified: 2017-07-11 10:00 +03:00\n"
                               "\nText.\n")
    assert messages == [] and sorted(parsed) == ["2017-07-10 09:15 +03:00", "2017-07-11 10:00 +03:00"]
    assert meta["date"] == get_date("2017-07-10 09:15 +03:00") and meta["modified"].isoformat() == "2017-07-11T10:00:00+03:00"


def test_corrections_are_read_in_the_reports_zone_beside_a_date_with_an_offset(read_file):
    messages, meta = read_file(HEADER + "Date: 2021-04-20 23:30 +08:00\nTimezone: Asia/Taipei\n"
                               "Correction: 2021-04-21 08:00: A name was misspelt.\n"
                               "Correction: 2021-04-21 01:00 +00:00: A date was wrong.\n\nText.\n")
    assert messages == []
    corrections = meta["report"].corrections
    assert [c.date.isoformat() for c in corrections] == ["2021-04-21T08:00:00+08:00", "2021-04-21T01:00:00+00:00"]
    assert meta["modified"] == corrections[-1].date


@pytest.mark.parametrize("fields, line, problem", [
    ("Date: 2021-04-20\nTimezone: Taipei\n", 6, "Timezone 'Taipei' is not a time zone's name: write the IANA name"),
    ("Date: 2021-04-20\nTimezone: localtime\n", 6, "Timezone 'localtime' is not a time zone's name"),
    ("Date: 2021-04-20\nTimezone: Asia/Calcutta\n", 6,
     "Timezone 'Asia/Calcutta' is not a time zone's name: write Asia/Kolkata, the name IANA keeps"),
    ("Date: 2021-03-28 01:30\nTimezone: Europe/London\n", 5,
     "Date '2021-03-28 01:30': the clocks in Europe/London never showed 01:30 that day"),
    ("Date: 2021-10-31 01:30\nTimezone: Europe/London\n", 5,
     "Date '2021-10-31 01:30': the clocks in Europe/London showed 01:30 twice that day"),
    ("Date: 2021-10-31 01:30 +01:00\nTimezone: Europe/London\n", 5, None),
    ("Date: 2021-04-20 10:00 +25:00\n", 5, "Date '2021-04-20 10:00 +25:00' gives the offset +25:00, which no clock"),
    ("Date: 2021-04-20\nCorrection: 2021-04-21 10:00 +99:00: A typo.\n", 6,
     "Correction date '2021-04-21 10:00 +99:00' gives the offset +99:00"),
    ("Date: 2021-04-20\nModified: 2200-01-01\n", 6, "Modified '2200-01-01' is in the future"),
    ("Date: 2021-04-20\nCorrection: 2200-01-01: A typo.\n", 6, "Correction date '2200-01-01' is in the future"),
    ("Date: 2021-04-20 09:15 EST\n", 5, "Date '2021-04-20 09:15 EST' is not written YYYY-MM-DD"),
    # 08:00 in Taipei is midnight in UTC, before the Date's 01:00 UTC.
    ("Date: 2021-04-20 01:00 +00:00\nTimezone: Asia/Taipei\nCorrection: 2021-04-20 08:30: A typo.\n", 7,
     "a Correction is dated before the report's Date"),
    ("Date: 2021-04-20 10:00 +02:00\nModified: 2021-04-20 09:30 +00:00\n", 6, None),
    ("Date: 2021-04-20 10:00 +02:00\nModified: 2021-04-20 07:30 +00:00\n", 6, "Modified is earlier than Date"),
])
def test_times_are_compared_where_they_happened(read_file, fields, line, problem):
    messages, meta = read_file(HEADER + fields + "\nText.\n")
    if problem is None:
        assert messages == [] and meta is not None
    else:
        assert meta is None
        assert any(m.startswith(f"report.md:{line}: {problem}") for m in messages), messages
