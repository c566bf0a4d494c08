import { execFileSync } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { createServer, request } from "node:http";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { resolveSitePath, type SiteServer, serveSite } from "./serve.js";

/** A raw GET (no URL normalisation by a client library, so `..` reaches the server as sent). */
function get(url: string, path: string): Promise<{ status: number; type: string | undefined; body: string }> {
  const u = new URL(url);
  return new Promise((done, fail) => {
    const req = request({ host: u.hostname, port: u.port, path, method: "GET" }, (res) => {
      let body = "";
      res.setEncoding("utf8");
      res.on("data", (c: string) => {
        body += c;
      });
      res.on("end", () => done({ status: res.statusCode ?? 0, type: res.headers["content-type"], body }));
    });
    req.on("error", fail);
    req.end();
  });
}

/** A raw GET's status and one response header. */
function getHeader(url: string, path: string, name: string): Promise<{ status: number; value: string | undefined }> {
  const u = new URL(url);
  return new Promise((done, fail) => {
    const req = request({ host: u.hostname, port: u.port, path, method: "GET" }, (res) => {
      res.resume();
      const v = res.headers[name];
      done({ status: res.statusCode ?? 0, value: Array.isArray(v) ? v[0] : v });
    });
    req.on("error", fail);
    req.end();
  });
}

describe("serveSite", () => {
  let dir: string;
  let server: SiteServer;
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), "sanxiang-serve-"));
    mkdirSync(join(dir, "site", "items", "a"), { recursive: true });
    writeFileSync(join(dir, "site", "index.html"), "<h1>首页</h1>");
    writeFileSync(join(dir, "site", "items", "a", "index.html"), "<h1>事项</h1>");
    writeFileSync(join(dir, "site", "atom.xml"), "<feed/>");
    writeFileSync(join(dir, "site", "404.html"), "<h1>未找到</h1>");
    writeFileSync(join(dir, "secret.txt"), "outside the site");
    server = await serveSite(join(dir, "site"));
  });
  afterAll(async () => {
    await server.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it("serves pages, directory indexes and feeds with their content types", async () => {
    const home = await get(server.url, "/");
    expect(home).toMatchObject({ status: 200, body: "<h1>首页</h1>" });
    expect(home.type).toContain("text/html");
    expect((await get(server.url, "/items/a/")).body).toBe("<h1>事项</h1>");
    expect((await get(server.url, "/atom.xml")).type).toContain("application/xml");
  });

  it("answers a missing page with the site's 404 page", async () => {
    expect(await get(server.url, "/items/none/")).toMatchObject({ status: 404, body: "<h1>未找到</h1>" });
  });

  it("never serves the build's state (dot-files) and redirects a directory to its slash form, never elsewhere", async () => {
    mkdirSync(join(dir, "site", ".sanxiang-site"), { recursive: true });
    writeFileSync(join(dir, "site", ".sanxiang-site", "state.json"), '{"secret":true}');
    const state = await get(server.url, "/.sanxiang-site/state.json");
    expect(state.status).toBe(404);
    expect(state.body).not.toContain("secret");
    expect(await getHeader(server.url, "/items/a", "location")).toEqual({ status: 301, value: "/items/a/" });
    // A protocol-relative path is not echoed into the redirect (no open redirect to another host).
    expect(await getHeader(server.url, "//items/a", "location")).toEqual({ status: 301, value: "/items/a/" });
    expect((await getHeader(server.url, "//evil.example/", "location")).status).toBe(404);
  });

  it("never serves a file outside the site directory", async () => {
    for (const path of ["/../secret.txt", "/%2e%2e/secret.txt", "/items/../../secret.txt", "/%00"]) {
      const r = await get(server.url, path);
      expect(r.body).not.toContain("outside the site");
      expect([400, 404]).toContain(r.status);
    }
    expect(resolveSitePath("/srv/site", "/../etc/passwd")).toBeUndefined();
    expect(resolveSitePath("/srv/site", "/a/%E4%B8%AD")).toBe("/srv/site/a/中");
  });
});

describe("serveSite and symbolic links", () => {
  let dir: string;
  let server: SiteServer;
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), "sanxiang-serve-links-"));
    const site = join(dir, "site");
    mkdirSync(join(site, "items"), { recursive: true });
    mkdirSync(join(site, ".sanxiang-site"));
    mkdirSync(join(dir, "outside"));
    writeFileSync(join(site, "index.html"), "<h1>首页</h1>");
    writeFileSync(join(site, "items", "a.html"), "<p>事项</p>");
    writeFileSync(join(site, ".sanxiang-site", "state.json"), '{"secret":"state"}');
    writeFileSync(join(dir, "outside", "secret.txt"), "outside the site");
    writeFileSync(join(dir, "outside", "index.html"), "outside index");
    // Links out of the site: to a file, to a directory, to a system file, to the dot-file state.
    symlinkSync(join(dir, "outside", "secret.txt"), join(site, "secret.txt"));
    symlinkSync(join(dir, "outside"), join(site, "out"));
    symlinkSync("/etc/passwd", join(site, "passwd.txt"));
    symlinkSync(join(site, ".sanxiang-site", "state.json"), join(site, "state.json"));
    // A link out as the site's own 404 page.
    symlinkSync(join(dir, "outside", "secret.txt"), join(site, "404.html"));
    // A link that stays inside the site is an ordinary file of it.
    symlinkSync(join(site, "items", "a.html"), join(site, "alias.html"));
    server = await serveSite(site);
  });
  afterAll(async () => {
    await server.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it.each(["/secret.txt", "/out/secret.txt", "/out/", "/out", "/passwd.txt", "/state.json", "/nothing"])(
    "never serves what %s links to outside the site (or its dot-file state)",
    async (path) => {
      const r = await get(server.url, path);
      expect(r.status).toBe(404);
      expect(r.body).not.toContain("outside");
      expect(r.body).not.toContain("root:");
      expect(r.body).not.toContain("secret");
    },
  );

  it("serves a link whose target is inside the site", async () => {
    expect(await get(server.url, "/alias.html")).toMatchObject({ status: 200, body: "<p>事项</p>" });
  });

  it.runIf(process.platform === "linux")("answers 404 for a FIFO instead of hanging on it", async () => {
    execFileSync("mkfifo", [join(dir, "site", "pipe.html")]);
    execFileSync("mkfifo", [join(dir, "site", "items", "index.html")]);
    expect((await get(server.url, "/pipe.html")).status).toBe(404);
    expect((await get(server.url, "/items/")).status).toBe(404);
  });
});

describe("serveSite refuses what it cannot serve with a coded error", () => {
  it("a directory that does not exist, or a regular file", async () => {
    const dir = mkdtempSync(join(tmpdir(), "sanxiang-serve-bad-"));
    writeFileSync(join(dir, "file"), "x");
    try {
      await expect(serveSite(join(dir, "none"))).rejects.toMatchObject({ code: "INVALID_INPUT" });
      await expect(serveSite(join(dir, "file"))).rejects.toMatchObject({ code: "INVALID_INPUT" });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it("a port already in use", async () => {
    const dir = mkdtempSync(join(tmpdir(), "sanxiang-serve-port-"));
    const busy = createServer();
    await new Promise<void>((done) => busy.listen(0, "127.0.0.1", done));
    const address = busy.address();
    const port = typeof address === "object" && address !== null ? address.port : 0;
    try {
      const refused = serveSite(dir, { port });
      await expect(refused).rejects.toMatchObject({ code: "INVALID_INPUT" });
      await expect(refused).rejects.toThrow("端口已被占用");
    } finally {
      await new Promise((done) => busy.close(done));
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
