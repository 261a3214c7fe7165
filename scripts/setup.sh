#!/usr/bin/env bash
# Installs what building and testing Sluice needs on Debian 12, then the npm
# tools (the SQS emulator) from package-lock.json. Idempotent and quiet:
# prints nothing when everything is already in place.
#
#   sudo scripts/setup.sh      (root is needed only when a package is missing)
set -euo pipefail

# Every Debian package the build, the tests and the demo need. Add new ones here.
DEBIAN_PACKAGES=(
  build-essential cmake ninja-build pkg-config git
  libboost1.74-dev libboost-program-options1.74-dev
  libyaml-cpp-dev libpqxx-dev libcurl4-openssl-dev libssl-dev
  nlohmann-json3-dev libsimdjson-dev
  googletest libgtest-dev libgmock-dev libbenchmark-dev
  postgresql-15 postgresql-client-15
  awscli python3 ca-certificates curl
  # scripts/fuzz.sh: libFuzzer and clang's sanitizer runtimes come in libclang-rt-14-dev,
  # which clang only recommends (and recommends are not installed here).
  clang libclang-rt-14-dev
  python3-yaml shellcheck
  # scripts/lib/build.sh puts ccache in front of the compilers when it is there.
  ccache
)
# Only when no node/npm is on PATH: a newer Node (e.g. from NodeSource) must not be replaced.
NODE_PACKAGES=(nodejs npm)

REPO_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
LOG="$(mktemp -t sluice-setup.XXXXXX.log)"
trap 'rm -f "$LOG"' EXIT

fail() {
  echo "setup.sh: $*" >&2
  if [[ -s "$LOG" ]]; then
    echo "---- last lines of the log ----" >&2
    tail -n 40 "$LOG" >&2
  fi
  exit 1
}

is_installed() {
  [[ "$(dpkg-query -W -f='${Status}' "$1" 2>/dev/null)" == "install ok installed" ]]
}

missing_packages() {
  local wanted=("${DEBIAN_PACKAGES[@]}")
  if ! command -v node >/dev/null || ! command -v npm >/dev/null; then
    wanted+=("${NODE_PACKAGES[@]}")
  fi
  local package
  for package in "${wanted[@]}"; do
    is_installed "$package" || echo "$package"
  done
}

install_debian_packages() {
  local missing
  mapfile -t missing < <(missing_packages)
  (( ${#missing[@]} == 0 )) && return 0
  [[ "$(id -u)" == 0 ]] || fail "missing Debian packages (${missing[*]}); run as root: sudo $0"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update >>"$LOG" 2>&1 || fail "apt-get update failed"
  apt-get install -y --no-install-recommends "${missing[@]}" >>"$LOG" 2>&1 \
    || fail "apt-get install ${missing[*]} failed"
}

# npm ci only when node_modules is absent or older than the lockfile it came from.
install_npm_tools() {
  local installed_lock="$REPO_ROOT/node_modules/.package-lock.json"
  if [[ -f "$installed_lock" && ! "$REPO_ROOT/package-lock.json" -nt "$installed_lock" ]]; then
    return 0
  fi
  (cd "$REPO_ROOT" && npm ci --no-audit --no-fund --loglevel=error) >>"$LOG" 2>&1 \
    || fail "npm ci failed in $REPO_ROOT"
}

install_debian_packages
install_npm_tools
