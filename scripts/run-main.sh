#!/usr/bin/env bash
# The main job on the embedded default: install, build the graph from the shipped
# records, answer every named question, write the HTML views (into ./stdkg-data).
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
bash "$root/scripts/setup.sh"
exec "$root/.venv/bin/stdkg" run "$@"
