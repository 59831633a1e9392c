// The admin console's audit section (issue 16): the audit trail, filtered by user, action and time.
// Loaded after console.js, whose helpers ($, api, run, cell) it uses. Only the latest query's answer
// is shown: opening the tab loads one unfiltered, which may answer after a filtered one asked just after it.
"use strict";

let auditQuery = 0;

async function loadAudit() {
  const mine = ++auditQuery;
  await run(async () => {
    const query = new URLSearchParams();
    for (const [name, id] of [["user", "audit-user"], ["action", "audit-action"], ["since", "audit-since"]]) {
      const value = $(id).value.trim();
      if (value) query.set(name, value);
    }
    const events = await api("GET", "/admin/audit?" + query.toString());
    if (mine !== auditQuery) return;
    const rows = $("audit-rows");
    rows.replaceChildren();
    for (const e of events) {
      const row = document.createElement("tr");
      row.dataset.action = e.action;
      cell(row, e.time.replace(/\.\d+/, ""));
      cell(row, e.actor);
      cell(row, e.action);
      cell(row, e.target);
      cell(row, e.outcome);
      cell(row, e.clientAddress);
      cell(row, e.detail);
      rows.appendChild(row);
    }
  });
}

function wireAudit() {
  $("audit-filter").addEventListener("submit", (event) => {
    event.preventDefault();
    loadAudit();
  });
}

document.addEventListener("DOMContentLoaded", wireAudit);
