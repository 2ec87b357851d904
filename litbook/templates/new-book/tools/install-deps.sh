#!/usr/bin/env bash
# Installs the Debian 12 packages this book needs (as root, or with sudo).
set -euo pipefail
packages=(g++ cmake make libfmt-dev gnuplot-nox python3 python3-sphinx
  python3-babel furo libjs-mathjax node-normalize.css gettext texlive-xetex
  texlive-fonts-recommended texlive-latex-extra latexmk fonts-noto-cjk
  poppler-utils)
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "ok installed" \
    || missing+=("$p")
done
[ ${#missing[@]} -eq 0 ] && exit 0
if [ "$(id -u)" -eq 0 ]; then SUDO=; elif command -v sudo >/dev/null; then
  SUDO=sudo; else
  echo "install-deps: installing ${missing[*]} needs root: run" \
       "'apt-get install ${missing[*]}' as root" >&2; exit 1; fi
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}"
