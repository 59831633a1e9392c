// The admin console's audit section (issue 16): the audit trail, filtered by user, action and time.
// Loaded after console.js, whose helpers ($, api, run, cell, latest) it uses. Opening the tab loads the
// trail unfiltered, which may answer after a filtered query asked just after it: only the latest is drawn.
"use strict";

async function loadAudit() {
  const current = latest("audit");
  await run(async () => {
    const query = new URLSearchParams();
    for (const [name, id] of [["user", "audit-user"], ["action", "audit-action"], ["since", "audit-since"]]) {
      const value = $(id).value.trim();
      if (value) query.set(name, value);
    }
    const events = await api("GET", "/admin/audit?" + query.toString());
    if (!current()) return;
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
