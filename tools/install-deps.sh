#!/usr/bin/env bash
# Installs the Debian 12 packages that build and test the book.
# Run as root, or as a user with sudo; with every package installed already
# it needs neither. Safe to run again.
set -euo pipefail

packages=(
  # C++ toolchain and libraries
  g++ cmake make libeigen3-dev libfmt-dev catch2 libbenchmark-dev
  # examples' figures
  gnuplot-nox gnuplot-data
  # the book: Doxygen, Sphinx and its extensions, MathJax, gettext
  doxygen python3 python3-sphinx python3-breathe furo
  python3-sphinx-copybutton libjs-mathjax node-normalize.css gettext
  # litbook's own unit tests
  python3-pytest
  # PDF: XeLaTeX with Noto CJK for Hangul; poppler for checks
  texlive-xetex texlive-fonts-recommended texlive-latex-extra latexmk dvisvgm
  fonts-noto-cjk poppler-utils
  # EPUB: checked with epubcheck
  epubcheck
  # cross-checking the library against PyTorch
  python3-torch python3-numpy
  # `make bench`: the article's own Python as the pipeline's baseline;
  # bench/author_loop.py: sphinx-gallery as the author's-loop anchor
  python3-matplotlib python3-sphinx-gallery
  # the built book in a real browser (playwright-core drives Debian's
  # Chromium; npm packages come from tests/browser/package-lock.json)
  chromium linkchecker
  # the kernels (and later the examples) in WebAssembly, run under node
  emscripten
)
# Node.js for the browser tests, unless the machine has one already.
if ! command -v node >/dev/null || ! command -v npm >/dev/null; then
  packages+=(nodejs npm)
fi

# Only what is missing is installed: with every package there, nothing
# needs root (an ordinary user's `make book` goes straight to the build).
missing=()
for p in "${packages[@]}"; do
  if ! dpkg-query -W -f='${Status}\n' "$p" 2>/dev/null \
       | grep -q '^install ok installed$'; then
    missing+=("$p")
  fi
done
if [ ${#missing[@]} -eq 0 ]; then
  echo "install-deps: all ${#packages[@]} Debian packages are installed"
  exit 0
fi
echo "install-deps: to install: ${missing[*]}"

if [ "$(id -u)" -eq 0 ]; then
  SUDO=(env DEBIAN_FRONTEND=noninteractive)
elif command -v sudo >/dev/null; then
  SUDO=(sudo DEBIAN_FRONTEND=noninteractive)
else
  echo "install-deps: installing Debian packages needs root, and sudo is" \
       "not installed. As root, run:" >&2
  echo "  apt-get update && apt-get install --no-install-recommends" \
       "${missing[*]}" >&2
  echo "(or run 'make deps' as root), then 'make docs' as yourself." >&2
  exit 1
fi
"${SUDO[@]}" apt-get update -qq
"${SUDO[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}"
