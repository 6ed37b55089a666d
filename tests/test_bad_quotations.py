"""A quotation the build cannot attribute stops the build, naming the file,
the line and what to write instead; output/ is left as it was."""

import pytest

from conftest import build, content_with

CASES = {
    "quote-without-speaker.md": "has no speaker",
    "quote-unclosed.md": "does not close",
    "quote-unknown-speaker.md": "names speaker 'Blinken', who is not in the Speakers field",
    "quote-unmarked.md": "an opening quotation mark without markup at '“We will.” and left.'",
    "blockquote-without-speaker.md": "has no speaker",
    "speakers-malformed.md": "is not 'Name | role | other names | kind'",
}


@pytest.mark.parametrize("name, problem", CASES.items())
def test_bad_quotation_fails_the_build_naming_the_file(tmp_path, name, problem):
    output = tmp_path / "output"
    output.mkdir()
    (output / "index.html").write_text("the site as it was")

    result = build(output, content=content_with(tmp_path, name))

    log = result.stdout + result.stderr
    assert result.returncode != 0
    assert f"{name}:{6 if 'speakers' in name else 8}: " in log.replace("\n", "")
    assert problem in " ".join(log.split())
    assert [p.name for p in output.iterdir()] == ["index.html"]
    assert (output / "index.html").read_text() == "the site as it was"
