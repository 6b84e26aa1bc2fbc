#!/usr/bin/env bash
# Start, stop or query a Virtuoso 7 (Debian's virtuoso-opensource-7) used as the remote
# SPARQL endpoint of tests and CI.
#   virtuoso.sh start    install the package if missing, write .virtuoso/virtuoso.ini, start on loopback,
#                        wait until http://127.0.0.1:$VIRTUOSO_HTTP_PORT/sparql answers
#   virtuoso.sh stop     checkpoint and shut down (SIGKILL after 30 s)
#   virtuoso.sh status   exit 0 if running
# Endpoint: http://127.0.0.1:8890/sparql (read), /sparql-auth (update, HTTP Digest, dba/dba).
# The default dba/dba credentials are for this loopback test server only.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
state="${VIRTUOSO_STATE_DIR:-$root/.virtuoso}"
http_port="${VIRTUOSO_HTTP_PORT:-8890}"
sql_port="${VIRTUOSO_SQL_PORT:-1111}"
host=127.0.0.1
ini="$state/virtuoso.ini"
pidfile="$state/virtuoso.pid"
log="$state/virtuoso.out"
timeout="${VIRTUOSO_START_TIMEOUT:-180}"

running() {
  [ -f "$pidfile" ] && kill -0 "$(cat "$pidfile")" 2>/dev/null
}

port_open() {
  (exec 3<>"/dev/tcp/$host/$1") 2>/dev/null
}

install() {
  if ! command -v virtuoso-t >/dev/null; then
    echo "installing virtuoso-opensource-7 (apt-get)"
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq
    apt-get install -y -qq virtuoso-opensource-7 >/dev/null
  fi
}

write_ini() {
  mkdir -p "$state/db"
  cat >"$ini" <<INI
[Database]
DatabaseFile       = $state/db/virtuoso.db
ErrorLogFile       = $state/db/virtuoso.log
LockFile           = $state/db/virtuoso.lck
TransactionFile    = $state/db/virtuoso.trx
xa_persistent_file = $state/db/virtuoso.pxa
ErrorLogLevel      = 7
FileExtend         = 200
MaxCheckpointRemap = 2000
Striping           = 0
TempStorage        = TempDatabase

[TempDatabase]
DatabaseFile       = $state/db/virtuoso-temp.db
TransactionFile    = $state/db/virtuoso-temp.trx
MaxCheckpointRemap = 2000
Striping           = 0

[Parameters]
ServerPort               = $host:$sql_port
DisableUnixSocket        = 1
MaxClientConnections     = 10
CheckpointInterval       = 60
CaseMode                 = 2
DirsAllowed              = ., $state, /usr/share/virtuoso-opensource-7/vad
VADInstallDir            = /usr/share/virtuoso-opensource-7/vad/
NumberOfBuffers          = 10000
MaxDirtyBuffers          = 6000
MaxQueryMem              = 512M
ThreadsPerQuery          = 2

[HTTPServer]
ServerPort                  = $host:$http_port
ServerRoot                  = /var/lib/virtuoso-opensource-7/vsp
MaxClientConnections        = 10
EnabledDavVSP               = 0
ServerThreads               = 10
Charset                     = UTF-8

[SPARQL]
ResultSetMaxRows           = 1000000
MaxQueryExecutionTime      = 60
MaxQueryCostEstimationTime = 400
INI
}

start() {
  if running; then
    echo "virtuoso already running (pid $(cat "$pidfile")) on http://$host:$http_port/sparql"
    return 0
  fi
  for p in "$http_port" "$sql_port"; do
    if port_open "$p"; then
      echo "port $host:$p is already in use by another process" >&2
      return 1
    fi
  done
  install
  write_ini
  local t0=$SECONDS
  cd "$state"
  nohup virtuoso-t +foreground +configfile "$ini" >"$log" 2>&1 </dev/null &
  echo $! >"$pidfile"
  cd "$root"
  until port_open "$http_port" && curl -sf -o /dev/null "http://$host:$http_port/sparql?query=ASK%7B%7D"; do
    if ! running; then
      echo "virtuoso exited during start; last lines of $log and its error log:" >&2
      tail -n 20 "$log" "$state/db/virtuoso.log" >&2 || true
      rm -f "$pidfile"
      return 1
    fi
    if [ $((SECONDS - t0)) -ge "$timeout" ]; then
      echo "virtuoso did not answer on $host:$http_port within ${timeout}s; last lines of its log:" >&2
      tail -n 20 "$state/db/virtuoso.log" >&2 || true
      stop
      return 1
    fi
    sleep 0.3
  done
  echo "virtuoso ready on http://$host:$http_port/sparql in $((SECONDS - t0)) s (pid $(cat "$pidfile"))"
}

stop() {
  if ! running; then
    rm -f "$pidfile"
    echo "virtuoso not running"
    return 0
  fi
  local pid
  pid=$(cat "$pidfile")
  isql-vt "$host:$sql_port" dba dba exec="checkpoint; shutdown;" >/dev/null 2>&1 || kill -TERM "$pid" 2>/dev/null || true
  for _ in $(seq 60); do
    kill -0 "$pid" 2>/dev/null || break
    sleep 0.5
  done
  if kill -0 "$pid" 2>/dev/null; then
    echo "virtuoso (pid $pid) still running after 30 s: killing" >&2
    kill -KILL "$pid"
  fi
  rm -f "$pidfile"
  echo "virtuoso stopped"
}

case "${1:-}" in
  start) start ;;
  stop) stop ;;
  status) if running; then echo "running (pid $(cat "$pidfile")) on http://$host:$http_port/sparql"; else echo "not running"; exit 1; fi ;;
  *) echo "usage: $0 start|stop|status" >&2; exit 2 ;;
esac
