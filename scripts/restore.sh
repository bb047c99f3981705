#!/usr/bin/env bash
# Restore a backup made by scripts/backup.sh and prove it is complete.
#
#   scripts/restore.sh RESPALDO URL_BD_DESTINO DIRECTORIO_ARCHIVOS
#
#   RESPALDO             a folder DESTINO/snimh-AAAAMMDDTHHMMSSZ written by backup.sh
#   URL_BD_DESTINO       postgres://usuario:clave@servidor:5432/nombre of an EMPTY
#                        database (createdb -O snimh nombre); it is never dropped or
#                        overwritten: a database with tables is refused
#   DIRECTORIO_ARCHIVOS  where the evidence store is unpacked; must not exist or be
#                        empty (point MEDIA_ROOT at it, or move it into place)
#
# Steps: check the backup's own SHA-256 sums; pg_restore in one transaction (the
# extensions btree_gist and unaccent are created by the dump, and the history
# triggers are created after the data, so restoring fires none of them); compare
# the rows of every table with the manifest; unpack the files; compare every
# file's SHA-256 with the manifest and look for files the manifest does not list.
# Exit status: 0 verified; 1 a check failed (the restored copy is left for
# inspection); 2 wrong arguments or a destination that is not empty.
set -euo pipefail
umask 027

uso() {
  echo "Uso: $0 RESPALDO URL_BD_DESTINO DIRECTORIO_ARCHIVOS" >&2
  exit 2
}
rechazar() {
  echo "restore: $*" >&2
  exit 2
}
fallar() {
  echo "restore: VERIFICACIÓN FALLIDA: $*" >&2
  exit 1
}

[ $# -eq 3 ] || uso
respaldo="$1"
destino_archivos="$3"
[ -d "$respaldo" ] || rechazar "no existe el respaldo $respaldo"
respaldo="$(cd "$respaldo" && pwd)"
for archivo in SHA256SUMS database.dump media.tar.gz row-counts.tsv media.sha256; do
  [ -f "$respaldo/$archivo" ] || rechazar "al respaldo le falta $archivo (¿respaldo incompleto?)"
done
if [ -e "$destino_archivos" ] && [ -n "$(find "$destino_archivos" -mindepth 1 -maxdepth 1 -print -quit)" ]; then
  rechazar "el directorio de archivos no está vacío: $destino_archivos"
fi

# shellcheck source=scripts/lib-postgres.sh
. "$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)/lib-postgres.sh"
conectar_postgres "$2" snimh-restauracion rechazar pg_restore psql
consulta() {
  psql --no-psqlrc --quiet --tuples-only --no-align --field-separator=$'\t' --set ON_ERROR_STOP=1 \
    --dbname "$url_bd" --command "$1"
}

# 1. The backup itself: a damaged or altered file stops everything here.
echo "1/5 Sumas SHA-256 del respaldo"
(cd "$respaldo" && sha256sum --check --strict --quiet SHA256SUMS) \
  || fallar "el respaldo está dañado o fue modificado (SHA256SUMS no coincide)"

# 2. The database, into an empty one only: restoring over data would mix two states.
echo "2/5 Restauración de la base de datos"
existentes="$(consulta "SELECT count(*) FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE c.relkind IN ('r', 'p', 'v', 'm', 'S') AND n.nspname NOT IN ('pg_catalog', 'information_schema') AND n.nspname NOT LIKE 'pg\\_%';")" \
  || rechazar "no se pudo conectar con la base de destino"
[ "$existentes" = "0" ] || rechazar "la base de destino no está vacía ($existentes relaciones); cree una nueva con createdb"
# --no-owner/--no-privileges: the restoring role owns everything, so a drill can
# run on another server with other role names. --single-transaction: all or nothing.
pg_restore --no-owner --no-privileges --exit-on-error --single-transaction \
  --dbname="$url_bd" "$respaldo/database.dump" \
  || fallar "pg_restore no terminó; la base de destino quedó sin cambios"

# 3. Rows of every table, counted the way backup.sh counted them.
echo "3/5 Filas por tabla"
# The backup folder may be read-only (an off-site copy): work files go elsewhere.
conteo="$(mktemp)"
trap 'rm -f "$conteo"' EXIT
consulta "SELECT format('%I.%I', n.nspname, c.relname), (xpath('/row/n/text()', query_to_xml(format('SELECT count(*) AS n FROM %I.%I', n.nspname, c.relname), false, true, '')))[1]::text FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE c.relkind IN ('r', 'p') AND n.nspname NOT IN ('pg_catalog', 'information_schema') AND n.nspname NOT LIKE 'pg\\_%';" \
  | LC_ALL=C sort > "$conteo"
if ! diferencias="$(diff "$respaldo/row-counts.tsv" "$conteo")"; then
  fallar "las filas por tabla no coinciden (< respaldo, > restaurado):
$diferencias"
fi
tablas="$(wc -l < "$respaldo/row-counts.tsv")"
filas="$(awk -F '\t' '{ s += $2 } END { print s + 0 }' "$respaldo/row-counts.tsv")"

# 4. The files. Owner and mode come from the restoring user, not from the archive.
echo "4/5 Archivos de evidencias"
mkdir -p "$destino_archivos"
destino_archivos="$(cd "$destino_archivos" && pwd)"
tar --extract --gzip --file="$respaldo/media.tar.gz" --directory="$destino_archivos" \
  --no-same-owner --no-same-permissions

# 5. Every file listed, with its checksum, and nothing more.
echo "5/5 Sumas SHA-256 de cada archivo"
if ! errores="$(cd "$destino_archivos" && sha256sum --check --strict --quiet "$respaldo/media.sha256" 2>&1)"; then
  fallar "archivos distintos de los del respaldo:
$errores"
fi
esperados="$(sed -E 's/^\\?[0-9a-f]{64}  //' "$respaldo/media.sha256" | LC_ALL=C sort)"
presentes="$(cd "$destino_archivos" && find . -type f | LC_ALL=C sort)"
if [ "$esperados" != "$presentes" ]; then
  fallar "el archivo de evidencias no tiene exactamente los archivos del manifiesto:
$(diff <(printf '%s\n' "$esperados") <(printf '%s\n' "$presentes") || true)"
fi
archivos="$(wc -l < "$respaldo/media.sha256")"

echo "Restauración verificada: $tablas tablas y $filas filas iguales al manifiesto; $archivos archivos con su SHA-256 en $destino_archivos"
