"""Rendered Markdown as plain text, quotation marks as the source printed them.

A ``q`` carries its marks in ``data-open`` and ``data-close`` (the browser
draws them): where there is no browser, in ``<title>``, a meta description,
Open Graph, feeds' titles and JSON-LD, they are put back into the text.
"""

from html.parser import HTMLParser


class _Text(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.parts, self.closing = [], []

    def handle_starttag(self, tag, attrs):
        if tag == "q":
            attrs = dict(attrs)
            self.parts.append(attrs.get("data-open") or "")
            self.closing.append(attrs.get("data-close") or "")
        elif tag in ("p", "br", "li") and self.parts:
            self.parts.append(" ")

    def handle_endtag(self, tag):
        if tag == "q" and self.closing:
            self.parts.append(self.closing.pop())

    def handle_data(self, data):
        self.parts.append(data)


def plain_text(html):
    parser = _Text()
    parser.feed(html or "")
    parser.close()
    return " ".join("".join(parser.parts).split())
