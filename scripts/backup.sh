#!/usr/bin/env bash
# Back up the SNIMH database and its evidence store into a new timestamped folder.
#
#   scripts/backup.sh [--keep N] DESTINO
#
# Reads DATABASE_URL and MEDIA_ROOT (default var/media) from the environment, as
# the application does; with FILE_STORAGE_BACKEND=…S3Storage the bucket S3_BUCKET
# is first mirrored with `aws s3 sync` (docs/deployment.md). Writes
# DESTINO/snimh-AAAAMMDDTHHMMSSZ/:
#
#   database.dump    pg_dump, custom format (pg_restore)
#   media.tar.gz     every file of the evidence store
#   row-counts.tsv   rows of every table, read in the same snapshot as the dump
#   media.sha256     SHA-256 of every file of the store (sha256sum format)
#   backup-info.txt  when, from where (no password), tool and server versions
#   SHA256SUMS       SHA-256 of the five files above
#
# scripts/restore.sh restores a folder and checks it against this manifest.
# --keep N removes the oldest complete backups in DESTINO beyond the N newest.
set -euo pipefail
umask 077

uso() {
  echo "Uso: $0 [--keep N] DESTINO" >&2
  exit 2
}
fallar() {
  echo "backup: $*" >&2
  exit 1
}

conservar=0
while [ $# -gt 0 ]; do
  case "$1" in
    --keep) [ $# -ge 2 ] || uso; conservar="$2"; shift 2 ;;
    --keep=*) conservar="${1#--keep=}"; shift ;;
    -h|--help) uso ;;
    -*) uso ;;
    *) break ;;
  esac
done
[ $# -eq 1 ] || uso
[[ "$conservar" =~ ^[0-9]+$ ]] || uso
destino="$1"

raiz_app="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
: "${DATABASE_URL:?DATABASE_URL no está definida}"
media_root="${MEDIA_ROOT:-$raiz_app/var/media}"
# shellcheck source=scripts/lib-postgres.sh
. "$raiz_app/scripts/lib-postgres.sh"
conectar_postgres "$DATABASE_URL" snimh-respaldo fallar pg_dump psql

mkdir -p "$destino"
destino="$(cd "$destino" && pwd)"
marca="$(date -u +%Y%m%dT%H%M%SZ)"
final="$destino/snimh-$marca"
[ ! -e "$final" ] || fallar "ya existe $final"
# Written under a hidden name and renamed when complete, so an interrupted run
# never looks like a backup.
trabajo="$destino/.snimh-$marca.parcial"
mkdir "$trabajo"
psql_pid=""
limpiar() {
  if [ -n "$psql_pid" ]; then kill "$psql_pid" 2>/dev/null || true; fi
  rm -rf "$trabajo"
}
trap limpiar EXIT

# Rows of every table (all schemas but the system ones), sorted byte-wise so that
# the same data gives the same file on any server.
CONTEO_SQL="SELECT format('%I.%I', n.nspname, c.relname), (xpath('/row/n/text()', query_to_xml(format('SELECT count(*) AS n FROM %I.%I', n.nspname, c.relname), false, true, '')))[1]::text FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE c.relkind IN ('r', 'p') AND n.nspname NOT IN ('pg_catalog', 'information_schema') AND n.nspname NOT LIKE 'pg\\_%';"

# 1. The database. A read-only transaction exports its snapshot; pg_dump reads
#    that same snapshot, and the row counts are taken in it afterwards, so the
#    manifest describes exactly the dump even while people keep working.
coproc PSQL { exec psql --no-psqlrc --quiet --tuples-only --no-align --field-separator=$'\t' \
  --set ON_ERROR_STOP=1 --dbname "$url_bd" 2>&1; }
# shellcheck disable=SC2153  # PSQL_PID is set by coproc
psql_pid="$PSQL_PID"
printf '%s\n' "BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY;" "SELECT pg_export_snapshot();" >&"${PSQL[1]}"
IFS= read -r -t 60 instantanea <&"${PSQL[0]}" || fallar "no se pudo abrir la transacción de respaldo"
[[ "$instantanea" =~ ^[0-9A-F-]+$ ]] || fallar "PostgreSQL respondió: $instantanea"

pg_dump --snapshot="$instantanea" --format=custom --compress=6 --file="$trabajo/database.dump" --dbname="$url_bd"

printf '%s\n' "$CONTEO_SQL" "SELECT 'fin-del-conteo';" >&"${PSQL[1]}"
completo=0
: > "$trabajo/row-counts.sin-ordenar"
while IFS= read -r -t 3600 linea <&"${PSQL[0]}"; do
  if [ "$linea" = "fin-del-conteo" ]; then completo=1; break; fi
  printf '%s\n' "$linea" >> "$trabajo/row-counts.sin-ordenar"
done
[ "$completo" -eq 1 ] || fallar "el conteo de filas no terminó: $(cat "$trabajo/row-counts.sin-ordenar")"
# Coprocess descriptors do not reach subshells: no $(…) here.
printf '%s\n' "SHOW server_version;" "COMMIT;" >&"${PSQL[1]}"
IFS= read -r -t 60 version_servidor <&"${PSQL[0]}" || version_servidor=desconocida
printf '\\q\n' >&"${PSQL[1]}"
wait "$psql_pid" || true
psql_pid=""
LC_ALL=C sort "$trabajo/row-counts.sin-ordenar" > "$trabajo/row-counts.tsv"
rm "$trabajo/row-counts.sin-ordenar"

# 2. The evidence store, after the dump: every file the dump references was
#    written before its row was committed, so it is already there. Files uploaded
#    meanwhile are included too; they belong to no restored row and are harmless.
if [[ "${FILE_STORAGE_BACKEND:-}" == *S3Storage ]]; then
  command -v aws >/dev/null 2>&1 || fallar "el almacenamiento es S3: instale la CLI de AWS (aws) o respalde el bucket con rclone"
  : "${S3_BUCKET:?S3_BUCKET no está definida}"
  # A persistent mirror: each night downloads only the new objects.
  media_root="${SNIMH_BACKUP_S3_MIRROR:-$destino/espejo-s3}"
  mkdir -p "$media_root"
  opciones_s3=(--only-show-errors --delete)
  if [ -n "${S3_ENDPOINT_URL:-}" ]; then opciones_s3+=(--endpoint-url "$S3_ENDPOINT_URL"); fi
  AWS_ACCESS_KEY_ID="${S3_ACCESS_KEY:-${AWS_ACCESS_KEY_ID:-}}" \
  AWS_SECRET_ACCESS_KEY="${S3_SECRET_KEY:-${AWS_SECRET_ACCESS_KEY:-}}" \
  AWS_DEFAULT_REGION="${S3_REGION:-${AWS_DEFAULT_REGION:-us-east-1}}" \
    aws s3 sync "${opciones_s3[@]}" "s3://$S3_BUCKET" "$media_root"
fi
[ -d "$media_root" ] || fallar "MEDIA_ROOT no existe: $media_root"

# One list drives both the archive and the checksums, so they describe the same files.
(cd "$media_root" && find . -type f -print0 | LC_ALL=C sort -z) > "$trabajo/archivos.lista"
tar --create --gzip --file="$trabajo/media.tar.gz" --directory="$media_root" \
  --no-recursion --null --files-from="$trabajo/archivos.lista"
(cd "$media_root" && xargs -0 -r sha256sum -- < "$trabajo/archivos.lista") > "$trabajo/media.sha256"
rm "$trabajo/archivos.lista"

# 3. What the backup is, for whoever restores it in two years.
tablas="$(wc -l < "$trabajo/row-counts.tsv")"
filas="$(awk -F '\t' '{ s += $2 } END { print s + 0 }' "$trabajo/row-counts.tsv")"
archivos="$(wc -l < "$trabajo/media.sha256")"
{
  echo "fecha_utc: $marca"
  echo "base_de_datos: ${url_bd#*@}"
  echo "servidor_postgresql: $version_servidor"
  echo "pg_dump: $(pg_dump --version)"
  echo "almacenamiento: ${FILE_STORAGE_BACKEND:-django.core.files.storage.FileSystemStorage} ($media_root)"
  echo "aplicacion: $(git -C "$raiz_app" rev-parse HEAD 2>/dev/null || echo desconocida)"
  echo "tablas: $tablas"
  echo "filas: $filas"
  echo "archivos: $archivos"
} > "$trabajo/backup-info.txt"
(cd "$trabajo" && sha256sum database.dump media.tar.gz row-counts.tsv media.sha256 backup-info.txt > SHA256SUMS)

mv "$trabajo" "$final"
trap - EXIT
echo "Respaldo completo: $final ($tablas tablas, $filas filas, $archivos archivos)"

if [ "$conservar" -gt 0 ]; then
  find "$destino" -mindepth 1 -maxdepth 1 -type d -name 'snimh-????????T??????Z' -print0 \
    | LC_ALL=C sort -z -r | tail -z -n +"$((conservar + 1))" \
    | while IFS= read -r -d '' viejo; do
        rm -rf -- "$viejo"
        echo "Respaldo antiguo eliminado: $viejo"
      done
fi
