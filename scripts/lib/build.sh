# shellcheck shell=bash
# configure_and_build <build dir> <flavour> [<target>...]: configures a Ninja
# build tree for one of the flavours below and builds it (every target, or
# the ones named). Sourced by scripts/test.sh, scripts/demo.sh and scripts/fuzz.sh.
#
#   werror  -Wall -Wextra -Werror at -O2, without debug information (it
#           changes no warning and costs a quarter of the compile time),
#           benchmarks too
#   asan    ASan+UBSan at -Og with line tables, enough for sanitizer stacks
#           (-O2 -g took 2.4 times as long to compile), no benchmarks
#   demo    -O2, no tests, no benchmarks: for `sluice` and the in-tree plugins
#
# All three are unity builds (CMAKE_UNITY_BUILD with a batch size of 0: each
# target's sources compiled as one file, so the heavy headers are parsed and
# their templates instantiated once a target, not once a source file);
# a plain `cmake -S . -B build` is not, so a missing #include still shows
# there. docs/DEVELOPING.md has the figures.
#
# ccache, when installed, keeps its cache outside the clone (~/.cache/ccache
# unless CCACHE_DIR says otherwise); paths are taken relative to the clone,
# so another clone of the same commit hits the same entries.

# Sets FLAVOUR_OPTIONS to the cmake options of flavour $1.
set_flavour_options() {
  local unity=(-DCMAKE_UNITY_BUILD=ON -DCMAKE_UNITY_BUILD_BATCH_SIZE=0)
  # -g1 writes line tables only, no variable locations, yet GCC still tracks
  # variables for them: turning that off cut a file's compile by 15 %.
  local no_var_tracking="-fno-var-tracking -fno-var-tracking-assignments"
  local release=(-DCMAKE_BUILD_TYPE=Release
                 "-DCMAKE_C_FLAGS_RELEASE=-O2 -DNDEBUG" "-DCMAKE_CXX_FLAGS_RELEASE=-O2 -DNDEBUG")
  case "$1" in
    # compile_commands.json: scripts/lint.sh runs clang-tidy with this tree's commands.
    werror) FLAVOUR_OPTIONS=("${unity[@]}" -DSLUICE_WERROR=ON -DCMAKE_EXPORT_COMPILE_COMMANDS=ON "${release[@]}") ;;
    asan)   FLAVOUR_OPTIONS=("${unity[@]}" -DSLUICE_SANITIZE=ON -DSLUICE_BENCH=OFF -DCMAKE_BUILD_TYPE=RelWithDebInfo
                             "-DCMAKE_C_FLAGS_RELWITHDEBINFO=-Og -g1 ${no_var_tracking} -DNDEBUG"
                             "-DCMAKE_CXX_FLAGS_RELWITHDEBINFO=-Og -g1 ${no_var_tracking} -DNDEBUG") ;;
    demo)   FLAVOUR_OPTIONS=("${unity[@]}" -DSLUICE_TESTS=OFF -DSLUICE_BENCH=OFF "${release[@]}") ;;
    *) echo "build.sh: unknown flavour '$1'" >&2; return 1 ;;
  esac
}

# Sets CACHE_OPTIONS to the cmake options that put ccache in front of the
# compilers, when it is installed.
set_compiler_cache_options() {
  CACHE_OPTIONS=()
  command -v ccache >/dev/null || return 0
  export CCACHE_BASEDIR="${CCACHE_BASEDIR:-$REPO_ROOT}"
  export CCACHE_NOHASHDIR="${CCACHE_NOHASHDIR:-1}"
  CACHE_OPTIONS=(-DCMAKE_C_COMPILER_LAUNCHER=ccache -DCMAKE_CXX_COMPILER_LAUNCHER=ccache)
}

configure_and_build() {
  local build_dir="$1" flavour="$2"
  shift 2
  local FLAVOUR_OPTIONS CACHE_OPTIONS
  set_flavour_options "$flavour" || return 1
  set_compiler_cache_options
  local generator=(-G Ninja)
  # An existing tree keeps the generator it was made with (cmake refuses a change).
  [[ -f "$build_dir/CMakeCache.txt" ]] && generator=()
  echo "==> $build_dir: configure ($flavour: ${FLAVOUR_OPTIONS[*]})"
  cmake -S "$REPO_ROOT" -B "$build_dir" "${generator[@]}" "${FLAVOUR_OPTIONS[@]}" "${CACHE_OPTIONS[@]}" >/dev/null \
    || return 1
  local targets=()
  (( $# )) && targets=(--target "$@")
  echo "==> $build_dir: build ${*:-everything}"
  cmake --build "$build_dir" -j "$(nproc)" "${targets[@]}"
}
