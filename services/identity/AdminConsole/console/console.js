// The AtotiAuth admin console: calls the admin API same-origin with the session cookie (JSON only;
// the browser adds Origin, which the API checks). Every value from the API reaches the page as text.
"use strict";

const $ = (id) => document.getElementById(id);
const enc = encodeURIComponent;
const roleList = (text) => text.split(",").map((r) => r.trim()).filter((r) => r.length > 0);

function say(message, ok) {
  const status = $("status");
  status.textContent = message;
  status.className = ok ? "ok" : "error";
}

async function api(method, path, body) {
  const init = { method, credentials: "same-origin", headers: { Accept: "application/json" } };
  if (body !== undefined) {
    init.headers["Content-Type"] = "application/json";
    init.body = JSON.stringify(body);
  }
  const response = await fetch(path, init);
  if (response.status === 401) {
    location.assign("/login?redirectUrl=" + enc("/admin/"));
    throw new Error("Signed out");
  }
  const text = await response.text();
  const json = text ? JSON.parse(text) : null;
  if (!response.ok) {
    const code = json && json.code ? json.code : "http_" + response.status;
    const title = json && json.title ? json.title : response.statusText;
    // A validation problem names its field's rule too: both halves of a link have a "userName".
    const rules = json && json.errors ? Object.values(json.errors).flat() : [];
    throw new Error([title, ...rules].join(" ") + " (" + code + ")");
  }
  return json;
}

// Only the latest load of a list draws it: one started earlier (by opening a tab) may answer after one
// started later (the reload after a change) and would put the old rows back.
const loads = new Map();
function latest(list) {
  const mine = (loads.get(list) || 0) + 1;
  loads.set(list, mine);
  return () => loads.get(list) === mine;
}

// Runs an action, reports its outcome in the status line, never throws.
async function run(action, done) {
  try {
    await action();
    if (done) say(done, true);
  } catch (error) {
    say(error.message, false);
  }
}

function cell(row, text, className) {
  const td = document.createElement("td");
  td.textContent = text;
  if (className) td.className = className;
  row.appendChild(td);
  return td;
}

function button(parent, label, onClick) {
  const b = document.createElement("button");
  b.type = "button";
  b.textContent = label;
  b.addEventListener("click", onClick);
  parent.appendChild(b);
  return b;
}

// Tabs: buttons that show one panel; arrow keys move between them.
function showTab(name) {
  for (const tab of document.querySelectorAll(".tab")) {
    const selected = tab.dataset.tab === name;
    tab.setAttribute("aria-selected", String(selected));
    $(tab.dataset.tab).hidden = !selected;
  }
  if (name === "roles") loadIndividual();
  if (name === "audit") loadAudit();
  if (name === "providers") loadProvider();
  if (name === "links") loadLinks();
}

// ---- Users (basic): the API names a basic user's sessions and roles under the provider "basic"
const basicUser = (userName) => "/admin/providers/basic/users/" + enc(userName);

let users = [];
let selectedUser = null;

async function loadUsers() {
  const current = latest("users");
  const loaded = await api("GET", "/admin/users");
  if (!current()) return;
  users = loaded;
  renderUsers();
}

function renderUsers() {
  const filter = $("user-search").value.trim().toLowerCase();
  const rows = $("user-rows");
  rows.replaceChildren();
  for (const user of users.filter((u) => u.userName.toLowerCase().includes(filter))) {
    const row = document.createElement("tr");
    row.dataset.user = user.userName;
    cell(row, user.userName);
    cell(row, user.status, user.status === "Active" ? "" : "inactive");
    cell(row, user.roles.join(", "));
    const actions = cell(row, "");
    button(actions, "Sessions", () => run(() => selectUser(user.userName))).setAttribute("aria-label", "Sessions of " + user.userName);
    const active = user.status === "Active";
    button(actions, active ? "Deactivate" : "Activate", () => run(async () => {
      await api("PUT", "/admin/users/" + enc(user.userName) + "/status", { status: active ? "Inactive" : "Active" });
      await loadUsers();
    }, (active ? "Deactivated " : "Activated ") + user.userName)).setAttribute("aria-label", (active ? "Deactivate " : "Activate ") + user.userName);
    button(actions, "Unlock", () => run(() => api("DELETE", "/admin/users/" + enc(user.userName) + "/lock"), "Unlocked " + user.userName))
      .setAttribute("aria-label", "Unlock " + user.userName);
    button(actions, "Delete", () => {
      if (!confirm("Delete the user " + user.userName + "?")) return;
      run(async () => {
        await api("DELETE", "/admin/users/" + enc(user.userName));
        if (selectedUser === user.userName) $("user-detail").hidden = true;
        await loadUsers();
      }, "Deleted " + user.userName);
    }).setAttribute("aria-label", "Delete " + user.userName);
    rows.appendChild(row);
  }
}

async function selectUser(userName) {
  selectedUser = userName;
  $("detail-name").textContent = userName;
  $("user-detail").hidden = false;
  await loadSessions();
  $("reset-value").focus();
}

async function loadSessions() {
  const current = latest("sessions");
  const sessions = await api("GET", basicUser(selectedUser) + "/sessions");
  if (!current()) return;
  const rows = $("session-rows");
  rows.replaceChildren();
  for (const session of sessions) {
    const row = document.createElement("tr");
    row.dataset.session = session.id;
    cell(row, session.id.slice(0, 12) + "…");
    cell(row, session.provider);
    cell(row, session.roles.join(", "));
    cell(row, new Date(session.lastSeenAt).toISOString().replace(".000Z", "Z"));
    const actions = cell(row, "");
    button(actions, "Revoke", () => run(async () => {
      await api("DELETE", "/admin/sessions/" + enc(session.id));
      await loadSessions();
    }, "Revoked a session of " + selectedUser)).setAttribute("aria-label", "Revoke session " + session.id.slice(0, 12));
    rows.appendChild(row);
  }
  if (sessions.length === 0) {
    const row = document.createElement("tr");
    cell(row, "No live session.").colSpan = 5;
    rows.appendChild(row);
  }
}

// ---- Individual roles, per provider
function individualProvider() {
  return $("individual-provider").value.trim();
}

async function loadIndividual() {
  await run(async () => {
    const current = latest("individual");
    const id = individualProvider();
    const all = await api("GET", "/admin/providers/" + enc(id) + "/individual-roles");
    if (!current()) return;
    const rows = $("individual-rows");
    rows.replaceChildren();
    for (const [userName, roles] of Object.entries(all)) {
      const row = document.createElement("tr");
      cell(row, userName);
      cell(row, roles.join(", "));
      button(cell(row, ""), "Remove", () => run(async () => {
        await api("DELETE", "/admin/providers/" + enc(id) + "/users/" + enc(userName) + "/roles");
        await loadIndividual();
      }, "Removed the individual roles of " + userName)).setAttribute("aria-label", "Remove the roles of " + userName);
      rows.appendChild(row);
    }
  });
}

// ---- Providers
function provider() {
  return $("provider-id").value.trim();
}

async function loadProvider() {
  await run(async () => {
    const current = latest("provider");
    const id = provider();
    const mapping = await api("GET", "/admin/providers/" + enc(id) + "/role-mapping");
    const defaults = await api("GET", "/admin/providers/" + enc(id) + "/default-roles");
    if (!current()) return;
    $("mapping-provider").textContent = id;
    const rows = $("mapping-rows");
    rows.replaceChildren();
    for (const [key, roles] of Object.entries(mapping)) {
      const row = document.createElement("tr");
      cell(row, key);
      cell(row, roles.join(", "));
      button(cell(row, ""), "Remove", () => run(async () => {
        await api("DELETE", "/admin/providers/" + enc(id) + "/role-mapping/" + enc(key));
        await loadProvider();
      }, "Removed the mapping of " + key)).setAttribute("aria-label", "Remove the mapping of " + key);
      rows.appendChild(row);
    }
    $("default-roles").value = defaults.roles.join(", ");
  });
}

function wire() {
  const tabs = [...document.querySelectorAll(".tab")];
  tabs.forEach((tab, i) => {
    tab.addEventListener("click", () => showTab(tab.dataset.tab));
    tab.addEventListener("keydown", (event) => {
      const step = event.key === "ArrowRight" ? 1 : event.key === "ArrowLeft" ? -1 : 0;
      if (step === 0) return;
      const next = tabs[(i + step + tabs.length) % tabs.length];
      next.focus();
      showTab(next.dataset.tab);
    });
  });

  $("create-user").addEventListener("submit", (event) => {
    event.preventDefault();
    const userName = $("new-name").value.trim();
    run(async () => {
      await api("POST", "/admin/users", { userName, password: $("new-password").value, roles: roleList($("new-roles").value) });
      event.target.reset();
      await loadUsers();
    }, "Created " + userName);
  });
  $("user-search").addEventListener("input", renderUsers);
  $("reload-users").addEventListener("click", () => run(loadUsers, "Users reloaded"));
  $("reset-password").addEventListener("submit", (event) => {
    event.preventDefault();
    run(async () => {
      await api("PUT", "/admin/users/" + enc(selectedUser) + "/password", { password: $("reset-value").value });
      event.target.reset();
    }, "Password reset for " + selectedUser);
  });
  $("revoke-all").addEventListener("click", () => run(async () => {
    const result = await api("DELETE", basicUser(selectedUser) + "/sessions");
    await loadSessions();
    say("Revoked " + result.revoked + " session(s) of " + selectedUser, true);
  }));
  $("set-individual").addEventListener("submit", (event) => {
    event.preventDefault();
    const userName = $("individual-name").value.trim();
    run(async () => {
      await api("PUT", "/admin/providers/" + enc(individualProvider()) + "/users/" + enc(userName) + "/roles", { roles: roleList($("individual-roles").value) });
      $("individual-name").value = "";
      $("individual-roles").value = "";
      await loadIndividual();
    }, "Set the individual roles of " + userName);
  });
  $("individual-provider").addEventListener("change", loadIndividual);
  $("pick-provider").addEventListener("submit", (event) => {
    event.preventDefault();
    loadProvider();
  });
  $("set-mapping").addEventListener("submit", (event) => {
    event.preventDefault();
    const key = $("mapping-key").value.trim();
    run(async () => {
      await api("PUT", "/admin/providers/" + enc(provider()) + "/role-mapping/" + enc(key), { roles: roleList($("mapping-roles").value) });
      event.target.reset();
      await loadProvider();
    }, "Mapped " + key + " for " + provider());
  });
  $("set-defaults").addEventListener("submit", (event) => {
    event.preventDefault();
    run(() => api("PUT", "/admin/providers/" + enc(provider()) + "/default-roles", { roles: roleList($("default-roles").value) }),
      "Saved the default roles of " + provider());
  });

  run(loadUsers);
}

document.addEventListener("DOMContentLoaded", wire);
