#!/usr/bin/env bash
# Creates, where missing, the files an overlay's secretGenerator reads (they are git-ignored):
#   secrets/signing/key-1.pem and secrets/signing/active  a new RSA 3072 signing key (docs/keys.md)
#   secrets/redis-users.env                               a random password for each Redis user (docs/redis.md)
#   secrets/key-ring/tls.crt and tls.key                  a self-signed RSA 3072 certificate the Data
#                                                         Protection key ring is encrypted to (docs/redis.md)
#   secrets/redis-ca.crt (production)                     a PLACEHOLDER: put your Redis's CA there
#   secrets/NAME                                          a copy of secrets/NAME.example, to edit
# Never overwrites a file. Usage: deploy/k8s/init-secrets.sh deploy/k8s/overlays/<dev|production>
set -euo pipefail

overlay=${1:?usage: init-secrets.sh <overlay folder, e.g. deploy/k8s/overlays/dev>}
secrets="$overlay/secrets"
[ -d "$secrets" ] || { echo "init-secrets: $secrets is not a folder" >&2; exit 2; }

mkdir -p "$secrets/signing"
if [ ! -e "$secrets/signing/key-1.pem" ]; then
  command -v openssl >/dev/null || { echo "init-secrets: openssl is needed to make the signing key" >&2; exit 2; }
  (umask 077 && openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:3072 -out "$secrets/signing/key-1.pem" 2>/dev/null)
  echo "init-secrets: new signing key $secrets/signing/key-1.pem"
fi
[ -e "$secrets/signing/active" ] || printf 'key-1' > "$secrets/signing/active"

if [ ! -e "$secrets/redis-users.env" ]; then
  command -v openssl >/dev/null || { echo "init-secrets: openssl is needed to make the Redis passwords" >&2; exit 2; }
  (umask 077 && for user in identity token ping; do printf '%s=%s\n' "$user" "$(openssl rand -hex 24)"; done > "$secrets/redis-users.env")
  echo "init-secrets: new Redis passwords $secrets/redis-users.env"
fi

mkdir -p "$secrets/key-ring"
if [ ! -e "$secrets/key-ring/tls.crt" ]; then
  command -v openssl >/dev/null || { echo "init-secrets: openssl is needed to make the key ring's certificate" >&2; exit 2; }
  (umask 077 && openssl req -x509 -newkey rsa:3072 -nodes -sha256 -days 825 -subj "/CN=AtotiAuth key ring" \
    -keyout "$secrets/key-ring/tls.key" -out "$secrets/key-ring/tls.crt" 2>/dev/null)
  echo "init-secrets: new key ring certificate $secrets/key-ring/tls.crt"
fi

# The production overlay speaks TLS to a Redis of yours: its CA cannot be made here. A stand-in lets the
# overlay render; the services refuse the real Redis's certificate until the real CA replaces it.
if grep -q 'secrets/redis-ca.crt' "$overlay/kustomization.yaml" && [ ! -e "$secrets/redis-ca.crt" ]; then
  command -v openssl >/dev/null || { echo "init-secrets: openssl is needed to make the stand-in Redis CA" >&2; exit 2; }
  (umask 077 && openssl req -x509 -newkey rsa:2048 -nodes -sha256 -days 30 -subj "/CN=REPLACE_ME with your Redis CA" \
    -keyout /dev/null -out "$secrets/redis-ca.crt" 2>/dev/null)
  echo "init-secrets: $secrets/redis-ca.crt is a stand-in: put the CA of your Redis's TLS certificate there" >&2
fi

for example in "$secrets"/*.example; do
  [ -e "$example" ] || continue
  target=${example%.example}
  [ -e "$target" ] || { (umask 077 && cp "$example" "$target"); echo "init-secrets: created $target"; }
  if grep -q REPLACE_ME "$target"; then
    echo "init-secrets: $target still holds REPLACE_ME values: put yours in before applying" >&2
  fi
done
