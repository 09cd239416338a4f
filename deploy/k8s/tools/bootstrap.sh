#!/usr/bin/env bash
# From an empty namespace to a first admin credential and a first organisation with its keys (deploy/README.md,
# "First install"). Needs kubectl, openssl, python3 and, for `organisation`, curl.
#
#   bootstrap.sh secrets NS            creates every Secret the manifests expect from the operator, in namespace NS;
#                                      prints the first admin key once (keep it in your password manager). Refuses
#                                      to overwrite a Secret that exists: keys that encrypted data are never replaced.
#                                      prod: export CORRIDOR_BACKUP_S3_ACCESS_KEY_ID, ..._SECRET_ACCESS_KEY and
#                                      ..._REGION first; without them corridor-backup-s3 is not made.
#   bootstrap.sh secrets NS --render DIR
#                                      writes the name and keys of each Secret it would make to DIR/secrets.txt
#                                      instead (deploy/k8s/check.sh checks that every Secret the manifests read is
#                                      made here, with the keys they read)
#   bootstrap.sh organisation NS ORG [ROLE...]
#                                      with CORRIDOR_ADMIN_KEY in the environment (never on the command line), issues
#                                      one API key of ORG per role (default: coordinator) through the gateway's admin
#                                      API, reached by kubectl port-forward, and prints each key once
set -euo pipefail

here="$(cd "$(dirname "$0")" && pwd)"
usage() { sed -n '2,20p' "$0" >&2; exit 2; }

secrets() {
  local ns="$1" render="${2:-}"
  local work
  umask 077
  work="$(mktemp -d)"
  trap 'rm -rf "$work"' RETURN
  local kid id
  kid="gw-$(date -u +%Y%m%d)"
  id="k$(date -u +%Y%m%d)"

  # gateway: the ES256 pair that signs the internal JWTs, as a private JWK and the services' JWK set (with a kid, so
  # that the key can later be rotated without refusing a request)
  openssl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:P-256 -out "$work/signing-key.pem" 2>/dev/null
  openssl pkey -in "$work/signing-key.pem" -pubout -out "$work/public-key.pem"
  python3 "$here/jwk.py" private "$work/signing-key.pem" "$kid" >"$work/signing-key.jwk"
  python3 "$here/jwk.py" set "$work/public-key.pem=$kid" >"$work/public-keys.jwks"
  # case-service: field encryption, the audit chain's HMAC, the keys of the Idempotency-Key fingerprints (one file per
  # key id, 32 random bytes in base64), and the Ed25519 pair that signs the audit checkpoints
  local dir
  for dir in keys audit-keys case-idempotency-keys policy-idempotency-keys; do
    mkdir "$work/$dir"
    openssl rand -base64 32 >"$work/$dir/$id"
  done
  mkdir "$work/checkpoints"
  openssl genpkey -algorithm ed25519 -out "$work/checkpoints/signing-key.pem"
  openssl pkey -in "$work/checkpoints/signing-key.pem" -pubout -out "$work/checkpoints/public-key.pem"
  # the first admin key: only its SHA-256 goes into the cluster
  local admin_key
  admin_key="cor_$(openssl rand 32 | basenc --base64url | tr -d '=')"
  printf %s "$admin_key" | sha256sum | cut -d' ' -f1 | tr -d '\n' >"$work/admin-key-hashes"

  local -a made=(
    "corridor-gateway-signing-key --from-file=signing-key.pem=$work/signing-key.jwk"
    "corridor-gateway-public-key --from-file=public-key.pem=$work/public-keys.jwks"
    "corridor-gateway-admin --from-file=key-hashes=$work/admin-key-hashes"
    "corridor-case-encryption-keys --from-file=$work/keys/"
    "corridor-case-audit-keys --from-file=$work/audit-keys/"
    "corridor-case-checkpoint-keys --from-file=$work/checkpoints/"
    "corridor-case-idempotency-keys --from-file=$work/case-idempotency-keys/"
    "corridor-policy-idempotency-keys --from-file=$work/policy-idempotency-keys/"
  )
  if [ -n "${CORRIDOR_BACKUP_S3_ACCESS_KEY_ID:-}" ]; then
    made+=("corridor-backup-s3 --from-literal=ACCESS_KEY_ID=$CORRIDOR_BACKUP_S3_ACCESS_KEY_ID
            --from-literal=ACCESS_SECRET_KEY=${CORRIDOR_BACKUP_S3_SECRET_ACCESS_KEY:?}
            --from-literal=REGION=${CORRIDOR_BACKUP_S3_REGION:?}")
  fi

  local secret
  if [ -n "$render" ]; then
    # each Secret's name and the keys kubectl would give it, one Secret a line
    mkdir -p "$render"
    local arg source
    for secret in "${made[@]}"; do
      printf %s "${secret%% *}"
      for arg in ${secret#* }; do
        source="${arg#--from-*=}"
        case "$arg" in
          --from-literal=*|--from-file=*=*) printf ' %s' "${source%%=*}" ;;
          --from-file=*/) printf ' %s' $(ls "$source") ;;
          --from-file=*) printf ' %s' "$(basename "$source")" ;;
        esac
      done
      echo
    done >"$render/secrets.txt"
    return
  fi
  local admin_made=false
  for secret in "${made[@]}"; do
    if kubectl -n "$ns" get secret "${secret%% *}" >/dev/null 2>&1; then
      echo "bootstrap.sh: Secret ${secret%% *} exists in $ns; left as it is" >&2
      continue
    fi
    # shellcheck disable=SC2086
    kubectl -n "$ns" create secret generic $secret >/dev/null
    echo "created Secret ${secret%% *}" >&2
    [ "${secret%% *}" != corridor-gateway-admin ] || admin_made=true
  done
  if $admin_made; then
    echo "The first admin key (shown this once; its hash is in Secret corridor-gateway-admin):" >&2
    echo "$admin_key"
  fi
}

organisation() {
  local ns="$1" org="$2"
  shift 2
  local -a roles=("${@:-coordinator}")
  : "${CORRIDOR_ADMIN_KEY:?export CORRIDOR_ADMIN_KEY (the admin key printed by bootstrap.sh secrets)}"
  local port=18480 log
  log="$(mktemp)"
  kubectl -n "$ns" port-forward service/gateway "$port:8080" >"$log" 2>&1 &
  local forward=$!
  trap 'kill "$forward" 2>/dev/null; rm -f "$log"' RETURN
  local waited=0
  until grep -q Forwarding "$log"; do
    sleep 0.5
    waited=$((waited + 1))
    [ "$waited" -lt 60 ] || { cat "$log" >&2; echo "bootstrap.sh: port-forward to the gateway failed" >&2; return 1; }
  done
  local role answer
  for role in "${roles[@]}"; do
    if ! answer="$(curl -sS --fail-with-body "http://127.0.0.1:$port/admin/v1/keys" \
        -H "Authorization: ApiKey $CORRIDOR_ADMIN_KEY" -H 'Content-Type: application/json' \
        --data "{\"org\":\"$org\",\"roles\":[\"$role\"],\"label\":\"$role of $org, issued at bootstrap\"}")"; then
      echo "bootstrap.sh: the gateway refused the $role key of $org: $answer" >&2
      return 1
    fi
    python3 -c 'import json,sys; k=json.load(sys.stdin); print(k["org"], k["roles"], k["id"], k["apiKey"])' <<<"$answer"
  done
}

case "${1:-}" in
  secrets)
    [ $# -eq 2 ] || { [ $# -eq 4 ] && [ "$3" = --render ]; } || usage
    secrets "$2" "${4:-}" ;;
  organisation)
    [ $# -ge 3 ] || usage
    shift
    organisation "$@" ;;
  *) usage ;;
esac
