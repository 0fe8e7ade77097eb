# The two commands of the README: `make run` and `make test`. Both set everything up first.
PYTHON ?= python3.11
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-stamp

.PHONY: install run test lint schema bench-asag calibrate clean onnx

$(STAMP): pyproject.toml constraints.txt
	@command -v $(PYTHON) >/dev/null || { echo "needs $(PYTHON)"; exit 1; }
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -c constraints.txt -e '.[dev]'
	$(BIN)/python -m bot.scoring.onnx_backend
	touch $(STAMP)

install: $(STAMP)

run: install
	$(BIN)/mockint-api serve

test: install
	bash scripts/ensure-chromium.sh
	$(BIN)/ruff check .
	$(BIN)/mockint rubric validate
	bash scripts/with-postgres.sh $(BIN)/python -m pytest

# The default backend's model files, exported from the packaged weights into .cache/onnx/ (the
# install does it; this target exports again after the export folder was removed).
onnx: install
	$(BIN)/python -m bot.scoring.onnx_backend

lint: install
	$(BIN)/ruff check .

schema: install
	$(BIN)/mockint rubric schema --write

calibrate: install
	$(BIN)/mockint rubric calibrate

bench-asag: install
	$(BIN)/mockint bench asag --data ../shared/bench/asag/mohler_dev.jsonl

clean:
	rm -rf $(VENV) .cache .pytest_cache
