"""A saved report's page, made alone (`deploy/preview.py`, the first thing
`make devserver` does on a save), is byte for byte the page the whole
build makes of it: over every report of content/ and the fixture corpus
(languages, photos, tables, footnotes, corrections), except what other
reports decide (links to its translations), which the whole build that
follows puts right."""

import subprocess
import sys

from conftest import ROOT


def previewed(output, content, reports):
    """The pages ``deploy/preview.py`` put in ``output`` for ``reports``."""
    result = subprocess.run([sys.executable, "deploy/preview.py", str(output), str(content), "pelicanconf.py"],
                            input="\t".join(map(str, reports)) + "\n", cwd=ROOT, capture_output=True,
                            encoding="utf-8")
    assert result.returncode == 0, result.stderr
    return [line.split(" ")[1] for line in result.stdout.splitlines() if line.startswith("page ")]


def test_every_report_previewed_alone_is_the_page_the_whole_build_makes(corpus_content, corpus_dev_site, tmp_path):
    reports = sorted(p for p in corpus_content.rglob("*.md") if "pages" not in p.relative_to(corpus_content).parts)
    output = tmp_path / "output"
    output.mkdir()
    names = previewed(output, corpus_content, reports)
    whole = {n for n in corpus_dev_site.html_files() if '<article class="report"' in corpus_dev_site.text(n)}
    assert set(names) == whole, "a page for every report the whole build shows, drafts and hidden ones too"
    compared = [name for name in names if 'class="translations"' not in corpus_dev_site.text(name)]
    assert len(compared) >= len(names) - 2, "all but a translation and its original"
    different = [name for name in compared
                 if (output / name).read_bytes() != (corpus_dev_site.path / name).read_bytes()]
    assert different == []


def test_a_page_or_a_file_outside_the_content_is_not_previewed(corpus_content, tmp_path):
    output = tmp_path / "output"
    output.mkdir()
    assert previewed(output, corpus_content, [corpus_content / "pages" / "about.md", ROOT / "README.md"]) == []
    assert list(output.iterdir()) == []
