#!/usr/bin/env bash
# Installs the libraries Lambda's managed runtimes ship, for Slipway's local runtimes. Safe to run
# repeatedly; does nothing when they are there and up to date.
#
#   nodejs*:  the AWS SDK for JavaScript v3 clients pinned in node/package-lock.json, by `npm ci`
#             into node/node_modules (when it is missing or older than the lock file).
#   python3*: boto3 and botocore for the python3 on PATH (or $PYTHON): Debian's python3-boto3,
#             installed with apt-get when this runs as root and the interpreter lacks boto3.
#
# Slipway finds this directory itself when it runs from this checkout; elsewhere set
# SLIPWAY_RUNTIME_LIBRARIES to it. See services/lambda/README.md.
#
# Exit status: 0 when both are ready; 1 when node/npm is missing or `npm ci` failed; 2 when boto3
# is still not importable. The Python step runs even when the Node.js one fails.
set -uo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
node_dir="$here/node"
python="${PYTHON:-python3}"

say() { echo "runtimes/install.sh: $*"; }
fail() { say "error: $*" >&2; }

node_sdk() {
  command -v npm >/dev/null 2>&1 || { fail "npm not found on PATH; install Node.js 20 or newer with npm"; return 1; }
  if [ -d "$node_dir/node_modules/@aws-sdk" ] && [ ! "$node_dir/package-lock.json" -nt "$node_dir/node_modules" ]; then
    say "node: AWS SDK for JavaScript v3 up to date; nothing to do"
    return 0
  fi
  say "node: running npm ci in runtimes/node"
  (cd "$node_dir" && npm ci --no-audit --no-fund --omit=dev >/dev/null) || { fail "npm ci failed in $node_dir"; return 1; }
  touch "$node_dir/node_modules"   # marks it as up to date with package-lock.json
  say "node: AWS SDK for JavaScript v3 installed ($(ls "$node_dir/node_modules/@aws-sdk" | grep -c '^client-') clients)"
}

has_boto3() { "$python" -c 'import boto3, botocore' >/dev/null 2>&1; }

python_sdk() {
  command -v "$python" >/dev/null 2>&1 || { fail "$python not found on PATH; python3.x functions need Python 3"; return 2; }
  if has_boto3; then
    say "python: boto3 $("$python" -c 'import boto3; print(boto3.__version__)') available; nothing to do"
    return 0
  fi
  if [ "$(id -u)" -eq 0 ] && command -v apt-get >/dev/null 2>&1; then
    say "python: boto3 missing for $python; installing python3-boto3 with apt-get"
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq >/dev/null && apt-get install -y -qq python3-boto3 >/dev/null \
      || { fail "apt-get install python3-boto3 failed"; return 2; }
    has_boto3 && { say "python: boto3 installed (python3-boto3)"; return 0; }
  fi
  fail "boto3 is not importable by $python ($(command -v "$python")); install python3-boto3 (apt-get, as root) or boto3 (pip)"
  return 2
}

status=0
node_sdk || status=$?
python_sdk || { code=$?; [ "$status" -ne 0 ] || status=$code; }
exit "$status"
