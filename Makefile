# One entry point for people and CI. Every target creates the virtualenv it needs.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: run test lint bench clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e ".[dev]"
	touch $(STAMP)

run: $(STAMP)  ## the bot on the embedded database and the seeds (console without tokens)
	$(BIN)/briefbot run

test: $(STAMP)  ## the test suite (PostgreSQL too when BRIEFBOT_TEST_DATABASE_URL is set)
	$(BIN)/python -m pytest

lint: $(STAMP)
	$(BIN)/ruff check briefings bot tests benchmarks
	$(BIN)/ruff format --check briefings bot tests benchmarks
	$(BIN)/mypy briefings bot

bench: $(STAMP)  ## benchmarks, apart from the test run; prints a table and the JSON path
	$(BIN)/python -m benchmarks

clean:
	rm -rf $(VENV) .pytest_cache .mypy_cache .ruff_cache
