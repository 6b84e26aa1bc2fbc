#!/usr/bin/env bash
# Install what the document readers' tests use from Debian: LibreOffice Writer (reads .doc/.wps:
# `libreoffice --headless --convert-to docx`), qpdf (makes an encrypted PDF) and the Noto CJK fonts
# (Chinese PDFs printed by Chromium). Idempotent: installs only what is missing.
set -euo pipefail
need=()
command -v libreoffice >/dev/null 2>&1 || need+=(libreoffice-writer)
command -v qpdf >/dev/null 2>&1 || need+=(qpdf)
fc-list 2>/dev/null | grep -qi "Noto Sans CJK" || need+=(fonts-noto-cjk)
if [ ${#need[@]} -eq 0 ]; then
  exit 0
fi
sudo=""
[ "$(id -u)" -eq 0 ] || sudo="sudo"
export DEBIAN_FRONTEND=noninteractive
$sudo apt-get update -qq
$sudo apt-get install -y -qq --no-install-recommends "${need[@]}" fontconfig >/dev/null
fc-cache -f >/dev/null 2>&1 || true
