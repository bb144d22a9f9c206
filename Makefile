# The two commands in the README: `make run` (set up and start the app) and `make test`.
PY := .venv/bin/python
APT_TEST_PACKAGES := chromium qpdf poppler-utils postgresql

.PHONY: run test setup setup-test validate bench

.venv/.installed: requirements.txt
	python3 -m venv .venv
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -r requirements.txt
	touch $@

.venv/.installed-dev: .venv/.installed requirements-dev.txt
	$(PY) -m pip install --quiet -r requirements-dev.txt
	touch $@

setup: .venv/.installed

# Debian packages the tests drive: a real browser, PDF checkers and a PostgreSQL server.
setup-test: .venv/.installed-dev
	@missing=""; for p in $(APT_TEST_PACKAGES); do dpkg -s $$p >/dev/null 2>&1 || missing="$$missing $$p"; done; \
	if [ -n "$$missing" ]; then \
	  echo "Installing Debian packages:$$missing"; \
	  SUDO=""; [ "$$(id -u)" = 0 ] || SUDO=sudo; \
	  $$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq --no-install-recommends $$missing >/dev/null; \
	fi

run: setup
	$(PY) -m streamlit run app.py

validate: setup
	$(PY) -m assessment validate

# A PostgreSQL that did not start fails the run: its storage tests must never be skipped quietly.
test: setup-test
	@url="$$(bash .ci/start-postgres | tail -n 1)"; \
	case "$$url" in postgresql*) ;; *) echo "PostgreSQL did not start (see above)" >&2; exit 1;; esac; \
	GROUPUP_TEST_POSTGRES_URL="$$url" $(PY) -m pytest

bench: setup-test
	$(PY) benchmarks/run.py
