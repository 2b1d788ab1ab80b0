# backup-guardrails: every target sets up what it needs; nothing is installed by hand.
PYTHON ?= python3
VENV   := .venv
PY     := $(VENV)/bin/python
STAMP  := $(VENV)/.installed

.PHONY: demo test lint unit e2e bench fuzz clean test-lowest release-check

$(STAMP): requirements-dev.txt component/pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check -r requirements-dev.txt
	$(PY) -m pip install --quiet --disable-pip-version-check --no-deps --no-build-isolation -e ./component
	touch $(STAMP)

lint: $(STAMP)
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

unit: $(STAMP)
	$(PY) -m pytest -m "not e2e"

test: lint $(STAMP) test-lowest
	$(PY) -m pytest

# The component's tests at the lowest versions its pyproject.toml accepts (a second, small venv, rebuilt
# when the pins or the declared ranges change); `pip check` proves the ranges admit those floors.
LOWEST       := .cache/lowest-venv
LOWEST_STAMP := $(LOWEST)/.installed

$(LOWEST_STAMP): requirements-lowest.txt component/pyproject.toml
	rm -rf $(LOWEST)
	$(PYTHON) -m venv $(LOWEST)
	$(LOWEST)/bin/python -m pip install --quiet --disable-pip-version-check -r requirements-lowest.txt
	$(LOWEST)/bin/python -m pip install --quiet --disable-pip-version-check --no-deps --no-build-isolation -e ./component
	$(LOWEST)/bin/python -m pip check
	touch $@

test-lowest: $(LOWEST_STAMP)
	$(LOWEST)/bin/python -m pytest -p no:cacheprovider -q tests/test_component_*.py

# Before tagging a release: tag (TAG=v1.2.3, default the tag at HEAD), package, schema, pack and changelog
# versions must all agree (scripts/release_check.py).
release-check: $(STAMP)
	$(PY) scripts/release_check.py $(if $(TAG),--tag $(TAG))

demo: $(STAMP)
	$(PY) scripts/demo.py

bench: $(STAMP)
	$(PY) bench/run.py

fuzz: $(STAMP)
	HYPOTHESIS_PROFILE=long $(PY) -m pytest tests/test_property_oracle.py

clean:
	rm -rf $(VENV) .pulumi-state .cache
