# ktpwatch developer targets. Every target is idempotent.
VENV   ?= .venv
PY     := $(VENV)/bin/python
STAMP  := $(VENV)/.installed-stamp
PYTEST_ARGS ?=

.PHONY: install demo test lint lock bench clean system-deps

install: $(STAMP) system-deps

$(STAMP): pyproject.toml
	@test -x $(PY) || python3 -m venv $(VENV)
	@$(PY) -m pip install -q --disable-pip-version-check --upgrade pip
	@$(PY) -m pip install -q --disable-pip-version-check -e ".[dev]"
	@touch $(STAMP)
	@echo "installed ktpwatch and its dev tools into $(VENV)/"

system-deps:
	@bash scripts/system-deps.sh

demo: install
	$(VENV)/bin/ktpwatch demo

test: install
	$(VENV)/bin/pytest $(PYTEST_ARGS)

lint: install
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check . || true
	$(VENV)/bin/mypy
	@$(VENV)/bin/pip-audit --progress-spinner off --strict --no-deps --disable-pip -r requirements.lock; status=$$?; \
	if [ $$status -ne 0 ]; then \
	  echo "lint: pip-audit of requirements.lock FAILED (exit $$status): a vulnerable pin, or PyPI's vulnerability database unreachable; not a pass"; \
	  exit $$status; fi

lock:
	$(VENV)/bin/pip freeze --exclude-editable > requirements.lock

bench: install
	$(PY) -m bench

clean:
	rm -rf $(VENV) ktpwatch-demo .pytest_cache .mypy_cache .ruff_cache
