# The two commands a newcomer needs: `make run` and `make test` (see README.md).
PYTHON ?= python3
VENV ?= .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed-$(shell cat requirements.txt requirements-dev.txt | cksum | cut -d' ' -f1)

.PHONY: install run test lint format migrate clean bench-report bench bench-uploads messages

$(STAMP): requirements.txt requirements-dev.txt
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check -r requirements-dev.txt
	rm -f $(VENV)/.installed-* && touch $@

install: $(STAMP)

## Local server on http://127.0.0.1:8000 with the official record (SQLite unless DATABASE_URL is set),
## and a background worker beside it (Ctrl-C stops both).
run: install
	$(PY) manage.py migrate --noinput
	$(PY) manage.py load_reference_data
	$(PY) manage.py create_local_admin
	$(PY) scripts/run_local.py --port 8000

## The whole suite on PostgreSQL (starts or installs the machine's server when none answers).
test: install
	@scripts/ensure-tools.sh
	@url="$$(scripts/ensure-postgres.sh)" && \
	DATABASE_URL="$$url" DJANGO_SETTINGS_MODULE=snimh.settings.test \
	$(PY) -m pytest $(PYTEST_ARGS)

## Time and memory of the annual report (2020 and a synthetic 500-agreement year), on PostgreSQL.
bench-report: install
	@scripts/ensure-tools.sh
	@url="$$(scripts/ensure-postgres.sh)" && \
	export DATABASE_URL="$$url" DJANGO_SETTINGS_MODULE=snimh.settings.production \
	       SECRET_KEY="$$($(PY) -c 'import secrets; print(secrets.token_urlsafe(64))')" \
	       ALLOWED_HOSTS=127.0.0.1 SECURE_SSL_REDIRECT=false && \
	$(PY) manage.py migrate --noinput -v0 && \
	$(PY) manage.py bench_report

## Time and memory of refusing hostile uploads (lying ZIP directory, oversized ZIP, 300,000-row import).
bench-uploads: install
	DJANGO_SETTINGS_MODULE=snimh.settings.local $(PY) manage.py bench_uploads

## Load benchmark: gunicorn (production settings) on PostgreSQL with the synthetic 20-year record
## (database snimh_bench, generated once); per-endpoint req/s and p50/p95/p99 (docs/performance.md).
bench: install
	@url="$$(scripts/ensure-postgres.sh)" && DATABASE_URL="$$url" $(PY) scripts/bench.py $(BENCH_ARGS)

lint: install
	$(VENV)/bin/ruff check .
	DJANGO_SETTINGS_MODULE=snimh.settings.local $(PY) manage.py makemigrations --check --dry-run

## Compile the Spanish catalogue of third-party texts (locale/es_MX) after editing its .po.
messages:
	msgfmt --check-format -o locale/es_MX/LC_MESSAGES/django.mo locale/es_MX/LC_MESSAGES/django.po

format: install
	$(VENV)/bin/ruff check --fix .

clean:
	rm -rf var .pytest_cache
