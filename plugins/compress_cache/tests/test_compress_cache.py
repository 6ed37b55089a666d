"""A publish compresses only files whose bytes it has not compressed before."""

import gzip
import os

import brotli
import pytest

import compress_cache
from build_store import Store

# Brotli at quality 11 is what publishing uses and what costs: these tests,
# about which files get variants, not how small, use a quick quality.
QUICK = {"COMPRESS": {"BROTLI_QUALITY": 4}}


def test_every_text_file_gets_smaller_variants_that_decompress_to_it(pelican_site, tmp_path):
    pelican_site(["compress_cache"], **QUICK).run()
    pages = [p for p in (tmp_path / "output").rglob("*.html")]
    assert pages
    for page in pages:
        assert gzip.decompress(page.with_name(page.name + ".gz").read_bytes()) == page.read_bytes()
        assert brotli.decompress(page.with_name(page.name + ".br").read_bytes()) == page.read_bytes()


def test_a_file_changed_after_it_was_written_gets_variants_of_its_last_bytes(pelican_site, tmp_path):
    """Files go to the workers as they are written; one a later stage
    rewrites must not keep the variants of what it was."""
    (tmp_path / "plugins").mkdir()
    (tmp_path / "plugins" / "late_rewrite.py").write_text(
        "import blinker, pathlib\n"
        "def rewrite(pelican):\n"
        "    for page in pathlib.Path(pelican.output_path).rglob('*.html'):\n"
        "        page.write_text('<p>rewritten ' * 50, encoding='utf-8')\n"
        "def register():\n"
        "    blinker.signal('sitemap').connect(rewrite)\n", encoding="utf-8")
    pelican_site(["compress_cache", "late_rewrite"], **QUICK).run()
    for page in (tmp_path / "output").rglob("*.html"):
        assert brotli.decompress(page.with_name(page.name + ".br").read_bytes()) == page.read_bytes()
        assert gzip.decompress(page.with_name(page.name + ".gz").read_bytes()) == page.read_bytes()
    used = {p.stat().st_ino for p in (tmp_path / "output").rglob("*.[gb][zr]")}
    assert {p.stat().st_ino for p in objects(tmp_path)} == used, "the rest pruned"


def objects(folder):
    """The build store's objects under ``folder``/cache."""
    return [p for p in (folder / "cache" / "objects").rglob("*") if p.is_file()]


def test_variants_of_unchanged_files_come_from_the_store_and_nothing_else_does(pelican_site, tmp_path):
    pelican_site(["compress_cache"], **QUICK).run()
    made = {p.name: p.stat().st_ino for p in objects(tmp_path)}
    assert made
    planted = tmp_path / "cache" / "objects" / "00" / ("0" * 64)
    planted.parent.mkdir()
    planted.write_bytes(gzip.compress(b"<p>planted</p>"))
    pelican_site(["compress_cache"], **QUICK).run()
    # The same objects, not made again, linked into the output.
    assert {p.name: p.stat().st_ino for p in objects(tmp_path) if p != planted} == made
    assert {p.stat().st_ino for p in (tmp_path / "output").rglob("*.gz")} <= set(made.values())
    assert planted.exists(), "not the store's: neither used nor removed"
    assert not list((tmp_path / "output").rglob("*.partial")), "a variant linked there already is left as it is"


@pytest.mark.parametrize("tamper", [
    lambda path: path.write_bytes(gzip.compress(b"<script>alert(1)</script>") if path.suffix == ".gz"
                                  else brotli.compress(b"<script>alert(1)</script>")),
    lambda path: path.write_bytes(path.read_bytes()[:10]),
    lambda path: path.write_bytes(b""),
], ids=["replaced", "cut short", "emptied"])
def test_a_cache_entry_that_is_not_its_files_bytes_is_made_again(pelican_site, tmp_path, tamper):
    pelican_site(["compress_cache"], **QUICK).run()
    for entry in objects(tmp_path):
        kept = entry.read_bytes()
        entry.unlink()  # the entry alone, not the output's link to it
        entry.write_bytes(kept)
        tamper(entry)
    pelican_site(["compress_cache"], **QUICK).run()
    decompress = {".gz": gzip.decompress, ".br": brotli.decompress}
    for variant in (tmp_path / "output").rglob("*.[gb][zr]"):
        original = variant.with_suffix("").read_bytes()
        assert decompress[variant.suffix](variant.read_bytes()) == original, variant


def test_two_compressions_of_the_same_bytes_are_the_same_bytes():
    assert compress_cache.gzipped(b"x" * 1000, 9) == compress_cache.gzipped(b"x" * 1000, 9)


def test_unknown_settings_fail():
    with pytest.raises(ValueError, match="compress_cache knows"):
        compress_cache.config({"COMPRESS": {"LEVEL": 5}})


def test_a_pelican_that_runs_again_compresses_again(pelican_site, tmp_path):
    """``pelican -r`` runs one Pelican many times: each run has its variants."""
    pelican = pelican_site(["compress_cache"], **QUICK)
    pelican.run()
    for variant in (tmp_path / "output").rglob("*.br"):
        variant.unlink()
    pelican.run()
    pages = list((tmp_path / "output").rglob("*.html"))
    assert pages and all(page.with_name(page.name + ".br").is_file() for page in pages)


def test_changed_settings_make_new_variants_instead_of_serving_the_old_ones(pelican_site, tmp_path):
    for quality in (1, 11):
        pelican_site(["compress_cache"], COMPRESS={"BROTLI_QUALITY": quality, "GZIP_LEVEL": quality % 10}).run()
    for page in (tmp_path / "output").rglob("*.html"):
        data = page.read_bytes()
        assert page.with_name(page.name + ".br").read_bytes() == brotli.compress(data, mode=brotli.MODE_TEXT,
                                                                                quality=11)
        assert page.with_name(page.name + ".gz").read_bytes() == compress_cache.gzipped(data, 1)


@pytest.mark.integration
def test_a_file_the_last_build_recorded_is_not_read_again_unless_it_or_its_variants_changed(tmp_path, monkeypatch):
    """A publish into a large archive keeps most files as they were: the
    record vouches for them, and for nothing that changed since."""
    output = tmp_path / "output"
    output.mkdir()
    page = output / "page.html"
    page.write_text("<p>first</p>" * 100, encoding="utf-8")
    settings = {"CACHE_PATH": str(tmp_path / "cache"), **QUICK}

    def publish():
        store = Store(tmp_path / "cache")
        compress_cache.Compression(settings, str(output), store).finish()
        store.commit()
        store.db.close()
        for variant, decompress in ((".br", brotli.decompress), (".gz", gzip.decompress)):
            assert decompress(page.with_name(page.name + variant).read_bytes()) == page.read_bytes()

    publish()
    hashed, real = [], compress_cache.key
    monkeypatch.setattr(compress_cache, "key", lambda data, *rest: hashed.append(data) or real(data, *rest))
    publish()
    assert hashed == [], "the file as the last build left it is not read"

    page.write_text("<p>other</p>" * 100, encoding="utf-8")  # the same size, written again
    publish()
    assert hashed == [page.read_bytes()]

    # An object replaced by one that is not the page's variant.
    [entry] = [p for p in objects(tmp_path) if p.stat().st_ino == page.with_name(page.name + ".br").stat().st_ino]
    entry.unlink()
    entry.write_bytes(brotli.compress(b"<script>alert(1)</script>"))
    hashed.clear()
    publish()
    assert hashed == [page.read_bytes()]

    settings["COMPRESS"] = {"BROTLI_QUALITY": 5}  # other settings, other variants
    hashed.clear()
    publish()
    assert hashed == [page.read_bytes()]
    assert page.with_name(page.name + ".br").read_bytes() == brotli.compress(page.read_bytes(), mode=brotli.MODE_TEXT,
                                                                             quality=5)


@pytest.mark.integration
def test_files_a_pattern_names_get_its_quality(tmp_path):
    output = tmp_path / "output"
    (output / "feeds").mkdir(parents=True)
    files = {name: output / name for name in ("sitemap.xml", "sitemap-2.xml", "index.html", "feeds/all.atom.xml")}
    for path in files.values():
        path.write_text("<url><loc>https://example.org/</loc></url>\n" * 200, encoding="utf-8")
    settings = {"CACHE_PATH": str(tmp_path / "cache"),
                "COMPRESS": {"BROTLI_QUALITY": 5, "BROTLI_QUALITY_FOR": {"sitemap*.xml": 1}}}
    compress_cache.Compression(settings, str(output), Store(tmp_path / "cache")).finish()
    for name, path in files.items():
        quality = 1 if name.startswith("sitemap") else 5
        assert path.with_name(path.name + ".br").read_bytes() == brotli.compress(
            path.read_bytes(), mode=brotli.MODE_TEXT, quality=quality), name


def test_a_publish_keeps_the_live_sites_variants_where_they_are_its_objects_and_replaces_any_other(
        tmp_path, monkeypatch):
    """Beside a live site (deploy/build.py), a kept page's variants are kept
    at one look each (the live file is the store's object, as recorded),
    nothing read or placed; a variant replaced, or edited where it stands,
    is placed again from its page."""
    live, cache = tmp_path / "live", tmp_path / "cache"
    live.mkdir()
    page = live / "page.html"
    page.write_text("<p>first</p>" * 100, encoding="utf-8")
    settings = {"CACHE_PATH": str(cache), **QUICK}

    def publish():
        """A publish that keeps the page (as the page cache does, having
        checked it); then what it placed goes live. What it placed."""
        staging = tmp_path / "staging"
        staging.mkdir()
        store = Store(cache, staging, live)
        store.kept.add("page.html")
        compress_cache.Compression(settings, str(staging), store).finish()
        store.commit()
        store.db.close()
        placed = sorted(p.name for p in staging.iterdir())
        for made in staging.iterdir():
            made.replace(live / made.name)
        staging.rmdir()
        for variant, decompress in ((".br", brotli.decompress), (".gz", gzip.decompress)):
            assert decompress((live / f"page.html{variant}").read_bytes()) == page.read_bytes()
        return placed

    assert publish() == ["page.html.br", "page.html.gz"]
    hashed, real = [], compress_cache.key
    monkeypatch.setattr(compress_cache, "key", lambda data, *rest: hashed.append(data) or real(data, *rest))
    assert publish() == [] and hashed == [], "the live variants are the very objects: kept, nothing read"

    (live / "page.html.br").unlink()
    (live / "page.html.br").write_bytes(brotli.compress(b"<script>alert(1)</script>"))
    assert publish() == ["page.html.br"]

    gz = live / "page.html.gz"  # the store's own object, edited where it stands
    state = gz.stat()
    gz.chmod(0o644)
    gz.write_bytes(gzip.compress(b"<script>alert(1)</script>").ljust(state.st_size, b"\0")[:state.st_size])
    os.utime(gz, ns=(state.st_atime_ns, state.st_mtime_ns))
    assert publish() == ["page.html.gz"]
