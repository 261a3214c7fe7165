#!/usr/bin/env bash
# Runs every test: installs what is missing (scripts/setup.sh), builds twice,
#   build-werror/  -Wall -Wextra -Werror, -O2, benchmarks too
#   build-asan/    ASan+UBSan, -O1
# then runs, side by side,
#   - in build-werror: the unit tests and the tests whose outcome does not
#     depend on how the code was built (label `independent`: deploy files,
#     ABI layout, SDK examples, login generator, test harness);
#   - in build-asan: the unit tests again, the committed fuzz corpora, and
#     every test that drives the real binary (label `integration`: host,
#     plugins, end to end, reliability, operations);
#   - the libFuzzer build (scripts/fuzz.sh, build-fuzz/), at low priority;
#   - the style checks (scripts/lint.sh --all: clang-format, clang-tidy), at low priority;
# then each libFuzzer target for a bounded time, and prints how long each
# stage and the slowest tests took.
#
#   scripts/test.sh          all of it (what .ci/run runs)
#   scripts/test.sh --fast   only build-werror, with every test in it
#
# Extra arguments after `--` go to ctest, e.g. `scripts/test.sh --fast -- -L integration`.
# The build trees go in the repository, or under $SLUICE_BUILD_ROOT when set.
# ccache is used when installed (its cache lives outside the clone).
# docs/DEVELOPING.md: where the time goes, and faster loops while developing.
set -euo pipefail

REPO_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
BUILD_ROOT="${SLUICE_BUILD_ROOT:-$REPO_ROOT}"
WERROR="$BUILD_ROOT/build-werror"
ASAN="$BUILD_ROOT/build-asan"
JOBS="$(nproc)"
# Integration tests mostly wait on servers and child processes: twice as many
# as cores keeps the CPUs busy (docs/DEVELOPING.md: three runs in a row at
# this setting without a failure).
INTEGRATION_JOBS="${SLUICE_INTEGRATION_JOBS:-$(( JOBS * 2 ))}"

usage() {
  sed -n '2,22s/^# \{0,1\}//p' "${BASH_SOURCE[0]}"
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

# shellcheck source=scripts/lib/build.sh
source "$REPO_ROOT/scripts/lib/build.sh"
# shellcheck source=scripts/lib/timing.sh
source "$REPO_ROOT/scripts/lib/timing.sh"

# run_ctest <build dir> <jobs> <ctest arguments>...: the output goes to
# $TIMING_DIR/ctest-<build dir name>.log (for show_ctest_log and the summary).
run_ctest() {
  local build_dir="$1" jobs="$2"
  shift 2
  (cd "$build_dir" && ctest --output-on-failure --no-tests=error -j "$jobs" "$@" "${CTEST_ARGS[@]}") \
    >"$(ctest_log "$build_dir")" 2>&1
}
ctest_log() { echo "$TIMING_DIR/ctest-$(basename "$1").log"; }
show_ctest_log() {
  echo "==> $1: ctest"
  cat "$(ctest_log "$1")"
}

# quietly <log name> <command>...: its output goes to $TIMING_DIR/<log name>,
# shown only when it fails.
quietly() {
  local log="$TIMING_DIR/$1" status=0
  shift
  "$@" >"$log" 2>&1 || status=$?
  (( status == 0 )) || { echo "==> $* failed ($status):"; tail -n 60 "$log"; }
  return "$status"
}

# in_background <name> <command>...: starts a stage; wait_for <name> waits for it.
declare -A BACKGROUND=()
in_background() {
  local name="$1"
  shift
  stage "$name" "$@" &
  BACKGROUND[$name]=$!
}
wait_for() {
  wait "${BACKGROUND[$1]}"
}

# Sanitizer reports stop the run and show where; leak checking stays on, as only
# our binaries are instrumented (python3, psql and node children are not).
export ASAN_OPTIONS="${ASAN_OPTIONS:-halt_on_error=1:detect_leaks=1:detect_stack_use_after_return=1:check_initialization_order=1}"
export UBSAN_OPTIONS="${UBSAN_OPTIONS:-halt_on_error=1:print_stacktrace=1}"
# Leaks inside third-party libraries that are not ours to fix, each explained there.
export LSAN_OPTIONS="${LSAN_OPTIONS:-suppressions=$REPO_ROOT/tests/sanitizers/lsan.supp:print_suppressions=0}"

timing_start
stage "setup" "$REPO_ROOT/scripts/setup.sh"

failed=()
werror_built=0 asan_built=0
stage "build-werror: build" configure_and_build "$WERROR" werror && werror_built=1 || failed+=(build-werror)

if (( FAST )); then
  if (( werror_built )); then
    stage "build-werror: every test" run_ctest "$WERROR" "$INTEGRATION_JOBS" || failed+=(build-werror-tests)
    show_ctest_log "$WERROR"
  fi
else
  stage "build-asan: build" configure_and_build "$ASAN" asan && asan_built=1 || failed+=(build-asan)
  # The three share the machine: the tests mostly wait, the fuzz build fills the gaps.
  (( werror_built )) && in_background "build-werror: unit and build-independent tests" \
    run_ctest "$WERROR" "$JOBS" -LE integration
  in_background "fuzz: build (nice)" quietly fuzz-build.log nice -n 10 "$REPO_ROOT/scripts/fuzz.sh" --build-only
  # clang-format and clang-tidy on every file, with build-werror's compile commands.
  (( werror_built )) && in_background "lint: clang-format, clang-tidy (nice)" \
    quietly lint.log env SLUICE_LINT_BUILD="$WERROR" nice -n 10 "$REPO_ROOT/scripts/lint.sh" --all
  if (( asan_built )); then
    # The longest start first (their COST). Its progress: tail -f $TIMING_DIR/ctest-build-asan.log
    echo "==> $ASAN: ctest (output when it ends; meanwhile in $(ctest_log "$ASAN"))"
    stage "build-asan: unit, integration, end-to-end, reliability, fuzz corpora" \
      run_ctest "$ASAN" "$INTEGRATION_JOBS" -LE independent || failed+=(build-asan-tests)
    show_ctest_log "$ASAN"
  fi
  if (( werror_built )); then
    wait_for "build-werror: unit and build-independent tests" || failed+=(build-werror-tests)
    show_ctest_log "$WERROR"
  fi
  if (( werror_built )); then
    wait_for "lint: clang-format, clang-tidy (nice)" || failed+=(lint)
    grep '^==> clang' "$TIMING_DIR/lint.log" || true
  fi
  if wait_for "fuzz: build (nice)"; then
    stage "fuzz: libFuzzer runs" "$REPO_ROOT/scripts/fuzz.sh" --run-only || failed+=(fuzz)
  else
    failed+=(fuzz-build)
  fi
fi

timing_summary
if (( ${#failed[@]} )); then
  echo "==> FAILED: ${failed[*]}" >&2
  exit 1
fi
echo "==> all tests passed"
