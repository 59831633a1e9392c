#!/bin/bash
# Configures, seeds and runs slapd; prints "slapd ready" once it answers and is seeded.
#   base dc=example,dc=com, admin cn=admin,dc=example,dc=com / admin
#   ldap:// on 389 (StartTLS) and ldaps:// on 636, with /certs/{server.crt,server.key,ca.crt}
#   or, when those are absent, a self-signed CA + server certificate generated here
#   (CN=localhost, SAN localhost, 127.0.0.1, the container's host name and $LDAP_TLS_EXTRA_SAN),
#   whose CA is left in /certs/ca.crt for the tests to copy out.
#   /seed.d/*.ldif: loaded with ldapadd (as admin) after the built-in seed, on first start.
# Env: LDAP_LOG_LEVEL (slapd -d level, default "stats"; "0" for quiet),
#      LDAP_ALLOW_ANON_READ=true (anonymous users may search; default: bind first),
#      LDAP_TLS_EXTRA_SAN (e.g. "DNS:ldap,IP:10.0.0.5").
# slapd runs as root: it is a throw-away test container, and mounted keys stay readable.
set -euo pipefail

SUFFIX="dc=example,dc=com"
ADMIN_DN="cn=admin,$SUFFIX"
ADMIN_PW="admin"
CONF=/run/slapd/slapd.conf
DB=/var/lib/ldap
CERTS=/certs

mkdir -p /run/slapd "$DB" "$CERTS"

if [ -f "$CERTS/server.crt" ] && [ -f "$CERTS/server.key" ] && [ -f "$CERTS/ca.crt" ]; then
  echo "using the TLS certificate in $CERTS"
else
  echo "generating a self-signed CA and server certificate in $CERTS"
  ca_key=/run/slapd/ca.key
  openssl req -x509 -new -newkey rsa:2048 -nodes -days 3650 -subj "/CN=AtotiAuth test CA" \
    -addext "basicConstraints=critical,CA:TRUE" -addext "keyUsage=critical,keyCertSign,cRLSign" \
    -keyout "$ca_key" -out "$CERTS/ca.crt" 2>/dev/null
  openssl req -new -newkey rsa:2048 -nodes -subj "/CN=localhost" \
    -keyout "$CERTS/server.key" -out /run/slapd/server.csr 2>/dev/null
  san="DNS:localhost,IP:127.0.0.1,DNS:$(hostname)${LDAP_TLS_EXTRA_SAN:+,$LDAP_TLS_EXTRA_SAN}"
  openssl x509 -req -in /run/slapd/server.csr -CA "$CERTS/ca.crt" -CAkey "$ca_key" -CAcreateserial \
    -days 3650 -out "$CERTS/server.crt" -extfile <(printf '%s\n' \
      "subjectAltName=$san" "basicConstraints=CA:FALSE" \
      "keyUsage=digitalSignature,keyEncipherment" "extendedKeyUsage=serverAuth") 2>/dev/null
  chmod 644 "$CERTS/ca.crt" "$CERTS/server.crt"
fi

if [ "${LDAP_ALLOW_ANON_READ:-false}" = true ]; then anon="read"; else anon="auth"; fi

# slapd.conf rather than cn=config: one readable file, regenerated on every start.
cat >"$CONF" <<EOF
include /etc/ldap/schema/core.schema
include /etc/ldap/schema/cosine.schema
include /etc/ldap/schema/inetorgperson.schema
include /etc/ldap/schema/nis.schema
pidfile /run/slapd/slapd.pid
argsfile /run/slapd/slapd.args
modulepath /usr/lib/ldap
moduleload back_mdb
TLSCACertificateFile $CERTS/ca.crt
TLSCertificateFile $CERTS/server.crt
TLSCertificateKeyFile $CERTS/server.key
TLSVerifyClient never

database mdb
maxsize 104857600
suffix "$SUFFIX"
rootdn "$ADMIN_DN"
rootpw $(slappasswd -s "$ADMIN_PW")
directory $DB
index objectClass eq
index uid,cn,mail eq
index uniqueMember,member eq
# Passwords: only for binding (and changing one's own). Everything else: readable by any
# bound user, including the service account; anonymous may only bind unless configured.
access to attrs=userPassword by self write by anonymous auth by * none
access to * by dn.exact="cn=svc,ou=services,$SUFFIX" read by users read by * $anon
EOF

first_start=false
if [ ! -f "$DB/data.mdb" ]; then
  first_start=true
  slapadd -q -f "$CONF" -l /opt/ldap/seed.ldif
fi

slapd -h "ldap:/// ldaps:/// ldapi:///" -f "$CONF" -d "${LDAP_LOG_LEVEL:-stats}" &
pid=$!
trap 'kill -TERM "$pid" 2>/dev/null || true' TERM INT

for _ in $(seq 1 100); do
  ldapsearch -x -LLL -H ldapi:/// -b "" -s base 1.1 >/dev/null 2>&1 && break
  kill -0 "$pid" 2>/dev/null || { echo "slapd exited during start" >&2; exit 1; }
  sleep 0.1
done

if $first_start; then
  shopt -s nullglob
  for f in /seed.d/*.ldif; do
    echo "loading $f"
    ldapadd -x -H ldapi:/// -D "$ADMIN_DN" -w "$ADMIN_PW" -f "$f" >/dev/null ||
      { echo "seed $f failed" >&2; kill -TERM "$pid"; exit 1; }
  done
fi

echo "slapd ready (ldap:// on 389 with StartTLS, ldaps:// on 636, base $SUFFIX)"
wait "$pid" || wait "$pid"
