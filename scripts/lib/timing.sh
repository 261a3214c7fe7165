# shellcheck shell=bash
# Stage timing for scripts/test.sh: `stage NAME COMMAND...` runs a command and
# records its wall time; `timing_summary` prints every stage and the slowest
# tests found in the ctest logs ($TIMING_DIR/ctest-*.log).

timing_start() {
  TIMING_DIR="$(mktemp -d -t sluice-test-timing.XXXXXX)"
  RUN_STARTED=$SECONDS
  # shellcheck disable=SC2064  # expand now: the directory is fixed
  trap "rm -rf '$TIMING_DIR'" EXIT
}

# stage <name> <command>...: its exit status is the command's.
stage() {
  local name="$1" started=$SECONDS status=0
  shift
  "$@" || status=$?
  printf '%s\t%d\t%s\n' "$name" $(( SECONDS - started )) \
    "$( (( status == 0 )) && echo ok || echo "FAILED ($status)")" >>"$TIMING_DIR/stages"
  return "$status"
}

minutes() { printf '%dm%02ds' $(( $1 / 60 )) $(( $1 % 60 )); }

timing_summary() {
  echo
  echo "==> timing (wall clock)"
  local name seconds status
  while IFS=$'\t' read -r name seconds status; do
    printf '    %-70s %8s  %s\n' "$name" "$(minutes "$seconds")" "$status"
  done <"$TIMING_DIR/stages"
  printf '    %-70s %8s\n' "total" "$(minutes $(( SECONDS - RUN_STARTED )))"
  compgen -G "$TIMING_DIR/ctest-*.log" >/dev/null || return 0
  echo "==> the 10 slowest tests"
  # ctest prints e.g. " 12/544 Test #521: e2e_user_logins .......   Passed   95.12 sec"
  awk '/Test +#[0-9]+: / && / sec$/ {
         for (i = 1; i <= NF; i++) if ($i ~ /^#[0-9]+:$/) name = $(i + 1)
         build = FILENAME; sub(/.*\/ctest-/, "", build); sub(/\.log$/, "", build)
         printf "%10.1f s  %-13s %s\n", $(NF - 1), build, name
       }' "$TIMING_DIR"/ctest-*.log | sort -rn | awk 'NR <= 10 { print "  " $0 }'
}
