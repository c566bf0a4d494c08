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
import { leafPageLength, type MerkleNodeRun } from "@sanxiang/core";
import { packedNodeRun } from "./merkle-nodes.js";

/** A packed page as the worker hands it over: the buffers of one packed row and its field table. */
export interface PackedPage {
  /** Events in the page. */
  readonly count: number;
  /** The events' stored JSON bytes, one 0x0A byte between two events. */
  readonly json: Uint8Array;
  /** Their leaf hashes end to end, each of the algorithm's length. */
  readonly hashes: Uint8Array;
  /** Two numbers an event: where its JSON ends in `json`, its `seq`. */
  readonly table: Float64Array;
  /** The case ids, one `\n` between two. */
  readonly ids: string;
  /** The types, one `\n` between two. */
  readonly types: string;
}

/**
 * 打包页 — a page of the packed read ({@link PageStatements.packed}: count, the type check,
 * the JSON joined by 0x0A, the leaf hashes end to end, the seqs comma-separated, the case ids
 * and the types joined by `\n`) checked and split into its field table, or `null` when the
 * page must be read row by row: not `expected` events, a column of another type (the SQL
 * counts the rows whose leaf hash is a BLOB of `hashLength` bytes, seq an INTEGER, case id
 * and type TEXT, JSON not NULL), a seq that is negative or beyond 2^53 − 1, or a JSON holding a
 * raw 0x0A byte (canonical JSON never does: the pieces would not be `expected`). A case id or
 * type holding a `\n` is found when the texts are split (see `leavesOfPage`). Self-contained:
 * it also runs inside the worker (as its source text).
 */
export function packedPage(row: unknown, expected: number, hashLength: number): PackedPage | null {
  if (!Array.isArray(row) || row.length !== 7) return null;
  const [count, checked, json, hashes, seqs, ids, types] = row as unknown[];
  if (
    count !== expected ||
    checked !== expected ||
    expected < 1 ||
    !(json instanceof Uint8Array) ||
    !(hashes instanceof Uint8Array) ||
    hashes.length !== hashLength * expected ||
    typeof seqs !== "string" ||
    typeof ids !== "string" ||
    typeof types !== "string"
  ) {
    return null;
  }
  const table = new Float64Array(2 * expected);
  // The seqs: unsigned decimal integers, one a comma (SQLite's text of an INTEGER).
  let field = 1;
  let value = 0;
  let digits = 0;
  for (let i = 0; i < seqs.length; i++) {
    const c = seqs.charCodeAt(i);
    if (c >= 0x30 && c <= 0x39) {
      value = value * 10 + (c - 0x30);
      digits++;
      continue;
    }
    if (c !== 0x2c || digits === 0 || field >= table.length || value > Number.MAX_SAFE_INTEGER) return null;
    table[field] = value;
    field += 2;
    value = 0;
    digits = 0;
  }
  if (digits === 0 || field !== table.length - 1 || value > Number.MAX_SAFE_INTEGER) return null;
  table[field] = value;
  // The JSON's ends: exactly expected − 1 separators. The driver's Buffer searches with its
  // own indexOf (native, memchr: ≈ 5× faster a call than the typed array's, measured).
  const bytes = json;
  let at = 0;
  for (let i = 0; i < expected - 1; i++) {
    const end = bytes.indexOf(0x0a, at);
    if (end < 0) return null;
    table[2 * i] = end;
    at = end + 1;
  }
  if (bytes.indexOf(0x0a, at) >= 0) return null;
  table[2 * expected - 2] = bytes.length;
  return { count: expected, json, hashes, table, ids, types };
}

/** A prepared statement as the page reader uses it (better-sqlite3's, in either thread). */
interface PageStatement {
  get(...params: unknown[]): unknown;
}

/**
 * The three statements of a page read: `sized` (count, JSON not NULL, JSON bytes of the
 * positions after+1 … after+limit; `null` when this SQLite lacks `octet_length`), `lengths`
 * (the next `limit` events' byte lengths, comma-separated, `x` for a NULL) and `packed` (the
 * positions after+1 … end in one row, see {@link packedPage}; `null` when unsupported).
 */
export interface PageStatements {
  readonly sized: PageStatement | null;
  readonly lengths: PageStatement;
  readonly packed: PageStatement | null;
}

/**
 * One page read: how many events it takes (`0`: none are left; `null`: the lengths could
 * not be trusted — read row by row up to the limit), the packed row of those events
 * (`undefined`: none read — then read them row by row; else split it with {@link packedPage})
 * and whether every one of the `limit` events asked for existed.
 */
export interface PageRead {
  readonly taken: number | null;
  readonly row: unknown;
  readonly full: boolean;
}

/**
 * Reads one page of at most `limit` events after `after`, ending by bytes (`budget`: every
 * event that starts below it, at least one): first one cheap walk of the positions after+1 …
 * after+limit (their count and byte total — when all are there and below the budget, the page
 * is all of them), else the events' lengths one by one (`pageLength`); then the packed row of
 * exactly those positions. Self-contained (runs in the worker as its source text, with
 * `pageLength` being core's `leafPageLength`); throws what the driver throws, but a packed
 * read too large for one SQLite value gives no row.
 */
export function readPackedPage(
  statements: PageStatements,
  after: number,
  limit: number,
  budget: number,
  pageLength: (lengths: readonly number[], budget: number) => number | null,
): PageRead {
  let taken: number | null = null;
  let full = false;
  const sized = statements.sized?.get(after, after + limit);
  if (
    Array.isArray(sized) &&
    sized[0] === limit &&
    sized[1] === limit &&
    typeof sized[2] === "number" &&
    sized[2] < budget
  ) {
    // All `limit` positions there, none NULL, below the budget together: every event starts below it.
    taken = limit;
    full = true;
  } else {
    const listed = statements.lengths.get(after, limit);
    if (listed === null || listed === undefined) return { taken: 0, row: undefined, full: false };
    if (typeof listed === "string" && /^\d+(,\d+)*$/.test(listed)) {
      const lengths = listed.split(",").map(Number);
      taken = pageLength(lengths, budget);
      full = lengths.length === limit;
    }
  }
  if (taken === null || taken === 0 || statements.packed === null) return { taken, row: undefined, full };
  let row: unknown;
  try {
    row = statements.packed.get(after, after + taken);
  } catch {
    // A page too large for one SQLite value (SQLITE_MAX_LENGTH, 1e9 bytes by default): row by row.
    row = undefined;
  }
  return { taken, row, full };
}

/** Pages the worker reads ahead of the requests (each at most READ_LEAVES_PAGE_BYTES and one event). */
export const READ_AHEAD_PAGES = 2;
/** How long a page read ahead may wait for its request before it is read again, in milliseconds. */
export const READ_AHEAD_FRESH_MS = 1_000;

interface ThreadData {
  readonly driver: string;
  readonly path: string;
  readonly timeout: number;
  /** The SQL of the three statements (see {@link PageStatements}); `sizedSql` may fail to prepare. */
  readonly sizedSql: string;
  readonly lengthsSql: string;
  readonly packedSql: string;
  readonly budget: number;
  readonly hashLength: number;
  /** Pages read ahead of the requests, at most. */
  readonly depth: number;
  /** How long a page read ahead may wait for its request, in milliseconds. */
  readonly freshMs: number;
  /** The SQL of a run of stored subtrees in one row (NODE_RUN_SQL); may fail to prepare. */
  readonly nodeRunSql: string;
}

/** A request to the worker: the page after `after`, at most `limit` events. */
interface PageRequest {
  readonly after: number;
  readonly limit: number;
}

/** A request to the worker: the stored subtrees of these runs (levels ≥ 1, checked against the log). */
interface NodeRunsRequest {
  readonly runs: readonly MerkleNodeRun[];
}

/** The worker's reply: a page, or `null` (read it in the main thread). */
type PageReply = PackedPage | null;

/** The worker's reply to a {@link NodeRunsRequest}: a buffer a run, or `null` (read them in the main thread). */
type NodeRunsReply = { readonly runs: readonly Uint8Array[] } | null;

// The worker's body. It runs from its source text (an `eval` worker, so the same code runs
// from source, from the built package and under the test runner), with `packedPage`,
// `readPackedPage` and core's `leafPageLength` prepended the same way: it must not refer to
// anything else.
declare const workerPackedPage: typeof packedPage;
declare const workerReadPackedPage: typeof readPackedPage;
declare const workerLeafPageLength: typeof leafPageLength;
declare const workerPackedNodeRun: typeof packedNodeRun;
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
  let sized: Statement | null = null;
  try {
    sized = db.prepare(data.sizedSql).raw();
  } catch {
    sized = null; // an SQLite without octet_length: the lengths one by one
  }
  const statements = { sized, lengths: db.prepare(data.lengthsSql).pluck(), packed: db.prepare(data.packedSql).raw() };
  let nodeRun: Statement | null = null;
  try {
    nodeRun = db.prepare(data.nodeRunSql).raw();
  } catch {
    nodeRun = null; // the main thread reads the runs
  }
  // Every run whole (each proven by its row), handed over without a copy; else null.
  const postRuns = (request: NodeRunsRequest): void => {
    const out: Uint8Array[] = [];
    try {
      for (const { level, first, count } of request.runs) {
        const row =
          level > 0 && nodeRun !== null ? nodeRun.get(data.hashLength, level, first, first + count - 1) : null;
        const run = workerPackedNodeRun(row, first, count, data.hashLength);
        if (run === null) {
          port.postMessage(null);
          return;
        }
        out.push(run.byteOffset === 0 && run.byteLength === run.buffer.byteLength ? run : new Uint8Array(run));
      }
    } catch {
      port.postMessage(null); // any driver error: the main thread reads the runs and reports it
      return;
    }
    try {
      port.postMessage(
        { runs: out },
        out.map((b) => b.buffer as ArrayBuffer),
      );
    } catch {
      const copies = out.map((b) => new Uint8Array(b));
      port.postMessage(
        { runs: copies },
        copies.map((b) => b.buffer),
      );
    }
  };
  // One page: the reply, and whether every row it asked for existed (such a page reads the
  // same later, rows being append-only; a page that ran into the log's end may not, so it is
  // never kept for later).
  const readPage = (after: number, limit: number): { reply: PageReply; full: boolean } => {
    try {
      const read = workerReadPackedPage(statements, after, limit, data.budget, workerLeafPageLength);
      const page =
        read.taken === null || read.taken === 0 ? null : workerPackedPage(read.row, read.taken, data.hashLength);
      return { reply: page, full: page !== null && read.full };
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
  port.on("message", (message: PageRequest | NodeRunsRequest) => {
    if ("runs" in message) {
      postRuns(message);
      return;
    }
    const request = message;
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

/** The worker's source: its body, with the three functions it uses as their source text. */
// `__name`: a transpiler that keeps function names (esbuild's keepNames, as tsx runs the
// source) wraps inner functions in calls to a helper the source text does not carry.
// `workerRequire`: the eval worker's own `require`, named so that no bundler rewrites it
// (an ESM build turns a `require` call into a helper that throws).
const THREAD_SOURCE = `"use strict";
const __name = (target) => target;
const workerRequire = require;
const workerPackedPage = ${packedPage.toString()};
const workerReadPackedPage = ${readPackedPage.toString()};
const workerLeafPageLength = ${leafPageLength.toString()};
const workerPackedNodeRun = ${packedNodeRun.toString()};
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
  // Replies come in the order of the requests (the worker answers each message in turn).
  private readonly waiting: ((reply: unknown) => void)[] = [];

  private constructor(
    worker: Worker,
    private readonly hashLength: number,
  ) {
    this.worker = worker;
    worker.unref();
    worker.on("message", (reply: unknown) => {
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
    sizedSql: string;
    lengthsSql: string;
    packedSql: string;
    budget: number;
    hashLength: number;
    nodeRunSql: string;
  }): LeafReadAhead | null {
    try {
      const driver = createRequire(moduleFile()).resolve("better-sqlite3");
      const workerData: ThreadData = { driver, depth: READ_AHEAD_PAGES, freshMs: READ_AHEAD_FRESH_MS, ...options };
      return new LeafReadAhead(new Worker(THREAD_SOURCE, { eval: true, workerData }), options.hashLength);
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
      this.waiting.push((reply) => resolve(reply as PageReply));
      worker.postMessage({ after, limit } satisfies PageRequest);
    });
  }

  /**
   * The stored subtrees of `runs` (levels ≥ 1, already checked against the log), a buffer a
   * run of `count × hashLength` bytes, or `null`: read them in this thread (a run not proven
   * whole, a driver error, the worker gone).
   */
  readNodeRuns(runs: readonly MerkleNodeRun[]): Promise<Uint8Array[] | null> {
    const worker = this.worker;
    if (worker === null) return Promise.resolve(null);
    return new Promise((resolve) => {
      if (this.waiting.length === 0) worker.ref();
      this.waiting.push((reply) => {
        const buffers = (reply as NodeRunsReply)?.runs;
        const whole =
          Array.isArray(buffers) &&
          buffers.length === runs.length &&
          buffers.every(
            (b, i) => b instanceof Uint8Array && b.length === (runs[i] as MerkleNodeRun).count * this.hashLength,
          );
        resolve(whole ? [...buffers] : null);
      });
      worker.postMessage({
        runs: runs.map(({ level, first, count }) => ({ level, first, count })),
      } satisfies NodeRunsRequest);
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
