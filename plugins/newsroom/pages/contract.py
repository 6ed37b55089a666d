"""What the theme may rely on: settings checked before anything is read,
and the fields every article and page has from this plugin."""

from types import MappingProxyType

from ..output import page_cache, share_images
from . import structured_data

# What every article and page has from this plugin, whether or not its file
# gives it: templates read these without asking (StrictUndefined).
# Empty and shared: tuples, and a mapping nothing writes to (the plugins
# give an item a list or dict of its own when it has something to hold).
DEFAULTS = {
    "editor_note": None, "editor_note_text": "", "summary_text": "", "source": None,
    "source_lang": None, "corrections": (), "original": None, "translated_as": (),
    "photos": (), "quotations": (), "speakers": (), "tags": (), "people": MappingProxyType({}),
}


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
    # Each section of settings the newsroom reads: an unknown key fails now.
    page_cache.config(settings)
    structured_data.settings_of(settings)
    share_images.config(settings)
    if not settings.get("MACHINE_METADATA"):
        return
    share_images.check_font(settings)
    if not settings["SITEURL"].startswith(("https://", "http://")):
        raise SettingsError(f"MACHINE_METADATA is on but SITEURL {settings['SITEURL']!r} is not an "
                            "absolute address: set SITEURL = 'https://…', or MACHINE_METADATA = False")


def give_defaults(item):
    for name, value in DEFAULTS.items():
        if not hasattr(item, name):
            setattr(item, name, value)
