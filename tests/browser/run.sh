#!/usr/bin/env bash
# The built HTML book, read as a reader would:
#   tests/browser/run.sh [--links-only] <html-root> [<npm-dir>]
#     html-root  holds ko/ and en/
#     npm-dir    where the npm packages and these scripts are installed
#                (default: <html-root>/../npm, in the build tree: nothing is
#                written next to this script)
#
# 1. check-book.mjs in Debian's Chromium (playwright-core, axe-core; npm
#    packages installed into npm-dir from package-lock.json if missing):
#    every page, both languages, from disk and over a local HTTP server; and
#    the search.
# 2. linkchecker over both trees, served over HTTP from 127.0.0.1: every
#    page, image, download, style and script the pages link to exists (links
#    leaving the book are not followed). Over HTTP, not file://: linkchecker
#    run as root drops to "nobody", who may not read a checkout under a
#    private home directory (mode 0700); the server runs as the caller.
# --links-only: step 2 alone.
# Exits non-zero if either finds a problem.
set -uo pipefail
links_only=
if [ "${1:-}" = --links-only ]; then links_only=1; shift; fi
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="${1:?usage: run.sh [--links-only] <html-root> [<npm-dir>]}"
root="$(cd "$root" && pwd)" || exit 2
for lang in ko en; do
  [ -f "$root/$lang/index.html" ] || { echo "run.sh: no $root/$lang/index.html" >&2; exit 2; }
done
status=0
if [ -z "$links_only" ]; then
  npmdir="${2:-$root/../npm}"
  mkdir -p "$npmdir" && npmdir="$(cd "$npmdir" && pwd)" || exit 2

  # npm packages: installed once into npm-dir, exactly as locked (again when
  # the lock changes). The scripts are copied next to them: Node resolves an
  # ES module's imports from the module's own folder.
  stamp="$npmdir/node_modules/.litbook-lock.json"
  if ! cmp -s "$here/package-lock.json" "$stamp"; then
    rm -rf "$npmdir/node_modules"
    cp "$here/package.json" "$here/package-lock.json" "$npmdir/" &&
    (cd "$npmdir" && npm ci --no-audit --no-fund --loglevel=error) || {
      echo "run.sh: npm ci failed in $npmdir" >&2; exit 2; }
    cp "$here/package-lock.json" "$stamp"
  fi
  cp "$here"/*.mjs "$npmdir/" || exit 2

  start=$SECONDS
  node "$npmdir/check-book.mjs" "$root" || status=1
  echo "(browser checks: $((SECONDS - start)) s)" >&2
fi

# linkchecker: every HTML page of both trees as a start URL (pages that no
# other page links to are checked too), served by serve.py on a free port
# of 127.0.0.1 (it prints the port it took).
start=$SECONDS
srvlog="$(mktemp)"
/usr/bin/python3 "$here/serve.py" "$root" > "$srvlog" 2>&1 &
server=$!
trap 'kill "$server" 2>/dev/null; rm -f "$srvlog"' EXIT
port=
for _ in $(seq 100); do
  port="$(sed -n '1{/^[0-9][0-9]*$/p}' "$srvlog")"
  [ -n "$port" ] && break
  kill -0 "$server" 2>/dev/null || break
  sleep 0.1
done
if [ -z "$port" ]; then
  cat "$srvlog" >&2
  echo "run.sh: the HTTP server for linkchecker did not start" >&2
  exit 2
fi
mapfile -t urls < <(cd "$root" && find ko en -name '*.html' -not -path '*/_*' \
                      | sort | /usr/bin/python3 -c '
import sys, urllib.parse
for line in sys.stdin:
    print("http://127.0.0.1:" + sys.argv[1] + "/" + urllib.parse.quote(line.rstrip("\n")))
' "$port")
out="$(mktemp)"
if linkchecker -f "$here/linkcheckerrc" --no-status -o text "${urls[@]}" \
     > "$out" 2>&1; then
  grep -E "^That's it" "$out" | sed 's/^/linkchecker: /'
else
  cat "$out"
  echo "linkchecker: broken links (above)"
  status=1
fi
rm -f "$out"
echo "(linkchecker: $((SECONDS - start)) s)" >&2
exit $status
