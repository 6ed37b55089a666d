"""A PNG written from bands compressed one by one is the image they stack
to, as a PNG decoder reads it, with every checksum right."""

import io
import struct
import zlib

import pytest
from hypothesis import given, settings, strategies as st
from PIL import Image

from examples import examples

from newsroom.output import png_bands

PALETTE = [value for step in range(16) for value in (step * 16, 255 - step * 16, 7)]


def chunks(data):
    """A PNG's chunks as (kind, data), each one's CRC checked."""
    assert data[:8] == png_bands.SIGNATURE
    at, found = 8, []
    while at < len(data):
        (length,) = struct.unpack(">I", data[at:at + 4])
        kind, body = data[at + 4:at + 8], data[at + 8:at + 8 + length]
        assert struct.unpack(">I", data[at + 8 + length:at + 12 + length])[0] == zlib.crc32(kind + body), kind
        found.append((kind, body))
        at += 12 + length
    return found


@st.composite
def stacks(draw):
    """Bands of one width: drawn images placed anywhere across a row, and
    blank rows (some of none)."""
    width = draw(st.integers(1, 41))
    parts = []
    for _ in range(draw(st.integers(1, 5))):
        if draw(st.booleans()):
            parts.append(("blank", draw(st.integers(0, 6))))
        else:
            across = draw(st.integers(1, width))
            rows = draw(st.integers(1, 6))
            pixels = draw(st.binary(min_size=across * rows, max_size=across * rows))
            image = Image.frombytes("L", (across, rows), bytes(p % 16 for p in pixels))
            parts.append(("image", image, draw(st.integers(0, width - across))))
    return width, parts


@settings(max_examples=examples(200), deadline=None)
@given(stacks())
def test_a_png_of_bands_decodes_to_the_bands_stacked(stack):
    width, parts = stack
    bands, expected = [], []
    for part in parts:
        if part[0] == "blank":
            bands.append(png_bands.blank(width, part[1]))
            expected.append(Image.new("L", (width, part[1]), 0))
        else:
            _, image, left = part
            bands.append(png_bands.band(image, left, width))
            row = Image.new("L", (width, image.height), 0)
            row.paste(image, (left, 0))
            expected.append(row)
    height = sum(image.height for image in expected)
    if not height:
        return
    whole = Image.new("L", (width, height), 0)
    top = 0
    for image in expected:
        whole.paste(image, (0, top))
        top += image.height
    data = png_bands.png(bands, PALETTE)
    # zlib checks the image data's own checksum, which Pillow does not.
    image_data = b"".join(body for kind, body in chunks(data) if kind == b"IDAT")
    assert len(zlib.decompress(image_data)) == height * png_bands.row_bytes(width)
    decoded = Image.open(io.BytesIO(data))
    assert (decoded.mode, decoded.size) == ("P", (width, height))
    assert decoded.tobytes() == whole.tobytes()
    assert decoded.getpalette() == PALETTE


@settings(max_examples=examples(200), deadline=None)
@given(st.binary(max_size=300), st.binary(max_size=300))
def test_the_checksum_of_bands_joined_is_that_of_their_rows_joined(first, second):
    combined = png_bands.adler_combined(zlib.adler32(first), zlib.adler32(second), len(second))
    assert combined == zlib.adler32(first + second)


@pytest.mark.parametrize("length", [65520, 65521, 65522, 3 * 65521 + 17])
def test_the_checksum_holds_where_a_band_is_longer_than_its_modulus(length):
    second = bytes(range(256)) * (length // 256) + bytes(length % 256)
    first = b"\xff" * 1000
    assert png_bands.adler_combined(zlib.adler32(first), zlib.adler32(second), length) == zlib.adler32(first + second)


def test_an_image_wider_than_its_rows_leave_it_is_refused_not_cut():
    with pytest.raises(ValueError, match="does not fit"):
        png_bands.band(Image.new("L", (10, 2)), 5, 14)
    assert png_bands.band(Image.new("L", (10, 2)), 4, 14).height == 2


def test_no_rows_bands_of_different_widths_or_too_many_colours_are_refused():
    with pytest.raises(ValueError, match="has rows"):
        png_bands.png([png_bands.blank(4, 0)], PALETTE)
    with pytest.raises(ValueError, match="as wide"):
        png_bands.png([png_bands.blank(4, 1), png_bands.blank(5, 1)], PALETTE)
    with pytest.raises(ValueError, match="16 colours"):
        png_bands.png([png_bands.blank(4, 1)], PALETTE + [0, 0, 0])
