"""Build times and page weight, ours against Pelican's default theme.

    python bench/run.py [--sizes 1 100 1000] [--repeat 3] [--scale N ...] [--json FILE]

For each corpus size N it writes N synthetic articles made from our report
(varied titles, dates, sections and tags, quotations marked up as ours are)
into a temporary folder, then, alternating the two so that neither gets a
warmer machine, builds it again and again:

- ours: our theme and pelicanconf.py (the development build), content cache
  cold (a fresh cache folder each time);
- default: Pelican's notmyidea theme with a minimal configuration
  (bench/default_settings.py), no plugins.

With ``--scale 10000 100000`` (not in CI) it adds one development build
each, ours and the default theme's, at those sizes: time, ms per report,
peak memory, files and bytes written.

It also times ours from a warm content cache after one article is edited
(what `make devserver` does on each save), and the production build
(publishconf.py: share images, sitemap, .gz and .br files) from a cold and a
warm share-image cache. It measures the article page of a one-article
production build, bytes per request and compressed, and Pelican's default
theme's for comparison; and, where `npx lighthouse@12.2.3` and Chromium are
installed, its Lighthouse mobile performance score.

Prints one table, and writes the figures as JSON (default
bench/results/latest.json).
"""

import argparse
import datetime
import gzip
import json
import os
import platform
import random
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import brotli

ROOT = Path(__file__).resolve().parent.parent
ARTICLE = ROOT / "content" / "2021" / "blinken-human-rights-defenders.md"
SECTIONS = ["Human rights", "Diplomacy", "China", "Sanctions", "Olympics", "Civil society"]
TAGS = ["Antony Blinken", "State Department", "China", "Xinjiang", "Human rights defenders",
        "Beijing 2022", "Magnitsky Act", "Political prisoners", "Russia", "Egypt", "Yemen", "Uighurs"]
TITLES = ["{} meets human rights defenders", "{} hears activists from eight countries",
          "Rights defenders brief {}", "{} pledges support for civil society",
          "Lawyers urge {} to act on Xinjiang"]
NAMES = ["Blinken", "Washington", "the State Department", "the Secretary", "U.S. officials"]


def corpus(folder, count):
    """``count`` articles in ``folder``/content, plus our pages."""
    header, body = ARTICLE.read_text(encoding="utf-8").split("\n\n", 1)
    fields = dict(line.split(": ", 1) for line in header.splitlines() if not line.startswith(" "))
    speakers = re.search(r"^Speakers:.*?(?=^\S)", header, re.MULTILINE | re.DOTALL).group(0)
    rng = random.Random(count)
    content = folder / "content"
    shutil.copytree(ROOT / "content" / "pages", content / "pages")
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


def run(arguments, cwd=ROOT):
    """Seconds and peak memory (MiB) of one build, which must succeed."""
    start = time.perf_counter()
    process = subprocess.Popen(arguments, cwd=cwd, stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    output = process.stdout.read()
    _, status, usage = os.wait4(process.pid, 0)
    seconds = time.perf_counter() - start
    process.returncode = os.waitstatus_to_exitcode(status)
    if process.returncode:
        sys.exit(f"build failed: {' '.join(map(str, arguments))}\n{output.decode()}")
    return seconds, usage.ru_maxrss / 1024


def pelican(content, output, settings, *extra):
    return [sys.executable, "-m", "pelican", str(content), "-o", str(output), "-s", str(settings), *extra]


def ours(content, output, cache, settings="pelicanconf.py"):
    return pelican(content, output, ROOT / settings, "-e", f'CACHE_PATH="{cache}"')


def default(content, output):
    return pelican(content, output, ROOT / "bench" / "default_settings.py")


def builds(count, repeat, work):
    content = corpus(work, count)
    times = {"ours": [], "default": []}
    memory = {"ours": 0.0, "default": 0.0}
    for round_ in range(repeat):
        for name in ("ours", "default") if round_ % 2 == 0 else ("default", "ours"):
            output = work / f"out-{name}"
            shutil.rmtree(output, ignore_errors=True)
            cache = work / f"cache-{round_}"
            command = ours(content, output, cache) if name == "ours" else default(content, output)
            seconds, peak = run(command)
            times[name].append(seconds)
            memory[name] = max(memory[name], peak)

    # Warm content cache, one article edited: what each save costs in devserver.
    cache = work / "cache-warm"
    run(ours(content, work / "out-warm", cache))
    edited = next((content / "2021").glob("*.md"))
    edited.write_text(edited.read_text(encoding="utf-8").replace("videoconference", "video call", 1), encoding="utf-8")
    os.utime(edited, (time.time() + 5, time.time() + 5))
    cached = [run(ours(content, work / "out-warm", cache))[0] for _ in range(repeat)]

    # Production: share images drawn (cold cache), then reused (warm).
    images = work / "cache-publish"
    cold, _ = run(ours(content, work / "out-publish", images, "publishconf.py"))
    shutil.rmtree(work / "out-publish")
    warm, warm_memory = run(ours(content, work / "out-publish", images, "publishconf.py"))

    median = {name: statistics.median(values) for name, values in times.items()}
    return {
        "articles": count,
        "ours_s": round(median["ours"], 3),
        "default_s": round(median["default"], 3),
        "ratio": round(median["ours"] / median["default"], 3),
        "ours_ms_per_article": round(1000 * median["ours"] / count, 2),
        "cached_rebuild_s": round(statistics.median(cached), 3),
        "cached_over_full": round(statistics.median(cached) / median["ours"], 3),
        "publish_cold_s": round(cold, 3),
        "publish_warm_s": round(warm, 3),
        "peak_mib": {"ours": round(memory["ours"], 1), "default": round(memory["default"], 1),
                     "publish": round(warm_memory, 1)},
        "runs_s": {name: [round(v, 3) for v in values] for name, values in times.items()},
    }


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
            capture_output=True, text=True, env={**os.environ, "CHROME_PATH": chromium}, timeout=300,
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
    lines = [
        "Build times (medians; seconds)",
        f"{'articles':>8} {'ours':>8} {'default':>8} {'ratio':>6} {'ms/art':>7} "
        f"{'cached':>7} {'cached/full':>11} {'publish cold':>12} {'publish warm':>12} {'peak MiB ours/default':>22}",
    ]
    for b in results["builds"]:
        lines.append(
            f"{b['articles']:>8} {b['ours_s']:>8.2f} {b['default_s']:>8.2f} {b['ratio']:>6.2f} "
            f"{b['ours_ms_per_article']:>7.1f} {b['cached_rebuild_s']:>7.2f} {b['cached_over_full']:>11.2f} "
            f"{b['publish_cold_s']:>12.2f} {b['publish_warm_s']:>12.2f} "
            f"{b['peak_mib']['ours']:>10.0f} / {b['peak_mib']['default']:<10.0f}"
        )
    lines.append("")
    lines.append("Article page (production build)")
    for name in ("ours", "default"):
        w = results["page"][name]
        lines.append(
            f"  {name:8} {w['requests']} request(s) {w['bytes_per_request']}  raw {w['raw']:,} B  "
            f"gzip {w['gzip']:,} B  brotli {w['brotli']:,} B  third-party {len(w['third_party'])}"
        )
    lines.append(f"  lighthouse (ours, mobile): {results['page']['lighthouse']}")
    return "\n".join(lines)


def scale(count, work):
    """One development build of ``count`` reports, ours and the default
    theme's, alternating: time, peak memory, files and bytes written."""
    content = corpus(work, count)
    row = {"articles": count}
    for name in ("ours", "default"):
        output = work / f"out-{name}"
        command = ours(content, output, work / "cache-scale") if name == "ours" else default(content, output)
        seconds, peak = run(command)
        files = [p for p in output.rglob("*") if p.is_file()]
        row[name] = {"s": round(seconds, 2), "peak_mib": round(peak), "files": len(files),
                     "bytes": sum(p.stat().st_size for p in files), "ms_per_article": round(1000 * seconds / count, 2)}
        shutil.rmtree(output)
    return row


def scale_table(rows):
    lines = ["", "At scale (one development build each; --scale)",
             f"{'articles':>8} {'':8} {'seconds':>8} {'ms/art':>7} {'peak MiB':>9} {'files':>8} {'MB':>8}"]
    for row in rows:
        for name in ("ours", "default"):
            r = row[name]
            lines.append(f"{row['articles']:>8} {name:8} {r['s']:>8.1f} {r['ms_per_article']:>7.2f} "
                         f"{r['peak_mib']:>9} {r['files']:>8} {r['bytes'] / 1e6:>8.1f}")
        lines.append(f"{'':>8} {'ratio':8} {row['ours']['s'] / row['default']['s']:>8.2f} {'':>7} "
                     f"{row['ours']['peak_mib'] / row['default']['peak_mib']:>9.2f}")
    return "\n".join(lines)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1, 100, 1000])
    parser.add_argument("--repeat", type=int, default=3)
    # Not in CI: 100,000 reports take a quarter of an hour a build here.
    parser.add_argument("--scale", type=int, nargs="*", default=[],
                        help="also one development build each at these sizes, e.g. --scale 10000 100000")
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
        for count in args.sizes:
            folder = work / f"n{count}"
            folder.mkdir()
            results["builds"].append(builds(count, args.repeat, folder))
            print(f"  {count} articles done", file=sys.stderr)
        results["page"] = page_weight(work)
        results["scale"] = []
        for count in args.scale:
            folder = work / f"scale{count}"
            folder.mkdir()
            results["scale"].append(scale(count, folder))
            print(f"  {count} articles at scale done", file=sys.stderr)
    print(table(results))
    if results["scale"]:
        print(scale_table(results["scale"]))
    args.json.parent.mkdir(parents=True, exist_ok=True)
    args.json.write_text(json.dumps(results, indent=2) + "\n")
    print(f"\nwritten to {args.json}")


if __name__ == "__main__":
    main()
