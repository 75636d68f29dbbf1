#!/usr/bin/env bash
# Set up kapdocs from a checkout: system libraries (Debian/Ubuntu, when run as root), a virtual
# environment in .venv, and the package itself. `--test` adds the test tools.
#
#   ./scripts/setup.sh && .venv/bin/kapdocs build        # build the sample handouts and decks
#   ./scripts/setup.sh --test && .venv/bin/pytest        # run the tests
set -euo pipefail
cd "$(dirname "$0")/.."

# Pango and HarfBuzz for WeasyPrint (the subsetter makes font subsetting ~3x faster),
# fontconfig for finding fonts, Noto for the handouts, Carlito and Liberation to measure Calibri
# and Arial in decks (the two example brands), Noto CJK for Chinese and Korean.
SYSTEM_PACKAGES=(libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz0b libharfbuzz-subset0 fontconfig
                 fonts-noto-core fonts-noto-cjk fonts-crosextra-carlito fonts-liberation2)
# The tests also redraw the right-to-left artwork, as scripts/render_art.py does, with librsvg,
# and check the deck fitter against LibreOffice's render of the same slide; scripts/check_samples.sh
# opens every sample PDF with qpdf and every sample deck with LibreOffice. The browser tests drive
# Debian's Chromium with Playwright and check pages with axe-core, which npm fetches. The catalogs
# are checked with GNU gettext's msgfmt, msgcat and msgmerge and translate-toolkit's pofilter.
if [ "${1:-}" = "--test" ]; then
  SYSTEM_PACKAGES+=(librsvg2-bin qpdf chromium libreoffice-impress gettext translate-toolkit)
  # npm from Debian only where no npm is installed: a Node.js from elsewhere brings its own, and
  # Debian's npm package conflicts with it.
  command -v npm >/dev/null || SYSTEM_PACKAGES+=(npm)
fi

missing=()
if command -v dpkg-query >/dev/null; then
  for package in "${SYSTEM_PACKAGES[@]}"; do
    dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "ok installed" || missing+=("$package")
  done
fi
if [ ${#missing[@]} -gt 0 ]; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
    echo "Installing system packages: ${missing[*]}"
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
  else
    echo "Missing system packages: ${missing[*]}" >&2
    echo "Install them with: sudo apt-get install ${missing[*]}" >&2
    exit 1
  fi
fi

python="${PYTHON:-python3}"
[ -x .venv/bin/python ] || "$python" -m venv .venv
.venv/bin/python -m pip install -q --upgrade pip
if [ "${1:-}" = "--test" ]; then
  .venv/bin/python -m pip install -q -e ".[test]"
  # axe-core for the accessibility tests (tests/browser.py reads .venv/axe/node_modules/axe-core/axe.min.js).
  [ -f .venv/axe/node_modules/axe-core/axe.min.js ] || npm install --silent --prefix .venv/axe axe-core@4 >/dev/null
else
  .venv/bin/python -m pip install -q -e .
fi
# Compile kapdocs' bytecode now, as installing a wheel would: an editable install leaves it to the
# first run, and where PYTHONDONTWRITEBYTECODE is set (many CI images) no run ever writes it, so
# every command compiled kapdocs anew (30 ms of a 0.2 s no-change rebuild).
.venv/bin/python -m compileall -q kapdocs >/dev/null
