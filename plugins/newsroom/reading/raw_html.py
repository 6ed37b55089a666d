"""Python-Markdown extension: raw HTML is text, never markup.

Markdown passes HTML through as it stands, so an ``<img onerror=…>`` in a
standfirst or an article would reach readers as a live element. Content here
is text plus Markdown: with the two HTML processors removed, Python-Markdown
escapes ``<`` and ``&`` like any other character.
"""

from markdown.extensions import Extension


class RawHtmlAsText(Extension):
    def extendMarkdown(self, md):
        md.preprocessors.deregister("html_block")
        md.inlinePatterns.deregister("html")
