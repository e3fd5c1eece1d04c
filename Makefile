# Suivi — the two commands a newcomer needs are `make run` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: install run serve test lint format messages demo clean worker

# The targets below run Suivi on a laptop: DEBUG on (the demo accounts, no HTTPS), unless
# the environment says otherwise. Production sets DEBUG=False (README, "Configuration").
export DEBUG ?= True

# The virtual environment is rebuilt whenever requirements.txt changes.
$(BIN)/.installed: requirements.txt
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "Suivi needs Python 3.11 or newer (set PYTHON=python3.x).")'
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -r requirements.txt
	touch $@

install: $(BIN)/.installed

demo: install
	$(BIN)/python manage.py migrate --noinput
	$(BIN)/python manage.py load_demo

# The web server and, beside it, a Celery worker with beat on the file-system broker (no
# server to install). The worker stops when the web server does.
CELERY_WORKER := $(BIN)/celery -A config worker --beat --pool=solo --without-gossip \
	--without-mingle --without-heartbeat --loglevel=INFO
WORKER_LOG := $(or $(SUIVI_VAR_DIR),var)/celery/worker.log

run: demo
	@mkdir -p $(dir $(WORKER_LOG))
	@$(CELERY_WORKER) --logfile=$(WORKER_LOG) & worker=$$!; \
	trap 'kill $$worker 2>/dev/null; wait $$worker 2>/dev/null' EXIT; \
	trap 'exit 130' INT TERM; \
	echo "Celery worker and beat started (log: $(WORKER_LOG)); emails are written to var/mail/."; \
	$(BIN)/python manage.py runserver $(HOST):$(PORT)

# A Celery worker with beat, in the foreground (`make run` starts its own).
worker: install
	$(CELERY_WORKER)

test: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/python manage.py makemigrations --check --dry-run
	$(BIN)/pytest

lint: install
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

# Regenerate the translation catalogues after changing user-facing strings.
messages: install
	$(BIN)/python manage.py makemessages --locale fr --no-location --ignore '.venv/*'
	$(BIN)/python manage.py compilemessages --ignore '.venv/*'

clean:
	rm -rf $(VENV) var .pytest_cache .ruff_cache .hypothesis

# Speed at scale (docs/performance.md): generates (bench/generate.py), or reuses, two
# PostgreSQL databases on 127.0.0.1:5432 (user postgres) with a synthetic corpus at 1/100
# and at full scale, per-State progress included, then measures the main pages on both, then
# parse speed and an import of 1,000 resolutions (BENCH_ARGS="--only parse" or "--only import"
# for one of them). BENCH_ARGS="--runs 9 --explain" for more.
.PHONY: bench
bench: install
	$(BIN)/python bench/run.py $(BENCH_ARGS)

# Backups of the PostgreSQL database named by DATABASE_URL (README.md: Backups and restore).
# `make backup` writes var/backups/suivi-<time>.dump and keeps the newest BACKUP_KEEP (14);
# `make restore ARCHIVE=…` restores one into the empty database named by DATABASE_URL.
.PHONY: backup restore
backup:
	sh deploy/backup.sh $(BACKUP_DIR)

restore:
	sh deploy/restore.sh $(ARCHIVE)

# Under load (docs/performance.md): gunicorn as in production (3 workers, DEBUG off) on the
# PostgreSQL database suivi_loadtest and the Redis cache (CACHE_URL), driven by wrk (Debian's
# package, installed here when missing) with 50 signed-in clients. LOADTEST_ARGS="--seconds 30".
.PHONY: loadtest
loadtest: install
	@command -v wrk >/dev/null || { apt-get update -qq && apt-get install -y -qq wrk; }
	$(BIN)/python bench/loadtest.py $(LOADTEST_ARGS)
