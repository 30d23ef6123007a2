// A reader's first visit, in Debian's headless Chromium driven by playwright-core:
// open the home page, run the query the editor offers, ask a question of one's own and
// follow a result to the resolution's page, run a canned question, follow a box of the
// citation picture. Prints what it saw as JSON on stdout; tests/server.rs checks it.
//
//   node tests/browser/home.mjs http://127.0.0.1:7878 DIR   (screenshots go to DIR)
import { launch } from "./launch.mjs";

const [origin, shots] = process.argv.slice(2);
const browser = await launch();
const seen = { errors: [] };
try {
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  page.on("pageerror", (e) => seen.errors.push(String(e)));
  page.on("console", (m) => { if (m.type() === "error") seen.errors.push(m.text()); });

  await page.goto(`${origin}/`);
  seen.title = await page.title();
  seen.triples = await page.locator("#dataset dd").first().textContent();

  // The editor's own question: who sponsored both rival drafts of 2018.
  await page.click("#sparql-form button[type=submit]");
  await page.waitForSelector("#sparql-results table");
  seen.editor = await page.locator("#sparql-results tbody tr td:first-child").allTextContents();
  await page.screenshot({ path: `${shots}/home.png`, fullPage: false });

  // A question of one's own, under the prefixes the editor fills in; then follow the answer.
  const area = page.locator("#sparql-form textarea");
  const prefixes = (await area.inputValue()).split("\n").filter((l) => l.startsWith("PREFIX")).join("\n");
  await area.fill(`${prefixes}\nSELECT ?resolution WHERE { ?resolution ng:symbol "A/RES/75/240" }`);
  await area.press("Control+Enter");
  await page.waitForSelector("#sparql-results td a");
  seen.link = await page.locator("#sparql-results td a").first().getAttribute("href");
  await Promise.all([page.waitForURL(`**${seen.link}`), page.locator("#sparql-results td a").first().click()]);
  seen.resolutionUrl = new URL(page.url()).pathname;
  seen.resolutionHeading = (await page.locator("h1").textContent()).trim();
  seen.quotes = await page.locator("blockquote").count();
  await page.screenshot({ path: `${shots}/resolution.png`, fullPage: false });

  // A canned question, from its form on the home page.
  await page.goto(`${origin}/#canned`);
  const form = page.locator("form.canned[action='/queries/votes']");
  await form.locator("input[name=doc]").fill("A/C.1/73/L.37");
  await form.locator("button").click();
  await page.waitForSelector("#answer-votes table");
  seen.votesRows = await page.locator("#answer-votes tbody tr").count();

  // The picture: every box of the chain is a link; follow the box of 73/27.
  await page.goto(`${origin}/?doc=A/RES/75/240#picture`);
  seen.pictureBoxes = await page.locator("#picture svg a.doc").count();
  seen.sponsorBoxes = await page.locator("#picture svg a.state").count();
  await page.locator("#picture").screenshot({ path: `${shots}/picture.png` });
  const box = page.locator("#picture svg a.doc[href='/id/doc/A/RES/73/27'] rect");
  await Promise.all([page.waitForURL("**/id/doc/A/RES/73/27"), box.click()]);
  seen.followedBox = new URL(page.url()).pathname;
} finally {
  await browser.close();
}
console.log(JSON.stringify(seen));
