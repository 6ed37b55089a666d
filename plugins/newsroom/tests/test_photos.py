"""Photo variants: the widths a photo is published at, and what they hold."""

import struct
import zlib
from pathlib import Path

import pytest
from build_store import Store
from PIL import Image

from newsroom.output import photos
from newsroom.reading import photo_files


def kept(store):
    """The variants the store has filed, by name: their objects' files."""
    return {key: Path(store.object_path(digest)) for key, digest in
            store.db.execute("SELECT key, digest FROM made WHERE kind = ?", (photos.KIND,))}


def photo_of(tmp_path, size, name="photo.jpg"):
    path = tmp_path / name
    Image.new("RGB", size, (90, 60, 30)).save(path, "JPEG")
    return photo_files.measure(str(path))


def test_widths_never_exceed_the_photo_nor_repeat(tmp_path):
    assert photo_of(tmp_path, (1800, 1200)).widths == [480, 800, 1200, 1600]
    assert photo_of(tmp_path, (900, 600)).widths == [480, 800, 900]
    assert photo_of(tmp_path, (300, 200)).widths == [300]


@pytest.mark.integration
def test_variants_are_made_once_and_keep_the_shape(tmp_path):
    photo = photo_of(tmp_path, (1000, 500))
    output, store = tmp_path / "output", Store(tmp_path / "cache")
    photos.write_variants([photo], str(output), store)
    made = {name: path.stat().st_mtime_ns for name, path in kept(store).items()}
    assert len(made) == 2 * len(photo.widths)
    for name, width, fmt in photo.files():
        with Image.open(output / name) as image:
            assert image.size == (width, width // 2) and image.format == ("WEBP" if fmt == "webp" else "JPEG")
    photos.write_variants([photo], str(output), store)
    assert {name: path.stat().st_mtime_ns for name, path in kept(store).items()} == made
    assert sorted(p.name for p in (output / "photos").iterdir()) == sorted(n.split("/")[1] for n, _, _ in photo.files())


@pytest.mark.integration
def test_variants_made_while_pages_render_are_placed_only_for_the_photos_published_then(tmp_path):
    """Making starts when the items are read; a report held back before its
    pages are written keeps its photo out of the output."""
    shown, held = photo_of(tmp_path, (900, 600), "shown.jpg"), photo_of(tmp_path, (700, 500), "held.jpg")
    late = photo_of(tmp_path, (600, 400), "late.jpg")  # published, not known when making started
    output, store = tmp_path / "output", Store(tmp_path / "cache")
    photos.Making([shown, held], store).place([shown, late], str(output))
    placed = sorted(p.name for p in (output / "photos").iterdir())
    assert placed == sorted(n.split("/")[1] for photo in (shown, late) for n, _, _ in photo.files())
    assert {photos.variant_key(held, w, f) for _, w, f in held.files()} <= set(kept(store)), "made all the same"


def test_a_changed_photo_gets_new_addresses(tmp_path):
    first = photo_of(tmp_path, (800, 600))
    second = photo_of(tmp_path, (800, 601))
    assert first.name(800, "jpg") != second.name(800, "jpg")


@pytest.mark.integration
def test_transparency_is_published_on_white(tmp_path):
    path = tmp_path / "logo.png"
    Image.new("RGBA", (100, 50), (0, 0, 0, 0)).save(path)
    photo = photo_files.measure(str(path))
    photos.write_variants([photo], str(tmp_path / "out"), Store(tmp_path / "cache"))
    with Image.open(tmp_path / "out" / photo.name(100, "jpg")) as image:
        assert image.getpixel((10, 10)) == (255, 255, 255)


@pytest.mark.integration
def test_several_photos_are_made_on_every_core_and_unused_ones_pruned(tmp_path):
    first = photo_of(tmp_path, (900, 600), "first.jpg")
    second = photo_of(tmp_path, (1300, 650), "second.png")
    output, store = tmp_path / "output", Store(tmp_path / "cache")
    photos.write_variants([first, second], str(output), store)
    for photo in (first, second):
        for name, width, fmt in photo.files():
            with Image.open(output / name) as image:
                assert image.size == (width, photo.height_at(width))
    store.commit()
    store.db.close()

    store = Store(tmp_path / "cache")
    photos.write_variants([first], str(output), store)
    store.forget_unused(photos.KIND)
    store.commit()
    assert {name.split("-")[0] for name in kept(store)} == {first.key}
    assert {p.name for p in (tmp_path / "cache" / "objects").rglob("*") if p.is_file()} == {
        p.name for p in kept(store).values()}, "the second photo's variants removed"


@pytest.mark.integration
def test_a_variant_replaced_in_the_cache_is_made_again_not_published(tmp_path):
    photo = photo_of(tmp_path, (900, 600))
    store = Store(tmp_path / "cache")
    photos.write_variants([photo], str(tmp_path / "one"), store)
    store.commit()
    variants = kept(store).values()
    store.db.close()
    for path in variants:
        path.unlink()
        Image.new("RGB", (900, 600), (255, 0, 0)).save(path, "JPEG")  # what someone else put there
    photos.write_variants([photo], str(tmp_path / "two"), Store(tmp_path / "cache"))
    for name, _, _ in photo.files():
        assert (tmp_path / "two" / name).read_bytes() == (tmp_path / "one" / name).read_bytes()


def png_claiming(width, height):
    """A PNG file whose header says it is ``width`` × ``height`` (one bit a
    pixel), and holds no pixels: what a size is refused on, made in no time."""
    def chunk(kind, data):
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))
    header = struct.pack(">IIBBBBB", width, height, 1, 0, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(b"")) + chunk(b"IEND", b"")


def test_a_photo_that_is_broken_too_big_or_no_image_is_refused_before_any_work(tmp_path):
    whole = tmp_path / "whole.jpg"
    Image.new("RGB", (1600, 1200), (90, 60, 30)).save(whole, "JPEG")
    (tmp_path / "truncated.jpg").write_bytes(whole.read_bytes()[:4000])
    (tmp_path / "large.png").write_bytes(png_claiming(8000, 7000))  # 56 megapixels
    (tmp_path / "bomb.png").write_bytes(png_claiming(20000, 20000))  # past Pillow's own limit
    (tmp_path / "text.jpg").write_text("not a photo")
    cases = {"truncated.jpg": "cannot be read as an image (image file is truncated",
             "large.png": "is 8,000 × 7,000 pixels: a photo may have 50,000,000 (50 megapixels); save a smaller copy",
             "bomb.png": "is 400,000,000 pixels: a photo may have 50,000,000",
             "text.jpg": "cannot be read as an image (cannot identify image file"}
    for name, message in cases.items():
        with pytest.raises(photo_files.PhotoError) as refused:
            photo_files.measure(str(tmp_path / name))
        assert str(refused.value).startswith(message), (name, str(refused.value))
    assert photo_files.measure(str(whole)).width == 1600
