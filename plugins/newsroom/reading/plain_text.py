"""Rendered Markdown as plain text, quotation marks as the source printed
them (they are text in the HTML too): for ``<title>``, a meta description,
Open Graph, feeds' titles, JSON-LD and the search index; and as the text
of a link.
"""

from html.parser import HTMLParser

from markupsafe import Markup


# Where words on either side are apart though no space is written between
# them: blocks, cells, line breaks, and a photo's credit after its caption.
APART = {"p", "li", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "figcaption", "figure", "td", "th", "br", "div"}


class _Text(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.parts = []

    def handle_starttag(self, tag, attrs):
        if tag in APART or (tag == "span" and ("class", "credit") in attrs):
            self.parts.append(" ")

    def handle_endtag(self, tag):
        if tag in APART:
            self.parts.append(" ")

    def handle_data(self, data):
        self.parts.append(data)


def plain_text(html):
    """The words of ``html``, tags gone and entities read, each run of
    white space one space."""
    parser = _Text()
    parser.feed(html or "")
    parser.close()
    return " ".join("".join(parser.parts).split())


class _Unattributed(HTMLParser):
    """Re-emits HTML as it came, without the quotation elements (those with
    ``data-speaker``) and the mark elements inside them: their text stays."""

    def __init__(self):
        super().__init__(convert_charrefs=False)
        self.parts, self.spans = [], []  # each open span: kept, or dropped

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        if tag != "span":
            self.parts.append(self.get_starttag_text())
            return
        quoting = "data-speaker" in attributes
        dropped = quoting or ("quotation" in self.spans and attributes.get("class") == "mark")
        self.spans.append("quotation" if quoting else "dropped" if dropped else "kept")
        if not dropped:
            self.parts.append(self.get_starttag_text())

    def handle_endtag(self, tag):
        if tag != "span" or not self.spans or self.spans.pop() == "kept":
            self.parts.append(f"</{tag}>")

    def handle_data(self, data):
        self.parts.append(data)

    def handle_entityref(self, name):
        self.parts.append(f"&{name};")

    def handle_charref(self, name):
        self.parts.append(f"&#{name};")


def unattributed(html):
    """A headline's HTML as a link's text elsewhere (a listing, a speaker
    page): its quotations' marks and words as printed, without the
    attribution markup, which belongs to the report's own page, not inside
    a link to it."""
    parser = _Unattributed()
    parser.feed(str(html or ""))
    parser.close()
    return Markup("".join(parser.parts))
