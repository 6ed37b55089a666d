"""Reports dated in the future are held back, and the build says which.

Pelican makes them drafts (``WITH_FUTURE_DATES = False``): development
builds show drafts under drafts/, production builds write none.
"""

import datetime
import os

from pelican.log import console


def report_held_back(generator):
    """Say which reports the build held back: they are dated in the future."""
    now = datetime.datetime.now(datetime.timezone.utc)
    for draft in generator.drafts:
        if draft.date > now:
            # Said on the console, not logged: build_guard fails a build on
            # any warning, and holding a report back is no problem.
            console.print(f"Held back: {os.path.relpath(draft.source_path)} is dated "
                          f"{draft.date.isoformat()}; it is published by the first build on or after that date.")
