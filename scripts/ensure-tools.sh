#!/usr/bin/env bash
# System tools the test suite uses beyond Python: poppler-utils (pdftotext, pdftoppm)
# to read the generated PDFs back, DejaVu fonts that WeasyPrint embeds in them, and
# Debian's Chromium for the browser tests (Playwright cannot download browsers here).
# Installed with apt-get when missing, so a fresh machine needs nothing by hand.
set -euo pipefail
faltan=()
command -v pdftotext >/dev/null 2>&1 || faltan+=(poppler-utils)
fc-list 2>/dev/null | grep -qi "DejaVu Sans" || faltan+=(fonts-dejavu-core)
[ -x /usr/bin/chromium ] || faltan+=(chromium)
if [ ${#faltan[@]} -gt 0 ]; then
  echo "ensure-tools: installing ${faltan[*]}" >&2
  if [ "$(id -u)" -eq 0 ]; then sudo_=""; else sudo_="sudo -n"; fi
  $sudo_ apt-get update -qq >&2
  DEBIAN_FRONTEND=noninteractive $sudo_ apt-get install -y -qq "${faltan[@]}" >&2
fi
