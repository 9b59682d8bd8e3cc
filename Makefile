# Webstrella customer register. `make run` serves the site, `make test` runs the checks.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-stamp
MUTATION_STAMP := $(VENV)/.mutation-stamp
DEV := DEBUG=1
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: install messages run test lint bench load mutation clean

install: $(STAMP)

$(STAMP): pyproject.toml
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "Python 3.11 or newer is needed (found " + sys.version.split()[0] + ")")'
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet ".[test]"
	$(MAKE) --no-print-directory messages
	touch $(STAMP)

# Compiles locale/*/LC_MESSAGES/django.po with Babel, so GNU gettext is not needed.
messages:
	$(BIN)/pybabel compile --directory locale --domain django --statistics

run: install
	$(DEV) $(BIN)/python manage.py migrate --noinput
	$(DEV) $(BIN)/python manage.py seed_demo
	$(DEV) $(BIN)/python manage.py create_demo_admin
	$(DEV) $(BIN)/python manage.py recover_jobs
	@# The task runner's worker runs beside the development server and stops with it.
	$(DEV) $(BIN)/python manage.py db_worker --no-reload & worker=$$!; \
	trap 'kill $$worker 2>/dev/null; wait $$worker 2>/dev/null' EXIT INT TERM; \
	$(DEV) $(BIN)/python manage.py runserver $(HOST):$(PORT)

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/lint-imports
	DJANGO_SETTINGS_MODULE=tests.settings $(BIN)/python manage.py makemigrations --check --dry-run

test: lint
	$(BIN)/pytest

# Every benchmark from nothing on the local PostgreSQL (BENCH_DATABASE_URL), the figures
# kept in docs/benchmarks.md. `make bench SIZES=small` for a quick run; BENCH_FLAGS=--keep
# keeps the generated databases, --reuse measures those that exist.
SIZES ?= small large
BENCH_FLAGS ?=
bench: install
	$(BIN)/python bench/run_all.py --sizes $(SIZES) $(BENCH_FLAGS)

# Mutation testing of the core rules, module by module (docs/testing.md). Minutes per
# module, so it is not part of `make test`; `make mutation MUTATE="vat deadlines"` runs some.
MUTATE ?=
$(MUTATION_STAMP): $(STAMP)
	$(BIN)/python -m pip install --quiet ".[test,mutation]"
	touch $(MUTATION_STAMP)

mutation: $(MUTATION_STAMP)
	$(BIN)/python tools/mutation_report.py $(MUTATE)

clean:
	rm -rf $(VENV) var/db.sqlite3* staticfiles .pytest_cache test-artifacts mutants

# Load test against gunicorn on loopback (production settings, fresh database).
DURATION ?= 20
CLIENTS ?= 32
load: install
	$(BIN)/python bench/load_public_pages.py --duration $(DURATION) --clients $(CLIENTS)
