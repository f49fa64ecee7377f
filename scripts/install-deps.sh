#!/usr/bin/env bash
# Installs node_modules from package-lock.json.
#
# Not `npm ci`: the registry these machines reach answers 404 for the other platforms' optional
# binaries (@swc/core-darwin-*, @unrs/resolver-binding-win32-*, ...), so npm cannot record them in the
# lock file, and `npm ci` then refuses the lock as "out of sync". `npm install` installs the same
# locked versions and skips the unreachable optional packages; it leaves the lock file unchanged.
set -euo pipefail
cd "$(dirname "$0")/.."
npm install --no-audit --no-fund
