# shellcheck shell=bash
# Sourced by scripts/backup.sh and scripts/restore.sh: the PostgreSQL client they share.
#
#   conectar_postgres URL NOMBRE_APP FUNCION_DE_ERROR HERRAMIENTA…
#
# Puts the newest installed client on PATH when none is (it must match the server's
# major version or be newer), checks the tools, and sets url_bd to the URL without its
# password, which goes in PGPASSWORD instead: a password on a command line is visible
# to every local user (ps). Calls FUNCION_DE_ERROR with a message on any problem.

conectar_postgres() {
  local url="$1" aplicacion="$2" error="$3"
  shift 3
  if [ -z "${PG_BIN:-}" ] && ! command -v "$1" >/dev/null 2>&1; then
    PG_BIN="$(find /usr/lib/postgresql -mindepth 2 -maxdepth 2 -name bin 2>/dev/null | sort -V | tail -n 1)"
  fi
  PATH="${PG_BIN:+$PG_BIN:}$PATH"
  local herramienta
  for herramienta in "$@" sha256sum tar python3; do
    command -v "$herramienta" >/dev/null 2>&1 || "$error" "falta la herramienta $herramienta"
  done
  local clave
  { IFS= read -r url_bd || true; IFS= read -r clave || true; } < <(python3 - "$url" <<'PY'
import sys
from urllib.parse import unquote, urlsplit, urlunsplit

url = urlsplit(sys.argv[1])
if url.scheme not in ("postgres", "postgresql", "pgsql"):
    sys.exit("la base de datos debe darse como URL de PostgreSQL (postgres://…)")
credenciales, _, servidor = url.netloc.rpartition("@")
usuario, _, clave = credenciales.partition(":")
netloc = f"{usuario}@{servidor}" if usuario else servidor
print(urlunsplit(("postgresql", netloc, url.path, url.query, "")))
print(unquote(clave))
PY
  )
  [ -n "$url_bd" ] || "$error" "URL de base de datos no válida"
  if [ -n "$clave" ]; then export PGPASSWORD="$clave"; fi
  export PGAPPNAME="$aplicacion"
}
