"""The editor's loop: `make devserver` rebuilds on a change, shows a refused
build's problems on every page while the last good site stays served,
recovers once the file is right, and stops cleanly; `make serve` answers a
missing page with our 404 page and refuses a production build."""

import os
import re
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request

import pytest

from conftest import ROOT, content_with, free_port

REPORT = "2021/blinken-human-rights-defenders.md"
PAGE = "2021/04/blinken-human-rights-defenders.html"


def fetch(url):
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.status, response.read().decode("utf-8")
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode("utf-8")
    except OSError:
        return None, ""


def until(condition, seconds=30):
    """Poll ``condition`` until it holds, for at most ``seconds``."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        value = condition()
        if value:
            return value
        time.sleep(0.2)
    return condition()


@pytest.fixture
def devserver(tmp_path):
    content = content_with(tmp_path)
    port = free_port()
    log = open(tmp_path / "log", "w", encoding="utf-8")
    process = subprocess.Popen(
        [sys.executable, "deploy/devserver.py", str(tmp_path / "output"), str(content), "pelicanconf.py",
         "--port", str(port), "-e", f'CACHE_PATH="{tmp_path / "cache"}"'],
        cwd=ROOT, stdout=log, stderr=subprocess.STDOUT)
    base = f"http://127.0.0.1:{port}"
    assert until(lambda: fetch(f"{base}/{PAGE}")[0] == 200), "the devserver never served the site"
    yield base, content / REPORT, process, port, tmp_path / "log"
    if process.poll() is None:
        process.kill()
    log.close()


def test_the_search_index_follows_the_preview(devserver):
    """The pages first, unindexed; then the site again with its index."""
    base = devserver[0]
    indexed = until(lambda: re.search(r'data-shards="([^"]+)"', fetch(f"{base}/search.html")[1]), seconds=60)
    assert indexed, "the devserver never indexed search"
    first = indexed.group(1).split()[0]
    assert fetch(f"{base}/pagefind/{first}/pagefind-entry.json")[0] == 200


def test_a_saved_report_is_on_screen_before_the_whole_site_is_built_again(devserver):
    base, report, _, _, log = devserver
    assert until(lambda: "Search indexed" in log.read_text(encoding="utf-8"), seconds=60), "the first build ends"
    report.write_text(report.read_text(encoding="utf-8").replace("held a videoconference", "held a video meeting"),
                      encoding="utf-8")
    assert until(lambda: "held a video meeting" in fetch(f"{base}/{PAGE}")[1])
    assert until(lambda: re.search(rf"{re.escape(PAGE)} on screen in [\d.]+ s; building the rest\n.*\] Built in",
                                   log.read_text(encoding="utf-8"), re.S), seconds=60), log.read_text()


def test_a_broken_report_is_shown_then_its_fix_served_then_the_server_stops(devserver):
    base, report, process, port, log = devserver
    text = report.read_text(encoding="utf-8")
    report.write_text(text.replace("[“Had an inspiring", "“Had an inspiring"), encoding="utf-8")
    status, page = until(lambda: (lambda r: r if "Build refused" in r[1] else None)(fetch(f"{base}/{PAGE}")))
    assert status == 200 and "blinken-human-rights-defenders.md:24:" in page
    assert "inspiring meeting" in page, "the last good report stays served under the problems"
    assert 'http-equiv="refresh"' in page

    report.write_text(text.replace("held a videoconference", "held a video call"), encoding="utf-8")
    # The fix served, the problems gone.
    assert until(lambda: (lambda page: "held a video call" in page and "Build refused" not in page)(
        fetch(f"{base}/{PAGE}")[1]))

    process.send_signal(signal.SIGTERM)
    assert process.wait(timeout=10) == 0
    with socket.socket() as s:
        # Free again for the next server (which, like any, reuses the address).
        s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        s.bind(("127.0.0.1", port))
    assert os.path.getsize(log) < 20_000


def test_make_serve_answers_a_missing_page_with_our_404_page(dev_site):
    port = free_port()
    server = subprocess.Popen([sys.executable, "deploy/serve.py", str(dev_site.path), "--port", str(port)],
                              cwd=ROOT, stdout=subprocess.DEVNULL)
    try:
        status, page = until(lambda: (lambda r: r if r[0] else None)(fetch(f"http://127.0.0.1:{port}/no/such/page.html")))
        assert status == 404 and "<h1>Page not found</h1>" in page
        assert 'href="/index.html"' in page, "its links work from any depth"
    finally:
        server.terminate()
        server.wait(timeout=10)


def test_make_serve_refuses_a_production_build_and_says_what_to_run(prod_site):
    result = subprocess.run([sys.executable, "deploy/serve.py", str(prod_site.path), "--port", str(free_port())],
                            cwd=ROOT, capture_output=True, encoding="utf-8", timeout=30)
    assert result.returncode != 0 and "make serve-production" in result.stderr


def test_a_port_in_use_gets_one_line_naming_it(tmp_path):
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        result = subprocess.run([sys.executable, "deploy/serve.py", str(tmp_path), "--port", str(port)],
                                cwd=ROOT, capture_output=True, encoding="utf-8", timeout=30)
    assert result.returncode != 0
    assert result.stderr.strip() == f"Port {port} is in use (another server?): stop it, or pick another: make serve PORT={port + 1}"
