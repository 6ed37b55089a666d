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

Here is the arithmetic; `pelican_internals.StablePaginator` is Pelican's
`Paginator` with it, given to Pelican's writer there (it overrides names
Pelican keeps private). The numbering of the addresses
(``{number}`` in PAGINATION_PATTERNS) is the page's stable number; a page's
``number`` stays its place from the newest (1 is the first page), which
Pelican's writer uses to link each page to the next and the previous.
"""

def sealed_pages(count, per_page):
    """How many numbered pages of ``per_page`` a listing of ``count`` has
    besides its first page."""
    return max(0, count // per_page - 1) if per_page else 0


def page_slice(count, per_page, number):
    """``(first, end, stable number)`` of the page at ``number`` from the
    newest (1 is the first page) of a listing of ``count``: the slice of
    the list (newest last, as Pelican orders it) it shows, and the number
    in its address (1 the oldest; None for the first page)."""
    sealed = sealed_pages(count, per_page)
    if number == 1:
        return 0, count - sealed * per_page, None
    stable = sealed + 2 - number
    return count - stable * per_page, count - (stable - 1) * per_page, stable
