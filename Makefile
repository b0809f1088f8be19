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
	  SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); log=$$(mktemp); \
	  { $$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq $$missing; } \
	    >$$log 2>&1 || { cat $$log; exit 1; }; rm -f $$log; fi

install: $(STAMP)

# Each install step prints one line; its output (pip's and setuptools' warnings included) goes to a log
# that is shown only when the step fails.
LOG := $(VENV)/install.log
quietly = $(1) >>$(LOG) 2>&1 || { echo "failed: $(1)"; cat $(LOG); exit 1; }

$(STAMP): pyproject.toml postBuild
	@$(PYTHON) -c 'import sys; assert sys.version_info >= (3, 11), "Python 3.11 or newer is needed"'
	@echo "[1/4] virtual environment in $(VENV)"; $(PYTHON) -m venv $(VENV) && : >$(LOG)
	@echo "[2/4] pip"; $(call quietly,$(BIN)/python -m pip install --upgrade pip)
	@echo "[3/4] the course's Python packages (pyproject.toml; a few minutes the first time)"; \
	  $(call quietly,$(BIN)/python -m pip install -e '.[test]')
	@echo "[4/4] JupyterLab set-up (postBuild)"; $(call quietly,PATH="$(abspath $(BIN)):$$PATH" bash postBuild)
	@touch $@

# `make demo` grades a synthetic class of every chapter; DEMO_ARGS makes it smaller, e.g.
# make demo DEMO_ARGS="--chapters 01-vectors --per-chapter 3"
demo: $(STAMP)  ## grade a synthetic class of every chapter: gradebook, feedback, report under demo/
	$(BIN)/python -m autograder demo $(DEMO_ARGS)

build: $(STAMP)  ## rebuild notebooks from their text twins, then exercises/ from solutions/
	$(BIN)/python -m autograder build

build-check: $(STAMP)  ## is everything generated up to date?
	$(BIN)/python -m autograder build --check

clean:
	rm -rf $(VENV) *.egg-info .exchange gradebook.db
