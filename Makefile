# Semaine de l'industrie — the two commands: `make run` and `make test`.
SHELL := /bin/bash
VENV ?= .venv
PY := $(VENV)/bin/python
PYTHON ?= $(shell command -v python3.12 2>/dev/null || command -v python3.13 2>/dev/null || command -v python3 2>/dev/null)
HOST ?= 127.0.0.1
PORT ?= 8000
DEMO_EVENTS ?= 300

.PHONY: run test lint format venv migrate demo messages clean

$(VENV)/.installed: pyproject.toml
	@$(PYTHON) -c 'import sys; v = sys.version_info; sys.exit(0 if v >= (3, 12) else "Python >= 3.12 est requis, trouvé " + sys.version.split()[0] + " (" + sys.executable + ")")'
	@test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e ".[dev]"
	@touch $@

venv: $(VENV)/.installed

# Compiled catalogues (.mo) are build products: made from locale/*.po on every run.
messages: venv
	@if [ -d locale ]; then $(PY) manage.py compilemessages --ignore=.venv >/dev/null; fi

migrate: venv messages
	$(PY) manage.py migrate --noinput

# Demo data only once per database: the command refuses to run twice unless forced.
demo: migrate
	$(PY) manage.py seed_demo --events $(DEMO_EVENTS) --seed 2025 --if-empty

run: demo
	$(PY) manage.py runserver $(HOST):$(PORT)

test: venv messages
	$(PY) -m pytest -n auto -q

lint: venv
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

format: venv
	$(VENV)/bin/ruff check --fix .
	$(VENV)/bin/ruff format .

clean:
	rm -rf $(VENV) staticfiles db.sqlite3
