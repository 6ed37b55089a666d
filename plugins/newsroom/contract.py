"""What the theme may rely on: settings checked before anything is read,
and the fields every article and page has from this plugin."""

from types import MappingProxyType

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


# What MACHINE_METADATA needs: the plugins that make the images and the
# JSON-LD the theme then shows.
MACHINE_METADATA_NEEDS = ("share_images", "structured_data")


def check_settings(pelican):
    settings = pelican.settings
    if settings.get("CONTENT_CACHING_LAYER") == "generator":
        # Pelican would pickle whole items, which this plugin changes after reading
        # (bodies held compressed by a class made at run time, speakers resolved): the save fails.
        raise SettingsError("CONTENT_CACHING_LAYER = 'generator' caches whole articles, which the newsroom "
                            "plugin changes after reading: set CONTENT_CACHING_LAYER = 'reader' (Pelican's "
                            "default; plugins/page_cache already spares unchanged pages)")
    if not settings.get("MACHINE_METADATA"):
        return
    loaded = {str(p).rsplit(".", 1)[-1] for p in settings.get("PLUGINS") or []}
    missing = [name for name in MACHINE_METADATA_NEEDS if name not in loaded]
    if missing:
        raise SettingsError(f"MACHINE_METADATA is on but PLUGINS lacks {', '.join(missing)}: "
                            "add them, or set MACHINE_METADATA = False")
    if not settings["SITEURL"].startswith(("https://", "http://")):
        raise SettingsError(f"MACHINE_METADATA is on but SITEURL {settings['SITEURL']!r} is not an "
                            "absolute address: set SITEURL = 'https://…', or MACHINE_METADATA = False")


def give_defaults(item):
    for name, value in DEFAULTS.items():
        if not hasattr(item, name):
            setattr(item, name, value)
