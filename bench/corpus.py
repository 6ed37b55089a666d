"""A newsroom's archive, made up: what `make bench` builds.

    realistic(folder, count) -> folder/content

Reports look like a rights desk's, not like one report copied: a register
of about one person or organisation per five reports (``people.txt``),
each report quoting one to three of them, drawn with a Zipf-like law (a
few people are quoted often, most rarely, as in real reporting); 30% of
reports with a photo (from a pool of 40
photos, as a desk reuses its pictures: every photo's variants are made
once), a mix of eight sections and forty topics, 80% in English, 10% in
simplified and 10% in traditional Chinese, a correction on one report in
twenty and footnotes on one in ten. Three reports a day, the newest dated
1 November 2026. The same ``count`` makes the same archive (seeded).

    concentrated(folder, count) -> folder/content

The same, but three people quoted in every report.
"""

import datetime
import random
import shutil
from pathlib import Path

from PIL import Image, ImageDraw

SECTIONS = ["Human rights", "Courts", "Diplomacy", "China", "Hong Kong", "Xinjiang", "Sanctions",
            "Civil society"]
TOPICS = ["Detention", "Lawyers", "Families", "Appeals", "Sanctions", "Elections", "Press freedom", "Religion",
          "Labour", "Surveillance", "Protests", "Prisons", "Visas", "Trade", "Olympics", "Asylum", "Journalists",
          "Students", "Internet", "Censorship", "Torture", "Trials", "Bail", "Exile", "Uyghurs", "Tibet",
          "Taiwan", "Macau", "Migrants", "Women", "Children", "Health", "Housing", "Land", "Police", "Military",
          "United Nations", "European Union", "United States", "Embassies"]
GIVEN = ["Anna", "Wei", "Mei", "Jonas", "Claire", "Lin", "Omar", "Sara", "Tomas", "Yuki", "Ivan", "Leila",
         "Ming", "Hana", "Paul", "Ruth", "Karim", "Nadia", "Chen", "Li"]
FAMILY = ["Varga", "Zhang", "Wang", "Weber", "Dubois", "Okafor", "Haddad", "Novak", "Tanaka", "Petrov",
          "Rahman", "Costa", "Kim", "Moreau", "Singh", "Meyer", "Ivanova", "Lopez", "Huang", "Said"]
ROLES = ["human rights lawyer", "rights researcher", "government spokesperson", "former detainee",
         "sister of a detained activist", "judge", "diplomat", "professor of law", "journalist", "pastor"]
ORGANISATIONS = ["Watch", "Defenders", "Monitor", "Network", "Council", "Foundation", "Centre", "Initiative"]
WORDS = ("the court said on tuesday that the hearing would continue behind closed doors while families "
         "waited outside and lawyers asked for the evidence to be shown to the defence before any verdict "
         "was read out in a case that has drawn criticism from governments and rights groups alike").split()
ZH_HANS = "法院周二表示审理将继续进行家属在外等候律师要求在宣判前向辩方出示证据此案受到各国政府和人权团体的批评"
ZH_HANT = "法院週二表示審理將繼續進行家屬在外等候律師要求在宣判前向辯方出示證據此案受到各國政府和人權團體的批評"
PHOTOS = 40
NEWEST = datetime.date(2026, 11, 1)
PAGES = Path(__file__).resolve().parent.parent / "content" / "pages"


def people(count, rng):
    """The register: about one person or organisation per five reports."""
    found, names = [], set()
    while len(found) < max(5, count // 5):
        if rng.random() < 0.15:
            name = f"{rng.choice(FAMILY)} {rng.choice(ORGANISATIONS)}"
            line = (name, "organisation", "rights group")
        else:
            name = f"{rng.choice(GIVEN)} {rng.choice(FAMILY)}"
            line = (name, "person", rng.choice(ROLES))
        if name in names:
            name = f"{name} {len(found)}"
            line = (name, *line[1:])
        names.add(name)
        found.append(line)
    return found


def sentence(rng, lang, words=14):
    if lang == "en":
        text = " ".join(rng.choice(WORDS) for _ in range(words))
        return text[0].upper() + text[1:] + "."
    pool = ZH_HANS if lang == "zh-Hans" else ZH_HANT
    return "".join(rng.choice(pool) for _ in range(words * 2)) + "。"


def photos(folder, rng):
    """The desk's pool of photos: small JPEGs, each different."""
    folder.mkdir(parents=True, exist_ok=True)
    for number in range(PHOTOS):
        image = Image.new("RGB", (1200, 800), tuple(rng.randrange(40, 200) for _ in range(3)))
        draw = ImageDraw.Draw(image)
        for _ in range(12):
            x, y = rng.randrange(1200), rng.randrange(800)
            draw.ellipse((x, y, x + 90, y + 90), fill=tuple(rng.randrange(256) for _ in range(3)))
        image.save(folder / f"photo-{number:02d}.jpg", quality=80)


def report(number, date, register, weights, rng, everyone=False):
    """One report; quoting everyone in the register where ``everyone``."""
    lang = rng.choices(["en", "zh-Hans", "zh-Hant"], [8, 1, 1])[0]
    quoted = list(register) if everyone else []
    for _ in range(0 if everyone else rng.randint(1, 3)):
        person = rng.choices(register, weights)[0]
        if person not in quoted:
            quoted.append(person)
    speakers = "\n    ".join(f"{name} | {role}" for name, _, role in quoted)
    opening, closing = ("“", "”") if lang == "en" else ("「", "」")
    paragraphs = []
    for name, _, _ in quoted:
        paragraphs.append(sentence(rng, lang))
        words = sentence(rng, lang, 10)
        said = "said" if lang == "en" else "表示"
        paragraphs.append(f"{name} {said}: [{opening}{words}{closing}]{{speaker={name}}}")
    paragraphs.append(sentence(rng, lang, 20))
    header = [f"Title: {sentence(rng, lang, 6).rstrip('.。')} ({number})", f"Date: {date}",
              f"Category: {rng.choice(SECTIONS)}", f"Tags: {', '.join(rng.sample(TOPICS, rng.randint(2, 5)))}",
              "Author: Rights Desk", f"Summary: {sentence(rng, lang, 12)}", f"Slug: report-{number:06d}",
              f"Lang: {lang}", f"Speakers: {speakers}"]
    if rng.random() < 0.05:
        header.append(f"Correction: {date}: {sentence(rng, 'en', 8)}")
    if rng.random() < 0.3:
        photo = rng.randrange(PHOTOS)
        paragraphs.insert(1, f"![A scene from the report, number {photo}](../images/photo-{photo:02d}.jpg)\n"
                             f"Caption: {sentence(rng, lang, 8)}\nCredit: Rights Desk")
    if rng.random() < 0.1:
        paragraphs[-1] += "[^1]"
        paragraphs.append(f"[^1]: {sentence(rng, 'en', 8)}")
    return "\n".join(header) + "\n\n" + "\n\n".join(paragraphs) + "\n"


def realistic(folder, count, seed=None, everyone=0):
    """``count`` reports, the register, the photos and our pages (About) in
    ``folder``/content. With ``everyone``, a register of that many people,
    each quoted in every report (`concentrated`)."""
    rng = random.Random(count if seed is None else seed)
    content = folder / "content"
    content.mkdir(parents=True, exist_ok=True)
    shutil.copytree(PAGES, content / "pages", dirs_exist_ok=True)
    register = people(count, rng)[:everyone] if everyone else people(count, rng)
    # Zipf-like: the n-th most quoted person is quoted about 1/n as often as the first.
    weights = [1 / rank for rank in range(1, len(register) + 1)]
    (content / "people.txt").write_text(
        "".join(f"{name} | {kind} | {role} | | | {role}\n" for name, kind, role in register), encoding="utf-8")
    photos(content / "images", rng)
    for number in range(count):
        date = NEWEST - datetime.timedelta(days=number // 3)
        year = content / str(date.year)
        year.mkdir(exist_ok=True)
        (year / f"report-{number:06d}.md").write_text(report(number, date, register, weights, rng, bool(everyone)),
                                                       encoding="utf-8")
    return content


def concentrated(folder, count):
    """An archive shaped otherwise: the same three people quoted in every
    report, so three speaker pages, feeds and data files of ``count``
    quotations each (the realistic archive's most quoted person is in one
    report of twenty)."""
    return realistic(folder, count, seed=count + 1, everyone=3)


def newest(content, number=999_999, seed=1):
    """One more report, as a desk publishes it: dated yesterday, newer than
    the whole archive (today on this machine's clock may be tomorrow in the
    site's time zone, where a report dated then waits for its embargo)."""
    rng = random.Random(seed)
    register = [tuple(line.split(" | ")[:3]) for line in
                (content / "people.txt").read_text(encoding="utf-8").splitlines()]
    date = datetime.date.today() - datetime.timedelta(days=1)
    text = report(number, date, register, [1 / r for r in range(1, len(register) + 1)], rng)
    path = content / str(date.year) / f"report-{number:06d}.md"
    path.parent.mkdir(exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path
