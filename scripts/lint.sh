#!/usr/bin/env bash
# Checks the house style (CONTRIBUTING.md): clang-format on every C and C++
# file, then clang-tidy (.clang-tidy) on the translation units.
#
#   scripts/lint.sh               files changed since main (committed or not)
#   scripts/lint.sh --all         every file (what .ci/run runs)
#   scripts/lint.sh --fix         rewrite the formatting of those files instead of checking it
#   scripts/lint.sh --format-only skip clang-tidy
#
# clang-tidy reads the compile commands of a configured build tree
# ($SLUICE_LINT_BUILD, default build-werror; scripts/test.sh makes it). The
# builds are unity builds, so clang-tidy runs once per target on the file
# that includes the target's sources: the heavy headers are parsed once a
# target, and findings in the included sources are reported (HeaderFilterRegex).
set -euo pipefail

REPO_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
BUILD_DIR="${SLUICE_LINT_BUILD:-$REPO_ROOT/build-werror}"
cd "$REPO_ROOT"

usage() {
  sed -n '2,14s/^# \{0,1\}//p' "${BASH_SOURCE[0]}"
  exit 2
}

ALL=0 FIX=0 TIDY=1
while (( $# )); do
  case "$1" in
    --all) ALL=1 ;;
    --fix) FIX=1 ;;
    --format-only) TIDY=0 ;;
    -h|--help) usage ;;
    *) echo "lint.sh: unknown argument '$1'" >&2; usage ;;
  esac
  shift
done

# The C and C++ files to check, one per line, relative to the repository.
source_files() {
  local pattern=('*.c' '*.cpp' '*.h' '*.hpp')
  if (( ALL )); then
    git ls-files -- "${pattern[@]}"
  else
    local base
    base="$(git merge-base HEAD main 2>/dev/null || git rev-parse HEAD)"
    { git diff --name-only --diff-filter=d "$base" -- "${pattern[@]}"
      git ls-files --others --exclude-standard -- "${pattern[@]}"; } | sort -u
  fi
}

mapfile -t FILES < <(source_files)
echo "==> lint: ${#FILES[@]} files"
(( ${#FILES[@]} )) || exit 0

status=0
if (( FIX )); then
  clang-format -i "${FILES[@]}"
  echo "==> clang-format: rewrote what needed it"
else
  if ! clang-format --dry-run -Werror "${FILES[@]}" 2>"$BUILD_DIR.format.log"; then
    grep -o '^[^:]*:[0-9]*:[0-9]*' "$BUILD_DIR.format.log" | head -n 40
    echo "==> clang-format: the files above need 'scripts/lint.sh --fix'" >&2
    status=1
  else
    echo "==> clang-format: clean"
  fi
  rm -f "$BUILD_DIR.format.log"
fi
(( TIDY )) || exit "$status"

[[ -f "$BUILD_DIR/compile_commands.json" ]] || {
  echo "lint.sh: no $BUILD_DIR/compile_commands.json; configure a build first (scripts/test.sh does)" >&2
  exit 1
}

# The translation units that compile the changed files: with unity builds,
# the unity file of each target that includes one of them. A changed header
# may reach any target, so it selects all.
translation_units() {
  python3 - "$BUILD_DIR/compile_commands.json" "$ALL" "$REPO_ROOT" "${FILES[@]}" <<'EOF'
import json, os, sys
commands, everything, root, changed = sys.argv[1], sys.argv[2] == "1", sys.argv[3], sys.argv[4:]
units = [entry["file"] for entry in json.load(open(commands))]
if not everything and not any(f.endswith((".h", ".hpp")) for f in changed):
    wanted = {os.path.join(root, f) for f in changed}
    def includes_changed(unit):
        if unit in wanted:
            return True
        with open(unit, errors="replace") as text:
            return any(line.startswith("#include") and line.split('"')[1] in wanted
                       for line in text if line.count('"') >= 2)
    units = [u for u in units if includes_changed(u)]
print("\n".join(units))
EOF
}

mapfile -t UNITS < <(translation_units)
echo "==> clang-tidy: ${#UNITS[@]} translation units"
(( ${#UNITS[@]} )) || exit "$status"
TIDY_LOG="$(mktemp)"
# -Wno-unknown-warning-option: the build's flags are GCC's.
if ! printf '%s\n' "${UNITS[@]}" | xargs -P "$(nproc)" -n 1 \
      clang-tidy -p "$BUILD_DIR" --quiet --extra-arg=-Wno-unknown-warning-option >"$TIDY_LOG" 2>&1; then
  grep -E '(warning|error):' "$TIDY_LOG" | sort -u | head -n 60
  echo "==> clang-tidy: findings above (all: $TIDY_LOG)" >&2
  status=1
else
  echo "==> clang-tidy: clean"
  rm -f "$TIDY_LOG"
fi
exit "$status"
