// The harness checks itself: the static server serves what a static host would (types,
// index files, the site's 404, nothing outside the root or in dot-directories), and the
// detectors the site tests rely on do fire on a page built to trip them — so a passing site
// test means the site is clean, not that the detectors are deaf.
import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { request } from "node:http";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { deflateSync } from "node:zlib";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  browserAvailability,
  CHROMIUM_PATH,
  decodePng,
  launchChromium,
  problemList,
  type StaticServer,
  serveDir,
  watchPage,
} from "./harness.js";
import { injectedMarkup, pwned } from "./site.js";

const availability = browserAvailability("test/browser/harness.test.ts");

/** A raw GET (no redirects followed): status, content type, location and body. */
function get(
  origin: string,
  path: string,
): Promise<{ status: number; type: string; location: string | undefined; body: string }> {
  return new Promise((done, fail) => {
    const req = request(`${origin}${path}`, (res) => {
      const chunks: Buffer[] = [];
      res.on("data", (c: Buffer) => chunks.push(c));
      res.on("end", () =>
        done({
          status: res.statusCode ?? 0,
          type: String(res.headers["content-type"] ?? ""),
          location: res.headers.location,
          body: Buffer.concat(chunks).toString("utf8"),
        }),
      );
    });
    req.on("error", fail);
    req.end();
  });
}

/** A PNG of `width`×`height` RGB pixels from `pixel(x, y)`, filter type `filter` on every row. */
function png(width: number, height: number, pixel: (x: number, y: number) => [number, number, number]): Buffer {
  const chunk = (type: string, data: Buffer): Buffer => {
    const head = Buffer.alloc(8);
    head.writeUInt32BE(data.length, 0);
    head.write(type, 4, "latin1");
    return Buffer.concat([head, data, Buffer.alloc(4)]); // CRC not checked by decodePng
  };
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr[8] = 8;
  ihdr[9] = 2;
  const rows: number[] = [];
  for (let y = 0; y < height; y++) {
    rows.push(1); // Sub filter: each byte minus the byte of the pixel to its left
    const row = Array.from({ length: width }, (_, x) => pixel(x, y)).flat();
    row.forEach((v, i) => {
      rows.push((v - (i >= 3 ? (row[i - 3] ?? 0) : 0)) & 0xff);
    });
  }
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk("IHDR", ihdr),
    chunk("IDAT", deflateSync(Buffer.from(rows))),
    chunk("IEND", Buffer.alloc(0)),
  ]);
}

describe("static server", () => {
  let dir = "";
  let server: StaticServer | undefined;
  const origin = (): string => server?.origin ?? "";

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), "sanxiang-harness-"));
    await mkdir(join(dir, "a"), { recursive: true });
    await mkdir(join(dir, ".state"), { recursive: true });
    await writeFile(join(dir, "index.html"), "<!doctype html><title>首页</title>");
    await writeFile(join(dir, "404.html"), "<!doctype html><title>页面不存在</title>");
    await writeFile(join(dir, "a", "index.html"), "<!doctype html><title>A</title>");
    await writeFile(join(dir, "feed.json"), "{}");
    await writeFile(join(dir, "atom.xml"), "<feed/>");
    await writeFile(join(dir, "s.js"), "1");
    await writeFile(join(dir, "s.css"), "a{}");
    await writeFile(join(dir, ".state", "secret.json"), "{}");
    server = await serveDir(dir);
  });

  afterAll(async () => {
    await server?.close();
    await rm(dir, { recursive: true, force: true });
  });

  it("listens on 127.0.0.1 with a system-chosen port", () => {
    expect(origin()).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
  });

  it("sends the right content types", async () => {
    expect((await get(origin(), "/")).type).toBe("text/html; charset=utf-8");
    expect((await get(origin(), "/feed.json")).type).toBe("application/json; charset=utf-8");
    expect((await get(origin(), "/atom.xml")).type).toBe("application/xml; charset=utf-8");
    expect((await get(origin(), "/s.js")).type).toBe("text/javascript; charset=utf-8");
    expect((await get(origin(), "/s.css")).type).toBe("text/css; charset=utf-8");
  });

  it("serves dir/index.html for dir/ and redirects dir to dir/", async () => {
    expect((await get(origin(), "/a/")).body).toContain("<title>A</title>");
    const moved = await get(origin(), "/a");
    expect(moved.status).toBe(301);
    expect(moved.location).toBe("/a/");
  });

  it("answers a missing path, a dot-directory and an escape attempt with the site's 404", async () => {
    for (const path of ["/missing.html", "/.state/secret.json", "/%2e%2e/%2e%2e/etc/passwd", "/a/..%2f..%2fetc"]) {
      const r = await get(origin(), path);
      expect(r.status, path).toBe(404);
      expect(r.body, path).toContain("页面不存在");
    }
  });
});

describe("PNG summary", () => {
  it("reads size and counts colours; a flat image has one", () => {
    expect(decodePng(png(7, 5, () => [255, 255, 255]))).toEqual({ width: 7, height: 5, distinctColours: 1 });
    expect(decodePng(png(16, 4, (x, y) => [x * 10, y * 20, 7])).distinctColours).toBe(64);
  });

  it("refuses what is not a PNG", () => {
    expect(() => decodePng(Buffer.from("not a png at all, just some text here"))).toThrow(/not a PNG/);
  });
});

// In CI (SANXIANG_REQUIRE_BROWSER=1) a missing browser is a named, failed test, not only a failed hook.
if (availability.required) {
  it("Chromium is installed (SANXIANG_REQUIRE_BROWSER=1)", () => {
    expect(availability.available, `${CHROMIUM_PATH} is missing: apt-get install -y chromium fonts-wqy-microhei`).toBe(
      true,
    );
  });
}

describe.skipIf(!availability.run)("detectors in Chromium", () => {
  let dir = "";
  let server: StaticServer | undefined;
  let browser: Browser | undefined;

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), "sanxiang-harness-"));
    // A page WITHOUT a CSP that does everything the site must never do.
    await writeFile(
      join(dir, "bad.html"),
      `<!doctype html><html lang="zh-CN"><title>坏页面</title><h1>坏页面</h1>
<img src=x onerror="window.__pwned=1"><script>alert("pwned"); console.error("boom");</script>
<script src="/missing.js"></script>`,
    );
    await writeFile(join(dir, "blank.html"), `<!doctype html><html lang="zh-CN"><title>空</title><body></body>`);
    server = await serveDir(dir);
    browser = await launchChromium();
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await server?.close();
    await rm(dir, { recursive: true, force: true });
  }, 60_000);

  it("catch executed markup, dialogs, console errors and failed loads", async () => {
    if (browser === undefined || server === undefined) throw new Error("suite setup failed");
    const context = await browser.newContext();
    try {
      const page = await context.newPage();
      const problems = watchPage(page);
      await page.goto(`${server.origin}/bad.html`, { waitUntil: "networkidle" });
      expect(await pwned(page)).toBe("number");
      expect(await injectedMarkup(page)).toBeGreaterThanOrEqual(2);
      expect(problems.dialogs).toEqual(["alert: pwned"]);
      expect(problems.consoleErrors.some((e) => e.startsWith("boom"))).toBe(true);
      expect(problems.badResponses.some((r) => r.startsWith("404 ") && r.endsWith("/missing.js"))).toBe(true);
      expect(problemList(problems).length).toBeGreaterThanOrEqual(3);
    } finally {
      await context.close();
    }
  });

  it("tell a blank screenshot from a page", async () => {
    if (browser === undefined || server === undefined) throw new Error("suite setup failed");
    const context = await browser.newContext({ viewport: { width: 640, height: 400 } });
    try {
      const page = await context.newPage();
      await page.goto(`${server.origin}/blank.html`);
      const blank = decodePng(await page.screenshot({ fullPage: true }));
      expect(blank).toEqual({ width: 640, height: 400, distinctColours: 1 });
    } finally {
      await context.close();
    }
  });
});
