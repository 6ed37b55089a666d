"""Listing pages that keep their contents: numbered from the oldest.

Pelican numbers a listing's pages from the newest, so one new report moves
every report one place along every page of the home page, its section,
its topics and its speakers' pages: the number of files a publish changes
(and compresses, and uploads) grows with the archive. Here the first page
(``index.html``, ``category/x.html``) still shows the newest reports, and
the later pages hold fixed slices counted from the oldest: ``page/1.html``
the oldest ``per_page`` reports, ``page/2.html`` the next, and so on. The
first page holds the rest, between ``per_page`` and twice that less one,
so it is never nearly empty. A new report changes the first page alone,
until it holds twice ``per_page``: then the oldest ``per_page`` of it
become the next numbered page, and the newest numbered page's "newer"
link leads there. A numbered page never changes what it lists, so a CDN
may keep it (deploy/nginx.conf).

`StablePaginator` is Pelican's `Paginator` with this arithmetic; Pelican
is given it in `pelican_internals.py`. The numbering of the addresses
(``{number}`` in PAGINATION_PATTERNS) is the page's stable number; a page's
``number`` stays its place from the newest (1 is the first page), which
Pelican's writer uses to link each page to the next and the previous.
"""

from pelican.paginator import Page, Paginator


def sealed_pages(count, per_page):
    """How many numbered pages of ``per_page`` a listing of ``count`` has
    besides its first page."""
    return max(0, count // per_page - 1) if per_page else 0


class StablePaginator(Paginator):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._made = {}  # number -> page

    def _get_num_pages(self):
        return sealed_pages(self.count, self.per_page) + 1

    num_pages = property(_get_num_pages)

    def page(self, number):
        """The page at ``number`` from the newest (1 is the first page):
        made once (Pelican's writer asks for each page three times, as the
        page, the next one's previous and the previous one's next)."""
        if number not in self._made:
            self._made[number] = self._page(number)
        return self._made[number]

    def _page(self, number):
        count, per_page, sealed = self.count, self.per_page, sealed_pages(self.count, self.per_page)
        if number == 1:
            items, stable = self.object_list[: count - sealed * per_page], None
        else:
            stable = sealed + 2 - number  # 1 is the oldest
            items = self.object_list[count - stable * per_page: count - (stable - 1) * per_page]
        return StablePage(self.name, self.url, items, number, self, self.settings, stable=stable)


class StablePage(Page):
    def __init__(self, *args, stable=None):
        super().__init__(*args)
        # The number in a later page's address (1 the oldest); None for the first page.
        self.stable_number = stable

    def _from_settings(self, key):
        """As Pelican's: the last PAGINATION_PATTERNS rule for this page's
        place (``min_page``; -1 for the last page), formatted with the
        stable number."""
        if self.stable_number is None:
            return super()._from_settings(key)
        rule = None
        for candidate in self.settings["PAGINATION_PATTERNS"]:
            if candidate.min_page == -1:
                if not self.has_next():
                    rule = candidate
                    break
            elif candidate.min_page <= self.number:
                rule = candidate
        address = getattr(rule, key).format(save_as=self.full_name, url=self.base_url, name=self.name,
                                            base_name=self.base_name, extension=self.extension,
                                            number=self.stable_number)
        return address[1:] if address.startswith("/") else address

    url = property(lambda self: self._from_settings("URL"))
    save_as = property(lambda self: self._from_settings("SAVE_AS"))
