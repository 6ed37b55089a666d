"""Publishing where static sites live, against the real thing on loopback:
an OpenSSH server with a key made for the test (rsync releases, atomic
switch, a killed upload, rollback, nginx serving `current` throughout),
ghp-import into a bare git repository, and an S3-compatible server (moto's,
from PyPI)."""

import datetime
import os
import shutil
import signal
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from conftest import BROTLI, NGINX_INSTALL, ROOT, configured, free_port, need, started

SSH_INSTALL = "apt-get install openssh-server openssh-client rsync"


@pytest.fixture(scope="module")
def sshd(tmp_path_factory):
    """An sshd on 127.0.0.1 that lets this user in with a key made here;
    yields the environment `make rsync_upload` needs to reach it."""
    need(all(shutil.which(t) for t in ("/usr/sbin/sshd", "ssh", "ssh-keygen", "rsync")),
         f"OpenSSH or rsync is not installed; {SSH_INSTALL}")
    folder = tmp_path_factory.mktemp("sshd")
    for key in ("host", "user"):
        subprocess.run(["ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-f", str(folder / key)], check=True)
    shutil.copy(folder / "user.pub", folder / "authorized_keys")
    port, user = free_port(), os.environ.get("USER") or subprocess.check_output(["id", "-un"], encoding="utf-8").strip()
    (folder / "sshd_config").write_text(
        f"Port {port}\nListenAddress 127.0.0.1\nHostKey {folder / 'host'}\nPidFile {folder / 'sshd.pid'}\n"
        f"AuthorizedKeysFile {folder / 'authorized_keys'}\nPasswordAuthentication no\n"
        "KbdInteractiveAuthentication no\nUsePAM no\nStrictModes no\nPermitRootLogin prohibit-password\n"
        f"AllowUsers {user}\n")
    (folder / "known_hosts").write_text(f"[127.0.0.1]:{port} {(folder / 'host.pub').read_text()}")
    Path("/run/sshd").mkdir(exist_ok=True)  # sshd's privilege separation folder
    server = subprocess.Popen(["/usr/sbin/sshd", "-D", "-e", "-f", str(folder / "sshd_config")],
                              stderr=subprocess.PIPE)
    options = (f"-i {folder / 'user'} -o IdentitiesOnly=yes -o UserKnownHostsFile={folder / 'known_hosts'} "
               "-o StrictHostKeyChecking=yes")
    env = {"SSH_HOST": "127.0.0.1", "SSH_PORT": str(port), "SSH_USER": user, "SSH_OPTS": options}
    started(server, lambda: subprocess.run(["ssh", "-p", str(port), "-o", "BatchMode=yes", *options.split(),
                                            f"{user}@127.0.0.1", "true"], capture_output=True).returncode == 0, "sshd")
    yield env
    server.terminate()
    server.wait(timeout=10)


def own_cache(folder):
    """The make argument giving a publish a cache in ``folder``: tests run
    side by side and never share the checkout's cache/."""
    return f'PELICANOPTS=-e CACHE_PATH="{folder / "cache"}"'


def release(command, env, *args, target, **extra):
    return subprocess.run(
        [sys.executable, "deploy/release.py", command, *args, env["SSH_HOST"], env["SSH_PORT"],
         env["SSH_USER"], str(target)], cwd=ROOT, capture_output=True, encoding="utf-8",
        env={**os.environ, "SSH_OPTS": env["SSH_OPTS"], **extra})


def site_of(prod_site, tmp_path, name, marker):
    """A copy of the test run's production build, with a file that says
    which one it is (each release as a publish makes it, built once)."""
    output = tmp_path / name
    shutil.copytree(prod_site.path, output)
    (output / "release.txt").write_text(marker)
    return output


@pytest.fixture
def nginx_current(tmp_path):
    """nginx (our deploy/nginx.conf) serving TARGET/current, as documented."""
    need(shutil.which("nginx") is not None and BROTLI.exists(), f"nginx is not installed; {NGINX_INSTALL}")
    target, port = tmp_path / "srv", free_port()
    target.mkdir()
    (tmp_path / "nginx").mkdir()
    config = configured(tmp_path / "nginx", target / "current", port)
    server = subprocess.Popen(["nginx", "-p", str(tmp_path / "nginx"), "-c", str(config)], stderr=subprocess.PIPE)
    yield target, f"http://127.0.0.1:{port}"
    server.terminate()
    server.wait(timeout=10)


def served(base, path="/release.txt"):
    try:
        with urllib.request.urlopen(base + path, timeout=5) as response:
            return response.read().decode()
    except OSError as error:
        return f"error: {error}"


def test_make_rsync_upload_publishes_a_release_and_switches_current(sshd, tmp_path):
    target = tmp_path / "srv"
    result = subprocess.run(["make", "rsync_upload", f"OUTPUTDIR={tmp_path / 'output'}", own_cache(tmp_path),
                             f"SSH_TARGET_DIR={target}", *(f"{k}={v}" for k, v in sshd.items())],
                            cwd=ROOT, capture_output=True, encoding="utf-8")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "make rollback" in result.stdout
    assert (target / "current").is_symlink()
    assert (target / "current" / "index.html").is_file()
    assert (target / "current" / "2021/04/blinken-human-rights-defenders.html").is_file()


def test_releases_share_unchanged_files_switch_atomically_and_roll_back(sshd, prod_site, tmp_path, nginx_current):
    target, base = nginx_current
    first, second = site_of(prod_site, tmp_path, "first", "first"), site_of(prod_site, tmp_path, "second", "second")

    assert release("upload", sshd, str(first), target=target).returncode == 0
    assert served(base) == "first" and "Rights Desk" in served(base, "/")
    time.sleep(1.1)  # release names are to the second
    assert release("upload", sshd, str(second), target=target).returncode == 0
    assert served(base) == "second"
    releases = sorted((target / "releases").iterdir())
    assert len(releases) == 2
    unchanged = "2021/04/blinken-human-rights-defenders.html"
    assert (releases[0] / unchanged).stat().st_ino == (releases[1] / unchanged).stat().st_ino, "hard-linked"

    # An upload killed half-way: the live release stays, whole.
    third = site_of(prod_site, tmp_path, "third", "third")
    (third / "big.bin").write_bytes(os.urandom(2_000_000))
    time.sleep(1.1)
    slow = subprocess.Popen(
        [sys.executable, "deploy/release.py", "upload", str(third), sshd["SSH_HOST"], sshd["SSH_PORT"],
         sshd["SSH_USER"], str(target)], cwd=ROOT, start_new_session=True,
        env={**os.environ, "SSH_OPTS": sshd["SSH_OPTS"], "RSYNC_OPTS": "--bwlimit=200"})
    deadline = time.monotonic() + 20
    while not list((target / "releases").glob("*.partial")) and time.monotonic() < deadline:
        assert served(base) == "second"
        time.sleep(0.05)
    os.killpg(slow.pid, signal.SIGKILL)
    slow.wait()
    assert served(base) == "second" and "Rights Desk" in served(base, "/")
    assert os.readlink(target / "current") == f"releases/{releases[1].name}"

    # Roll back to the first; the leftover partial is gone with the next upload.
    result = release("rollback", sshd, target=target)
    assert result.returncode == 0 and "Rolled back" in result.stdout
    assert served(base) == "first"
    time.sleep(1.1)
    assert release("upload", sshd, str(second), target=target).returncode == 0
    assert not list((target / "releases").glob("*.partial"))


def test_only_the_newest_releases_are_kept(sshd, prod_site, tmp_path):
    site, target = site_of(prod_site, tmp_path, "site", "x"), tmp_path / "srv"
    for _ in range(3):  # in one second or over several: each a release of its own
        assert release("upload", sshd, str(site), "--keep", "2", target=target).returncode == 0
    assert len(list((target / "releases").iterdir())) == 2
    # Keeping none would delete the live release: refused before anything is done.
    live = os.readlink(target / "current")
    refused = release("upload", sshd, str(site), "--keep", "0", target=target)
    assert refused.returncode != 0 and "keep 1 release or more" in refused.stderr
    assert os.readlink(target / "current") == live and (target / "current" / "index.html").is_file()


def test_two_uploads_to_one_target_take_turns(sshd, prod_site, tmp_path):
    """Started together, each upload is whole: the live site is all of one
    build, and the release each reports is the one it made."""
    first, second = site_of(prod_site, tmp_path, "first", "first"), site_of(prod_site, tmp_path, "second", "second")
    (second / "only-in-second.txt").write_text("second")
    target = tmp_path / "srv"
    command = [sys.executable, "deploy/release.py", "upload"]
    where = [sshd["SSH_HOST"], sshd["SSH_PORT"], sshd["SSH_USER"], str(target)]
    environment = {**os.environ, "SSH_OPTS": sshd["SSH_OPTS"]}
    runs = [subprocess.Popen([*command, str(site), *where], cwd=ROOT, stdout=subprocess.PIPE,
                             stderr=subprocess.PIPE, encoding="utf-8", env=environment) for site in (first, second)]
    results = [run.communicate(timeout=120) for run in runs]
    assert [run.returncode for run in runs] == [0, 0], results
    releases = sorted((target / "releases").iterdir())
    assert len(releases) == 2 and not [r for r in releases if r.name.endswith(".partial")]
    for release_folder in releases:
        marker = (release_folder / "release.txt").read_text()
        source = first if marker == "first" else second
        made = {p.relative_to(source) for p in source.rglob("*") if p.is_file()}
        assert {p.relative_to(release_folder) for p in release_folder.rglob("*") if p.is_file()} == made
    live = (target / "current" / "release.txt").read_text()
    said = [out for out, _ in results if f"Published release {os.readlink(target / 'current').split('/')[-1]}" in out]
    assert len(said) == 1 and (live == "first") == (said[0] == results[0][0])


def test_github_pages_branch_holds_exactly_the_site(tmp_path):
    need(shutil.which("git") is not None, "git is not installed; apt-get install git")
    bare, repo = tmp_path / "pages.git", tmp_path / "repo"
    subprocess.run(["git", "init", "-q", "--bare", str(bare)], check=True)
    subprocess.run(["git", "init", "-q", str(repo)], check=True)
    subprocess.run(["git", "-C", str(repo), "remote", "add", "origin", str(bare)], check=True)
    output = tmp_path / "output"
    env = {**os.environ, "SITEURL": "https://user.github.io/rights-desk", "GIT_AUTHOR_NAME": "Desk",
           "GIT_AUTHOR_EMAIL": "desk@example.org", "GIT_COMMITTER_NAME": "Desk",
           "GIT_COMMITTER_EMAIL": "desk@example.org"}
    result = subprocess.run(["make", "github", f"OUTPUTDIR={output}", own_cache(tmp_path), f"GITHUB_REPO={repo}",
                             "GITHUB_CNAME=news.example.org"], cwd=ROOT, capture_output=True, encoding="utf-8", env=env)
    assert result.returncode == 0, result.stdout + result.stderr
    files = subprocess.run(["git", "--git-dir", str(bare), "ls-tree", "-r", "--name-only", "gh-pages"],
                           capture_output=True, encoding="utf-8", check=True).stdout.split()
    built = sorted(p.relative_to(output).as_posix() for p in output.rglob("*") if p.is_file())
    assert sorted(files) == sorted([*built, ".nojekyll", "CNAME"])
    cname = subprocess.run(["git", "--git-dir", str(bare), "show", "gh-pages:CNAME"], capture_output=True, encoding="utf-8")
    assert cname.stdout.strip() == "news.example.org"
    index = (output / "index.html").read_text(encoding="utf-8")
    assert 'href="https://user.github.io/rights-desk/' in index, "every link under the project's sub-path"


@pytest.fixture
def s3(tmp_path):
    """moto's S3-compatible server on 127.0.0.1 (moto[server], from the
    test lock), with an empty bucket; yields the environment to reach it."""
    import boto3

    port = free_port()
    server = subprocess.Popen([str(Path(sys.executable).parent / "moto_server"), "-H", "127.0.0.1", "-p", str(port)],
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    env = {"S3_ENDPOINT_URL": f"http://127.0.0.1:{port}", "AWS_ACCESS_KEY_ID": "test",
           "AWS_SECRET_ACCESS_KEY": "test", "AWS_DEFAULT_REGION": "us-east-1"}
    client = boto3.client("s3", endpoint_url=env["S3_ENDPOINT_URL"], aws_access_key_id="test",
                          aws_secret_access_key="test", region_name="us-east-1")
    for _ in range(100):
        try:
            client.create_bucket(Bucket="site")
            break
        except Exception:
            time.sleep(0.1)
    yield client, env
    server.terminate()
    server.wait(timeout=10)


def test_s3_upload_sends_types_encodings_and_lifetimes_then_deletes_what_is_gone(s3, tmp_path):
    import gzip

    client, env = s3
    client.put_object(Bucket="site", Key="old/gone.html", Body=b"from an older site")
    output = tmp_path / "output"
    result = subprocess.run(["make", "s3_upload", f"OUTPUTDIR={output}", own_cache(tmp_path), "S3_BUCKET=site"],
                            cwd=ROOT, capture_output=True, encoding="utf-8", env={**os.environ, **env})
    assert result.returncode == 0, result.stdout + result.stderr
    keys = {o["Key"] for o in client.list_objects_v2(Bucket="site")["Contents"]}
    built = {p.relative_to(output).as_posix() for p in output.rglob("*") if p.is_file() and p.suffix not in (".gz", ".br")}
    assert keys == built, "exactly the site: no .gz/.br files, nothing stale"

    page = client.get_object(Bucket="site", Key="index.html")
    assert page["ContentType"] == "text/html; charset=utf-8" and page["ContentEncoding"] == "gzip"
    assert page["CacheControl"] == "no-cache"
    assert gzip.decompress(page["Body"].read()) == (output / "index.html").read_bytes()
    feed = client.head_object(Bucket="site", Key="feeds/all.atom.xml")
    assert feed["ContentType"] == "application/atom+xml; charset=utf-8"
    [card] = [k for k in keys if k.startswith("images/share/")][:1]
    assert "immutable" in client.head_object(Bucket="site", Key=card)["CacheControl"]

    again = subprocess.run([sys.executable, "deploy/s3_upload.py", str(output), "site"],
                           cwd=ROOT, capture_output=True, encoding="utf-8", env={**os.environ, **env})
    assert "0 sent" in again.stdout, "unchanged files are not sent again"


def test_s3_upload_fails_naming_each_object_the_bucket_would_not_delete(tmp_path, monkeypatch):
    """delete_objects answers 200 and lists what it could not delete in
    Errors: those must fail the upload, not pass as deleted."""
    sys.path.insert(0, str(ROOT / "deploy"))
    import s3_upload

    class Bucket:
        def get_paginator(self, name):
            return type("Pages", (), {"paginate": lambda self, **_: [{"Contents": [
                {"Key": "old.html", "ETag": '"x"'}, {"Key": "gone.html", "ETag": '"y"'}]}]})()

        def put_object(self, **_):
            return {"ETag": '"lock"'}

        def delete_object(self, **_):  # the lock, released
            pass

        def delete_objects(self, **_):
            return {"Deleted": [{"Key": "gone.html"}],
                    "Errors": [{"Key": "old.html", "Code": "AccessDenied", "Message": "Access Denied"}]}

    monkeypatch.setattr(s3_upload.boto3, "client", lambda *a, **k: Bucket())
    (tmp_path / "index.html").write_text("<p>new</p>")
    with pytest.raises(SystemExit, match=r"1 of 2 objects .* could not be deleted(.|\n)*old.html: AccessDenied"):
        s3_upload.upload(tmp_path, "site")


def test_s3_upload_sends_what_pages_show_then_pages_then_listings_then_feeds_and_deletes_last(
        prod_site, monkeypatch):
    """At every moment of an upload, no link leads nowhere: a report's photo
    is there before the report, the report before the listings and feeds
    that link to it; stale objects go last."""
    sys.path.insert(0, str(ROOT / "deploy"))
    import s3_upload

    calls = []

    class Bucket:
        def get_paginator(self, name):
            return type("Pages", (), {"paginate": lambda self, **_: [{"Contents": [
                {"Key": "old/gone.html", "ETag": '"x"'}]}]})()

        def put_object(self, Key, **_):
            calls.append(("put", Key))
            return {"ETag": '"lock"'}

        def delete_object(self, Key, **_):
            calls.append(("release", Key))

        def delete_objects(self, Delete, **_):
            calls.extend(("delete", o["Key"]) for o in Delete["Objects"])
            return {}

    monkeypatch.setattr(s3_upload.boto3, "client", lambda *a, **k: Bucket())
    s3_upload.upload(prod_site.path, "site")
    assert calls[0] == ("put", ".deploy-lock") and calls[-1] == ("release", ".deploy-lock")
    sent = [key for verb, key in calls[1:-1] if verb == "put"]
    assert calls[-2] == ("delete", "old/gone.html")
    reports = [n for n in prod_site.reports()]
    first_report = min(sent.index(n) for n in reports)
    assert all(sent.index(k) < first_report for k in sent if k.startswith(("photos/", "images/")))
    listings = ["index.html", "archives.html",
                *[k for k in sent if k.startswith(("category/", "tag/", "people/")) and k.endswith(".html")]]
    assert max(sent.index(n) for n in reports) < min(sent.index(k) for k in listings)
    assert max(sent.index(k) for k in listings) < min(sent.index(k) for k in ("feeds/all.atom.xml", "sitemap.xml"))
    # The quotations' data links to reports and people's pages: it goes with the feeds.
    data = [k for k in sent if k.endswith((".jsonl", ".csv")) or (k.startswith("people/") and k.endswith(".json"))]
    assert data and min(sent.index(k) for k in data) > max(sent.index(k) for k in listings)


def test_s3_uploads_to_one_bucket_take_turns(s3, tmp_path, monkeypatch):
    client, env = s3
    (tmp_path / "index.html").write_text("<p>new</p>")
    command = [sys.executable, "deploy/s3_upload.py", str(tmp_path), "site"]
    client.put_object(Bucket="site", Key=".deploy-lock", Body=b"another upload")
    waiting = subprocess.Popen(command, cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, encoding="utf-8",
                               env={**os.environ, **env})
    time.sleep(3)
    assert waiting.poll() is None, "it waits while the bucket is locked"
    assert "index.html" not in {o["Key"] for o in client.list_objects_v2(Bucket="site")["Contents"]}
    client.delete_object(Bucket="site", Key=".deploy-lock")
    out, err = waiting.communicate(timeout=60)
    assert waiting.returncode == 0 and "waiting for it to finish" in err, out + err
    keys = {o["Key"] for o in client.list_objects_v2(Bucket="site")["Contents"]}
    assert keys == {"index.html"}, "sent, and its lock released"
    # A lock an upload killed long ago left is taken over.
    client.put_object(Bucket="site", Key=".deploy-lock", Body=b"a killed upload")
    sys.path.insert(0, str(ROOT / "deploy"))
    import s3_upload

    for name, value in env.items():
        monkeypatch.setenv(name, value)
    monkeypatch.setattr(s3_upload, "STALE", datetime.timedelta(0))
    s3_upload.upload(tmp_path, "site")
    assert {o["Key"] for o in client.list_objects_v2(Bucket="site")["Contents"]} == {"index.html"}


def test_s3_cache_lifetimes_are_nginxs():
    sys.path.insert(0, str(ROOT / "deploy"))
    import s3_upload

    config = (ROOT / "deploy" / "nginx.conf").read_text(encoding="utf-8")
    for key, expected in [("photos/a-1-480.webp", "public, max-age=31536000, immutable"),
                          ("page/3.html", "public, max-age=86400, stale-while-revalidate=604800"),
                          ("category/courts/page/12.html", "public, max-age=86400, stale-while-revalidate=604800"),
                          ("pagefind/2025/fragment/zh_0a1b2c3.pf_fragment", "public, max-age=31536000, immutable"),
                          ("pagefind/2025/pagefind-entry.json", "no-cache"), ("search.html", "no-cache"),
                          ("index.html", "no-cache"), ("2021/04/page.html", "no-cache")]:
        assert s3_upload.cache_control(key) == expected, key
        assert f'"{expected}"' in config


@pytest.mark.parametrize("target, variable", [("rollback", "SSH_TARGET_DIR"), ("rollback", "SSH_USER"),
                                              ("clean", "OUTPUTDIR")])
def test_a_make_variable_reaches_its_recipe_as_a_value_never_as_shell(tmp_path, target, variable):
    ran = tmp_path / "ran"
    # BASEDIR elsewhere: `make clean` empties BASEDIR/cache, which builds of
    # other tests running beside this one may be using.
    subprocess.run(["make", target, f"{variable}=/srv/x`touch {ran}`$(touch {ran})y", "SSH_HOST=127.0.0.1",
                    f"BASEDIR={tmp_path}", f"CONFFILE={ROOT / 'pelicanconf.py'}",
                    "SSH_PORT=9", "SSH_OPTS=-o ConnectTimeout=2"], cwd=ROOT, capture_output=True, timeout=120)
    assert not ran.exists(), f"make {target} ran what {variable} held"


def test_s3_upload_sends_what_the_bucket_lacks_before_what_changed(tmp_path, monkeypatch):
    """A new speaker page goes up before the changed report that links to
    it: nothing links to a new object until a changed page does."""
    sys.path.insert(0, str(ROOT / "deploy"))
    import s3_upload

    for name, text in {"2025/report.html": '<article class="report">changed</article>',
                       "people/new-speaker.html": "<p>new</p>", "index.html": "<p>changed</p>"}.items():
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text(text)
    calls = []

    class Bucket:
        def get_paginator(self, name):
            return type("Pages", (), {"paginate": lambda self, **_: [{"Contents": [
                {"Key": "2025/report.html", "ETag": '"old"'}, {"Key": "index.html", "ETag": '"old"'}]}]})()

        def put_object(self, Key, **_):
            calls.append(Key)
            return {"ETag": '"lock"'}

        def delete_object(self, **_):
            pass

        def delete_objects(self, **_):
            return {}

    monkeypatch.setattr(s3_upload.boto3, "client", lambda *a, **k: Bucket())
    s3_upload.upload(tmp_path, "site")
    assert [k for k in calls if k != ".deploy-lock"] == ["people/new-speaker.html", "2025/report.html", "index.html"]


def test_an_s3_lock_beats_while_held_and_an_upload_whose_lock_was_taken_stops_and_leaves_it(s3, tmp_path,
                                                                                           monkeypatch):
    client, env = s3
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    sys.path.insert(0, str(ROOT / "deploy"))
    import s3_upload

    monkeypatch.setattr(s3_upload, "BEAT", datetime.timedelta(seconds=0.2))
    lock = s3_upload.Lock(client, "site")
    lock.acquire()
    first = client.get_object(Bucket="site", Key=".deploy-lock")["ETag"]
    time.sleep(1)
    assert client.get_object(Bucket="site", Key=".deploy-lock")["ETag"] != first, "the lock is written again"
    lock.check()
    # Another upload takes the lock over (it thought this one left behind).
    client.put_object(Bucket="site", Key=".deploy-lock", Body=b"another upload")
    time.sleep(1)
    with pytest.raises(SystemExit, match="another upload took over"):
        lock.check()
    lock.release()
    assert client.get_object(Bucket="site", Key=".deploy-lock")["Body"].read() == b"another upload"
