// 预读线程 — the verifier's pages (readLeaves) read on a worker thread with its own read-only
// connection, so that reading SQLite (better-sqlite3 handing out the packed page: about a
// third of the fast path's CPU) overlaps the checks on the main thread. The worker only
// reads: it hands back the packed page's buffers and its parsed field table, and the main
// thread builds the leaves and checks them exactly as on the in-thread path. Whenever the
// worker cannot give a page it trusts (no packed read, a field of another type, a driver
// error, the thread gone), the store reads that page in its own thread instead — the
// worker is an accelerator, never a second set of rules.
import { createRequire } from "node:module";
import { fileURLToPath } from "node:url";
import { Worker } from "node:worker_threads";
import { leafPageLength } from "@sanxiang/core";

/** A packed page as the worker hands it over: the buffers of one packed row and its field table. */
export interface PackedPage {
  /** Events in the page. */
  readonly count: number;
  /** The events' stored JSON bytes end to end. */
  readonly json: Uint8Array;
  /** Their leaf hashes end to end. */
  readonly hashes: Uint8Array;
  /** Six numbers an event: position, JSON bytes, leaf hash bytes, case id length, seq, type length. */
  readonly table: Float64Array;
  /** The case ids and types end to end. */
  readonly text: string;
}

/**
 * The field table of a packed page's meta text (`position,json bytes,hash bytes,id length,seq,type length;…`),
 * or `null` when the page must be read row by row: a field that is not an unsigned decimal
 * integer (a column of another type shows as `x`, a non-integer `seq` as text) or beyond
 * 2^53 − 1, a count that does not match, or a surrogate in the ids and types (SQLite counts code points,
 * JavaScript UTF-16 units). Self-contained: it also runs inside the worker (as its source text).
 */
export function packedTable(count: number, meta: unknown, text: unknown): Float64Array | null {
  if (typeof meta !== "string" || typeof text !== "string") return null;
  if (!/^\d+(,\d+){5}(;\d+(,\d+){5})*$/.test(meta) || /[\uD800-\uDFFF]/.test(text)) return null;
  const table = new Float64Array(6 * count);
  let field = 0;
  let value = 0;
  for (let i = 0; i < meta.length; i++) {
    const c = meta.charCodeAt(i);
    if (c >= 0x30 && c <= 0x39) {
      value = value * 10 + (c - 0x30);
      continue;
    }
    // A separator (`,` or `;`: the pattern above allows nothing else) ends a field; a value
    // beyond 2^53 − 1 could not be exact (no position, length or seq is that large).
    if (field >= table.length || value > Number.MAX_SAFE_INTEGER) return null;
    table[field++] = value;
    value = 0;
  }
  if (field !== table.length - 1 || value > Number.MAX_SAFE_INTEGER) return null;
  table[field] = value;
  return table;
}

/** Pages the worker reads ahead of the requests (each at most READ_LEAVES_PAGE_BYTES and one event). */
export const READ_AHEAD_PAGES = 2;
/** How long a page read ahead may wait for its request before it is read again, in milliseconds. */
export const READ_AHEAD_FRESH_MS = 1_000;

interface ThreadData {
  readonly driver: string;
  readonly path: string;
  readonly timeout: number;
  readonly lengthsSql: string;
  readonly packedSql: string;
  readonly budget: number;
  /** Pages read ahead of the requests, at most. */
  readonly depth: number;
  /** How long a page read ahead may wait for its request, in milliseconds. */
  readonly freshMs: number;
}

/** A request to the worker: the page after `after`, at most `limit` events. */
interface PageRequest {
  readonly after: number;
  readonly limit: number;
}

/** The worker's reply: a page, or `null` (read it in the main thread). */
type PageReply = PackedPage | null;

// The worker's body. It runs from its source text (an `eval` worker, so the same code runs
// from source, from the built package and under the test runner), with `packedTable` and
// core's `leafPageLength` prepended the same way: it must not refer to anything else.
declare const workerPackedTable: typeof packedTable;
declare const workerLeafPageLength: typeof leafPageLength;
declare const workerRequire: (id: string) => unknown;
function leafReaderThread(): void {
  const threads = workerRequire("node:worker_threads") as typeof import("node:worker_threads");
  const data = threads.workerData as ThreadData;
  const port = threads.parentPort;
  if (port === null) return;
  type Statement = { get(...params: unknown[]): unknown; pluck(): Statement; raw(): Statement };
  const Driver = workerRequire(data.driver) as new (
    path: string,
    options: { readonly: boolean; fileMustExist: boolean; timeout: number },
  ) => { prepare(sql: string): Statement };
  const db = new Driver(data.path, { readonly: true, fileMustExist: true, timeout: data.timeout });
  const lengths = db.prepare(data.lengthsSql).pluck();
  const packed = db.prepare(data.packedSql).raw();
  // One page: the reply, and whether every row it asked for existed (`limit` lengths listed:
  // such a page reads the same later, rows being append-only; a page that ran into the
  // log's end may not, so it is never kept for later).
  const readPage = (after: number, limit: number): { reply: PageReply; full: boolean } => {
    try {
      const listed = lengths.get(after, limit);
      if (typeof listed !== "string" || !/^\d+(,\d+)*$/.test(listed)) return { reply: null, full: false };
      const sizes = listed.split(",").map(Number);
      const taken = workerLeafPageLength(sizes, data.budget);
      if (taken === null || taken === 0) return { reply: null, full: false };
      const row = packed.get(after, taken) as [number, unknown, unknown, unknown, unknown] | undefined;
      if (row === undefined) return { reply: null, full: false };
      const [count, json, hashes, meta, text] = row;
      const table = workerPackedTable(count, meta, text);
      if (
        table === null ||
        !(json instanceof Uint8Array) ||
        !(hashes instanceof Uint8Array) ||
        typeof text !== "string"
      ) {
        return { reply: null, full: false };
      }
      return { reply: { count, json, hashes, table, text }, full: sizes.length === limit };
    } catch {
      return { reply: null, full: false }; // any driver error: the main thread reads the page and reports it
    }
  };
  const post = (reply: PageReply): void => {
    if (reply === null) {
      port.postMessage(null);
      return;
    }
    // The driver's buffers are handed over without a copy when that is allowed (a buffer that
    // owns all its memory and may be detached); else they are copied into ones that can be.
    const { json, hashes, table } = reply;
    const own = (b: Uint8Array) => (b.byteOffset === 0 && b.byteLength === b.buffer.byteLength ? b : new Uint8Array(b));
    try {
      const moved = { ...reply, json: own(json), hashes: own(hashes) };
      port.postMessage(moved, [
        moved.json.buffer as ArrayBuffer,
        moved.hashes.buffer as ArrayBuffer,
        table.buffer as ArrayBuffer,
      ]);
    } catch {
      const copied = { ...reply, json: new Uint8Array(json), hashes: new Uint8Array(hashes) };
      port.postMessage(copied, [copied.json.buffer, copied.hashes.buffer, table.buffer as ArrayBuffer]);
    }
  };
  // Reading on: while the main thread checks a page, the next `depth` pages (each starting
  // where the one before ended, with the same limit) are read, one an event-loop turn so a
  // request is never kept waiting behind more than one page. A page read ahead answers only
  // the request that comes next, only if it asks exactly for it, and only within
  // `freshMs`; anything else discards them all and reads afresh.
  type Ahead = { after: number; limit: number; reply: PageReply; full: boolean; at: number };
  const ahead: Ahead[] = [];
  let base: Ahead | null = null;
  let scheduled = false;
  const readOn = (): void => {
    scheduled = false;
    if (base === null || !base.full || base.reply === null || ahead.length >= data.depth) return;
    const after = base.after + base.reply.count;
    base = { after, limit: base.limit, ...readPage(after, base.limit), at: performance.now() };
    if (!base.full || base.reply === null) {
      base = null; // the log's end (or a page for the main thread): nothing kept
      return;
    }
    ahead.push(base);
    scheduled = true;
    setImmediate(readOn);
  };
  port.on("message", (request: PageRequest) => {
    const next = ahead.shift();
    let page: Ahead;
    if (
      next !== undefined &&
      next.after === request.after &&
      next.limit === request.limit &&
      performance.now() - next.at <= data.freshMs
    ) {
      page = next;
    } else {
      ahead.length = 0;
      page = { ...request, ...readPage(request.after, request.limit), at: performance.now() };
      base = page;
    }
    post(page.reply);
    if (!scheduled) {
      scheduled = true;
      setImmediate(readOn);
    }
  });
}

/** The worker's source: its body, with the two functions it uses as its source text. */
// `__name`: a transpiler that keeps function names (esbuild's keepNames, as tsx runs the
// source) wraps inner functions in calls to a helper the source text does not carry.
// `workerRequire`: the eval worker's own `require`, named so that no bundler rewrites it
// (an ESM build turns a `require` call into a helper that throws).
const THREAD_SOURCE = `"use strict";
const __name = (target) => target;
const workerRequire = require;
const workerPackedTable = ${packedTable.toString()};
const workerLeafPageLength = ${leafPageLength.toString()};
(${leafReaderThread.toString()})();`;

/** This module's file, from source or from either build (ESM or CommonJS). */
function moduleFile(): string {
  return typeof __filename === "string" ? __filename : fileURLToPath(import.meta.url);
}

/**
 * A worker thread reading the verifier's packed pages from its own read-only connection.
 * `read` resolves `null` whenever the page must be read in the calling thread; the worker
 * keeps the process alive only while a page is asked for, and `close` ends it.
 */
export class LeafReadAhead {
  private worker: Worker | null;
  private readonly waiting: ((reply: PageReply) => void)[] = [];

  private constructor(worker: Worker) {
    this.worker = worker;
    worker.unref();
    worker.on("message", (reply: PageReply) => {
      this.waiting.shift()?.(reply);
      if (this.waiting.length === 0) this.worker?.unref();
    });
    const stop = () => this.stop();
    worker.on("error", stop);
    worker.on("exit", stop);
  }

  /** Starts the worker, or `null` when no thread can be started here. */
  static start(options: {
    path: string;
    timeout: number;
    lengthsSql: string;
    packedSql: string;
    budget: number;
  }): LeafReadAhead | null {
    try {
      const driver = createRequire(moduleFile()).resolve("better-sqlite3");
      const workerData: ThreadData = { driver, depth: READ_AHEAD_PAGES, freshMs: READ_AHEAD_FRESH_MS, ...options };
      return new LeafReadAhead(new Worker(THREAD_SOURCE, { eval: true, workerData }));
    } catch {
      return null;
    }
  }

  /** The packed page after `after` (at most `limit` events), or `null`: read it in this thread. */
  read(after: number, limit: number): Promise<PageReply> {
    const worker = this.worker;
    if (worker === null) return Promise.resolve(null);
    return new Promise((resolve) => {
      if (this.waiting.length === 0) worker.ref();
      this.waiting.push(resolve);
      worker.postMessage({ after, limit } satisfies PageRequest);
    });
  }

  /** Whether the worker is still there to ask. */
  get running(): boolean {
    return this.worker !== null;
  }

  /** Ends the worker; pages still asked for resolve `null`. */
  async close(): Promise<void> {
    const worker = this.worker;
    this.stop();
    await worker?.terminate();
  }

  private stop(): void {
    this.worker = null;
    for (const resolve of this.waiting.splice(0)) resolve(null);
  }
}
