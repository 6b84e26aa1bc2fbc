#!/usr/bin/env bash
# Start, stop or query the embedded Neo4j 5 used by tests and CI.
#   neo4j.sh start    build the jar if missing, start Bolt on 127.0.0.1:$NEO4J_PORT (7687), wait until it answers
#   neo4j.sh stop     stop it (SIGTERM, then SIGKILL after 30 s)
#   neo4j.sh status   exit 0 if running
#   neo4j.sh home     print the server's Neo4j home (where `stdkg load-neo4j --bulk` imports)
#   neo4j.sh classpath  build the jar if missing, print the Java classpath (neo4j-admin's AdminTool included)
# State lives in <repo>/.neo4j/ (data, pid file, log). Authentication is off (loopback only).
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
state="${NEO4J_STATE_DIR:-$root/.neo4j}"
port="${NEO4J_PORT:-7687}"
host=127.0.0.1
jar="$here/target/stdkg-neo4j-1.0.jar"
pidfile="$state/neo4j.pid"
log="$state/neo4j.log"
timeout="${NEO4J_START_TIMEOUT:-300}"

running() {
  [ -f "$pidfile" ] && kill -0 "$(cat "$pidfile")" 2>/dev/null
}

port_open() {
  (exec 3<>"/dev/tcp/$host/$port") 2>/dev/null
}

build() {
  if [ ! -f "$jar" ] || [ "$here/pom.xml" -nt "$jar" ] || [ -n "$(find "$here/src" -newer "$jar" -type f)" ]; then
    echo "building $jar (mvn package)"
    (cd "$here" && mvn -q -B package)
  fi
}

start() {
  if running; then
    echo "neo4j already running (pid $(cat "$pidfile")) on bolt://$host:$port"
    return 0
  fi
  if port_open; then
    echo "port $host:$port is already in use by another process" >&2
    return 1
  fi
  command -v java >/dev/null || { echo "java not found: install a JDK 17" >&2; return 1; }
  build
  mkdir -p "$state"
  local t0=$SECONDS
  nohup java -Xms256m -Xmx1g -jar "$jar" "$state/data" "$port" "$host" >"$log" 2>&1 </dev/null &
  echo $! >"$pidfile"
  while ! grep -q "stdkg-neo4j ready" "$log" 2>/dev/null || ! port_open; do
    if ! running; then
      echo "neo4j exited during start; last lines of $log and its debug.log:" >&2
      tail -n 30 "$log" "$state/data/logs/debug.log" >&2 2>/dev/null || true
      rm -f "$pidfile"
      return 1
    fi
    if [ $((SECONDS - t0)) -ge "$timeout" ]; then
      echo "neo4j did not answer on $host:$port within ${timeout}s; last lines of $log and its debug.log:" >&2
      tail -n 30 "$log" "$state/data/logs/debug.log" >&2 2>/dev/null || true
      stop
      return 1
    fi
    sleep 0.5
  done
  echo "neo4j ready on bolt://$host:$port in $((SECONDS - t0)) s (pid $(cat "$pidfile"))"
}

stop() {
  if ! running; then
    rm -f "$pidfile"
    echo "neo4j not running"
    return 0
  fi
  local pid
  pid=$(cat "$pidfile")
  kill -TERM "$pid"
  for _ in $(seq 60); do
    kill -0 "$pid" 2>/dev/null || break
    sleep 0.5
  done
  if kill -0 "$pid" 2>/dev/null; then
    echo "neo4j (pid $pid) ignored SIGTERM for 30 s: killing" >&2
    kill -KILL "$pid"
  fi
  rm -f "$pidfile"
  echo "neo4j stopped"
}

case "${1:-}" in
  start) start ;;
  stop) stop ;;
  status) if running; then echo "running (pid $(cat "$pidfile")) on bolt://$host:$port"; else echo "not running"; exit 1; fi ;;
  build) build ;;
  home) echo "$state/data" ;;
  classpath) build >&2; echo "$jar:$here/target/lib/*" ;;
  *) echo "usage: $0 start|stop|status|build|home|classpath" >&2; exit 2 ;;
esac
