#!/usr/bin/env bash
# Set up a fresh Debian machine (as root, with Node 20 and npm) to build and test VNet Lab.
# Run from the repository root. Idempotent: a second run changes nothing.
#   bash scripts/setup.sh            pnpm and the workspace's packages
#   bash scripts/setup.sh --browser  also Debian's chromium (browser tests), postgresql and
#                                    redis-server (cluster tests: they run the binaries
#                                    themselves; no system-wide service is needed)
set -euo pipefail

PNPM_VERSION=12.4.2
browser=false
for arg in "$@"; do
  case "$arg" in
    --browser) browser=true ;;
    *)
      echo "usage: bash scripts/setup.sh [--browser]" >&2
      exit 2
      ;;
  esac
done

cd "$(dirname "${BASH_SOURCE[0]}")/.."

if [ "$(pnpm --version 2>/dev/null || true)" != "$PNPM_VERSION" ]; then
  echo "setup: installing pnpm $PNPM_VERSION"
  npm i -g "pnpm@$PNPM_VERSION"
fi

# The browser tests read 简体中文 pages: without a CJK font Chromium draws boxes.
if [ "$browser" = true ] && { [ ! -x /usr/bin/chromium ] || ! dpkg -s fonts-wqy-zenhei >/dev/null 2>&1; }; then
  echo "setup: installing chromium and a CJK font"
  apt-get update
  DEBIAN_FRONTEND=noninteractive apt-get install -y chromium fonts-wqy-zenhei
fi

# The cluster tests start their own PostgreSQL 15 and Redis on loopback. Installing the
# packages may start Debian's own services; the tests neither use nor need them.
if [ "$browser" = true ] && { [ ! -x /usr/lib/postgresql/15/bin/pg_ctl ] || ! command -v redis-server >/dev/null; }; then
  echo "setup: installing postgresql and redis-server"
  apt-get update
  DEBIAN_FRONTEND=noninteractive apt-get install -y postgresql redis-server
fi

# node-gyp (better-sqlite3) finds Node's headers here; pnpm 12 does not read it from .npmrc.
echo "setup: installing the workspace's packages"
npm_config_nodedir=/usr pnpm install --frozen-lockfile

# better-sqlite3 is compiled from source here; a build that failed half-way leaves a
# module that does not load. Check it loads, and rebuild once if it does not.
if ! (cd apps/server && node -e "new (require('better-sqlite3'))(':memory:').close()") 2>/dev/null; then
  echo "setup: rebuilding better-sqlite3"
  npm_config_nodedir=/usr pnpm rebuild better-sqlite3
  (cd apps/server && node -e "new (require('better-sqlite3'))(':memory:').close()")
fi
