"""A rebuild is the reference build: after every step of sequences of what
a desk does (a report added, its text edited, its headline changed, a
correction added, a report deleted, the register edited, a translation
added, an embargo passing, a report redated into the year before, a photo
put at a report's head), the site a rebuild makes from the last build's
output and store is byte for byte the site a fresh build makes from
nothing: the development build with its search index (`make html
SEARCH=1`, `make devserver`) in one run, the production publish (`make
publish`: search, cards, compressed files, put live beside the last
publish) in the other.

The sequences come from a seeded generator (two runs of five kinds of
step, every kind in one of them, in an order and on reports the run's
seed picks; the seed and the steps are printed when it fails) over a
small desk of its own: two builds a step, three for an embargo (held
back, then passed)."""

import datetime
import filecmp
import inspect
import random
import re
import shutil

import pytest
from PIL import Image

from conftest import build

REGISTER = ("Mei Lin | person | Lawyer for the families\n"
            "Omar Haddad | person | Spokesman for the coalition\n"
            "Coalition for Justice | organisation | Rights group\n")
NAMES = ["Mei Lin", "Omar Haddad", "Coalition for Justice"]
WORDS = "court families hearing sentence release appeal charges detention witness verdict".split()


def report(number, rng, title=None, extra=""):
    who = rng.sample(NAMES, 2)
    said = " ".join(rng.choices(WORDS, k=6))
    return (f"Title: {title or f'Report {number} on the ' + rng.choice(WORDS)}\n"
            f"Date: 2025-0{1 + number % 9}-1{number % 10}T09:00:00+00:00\n"
            f"Category: News\nTags: {rng.choice(WORDS)}, {rng.choice(WORDS)}\nAuthor: Desk\n"
            f"Summary: What {who[0]} said about the {rng.choice(WORDS)}.\nSlug: report-{number}\nLang: en\n"
            f"Speakers: {who[0]}\n    {who[1]}\n{extra}\n"
            f"The {rng.choice(WORDS)} was heard on Monday.\n\n"
            f"{who[0]} said: [“{said.capitalize()}.”]{{speaker={who[0]}}}\n\n"
            f"{who[1]} replied that [“the {rng.choice(WORDS)} must go on”]{{speaker={who[1]}}}.\n")


class Desk:
    """A content folder and what each step does to it."""

    def __init__(self, content, rng):
        self.content, self.rng, self.next = content, rng, 3
        (content / "pages").mkdir(parents=True)
        (content / "pages" / "about.md").write_text("Title: About\n\nA desk.\n", encoding="utf-8")
        (content / "people.txt").write_text(REGISTER, encoding="utf-8")
        for number in range(3):
            self.write(number, report(number, rng))

    def write(self, number, text):
        (self.content / f"report-{number}.md").write_text(text, encoding="utf-8")

    def reports(self):
        return sorted(p for p in self.content.glob("report-*.md") if "Translation_of" not in p.read_text())

    def add(self):
        self.write(self.next, report(self.next, self.rng))
        self.next += 1

    def edit(self):
        path = self.rng.choice(self.reports())
        path.write_text(path.read_text(encoding="utf-8") + f"\nThe {self.rng.choice(WORDS)} resumes.\n",
                        encoding="utf-8")

    def retitle(self):
        path = self.rng.choice(self.reports())
        text = path.read_text(encoding="utf-8").split("\n", 1)[1]
        path.write_text(f"Title: Now about the {self.rng.choice(WORDS)}\n{text}", encoding="utf-8")

    def correct(self):
        path = self.rng.choice(self.reports())
        header, body = path.read_text(encoding="utf-8").split("\n\n", 1)
        path.write_text(f"{header}\nModified: 2025-10-01T10:00:00+00:00\n"
                        f"Correction: 2025-10-01: An earlier version misstated the {self.rng.choice(WORDS)}.\n\n"
                        f"{body}", encoding="utf-8")

    def delete(self):
        candidates = [p for p in self.reports()
                      if not any(f"Translation_of: {p.stem}" in q.read_text() for q in self.content.glob("*.md"))]
        if len(candidates) > 1:
            self.rng.choice(candidates).unlink()

    def register(self):
        people = self.content / "people.txt"
        people.write_text(people.read_text(encoding="utf-8").replace(
            "Lawyer for the families", f"Lawyer for the {self.rng.choice(WORDS)} families"), encoding="utf-8")

    def embargo(self):
        """A report dated next year, held back by its embargo (a build
        runs), then its date come (as a build on that day sees it)."""
        later = datetime.date.today().year + 1
        path = self.content / f"report-{self.next}.md"
        self.write(self.next, report(self.next, self.rng).replace("Date: 2025-", f"Date: {later}-", 1))
        self.next += 1
        yield
        path.write_text(path.read_text(encoding="utf-8").replace(f"Date: {later}-", "Date: 2025-", 1),
                        encoding="utf-8")

    def redate(self):
        """A report moved into December of the year before: out of its
        month's and year's listings, archives, sitemap and search bundle,
        into the closed years'."""
        path = self.rng.choice(self.reports())
        path.write_text(re.sub(r"^Date: \d{4}-\d\d-", "Date: 2024-12-", path.read_text(encoding="utf-8"),
                               count=1, flags=re.M), encoding="utf-8")

    def photo(self):
        """A photo of its own put at the head of a report: its variants
        made, its share cards cut from it instead of drawn."""
        images = self.content / "images"
        images.mkdir(exist_ok=True)
        name = f"scene-{self.next}.jpg"
        self.next += 1
        Image.new("RGB", (900, 600), tuple(self.rng.randrange(40, 200) for _ in range(3))).save(images / name)
        path = self.rng.choice(self.reports())
        header, body = path.read_text(encoding="utf-8").split("\n\n", 1)
        path.write_text(f"{header}\n\n![The hearing room before the session]({images.name}/{name})\n"
                        f"Caption: The room where the {self.rng.choice(WORDS)} was heard.\nCredit: Desk\n\n{body}",
                        encoding="utf-8")

    def translate(self):
        original = self.rng.choice(self.reports())
        if any(f"Translation_of: {original.stem}" in p.read_text() for p in self.content.glob("*.md")):
            return
        text = report(self.next, self.rng, title="Informe en español").replace("Lang: en", "Lang: es")
        self.write(self.next, text.replace("\n\n", f"\nTranslation_of: {original.stem}\n\n", 1))
        self.next += 1


# Two runs of five kinds of step each, every kind in one or the other: the
# publish's with the photo, whose share cards only a publish cuts.
RUNS = {1: ["retitle", "edit", "delete", "add", "correct"], 2: ["register", "embargo", "photo", "redate", "translate"]}
# Each run's build: a development build with its index, a publish.
BUILDS = {1: ("pelicanconf.py", {"SEARCH_INDEX": True}), 2: ("publishconf.py", {})}


def site(folder):
    return sorted(p.relative_to(folder).as_posix() for p in folder.rglob("*") if p.is_file())


@pytest.mark.parametrize("seed", [1, 2])
def test_after_every_step_a_rebuild_is_the_site_a_fresh_build_makes(tmp_path, seed):
    rng = random.Random(seed)
    desk = Desk(tmp_path / "content", rng)
    steps = rng.sample(RUNS[seed], len(RUNS[seed]))  # the run's kinds, in an order of its seed
    rebuilt = tmp_path / "output"

    conf, settings = BUILDS[seed]

    def built(output, **cache):
        result = build(output, conf, desk.content, **settings, **cache)
        assert result.returncode == 0, f"seed {seed}, steps {steps}:\n{result.stdout}\n{result.stderr}"

    built(rebuilt, CACHE_PATH=str(tmp_path / "cache"))
    for done, step in enumerate(steps, 1):
        done_now = getattr(desk, step)()
        for _ in done_now if inspect.isgenerator(done_now) else ():
            built(rebuilt, CACHE_PATH=str(tmp_path / "cache"))  # the step half done
        built(rebuilt, CACHE_PATH=str(tmp_path / "cache"))
        fresh = tmp_path / f"fresh-{done}"
        built(fresh, CACHE_PATH=str(tmp_path / f"fresh-{done}-cache"))
        files = site(fresh)
        assert site(rebuilt) == files, f"seed {seed}, after {steps[:done]}"
        _, differ, errors = filecmp.cmpfiles(rebuilt, fresh, files, shallow=False)
        assert differ + errors == [], f"seed {seed}, after {steps[:done]}"
        shutil.rmtree(fresh)
