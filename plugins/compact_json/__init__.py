"""JSON-LD as compact as JSON allows.

Jinja's ``tojson`` writes ``", "`` and ``": "`` between items and escapes
every non-ASCII character as ``\\uXXXX``: on an article with its quotations
that is hundreds of bytes of nothing. This sets Jinja's JSON policy to the
shortest separators and UTF-8 text. ``tojson`` still escapes ``<``, ``>``,
``&`` and ``'``, so no value can end the script element.
"""

from pelican import signals


def compact(generator):
    generator.env.policies["json.dumps_kwargs"] = {
        "sort_keys": True,
        "ensure_ascii": False,
        "separators": (",", ":"),
    }


def register():
    # Each generator makes its own Jinja environment, before it renders.
    signals.generator_init.connect(compact)
