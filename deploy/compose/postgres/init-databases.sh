#!/usr/bin/env bash
# Runs once, when the postgres container starts on an empty data volume: one database and one
# owner per service, as on Kubernetes (one CloudNativePG cluster each there).
set -euo pipefail

: "${CORRIDOR_DB_PASSWORD:?set CORRIDOR_DB_PASSWORD}"

# database:owner (the owner is the service's login; the names match deploy/k8s/base/postgres)
for pair in gateway:gateway cases:cases policy:policy reports:reports; do
  db=${pair%%:*}
  owner=${pair#*:}
  psql -v ON_ERROR_STOP=1 --username "$POSTGRES_USER" --dbname postgres \
    -v db="$db" -v owner="$owner" -v password="$CORRIDOR_DB_PASSWORD" <<'SQL'
CREATE ROLE :"owner" LOGIN PASSWORD :'password';
CREATE DATABASE :"db" OWNER :"owner";
REVOKE ALL ON DATABASE :"db" FROM PUBLIC;
SQL
done
