"""Python-Markdown syntax for attributed quotations, quoted terms and titles.

Anything in quotation marks is written inside square brackets, marks and
all, as printed, followed by what it is::

    Blinken said, [“Had an inspiring meeting today.”]{speaker=Blinken}
    他说：[「我们会继续」]{speaker=汪文斌}
    charged with [“inciting subversion of state power”]{term}
    the report [“Break Their Lineage”]{title}

Any of the marks in `marks.PAIRS` may open it. ``{speaker=…}`` makes a
quotation, ``<span class="quotation" data-speaker="Antony Blinken"><span
class="mark">“</span>Had an inspiring meeting today.<span
class="mark">”</span></span>``: the marks the source printed are text,
so every reader shows exactly those (a feed reader, reader mode, a copy and
paste), and the element adds none of its own, as a ``q`` would. A quotation
the source never closes has no closing mark, and the class ``unclosed``.
``{term}`` (a quoted word, a scare quote, a charge) becomes ``<span
class="term">``, ``{name}`` (the name of an organisation, a publication or
an event that the language prints in marks: «Мемориал») ``<span
class="name">`` and ``{title}`` (the title of a work) ``<cite>``: all keep
their marks in the text, since nobody is being quoted. Inside a speaker's
marks, ``[…]{aside}`` holds the reporter's words that interrupt them
(«…ненависти, [— говорит адвокат. —]{aside} Пять лет назад…»): a ``<span
class="aside">``, not among the quotation's words. Markup nests either
way: ``[“He called it [‘farcical’]{term}.”]{speaker=Wang}``.

A quotation running over several paragraphs opens each with a mark and
closes on the last; its markup spans them all (`SpanParagraphs` splits it
into one element a paragraph, each but the last with the class
``continued``). A paragraph that is wholly a quotation is a block quote whose
last line names the speaker::

    > “He asked each of us to present our work.”
    > {speaker=Fujibiao}

It becomes ``<figure class="quotation"><blockquote data-speaker="…">…
</blockquote><figcaption>Fujibiao, Chinese human rights lawyer</figcaption>
</figure>``: the attribution outside the quotation, as the standard says.

Speakers are looked up in the article's ``Speakers`` field (`speakers.py`).
Markup that cannot be published, and any quotation mark outside markup
(`marks.stray_mark`), raise `QuotationError` naming the words and the fix, so
no quotation reaches readers unattributed. The quotations found are left on
``md.quotations`` in reading order, for the article's structured data.
"""

import collections
import functools
import re
import typing
import xml.etree.ElementTree as etree
from sys import intern

from markdown.extensions import Extension
from markdown.inlinepatterns import InlineProcessor
from markdown.preprocessors import Preprocessor
from markdown.treeprocessors import Treeprocessor

from ..chrome import locales
from ..chrome.scripts import UNSPACED
from ..model.report import Quotation
from ..model.slots import slot
from . import checks, claims, marks, names
from .safety import shorten
from .speakers import Speaker, SpeakerError, parse_speakers, unknown

BRACKET = re.compile(r"[\[\]]")
LETTER = re.compile(r"[^\W_]")
MARKUP_START = re.compile(r"\[(?=[" + re.escape(marks.OPENING) + "])")
ATTRIBUTES = re.compile(r'\{\s*(?:speaker\s*=\s*"?(?P<speaker>[^"}]+?)"?|(?P<kind>term|title|name)'
                        r'(?P<confirmed>\s+confirmed)?)(?P<sic>\s+sic)?\s*(?P<continued>\+)?\s*\}')
# The rest of a link whose text is nested markup: ](url) or ](url "title").
LINK_AFTER = re.compile(r'\]\(\s*(<[^>\n]*>|[^\s()]+)(?:\s+"([^"\n]*)")?\s*\)')
# Attributes left in the text, after no quotation in brackets.
STRAY_ATTRIBUTES = re.compile(r"\{\s*(?:speaker\s*=|(?:term|title|name|aside)\s*\})")
# The reporter's words inside a speaker's marks: [— говорит адвокат. —]{aside}.
ASIDE = re.compile(r"\[[^\[\]]*\]\{\s*aside\s*\}")
# Where nested markup starts: a quotation's opening mark, or an aside.
NESTED_START = re.compile(MARKUP_START.pattern + r"|\[(?=[^\[\]]*\]\{\s*aside\s*\})")
PLACEHOLDER = re.compile("\x02[^\x03]*\x03")
BLOCK_SPEAKER_RE = re.compile(r"\n?(\{[^\n]*\}?)\s*$")
# Elements whose text is quoted or a title, where a mark is no stray. Code
# is checked like any text: a quotation in backticks is still a quotation.
CLAIMED = {"blockquote", "cite"}
# What a single closing mark follows where it ends a quotation, not a word.
PUNCTUATION = ",.!?;:…—–-，。！？；：、،؛؟۔།"
# Attributes readers see: a photo's alt text, a link's title (a photo's
# title is its caption, checked as text).
SHOWN_ATTRIBUTES = {("alt", "img"): "alt text", ("title", "a"): "a link's title"}


class Attributes(typing.NamedTuple):
    """What ``{…}`` says of the markup before it."""
    kind: str  # speaker, term, name or title
    speaker: Speaker | None
    continued: bool  # + : the quotation goes on in the next paragraph
    sic: bool  # the source printed its marks so
    confirmed: bool  # the editor checked a term, name or title that reads as speech


class QuotationError(ValueError):
    """Markup that cannot be published. ``markup`` is the offending text as
    written, so the reader of the file can find its line."""

    def __init__(self, message, markup):
        super().__init__(message)
        self.markup = markup


def closing_bracket(text, start):
    """The index of the ``]`` that closes the ``[`` at ``start``, or None:
    scanned for from ``start``, as far as it takes (to the end where it
    never closes: a caller that meets many ``[`` in one text asks
    `bracket_pairs` instead)."""
    depth = 0
    for match in BRACKET.finditer(text, start):
        if match.group() == "[":
            depth += 1
        else:
            depth -= 1
            if depth == 0:
                return match.start()
    return None


@functools.lru_cache(maxsize=16)
def bracket_pairs(text):
    """Each ``[`` of ``text`` that closes, by its index, to the index of its
    ``]``, found in one pass: a text of thousands of unclosed ``[“`` costs
    what its length costs, not a scan to its end for each."""
    pairs, open_at = {}, []
    for match in BRACKET.finditer(text):
        if match.group() == "[":
            open_at.append(match.start())
        elif open_at:
            pairs[open_at.pop()] = match.start()
    return pairs


def attributes_at(text, at):
    """The ``{…}`` that starts at ``at``, or "" (up to the line's end when
    it never closes)."""
    if not text.startswith("{", at):
        return ""
    end = text.find("}", at)
    line_end = text.find("\n", at)
    if end < 0 or 0 <= line_end < end:
        return text[at: line_end if line_end >= 0 else len(text)]
    return text[at: end + 1]


class QuotationExtension(Extension):
    """``speakers``: the map `parse_speakers` makes; left None, they are
    read from the document's own ``Speakers`` field when first needed."""

    def __init__(self, speakers=None, anchors=False):
        super().__init__()
        self.given = speakers
        self.anchors = anchors  # an id on every q and blockquote: q1, q2…
        self.problems = []

    def extendMarkdown(self, md):
        md.registerExtension(self)
        self.md = md
        self.reset()
        # After the meta preprocessor (27), before paragraphs are split.
        md.preprocessors.register(SpanParagraphs(md, self), "quotation_paragraphs", 26)
        # Before links (160) and footnotes (175) so that [“…”] is never read
        # as a link; an ordinary link may still wrap quotation markup.
        md.inlinePatterns.register(InlineQuotation(self), "quotation", 180)
        # Before inline parsing (20): the speaker line is still raw text then.
        md.treeprocessors.register(BlockQuotation(md, self), "block_quotation", 25)
        # After unescaping (0): sees the final text of every element.
        md.treeprocessors.register(QuotationCheck(md, self), "quotation_check", -10)

    def reset(self):
        self.md.quotations = []
        self.speakers = self.given
        self.speaker_of = {}  # each quotation element's Speaker (two may share a name)

    def take_problems(self):
        """The problems found since last asked; `reset` keeps them, since
        Pelican resets Markdown between the fields of one file."""
        problems, self.problems = self.problems, []
        return problems

    def parse(self, attributes, markup):
        """What ``{…}`` makes of the markup, as `Attributes`."""
        fix = marks.example(markup[1:2] or self.opening_mark)
        if not attributes:
            raise QuotationError(
                f"'{shorten(markup)}' has no speaker, term or title after its closing bracket: {fix}",
                markup,
            )
        if not attributes.endswith("}"):
            raise QuotationError(
                f"'{shorten(markup + attributes)}': the braces after the quotation do not close: "
                "end them with }", markup
            )
        match = ATTRIBUTES.fullmatch(attributes)
        if not match:
            raise QuotationError(f"'{shorten(markup)}' is followed by {attributes}: {fix}", markup)
        flags = {name: bool(match.group(name)) for name in ("continued", "sic", "confirmed")}
        if match.group("kind"):
            return Attributes(match.group("kind"), None, **flags)
        return Attributes("speaker", self.speaker(match.group("speaker").strip(), markup), **flags)

    @property
    def lang(self):
        return checks.lang_of(getattr(self.md, "Meta", {}))

    @property
    def opening_mark(self):
        """The mark the document's language opens a quotation with (CLDR's),
        for a message's example where the source shows none."""
        return locales.quotation_marks(self.lang)[0]

    def speaker(self, name, markup):
        if self.speakers is None:
            try:
                self.speakers = parse_speakers(getattr(self.md, "Meta", {}).get("speakers", []))
            except SpeakerError:
                # The reader names the Speakers line; the file is refused.
                self.speakers = collections.defaultdict(lambda: Speaker("?"))
        try:
            return self.speakers[names.comparable(name)]
        except KeyError:
            raise QuotationError(f"quotation '{shorten(markup)}' {unknown(name, self.speakers)}", markup) from None


class SpanParagraphs(Preprocessor):
    """Splits markup that runs over several paragraphs into one markup a
    paragraph: the speaker's attributes, with ``+`` (continued) on all but
    the last. Each paragraph must open with a quotation mark, as printed."""

    def __init__(self, md, extension):
        super().__init__(md)
        self.extension = extension

    def run(self, lines):
        text = "\n".join(lines)
        out, at, pairs = [], 0, bracket_pairs(text)
        for match in MARKUP_START.finditer(text):
            if match.start() < at:
                continue
            end = pairs.get(match.start())
            if end is None or "\n\n" not in text[match.start(): end]:
                continue
            attributes = attributes_at(text, end + 1)
            if not attributes.endswith("}"):
                continue  # InlineQuotation says what is wrong with it
            parts = re.split(r"(\n\s*\n)", text[match.start() + 1: end])
            pieces = []
            for index in range(0, len(parts), 2):
                part = parts[index].strip()
                if part and part[0] not in marks.OPENING:
                    self.extension.problems.append(QuotationError(
                        f"the quotation continues into a paragraph that does not open with a "
                        f"quotation mark, at '{shorten(part)}': open each paragraph of it with "
                        "the mark the source prints", part))
                    part = "“" + part  # checked no further: the build is refused
                last = index == len(parts) - 1
                pieces.append(f"[{part}]" + (attributes if last else attributes[:-1] + "+}"))
                if not last:
                    pieces.append(parts[index + 1])
            out.append(text[at: match.start()] + "".join(pieces))
            at = end + 1 + len(attributes)
        return (("".join(out) + text[at:]) if out else text).split("\n")


class InlineQuotation(InlineProcessor):
    def __init__(self, extension):
        super().__init__(MARKUP_START.pattern, extension.md)
        self.extension = extension

    def handleMatch(self, m, data):
        end = closing_bracket(data, m.start(0))
        if end is None:
            # The rest of the text left as it is, which QuotationCheck names
            # (the file is refused) and no later pattern reads again: each
            # [ after it would be scanned to the end once more, here and by
            # Markdown's links (minutes for a few thousand).
            return data[m.start(0):], m.start(0), len(data)
        if data.startswith(("(", "["), end + 1):
            return None, None, None  # a link's text: QuotationCheck checks it
        attributes = attributes_at(data, end + 1)
        markup = data[m.start(0): end + 1]
        try:
            element = self.element(data[m.start(0) + 1: end], attributes, markup)
        except QuotationError as error:
            # Noted, and the markup left as claimed text: every problem of
            # the file is named in one build.
            self.extension.problems.append(error)
            element = etree.Element("span", {"class": "refused"})
            element.text = markup + attributes
        return element, m.start(0), end + 1 + len(attributes)

    def element(self, words, attributes, markup):
        kind, speaker, continued, sic, confirmed = self.extension.parse(attributes, markup)
        opening = words[0]
        check_marks(words, markup, continued, sic)
        if kind != "speaker":
            inside = outside_nested_markup(words[1:-1] if marks.closes(opening, words) else words[1:])
            if not confirmed and (why := claims.reads_as_speech(kind, inside)):
                raise QuotationError(
                    f"'{shorten(markup)}' is marked {{{kind}}}, nobody's words, but {why}: if someone said it, "
                    f"write {{speaker=Name}}; if it really is a {kind}, write {{{kind} confirmed}}", markup)
            element = etree.Element("cite" if kind == "title" else "span")
            if kind != "title":
                element.set("class", kind)
            self.fill(element, words)
            return element
        element = etree.Element("span", {"class": "quotation", "data-speaker": speaker.name})
        self.extension.speaker_of[element] = speaker
        words, closing = words[1:], ""
        if continued:
            element.set("class", "quotation continued")
        elif marks.closes(opening, opening + words) or (sic and words[-1:] in marks.MARKS):
            words, closing = words[:-1], words[-1]
        else:
            element.set("class", "quotation unclosed")
        self.fill(element, words)
        if not LETTER.search(words_of(element)):
            raise QuotationError(f"'{shorten(markup)}' credits {speaker.label} with no words: a quotation holds "
                                 "what the speaker said; the reporter's asides are not theirs", markup)
        mark(element, 0, opening)
        if closing:
            mark(element, len(element), closing)
        return element

    def fill(self, element, words):
        """``words`` as the element's text, nested markup as its children."""
        element.text, at, last = "", 0, None
        for start, end, attributes in nested_markup(words):
            if ASIDE.fullmatch(words, start, end + 1 + len(attributes)):
                if "quotation" not in (element.get("class") or ""):
                    raise QuotationError(f"'{shorten(words)}' has an aside ({{aside}}) outside a speaker's words: "
                                         "an aside is the reporter's words inside a quotation's marks", words)
                child = etree.Element("span", {"class": "aside"})
                self.fill(child, words[start + 1: end])
            else:
                child = self.element(words[start + 1: end], attributes, words[start: end + 1])
            after = end + 1 + len(attributes)
            link = LINK_AFTER.match(words, after) if words[start - 1: start] == "[" and start - 1 >= at else None
            if link:  # [[“…”]{title}](url): a link around nested markup, which Markdown cannot see across it
                anchor = etree.Element("a", {"href": link.group(1)})
                if link.group(2):
                    anchor.set("title", link.group(2))
                anchor.append(child)
                child, start, after = anchor, start - 1, link.end()
            if last is None:
                element.text += words[at: start]
            else:
                last.tail = (last.tail or "") + words[at: start]
            element.append(child)
            last, at = child, after
        if last is None:
            element.text += words[at:]
        else:
            last.tail = (last.tail or "") + words[at:]


class BlockQuotation(Treeprocessor):
    """Turns ``> …`` ending in ``{speaker=…}`` into figure > blockquote + figcaption."""

    def __init__(self, md, extension):
        super().__init__(md)
        self.extension = extension

    def run(self, root):
        found = [
            (parent, index)
            for parent in root.iter()
            for index, child in enumerate(parent)
            if child.tag == "blockquote"
        ]
        for parent, index in found:
            try:
                parent[index] = self.figure(parent[index])
            except QuotationError as error:
                self.extension.problems.append(error)
                parent[index].set("class", "refused")

    def figure(self, quote):
        last = quote[-1] if len(quote) else None
        text = (last.text or "") if last is not None and last.tag == "p" else ""
        match = BLOCK_SPEAKER_RE.search(text)
        markup = "> " + text.strip()
        kind, speaker, *_ = self.extension.parse(match and match.group(1), markup)
        if speaker is None:
            raise QuotationError(f"'{shorten(markup)}' ends with {{{kind}}}: a block quotation is "
                                 "always someone's words: end it with {speaker=Name}", markup)
        last.text = text[: match.start()]
        if not last.text.strip() and not len(last):
            quote.remove(last)
        quote.set("data-speaker", speaker.name)
        self.extension.speaker_of[quote] = speaker
        figure = etree.Element("figure", {"class": "quotation"})
        figure.append(quote)
        etree.SubElement(figure, "figcaption").text = speaker.caption(slot("label", "apposition", 0))
        return figure


def nested_markup(words):
    """Each ``[…]{…}`` in ``words`` not inside another (a link's text
    aside), as (index of its [, index of its ], its attributes)."""
    after, pairs = 0, bracket_pairs(words)
    for match in NESTED_START.finditer(words):
        if match.start() < after:
            continue
        end = pairs.get(match.start())
        if end is None or words.startswith(("(", "["), end + 1):
            continue
        attributes = attributes_at(words, end + 1)
        after = end + 1 + len(attributes)
        yield match.start(), end, attributes


def outside_nested_markup(words):
    """``words`` with every nested ``[…]{…}`` blanked out (same length),
    and the link around one where there is one (its title is no text)."""
    for start, end, attributes in list(nested_markup(words)):
        end += len(attributes)
        if words[start - 1:start] == "[" and (link := LINK_AFTER.match(words, end + 1)):
            start, end = start - 1, link.end() - 1
        words = words[:start] + " " * (end + 1 - start) + words[end + 1:]
    return words


def is_closing_mark(text, at):
    """Whether the mark at ``at`` closes something. A single mark only after
    punctuation (‘We will,’ he said), since after a letter it may be an
    apostrophe (the States’ diplomats, won’t); a mark that also opens (" «)
    unless it stands where a quotation opens, after a space and before a
    word (he said "no"); every other mark always."""
    mark, before, after = text[at], text[at - 1:at], text[at + 1:at + 2]
    if mark in marks.SINGLE_CLOSING_MARKS:
        return before in PUNCTUATION or bool(UNSPACED.match(before))
    if mark in marks.OPENING:
        return not (before.isspace() and after.strip())
    return True


def check_marks(words, markup, continued, sic):
    """What is inside the brackets is what the source printed inside its
    marks: a closing mark of the opening's family ends the words (no words
    after it: “We will go on," the minister said, "to the end” splices the
    reporter's words into the speaker's), and a last mark that does not
    close the opening is refused unless the editor says the source printed
    it so (``sic``, which excuses that one mark and nothing inside)."""
    opening, own = words[0], outside_nested_markup(words)
    closings, family = marks.PAIRS[opening], marks.family_closings(opening)
    for at in range(1, len(own)):
        if own[at] in family and own[at + 1:].strip() and is_closing_mark(own, at):
            raise QuotationError(
                f"'{shorten(markup)}' has words after its closing mark {own[at]}: the brackets hold only "
                f"what the source printed inside its marks: put ] right after {own[at]}, or mark up the "
                "quotation inside it", markup)
    body = own.rstrip()
    last = body[-1:]
    if (not continued and not sic and len(body) > 1 and last in marks.MARKS and last not in closings
            and is_closing_mark(body, len(body) - 1)):
        raise QuotationError(
            f"'{shorten(markup)}' opens with {opening} and ends with {last}, which does not close it: "
            f"correct it to {closings[0]}, or, if the source printed it so, add sic to what follows the "
            "brackets ({speaker=Name sic})", markup)


def mark(element, index, character):
    """A printed quotation mark as the element's child at ``index``: the
    words before it (the element's text) become the mark's tail."""
    child = etree.Element("span", {"class": "mark"})
    child.text = character
    if index == 0:
        child.tail, element.text = element.text, None
    element.insert(index, child)


def is_mark(element):
    return element.tag == "span" and element.get("class") == "mark"


def printed(element):
    """An element's text as printed, marks and all."""
    return "".join(element.itertext())


def text_before(element, stop):
    """The text of ``element`` up to its descendant ``stop``."""
    parts = []

    def walk(node):
        if node is stop:
            return True
        parts.append(node.text or "")
        for child in node:
            if walk(child):
                return True
            parts.append(child.tail or "")
        return False

    walk(element)
    return "".join(parts)


# What stands for the reporter's aside in a quotation's words, wherever they
# are shown without it (JSON-LD, speaker pages, feeds, search, share cards):
# the editor's elision, in brackets so that no reader takes it for the
# speaker's own "…".
ELISION = "[…]"


def words_of(element, marks_too=False):
    """A quotation's words: its text without its own two marks (with them,
    ``marks_too``), each of the reporter's asides an `ELISION`."""
    parts = [element.text or ""]
    for child in element:
        if child.get("class") == "aside":
            parts[-1] = parts[-1].rstrip() + f" {ELISION} "
            parts.append((child.tail or "").lstrip())
        else:
            parts += ["" if is_mark(child) and not marks_too else printed(child), child.tail or ""]
    return "".join(parts)


class QuotationCheck(Treeprocessor):
    """Collects the quotations in reading order, and refuses quotation marks
    or markup left outside them."""

    def __init__(self, md, extension):
        super().__init__(md)
        self.extension = extension
        self.pending = []

    def run(self, root):
        self.pending, self.count, self.first = [], 0, ""
        self.visit(root, claimed=False)
        if self.pending:  # {…+} by hand: the paragraph it continues into never came
            markup = self.pending[-1][1]
            self.extension.problems.append(QuotationError(
                f"'{shorten(markup)}' is marked to continue ({{…+}}) into a next paragraph that has none of it: "
                "remove the +, and mark up a quotation over paragraphs once, across them", markup))

    def visit(self, element, claimed):
        speaker = element.get("data-speaker")
        if speaker:
            self.collect(element, speaker)
        if element.get("class") == "refused":
            return  # named already; the file is refused
        # An aside is the reporter's words: marks in it are checked as any.
        claimed = ((claimed or bool(speaker) or element.tag in CLAIMED or element.get("class") in ("term", "name"))
                   and element.get("class") != "aside")
        for name in [n for n in ("alt", "title") if element.get(n) and (n, element.tag) in SHOWN_ATTRIBUTES]:
            self.check(element.get(name), SHOWN_ATTRIBUTES[name, element.tag])
        check = self.check_markup if claimed else self.check
        check(element.text)
        for child in element:
            self.visit(child, claimed)
            check(child.tail)

    def check_markup(self, text):
        """Refuses markup left unread in quoted text (where marks are the
        source's): an {aside} in a block quotation, a stray {speaker=…}."""
        if text and (stray := STRAY_ATTRIBUTES.search(text)):
            self.extension.problems.append(QuotationError(*stray_problem(text, stray, self.extension.opening_mark)))

    def collect(self, element, speaker):
        note = next((e for e in element.iter("sup") if (e.get("id") or "").startswith("fnref")), None)
        if note is not None:
            before = text_before(element, note)  # as the source has it, so its line is found
            self.extension.problems.append(QuotationError(
                f"a footnote reference inside the quotation '{shorten(printed(element))}' would be published as "
                "one of its words: put the [^…] after the closing mark", before))
        if self.extension.anchors:
            self.count += 1
            element.set("id", intern(f"q{self.count}"))  # q1, q2…: one string each, site-wide
            self.first = self.first or element.get("id")
        if element.tag == "blockquote":  # keeps the marks as printed
            shown = [printed(p).strip() for p in element] or [""]
            paragraphs = [p[1:] if p[:1] in marks.OPENING else p for p in shown]
            last = paragraphs[-1]
            paragraphs[-1] = last[:-1] if last[-1:] in "".join(marks.PAIRS.values()) else last
            self.pending.extend(zip(paragraphs, shown))
        else:
            self.pending.append((words_of(element).strip(), words_of(element, marks_too=True).strip()))
        if "continued" not in (element.get("class") or "").split():
            text = "\n\n".join(words for words, _ in self.pending)
            shown = "\n\n".join(shown for _, shown in self.pending)
            opening, closing = intern(shown[:1]), intern(shown[-1:]) if shown != text else ""
            if opening + text + closing != shown:
                opening, closing = "", ""
            else:
                shown = ""
            self.md.quotations.append(
                Quotation(self.extension.speaker_of[element], text, shown, self.first, opening, closing))
            self.pending, self.first = [], ""

    def check(self, text, where=""):
        """Refuses a quotation mark, or quotation markup, left in ``text``
        (``where``: an attribute's name, which cannot hold markup)."""
        # Markdown's placeholders (a footnote's space before its backlink)
        # are no words of the source: a message quoting one finds no line.
        text = text and PLACEHOLDER.sub("", text)
        found = text and first_problem(text, where, self.extension.opening_mark)
        if found:
            self.extension.problems.append(QuotationError(*found))


def stray_problem(text, stray, opening):
    """(message, markup) for attributes that follow no markup read."""
    markup = text[stray.start():]
    if aside := ASIDE.search(text):
        return (f"an aside '{shorten(aside.group())}' outside a quotation in brackets: an aside is the "
                "reporter's words inside a speaker's marks: put it inside the quotation's brackets, "
                f"[{opening}…[— he said —]{{aside}} …]{{speaker=Name}} (a block quotation holds none)", markup)
    return (f"'{shorten(markup)}' follows no quotation in brackets: put [ before the quotation's opening mark "
            "and ] after its closing mark", markup)


def first_problem(text, where, opening="“"):
    """(message, markup) for the first thing in ``text`` that would publish a
    quotation unmarked or markup unread, or None."""
    at = marks.stray_mark(text)
    if where and at is not None:
        return (f"{where} '{shorten(text)}' has {marks.describe(text[at])}, and cannot hold a quotation: "
                "write it without quotation marks (a quotation belongs in the text, marked up)", text)
    if start := MARKUP_START.search(text):
        markup = text[start.start():]
        return (f"quotation markup '{shorten(markup)}' does not close: check its ] and {{…}}, or "
                f"{marks.example(markup[1])}", markup)
    if stray := STRAY_ATTRIBUTES.search(text):
        return stray_problem(text, stray, opening)
    if at is not None:
        markup = text[at:]
        return (f"{marks.describe(text[at])} without markup at '{shorten(markup)}': "
                f"{marks.example(text[at], opening)}", markup)
    return None
