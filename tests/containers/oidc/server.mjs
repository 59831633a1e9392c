// A real OpenID provider (oidc-provider 8) for AtotiAuth's tests.
//
// Settings, each from (first wins) the environment, then the JSON file $OIDC_CONFIG_FILE
// (default /config/oidc.json, keys in parentheses), then the defaults below:
//   PORT (3000); ISSUER (issuer, default http://localhost:3000);
//   OIDC_CLIENTS (clients: array of oidc-provider client metadata);
//   OIDC_ACCOUNTS (accounts: { id: claims }); OIDC_CLAIMS (claims: { scope: [claim names] });
//   OIDC_TTL (ttl: seconds per artifact, merged over the defaults);
//   OIDC_SKIP_CONSENT (skipConsent, default true: grants are given without a consent page).
// The issuer is usually only known once Docker has mapped the port, so it can also be changed
// while running: write it to $ISSUER_FILE (default /config/issuer, watched), or
// POST /__test/config with any of the JSON keys above (answers once the change is live).
// POST /__test/rotate-keys[?keepOld=false] adds a new signing key (the old ones stay published
// unless keepOld=false) and answers { kid, jwks }. Keys are in-process only: a restart makes
// new ones. Changes rebuild the Provider; sessions, codes and tokens live in oidc-provider's
// module-level memory store and survive the rebuild.
// Logs "oidc-provider listening on <url>" once it answers.
import { createServer } from 'node:http';
import { generateKeyPairSync, randomBytes, randomUUID } from 'node:crypto';
import { existsSync, readFileSync, watchFile } from 'node:fs';
import Provider, { interactionPolicy } from 'oidc-provider';

const { env } = process;
const PORT = Number(env.PORT || 3000);
const CONFIG_FILE = env.OIDC_CONFIG_FILE || '/config/oidc.json';
const ISSUER_FILE = env.ISSUER_FILE || '/config/issuer';

const DEFAULT_CLIENTS = [{
  client_id: 'atotiauth',
  client_secret: 'atotiauth-secret',
  // native + http loopback: any port is accepted (RFC 8252), so a service on a random port works.
  application_type: 'native',
  redirect_uris: [
    'http://localhost:5000/login/oauth2/code/oidc',
    'http://127.0.0.1:5000/login/oauth2/code/oidc',
  ],
  post_logout_redirect_uris: ['http://localhost:5000/', 'http://127.0.0.1:5000/'],
  grant_types: ['authorization_code', 'refresh_token', 'client_credentials'],
  response_types: ['code'],
  token_endpoint_auth_method: 'client_secret_basic',
}];

const DEFAULT_ACCOUNTS = {
  alice: {
    email: 'alice@example.com', email_verified: true, name: 'Alice Liddell',
    given_name: 'Alice', family_name: 'Liddell', preferred_username: 'alice',
    'https://example.com/roles': ['ROLE_ATOTI_USER'],
    realm_access: { roles: ['ROLE_ATOTI_USER'] },
  },
  bob: {
    email: 'bob@example.com', email_verified: true, name: 'Bob Builder',
    given_name: 'Bob', family_name: 'Builder', preferred_username: 'bob',
    'https://example.com/roles': [],
    realm_access: { roles: [] },
  },
  admin: {
    email: 'admin@example.com', email_verified: true, name: 'Ada Admin',
    given_name: 'Ada', family_name: 'Admin', preferred_username: 'admin',
    'https://example.com/roles': ['ROLE_ATOTI_ADMIN'],
    realm_access: { roles: ['ROLE_ATOTI_ADMIN'] },
  },
};

const DEFAULT_CLAIMS = {
  openid: ['sub'],
  email: ['email', 'email_verified'],
  profile: ['name', 'given_name', 'family_name', 'preferred_username'],
  roles: ['https://example.com/roles', 'realm_access', 'roles', 'groups'],
};

const DEFAULT_TTL = {
  AccessToken: 3600, AuthorizationCode: 60, ClientCredentials: 600, IdToken: 3600,
  Interaction: 3600, RefreshToken: 86400, Session: 86400, Grant: 86400,
};

const fromEnv = (name) => (env[name] ? JSON.parse(env[name]) : undefined);
const file = existsSync(CONFIG_FILE) ? JSON.parse(readFileSync(CONFIG_FILE, 'utf8')) : {};
const readIssuerFile = () => {
  try { return readFileSync(ISSUER_FILE, 'utf8').trim() || undefined; } catch { return undefined; }
};

const settings = {
  issuer: readIssuerFile() ?? env.ISSUER ?? file.issuer ?? 'http://localhost:3000',
  clients: fromEnv('OIDC_CLIENTS') ?? file.clients ?? DEFAULT_CLIENTS,
  accounts: fromEnv('OIDC_ACCOUNTS') ?? file.accounts ?? DEFAULT_ACCOUNTS,
  claims: fromEnv('OIDC_CLAIMS') ?? file.claims ?? DEFAULT_CLAIMS,
  ttl: { ...DEFAULT_TTL, ...(fromEnv('OIDC_TTL') ?? file.ttl) },
  skipConsent: (env.OIDC_SKIP_CONSENT ?? String(file.skipConsent ?? true)) !== 'false',
};

const readBody = async (req) => {
  let body = '';
  for await (const chunk of req) body += chunk;
  return body;
};

const newSigningKey = () => ({
  ...generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey.export({ format: 'jwk' }),
  kid: randomUUID(),
  use: 'sig',
});
let keys = [newSigningKey()]; // the first key signs; all are published
const cookieKeys = [randomBytes(32).toString('hex')];

// Gives the requested scopes and claims without a consent page (skipConsent), the way a
// first-party client is treated; the browser flow is then: login page, then back to the client.
async function loadExistingGrant(ctx) {
  const { oidc } = ctx;
  const grantId = oidc.result?.consent?.grantId || oidc.session.grantIdFor(oidc.client.clientId);
  if (!settings.skipConsent) return grantId ? oidc.provider.Grant.find(grantId) : undefined;
  const grant = (grantId && await oidc.provider.Grant.find(grantId))
    || new oidc.provider.Grant({ clientId: oidc.client.clientId, accountId: oidc.session.accountId });
  grant.addOIDCScope([...oidc.requestParamScopes].join(' '));
  grant.addOIDCClaims([...oidc.requestParamClaims]);
  await grant.save();
  return grant;
}

// The logout confirmation submits itself ("yes"), so a browser test needs no click;
// an HTTP client can still post the form.
async function logoutSource(ctx, form) {
  ctx.body = `<!DOCTYPE html><html><head><title>Sign out</title></head><body>${form}
<button type="submit" form="op.logoutForm" name="logout" value="yes">Yes, sign me out</button>
<script>const f = document.getElementById('op.logoutForm'), i = document.createElement('input');
i.type = 'hidden'; i.name = 'logout'; i.value = 'yes'; f.appendChild(i); f.submit();</script>
</body></html>`;
}

function buildProvider() {
  const policy = interactionPolicy.base();
  // Native clients always get a consent page; with skipConsent they are treated like web ones.
  if (settings.skipConsent) policy.get('consent').checks.remove('native_client_prompt');
  const provider = new Provider(settings.issuer, {
    clients: settings.clients,
    jwks: { keys },
    cookies: { keys: cookieKeys },
    claims: settings.claims,
    conformIdTokenClaims: false, // the scopes' claims go into the ID token, not only /me
    findAccount: (ctx, id) => {
      if (!Object.hasOwn(settings.accounts, id)) return undefined;
      return { accountId: id, claims: () => ({ ...settings.accounts[id], sub: id }) };
    },
    loadExistingGrant,
    interactions: { policy },
    issueRefreshToken: (ctx, client) => client.grantTypeAllowed('refresh_token'),
    pkce: { required: () => true, methods: ['S256'] },
    clientBasedCORS: () => true,
    ttl: settings.ttl,
    features: {
      devInteractions: { enabled: true }, // built-in login page: any password, known account id
      clientCredentials: { enabled: true },
      introspection: { enabled: true },
      revocation: { enabled: true },
      backchannelLogout: { enabled: true },
      rpInitiatedLogout: { enabled: true, logoutSource },
    },
  });
  provider.proxy = true; // honour X-Forwarded-* from a reverse proxy in front of it
  // devInteractions log in any id with any password; refuse ids that are no account, like a
  // real provider (oidc-provider would otherwise fail later with a server error).
  provider.use(async (ctx, next) => {
    if (ctx.method === 'POST' && /^\/interaction\/[^/]+$/.test(ctx.path)) {
      const form = Object.fromEntries(new URLSearchParams(await readBody(ctx.req)));
      if (form.prompt === 'login' && !Object.hasOwn(settings.accounts, form.login)) {
        ctx.status = 401;
        ctx.body = `unknown account "${form.login}"`;
        return;
      }
      ctx.req.body = form; // the provider reads the already parsed form from here
    }
    await next();
  });
  for (const event of ['server_error', 'authorization.error', 'grant.error', 'end_session.error',
    'introspection.error', 'revocation.error', 'userinfo.error', 'backchannel.error']) {
    provider.on(event, (ctx, err) => console.error(`oidc-provider ${event}: ${err.message}${err.error_description ? ` (${err.error_description})` : ''}`));
  }
  return provider;
}

// Static clients are only validated on first use: look each up so bad metadata fails here.
async function validProvider() {
  const provider = buildProvider();
  for (const { client_id: id } of settings.clients) {
    if (!await provider.Client.find(String(id))) throw new Error(`client ${id} is invalid`);
  }
  return provider;
}

let handler = (await validProvider()).callback();
// Swaps in a provider built from the current settings; throws (keeping the old one) if invalid.
async function rebuild(why) {
  handler = (await validProvider()).callback();
  console.log(`oidc-provider reconfigured (${why}); issuer ${settings.issuer}`);
}

watchFile(ISSUER_FILE, { interval: 200 }, () => {
  const issuer = readIssuerFile();
  if (issuer && issuer !== settings.issuer) {
    settings.issuer = issuer;
    rebuild(`issuer from ${ISSUER_FILE}`).catch((err) => console.error(`oidc-provider: ${err.message}`));
  }
});

const sendJson = (res, status, value) => {
  res.writeHead(status, { 'content-type': 'application/json' });
  res.end(JSON.stringify(value));
};

// Test-only administration; never expose this provider beyond a test.
async function testEndpoint(req, res, url) {
  if (req.method === 'POST' && url.pathname === '/__test/rotate-keys') {
    const key = newSigningKey();
    keys = url.searchParams.get('keepOld') === 'false' ? [key] : [key, ...keys];
    await rebuild(`new signing key ${key.kid}`);
    const jwks = keys.map(({ kty, n, e, kid, use }) => ({ kty, n, e, kid, use }));
    return sendJson(res, 200, { kid: key.kid, jwks: { keys: jwks } });
  }
  if (req.method === 'POST' && url.pathname === '/__test/config') {
    const change = JSON.parse((await readBody(req)) || '{}');
    const previous = { ...settings };
    for (const name of ['issuer', 'clients', 'accounts', 'claims', 'skipConsent']) {
      if (change[name] !== undefined) settings[name] = change[name];
    }
    if (change.ttl) settings.ttl = { ...DEFAULT_TTL, ...change.ttl };
    try { await rebuild('POST /__test/config'); } catch (err) { Object.assign(settings, previous); throw err; }
    return sendJson(res, 200, { issuer: settings.issuer });
  }
  return sendJson(res, 404, { error: 'unknown test endpoint' });
}

const server = createServer((req, res) => {
  const url = new URL(req.url, 'http://x');
  if (!url.pathname.startsWith('/__test/')) return handler(req, res);
  return testEndpoint(req, res, url).catch((err) => sendJson(res, 400, { error: err.message, error_description: err.error_description }));
});
server.listen(PORT, '0.0.0.0', () => {
  console.log(`oidc-provider listening on http://0.0.0.0:${PORT} (issuer ${settings.issuer})`);
});

// PID 1 in a container gets no default signal handling: stop at once when asked.
for (const signal of ['SIGTERM', 'SIGINT']) process.on(signal, () => process.exit(0));
