"""Serve a built site on this machine, as a static server would.

    python deploy/serve.py FOLDER [--bind 127.0.0.1] [--port 8000]

A missing address gets the site's own 404 page, with status 404. A
production build (its pages carry absolute links to the production host) is
refused: it would send every click to the real site; run `make html`, or
`make serve-production`, which builds the production site for this address.

`deploy/devserver.py` uses `SiteServer` too: while the last build was
refused, every page it serves starts with the problems, and reloads itself
every two seconds until a build succeeds.
"""

import argparse
import errno
import functools
import html
import http.server
import os
import re
import sys
import threading

RELOAD = 2  # seconds between reloads of a page while the build is refused


def panel(problems):
    """The problems, as a panel at the top of a page (no script: a meta
    refresh brings the page back once the build is good)."""
    items = "".join(f"<li><code>{html.escape(p)}</code></li>" for p in problems)
    return (f'<aside class="corrections" role="alert" aria-labelledby="build-problems" lang="en">'
            f'<h2 id="build-problems">Build refused: {len(problems)} problem{"s" * (len(problems) != 1)}</h2>'
            f"<ol>{items}</ol><p>Below is the last good build. This page reloads every {RELOAD} seconds "
            "until the next build succeeds.</p></aside>")


def standalone(problems):
    return (f'<!doctype html><html lang="en"><head><meta charset="utf-8">'
            f'<meta http-equiv="refresh" content="{RELOAD}"><title>Build refused</title></head>'
            f"<body>{panel(problems)}</body></html>")


class SiteHandler(http.server.SimpleHTTPRequestHandler):
    """``self.server.problems``: the last build's problems, or None."""

    def log_message(self, format, *args):
        pass  # one line a rebuild, not a line a request

    def end_headers(self):
        self.send_header("Cache-Control", "no-store")
        super().end_headers()

    def do_GET(self):
        problems = getattr(self.server, "problems", None)
        path = self.translate_path(self.path)
        if os.path.isdir(path):
            path = os.path.join(path, "index.html")
        if not os.path.isfile(os.path.join(self.directory, "index.html")) and problems:
            return self.reply(503, standalone(problems))
        if problems and path.endswith(".html") and os.path.isfile(path):
            page = open(path, encoding="utf-8").read()
            page = page.replace("<head>", f'<head><meta http-equiv="refresh" content="{RELOAD}">', 1)
            page = re.sub(r"(<main[^>]*>)", lambda m: m.group(1) + panel(problems), page, count=1)
            return self.reply(200, page)
        super().do_GET()

    def send_error(self, code, message=None, explain=None):
        missing = os.path.join(self.directory, "404.html")
        if code != 404 or not os.path.isfile(missing):
            return super().send_error(code, message, explain)
        # The 404 page's links are relative to the site's root; served at
        # any depth, they must start from the root.
        page = open(missing, encoding="utf-8").read().replace('href="./', 'href="/')
        self.reply(404, page)

    def reply(self, status, text):
        body = text.encode("utf-8")
        self.send_response(status)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)


class SiteServer(http.server.ThreadingHTTPServer):
    daemon_threads = True
    problems = None


def is_production(folder):
    index = os.path.join(folder, "index.html")
    return os.path.isfile(index) and 'rel="canonical"' in open(index, encoding="utf-8").read()


def bind(folder, host, port):
    """A server for ``folder``; exits with one line when the port is taken."""
    handler = functools.partial(SiteHandler, directory=str(folder))
    try:
        return SiteServer((host, port), handler)
    except OSError as error:
        if error.errno == errno.EADDRINUSE:
            sys.exit(f"Port {port} is in use (another server?): stop it, or pick another: make serve PORT={port + 1}")
        raise


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folder")
    parser.add_argument("--bind", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=8000)
    parser.add_argument("--production", action="store_true", help="serve a production build built for this address")
    args = parser.parse_args(argv)
    if is_production(args.folder) and not args.production:
        sys.exit(f"{args.folder}/ holds the production build, whose links lead to the production "
                 "site: run `make html` to serve the development build, or `make serve-production`.")
    server = bind(args.folder, args.bind, args.port)
    print(f"Serving {args.folder}/ at http://{args.bind}:{args.port}/ (Ctrl-C stops)")
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        threading.Event().wait()
    except KeyboardInterrupt:
        pass
    finally:
        server.shutdown()
        server.server_close()


if __name__ == "__main__":
    main()
