# The portal's two front-door commands: `make run` and `make test`.
# Both set up a fresh Debian/Ubuntu machine with Python 3.11: missing system packages
# (scripts/system-packages.txt) are installed when the user is root or has password-less
# sudo, and otherwise named with the exact apt-get line to install them.

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
	EMAIL_URL=smtp+tls://portal:secret@mail.invalid:587 \
	SIGNATURE_VERIFIER=applications.signing.NcaNodeVerifier \
	NCANODE_URL=http://ncanode.invalid:14579 \
	AUDIT_HMAC_KEY="$$($(PY) -c 'import secrets; print(secrets.token_urlsafe(48))')"

.PHONY: help run test check-system check-system-test venv venv-test lock messages compilemessages \
	catalogues deploy-check compose-check bench rules clean

help:
	@echo "make run    - install into .venv, migrate, seed the demo, serve on http://$(HOST):$(PORT)"
	@echo "make test   - install test extras and run every check and the whole test suite"
	@echo "make lock   - re-resolve requirements/*.txt from pyproject.toml (LOCK_ARGS=--upgrade to upgrade)"
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

# The locked, hash-checked sets of requirements/ (make lock refreshes them from pyproject.toml).
$(VENV)/.installed: requirements/base.txt | $(PY)
	$(PIP) install -qq --require-hashes --no-deps -r requirements/base.txt
	@touch $@

$(VENV)/.installed-test: requirements/test.txt | $(PY)
	$(PIP) install -qq --require-hashes --no-deps -r requirements/test.txt
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
	$(VENV)/bin/lint-imports --no-cache
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/mypy
	@if command -v docker-compose >/dev/null 2>&1; then \
		echo "docker-compose config -q"; docker-compose config -q; \
	else echo "docker-compose not installed: compose file check skipped"; fi
	@mkdir -p $(ARTIFACTS)
	@export DATABASE_URL="$${DATABASE_URL:-$(TEST_DATABASE_URL)}" CELERY_BROKER_URL="$${CELERY_BROKER_URL:-$(TEST_BROKER_URL)}"; \
		$(PY) scripts/require_services.py && $(PY) -m pytest $(PYTEST_ARGS)

# Re-resolve the locks from pyproject.toml (newest versions its ranges allow), with hashes.
# The test set is resolved first; the runtime set is held to the same versions.
PIP_COMPILE_ARGS = -q --generate-hashes --strip-extras --allow-unsafe --no-emit-index-url --no-emit-find-links
lock: $(PY)
	$(PIP) install -qq "pip-tools>=7.4"
	$(VENV)/bin/pip-compile $(PIP_COMPILE_ARGS) $(LOCK_ARGS) --extra test -o requirements/test.txt pyproject.toml
	$(VENV)/bin/pip-compile $(PIP_COMPILE_ARGS) -c requirements/test.txt -o requirements/base.txt pyproject.toml

messages: venv
	$(MANAGE) makemessages -l kk -l ru -l en --no-obsolete --ignore=.venv --ignore=var --ignore=test-artifacts
	scripts/check_catalogues.sh || true

# Benchmarks (docs/benchmarks.md), in their own database: seed it at scale (200,000
# applications, 2,000 sessions, 10,000 projects, 1,000,000 load readings; kept for the
# next run, BENCH_SEED=--reset seeds again), measure the busiest pages with gunicorn +
# wrk against a bare view's ceiling, the staff exports of the largest lists (the central body's
# 14,000 projects, XLSX and CSV, under 10 s), then the §31 annual report at 1,000 projects.
BENCH_DATABASE_URL ?= postgres://postgres@127.0.0.1:5432/portal_bench
BENCH_SCALE ?= 1
BENCH_SEED ?= --reuse
BENCH_WEB_ARGS ?=
BENCH_EXPORTS_ARGS ?=
bench: venv-test compilemessages
	@PYTHON=$(PYTHON) scripts/check_system.sh bench
	@export DATABASE_URL="$(BENCH_DATABASE_URL)" CELERY_BROKER_URL="$${CELERY_BROKER_URL:-$(TEST_BROKER_URL)}"; \
		$(PY) scripts/ensure_database.py && $(PY) scripts/require_services.py && \
		$(MANAGE) migrate --noinput -v 0 && \
		$(PY) bench/seed.py --scale $(BENCH_SCALE) $(BENCH_SEED) && \
		$(PY) bench/web.py $(BENCH_WEB_ARGS) && \
		$(PY) bench/exports.py $(BENCH_EXPORTS_ARGS) && \
		$(PY) bench/annual_report.py

rules:
	$(PYTHON) scripts/rules_coverage.py

clean:
	rm -rf $(VENV) $(ARTIFACTS) var/static
