#!/usr/bin/env bash
# Runs every test: installs what is missing (scripts/setup.sh), then builds and
# tests twice, warnings-as-errors in build-werror/ and ASan+UBSan in build-asan/,
# then runs each libFuzzer target in fuzz/ briefly (scripts/fuzz.sh, build-fuzz/).
#
#   scripts/test.sh          both builds and the fuzzers
#   scripts/test.sh --fast   only the warnings-as-errors build
#
# Extra arguments after `--` go to ctest, e.g. `scripts/test.sh --fast -- -L integration`.
# The build trees go in the repository, or under $SLUICE_BUILD_ROOT when set.
set -euo pipefail

REPO_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
BUILD_ROOT="${SLUICE_BUILD_ROOT:-$REPO_ROOT}"
JOBS="$(nproc)"

usage() {
  sed -n '2,11s/^# \{0,1\}//p' "${BASH_SOURCE[0]}"
  exit 2
}

FAST=0
CTEST_ARGS=()
while (( $# )); do
  case "$1" in
    --fast) FAST=1 ;;
    --) shift; CTEST_ARGS=("$@"); break ;;
    -h|--help) usage ;;
    *) echo "test.sh: unknown argument '$1'" >&2; usage ;;
  esac
  shift
done

# build_and_test <build dir name> <cmake option>...
build_and_test() {
  local build_dir="$BUILD_ROOT/$1"
  shift
  # Each step returns on failure itself: set -e is off inside `build_and_test || ...`.
  echo "==> $build_dir: configure ($*)"
  cmake -S "$REPO_ROOT" -B "$build_dir" -G Ninja "$@" >/dev/null || return 1
  echo "==> $build_dir: build"
  cmake --build "$build_dir" -j "$JOBS" || return 1
  echo "==> $build_dir: test"
  (cd "$build_dir" && ctest --output-on-failure --no-tests=error -j "$JOBS" "${CTEST_ARGS[@]}")
}

# Sanitizer reports stop the run and show where; leak checking stays on, as only
# our binaries are instrumented (python3, psql and node children are not).
export ASAN_OPTIONS="${ASAN_OPTIONS:-halt_on_error=1:detect_leaks=1:detect_stack_use_after_return=1:check_initialization_order=1}"
export UBSAN_OPTIONS="${UBSAN_OPTIONS:-halt_on_error=1:print_stacktrace=1}"

"$REPO_ROOT/scripts/setup.sh"

failed=()
build_and_test build-werror -DSLUICE_WERROR=ON || failed+=(build-werror)
if (( ! FAST )); then
  # Benchmarks are built once, in the -Werror build: sanitizer timings mean nothing.
  build_and_test build-asan -DSLUICE_SANITIZE=ON -DSLUICE_BENCH=OFF || failed+=(build-asan)
  "$REPO_ROOT/scripts/fuzz.sh" || failed+=(fuzz)
fi

if (( ${#failed[@]} )); then
  echo "==> FAILED: ${failed[*]}" >&2
  exit 1
fi
echo "==> all tests passed"
