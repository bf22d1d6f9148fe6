#!/bin/sh
# Runs once, when compose's PostgreSQL volume is first initialised: the application's own
# login role. Its rights come from `manage.py grant_app_role portal_app`, which the
# `migrate` service runs as the owner after every migration (README "Database roles").
set -eu
psql -v ON_ERROR_STOP=1 --username "$POSTGRES_USER" --dbname "$POSTGRES_DB" \
     -v app_password="${APP_DB_PASSWORD:?set APP_DB_PASSWORD in .env}" <<'SQL'
CREATE ROLE portal_app LOGIN PASSWORD :'app_password';
GRANT CONNECT ON DATABASE portal TO portal_app;
SQL
