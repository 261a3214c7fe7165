#!/usr/bin/env bash
# The Sluice demo: login messages from a local SQS emulator, masked, into a
# local PostgreSQL, by pipelines/user_logins.yaml.
#
#   scripts/demo.sh          install what is missing (as root), build, start
#                            PostgreSQL and the SQS emulator, load 100 sample
#                            login messages, run the pipeline, show what landed
#   scripts/demo.sh stop     stop both servers (their data stays in .sluice-demo/)
#
# Safe to run again: the servers are reused, the queue and tables start
# empty, and the masking key (.sluice-demo/mask.key, unless SLUICE_MASK_KEY
# is set) stays the same, so masked values do too.
set -euo pipefail

REPO_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
DEMO_DIR="$REPO_ROOT/.sluice-demo"
BUILD_DIR="$REPO_ROOT/build"
SLUICE="$BUILD_DIR/bin/sluice"
PIPELINE="pipelines/user_logins.yaml"
MESSAGES=100
SEED="${SLUICE_DEMO_SEED:-1}"
PREFERRED_PG_PORT=55432
PREFERRED_SQS_PORT=4566  # LocalStack's port, as in the pipeline's default queue URL

step() { echo "==> $*"; }
fail() {
  echo "demo.sh: $*" >&2
  exit 1
}

# shellcheck source=scripts/lib/build.sh
source "$REPO_ROOT/scripts/lib/build.sh"
# shellcheck source=scripts/demo/postgres.sh
source "$REPO_ROOT/scripts/demo/postgres.sh"
# shellcheck source=scripts/demo/sqs.sh
source "$REPO_ROOT/scripts/demo/sqs.sh"

usage() {
  sed -n '2,13s/^# \{0,1\}//p' "${BASH_SOURCE[0]}"
  exit 2
}

# $1 when nothing listens on it, else a port the kernel says is free.
free_port_preferring() {
  python3 - "$1" <<'PY'
import socket, sys
for port in (int(sys.argv[1]), 0):
    with socket.socket() as s:
        try:
            s.bind(("127.0.0.1", port))
        except OSError:
            continue
        print(s.getsockname()[1])
        break
PY
}

# Ports from the last run while its servers run; otherwise free ones, preferring the last.
choose_ports() {
  PG_PORT="$PREFERRED_PG_PORT" SQS_PORT="$PREFERRED_SQS_PORT"
  # shellcheck source=/dev/null
  [[ -f "$DEMO_DIR/ports" ]] && source "$DEMO_DIR/ports"
  pg_is_running || PG_PORT="$(free_port_preferring "$PG_PORT")"
  sqs_is_running || SQS_PORT="$(free_port_preferring "$SQS_PORT")"
  printf 'PG_PORT=%s\nSQS_PORT=%s\n' "$PG_PORT" "$SQS_PORT" >"$DEMO_DIR/ports"
}

# SLUICE_MASK_KEY as given, else the demo's own key, made once (256-bit, hex).
mask_key() {
  if [[ -n "${SLUICE_MASK_KEY:-}" ]]; then
    echo "$SLUICE_MASK_KEY"
    return
  fi
  if [[ ! -s "$DEMO_DIR/mask.key" ]]; then
    (umask 077 && python3 -c 'import secrets; print(secrets.token_hex(32))' >"$DEMO_DIR/mask.key")
  fi
  cat "$DEMO_DIR/mask.key"
}

# Only what the demo runs: `sluice` and the in-tree plugins (target `runtime`),
# no tests, benchmarks or examples. A build/ made earlier keeps its settings.
build() {
  local what=(configure_and_build "$BUILD_DIR" demo runtime)
  if [[ -f "$BUILD_DIR/CMakeCache.txt" ]]; then
    what=(cmake --build "$BUILD_DIR" -j "$(nproc)" --target runtime)
  fi
  step "building sluice and the in-tree plugins only (no tests or benchmarks) into build/; the first time takes a few minutes"
  "${what[@]}" >"$DEMO_DIR/build.log" 2>&1 \
    || { tail -n 30 "$DEMO_DIR/build.log" >&2; fail "the build failed; see $DEMO_DIR/build.log"; }
}

load_messages() {
  step "loading $MESSAGES generated login messages into $QUEUE_NAME (seed $SEED)"
  sqs_fresh_queue
  python3 "$REPO_ROOT/tools/generate_logins.py" --count "$MESSAGES" --seed "$SEED" \
    | python3 "$REPO_ROOT/tools/send_messages.py" --queue-url "$(sqs_queue_url)" 2>/dev/null \
    || fail "could not send the messages to $(sqs_queue_url)"
}

reset_tables() {
  demo_psql -c "SET client_min_messages = warning" \
    -c "DROP TABLE IF EXISTS user_logins, user_logins_rejects, sluice_ledger"
  demo_psql -f "$REPO_ROOT/pipelines/user_logins.sql"
}

# The variables a user exports to run the pipeline by hand against the demo's servers.
write_env_file() {
  {
    echo "# source .sluice-demo/env   -- the demo's servers, for sluice, psql and aws"
    echo "export SQS_QUEUE_URL='$(sqs_queue_url)'"
    echo "export PG_DSN='$(pg_dsn)'"
    if [[ -z "${SLUICE_MASK_KEY:-}" ]]; then
      echo "export SLUICE_MASK_KEY=\"\$(cat '$DEMO_DIR/mask.key')\""
    fi
    printf 'export %s\n' "${DEMO_AWS_ENV[@]}"
  } >"$DEMO_DIR/env"
}

run_pipeline() {
  step "running: sluice run $PIPELINE --drain"
  (cd "$REPO_ROOT" && env "${DEMO_AWS_ENV[@]}" SQS_QUEUE_URL="$(sqs_queue_url)" PG_DSN="$(pg_dsn)" \
      SLUICE_MASK_KEY="$(mask_key)" \
      "$SLUICE" run "$PIPELINE" --drain) >"$DEMO_DIR/sluice.log" 2>&1 \
    || { tail -n 30 "$DEMO_DIR/sluice.log" >&2; fail "the pipeline failed; see $DEMO_DIR/sluice.log"; }
}

summarise() {
  demo_psql -f "$REPO_ROOT/scripts/demo/summary.sql"
  local left
  left="$(demo_aws sqs get-queue-attributes --queue-url "$(sqs_queue_url)" \
            --attribute-names ApproximateNumberOfMessages --query 'Attributes.ApproximateNumberOfMessages' \
            --output text)"
  echo "Messages left in $QUEUE_NAME: $left"
}

print_next_steps() {
  local aws_env="${DEMO_AWS_ENV[*]}"
  cat <<EOF

PostgreSQL and the SQS emulator keep running. Try:
  psql '$(pg_dsn)' -c 'SELECT * FROM user_logins LIMIT 10'
  psql '$(pg_dsn)' -c 'SELECT step, reason, body FROM user_logins_rejects'
  $aws_env aws --endpoint-url $(sqs_endpoint) sqs get-queue-attributes --queue-url $(sqs_queue_url) --attribute-names All
  python3 tools/generate_logins.py --count 10 --seed 2 | python3 tools/send_messages.py --queue-url $(sqs_queue_url)
  source .sluice-demo/env && build/bin/sluice run $PIPELINE --drain
(.sluice-demo/env exports the queue URL, the DSN, the masking key and dummy AWS credentials.)
Stop both servers: scripts/demo.sh stop
EOF
}

demo() {
  "$REPO_ROOT/scripts/setup.sh"
  mkdir -p "$DEMO_DIR"
  build
  choose_ports
  step "starting PostgreSQL on 127.0.0.1:$PG_PORT and the SQS emulator on 127.0.0.1:$SQS_PORT"
  pg_start
  sqs_start
  reset_tables
  load_messages
  write_env_file
  run_pipeline
  summarise
  print_next_steps
}

stop() {
  [[ -d "$DEMO_DIR" ]] || { echo "nothing to stop"; return 0; }
  # shellcheck source=/dev/null
  [[ -f "$DEMO_DIR/ports" ]] && source "$DEMO_DIR/ports"
  sqs_stop
  pg_stop
  echo "stopped PostgreSQL and the SQS emulator (data stays in .sluice-demo/; rm -rf it to start over)"
}

case "${1:-}" in
  "") demo ;;
  stop) stop ;;
  -h | --help | help) usage ;;
  *) echo "demo.sh: unknown command '$1'" >&2; usage ;;
esac
