#!/usr/bin/env bash
# Creates the key material the compose services mount, under deploy/compose/.secrets/ (ignored
# by git). Run once before `docker compose up`; existing files are kept.
#   - .secrets/jwt/signing-key.pem, public-key.pem: EC P-256 pair for the gateway's internal JWTs
#   - .secrets/case-keys/<key id>: AES-256 key(s) for case-service field encryption
# Development only: the files are world-readable so that the containers' user (uid 185) can
# read them. Kubernetes takes its keys from Secrets instead (deploy/README.md).
set -euo pipefail

command -v openssl >/dev/null || { echo "generate-secrets.sh: openssl is required" >&2; exit 1; }

dir="$(cd "$(dirname "$0")" && pwd)/.secrets"
mkdir -p "$dir/jwt" "$dir/case-keys"
umask 022

if [ ! -f "$dir/jwt/signing-key.pem" ]; then
  openssl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:P-256 -out "$dir/jwt/signing-key.pem"
  openssl pkey -in "$dir/jwt/signing-key.pem" -pubout -out "$dir/jwt/public-key.pem"
  chmod 644 "$dir/jwt/signing-key.pem" "$dir/jwt/public-key.pem"
  echo "created $dir/jwt/signing-key.pem and public-key.pem"
fi

if [ -z "$(ls -A "$dir/case-keys")" ]; then
  kid="k$(date -u +%Y%m%d)"
  openssl rand -base64 32 > "$dir/case-keys/$kid"
  chmod 644 "$dir/case-keys/$kid"
  echo "created $dir/case-keys/$kid"
fi
