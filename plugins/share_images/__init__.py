"""Share images: the headline and the site name on a card, for link previews.

Social networks and search engines show an image beside a shared link. Each
article gets a 1200×630 card (Open Graph's size) and the 16:9, 4:3 and 1:1
versions Google asks for; the site gets a card of its own for every other
page, and a square logo for the publisher in structured data. They are drawn
at build time with Pillow and Noto Sans CJK (Debian's ``fonts-noto-cjk``,
which `make` and CI install), which draws every title: Latin with
diacritics, dashes and the euro sign, and simplified and traditional
Chinese alike. A card is drawn once and kept in Pelican's cache folder under
a hash of what it shows. An article with a photo shares its lead photo
instead, cropped to the same four shapes (JPEG).

Templates get ``article.share_images`` and ``SITE_SHARE_IMAGES`` (lists of
`ShareImage`, the Open Graph size first) and ``SITE_LOGO``.
"""

import functools
import hashlib
import multiprocessing
import os
import re
import shutil
from dataclasses import dataclass

from pelican import signals
from PIL import Image, ImageColor, ImageDraw, ImageFont, ImageOps

# Changing the drawing code? Change this too, so cached cards are redrawn.
VERSION = "3"
# Faces in the collection: simplified Chinese by default, traditional where
# the report is (the two write some characters differently).
FACES = {"sc": 2, "tc": 3}
INSTALL = "apt-get install fonts-noto-cjk (Debian's package; `make` installs it where it can)"
CJK = re.compile(r"[⺀-鿿豈-﫿＀-￯]")
# SHARE_IMAGES, in the settings, overrides any of these.
DEFAULTS = {
    # Open Graph's size first, then the 16:9, 4:3 and 1:1 Google asks for.
    "SIZES": [(1200, 630), (1200, 675), (1200, 900), (1200, 1200)],
    "LOGO_SIZE": (512, 512),
    "FOLDER": "images/share",
    "BACKGROUND": "#a4161a",
    "FOREGROUND": "#ffffff",
    "FONT": "/usr/share/fonts/opentype/noto/NotoSansCJK-Bold.ttc",
}
MARGIN = 80


@dataclass(frozen=True)
class ShareImage:
    url: str
    width: int
    height: int
    alt: str
    # What the card shows: the title, and the line at its foot; or the photo.
    text: str
    footer: str
    key: str
    face: str = "sc"
    photo: str = ""

    @property
    def type(self):
        return "image/jpeg" if self.photo else "image/png"


class FontMissing(RuntimeError):
    pass


def config(settings):
    """SHARE_IMAGES over DEFAULTS; a name this plugin does not know fails."""
    given = settings.get("SHARE_IMAGES", {})
    if set(given) - set(DEFAULTS):
        raise ValueError(f"SHARE_IMAGES has {sorted(set(given) - set(DEFAULTS))}: share_images knows {list(DEFAULTS)}")
    return {**DEFAULTS, **given}


def check(pelican):
    font(config(pelican.settings)["FONT"], 40)


@functools.lru_cache(maxsize=None)
def font(path, size, face="sc"):
    if not os.path.exists(path):
        raise FontMissing(f"share images need the font {path}: {INSTALL}")
    return ImageFont.truetype(path, size=size, index=FACES[face])


def face_for(lang):
    lang = (lang or "").lower()
    return "tc" if lang.startswith(("zh-hant", "zh-tw", "zh-hk", "zh-mo")) else "sc"


def palette(background, foreground, steps=16):
    """From the background to the foreground colour in ``steps``: all a card
    of flat colour and anti-aliased text needs, so PNG stores 4 bits a pixel."""
    bg, fg = ImageColor.getrgb(background), ImageColor.getrgb(foreground)
    return [round(b + (f - b) * i / (steps - 1)) for i in range(steps) for b, f in zip(bg, fg)]


def units(text):
    """What a line may break between: words, and each CJK character (with
    the opening marks that must not end a line and the punctuation that must
    not start one kept on it)."""
    return re.findall(r"\s*(?:[「『（《〈“‘]*[\u2e80-\u9fff\uf900-\ufaff][，。、；：！？」』）》〉”’]*"
                      r"|[^\s\u2e80-\u9fff\uf900-\ufaff]+)", text)


def wrap(draw, text, font, width):
    lines, line = [], ""
    for unit in units(text):
        trial = line + unit if line else unit.lstrip()
        if line and draw.textlength(trial, font=font) > width:
            lines.append(line)
            line = unit.lstrip()
        else:
            line = trial
    return lines + [line]


def draw_card(size, title, footer, face="sc", style=None):
    """The card: ``title`` as large as fits, ``footer`` at the foot."""
    style = style or DEFAULTS
    width, height = size
    # Text is drawn as coverage (0 to 255) and mapped onto the palette.
    mask = Image.new("L", size, 0)
    draw = ImageDraw.Draw(mask)
    for font_size in (84, 72, 64, 56, 48, 40):
        lines = wrap(draw, title, font(style["FONT"], font_size, face), width - 2 * MARGIN)
        block = len(lines) * font_size * 1.25
        if block <= height - 3 * MARGIN - 40:
            break
    top = (height - 40 - MARGIN - block) / 2
    draw.multiline_text(
        (MARGIN, top), "\n".join(lines), font=font(style["FONT"], font_size, face), fill=255,
        spacing=font_size // 4
    )
    if footer:
        foot = height - MARGIN - 40
        draw.rectangle((MARGIN, foot - 16, MARGIN + 64, foot - 10), fill=255)
        draw.text((MARGIN, foot), footer, font=font(style["FONT"], 40, face), fill=255)
    card = Image.frombytes("P", size, mask.point([v * 15 // 255 for v in range(256)]).tobytes())
    card.putpalette(palette(style["BACKGROUND"], style["FOREGROUND"]))
    return card


def fingerprint(*what):
    """What a card shows, hashed: its cache key, and part of its file name
    so that servers may cache it for ever (deploy/nginx.conf)."""
    return hashlib.sha256("|".join(map(str, (VERSION, *what))).encode()).hexdigest()


def image(style, slug, size, text, footer, alt, face="sc"):
    key = fingerprint(size, text, footer, face, style["BACKGROUND"], style["FOREGROUND"], style["FONT"])
    return ShareImage(f"{style['FOLDER']}/{slug}-{size[0]}x{size[1]}-{key[:10]}.png", *size, alt, text, footer,
                      key, face)


def crop(style, slug, size, photo, alt):
    key = fingerprint(size, photo.key)
    return ShareImage(f"{style['FOLDER']}/{slug}-{size[0]}x{size[1]}-{key[:10]}.jpg", *size, alt, "", "", key,
                      photo=photo.source)


def written(generator):
    """Every article the site has a page for: listed, hidden, and the
    translations of both."""
    return [*generator.articles, *generator.translations, *generator.hidden_articles,
            *generator.hidden_translations]


def announce(generator):
    """Give every article its images' addresses, before any page is written."""
    site, style = generator.settings["SITENAME"], config(generator.settings)
    sizes = [tuple(size) for size in style["SIZES"]]
    for article in written(generator):
        lead = (getattr(article, "photos", None) or [None])[0]
        if lead is not None:
            alt = lead.alt
            article.share_images = [crop(style, article.slug, size, lead, alt) for size in sizes]
            continue
        alt = f"{article.title}, {site}"
        face = face_for(article.lang)
        article.share_images = [image(style, article.slug, size, article.title, site, alt, face) for size in sizes]
    generator.context["SITE_SHARE_IMAGES"] = [image(style, "site", size, site, "", site) for size in sizes]
    generator.context["SITE_LOGO"] = image(style, "logo", tuple(style["LOGO_SIZE"]), site, "", site)


def cropped(card):
    """The lead photo, cut to the card's shape around its centre."""
    with Image.open(card.photo) as photo:
        photo = ImageOps.exif_transpose(photo).convert("RGB")
        return ImageOps.fit(photo, (card.width, card.height), Image.LANCZOS)


def make(job):
    """Draw (or crop) one card into the cache (in a worker process)."""
    card, cached, style = job
    if card.photo:
        cropped(card).save(cached + ".tmp", "JPEG", quality=82, optimize=True, progressive=True)
    else:
        draw_card((card.width, card.height), card.text, card.footer, card.face, style).save(
            cached + ".tmp", "PNG", bits=4)
    os.replace(cached + ".tmp", cached)


def write(generator, writer):
    """Every card into output/, through the cache: the cards no earlier
    build made are drawn first, on every core."""
    cache = os.path.join(generator.settings["CACHE_PATH"], "share-images")
    os.makedirs(cache, exist_ok=True)
    context, style = generator.context, config(generator.settings)
    cards = [card for article in written(generator) for card in article.share_images]
    cards = [*cards, *context["SITE_SHARE_IMAGES"], context["SITE_LOGO"]]
    cached = {card.key: os.path.join(cache, f"{card.key}{os.path.splitext(card.url)[1]}") for card in cards}
    missing = {card.key: (card, cached[card.key], style) for card in cards if not os.path.exists(cached[card.key])}
    if len(missing) > 1:
        with multiprocessing.Pool() as pool:
            for _ in pool.imap_unordered(make, missing.values(), chunksize=4):
                pass
    else:
        for job in missing.values():
            make(job)
    for card in cards:
        target = os.path.join(generator.output_path, card.url)
        os.makedirs(os.path.dirname(target), exist_ok=True)
        shutil.copyfile(cached[card.key], target)


def register():
    # Before anything is read: a missing font or an unknown setting fails now.
    signals.initialized.connect(check)
    # After the articles are read and before pages are written, so templates
    # can name the images; the images are drawn once the articles are out.
    signals.article_generator_finalized.connect(announce)
    signals.article_writer_finalized.connect(write)
