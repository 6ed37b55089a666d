"""Write what a reader sees of the article: phone and desktop, light and dark,
and the printed page.

    python tests/screenshots.py FOLDER
"""

import sys
import tempfile
from pathlib import Path

import pypdfium2
from playwright.sync_api import sync_playwright

sys.path.insert(0, str(Path(__file__).parent))
from browser import launch, serve  # noqa: E402
from conftest import ARTICLE, build  # noqa: E402


def main(folder):
    folder = Path(folder)
    folder.mkdir(exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        output = Path(tmp) / "output"
        result = build(output)
        if result.returncode:
            sys.exit(result.stdout + result.stderr)
        with serve(output) as base, sync_playwright() as playwright:
            browser = launch(playwright)
            for width, height in ((390, 844), (1280, 900)):
                for scheme in ("light", "dark"):
                    page = browser.new_page(viewport={"width": width, "height": height}, color_scheme=scheme)
                    page.goto(f"{base}/{ARTICLE}")
                    page.screenshot(path=folder / f"article-{width}-{scheme}.png")
                    page.screenshot(path=folder / f"article-{width}-{scheme}-full.png", full_page=True)
                    page.close()
            page = browser.new_page()
            page.goto(f"{base}/{ARTICLE}")
            page.pdf(path=folder / "article-print.pdf", format="A4")
            browser.close()
    pdf = pypdfium2.PdfDocument(folder / "article-print.pdf")
    for number, sheet in enumerate(pdf, 1):
        sheet.render(scale=1).to_pil().save(folder / f"article-print-{number}.png")
    for file in sorted(folder.iterdir()):
        print(f"{file}  {file.stat().st_size:,} bytes")


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else "screenshots")
