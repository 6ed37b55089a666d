# Rights Desk: targets as `pelican-quickstart` names them, plus `test` and
# `bench`. Every target that needs Python makes or reuses .venv/ from the
# pinned requirements, so a machine with Python, make and git is enough.

PY ?= python3
# Python reads and writes UTF-8 whatever the machine's locale (a C or Latin-1
# locale would print an editor's Chinese as \u escapes, or fail to read it).
export PYTHONUTF8 = 1
VENV ?= .venv
PYTHON = $(VENV)/bin/python
PELICANOPTS ?=

BASEDIR = $(CURDIR)
INPUTDIR = $(BASEDIR)/content
OUTPUTDIR = $(BASEDIR)/output
CONFFILE = $(BASEDIR)/pelicanconf.py
PUBLISHCONF = $(BASEDIR)/publishconf.py

SERVER ?= 127.0.0.1
PORT ?= 8000

# Deploying (docs/publishing.md, "Deploying"): quickstart's names.
SSH_HOST ?= localhost
SSH_PORT ?= 22
SSH_USER ?= root
SSH_TARGET_DIR ?= /srv/rightsdesk
# Extra ssh options, such as -i key or -o UserKnownHostsFile=…
SSH_OPTS ?=
KEEP_RELEASES ?= 5
GITHUB_PAGES_BRANCH ?= gh-pages
GITHUB_REMOTE ?= origin
# A custom domain for GitHub Pages, written as CNAME; empty for none.
GITHUB_CNAME ?=
S3_BUCKET ?=

DEBUG ?= 0
ifeq ($(DEBUG), 1)
	PELICANOPTS += -D
endif

help:
	@echo 'Makefile for Rights Desk, a Pelican news site'
	@echo
	@echo 'Usage:'
	@echo '   make html         build the development site into output/ (SEARCH=1: with its search index)'
	@echo '   make clean        remove the generated files'
	@echo '   make regenerate   rebuild output/ whenever content changes'
	@echo '   make serve        serve output/ at http://$(SERVER):$(PORT)'
	@echo '   make devserver    regenerate and serve together'
	@echo '   make serve-production  the production build, for and at this address'
	@echo '   make publish      build the production site into output/'
	@echo '   make test         lint, build both sites and run every test'
	@echo '   make test-fast    the plugins'"'"' unit tests only, in seconds'
	@echo '   make screenshots  every report as readers see it, into screenshots/'
	@echo '   make bench        measure build times and page weight'
	@echo '   make mutate       mutation-test the rules against the fast tier'
	@echo '   make rsync_upload publish, upload as a new release over SSH, switch to it'
	@echo '   make rollback     switch the server back to the previous release'
	@echo '   make github       publish, then push output/ to the gh-pages branch'
	@echo '   make s3_upload    publish, then sync output/ to S3_BUCKET'
	@echo '   make lock         remake the hashed locks from pyproject.toml'
	@echo
	@echo 'Set DEBUG=1 for debugging output, PORT=N for another port.'

# The virtual environment, remade whenever a lock changes; every package is
# checked against the hash in the lock. pip installs uv (requirements-setup.in
# says why), uv the rest; where uv cannot (an index only pip is configured
# for), pip does, slower. Both compile what they install: uv would not, and
# every build (each devserver rebuild, each spawned worker) compiled the
# packages again, where Python may not write bytecode (PYTHONDONTWRITEBYTECODE).
PIP = $(VENV)/bin/pip install --quiet --disable-pip-version-check --require-hashes
UV = $(VENV)/bin/uv pip install --quiet --python $(PYTHON) --require-hashes --compile-bytecode
$(VENV)/.installed: requirements.txt requirements-test.txt requirements-setup.txt
	$(PY) -m venv $(VENV)
	$(PIP) -r requirements-setup.txt
	$(UV) -r requirements-test.txt || $(PIP) -r requirements-test.txt
	touch $@

# The locks, made from pyproject.toml's direct dependencies by pip-tools:
# run after changing a version there. Pins already in the locks are kept.
PIP_TOOLS = pip-tools==7.6.2
LOCK = $(VENV)-lock/bin/pip-compile --quiet --generate-hashes --allow-unsafe --strip-extras \
	--no-emit-index-url --no-emit-find-links
lock:
	$(PY) -m venv $(VENV)-lock
	$(VENV)-lock/bin/pip install --quiet --disable-pip-version-check $(PIP_TOOLS)
	$(LOCK) --output-file requirements-setup.txt requirements-setup.in
	$(LOCK) --output-file requirements.txt pyproject.toml
	$(LOCK) --extra test --output-file requirements-test.txt pyproject.toml
	$(LOCK) --extra test --extra bench --output-file requirements-bench.txt pyproject.toml

venv: $(VENV)/.installed

# The checkers the browser tests run (axe-core, vnu.jar), from the npm lock.
# Without npm those tests skip and say so (in CI they fail).
node_modules/.installed: package.json package-lock.json
	@if command -v npm >/dev/null; then \
		npm ci --no-audit --no-fund --ignore-scripts && touch $@; \
	else echo "npm not found: install Node.js to run the validator and axe tests"; fi

tools: venv node_modules/.installed

# Every value a recipe hands a command reaches it through the environment
# ("$$NAME"), never pasted into the shell's line: a value holding ` or $()
# (make rsync_upload SSH_TARGET_DIR='/srv/x`touch y`') stays a value.
export OUTPUTDIR INPUTDIR CONFFILE PUBLISHCONF PELICANOPTS SERVER PORT BASEDIR SSH_HOST SSH_PORT SSH_USER SEARCH \
	SSH_TARGET_DIR SSH_OPTS KEEP_RELEASES GITHUB_PAGES_BRANCH GITHUB_REMOTE GITHUB_CNAME GITHUB_REPO S3_BUCKET

# A build writes into a fresh folder beside output/ and replaces output/
# only when it succeeds: a failed build leaves the last good site in place.
html: venv
	$(PYTHON) deploy/build.py "$$OUTPUTDIR" "$$INPUTDIR" -s "$$CONFFILE" $$PELICANOPTS

publish: venv
	$(PYTHON) deploy/build.py "$$OUTPUTDIR" "$$INPUTDIR" -s "$$PUBLISHCONF" $$PELICANOPTS

# A new release beside the live one on the server, hard-linking what did not
# change, then `current` switched to it in one rename; the last
# KEEP_RELEASES kept (deploy/release.py). `make rollback` goes back one.
rsync_upload: publish
	$(PYTHON) deploy/release.py upload "$$OUTPUTDIR" \
		"$$SSH_HOST" "$$SSH_PORT" "$$SSH_USER" "$$SSH_TARGET_DIR" --keep "$$KEEP_RELEASES"

rollback: venv
	$(PYTHON) deploy/release.py rollback "$$SSH_HOST" "$$SSH_PORT" "$$SSH_USER" "$$SSH_TARGET_DIR"

# output/ onto the gh-pages branch of GITHUB_REPO (this checkout), with
# .nojekyll and, with GITHUB_CNAME, a CNAME; pushed to GITHUB_REMOTE. For a
# project site, build for its address: SITEURL=https://user.github.io/repo.
GITHUB_REPO ?= $(BASEDIR)
# Two publishes of one checkout take turns on its branch (flock(1), on a
# lock in its git folder).
github: publish
	cd "$$GITHUB_REPO" && flock "$$(git rev-parse --git-dir)/rightsdesk-publish.lock" \
		"$(abspath $(VENV))/bin/ghp-import" -n -p -f -m "Publish the site" \
		-b "$$GITHUB_PAGES_BRANCH" -r "$$GITHUB_REMOTE" $${GITHUB_CNAME:+-c "$$GITHUB_CNAME"} "$$OUTPUTDIR"

# output/ to an S3-compatible bucket: media types, gzip encoding, cache
# lifetimes as deploy/nginx.conf; stale objects deleted last. AWS settings
# as usual; S3_ENDPOINT_URL for another S3-compatible host.
s3_upload: publish
	$(PYTHON) deploy/s3_upload.py "$$OUTPUTDIR" "$$S3_BUCKET"

# OUTPUTDIR is checked as a build into it would be: never content/, the
# project or the home folder.
clean: venv
	$(PYTHON) deploy/build.py --clean "$$OUTPUTDIR" -s "$$CONFFILE"
	rm -rf "$$BASEDIR/output-production" "$$BASEDIR/cache"

# Rebuild on every change to content, theme, plugins or settings, each
# build in a fresh process; devserver serves too, and shows a refused
# build's problems on every page until the next good one (deploy/devserver.py).
regenerate: venv
	$(PYTHON) deploy/devserver.py "$$OUTPUTDIR" "$$INPUTDIR" "$$CONFFILE" --no-serve $$PELICANOPTS

devserver: venv
	$(PYTHON) deploy/devserver.py "$$OUTPUTDIR" "$$INPUTDIR" "$$CONFFILE" --bind "$$SERVER" --port "$$PORT" $$PELICANOPTS

# Serve output/ as a static server would, our 404 page included; a
# production build there is refused (its links lead to the real site).
serve: venv
	$(PYTHON) deploy/serve.py "$$OUTPUTDIR" --bind "$$SERVER" --port "$$PORT"

# The production build, made for this machine's address, and served.
serve-production: venv
	SITEURL="http://$$SERVER:$$PORT" $(PYTHON) deploy/build.py "$$BASEDIR/output-production" \
		"$$INPUTDIR" -s "$$PUBLISHCONF" $$PELICANOPTS
	$(PYTHON) deploy/serve.py "$$BASEDIR/output-production" --production --bind "$$SERVER" --port "$$PORT"

# Lint first (ruff, pinned; settings in pyproject.toml), then every test,
# on both cores: a file's tests on one worker (its module's fixtures, its
# servers), each worker building the sites its files need once.
test: tools
	$(PYTHON) -m ruff check .
	PROPERTY_SCALE=4 $(PYTHON) -m pytest -n 2 --dist loadfile

# The plugins' unit tests, in-process, on two cores, in 4 to 5 s: run them
# as you edit. Their temporary files go to memory where the system has it
# (/dev/shm): a file made on the disk costs 0.6 ms here, in memory 0.02 ms,
# and the tests make thousands. Compiled modules are kept between runs
# (__pycache__), even where the environment says not to write them. Each
# property test runs half its cases here, four times them in make test.
MEMORY_TMP = $(if $(wildcard /dev/shm/.),TMPDIR=/dev/shm)
test-fast: venv
	$(MEMORY_TMP) PYTHONDONTWRITEBYTECODE= PROPERTY_SCALE=0.5 $(PYTHON) -m pytest plugins -n 2 -m "not integration"

# Mutation testing of the rules about quotations, speakers, the register
# and safety against the fast tier (tests/mutation.py, mutmut from the bench
# lock): the score per module and every survivor by file and line. Minutes,
# not in CI.
mutate: venv $(VENV)/.bench
	$(MEMORY_TMP) $(PYTHON) tests/mutation.py

# Build times against Pelican's default theme and Hugo with PaperMod, and
# page weight: see bench/run.py. Hugo comes from the bench lock (not needed
# by the tests); PaperMod is cloned at its pinned commit into bench/themes/.
# SCALE="10000 100000" adds one development build each at those sizes.
SCALE ?=
$(VENV)/.bench: requirements-bench.txt $(VENV)/.installed
	$(UV) -r requirements-bench.txt || $(PIP) -r requirements-bench.txt
	touch $@

bench: tools $(VENV)/.bench
	$(PYTHON) bench/run.py $(if $(SCALE),--scale $(SCALE)) $(if $(LIMIT),--limit $(LIMIT))

# Reports at phone and desktop widths, light and dark, and as printed, into
# screenshots/ (git-ignored): ARTICLE=content/2021/x.md (several, space
# separated), else those changed since the last commit, else all.
# CORPUS=1 adds the fixture corpus.
CORPUS ?=
ARTICLE ?=
screenshots: tools
	$(PYTHON) tests/screenshots.py screenshots $(if $(CORPUS),--corpus) $(ARTICLE)

.PHONY: help venv lock tools mutate html publish rsync_upload rollback github s3_upload clean regenerate serve serve-production devserver test test-fast bench screenshots
