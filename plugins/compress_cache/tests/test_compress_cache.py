"""A publish compresses only files whose bytes it has not compressed before."""

import gzip

import brotli
import pytest

import compress_cache


def test_every_text_file_gets_smaller_variants_that_decompress_to_it(pelican_site, tmp_path):
    pelican_site(["compress_cache"]).run()
    pages = [p for p in (tmp_path / "output").rglob("*.html")]
    assert pages
    for page in pages:
        assert gzip.decompress(page.with_name(page.name + ".gz").read_bytes()) == page.read_bytes()
        assert brotli.decompress(page.with_name(page.name + ".br").read_bytes()) == page.read_bytes()


def test_variants_of_unchanged_files_come_from_the_cache_and_unused_ones_go(pelican_site, tmp_path):
    pelican_site(["compress_cache"]).run()
    cache = tmp_path / "cache" / "compressed"
    made = sorted(cache.glob("*.gz"))
    assert made
    # Mark a cached variant, and leave an entry no file uses.
    made[0].write_bytes(gzip.compress(b"from the cache"))
    (cache / "0000.gz").write_bytes(b"unused")
    pelican_site(["compress_cache"]).run()
    variants = (tmp_path / "output").rglob("*.gz")
    assert any(gzip.decompress(p.read_bytes()) == b"from the cache" for p in variants), "reused, not redone"
    assert not (cache / "0000.gz").exists(), "pruned"


def test_two_compressions_of_the_same_bytes_are_the_same_bytes():
    assert compress_cache.gzipped(b"x" * 1000, 9) == compress_cache.gzipped(b"x" * 1000, 9)


def test_unknown_settings_fail():
    with pytest.raises(ValueError, match="compress_cache knows"):
        compress_cache.config({"COMPRESS": {"LEVEL": 5}})
