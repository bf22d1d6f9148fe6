# The portal's two front-door commands: `make run` and `make test`.
# Both work on a fresh Debian/Ubuntu machine with Python 3.11, without root:
# a missing system package is named with the exact apt-get line to install it.

PYTHON ?= python3.11
VENV := .venv
PY := $(VENV)/bin/python
PIP := $(PY) -m pip
MANAGE := $(PY) manage.py
HOST ?= 127.0.0.1
PORT ?= 8000
ARTIFACTS ?= test-artifacts
PYTEST_ARGS ?=
# The suite runs on the real stack; these are the local defaults when the environment sets none.
TEST_DATABASE_URL ?= postgres://postgres@127.0.0.1:5432/postgres
TEST_BROKER_URL ?= redis://127.0.0.1:6379/0

# The production environment `check --deploy` is run under (nothing is contacted).
PROD_ENV = DEBUG=false \
	SECRET_KEY="$$($(PY) -c 'import secrets; print(secrets.token_urlsafe(64))')" \
	ALLOWED_HOSTS=portal.example.kz \
	CSRF_TRUSTED_ORIGINS=https://portal.example.kz \
	PORTAL_BASE_URL=https://portal.example.kz \
	DATABASE_URL=postgres://portal:portal@db.invalid:5432/portal \
	CELERY_BROKER_URL=redis://redis.invalid:6379/0 \
	CACHE_URL=rediscache://redis.invalid:6379/1 \
	EMAIL_URL=smtp+tls://portal:secret@mail.invalid:587

.PHONY: help run test check-system check-system-test venv venv-test messages compilemessages \
	catalogues deploy-check compose-check bench rules clean

help:
	@echo "make run    - install into .venv, migrate, seed the demo, serve on http://$(HOST):$(PORT)"
	@echo "make test   - install test extras and run every check and the whole test suite"
	@echo "make messages - refresh the kk/ru/en catalogues (makemessages)"
	@echo "make bench  - seed PostgreSQL at scale and measure (see docs/benchmarks.md)"
	@echo "make rules  - regenerate docs/rules-coverage.md"

check-system:
	@PYTHON=$(PYTHON) scripts/check_system.sh run

check-system-test:
	@PYTHON=$(PYTHON) scripts/check_system.sh test

$(PY):
	$(PYTHON) -m venv $(VENV)
	$(PIP) install -qq --upgrade pip setuptools wheel

$(VENV)/.installed: pyproject.toml | $(PY)
	$(PIP) install -qq -e .
	@touch $@

$(VENV)/.installed-test: pyproject.toml | $(PY)
	$(PIP) install -qq -e ".[test]"
	@touch $@ $(VENV)/.installed

venv: $(VENV)/.installed

venv-test: $(VENV)/.installed-test

compilemessages:
	$(MANAGE) compilemessages --ignore=.venv --ignore=var --ignore=node_modules -v 0

run: check-system venv compilemessages
	$(MANAGE) migrate --noinput
	$(MANAGE) seed_demo
	$(MANAGE) make_test_pki --bin "cooperative:990540002276:«Береке» ауыл шаруашылығы кооперативі:first_head"
	$(MANAGE) runserver $(HOST):$(PORT)

test: check-system-test venv-test compilemessages
	$(MANAGE) makemigrations --check --dry-run
	env $(PROD_ENV) $(MANAGE) check --deploy --fail-level WARNING
	scripts/check_catalogues.sh --fresh
	@if command -v docker-compose >/dev/null 2>&1; then \
		echo "docker-compose config -q"; docker-compose config -q; \
	else echo "docker-compose not installed: compose file check skipped"; fi
	@mkdir -p $(ARTIFACTS)
	@export DATABASE_URL="$${DATABASE_URL:-$(TEST_DATABASE_URL)}" CELERY_BROKER_URL="$${CELERY_BROKER_URL:-$(TEST_BROKER_URL)}"; \
		$(PY) scripts/require_services.py && $(PY) -m pytest $(PYTEST_ARGS)

messages: venv
	$(MANAGE) makemessages -l kk -l ru -l en --no-obsolete --ignore=.venv --ignore=var --ignore=test-artifacts
	scripts/check_catalogues.sh || true

# Benchmarks (docs/benchmarks.md), in their own database: seed it at scale (200,000
# applications, 2,000 sessions, 10,000 projects, 1,000,000 load readings; kept for the
# next run, BENCH_SEED=--reset seeds again), measure the busiest pages with gunicorn +
# wrk against a bare view's ceiling, then the §31 annual report at 1,000 projects.
BENCH_DATABASE_URL ?= postgres://postgres@127.0.0.1:5432/portal_bench
BENCH_SCALE ?= 1
BENCH_SEED ?= --reuse
BENCH_WEB_ARGS ?=
bench: venv-test compilemessages
	@command -v wrk >/dev/null 2>&1 || { echo "wrk is missing: sudo apt-get install -y wrk"; exit 1; }
	@export DATABASE_URL="$(BENCH_DATABASE_URL)" CELERY_BROKER_URL="$${CELERY_BROKER_URL:-$(TEST_BROKER_URL)}"; \
		$(PY) scripts/ensure_database.py && $(PY) scripts/require_services.py && \
		$(MANAGE) migrate --noinput -v 0 && \
		$(PY) bench/seed.py --scale $(BENCH_SCALE) $(BENCH_SEED) && \
		$(PY) bench/web.py $(BENCH_WEB_ARGS) && \
		$(PY) bench/annual_report.py

rules:
	$(PYTHON) scripts/rules_coverage.py

clean:
	rm -rf $(VENV) $(ARTIFACTS) var/static
