"""The W3C Nu HTML Checker finds no error in any page of either build, nor in
the stylesheet."""

import json
import shutil
import subprocess


from conftest import NODE_TOOLS, need

VNU = NODE_TOOLS / "vnu-jar" / "build" / "dist" / "vnu.jar"
# A run of seconds: Java's first compiler alone (the checker's answers are
# the same; half the CPU: 3.7 s against 8.4 s for the corpus's 90 pages),
# one garbage collector thread, and the larger stack that compiler's frames
# need for the schema's recursion.
JAVA = ["java", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-Xss8m"]


def vnu(*arguments):
    need(shutil.which("java") is not None,
         "Java is not installed; apt-get install default-jre-headless")
    need(VNU.is_file(), f"{VNU} is missing; run `npm ci` (make test does)")
    result = subprocess.run(
        [*JAVA, "-jar", str(VNU), "--format", "json", *arguments],
        capture_output=True, encoding="utf-8",
    )
    messages = json.loads(result.stderr)["messages"]
    return [(m.get("url", "").rsplit("/", 2)[-2:], m.get("lastLine"), m["message"])
            for m in messages if m["type"] == "error"]


def test_every_page_is_valid_html(site):
    files = [str(site.path / name) for name in site.html_files()]
    assert vnu("--errors-only", *files) == []


def test_stylesheet_is_valid_css(dev_site, tmp_path):
    # The stylesheet as the pages carry it, inlined.
    css = tmp_path / "inline.css"
    css.write_text(dev_site.page("index.html").style.string, encoding="utf-8")
    assert vnu("--css", str(css)) == []
