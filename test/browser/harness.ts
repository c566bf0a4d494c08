// Harness of the real-browser tests of the public disclosure site (@sanxiang/publish-site):
// a static file server over the built site, the Chromium launcher (Debian's chromium driven
// by playwright-core; never a downloaded browser), a page watcher that collects console
// errors, page errors, failed requests and dialogs, and a small PNG decoder so a screenshot
// can be checked for being more than a blank canvas.
import { existsSync } from "node:fs";
import { inflateSync } from "node:zlib";
import { serveSite, siteContentType } from "@sanxiang/cli";
import { type Browser, chromium, type Page } from "playwright-core";

/**
 * Where Debian installs Chromium (`apt-get install -y chromium fonts-wqy-microhei`);
 * `SANXIANG_CHROMIUM_PATH` points elsewhere (another distribution's build).
 */
export const CHROMIUM_PATH = process.env.SANXIANG_CHROMIUM_PATH ?? "/usr/bin/chromium";

/**
 * Chromium flags: headless; no sandbox (the tests run in containers); and nothing that phones
 * home (no background networking, component updates or sync).
 */
export const CHROMIUM_ARGS: readonly string[] = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
  "--no-first-run",
  "--disable-quic",
];

/** Whether Chromium is installed, and whether CI requires it (`SANXIANG_REQUIRE_BROWSER=1`). */
export interface BrowserAvailability {
  readonly available: boolean;
  readonly required: boolean;
  /** Run the suite: Chromium is there, or it is required (then the suite fails without it). */
  readonly run: boolean;
}

/**
 * Decides whether a browser test file runs. Without Chromium and without the CI flag the
 * suite skips, and says so on stderr (a skip is never silent); with the flag it runs and fails.
 */
export function browserAvailability(suite: string): BrowserAvailability {
  const available = existsSync(CHROMIUM_PATH);
  const required = process.env.SANXIANG_REQUIRE_BROWSER === "1";
  if (!available && !required) {
    console.warn(
      `[${suite}] SKIPPED: ${CHROMIUM_PATH} is missing. Install it with ` +
        "`apt-get install -y chromium fonts-wqy-microhei`; CI sets SANXIANG_REQUIRE_BROWSER=1 so that it fails instead.",
    );
  }
  return { available, required, run: available || required };
}

/**
 * Launches Debian's Chromium. playwright-core gives every launch a fresh temporary profile
 * (user-data-dir) and removes it on close; `executablePath` keeps it from looking for a
 * browser of its own.
 */
export async function launchChromium(): Promise<Browser> {
  if (!existsSync(CHROMIUM_PATH)) {
    throw new Error(
      `Chromium is required (SANXIANG_REQUIRE_BROWSER=1) but ${CHROMIUM_PATH} is missing: apt-get install -y chromium fonts-wqy-microhei`,
    );
  }
  return chromium.launch({ executablePath: CHROMIUM_PATH, headless: true, args: [...CHROMIUM_ARGS], timeout: 90_000 });
}

/** The content type the server sends for a file name (`application/octet-stream` when unknown). */
export const contentTypeOf = siteContentType;

/** A running static server: its origin (`http://127.0.0.1:PORT`) and how to stop it. */
export interface StaticServer {
  readonly origin: string;
  /** Every request served: path and status, for reports on failures. */
  readonly log: { readonly path: string; readonly status: number }[];
  close(): Promise<void>;
}

/**
 * Serves `root` on 127.0.0.1 (port 0: the system picks a free one) with the CLI's own
 * `serveSite` (`sanxiang serve`) — the server operators use is the one the browser tests
 * exercise: `dir/` → `dir/index.html`, `dir` → 301 to `dir/`, a missing path → the site's own
 * `404.html` with status 404; dot-files (the build's `.sanxiang-site/` state) and paths
 * leaving `root` are not served; `nosniff` on every response.
 */
export async function serveDir(root: string): Promise<StaticServer> {
  const log: { path: string; status: number }[] = [];
  const server = await serveSite(root, { onResponse: (path, status) => log.push({ path, status }) });
  return { origin: server.url.replace(/\/$/, ""), log, close: () => server.close() };
}

/** What went wrong on a page while it was watched. */
export interface PageProblems {
  readonly consoleErrors: string[];
  readonly pageErrors: string[];
  readonly failedRequests: string[];
  /** Responses with status ≥ 400, except the ones the test expects (the 404 page itself). */
  readonly badResponses: string[];
  readonly dialogs: string[];
}

/**
 * Watches a page: console errors (CSP violations show up here), uncaught page errors,
 * requests that failed at the network level, responses ≥ 400 and dialogs (`alert` and
 * friends — which hostile values must never open; each one is dismissed and recorded).
 * `expected404` lists URLs whose 404 is the point of the test.
 */
export function watchPage(page: Page, expected404: ReadonlySet<string> = new Set()): PageProblems {
  const problems: PageProblems = {
    consoleErrors: [],
    pageErrors: [],
    failedRequests: [],
    badResponses: [],
    dialogs: [],
  };
  page.on("console", (m) => {
    if (m.type() !== "error") return;
    // Chromium logs every 404 as a console error; the expected one is not a problem.
    const expected = expected404.has(m.location().url) && m.text().includes("status of 404");
    if (!expected) problems.consoleErrors.push(`${m.text()} @ ${m.location().url}`);
  });
  page.on("pageerror", (e) => problems.pageErrors.push(`${e.name}: ${e.message}`));
  page.on("requestfailed", (r) => problems.failedRequests.push(`${r.url()}: ${r.failure()?.errorText ?? "failed"}`));
  page.on("response", (r) => {
    if (r.status() >= 400 && !(r.status() === 404 && expected404.has(r.url())))
      problems.badResponses.push(`${r.status()} ${r.url()}`);
  });
  page.on("dialog", (d) => {
    problems.dialogs.push(`${d.type()}: ${d.message()}`);
    void d.dismiss().catch(() => undefined);
  });
  return problems;
}

/**
 * The text a reader sees in the first element matching `selector` (Playwright's rendered
 * `innerText`: hidden elements left out, as a reader would not see them either).
 */
export function visibleText(page: Page, selector: string): Promise<string> {
  // biome-ignore lint/performance/useDomNodeTextContent: the rendered text is the point (what the public sees).
  return page.innerText(selector);
}

/** Everything a watched page did wrong, one line each (empty when it stayed clean): `expect(problemList(p)).toEqual([])`. */
export function problemList(p: PageProblems): string[] {
  return [
    ...p.consoleErrors.map((s) => `console error: ${s}`),
    ...p.pageErrors.map((s) => `page error: ${s}`),
    ...p.failedRequests.map((s) => `request failed: ${s}`),
    ...p.badResponses.map((s) => `bad response: ${s}`),
    ...p.dialogs.map((s) => `dialog: ${s}`),
  ];
}

/**
 * The fonts Chromium actually used to draw the text of the first element matching `selector`
 * (DevTools `CSS.getPlatformFontsForNode`): the honest way to know whether Chinese rendered
 * with a CJK font rather than as boxes.
 */
export async function platformFonts(page: Page, selector: string): Promise<{ family: string; glyphs: number }[]> {
  const cdp = await page.context().newCDPSession(page);
  try {
    await cdp.send("DOM.enable");
    await cdp.send("CSS.enable");
    const doc = await cdp.send("DOM.getDocument", { depth: 0 });
    const found = await cdp.send("DOM.querySelector", { nodeId: doc.root.nodeId, selector });
    if (!found.nodeId) throw new Error(`no element matches ${selector}`);
    const { fonts } = await cdp.send("CSS.getPlatformFontsForNode", { nodeId: found.nodeId });
    return fonts.map((f) => ({ family: f.familyName, glyphs: f.glyphCount }));
  } finally {
    await cdp.detach();
  }
}

/** Families with CJK glyphs that Debian ships (WenQuanYi is what CI installs). */
export const CJK_FONT = /WenQuanYi|Noto Sans CJK|Noto Serif CJK|Source Han|Droid Sans Fallback|AR PL/i;

/** What {@link decodePng} finds in a PNG: its size and how many distinct colours it holds. */
export interface PngSummary {
  readonly width: number;
  readonly height: number;
  readonly distinctColours: number;
}

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

function paeth(a: number, b: number, c: number): number {
  const p = a + b - c;
  const pa = Math.abs(p - a);
  const pb = Math.abs(p - b);
  const pc = Math.abs(p - c);
  return pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
}

/**
 * Decodes an 8-bit RGB or RGBA non-interlaced PNG (what Chromium's screenshots are) far
 * enough to count its colours (capped at 4,096: enough to tell a page from a blank one).
 * Throws on anything else: a screenshot that is not such a PNG is a failure in itself.
 */
export function decodePng(png: Buffer): PngSummary {
  if (png.length < 33 || !png.subarray(0, 8).equals(PNG_SIGNATURE)) throw new Error("not a PNG");
  let offset = 8;
  let width = 0;
  let height = 0;
  let channels = 0;
  const idat: Buffer[] = [];
  while (offset + 8 <= png.length) {
    const length = png.readUInt32BE(offset);
    const type = png.toString("latin1", offset + 4, offset + 8);
    const data = png.subarray(offset + 8, offset + 8 + length);
    if (type === "IHDR") {
      width = data.readUInt32BE(0);
      height = data.readUInt32BE(4);
      const [depth, colourType, , , interlace] = [data[8], data[9], data[10], data[11], data[12]];
      if (depth !== 8 || interlace !== 0 || (colourType !== 2 && colourType !== 6))
        throw new Error(`unsupported PNG: depth ${depth}, colour type ${colourType}, interlace ${interlace}`);
      channels = colourType === 6 ? 4 : 3;
    } else if (type === "IDAT") idat.push(data);
    else if (type === "IEND") break;
    offset += 12 + length;
  }
  if (width === 0 || height === 0 || channels === 0) throw new Error("PNG without IHDR");
  const raw = inflateSync(Buffer.concat(idat));
  const stride = width * channels;
  if (raw.length < height * (stride + 1)) throw new Error("truncated PNG data");
  const out = Buffer.alloc(height * stride);
  const colours = new Set<number>();
  for (let y = 0; y < height; y++) {
    const filter = raw[y * (stride + 1)] ?? 0;
    const src = y * (stride + 1) + 1;
    const row = y * stride;
    for (let x = 0; x < stride; x++) {
      const a = x >= channels ? (out[row + x - channels] ?? 0) : 0;
      const b = y > 0 ? (out[row - stride + x] ?? 0) : 0;
      const c = x >= channels && y > 0 ? (out[row - stride + x - channels] ?? 0) : 0;
      const v = raw[src + x] ?? 0;
      const predicted =
        filter === 1 ? a : filter === 2 ? b : filter === 3 ? (a + b) >> 1 : filter === 4 ? paeth(a, b, c) : 0;
      out[row + x] = (v + predicted) & 0xff;
    }
    if (colours.size < 4096) {
      for (let x = 0; x < width; x++) {
        const p = row + x * channels;
        colours.add(((out[p] ?? 0) << 16) | ((out[p + 1] ?? 0) << 8) | (out[p + 2] ?? 0));
      }
    }
  }
  return { width, height, distinctColours: colours.size };
}
