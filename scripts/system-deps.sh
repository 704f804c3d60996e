#!/usr/bin/env bash
# Install the Debian packages ktpwatch needs at run time: Chromium (evidence
# screenshots, the browser transport), Tesseract (reading listing photos), and
# Pango with HarfBuzz's subsetter and a font (WeasyPrint's PDF of a case file).
# Idempotent: does nothing when they are present. Needs root for apt-get;
# otherwise prints the one command to run.
set -euo pipefail

need=()
if [ -z "${KTPWATCH_BROWSER:-}" ] && [ ! -x /usr/bin/chromium ]; then need+=(chromium); fi
command -v tesseract >/dev/null 2>&1 || need+=(tesseract-ocr)
if command -v tesseract >/dev/null 2>&1 && ! tesseract --list-langs 2>/dev/null | grep -qx ind; then
  need+=(tesseract-ocr-ind)
elif ! command -v tesseract >/dev/null 2>&1; then
  need+=(tesseract-ocr-ind)
fi
# WeasyPrint loads these through cffi at run time; pip cannot install them
for pkg in libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 fonts-dejavu-core; do
  dpkg -s "$pkg" >/dev/null 2>&1 || need+=("$pkg")
done
# extra packages asked for by the caller (CI adds postgresql redis-server)
for pkg in "$@"; do
  case "$pkg" in
    postgresql) ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || need+=(postgresql) ;;
    redis-server) command -v redis-server >/dev/null 2>&1 || need+=(redis-server) ;;
    *) dpkg -s "$pkg" >/dev/null 2>&1 || need+=("$pkg") ;;
  esac
done

if [ ${#need[@]} -eq 0 ]; then
  echo "system packages: all present"
  exit 0
fi
if [ "$(id -u)" != 0 ]; then
  echo "system packages missing: ${need[*]}"
  echo "run: sudo apt-get update && sudo apt-get install -y ${need[*]}"
  exit 0
fi
echo "installing system packages: ${need[*]}"
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq --no-install-recommends "${need[@]}" fonts-dejavu-core >/dev/null
echo "system packages: installed ${need[*]}"
