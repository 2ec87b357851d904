#!/usr/bin/env bash
# The built HTML book, read as a reader would:
#   tests/browser/run.sh <html-root>        (html-root holds ko/ and en/)
#
# 1. check-book.mjs in Debian's Chromium (playwright-core, axe-core; npm
#    packages installed here from package-lock.json if missing): every page,
#    both languages, from disk and over a local HTTP server; and the search.
# 2. linkchecker over both trees from disk: every page, image, download,
#    style and script the pages link to exists (links leaving the book are
#    not followed).
# Exits non-zero if either finds a problem.
set -uo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="${1:?usage: run.sh <html-root>  (a folder with ko/ and en/)}"
root="$(cd "$root" && pwd)" || exit 2
for lang in ko en; do
  [ -f "$root/$lang/index.html" ] || { echo "run.sh: no $root/$lang/index.html" >&2; exit 2; }
done

# npm packages: installed once, exactly as locked (again when the lock
# changes).
stamp="$here/node_modules/.litbook-lock.json"
if ! cmp -s "$here/package-lock.json" "$stamp"; then
  (cd "$here" && npm ci --no-audit --no-fund --loglevel=error) || {
    echo "run.sh: npm ci failed in $here" >&2; exit 2; }
  cp "$here/package-lock.json" "$stamp"
fi

status=0
start=$SECONDS
node "$here/check-book.mjs" "$root" || status=1
echo "(browser checks: $((SECONDS - start)) s)" >&2

# linkchecker: every HTML page of both trees as a start URL (pages that no
# other page links to are checked too). As root it drops to "nobody": the
# tree must be readable by all (it is, with the default umask).
start=$SECONDS
mapfile -t urls < <(cd "$root" && find ko en -name '*.html' -not -path '*/_*' \
                      | sort | sed "s|^|file://$root/|")
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
