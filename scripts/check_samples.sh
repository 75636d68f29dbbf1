#!/usr/bin/env bash
# The whole sample matrix (every brand × language × variant) through the checks a receiver runs:
# `kapdocs check` in every language; every handout and deck built with --pdf-ua, in both sizes,
# and read back by `kapdocs audit`; each PDF opened by qpdf --check and validated by avalpdf
# (PDF/UA: zero issues and zero warnings); each form PDF's FHIR Questionnaire, and the form filled
# in and read back as a QuestionnaireResponse, validated by FHIR's models; each deck opened by
# LibreOffice where it is installed
# and validated against the Open XML schema by openxml-audit;
# every web handout put through axe-core in Chromium. Its own CI step, not part of every test
# run: it builds about 160 files.
#
# Every audit finding fails the step; KAPDOCS_AUDIT_SKIP (space-separated rule ids, none by
# default) skips rules by name while one is being worked on. avalpdf must report zero issues and
# zero warnings.
set -euo pipefail
cd "$(dirname "$0")/.."
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
skip=()
for rule in ${KAPDOCS_AUDIT_SKIP-}; do skip+=(--skip "$rule"); done

.venv/bin/kapdocs check --locale all > "$out/check.txt" || { cat "$out/check.txt"; exit 1; }
tail -n 1 "$out/check.txt"
.venv/bin/kapdocs build --brand all --locale all --pdf-ua --out "$out" --json > /dev/null
.venv/bin/kapdocs build --brand all --locale all --large-print --pdf-ua --out "$out" --json > /dev/null
.venv/bin/kapdocs audit "$out" "${skip[@]}"
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

# avalpdf (PyPI; the test extra): one consolidated JSON report over every PDF.
mkdir "$out/avalpdf"
find "$out" -name '*.pdf' -print0 | sort -z | xargs -0 .venv/bin/avalpdf --report --quiet -o "$out/avalpdf/all.json" > /dev/null
.venv/bin/python - "$out/avalpdf/all.json" <<'PY'
import json, sys

report = json.load(open(sys.argv[1]))
failing = 0
for f in report["files"]:
    for message in f["issues"] + f["warnings"]:
        failing += 1
        print(f"avalpdf: {f['file_path']}: {message}")
    failing += bool(f.get("has_error"))
print(f"avalpdf: {report['total_files']} PDFs, {report['summary']['total_issues']} issues, "
      f"{report['summary']['total_warnings']} warnings")
sys.exit(1 if failing else 0)
PY

# FHIR (fhir.resources, the test extra): each form PDF's Questionnaire, and the PDF filled in and
# read back by `kapdocs form read --fhir`, against FHIR's own models.
.venv/bin/python scripts/fhir_samples.py "$out"

# LibreOffice opens each deck and saves it again: a deck it would have to repair fails to convert.
# The decks are copied under names of their own first (brand-lang-id), as one run converts them all.
if command -v soffice > /dev/null; then
  mkdir "$out/decks"
  while IFS= read -r -d '' deck; do
    relative=${deck#"$out"/}
    cp "$deck" "$out/decks/${relative//\//-}"
  done < <(find "$out" -path "$out/decks" -prune -o -name '*.pptx' -print0)
  soffice --headless --convert-to pdf --outdir "$out/soffice" "$out"/decks/*.pptx > /dev/null 2>&1
  converted=$(find "$out/soffice" -name '*.pdf' | wc -l)
  echo "LibreOffice: $converted of $decks decks opened and converted"
  [ "$converted" -eq "$decks" ]
else
  echo "LibreOffice: not installed (apt-get install libreoffice-impress), decks not opened"
fi

# openxml-audit (PyPI; the test extra): every deck against the Open XML schemas and the
# Open XML SDK's semantic rules, as PowerPoint would read it.
if ! report=$(find "$out" -path "$out/decks" -prune -o -name '*.pptx' -print0 | xargs -0 -n 1 .venv/bin/openxml-audit -q -m 0 2>&1); then
  printf '%s\n' "$report"
  echo "openxml-audit: a deck breaks the Open XML schema"
  exit 1
fi
echo "openxml-audit: $decks decks valid against the Open XML schema"
