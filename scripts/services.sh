# Sourced by scripts/test: makes sure the local PostgreSQL, the AWS CLI, OpenSSL, the Lambda runtimes'
# libraries, bubblewrap (the functions' sandbox), Chromium (the console's browser tests) and HAProxy
# (the multi-node tests' load balancer) the tests use are there.
# Installs with apt only when something is missing (CI machines start from a clean image).

apt_install() {
  local as_root=()
  # a developer who is not root installs through sudo when it runs without asking for a password
  [ "$(id -u)" = 0 ] || { command -v sudo >/dev/null && sudo -n true 2>/dev/null && as_root=(sudo -n); } \
    || { echo "Cannot install $* (not root, no password-less sudo); install it by hand." >&2; return 1; }
  if command -v apt-get >/dev/null; then
    echo "Installing $* with apt..." >&2
    "${as_root[@]}" apt-get update -qq >/dev/null \
      && "${as_root[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$@" >/dev/null
  else
    echo "Cannot install $* (not root or no apt-get); install it by hand." >&2
    return 1
  fi
}

ensure_postgres() {
  if pg_isready -q -h 127.0.0.1 -p 5432 2>/dev/null; then
    return 0
  fi
  command -v pg_ctlcluster >/dev/null || apt_install postgresql || return 0
  local version
  version=$(ls /etc/postgresql 2>/dev/null | sort -V | tail -1)
  [ -n "$version" ] && pg_ctlcluster --skip-systemctl-redirect "$version" main start 2>/dev/null || true
  for _ in $(seq 1 30); do
    pg_isready -q -h 127.0.0.1 -p 5432 2>/dev/null && break
    sleep 1
  done
  # Slipway's tests connect as postgres to database "test" without a password.
  psql -h 127.0.0.1 -U postgres -tc "select 1 from pg_database where datname='test'" 2>/dev/null | grep -q 1 \
    || psql -h 127.0.0.1 -U postgres -c "create database test" >/dev/null 2>&1 || true
}

ensure_openssl() {
  # the command the tests open signed deployment specifications with, as a host's OpenSSL does
  command -v openssl >/dev/null || apt_install openssl || true
}

ensure_aws_cli() {
  command -v aws >/dev/null || apt_install awscli || true
}

ensure_examples() {
  # the example hook functions' SDKs (npm ci, boto3), which the integration tests run
  "$(dirname "${BASH_SOURCE[0]}")/../examples/install.sh" || {
    command -v node >/dev/null || { apt_install nodejs npm && "$(dirname "${BASH_SOURCE[0]}")/../examples/install.sh"; }
  }
}

ensure_runtime_libraries() {
  # the SDKs Lambda's runtimes ship (runtimes/install.sh: npm ci of the @aws-sdk clients, boto3).
  # Slipway runs without them, so elsewhere a failure is only reported; under CI it fails the run.
  local install
  install="$(dirname "${BASH_SOURCE[0]}")/../runtimes/install.sh"
  "$install" && return 0
  if ! command -v npm >/dev/null && apt_install nodejs npm && "$install"; then
    return 0
  fi
  if [ "${CI:-}" = true ]; then
    echo "runtimes/install.sh failed: the Lambda runtimes' libraries are missing (CI=true)" >&2
    return 1
  fi
  echo "runtimes/install.sh failed: functions that import the runtimes' SDKs will fail" >&2
}

# Installs Debian PACKAGES unless every one of COMMANDS is there. The tests that need them skip (or
# Slipway falls back) without them, so elsewhere a failure is only reported; under CI it fails the run.
ensure_optional() {
  local commands="$1" ci_message="$2" message="$3" present=true
  shift 3
  for c in $commands; do command -v "$c" >/dev/null || present=false; done
  $present && return 0
  apt_install "$@" && return 0
  if [ "${CI:-}" = true ]; then
    echo "$ci_message (CI=true)" >&2
    return 1
  fi
  echo "$message" >&2
}

ensure_sandbox() {
  # bubblewrap, which runs Lambda functions with Lambda's file system layout
  ensure_optional bwrap "bubblewrap could not be installed: Lambda functions would run unsandboxed" \
    "bubblewrap is missing: Lambda functions run as plain processes, without a sandbox" bubblewrap
}

ensure_chromium() {
  # headless Chromium and its driver, which the console's browser tests drive through Selenium
  # (never through a browser Selenium downloads)
  ensure_optional "chromium chromedriver" \
    "chromium and chromium-driver could not be installed: the console's browser tests cannot run" \
    "chromium or chromedriver is missing: the console's browser tests are skipped" chromium chromium-driver
}

ensure_ruby() {
  # Ruby with OpenSSL, the CodeDeploy agent's HTTPS client, which the TLS tests connect with (TlsIT)
  ensure_optional ruby "ruby could not be installed: the agent's HTTPS client cannot be tested" \
    "ruby is missing: the test of the agent's HTTPS client is skipped" ruby
}

ensure_haproxy() {
  # HAProxy, the load balancer in front of the nodes in the multi-node kill suite (ClusterFailoverIT)
  # and the cluster benchmark, run from docs/team/haproxy.cfg
  ensure_optional haproxy "haproxy could not be installed: the multi-node tests cannot run" \
    "haproxy is missing: the multi-node tests are skipped" haproxy
}
