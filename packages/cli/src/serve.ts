// A small static file server for a built disclosure site (`sanxiang serve <dir>`): the site's
// search loads its index over HTTP, which browsers refuse for file:// pages. Loopback only by
// default; read-only; paths are resolved inside the site directory and nothing else is served.
import { createReadStream } from "node:fs";
import { stat } from "node:fs/promises";
import { createServer, type Server } from "node:http";
import { extname, join, resolve, sep } from "node:path";

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
  ".webmanifest": "application/manifest+json",
};

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
}

/** The file a request path names inside `root`, or undefined when it would leave it. */
export function resolveSitePath(root: string, urlPath: string): string | undefined {
  let decoded: string;
  try {
    decoded = decodeURIComponent(urlPath.split("?")[0]?.split("#")[0] ?? "/");
  } catch {
    return undefined;
  }
  if (decoded.includes("\0")) return undefined;
  const base = resolve(root);
  const full = resolve(base, `.${decoded.startsWith("/") ? decoded : `/${decoded}`}`);
  if (full !== base && !full.startsWith(base + sep)) return undefined;
  return full;
}

async function fileFor(path: string): Promise<string | undefined> {
  const s = await stat(path).catch(() => undefined);
  if (s === undefined) return undefined;
  if (s.isFile()) return path;
  if (s.isDirectory()) {
    const index = join(path, "index.html");
    const i = await stat(index).catch(() => undefined);
    return i?.isFile() === true ? index : undefined;
  }
  return undefined;
}

/** Serves the built site in `dir` over HTTP (GET and HEAD only) until `close()`. */
export function serveSite(dir: string, options: ServeSiteOptions = {}): Promise<SiteServer> {
  const root = resolve(dir);
  const server: Server = createServer((req, res) => {
    const send404 = async (): Promise<void> => {
      const page = await fileFor(join(root, "404.html"));
      res.writeHead(404, { "content-type": TYPES[".html"] ?? "text/html" });
      if (page === undefined || req.method === "HEAD") res.end(req.method === "HEAD" ? undefined : "404");
      else createReadStream(page).pipe(res);
    };
    if (req.method !== "GET" && req.method !== "HEAD") {
      res.writeHead(405, { allow: "GET, HEAD" }).end();
      return;
    }
    const path = resolveSitePath(root, req.url ?? "/");
    if (path === undefined) {
      res.writeHead(400).end();
      return;
    }
    void fileFor(path).then(async (file) => {
      if (file === undefined) return send404();
      const type = TYPES[extname(file).toLowerCase()] ?? "application/octet-stream";
      res.writeHead(200, { "content-type": type, "x-content-type-options": "nosniff" });
      if (req.method === "HEAD") res.end();
      else
        createReadStream(file)
          .on("error", () => res.destroy())
          .pipe(res);
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
        close: () => new Promise<void>((closed) => server.close(() => closed())),
      });
    });
  });
}
