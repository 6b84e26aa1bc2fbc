#!/usr/bin/env bash
# The whole test suite: installs what it needs (Python packages, Debian's chromium
# and CJK fonts, LibreOffice Writer and qpdf for the document readers, Virtuoso, a Neo4j 5 built from Maven Central), starts the servers
# on loopback, runs pytest (notebooks included), and stops the servers.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
bash scripts/setup.sh test
bash scripts/chromium.sh
bash scripts/office.sh
stop_servers() {
  bash scripts/neo4j/neo4j.sh stop >/dev/null 2>&1 || true
  bash scripts/virtuoso.sh stop >/dev/null 2>&1 || true
}
trap stop_servers EXIT
bash scripts/virtuoso.sh start
bash scripts/neo4j/neo4j.sh start
export NEO4J_URI="${NEO4J_URI:-bolt://127.0.0.1:7687}"
export VIRTUOSO_ENDPOINT="${VIRTUOSO_ENDPOINT:-http://127.0.0.1:8890/sparql}"
export STDKG_TEST_SERVERS=started
.venv/bin/python -m pytest -q "$@"
