# The demo's SQS emulator (local-aws-sqs via scripts/sqs-emulator.mjs):
# sourced by scripts/demo.sh. Needs REPO_ROOT, DEMO_DIR and SQS_PORT.
# shellcheck shell=bash

QUEUE_NAME=login-queue
ACCOUNT_ID=000000000000
# The emulator checks no signature; awscli and sluice sign with whatever they are given.
DEMO_AWS_ENV=(AWS_ACCESS_KEY_ID=test AWS_SECRET_ACCESS_KEY=test AWS_REGION=us-east-1 AWS_DEFAULT_REGION=us-east-1)

sqs_endpoint() { echo "http://127.0.0.1:$SQS_PORT"; }
sqs_queue_url() { echo "$(sqs_endpoint)/$ACCOUNT_ID/$QUEUE_NAME"; }

sqs_is_running() {
  local pid
  pid="$(cat "$DEMO_DIR/sqs.pid" 2>/dev/null)" || return 1
  kill -0 "$pid" 2>/dev/null && grep -q "sqs-emulator" "/proc/$pid/cmdline" 2>/dev/null
}

sqs_start() {
  sqs_is_running && return 0
  rm -f "$DEMO_DIR/sqs.pid"
  # Its own session (setsid): the emulator outlives this script and a Ctrl-C
  # in its terminal. The inner shell records its pid, which exec hands to node.
  # shellcheck disable=SC2016  # $$ and $1.. belong to the inner shell
  setsid -f bash -c 'echo $$ >"$1" && exec node "$2" --host 127.0.0.1 --port "$3"' \
    sqs-emulator "$DEMO_DIR/sqs.pid" "$REPO_ROOT/scripts/sqs-emulator.mjs" "$SQS_PORT" \
    >"$DEMO_DIR/sqs.log" 2>&1 </dev/null
  local _
  for _ in $(seq 100); do
    grep -q "^sqs-emulator ready" "$DEMO_DIR/sqs.log" 2>/dev/null && return 0
    [[ -s "$DEMO_DIR/sqs.pid" ]] && ! sqs_is_running && break
    sleep 0.1
  done
  fail "the SQS emulator did not start; see $DEMO_DIR/sqs.log"
}

sqs_stop() {
  if sqs_is_running; then
    local pid _
    pid="$(cat "$DEMO_DIR/sqs.pid")"
    kill "$pid"
    for _ in $(seq 50); do
      kill -0 "$pid" 2>/dev/null || break
      sleep 0.1
    done
  fi
  rm -f "$DEMO_DIR/sqs.pid"
}

# demo_aws ARGS...: awscli against the emulator.
demo_aws() {
  env "${DEMO_AWS_ENV[@]}" aws --endpoint-url "$(sqs_endpoint)" "$@"
}

# An empty login-queue: created when missing, emptied when it is there.
sqs_fresh_queue() {
  demo_aws sqs delete-queue --queue-url "$(sqs_queue_url)" >/dev/null 2>&1 || true
  demo_aws sqs create-queue --queue-name "$QUEUE_NAME" >/dev/null \
    || fail "cannot create $QUEUE_NAME on $(sqs_endpoint)"
}
