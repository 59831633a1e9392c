#!/bin/bash
# Writes the gateway's hosts from the environment, checks the result with `nginx -t`, runs nginx.
#
#   GATEWAY_DOMAIN    atotiauth.test   hosts are auth.<domain>, ui.<domain>, idp.<domain>, <cube>.<domain>
#   IDENTITY_SERVERS  "identity-1:8080 identity-2:8080"   round robin, passive failover
#   TOKEN_SERVERS     "token-1:8080 token-2:8080"         for /jwt, /activeviam/jwt/, /.well-known/, /versions/
#   CUBES             "cube1=ping-1:8080 cube2=ping-2:8080"  <cube>.<domain> → that cube's sidecar
#   OIDC_SERVER       "oidc:3000"      idp.<domain> → the OpenID provider; empty: no such host
#   UI_ROOT           /srv/ui          files served on ui.<domain> (mount the remote UI there)
#   /certs/tls.crt, /certs/tls.key     certificate (chain) and key for every host above
# Port 443 serves the hosts (TLS); port 8080 answers /healthz only.
# Upstream names are resolved when nginx starts: start the gateway after the services, and
# `nginx -s reload` after a replica comes back under a new address.
set -euo pipefail

DOMAIN="${GATEWAY_DOMAIN:-atotiauth.test}"
IDENTITY_SERVERS="${IDENTITY_SERVERS:-identity-1:8080 identity-2:8080}"
TOKEN_SERVERS="${TOKEN_SERVERS:-token-1:8080 token-2:8080}"
CUBES="${CUBES:-cube1=ping-1:8080 cube2=ping-2:8080}"
OIDC_SERVER="${OIDC_SERVER-oidc:3000}"
UI_ROOT="${UI_ROOT:-/srv/ui}"
CERT=/certs/tls.crt
KEY=/certs/tls.key
OUT=/etc/nginx/conf.d/gateway.conf

fail() { echo "gateway: $*" >&2; exit 1; }
[ -r "$CERT" ] && [ -r "$KEY" ] || fail "mount a certificate for *.$DOMAIN at $CERT and its key at $KEY"
[[ "$DOMAIN" =~ ^[A-Za-z0-9.-]+$ ]] || fail "GATEWAY_DOMAIN '$DOMAIN' is not a host name"

# upstream NAME SERVER...: one failure takes a replica out for 10 s; the zone shares that verdict.
upstream() {
  local name="$1" server
  shift
  [ "$#" -gt 0 ] || fail "no servers for upstream $name"
  printf 'upstream %s {\n  zone %s 64k;\n' "$name" "$name"
  for server in "$@"; do
    [[ "$server" =~ ^[A-Za-z0-9._-]+:[0-9]+$ ]] || fail "'$server' (upstream $name) is not host:port"
    printf '  server %s max_fails=1 fail_timeout=10s;\n' "$server"
  done
  printf '}\n\n'
}

# server HOST: opens a TLS server block for HOST.<domain>; the caller writes its locations and "}".
server() {
  printf 'server {\n  listen 443 ssl http2;\n  server_name %s.%s;\n' "$1" "$DOMAIN"
  printf '  ssl_certificate %s;\n  ssl_certificate_key %s;\n' "$CERT" "$KEY"
}

proxy() { printf '  location %s {\n    include /etc/nginx/proxy_params.conf;\n    proxy_pass http://%s;%s\n  }\n' "$1" "$2" "${3:-}"; }

{
  # shellcheck disable=SC2086  # word splitting of the server lists is intended
  upstream identity $IDENTITY_SERVERS
  # shellcheck disable=SC2086
  upstream token $TOKEN_SERVERS

  # The JWT server: like the Ingress of deploy/k8s, the token service's paths and the rest to identity.
  server auth
  # Path prefixes as the Ingress's pathType: Prefix matches them: whole path segments only.
  proxy '= /jwt' token
  proxy /jwt/ token
  proxy /activeviam/jwt/ token
  proxy /.well-known/ token
  proxy '= /versions' token
  proxy /versions/ token
  proxy / identity
  printf '}\n\n'

  for cube in $CUBES; do
    name="${cube%%=*}" sidecar="${cube#*=}"
    [[ "$name" =~ ^[A-Za-z0-9-]+$ ]] || fail "cube name '$name' (CUBES) is not a host label"
    upstream "cube_$name" "$sidecar"
    server "$name"
    # Cube WebSockets stay open as long as the sidecar keeps them (it closes them at token expiry).
    proxy / "cube_$name" $'\n    proxy_read_timeout 1h;\n    proxy_send_timeout 1h;'
    printf '}\n\n'
  done

  if [ -n "$OIDC_SERVER" ]; then
    upstream idp "$OIDC_SERVER"
    server idp
    proxy / idp
    printf '}\n\n'
  fi

  server ui
  printf '  root %s;\n  index index.html;\n' "$UI_ROOT"
  printf '  add_header Cache-Control "no-cache" always;\n'
  printf '  add_header X-Content-Type-Options nosniff always;\n'
  printf "  add_header Content-Security-Policy \"default-src 'self'; img-src 'self' data:; connect-src 'self' https://*.%s wss://*.%s; frame-ancestors 'none'; base-uri 'none'; form-action 'none'\" always;\n" "$DOMAIN" "$DOMAIN"
  printf '  location / {\n    try_files $uri $uri/ =404;\n  }\n}\n\n'

  # Unknown names get no certificate at all; plain HTTP on 8080 is for the health check only.
  printf 'server {\n  listen 443 ssl default_server;\n  ssl_reject_handshake on;\n}\n\n'
  printf 'server {\n  listen 8080 default_server;\n  location = /healthz {\n    access_log off;\n    return 200 "ok\\n";\n  }\n  location / {\n    return 404;\n  }\n}\n'
} >"$OUT"

nginx -t -q || fail "the generated configuration ($OUT) is invalid:$(printf '\n%s' "$(cat "$OUT")")"
echo "gateway: serving auth, ui, ${OIDC_SERVER:+idp, }$(for c in $CUBES; do printf '%s, ' "${c%%=*}"; done | sed 's/, $//') under $DOMAIN"
exec nginx -g 'daemon off;'
