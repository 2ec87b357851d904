#!/usr/bin/env bash
# Installs the Debian 12 packages that build and test the book.
# Run as root (or with sudo). Safe to run again.
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
  # `make bench`: the article's own Python as the pipeline's baseline
  python3-matplotlib
  # the built book in a real browser (playwright-core drives Debian's
  # Chromium; npm packages come from tests/browser/package-lock.json)
  chromium linkchecker
)
# Node.js for the browser tests, unless the machine has one already.
if ! command -v node >/dev/null || ! command -v npm >/dev/null; then
  packages+=(nodejs npm)
fi

if [ "$(id -u)" -ne 0 ]; then
  SUDO=sudo
else
  SUDO=
fi
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq --no-install-recommends "${packages[@]}"
