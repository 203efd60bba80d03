#!/usr/bin/env bash
# Installs what the example hook functions need. Safe to run repeatedly.
#
#   Node.js hook: runs `npm ci` in hooks/node when node_modules is missing or
#                 older than package-lock.json.
#   Python hook:  checks that `python3` (or $PYTHON) can import boto3; if not, and
#                 this runs as root on a system with apt-get, installs python3-boto3.
#
# Exit status: 0 when both hooks are ready; 1 when node or npm is missing or
# `npm ci` failed; 2 when boto3 is still not importable.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
node_dir="$here/hooks/node"
python="${PYTHON:-python3}"

say() { echo "examples/install.sh: $*"; }
die() { local code="$1"; shift; say "error: $*" >&2; exit "$code"; }

# --- Node.js hook -----------------------------------------------------------
command -v node >/dev/null 2>&1 || die 1 "node not found on PATH; install Node.js 20 or newer (with npm)"
command -v npm >/dev/null 2>&1 || die 1 "npm not found on PATH; install npm (it comes with Node.js 20)"
node_major="$(node -p 'process.versions.node.split(".")[0]')"
if [ "$node_major" -lt 20 ]; then
  die 1 "node $(node --version) is too old; the Node.js hook needs Node.js 20 or newer"
fi

if [ ! -d "$node_dir/node_modules" ]; then
  reason="node_modules is missing"
elif [ "$node_dir/package-lock.json" -nt "$node_dir/node_modules" ]; then
  reason="node_modules is older than package-lock.json"
else
  reason=""
fi
if [ -n "$reason" ]; then
  say "node: $reason; running npm ci in hooks/node"
  (cd "$node_dir" && npm ci --no-audit --no-fund) || die 1 "npm ci failed in $node_dir"
  touch "$node_dir/node_modules"   # mark as up to date with package-lock.json
  say "node: dependencies installed ($(node --version))"
else
  say "node: dependencies up to date ($(node --version)); nothing to do"
fi

# --- Python hook ------------------------------------------------------------
has_boto3() { "$python" -c 'import boto3' >/dev/null 2>&1; }

if ! command -v "$python" >/dev/null 2>&1; then
  die 2 "$python not found on PATH; the Python hook needs Python 3 with boto3"
fi
if has_boto3; then
  say "python: boto3 $("$python" -c 'import boto3; print(boto3.__version__)') available for $(command -v "$python"); nothing to do"
  exit 0
fi

if [ "$(id -u)" -eq 0 ] && command -v apt-get >/dev/null 2>&1; then
  say "python: boto3 missing for $python; installing python3-boto3 with apt-get"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq || die 2 "apt-get update failed"
  apt-get install -y -qq python3-boto3 || die 2 "apt-get install python3-boto3 failed"
  if has_boto3; then
    say "python: boto3 installed (python3-boto3)"
    exit 0
  fi
  # python3-boto3 installs for Debian's /usr/bin/python3, which may not be the
  # python3 first on PATH (pyenv, venv).
  if /usr/bin/python3 -c 'import boto3' >/dev/null 2>&1; then
    die 2 "boto3 was installed for /usr/bin/python3, but $python is $(command -v "$python"); run the hook with /usr/bin/python3 or set PYTHON=/usr/bin/python3"
  fi
  die 2 "boto3 still not importable by $python after installing python3-boto3"
fi

die 2 "boto3 is not importable by $python ($(command -v "$python")); install it (pip install boto3, or apt-get install python3-boto3 as root)"
