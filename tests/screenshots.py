"""Write what a reader sees of reports: phone and desktop, light and dark,
and the printed pages.

    python tests/screenshots.py FOLDER [--corpus] [SOURCE ...]

Builds content/ (with --corpus, the fixture corpus beside it) and shoots
the reports made from each SOURCE given (content/2021/x.md); with none,
the reports changed since the last commit; with none of those either,
every report. `make screenshots` runs it: `make screenshots
ARTICLE=content/2021/x.md`, `make screenshots CORPUS=1`.
"""

import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import pypdfium2
from pelican import Pelican, signals
from pelican.settings import read_settings
from playwright.sync_api import sync_playwright

sys.path.insert(0, str(Path(__file__).parent))
from browser import launch, serve  # noqa: E402
from conftest import CORPUS, ROOT, content_with  # noqa: E402

VIEWS = [(390, 844), (1280, 900)]


def shoot(browser, base, name, folder):
    stem = name.removesuffix(".html").replace("/", "_")
    for width, height in VIEWS:
        for scheme in ("light", "dark"):
            page = browser.new_page(viewport={"width": width, "height": height}, color_scheme=scheme)
            page.goto(f"{base}/{name}", wait_until="networkidle")
            page.wait_for_function("[...document.images].every(i => i.complete)")
            page.screenshot(path=folder / f"{stem}-{width}-{scheme}.png")
            page.screenshot(path=folder / f"{stem}-{width}-{scheme}-full.png", full_page=True)
            page.close()
    page = browser.new_page()
    page.goto(f"{base}/{name}", wait_until="networkidle")
    pdf = folder / f"{stem}-print.pdf"
    page.pdf(path=pdf, format="A4")
    page.close()
    document = pypdfium2.PdfDocument(pdf)
    for number, sheet in enumerate(document, 1):
        sheet.render(scale=1).to_pil().save(folder / f"{stem}-print-{number}.png")
    document.close()


def changed_sources():
    """Reports added or changed since the last commit, as git sees them."""
    listing = subprocess.run(["git", "status", "--porcelain", "--", "content"], cwd=ROOT,
                             capture_output=True, encoding="utf-8").stdout
    return [line[3:].strip() for line in listing.splitlines() if line.strip().endswith(".md")]


def build_in_process(content, output):
    """Build as `make html` does, in this process, and say which page each
    source became (Pelican names it; nothing is guessed from paths)."""
    pages = {}

    def remember(generator):
        for item in (*generator.articles, *generator.drafts):
            pages[os.path.realpath(item.source_path)] = item.save_as

    signals.article_generator_finalized.connect(remember)
    settings = read_settings(str(ROOT / "pelicanconf.py"), override={
        "PATH": str(content), "OUTPUT_PATH": str(output), "CACHE_PATH": str(output.parent / "cache")})
    Pelican(settings).run()
    return pages


def copy_of(source, content):
    """Where the build reads ``source`` (a file of content/ or, with
    --corpus, of the fixture corpus) from."""
    if source.is_relative_to(CORPUS.resolve()):
        return content / "corpus" / source.relative_to(CORPUS.resolve())
    return content / source.relative_to((ROOT / "content").resolve())


def main(folder, corpus=False, sources=()):
    folder = Path(folder)
    folder.mkdir(exist_ok=True)
    sources = list(sources) or changed_sources()
    with tempfile.TemporaryDirectory() as tmp:
        content = content_with(tmp)
        if corpus:
            shutil.copytree(CORPUS, content / "corpus")
        output = Path(tmp) / "output"
        pages = build_in_process(content, output)
        copies = [os.path.realpath(copy_of(Path(s).resolve(), content)) for s in sources]
        wanted = [pages[copy] for copy in copies if copy in pages]
        with serve(output) as base, sync_playwright() as playwright:
            browser = launch(playwright)
            for name in wanted or sorted(pages.values()):
                shoot(browser, base, name, folder)
            browser.close()
    for file in sorted(folder.iterdir()):
        print(f"{file}  {file.stat().st_size:,} bytes")


if __name__ == "__main__":
    arguments = sys.argv[1:]
    corpus = "--corpus" in arguments
    arguments = [a for a in arguments if a != "--corpus"]
    main(arguments[0] if arguments else "screenshots", corpus, arguments[1:])
