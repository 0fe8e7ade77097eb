#!/usr/bin/env bash
# Installs Debian's chromium package when /usr/bin/chromium is missing: the browser tests
# (tests/web) drive it with Playwright, whose own browser download is not available here.
set -euo pipefail
if [ -x /usr/bin/chromium ]; then
  exit 0
fi
if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
  echo "installing chromium (Debian package) for the browser tests" >&2
  (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null) >&2
else
  echo "no /usr/bin/chromium and no root apt-get: install Debian's chromium package; the browser tests will fail" >&2
fi
