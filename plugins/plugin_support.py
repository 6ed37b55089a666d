"""What our plugins share, in one place: a settings section read over its
defaults, and a cached file placed into the output atomically.

Not a plugin: a module the plugins import (``pelicanconf.py`` puts
``plugins/`` on ``sys.path``, as Pelican's own loader does not). It uses
nothing but the standard library, so a plugin published on its own takes a
copy of this file along.
"""

import os
import shutil


def section(settings, name, defaults, owner):
    """``settings[name]`` over ``defaults``; a key ``owner`` does not know
    fails, naming the setting and the keys it knows (a typo in a setting
    silently ignored is a setting that does nothing)."""
    given = settings.get(name, {})
    unknown = sorted(set(given) - set(defaults))
    if unknown:
        raise ValueError(f"{name} has {unknown}: {owner} knows {list(defaults)}")
    return {**defaults, **given}


def place(cached, target):
    """A cached file into the output: linked, not copied (a publish places
    thousands); replacing what is there, never writing through it (an
    earlier build's file may be a link to another cache entry)."""
    try:
        os.link(cached, target)
        return  # nothing was there (a new build's folder: most files)
    except OSError:
        pass  # something there, or another file system
    if os.path.exists(target) and os.path.samefile(cached, target):
        return  # linked there already (rename() would leave the link beside it)
    partial = f"{target}.partial"
    try:
        os.link(cached, partial)
    except OSError:  # another file system
        shutil.copyfile(cached, partial)
    os.replace(partial, target)
