"""Rendered Markdown as plain text, quotation marks as the source printed
them (they are text in the HTML too): for ``<title>``, a meta description,
Open Graph, feeds' titles and JSON-LD.
"""

from html.parser import HTMLParser


class _Text(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.parts = []

    def handle_starttag(self, tag, attrs):
        if tag in ("p", "br", "li") and self.parts:
            self.parts.append(" ")

    def handle_data(self, data):
        self.parts.append(data)


def plain_text(html):
    parser = _Text()
    parser.feed(html or "")
    parser.close()
    return " ".join("".join(parser.parts).split())
