#!/usr/bin/env bash
# Creates the key material the compose services mount, under deploy/compose/.secrets/ (ignored
# by git). Run once before `docker compose up`; existing files are kept.
#   - .secrets/jwt/signing-key.pem, public-key.pem: EC P-256 pair for the gateway's internal JWTs
#   - .secrets/case-keys/<key id>: AES-256 key(s) for case-service field encryption
#   - .secrets/case-audit-keys/<key id>: HMAC key(s) of case-service's audit chain
#   - .secrets/case-checkpoint-keys/signing-key.pem, public-key.pem: Ed25519 pair signing the audit checkpoints
#   - .secrets/{case,policy}-idempotency-keys/<key id>: HMAC key(s) of each service's Idempotency-Key fingerprints
# Development only: the files are world-readable so that the containers' user (uid 185) can
# read them. Kubernetes takes its keys from Secrets instead (deploy/README.md).
set -euo pipefail

command -v openssl >/dev/null || { echo "generate-secrets.sh: openssl is required" >&2; exit 1; }

dir="$(cd "$(dirname "$0")" && pwd)/.secrets"
mkdir -p "$dir/jwt" "$dir/case-keys" "$dir/case-audit-keys" "$dir/case-checkpoint-keys" \
  "$dir/case-idempotency-keys" "$dir/policy-idempotency-keys"
umask 022

if [ ! -f "$dir/jwt/signing-key.pem" ]; then
  openssl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:P-256 -out "$dir/jwt/signing-key.pem"
  openssl pkey -in "$dir/jwt/signing-key.pem" -pubout -out "$dir/jwt/public-key.pem"
  chmod 644 "$dir/jwt/signing-key.pem" "$dir/jwt/public-key.pem"
  echo "created $dir/jwt/signing-key.pem and public-key.pem"
fi

for keys in case-keys case-audit-keys case-idempotency-keys policy-idempotency-keys; do
  if [ -z "$(ls -A "$dir/$keys")" ]; then
    kid="k$(date -u +%Y%m%d)"
    openssl rand -base64 32 > "$dir/$keys/$kid"
    chmod 644 "$dir/$keys/$kid"
    echo "created $dir/$keys/$kid"
  fi
done

if [ ! -f "$dir/case-checkpoint-keys/signing-key.pem" ]; then
  openssl genpkey -algorithm ed25519 -out "$dir/case-checkpoint-keys/signing-key.pem"
  openssl pkey -in "$dir/case-checkpoint-keys/signing-key.pem" -pubout -out "$dir/case-checkpoint-keys/public-key.pem"
  chmod 644 "$dir/case-checkpoint-keys/signing-key.pem" "$dir/case-checkpoint-keys/public-key.pem"
  echo "created $dir/case-checkpoint-keys/signing-key.pem and public-key.pem"
fi
