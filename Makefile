# Two commands matter (see README.md): `make lab` opens the course, `make test` runs every test.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: lab test install system-deps build build-check demo clean

lab: $(STAMP)  ## set everything up and open the course in JupyterLab
	$(BIN)/python -m autograder lab

test: $(STAMP) system-deps  ## set everything up and run the whole test suite
	$(BIN)/python -m pytest

# Debian packages the tests need, installed when missing: PostgreSQL (the gradebook tests start a real
# server), bubblewrap (the grading sandbox) and Chromium (the browser test drives it with Playwright).
SYSTEM_PACKAGES := postgresql:/usr/lib/postgresql/*/bin/initdb bubblewrap:/usr/bin/bwrap chromium:/usr/bin/chromium
system-deps:
	@missing=""; for pair in $(SYSTEM_PACKAGES); do \
	  pkg=$${pair%%:*}; path=$${pair#*:}; ls $$path >/dev/null 2>&1 || missing="$$missing $$pkg"; done; \
	if [ -n "$$missing" ]; then \
	  echo "Installing Debian packages for the tests:$$missing ..."; \
	  SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); \
	  $$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq $$missing >/dev/null; fi

install: $(STAMP)

$(STAMP): pyproject.toml postBuild
	$(PYTHON) -c 'import sys; assert sys.version_info >= (3, 11), "Python 3.11 or newer is needed"'
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'
	PATH="$(abspath $(BIN)):$$PATH" bash postBuild
	touch $@

demo: $(STAMP)  ## grade a synthetic class of every chapter: gradebook, feedback, report under demo/
	$(BIN)/python -m autograder demo

build: $(STAMP)  ## rebuild notebooks from their text twins, then exercises/ from solutions/
	$(BIN)/python -m autograder build

build-check: $(STAMP)  ## is everything generated up to date?
	$(BIN)/python -m autograder build --check

clean:
	rm -rf $(VENV) *.egg-info .exchange gradebook.db
