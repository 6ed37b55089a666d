"""Every word of the page chrome and every date format, per language: the
one catalogue that templates and the reading stage (footnote and
photo-credit labels) read, through `languages.Chrome`.

One file a language, ``<tag>.toml`` beside this one, for translators to
review: who wrote it in its first line; ``words_a_minute`` (reading
speed); ``[dates]``: ``utc_offset``, and, where the house writes dates its
own way, how a date, a day in a list and a date with its time are written
(``date``, ``day_month``, ``date_time``; without them, CLDR's), with the
names of days and months from CLDR, or from the file (``weekdays``, Monday
first, ``months``, ``months_short``) for a writing CLDR lacks;
``[labels]``, every label. Each file has every key of ``en.toml`` with the
same ``{placeholders}`` (tests/test_catalogue.py), and may add the plural
forms its language has (``quotation_count_few``: CLDR's plural rules pick
one). A label that runs into what follows carries its own space, where the
language writes one.
"""

import tomllib
from pathlib import Path

HERE = Path(__file__).parent
CATALOGUES = {path.stem: tomllib.loads(path.read_text(encoding="utf-8")) for path in sorted(HERE.glob("*.toml"))}
LABELS = {lang: catalogue["labels"] for lang, catalogue in CATALOGUES.items()}
DATES = {lang: catalogue["dates"] for lang, catalogue in CATALOGUES.items()}
WORDS_A_MINUTE = {lang: catalogue["words_a_minute"] for lang, catalogue in CATALOGUES.items()}
