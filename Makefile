# Two commands on a fresh Debian machine with Swift: `make demo` and `make test`.
# Everything else here is a step of those two.

VENV       := .venv
PYTHON     := $(VENV)/bin/python
JUPYTER    := $(VENV)/bin/jupyter
BIN        := .build/release/swift-rnn-kernel
NOTEBOOKS  := $(sort $(wildcard notebooks/*.ipynb))
# the quick ones: the language tour and the shape walkthrough (the course experiments train for minutes)
DEMO_NOTEBOOKS := notebooks/00-language-tour.ipynb notebooks/01-lstm-shapes.ipynb
OUT        := out

.PHONY: demo notebooks test setup build kernelspec test-swift test-python browser-test screenshots fuzz bench bench-rnn uninstall clean

## demo: set up, build, install the kernelspec, run the tour and the shape walkthrough headlessly
## and print their outputs
demo: kernelspec
	@mkdir -p $(OUT)
	@for notebook in $(DEMO_NOTEBOOKS); do \
	    echo "== $$notebook"; \
	    $(JUPYTER) nbconvert --to notebook --execute --ExecutePreprocessor.kernel_name=swift-rnn \
	        --output-dir $(OUT) "$$notebook" --log-level WARN || exit 1; \
	    $(PYTHON) tools/print_notebook.py "$(OUT)/$$(basename $$notebook)"; \
	done

## notebooks: re-run every notebook in place with its default (full-size) parameters, refreshing
## the outputs committed with it (the course experiments take minutes)
notebooks: kernelspec
	@for notebook in $(NOTEBOOKS); do \
	    echo "== $$notebook"; \
	    start=$$(date +%s); $(BIN) execute "$$notebook" --inplace --timeout 1800 || exit 1; \
	    echo "   $$(( $$(date +%s) - start )) s"; \
	done

## test: set up, build, install the kernelspec, then every test (Swift unit tests, Python end-to-end,
## fuzz, the notebooks in JupyterLab under headless Chromium)
test: kernelspec test-swift test-python

setup:
	@bash tools/setup.sh

build: setup
	swift build -c release --static-swift-stdlib

## kernelspec: install the freshly built kernel into the venv, where the Jupyter tools look first
kernelspec: build
	@$(BIN) install --prefix $(abspath $(VENV)) >/dev/null

test-swift: setup
	swift test

# SWIFT_RNN_REQUIRE_BROWSER=1: setup installed Chromium, so the browser test must run, not skip.
test-python: kernelspec
	SWIFT_RNN_REQUIRE_BROWSER=1 $(VENV)/bin/pytest -q tests

## browser-test: JupyterLab on loopback, headless Chromium runs every cell (screenshots in out/screenshots)
browser-test: kernelspec
	SWIFT_RNN_REQUIRE_BROWSER=1 $(VENV)/bin/pytest -q tests/test_browser.py

## screenshots: the browser test, writing its screenshots to docs/screenshots (the README's pictures)
screenshots: kernelspec
	SWIFT_RNN_REQUIRE_BROWSER=1 BROWSER_SCREENSHOT_DIR=docs/screenshots $(VENV)/bin/pytest -q tests/test_browser.py

fuzz: kernelspec
	$(VENV)/bin/pytest -q tests/test_fuzz.py

## bench: start-up, execute round trip and idle memory against ipykernel (a report, not a test)
bench: kernelspec
	$(PYTHON) bench/kernel_bench.py

## bench-rnn: LSTM/GRU forward at the issue's shapes, GFLOP/s beside the sgemm ceiling, and PyTorch
## side by side when BENCH_PYTHON can import torch (e.g. make bench-rnn BENCH_PYTHON=/path/venv/bin/python)
BENCH_PYTHON ?= python3
bench-rnn:
	swift build -c release --product rnn-bench
	$(BENCH_PYTHON) bench/rnn_bench.py --binary .build/release/rnn-bench

uninstall:
	-$(JUPYTER) kernelspec remove -f swift-rnn

clean:
	rm -rf .build $(OUT)
