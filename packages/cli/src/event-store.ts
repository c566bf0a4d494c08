// Which event store a command uses: `--store` (or SANXIANG_STORE), else the embedded SQLite
// store under `<cwd>/.sanxiang` (or `--dir`). PostgreSQL is loaded only when asked for.
import { existsSync, statSync } from "node:fs";
import { resolve } from "node:path";
import {
  bureauProjections,
  type EventStore,
  err,
  guardEventStore,
  memoryEventStore,
  ok,
  type Result,
  type SanxiangError,
  sanxiangError,
} from "@sanxiang/core";
import { openSqliteStore } from "@sanxiang/store-sqlite";
import { t } from "./i18n.js";
import type { CommandContext } from "./main.js";

/** Where the events live, as `--store` names it. */
export type StoreSpec =
  | {
      readonly kind: "sqlite";
      readonly path?: string;
      readonly dir?: string;
      /**
       * 预读线程 — read the verifier's pages on a second thread (`openSqliteStore({ readAhead })`),
       * as `sanxiang verify --log` does: on an idle 2-core machine it took the log check of
       * 200,000 events from ≈ 0.9 s to ≈ 0.56 s of wall time (docs/benchmarks.md, "Verifying a
       * store"). Other commands read few pages and leave it off.
       */
      readonly readAhead?: boolean;
    }
  | { readonly kind: "postgres"; readonly url: string; readonly schema?: string }
  | { readonly kind: "memory" };

/**
 * Reads a `--store` value: `postgres://…` / `postgresql://…` (with `?schema=<name>` for a schema
 * other than `sanxiang`), `sqlite:<file>`, a path ending in
 * `.db` / `.sqlite`, `memory`, or nothing (SQLite in `defaultDir`).
 */
export function parseStoreSpec(
  value: string | undefined,
  cwd: string,
  defaultDir: string,
): Result<StoreSpec, SanxiangError> {
  if (value === undefined || value === "") return ok({ kind: "sqlite", dir: resolve(cwd, defaultDir) });
  if (/^postgres(ql)?:\/\//.test(value)) {
    // `?schema=<name>` picks the PostgreSQL schema (default "sanxiang"); the rest goes to pg.
    if (!URL.canParse(value)) {
      // Never echo a password: the address is shown as describeStore shows one.
      const shown = value.replace(/\/\/([^:@/]+):[^@/]*@/, "//$1:***@");
      return err(sanxiangError("INVALID_INPUT", `PostgreSQL 地址无效：${shown}`, { details: { store: shown } }));
    }
    const url = new URL(value);
    const schema = url.searchParams.get("schema");
    url.searchParams.delete("schema");
    return ok({ kind: "postgres", url: url.toString(), ...(schema === null ? {} : { schema }) });
  }
  if (value === "memory") return ok({ kind: "memory" });
  if (value.startsWith("sqlite:")) {
    const file = value.slice("sqlite:".length);
    // `sqlite:` alone would resolve to the working directory itself.
    if (file === "") {
      return err(
        sanxiangError("INVALID_INPUT", "存储 sqlite: 后缺少文件路径（例如 sqlite:events.db）", {
          details: { store: value },
        }),
      );
    }
    return ok({ kind: "sqlite", path: resolve(cwd, file) });
  }
  if (/\.(db|sqlite3?)$/.test(value)) return ok({ kind: "sqlite", path: resolve(cwd, value) });
  return err(
    sanxiangError(
      "INVALID_INPUT",
      `无法识别的存储：${value}（可用 postgres://…、sqlite:<文件>、<文件>.db 或 memory）`,
      {
        details: { store: value },
      },
    ),
  );
}

/** Says where a store spec points, for the operator. */
export function describeStore(spec: StoreSpec): string {
  switch (spec.kind) {
    case "sqlite":
      return spec.path ?? resolve(spec.dir ?? ".", "events.db");
    case "postgres":
      return `${spec.url.replace(/\/\/([^:@/]+):[^@/]*@/, "//$1:***@")}${spec.schema === undefined ? "" : ` (schema ${spec.schema})`}`;
    case "memory":
      return "memory";
  }
}

/**
 * Opens the store a spec names, guarded by core (the caller closes it), with the projections
 * `createBureau` keeps (`bureauProjections()`: deadline index, disclosure queue, statistics,
 * public disclosures, the case list) — a store an app writes through the bureau reads the same
 * here, and one the CLI writes serves the bureau. A store opened with fewer projections has the
 * missing ones rebuilt from its log once, on open.
 */
export async function openStoreSpec(spec: StoreSpec): Promise<Result<EventStore, SanxiangError>> {
  return (await openRaw(spec)).map(guardEventStore);
}

async function openRaw(spec: StoreSpec): Promise<Result<EventStore, SanxiangError>> {
  switch (spec.kind) {
    case "memory":
      return ok(memoryEventStore({ projections: bureauProjections() }));
    case "sqlite":
      return openSqliteStore({
        ...(spec.path === undefined ? { dir: spec.dir ?? ".sanxiang" } : { path: spec.path }),
        projections: bureauProjections(),
        ...(spec.readAhead === true ? { readAhead: true } : {}),
      });
    case "postgres": {
      const { openPostgresStore } = await import("@sanxiang/store-postgres");
      return openPostgresStore({
        connectionString: spec.url,
        projections: bureauProjections(),
        ...(spec.schema === undefined ? {} : { schema: spec.schema }),
      });
    }
  }
}

/** The spec with the read-ahead thread on when it names SQLite (see `readAhead`); others unchanged. */
export function withReadAhead(spec: StoreSpec): StoreSpec {
  return spec.kind === "sqlite" ? { ...spec, readAhead: true } : spec;
}

/**
 * The store of a command: `--store`, else `SANXIANG_STORE`, else SQLite in `--dir` (default
 * `./.sanxiang`) — or `defaultDir` when the command keeps its own (the demo).
 */
export function storeSpecOf(ctx: CommandContext, defaultDir?: string): Result<StoreSpec, SanxiangError> {
  const flag = ctx.options.store;
  const value = typeof flag === "string" ? flag : ctx.io.env.SANXIANG_STORE;
  const dir = defaultDir ?? (typeof ctx.options.dir === "string" ? ctx.options.dir : ".sanxiang");
  return parseStoreSpec(value, ctx.io.cwd, dir);
}

/** Options of {@link withStore}. */
export interface WithStoreOptions {
  /**
   * Create the SQLite store when its file does not exist (the demo, which keeps its own).
   * Default `false`: a command that reads, verifies, signs or publishes an existing log refuses
   * a missing file with `STORE_NOT_FOUND` (exit 2) instead of creating an empty store and
   * reporting on nothing — a mistyped path must never read as "验证通过".
   */
  readonly create?: boolean;
}

/** Runs `body` with the command's store open, closing it afterwards; prints a refusal to open. */
export async function withStore<T>(
  ctx: CommandContext,
  spec: StoreSpec,
  body: (store: EventStore) => Promise<T>,
  options: WithStoreOptions = {},
): Promise<T | number> {
  if (options.create !== true && spec.kind === "sqlite" && !existsSync(describeStore(spec))) {
    ctx.io.err(
      `${t(ctx.lang, "错误 [STORE_NOT_FOUND] 存储不存在", "error [STORE_NOT_FOUND] no store at")} ${describeStore(spec)}：${t(
        ctx.lang,
        "请检查 --store / --dir；示例存储由 sanxiang demo 建立在 .sanxiang/demo/events.db，以 --store .sanxiang/demo/events.db 指定",
        "check --store / --dir; sanxiang demo creates the sample store in .sanxiang/demo/events.db: pass --store .sanxiang/demo/events.db",
      )}\n`,
    );
    return 2;
  }
  if (spec.kind === "sqlite") {
    // A directory (or a pipe, a device) named as the store file is the operator's mistake, not a
    // failed database: say what it is, exit 2.
    const file = describeStore(spec);
    const kind = fileKind(file);
    if (kind !== undefined) {
      ctx.io.err(
        `${t(ctx.lang, "错误 [INVALID_INPUT] 存储不是文件", "error [INVALID_INPUT] the store is not a file")} ${file}：${t(ctx.lang, kind.zh, kind.en)}\n`,
      );
      return 2;
    }
    // An empty file (a store truncated to nothing, a `touch`ed name) would open as a new, empty
    // store: `verify --log` would pass it, any command would write a schema into it. Only the
    // commands that create their store (the demo) take it.
    if (options.create !== true && sizeOf(file) === 0) {
      ctx.io.err(
        `${t(ctx.lang, "错误 [STORE_NOT_FOUND] 存储是空文件", "error [STORE_NOT_FOUND] the store is an empty file")} ${file}：${t(
          ctx.lang,
          "0 字节，不是已建立的事件存储（存储被清空时请从备份恢复；示例存储由 sanxiang demo 建立），文件未被改动",
          "0 bytes, not an established event store (restore a store that was emptied from a backup; sanxiang demo creates the sample store); the file is left as it is",
        )}\n`,
      );
      return 2;
    }
  }
  const opened = await openStoreSpec(spec);
  if (opened.isErr()) {
    // The driver's reason (refused connection, unknown database, failed password…) is kept in
    // the details; without it every failure reads the same.
    const reason = opened.error.details?.reason;
    const why =
      typeof reason === "string" && reason !== "" && !opened.error.message.includes(reason)
        ? t(ctx.lang, `（原因：${reason}）`, ` (reason: ${reason})`)
        : "";
    ctx.io.err(
      `${t(ctx.lang, "错误", "error")} [${opened.error.code}] ${t(ctx.lang, "无法打开存储", "cannot open the store")} ${describeStore(spec)}：${opened.error.message}${why}\n`,
    );
    return 1;
  }
  try {
    return await body(opened.value);
  } finally {
    await opened.value.close();
  }
}

/** What a path that exists but is no regular file is (followed through symlinks), else undefined. */
function fileKind(path: string): { zh: string; en: string } | undefined {
  let stats: ReturnType<typeof statSync> | undefined;
  try {
    stats = statSync(path, { throwIfNoEntry: false });
  } catch {
    return undefined; // unreadable: the driver reports it
  }
  if (stats === undefined || stats.isFile()) return undefined;
  return stats.isDirectory()
    ? { zh: "这是一个目录；存储应为 SQLite 数据库文件", en: "it is a directory; the store is a SQLite database file" }
    : {
        zh: "不是普通文件（命名管道、设备或套接字）；存储应为 SQLite 数据库文件",
        en: "not a regular file (a pipe, a device or a socket); the store is a SQLite database file",
      };
}

/** A regular file's size in bytes (through symlinks), or undefined when it cannot be read. */
function sizeOf(path: string): number | undefined {
  try {
    return statSync(path, { throwIfNoEntry: false })?.size;
  } catch {
    return undefined;
  }
}
