"""Each template compiled once, not once a generator and a build.

Pelican gives every generator a Jinja environment of its own, and each
compiles every template it renders: a build of one report compiled 59
templates from the theme's and plugins' files (0.55 s of its 1.3). Here
every environment keeps its compiled templates in one Jinja bytecode cache
in the build's cache folder (``CACHE_PATH``/templates), so a build
compiles each template once and a build after it none.

What the cache claims is checked: Jinja loads a template's code only where
the SHA-1 of the source it was compiled from is the template's source now
(an edited template compiles again) and for this Python (its magic
number); and the files are named after everything else that decides what
the compiled code is (Jinja's version, the environment's delimiters,
whitespace rules, autoescaping and extensions: `compiled_by`), so a
change to ``JINJA_ENVIRONMENT`` never runs code compiled under the old one.
"""

import hashlib
import os

import jinja2


def compiled_by(env):
    """What, besides a template's source, its compiled code depends on; None
    where part of it has no description that holds from run to run (a
    function deciding autoescaping): then nothing is kept between builds."""
    described = repr((
        jinja2.__version__, env.block_start_string, env.block_end_string, env.variable_start_string,
        env.variable_end_string, env.comment_start_string, env.comment_end_string, env.line_statement_prefix,
        env.line_comment_prefix, env.trim_blocks, env.lstrip_blocks, env.newline_sequence,
        env.keep_trailing_newline, env.optimized, env.autoescape, env.is_async, sorted(env.extensions),
    ))
    return None if " at 0x" in described else hashlib.sha256(described.encode()).hexdigest()[:16]


def share(generator):
    """generator_init: the generator's environment keeps its compiled
    templates in the build's cache."""
    digest = compiled_by(generator.env)
    if digest is None:
        return
    folder = os.path.join(generator.settings["CACHE_PATH"], "templates")
    os.makedirs(folder, mode=0o700, exist_ok=True)
    generator.env.bytecode_cache = jinja2.FileSystemBytecodeCache(folder, f"{digest}-%s.cache")
