#!/bin/sh
# Configures, builds and installs Sluice as the container image ships it:
# Release, without tests or benchmarks, stripped, under PREFIX (bin/sluice and
# the in-tree plugins in lib/sluice, where sluice looks by default).
#
#   build.sh SOURCE_DIR BUILD_DIR PREFIX
# SLUICE_BUILD_JOBS caps the parallel compile jobs (default: every core).
set -eu

if [ "$#" -ne 3 ]; then
  echo "usage: $0 SOURCE_DIR BUILD_DIR PREFIX" >&2
  exit 2
fi
source_dir=$1
build_dir=$2
prefix=$3

cmake -S "$source_dir" -B "$build_dir" -G Ninja \
  -DCMAKE_BUILD_TYPE=Release \
  -DSLUICE_TESTS=OFF -DSLUICE_BENCH=OFF \
  -DCMAKE_INSTALL_PREFIX="$prefix"
cmake --build "$build_dir" --parallel "${SLUICE_BUILD_JOBS:-$(nproc)}"
cmake --install "$build_dir" --strip

# The image runs what was just installed: fail here, not at deploy time, if
# the binary cannot start or a plugin library is refused.
plugins=$("$prefix/bin/sluice" plugins)
case $plugins in
  *refused:*)
    printf '%s\n' "$plugins" >&2
    echo "$0: sluice refused a plugin library it was installed with" >&2
    exit 1
    ;;
esac
