# relu-book: the two commands of README.md, and the stages in between.
#
#   make book     install the Debian packages, then build the book (= deps docs)
#   make test     build the library, its tests and the examples; run every test
#                 (unit, PyTorch cross-check, outputs, fault injection,
#                 reproducibility, and the built book in a browser)
#
#   make docs     the book: HTML and PDF, Korean and English
#   make html | pdf | epub | chapters | figures | examples | approve | update-po
#   make deps     install the Debian packages the book needs that are missing
#                 (as root or with sudo; says so if neither is at hand)
#   make serve    the live preview at http://127.0.0.1:${PORT:-8000}/ (LANG=en:
#                 the English book): rebuilds what a saved file needs and
#                 reloads the page; Ctrl-C stops it
#
# Everything goes to $(BUILD) (default: build/); `make clean` removes it.
BUILD ?= build
MAKEFLAGS += --no-print-directory
JOBS ?= $(shell nproc 2>/dev/null || echo 2)
CMAKE_FLAGS ?=
CMAKE_BUILD = cmake --build $(BUILD) -j $(JOBS)

.PHONY: book deps configure all docs html pdf epub chapters figures examples \
        approve update-po gate test test-fast test-sanitize clean serve

book: deps
	$(MAKE) docs

deps:
	bash tools/install-deps.sh

$(BUILD)/CMakeCache.txt:
	cmake -S . -B $(BUILD) -DCMAKE_BUILD_TYPE=Release $(CMAKE_FLAGS)

configure: $(BUILD)/CMakeCache.txt

all: configure
	$(CMAKE_BUILD)

docs html pdf epub chapters figures examples approve update-po gate: configure
	$(CMAKE_BUILD) --target $@

test: configure
	$(CMAKE_BUILD)
	ctest --test-dir $(BUILD) --output-on-failure -j $(JOBS)

# Without the slow pipeline and whole-book tests.
test-fast: configure
	$(CMAKE_BUILD)
	ctest --test-dir $(BUILD) --output-on-failure -j $(JOBS) -LE "^(pipeline|book)$$"

# The library's tests and every example under ASan and UBSan (without the
# examples' precompiled headers: each example is compiled once there, so
# they would only add work).
test-sanitize:
	$(MAKE) BUILD=$(BUILD)-sanitize CMAKE_FLAGS="$(CMAKE_FLAGS) -DRELU_BOOK_SANITIZE=ON -DLITBOOK_PCH=OFF" test-fast

clean:
	rm -rf $(BUILD)

# LANG only when given on make's command line (the environment's LANG is
# the locale).
serve: configure
	litbook/bin/litbook serve --build $(BUILD) \
	  $(if $(filter command line,$(origin LANG)),--lang $(LANG))

# Benchmarks (not part of test or docs: timings are not deterministic).
.PHONY: bench
bench: configure
	$(CMAKE_BUILD) --target bench
