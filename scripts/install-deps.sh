#!/usr/bin/env bash
# Installs node_modules exactly as package-lock.json records them.
#
# CI (CI=true) uses `npm ci`: a clean install that refuses a lock out of sync with package.json.
# Locally `npm install` is used so a second quick start reuses node_modules; it installs the same
# locked versions. Either way the install must leave the tracked tree unchanged: a lock that npm
# rewrites on a fresh clone is a defect (someone added a dependency without committing the lock),
# so this fails loudly instead of leaving a dirty tree behind.
set -euo pipefail
cd "$(dirname "$0")/.."
before=$(cat package.json package-lock.json | sha256sum)
if [ "${CI:-}" = "true" ] || [ ! -d node_modules ]; then
  npm ci --no-audit --no-fund
else
  npm install --no-audit --no-fund
fi
if [ "$(cat package.json package-lock.json | sha256sum)" != "$before" ]; then
  echo "[install] npm rewrote package.json or package-lock.json while installing:" >&2
  git --no-pager diff --stat -- package.json package-lock.json >&2 || true
  echo "[install] commit the lock that 'npm install' produces, then run again" >&2
  exit 1
fi
