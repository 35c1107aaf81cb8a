#!/usr/bin/env bash
# Builds the Azure Functions deployment package of BreachNotify (custom handler):
#   artifacts/package/                  the package tree
#     BreachNotify.Functions            self-contained linux-x64 executable (+ its files)
#     host.json                         from the repository root
#     <FunctionName>/function.json      one folder per function, from src/BreachNotify.Functions/Functions/*/
#     directory/directory.json          only with --directory FILE (Directory:Path default in Bicep)
#   artifacts/breachnotify-functions.zip
# Usage: scripts/package.sh [--directory path/to/directory.json]
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"

DIRECTORY_FILE=""
while [[ $# -gt 0 ]]; do
  case "$1" in
    --directory) DIRECTORY_FILE="${2:?--directory needs a file}"; shift 2 ;;
    -h|--help) sed -n '2,10p' "$0"; exit 0 ;;
    *) echo "package.sh: unknown argument $1" >&2; exit 2 ;;
  esac
done

PROJECT="src/BreachNotify.Functions"
FUNCTIONS_DIR="$PROJECT/Functions"
PKG="artifacts/package"
ZIP="artifacts/breachnotify-functions.zip"
EXE="BreachNotify.Functions"

[[ -f host.json ]] || { echo "package.sh: host.json missing at the repository root" >&2; exit 1; }
if [[ -n "$DIRECTORY_FILE" && ! -f "$DIRECTORY_FILE" ]]; then
  echo "package.sh: directory file $DIRECTORY_FILE not found" >&2; exit 1
fi

START=$(date +%s)
TMP="$(mktemp -d)"
trap 'rm -rf "$TMP"' EXIT

echo "package.sh: dotnet publish $PROJECT (Release, linux-x64, self-contained)"
dotnet publish "$PROJECT" -c Release -r linux-x64 --self-contained true -o "$TMP/app" --nologo -v quiet

[[ -f "$TMP/app/$EXE" ]] || { echo "package.sh: publish produced no $EXE executable" >&2; exit 1; }

rm -rf "$PKG" "$ZIP"
mkdir -p "$PKG"
cp -a "$TMP/app/." "$PKG/"
# The csproj also copies Functions/**/function.json into the publish output; the host only reads
# <root>/<FunctionName>/function.json, so drop the nested copy to keep one source of truth.
rm -rf "$PKG/Functions"
cp host.json "$PKG/host.json"
chmod +x "$PKG/$EXE"

COUNT=0
if [[ -d "$FUNCTIONS_DIR" ]]; then
  shopt -s nullglob
  for fj in "$FUNCTIONS_DIR"/*/function.json; do
    name="$(basename "$(dirname "$fj")")"
    if [[ -e "$PKG/$name" && ! -d "$PKG/$name" ]]; then
      echo "package.sh: function $name clashes with a published file of the same name" >&2; exit 1
    fi
    mkdir -p "$PKG/$name"
    cp "$fj" "$PKG/$name/function.json"
    COUNT=$((COUNT + 1))
  done
  shopt -u nullglob
fi
echo "package.sh: $COUNT function folder(s)"

if [[ -n "$DIRECTORY_FILE" ]]; then
  mkdir -p "$PKG/directory"
  cp "$DIRECTORY_FILE" "$PKG/directory/directory.json"
  echo "package.sh: directory file included as directory/directory.json"
fi

# Zip with the package tree at the zip root; keep the executable bit (zip and Python both store it).
ZIP_ABS="$ROOT/$ZIP"
if command -v zip >/dev/null 2>&1; then
  (cd "$PKG" && zip -q -r -X "$ZIP_ABS" .)
elif command -v python3 >/dev/null 2>&1; then
  (cd "$PKG" && python3 - "$ZIP_ABS" <<'PY'
import os, sys, zipfile
with zipfile.ZipFile(sys.argv[1], "w", zipfile.ZIP_DEFLATED) as z:
    for base, _, files in os.walk("."):
        for f in files:
            p = os.path.join(base, f)
            z.write(p, os.path.relpath(p, "."))
PY
  )
else
  echo "package.sh: neither zip nor python3 is available" >&2; exit 1
fi

SIZE=$(stat -c %s "$ZIP")
echo "package.sh: $ZIP  $SIZE bytes ($(( (SIZE + 1048575) / 1048576 )) MiB), $(( $(date +%s) - START )) s"
