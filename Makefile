# Every target sets itself up: a .venv with the pinned dependencies (requirements.lock).
PYTHON ?= $(shell sh scripts/pick_python.sh)
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed-$(shell cksum requirements.lock | cut -d' ' -f1)
export PYTHONPATH := $(CURDIR)
NORNE ?= ../shared/data/norne

.PHONY: setup run test test-fast bench eval fuzz model lint clean

$(STAMP): requirements.lock
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check -r requirements.lock
	rm -f $(VENV)/.installed-*
	touch $(STAMP)

setup: $(STAMP)

## The dashboard on the seed article (the store is filled from seeds/ on first start)
run: setup
	$(PY) -m streamlit run dashboard/app.py

## All tests, browser tests included (they skip with a message when Chromium is missing, except in CI)
test: setup
	$(PY) -m pytest -q

## The quick loop: no browser tests
test-fast: setup
	$(PY) -m pytest -q -m "not slow"

## Speed and memory figures (see BENCHMARKS.md)
bench: setup
	$(PY) -m bench.run
	$(PY) -m bench.archive

## Accuracy on the development set (../shared/devset), per language; writes EVALUATION.md
eval: setup
	$(PY) scripts/eval_devset.py

## 10,000 seeded hostile inputs through the CLI contract and parse_article: 0 crashes (see BENCHMARKS.md)
fuzz: setup
	nice $(PY) -m tests.fuzz --n 10000 --seed 15 --workers 2

## Train the Norwegian pipeline and the Nynorsk entity recogniser from NorNE (see training/README.md)
model: setup
	$(PY) training/convert.py $(NORNE) .build/norne
	cd training && OMP_NUM_THREADS=1 ../$(PY) -m spacy train config.cfg --output ../.build/model
	$(PY) training/package.py .build/model/model-best core/models/nb_eventdesk
	cd training && OMP_NUM_THREADS=1 ../$(PY) -m spacy train ner_nn.cfg --output ../.build/ner-nn
	$(PY) training/package.py .build/ner-nn/model-best core/models/nn_eventdesk_ner
	$(PY) training/evaluate.py core/models/nb_eventdesk .build/norne

lint: setup
	$(PY) -m ruff check core dashboard tests bench training

clean:
	rm -rf $(VENV) .build .pytest_cache
