// A small static file server for a built disclosure site (`sanxiang serve <dir>`): the site's
// search loads its index over HTTP, which browsers refuse for file:// pages. Loopback only by
// default; read-only; paths are resolved inside the site directory, dot-files (the build's
// `.sanxiang-site/` state) are never served, and neither is anything a symbolic link leads to
// outside the site: only regular files whose real path lies inside the site's real path.
// The browser tests serve their sites with it too.
import { constants } from "node:fs";
import { type FileHandle, open, realpath, stat } from "node:fs/promises";
import { createServer, type Server } from "node:http";
import { extname, join, relative, resolve, sep } from "node:path";
import { sanxiangError } from "@sanxiang/core";
import { describeSystemError, isSystemError } from "./io.js";

const TYPES: Readonly<Record<string, string>> = {
  ".html": "text/html; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".mjs": "text/javascript; charset=utf-8",
  ".json": "application/json; charset=utf-8",
  ".xml": "application/xml; charset=utf-8",
  ".svg": "image/svg+xml",
  ".png": "image/png",
  ".ico": "image/x-icon",
  ".txt": "text/plain; charset=utf-8",
  ".woff2": "font/woff2",
  ".webmanifest": "application/manifest+json",
};

/** The content type {@link serveSite} sends for a file name (`application/octet-stream` when unknown). */
export function siteContentType(path: string): string {
  return TYPES[extname(path).toLowerCase()] ?? "application/octet-stream";
}

/** A running site server: its URL and how to stop it. */
export interface SiteServer {
  /** The base URL, e.g. `http://127.0.0.1:8080/`. */
  readonly url: string;
  /** Stops accepting connections and resolves when closed. */
  close(): Promise<void>;
}

/** Options of {@link serveSite}. */
export interface ServeSiteOptions {
  /** Port; 0 (default) picks a free one. */
  readonly port?: number;
  /** Interface to listen on (default the loopback `127.0.0.1`). */
  readonly host?: string;
  /** Called once per response with the request path and the status (a request log). */
  readonly onResponse?: (path: string, status: number) => void;
}

/**
 * The file a request path names inside `root`, or undefined when it would leave it or name a
 * dot-file or dot-directory (the build's `.sanxiang-site/` state is not part of the site).
 */
export function resolveSitePath(root: string, urlPath: string): string | undefined {
  let decoded: string;
  try {
    decoded = decodeURIComponent(urlPath.split("?")[0]?.split("#")[0] ?? "/");
  } catch {
    return undefined;
  }
  if (decoded.includes("\0") || decoded.includes("\\")) return undefined;
  const segments = decoded.split("/").filter((x) => x.length > 0);
  if (segments.some((x) => x.startsWith("."))) return undefined;
  const base = resolve(root);
  const full = resolve(base, ...segments);
  if (full !== base && !full.startsWith(base + sep)) return undefined;
  return full;
}

/**
 * The real path of `path` (every symbolic link followed) when it lies inside `realRoot` and no
 * segment of it below the root is a dot-file; else `undefined`. A link inside the site to
 * `/etc/passwd`, or to the build's `.sanxiang-site/` state, is thus never followed.
 */
export async function realPathInside(realRoot: string, path: string): Promise<string | undefined> {
  const real = await realpath(path).catch(() => undefined);
  if (real === undefined) return undefined;
  if (real === realRoot) return real;
  const prefix = realRoot.endsWith(sep) ? realRoot : realRoot + sep;
  if (!real.startsWith(prefix)) return undefined;
  if (
    relative(realRoot, real)
      .split(sep)
      .some((x) => x.startsWith("."))
  )
    return undefined;
  return real;
}

async function kindOf(realRoot: string, path: string): Promise<"file" | "dir" | undefined> {
  const real = await realPathInside(realRoot, path);
  if (real === undefined) return undefined;
  const s = await stat(real).catch(() => undefined);
  return s === undefined ? undefined : s.isFile() ? "file" : s.isDirectory() ? "dir" : undefined;
}

/**
 * Opens a regular file inside the site for reading: the real path is checked, then opened
 * without following a final symbolic link, and the open file must be a regular file (a link
 * swapped in after the check is refused, not followed).
 */
async function openInside(realRoot: string, path: string): Promise<FileHandle | undefined> {
  const real = await realPathInside(realRoot, path);
  if (real === undefined) return undefined;
  // Not a regular file (a FIFO would block the open, a device would stream forever): refused
  // before opening; O_NONBLOCK keeps one swapped in after this check from blocking.
  if ((await stat(real).catch(() => undefined))?.isFile() !== true) return undefined;
  const handle = await open(real, constants.O_RDONLY | constants.O_NOFOLLOW | constants.O_NONBLOCK).catch(
    () => undefined,
  );
  if (handle === undefined) return undefined;
  const s = await handle.stat().catch(() => undefined);
  if (s?.isFile() !== true) {
    await handle.close().catch(() => undefined);
    return undefined;
  }
  return handle;
}

/** The site's root as a real directory path, or a coded refusal naming it. */
async function realRootOf(root: string): Promise<string> {
  const real = await realpath(root).catch((e: unknown) => {
    throw sanxiangError(
      "INVALID_INPUT",
      `站点目录 ${root} 无法访问：${isSystemError(e) ? describeSystemError(e) : String(e)}`,
      { details: { dir: root }, cause: e },
    );
  });
  const s = await stat(real);
  if (!s.isDirectory()) throw sanxiangError("INVALID_INPUT", `站点目录 ${root} 不是目录`, { details: { dir: root } });
  return real;
}

/**
 * Serves the built site in `dir` over HTTP (GET and HEAD only) until `close()`, the way a plain
 * static host does: `dir/` → `dir/index.html`, `dir` → 301 to `dir/`, anything missing, outside
 * the directory (also through a symbolic link), not a regular file, or a dot-file → the site's
 * own `404.html` with status 404. Every response says `nosniff`, so a browser trusts the
 * content type instead of guessing.
 *
 * Rejects with a `SanxiangError` (`INVALID_INPUT`) when `dir` is not a directory or the port
 * cannot be listened on (in use, not permitted, out of range).
 */
export async function serveSite(dir: string, options: ServeSiteOptions = {}): Promise<SiteServer> {
  const root = resolve(dir);
  const realRoot = await realRootOf(root);
  const server: Server = createServer((req, res) => {
    const url = req.url ?? "/";
    const head = (status: number, headers: Record<string, string>): void => {
      options.onResponse?.(url, status);
      res.writeHead(status, { "x-content-type-options": "nosniff", ...headers });
    };
    /** Sends a file when it is a regular file inside the site; false when it is not. */
    const sendFile = async (status: number, file: string): Promise<boolean> => {
      const handle = await openInside(realRoot, file);
      if (handle === undefined) return false;
      head(status, { "content-type": siteContentType(file) });
      if (req.method === "HEAD") {
        await handle.close().catch(() => undefined);
        res.end();
      } else
        handle
          .createReadStream()
          .on("error", () => res.destroy())
          .pipe(res);
      return true;
    };
    const notFound = async (): Promise<void> => {
      if (await sendFile(404, join(root, "404.html"))) return;
      head(404, { "content-type": siteContentType(".txt") });
      res.end(req.method === "HEAD" ? undefined : "404 Not Found");
    };
    const handle = async (): Promise<void> => {
      if (req.method !== "GET" && req.method !== "HEAD") {
        head(405, { allow: "GET, HEAD" });
        res.end();
        return;
      }
      const path = resolveSitePath(root, url);
      if (path === undefined) return notFound();
      const kind = await kindOf(realRoot, path);
      if (kind === "file" && (await sendFile(200, path))) return;
      if (kind === "dir") {
        const pathname = url.split("?")[0]?.split("#")[0] ?? "/";
        if (!pathname.endsWith("/")) {
          // Built from the resolved path, never echoed: `//host` must not become a redirect elsewhere.
          const location = `/${relative(root, path)
            .split(sep)
            .filter((x) => x.length > 0)
            .map(encodeURIComponent)
            .join("/")}/`;
          head(301, { location: location.replace(/^\/\/$/, "/"), "content-type": siteContentType(".txt") });
          res.end();
          return;
        }
        if (await sendFile(200, join(path, "index.html"))) return;
      }
      return notFound();
    };
    handle().catch(() => {
      if (!res.headersSent) head(500, { "content-type": siteContentType(".txt") });
      res.end();
    });
  });
  const port = options.port ?? 0;
  const host = options.host ?? "127.0.0.1";
  return new Promise((done, fail) => {
    const refuse = (e: unknown): void => {
      const why = isSystemError(e) ? describeSystemError(e) : e instanceof Error ? e.message : String(e);
      fail(
        sanxiangError("INVALID_INPUT", `无法在 ${host} 端口 ${port} 上提供网站：${why}`, {
          details: { host, port },
          cause: e,
        }),
      );
    };
    server.once("error", refuse);
    try {
      server.listen(port, host, () => {
        server.off("error", refuse);
        const address = server.address();
        const actual = typeof address === "object" && address !== null ? address.port : port;
        done({
          url: `http://${host.includes(":") ? `[${host}]` : host}:${actual}/`,
          close: () =>
            new Promise<void>((closed) => {
              server.closeAllConnections();
              server.close(() => closed());
            }),
        });
      });
    } catch (e) {
      // listen() throws for a port out of range before any event.
      refuse(e);
    }
  });
}
