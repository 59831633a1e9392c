#!/usr/bin/env bash
# Creates, where missing, the files an overlay's secretGenerator reads (they are git-ignored):
#   secrets/signing/key-1.pem and secrets/signing/active  a new RSA 3072 signing key (docs/keys.md)
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

for example in "$secrets"/*.example; do
  [ -e "$example" ] || continue
  target=${example%.example}
  [ -e "$target" ] || { (umask 077 && cp "$example" "$target"); echo "init-secrets: created $target"; }
  if grep -q REPLACE_ME "$target"; then
    echo "init-secrets: $target still holds REPLACE_ME values: put yours in before applying" >&2
  fi
done
