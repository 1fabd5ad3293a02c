# The habits of the project, one command each. `make run` and `make test` set everything up on a fresh machine.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-$(shell cksum requirements.txt | cut -d' ' -f1)
HOST ?= 127.0.0.1
PORT ?= 8000
PYTEST_ARGS ?=

.PHONY: install run serve migrate seed test test-browser test-postgres test-all lint format check bench clean

$(STAMP): requirements.txt
	@$(PYTHON) -c 'import sys; assert sys.version_info >= (3, 11), "Python 3.11+ is needed"'
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -r requirements.txt
	@rm -f $(VENV)/.installed-*
	@touch $@

install: $(STAMP)

migrate: install
	$(BIN)/python manage.py migrate --noinput

seed: migrate
	$(BIN)/python manage.py seed_demo
	$(BIN)/python manage.py generate_renditions
	$(BIN)/python manage.py create_dev_admin

## The CMS with trilingual demo content on SQLite, at http://127.0.0.1:8000 (admin at /admin/).
run: seed
	$(BIN)/python manage.py runserver $(HOST):$(PORT)

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
	$(BIN)/python manage.py check
	$(BIN)/python manage.py makemigrations --check --dry-run

clean:
	rm -rf $(VENV) db.sqlite3 media static

## Delivery benchmark against Wagtail's API v2/v3 under gunicorn + wrk; writes bench/results/<date>.md.
## BENCH_ARGS=--quick for CI (300 items, SQLite, short runs).
BENCH_ARGS ?=
bench: install
	$(BIN)/python bench/run.py $(BENCH_ARGS)
