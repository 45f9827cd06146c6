# Hamandishi: `make run` serves the app, `make test` runs every test. Both set up first.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
PIP := $(VENV)/bin/pip
export FLASK_APP := workshop:create_app
# Tools the app calls by name (pybabel in `flask translate compile`) come from the venv.
export PATH := $(CURDIR)/$(VENV)/bin:$(PATH)

.PHONY: setup setup-prod run serve test test-sqlite test-postgres lint bench assets translations migrate clean

$(VENV)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PIP) install -q --upgrade pip
	$(PIP) install -q -e '.[dev]'
	touch $@

static/vendor/.installed: package.json package-lock.json
	npm ci --no-audit --no-fund --silent
	mkdir -p static/vendor/socket.io static/vendor/vazirmatn
	cp node_modules/socket.io-client/dist/socket.io.min.js static/vendor/socket.io/
	cp node_modules/socket.io-client/LICENSE static/vendor/socket.io/ 2>/dev/null || true
	cp node_modules/vazirmatn/fonts/webfonts/Vazirmatn\[wght\].woff2 static/vendor/vazirmatn/Vazirmatn.woff2
	cp node_modules/vazirmatn/OFL.txt static/vendor/vazirmatn/
	touch $@

assets: static/vendor/.installed

translations: $(VENV)/.installed
	$(VENV)/bin/flask translate compile

setup: $(VENV)/.installed assets translations

migrate: setup
	$(VENV)/bin/flask db upgrade
	$(VENV)/bin/flask bootstrap

run: migrate
	$(PY) run.py

# Production: only the `prod` extra (run.py's gevent stack, PostgreSQL and Redis clients),
# settings from the environment (HAMANDISHI_CONFIG=production, SECRET_KEY, DATABASE_URL, PORT,
# NODE_ID, …; docs/deployment.md). Migrate once per release first: .venv/bin/flask db upgrade
$(VENV)/.installed-prod: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PIP) install -q --upgrade pip
	$(PIP) install -q -e '.[prod]'
	touch $@

setup-prod: $(VENV)/.installed-prod assets
	$(VENV)/bin/flask translate compile

serve: setup-prod
	exec $(PY) run.py

# Every test on SQLite, then all but the browser tests on a throwaway PostgreSQL (or on
# TEST_DATABASE_URL). Extra pytest arguments: make test ARGS="-k stage".
test: setup
	$(PY) tests/run_all.py $(ARGS)

test-sqlite: setup
	$(PY) tests/run_all.py --only sqlite $(ARGS)

test-postgres: setup
	$(PY) tests/run_all.py --only postgres $(ARGS)

lint: $(VENV)/.installed
	$(VENV)/bin/ruff check .

bench: setup
	$(PY) bench/run_all.py

clean:
	rm -rf $(VENV) node_modules static/vendor instance/*.sqlite3*
