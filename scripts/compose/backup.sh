#!/bin/sh
# compose's `backup` service: every night a custom-format pg_dump of the database and a
# tar of the private media (uploads, generated PDFs, the journal's anchors), kept for
# BACKUP_KEEP_DAYS days in the `backups` volume. Restore: README "Backups".
set -eu
: "${BACKUP_DIR:=/backups}" "${MEDIA_DIR:=/media}" "${BACKUP_KEEP_DAYS:=14}" "${BACKUP_AT:=02:30}"
backup_once() {
    stamp=$(date -u +%Y%m%dT%H%M%SZ)
    pg_dump --format=custom --no-owner --file="$BACKUP_DIR/portal-$stamp.dump.part" && \
        mv "$BACKUP_DIR/portal-$stamp.dump.part" "$BACKUP_DIR/portal-$stamp.dump"
    tar -C "$MEDIA_DIR" -czf "$BACKUP_DIR/media-$stamp.tar.gz.part" . && \
        mv "$BACKUP_DIR/media-$stamp.tar.gz.part" "$BACKUP_DIR/media-$stamp.tar.gz"
    find "$BACKUP_DIR" -name 'portal-*.dump' -mtime +"$BACKUP_KEEP_DAYS" -delete
    find "$BACKUP_DIR" -name 'media-*.tar.gz' -mtime +"$BACKUP_KEEP_DAYS" -delete
    echo "backup $stamp done"
}
if [ "${1:-}" = "--once" ]; then backup_once; exit 0; fi
while true; do
    now=$(date -u +%s)
    next=$(date -u -d "$(date -u +%F) $BACKUP_AT" +%s)
    [ "$next" -le "$now" ] && next=$((next + 86400))
    sleep $((next - now))
    backup_once || echo "backup failed" >&2
done
