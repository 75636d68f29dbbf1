#!/usr/bin/env bash
# The whole sample matrix (every brand × language × variant) through the checks a receiver runs:
# `kapdocs check` in every language, then every handout and deck built, each PDF opened by
# qpdf --check, and every web handout put through axe-core in Chromium. Its own CI step, not part
# of every test run: it builds about 90 files.
set -euo pipefail
cd "$(dirname "$0")/.."
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT

.venv/bin/kapdocs check --locale all > "$out/check.txt" || { cat "$out/check.txt"; exit 1; }
tail -n 1 "$out/check.txt"
.venv/bin/kapdocs build --brand all --locale all --pdf-ua --out "$out" --json > /dev/null
.venv/bin/kapdocs build --brand all --locale all --large-print --pdf-ua --out "$out" --json > /dev/null
.venv/bin/kapdocs build --brand all --locale all --format html --out "$out/web" --json > /dev/null
.venv/bin/python scripts/axe_samples.py "$out/web"

pdfs=0
failed=0
while IFS= read -r -d '' pdf; do
  pdfs=$((pdfs + 1))
  if ! report=$(qpdf --check "$pdf" 2>&1); then
    failed=$((failed + 1))
    printf 'qpdf --check refuses %s:\n%s\n' "${pdf#"$out"/}" "$report"
  fi
done < <(find "$out" -name '*.pdf' -print0 | sort -z)
decks=$(find "$out" -name '*.pptx' | wc -l)
echo "sample matrix: $pdfs PDFs and $decks decks built; qpdf --check: $((pdfs - failed)) passed, $failed failed"
[ "$pdfs" -gt 0 ] && [ "$failed" -eq 0 ]
