# Sourced by test.sh and the benchmarks: a throwaway PostgreSQL on 127.0.0.1 in a temporary directory.
#   pg_start  -> sets PG_PORT, PG_DIR and exports LEARNING_TEST_POSTGRES
#   pg_stop
# Tests run with fsync=off (a throwaway server). Benchmarks that write set PG_DURABLE=1 for PostgreSQL's durable defaults
# (fsync, synchronous_commit, full_page_writes), as Moodle and every peer are measured.
SUDO=${SUDO:-}
if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi
as_postgres() { if [ "$(id -u)" -eq 0 ]; then su postgres -s /bin/bash -c "$1"; else $SUDO -u postgres bash -c "$1"; fi; }

pg_durability() { if [ "${PG_DURABLE:-0}" = 1 ]; then echo "-c fsync=on"; else echo "-c fsync=off"; fi; }

pg_start() {
  PG_BIN=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1)
  PG_DIR=$(mktemp -d /tmp/learning-pg.XXXXXX)
  PG_PORT=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
  $SUDO chown postgres "$PG_DIR"
  as_postgres "$PG_BIN/initdb -D $PG_DIR/data -U postgres --auth=trust -E UTF8 --locale=C.UTF-8 >/dev/null"
  as_postgres "$PG_BIN/pg_ctl -D $PG_DIR/data -l $PG_DIR/log -w -o '-p $PG_PORT -k $PG_DIR -c listen_addresses=127.0.0.1 $(pg_durability) -c max_connections=300 ${PG_EXTRA:-}' start >/dev/null"
  export LEARNING_TEST_POSTGRES="Host=127.0.0.1;Port=$PG_PORT;Username=postgres"
  echo "PostgreSQL $("$PG_BIN/postgres" --version | awk '{print $3}') on 127.0.0.1:$PG_PORT ($(pg_durability | sed 's/-c //'))"
}

pg_stop() {
  [ -n "${PG_DIR:-}" ] || return 0
  as_postgres "$PG_BIN/pg_ctl -D $PG_DIR/data -m fast stop >/dev/null" || true
  $SUDO rm -rf "$PG_DIR"
}

# For fault benchmarks: stop the server (keeping its data) and start it again on the same port.
pg_down() { as_postgres "$PG_BIN/pg_ctl -D $PG_DIR/data -m fast -w stop >/dev/null"; }
pg_up() { as_postgres "$PG_BIN/pg_ctl -D $PG_DIR/data -l $PG_DIR/log -w -o '-p $PG_PORT -k $PG_DIR -c listen_addresses=127.0.0.1 $(pg_durability) -c max_connections=300 ${PG_EXTRA:-}' start >/dev/null"; }
