# The habits of the project, one command each. `make run` and `make test` set everything up on a fresh machine.
# manage.py and cms/wsgi.py load the PRODUCTION settings unless told otherwise: the development targets below
# ask for the development settings explicitly (DEV_SETTINGS); tests use pytest.ini's cms.settings.test.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-$(shell cat requirements.txt requirements-dev.txt | cksum | cut -d' ' -f1)
HOST ?= 127.0.0.1
PORT ?= 8000
PYTEST_ARGS ?=
DEV_SETTINGS ?= cms.settings.dev
DEV := DJANGO_SETTINGS_MODULE=$(DEV_SETTINGS)

.PHONY: install run serve migrate seed test test-browser test-postgres test-all lint format check lock bench clean

# Development and test machines install the development lock (production's pins plus the tools).
$(STAMP): requirements.txt requirements-dev.txt
	@$(PYTHON) -c 'import sys; assert sys.version_info >= (3, 11), "Python 3.11+ is needed"'
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -r requirements-dev.txt
	@rm -f $(VENV)/.installed-*
	@touch $@

install: $(STAMP)

migrate: install
	$(DEV) $(BIN)/python manage.py migrate --noinput

seed: migrate
	$(DEV) $(BIN)/python manage.py seed_demo
	$(DEV) $(BIN)/python manage.py generate_renditions
	$(DEV) $(BIN)/python manage.py create_dev_admin

## The CMS with trilingual demo content on SQLite, at http://127.0.0.1:8000 (admin at /admin/).
run: seed
	$(DEV) $(BIN)/python manage.py webhook_worker & trap 'kill $$!' EXIT INT TERM; $(DEV) $(BIN)/python manage.py runserver $(HOST):$(PORT)

## Production mode: static files collected (hashed names), then gunicorn with gunicorn.conf.py. Needs the
## production environment (SECRET_KEY, ALLOWED_HOSTS, DATABASE_URL, CACHE_URL…: README "Production").
serve: install
	$(BIN)/python manage.py collectstatic --noinput
	$(BIN)/python manage.py migrate --noinput
	HOST=$(HOST) PORT=$(PORT) $(BIN)/gunicorn --config gunicorn.conf.py

## The fast suite (SQLite); browser and PostgreSQL suites are marked and run by test-all / CI.
test: install
	$(BIN)/python -m pytest -m "not browser and not postgres" $(PYTEST_ARGS)

test-browser: install
	$(BIN)/python -m pytest -m browser $(PYTEST_ARGS)

## The whole suite again on PostgreSQL (local socket by default), including the PostgreSQL-only tests.
test-postgres: install
	@if [ -z "$$POSTGRES_URL" ]; then psql -lqt | cut -d'|' -f1 | grep -qw cms || createdb cms; fi
	DATABASE_URL=$${POSTGRES_URL:-postgresql:///cms} $(BIN)/python -m pytest -m "not browser" $(PYTEST_ARGS)

test-all: test test-browser test-postgres

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: install
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

check: install
	$(DEV) $(BIN)/python manage.py check
	$(DEV) $(BIN)/python manage.py makemigrations --check --dry-run

## Re-resolve the locks after editing requirements.in or requirements-dev.in (every transitive pin).
lock: install
	CUSTOM_COMPILE_COMMAND="make lock" $(BIN)/pip-compile --quiet --strip-extras --no-emit-index-url --no-emit-find-links -o requirements.txt requirements.in
	CUSTOM_COMPILE_COMMAND="make lock" $(BIN)/pip-compile --quiet --strip-extras --no-emit-index-url --no-emit-find-links -o requirements-dev.txt requirements-dev.in

clean:
	rm -rf $(VENV) db.sqlite3 media static

.PHONY: messages
## The admin's catalogs (cms/locale/{ar,ku,ckb}): gather new strings, then compile. Needs gettext
## (apt-get install gettext). The compiled .mo files are committed, so `make run` needs no gettext;
## tests/admin/test_admin_language.py fails when a .mo differs from its .po or a string lacks a translation.
messages: install
	$(BIN)/python manage.py makemessages -l ar -l ku -l ckb --no-location --no-obsolete \
		--ignore "tests/*" --ignore "bench/*" --ignore "static/*" --ignore "media/*"
	$(BIN)/python manage.py compilemessages --ignore ".venv"

## Delivery benchmark against Wagtail's API v2/v3 under gunicorn + wrk; writes bench/results/<date>.md.
## BENCH_ARGS=--quick for CI (300 items, SQLite, short runs).
BENCH_ARGS ?=
bench: install
	$(BIN)/python bench/run.py $(BENCH_ARGS)
