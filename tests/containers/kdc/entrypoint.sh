#!/bin/bash
# Creates the realm, its users and service principals, then runs the KDC in the foreground and
# prints "kdc ready" once it answers.
#   KDC_REALM     realm (default EXAMPLE.TEST)
#   KDC_USERS     "name:password ..." (default "alice:alice-pass bob:bob-pass admin:admin-pass")
#   KDC_SERVICES  service principals, e.g. "HTTP/auth.example.test" (default none); each gets random
#                 keys and a keytab in /keytabs/<principal with / as _>.keytab (readable by all)
#   KDC_MAX_LIFE  longest ticket life (default 10h)
# TCP and UDP on 88. Clients should use TCP (udp_preference_limit = 1): Docker maps ports per protocol.
set -euo pipefail

REALM="${KDC_REALM:-EXAMPLE.TEST}"
USERS="${KDC_USERS:-alice:alice-pass bob:bob-pass admin:admin-pass}"
SERVICES="${KDC_SERVICES:-}"

mkdir -p /etc/krb5kdc /var/lib/krb5kdc /keytabs
cat >/etc/krb5.conf <<CONF
[libdefaults]
    default_realm = $REALM
    dns_lookup_kdc = false
    dns_lookup_realm = false
    rdns = false
    dns_canonicalize_hostname = false
    udp_preference_limit = 1
[realms]
    $REALM = {
        kdc = 127.0.0.1:88
        admin_server = 127.0.0.1
    }
CONF
cat >/etc/krb5kdc/kdc.conf <<CONF
[kdcdefaults]
    kdc_ports = 88
    kdc_tcp_ports = 88
[realms]
    $REALM = {
        database_name = /var/lib/krb5kdc/principal
        key_stash_file = /etc/krb5kdc/stash
        acl_file = /etc/krb5kdc/kadm5.acl
        max_life = ${KDC_MAX_LIFE:-10h}
        max_renewable_life = 7d
    }
[logging]
    kdc = STDERR
CONF
: >/etc/krb5kdc/kadm5.acl

if [ ! -f /var/lib/krb5kdc/principal ]; then
  # A throw-away test realm: the master password is no secret.
  kdb5_util create -s -r "$REALM" -P "kdc-master-$RANDOM$RANDOM" >/dev/null
  for entry in $USERS; do
    kadmin.local -q "addprinc -pw ${entry#*:} ${entry%%:*}@$REALM" >/dev/null
  done
  for service in $SERVICES; do
    kadmin.local -q "addprinc -randkey $service@$REALM" >/dev/null
    kdc-keytab "/keytabs/${service//\//_}.keytab" "$service"
  done
fi

krb5kdc -n -r "$REALM" &
pid=$!
trap 'kill -TERM "$pid" 2>/dev/null || true' TERM INT

# Ready once a user can get a ticket (over TCP, as the tests' clients do).
first="${USERS%% *}"
for _ in $(seq 1 100); do
  if echo "${first#*:}" | KRB5CCNAME=MEMORY:probe kinit "${first%%:*}@$REALM" >/dev/null 2>&1; then break; fi
  kill -0 "$pid" 2>/dev/null || { echo "krb5kdc exited during start" >&2; exit 1; }
  sleep 0.1
done

names=""
for entry in $USERS; do names+="${entry%%:*} "; done
echo "kdc ready (realm $REALM, users: ${names% }; services: ${SERVICES:-none})"
wait "$pid" || wait "$pid"
