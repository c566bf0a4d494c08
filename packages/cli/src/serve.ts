// A small static file server for a built disclosure site (`sanxiang serve <dir>`): the site's
// search loads its index over HTTP, which browsers refuse for file:// pages. Loopback only by
// default; read-only; paths are resolved inside the site directory, dot-files (the build's
// `.sanxiang-site/` state) are never served. The browser tests serve their sites with it too.
import { createReadStream } from "node:fs";
import { stat } from "node:fs/promises";
import { createServer, type Server } from "node:http";
import { extname, join, relative, resolve, sep } from "node:path";

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

async function kindOf(path: string): Promise<"file" | "dir" | undefined> {
  const s = await stat(path).catch(() => undefined);
  return s === undefined ? undefined : s.isFile() ? "file" : s.isDirectory() ? "dir" : undefined;
}

/**
 * Serves the built site in `dir` over HTTP (GET and HEAD only) until `close()`, the way a plain
 * static host does: `dir/` → `dir/index.html`, `dir` → 301 to `dir/`, anything missing, outside
 * the directory or a dot-file → the site's own `404.html` with status 404. Every response says
 * `nosniff`, so a browser trusts the content type instead of guessing.
 */
export function serveSite(dir: string, options: ServeSiteOptions = {}): Promise<SiteServer> {
  const root = resolve(dir);
  const server: Server = createServer((req, res) => {
    const url = req.url ?? "/";
    const head = (status: number, headers: Record<string, string>): void => {
      options.onResponse?.(url, status);
      res.writeHead(status, { "x-content-type-options": "nosniff", ...headers });
    };
    const sendFile = (status: number, file: string): void => {
      head(status, { "content-type": siteContentType(file) });
      if (req.method === "HEAD") res.end();
      else
        createReadStream(file)
          .on("error", () => res.destroy())
          .pipe(res);
    };
    const notFound = async (): Promise<void> => {
      const page = join(root, "404.html");
      if ((await kindOf(page)) === "file") return sendFile(404, page);
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
      const kind = await kindOf(path);
      if (kind === "file") return sendFile(200, path);
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
        const index = join(path, "index.html");
        if ((await kindOf(index)) === "file") return sendFile(200, index);
      }
      return notFound();
    };
    handle().catch(() => {
      if (!res.headersSent) head(500, { "content-type": siteContentType(".txt") });
      res.end();
    });
  });
  return new Promise((done, fail) => {
    server.once("error", fail);
    server.listen(options.port ?? 0, options.host ?? "127.0.0.1", () => {
      const address = server.address();
      const port = typeof address === "object" && address !== null ? address.port : options.port;
      const host = options.host ?? "127.0.0.1";
      done({
        url: `http://${host.includes(":") ? `[${host}]` : host}:${port}/`,
        close: () =>
          new Promise<void>((closed) => {
            server.closeAllConnections();
            server.close(() => closed());
          }),
      });
    });
  });
}
