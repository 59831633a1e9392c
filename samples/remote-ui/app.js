// A stand-in for the Atoti UI's default authentication flow (shared/seeds 002, ATOTI-CONTRACT.md):
//  1. GET {jwtServer}/jwt with the browser's cookies; 401 → {jwtServer}/login?redirectUrl=<this page>.
//  2. For each cube of env.atotiServers: its paths from its /versions/rest (as the Atoti UI reads wsPath
//     there), GET ping with "Authorization: Bearer <jwt>" (which sets that cube's WebSocket cookie), a
//     REST call with the JWT, then the cube's WebSocket (cookie-authenticated).
//  3. Before the token expires: a new one from /jwt and a ping on each cube (fresh cookies); the open
//     WebSockets stay, since a sidecar keeps a socket while its session lives.
//  4. Sign out: POST /logout to every cube, then navigate to the JWT server's /logout.
// The token's payload is decoded for display only: the servers verify it, the page never trusts it.
"use strict";

(() => {
  // Atoti's ping path (REST v10, Atoti 6.1.19+/6.2), and the sample cube's REST and streaming paths, for
  // a server without /versions/rest. A server that has one (an Atoti server) names its REST prefix and
  // WebSocket path there; the REST call is then the stand-in's "whoami" under that prefix. A server
  // entry of env.js may override any of them with "paths": { ping, rest, stream }.
  const DEFAULT_PATHS = { ping: "/activeviam/pivot/rest/v10/ping", rest: "/api/whoami", stream: "/ws" };
  const PIVOT_API = "activeviam/pivot";
  const DISCOVERY_TIMEOUT_MS = 5000;
  // A token is renewed once this share of its life has passed: past the token service's half-life
  // reuse, so the answer is a new token, and long before the end, so a slow answer is no gap.
  const RENEW_AT = 0.6;
  const KEPT_MESSAGES = 20;
  const LOGOUT_TIMEOUT_MS = 5000;

  const byId = (id) => document.getElementById(id);
  const env = window.env;
  const sockets = new Map();
  let signingOut = false;

  class UiError extends Error {
    constructor(code, message) {
      super(message);
      this.code = code;
    }
  }

  const trimSlash = (url) => String(url).replace(/\/+$/, "");

  function setState(state, text) {
    document.body.dataset.state = state;
    byId("status").textContent = text;
  }

  function showError(error) {
    const box = byId("error");
    box.hidden = false;
    box.dataset.code = error.code || "unexpected";
    box.textContent = error.message;
    setState("error", "Something went wrong.");
  }

  function readEnv() {
    if (!env || !env.jwtServer || !env.jwtServer.url) {
      throw new UiError("invalid_env", "env.js does not name a jwtServer.url.");
    }
    const cubes = Object.entries(env.atotiServers || {}).map(([name, server]) => {
      if (!/^[A-Za-z0-9_-]+$/.test(name) || !server || !server.url) {
        throw new UiError("invalid_env", `env.js: the Atoti server "${name}" needs a simple name and a url.`);
      }
      return { name, url: trimSlash(server.url), paths: { ...(server.paths || {}) } };
    });
    return { jwtServer: trimSlash(env.jwtServer.url), cubes };
  }

  // Where the JWT server should send the browser back: a local path when it serves this page itself
  // (embedded), else this page's full URL (its origin must be on the server's allow-list).
  function returnUrl(jwtServer) {
    const embedded = new URL(jwtServer).origin === window.location.origin;
    return embedded ? window.location.pathname + window.location.search : window.location.href;
  }

  async function fetchToken(jwtServer) {
    let response;
    try {
      response = await fetch(`${jwtServer}/jwt`, { credentials: "include", cache: "no-store" });
    } catch (error) {
      throw new UiError("jwt_unreachable", `The JWT server ${jwtServer} cannot be reached (${error.message}).`);
    }
    if (response.status === 401) {
      setState("redirecting", "Not signed in: going to the login page…");
      window.location.assign(`${jwtServer}/login?redirectUrl=${encodeURIComponent(returnUrl(jwtServer))}`);
      return null;
    }
    if (response.status === 403) {
      throw new UiError("forbidden", "You are signed in, but your roles do not allow this application (ROLE_USER is needed).");
    }
    if (!response.ok) {
      throw new UiError("jwt_failed", `The JWT server answered ${response.status} to /jwt.`);
    }
    const body = await response.json();
    // Atoti 6's {"token": …}, or 5's {"status":"success","data":{"token":…}}.
    const token = body.token || (body.data && body.data.token);
    if (!token) {
      throw new UiError("jwt_failed", "The JWT server's answer holds no token.");
    }
    return token;
  }

  function decodePayload(token) {
    const part = token.split(".")[1] || "";
    const base64 = part.replace(/-/g, "+").replace(/_/g, "/").padEnd(Math.ceil(part.length / 4) * 4, "=");
    const bytes = Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));
    return JSON.parse(new TextDecoder().decode(bytes));
  }

  function showSession(jwtServer, claims) {
    byId("user").textContent = claims.sub || "(no sub claim)";
    const roles = byId("roles");
    roles.replaceChildren(...(claims.authorities || []).map((role) => {
      const item = document.createElement("li");
      item.textContent = role;
      return item;
    }));
    byId("jwt-server").textContent = jwtServer;
    if (claims.exp) {
      const expiry = new Date(claims.exp * 1000);
      byId("token-expiry").dateTime = expiry.toISOString();
      byId("token-expiry").textContent = expiry.toLocaleTimeString();
    }
    byId("session").hidden = false;
  }

  function cubeView(cube) {
    const article = byId("cube-template").content.firstElementChild.cloneNode(true);
    article.id = `cube-${cube.name}`;
    article.dataset.cube = cube.name;
    article.setAttribute("aria-labelledby", `cube-${cube.name}-name`);
    const part = (cls, suffix) => {
      const element = article.querySelector(`.${cls}`);
      element.id = `cube-${cube.name}-${suffix}`;
      return element;
    };
    part("cube-name", "name").textContent = cube.name;
    part("cube-url", "url").textContent = cube.url;
    const view = {
      article,
      ping: part("cube-ping", "ping"),
      whoami: part("cube-whoami", "whoami"),
      socket: part("cube-socket", "socket"),
      count: part("cube-count", "count"),
      messages: part("cube-messages", "messages"),
      received: 0,
    };
    part("cube-messages-title", "messages-title");
    view.messages.setAttribute("aria-labelledby", `cube-${cube.name}-messages-title`);
    byId("cube-list").append(article);
    return view;
  }

  function setPing(view, state, text) {
    view.article.dataset.ping = state;
    view.ping.textContent = text;
  }

  function setSocket(view, state, text) {
    view.article.dataset.socket = state;
    view.socket.textContent = text;
  }

  function received(view, text) {
    view.received += 1;
    view.article.dataset.messages = String(view.received);
    view.count.textContent = String(view.received);
    const item = document.createElement("li");
    item.textContent = text;
    view.messages.prepend(item);
    while (view.messages.childElementCount > KEPT_MESSAGES) {
      view.messages.lastElementChild.remove();
    }
  }

  // The newest pivot API version of the server's public /versions/rest, or the defaults without one.
  async function discoverPaths(cube) {
    try {
      const response = await fetch(`${cube.url}/versions/rest`, { cache: "no-store", signal: AbortSignal.timeout(DISCOVERY_TIMEOUT_MS) });
      const versions = response.ok ? (((await response.json()).apis || {})[PIVOT_API] || {}).versions || [] : [];
      const newest = versions[versions.length - 1];
      if (newest && newest.restPath && newest.wsPath) {
        return { ping: `${newest.restPath}/ping`, rest: `${newest.restPath}/whoami`, stream: newest.wsPath };
      }
    } catch (error) {
      // No discovery: the defaults below.
    }
    return DEFAULT_PATHS;
  }

  // Ping with the JWT: the answer "pong" sets the cube's cookies for its WebSocket. True when it did.
  async function ping(cube, view, token) {
    const response = await fetch(cube.url + cube.paths.ping, { headers: { Authorization: `Bearer ${token}` }, credentials: "include", cache: "no-store" });
    const text = (await response.text()).trim();
    if (!response.ok || text !== "pong") {
      setPing(view, "failed", `refused (${response.status})`);
      return false;
    }
    setPing(view, "ok", "pong");
    return true;
  }

  async function connectCube(cube, token) {
    cube.paths = { ...(await discoverPaths(cube)), ...cube.paths };
    const view = cubeView(cube);
    cube.view = view;
    const auth = { Authorization: `Bearer ${token}` };
    try {
      if (!(await ping(cube, view, token))) {
        return;
      }

      const rest = await fetch(cube.url + cube.paths.rest, { headers: auth, credentials: "include", cache: "no-store" });
      if (rest.ok) {
        const who = await rest.json();
        view.whoami.textContent = `${who.user} (${(who.roles || []).join(", ")})`;
        view.article.dataset.whoami = who.user || "";
      } else {
        view.whoami.textContent = `REST call refused (${rest.status})`;
      }
    } catch (error) {
      setPing(view, "failed", `unreachable (${error.message})`);
      return;
    }
    openSocket(cube, view);
  }

  function openSocket(cube, view) {
    // The handshake carries the cookie ping just set (a WebSocket cannot send the JWT header).
    const socket = new WebSocket(cube.url.replace(/^http/, "ws") + cube.paths.stream);
    sockets.set(cube.name, socket);
    setSocket(view, "connecting", "connecting…");
    socket.addEventListener("open", () => {
      setSocket(view, "open", "live");
      socket.send("hello from the UI");
    });
    socket.addEventListener("message", (event) => received(view, String(event.data)));
    socket.addEventListener("close", (event) => {
      view.article.dataset.closeCode = String(event.code);
      setSocket(view, "closed", `closed (code ${event.code})`);
      // The sidecar drops a socket when its session ends: a sign-out elsewhere, a revocation, a timeout.
      if (!signingOut && [...sockets.values()].every((s) => s.readyState === WebSocket.CLOSED)) {
        setState("disconnected", "Live updates stopped: the session ended or expired. Reload the page to sign in again.");
      }
    });
    socket.addEventListener("error", () => view.article.dataset.socketError = "true");
  }

  // The Atoti UI's habit: a new token before the old one expires, and a ping on every server with it.
  function scheduleRenewal(settings, claims) {
    const issued = (claims.iat || claims.nbf || Date.now() / 1000) * 1000;
    const at = issued + (claims.exp * 1000 - issued) * RENEW_AT;
    setTimeout(() => renew(settings).catch(showError), Math.max(1000, at - Date.now()));
  }

  async function renew(settings) {
    if (signingOut) {
      return;
    }
    const response = await fetch(`${settings.jwtServer}/jwt`, { credentials: "include", cache: "no-store" });
    if (!response.ok) {
      setState("disconnected", "The session has ended: reload the page to sign in again.");
      return;
    }
    const body = await response.json();
    const token = body.token || (body.data && body.data.token);
    const claims = decodePayload(token);
    showSession(settings.jwtServer, claims);
    await Promise.all(settings.cubes.filter((cube) => cube.view).map((cube) => ping(cube, cube.view, token).catch(() => false)));
    document.body.dataset.renewals = String(Number(document.body.dataset.renewals || "0") + 1);
    scheduleRenewal(settings, claims);
  }

  async function logout(settings) {
    byId("logout").disabled = true;
    signingOut = true;
    setState("signing-out", "Signing out…");
    for (const socket of sockets.values()) {
      socket.close(1000, "signing out");
    }
    // Every other server gets POST /logout (it drops that cube's cookie); then the JWT server's
    // /logout ends the session everywhere (seed 002, "Logout").
    await Promise.allSettled(settings.cubes.map((cube) => fetch(`${cube.url}/logout`, {
      method: "POST",
      credentials: "include",
      keepalive: true,
      signal: AbortSignal.timeout(LOGOUT_TIMEOUT_MS),
    })));
    window.location.assign(`${settings.jwtServer}/logout?redirectUrl=${encodeURIComponent(returnUrl(settings.jwtServer))}`);
  }

  async function start() {
    const settings = readEnv();
    const token = await fetchToken(settings.jwtServer);
    if (!token) {
      return;
    }
    const claims = decodePayload(token);
    showSession(settings.jwtServer, claims);
    byId("logout").addEventListener("click", () => logout(settings).catch(showError));
    byId("cubes").hidden = false;
    await Promise.all(settings.cubes.map((cube) => connectCube(cube, token)));
    setState("ready", "Signed in.");
    scheduleRenewal(settings, claims);
  }

  start().catch((error) => showError(error instanceof UiError ? error : new UiError("unexpected", error.message)));
})();
