"""A saved report's page, made alone (`deploy/preview.py`, the first thing
`make devserver` does on a save), is byte for byte the page the whole
build makes of it: over every report of content/ and the fixture corpus
(languages, photos, tables, footnotes, corrections, a translation and its
original), each previewed alone with the store of the build before it."""

import subprocess
import sys
from pathlib import Path

from conftest import ROOT


def previewed(output, content, reports, cache):
    """The pages ``deploy/preview.py`` put in ``output`` for ``reports``,
    with the whole build's store in ``cache``."""
    result = subprocess.run([sys.executable, "deploy/preview.py", str(output), str(content), "pelicanconf.py",
                             "-e", f'CACHE_PATH="{cache}"'],
                            input="\t".join(map(str, reports)) + "\n", cwd=ROOT, capture_output=True,
                            encoding="utf-8")
    assert result.returncode == 0, result.stderr
    return [line.split(" ")[1] for line in result.stdout.splitlines() if line.startswith("page ")]


def test_every_report_previewed_is_the_page_the_whole_build_makes(corpus_content, corpus_dev_site, tmp_path):
    """A translation and its original each in a process of its own, as a
    save is previewed, reading what the whole build recorded in its store
    (which reports are translations of which); the rest together."""
    cache = corpus_dev_site.path.parent / f".{corpus_dev_site.path.name}-cache"
    assert (cache / "store.sqlite").is_file()
    output = tmp_path / "output"
    output.mkdir()
    reports = sorted(p for p in corpus_content.rglob("*.md") if "pages" not in p.relative_to(corpus_content).parts)
    whole = {n for n in corpus_dev_site.html_files() if '<article class="report"' in corpus_dev_site.text(n)}
    family = {n for n in whole if 'class="translations"' in corpus_dev_site.text(n)}
    assert family, "the corpus has a translation"
    alone = [r for r in reports if any(f"Slug: {Path(n).stem}\n" in r.read_text(encoding="utf-8") or
                                       Path(n).stem == r.stem for n in family)]
    names = [name for report in alone for name in previewed(output, corpus_content, [report], cache)]
    names += previewed(output, corpus_content, [r for r in reports if r not in alone], cache)
    assert family <= set(names[:len(alone)]), "each of a translation and its original previewed alone"
    assert sorted(names) == sorted(whole), "a page for every report the whole build shows, drafts, hidden ones"
    different = [name for name in names if (output / name).read_bytes() != (corpus_dev_site.path / name).read_bytes()]
    assert different == []


def test_a_page_or_a_file_outside_the_content_is_not_previewed(corpus_content, tmp_path):
    output = tmp_path / "output"
    output.mkdir()
    assert previewed(output, corpus_content, [corpus_content / "pages" / "about.md", ROOT / "README.md"],
                     tmp_path / "cache") == []
    assert list(output.iterdir()) == []
