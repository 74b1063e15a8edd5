#!/usr/bin/env bash
# The whole test suite: typecheck, unit tests (Vitest, native DuckDB), and end-to-end tests
# (Playwright in Debian's Chromium against the production build). Ends with "N passed, N failed".
set -uo pipefail
cd "$(dirname "$0")/.."

if [ ! -x "${CHROMIUM_PATH:-/usr/bin/chromium}" ]; then
  echo "Installing Chromium from Debian (Playwright cannot download its own browser here)…"
  SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO="sudo"
  $SUDO apt-get update -qq && $SUDO apt-get install -y -qq chromium >/dev/null || { echo "could not install chromium"; echo "0 passed, 1 failed"; exit 1; }
fi
if ! command -v soffice >/dev/null && ! command -v libreoffice >/dev/null; then
  # The .xlsx export's round trip opens the file in LibreOffice (headless CSV conversion).
  echo "Installing LibreOffice Calc from Debian (the .xlsx export test opens its files with it)…"
  SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO="sudo"
  { $SUDO apt-get update -qq && $SUDO apt-get install -y -qq --no-install-recommends libreoffice-calc >/dev/null; } || echo "could not install libreoffice-calc: the LibreOffice round trip will be skipped"
fi
[ -d node_modules ] || npm ci

mkdir -p reports
rm -f reports/unit.json reports/e2e.json
failed_steps=0

echo "== typecheck"
npx tsc --noEmit -p . || failed_steps=$((failed_steps + 1))
[ -f server/tsconfig.json ] && { npx tsc --noEmit -p server || failed_steps=$((failed_steps + 1)); }

echo "== licences of what the bundle can contain"
node scripts/check-licenses.mjs || failed_steps=$((failed_steps + 1))

echo "== unit tests"
npx vitest run --reporter=default --reporter=json --outputFile.json=reports/unit.json || true

echo "== build"
npx vite build --logLevel warn || failed_steps=$((failed_steps + 1))

echo "== end-to-end tests"
CI=1 npx playwright test || true

node scripts/count-results.mjs "$failed_steps"
