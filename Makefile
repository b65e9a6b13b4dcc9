# Two entry points for a fresh clone: `make booklet` and `make test`.
# `make serve` starts the local web page (booklet serve) after the same setup.
# All first set up everything: system libraries (as root, with apt-get),
# then a virtual environment in .venv with the package and its test tools.

PYTHON ?= python3
VENV := .venv
READY := $(VENV)/.ready
# chromium: the web page's browser tests (Playwright drives it; no browser is ever downloaded).
SYSTEM_PACKAGES := libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz0b libharfbuzz-subset0 chromium

.PHONY: booklet test layout-sweep serve setup system messages clean

booklet: $(READY)
	$(VENV)/bin/booklet build

test: $(READY)
	$(VENV)/bin/pytest

# Every career and translation on every paper in every format through the layout check (about 15 minutes
# on two cores; the suite itself lays each out once, in rotation).
layout-sweep: $(READY)
	BOOKLET_FULL_SWEEP=1 $(VENV)/bin/pytest tests/test_layout_catalog.py

# The local web page on http://127.0.0.1:8000/ (HOST=0.0.0.0 needs a token: TOKEN=... or BOOKLET_TOKEN).
HOST ?= 127.0.0.1
PORT ?= 8000
serve: $(READY)
	$(VENV)/bin/booklet serve --host $(HOST) --port $(PORT) $(if $(WATCH),--watch) $(if $(TOKEN),--token $(TOKEN))

setup: $(READY)

$(READY): pyproject.toml Makefile
	$(MAKE) --no-print-directory system
	$(PYTHON) -m venv $(VENV)
	$(VENV)/bin/pip install --quiet --disable-pip-version-check -e '.[dev]'
	touch $(READY)

# WeasyPrint needs Pango; HarfBuzz's subsetter makes font embedding about
# twice as fast and byte-stable. Install what is missing when we can.
system:
	@missing=$$(for p in $(SYSTEM_PACKAGES); do dpkg-query -W -f='$${Status}\n' $$p 2>/dev/null | grep -q 'install ok installed' || echo $$p; done); \
	if [ -z "$$missing" ]; then echo "System libraries present."; \
	elif [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
		echo "Installing system libraries: $$missing"; \
		apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$missing >/dev/null; \
	else \
		echo "Missing system libraries: $$missing"; \
		echo "Install them with: sudo apt-get install $$missing"; \
		command -v dpkg-query >/dev/null && exit 1 || true; \
	fi

# After changing interface text: refresh the message template and every language's catalog
# (tests/test_languages.py fails while they are out of date), then translate what is new.
messages: $(READY)
	$(VENV)/bin/pybabel extract -F babel.cfg -k _ -k n_:1,2 --no-location --sort-output --omit-header \
		-o booklet/locale/booklet.pot .
	$(VENV)/bin/pybabel update -i booklet/locale/booklet.pot -d booklet/locale -D booklet \
		--no-fuzzy-matching --ignore-obsolete --ignore-pot-creation-date

clean:
	rm -rf $(VENV) output/*.pdf .pytest_cache
