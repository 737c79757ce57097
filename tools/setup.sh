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

# Node.js 20 or later runs jsii (the CDK's engine) and the cdk-nag gate (tools/nag: engines >=20).
# apt installs it only when its candidate is new enough: Debian 12's own nodejs is 18.
NODE_MIN=20
major() { sed -E 's/^v?([0-9]+).*/\1/'; }
if ! command -v node >/dev/null; then
  if [ "$(id -u)" -eq 0 ] && [ -z "${APT_UPDATED:-}" ]; then apt-get update -qq; APT_UPDATED=1; fi
  candidate=$(apt-cache policy nodejs 2>/dev/null | awk '/Candidate:/ { print $2 }' | sed -E 's/^[0-9]+://' | major)
  if [[ "$candidate" =~ ^[0-9]+$ ]] && [ "$candidate" -ge "$NODE_MIN" ]; then apt_install nodejs; fi
fi
node_version=$(command -v node >/dev/null && node --version || echo none)
node_major=$(echo "$node_version" | major)
if ! [[ "$node_major" =~ ^[0-9]+$ ]] || [ "$node_major" -lt "$NODE_MIN" ]; then
  cat >&2 <<EOF
setup: Node.js $NODE_MIN or later is required (jsii, tools/nag); found: $node_version.
  apt's nodejs does not help here (Debian 12 ships Node 18). Install Node $NODE_MIN, then run this script again, from
  - NodeSource's Debian packages (https://github.com/nodesource/distributions: its Node 20.x repository, then apt-get install nodejs),
  - or the official Node.js packages (https://nodejs.org/en/download),
  - or, with an npm at hand, the npm registry's node package: npm install -g node@$NODE_MIN
EOF
  exit 1
fi
command -v npm >/dev/null || apt_install npm
# Headless Chromium renders the HTML preflight report in a test (which also accepts chromium-browser).
command -v chromium >/dev/null || command -v chromium-browser >/dev/null || apt_install chromium

# cfn-lint 1.51 checks every synthesized template against the CloudFormation resource schemas (a test runs it).
# Preinstalled on the project's machines; elsewhere it comes from PyPI.
CFN_LINT_VERSION=1.51.0
if ! cfn-lint --version 2>/dev/null | grep -q "cfn-lint ${CFN_LINT_VERSION%.*}"; then
  command -v python3 >/dev/null || apt_install python3
  python3 -m pip --version >/dev/null 2>&1 || apt_install python3-pip
  python3 -m pip install --quiet "cfn-lint==$CFN_LINT_VERSION" 2>/dev/null \
    || python3 -m pip install --quiet --break-system-packages "cfn-lint==$CFN_LINT_VERSION"
fi

# The cdk-nag gate (pinned versions, lock file).
npm ci --prefix tools/nag --no-audit --no-fund --loglevel=error
# playwright-core (pinned, lock file) drives the Chromium above to measure the HTML report; it downloads no browser.
PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 npm ci --prefix tools/report-check --no-audit --no-fund --loglevel=error
echo "setup: done (node $(node --version), $(cfn-lint --version), $(chromium --version 2>/dev/null || chromium-browser --version 2>/dev/null || echo 'chromium missing'))"
