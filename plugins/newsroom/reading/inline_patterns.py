"""Python-Markdown extension: inline patterns tried only where they match.

Markdown's inline stage hands every run of text to each inline pattern in
turn (code, escapes, links, emphasis, quotations: seventeen here), through
several layers of Python for each, and most runs of a news report hold
nothing any of them matches. Reading 10,000 short reports spent a fifth of
its time there. `SkippingInlineProcessor` asks each pattern's own
expression first, in C, and passes over a pattern that finds nothing from
where Markdown would start looking: Markdown would have tried it and moved
on with the text unchanged. Everything else is Markdown's own code.

This overrides one method Python-Markdown keeps private (``InlineProcessor.
__handleInline``, pinned in requirements.txt);
``tests/test_inline_patterns.py`` fails if Markdown renames it or if a
single page converts differently.
"""

from markdown import inlinepatterns, treeprocessors, util
from markdown.extensions import Extension

# Markdown's inline tree processor: its name and priority (Markdown.build_treeprocessors).
NAME, PRIORITY = "inline", 20


class SkippingInlineProcessor(treeprocessors.InlineProcessor):
    def run(self, tree, ancestors=None):
        # The patterns in the order Markdown tries them, and what asks each
        # whether it matches anywhere from a position: only a new-style
        # pattern searches (an old-style one matches a slice from its start).
        self.patterns = list(self.inlinePatterns)
        self.searches = [p.compiled_re.search if isinstance(p, inlinepatterns.InlineProcessor) else None
                         for p in self.patterns]
        return super().run(tree, ancestors)

    def _InlineProcessor__handleInline(self, data, patternIndex=0):
        if isinstance(data, util.AtomicString):
            return data
        start, count = 0, len(self.patterns)
        while patternIndex < count:
            search = self.searches[patternIndex]
            if search is not None and search(data, start) is None:
                # Markdown's own finditer from here finds nothing: not matched.
                patternIndex, start = patternIndex + 1, 0
                continue
            data, matched, start = self._InlineProcessor__applyPattern(
                self.patterns[patternIndex], data, patternIndex, start)
            if not matched:
                patternIndex += 1
        return data


class SkippingInline(Extension):
    def extendMarkdown(self, md):
        md.treeprocessors.register(SkippingInlineProcessor(md), NAME, PRIORITY)
