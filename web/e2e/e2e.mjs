// Browser test of the Focus+ web UI, in headless Chromium (Debian's /usr/bin/chromium,
// driven by playwright-core): it starts `focus serve` on a free loopback port, uploads
// a PDF, a DOCX and an image through the real upload form, checks the result page shows
// the score, and runs axe-core on every page, asserting zero violations.
//
//   cd web/e2e && npm ci && node e2e.mjs
//
// Environment: FOCUS_BIN (a built focus binary; default: built here with go build),
// CHROMIUM (default /usr/bin/chromium), SCREENSHOTS (a folder: save the README
// screenshots there).
import { spawn, spawnSync } from "node:child_process";
import fs from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { createRequire } from "node:module";
import zlib from "node:zlib";

const require = createRequire(import.meta.url);
const { chromium } = require("playwright-core");
const axeSource = fs.readFileSync(require.resolve("axe-core/axe.min.js"), "utf8");

const here = path.dirname(fileURLToPath(import.meta.url));
const repo = path.resolve(here, "../..");
const samples = path.join(repo, "testdata", "samples");
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "focus-e2e-"));

let failures = 0;
function check(ok, what) {
  console.log(`${ok ? "ok  " : "FAIL"} ${what}`);
  if (!ok) failures++;
}

// --- documents to upload -------------------------------------------------------------

// The shipped samples when they exist; otherwise tiny documents written here.
function pickSample(exts) {
  if (!fs.existsSync(samples)) return null;
  const names = fs.readdirSync(samples).filter((n) => exts.includes(path.extname(n).toLowerCase())).sort();
  return names.length ? path.join(samples, names[0]) : null;
}

function tinyPDF() {
  const objs = [
    "<< /Type /Catalog /Pages 2 0 R /Lang (en) >>",
    "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
    "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 300 200] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>",
    null,
    "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
  ];
  const content = "BT /F1 18 Tf 30 100 Td (Hello, Focus+) Tj ET";
  objs[3] = `<< /Length ${content.length} >>\nstream\n${content}\nendstream`;
  let out = "%PDF-1.7\n";
  const offsets = [];
  objs.forEach((o, i) => {
    offsets.push(out.length);
    out += `${i + 1} 0 obj\n${o}\nendobj\n`;
  });
  const xref = out.length;
  out += `xref\n0 ${objs.length + 1}\n0000000000 65535 f \n`;
  for (const off of offsets) out += `${String(off).padStart(10, "0")} 00000 n \n`;
  out += `trailer\n<< /Size ${objs.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(out, "latin1");
}

// A stored (uncompressed) zip, enough for a minimal DOCX.
function zip(files) {
  const crcTable = new Int32Array(256).map((_, n) => {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    return c;
  });
  const crc32 = (buf) => {
    let c = -1;
    for (const b of buf) c = crcTable[(c ^ b) & 0xff] ^ (c >>> 8);
    return (c ^ -1) >>> 0;
  };
  const locals = [];
  const centrals = [];
  let offset = 0;
  for (const [name, text] of Object.entries(files)) {
    const data = Buffer.from(text, "utf8");
    const nameBuf = Buffer.from(name, "utf8");
    const crc = crc32(data);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(data.length, 18);
    local.writeUInt32LE(data.length, 22);
    local.writeUInt16LE(nameBuf.length, 26);
    locals.push(local, nameBuf, data);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt32LE(crc, 16);
    central.writeUInt32LE(data.length, 20);
    central.writeUInt32LE(data.length, 24);
    central.writeUInt16LE(nameBuf.length, 28);
    central.writeUInt32LE(offset, 42);
    centrals.push(central, nameBuf);
    offset += 30 + nameBuf.length + data.length;
  }
  const cd = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(Object.keys(files).length, 8);
  end.writeUInt16LE(Object.keys(files).length, 10);
  end.writeUInt32LE(cd.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, cd, end]);
}

function tinyDOCX() {
  const w = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"';
  return zip({
    "[Content_Types].xml":
      '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">' +
      '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>' +
      '<Default Extension="xml" ContentType="application/xml"/>' +
      '<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>',
    "_rels/.rels":
      '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">' +
      '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>',
    "word/document.xml":
      `<?xml version="1.0" encoding="UTF-8"?><w:document ${w}><w:body>` +
      '<w:p><w:pPr><w:pStyle w:val="Heading1"/></w:pPr><w:r><w:t>Annual report</w:t></w:r></w:p>' +
      "<w:p><w:r><w:t>Hello, Focus+.</w:t></w:r></w:p></w:body></w:document>",
  });
}

// A PNG whose embedded description is a script: it must come back as text.
function scriptPNG() {
  const crcTable = new Int32Array(256).map((_, n) => {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    return c;
  });
  const crc32 = (buf) => {
    let c = -1;
    for (const b of buf) c = crcTable[(c ^ b) & 0xff] ^ (c >>> 8);
    return (c ^ -1) >>> 0;
  };
  const chunk = (type, data) => {
    const len = Buffer.alloc(4);
    len.writeUInt32BE(data.length);
    const body = Buffer.concat([Buffer.from(type, "latin1"), data]);
    const crc = Buffer.alloc(4);
    crc.writeUInt32BE(crc32(body));
    return Buffer.concat([len, body, crc]);
  };
  const w = 40, h = 20;
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(w, 0);
  ihdr.writeUInt32BE(h, 4);
  ihdr[8] = 8; // bit depth
  ihdr[9] = 2; // RGB
  const raw = Buffer.alloc((w * 3 + 1) * h);
  for (let y = 0; y < h; y++) {
    for (let x = 0; x < w; x++) {
      const i = y * (w * 3 + 1) + 1 + x * 3;
      raw[i] = x < w / 2 ? 214 : 44;
      raw[i + 1] = x < w / 2 ? 39 : 160;
      raw[i + 2] = x < w / 2 ? 40 : 44;
    }
  }
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk("IHDR", ihdr),
    chunk("tEXt", Buffer.from("Description\0<script>alert(1)</script>", "latin1")),
    chunk("IDAT", zlib.deflateSync(raw)),
    chunk("IEND", Buffer.alloc(0)),
  ]);
}

function documents() {
  const docs = [];
  const image = pickSample([".png", ".jpg", ".jpeg", ".gif"]);
  docs.push(image ?? writeTmp("chart.png", scriptPNG()));
  docs.push(pickSample([".pdf"]) ?? writeTmp("tiny.pdf", tinyPDF()));
  docs.push(pickSample([".docx"]) ?? writeTmp("tiny.docx", tinyDOCX()));
  return docs;
}

// hasSoffice reports LibreOffice as focus finds it: FOCUS_SOFFICE, else soffice on the PATH.
function hasSoffice() {
  const named = process.env.FOCUS_SOFFICE;
  if (named === "off") return false;
  if (named) return fs.existsSync(named);
  return (process.env.PATH || "").split(path.delimiter).some((d) => d && fs.existsSync(path.join(d, "soffice")));
}

function writeTmp(name, data) {
  const p = path.join(tmp, name);
  fs.writeFileSync(p, data);
  return p;
}

// --- server --------------------------------------------------------------------------

function freePort() {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.unref();
    s.on("error", reject);
    s.listen(0, "127.0.0.1", () => {
      const { port } = s.address();
      s.close(() => resolve(port));
    });
  });
}

function focusBinary() {
  if (process.env.FOCUS_BIN) return process.env.FOCUS_BIN;
  const bin = path.join(tmp, "focus");
  const r = spawnSync("go", ["build", "-o", bin, "./cmd/focus"], { cwd: repo, stdio: "inherit" });
  if (r.status !== 0) throw new Error("go build ./cmd/focus failed");
  return bin;
}

async function startServer(bin) {
  const port = await freePort();
  const proc = spawn(bin, ["serve", "--addr", `127.0.0.1:${port}`, "--quiet"], { stdio: ["ignore", "inherit", "inherit"] });
  const base = `http://127.0.0.1:${port}`;
  for (let i = 0; i < 100; i++) {
    try {
      const r = await fetch(`${base}/healthz`);
      if (r.ok) return { proc, base };
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  proc.kill();
  throw new Error("focus serve did not become healthy");
}

// --- accessibility -------------------------------------------------------------------

const axeCounts = {};

async function axe(page, label) {
  // Playwright's evaluate is not subject to the page's Content-Security-Policy, which
  // (rightly) forbids injected scripts.
  await page.evaluate(axeSource);
  const result = await page.evaluate(() => window.axe.run(document, { resultTypes: ["violations"] }));
  const v = result.violations;
  axeCounts[label] = v.reduce((n, x) => n + x.nodes.length, 0);
  for (const x of v) {
    console.log(`     axe ${x.id} (${x.impact}): ${x.help}`);
    for (const n of x.nodes.slice(0, 5)) console.log(`       ${n.target.join(" ")} — ${n.failureSummary.replace(/\n/g, " ")}`);
  }
  check(v.length === 0, `axe-core: zero violations on ${label} (${v.length} rules, ${axeCounts[label]} nodes)`);
}

// At 400 % zoom a 1280-pixel window is 320 CSS pixels wide: nothing may need horizontal
// scrolling (WCAG 1.4.10 Reflow).
async function reflow(page, label) {
  const vp = page.viewportSize();
  await page.setViewportSize({ width: 320, height: 256 });
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  check(overflow <= 0, `reflow at 320 CSS px (400 % zoom) on ${label}: no horizontal scrolling (overflow ${overflow}px)`);
  await page.setViewportSize(vp);
}

// --- the test ------------------------------------------------------------------------

async function main() {
  const bin = focusBinary();
  const { proc, base } = await startServer(bin);
  const userDataDir = fs.mkdtempSync(path.join(tmp, "profile-"));
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: process.env.CHROMIUM || "/usr/bin/chromium",
    headless: true,
    args: [
      "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
      "--disable-background-networking", "--disable-component-update", "--disable-sync",
    ],
    viewport: { width: 1280, height: 900 },
    locale: "en-GB",
  });
  const shots = process.env.SCREENSHOTS;
  if (shots) fs.mkdirSync(shots, { recursive: true });
  try {
    const page = context.pages()[0] ?? (await context.newPage());
    // An upload with a DOCX waits for LibreOffice to lay it out (seconds, more on a busy
    // machine).
    page.setDefaultTimeout(120000);
    let dialogs = 0;
    page.on("dialog", async (d) => {
      dialogs++;
      await d.dismiss();
    });
    const cspErrors = [];
    page.on("console", (m) => {
      if (m.type() === "error") cspErrors.push(m.text());
    });

    // Upload page, English then French.
    let resp = await page.goto(`${base}/`);
    check(resp.status() === 200, "upload page answers 200");
    const csp = resp.headers()["content-security-policy"] || "";
    check(csp.includes("default-src 'none'") && csp.includes("frame-ancestors 'none'"), "strict Content-Security-Policy header");
    check((await page.locator("label[for=file]").count()) === 1, "the file input has a label");
    await page.keyboard.press("Tab");
    check(await page.evaluate(() => document.activeElement?.classList.contains("skip-link")), "the first Tab reaches the skip link");
    await axe(page, "upload (en)");
    await reflow(page, "upload");

    await page.click("a[hreflang=fr]");
    check((await page.getAttribute("html", "lang")) === "fr", "the language switch shows the page in French");
    await axe(page, "upload (fr)");
    await page.click("a[hreflang=en]");

    // Drag and drop: a file dropped on the area lands in the file input.
    await page.evaluate(() => {
      const dt = new DataTransfer();
      dt.items.add(new File([new Uint8Array([137, 80, 78, 71])], "dropped.png", { type: "image/png" }));
      const zone = document.querySelector("[data-drop-zone]");
      zone.dispatchEvent(new DragEvent("dragover", { dataTransfer: dt, bubbles: true, cancelable: true }));
      zone.dispatchEvent(new DragEvent("drop", { dataTransfer: dt, bubbles: true, cancelable: true }));
    });
    check((await page.evaluate(() => document.querySelector("#file").files[0]?.name)) === "dropped.png", "a dropped file lands in the file input");

    // Reduced motion: no transition when the reader asks for none.
    await page.emulateMedia({ reducedMotion: "reduce" });
    const transition = await page.evaluate(() => getComputedStyle(document.querySelector(".drop-zone")).transitionDuration);
    check(transition === "0s", `prefers-reduced-motion removes transitions (${transition})`);
    await page.emulateMedia({ reducedMotion: null });

    // Upload an image, a PDF and a DOCX through the real form.
    const docs = documents();
    console.log("     uploading", docs.map((d) => path.relative(repo, d)).join(", "));
    await page.setInputFiles("#file", docs);
    check((await page.locator("[data-chosen] li").count()) === docs.length, "the script lists the chosen files");
    await Promise.all([page.waitForURL(/\/results\//), page.click("form.upload-form button[type=submit]")]);
    check((await page.locator("h2.doc-name").count()) === docs.length, "the result page has one section per document");
    const scores = await page.locator(".score-value").allTextContents();
    check(scores.length >= 1 && scores.every((s) => /^\d{1,3}$/.test(s.trim())), `the result page shows the score (${scores.join(", ")})`);
    // A format with rules must be scored; one without (its loader not written yet) is
    // reported as not readable.
    const rules = await (await fetch(`${base}/api/v1/rules`)).json();
    const kinds = new Set(rules.flatMap((r) => r.formats));
    for (const d of docs) {
      const ext = path.extname(d).slice(1).toLowerCase();
      const kind = ext === "pdf" || ext === "docx" ? ext : "image";
      const section = page.locator("section.document", { has: page.locator("h2.doc-name", { hasText: path.basename(d) }) });
      const hasScore = (await section.locator(".score-value").count()) === 1;
      const hasError = (await section.locator(".notice-error").count()) === 1;
      if (kinds.has(kind)) {
        check(hasScore, `${path.basename(d)}: score shown`);
      } else {
        check(hasScore || hasError, `${path.basename(d)}: no ${kind} rules yet, reported as ${hasScore ? "scored" : "not readable"}`);
      }
    }
    await axe(page, "result");
    await reflow(page, "result");
    const resultURL = page.url();

    // See it as others do: one page large, the views as links, the compare view.
    const see = page.locator("a", { hasText: "See it as others do" }).first();
    check((await see.count()) === 1, "the result page links to “See it as others do”");
    await see.click();
    await page.waitForLoadState("load");
    await page.waitForFunction(() => [...document.images].every((i) => i.complete), null, { timeout: 30000 }).catch(() => {});
    const big = await page.evaluate(() => { const i = document.querySelector(".page-view img"); return i ? i.naturalWidth : 0; });
    check(big > 0, `the colour-blind view shows the page large (${big} px wide)`);
    await axe(page, "see it as others do");
    await reflow(page, "see it as others do");
    const deutan = page.locator(".view-choice a", { hasText: "Deutan" });
    if ((await deutan.count()) > 0) {
      await deutan.focus();
      await Promise.all([page.waitForURL(/view=deutan/), page.keyboard.press("Enter")]);
      check((await page.locator('.view-choice a[aria-current="page"]').innerText()).includes("Deutan"), "a view is chosen with the keyboard");
      await page.waitForFunction(() => [...document.images].every((i) => i.complete), null, { timeout: 30000 }).catch(() => {});
      check(await page.evaluate(() => document.querySelector(".page-view img").naturalWidth > 0), "the deutan rendering loads");
      await axe(page, "see it as others do (deutan)");
      await page.locator("a", { hasText: "Compare side by side" }).first().click();
      await page.waitForLoadState("load");
      await page.selectOption("#severity", "0.6");
      await Promise.all([page.waitForURL(/severity=0\.6/), page.click("form.controls button[type=submit]")]);
      await axe(page, "compare");
    } else {
      console.log("     (no colour-vision views: simulation not wired in this build)");
    }

    // Reading view.
    await page.goto(resultURL);
    const reading = page.locator("a", { hasText: "Reading view" }).first();
    check((await reading.count()) >= 1, "the result page links to the reading view");
    await reading.click();
    await page.waitForLoadState("load");
    check((await page.locator("ol.reading li").count()) >= 1, "the reading view lists what is announced");
    await axe(page, "reading view");

    // Every document's own views: the PDF's rendered pages, the DOCX's reading order.
    await page.goto(resultURL);
    const links = await page.$$eval("ul.doc-links a", (as) => as.map((a) => ({ href: a.href, text: a.textContent, doc: a.closest("section").querySelector("h2").textContent })));
    for (const l of links) {
      if (l.doc === path.basename(docs[0])) continue; // seen above
      await page.goto(l.href);
      if (l.href.includes("/see")) {
        await page.evaluate(() => document.querySelectorAll("img").forEach((i) => (i.loading = "eager")));
        await page.waitForFunction(() => [...document.images].every((i) => i.complete), null, { timeout: 60000 }).catch(() => {});
        const n = await page.evaluate(() => [...document.images].filter((i) => i.naturalWidth > 0).length);
        const bad = await page.evaluate(() => [...document.images].filter((i) => i.naturalWidth === 0).length);
        check(n > 0 && bad === 0, `${l.doc}: ${n} page images load`);
        await axe(page, `see it as others do (${path.extname(l.doc).slice(1)})`);
      } else {
        check((await page.locator("ol.reading li").count()) >= 1, `${l.doc}: the reading view lists what is announced`);
        await axe(page, `reading view (${path.extname(l.doc).slice(1)})`);
      }
    }

    // The DOCX's pages, laid out by LibreOffice: its section links to its pages and
    // their images load. Without LibreOffice the section says how to install it.
    {
      const docx = docs.find((d) => d.toLowerCase().endsWith(".docx"));
      await page.goto(resultURL);
      const section = page.locator("section.document", { has: page.locator("h2.doc-name", { hasText: path.basename(docx) }) });
      const seeDocx = section.locator("ul.doc-links a[href*='/see']");
      if (hasSoffice()) {
        check((await seeDocx.count()) === 1, `${path.basename(docx)}: the DOCX links to its pages (LibreOffice installed)`);
        await page.goto(await seeDocx.first().getAttribute("href").then((h) => new URL(h, base).href));
        await page.evaluate(() => document.querySelectorAll("img").forEach((i) => (i.loading = "eager")));
        await page.waitForFunction(() => [...document.images].every((i) => i.complete), null, { timeout: 120000 }).catch(() => {});
        const pages = await page.evaluate(() => [...document.images].filter((i) => i.naturalWidth > 0 && /\/pages\/\d+\//.test(i.src)).length);
        const bad = await page.evaluate(() => [...document.images].filter((i) => i.naturalWidth === 0).length);
        check(pages > 0 && bad === 0, `${path.basename(docx)}: ${pages} DOCX page images load`);
        await axe(page, "see it as others do (docx pages)");
      } else {
        const note = await section.locator("p.notice").allTextContents();
        check(note.some((t) => t.includes("libreoffice-writer-nogui")), `${path.basename(docx)}: without LibreOffice the result says how to install it`);
      }
    }

    // Escaping: a file named like a script, with a script as its description.
    await page.goto(`${base}/`);
    const evil = writeTmp("<script>alert(1)<\/script>.png".replace(/\//g, "_"), scriptPNG());
    await page.setInputFiles("#file", evil);
    await Promise.all([page.waitForURL(/\/results\//), page.click("form.upload-form button[type=submit]")]);
    const html = await page.content();
    check(html.includes("&lt;script&gt;alert(1)"), "a file name holding a script is shown as text");
    await page.locator("a", { hasText: "Reading view" }).first().click();
    await page.waitForLoadState("load");
    check((await page.locator("ol.reading").innerText()).includes("<script>alert(1)</script>"), "a description holding a script is shown as text");
    check((await page.locator("ol.reading script").count()) === 0, "no script element comes from a document");
    check(dialogs === 0, "no script from a document ran");

    // The rule pages, from the rule metadata.
    resp = await page.goto(`${base}/rules?lang=fr`);
    check(resp.status() === 200 && (await page.locator("ul.rule-list li").count()) >= 20, "the list of rules answers, in French");
    await axe(page, "rules (fr)");
    await page.locator("ul.rule-list a").first().click();
    await page.waitForLoadState("load");
    check((await page.locator("dl.guidance dt").count()) >= 3, "a rule page says why, who and how to fix");
    await axe(page, "one rule (fr)");
    await reflow(page, "one rule");

    // Error pages.
    resp = await page.goto(`${base}/results/expired-or-unknown`);
    check(resp.status() === 404, "an unknown result answers 404");
    await axe(page, "error page (404)");
    resp = await page.goto(`${base}/no/such/page`);
    check(resp.status() === 404, "an unknown page answers 404");

    // The HTML report of `focus check --format html` over the samples: the report an
    // officer hands on must be as accessible as the UI. (A build without that format
    // says so and skips this part.)
    const report = path.join(tmp, "report.html");
    const r = spawnSync(bin, ["check", "--format", "html", "-o", report, path.join(repo, "testdata", "samples")], { encoding: "utf8" });
    if (r.status === 2 && /unknown format/.test(r.stderr)) {
      console.log("     skipped: this build has no `focus check --format html`");
    } else {
      check(fs.existsSync(report), "focus check --format html wrote a report");
      await page.goto("file://" + report);
      await axe(page, "HTML report");
    }

    // Every shipped sample in one upload: errors, warnings, tips and reviews on one page,
    // in English and in French. The README screenshots come from this page.
    if (fs.existsSync(samples)) {
      const all = fs.readdirSync(samples).filter((n) => !n.startsWith(".")).sort().map((n) => path.join(samples, n));
      await page.goto(`${base}/?lang=en`);
      await page.setInputFiles("#file", all.slice(0, 20));
      await Promise.all([page.waitForURL(/\/results\//), page.click("form.upload-form button[type=submit]")]);
      check((await page.locator("h2.doc-name").count()) === Math.min(all.length, 20), `all ${all.length} samples have a section`);
      await axe(page, "result (all samples)");
      const url = new URL(page.url());
      url.searchParams.set("lang", "fr");
      await page.goto(url.toString());
      await axe(page, "result (all samples, fr)");
      url.searchParams.set("lang", "en");
      await page.goto(url.toString());
    }
    if (shots && fs.existsSync(samples)) {
      // The README screenshots, in English and in French, from the page of every sample.
      const resultURL = new URL(page.url());
      for (const lang of ["en", "fr"]) {
        resultURL.searchParams.set("lang", lang);
        await page.goto(`${base}/?lang=${lang}`);
        await page.screenshot({ path: path.join(shots, `upload-${lang}.png`), fullPage: true });
        await page.goto(resultURL.toString());
        await page.setViewportSize({ width: 1280, height: 1500 });
        await page.screenshot({ path: path.join(shots, `result-${lang}.png`) });
        await page.setViewportSize({ width: 1280, height: 900 });
        const chart = page.locator("section.document", { has: page.locator("h2.doc-name", { hasText: "bar-chart.png" }) });
        const seeLink = (await chart.count()) ? chart.locator("ul.doc-links a").first() : page.locator("ul.doc-links a").first();
        await seeLink.click();
        await page.waitForLoadState("load");
        const deutanLink = page.locator(".view-choice a").nth(2);
        if ((await deutanLink.count()) > 0) await deutanLink.click();
        await page.waitForLoadState("load");
        await page.waitForFunction(() => [...document.images].every((im) => im.complete), null, { timeout: 30000 }).catch(() => {});
        await page.screenshot({ path: path.join(shots, `see-${lang}.png`), fullPage: true });
      }
    }

    // A 40-page PDF in the colour-blind view: every page reachable with the keyboard
    // alone (Tab to "Next page", Enter), the page height bounded, zero axe violations.
    const long = path.join(repo, "testdata", "pdf", "long-40-pages.pdf");
    if (fs.existsSync(long)) {
      await page.goto(`${base}/?lang=en`);
      await page.setInputFiles("#file", long);
      await Promise.all([page.waitForURL(/\/results\//), page.click("form.upload-form button[type=submit]")]);
      await page.locator("a", { hasText: "See it as others do" }).first().click();
      await page.waitForLoadState("load");
      await axe(page, "see it as others do (40 pages, page 1)");
      let maxHeight = 0;
      const seen = [];
      for (let i = 0; i < 45; i++) {
        await page.waitForFunction(() => [...document.images].every((im) => im.complete), null, { timeout: 30000 }).catch(() => {});
        const cap = await page.locator(".page-view figcaption strong").innerText();
        const m = /Page (\d+) of (\d+)/.exec(cap);
        if (!m) break;
        seen.push(Number(m[1]));
        maxHeight = Math.max(maxHeight, await page.evaluate(() => document.documentElement.scrollHeight));
        const loaded = await page.evaluate(() => document.querySelector(".page-view img").naturalWidth > 0);
        if (!loaded) { check(false, `page ${m[1]} image loads`); break; }
        if ((await page.locator('a[rel="next"]').count()) === 0) break;
        // Keyboard only: tab from the top of the page until "Next page" has focus.
        await page.evaluate(() => document.activeElement && document.activeElement.blur());
        let reached = false;
        for (let t = 0; t < 60 && !reached; t++) {
          await page.keyboard.press("Tab");
          reached = await page.evaluate(() => document.activeElement?.getAttribute("rel") === "next");
        }
        if (!reached) { check(false, `“Next page” reachable with Tab from page ${m[1]}`); break; }
        await Promise.all([page.waitForURL(new RegExp(`page=${Number(m[1]) + 1}\\b`)), page.keyboard.press("Enter")]);
      }
      const all = seen.length === 40 && seen.every((p, i) => p === i + 1);
      check(all, `every page of the 40-page PDF reached with the keyboard (${seen.length} pages, last ${seen[seen.length - 1]})`);
      check(maxHeight > 0 && maxHeight <= 2600, `the colour-blind view's height stays bounded (${maxHeight} px at most, 1280×900 window)`);
      await axe(page, "see it as others do (40 pages, last page)");
      // Go to a page by number, and the strip links there too.
      await page.fill("#goto-page", "17");
      await Promise.all([page.waitForURL(/page=17/), page.press("#goto-page", "Enter")]);
      check((await page.locator(".page-view figcaption strong").innerText()).startsWith("Page 17 of 40"), "go to page 17 by its number");
      check((await page.locator(".page-strip li").count()) <= 9, "thumbnails only as a strip of nearby pages");
      if (shots) {
        await page.goto(page.url().replace(/view=[a-z]+/, "view=deutan").replace("page=17", "page=1"));
        await page.waitForFunction(() => [...document.images].every((im) => im.complete), null, { timeout: 30000 }).catch(() => {});
        await page.screenshot({ path: path.join(shots, "see-pages.png"), fullPage: true });
      }
    }

    const cspViolations = cspErrors.filter((e) => /Content Security Policy/i.test(e));
    check(cspViolations.length === 0, `no Content-Security-Policy violation in the console${cspViolations.length ? ": " + cspViolations[0] : ""}`);
  } finally {
    await context.close();
    proc.kill("SIGTERM");
  }
  console.log("axe violations per page:", JSON.stringify(axeCounts));
  fs.rmSync(tmp, { recursive: true, force: true });
  if (failures > 0) {
    console.log(`${failures} check(s) failed`);
    process.exit(1);
  }
  console.log("all browser checks passed");
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
