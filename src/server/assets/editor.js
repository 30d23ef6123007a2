// The SPARQL editor of /editor: YASGUI (npm @zazuko/yasgui, served from the binary), pointed at
// this server's /sparql, with the canned queries as examples. The URL is the permalink: running
// a query writes it into ?query=, and a URL with ?query= opens with that query and runs it.
// Results are paged by YASR's table and download as CSV, TSV or JSON from its menu.
"use strict";

const root = document.getElementById("yasgui");
const examples = JSON.parse(document.getElementById("examples").textContent);
const prefixes = document.getElementById("prefixes").textContent;
const asked = new URLSearchParams(window.location.search).get("query");

const yasgui = new window.Yasgui(root, {
  requestConfig: { endpoint: "/sparql", method: "POST" },
  copyEndpointOnNewTab: false,
  endpointCatalogueOptions: { getData: () => [{ endpoint: "/sparql" }] },
  // One editor per page: what the URL asks, not what an earlier visit left in local storage.
  persistenceId: null,
  populateFromUrl: false,
  yasqe: {
    value: asked || examples[0].query,
    // Only what this page knows: no completion that asks a service elsewhere.
    autocompleters: ["variables"],
    resizeable: true,
  },
  yasr: { prefixes: Object.fromEntries(prefixes.trim().split("\n").map((l) => {
    const m = l.match(/^PREFIX (\w+): <(.*)>$/);
    return m ? [m[1], m[2]] : null;
  }).filter(Boolean)) },
});

const tab = () => yasgui.getTab();

// What YASGUI leaves unnamed for assistive technology, named (axe-core checks the page in
// tests/pages.rs): its fields, its tab list (whose "add a tab" button is no tab), its editor's
// scrolling area, the table's page-size menu.
function name(element, label) {
  if (element && !element.getAttribute("aria-label")) element.setAttribute("aria-label", label);
}
function accessible() {
  for (const input of root.querySelectorAll("input.autocomplete")) name(input, "Endpoint");
  for (const area of root.querySelectorAll(".CodeMirror textarea")) name(area, "SPARQL query");
  for (const sizer of root.querySelectorAll("select.tableSizer")) name(sizer, "Rows per page");
  for (const list of root.querySelectorAll(".tabsList")) {
    // The holder of the "add a tab" button, a child of the tab list that holds no tab, goes
    // beside the list (its handler goes with it).
    for (const holder of list.querySelectorAll(":scope > div:not(.tab)")) {
      if (holder.querySelector("button.addTab")) list.after(holder);
    }
  }
  for (const scroll of root.querySelectorAll(".CodeMirror-scroll")) {
    if (scroll.getAttribute("tabindex") !== "0") scroll.setAttribute("tabindex", "0");
  }
}
accessible();
new MutationObserver(accessible).observe(root, { childList: true, subtree: true });

// The permalink: the query the editor ran, in the URL.
yasgui.on("query", (_instance, t) => {
  const url = new URL(window.location.href);
  url.searchParams.set("query", t.getQuery());
  window.history.replaceState(null, "", url);
});

const select = document.getElementById("example");
for (const [i, e] of examples.entries()) {
  const option = document.createElement("option");
  option.value = String(i);
  option.textContent = `${e.name}: ${e.description}`;
  select.append(option);
}
select.addEventListener("change", () => {
  const e = examples[Number(select.value)];
  if (!e) return;
  tab().setQuery(e.query);
});

if (asked) {
  tab().setQuery(asked);
  tab().query();
}
