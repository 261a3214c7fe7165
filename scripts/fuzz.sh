#!/usr/bin/env bash
# Builds the libFuzzer targets in fuzz/ with clang (SLUICE_FUZZ=ON) and runs
# each for a bounded time over a copy of its committed corpus
# (fuzz/corpus/<target>/), which this script never grows. A crash, a
# sanitizer report or a broken check fails the run; the input that did it is
# kept in <build>/fuzz-artifacts/.
#
#   scripts/fuzz.sh              every target
#   scripts/fuzz.sh TARGET...    only these, e.g. json_transform pipeline_spec
#   --build-only / --run-only    only build them / only run what was built
#
# FUZZ_SECONDS: seconds per target (default 30); FUZZ_JOBS: targets run at a
# time (default: the number of cores). The build goes in build-fuzz/ in the
# repository, or under $SLUICE_BUILD_ROOT when set. Longer runs: fuzz/README.md.
set -euo pipefail

REPO_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
BUILD_DIR="${SLUICE_BUILD_ROOT:-$REPO_ROOT}/build-fuzz"
FUZZ_SECONDS="${FUZZ_SECONDS:-30}"
FUZZ_JOBS="${FUZZ_JOBS:-$(nproc)}"
RUN_DIR="$BUILD_DIR/fuzz-runs"
ARTIFACT_DIR="$BUILD_DIR/fuzz-artifacts"

usage() {
  sed -n '2,14s/^# \{0,1\}//p' "${BASH_SOURCE[0]}"
  exit 2
}

all_targets() {
  local corpus
  for corpus in "$REPO_ROOT"/fuzz/corpus/*/; do basename "$corpus"; done
}

DO_BUILD=1 DO_RUN=1
while (( $# )); do
  case "$1" in
    -h|--help) usage ;;
    --build-only) DO_RUN=0 ;;
    --run-only) DO_BUILD=0 ;;
    *) break ;;
  esac
  shift
done
if (( $# )); then TARGETS=("$@"); else mapfile -t TARGETS < <(all_targets); fi
for target in "${TARGETS[@]}"; do
  [[ -d "$REPO_ROOT/fuzz/corpus/$target" ]] || { echo "fuzz.sh: no target '$target'" >&2; usage; }
done
command -v clang++ >/dev/null || { echo "fuzz.sh: clang++ is missing; run scripts/setup.sh" >&2; exit 1; }

# shellcheck source=scripts/lib/build.sh
source "$REPO_ROOT/scripts/lib/build.sh"

build() {
  echo "==> $BUILD_DIR: configure and build (clang, libFuzzer, ASan+UBSan)"
  local CACHE_OPTIONS
  set_compiler_cache_options
  cmake -S "$REPO_ROOT" -B "$BUILD_DIR" -G Ninja -DSLUICE_FUZZ=ON -DCMAKE_UNITY_BUILD=ON -DCMAKE_UNITY_BUILD_BATCH_SIZE=0 "${CACHE_OPTIONS[@]}" \
    -DCMAKE_C_COMPILER=clang -DCMAKE_CXX_COMPILER=clang++ >/dev/null
  cmake --build "$BUILD_DIR" -j "$(nproc)" --target "${TARGETS[@]/%/_fuzzer}"
}

# run_target <target>: fuzzes a scratch copy of the target's corpus; its exit
# status is libFuzzer's (0 when nothing was found).
run_target() {
  local target="$1" work="$RUN_DIR/$1"
  rm -rf "$work" && mkdir -p "$work/corpus" "$ARTIFACT_DIR"
  cp -R "$REPO_ROOT/fuzz/corpus/$target/." "$work/corpus/"
  local options=(-max_total_time="$FUZZ_SECONDS" -timeout=25 -rss_limit_mb=2048
                 -print_final_stats=1 -artifact_prefix="$ARTIFACT_DIR/$target-")
  [[ -f "$REPO_ROOT/fuzz/$target.dict" ]] && options+=(-dict="$REPO_ROOT/fuzz/$target.dict")
  "$BUILD_DIR/fuzz/${target}_fuzzer" "${options[@]}" "$work/corpus" >"$work/log" 2>&1
}

# report <target> <status>: one line when clean, the end of the log when not.
report() {
  local target="$1" status="$2" log="$RUN_DIR/$1/log"
  if (( status == 0 )); then
    echo "==> $target: no finding ($(grep -o '^Done [0-9]* runs in [0-9]* second' "$log" || echo '? runs'))"
  else
    echo "==> $target: FINDING (exit $status); input kept in $ARTIFACT_DIR/, log $log:" >&2
    tail -n 60 "$log" >&2
  fi
}

(( DO_BUILD )) && build
(( DO_RUN )) || exit 0
failed=()
for (( first = 0; first < ${#TARGETS[@]}; first += FUZZ_JOBS )); do
  batch=("${TARGETS[@]:first:FUZZ_JOBS}")
  echo "==> fuzzing ${batch[*]} for ${FUZZ_SECONDS}s"
  pids=()
  for target in "${batch[@]}"; do
    run_target "$target" &
    pids+=($!)
  done
  for i in "${!batch[@]}"; do
    status=0
    wait "${pids[i]}" || status=$?
    report "${batch[i]}" "$status"
    (( status == 0 )) || failed+=("${batch[i]}")
  done
done

if (( ${#failed[@]} )); then
  echo "==> fuzz.sh: findings in ${failed[*]}" >&2
  exit 1
fi
