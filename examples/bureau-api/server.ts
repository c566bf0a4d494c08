// Starts the bureau API: the stores chosen by the environment (a SQLite file by default,
// PostgreSQL when DATABASE_URL is set), evidence files, the public disclosure site written to
// a directory, the bureau's signing key, and the HTTP server. Run it directly:
//   node_modules/.bin/tsx --conditions=@sanxiang/source examples/bureau-api/server.ts
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import type { AddressInfo } from "node:net";
import { join, resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { type ServerType, serve } from "@hono/node-server";
import {
  type BodiesRegistry,
  type Bureau,
  bureauProjections,
  type Clock,
  chinaCalendar,
  civilDateOf,
  createBodiesRegistry,
  createBureau,
  cryptoRandom,
  type EventStore,
  ed25519Signer,
  err,
  fromHex,
  generateEd25519SecretKey,
  ok,
  organName,
  type Result,
  type SanxiangError,
  type Signer,
  sanxiangError,
  toHex,
} from "@sanxiang/core";
import { fsEvidenceStore } from "@sanxiang/evidence-fs";
import { type SiteConfig, sitePublisher } from "@sanxiang/publish-site";
import { SAMPLE_BODIES_DATA } from "@sanxiang/sample";
import { openPostgresStore } from "@sanxiang/store-postgres";
import { openSqliteStore, systemClock } from "@sanxiang/store-sqlite";
import { bureauApi } from "./app.js";

/** 系统时钟 — the wall clock, the one place real time enters (core reads none); the store's. */
export { systemClock };

/** Options of {@link startBureauApi}; {@link optionsFromEnv} reads them from the environment. */
export interface BureauApiServerOptions {
  /** Directory of the SQLite database, the evidence files, the site and the generated key. */
  readonly dataDir: string;
  /** PostgreSQL connection string: the event store lives there instead of the SQLite file. */
  readonly databaseUrl?: string;
  /** The PostgreSQL schema (default `sanxiang`). */
  readonly pgSchema?: string;
  /** Port to listen on (default 0: any free port). */
  readonly port?: number;
  /** Address to listen on (default `127.0.0.1`: put the platform's gateway in front). */
  readonly hostname?: string;
  /** 执法主体 (default the sample market bureau `spt-scjgj`). */
  readonly bodyId?: string;
  /** 执法主体及人员数据库 (default the sample registry of `@sanxiang/sample`: invented people). */
  readonly bodies?: BodiesRegistry;
  /** The clock (default {@link systemClock}); tests pass a manual one. */
  readonly clock?: Clock;
  /** The bureau's signer (default: the Ed25519 key in `keyFile`). */
  readonly signer?: Signer;
  /** Hex Ed25519 secret key file (default `<dataDir>/bureau-signing.key`, generated on first start, mode 0600). */
  readonly keyFile?: string;
  /** The public site's settings. */
  readonly site?: SiteConfig;
  /** Largest evidence upload in bytes (default 2 GiB). */
  readonly maxEvidenceBytes?: number;
  /** Largest JSON body in bytes (default 1 MiB). */
  readonly maxJsonBytes?: number;
}

/** A started API: where it listens, the bureau behind it, and how to stop it. */
export interface RunningBureauApi {
  /** `http://host:port`. */
  readonly url: string;
  /** Which event store the bureau writes to. */
  readonly storeKind: "sqlite" | "postgres";
  /** The bureau the routes act on. */
  readonly bureau: Bureau;
  /** The public disclosure site's directory. */
  readonly siteDir: string;
  /** The evidence store's directory. */
  readonly evidenceDir: string;
  /** The bureau's public key (hex), for verifying case files offline (`sanxiang verify`). */
  readonly publicKeyHex: string;
  /** Stops accepting connections, waits for open requests, closes the store. */
  close(): Promise<void>;
}

/** The bureau's signing key from `file`, created (random, mode 0600) when the file does not exist. */
function loadOrCreateSigner(file: string): Result<Signer, SanxiangError> {
  try {
    if (!existsSync(file)) {
      writeFileSync(file, `${toHex(generateEd25519SecretKey(cryptoRandom()))}\n`, { mode: 0o600 });
      chmodSync(file, 0o600);
    }
    return fromHex(readFileSync(file, "utf8").trim()).andThen((key) => ed25519Signer(key));
  } catch (cause) {
    return err(sanxiangError("SIGNER_FAILED", `无法读取或创建签名私钥文件 ${file}`, { cause, details: { file } }));
  }
}

async function openStore(o: BureauApiServerOptions): Promise<Result<EventStore, SanxiangError>> {
  const projections = bureauProjections();
  if (o.databaseUrl !== undefined) {
    const pg = await openPostgresStore({
      connectionString: o.databaseUrl,
      schema: o.pgSchema ?? "sanxiang",
      projections,
    });
    return pg.isErr() ? err(pg.error) : ok(pg.value);
  }
  const sqlite = openSqliteStore({ dir: o.dataDir, projections });
  return sqlite.isErr() ? err(sqlite.error) : ok(sqlite.value);
}

/**
 * 启动执法局接口 — opens the stores, creates the bureau through `createBureau` and starts
 * the HTTP server; an `Err` says which part could not start (and nothing is left open).
 */
export async function startBureauApi(o: BureauApiServerOptions): Promise<Result<RunningBureauApi, SanxiangError>> {
  const dataDir = resolve(o.dataDir);
  mkdirSync(dataDir, { recursive: true });
  const clock = o.clock ?? systemClock;
  let bodies = o.bodies;
  if (bodies === undefined) {
    const sample = createBodiesRegistry(SAMPLE_BODIES_DATA);
    if (sample.isErr()) return err(sample.error);
    bodies = sample.value;
  }
  let signer = o.signer;
  if (signer === undefined) {
    const loaded = loadOrCreateSigner(o.keyFile ?? join(dataDir, "bureau-signing.key"));
    if (loaded.isErr()) return err(loaded.error);
    signer = loaded.value;
  }
  const store = await openStore(o);
  if (store.isErr()) return err(store.error);
  const siteDir = join(dataDir, "site");
  const evidenceDir = join(dataDir, "evidence");
  const maxEvidenceBytes = o.maxEvidenceBytes ?? 2 * 1024 * 1024 * 1024;
  const evidence = fsEvidenceStore({ dir: evidenceDir, maxSize: maxEvidenceBytes });
  const bodyId = o.bodyId ?? "spt-scjgj";
  // The site's 主办单位 is the organ as the bodies registry names it, never typed here.
  const organ = organName(bodies, bodyId, civilDateOf(clock.now()));
  if (organ.isErr()) {
    await store.value.close();
    return err(organ.error);
  }
  const bureau = createBureau({
    bodyId,
    store: store.value,
    evidence,
    publisher: sitePublisher({
      outDir: siteDir,
      site: o.site ?? {
        title: `${organ.value}行政执法公示（示例）`,
        bureauName: organ.value,
        baseUrl: "https://example.invalid/",
      },
      clock: () => clock.now(),
    }),
    signer,
    clock,
    registries: { bodies },
    calendar: chinaCalendar(),
  });
  if (bureau.isErr()) {
    await store.value.close();
    return err(bureau.error);
  }
  const app = bureauApi({
    bureau: bureau.value,
    bodies,
    clock,
    maxEvidenceBytes,
    ...(o.maxJsonBytes === undefined ? {} : { maxJsonBytes: o.maxJsonBytes }),
  });
  const hostname = o.hostname ?? "127.0.0.1";
  let server: ServerType;
  const address = await new Promise<AddressInfo | Error>((done) => {
    server = serve({ fetch: app.fetch, port: o.port ?? 0, hostname }, done);
    server.once("error", done);
  });
  if (address instanceof Error) {
    await store.value.close();
    return err(
      sanxiangError(
        "INVALID_INPUT",
        `无法在 ${hostname}:${o.port ?? 0} 上监听（${address.message}）：请换一个端口（PORT）或地址（HOST）`,
        {
          cause: address,
          details: { field: "port", hostname, port: o.port ?? 0 },
        },
      ),
    );
  }
  return ok({
    url: `http://${hostname.includes(":") ? `[${hostname}]` : hostname}:${address.port}`,
    storeKind: o.databaseUrl === undefined ? "sqlite" : "postgres",
    bureau: bureau.value,
    siteDir,
    evidenceDir,
    publicKeyHex: toHex(signer.publicKey),
    close: async () => {
      await new Promise<void>((done) => server.close(() => done()));
      await store.value.close();
    },
  });
}

/**
 * The server's options from the environment: `SANXIANG_DATA_DIR` (default `.sanxiang-api`),
 * `DATABASE_URL`, `SANXIANG_PG_SCHEMA`, `PORT` (default 8080), `HOST` (default 127.0.0.1),
 * `SANXIANG_KEY_FILE`. A `PORT` that is not a port number is `INVALID_INPUT` naming it.
 */
export function optionsFromEnv(
  env: Readonly<Record<string, string | undefined>>,
): Result<BureauApiServerOptions, SanxiangError> {
  const port = env.PORT === undefined || env.PORT === "" ? 8080 : Number(env.PORT);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    return err(
      sanxiangError("INVALID_INPUT", `环境变量 PORT 为「${env.PORT}」，应为 0–65535 的整数`, {
        details: { field: "PORT", value: env.PORT },
      }),
    );
  }
  return ok({
    dataDir: env.SANXIANG_DATA_DIR || ".sanxiang-api",
    port,
    ...(env.DATABASE_URL ? { databaseUrl: env.DATABASE_URL } : {}),
    ...(env.SANXIANG_PG_SCHEMA ? { pgSchema: env.SANXIANG_PG_SCHEMA } : {}),
    ...(env.HOST ? { hostname: env.HOST } : {}),
    ...(env.SANXIANG_KEY_FILE ? { keyFile: env.SANXIANG_KEY_FILE } : {}),
  });
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  const options = optionsFromEnv(process.env);
  const running = options.isErr() ? options : await startBureauApi(options.value);
  if (running.isErr()) {
    console.error(`无法启动：[${running.error.code}] ${running.error.message}`);
    process.exit(1);
  }
  const api = running.value;
  console.log(`执法局接口已启动 ${api.url}（事件存储：${api.storeKind}，公示网站：${api.siteDir}）`);
  console.log(`本局公钥（离线核验案卷用）：${api.publicKeyHex}`);
  const stop = () => {
    void api.close().then(() => process.exit(0));
  };
  process.once("SIGINT", stop);
  process.once("SIGTERM", stop);
}
