// Every kind of page, read in Debian's headless Chromium as a person would, and checked by
// axe-core for accessibility: a document, a vote, a State, a norm, a body, the four indexes,
// a search, an error, the French chrome. Prints what it saw as JSON on stdout (tests/pages.rs
// compares it with the graph); a screenshot of each page goes to DIR.
//
//   node tests/browser/pages.mjs http://127.0.0.1:7878 DIR
import { launch } from "./launch.mjs";
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";

const require = createRequire(import.meta.url);
const axeSource = readFileSync(require.resolve("axe-core/axe.min.js"), "utf8");
const [origin, shots] = process.argv.slice(2);
const browser = await launch();
const seen = { errors: [], axe: {}, pages: {} };

// axe-core runs in the page through the DevTools protocol (the pages' content security
// policy lets no other script in, as it should).
async function audit(page, name) {
  await page.evaluate(axeSource);
  const result = await page.evaluate(async () => {
    const r = await window.axe.run(document, { resultTypes: ["violations"] });
    return {
      passes: r.passes.length,
      violations: r.violations.map((v) => ({ id: v.id, impact: v.impact, nodes: v.nodes.length, help: v.help })),
    };
  });
  seen.axe[name] = result;
}

async function visit(page, name, path) {
  const response = await page.goto(`${origin}${path}`);
  await page.screenshot({ path: `${shots}/${name}.png`, fullPage: false });
  await audit(page, name);
  seen.pages[name] = { status: response.status(), path: new URL(page.url()).pathname, lang: await page.getAttribute("html", "lang") };
  return response;
}

const texts = (page, selector) => page.locator(selector).allTextContents();

try {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: "en-GB" });
  const page = await context.newPage();
  page.on("pageerror", (e) => seen.errors.push(String(e)));
  // (The error page is a 404 on purpose: its console line is not an error of the page.)
  let expecting404 = false;
  page.on("console", (m) => { if (m.type() === "error" && !expecting404) seen.errors.push(m.text()); });

  // A resolution: symbol, title, its votes as bars, its sponsors, its citations.
  await visit(page, "document", "/id/doc/A/RES/75/240");
  seen.document = {
    heading: (await page.locator("h1").textContent()).trim(),
    subtitle: (await page.locator("p.subtitle").textContent()).trim(),
    bars: await page.locator("#votes svg.bar").count(),
    draft: await page.locator("dl.about a[href='/id/doc/A/C.1/75/L.8/Rev.1']").count(),
    sponsors: await page.locator("#sponsors a[href^='/id/state/']").count(),
    cites: await page.locator("#cites tbody tr").count(),
    citedBy: await page.locator("#cited-by tbody tr").count(),
    paragraphs: await page.locator("#text blockquote").count(),
    alternates: await page.locator("link[rel=alternate]").count(),
  };

  // The vote on it: the bar, the three lists and the absent, each State a link.
  await visit(page, "vote", "/id/doc/A/RES/75/240/vote/plenary");
  seen.vote = {
    heading: (await page.locator("h1").textContent()).trim(),
    segments: await page.locator("#result svg.bar rect").count(),
    yes: await page.locator("#yes li").count(),
    no: await page.locator("#no li").count(),
    abstain: await page.locator("#abstain li").count(),
    absent: await page.locator("#absent li").count(),
    firstYes: (await page.locator("#yes li a").first().textContent()).trim(),
    noList: await texts(page, "#no li a"),
  };
  await page.locator("#no li a", { hasText: "France" }).click();
  await page.waitForURL("**/id/state/FRA");

  // The State the vote led to: one row per recorded vote.
  await page.screenshot({ path: `${shots}/state.png`, fullPage: false });
  await audit(page, "state");
  seen.state = {
    heading: (await page.locator("h1").textContent()).trim(),
    rows: await page.locator("#record tbody tr").count(),
    votes: await texts(page, "#record tbody tr td:nth-child(4)"),
    sponsorships: await page.locator("#sponsorships li").count(),
    most: await page.locator("#most li").count(),
  };

  // A norm: its text in each language the graph holds.
  await visit(page, "norm", "/id/doc/A/RES/73/27/norm/1.6");
  seen.norm = {
    heading: (await page.locator("h1").textContent()).trim(),
    texts: await page.locator("blockquote.norm").evaluateAll((qs) => qs.map((q) => [q.lang, q.querySelector("p").textContent])),
    root: await page.locator("dl.about a[href='/id/doc/A/70/174/norm/13(f)']").count(),
    lineage: await page.locator("#lineage tbody tr").count(),
  };

  // A body.
  await visit(page, "body", "/id/body/gge/2019");
  seen.body = {
    heading: (await page.locator("h1").textContent()).trim(),
    links: await texts(page, "dl.about dd a"),
  };

  // The vocabulary, each term at its anchor.
  await visit(page, "ontology", "/ontology#adoptionDate");
  seen.ontology = { terms: await page.locator("dl.terms dt").count() };

  // The home page, the canned queries and an answer, the endpoint's own page.
  await visit(page, "home", "/");
  await visit(page, "queries", "/queries");
  await visit(page, "answer", "/queries/votes?doc=A/RES/75/240");
  await visit(page, "sparql", "/sparql");

  // The indexes.
  for (const [name, path] of [["documents", "/id/doc/"], ["states", "/id/state/"], ["norms", "/id/norm/"], ["bodies", "/id/body/"]]) {
    await visit(page, name, path);
    seen.pages[name].rows = await page.locator("table.index tbody tr").count();
  }
  seen.pages.documents.line = await page.goto(`${origin}/id/doc/`).then(() => page.locator("table.index").first().locator("tbody tr").count());

  // The search box: a French name, suggested as one types, then followed.
  await page.goto(`${origin}/id/doc/`);
  await page.locator("#search-box").pressSequentially("Tchéq", { delay: 30 });
  await page.waitForFunction(() => document.querySelectorAll("#search-suggestions option").length > 0);
  seen.suggestions = await page.locator("#search-suggestions option").evaluateAll((os) => os.map((o) => o.value));
  // Choosing the suggestion (the box then holds its name) opens its page.
  await Promise.all([page.waitForURL("**/id/state/CZE"), page.locator("#search-box").fill(seen.suggestions[0])]);
  seen.searched = new URL(page.url()).pathname;
  // Without choosing: the form, answered by the server (one exact match: its page).
  await page.goto(`${origin}/id/norm/`);
  await page.locator("#search-box").fill("Chequia");
  await Promise.all([page.waitForURL("**/id/state/CZE"), page.locator("#search-box").press("Enter")]);
  seen.submitted = new URL(page.url()).pathname;
  await visit(page, "search", "/search?q=group");
  seen.pages.search.hits = await page.locator("ul.hits li").count();

  // An error, as a page: a symbol of no document, with the nearest ones.
  expecting404 = true;
  const missing = await visit(page, "error", "/id/doc/A/RES/75/24O");
  expecting404 = false;
  seen.error = {
    status: missing.status(),
    type: missing.headers()["content-type"],
    nearest: await texts(page, "main li a"),
  };

  // The editor of the ecosystem, YASGUI, from this server: run the first example, the URL
  // becomes its permalink, which opens and runs it again; the table pages; a download menu.
  await visit(page, "editor", "/editor");
  await page.locator(".yasqe_queryButton").click();
  await page.waitForSelector(".yasr table tbody tr");
  seen.editor = {
    rows: await page.locator(".yasr table tbody tr").count(),
    permalink: page.url(),
    download: await page.locator(".yasr_downloadIcon").count(),
    pageSize: await page.locator(".yasr select").count(),
  };
  await page.screenshot({ path: `${shots}/editor-answer.png`, fullPage: false });
  const again = await context.newPage();
  await again.goto(seen.editor.permalink);
  await again.waitForSelector(".yasr table tbody tr");
  seen.editor.again = await again.locator(".yasr table tbody tr").count();
  // A canned query among the examples, as it stands: 36 resolutions and decisions.
  await page.selectOption("#example", { label: await page.locator("#example option", { hasText: "timeline:" }).textContent() });
  await page.locator(".yasqe_queryButton").click();
  await page.waitForFunction(() => /\d+ results? in/.test(document.querySelector(".yasr").innerText) && document.querySelectorAll(".yasr table tbody tr").length > 5);
  seen.editor.example = Number((await page.locator(".yasr").innerText()).match(/(\d+) results? in/)[1]);

  // The French chrome.
  const fr = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: "fr-FR", extraHTTPHeaders: { "Accept-Language": "fr" } });
  const french = await fr.newPage();
  await visit(french, "state-fr", "/id/state/FRA");
  seen.french = {
    nav: await texts(french, "header.site nav a"),
    heading: (await french.locator("h1").textContent()).trim(),
    firstDate: (await french.locator("#record tbody tr td").first().textContent()).trim(),
  };
} finally {
  await browser.close();
}
console.log(JSON.stringify(seen));
