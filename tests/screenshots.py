"""Write what a reader sees of every report: phone and desktop, light and
dark, and the printed pages.

    python tests/screenshots.py FOLDER [--corpus] [PAGE ...]

Builds content/ (with --corpus, the fixture corpus beside it) and shoots
each PAGE given, or else every report the build published. `make
screenshots` runs it; `make screenshots CORPUS=1` adds the corpus,
`make screenshots PAGES=2025/05/families-hold-vigil.html` picks pages.
"""

import shutil
import sys
import tempfile
from pathlib import Path

import pypdfium2
from playwright.sync_api import sync_playwright

sys.path.insert(0, str(Path(__file__).parent))
from browser import launch, serve  # noqa: E402
from conftest import CORPUS, Site, build, content_with  # noqa: E402

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


def main(folder, corpus=False, pages=()):
    folder = Path(folder)
    folder.mkdir(exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        content = content_with(tmp)
        if corpus:
            shutil.copytree(CORPUS, content / "corpus")
        output = Path(tmp) / "output"
        result = build(output, content=content)
        if result.returncode:
            sys.exit(result.stdout + result.stderr)
        site = Site(output, "")
        with serve(output) as base, sync_playwright() as playwright:
            browser = launch(playwright)
            for name in pages or site.reports():
                shoot(browser, base, name, folder)
            browser.close()
    for file in sorted(folder.iterdir()):
        print(f"{file}  {file.stat().st_size:,} bytes")


if __name__ == "__main__":
    arguments = sys.argv[1:]
    corpus = "--corpus" in arguments
    arguments = [a for a in arguments if a != "--corpus"]
    main(arguments[0] if arguments else "screenshots", corpus, arguments[1:])
