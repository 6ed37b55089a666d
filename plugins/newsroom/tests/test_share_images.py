"""Share cards draw every character of a title: no tofu, in any script we publish."""

import io
import os

import pytest
from hypothesis import given, settings, strategies as st
from PIL import Image, ImageChops, ImageDraw, ImageFont

from examples import examples

from newsroom.output import share_images
from newsroom.output.share_images import draw_card, font, units

FONT = share_images.DEFAULTS["FONT"]
NOTDEF = "\uffff"  # no font has it: what a missing glyph looks like


def glyph(character, face):
    image = Image.new("L", (120, 120))
    ImageDraw.Draw(image).text((10, 10), character, font=font(FONT, 80, face), fill=255)
    return image


@pytest.fixture(scope="module", autouse=True)
def noto_cjk():
    """Skip where the font is missing, saying how to install it; in CI, fail."""
    path = share_images.DEFAULTS["FONT"]
    if not os.path.exists(path):
        message = f"{path} is missing: {share_images.INSTALL}"
        if os.environ.get("CI") == "true":
            pytest.fail(message)
        pytest.skip(message)


@pytest.mark.parametrize("text, face", [
    ("é è ç ñ ü ø å — – € £ « » „ “ ” ‘ ’", "sc"),
    ("律师称颠覆指控缺乏证据「」『』，。", "sc"),
    ("家屬在拘留中心外舉行燭光守夜", "tc"),
])
def test_every_character_has_a_glyph(text, face):
    missing = glyph(NOTDEF, face)
    for character in text.replace(" ", ""):
        drawn = glyph(character, face)
        assert drawn.getbbox() is not None, character
        assert ImageChops.difference(drawn, missing).getbbox() is not None, f"{character!r} is tofu"


def test_chinese_titles_break_between_characters_and_keep_closing_marks_on_the_line():
    assert units("律师称「颠覆」。") == ["律", "师", "称", "「颠", "覆」。"]
    assert units("Une ONG dénonce") == ["Une", " ONG", " dénonce"]


def test_a_long_chinese_title_wraps_inside_the_card():
    card = draw_card((1200, 675), "家屬在拘留中心外舉行燭光守夜" * 3, "Rights Desk", "tc")
    assert card.size == (1200, 675)
    # Nothing drawn in the right-hand margin.
    margin = card.convert("L").crop((1200 - 60, 0, 1200, 675))
    assert margin.getextrema()[0] == margin.getextrema()[1]


def test_the_site_name_sits_at_the_foot_of_every_card_and_a_title_that_reaches_it_stays_under_it():
    """The foot (a rule and the site's name) is the same on every card of a
    width whatever the title; a title too long for the card is not cut off
    where the foot is."""
    def foot(card):
        return card.convert("L").crop((0, card.height - share_images.FOOT, card.width, card.height))

    short, other = (draw_card((1200, 675), title, "Rights Desk") for title in ("Court", "Lawyers detained"))
    assert foot(short).tobytes() == foot(other).tobytes() and foot(short).getextrema()[0] != foot(short).getextrema()[1]
    # At the smallest size a title may take, ten lines reach the foot.
    overflowing = draw_card((1200, 675), "Families keep a vigil outside the detention centre " * 10, "Rights Desk")
    under_foot = ImageChops.subtract(foot(overflowing), foot(short))
    assert under_foot.getbbox() is not None, "the title's last lines are drawn under the foot"


def test_settings_override_the_defaults_and_unknown_names_fail():
    assert share_images.config({"SHARE_IMAGES": {"BACKGROUND": "#000000"}})["BACKGROUND"] == "#000000"
    with pytest.raises(ValueError, match="share_images knows"):
        share_images.config({"SHARE_IMAGES": {"COLOUR": "#000000"}})


def test_the_colours_are_the_cards(tmp_path):
    style = {**share_images.DEFAULTS, "BACKGROUND": "#000000", "FOREGROUND": "#ffffff"}
    card = draw_card((1200, 675), "A", "B", "sc", style).convert("RGB")
    assert card.getpixel((5, 5)) == (0, 0, 0)


def test_a_build_into_its_own_last_output_keeps_its_cards_and_leaves_nothing_beside_them(pelican_site, tmp_path):
    """The cards are links to the cache; placing the same link again must
    not leave the new one beside it (rename() does nothing between two
    links to one file)."""
    for _ in range(2):
        pelican_site(["newsroom"], MACHINE_METADATA=True, SITEURL="https://example.org").run()
    output = tmp_path / "output"
    cards = list(output.rglob("*.png"))
    assert cards and not list(output.rglob("*.partial"))


def typeset(wide_marks):
    return share_images.typeset(share_images.DEFAULTS, 80, "sc", wide_marks)


@pytest.mark.parametrize("mark", ["’", "‘", "“", "”"])
def test_latin_marks_keep_their_latin_width_and_chinese_ones_are_full_width(mark):
    """“lawyer’s” must not read “lawyer’   s”: in a Latin title the marks
    both scripts print are set in the Latin face, in a Chinese one in CJK."""
    latin, chinese = typeset(False), typeset(True)
    assert latin.length(mark) < 0.6 * latin.size
    assert chinese.length(mark) > 0.9 * chinese.size
    # Each character in the face that has it, whatever the title's language.
    assert latin.face("律") is latin.cjk and chinese.face("a") is chinese.latin
    assert latin.length("lawyer’s") == latin.latin.getlength("lawyer’s")


def test_a_title_mixing_scripts_is_drawn_in_runs_of_one_face():
    runs = typeset(False).runs("Lawyer 王 says “no”")
    assert [text for text, _ in runs] == ["Lawyer ", "王", " says “no”"]


def dot_photo(tmp_path, across):
    """A 2000x1000 grey photo with a red dot ``across`` its width."""
    path = tmp_path / "dot.png"
    image = Image.new("RGB", (2000, 1000), (128, 128, 128))
    ImageDraw.Draw(image).ellipse((across * 2000 - 30, 470, across * 2000 + 30, 530), fill=(255, 0, 0))
    image.save(path)
    return str(path)


def red_in(image):
    red = ImageChops.subtract(image.getchannel("R"), image.getchannel("G"))
    return red.getextrema()[1] > 120


@pytest.mark.integration
@pytest.mark.parametrize("across", [0.1, 0.2, 0.8, 0.95])
def test_a_square_card_of_a_wide_photo_keeps_its_focus_in_view(tmp_path, across):
    photo = dot_photo(tmp_path, across)
    card = share_images.ShareImage("a.jpg", 400, 400, "", "", "", "", photo=photo, focus=(across, 0.5))
    assert red_in(share_images.cropped(share_images.upright(card.photo), card))
    centred = share_images.ShareImage("a.jpg", 400, 400, "", "", "", "", photo=photo)
    assert not red_in(share_images.cropped(share_images.upright(centred.photo), centred))


def test_the_focus_moves_the_crop_only_as_far_as_the_edges_allow():
    assert share_images.centering((2000, 1000), (400, 400), (0.5, 0.5)) == (0.5, 0.5)
    assert share_images.centering((2000, 1000), (400, 400), (0.0, 0.0)) == (0.0, 0.5)
    assert share_images.centering((2000, 1000), (400, 400), (1.0, 1.0)) == (1.0, 0.5)
    # The crop, a 1000-pixel square, centred on 30% across: 100 of 1000 of room.
    assert share_images.centering((2000, 1000), (400, 400), (0.3, 0.5)) == pytest.approx((0.1, 0.5))


# Titles in every script a rights desk publishes in, in their languages.
SAMPLES = {
    "ug": "ئۇيغۇر ئالىمى ئىلھام توختىنىڭ قىزى: «دادامنىڭ ھاياتىدىن خەۋەر يوق» — Human Rights Watch 2024-يىلى",
    "ug-Cyrl": "Уйғур алими Илһам Тохтиниң қизи: «Дадамниң һаятидин хәвәр йоқ»",
    "ru": "Суд оставил в силе приговор правозащитнику: «Это дело ненависти»",
    "bo": "བོད་ཀྱི་སློབ་གྲྭ་ཁག་བཀག་སྡོམ་བྱས་པའི་སྐོར་ལ་སྒྲིག་འཛུགས་ཀྱིས་སྙན་ཞུ་བཏོན།",
    "fa": "دادگاه حکم فعال حقوق بشر را تأیید کرد",
    "zh-Hant": "家屬在拘留中心外舉行燭光守夜「我們不會放棄」",
    "en": "Lawyer’s appeal: “We will not stop” — 2021",
}


def shaped(text, face, direction, lang):
    """HarfBuzz's glyphs for a run, as the card's renderer (libraqm, which
    is HarfBuzz) shapes it: (glyph ids, the face's own glyph of each
    character)."""
    uharfbuzz = pytest.importorskip("uharfbuzz")
    from fontTools.ttLib import TTFont

    font = uharfbuzz.Font(uharfbuzz.Face(uharfbuzz.Blob.from_file_path(face.path), face.index))
    buffer = uharfbuzz.Buffer()
    buffer.add_str(text)
    buffer.guess_segment_properties()
    buffer.direction, buffer.language = direction, lang
    uharfbuzz.shape(font, buffer)
    cmap = TTFont(face.path, fontNumber=face.index, lazy=True).getBestCmap()
    order = TTFont(face.path, fontNumber=face.index, lazy=True).getGlyphOrder()
    return [g.codepoint for g in buffer.glyph_infos], [order.index(cmap[ord(c)]) for c in text if ord(c) in cmap]


# The tests below shape text with the system's fonts (fonts-noto-*) through
# HarfBuzz, and draw it: make test runs them, make test-fast leaves them out.
@pytest.mark.integration
@pytest.mark.parametrize("lang", sorted(SAMPLES))
def test_every_glyph_of_every_script_is_a_real_glyph(lang):
    title_type = share_images.typeset(share_images.DEFAULTS, 84, share_images.face_for(lang),
                                      share_images.wide_marks(lang), lang)
    for chars, face, direction in title_type.directed_runs(SAMPLES[lang]):
        glyphs, _ = shaped(chars, face, direction, lang)
        assert 0 not in glyphs, f"{chars!r} in {face.path} has a missing glyph (.notdef)"


ARABIC_WORDS = {"ug": ["ئۇيغۇر", "توختىنىڭ", "دادامنىڭ"], "fa": ["دادگاه", "حقوق", "تأیید"]}


@pytest.mark.integration
@pytest.mark.parametrize("lang", sorted(ARABIC_WORDS))
def test_arabic_letters_are_joined_not_drawn_isolated(lang):
    title_type = share_images.typeset(share_images.DEFAULTS, 84, "sc", False, lang)
    runs = title_type.directed_runs(SAMPLES[lang])
    for word in ARABIC_WORDS[lang]:
        [(chars, face, direction)] = [run for run in runs if word in run[0]]
        glyphs, isolated = shaped(word, face, direction, lang)
        assert direction == "rtl" and sorted(glyphs) != sorted(isolated), f"{word} drawn in isolated forms"


@pytest.mark.integration
def test_the_card_draws_what_harfbuzz_shapes_joined_and_from_the_right():
    """The card's renderer shapes: the word drawn by a card differs from
    the same word drawn without shaping; and the first word of a Uyghur
    title is at the right."""
    title_type = share_images.typeset(share_images.DEFAULTS, 84, "sc", False, "ug")
    card, unshaped = Image.new("L", (900, 150)), Image.new("L", (900, 150))
    title_type.draw(ImageDraw.Draw(card), (20, 120), "ئۇيغۇر", 255)
    basic = ImageFont.truetype(share_images.FALLBACK_FONTS[0], 84, layout_engine=ImageFont.Layout.BASIC)
    ImageDraw.Draw(unshaped).text((20, 120), "ئۇيغۇر", font=basic, fill=255, anchor="ls")
    assert ImageChops.difference(card, unshaped).getbbox() is not None
    line = Image.new("L", (1200, 150))
    title_type.draw(ImageDraw.Draw(line), (20, 120), "ب ئۇيغۇرلارنىڭمۇ", 255)
    ink = [x for x in range(1200) if line.crop((x, 0, x + 1, 150)).getbbox()]
    gaps = [(a, b) for a, b in zip(ink, ink[1:]) if b - a > 15]
    assert len(gaps) == 1 and gaps[0][0] - ink[0] > ink[-1] - gaps[0][1], "the one-letter first word at the right"


def test_a_tibetan_title_breaks_after_its_syllables():
    assert units("བོད་ཀྱི་ཡིག་ཆ།") == ["བོད་", "ཀྱི་", "ཡིག་", "ཆ།"]


TITLE_WORDS = ["Court", "hears", "appeal", "律师称", "「颠覆」。", "家屬在拘留中心外", "محكمة", "تستمع",
               "ཁྲིམས་ཁང་", "Lawyer’s", "“no”", "—", "2026"]


@settings(max_examples=examples(40), deadline=None)
@given(st.lists(st.sampled_from(TITLE_WORDS), min_size=1, max_size=60),
       st.sampled_from([(1200, 675), (1200, 900), (1200, 1200), (512, 512), (601, 333)]),
       st.sampled_from(["Rights Desk", ""]), st.sampled_from(["en", "zh-Hant", "ar", "bo"]))
def test_a_cards_png_is_the_card_drawn(words, size, footer, lang):
    """The PNG a build writes, from bands compressed once, shows exactly the
    card `draw_card` draws: short titles and titles too long for the card,
    with the foot and without, at every shape and at odd widths."""
    title = " ".join(words)
    face, wide = share_images.face_for(lang), share_images.wide_marks(lang)
    drawn = draw_card(size, title, footer, face, None, wide, lang)
    written = Image.open(io.BytesIO(share_images.card_png(size, title, footer, face, None, wide, lang)))
    assert (written.mode, written.size) == ("P", size)
    assert written.tobytes() == drawn.tobytes()
    assert written.getpalette() == drawn.getpalette()[:48]
