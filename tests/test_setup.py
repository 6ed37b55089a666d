"""What `make` sets up: the environment every build runs in."""

import subprocess
import sys
from pathlib import Path

from conftest import ROOT

# Every package a build imports, through the plugins that import them.
IMPORT_A_BUILD = """
import importlib.util, sys, sysconfig
sys.path[:0] = ["plugins"]
import pelican.__main__, pelican.generators, pelican.readers, pelican.writers
import build_guard, build_store, compact_json, compress_cache, content_sitemap, inline_css, newsroom
installed = {sysconfig.get_paths()[name] for name in ("purelib", "platlib")}
for module in list(sys.modules.values()):
    origin = getattr(getattr(module, "__spec__", None), "origin", None) or ""
    if origin.endswith(".py") and any(origin.startswith(folder) for folder in installed):
        print(origin, importlib.util.cache_from_source(origin), sep="\t")
"""


def test_the_packages_a_build_imports_are_compiled_once_when_they_are_installed():
    """uv installs packages without their bytecode, and where
    PYTHONDONTWRITEBYTECODE is set (as on this project's machines) Python
    never writes it, so every build, every build the devserver starts and
    every worker a build spawns compiled Pelican, Jinja, Markdown, Babel
    and Pillow again: half a second of CPU each time."""
    listed = subprocess.run([sys.executable, "-c", IMPORT_A_BUILD], cwd=ROOT, check=True,
                            capture_output=True, text=True).stdout.splitlines()
    modules = [line.split("\t") for line in listed]
    assert len(modules) > 100  # the check saw the packages
    uncompiled = [source for source, compiled in modules if not Path(compiled).is_file()]
    assert not uncompiled, (f"{len(uncompiled)} modules without bytecode, first {uncompiled[:3]}: "
                             "remake the environment (rm -r .venv; make venv)")
