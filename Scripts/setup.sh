#!/usr/bin/env bash
# Installs the Debian packages covaudit needs when they are missing (idempotent, quiet when done).
#   libspatialite-dev, libsqlite3-dev     build: SpatiaLite and SQLite headers
#   libsqlite3-mod-spatialite             run:   SpatiaLite's loadable module and proj data
#   libgdal-dev                           build: GDAL/OGR headers (vector formats, coordinate systems)
#   libssl-dev                            build: OpenSSL's libcrypto headers (SHA-256 of imported files)
#   gdal-bin                              tests: ogrinfo checks that stores and GeoJSON open in GDAL/QGIS
#   chromium                              tests: the report rendered at phone and desktop widths and printed to A4
#   python3                               CI: Scripts/check-module-imports.py
set -euo pipefail
packages=(libspatialite-dev libsqlite3-dev libsqlite3-mod-spatialite libgdal-dev libssl-dev gdal-bin chromium python3)
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if ((${#missing[@]})); then
  echo "setup: installing ${missing[*]}" >&2
  sudo=""
  [ "$(id -u)" -eq 0 ] || sudo="sudo"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >&2
fi
command -v swift >/dev/null || { echo "setup: swift is not on PATH (install Swift 6.1 or newer)" >&2; exit 1; }
