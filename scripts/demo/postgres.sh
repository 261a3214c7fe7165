# The demo's PostgreSQL cluster: sourced by scripts/demo.sh.
# Needs DEMO_DIR (the repository's .sluice-demo/) and PG_PORT.
# shellcheck shell=bash

PG_BIN="${PG_BIN:-/usr/lib/postgresql/15/bin}"
PG_USER=postgres  # the cluster's superuser, trusted on 127.0.0.1 and its socket only

# Commands that touch the cluster run as the `postgres` system user when we
# are root (PostgreSQL refuses to run as root).
as_cluster_owner() {
  if [[ "$(id -u)" == 0 ]]; then
    runuser -u postgres -- "$@"
  else
    "$@"
  fi
}

# Where the cluster lives: .sluice-demo/postgres, unless the `postgres` user
# cannot reach it (a checkout under /root) or the socket path would be too
# long for a unix socket; then a directory under /var/tmp, linked from there.
pg_home() {
  local wanted="$DEMO_DIR/postgres"
  [[ -L "$wanted" ]] && { readlink "$wanted"; return; }
  if [[ -d "$wanted" ]] || { (( ${#wanted} < 80 )) && cluster_owner_can_enter "$DEMO_DIR"; }; then
    echo "$wanted"
    return
  fi
  local elsewhere
  elsewhere="/var/tmp/sluice-demo-$(echo "$DEMO_DIR" | cksum | cut -d' ' -f1)/postgres"
  mkdir -p "$elsewhere"
  ln -sfn "$elsewhere" "$wanted"
  echo "$elsewhere"
}

cluster_owner_can_enter() {
  [[ "$(id -u)" != 0 ]] || runuser -u postgres -- test -x "$1" 2>/dev/null
}

pg_is_running() {
  local home
  home="$(pg_home)"
  [[ -f "$home/data/PG_VERSION" ]] && as_cluster_owner "$PG_BIN/pg_ctl" -D "$home/data" status >/dev/null 2>&1
}

pg_start() {
  local home
  home="$(pg_home)"
  mkdir -p "$home"
  [[ "$(id -u)" == 0 ]] && chown postgres: "$home"
  if [[ ! -f "$home/data/PG_VERSION" ]]; then
    as_cluster_owner "$PG_BIN/initdb" -D "$home/data" -U "$PG_USER" -A trust -E UTF8 --locale=C \
      >"$DEMO_DIR/initdb.log" 2>&1 || fail "initdb failed; see $DEMO_DIR/initdb.log"
  fi
  pg_is_running && return 0
  # Listens on 127.0.0.1 only, with its socket beside the data.
  (cd "$home" && as_cluster_owner "$PG_BIN/pg_ctl" -D "$home/data" -l "$home/postgres.log" -w -t 60 \
    -o "-p $PG_PORT -c listen_addresses=127.0.0.1 -k $home" start >/dev/null) \
    || fail "PostgreSQL did not start; see $home/postgres.log"
}

pg_stop() {
  pg_is_running || return 0
  local home
  home="$(pg_home)"
  (cd "$home" && as_cluster_owner "$PG_BIN/pg_ctl" -D "$home/data" -m fast -w stop >/dev/null)
}

pg_dsn() {
  echo "postgresql://$PG_USER@127.0.0.1:$PG_PORT/postgres"
}

# demo_psql [psql options...]: psql on the demo cluster, quiet, stopping at the first error.
demo_psql() {
  PGCONNECT_TIMEOUT=10 psql -X -q -v ON_ERROR_STOP=1 "$(pg_dsn)" "$@"
}
