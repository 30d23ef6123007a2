// normgraph's pages: a form marked data-run="ID" (the SPARQL editor, a canned query) shows its
// answer in the element ID instead of loading a new page. Without this script the same forms
// still work: the server answers them with a page.
"use strict";

const base = document.body.dataset.base || "";

// An IRI minted under the graph's base leads to this server's page of it.
function link(iri) {
  return iri.startsWith(base) ? "/id/" + iri.slice(base.length) : iri;
}

function cell(term) {
  const td = document.createElement("td");
  if (!term) return td;
  if (term.type === "uri") {
    const a = document.createElement("a");
    a.href = link(term.value);
    a.textContent = term.value.startsWith(base) ? term.value.slice(base.length) : term.value;
    td.append(a);
  } else {
    td.textContent = term.value;
    if (term["xml:lang"]) {
      const lang = document.createElement("span");
      lang.className = "lang";
      lang.textContent = " @" + term["xml:lang"];
      td.append(lang);
    }
  }
  return td;
}

function message(target, text, className) {
  const p = document.createElement("p");
  p.className = className;
  p.textContent = text;
  target.replaceChildren(p);
}

// SPARQL 1.1 results JSON as a table.
function render(target, json, ms) {
  if ("boolean" in json) {
    message(target, `${json.boolean} (${ms} ms)`, "count");
    return;
  }
  const vars = json.head.vars;
  const rows = json.results.bindings;
  const count = document.createElement("p");
  count.className = "count";
  count.textContent = `${rows.length} row${rows.length === 1 ? "" : "s"} (${ms} ms)`;
  const table = document.createElement("table");
  table.className = "answer";
  const head = table.createTHead().insertRow();
  for (const v of vars) {
    const th = document.createElement("th");
    th.textContent = v;
    head.append(th);
  }
  const body = table.createTBody();
  for (const row of rows) {
    const tr = body.insertRow();
    for (const v of vars) tr.append(cell(row[v]));
  }
  target.replaceChildren(count, table);
}

async function ask(target, url, init) {
  message(target, "Running…", "count");
  target.setAttribute("aria-busy", "true");
  const started = performance.now();
  try {
    const response = await fetch(url, init);
    const ms = Math.round(performance.now() - started);
    const type = response.headers.get("content-type") || "";
    if (!response.ok) {
      message(target, `${response.status} ${response.statusText}: ${await response.text()}`, "error");
    } else if (type.startsWith("application/sparql-results+json")) {
      render(target, await response.json(), ms);
    } else {
      const pre = document.createElement("pre");
      pre.textContent = await response.text();
      target.replaceChildren(pre);
    }
  } catch (e) {
    message(target, `The request failed: ${e}`, "error");
  } finally {
    target.removeAttribute("aria-busy");
  }
}

const accept = "application/sparql-results+json, text/turtle;q=0.9";

for (const form of document.querySelectorAll("form[data-run]")) {
  const target = document.getElementById(form.dataset.run);
  if (!target) continue;
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    const data = new URLSearchParams(new FormData(form));
    if (form.method.toLowerCase() === "post") {
      ask(target, form.action, { method: "POST", body: data, headers: { Accept: accept } });
    } else {
      ask(target, `${form.action}?${data}`, { headers: { Accept: accept } });
    }
  });
  for (const area of form.querySelectorAll("textarea")) {
    area.addEventListener("keydown", (event) => {
      if (event.key === "Enter" && (event.ctrlKey || event.metaKey)) {
        event.preventDefault();
        form.requestSubmit();
      }
    });
  }
}

// The search box suggests as one types (from /search as JSON); choosing a suggestion opens its
// page. Without this script the box still works: the server answers its form with a page.
const box = document.getElementById("search-box");
const suggestions = document.getElementById("search-suggestions");
if (box && suggestions) {
  let hits = [];
  let pending = null;
  box.addEventListener("input", () => {
    const chosen = hits.find((h) => h.name === box.value);
    if (chosen) {
      window.location.assign(chosen.href);
      return;
    }
    clearTimeout(pending);
    const q = box.value.trim();
    if (q.length < 2) return;
    pending = setTimeout(async () => {
      try {
        const response = await fetch(`/search?q=${encodeURIComponent(q)}`, { headers: { Accept: "application/json" } });
        if (!response.ok) return;
        hits = await response.json();
        suggestions.replaceChildren(...hits.map((h) => {
          const option = document.createElement("option");
          option.value = h.name;
          option.label = h.kind;
          return option;
        }));
      } catch (e) {
        // The box still submits its form.
      }
    }, 120);
  });
}
