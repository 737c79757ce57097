#!/usr/bin/env bash
# One-time set-up of a fresh machine (Debian, root): everything the tests need beyond the .NET SDK.
# Safe to run again: each step is skipped when its tool is already there.
set -euo pipefail
cd "$(dirname "$0")/.."

apt_install() {
  if [ "$(id -u)" -ne 0 ]; then echo "setup: need root to apt-get install $*" >&2; exit 1; fi
  if [ -z "${APT_UPDATED:-}" ]; then apt-get update -qq; APT_UPDATED=1; fi
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$@" >/dev/null
}

# Node.js runs jsii (the CDK's engine) and the cdk-nag gate.
command -v node >/dev/null || apt_install nodejs npm
# Headless Chromium renders the HTML preflight report in a test.
command -v chromium >/dev/null || apt_install chromium

# The cdk-nag gate (pinned versions, lock file).
npm ci --prefix tools/nag --no-audit --no-fund --loglevel=error
echo "setup: done (node $(node --version), $(chromium --version 2>/dev/null || echo 'chromium missing'))"
