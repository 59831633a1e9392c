// The admin console's links section (issue 22): one principal shares another's individual roles.
// Loaded after console.js, whose helpers ($, api, run, cell, button, latest) it uses.
"use strict";

const principalText = (p) => p.provider + "/" + p.userName;
const linkPath = (provider, userName) => "/admin/providers/" + enc(provider) + "/users/" + enc(userName) + "/link";

async function loadLinks() {
  await run(async () => {
    const current = latest("links");
    const links = await api("GET", "/admin/links");
    if (!current()) return;
    const rows = $("link-rows");
    rows.replaceChildren();
    for (const link of links) {
      const from = principalText(link.principal);
      const row = document.createElement("tr");
      row.dataset.principal = from;
      cell(row, from);
      cell(row, principalText(link.target));
      button(cell(row, ""), "Remove", () => run(async () => {
        await api("DELETE", linkPath(link.principal.provider, link.principal.userName));
        await loadLinks();
      }, "Removed the link of " + from)).setAttribute("aria-label", "Remove the link of " + from);
      rows.appendChild(row);
    }
    if (links.length === 0) {
      const row = document.createElement("tr");
      cell(row, "No link.").colSpan = 3;
      rows.appendChild(row);
    }
  });
}

function wireLinks() {
  $("set-link").addEventListener("submit", (event) => {
    event.preventDefault();
    const from = $("link-provider").value.trim() + "/" + $("link-name").value.trim();
    const target = { provider: $("link-target-provider").value.trim(), userName: $("link-target-name").value.trim() };
    run(async () => {
      await api("PUT", linkPath($("link-provider").value.trim(), $("link-name").value.trim()), target);
      $("link-name").value = "";
      $("link-target-name").value = "";
      await loadLinks();
    }, "Linked " + from + " to " + principalText(target));
  });
}

document.addEventListener("DOMContentLoaded", wireLinks);
