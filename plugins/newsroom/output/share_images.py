"""Share images: the headline and the site name on a card, for link previews.

Social networks and search engines show an image beside a shared link. Each
article gets a card in the 16:9, 4:3 and 1:1 shapes Google asks for (the
16:9 one is also Open Graph's and X's); the site gets a card of its own for every other
page, and a square logo for the publisher in structured data. They are drawn
at build time with Pillow, shaped by its libraqm (HarfBuzz: Arabic letters
join, Tibetan stacks) and laid out in the title's direction (Uyghur and
every right-to-left script from the right, a Latin name in it left to
right), in Noto (Debian's ``fonts-noto-cjk`` and ``fonts-noto-core``, which
`make` and CI install): each character in the first face of `FONTS` that
has a glyph for it (fontTools reads which), staying in the face of the
characters around it where that face has it too, so a word, its spaces and
its punctuation are shaped together; CJK in Noto Sans CJK, simplified and
traditional Chinese each in its own forms. A card is drawn once and kept in the build store
(plugins/build_store) for a hash of what it shows, and linked from there into the output. An article with a photo shares its lead photo
instead, cropped to the same shapes (JPEG).

Templates get ``article.report.share_images`` and ``SITE_SHARE_IMAGES`` (lists of
`ShareImage`, the Open Graph one first) and ``SITE_LOGO``.
"""

import functools
import hashlib
import io
import os
import re
import unicodedata
from dataclasses import dataclass

import build_store
from fontTools.ttLib import TTFont
from PIL import Image, ImageColor, ImageDraw, ImageFont, ImageOps, features
from plugin_support import section

from ..chrome import locales
from ..chrome.languages import chrome
from ..chrome.scripts import EAST_ASIAN, RIGHT_TO_LEFT
from ..model.report import CENTRE
from . import png_bands

# Changing the drawing code? Change this too, so cached cards are redrawn
# (not for how a card is encoded: the same pixels are the same card).
VERSION = "6"
KIND = "share-image"  # what the cards are filed as in the build store
# Faces in the collection: simplified Chinese by default, traditional where
# the report is (the two write some characters differently).
FACES = {"sc": 2, "tc": 3}
INSTALL = ("apt-get install fonts-noto-cjk fonts-noto-core libfribidi0 (Debian's packages; `make` installs "
           "them where it can)")
NOTO = "/usr/share/fonts/truetype/noto/"
# After the Latin and CJK faces (FONT, LATIN_FONT), the faces tried for a
# character they lack, in this order (all in fonts-noto-core).
FALLBACK_FONTS = [NOTO + name for name in (
    "NotoSansArabic-Bold.ttf", "NotoSansHebrew-Bold.ttf", "NotoSerifTibetan-Bold.ttf", "NotoSansDevanagari-Bold.ttf",
    "NotoSansBengali-Bold.ttf", "NotoSansTamil-Bold.ttf", "NotoSansThai-Bold.ttf", "NotoSansLao-Bold.ttf",
    "NotoSansKhmer-Bold.ttf", "NotoSansMyanmar-Bold.ttf", "NotoSansGeorgian-Bold.ttf", "NotoSansArmenian-Bold.ttf",
    "NotoSansEthiopic-Bold.ttf", "NotoSansSinhala-Bold.ttf", "NotoSansThaana-Bold.ttf", "NotoSansSyriac-Regular.ttf",
    "NotoSansSymbols-Bold.ttf",
)]
# Where a Tibetan line may break: after a tsheg or a shad.
TIBETAN_BREAKS = re.compile(r"[^\u0f0b\u0f0d]*[\u0f0b\u0f0d]+|[^\u0f0b\u0f0d]+")
# Marks Latin and CJK text both print, each at its own width.
SHARED_MARKS = "\u201c\u201d\u2018\u2019\u2014\u2026\u00b7"
# SHARE_IMAGES, in the settings, overrides any of these.
DEFAULTS = {
    # The 16:9, 4:3 and 1:1 Google asks for; the first is also Open Graph's
    # and X's. They show it at 1.91:1 and 2:1, cutting 23 and 38 pixels
    # from its top and bottom: inside the card's 80-pixel margin, so a
    # 1200x630 card of its own would add a quarter to the drawing for nothing.
    "SIZES": [(1200, 675), (1200, 900), (1200, 1200)],
    "LOGO_SIZE": (512, 512),
    "FOLDER": "images/share",
    "BACKGROUND": "#a4161a",
    "FOREGROUND": "#ffffff",
    "FONT": "/usr/share/fonts/opentype/noto/NotoSansCJK-Bold.ttc",
    "LATIN_FONT": "/usr/share/fonts/truetype/noto/NotoSans-Bold.ttf",
    "FALLBACK_FONTS": FALLBACK_FONTS,
}
MARGIN = 80
# Shades from background to foreground: enough for anti-aliased text, and
# PNG then stores 4 bits a pixel.
STEPS = 16


@dataclass(frozen=True, slots=True)
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
    wide_marks: bool = False
    lang: str = ""
    photo: str = ""
    focus: tuple[float, float] = CENTRE

    @property
    def type(self):
        return "image/jpeg" if self.photo else "image/png"


class FontMissing(RuntimeError):
    pass


def config(settings):
    """SHARE_IMAGES over DEFAULTS; a name this plugin does not know fails."""
    return section(settings, "SHARE_IMAGES", DEFAULTS, "share_images")


def check_font(settings):
    """Fails now, before anything is read, if the cards' fonts, or the
    shaping they need, are missing."""
    style = config(settings)
    for path in (style["FONT"], style["LATIN_FONT"], *style["FALLBACK_FONTS"]):
        font(path, 40)
    if not features.check("raqm"):
        raise FontMissing(f"share images need Pillow's libraqm to shape Arabic and Tibetan: {INSTALL}")


@functools.lru_cache(maxsize=None)
def font(path, size, face=None):
    """The font at ``path``; ``face`` picks one of a collection's (FACES)."""
    if not os.path.exists(path):
        raise FontMissing(f"share images need the font {path}: {INSTALL}")
    return ImageFont.truetype(path, size=size, index=FACES.get(face, 0))


def face_for(lang):
    lang = (lang or "").lower()
    return "tc" if lang.startswith(("zh-hant", "zh-tw", "zh-hk", "zh-mo")) else "sc"


def wide_marks(lang):
    """Whether the language prints “ ” ‘ ’ — … full width (CJK does)."""
    return (lang or "").lower().startswith(("zh", "ja", "ko"))


def palette(background, foreground, steps=STEPS):
    """From the background to the foreground colour in ``steps``: all a card
    of flat colour and anti-aliased text needs, so PNG stores 4 bits a pixel."""
    bg, fg = ImageColor.getrgb(background), ImageColor.getrgb(foreground)
    return [round(b + (f - b) * i / (steps - 1)) for i in range(steps) for b, f in zip(bg, fg)]


def units(text):
    """What a line may break between: words, each CJK character (with the
    opening marks that must not end a line and the punctuation that must
    not start one kept on it), and Tibetan syllables (after each tsheg or
    shad, as Tibetan breaks)."""
    found = re.findall(r"\s*(?:[「『（《〈“‘]*[\u2e80-\u9fff\uf900-\ufaff][，。、；：！？」』）》〉”’]*"
                       r"|[^\s\u2e80-\u9fff\uf900-\ufaff]+)", text)
    return [piece for unit in found for piece in TIBETAN_BREAKS.findall(unit)]


@functools.lru_cache(maxsize=None)
def coverage(path, index=0):
    """The code points the font at ``path`` has a glyph for."""
    with TTFont(path, fontNumber=index, lazy=True) as font_file:
        return frozenset(font_file.getBestCmap())


def has(face, character):
    return ord(character) in coverage(face.path, face.index)


@dataclass(frozen=True)
class Typeset:
    """The card's faces at one size, and how its text runs. Each character
    is drawn in the face made for its script: CJK characters in Noto Sans
    CJK; the marks both scripts use (“ ” ‘ ’ — …) full width in Chinese, as
    Chinese prints them, else in Noto Sans with their Latin widths; other
    letters in the first face that has them (``fallbacks``); digits, spaces
    and punctuation in the face of the letters before them where it has
    them, so that a word of Arabic or Tibetan and what follows it are shaped
    as one. ``lang`` is the text's language: its shaping rules, and the
    direction its lines run."""
    cjk: ImageFont.FreeTypeFont
    latin: ImageFont.FreeTypeFont
    wide_marks: bool = False
    fallbacks: tuple = ()
    lang: str = ""

    @property
    def size(self):
        return self.cjk.size

    @property
    def direction(self):
        return locales.direction(self.lang) if self.lang else "ltr"

    def face(self, character, current=None):
        if EAST_ASIAN.match(character) or (self.wide_marks and character in SHARED_MARKS):
            return self.cjk
        fallback = current is not None and current is not self.latin and current is not self.cjk
        if character < "\u0250" and not fallback:
            return self.latin  # Latin, the most of every title: Noto Sans has all of it
        neutral = not unicodedata.category(character).startswith(("L", "M"))
        if neutral and fallback and has(current, character):
            return current
        for face in (self.latin, *self.fallbacks):
            if has(face, character):
                return face
        return self.latin

    def runs(self, text):
        """``text`` as [characters, face] runs."""
        return [[chars, face] for chars, face, _ in self.directed_runs(text)]

    def directions(self, text):
        """Each character's direction, as the Unicode bidirectional
        algorithm resolves it in a line of this text's direction, to the
        level a line of a title needs: letters their own; digits that of
        the letters before them; spaces and punctuation that of the letters
        on both sides where they agree, else the line's."""
        # A title without a right-to-left letter is left to right throughout.
        if self.direction == "ltr" and not RIGHT_TO_LEFT.search(text):
            return ["ltr"] * len(text)
        own, last = [], self.direction
        for character in text:
            kind = unicodedata.bidirectional(character)
            if kind in ("R", "AL", "L"):
                last = "ltr" if kind == "L" else "rtl"
                own.append(last)
            else:
                own.append(last if kind in ("EN", "AN") else None)
        before, after = [self.direction] * len(own), [self.direction] * len(own)
        for at in range(1, len(own)):  # the nearest direction before each, and after
            before[at] = own[at - 1] or before[at - 1]
        for at in range(len(own) - 2, -1, -1):
            after[at] = own[at + 1] or after[at + 1]
        return [d or (before[at] if before[at] == after[at] else self.direction) for at, d in enumerate(own)]

    def directed_runs(self, text):
        """``text`` as (characters, face, direction) runs, in reading order."""
        runs = []
        for character, direction in zip(text, self.directions(text)):
            face = self.face(character, runs[-1][1] if runs else None)
            if runs and runs[-1][1] is face and runs[-1][2] == direction:
                runs[-1][0] += character
            else:
                runs.append([character, face, direction])
        return [tuple(run) for run in runs]

    def visual(self, text):
        """``text``'s runs as (characters, face, direction) from left to
        right: a run of right-to-left letters is shaped right to left; in a
        right-to-left line the runs go from the right, a Latin name among
        them still left to right."""
        groups = []
        for run in self.directed_runs(text):
            if groups and groups[-1][0][2] == run[2]:
                groups[-1].append(run)
            else:
                groups.append([run])
        ordered = []
        for group in (reversed(groups) if self.direction == "rtl" else groups):
            ordered.extend(reversed(group) if group[0][2] == "rtl" else group)
        return ordered

    def shaped(self, direction):
        """How a run is shaped: its direction and its language's rules."""
        return {"direction": direction, "language": self.lang or None}

    def length(self, text):
        return sum(face.getlength(chars, **self.shaped(d)) for chars, face, d in self.visual(text))

    def draw(self, draw, origin, text, fill):
        """One line from ``origin``, the left end of its baseline."""
        x, y = origin
        for chars, face, direction in self.visual(text):
            options = self.shaped(direction)
            draw.text((x, y), chars, font=face, fill=fill, anchor="ls", **options)
            x += face.getlength(chars, **options)


@functools.lru_cache(maxsize=64)
def wrap(text, typeset, width):
    """``text`` in lines no wider than ``width`` (kept for the card's other
    shapes, which are drawn one after another)."""
    lines, line = [], ""
    for unit in units(text):
        trial = line + unit if line else unit.lstrip()
        if line and typeset.length(trial) > width:
            lines.append(line)
            line = unit.lstrip()
        else:
            line = trial
    return tuple(lines + [line])


def line_height(typeset):
    return round(typeset.size * 1.25)


@functools.lru_cache(maxsize=8)
def title_block(text, typeset, width):
    """The title's lines drawn once as coverage (0 to 15, the palette's
    steps): every shape of a card that fits it at this size pastes it. A
    right-to-left title's lines start at the right."""
    lines = wrap(text, typeset, width)
    ascent, descent = typeset.cjk.getmetrics()
    block = Image.new("L", (width, (len(lines) - 1) * line_height(typeset) + ascent + descent), 0)
    draw = ImageDraw.Draw(block)
    for number, line in enumerate(lines):
        x = width - typeset.length(line) if typeset.direction == "rtl" else 0
        typeset.draw(draw, (x, ascent + number * line_height(typeset)), line, STEPS - 1)
    return block


def typeset(style, size, face, wide_marks, lang=""):
    fallbacks = tuple(font(path, size) for path in style["FALLBACK_FONTS"])
    return Typeset(font(style["FONT"], size, face), font(style["LATIN_FONT"], size), wide_marks, fallbacks, lang)


@dataclass(frozen=True)
class Layout:
    """Where a card's title and foot go: the title in ``title_type`` (the
    largest size it fits the card at) from row ``top``; the foot in
    ``foot_type``, or none (the site's own cards)."""
    size: tuple
    title: str
    title_type: Typeset
    top: int
    footer: str
    foot_type: Typeset | None

    @property
    def lines(self):
        return title_block(self.title, self.title_type, self.size[0] - 2 * MARGIN)

    @property
    def clear(self):
        """Whether the title fits inside the card, above its foot."""
        bottom = self.size[1] - (FOOT if self.footer else 0)
        return self.top >= 0 and self.top + self.lines.height <= bottom


def layout(size, title, footer, face="sc", style=None, wide_marks=False, lang=""):
    """The card's `Layout`: ``title`` (in ``lang``) as large as fits,
    ``footer`` (the site's name) at the foot."""
    style = style or DEFAULTS
    width, height = size
    for font_size in (84, 72, 64, 56, 48, 40):
        title_type = typeset(style, font_size, face, wide_marks, lang)
        block = len(wrap(title, title_type, width - 2 * MARGIN)) * line_height(title_type)
        if block <= height - 3 * MARGIN - 40:
            break
    foot_type = typeset(style, 40, face, wide_marks) if footer else None
    return Layout(size, title, title_type, round((height - 40 - MARGIN - block) / 2), footer, foot_type)


def coverage_card(card):
    """The card drawn in the palette's indices (coverage 0 to 15 is the
    palette's background-to-foreground ramp), so nothing is converted."""
    width, height = card.size
    image = Image.new("L", card.size, 0)
    image.paste(card.lines, (MARGIN, card.top))
    if card.footer:
        if card.clear:
            image.paste(foot_block(card.footer, card.foot_type, width), (0, height - FOOT))
        else:  # a title too long for the card reaches its foot: the foot drawn over it
            draw_foot(ImageDraw.Draw(image), card.footer, card.foot_type, height - FOOT)
    return image


def draw_card(size, title, footer, face="sc", style=None, wide_marks=False, lang=""):
    """The card as an image (mode P)."""
    style = style or DEFAULTS
    image = coverage_card(layout(size, title, footer, face, style, wide_marks, lang))
    image.putpalette(palette(style["BACKGROUND"], style["FOREGROUND"]))  # now mode P
    return image


def card_png(size, title, footer, face="sc", style=None, wide_marks=False, lang=""):
    """The card as a PNG, `draw_card`'s pixels: a card the title fits is
    written from bands compressed once (png_bands): the title's for every
    shape that shows it at one size, the foot's for every card."""
    style = style or DEFAULTS
    card = layout(size, title, footer, face, style, wide_marks, lang)
    width, height = size
    colours = palette(style["BACKGROUND"], style["FOREGROUND"])
    if not card.clear:
        return png_bands.png([png_bands.band(coverage_card(card), 0, width)], colours)
    lines = title_band(title, card.title_type, width)
    foot = foot_band(footer, card.foot_type, width) if footer else png_bands.blank(width, 0)
    below = height - card.top - lines.height - foot.height
    return png_bands.png([png_bands.blank(width, card.top), lines, png_bands.blank(width, below), foot], colours)


@functools.lru_cache(maxsize=8)
def title_band(text, typeset, width):
    return png_bands.band(title_block(text, typeset, width - 2 * MARGIN), MARGIN, width)


@functools.lru_cache(maxsize=8)
def foot_band(footer, typeset, width):
    return png_bands.band(foot_block(footer, typeset, width), 0, width)


# The card's foot, from the top of the space above its rule to the card's
# bottom: clear of a title that fits the card (which ends at least 2
# margins and 40 pixels above the foot); `draw_card` checks, and draws the
# foot over a title too long for the card instead of pasting it.
FOOT = 2 * MARGIN + 24


@functools.lru_cache(maxsize=8)
def foot_block(footer, typeset, width):
    """The foot as coverage, drawn once for every card of this width that
    the title leaves it clear on: what each pastes, at its bottom."""
    block = Image.new("L", (width, FOOT), 0)
    draw_foot(ImageDraw.Draw(block), footer, typeset, 0)
    return block


def draw_foot(draw, footer, typeset, top):
    """The rule and ``footer`` (the site's name), from ``top``: the rule 16
    pixels above the footer's line, the line 40 pixels and a margin above
    the card's bottom."""
    rule = top + FOOT - MARGIN - 40 - 16
    draw.rectangle((MARGIN, rule, MARGIN + 64, rule + 6), fill=STEPS - 1)
    typeset.draw(draw, (MARGIN, rule + 16 + typeset.cjk.getmetrics()[0]), footer, STEPS - 1)


def fingerprint(*what):
    """What a card shows, hashed: its cache key, and part of its file name
    so that servers may cache it for ever (deploy/nginx.conf)."""
    return hashlib.sha256("|".join(map(str, (VERSION, *what))).encode()).hexdigest()


def image(style, slug, size, text, footer, alt, face="sc", wide_marks=False, lang=""):
    key = fingerprint(size, text, footer, face, wide_marks, lang, style["BACKGROUND"], style["FOREGROUND"],
                      style["FONT"], style["LATIN_FONT"], *style["FALLBACK_FONTS"])
    return ShareImage(f"{style['FOLDER']}/{slug}-{size[0]}x{size[1]}-{key[:10]}.png", *size, alt, text, footer,
                      key, face, wide_marks, lang)


def crop(style, slug, size, photo, alt):
    key = fingerprint(size, photo.key, *([photo.focus] if photo.focus != CENTRE else []))
    return ShareImage(f"{style['FOLDER']}/{slug}-{size[0]}x{size[1]}-{key[:10]}.jpg", *size, alt, "", "", key,
                      photo=photo.source, focus=photo.focus)


def written(generator):
    """Every article the site has a page for: listed, hidden, and the
    translations of both."""
    return [*generator.articles, *generator.translations, *generator.hidden_articles,
            *generator.hidden_translations]


def announce(generator):
    """Give every article its images' addresses, before any page is
    written, and start drawing them (production: MACHINE_METADATA)."""
    if not generator.settings.get("MACHINE_METADATA"):
        return
    site, style = generator.settings["SITENAME"], config(generator.settings)
    sizes = [tuple(size) for size in style["SIZES"]]
    for article in written(generator):
        lead = (article.report.photos or [None])[0]
        if lead is not None:
            alt = lead.alt
            article.report.share_images = [crop(style, article.slug, size, lead, alt) for size in sizes]
            continue
        alt = article.title + chrome(article.lang).after(article.title, "apposition") + site
        face, wide = face_for(article.lang), wide_marks(article.lang)
        article.report.share_images = [image(style, article.slug, size, article.title, site, alt, face, wide,
                                             article.lang) for size in sizes]
    generator.context["SITE_SHARE_IMAGES"] = [image(style, "site", size, site, "", site) for size in sizes]
    generator.context["SITE_LOGO"] = image(style, "logo", tuple(style["LOGO_SIZE"]), site, "", site)
    draw(generator)


def upright(path):
    """The photo at ``path``, decoded, turned as its EXIF says, in RGB."""
    with Image.open(path) as photo:
        return ImageOps.exif_transpose(photo).convert("RGB")


def cropped(photo, card):
    """The lead ``photo`` (`upright`), cut to the card's shape around its focus."""
    size = (card.width, card.height)
    return ImageOps.fit(photo, size, Image.LANCZOS, centering=centering(photo.size, size, card.focus))


def centering(photo, card, focus):
    """Where `ImageOps.fit` places its crop (0 to 1 of the room it has
    across and down) so that the crop is centred on ``focus`` as nearly as
    the photo's edges allow. The centre is (0.5, 0.5) either way."""
    scale = max(card[0] / photo[0], card[1] / photo[1])
    place = []
    for whole, kept, point in zip(photo, (card[0] / scale, card[1] / scale), focus):
        room = whole - kept
        place.append(min(max((point * whole - kept / 2) / room, 0.0), 1.0) if room > 0.5 else 0.5)
    return tuple(place)


def make(job):
    """Draw (or crop) one article's cards as objects of the build store (in
    its folder ``objects``), in a worker: its shapes one after another, so
    they share the title's drawing, or the photo decoded once (a camera's
    12 megapixels take 90 ms). Returns each card's key and digest."""
    style, cards, objects = job
    made, photos = [], {}
    for card in cards:
        if card.photo:
            if card.photo not in photos:
                photos[card.photo] = upright(card.photo)
            encoded = io.BytesIO()
            cropped(photos[card.photo], card).save(encoded, "JPEG", quality=82, optimize=True, progressive=True)
            data = encoded.getvalue()
        else:
            data = card_png((card.width, card.height), card.text, card.footer, card.face, style, card.wide_marks,
                            card.lang)
        made.append((card.key, build_store.write_object(objects, data)))
    return made


def draw(generator):
    """Start drawing the cards no earlier build made, on every core, an
    article's cards together, while Pelican goes on rendering pages."""
    store = build_store.of(generator.settings)
    context, style = generator.context, config(generator.settings)
    groups = [article.report.share_images for article in written(generator)]
    groups += [context["SITE_SHARE_IMAGES"], [context["SITE_LOGO"]]]
    cards = [card for group in groups for card in group]
    # A card the live site holds as the very object the store made for it
    # is kept at one look (30,000 cards at 10,000 reports); the others are
    # found in the store, or drawn.
    recorded = store.recorded_many(KIND, [card.key for card in cards])
    live = store.keep_live((card.url, recorded[card.key]) for card in cards if card.key in recorded)
    found = store.made_many(KIND, [card.key for card in cards if card.url not in live])
    jobs = []
    for group in groups:
        missing = [card for card in group if card.url not in live and found[card.key] is None]
        found.update((card.key, "") for card in missing)  # queued: drawn once
        if missing:
            jobs.append((style, missing, str(store.objects)))
    drawing = store.map(make, jobs)
    store.work["cards"] = {"output": generator.output_path, "cards": cards, "live": live, "drawing": drawing,
                           "found": found}


def write(pelican):
    """Every card into output/, from the build store, once all are drawn;
    the cards no report shows any more forgotten."""
    store = build_store.of(pelican.settings)
    cards = store.work.pop("cards", None)
    if cards is None:
        return
    found = cards["found"]
    for made in cards["drawing"]:
        store.record_made(KIND, made)
        found.update((key, store.object_path(digest)) for key, digest in made)
    for card in cards["cards"]:
        if card.url not in cards["live"]:
            store.place(found[card.key], os.path.join(cards["output"], card.url))
    store.forget_unused(KIND)
