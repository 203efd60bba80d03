#!/usr/bin/env bash
# Installs what the examples need. Safe to run repeatedly.
#
#   Node.js hook: runs `npm ci` in hooks/node when node_modules is missing or
#                 older than package-lock.json.
#   CDK app:      the same in cdk-app (the CDK CLI and aws-cdk-lib the CDK tests use).
#   Python hook:  checks that `python3` (or $PYTHON) can import boto3; if not, and
#                 this runs as root on a system with apt-get, installs python3-boto3.
#   Java worker:  builds job-worker with Maven and installs it in the local Maven
#                 repository when its jar is missing or older than its sources;
#                 offline when the libraries are already there, else from Maven Central.
#
# Exit status: 0 when all are ready; 1 when node or npm is missing or `npm ci`
# failed; 2 when boto3 is still not importable; 3 when there is no JDK 21 or Maven,
# or the worker's build failed. The Python and Java steps run even when the other fails.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
node_dir="$here/hooks/node"
cdk_dir="$here/cdk-app"
worker_dir="$here/job-worker"
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

# --- CDK app ------------------------------------------------------------------
# The CDK CLI and aws-cdk-lib, pinned in cdk-app/package-lock.json, for the CDK tests.
if [ ! -d "$cdk_dir/node_modules" ] || [ "$cdk_dir/package-lock.json" -nt "$cdk_dir/node_modules" ]; then
  say "cdk: running npm ci in cdk-app"
  (cd "$cdk_dir" && npm ci --no-audit --no-fund) || die 1 "npm ci failed in $cdk_dir"
  touch "$cdk_dir/node_modules"
  say "cdk: CDK CLI $("$cdk_dir/node_modules/.bin/cdk" --version 2>/dev/null) installed"
else
  say "cdk: dependencies up to date; nothing to do"
fi

# --- Python hook ------------------------------------------------------------
# Each step below returns its exit status instead of exiting, so that one failing does not keep
# the other from running; the script exits with the first failure's.
has_boto3() { "$python" -c 'import boto3' >/dev/null 2>&1; }
fail() { say "error: $*" >&2; }

python_hook() {
  if ! command -v "$python" >/dev/null 2>&1; then
    fail "$python not found on PATH; the Python hook needs Python 3 with boto3"
    return 2
  fi
  if has_boto3; then
    say "python: boto3 $("$python" -c 'import boto3; print(boto3.__version__)') available for $(command -v "$python"); nothing to do"
    return 0
  fi
  if [ "$(id -u)" -eq 0 ] && command -v apt-get >/dev/null 2>&1; then
    say "python: boto3 missing for $python; installing python3-boto3 with apt-get"
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq || { fail "apt-get update failed"; return 2; }
    apt-get install -y -qq python3-boto3 || { fail "apt-get install python3-boto3 failed"; return 2; }
    if has_boto3; then
      say "python: boto3 installed (python3-boto3)"
      return 0
    fi
    # python3-boto3 installs for Debian's /usr/bin/python3, which may not be the
    # python3 first on PATH (pyenv, venv).
    if /usr/bin/python3 -c 'import boto3' >/dev/null 2>&1; then
      fail "boto3 was installed for /usr/bin/python3, but $python is $(command -v "$python"); run the hook with /usr/bin/python3 or set PYTHON=/usr/bin/python3"
      return 2
    fi
    fail "boto3 still not importable by $python after installing python3-boto3"
    return 2
  fi
  fail "boto3 is not importable by $python ($(command -v "$python")); install it (pip install boto3, or apt-get install python3-boto3 as root)"
  return 2
}

# --- Java job worker --------------------------------------------------------
worker_jar="$worker_dir/target/job-worker.jar"
worker_version="0.1.0-SNAPSHOT"
installed_jar="${MAVEN_LOCAL_REPO:-$HOME/.m2/repository}/io/slipway/examples/job-worker/$worker_version/job-worker-$worker_version.jar"

java_worker() {
  command -v mvn >/dev/null 2>&1 || { fail "mvn not found on PATH; the Java job worker is built with Maven"; return 3; }
  # The same JDK choice as Slipway's own scripts (JAVA_HOME if it is 21 or newer, else the newest under /usr/lib/jvm).
  local jdk
  jdk="$(source "$here/../scripts/jdk.sh" >/dev/null 2>&1 && echo "$JAVA_HOME")" || jdk=""
  [ -n "$jdk" ] || { fail "no JDK 21 or newer (set JAVA_HOME); the Java job worker needs one"; return 3; }
  if [ -f "$worker_jar" ] && [ -f "$installed_jar" ] \
      && [ -z "$(find "$worker_dir/pom.xml" "$worker_dir/src" -newer "$worker_jar" 2>/dev/null | head -1)" ] \
      && cmp -s "$worker_jar" "$installed_jar"; then
    say "java: job-worker built and installed; nothing to do"
    return 0
  fi
  say "java: building job-worker with $jdk"
  if (cd "$worker_dir" && JAVA_HOME="$jdk" mvn -q -B -o install >/dev/null 2>&1); then
    say "java: job-worker installed (offline)"
    return 0
  fi
  # The first build on a machine fetches the AWS SDK and Maven's plugins from Maven Central.
  say "java: offline build failed; building with Maven Central"
  if (cd "$worker_dir" && JAVA_HOME="$jdk" mvn -q -B install); then
    say "java: job-worker installed"
    return 0
  fi
  fail "mvn install failed in $worker_dir"
  return 3
}

status=0
python_hook || status=$?
java_worker || { code=$?; [ "$status" -ne 0 ] || status=$code; }
exit "$status"
