"""What the theme may rely on: settings checked before anything is read,
and a `Report` on every article and page."""

import dataclasses
import re

import build_store

from ..model.report import Report
from ..output import share_images
from . import structured_data


class SettingsError(ValueError):
    """Settings that cannot build the site; the message says what to change."""


def check_settings(pelican):
    settings = pelican.settings
    if settings.get("CONTENT_CACHING_LAYER") == "generator":
        # Pelican would pickle whole items, which this plugin changes after reading
        # (bodies held compressed by a class made at run time, speakers resolved): the save fails.
        raise SettingsError("CONTENT_CACHING_LAYER = 'generator' caches whole articles, which the newsroom "
                            "plugin changes after reading: set CONTENT_CACHING_LAYER = 'reader' (Pelican's "
                            "default; the newsroom's page cache already spares unchanged pages)")
    build_store.require(settings, "the newsroom plugin")  # the page cache, search, photos and cards
    # Each section of settings the newsroom reads: an unknown key fails now.
    structured_data.settings_of(settings)
    share_images.config(settings)
    names = settings.get("SECTION_NAMES", {})
    if not (isinstance(names, dict) and all(isinstance(section, str) and isinstance(given, dict)
                                            and all(isinstance(v, str) and v.strip() for v in given.values())
                                            for section, given in names.items())):
        raise SettingsError("SECTION_NAMES is not a section's names by language: write "
                            "SECTION_NAMES = {'Human rights': {'zh-Hans': '人权', 'zh-Hant': '人權'}}")
    addresses = settings.get("TERM_ADDRESSES", {})
    if not (isinstance(addresses, dict) and all(isinstance(name, str) and isinstance(slug, str)
                                                and re.fullmatch(r"[a-z0-9]+(?:-[a-z0-9]+)*", slug)
                                                for name, slug in addresses.items())):
        raise SettingsError("TERM_ADDRESSES is not a name's address by name: write TERM_ADDRESSES = "
                            "{'البحرين': 'bahrain'} (lowercase Latin letters, digits and hyphens)")
    if not settings.get("MACHINE_METADATA"):
        return
    share_images.check_font(settings)
    if not settings["SITEURL"].startswith(("https://", "http://")):
        raise SettingsError(f"MACHINE_METADATA is on but SITEURL {settings['SITEURL']!r} is not an "
                            "absolute address: set SITEURL = 'https://…', or MACHINE_METADATA = False")


def attach_report(item):
    """content_object_init: the item's own `Report`, a copy of its reading's
    (the reading stays as the content cache keeps it; later stages join
    other items to this one), or an empty one for a file another reader
    read. Templates read ``tags`` without asking too."""
    read = item.metadata.get("report")
    item.report = dataclasses.replace(read) if read is not None else Report()
    if not hasattr(item, "tags"):
        item.tags = ()
